"""The daily reminder job: `markedsplass github reminders` on the output of
`markedsplass deadlines --format json`, against the local GitHub-like server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cli
from generator.github.reminders import LABEL, key_of, marker
from tests.support.casefolders import BASE
from tests.support.github_fake import FakeGitHub, environment


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        environment(monkeypatch, server)
        yield server


def _deadlines(capsys: pytest.CaptureFixture[str], root: Path, today: str, out: Path) -> Path:
    cli.main(
        ["deadlines", "--root", str(root), "--today", today, "--within", "30", "--format", "json"]
    )
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    return out


def _remind(capsys: pytest.CaptureFixture[str], deadlines: Path) -> str:
    assert cli.main(["github", "reminders", "--deadlines", str(deadlines)]) == 0
    return capsys.readouterr().err


def _open(github: FakeGitHub) -> list[tuple[str, str]]:
    return [
        (i["title"], i["state"])
        for i in github.state.issues.values()
        if LABEL in {label["name"] for label in i["labels"]}
    ]


def test_running_twice_opens_no_duplicate(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deadlines = _deadlines(capsys, BASE, "2026-01-25", tmp_path / "frister.json")
    rows = json.loads(deadlines.read_text(encoding="utf-8"))
    assert [r["key"] for r in rows] == ["dps/dps-a/request-deadline"]
    assert "1 åpnet" in _remind(capsys, deadlines)
    first = _open(github)
    assert first == [
        (
            "Frist 2026-02-06: Frist for forespørsler om deltakelse: "
            "Dynamisk innkjøpsordning for sårbehandling",
            "open",
        )
    ]
    assert "0 åpnet, 0 oppdatert, 0 gjenåpnet, 0 lukket" in _remind(capsys, deadlines)
    assert _open(github) == first
    assert github.state.count("POST", r".*/issues") == len(rows)
    assert github.state.count("PATCH", r".*/issues/\d+") == 0


def test_a_met_deadline_is_closed_and_a_returning_one_reopened(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    row = {
        "key": "calloff/uttak-a/milestone/Oppstart",
        "date": "2026-05-01",
        "label": "Kontraktsmilepæl",
        "title": "Sårapp for Bergen: Oppstart",
        "path": "tenders/calloffs/uttak-a.yaml",
        "legal": False,
        "rule": "",
        "status": "due",
    }
    deadlines = tmp_path / "frister.json"
    deadlines.write_text(json.dumps([row]), encoding="utf-8")
    assert "1 åpnet" in _remind(capsys, deadlines)
    row["status"] = "overdue"
    deadlines.write_text(json.dumps([row]), encoding="utf-8")
    assert "1 oppdatert" in _remind(capsys, deadlines)
    assert _open(github) == [
        ("Overskredet 2026-05-01: Kontraktsmilepæl: Sårapp for Bergen: Oppstart", "open")
    ]
    deadlines.write_text("[]", encoding="utf-8")
    assert "1 lukket" in _remind(capsys, deadlines)
    assert [state for _, state in _open(github)] == ["closed"]
    assert "nådd eller avgjort" in next(iter(github.state.comments.values()))["body"]
    assert "0 lukket" in _remind(capsys, deadlines)
    deadlines.write_text(json.dumps([row]), encoding="utf-8")
    assert "1 gjenåpnet" in _remind(capsys, deadlines)
    assert [state for _, state in _open(github)] == ["open"]


def test_issues_not_opened_by_the_bot_are_left_alone(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    key = "calloff/uttak-a/tender-deadline"
    github.state.new_issue("Kopi", marker(key), "inntrenger", [LABEL])
    deadlines = tmp_path / "frister.json"
    deadlines.write_text("[]", encoding="utf-8")
    assert "0 lukket" in _remind(capsys, deadlines)
    assert github.state.issues[1]["state"] == "open"


def test_the_marker_survives_any_subject() -> None:
    key = "calloff/uttak-a/milestone/Levering --> <b>«ferdig»</b>"
    assert "-->" not in marker(key)[5:-4]
    assert key_of(f"tekst\n{marker(key)}\nmer") == key
