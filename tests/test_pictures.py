"""Pictures of the numbers (generator/site/pictures.py): bars drawn from the
records' numbers, hidden from assistive technology because the number stands in
words beside them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.catalogue.gather import Catalogue
from generator.models import reference
from generator.models.kinds import EXPERIENCE
from generator.site import pictures
from tests.support.browsing import Opener, Served
from tests.support.site_pages import page, text_of


@pytest.mark.parametrize(
    ("part", "whole", "width", "over"),
    [
        (0, 100, "0.0", False),
        (30, 100, "30.0", False),
        (150, 100, "100.0", True),
        (5, 0, "0.0", False),
    ],
)
def test_a_bar_is_as_full_as_its_share(part: int, whole: int, width: str, over: bool) -> None:
    drawn = str(pictures.bar(part, whole))
    assert f'style="width: {width}%"' in drawn
    assert 'aria-hidden="true"' in drawn
    assert ("mp-bar--over" in drawn) is over


def test_a_dps_page_draws_its_ceiling_beside_the_words(example_site: Path) -> None:
    path = page(example_site, "dps", "dps-sarbehandling-2026")
    html = path.read_text("utf-8")
    words = " ".join(text_of(path).split())
    share = re.search(r"øvre ramme på [\d\s]+kr \(([\d,]+) %\)", words)
    assert share is not None
    width = re.search(
        r'<span class="mp-bar" aria-hidden="true"><span class="mp-bar__fill" '
        r'style="width: ([\d.]+)%">',
        html,
    )
    assert width is not None
    assert abs(float(width.group(1)) - float(share.group(1).replace(",", "."))) < 0.1


def test_a_needs_participants_show_the_time_they_free_as_bars(example_site: Path) -> None:
    html = page(example_site, "need", "app-for-sarprosedyrer").read_text("utf-8")
    assert 'style="width: 30.0%"' in html  # the wound nurse freed at 30 %
    assert "mp-bar--small" in html


def test_a_solution_page_sums_up_its_experiences_before_the_details(
    example_site: Path, example_catalogue: Catalogue
) -> None:
    about = [
        e for e in example_catalogue.records_of(EXPERIENCE) if e.solution == "sarfag-sarjournal"
    ]
    factors = sum(len(e.success_factors) for e in about)
    challenges = [c for e in about for c in e.challenges]
    solved = sum(1 for c in challenges if c.resolved)
    path = page(example_site, "solution", "sarfag-sarjournal")
    words = " ".join(text_of(path).split())
    summary = (
        f"Suksessfaktorer nevnt: {factors}. Utfordringer nevnt: {len(challenges)}, "
        f"av dem løst: {solved}."
    )
    assert summary in words
    assert words.index(summary) < words.index("Erfaring Område Delt av Dato")  # before
    areas = {reference.experience_areas()[e.area].name for e in about}
    html = path.read_text("utf-8")
    assert html.count('class="mp-bar mp-bar--small"') >= len(areas)


def test_a_record_page_frames_its_facts(served_site: Served, opened: Opener) -> None:
    """The facts under a record's title stand in a framed box, in two columns on a
    wide screen and one on a phone; a section page's first list is left as it is."""
    wide = opened(served_site, viewport={"width": 1400, "height": 900})
    wide.page.goto(served_site.url + "dps/dps-sarbehandling-2026/")
    facts = wide.page.locator("article .mp-record h1 + ul")
    assert facts.evaluate("ul => getComputedStyle(ul).borderLeftWidth") != "0px"
    assert facts.evaluate("ul => getComputedStyle(ul).columnCount") == "2"
    phone = opened(served_site, viewport={"width": 390, "height": 844})
    phone.page.goto(served_site.url + "dps/dps-sarbehandling-2026/")
    facts = phone.page.locator("article .mp-record h1 + ul")
    assert facts.evaluate("ul => getComputedStyle(ul).columnCount") in ("auto", "1")
    wide.page.goto(served_site.url)
    home = wide.page.locator("article h1 ~ ul").first
    assert home.evaluate("ul => getComputedStyle(ul).borderLeftWidth") == "0px"
