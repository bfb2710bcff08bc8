"""The pre-filled documents of seed footnotes 4–8 as plain data, with no I/O: a
document is a title and sections, each with a heading, paragraphs, bullet lists and
tables. `generator.documents.invitation` fills in the values and writes one model both as
Markdown and as Word.

Also here: the shape of the category templates (generator/data/invitation-templates.yaml)
and the three generic documents built from one category's template alone: ROS, DPIA
and benefit realisation. The tender invitation is built in `generator.documents.invitation`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from generator.models import reference
from generator.models.base import AgreementType, CategoryId, IsoDate, Line, Markdown, Model, Slug
from generator.models.calloff import AwardCriteria, Requirement
from generator.norway import identifiers
from generator.norway.formatting import NBSP, long_date

# ---------------------------------------------------------------- the document model


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a web page (`https://…`) or to another generated document, named by
    its stem; each writer adds its own extension (`.md`, `.docx`)."""

    text: str
    target: str
    kind: ClassVar[str] = "link"

    def __post_init__(self) -> None:
        if not (self.target.startswith("https://") or identifiers.is_slug(self.target)):
            raise ValueError(f"lenkemålet {self.target!r} er verken https eller et dokumentnavn")

    @property
    def external(self) -> bool:
        return self.target.startswith("https://")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str | Link, ...]
    kind: ClassVar[str] = "bullets"


@dataclass(frozen=True, slots=True)
class Table:
    """The first row is the header row (repeated on each page in Word)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    kind: ClassVar[str] = "table"

    def __post_init__(self) -> None:
        if any(len(row) != len(self.header) for row in self.rows):
            raise ValueError(f"tabellen {self.header} har rader med feil antall celler")


Block = Paragraph | Bullets | Table


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()


MAX_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Document:
    """`stem` names the document for links between documents; `issued` is the date
    it stands for (fixed from the data, so output is reproducible)."""

    stem: str
    title: str
    subject: str
    issued: date
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()

    def walk(self) -> Iterator[tuple[int, Section]]:
        """Every section in reading order with its level: 1, 2 or 3."""

        def visit(sections: tuple[Section, ...], level: int) -> Iterator[tuple[int, Section]]:
            for section in sections:
                if level > MAX_DEPTH:
                    raise ValueError(f"«{section.heading}» ligger dypere enn {MAX_DEPTH} nivåer")
                yield level, section
                yield from visit(section.sections, level + 1)

        return visit(self.sections, 1)


# ---------------------------------------------------------------- values as text

_BULLET = re.compile(r"[-*+] +")


def kroner(amount: int) -> str:
    """«1 800 000 kroner», with no-break spaces."""
    return f"{amount:,}".replace(",", NBSP) + f"{NBSP}kroner"


def percent(value: int | None) -> str:
    return "–" if value is None else f"{value}{NBSP}%"


def fill(value: str | None, what: str) -> str:
    """The value, or a marked place for the municipality to fill in."""
    return value if value is not None else f"«Fyll inn: {what}»"


def one_line(text: str) -> str:
    return " ".join(text.split())


def text_blocks(text: str) -> tuple[Block, ...]:
    """A contributor's free text as paragraphs and simple bullet lists; all other
    Markdown stays literal text (the writers escape it)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if _BULLET.match(lines[0]):
            items: list[str] = []
            for line in lines:
                marker = _BULLET.match(line)
                if marker:
                    items.append(line[marker.end() :])
                else:
                    items[-1] += " " + line
            blocks.append(Bullets(tuple(one_line(item) for item in items)))
        else:
            blocks.append(Paragraph(one_line(" ".join(lines))))
    return tuple(blocks)


# ---------------------------------------------------------------- category templates

TEMPLATE_KINDS = ("tilbudsinvitasjon", "ros", "dpia", "gevinstrealisering")


def template_stem(category_id: str, kind: str) -> str:
    """The file stem of one of a category's four templates, e.g. `sarbehandling-ros`."""
    if kind not in TEMPLATE_KINDS:
        raise ValueError(f"ukjent maltype {kind!r}")
    return f"{category_id}-{kind}"


class Area(Model):
    id: Slug = Field(description="Kravområdets id.")
    name: Line = Field(description="Navnet, som i fotnote 4.")


class Risk(Model):
    event: Line = Field(description="Den uønskede hendelsen.")
    cause: Markdown = Field(description="Mulige årsaker.")
    measures: Markdown = Field(description="Foreslåtte tiltak.")


class Benefit(Model):
    benefit: Line = Field(description="Gevinsten.")
    kind: Literal["quality", "time", "money"] = Field(description="Kvalitet, tid eller økonomi.")
    indicator: Line = Field(description="Hva som måles.")
    measurement: Markdown = Field(description="Hvordan og når det måles.")


