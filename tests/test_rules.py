"""The procurement rules as tables of dated scenarios: each row changes dates in a
copy of the minimal catalogue and lists exactly the diagnostics it must give."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator import pipeline
from generator.models.kinds import APPLICATION
from generator.norway.workdays import add_working_days, is_working_day, working_days_between
from tests.support.casefolders import BASE
from tests.support.paths import TODAY

DPS = "tenders/dps/dps-a.yaml"
CALLOFF = "tenders/calloffs/uttak-a.yaml"


def _application(supplier: str, received: str) -> str:
    """The file of a request to participate in dps-a, named after its `received`."""
    return APPLICATION.path("dps-a", f"{supplier}-{received}")


APPLICATION_A = _application("leverandor-a", "2026-01-20")
APPLICATION_B = _application("leverandor-b", "2026-01-22")


def _diagnostics(
    tmp_path: Path,
    edits: dict[str, list[tuple[str, str]]],
    today: date = TODAY,
    moves: dict[str, str] | None = None,
    extra: dict[str, str] | None = None,
) -> list[tuple[str, int, str, str]]:
    """Apply the edits, then rename the files in `moves` (old path: new path), as a
    contributor renames an application whose `received` changed; `extra` adds files."""
    root = tmp_path / "root"
    shutil.copytree(BASE, root)
    for rel, text in (extra or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    for rel, replacements in edits.items():
        text = (root / rel).read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new)
        (root / rel).write_text(text, encoding="utf-8")
    for old_rel, new_rel in (moves or {}).items():
        if new_rel != old_rel:
            (root / old_rel).rename(root / new_rel)
    _, diagnostics, _ = pipeline.run(root, today)
    return [(d.path, d.line, str(d.severity), d.code) for d in diagnostics]


# The call-off moved to June 2027, after every decision the tables try, so that it
# never depends on them.
CALLOFF_IN_2027 = [
    ("published: 2026-03-02", "published: 2027-06-01"),
    ("tender_deadline: 2026-03-16", "tender_deadline: 2027-06-15"),
    ("  decided: 2026-03-25", "  decided: 2027-06-20"),
    ("  signed: 2026-04-01", "  signed: 2027-06-25"),
    ("award_notice_published: 2026-04-10", "award_notice_published: 2027-07-01"),
    (
        "      due: 2026-05-01\n      met: 2026-04-28",
        "      due: 2027-08-01\n      met: 2027-07-28",
    ),
]


def _decision(received: str, decided: str, reason: bool = False) -> list[tuple[str, str]]:
    extra = "extension_reason: Mange vedlegg å vurdere.\n" if reason else ""
    return [
        (
            "received: 2026-01-20\ndecided: 2026-02-02\n",
            f"received: {received}\ndecided: {decided}\n{extra}",
        )
    ]


ERR = "error"

# received, decided, extension reason given, expected diagnostics at `decided` (line 3
# of leverandor-a's application, named after `received`)
DECISIONS = [
    (
        "10 working days across Easter (2 Apr, 3 Apr, 6 Apr 2026)",
        "2026-03-27",
        "2026-04-15",
        False,
        [],
    ),
    (
        "11 working days across Easter",
        "2026-03-27",
        "2026-04-16",
        False,
        [(_application("leverandor-a", "2026-03-27"), 3, ERR, "dps-decision-deadline")],
    ),
    ("11 working days across Easter with a reason", "2026-03-27", "2026-04-16", True, []),
    ("10 working days across Christmas and New Year", "2026-12-17", "2027-01-04", False, []),
    (
        "11 working days across Christmas",
        "2026-12-17",
        "2027-01-05",
        False,
        [(_application("leverandor-a", "2026-12-17"), 3, ERR, "dps-decision-deadline")],
    ),
    ("17 May 2027 (a Monday) is no working day", "2027-05-10", "2027-05-25", False, []),
    (
        "one day past 17 May 2027",
        "2027-05-10",
        "2027-05-26",
        False,
        [(_application("leverandor-a", "2027-05-10"), 3, ERR, "dps-decision-deadline")],
    ),
    ("15 working days with a reason", "2026-06-01", "2026-06-22", True, []),
    (
        "16 working days even with a reason",
        "2026-06-01",
        "2026-06-23",
        True,
        [(_application("leverandor-a", "2026-06-01"), 3, ERR, "dps-decision-deadline")],
    ),
    (
        "decided before received",
        "2026-01-20",
        "2026-01-19",
        False,
        [(_application("leverandor-a", "2026-01-20"), 3, ERR, "date-order")],
    ),
]


@pytest.mark.parametrize(
    ("name", "received", "decided", "reason", "want"), DECISIONS, ids=[row[0] for row in DECISIONS]
)
def test_decision_time_limit(
    tmp_path: Path,
    name: str,
    received: str,
    decided: str,
    reason: bool,
    want: list[tuple[str, int, str, str]],
) -> None:
    # the call-off must not depend on this decision: publish it after both dates
    edits = {
        APPLICATION_A: _decision(received, decided, reason),
        DPS: [("valid_until: 2029-12-31", "valid_until: 2030-12-31")],
    }
    edits[CALLOFF] = CALLOFF_IN_2027
    moves = {APPLICATION_A: _application("leverandor-a", received)}
    # the first invitation went out on 10 February: later decisions keep the limits
    extra = {FIRST: EARLY_CALLOFF} if received >= "2026-02-10" else None
    assert _diagnostics(tmp_path, edits, moves=moves, extra=extra) == want


# A first call-off sent on 10 February 2026 to the one supplier admitted then: from
# that day the first phase is over, and the 10/15 working days hold.
FIRST = "tenders/calloffs/uttak-b.yaml"
EARLY_CALLOFF = """\
id: uttak-b
title: Sårapp for Molde
dps: dps-a
buyer: "1506"
published: 2026-02-10
tender_deadline: 2026-02-20
invited:
  - leverandor-b
