"""The issue forms in .github/ISSUE_TEMPLATE/ (Norwegian bokmål), for people who
have never used Git: publish a need, ask to join a need, share an experience, apply
for qualification in a DPS. The forms are data here; their YAML files are written
by `markedsplass github forms` (the municipality, phase, area and category lists
come from generator/data/, so a new list means regenerating, and a test says when
the files are out of date). `parse` reads back the body GitHub makes of a filled-in
form: one `### Label` section per field, `_No response_` for an empty one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from generator.models import reference

SITE = "https://markedsplassen.example.no/"
NO_RESPONSE = "_No response_"
HEADER = (
    "# Skrevet av `markedsplass github forms` fra generator/github/forms.py og generator/data/.\n"
    "# Ikke rediger for hånd: endre kilden og kjør kommandoen på nytt.\n"
)

FieldKind = Literal["input", "textarea", "dropdown", "checkboxes"]


@dataclass(frozen=True, slots=True)
class Field:
    id: str
    label: str
    kind: FieldKind
    description: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    multiple: bool = False
    placeholder: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True)
class Form:
    kind: str  # need, join, experience, qualification
    file: str
    name: str
    description: str
    title: str
    label: str
    intro: str
    fields: tuple[Field, ...]

    def field(self, field_id: str) -> Field:
        return next(f for f in self.fields if f.id == field_id)


# options ------------------------------------------------------------------------


def municipality_options() -> tuple[str, ...]:
    """«0301 Oslo» … for every municipality in SSB's list, by number."""
    return tuple(
        f"{m.number} {m.name}"
        for m in sorted(reference.municipalities().values(), key=lambda m: m.number)
    )


def phase_options() -> tuple[str, ...]:
    return tuple(
        f"{p.number} {p.name}" for p in sorted(reference.phases().values(), key=lambda p: p.number)
    )


def area_options() -> tuple[str, ...]:
    return tuple(e.name for e in reference.experience_areas().values())


def category_options() -> tuple[str, ...]:
    return tuple(e.name for e in reference.categories().values())


def area_id(name: str) -> str | None:
    return next((e.id for e in reference.experience_areas().values() if e.name == name), None)


def category_id(name: str) -> str | None:
    return next((e.id for e in reference.categories().values() if e.name == name), None)


# the four forms ---------------------------------------------------------------------


def _contact(required: bool) -> tuple[Field, ...]:
    return (
        Field("contact_name", "Kontaktperson: navn", "input", required=required),
        Field(
            "contact_email",
            "Kontaktperson: e-post",
            "input",
            "Vises på nettstedet, så andre kan ta kontakt.",
            required=required,
            placeholder="navn@kommune.no",
        ),
        Field(
            "contact_role", "Kontaktperson: rolle eller stilling", "input", placeholder="Rådgiver"
        ),
    )


def _actor(what: str) -> tuple[Field, ...]:
    return (
        Field(
            "municipality",
            f"Kommunen {what}",
            "dropdown",
            "Velg kommunen. Er du leverandør, la feltet stå tomt og skriv leverandør-id-en under.",
            options=municipality_options(),
        ),
        Field(
            "supplier",
            "… eller leverandørens id",
            "input",
            "Bare for leverandører: id-en fra adressen til leverandøren på nettstedet.",
            placeholder="sarfag",
        ),
    )


