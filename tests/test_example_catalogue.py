"""The shipped example catalogue: it passes the check, and every loader hazard
introduced into a copy of it gives exit 1 with a diagnostic at the file and line
of the fault, never an exception."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.diagnostics import has_errors
from generator.models.kinds import APPLICATION, CALLOFF, DPS, KINDS
from generator.procurement.states import first_invitations
from tests.support.paths import ROOT, TODAY
from tests.support.shipped import EXPECTED, unexpected


def test_shipped_catalogue_is_valid_with_only_the_expected_warning() -> None:
    catalogue, diagnostics, _ = pipeline.run(ROOT, TODAY)
    assert [(d.path, d.code) for d in diagnostics] == list(EXPECTED)
    assert not has_errors(diagnostics)
    counts = {kind.name: len(list(catalogue.records(kind))) for kind in KINDS}
    assert counts["supplier"] >= 4 and counts["solution"] >= 6 and counts["need"] >= 5
    assert counts["experience"] >= 8 and counts["dps"] >= 2 and counts["calloff"] >= 3


def test_check_command_on_the_shipped_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--root", str(ROOT), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["path"], r["code"], r["severity"]) for r in rows] == [
        (*e, "warning") for e in EXPECTED
    ]


def test_shipped_catalogue_covers_the_seed() -> None:
    catalogue, _, _ = pipeline.run(ROOT, TODAY)
    solutions = [e.record for e in catalogue.records(KINDS[1])]
    assert len({c for s in solutions for c in s.categories}) >= 3
    needs = [e.record for e in catalogue.records(KINDS[2])]
    assert len({n.phase for n in needs}) >= 3
    freed = [p.time_share_percent for n in needs for p in n.participants]
    assert 30 in freed  # the wound nurse freed at 30 %
    areas = {e.record.area for e in catalogue.records(KINDS[3])}
    assert areas == {
        "innovation",
        "procurement-collaboration",
        "implementation",
        "use",
        "phase-out",
    }


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "copy"
    for kind in KINDS:
        if (ROOT / kind.folder).exists():
            shutil.copytree(ROOT / kind.folder, root / kind.folder, symlinks=True)
    return root


def _target(root: Path) -> Path:
    return sorted((root / "needs").glob("*.yaml"))[0]


def _line_of(text: str, pattern: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if re.match(pattern, line):
            return number
    raise AssertionError(f"no line matches {pattern}")


def _replace_line(text: str, pattern: str, new: str) -> str:
    lines = text.split("\n")
    lines[_line_of(text, pattern) - 1] = new
    return "\n".join(lines)


Mutation = Callable[[str], tuple[bytes, int, str]]


def _end(text: str) -> int:
    return text.count("\n") + 1


MUTATIONS: dict[str, Mutation] = {
    "duplicate key": lambda t: ((t + "title: To titler\n").encode(), _end(t), "duplicate-key"),
    "NO is not a boolean": lambda t: (
        _replace_line(t, r"published:", "published: NO").encode(),
        _line_of(t, r"published:"),
        "invalid-date",
    ),
    "unquoted kommunenummer is a number": lambda t: (
        _replace_line(t, r"owner:", "owner: 4601").encode(),
        _line_of(t, r"owner:"),
        "invalid-type",
    ),
    "1:30 is not sexagesimal": lambda t: (
        _replace_line(t, r"phase:", "phase: 1:30").encode(),
        _line_of(t, r"phase:"),
        "invalid-type",
    ),
    "invalid calendar date": lambda t: (
        _replace_line(t, r"published:", "published: 2024-02-30").encode(),
        _line_of(t, r"published:"),
        "invalid-date",
    ),
    "anchor": lambda t: (
        _replace_line(t, r"title:", "title: &t Tittel").encode(),
        _line_of(t, r"title:"),
        "anchor",
    ),
    "alias": lambda t: (
        (_replace_line(t, r"title:", "title: &t Tittel") + "summary_copy: *t\n").encode(),
        _end(t),
        "alias",
    ),
    "merge key": lambda t: ((t + "<<: {a: 1}\n").encode(), _end(t), "merge-key"),
    "python tag": lambda t: (
        _replace_line(t, r"title:", 'title: !!python/object/apply:os.system ["ls"]').encode(),
        _line_of(t, r"title:"),
        "forbidden-tag",
    ),
    "deep nesting": lambda t: (
        (t + "".join("  " * i + f"n{i}:\n" for i in range(25)) + "  " * 25 + "v: 1\n").encode(),
        _end(t) + 20,
        "too-deep",
    ),
    "over 256 KiB": lambda t: ((t + "#" * 300_000 + "\n").encode(), 1, "file-too-large"),
    "BOM": lambda t: (b"\xef\xbb\xbf" + t.encode(), 1, "bom"),
    "NUL": lambda t: (
        _replace_line(t, r"title:", "title: A\x00B").encode(),
        _line_of(t, r"title:"),
        "forbidden-character",
    ),
    "control character": lambda t: (
        _replace_line(t, r"title:", "title: A\x07B").encode(),
        _line_of(t, r"title:"),
        "forbidden-character",
    ),
    "bidi override": lambda t: (
        _replace_line(t, r"title:", "title: A\u202eB").encode(),
        _line_of(t, r"title:"),
        "forbidden-character",
    ),
    "invalid UTF-8": lambda t: (
        _replace_line(t, r"title:", "title: XX").encode().replace(b"XX", b"\xc3\x28"),
        _line_of(t, r"title:"),
        "encoding",
    ),
    "two documents": lambda t: ((t + "---\nid: annen\n").encode(), _end(t), "multiple-documents"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_hazard_in_a_copy_of_the_shipped_catalogue(name: str, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    target = _target(root)
    text = target.read_text(encoding="utf-8")
    data, line, code = MUTATIONS[name](text)
    target.write_bytes(data)
    _, diagnostics, _ = pipeline.run(root, TODAY)
    assert has_errors(diagnostics)
    rel = str(target.relative_to(root))
    assert (rel, line, code) in {(d.path, d.line, d.code) for d in diagnostics}, [
        d.text() for d in diagnostics
    ]


def test_0301_unquoted_stays_a_string_and_means_oslo(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    target = _target(root)
    text = target.read_text(encoding="utf-8")
    target.write_text(_replace_line(text, r"owner:", "owner: 0301"), encoding="utf-8")
    catalogue, diagnostics, _ = pipeline.run(root, TODAY)
    assert [d.text() for d in unexpected(diagnostics)] == []
    need = catalogue.get(KINDS[2], target.stem)
    assert need is not None and need.owner == "0301"


@pytest.mark.parametrize(
    ("name", "code"),
    [("notater.txt", "stray-file"), ("gammel.yml", "stray-file"), ("lenke.yaml", "symlink")],
)
def test_foreign_files_in_a_data_folder(name: str, code: str, tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "needs" / name
    if name.endswith(".yaml"):
        os.symlink(_target(root).name, path)
    else:
        path.write_text("id: x\n", encoding="utf-8")
    _, diagnostics, _ = pipeline.run(root, TODAY)
    assert (f"needs/{name}", 1, code) in {(d.path, d.line, d.code) for d in diagnostics}


def _date_line(text: str, key: str) -> tuple[int, str]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip().startswith(f"{key}:"):
            return number, line
    raise AssertionError(key)


def _move(text: str, key: str, new: date) -> tuple[str, int]:
    number, line = _date_line(text, key)
    lines = text.split("\n")
    lines[number - 1] = line.split(":", 1)[0] + f": {new.isoformat()}"
    return "\n".join(lines), number


def _limit_cases() -> list[tuple[str, str, str, str]]:
    """(kind name, field, how to move it, expected code) on the first call-off with a
    contract, the first DPS with a decided application and that application in the
    shipped catalogue."""
    return [
        (CALLOFF.name, "tender_deadline", "published+9", "tender-period"),
        # a day past the 30-day period, counted as the EEA time-limit regulation does
        (CALLOFF.name, "award_notice_published", "signed+30p", "award-notice"),
        # the decision may come on the deadline day, not the day before
        (CALLOFF.name, "decided", "tender_deadline-1", "award-rules"),
        (DPS.name, "request_deadline", "announced+29", "dps-request-window"),
        # 16 working days: past even the 15 an extension reason allows
        (APPLICATION.name, "decided", "received+16wd", "dps-decision-deadline"),
    ]


def _limit_target(root: Path, kind: str) -> Path:
    """The first call-off with a contract; else the first decided application received
    after its DPS's first call-off invitation (before it, the first phase allows a
    longer evaluation), or that application's DPS."""
    if kind == CALLOFF.name:
        calloffs = sorted((root / CALLOFF.folder).glob("*.yaml"))
        return next(p for p in calloffs if "\ncontract:" in p.read_text(encoding="utf-8"))
    checked = pipeline.run(root, TODAY).catalogue
    firsts = first_invitations(checked)
    application = next(
        root / event.path
        for event in checked.all_events(APPLICATION)
        if event.record.decided is not None
        and event.parent in firsts
        and event.record.received > firsts[event.parent]
    )
    if kind == APPLICATION.name:
        return application
    found = APPLICATION.match(application.relative_to(root).as_posix())
    assert found is not None, application
    return root / DPS.path(found[0])