description: Molde trenger en app for sårprosedyrer.
award_criteria:
  basis: best-price-quality-ratio
  criteria:
    - name: Pris
      kind: price
      weight_percent: 70
    - name: Miljø
      kind: environment
      weight_percent: 30
contact:
  name: Tor Eriksen
  email: tor@kommune.example.no
"""

FIRST_PHASE = [
    ("16 working days before the first invitation", None, []),
    (
        "16 working days after the first invitation",
        EARLY_CALLOFF,
        [(_application("leverandor-a", "2026-06-01"), 3, ERR, "dps-decision-deadline")],
    ),
]


@pytest.mark.parametrize(("name", "first", "want"), FIRST_PHASE, ids=[r[0] for r in FIRST_PHASE])
def test_the_first_phase_may_take_longer_until_the_first_invitation(
    tmp_path: Path, name: str, first: str | None, want: list[tuple[str, int, str, str]]
) -> None:
    """Until the first call-off's invitation is sent, the evaluation of requests may
    be extended beyond 15 working days (limits.FIRST_PHASE_RULE)."""
    edits = {
        APPLICATION_A: _decision("2026-06-01", "2026-06-23"),
        DPS: [("valid_until: 2029-12-31", "valid_until: 2030-12-31")],
        CALLOFF: CALLOFF_IN_2027,
    }
    moves = {APPLICATION_A: _application("leverandor-a", "2026-06-01")}
    extra = {FIRST: first} if first else {}
    assert _diagnostics(tmp_path, edits, moves=moves, extra=extra) == want


# today, expected: a pending request received 2026-11-02 is due 2026-11-16; the
# diagnostic is at its `received` (line 2)
PENDING_A = _application("leverandor-a", "2026-11-02")
PENDING = [
    (date(2026, 11, 16), []),
    (date(2026, 11, 17), [(PENDING_A, 2, ERR, "dps-decision-deadline")]),
]


@pytest.mark.parametrize(("today", "want"), PENDING, ids=["due today", "a day late"])
def test_pending_request_is_overdue_after_its_limit(
    tmp_path: Path, today: date, want: list[tuple[str, int, str, str]]
) -> None:
    edits = {
        APPLICATION_A: [
            (
                "received: 2026-01-20\ndecided: 2026-02-02\ndecision: admitted\n",
                "received: 2026-11-02\n",
            )
        ],
        CALLOFF: [
            ("  - leverandor-a\n  - leverandor-b", "  - leverandor-b"),
            ("  supplier: leverandor-a", "  supplier: leverandor-b"),
        ],
    }
    sol = "catalogue/solutions/losning-a.yaml"
    edits[sol] = [("supplier: leverandor-a", "supplier: leverandor-b")]
    assert _diagnostics(tmp_path, edits, today, {APPLICATION_A: PENDING_A}) == want


TENDER_PERIODS = [
    # the 10th day is a Saturday: the period runs to the end of Monday
    (
        "10th day a Saturday, deadline that Saturday",
        "2026-03-04",
        "2026-03-14",
        [(CALLOFF, 6, ERR, "tender-period")],
    ),
    ("10th day a Saturday, deadline the Monday", "2026-03-04", "2026-03-16", []),
    (
        "10th day a Sunday, deadline that Sunday",
        "2026-03-05",
        "2026-03-15",
        [(CALLOFF, 6, ERR, "tender-period")],
    ),
    ("10th day a Sunday, deadline the Monday", "2026-03-05", "2026-03-16", []),
    ("9 days", "2026-03-04", "2026-03-13", [(CALLOFF, 6, ERR, "tender-period")]),
    (
        "deadline before published",
        "2026-03-04",
        "2026-03-03",
        [(CALLOFF, 6, ERR, "date-order"), (CALLOFF, 6, ERR, "tender-period")],
    ),
]


@pytest.mark.parametrize(
    ("name", "published", "deadline", "want"),
    TENDER_PERIODS,
    ids=[row[0] for row in TENDER_PERIODS],
)
def test_tender_period(
    tmp_path: Path, name: str, published: str, deadline: str, want: list[tuple[str, int, str, str]]
) -> None:
    edits = {
        CALLOFF: [
            ("published: 2026-03-02", f"published: {published}"),
            ("tender_deadline: 2026-03-16", f"tender_deadline: {deadline}"),
        ]
    }
    assert _diagnostics(tmp_path, edits) == want


REQUEST_WINDOWS = [
    ("30 days", "2026-01-05", "2026-02-04", []),
    ("29 days", "2026-01-05", "2026-02-03", [(DPS, 5, ERR, "dps-request-window")]),
    # the 30th day is 17 May (a Monday): the window runs to the end of 18 May
    (
        "30th day 17 May, deadline 17 May",
        "2021-04-17",
        "2021-05-17",
        [(DPS, 5, ERR, "dps-request-window")],
    ),
    ("30th day 17 May, deadline 18 May", "2021-04-17", "2021-05-18", []),
    # the 30th day is 2. juledag (a Friday): the window runs to the end of Monday
    (
        "30th day 2. juledag, deadline that day",
        "2025-11-26",
        "2025-12-26",
        [(DPS, 5, ERR, "dps-request-window")],
    ),
    ("30th day 2. juledag, deadline the Monday", "2025-11-26", "2025-12-29", []),
]


@pytest.mark.parametrize(
    ("name", "announced", "deadline", "want"),
    REQUEST_WINDOWS,
    ids=[row[0] for row in REQUEST_WINDOWS],
)
def test_request_window(
    tmp_path: Path, name: str, announced: str, deadline: str, want: list[tuple[str, int, str, str]]
) -> None:
    edits = {
        DPS: [
            ("announced: 2026-01-05", f"announced: {announced}"),
            ("request_deadline: 2026-02-06", f"request_deadline: {deadline}"),
        ]
    }
    assert _diagnostics(tmp_path, edits) == want


EXTENSIONS = [
    ("announced before expiry", "2026-02-20", []),
    ("announced on the last day", "2026-02-28", []),
    (
        "announced after expiry",
        "2026-03-01",
        [(CALLOFF, 5, ERR, "calloff-dps-validity"), (DPS, 21, ERR, "dps-extension")],
    ),
]


@pytest.mark.parametrize(
    ("name", "announced", "want"), EXTENSIONS, ids=[row[0] for row in EXTENSIONS]
)
def test_a_late_extension_does_not_revive_the_dps(
    tmp_path: Path, name: str, announced: str, want: list[tuple[str, int, str, str]]
) -> None:
    """The DPS lapsed on 28 February; the call-off is published on 2 March."""
    extension = f"extensions:\n  - announced: {announced}\n    valid_until: 2029-12-31\n"
    edits = {
        DPS: [
            ("valid_until: 2029-12-31", "valid_until: 2026-02-28"),
            ("contact:", f"{extension}contact:"),
        ]
    }
    assert _diagnostics(tmp_path, edits) == want


AWARD_DAYS = [
    ("on the deadline day", "2026-03-16", []),
    ("the day before", "2026-03-15", [(CALLOFF, 24, ERR, "award-rules")]),
]


@pytest.mark.parametrize(("name", "decided", "want"), AWARD_DAYS, ids=[r[0] for r in AWARD_DAYS])
def test_award_on_the_deadline_day_is_lawful(
    tmp_path: Path, name: str, decided: str, want: list[tuple[str, int, str, str]]
) -> None:
    edits = {CALLOFF: [("  decided: 2026-03-25", f"  decided: {decided}")]}
    assert _diagnostics(tmp_path, edits) == want


EXCEPTION = (
    "  climate_exception: Kravspesifikasjonen krever elektriske servicebiler og\n"
    "    gjenbruk av utstyret, som ivaretar klima og miljø klart bedre enn en vekt.\n"
)
CLIMATE = [
    ("environment 30 %", "70", "30", "", []),
    ("environment 29 %", "71", "29", "", [(CALLOFF, 14, ERR, "climate-weight")]),
    ("environment 29 % with a justified exception", "71", "29", EXCEPTION, []),
]


@pytest.mark.parametrize(
    ("name", "price", "environment", "exception", "want"),
    CLIMATE,
    ids=[row[0] for row in CLIMATE],
)
def test_climate_and_environment_weigh_at_least_30_percent(
    tmp_path: Path,
    name: str,
    price: str,
    environment: str,
    exception: str,
    want: list[tuple[str, int, str, str]],
) -> None:
    edits = {
        CALLOFF: [
            ("      weight_percent: 70\n", f"      weight_percent: {price}\n"),
            ("      weight_percent: 30\n", f"      weight_percent: {environment}\n{exception}"),
        ]
    }
    assert _diagnostics(tmp_path, edits) == want


def test_lowest_price_alone_needs_the_climate_exception(tmp_path: Path) -> None:
    criteria = (
        "  basis: best-price-quality-ratio\n  criteria:\n    - name: Pris\n      kind: price\n"
        "      weight_percent: 70\n    - name: Miljø\n      kind: environment\n"
        "      weight_percent: 30\n"
    )
    # the DPS's notice says lowest price too: a call-off cannot change the basis
    notice = (
        "  basis: best-price-quality-ratio\n  criteria:\n    - name: Pris\n      kind: price\n"
        "    - name: Miljø\n      kind: environment\n"
    )
    dps = [(notice, "  basis: lowest-price\n")]
    lowest = {CALLOFF: [(criteria, "  basis: lowest-price\n")], DPS: dps}
    assert _diagnostics(tmp_path, lowest) == [(CALLOFF, 12, ERR, "climate-weight")]
    justified = {CALLOFF: [(criteria, "  basis: lowest-price\n" + EXCEPTION)], DPS: dps}
    assert _diagnostics(tmp_path / "2", justified) == []


# Grouped per quarter: signed 1 April 2026 (second quarter, ends 30 June), the 30th
# day after is 30 July (a Thursday).
GROUPED = [
    ("within 30 days of the quarter's end", "  award_notice_published: 2026-07-30\n", TODAY, []),
    (
        "after 30 days of the quarter's end",
        "  award_notice_published: 2026-07-31\n",
        TODAY,
        [(CALLOFF, 30, ERR, "award-notice")],
    ),
    ("not published, in time on the 30th day", "", date(2026, 7, 30), []),
    ("not published, overdue", "", date(2026, 7, 31), [(CALLOFF, 29, ERR, "award-notice")]),
]


@pytest.mark.parametrize(("name", "line", "today", "want"), GROUPED, ids=[r[0] for r in GROUPED])
def test_award_notices_grouped_per_quarter(
    tmp_path: Path, name: str, line: str, today: date, want: list[tuple[str, int, str, str]]
) -> None:
    edits = {
        CALLOFF: [("  award_notice_published: 2026-04-10\n", line)],
        DPS: [("contact:", "award_notice_grouping: quarterly\ncontact:")],
    }
    assert _diagnostics(tmp_path, edits, today) == want


def test_supplier_admitted_the_day_after_publication_is_rightly_not_invited(tmp_path: Path) -> None:
    admitted_later = [
        (
            "received: 2026-01-22\ndecided: 2026-02-03",
            "received: 2026-02-24\ndecided: 2026-03-03",
        )
    ]
    moves = {APPLICATION_B: _application("leverandor-b", "2026-02-24")}
    not_invited = [("  - leverandor-a\n  - leverandor-b", "  - leverandor-a")]
    edits = {APPLICATION_B: admitted_later, CALLOFF: not_invited}
    assert _diagnostics(tmp_path, edits, moves=moves) == []
    assert _diagnostics(tmp_path / "2", {APPLICATION_B: admitted_later}, moves=moves) == [
        (CALLOFF, 9, ERR, "calloff-invited")
    ]


CEILING = [
    (7_999_999, []),
    (8_000_000, [(CALLOFF, 27, "warning", "dps-ceiling")]),
    (10_000_000, [(CALLOFF, 27, "warning", "dps-ceiling")]),
    (10_000_001, [(CALLOFF, 27, ERR, "dps-ceiling")]),
]


@pytest.mark.parametrize(("value", "want"), CEILING, ids=[str(v) for v, _ in CEILING])
def test_ceiling_of_the_dps(
    tmp_path: Path, value: int, want: list[tuple[str, int, str, str]]
) -> None:
    edits = {CALLOFF: [("value_nok: 800000", f"value_nok: {value}")]}
    assert _diagnostics(tmp_path, edits) == want


# Signed 1 April 2026: the 30th day is 1 May, a public holiday (a Friday), so the
# notice is due by the end of Monday 4 May.
AWARD_NOTICES = [
    ("on the 30th day", "  award_notice_published: 2026-05-01\n", TODAY, []),
    (
        "30th day a holiday, published the Monday",
        "  award_notice_published: 2026-05-04\n",
        TODAY,
        [],
    ),
    (
        "the day after the Monday",
        "  award_notice_published: 2026-05-05\n",
        TODAY,
        [(CALLOFF, 30, ERR, "award-notice")],
    ),
    ("not published, still in time on the Monday", "", date(2026, 5, 4), []),
    ("not published, overdue", "", date(2026, 5, 5), [(CALLOFF, 29, ERR, "award-notice")]),
]


@pytest.mark.parametrize(
    ("name", "line", "today", "want"), AWARD_NOTICES, ids=[row[0] for row in AWARD_NOTICES]
)
def test_award_notice(
    tmp_path: Path, name: str, line: str, today: date, want: list[tuple[str, int, str, str]]
) -> None:
    edits = {CALLOFF: [("  award_notice_published: 2026-04-10\n", line)]}
    assert _diagnostics(tmp_path, edits, today) == want


def test_working_days_follow_the_norwegian_calendar() -> None:
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2027, 5, 17))  # Constitution Day, a Monday
    assert not is_working_day(date(2026, 12, 26))  # a Saturday and Boxing Day
    assert is_working_day(date(2026, 12, 24))  # Christmas Eve is no public holiday
    assert working_days_between(date(2027, 5, 14), date(2027, 5, 18)) == 1
    assert add_working_days(date(2026, 3, 27), 10) == date(2026, 4, 15)


# ---------------------------------------------------------------- after admission

WARN = "warning"
EXCLUDED = "excluded: {}\nexclusion_reason: Skatteattesten viste restanser.\n"
B_ADMITTED = "decision: admitted\n"

# leverandor-b's exclusion date against the call-off published 2 March 2026
EXCLUSIONS = [
    (
        "excluded the day before the invitation",
        "2026-03-01",
        True,
        [(CALLOFF, 9, ERR, "calloff-invited")],
    ),
    (
        "excluded on the day of the invitation",
        "2026-03-02",
        True,
        [(CALLOFF, 9, ERR, "calloff-invited")],
    ),
    ("excluded the day after the invitation", "2026-03-03", True, []),
    ("excluded before and rightly not invited", "2026-03-01", False, []),
]


@pytest.mark.parametrize(
    ("excluded", "invited", "want"),
    [row[1:] for row in EXCLUSIONS],
    ids=[row[0] for row in EXCLUSIONS],
)
def test_an_excluded_supplier_is_not_invited(
    tmp_path: Path, excluded: str, invited: bool, want: list[tuple[str, int, str, str]]
) -> None:
    edits = {APPLICATION_B: [(B_ADMITTED, B_ADMITTED + EXCLUDED.format(excluded))]}
    if not invited:
        edits[CALLOFF] = [("  - leverandor-a\n  - leverandor-b\n", "  - leverandor-a\n")]
    assert _diagnostics(tmp_path, edits) == want


def test_an_exclusion_needs_its_reason_and_an_admission(tmp_path: Path) -> None:
    no_reason = {APPLICATION_B: [(B_ADMITTED, B_ADMITTED + "excluded: 2026-03-03\n")]}
    assert _diagnostics(tmp_path / "1", no_reason) == [
        (APPLICATION_B, 1, ERR, "incomplete-decision")
    ]
    rejected = {
        APPLICATION_B: [
            (B_ADMITTED, "decision: rejected\nreason: Mangler.\n" + EXCLUDED.format("2026-03-03"))
        ],
        CALLOFF: [("  - leverandor-a\n  - leverandor-b\n", "  - leverandor-a\n")],
    }
    assert _diagnostics(tmp_path / "2", rejected) == [(APPLICATION_B, 1, ERR, "invalid-value")]


# ESPD renewal: asked on Monday 16 November 2026, five working days end Monday 23
# November; the check runs on 28 November.
ESPD = [
    (
        "not renewed, five working days passed",
        "2026-11-16",
        None,
        [(APPLICATION_A, 5, WARN, "espd-renewal")],
    ),
    ("renewed on the fifth working day", "2026-11-16", "2026-11-23", []),
    (
        "renewed on the sixth working day",
        "2026-11-16",
        "2026-11-24",
        [(APPLICATION_A, 6, WARN, "espd-renewal")],
    ),
    ("not renewed, still within five working days", "2026-11-23", None, []),
]


@pytest.mark.parametrize(
    ("requested", "renewed", "want"), [row[1:] for row in ESPD], ids=[row[0] for row in ESPD]
)
def test_espd_renewal_within_five_working_days(
    tmp_path: Path, requested: str, renewed: str | None, want: list[tuple[str, int, str, str]]
) -> None:
    added = f"espd_requested: {requested}\n" + (f"espd_renewed: {renewed}\n" if renewed else "")
    edits = {APPLICATION_A: [(B_ADMITTED, B_ADMITTED + added)]}
    assert _diagnostics(tmp_path, edits) == want


NOTICE = "  criteria:\n    - name: Pris\n      kind: price\n"
NOTICE_RANGES = (
    "  criteria:\n    - name: Pris\n      kind: price\n      min_weight_percent: {}\n"
    "      max_weight_percent: {}\n"
)
ENVIRONMENT = "    - name: Miljø\n      kind: environment\n      weight_percent: 30\n"
CRITERIA = [
    ("the notice's kinds, weights open", {}, []),
    (
        "price 70 within the notice's 60–70",
        {DPS: [(NOTICE, NOTICE_RANGES.format(60, 70))]},
        [],
    ),
    (
        "price 70 outside the notice's 50–60",
        {DPS: [(NOTICE, NOTICE_RANGES.format(50, 60))]},
        [(CALLOFF, 16, ERR, "award-criteria-dps")],
    ),
    (
        "another basis",
        {CALLOFF: [("  basis: best-price-quality-ratio", "  basis: lowest-cost")]},
        [(CALLOFF, 12, ERR, "award-criteria-dps")],
    ),
    (
        "a kind the notice lacks, and one left out",
        {
            CALLOFF: [
                (
                    ENVIRONMENT,
                    "    - name: Brukervennlighet\n      kind: quality\n      weight_percent: 30\n",
                )
            ]
        },
        [
            (CALLOFF, 14, ERR, "award-criteria-dps"),
            (CALLOFF, 14, ERR, "climate-weight"),
            (CALLOFF, 18, ERR, "award-criteria-dps"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("edits", "want"), [row[1:] for row in CRITERIA], ids=[row[0] for row in CRITERIA]
)
def test_calloff_criteria_are_the_notices_made_precise(
    tmp_path: Path,
    edits: dict[str, list[tuple[str, str]]],
    want: list[tuple[str, int, str, str]],
) -> None:
    assert sorted(_diagnostics(tmp_path, edits)) == sorted(want)


def test_a_dps_without_criteria_is_warned(tmp_path: Path) -> None:
    text = (BASE / DPS).read_text(encoding="utf-8")
    start = text.index("award_criteria:")
    notice = text[start : text.index("contact:")]
    assert _diagnostics(tmp_path, {DPS: [(notice, "")]}) == [(DPS, 2, WARN, "award-criteria-dps")]


QUESTION = CALLOFF.replace(".yaml", "/questions/001.yaml")


def _question(received: str, answered: str | None, text: str = "Hvor mange brukere?") -> str:
    answer = f"answered: {answered}\nanswer: Om lag 180.\n" if answered else ""
    return f"received: {received}\nquestion: {text}\n{answer}"


# The call-off was published 2 March 2026 with a tender deadline of 16 March: a
# question asked in good time is answered by 10 March, six days before.
QUESTIONS = [
    ("answered 6 days before the deadline", _question("2026-03-04", "2026-03-10"), []),
    (
        "answered 5 days before the deadline",
        _question("2026-03-04", "2026-03-11"),
        [(QUESTION, 3, ERR, "calloff-question")],
    ),
    (
        "asked in good time, never answered",
        _question("2026-03-04", None),
        [(QUESTION, 1, ERR, "calloff-question")],
    ),
    ("asked on the last day for answers, never answered", _question("2026-03-10", None), []),
    ("asked late, answered before the deadline", _question("2026-03-12", "2026-03-13"), []),
    (
        "asked late, answered after the deadline",
        _question("2026-03-12", "2026-03-17"),
        [(QUESTION, 3, ERR, "calloff-question")],
    ),
    (
        "asked before the invitation",
        _question("2026-02-27", "2026-03-03"),
        [(QUESTION, 1, ERR, "calloff-question")],
    ),
    (
        "the question names who asked",
        _question("2026-03-04", "2026-03-05", "Leverandør A lurer på antallet brukere."),
        [(QUESTION, 2, ERR, "calloff-question")],
    ),
    (
        "by organisation number",
        _question("2026-03-04", "2026-03-05", "Gjelder det 923456783 også?"),
        [(QUESTION, 2, ERR, "calloff-question")],
    ),
]


@pytest.mark.parametrize(
    ("text", "want"), [row[1:] for row in QUESTIONS], ids=[row[0] for row in QUESTIONS]
)
def test_questions_are_answered_alike_in_time_and_anonymously(
    tmp_path: Path, text: str, want: list[tuple[str, int, str, str]]
) -> None:
    assert _diagnostics(tmp_path, {}, extra={QUESTION: text}) == want


DESCRIPTION = "description: Bergen trenger en app for sårprosedyrer.\n"
# Award 25 March 2026; ten days end Saturday 4 April, moved past Easter Monday (6
# April) to Tuesday 7 April: the contract may be signed on 8 April.
STANDSTILL = [
    ("no standstill chosen", None, "2026-04-01", []),
    ("signed the day after the standstill", 10, "2026-04-08", []),
    ("signed on its last day", 10, "2026-04-07", [(CALLOFF, 30, ERR, "award-rules")]),
    ("nine days is too short", 9, "2026-04-08", [(CALLOFF, 11, ERR, "award-rules")]),
]


@pytest.mark.parametrize(
    ("days", "signed", "want"), [row[1:] for row in STANDSTILL], ids=[row[0] for row in STANDSTILL]
)
def test_a_chosen_standstill_is_kept(
    tmp_path: Path, days: int | None, signed: str, want: list[tuple[str, int, str, str]]
) -> None:
    chosen = f"standstill_days: {days}\n" if days is not None else ""
    edits = {
        CALLOFF: [
            (DESCRIPTION, DESCRIPTION + chosen),
            ("  signed: 2026-04-01", f"  signed: {signed}"),
        ]
    }
    assert _diagnostics(tmp_path, edits) == want
