"""Line numbers in a JSON file, for the few files a report has something to say
about. Python's json module keeps no positions, so a second, small scanner walks
the text (already known to be valid JSON) and notes the line each value starts
on, keyed by its path of keys and indices."""

from __future__ import annotations

import bisect
import contextlib
import json
import re

from generator.sandbox.findings import Loc

_SPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*"')
_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]
        self.lines: dict[Loc, int] = {}

    def skip(self, pos: int) -> int:
        match = _SPACE.match(self.text, pos)
        return match.end() if match else pos

    def value(self, pos: int, loc: Loc) -> int:
        pos = self.skip(pos)
        self.lines[loc] = bisect.bisect_right(self.newlines, pos - 1) + 1
        char = self.text[pos]
        if char == "{":
            return self.members(pos + 1, loc)
        if char == "[":
            return self.items(pos + 1, loc)
        if char == '"':
            return self.string(pos)[1]
        match = _SCALAR.match(self.text, pos)
        if match is None:
            raise ValueError(pos)
        return match.end()

    def string(self, pos: int) -> tuple[str, int]:
        match = _STRING.match(self.text, pos)
        if match is None:
            raise ValueError(pos)
        return str(json.loads(match.group(0))), match.end()

    def members(self, pos: int, loc: Loc) -> int:
        pos = self.skip(pos)
        if self.text[pos] == "}":
            return pos + 1
        while True:
            key, pos = self.string(self.skip(pos))
            pos = self.skip(pos) + 1  # the colon
            pos = self.skip(self.value(pos, (*loc, key)))
            if self.text[pos] == "}":
                return pos + 1
            pos += 1  # the comma

    def items(self, pos: int, loc: Loc) -> int:
        pos = self.skip(pos)
        if self.text[pos] == "]":
            return pos + 1
        index = 0
        while True:
            pos = self.skip(self.value(pos, (*loc, index)))
            if self.text[pos] == "]":
                return pos + 1
            pos += 1
            index += 1


def lines(text: str) -> dict[Loc, int]:
    """Path → 1-based line of every value in valid JSON `text` (partial if the
    text turns out not to be valid JSON, or is nested too deeply to walk)."""
    scanner = _Scanner(text)
    with contextlib.suppress(ValueError, IndexError, RecursionError):
        scanner.value(0, ())
    return scanner.lines


def line_of(found: dict[Loc, int], loc: Loc) -> int:
    """The line of `loc`, or of the nearest enclosing value that exists; 0 if none."""
    for end in range(len(loc), -1, -1):
        line = found.get(loc[:end])
        if line is not None:
            return line
    return 0
