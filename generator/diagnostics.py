"""One diagnostic type for every problem the tool reports, and its output formats.

A diagnostic is a value: where (path relative to the root, 1-based line and
column), how bad (error or warning), which rule (a stable code documented in
`generator/codes.py`) and a message in Norwegian bokmål for the person who edits
the file. Formats: human text, GitHub workflow annotations and JSON, as fixed in
the project's interface.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

# Characters no text may hold and no terminal or log should receive: C0 controls
# but tab, LF and CR; DEL; C1 controls; the bidirectional embeddings, overrides and
# isolates of "Trojan Source" (CVE-2021-42574); a BOM inside the text; Unicode's
# noncharacters. The loader refuses them (generator/loading/raw_text.py); a
# diagnostic shows any that reach it through a file name as <U+XXXX>.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
HAZARDS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff" + NONCHARACTERS
_UNPRINTABLE = re.compile(f"[{HAZARDS}\r\ud800-\udfff]")


def visible(text: str) -> str:
    """`text` with every character of HAZARDS (and CR, lone surrogates) written as
    <U+XXXX>: what is printed can move no cursor and flip no line."""
    return _UNPRINTABLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}[{self.code}] {self.message}"


def error(path: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(visible(path), line, column, code, Severity.ERROR, visible(message))


def warning(path: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(visible(path), line, column, code, Severity.WARNING, visible(message))


def has_errors(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> bool:
    return any(d.severity is Severity.ERROR or strict for d in diagnostics)


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(d.text() + "\n" for d in diagnostics)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    rows = [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "severity": str(d.severity),
            "code": d.code,
            "message": d.message,
        }
        for d in diagnostics
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    # The escaping of GitHub's toolkit (`escapeData` in @actions/core).
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    # The escaping of GitHub's toolkit (`escapeProperty` in @actions/core).
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        props = ",".join(
            f"{key}={_escape_property(value)}"
            for key, value in (
                ("file", d.path),
                ("line", str(d.line)),
                ("col", str(d.column)),
                ("title", d.code),
            )
        )
        lines.append(f"::{d.severity} {props}::{_escape_data(d.message)}\n")
    return "".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}


def as_dicts(diagnostics: Iterable[Diagnostic]) -> list[dict[str, object]]:
    return [asdict(d) for d in diagnostics]
