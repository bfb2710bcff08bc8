"""Validate one loaded document against its record model and turn every Pydantic
error into a diagnostic in Norwegian at the line and column of the fault."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic, error
from generator.loading import yaml_files
from generator.loading.yaml_files import Loc, YamlDocument
from generator.norway.formatting import number

_TYPE_NAMES = {
    bool: "true/false",
    int: "et tall",
    float: "et tall",
    str: "tekst",
    list: "en liste",
    dict: "en samling av felt",
    type(None): "tom verdi",
}


def _shown(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names the model allows at the mapping that holds `loc`'s last part."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _submodel(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _expected(context: dict[str, Any]) -> str:
    return str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")


def message(model: type[BaseModel], err: dict[str, Any]) -> str:
    kind: str = err["type"]
    loc: Loc = err["loc"]
    explain = MESSAGES.get(kind)
    if explain is not None:
        found = _Error(
            model, loc, str(loc[-1]) if loc else "", err.get("ctx") or {}, err.get("input")
        )
        return explain(found)
    if isinstance(err.get("msg"), str) and kind not in ("value_error", "assertion_error"):
        # Our own PydanticCustomError types carry their Norwegian message.
        return str(err["msg"])
    return f"Ugyldig verdi: {err.get('msg')}"


def _limit(value: Any) -> str:
    """A limit as a Norwegian reads it: 100 000 000 000, not 100000000000."""
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value).replace("\u00a0", " ")
    return str(value)


def _bool_message(value: Any) -> str:
    if isinstance(value, str) and value in ("true", "false"):
        return f"Skriv {value} uten anførselstegn: med anførselstegn blir det tekst."
    if isinstance(value, str) and value.lower() in (
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "ja",
        "nei",
        "true",
        "false",
    ):
        return (
            f"«{value}» leses ikke som ja/nei. Skriv true eller false med små bokstaver og "
            "uten anførselstegn."
        )
    return "Skal være true eller false (små bokstaver, uten anførselstegn)."


def _unknown_field(model: type[BaseModel], loc: Loc) -> str:
    name = str(loc[-1])
    allowed = _fields_at(model, loc)
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f" Mente du «{close[0]}»?" if close else ""
    known = f" Kjente felt her: {', '.join(allowed)}." if allowed and not close else ""
    return f"Feltet «{name}» er ukjent.{hint}{known}"


@dataclass(frozen=True, slots=True)
class _Error:
    """What a message says about one Pydantic error."""

    model: type[BaseModel]
    loc: Loc
    name: str  # the field's name: the last part of `loc`
    ctx: dict[str, Any]
    value: Any


Explain = Callable[[_Error], str]

# Every Pydantic error type (built-in and the project's own) -> its diagnostic code;
# the message for the built-in ones is in MESSAGES below, keyed the same way (the
# project's own error types carry their Norwegian message).
ERROR_TYPES: dict[str, str] = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    **dict.fromkeys(
        (
            "text_type",
            "bool_type",
            "bool_parsing",
            "int_type",
            "int_parsing",
            "float_type",
            "float_parsing",
            "string_type",
            "list_type",
            "tuple_type",
            "model_type",
            "model_attributes_type",
            "dict_type",
            "int_from_float",
        ),
        "invalid-type",
    ),
    **dict.fromkeys(
        ("literal_error", "category", "agreement_type", "phase", "experience_area"),
        "invalid-choice",
    ),
    **dict.fromkeys(("date_format", "date_invalid"), "invalid-date"),
    "slug": "invalid-id",
    **dict.fromkeys(("orgnr", "orgnr_checksum"), "invalid-orgnr"),
    **dict.fromkeys(("kommunenummer", "kommunenummer_unknown"), "invalid-kommunenummer"),
    "actor": "invalid-actor",
    **dict.fromkeys(("url", "url_scheme", "url_credentials"), "invalid-url"),
    "email": "invalid-email",
    "github_login": "invalid-github-login",
    **dict.fromkeys(("single_line", "empty_text", "string_too_long"), "invalid-text"),
    **dict.fromkeys(
        ("greater_than_equal", "less_than_equal", "greater_than", "less_than", "finite_number"),
        "invalid-number",
    ),
    **dict.fromkeys(("too_short", "too_long"), "invalid-list"),
    "decision_pair": "incomplete-decision",
    "answer_pair": "incomplete-answer",
    **dict.fromkeys(("exclusion_pair", "espd_renewed_unrequested"), "incomplete-decision"),
    "exclusion_not_admitted": "invalid-value",
    "weight_range": "invalid-number",
    "inline_events": "inline-events",
    "municipality_name": "municipality-name",
    "contract_without_award": "incomplete-decision",
    "ocid_prefix": "invalid-id",
    "verification_claimed": "claimed-verification",
}

# The Norwegian message for each built-in error type that gets one.
MESSAGES: dict[str, Explain] = {
    "missing": lambda e: f"Feltet «{e.name}» mangler. Legg det til (`{e.name}: …`).",
    "extra_forbidden": lambda e: _unknown_field(e.model, e.loc),
    "bool_type": lambda e: _bool_message(e.value),
    "int_type": lambda e: (
        f"Skal være et heltall uten anførselstegn, for eksempel 250000, ikke {_shown(e.value)}."
    ),
    "float_type": lambda e: (
        f"Skal være et tall uten anførselstegn, for eksempel 99.5, ikke {_shown(e.value)}."
    ),
    "string_type": lambda e: (
        f"Skal være tekst, ikke {_shown(e.value)}. Sett verdien i anførselstegn."
    ),
    "literal_error": lambda e: f"Ugyldig verdi. Skriv en av: {_expected(e.ctx)}.",
    "list_type": lambda e: (
        "Skal være en liste: skriv hvert element på egen linje som begynner med «- »."
    ),
    "tuple_type": lambda e: (
        "Skal være en liste: skriv hvert element på egen linje som begynner med «- »."
    ),
    "model_type": lambda e: (
        "Skal være en samling av felt (`navn: verdi`) med innrykk under feltnavnet."
    ),
    "model_attributes_type": lambda e: (
        "Skal være en samling av felt (`navn: verdi`) med innrykk under feltnavnet."
    ),
    "dict_type": lambda e: "Skal være en samling av felt (`navn: verdi`).",
    "too_short": lambda e: f"Listen må ha minst {e.ctx.get('min_length')} element.",
    "too_long": lambda e: f"Listen kan ha høyst {e.ctx.get('max_length')} element.",
    "greater_than_equal": lambda e: f"Verdien må være minst {e.ctx.get('ge')}.",
    "less_than_equal": lambda e: f"Verdien kan være høyst {_limit(e.ctx.get('le'))}.",
    "greater_than": lambda e: f"Verdien må være større enn {e.ctx.get('gt')}.",
    "less_than": lambda e: f"Verdien må være mindre enn {e.ctx.get('lt')}.",
    "int_from_float": lambda e: "Skal være et heltall, uten desimaler.",
    "finite_number": lambda e: "Skal være et vanlig tall.",
}


# Errors about a field's presence, not its value: reported at the field's name.
AT_KEY = frozenset({"extra_forbidden", "verification_claimed"})


def _location(root: Path, document: YamlDocument, err: dict[str, Any]) -> tuple[int, int]:
    loc: Loc = tuple(err["loc"])
    if err["type"] in AT_KEY:
        return yaml_files.locate(root, document.path, loc, key=True)
    if err["type"] == "missing":
        return yaml_files.locate(root, document.path, loc[:-1])
    return yaml_files.locate(root, document.path, loc)


def _keep(errors: list[dict[str, Any]], tainted: frozenset[Loc]) -> list[dict[str, Any]]:
    """Drop errors that only repeat another: a list too short because its items were
    invalid, or a value the loader already reported (an alias, a forbidden tag)."""
    locs = [tuple(e["loc"]) for e in errors]
    unknown = {
        loc for err, loc in zip(errors, locs, strict=True) if err["type"] == "extra_forbidden"
    }
    kept = []
    for err, loc in zip(errors, locs, strict=True):
        if any(loc[: len(t)] == t for t in tainted):
            continue
        if err["type"] == "missing" and _misspelt(loc, unknown):
            continue
        if err["type"] == "too_short" and any(
            len(o) > len(loc) and o[: len(loc)] == loc for o in locs
        ):
            continue
        kept.append(err)
    return kept


def _misspelt(loc: Loc, unknown: set[Loc]) -> bool:
    """A missing field that an unknown sibling field is a misspelling of: the message
    about the unknown field («Mente du …?») says it all."""
    siblings = [str(u[-1]) for u in unknown if u[:-1] == loc[:-1]]
    return bool(difflib.get_close_matches(str(loc[-1]), siblings, n=1, cutoff=0.6))


M = TypeVar("M", bound=BaseModel)


def validate(
    root: Path, model: type[M], document: YamlDocument
) -> tuple[M | None, list[Diagnostic]]:
    try:
        return model.model_validate(document.value), []
    except ValidationError as exc:
        errors = _keep([dict(e) for e in exc.errors(include_url=False)], document.tainted)
    diagnostics = []
    for err in errors:
        line, column = _location(root, document, err)
        code = ERROR_TYPES.get(err["type"], "invalid-value")
        diagnostics.append(error(document.path, line, column, code, message(model, err)))
    return None, diagnostics
