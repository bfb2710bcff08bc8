"""Long lists in pages: a list shows a page of rows (50; 2 here, so the example
catalogue's six needs make three pages) with links to its other pages, which work
without JavaScript; a filter reaches every record of the list, not only the
page's, and on a later page leads to the first, where it applies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.site import build, filters
from generator.site.views import sections
from tests.support.axe import axe_violations, report, with_axe
from tests.support.browsing import Opener, Served, serve
from tests.support.paths import ROOT, TODAY
from tests.support.site_pages import hrefs, parse, text_of

NEEDS = "innovasjonsarenaen/"


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    out = tmp_path_factory.mktemp("sider") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sections, "PAGE_SIZE", 2)
        assert build(ROOT, out, TODAY).built
    yield from serve(out)


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-id="([^"]+)">', html)


def test_a_list_is_written_in_pages_linked_both_ways(paged: Served) -> None:
    site = paged.folder
    first = (site / NEEDS / "index.html").read_text("utf-8")
    second = (site / NEEDS / "side-2" / "index.html").read_text("utf-8")
    third = (site / NEEDS / "side-3" / "index.html").read_text("utf-8")
    assert not (site / NEEDS / "side-4").exists()
    pages = [_rows(first), _rows(second), _rows(third)]
    assert [len(rows) for rows in pages] == [2, 2, 2]
    everyone = [record for rows in pages for record in rows]
    assert len(set(everyone)) == 6  # each need once, newest first across the pages
    assert '<span aria-current="page">1</span>' in first
    assert '<a href="../innovasjonsarenaen/side-2/" rel="next">Neste</a>' in first
    assert '<a href="../../innovasjonsarenaen/" rel="prev">Forrige</a>' in second
    assert '<a href="../../innovasjonsarenaen/side-3/" rel="next">Neste</a>' in second
    assert "Viser 3–4 av 6, side 2 av 3." in text_of(site / NEEDS / "side-2" / "index.html")
    assert "<title>Innovasjonsarenaen, side 2 av 3" in second
    # a later page names the list's first page for its filters; the first does not
    assert 'data-filter-first="../../innovasjonsarenaen/"' in second
    assert "data-filter-first" not in first
    assert "../../need/" in " ".join(hrefs(site / NEEDS / "side-2" / "index.html"))
    # the filter data holds every row, in the list's order, written for the first page
    data = (site / filters.data_path(filters.FILTERED[0])).read_text("utf-8")
    assert all(f'"{record}"' in data for record in everyone)


def test_the_suppliers_are_paged_too_without_filters(paged: Served) -> None:
    site = paged.folder / "leverandorer"
    files = [site / "index.html", *sorted(site.glob("side-*/index.html"))]
    assert len(files) == 3  # the example's five suppliers, two a page
    rows = [_rows(f.read_text("utf-8")) for f in files]
    assert [len(r) for r in rows] == [2, 2, 1]
    assert len({s for r in rows for s in r}) == 5
    first = files[0].read_text("utf-8")
    assert '<a href="../leverandorer/side-2/" rel="next">Neste</a>' in first
    assert "data-filter" not in first  # a list without filters
    assert "Viser 5–5 av 5, side 3 av 3." in text_of(site / "side-3" / "index.html")


def test_without_javascript_the_pages_lead_through_the_list(paged: Served, opened: Opener) -> None:
    w = opened(paged, javascript=False)
    w.page.goto(paged.url + NEEDS)
    seen = []
    for _ in range(3):
        seen += w.page.locator("#liste-need tbody tr").evaluate_all(
            "rows => rows.map(r => r.dataset.id)"
        )
        following = w.page.locator('.mp-pager a[rel="next"]')
        if following.count() == 0:
            break
        following.click()
    assert len(set(seen)) == 6


def test_a_filter_reaches_every_record_of_the_list(paged: Served, opened: Opener) -> None:
    w = opened(paged)
    requests: list[str] = []
    w.page.on("request", lambda request: requests.append(request.url))
    w.page.goto(paged.url + NEEDS)
    status = w.page.locator("form.mp-filter__form .mp-filter__status")
    expect(status).to_have_text("2 av 6 behov vises")
    assert not [url for url in requests if url.endswith("-poster.json")]  # not yet used
    # phase 5 is one need; whichever page it is on, the filter finds it
    w.page.get_by_label("Fase i KS' veikart").select_option("5")
    expect(status).to_have_text("1 av 6 behov vises")
    assert [url for url in requests if url.endswith("need-poster.json")]
    shown = w.page.locator("#liste-need tbody tr:not([hidden])")
    assert shown.evaluate_all("rows => rows.map(r => r.dataset.id)") == ["app-for-sarprosedyrer"]
    expect(w.page.locator(".mp-pager")).to_be_hidden()  # the whole list is here now
    assert w.page.url.endswith(NEEDS + "?fase=5")
    # «Vis alle»: every need, in the list's own order, a page's worth at a time
    w.page.get_by_role("button", name="Vis alle").click()
    expect(status).to_have_text(
        "6 av 6 behov vises; her står de 2 første, og «Vis flere» viser flere."
    )
    assert w.errors == []


def test_on_a_later_page_a_filter_leads_to_the_first(paged: Served, opened: Opener) -> None:
    w = opened(paged)
    w.page.goto(paged.url + NEEDS + "side-2/")
    w.page.get_by_label("Fase i KS' veikart").select_option("5")
    w.page.wait_for_url(re.compile(re.escape(NEEDS) + r"\?fase=5$"))
    expect(w.page.locator("form.mp-filter__form .mp-filter__status")).to_have_text(
        "1 av 6 behov vises"
    )
    assert w.errors == []


def test_the_first_page_is_the_only_one_in_the_navigation(paged: Served) -> None:
    for path in (NEEDS, NEEDS + "side-2/"):
        nav = parse(Path(paged.folder) / path / "index.html").nav_links
        assert not [href for href in nav if "side-" in href]


def test_on_a_phone_rows_are_cards_and_the_filters_fold(paged: Served, opened: Opener) -> None:
    w = opened(paged, viewport={"width": 390, "height": 844})
    w.page.goto(paged.url + NEEDS)
    fold = w.page.locator("details.mp-filter__fold")
    expect(fold).to_be_attached()
    assert fold.evaluate("d => d.open") is False  # the list comes first
    cell = w.page.locator("#liste-need tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    assert "Behov" in cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert w.page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    w.page.locator("summary.mp-filter__summary").click()
    expect(w.page.get_by_label("Fase i KS' veikart")).to_be_visible()
    # on a wide screen the form stands open
    wide = opened(paged, viewport={"width": 1280, "height": 800})
    wide.page.goto(paged.url + NEEDS)
    expect(wide.page.get_by_label("Fase i KS' veikart")).to_be_visible()


def test_vis_flere_shows_the_next_matches(paged: Served, opened: Opener) -> None:
    """The filters show as many matches as a page holds (2 here), then «Vis flere»."""
    w = opened(paged)
    w.page.goto(paged.url + NEEDS + "?deltakere=ja")  # a filtered address: loads at once
    status = w.page.locator("form.mp-filter__form .mp-filter__status")
    expect(status).to_contain_text("av 6 behov vises")
    shown = w.page.locator("#liste-need tbody tr:not([hidden])")
    matches = int((status.text_content() or "0").split(" ")[0])
    more = w.page.get_by_role("button", name="Vis flere")
    if matches > 2:
        expect(shown).to_have_count(2)
        expect(more).to_be_visible()
        more.click()
        expect(shown).to_have_count(min(4, matches))
    else:
        expect(more).to_be_hidden()
    w.page.get_by_role("button", name="Vis alle").click()
    expect(status).to_contain_text("6 av 6 behov vises; her står de 2 første")
    expect(shown).to_have_count(2)
    expect(more).to_be_visible()
    more.click()
    more.click()
    expect(shown).to_have_count(6)
    expect(more).to_be_hidden()
    assert w.errors == []


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_nothing_on_a_paged_list(paged: Served, opened: Opener, palette: str) -> None:
    """A later page with its page links; the first page filtered, with «Vis flere»;
    and a phone's cards with the folded filters."""
    w = with_axe(opened(paged, color_scheme=palette))
    found = {}
    w.page.goto(paged.url + NEEDS + "side-2/")
    expect(w.page.locator("form.mp-filter__form")).to_be_visible()
    found["side 2"] = axe_violations(w.page)
    w.page.goto(paged.url + NEEDS + "?deltakere=ja")
    expect(w.page.locator("form.mp-filter__form .mp-filter__status")).to_contain_text("vises")
    w.page.get_by_role("button", name="Vis alle").click()
    expect(w.page.get_by_role("button", name="Vis flere")).to_be_visible()
    found["filtrert, med «Vis flere»"] = axe_violations(w.page)
    phone = with_axe(opened(paged, color_scheme=palette, viewport={"width": 390, "height": 844}))
    phone.page.goto(paged.url + NEEDS)
    expect(phone.page.locator("details.mp-filter__fold")).to_be_attached()
    found["telefon"] = axe_violations(phone.page)
    found = {where: v for where, v in found.items() if v}
    assert not found, report(found)
