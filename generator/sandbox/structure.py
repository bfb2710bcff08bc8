"""The structural layer: is a resource FHIR R4 at all? Known elements with the
right types and cardinality, required elements present, and the one required code
binding every Observation has (`status`).

Done by the `fhir.resources` R4B models (fhir.resources 8 has no R4 package; its
R4B models accept R4 resources). They check structure only: no invariants, no
profiles, no bindings. Those are the other layers (invariants.py, vitals.py, …).
Pydantic's errors become findings in Norwegian at the element they concern."""

from __future__ import annotations

import difflib
import re
from functools import cache
from importlib import metadata
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import BaseModel, ValidationError

from generator.sandbox.findings import Finding, Loc, shown

CHECK = "structure"
OBSERVATION_STATUS = (
    "registered",
    "preliminary",
    "final",
    "amended",
    "corrected",
    "cancelled",
    "entered-in-error",
    "unknown",
)
_CHOICE = re.compile(r"expected from this list \[([^\]]*)\]")
_PRIMITIVE = re.compile(r"(\w+) value string does not match spec regex")
_TYPE_NAME = re.compile(r"abc\.(\w+)Type\b")

_FORMATS = {
    "DateTime": ("tidspunkt (dateTime)", "Skriv for eksempel 2026-05-04T08:30:00+02:00."),
    "Instant": ("tidspunkt (instant)", "Skriv dato, klokkeslett med sekunder og tidssone."),
    "Date": ("dato", "Skriv datoen som ÅÅÅÅ-MM-DD."),
    "Time": ("klokkeslett", "Skriv klokkeslettet som TT:MM:SS."),
    "Decimal": ("tall (decimal)", "Skriv tallet uten anførselstegn, med punktum som desimaltegn."),
    "Integer": ("heltall", "Skriv et heltall uten anførselstegn."),
    "Uri": ("URI", "Skriv en URI uten mellomrom, for eksempel http://loinc.org."),
    "Url": ("URL", "Skriv en fullstendig adresse uten mellomrom."),
    "Code": ("kode", "En kode har ingen mellomrom i start eller slutt."),
    "Id": ("id", "En id har høyst 64 tegn: bokstaver, sifre, - og ."),
}


def layer_name() -> str:
    """For the report: what the structural layer is, with its version."""
    return f"fhir.resources {metadata.version('fhir.resources')} (R4B-modeller; bare struktur)"


@cache
def model_class(resource_type: str) -> type[BaseModel] | None:
    try:
        found = get_fhir_model_class(resource_type)
    except (ValueError, ImportError, AttributeError):
        return None
    return found if isinstance(found, type) and issubclass(found, BaseModel) else None


def check(data: dict[str, Any]) -> list[Finding]:
    """Findings for one resource (a Bundle's entry resources are checked one by one
    by the caller, so this checks the Bundle's own elements only)."""
    resource_type = data.get("resourceType")
    if not isinstance(resource_type, str):
        return [
            Finding(
                CHECK,
                ("resourceType",),
                "Dette er ingen FHIR-ressurs: resourceType mangler.",
                "Skriv «resourceType» først i objektet, for eksempel «Observation».",
            )
        ]
    cls = model_class(resource_type)
    if cls is None:
        return [
            Finding(
                CHECK,
                ("resourceType",),
                f"Ressurstypen «{shown(resource_type)}» finnes ikke i FHIR R4.",
                "Bruk en ressurstype fra FHIR R4, for eksempel Observation eller Bundle.",
            )
        ]
    body = _without_entry_resources(data) if resource_type == "Bundle" else data
    findings: list[Finding] = []
    try:
        cls.model_validate(body)
    except ValidationError as exc:
        findings = [_finding(cls, dict(err)) for err in exc.errors(include_url=False)]
    if resource_type == "Observation":
        findings.extend(_status(data))
    return findings


def _without_entry_resources(data: dict[str, Any]) -> dict[str, Any]:
    entries = data.get("entry")
    if not isinstance(entries, list):
        return data
    shell = [
        {k: v for k, v in e.items() if k != "resource"} if isinstance(e, dict) else e
        for e in entries
    ]
    return {**data, "entry": shell}


