"""The issue forms in .github/ISSUE_TEMPLATE/ (Norwegian bokmål), for people who
have never used Git: publish a need, ask to join a need, share an experience, apply
for qualification in a DPS. The forms are data in generator/data/issue-forms.yaml,
checked by the models here; their YAML files are written by `markedsplass github
forms` (the municipality, phase, area and category lists come from generator/data/,
so a new list or new wording means regenerating, and a test says when the files are
out of date). `parse` reads back the body GitHub makes of a filled-in
form: one `### Label` section per field, `_No response_` for an empty one."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field as PydanticField
from pydantic import StringConstraints, model_validator

from generator.models import data_files, reference
from generator.models.base import Flag, Model

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
    kind: str  # need, join, experience, qualification, municipality
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


# the five forms ---------------------------------------------------------------------

FILE = "issue-forms.yaml"
KINDS = ("need", "join", "experience", "qualification", "municipality")
OPTIONS: dict[str, Callable[[], tuple[str, ...]]] = {
    "municipalities": municipality_options,
    "phases": phase_options,
    "areas": area_options,
    "categories": category_options,
}

# Wording exactly as written in the data: not stripped.
Text = Annotated[str, StringConstraints(strict=True, min_length=1)]
FieldId = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]*$")]


class FieldData(Model):
    """One field as written in the data; `options_from` names a reference list."""

    id: FieldId
    label: Text
    type: FieldKind
    description: Text | None = None
    required: Flag = False
    options: tuple[Text, ...] = ()
    options_from: Literal["municipalities", "phases", "areas", "categories"] | None = None
    multiple: Flag = False
    placeholder: Text | None = None
    value: Text | None = None

    @model_validator(mode="after")
    def _options(self) -> FieldData:
        choices = self.type in ("dropdown", "checkboxes")
        if choices and bool(self.options) == (self.options_from is not None):
            raise ValueError(f"«{self.id}»: skriv enten options eller options_from, ikke begge")
        if not choices and (self.options or self.options_from):
            raise ValueError(f"«{self.id}»: bare dropdown og checkboxes har valg")
        if self.type == "checkboxes" and self.options_from is not None:
            raise ValueError(f"«{self.id}»: avkrysningsbokser skal ha faste valg (options)")
        if self.multiple and self.type != "dropdown":
            raise ValueError(f"«{self.id}»: multiple gjelder bare dropdown")
        return self

    def field(self) -> Field:
        options = OPTIONS[self.options_from]() if self.options_from else self.options
        return Field(
            self.id,
            self.label,
            self.type,
            self.description or "",
            self.required,
            options,
            self.multiple,
            self.placeholder or "",
            self.value or "",
        )


class FormData(Model):
    kind: Literal["need", "join", "experience", "qualification", "municipality"]
    file: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9]+-[a-z0-9-]+\.yml$")]
    name: Text
    description: Text
    title: Text
    label: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9-]+$")]
    intro: Text
    fields: tuple[FieldData, ...] = PydanticField(min_length=1)

    @model_validator(mode="after")
    def _unique_fields(self) -> FormData:
        for what, values in (
            ("id", [f.id for f in self.fields]),
            ("label", [f.label for f in self.fields]),
        ):
            if twice := sorted({v for v in values if values.count(v) > 1}):
                raise ValueError(f"skjemaet «{self.kind}» har samme {what} to ganger: {twice}")
        return self

    def form(self) -> Form:
        fields = tuple(f.field() for f in self.fields)
        return Form(
            self.kind,
            self.file,
            self.name,
            self.description,
            self.title,
            self.label,
            self.intro,
            fields,
        )


class ContactLink(Model):
    name: Text
    path: Annotated[str, StringConstraints(strict=True, pattern=r"^([a-z0-9-]+/)*$")]
    about: Text


class FormsData(Model):
    """The whole file: the five forms, each once, and the links under them."""

    forms: tuple[FormData, ...]
    contact_links: tuple[ContactLink, ...] = ()

    @model_validator(mode="after")
    def _each_once(self) -> FormsData:
        kinds = [f.kind for f in self.forms]
        if sorted(kinds) != sorted(KINDS):
            raise ValueError(f"forms skal ha hvert skjema nøyaktig én gang: {', '.join(KINDS)}")
        for what, values in (
            ("file", [f.file for f in self.forms]),
            ("label", [f.label for f in self.forms]),
        ):
            if len(set(values)) != len(values):
                raise ValueError(f"to skjemaer har samme {what}")
        return self


@cache
def data() -> FormsData:
    """The forms as written in generator/data/; a broken file is a tool failure."""
    return data_files.load(FILE, FormsData)


def forms() -> tuple[Form, ...]:
    """need, join, experience, qualification: the data with the reference lists filled in."""
    return tuple(f.form() for f in data().forms)


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
            {"name": link.name, "url": f"{SITE}{link.path}", "about": link.about}
            for link in data().contact_links
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
