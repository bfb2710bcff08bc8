"""Composing one YAML document from libyaml's events into plain values, refusing
every hazard on the way (duplicate keys, anchors, aliases, merge keys, tags beyond
the core ones, nesting deeper than 20) and typing only `true`/`false`, `null`,
decimal integers and floats. With `track`, it records each node's position."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from generator.diagnostics import Diagnostic, error
from generator.loading.raw_text import decoded_hazard

MAX_DEPTH = 20
# The longest integer a record may hold: 15 digits is 999 999 999 999 999, far past
# the largest amount the models allow; a longer one is refused before conversion
# (Python refuses to convert more than 4,300 digits at all).
MAX_INTEGER_DIGITS = 15
# The most items in one list (there are 357 municipalities).
MAX_LIST_ITEMS = 1000

Loc = tuple[str | int, ...]

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")

_CORE = "tag:yaml.org,2002:"
_BOOL = {"true": True, "false": False}
_NULL = {"null", "~", ""}


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class Abort(Exception):
    """The rest of the file cannot be read meaningfully."""


class NeedsTracking(Exception):
    """The fast pass met a problem: compose again, with positions."""


@dataclass
class Composer:
    path: str
    loader: Any
    track: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)
    tainted: set[Loc] = field(default_factory=set)
    # loc -> (value line, value column, key line, key column), all 1-based
    positions: dict[Loc, tuple[int, int, int, int]] = field(default_factory=dict)
    value: Any = None

    def report(self, mark: Any, code: str, message: str) -> None:
        if not self.track:
            raise NeedsTracking
        self.diagnostics.append(error(self.path, mark.line + 1, mark.column + 1, code, message))

    def document(self) -> Any:
        first = self.loader.get_event()  # StreamStartEvent
        event = self.loader.get_event()
        if type(event) is StreamEndEvent:
            self.report(
                first.start_mark,
                "empty-file",
                "Filen er tom. Skriv posten som YAML-felt, "
                "for eksempel `id: mitt-behov` på første linje.",
            )
            raise Abort
        if self.track:
            self.positions[()] = (1, 1, 1, 1)
        value = self.node(self.loader.get_event(), (), 1)
        self.loader.get_event()  # DocumentEndEvent
        event = self.loader.get_event()
        if type(event) is DocumentStartEvent:
            self.report(
                event.start_mark,
                "multiple-documents",
                "Filen har mer enn ett YAML-dokument (`---`). Én fil skal ha én post: "
                "flytt resten til en egen fil.",
            )
        return value

    def node(self, event: Any, loc: Loc, depth: int) -> Any:
        kind = type(event)
        if kind is AliasEvent:
            self.report(
                event.start_mark,
                "alias",
                f"Referansen `*{event.anchor}` er ikke tillatt. "
                "Skriv verdien ut i sin helhet her i stedet.",
            )
            self.tainted.add(loc)
            return None
        if event.anchor is not None:
            self.report(
                event.start_mark,
                "anchor",
                f"Ankeret `&{event.anchor}` er ikke tillatt. "
                "Fjern det og skriv verdien ut der den brukes.",
            )
        if kind is ScalarEvent:
            return self.scalar(event, loc)
        if depth > MAX_DEPTH:
            self.report(
                event.start_mark,
                "too-deep",
                f"Strukturen er nestet dypere enn {MAX_DEPTH} nivåer. Gjør posten flatere.",
            )
            raise Abort
        if kind is MappingStartEvent:
            self.collection_tag(event, "map", loc)
            return self.mapping(loc, depth)
        self.collection_tag(event, "seq", loc)
        return self.sequence(loc, depth)

    def collection_tag(self, event: Any, expected: str, loc: Loc) -> None:
        if event.tag not in (None, "!", _CORE + expected):
            self.report(
                event.start_mark,
                "forbidden-tag",
                f"Taggen `{_tag_name(event.tag)}` er ikke tillatt. Fjern den.",
            )
            self.tainted.add(loc)

    def mapping(self, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        get = self.loader.get_event
        while True:
            key_event = get()
            if type(key_event) is MappingEndEvent:
                return result
            key = self.key(key_event, loc, depth)
            value_event = get()
            if key is None:
                self.node(value_event, (*loc, "?"), depth + 1)
                continue
            if key in result:
                mark = key_event.start_mark
                self.report(
                    mark,
                    "duplicate-key",
                    f"Feltet «{key}» står to ganger i samme "
                    "samling. Slå dem sammen til ett felt; bare det første blir lest nå.",
                )
                self.node(value_event, (*loc, "?"), depth + 1)
                continue
            if self.track:
                child: Loc = (*loc, key)
                k, v = key_event.start_mark, value_event.start_mark
                self.positions[child] = (v.line + 1, v.column + 1, k.line + 1, k.column + 1)
            else:
                child = loc
            result[key] = self.node(value_event, child, depth + 1)

    def sequence(self, loc: Loc, depth: int) -> list[Any]:
        result: list[Any] = []
        get = self.loader.get_event
        while True:
            event = get()
            if type(event) is SequenceEndEvent:
                return result
            if len(result) == MAX_LIST_ITEMS:
                self.report(
                    event.start_mark,
                    "invalid-list",
                    f"Listen har mer enn {MAX_LIST_ITEMS} element, som er det høyeste "
                    "tillatte. Del opp posten.",
                )
                self.tainted.add(loc)
                self.node(event, (*loc, "?"), depth + 1)
                continue
            if self.track:
                child: Loc = (*loc, len(result))
                v = event.start_mark
                self.positions[child] = (v.line + 1, v.column + 1, v.line + 1, v.column + 1)
            else:
                child = loc
            result.append(self.node(event, child, depth + 1))

    def key(self, event: Any, loc: Loc, depth: int) -> str | None:
        if type(event) is not ScalarEvent:
            self.report(
                event.start_mark,
                "complex-key",
                "En nøkkel må være et enkelt feltnavn, ikke en liste, samling eller referanse.",
            )
            self.node(event, (*loc, "?"), depth + 1)
            return None
        if event.anchor is not None:
            self.report(
                event.start_mark, "anchor", f"Ankeret `&{event.anchor}` er ikke tillatt. Fjern det."
            )
        if event.tag not in (None, "!", _CORE + "str"):
            self.report(
                event.start_mark,
                "forbidden-tag",
                f"Taggen `{_tag_name(event.tag)}` er ikke tillatt på et feltnavn. Fjern den.",
            )
            return None
        value: str = event.value
        hazard = decoded_hazard(value)
        if hazard is not None:
            self.report(event.start_mark, "forbidden-character", hazard)
            return None
        if value == "<<" and event.implicit[0]:
            self.report(
                event.start_mark,
                "merge-key",
                "Flettenøkkelen `<<` er ikke tillatt. Skriv feltene ut i sin helhet.",
            )
            return None
        return value

    def scalar(self, event: Any, loc: Loc) -> Any:
        value: str = event.value
        tag = event.tag
        hazard = decoded_hazard(value)
        if hazard is not None:
            self.report(event.start_mark, "forbidden-character", hazard)
            self.tainted.add(loc)
            return None
        if tag is None:
            if not event.implicit[0]:  # quoted or block scalar
                return value
            return self.number(event, loc, _plain)
        if tag in ("!", _CORE + "str"):
            return value
        typed = self.number(event, loc, lambda text: _explicit(tag, text))
        if typed is _INVALID:
            self.report(
                event.start_mark,
                "forbidden-tag",
                f"Taggen `{_tag_name(tag)}` er ikke tillatt "
                "her. Fjern den; skriv tekst i anførselstegn, tall og datoer uten tagg.",
            )
            self.tainted.add(loc)
            return None
        return typed

    def number(self, event: Any, loc: Loc, convert: Any) -> Any:
        """`convert(value)`, unless the value is a number past any sane size: an
        integer of more than MAX_INTEGER_DIGITS digits, or a float that is not
        finite (`1e999`)."""
        value: str = event.value
        digits = len(value.lstrip("-"))
        if _INT.fullmatch(value) and digits > MAX_INTEGER_DIGITS:
            self.report(
                event.start_mark,
                "invalid-number",
                f"Tallet har {digits} sifre; et tall i en post kan ha høyst "
                f"{MAX_INTEGER_DIGITS}. Sjekk verdien (beløp skrives i hele kroner).",
            )
            self.tainted.add(loc)
            return None
        typed = convert(value)
        if isinstance(typed, float) and not math.isfinite(typed):
            self.report(
                event.start_mark,
                "invalid-number",
                "Tallet er for stort til å regnes med. Sjekk verdien.",
            )
            self.tainted.add(loc)
            return None
        return typed


_INVALID = object()


_TYPED_START = frozenset("-0123456789tfn~")


def _plain(value: str) -> Any:
    if value and value[0] not in _TYPED_START:
        return value  # cannot be a boolean, null or number
    if value in _BOOL:
        return _BOOL[value]
    if value in _NULL:
        return None
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _explicit(tag: str, value: str) -> Any:
    if tag == _CORE + "int" and _INT.fullmatch(value):
        return int(value)
    if tag == _CORE + "float" and (_FLOAT.fullmatch(value) or _INT.fullmatch(value)):
        return float(value)
    if tag == _CORE + "bool" and value in _BOOL:
        return _BOOL[value]
    if tag == _CORE + "null" and value in _NULL:
        return None
    return _INVALID