Requirements = dict[Slug, tuple[Requirement, ...]]


class Common(Model):
    requirements: Requirements = Field(description="Krav i alle kategorier, per kravområde.")
    risks: tuple[Risk, ...] = Field(description="Hendelser i alle ROS-analyser.")
    privacy_risks: tuple[Risk, ...] = Field(min_length=1, description="Risikoer i alle DPIA-er.")


class CategoryTemplate(Model):
    category: CategoryId = Field(description="Kategorien.")
    agreement_type: AgreementType = Field(description="Anbefalt standardavtale.")
    agreement_note: Markdown = Field(description="Hvorfor avtalen passer.")
    requirements: Requirements = Field(description="Kategoriens egne krav, per kravområde.")
    award_criteria: AwardCriteria = Field(description="Standard tildelingskriterier.")
    risks: tuple[Risk, ...] = Field(min_length=1, description="Typiske uønskede hendelser.")
    personal_data: tuple[Line, ...] = Field(min_length=1, description="Personopplysningene.")
    data_subjects: tuple[Line, ...] = Field(min_length=1, description="De registrerte.")
    privacy_note: Markdown = Field(description="Det DPIA-en særlig må vurdere.")
    benefits: tuple[Benefit, ...] = Field(min_length=1, description="Forventede gevinster.")


@dataclass(frozen=True, slots=True)
class Template:
    """One category's template with the common parts merged in, in area order."""

    version: str
    issued: date
    category: reference.Entry
    agreement: reference.Entry
    agreement_note: str
    requirements: tuple[tuple[Area, tuple[Requirement, ...]], ...]
    award_criteria: AwardCriteria
    risks: tuple[Risk, ...]
    privacy_risks: tuple[Risk, ...]
    personal_data: tuple[str, ...]
    data_subjects: tuple[str, ...]
    privacy_note: str
    benefits: tuple[Benefit, ...]


class TemplateSet(Model):
    """The whole file. Broken content is a tool failure: the validators raise."""

    version: Line
    issued: IsoDate
    areas: tuple[Area, ...] = Field(min_length=1)
    common: Common
    categories: tuple[CategoryTemplate, ...]

    @model_validator(mode="after")
    def _consistent(self) -> TemplateSet:
        areas = [area.id for area in self.areas]
        if len(set(areas)) != len(areas):
            raise ValueError("et kravområde står to ganger i «areas»")
        ids = [template.category for template in self.categories]
        if len(set(ids)) != len(ids) or set(ids) != set(reference.categories()):
            raise ValueError("hver kategori i categories.yaml skal ha nøyaktig én mal")
        for template in self.categories:
            groups = [self.common.requirements, template.requirements]
            if unknown := {key for group in groups for key in group} - set(areas):
                raise ValueError(f"{template.category}: ukjent kravområde {sorted(unknown)}")
            seen = [r.id for group in groups for rs in group.values() for r in rs]
            if len(set(seen)) != len(seen):
                raise ValueError(f"{template.category}: samme krav-id står to ganger")
            criteria = template.award_criteria.criteria
            if sum(c.weight_percent or 0 for c in criteria) != 100:
                raise ValueError(f"{template.category}: vektene summerer ikke til 100")
            if sum(c.weight_percent or 0 for c in criteria if c.kind == "environment") < 30:
                raise ValueError(f"{template.category}: klima og miljø skal vektes minst 30 %")
        return self

    def template(self, category_id: str) -> Template:
        """Raises KeyError for a category with no template."""
        own = {template.category: template for template in self.categories}[category_id]
        groups = (self.common.requirements, own.requirements)
        requirements = tuple(
            (area, tuple(r for group in groups for r in group.get(area.id, ())))
            for area in self.areas
        )
        return Template(
            version=self.version,
            issued=self.issued,
            category=reference.categories()[own.category],
            agreement=reference.agreement_types()[own.agreement_type],
            agreement_note=own.agreement_note,
            requirements=tuple((area, rs) for area, rs in requirements if rs),
            award_criteria=own.award_criteria,
            risks=own.risks + self.common.risks,
            privacy_risks=self.common.privacy_risks,
            personal_data=own.personal_data,
            data_subjects=own.data_subjects,
            privacy_note=own.privacy_note,
            benefits=own.benefits,
        )


# ---------------------------------------------------------------- ROS, DPIA, benefits

_BLANK = "«Fyll inn»"
_ABOUT_HEADER = ("Opplysning", "Verdi")
_BENEFIT_KIND = {"quality": "Kvalitet", "time": "Tid", "money": "Økonomi"}