def _status(data: dict[str, Any]) -> list[Finding]:
    status = data.get("status")
    if not isinstance(status, str) or status in OBSERVATION_STATUS:
        return []  # a missing status is the model's finding
    close = difflib.get_close_matches(status, OBSERVATION_STATUS, n=1, cutoff=0.6)
    hint = f"Mente du «{close[0]}»? " if close else ""
    return [
        Finding(
            CHECK,
            ("status",),
            f"«{shown(status)}» er ingen status for Observation i FHIR R4.",
            f"{hint}Bruk en av: {', '.join(OBSERVATION_STATUS)}; en ferdig måling er «final».",
        )
    ]


def _finding(cls: type[BaseModel], err: dict[str, Any]) -> Finding:
    loc: Loc = tuple(err["loc"])
    kind: str = err["type"]
    name = str(loc[-1]) if loc else cls.__name__
    message = str(err.get("msg", ""))
    value = err.get("input")
    if kind in ("missing", "model_field_validation.missing"):
        return Finding(
            CHECK,
            loc,
            f"Elementet «{name}» er påkrevd i FHIR R4 og mangler.",
            f"Legg til «{name}».",
        )
    if kind == "model_validation_format":  # an empty `_element` of a primitive
        return Finding(
            CHECK,
            loc,
            f"«{shown(name)}» er tomt: et element som begynner med «_» (utvidelsen av en "
            "enkel verdi) må ha «id» eller «extension».",
            "Fjern elementet, eller legg til «extension» med det du ville si.",
        )
    if kind == "extra_forbidden":
        known = _known_elements(cls, loc[:-1])
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"Mente du «{close[0]}»?" if close else "Fjern elementet, eller sjekk stavemåten."
        return Finding(
            CHECK,
            loc,
            f"Elementet «{shown(name)}» finnes ikke her i FHIR R4.",
            hint,
        )
    choice = _CHOICE.search(message)
    if choice:
        names = [n.strip(" '\"") for n in choice.group(1).split(",")]
        stem = _common_prefix(names)
        return Finding(
            CHECK,
            loc,
            f"Bare ett av elementene {stem}[x] kan stå her, men det står flere.",
            f"Behold ett av dem: {', '.join(n for n in names if n)}.",
        )
    primitive = _PRIMITIVE.search(message)
    if primitive and primitive.group(1) in _FORMATS:
        what, hint = _FORMATS[primitive.group(1)]
        return Finding(CHECK, loc, f"«{shown(value)}» er ikke et gyldig {what} i FHIR R4.", hint)
    return Finding(CHECK, loc, _type_message(kind, value, message), _type_hint(kind))


def _type_message(kind: str, value: Any, message: str) -> str:
    if kind in ("list_type", "tuple_type"):
        return "Skal være en liste ([…]) etter FHIR R4."
    if kind in ("dict_type", "model_type", "model_attributes_type", "json_invalid"):
        return "Skal være et objekt ({…}) etter FHIR R4, ikke en enkelt verdi."
    if kind == "string_type":
        return "Skal være tekst i anførselstegn etter FHIR R4."
    if kind in ("bool_type", "bool_parsing"):
        return "Skal være true eller false etter FHIR R4."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "Skal være et heltall etter FHIR R4."
    if kind == "string_pattern_mismatch":
        return f"«{shown(value)}» har ikke formen FHIR R4 krever her."
    if kind == "too_short":
        return "Listen kan ikke være tom i FHIR R4: fjern elementet eller fyll det."
    return f"«{shown(value)}» er ikke en gyldig verdi her etter FHIR R4."


def _type_hint(kind: str) -> str:
    if kind in ("dict_type", "model_type", "model_attributes_type", "json_invalid"):
        return "Se datatypen for elementet i FHIR R4-spesifikasjonen."
    return "Rett verdien etter datatypen i FHIR R4-spesifikasjonen."


def _common_prefix(names: list[str]) -> str:
    prefix = names[0] if names else ""
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def _known_elements(cls: type[BaseModel], loc: Loc) -> list[str]:
    """The JSON element names allowed at `loc` in a resource of class `cls`."""
    current: type[BaseModel] | None = cls
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return []
        found = _TYPE_NAME.search(repr(field.annotation))
        current = model_class(found.group(1)) if found else None
    if current is None:
        return []
    return [
        f.alias or n
        for n, f in current.model_fields.items()
        if not (f.alias or n).startswith("_") and not n.endswith("__ext") and n != "fhir_comments"
    ]
