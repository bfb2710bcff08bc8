"""Strict YAML loading: the only module that reads the catalogue's data files.

Built on libyaml's event stream (`yaml.CSafeLoader`), so every hazard is seen with
its position before any value is built:

* one document per file, UTF-8 without BOM, at most 256 KiB;
* no NUL, control or bidirectional-override characters;
* no duplicate keys (at any depth), anchors, aliases or `<<` merge keys;
* no tags beyond YAML's core ones, no nesting deeper than 20;
* only `true`/`false`, `null`, decimal integers and decimal floats are typed by
  YAML. `NO`, `0301`, `1:30` and `2024-05-01` stay strings: the models decide.

Problems come back as diagnostics, never as exceptions. The fast path builds
plain values only; positions are recomposed on demand (`locate`) for the few
files that have something to report.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from generator import identifiers
from generator.diagnostics import Diagnostic, error

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20
MAX_TEXT_HAZARDS = 20

Loc = tuple[str | int, ...]

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")
# C0 controls but tab, LF and CR; DEL; C1 controls; the bidirectional embeddings,
# overrides and isolates of "Trojan Source" (CVE-2021-42574); a BOM inside the text.
_TEXT_HAZARD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")

_CORE = "tag:yaml.org,2002:"
_BOOL = {"true": True, "false": False}
_NULL = {"null", "~", ""}


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _hazard_name(char: str) -> str:
    code = ord(char)
    if code == 0:
        return "NUL-tegn (U+0000)"
    if code == 0xFEFF:
        return "byte order mark (U+FEFF) midt i teksten"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"tegn som snur skriveretningen (U+{code:04X})"
    return f"kontrolltegn (U+{code:04X})"


@dataclass(frozen=True, slots=True)
class Document:
    """One record file as plain values; `tainted` holds locations whose values the
    loader had to replace (an alias, a forbidden tag), so model errors there are
    not reported twice."""

    path: str
    value: dict[str, Any]
    tainted: frozenset[Loc] = frozenset()


class _Abort(Exception):
    """The rest of the file cannot be read meaningfully."""


class _NeedsTracking(Exception):
    """The fast pass met a problem: compose again, with positions."""


@dataclass
class _Composer:
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
            raise _NeedsTracking
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
            raise _Abort
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
            raise _Abort
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
        if tag is None:
            if not event.implicit[0]:  # quoted or block scalar
                return value
            return _plain(value)
        if tag in ("!", _CORE + "str"):
            return value
        typed = _explicit(tag, value)
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


_SYNTAX_HINTS = {
    "mapping values are not allowed": "et kolon står der det ikke kan stå. Sett teksten i "
    "anførselstegn hvis den inneholder `: `, eller rett innrykket",
    "could not find expected ':'": "det mangler et kolon etter feltnavnet, eller en tekst over "
    "flere linjer må settes i anførselstegn",
    "did not find expected key": "innrykket stemmer ikke med linjene over (bruk like mange "
    "mellomrom for felt på samme nivå), eller et anførselstegn er ikke lukket",
    "did not find expected '-' indicator": "innrykket i listen stemmer ikke; hvert element "
    "skal begynne med «- » på samme kolonne",
    "found character '\\t' that cannot start any token": "tabulatortegn er ikke tillatt i "
    "innrykk; bruk mellomrom",
    "found unexpected end of stream": "filen slutter midt i en verdi; sjekk at alle "
    "anførselstegn og klammer er lukket",
    "found undefined alias": "referanser med `*` er ikke tillatt",
    "found unknown escape character": "ukjent escape-sekvens med `\\` i en tekst i doble "
    "anførselstegn; bruk enkle anførselstegn eller skriv `\\\\`",
    "found unexpected ':'": "et kolon står der det ikke kan stå; sett teksten i anførselstegn",
    "expected <block end>, but found '<block mapping start>'": "innrykket stemmer ikke med "
    "linjene over",
    "expected <block end>, but found '-'": "et listeelement står på feil innrykk",
    "did not find expected node content": "en verdi mangler eller starter med et tegn som må "
    "stå i anførselstegn (for eksempel `@`, `` ` `` eller `%`)",
    "did not find expected ',' or ']'": "en liste i hakeparenteser `[…]` er ikke lukket, eller "
    "et element mangler komma",
    "did not find expected ',' or '}'": "en samling i krøllparenteser `{…}` er ikke lukket, "
    "eller et felt mangler komma",
    "found character that cannot start any token": "verdien starter med et tegn som må stå i "
    "anførselstegn (for eksempel `@`, `` ` `` eller `%`)",
}


def _syntax_message(problem: str, context: Any = None) -> str:
    where = ""
    if context is not None:
        where = f" Det som ikke ble avsluttet, startet på linje {context.line + 1}."
    for english, norwegian in _SYNTAX_HINTS.items():
        if problem.startswith(english):
            return f"YAML-syntaksfeil: {norwegian}.{where} (libyaml: {problem})"
    return (
        f"YAML-syntaksfeil: {problem}. Sjekk innrykk, kolon og anførselstegn på denne "
        f"linjen og linjen over.{where}"
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    if len(data) > MAX_BYTES:
        return None, [
            error(
                path,
                1,
                1,
                "file-too-large",
                f"Filen er {len(data) // 1024} KiB; "
                f"høyst {MAX_BYTES // 1024} KiB er tillatt. Del opp teksten eller "
                "lenk til et vedlegg.",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            error(
                path,
                1,
                1,
                "bom",
                "Filen starter med en byte order mark (BOM). Lagre den som UTF-8 uten BOM.",
            )
        ]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            error(
                path, 1, 1, "encoding", "Filen er lagret som UTF-16. Lagre den som UTF-8 uten BOM."
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", "replace")) + 1
        return None, [
            error(
                path,
                line,
                column,
                "encoding",
                "Filen er ikke gyldig UTF-8 her "
                f"(byte 0x{data[exc.start]:02X}). Lagre filen som UTF-8.",
            )
        ]
    hazards = []
    for match in _TEXT_HAZARD.finditer(text):
        line, column = _position(text, match.start())
        hazards.append(
            error(
                path,
                line,
                column,
                "forbidden-character",
                f"Filen inneholder et {_hazard_name(match.group())}, som ikke er "
                "tillatt. Slett tegnet (det kan være usynlig i editoren).",
            )
        )
        if len(hazards) == MAX_TEXT_HAZARDS:
            break
    if hazards:
        return None, hazards
    return text, []


def _compose(text: str, path: str, track: bool) -> _Composer:
    composer = _Composer(path, yaml.CSafeLoader(text), track)
    try:
        composer.value = composer.document()
    except _Abort:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context_mark
        if context is None or mark is None or context.line == mark.line:
            context = None
        problem = exc.problem or str(exc)
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            problem = "found character '\\t' that cannot start any token"
        message = _syntax_message(problem, context)
        composer.diagnostics.append(error(path, line, column, "yaml-syntax", message))
    except yaml.YAMLError as exc:
        composer.diagnostics.append(error(path, 1, 1, "yaml-syntax", _syntax_message(str(exc))))
    finally:
        composer.loader.dispose()
    return composer


def parse(data: bytes, path: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one record file's bytes. A document comes back when the file holds a
    mapping that the models can be given; diagnostics say everything that is wrong."""
    text, diagnostics = _decode(data, path)
    if text is None:
        return None, diagnostics
    try:
        composer = _compose(text, path, track=False)
    except _NeedsTracking:
        composer = _compose(text, path, track=True)
    value = composer.value
    diagnostics = composer.diagnostics
    if value is None and not diagnostics:
        diagnostics = [
            error(
                path,
                1,
                1,
                "not-a-mapping",
                "Filen har ingen felt. Skriv posten "
                "som felt på formen `navn: verdi`, med `id:` først.",
            )
        ]
    elif value is not None and not isinstance(value, dict):
        line, column = composer.positions.get((), (1, 1, 1, 1))[:2] if composer.track else (1, 1)
        diagnostics = [
            *diagnostics,
            error(
                path,
                line,
                column,
                "not-a-mapping",
                "Posten må være en samling av felt (`navn: verdi`), "
                "ikke en liste eller en enkelt verdi.",
            ),
        ]
        value = None
    if value is None:
        return None, diagnostics
    return Document(path, value, frozenset(composer.tainted)), diagnostics