def forms() -> tuple[Form, ...]:
    need = Form(
        "need",
        "1-publiser-behov.yml",
        "Publiser et behov",
        "Del et behov eller en idé på innovasjonsarenaen, så andre kommuner, helsepersonell "
        "og leverandører kan bli med.",
        "Behov: ",
        "skjema-behov",
        "Se først på nettstedet om det finnes en løsning eller et behov som passer. Når du "
        "sender skjemaet, lager markedsplassen et forslag til ny post, og svarer her i "
        "saken. Feil i skjemaet får du beskjed om her; rett dem ved å redigere saken.",
        (
            Field(
                "title",
                "Tittel",
                "input",
                "Behovet i én linje.",
                True,
                placeholder="Registrere målinger hos brukeren på mobil",
            ),
            Field(
                "owner",
                "Kommunen som eier behovet",
                "dropdown",
                required=True,
                options=municipality_options(),
            ),
            Field(
                "phase",
                "Fase i KS' veikart for tjenesteinnovasjon",
                "dropdown",
                "Fase 1–3 hører til innovasjonsarenaen; 4–6 kommer etter anskaffelsen.",
                True,
                phase_options(),
            ),
            Field("summary", "Kort oppsummering", "input", "Én setning, vist i lister.", True),
            Field(
                "description",
                "Beskrivelse",
                "textarea",
                "Hva er behovet, hvem har det, og hvordan løses det i dag?",
                True,
            ),
            Field(
                "categories",
                "Områder",
                "dropdown",
                "Velg ett eller flere.",
                options=category_options(),
                multiple=True,
            ),
            Field(
                "seeking",
                "Deltakere",
                "checkboxes",
                options=("Vi søker flere deltakere (kommuner, helsepersonell, leverandører)",),
            ),
            *_contact(True),
            Field(
                "maintainers",
                "Andre GitHub-brukere som kan endre behovet",
                "input",
                "Du blir selv vedlikeholder. Skriv andre brukernavn skilt med komma, uten @.",
                placeholder="bente-bergen, marte-bergen",
            ),
        ),
    )
    join = Form(
        "join",
        "2-bli-med.yml",
        "Be om å bli med i et behov",
        "Spør om å delta i arbeidet med et behov på innovasjonsarenaen.",
        "Bli med: ",
        "skjema-bli-med",
        "Eieren av behovet får forespørselen og svarer ved å godta eller avslå den.",
        (
            Field(
                "need",
                "Behovet",
                "input",
                "Id-en eller adressen til behovet på nettstedet.",
                True,
                placeholder="mobil-maleregistrering-i-hjemmet",
            ),
            *_actor("du representerer"),
            Field("person", "Navnet ditt", "input", required=True),
            Field(
                "message",
                "Hva kan dere bidra med?",
                "textarea",
                "For eksempel hvem som deltar og hvor mye tid dere frigjør "
                "(en sårsykepleier i 30 %).",
                True,
            ),
        ),
    )
    experience = Form(
        "experience",
        "3-del-erfaring.yml",
        "Del en erfaring",
        "Del erfaringer med innovasjon, innkjøp, innføring, bruk eller avvikling, så andre "
        "kan lære av dem.",
        "Erfaring: ",
        "skjema-erfaring",
        "Skriv suksessfaktorer og utfordringer med tiltakene dere gjorde. Kommuner som "
        "vurderer å kjøpe, leser dette først.",
        (
            Field("title", "Tittel", "input", "Erfaringen i én linje.", True),
            *_actor("som deler"),
            Field("area", "Erfaringsområde", "dropdown", required=True, options=area_options()),
            Field("summary", "Kort oppsummering", "input", "Én setning, vist i lister.", True),
            Field("description", "Utdyping", "textarea"),
            Field("solution", "Løsningen det gjelder (id)", "input", placeholder="sarjournal"),
            Field("need", "Behovet det gjelder (id)", "input"),
            Field("calloff", "Uttaket det gjelder (id)", "input"),
            Field(
                "usage_weeks",
                "Uker i bruk",
                "input",
                "Hvor mange uker løsningen hadde vært i bruk.",
                placeholder="3",
            ),
            Field("success_factors", "Suksessfaktorer", "textarea", "Én per linje."),
            Field(
                "challenges",
                "Utfordringer og tiltak",
                "textarea",
                "Én utfordring per avsnitt: en linje som begynner med «Utfordring:» og gjerne "
                "en som begynner med «Tiltak:». Skill avsnittene med en tom linje.",
                value="Utfordring: \nTiltak: \n",
            ),
            Field("recommendation", "Råd til andre", "textarea"),
            *_contact(False),
        ),
    )
    qualification = Form(
        "qualification",
        "4-sok-kvalifisering.yml",
        "Søk om kvalifisering i en dynamisk innkjøpsordning",
        "For leverandører: be om å bli tatt opp i en innkjøpsordning.",
        "Kvalifisering: ",
        "skjema-kvalifisering",
        "Leverandøren må være registrert, og du må stå som vedlikeholder av den. "
        "Markedsplassteamet vurderer søknaden innen 10 virkedager og registrerer "
        "beslutningen; ingen leverandør kan ta seg selv opp.",
        (
            Field(
                "dps",
                "Innkjøpsordningen (id)",
                "input",
                required=True,
                placeholder="dps-sarbehandling-2026",
            ),
            Field("supplier", "Leverandørens id", "input", required=True, placeholder="sarfag"),
            Field(
                "company_certificate", "Dato på firmaattesten", "input", placeholder="2026-11-01"
            ),
            Field("tax_certificate", "Dato på skatteattesten", "input", placeholder="2026-11-01"),
            Field("annual_accounts_year", "År for siste årsregnskap", "input", placeholder="2025"),
            Field(
                "startup",
                "Oppstartsselskap",
                "checkboxes",
                options=("Vi er et oppstartsselskap uten fullt årsregnskap",),
            ),
            Field("competence", "Kompetanse", "textarea"),
            Field("capacity", "Kapasitet", "textarea"),
            Field("quality_management", "Kvalitetssikring", "input", placeholder="ISO 9001"),
            Field(
                "information_security_management",
                "Informasjonssikkerhet",
                "input",
                placeholder="ISO 27001",
            ),
            Field("environmental_management", "Miljøledelse", "input", placeholder="Miljøfyrtårn"),
        ),
    )
    return need, join, experience, qualification


