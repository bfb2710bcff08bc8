"""From a filled-in issue form to a proposed change: the files it writes (a new need
or experience, a join request beside a need, an application beside a DPS and the
supplier's qualification details), always new event files and never an edit of a
shared list, checked with the same models, cross-checks and rules as every record,
and judged by the same rules as a pull request (`authorize`) for the issue's
author. Problems come back per form field, in the
check's own Norwegian words, so the person who filled in the form can fix it by
editing the issue. Values are only ever written through `emitting`, so no text
from the form becomes YAML structure."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator import pipeline
from generator.catalogue import config
from generator.github import authorize, forms
from generator.github import markdown_text as md
from generator.github.authorize import supplier_path
from generator.github.forms import Form
from generator.loading import emitting, yaml_files
from generator.models import reference
from generator.models.kinds import (
    APPLICATION,
    DPS,
    EXPERIENCE,
    JOIN_REQUEST,
    KINDS,
    MUNICIPALITY,
    NEED,
    Kind,
)
from generator.norway import identifiers

MARKER = "<!-- markedsplassen-skjema -->"
MAX_BODY = 65_536

Values = dict[str, str | tuple[str, ...] | bool]


@dataclass(frozen=True, slots=True)
class Problem:
    label: str  # the form field, or «Skjemaet»
    message: str
    code: str


@dataclass
class Draft:
    """What a form becomes before it is checked: files, and where each form field
    ended up in them (path -> loc -> field label)."""

    files: dict[str, str] = field(default_factory=dict)
    places: dict[str, dict[yaml_files.Loc, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    name: str = ""  # what the pull request's title names
    # the form field that says in whose name a file is written, by path
    speaker: dict[str, str] = field(default_factory=dict)

    def problem(self, label: str, message: str, code: str = "intake-form") -> None:
        self.problems.append(Problem(label, message, code))


@dataclass(frozen=True, slots=True)
class Outcome:
    files: dict[str, str]
    problems: tuple[Problem, ...]
    name: str
    # a request the team decides (registering a municipality): the files are shown
    # to the team on the issue, never proposed by the bot
    for_team: bool = False


# values ------------------------------------------------------------------------------


def _text(values: Values, key: str) -> str | None:
    value = values.get(key)
    return value if isinstance(value, str) else None


def _record_id(value: str) -> str:
    """An id as typed, or taken from the address of its page."""
    return value.strip().rstrip("/").rsplit("/", 1)[-1].strip().lower()


def _unique_id(root: Path, kind: Kind[Any], title: str, fallback: str) -> str:
    base = identifiers.slugify(title)[:60].strip("-") or fallback
    candidate, n = base, 2
    while (root / kind.path(candidate)).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _number(text: str) -> int | str:
    return int(text) if text.isdigit() and len(text) < 7 else text


def _lines(text: str | None) -> list[str]:
    return [line.strip(" -*•\t") for line in (text or "").splitlines() if line.strip(" -*•\t")]


def _challenges(text: str | None) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for paragraph in (text or "").split("\n\n"):
        challenge: list[str] = []
        measures: list[str] = []
        current = challenge
        for line in paragraph.splitlines():
            stripped = line.strip()
            if stripped.lower().startswith("utfordring:"):
                current = challenge
                stripped = stripped[len("utfordring:") :].strip()
            elif stripped.lower().startswith("tiltak:"):
                current = measures
                stripped = stripped[len("tiltak:") :].strip()
            if stripped:
                current.append(stripped)
        if challenge:
            item = {"challenge": " ".join(challenge)}
            if measures:
                item["measures"] = " ".join(measures)
            found.append(item)
    return found


def _actor(form: Form, values: Values, draft: Draft) -> str | None:
    municipality = _text(values, "municipality")
    supplier = _text(values, "supplier")
    if bool(municipality) == bool(supplier):
        draft.problem(
            form.field("municipality").label,
            "Velg kommunen du representerer, eller skriv leverandørens id – ett av dem.",
        )
        return None
    return municipality.split(" ", 1)[0] if municipality else _record_id(supplier or "")


def _contact(values: Values) -> dict[str, str] | None:
    contact = {
        key: value
        for key, value in (
            ("name", _text(values, "contact_name")),
            ("email", _text(values, "contact_email")),
            ("role", _text(values, "contact_role")),
        )
        if value
    }
    return contact or None


_CONTACT_PLACES: dict[yaml_files.Loc, str] = {
    ("contact", "name"): "contact_name",
    ("contact", "email"): "contact_email",
    ("contact", "role"): "contact_role",
}


def _new_record(
    form: Form,
    draft: Draft,
    kind: Kind[Any],
    record: dict[str, Any],
    places: dict[yaml_files.Loc, str],
) -> None:
    path = kind.path(record["id"])
    draft.files[path] = emitting.dump(record, path)
    draft.places[path] = {loc: form.field(field_id).label for loc, field_id in places.items()}
    draft.name = str(record.get("title") or record["id"])


def _need(root: Path, form: Form, values: Values, author: str, today: date, draft: Draft) -> None:
    title = _text(values, "title") or ""
    others = (_text(values, "maintainers") or "").replace(",", " ").split()
    categories = [forms.category_id(name) for name in values.get("categories") or ()]  # type: ignore[union-attr]
    record: dict[str, Any] = {
        "id": _unique_id(root, NEED, title, "behov"),
        "title": title,
        "owner": (_text(values, "owner") or "").split(" ", 1)[0],
        "published": today,
        "phase": int((_text(values, "phase") or "1").split(" ", 1)[0]),
        "status": "open",
        "summary": _text(values, "summary"),
        "description": _text(values, "description"),
    }
    if categories:
        record["categories"] = categories
    if values.get("seeking") is True:
        record["seeking_participants"] = True
    record["contact"] = _contact(values)
    record["maintainers"] = list(dict.fromkeys([author, *others]))
    places: dict[yaml_files.Loc, str] = {
        ("title",): "title",
        ("owner",): "owner",
        ("phase",): "phase",
        ("summary",): "summary",
        ("description",): "description",
        ("categories",): "categories",
        ("contact",): "contact_name",
        **_CONTACT_PLACES,
        ("maintainers",): "maintainers",
    }
    _new_record(form, draft, NEED, {k: v for k, v in record.items() if v is not None}, places)
    draft.speaker[NEED.path(record["id"])] = form.field("owner").label


def _experience(
    root: Path, form: Form, values: Values, author: str, today: date, draft: Draft
) -> None:
    title = _text(values, "title") or ""
    actor = _actor(form, values, draft)
    area = _text(values, "area")
    record: dict[str, Any] = {
        "id": _unique_id(root, EXPERIENCE, title, "erfaring"),
        "title": title,
        "author": actor,
        "area": forms.area_id(area) if area else None,
        "date": today,
        "summary": _text(values, "summary"),
        "description": _text(values, "description"),
        "solution": _record_id(v) if (v := _text(values, "solution")) else None,
        "need": _record_id(v) if (v := _text(values, "need")) else None,
        "calloff": _record_id(v) if (v := _text(values, "calloff")) else None,
        "usage_weeks": _number(v) if (v := _text(values, "usage_weeks")) else None,
        "success_factors": _lines(_text(values, "success_factors")) or None,
        "challenges": _challenges(_text(values, "challenges")) or None,
        "recommendation": _text(values, "recommendation"),
        "contact": _contact(values),
        "maintainers": [author],
    }
    places: dict[yaml_files.Loc, str] = {
        ("title",): "title",
        ("author",): "municipality",
        ("area",): "area",
        ("summary",): "summary",
        ("description",): "description",
        ("solution",): "solution",
        ("need",): "need",
        ("calloff",): "calloff",
        ("usage_weeks",): "usage_weeks",
        ("success_factors",): "success_factors",
        ("challenges",): "challenges",
        ("recommendation",): "recommendation",
        **_CONTACT_PLACES,
    }
    if actor is None:
        return
    _new_record(form, draft, EXPERIENCE, {k: v for k, v in record.items() if v is not None}, places)
    draft.speaker[EXPERIENCE.path(record["id"])] = form.field("municipality").label


def _existing(root: Path, path: str) -> tuple[str, dict[str, Any]] | None:
    try:
        text = (root / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    document, _ = yaml_files.parse(text.encode("utf-8"), path)
    return (text, document.value) if document is not None else None


def _new_event(
    root: Path, draft: Draft, path: str, item: dict[str, Any], places: dict[Any, str]
) -> bool:
    """Write one event file; False (and a problem) when one is already there."""
    if (root / path).exists():
        draft.problem(
            "Skjemaet",
            f"Det finnes allerede en forespørsel fra samme avsender i dag ({path}). Vent "
            "til i morgen, eller be markedsplassteamet endre den som finnes.",
        )
        return False
    draft.files[path] = emitting.dump(item, path)
    draft.places[path] = places
    return True


def _join(root: Path, form: Form, values: Values, author: str, today: date, draft: Draft) -> None:
    need_id = _record_id(_text(values, "need") or "")
    path = NEED.path(need_id)
    found = _existing(root, path) if identifiers.is_slug(need_id) else None
    if found is None:
        draft.problem(
            form.field("need").label,
            f"Fant ikke behovet «{need_id}». Skriv id-en slik den står i adressen til behovet "
            "på nettstedet, for eksempel mobil-maleregistrering-i-hjemmet.",
        )
        return
    actor = _actor(form, values, draft)
    if actor is None:
        return
    item = {
        "actor": actor,
        "person": _text(values, "person"),
        "github": author,
        "received": today,
        "message": _text(values, "message"),
        "status": "pending",
    }
    event = JOIN_REQUEST.path(need_id, f"{actor}-{today}")
    places = {
        ("actor",): form.field("municipality").label,
        ("person",): form.field("person").label,
        ("message",): form.field("message").label,
    }
    if _new_event(root, draft, event, item, places):
        draft.speaker[event] = form.field("municipality").label
    draft.name = str(found[1].get("title") or need_id)


_QUALIFICATION = (
    "company_certificate",
    "tax_certificate",
    "annual_accounts_year",
    "competence",
    "capacity",
    "quality_management",
    "information_security_management",
    "environmental_management",
)


def _qualification(
    root: Path, form: Form, values: Values, author: str, today: date, draft: Draft
) -> None:
    dps_id = _record_id(_text(values, "dps") or "")
    supplier_id = _record_id(_text(values, "supplier") or "")
    dps_path = DPS.path(dps_id)
    dps = _existing(root, dps_path) if identifiers.is_slug(dps_id) else None
    supplier = (
        _existing(root, supplier_path(supplier_id)) if identifiers.is_slug(supplier_id) else None
    )
    if dps is None:
        draft.problem(form.field("dps").label, f"Fant ikke innkjøpsordningen «{dps_id}».")
    if supplier is None:
        draft.problem(
            form.field("supplier").label,
            f"Fant ikke leverandøren «{supplier_id}». Registrer leverandøren først (se "
            "CONTRIBUTING.md).",
        )
    if dps is None or supplier is None:
        return
    event = APPLICATION.path(dps_id, f"{supplier_id}-{today}")
    label = form.field("supplier").label
    if not _new_event(
        root, draft, event, {"supplier": supplier_id, "received": today}, {("supplier",): label}
    ):
        return
    draft.speaker[event] = label
    details: dict[str, Any] = {
        key: _number(v) if key == "annual_accounts_year" else v
        for key in _QUALIFICATION
        if (v := _text(values, key))
    }
    if values.get("startup") is True:
        details["startup"] = True
    if details:
        path = supplier_path(supplier_id)
        before = supplier[1].get("qualification")
        merged = {**(before if isinstance(before, dict) else {}), **details}
        draft.files[path] = emitting.set_field(supplier[0], path, "qualification", merged)
        draft.speaker[path] = label
        draft.places[path] = {
            ("qualification", key): form.field(key).label for key in details if key != "startup"
        }
    draft.name = f"{supplier_id} i {dps[1].get('title') or dps_id}"


def _municipality(
    root: Path, form: Form, values: Values, author: str, today: date, draft: Draft
) -> None:
    number = (_text(values, "municipality") or "").split(" ", 1)[0]
    found = reference.municipalities().get(number)
    if found is None:
        draft.problem(form.field("municipality").label, "Velg kommunen fra listen.")
        return
    others = (_text(values, "maintainers") or "").replace(",", " ").split()
    record = {
        "id": number,
        "name": found.name,
        "maintainers": list(dict.fromkeys([author, *(o.removeprefix("@") for o in others)])),
    }
    places: dict[yaml_files.Loc, str] = {("id",): "municipality", ("maintainers",): "maintainers"}
    path = MUNICIPALITY.path(number)
    if (root / path).exists():
        draft.problem(
            form.field("municipality").label,
            f"{found.name} kommune er allerede registrert ({path}). De som står der, kan "
            "føre opp flere.",
        )
        return
    _new_record(form, draft, MUNICIPALITY, record, places)
    draft.name = f"{found.name} kommune"


BUILDERS: dict[str, Callable[[Path, Form, Values, str, date, Draft], None]] = {
    "need": _need,
    "join": _join,
    "experience": _experience,
    "qualification": _qualification,
    "municipality": _municipality,
}
FOR_TEAM = frozenset({"municipality"})


# checking the draft as any record is checked ----------------------------------------------


def _label_at(draft: Draft, path: str, line: int, column: int) -> str:
    places = draft.places.get(path, {})
    positions = yaml_files.positions(draft.files[path].encode("utf-8"), path)
    best: yaml_files.Loc | None = None
    for loc, (vline, vcol, kline, kcol) in positions.items():
        exact = (vline, vcol) == (line, column) or (kline, kcol) == (line, column)
        if (exact or vline == line) and (best is None or len(loc) > len(best)):
            best = loc
    while best:
        if best in places:
            return places[best]
        best = best[:-1]
    return "Skjemaet"


def _check(root: Path, draft: Draft, today: date) -> None:
    with tempfile.TemporaryDirectory(prefix="markedsplass-skjema-") as tmp:
        copy = Path(tmp)
        for top in sorted({kind.folder.split("/", 1)[0] for kind in KINDS}):
            if (root / top).is_dir():
                shutil.copytree(root / top, copy / top, symlinks=True)
        if (root / config.FILE).is_file():
            shutil.copyfile(root / config.FILE, copy / config.FILE)
        for path, text in draft.files.items():
            (copy / path).parent.mkdir(parents=True, exist_ok=True)
            (copy / path).write_text(text, encoding="utf-8")
        _, diagnostics, _ = pipeline.run(copy, today)
    for d in diagnostics:
        if d.path in draft.files and d.severity == "error":
            draft.problem(_label_at(draft, d.path, d.line, d.column), d.message, d.code)


def _judge(root: Path, draft: Draft, author: str) -> None:
    """The files as a pull request by `author` (the issue's author, from the event):
    refused in the same words, at the form field that says in whose name."""
    refusals = authorize.authorize_files(root, "HEAD", draft.files, author)
    said: set[str] = set()
    # who one writes for first: the rest follows from it
    for refusal in sorted(refusals, key=lambda d: (d.code != "not-acting-for", d)):
        label = draft.speaker.get(refusal.path, "Skjemaet")
        if label not in said:
            said.add(label)
            draft.problem(label, refusal.message, refusal.code)


def intake(root: Path, form: Form, body: str, author: str, today: date) -> Outcome:
    """The files a filled-in form proposes, or the problems to fix in it."""
    draft = Draft()
    if len(body) > MAX_BODY:
        draft.problem("Skjemaet", f"Saken er for lang (over {MAX_BODY} tegn). Kort den ned.")
        return Outcome({}, tuple(draft.problems), "")
    parsed = forms.parse(form, body)
    for label, message in parsed.problems:
        draft.problem(label, message)
    if not draft.problems:
        try:
            BUILDERS[form.kind](root, form, parsed.values, author, today, draft)
        except emitting.EmitError as exc:
            draft.problem("Skjemaet", str(exc))
    if draft.files and not draft.problems and form.kind not in FOR_TEAM:
        _judge(root, draft, author)
    if draft.files and not draft.problems:
        _check(root, draft, today)
    if draft.problems:
        return Outcome({}, tuple(dict.fromkeys(draft.problems)), draft.name)
    return Outcome(dict(draft.files), (), draft.name, for_team=form.kind in FOR_TEAM)


# what the bot writes ------------------------------------------------------------------------


def problems_comment(form: Form, problems: tuple[Problem, ...]) -> str:
    lines = [
        MARKER,
        "### Skjemaet må rettes",
        "",
        f"Vi kunne ikke gjøre skjemaet «{md.text(form.name)}» om til en post. Rediger saken "
        "(«…» øverst til høyre i saken, så «Edit»), rett det som står under, og lagre: da "
        "prøver vi på nytt.",
        "",
    ]
    lines += [
        f"- **{md.text(p.label)}**: {md.text(p.message)} ({md.code(p.code)})" for p in problems
    ]
    lines += ["", "Hva kodene betyr, står i CONTRIBUTING.md under «Feilkoder»."]
    return "\n".join(lines) + "\n"


def team_comment(files: dict[str, str]) -> str:
    """The answer to a request the team decides: what will be registered, checked."""
    shown = "\n\n".join(
        f"{md.code(path)}:\n\n{md.block(text)}" for path, text in sorted(files.items())
    )
    return (
        f"{MARKER}\n### Takk! Markedsplassteamet tar det herfra\n\n"
        "Registreringen er en beslutning teamet tar etter å ha bekreftet med kommunen. "
        f"Dette er det som blir lagt inn, sjekket med de samme reglene som alle poster:\n\n"
        f"{shown}\n\nEndrer du skjemaet (Edit), oppdateres dette svaret.\n"
    )


def proposed_comment(files: dict[str, str], pull_number: int, pull_url: str) -> str:
    shown = ", ".join(md.code(path) for path in sorted(files))
    return (
        f"{MARKER}\n### Takk! Forslaget ligger klart\n\n"
        f"Vi har laget forslaget #{pull_number} ({pull_url}), som endrer {shown}. "
        "Markedsplassteamet ser over og publiserer det. Endrer du skjemaet (Edit), "
        "oppdateres forslaget.\n"
    )


def pull_body(form: Form, files: dict[str, str], issue: int, author: str) -> str:
    shown = "\n".join(f"- {md.code(path)}" for path in sorted(files))
    return (
        f"Laget fra skjemaet «{md.text(form.name)}» i sak #{issue}, sendt av "
        f"{md.text('@' + author)}.\n\n{shown}\n\n"
        "Innholdet er sjekket med de samme reglene som `markedsplass check`, og bare "
        f"endringer avsenderen har lov til å gjøre, er tatt med.\n\nCloses #{issue}\n"
    )
