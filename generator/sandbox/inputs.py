"""What the kit is given: `.json` files, or folders of them, read and parsed.

A path that does not exist, or is neither a `.json` file nor a folder, is a tool
failure (InputError): the person typed the command wrong. A file that cannot be
read, is not valid JSON, not UTF-8 or too large is a finding about that file:
the run goes on and reports it with the rest."""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.sandbox.findings import Finding

_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")

MAX_BYTES = 20 * 1024 * 1024

_JSON_MESSAGES = {
    "Expecting ',' delimiter": "et komma mangler",
    "Expecting ':' delimiter": "et kolon mangler etter et feltnavn",
    "Expecting property name enclosed in double quotes": (
        "et feltnavn skal stå i doble anførselstegn (eller det står et komma for mye)"
    ),
    "Expecting value": "en verdi mangler",
    "Extra data": "noe står etter slutten av JSON-objektet",
    "Unterminated string starting at": "en tekst mangler avsluttende anførselstegn",
    "Invalid control character at": "teksten har et kontrolltegn (for eksempel linjeskift)",
    "Invalid \\escape": "ugyldig escape-sekvens med \\",
}


class InputError(Exception):
    """The paths given cannot be verified at all (exit 2)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One file: what it is called in the report, its text, and its parsed value
    (None when it could not be read; `problem` then says why)."""

    name: str
    text: str
    value: dict[str, Any] | None
    problem: Finding | None = None
    line: int = 0  # where the problem is, when known


def collect(paths: list[Path], names: list[str] | None = None) -> list[tuple[str, Path]]:
    """Every `.json` file the paths name, with the name to show for it: the path as
    given, or `names[i]` for the i-th path. Folders are searched recursively, sorted;
    symbolic links inside folders are not followed."""
    found: list[tuple[str, Path]] = []
    for index, path in enumerate(paths):
        shown_as = names[index] if names else str(path)
        if path.is_dir():
            for file in _walk(path):
                rel = file.relative_to(path).as_posix()
                found.append((f"{shown_as.rstrip('/')}/{rel}", file))
        elif path.is_file() and path.suffix == ".json":
            found.append((shown_as, path))
        elif not path.exists():
            raise InputError(f"{shown_as} finnes ikke.")
        else:
            raise InputError(
                f"{shown_as} er verken en .json-fil, en mappe eller en løsning "
                "(catalogue/solutions/<id>.yaml)."
            )
    return found


def _walk(folder: Path) -> list[Path]:
    files = []
    for base, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            path = Path(base) / name
            if name.endswith(".json") and not path.is_symlink():
                files.append(path)
    return sorted(files)


def read(name: str, path: Path) -> Source:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _problem(name, f"Filen er større enn {MAX_BYTES // (1024 * 1024)} MiB.")
        data = path.read_bytes()
    except OSError as exc:
        return _problem(
            name, f"Filen kan ikke leses ({exc.strerror}).", "Sjekk filen og rettighetene."
        )
    return parse(name, data)