def by_label(label: str) -> Form | None:
    return next((f for f in forms() if f.label == label), None)


# the YAML files -------------------------------------------------------------------------


def _field(f: Field) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": f.label}
    if f.description:
        attributes["description"] = f.description
    if f.placeholder:
        attributes["placeholder"] = f.placeholder
    if f.value:
        attributes["value"] = f.value
    if f.kind == "dropdown":
        attributes["multiple"] = f.multiple
        attributes["options"] = list(f.options)
    if f.kind == "checkboxes":
        attributes["options"] = [{"label": option, "required": False} for option in f.options]
    result: dict[str, Any] = {"type": f.kind, "id": f.id, "attributes": attributes}
    if f.kind != "checkboxes":
        result["validations"] = {"required": f.required}
    return result


def render(form: Form) -> str:
    document = {
        "name": form.name,
        "description": form.description,
        "title": form.title,
        "labels": [form.label],
        "body": [
            {"type": "markdown", "attributes": {"value": form.intro}},
            *(_field(f) for f in form.fields),
        ],
    }
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + text


def config() -> str:
    document = {
        "blank_issues_enabled": True,
        "contact_links": [
            {
                "name": "Slik deltar du",
                "url": f"{SITE}slik-deltar-du/",
                "about": "Veiledning for kommuner, helsepersonell og leverandører.",
            }
        ],
    }
    return HEADER + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def files() -> dict[str, str]:
    """File name in .github/ISSUE_TEMPLATE/ -> its text."""
    return {**{form.file: render(form) for form in forms()}, "config.yml": config()}


def outdated(folder: Path) -> list[str]:
    """The files in `folder` that differ from what the forms say, or are missing."""
    return [
        name
        for name, text in sorted(files().items())
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


# reading a filled-in form back -------------------------------------------------------------

_HEADING = re.compile(r"^### (.+?)\s*$", re.MULTILINE)
_CHECKED = re.compile(r"^- \[[xX]\] (.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Parsed:
    values: dict[str, str | tuple[str, ...] | bool]
    problems: tuple[tuple[str, str], ...]  # (field label, Norwegian message)


def parse(form: Form, body: str) -> Parsed:
    """The values of a filled-in form's body, by field id: text (stripped; missing
    when empty), a tuple for a multiple dropdown, a bool for a checkbox."""
    body = body.replace("\r\n", "\n")
    sections: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    matches = list(_HEADING.finditer(body))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        label = match[1]
        if label in sections:
            problems.append(
                (label, "Skjemaet har to avsnitt med denne overskriften; skriv det én gang.")
            )
            continue
        sections[label] = body[match.end() : end].strip()
    values: dict[str, str | tuple[str, ...] | bool] = {}
    for f in form.fields:
        raw = sections.get(f.label)
        if raw is None and f.required:
            problems.append(
                (
                    f.label,
                    "Feltet mangler i saken. Bruk skjemaet slik det er, uten å fjerne "
                    "overskrifter.",
                )
            )
            continue
        if raw is None or raw == NO_RESPONSE:
            raw = ""
        if f.kind == "checkboxes":
            values[f.id] = bool(set(_CHECKED.findall(raw)) & set(f.options))
        elif f.kind == "dropdown":
            chosen = (
                tuple(part.strip() for part in raw.split(", "))
                if f.multiple and raw
                else ((raw,) if raw else ())
            )
            unknown = [c for c in chosen if c not in f.options]
            if unknown:
                problems.append((f.label, f"«{unknown[0]}» er ikke et av valgene i listen."))
            elif f.multiple:
                values[f.id] = chosen
            elif chosen:
                values[f.id] = chosen[0]
        elif raw:
            values[f.id] = raw
        if f.required and f.id not in values:
            problems.append((f.label, "Feltet må fylles ut."))
    return Parsed(values, tuple(problems))
