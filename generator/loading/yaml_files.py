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

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, error
from generator.loading import raw_text
from generator.loading.composing import Abort, Composer, Loc, NeedsTracking

__all__ = ["Loc", "YamlDocument", "locate", "parse", "positions", "read"]


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """One record file as plain values; `tainted` holds locations whose values the
    loader had to replace (an alias, a forbidden tag), so model errors there are
    not reported twice."""

    path: str
    value: dict[str, Any]
    tainted: frozenset[Loc] = frozenset()


def _compose(text: str, path: str, track: bool) -> Composer:
    composer = Composer(path, yaml.CSafeLoader(text), track)
    try:
        composer.value = composer.document()
    except Abort:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context_mark
        if context is None or mark is None or context.line == mark.line:
            context = None
        problem = exc.problem or str(exc)
        if mark is not None and raw_text.char_at(text, mark.line, mark.column) == "\t":
            problem = "found character '\\t' that cannot start any token"
        message = raw_text.syntax_message(problem, context)
        composer.diagnostics.append(error(path, line, column, "yaml-syntax", message))
    except yaml.YAMLError as exc:
        composer.diagnostics.append(
            error(path, 1, 1, "yaml-syntax", raw_text.syntax_message(str(exc)))
        )
    finally:
        composer.loader.dispose()
    return composer


def parse(data: bytes, path: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one record file's bytes. A document comes back when the file holds a
    mapping that the models can be given; diagnostics say everything that is wrong."""
    text, diagnostics = raw_text.decode(data, path)
    if text is None:
        return None, diagnostics
    try:
        composer = _compose(text, path, track=False)
    except NeedsTracking:
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
    return YamlDocument(path, value, frozenset(composer.tainted)), diagnostics


def read(root: Path, path: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    try:
        data = (root / path).read_bytes()
    except OSError as exc:
        return None, [error(path, 1, 1, "unreadable", f"Filen kan ikke leses ({exc.strerror}).")]
    return parse(data, path)


@lru_cache(maxsize=512)
def _positions(root: Path, path: str) -> dict[Loc, tuple[int, int, int, int]]:
    text, _ = raw_text.decode((root / path).read_bytes(), path)
    if text is None:
        return {}
    return _compose(text, path, track=True).positions


def positions(data: bytes, path: str) -> dict[Loc, tuple[int, int, int, int]]:
    """Every node's position in a file's bytes that are not on disk (a file at a git
    revision, a record made from a form): loc -> (value line, value column, key line,
    key column), 1-based."""
    text, _ = raw_text.decode(data, path)
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


def iter_documents(
    root: Path, paths: tuple[str, ...]
) -> Iterator[tuple[str, YamlDocument | None, list[Diagnostic]]]:
    for path in paths:
        document, diagnostics = read(root, path)
        yield path, document, diagnostics