@pytest.mark.parametrize(
    ("kind", "field", "move", "code"),
    _limit_cases(),
    ids=[f"{c[1]}:{c[2]}" for c in _limit_cases()],
)
def test_moving_a_date_across_a_limit_and_back(
    tmp_path: Path, kind: str, field: str, move: str, code: str
) -> None:
    from generator.norway.workdays import add_working_days

    root = _copy(tmp_path)
    target = _limit_target(root, kind)
    original = target.read_text(encoding="utf-8")
    from generator.procurement.periods import last_day

    found = re.fullmatch(r"(\w+)([+-])(\d+)(wd|p)?", move)
    assert found is not None, move
    base_key, sign, count, unit = found.groups()
    _, base_line = _date_line(original, base_key)
    base = date.fromisoformat(base_line.split(":", 1)[1].strip())
    if unit == "wd":
        new = add_working_days(base, int(count))
    elif unit == "p":  # the day after a period of `count` days has ended
        new = date.fromordinal(last_day(base, int(count)).toordinal() + 1)
    else:
        new = date.fromordinal(base.toordinal() + int(f"{sign}{count}"))
    moved, line = _move(original, field, new)
    target.write_text(moved, encoding="utf-8")
    _, diagnostics, _ = pipeline.run(root, TODAY)
    rel = str(target.relative_to(root))
    assert has_errors(diagnostics)
    assert (rel, line, code) in {(d.path, d.line, d.code) for d in diagnostics}, [
        d.text() for d in diagnostics
    ]
    target.write_text(original, encoding="utf-8")
    assert unexpected(pipeline.run(root, TODAY)[1]) == []