def read(root: Path, path: str) -> tuple[Document | None, list[Diagnostic]]:
    try:
        data = (root / path).read_bytes()
    except OSError as exc:
        return None, [error(path, 1, 1, "unreadable", f"Filen kan ikke leses ({exc.strerror}).")]
    return parse(data, path)


@lru_cache(maxsize=512)
def _positions(root: Path, path: str) -> dict[Loc, tuple[int, int, int, int]]:
    text, _ = _decode((root / path).read_bytes(), path)
    if text is None:
        return {}
    return _compose(text, path, track=True).positions


def locate(root: Path, path: str, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the value at `loc` (or of its key), or of the
    nearest enclosing node that exists when `loc` itself is missing."""
    positions = _positions(root, path)
    for end in range(len(loc), -1, -1):
        found = positions.get(loc[:end])
        if found is not None:
            if key and end == len(loc):
                return found[2], found[3]
            return found[0], found[1]
    return 1, 1


@dataclass(frozen=True, slots=True)
class FolderListing:
    records: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


def list_folder(root: Path, folder: str, *, solution_folders: bool = False) -> FolderListing:
    """The record files of one data folder, and a diagnostic for anything else in it.
    Only `.yaml` files are records; symlinks are never followed. In the solutions
    folder, a sub-folder named after a solution holds its example files."""
    base = root / folder
    if base.is_symlink():
        return FolderListing(
            (),
            (
                error(
                    folder,
                    1,
                    1,
                    "symlink",
                    "Datamappen er en symbolsk lenke. Legg filene direkte i mappen.",
                ),
            ),
        )
    if not base.is_dir():
        return FolderListing((), ())
    records: list[str] = []
    diagnostics: list[Diagnostic] = []
    entries = sorted(os.scandir(base), key=lambda e: e.name)
    names = {e.name for e in entries}
    for entry in entries:
        rel = f"{folder}/{entry.name}"
        if entry.is_symlink():
            diagnostics.append(
                error(
                    rel,
                    1,
                    1,
                    "symlink",
                    "Symbolske lenker er ikke tillatt i datamappene. Legg inn selve filen.",
                )
            )
        elif entry.is_dir():
            if not (solution_folders and f"{entry.name}.yaml" in names):
                diagnostics.append(
                    error(
                        rel,
                        1,
                        1,
                        "stray-file",
                        "Mappen hører ikke hjemme "
                        f"her. Bare `.yaml`-filer er poster i `{folder}/`.",
                    )
                )
        elif entry.name.endswith(".yaml"):
            stem = entry.name.removesuffix(".yaml")
            if not identifiers.is_slug(stem):
                suggestion = identifiers.slugify(stem) or "min-post"
                diagnostics.append(
                    error(
                        rel,
                        1,
                        1,
                        "invalid-file-name",
                        "Filnavnet er ingen "
                        "gyldig id (små bokstaver a–z, sifre og bindestrek). "
                        f"Gi filen navnet {suggestion}.yaml og skriv "
                        f"`id: {suggestion}`.",
                    )
                )
            records.append(rel)
        elif entry.name.endswith(".yml"):
            diagnostics.append(
                error(
                    rel,
                    1,
                    1,
                    "stray-file",
                    "Filendelsen må være `.yaml`, ikke "
                    f"`.yml`. Gi filen navnet `{entry.name[:-4]}.yaml`.",
                )
            )
        else:
            diagnostics.append(
                error(
                    rel,
                    1,
                    1,
                    "stray-file",
                    "Bare `.yaml`-filer er poster i "
                    f"`{folder}/`. Flytt filen eller gi den endelsen `.yaml`.",
                )
            )
    return FolderListing(tuple(records), tuple(diagnostics))


def iter_documents(
    root: Path, paths: tuple[str, ...]
) -> Iterator[tuple[str, Document | None, list[Diagnostic]]]:
    for path in paths:
        document, diagnostics = read(root, path)
        yield path, document, diagnostics
