"""The raw bytes of a record file, before YAML: size, encoding, BOM and the
characters that must never be in a file (NUL, controls, bidirectional overrides);
and libyaml's syntax errors retold in Norwegian."""

from __future__ import annotations

import re
from typing import Any

from generator.diagnostics import HAZARDS, Diagnostic, error

MAX_BYTES = 256 * 1024
MAX_TEXT_HAZARDS = 20

# C0 controls but tab, LF and CR; DEL; C1 controls; the bidirectional embeddings,
# overrides and isolates of "Trojan Source" (CVE-2021-42574); a BOM inside the text;
# Unicode's noncharacters (U+FDD0–U+FDEF and the last two code points of every
# plane). A decoded string (after YAML's escapes, `"\e"`, `"\u202e"`) may in
# addition hold neither CR, which only an escape can put there, nor a lone
# surrogate.
_TEXT_HAZARD = re.compile(f"[{HAZARDS}]")
_DECODED_HAZARD = re.compile(f"[{HAZARDS}\r\ud800-\udfff]")


def _hazard_name(char: str) -> str:
    code = ord(char)
    if code == 0:
        return "NUL-tegn (U+0000)"
    if code == 0xFEFF:
        return "byte order mark (U+FEFF) midt i teksten"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"tegn som snur skriveretningen (U+{code:04X})"
    if 0xD800 <= code <= 0xDFFF:
        return f"ensomt surrogat (U+{code:04X}), som ikke er et tegn"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return f"ikke-tegn (U+{code:04X}), som Unicode aldri gir mening"
    if code == 0x0D:
        return "linjeskift av typen CR (U+000D)"
    return f"kontrolltegn (U+{code:04X})"


def decoded_hazard(value: str) -> str | None:
    """What is wrong with a decoded string (a YAML scalar after its escapes, or a
    JSON string), in Norwegian; None when it holds no forbidden character."""
    match = _DECODED_HAZARD.search(value)
    if match is None:
        return None
    return (
        f"Teksten inneholder et {_hazard_name(match.group())}, skrevet med en escape-sekvens "
        "(`\\…`) i anførselstegn. Slett sekvensen; slike tegn er ikke tillatt i noen tekst."
    )


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
    "found invalid Unicode character escape code": "escape-sekvensen `\\u…` i anførselstegn "
    "er ikke et gyldig tegn (for eksempel et ensomt surrogat som `\\ud800`); slett den, "
    "eller skriv tegnet selv",
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


def syntax_message(problem: str, context: Any = None) -> str:
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


def char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
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