def parse(name: str, data: bytes) -> Source:
    if data.startswith(b"\xef\xbb\xbf"):
        return _problem(
            name, "Filen starter med byte order mark (BOM).", "Lagre filen som UTF-8 uten BOM."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _problem(name, "Filen er ikke UTF-8.", "Lagre filen som UTF-8.")
    try:
        value = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constant,
            parse_int=_bounded_int,
            parse_float=_finite_float,
        )
    except _Unsafe as exc:
        return _problem(name, exc.message, exc.hint, text, _line_of(text, exc.needle))
    except json.JSONDecodeError as exc:
        reason = next((no for en, no in _JSON_MESSAGES.items() if exc.msg.startswith(en)), None)
        detail = reason or exc.msg
        return _problem(
            name,
            f"Filen er ikke gyldig JSON: {detail} (linje {exc.lineno}, kolonne {exc.colno}).",
            "Rett JSON-syntaksen; en JSON-validator i editoren viser stedet.",
            text,
            exc.lineno,
        )
    except _Duplicate as exc:
        return _problem(
            name,
            f"Feltet «{exc.key}» står to ganger i samme objekt.",
            "FHIR JSON tillater hvert felt én gang: slå sammen eller fjern det ene.",
            text,
            _line_of(text, f'"{exc.key}"', second=True),
        )
    except RecursionError:
        return _problem(name, "JSON-strukturen er for dypt nestet.", "Flat ut strukturen.", text)
    # strict UTF-8 holds no surrogate: one can only come from a \uD800–\uDFFF escape,
    # so the parsed value is searched only when the text has such an escape
    hazard = _first_hazard(value) if _SURROGATE_ESCAPE.search(text) else None
    if hazard is not None:
        message, needle = hazard
        return _problem(
            name,
            message,
            "Slett escape-sekvensen, eller skriv hele tegnet (et surrogatpar).",
            text,
            _line_of(text, needle),
        )
    if not isinstance(value, dict):
        return _problem(
            name,
            "Filen er ingen FHIR-ressurs: den skal være ett JSON-objekt ({…}).",
            "Legg én ressurs i hver fil, eller samle flere i en Bundle.",
            text,
        )
    return Source(name, text, value)


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key[:60])
            seen.add(key)
    return result


# The longest number an example may hold, in characters: FHIR's decimals have at
# most 18 significant digits, integers 10.
MAX_NUMBER_CHARS = 40


class _Unsafe(ValueError):
    """A value JSON allows but no FHIR resource can hold; `needle` finds its line."""

    def __init__(self, message: str, hint: str, needle: str) -> None:
        super().__init__(message)
        self.message, self.hint, self.needle = message, hint, needle


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Unsafe(
            f"Et tall har {len(text)} tegn; høyst {MAX_NUMBER_CHARS} er tillatt.",
            "Sjekk verdien: FHIR-tall har langt færre sifre.",
            text[:MAX_NUMBER_CHARS],
        )
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text[: MAX_NUMBER_CHARS + 1])
    if len(text) > MAX_NUMBER_CHARS or not math.isfinite(value):
        raise _Unsafe(
            f"Tallet {text[:MAX_NUMBER_CHARS]}{'…' if len(text) > MAX_NUMBER_CHARS else ''} er "
            "for stort eller for langt til å regnes med.",
            "Sjekk verdien: et FHIR-tall har høyst 18 gjeldende sifre.",
            text[:MAX_NUMBER_CHARS],
        )
    return value


def _first_hazard(value: Any) -> tuple[str, str] | None:
    """The first string or key with a lone surrogate (`"\\ud800"`: JSON allows it,
    no text can hold it), as (message, the escape to find its line by)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(reversed([*item.values()]))
            strings = list(item)
        elif isinstance(item, list):
            stack.extend(reversed(item))
            continue
        elif isinstance(item, str):
            strings = [item]
        else:
            continue
        for text in strings:
            found = _SURROGATE.search(text)
            if found is not None:
                code = ord(found.group())
                return (
                    f"En tekst inneholder et ensomt surrogat (U+{code:04X}), som ikke er et tegn.",
                    f"\\u{code:04x}",
                )
    return None


def _line_of(text: str, needle: str, second: bool = False) -> int:
    """The line where `needle` stands (its second occurrence with `second`), or 0."""
    index = text.find(needle)
    if second and index >= 0:
        index = text.find(needle, index + 1)
    if index < 0 and needle.startswith("\\u"):
        index = text.lower().find(needle.lower())
    return text.count("\n", 0, index) + 1 if index >= 0 else 0


def _no_constant(name: str) -> Any:
    raise _Unsafe(
        f"Filen er ikke gyldig JSON: {name} er ikke et tall i JSON.",
        "Skriv et vanlig tall, eller utelat verdien og bruk dataAbsentReason.",
        name,
    )


def _problem(name: str, text: str, hint: str = "", source: str = "", line: int = 0) -> Source:
    finding = Finding("structure", (), text, hint or "Lagre filen på nytt som en FHIR JSON-fil.")
    return Source(name, source, None, finding, line)
