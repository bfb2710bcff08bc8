"""Writing records as YAML from values that came from people (an issue form): text
never becomes YAML structure. PyYAML's safe emitter quotes every string that a
YAML reader could take for something else (a number, a boolean, `null`, `0301`,
`NO`, `1e5`); dates are written plain (`2026-11-28`), as in the hand-written
records. Every result is read back with the project's strict loader and must give
exactly the values written, or `EmitError` is raised (a tool failure)."""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

import yaml

from generator.loading import yaml_files


class EmitError(Exception):
    """The YAML written would not read back as the values given."""


class _Dumper(yaml.SafeDumper):
    """Safe dumping with YAML 1.1's implicit types (so `yes`, `0301`, `1:30` are
    quoted) and the project loader's floats (`1e5`), but dates left plain. Lists
    are indented under their field, as in the hand-written records."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in copy.deepcopy(yaml.SafeDumper.yaml_implicit_resolvers).items()
}
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?[eE][-+]?[0-9]+$"),
    list("-0123456789"),
)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip() else None
    if style and (
        value != value.strip() + "\n" or any(line != line.rstrip() for line in value.splitlines())
    ):
        style = '"'  # a literal block cannot keep trailing spaces or blank ends
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _date(dumper: yaml.SafeDumper, value: date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.isoformat())


_Dumper.add_representer(str, _str)
_Dumper.add_representer(date, _date)


def _plain(value: Any) -> Any:
    """The values the loader gives back for what was written."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _text(value: Any) -> str:
    text: str = yaml.dump(
        value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2
    )
    return text


def _verified(text: str, path: str, expected: dict[str, Any]) -> str:
    document, problems = yaml_files.parse(text.encode("utf-8"), path)
    if document is None or problems or document.value != _plain(expected):
        raise EmitError(f"{path}: YAML-en som ble skrevet, leses ikke tilbake som verdiene.")
    return text


def dump(record: dict[str, Any], path: str) -> str:
    """A whole record file."""
    return _verified(_text(_normal(record)), path, record)


def _normal(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_normal(v) for v in value]
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def set_field(text: str, path: str, key: str, value: Any) -> str:
    """`text` (a record file) with the top-level field `key` set to `value`: only that
    field's lines change, the rest of the file (comments, order, quoting) stays as
    it was. A file whose shape does not allow this is written whole instead."""
    document, problems = yaml_files.parse(text.encode("utf-8"), path)
    if document is None or problems:
        raise EmitError(f"{path} kan ikke leses og kan ikke endres herfra.")
    expected = {**document.value, key: _plain(value)}
    lines = text.splitlines(keepends=True)
    block = _text({key: _normal(value)})
    positions = yaml_files.positions(text.encode("utf-8"), path)
    starts = sorted(positions[(k,)][2] for k in document.value)  # key lines, 1-based
    if key in document.value:
        start = positions[(key,)][2]
        later = [line for line in starts if line > start]
        end = later[0] - 1 if later else len(lines)
        while end > start and (
            not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1  # comments before the next field belong to it
        candidate = "".join(lines[: start - 1]) + block + "".join(lines[end:])
    else:
        ending = "" if not text or text.endswith("\n") else "\n"
        candidate = text + ending + block
    try:
        return _verified(candidate, path, expected)
    except EmitError:
        return dump(expected, path)
