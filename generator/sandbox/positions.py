"""Line numbers in a JSON file, for the few files a report has something to say
about. Python's json module keeps no positions, so a second, small scanner walks
the text (already known to be valid JSON) and notes the line each value starts
on, keyed by its path of keys and indices. Given the paths a report needs, it
walks only down those paths and skips every other value whole (the json module's
C decoder finds where it ends), so a large Bundle with one finding costs little."""

from __future__ import annotations

import bisect
import contextlib
import json
import re

from generator.sandbox.findings import Loc

_SPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*"')
_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null")
_DECODER = json.JSONDecoder()


class _Scanner:
    def __init__(self, text: str, wanted: frozenset[Loc] | None = None) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.lines: dict[Loc, int] = {}
        # every prefix of a wanted path: the scanner goes down these and no other
        self.paths = None if wanted is None else {w[:n] for w in wanted for n in range(len(w) + 1)}

    def skip(self, pos: int) -> int:
        match = _SPACE.match(self.text, pos)
        return match.end() if match else pos

    def value(self, pos: int, loc: Loc) -> int:
        pos = self.skip(pos)
        if self.paths is not None and loc not in self.paths:
            return self.past(pos)
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

    def past(self, pos: int) -> int:
        """The position just after the value at `pos`, without noting anything in it."""
        char = self.text[pos]
        if char not in "{[":
            match = (_STRING if char == '"' else _SCALAR).match(self.text, pos)
            if match is None:
                raise ValueError(pos)
            return match.end()
        # a container: the json module's C decoder finds its end fastest
        try:
            return _DECODER.raw_decode(self.text, pos)[1]
        except json.JSONDecodeError as exc:
            raise ValueError(pos) from exc

    def string(self, pos: int) -> tuple[str, int]:
        match = _STRING.match(self.text, pos)
        if match is None:
            raise ValueError(pos)
        raw = match.group(0)
        return (str(json.loads(raw)) if "\\" in raw else raw[1:-1]), match.end()

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


def lines(text: str, wanted: frozenset[Loc] | None = None) -> dict[Loc, int]:
    """Path → 1-based line of every value in valid JSON `text`, or with `wanted`
    of those paths and every value on the way to them (partial if the text turns
    out not to be valid JSON, or is nested too deeply to walk)."""
    scanner = _Scanner(text, wanted)
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
