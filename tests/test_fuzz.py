"""Fuzzing with Hypothesis, bounded so `make test` keeps its time: the loader over
arbitrary bytes and over mutated example records (never a traceback, never an
unpositioned message, never a pass when a forbidden character is present); the
working-day and period computations against a slow reference with its own
calendar; and the path from contributor text to HTML (no tag, attribute or URL
scheme outside the allowed set, ever).

The runs are derandomized (the same examples every time, so CI never fails by
chance); `HYPOTHESIS_PROFILE=explore` tries many more, at random."""

from __future__ import annotations

import os
import tempfile
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.codes import CODES
from generator.diagnostics import Diagnostic
from generator.loading import yaml_files
from generator.models.kinds import KINDS, of_path
from generator.models.validation import validate
from generator.norway.workdays import (
    add_working_days,
    is_working_day,
    working_day_on_or_after,
    working_days_between,
)
from generator.procurement import periods
from generator.site.text import ALLOWED_TAGS, free_text
from tests.support.paths import ROOT

settings.register_profile(
    "ci", max_examples=150, deadline=None, derandomize=True, database=None, print_blob=True
)
settings.register_profile("explore", max_examples=5000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# What no decoded text may hold (generator/loading/raw_text.py), one of each kind.
FORBIDDEN = [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9b",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\ufdd0",
    "\uffff",
    "\U0001fffe",
    "\U0010ffff",
]


def _positioned(found: list[Diagnostic]) -> None:
    for d in found:
        assert d.line >= 1 and d.column >= 1, d
        assert d.code in CODES, d
        assert d.message.strip(), d


# ---------------------------------------------------------------- the loader


@given(st.binary(max_size=3000))
def test_the_loader_never_fails_on_arbitrary_bytes(data: bytes) -> None:
    _, found = yaml_files.parse(data, "x.yaml")
    _positioned(found)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_the_loader_never_fails_on_arbitrary_text(text: str) -> None:
    document, found = yaml_files.parse(text.encode("utf-8", "surrogatepass"), "x.yaml")
    _positioned(found)
    if any(char in text for char in FORBIDDEN):
        assert any(d.code == "forbidden-character" for d in found) or document is None


def _example_records() -> list[Path]:
    found = []
    for kind in KINDS:
        folder = ROOT / kind.folder
        found += sorted(folder.glob("*.yaml"))[:2]
    return found


EXAMPLES = _example_records()


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, str]:
    """An example record with a slice replaced by hostile text: YAML syntax,
    forbidden characters (raw, or as escapes in quotes), huge numbers."""
    path = draw(st.sampled_from(EXAMPLES))
    text = path.read_text(encoding="utf-8")
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 40)))
    pieces = st.one_of(
        st.sampled_from(
            [": ", "\n- ", "&a ", "*a", "!!python/object ", "<<: ", '"', "'", "{", "[", "#"]
        ),
        st.sampled_from(FORBIDDEN),
        st.sampled_from(['"\\e[2J"', '"\\u202e"', '"\\0"', '"\\r"', '"\\ud800"', '"\\x85"']),
        st.sampled_from(["9" * 16, "9" * 5000, "1e999", "-0", "0.5"]),
        st.text(max_size=10),
    )
    insert = "".join(draw(st.lists(pieces, max_size=4)))
    return path, text[:start] + insert + text[end:]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_records_get_positioned_diagnostics_never_a_failure(
    case: tuple[Path, str],
) -> None:
    path, text = case
    rel = path.relative_to(ROOT).as_posix()
    found_kind = of_path(rel)
    assert found_kind is not None
    kind, _ = found_kind
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / rel).parent.mkdir(parents=True)
        (root / rel).write_bytes(text.encode("utf-8", "surrogatepass"))
        document, found = yaml_files.read(root, rel)
        if document is not None and not found:
            _, invalid = validate(root, kind.model, document)
            found = found + invalid
    _positioned(found)
    if any(char in text for char in FORBIDDEN):
        assert any(d.severity == "error" for d in found), text


@given(st.sampled_from(FORBIDDEN), st.sampled_from(["title", "summary", "name"]))
def test_a_forbidden_character_as_an_escape_never_passes(char: str, field: str) -> None:
    escape = f"\\U{ord(char):08X}"
    _, found = yaml_files.parse(f'{field}: "før{escape}etter"\n'.encode(), "x.yaml")
    assert [(d.line, d.code) for d in found] == [(1, "forbidden-character")]


# ---------------------------------------------------------------- working days


def _easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _norwegian_holidays(year: int) -> set[date]:
    """The public holidays (helligdager and høytidsdager) by their own definition:
    New Year, Maundy Thursday to Easter Monday, 1 and 17 May, Ascension, Whitsun,
    Christmas Day and St Stephen's Day."""
    easter = _easter(year)
    moving = {easter + timedelta(days=n) for n in (-3, -2, 0, 1, 39, 49, 50)}
    fixed = {date(year, 1, 1), date(year, 5, 1), date(year, 5, 17)}
    return moving | fixed | {date(year, 12, 25), date(year, 12, 26)}


def _slow_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _norwegian_holidays(day.year)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(days)
def test_working_days_agree_with_a_calendar_of_their_own(day: date) -> None:
    assert is_working_day(day) == _slow_working_day(day)


@given(days, st.integers(0, 40))
def test_adding_and_counting_working_days_agree_with_the_slow_way(start: date, n: int) -> None:
    day, left = start, n
    while left:
        day += timedelta(days=1)
        left -= _slow_working_day(day)
    assert add_working_days(start, n) == day
    assert working_days_between(start, day) == n


@given(days, st.integers(1, 60))
def test_a_period_ends_as_the_eea_regulation_counts(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    while not _slow_working_day(end):
        end += timedelta(days=1)
    assert periods.last_day(start, length) == end == working_day_on_or_after(end)
    assert periods.shortfall(start, end, length) is None
    assert periods.shortfall(start, end - timedelta(days=1), length) is not None


# ---------------------------------------------------------------- text to HTML


class _Seen(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


ALLOWED_ATTRIBUTES = {"a": {"href", "title", "rel"}, "ol": {"start"}, "div": {"class"}}
SNIPPETS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html,<b>)",
    "[x](//evil.example/)",
    "[x](https://ok.example/)",
    "<mailto:a@b.no>",
    "<https://auto.example/>",
    "<iframe src=https://x>",
    '<svg onload="alert(1)">',
    "<style>*{}</style>",
    "<!-- c -->",
    "&lt;script&gt;",
    "&#106;avascript:",
    "{{ 7*7 }}",
    "{% raw %}",
    "# h1\n",
    "    code\n",
    "> quote\n",
    "1. list\n",
    "*a* _b_ `c`",
    "\n\n",
    '"',
    "'",
    "<",
    ">",
]


def _assert_safe(text: str) -> None:
    html = str(free_text(text))
    seen = _Seen()
    seen.feed(html)
    for tag, attributes in seen.tags:
        assert tag in ALLOWED_TAGS | {"div"}, html
        for name, value in attributes:
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()), html
            if name == "href":
                scheme = urlsplit(value or "").scheme
                assert scheme in {"https", "mailto"}, html
    assert "{{" not in html and "{%" not in html


@given(st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=8)), max_size=8))
def test_free_text_never_yields_a_tag_attribute_or_scheme_outside_the_allowlist(
    parts: list[str],
) -> None:
    _assert_safe("".join(parts))


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_each_snippet_alone_is_safe(snippet: str) -> None:
    _assert_safe(snippet)
