"""`markedsplass deadlines`: what is due soon and what is overdue, in text, JSON
and iCalendar, with exit 1 only for an overdue legal deadline."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import icalendar
import pytest

from generator import cli
from generator.models.kinds import APPLICATION
from tests.support.casefolders import BASE

CALLOFF = "tenders/calloffs/uttak-a.yaml"
PENDING = APPLICATION.path("dps-a", "leverandor-c-2026-11-02")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The minimal catalogue with a pending request (received 2026-11-02, due
    2026-11-16), a contract without its award notice (signed 2026-04-01) and an open
    milestone (due 2027-01-15)."""
    root = tmp_path / "root"
    shutil.copytree(BASE, root)
    (root / PENDING).write_text("supplier: leverandor-c\nreceived: 2026-11-02\n", encoding="utf-8")
    supplier = (root / "catalogue/suppliers/leverandor-a.yaml").read_text(encoding="utf-8")
    (root / "catalogue/suppliers/leverandor-c.yaml").write_text(
        supplier.replace("leverandor-a", "leverandor-c").replace('"912345688"', '"923456791"'),
        encoding="utf-8",
    )
    calloff = (root / CALLOFF).read_text(encoding="utf-8")
    calloff = (
        calloff.replace("  award_notice_published: 2026-04-10\n", "")
        .replace("      met: 2026-04-28\n", "")
        .replace("due: 2026-05-01", "due: 2027-01-15")
    )
    (root / CALLOFF).write_text(calloff, encoding="utf-8")
    return root


def _json(
    capsys: pytest.CaptureFixture[str], root: Path, today: str, within: int = 30
) -> tuple[int, list[dict[str, object]]]:
    code = cli.main(
        [
            "deadlines",
            "--root",
            str(root),
            "--today",
            today,
            "--within",
            str(within),
            "--format",
            "json",
        ]
    )
    return code, json.loads(capsys.readouterr().out)


def test_due_soon_before_anything_is_late(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    code, rows = _json(capsys, root, "2026-04-20")
    assert code == 0
    assert [(r["kind"], r["date"], r["record"], r["status"], r["legal"]) for r in rows] == [
        # the 30th day after signing is 1 May, a holiday: due the Monday after
        ("award-notice", "2026-05-04", "uttak-a", "due", True)
    ]


def test_overdue_legal_deadlines_exit_one(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    code, rows = _json(capsys, root, "2026-11-28", within=60)
    assert code == 1
    assert [(r["kind"], r["date"], r["status"], r["days"]) for r in rows] == [
        ("award-notice", "2026-05-04", "overdue", -208),
        ("application-decision", "2026-11-16", "overdue", -12),
        ("milestone", "2027-01-15", "due", 48),
    ]


def test_a_met_obligation_is_not_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = _json(capsys, BASE, "2026-11-28", within=3650)
    assert code == 0
    assert [r["kind"] for r in rows] == ["dps-expiry"]


def test_only_the_window_is_listed(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    _, rows = _json(capsys, root, "2026-11-10", within=5)
    assert [(r["kind"], r["status"]) for r in rows] == [("award-notice", "overdue")]
    _, rows = _json(capsys, root, "2026-11-10", within=6)
    assert [r["kind"] for r in rows] == ["award-notice", "application-decision"]


def test_ics_is_a_valid_calendar_with_stable_uids(
    capsys: pytest.CaptureFixture[str], root: Path
) -> None:
    args = [
        "deadlines",
        "--root",
        str(root),
        "--today",
        "2026-11-28",
        "--within",
        "60",
        "--format",
        "ics",
    ]
    cli.main(args)
    first = capsys.readouterr().out
    cli.main(args)
    assert capsys.readouterr().out == first
    calendar = icalendar.Calendar.from_ical(first)
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [
        "award-notice-calloff-uttak-a-2026-05-04@markedsplassen",
        "application-decision-dps-dps-a-2026-11-16@markedsplassen",
        "milestone-calloff-uttak-a-2027-01-15@markedsplassen",
    ]
    assert events[1].decoded("dtstart") == date(2026, 11, 16)
    assert "FOA § 26-5" in str(events[1]["description"])


def test_text_says_how_late(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    cli.main(["deadlines", "--root", str(root), "--today", "2026-11-28"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("2026-11-16  12 dager på overtid")
    assert "(lovpålagt)" in lines[1] and f"[{PENDING}]" in lines[1]


def test_an_unanswered_question_is_the_buyers_legal_deadline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Asked in good time (4 March), answered by 10 March, six days before the tender
    deadline of 16 March; asked on 10 March it has no legal deadline."""
    root = tmp_path / "root"
    shutil.copytree(BASE, root)
    questions = root / "tenders/calloffs/uttak-a/questions"
    questions.mkdir(parents=True)
    (questions / "001.yaml").write_text(
        "received: 2026-03-04\nquestion: Hvor mange brukere?\n", encoding="utf-8"
    )
    (questions / "002.yaml").write_text(
        "received: 2026-03-10\nquestion: Hvor mange soner?\n", encoding="utf-8"
    )
    code, rows = _json(capsys, root, "2026-03-05", within=5)
    assert code == 0
    assert [(r["kind"], r["date"], r["subject"], r["legal"]) for r in rows] == [
        ("question-answer", "2026-03-10", "001", True)
    ]
    code, rows = _json(capsys, root, "2026-03-11", within=1)
    assert code == 1
    assert [(r["kind"], r["status"]) for r in rows] == [("question-answer", "overdue")]


def test_an_espd_renewal_is_the_suppliers_deadline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Asked Monday 16 November, due Monday 23 November; overdue, it is listed for the
    team but is no legal deadline of the marketplace's: exit 0."""
    root = tmp_path / "root"
    shutil.copytree(BASE, root)
    application = root / APPLICATION.path("dps-a", "leverandor-a-2026-01-20")
    with application.open("a", encoding="utf-8") as handle:
        handle.write("espd_requested: 2026-11-16\n")
    code, rows = _json(capsys, root, "2026-11-28", within=1)
    assert code == 0
    assert [(r["kind"], r["date"], r["status"], r["legal"]) for r in rows] == [
        ("espd-renewal", "2026-11-23", "overdue", False)
    ]