def _preface(template: Template, what: str) -> Paragraph:
    return Paragraph(
        f"Mal fra Markedsplassen for kategorien «{template.category.name}», versjon "
        f"{template.version} av {long_date(template.issued)}. {what} Fyll inn det som er "
        "merket «Fyll inn», og legg til det som gjelder lokale forhold."
    )


def _about(*rows: str, header: tuple[str, str] = _ABOUT_HEADER) -> Table:
    return Table(header, tuple((row, _BLANK) for row in rows))


def ros(template: Template) -> Document:
    """Risiko- og sårbarhetsanalyse: the frame, the scales and the typical events."""
    events = tuple(
        (str(n), r.event, one_line(r.cause), one_line(r.measures), "", "", "")
        for n, r in enumerate(template.risks, 1)
    )
    return Document(
        stem=template_stem(template.category.id, "ros"),
        title=f"Risiko- og sårbarhetsanalyse (ROS): {template.category.name}",
        subject="Risiko- og sårbarhetsanalyse",
        issued=template.issued,
        blocks=(
            _preface(
                template,
                "Kommunen gjør analysen lokalt, med fagpersoner fra helse, IT, personvern og "
                "informasjonssikkerhet, før den bestemmer seg for å ta løsningen i bruk.",
            ),
        ),
        sections=(
            Section(
                "Om analysen",
                (
                    _about(
                        "Kommune",
                        "Løsning og leverandør",
                        "Tjenestesteder",
                        "Deltakere i analysen",
                        "Dato",
                        "Godkjent av",
                    ),
                ),
            ),
            Section(
                "Metode",
                (
                    Paragraph(
                        "Vurder sannsynlighet (S) og konsekvens (K) for hver hendelse på en "
                        "skala fra 1 til 4. Risikoen er S ganger K."
                    ),
                    Table(
                        ("Verdi", "Sannsynlighet", "Konsekvens"),
                        (
                            ("1", "Sjeldnere enn hvert tiende år", "Ubetydelig"),
                            ("2", "Én gang i løpet av 1–10 år", "Mindre skade eller avvik"),
                            (
                                "3",
                                "Én gang i året",
                                "Skade på pasient eller brudd på taushetsplikt",
                            ),
                            ("4", "Flere ganger i året", "Alvorlig skade eller stort brudd"),
                        ),
                    ),
                    Table(
                        ("Risiko", "Nivå", "Hva kommunen gjør"),
                        (
                            ("1–3", "Lav", "Akseptabel; følg med."),
                            ("4–8", "Middels", "Vurder tiltak; ledelsen aksepterer restrisikoen."),
                            ("9–16", "Høy", "Tiltak før løsningen tas i bruk."),
                        ),
                    ),
                ),
            ),
            Section(
                "Uønskede hendelser",
                (
                    Paragraph(
                        "Hendelsene under er typiske for kategorien. Vurder hver av dem for "
                        "kommunen, og legg til flere."
                    ),
                    Table(
                        (
                            "Nr.",
                            "Uønsket hendelse",
                            "Årsaker",
                            "Foreslåtte tiltak",
                            "S",
                            "K",
                            "Risiko",
                        ),
                        events,
                    ),
                ),
            ),
            Section(
                "Tiltaksplan",
                (Table(("Tiltak", "Ansvarlig", "Frist", "Status"), ((_BLANK,) * 4,)),),
            ),
            Section(
                "Restrisiko og beslutning",
                (
                    Paragraph(
                        "Beskriv risikoen som står igjen etter tiltakene, og hvem som har "
                        "akseptert den: «Fyll inn»."
                    ),
                ),
            ),
        ),
    )


def dpia(template: Template) -> Document:
    """Vurdering av personvernkonsekvenser (personvernforordningen artikkel 35)."""
    risks = tuple(
        (str(n), r.event, one_line(r.cause), one_line(r.measures), "")
        for n, r in enumerate(template.privacy_risks, 1)
    )
    return Document(
        stem=template_stem(template.category.id, "dpia"),
        title=f"Vurdering av personvernkonsekvenser (DPIA): {template.category.name}",
        subject="Vurdering av personvernkonsekvenser",
        issued=template.issued,
        blocks=(
            _preface(
                template,
                "Behandlingen gjelder helseopplysninger om sårbare personer, og kommunen skal "
                "vurdere personvernkonsekvensene før behandlingen starter "
                "(personvernforordningen artikkel 35). Personvernombudet skal gi råd.",
            ),
        ),
        sections=(
            Section(
                "Om vurderingen",
                (
                    _about(
                        "Behandlingsansvarlig (kommunen)",
                        "Databehandler (leverandøren)",
                        "Underdatabehandlere",
                        "Personvernombud",
                        "Dato",
                    ),
                ),
            ),
            Section(
                "Beskrivelse av behandlingen",
                (
                    Paragraph(f"Formål: {template.category.description}"),
                    Paragraph("Personopplysninger som behandles:"),
                    Bullets(template.personal_data),
                    Paragraph("De registrerte:"),
                    Bullets(template.data_subjects),
                    Paragraph(
                        "Dataflyt og lagringssteder: «Fyll inn ut fra leverandørens "
                        "opplysninger». Opplysningene skal lagres og behandles i EU/EØS."
                    ),
                ),
            ),
            Section(
                "Behandlingsgrunnlag",
                (
                    Bullets(
                        (
                            "Personvernforordningen artikkel 6 nr. 1 bokstav c og e: rettslig "
                            "forpliktelse og utøvelse av offentlig myndighet.",
                            "Personvernforordningen artikkel 9 nr. 2 bokstav h: helsehjelp.",
                            "Supplerende grunnlag: helse- og omsorgstjenesteloven, "
                            "pasientjournalloven og helsepersonelloven §§ 39 og 40 "
                            "(dokumentasjonsplikt).",
                        )
                    ),
                    Paragraph("Bekreft grunnlaget med kommunens personvernombud."),
                ),
            ),
            Section(
                "Nødvendighet og forholdsmessighet",
                (
                    Paragraph(one_line(template.privacy_note)),
                    Bullets(
                        (
                            "Bare opplysninger som trengs for formålet, samles inn.",
                            "Lagringstid: «Fyll inn».",
                            "De registrerte får informasjon: «Fyll inn hvordan».",
                            "Innsyn, retting og sletting: «Fyll inn rutine».",
                        )
                    ),
                ),
            ),
            Section(
                "Risiko for de registrerte",
                (
                    Table(
                        ("Nr.", "Risiko", "Mulige årsaker", "Tiltak", "Restrisiko"),
                        risks,
                    ),
                ),
            ),
            Section(
                "Konklusjon",
                (
                    Paragraph("Samlet vurdering av restrisikoen: «Fyll inn»."),
                    Paragraph(
                        "Er restrisikoen høy, skal kommunen drøfte behandlingen med "
                        "Datatilsynet før den starter (personvernforordningen artikkel 36)."
                    ),
                    Paragraph("Personvernombudets råd: «Fyll inn»."),
                ),
            ),
        ),
    )


def benefit_realisation(template: Template) -> Document:
    """Gevinstrealisering: expected benefits with indicators, to measure from day one."""
    benefits = tuple(
        (b.benefit, _BENEFIT_KIND[b.kind], b.indicator, one_line(b.measurement), _BLANK, _BLANK)
        for b in template.benefits
    )
    return Document(
        stem=template_stem(template.category.id, "gevinstrealisering"),
        title=f"Gevinstrealisering: {template.category.name}",
        subject="Plan for gevinstrealisering",
        issued=template.issued,
        blocks=(
            _preface(
                template,
                "Planen er et ferdig forslag til gevinstrealisering som kommunen legger "
                "fram sammen med ROS og DPIA når den bestemmer seg.",
            ),
        ),
        sections=(
            Section("Om planen", (_about("Kommune", "Løsning", "Gevinsteier", "Oppstart"),)),
            Section(
                "Forventede gevinster",
                (
                    Table(
                        ("Gevinst", "Type", "Indikator", "Slik måles det", "Nullpunkt", "Mål"),
                        benefits,
                    ),
                ),
            ),
            Section(
                "Forutsetninger",
                (
                    Bullets(
                        (
                            "Ledelsen har forankret innføringen og avsatt tid til opplæring.",
                            "Superbrukere er utpekt og lært opp før oppstart.",
                            "Gamle rutiner avvikles når løsningen er i bruk.",
                            "Integrasjonene er på plass og verifisert før oppstart.",
                            "Nullpunktet er målt før løsningen tas i bruk.",
                        )
                    ),
                ),
            ),
            Section(
                "Kostnader",
                (
                    _about(
                        "Etablering",
                        "Løpende pris per år",
                        "Opplæring og frikjøp",
                        "Intern prosjekttid",
                        header=("Kostnad", "Beløp"),
                    ),
                ),
            ),
            Section(
                "Oppfølging",
                (
                    Bullets(
                        (
                            "Mål indikatorene etter tre, seks og tolv måneder.",
                            "Rapporter til kommunalsjefen for helse og omsorg.",
                            "Del erfaringene i erfaringsarenaen på markedsplassen.",
                        )
                    ),
                ),
            ),
        ),
    )
