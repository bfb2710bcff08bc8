"""The built site in a real browser: Debian's Chromium driven by Playwright, the
example catalogue built once and served from 127.0.0.1 (no network: any request
that leaves the local server is answered empty and recorded). The home page loads
without console errors; search finds the wound-care solution; the list filters
narrow the lists, by mouse and by keyboard, and announce how many records match;
without JavaScript the whole list stays; a need page leads to its participants
and solutions; contributor text written to attack the page opens no dialog.

Skipped, with the reason, only when /usr/bin/chromium is missing and neither `CI`
nor `MARKEDSPLASSEN_BROWSER_TESTS` is set (`.ci/run` installs Chromium and sets
the latter, so there the tests always run)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from generator.site import build
from tests.support.browsing import Opener, Served, needs_chromium, serve
from tests.support.hostile_text import LINE, poison_catalogue
from tests.support.paths import TODAY
from tests.support.records import copy_catalogue

WOUND_CARE = "sarfag-sarjournal"

pytestmark = needs_chromium


# ---------------------------------------------------------------- the served sites
# (the browser, the served example site and the watched pages are shared with
# tests/test_accessibility.py: tests/conftest.py and tests/support/browsing.py)


@pytest.fixture
def site(served_site: Served) -> Served:
    return served_site


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example catalogue with the XSS corpus (tests/support/hostile_text.py)
    in every free-text and single-line field, as tests/test_site.py does it, built
    and served."""
    root = copy_catalogue(tmp_path_factory.mktemp("browser-xss") / "root")
    poison_catalogue(root)
    out = root.parent / "site"
    report = build(root, out, TODAY)
    assert report.built, [d.text() for d in report.diagnostics]
    yield from serve(out)


def visible_rows(page: Page, kind: str) -> int:
    count: int = page.locator(f"#liste-{kind} tbody tr:not([hidden])").count()
    return count


LIST_PAGES = {
    "need": "innovasjonsarenaen",
    "experience": "erfaringsarenaen",
    "solution": "katalogen",
}


def filter_file(served: Served, kind: str) -> dict[str, Any]:
    """A list's controls with the data to filter every record (its two files)."""
    data: dict[str, Any] = json.loads(
        (served.folder / "api" / "v1" / "filters" / f"{kind}.json").read_text("utf-8")
    )
    controls: dict[str, Any] = json.loads(
        (served.folder / "api" / "v1" / "filters" / f"{kind}-poster.json").read_text("utf-8")
    )
    return {**data, **controls}


# ---------------------------------------------------------------- the tests


def test_home_page_loads_without_console_errors(site: Served, opened: Opener) -> None:
    w = opened(site)
    w.page.goto(site.url, wait_until="networkidle")
    expect(w.page.locator("h1")).to_have_text("Markedsplassen")
    assert w.page.locator("html").get_attribute("lang") == "nb"
    assert w.errors == []
    assert w.outside == []  # no fonts or scripts fetched from elsewhere


def test_the_calloff_timeline_is_drawn_from_the_site_itself(site: Served, opened: Opener) -> None:
    calloff = sorted((site.folder / "calloff").iterdir())[0].name
    w = opened(site)
    w.page.goto(f"{site.url}calloff/{calloff}/", wait_until="networkidle")
    # Material replaces the <pre class="mermaid"> source by a rendered diagram
    expect(w.page.locator("div.mermaid").first).to_be_attached()
    expect(w.page.locator("pre.mermaid")).to_have_count(0)
    assert w.outside == []  # Mermaid came from /vendor/, not a CDN
    assert w.errors == []


def test_search_finds_the_wound_care_solution(site: Served, opened: Opener) -> None:
    w = opened(site)
    requests: list[str] = []
    w.page.on("request", lambda request: requests.append(request.url))
    w.page.goto(site.url)
    w.page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "/pagefind/" in url]  # nothing until a search
    field = w.page.get_by_role("searchbox", name="Søk", exact=True)
    field.click()  # no single-key shortcut (WCAG 2.1.4)
    expect(field).to_be_focused()
    w.page.keyboard.type("sårene")  # Norwegian stemming: «sårene» finds «sår»
    hit = w.page.locator(f'.mp-search__results a[href*="solution/{WOUND_CARE}/"]').first
    expect(hit).to_be_visible()
    expect(w.page.locator("#mp-search-status")).to_have_text(re.compile(r"^\d+ treff"))
    fetched = [url for url in requests if "/pagefind/" in url]
    # the entry, metadata and WebAssembly were started with the script and handed
    # to Pagefind: each file fetched once, the entry by the index's own tag
    assert len(fetched) == len(set(fetched)), [u for u in fetched if fetched.count(u) > 1]
    assert [url for url in fetched if "pagefind-entry.json?ts=no_" in url]
    assert [url for url in fetched if url.endswith(".pf_meta")]
    assert [url for url in fetched if url.endswith("wasm.no.pagefind")]
    # the type filter narrows the results to solutions
    w.page.get_by_label("Vis", exact=True).select_option("Løsning")
    expect(w.page.locator(".mp-search__type-tag").first).to_have_text(" (Løsning)")
    types = w.page.locator(".mp-search__type-tag").all_inner_texts()
    assert types and {t.strip() for t in types} == {"(Løsning)"}
    hit.click()
    w.page.wait_for_url(f"**/solution/{WOUND_CARE}/**")
    expect(w.page.locator("h1")).to_have_text("Sårjournal")
    assert w.errors == []


def test_a_filter_narrows_the_solutions_list(site: Served, opened: Opener) -> None:
    data = filter_file(site, "solution")
    w = opened(site)
    w.page.goto(site.url + "katalogen/")
    form = w.page.locator("form.mp-filter__form")
    expect(form).to_be_visible()
    status = form.locator('[aria-live="polite"]')
    total = data["count"]
    expect(status).to_have_text(f"{total} av {total} løsninger vises")
    assert visible_rows(w.page, "solution") == total

    category = w.page.get_by_label("Kategori")
    chosen = next(o for o in data["facets"][0]["options"] if 1 < o["count"] < total)
    category.select_option(chosen["value"])
    expected = sorted(
        record_id
        for record_id, values in data["records"].items()
        if chosen["value"] in values.get("kategori", [])
    )
    expect(status).to_have_text(f"{len(expected)} av {total} løsninger vises")
    shown = w.page.locator("#liste-solution tbody tr:not([hidden])")
    assert sorted(shown.evaluate_all("rows => rows.map(r => r.dataset.id)")) == expected
    assert w.page.locator(f'tr[data-id="{WOUND_CARE}"]').is_visible()
    other = next(r for r in data["records"] if r not in expected)
    assert w.page.locator(f'tr[data-id="{other}"]').is_hidden()  # hidden, not just marked

    # the choice is kept in the address: reloading shows the same narrowed list
    assert f"kategori={chosen['value']}" in w.page.url
    w.page.reload()
    expect(status).to_have_text(f"{len(expected)} av {total} løsninger vises")
    expect(w.page.get_by_label("Kategori")).to_have_value(chosen["value"])

    w.page.get_by_role("button", name="Vis alle").click()
    expect(status).to_have_text(f"{total} av {total} løsninger vises")
    assert visible_rows(w.page, "solution") == total
    assert w.errors == []


def test_a_municipality_on_the_home_map_leads_to_its_needs(site: Served, opened: Opener) -> None:
    data = filter_file(site, "need")
    w = opened(site)
    w.page.goto(site.url)
    place = w.page.locator(".mp-map__drawing a").first
    title = place.locator("title").text_content() or ""
    number = re.search(r": (\d+) behov", title)
    assert number, title
    href = place.get_attribute("href") or ""
    municipality = href.rsplit("=", 1)[1]
    # a click on the municipality's dot, as a reader would on the map
    place.locator("circle").click()
    w.page.wait_for_url(f"**/innovasjonsarenaen/?kommune={municipality}")
    expect(w.page.get_by_label("Kommune (eier eller deltaker)")).to_have_value(municipality)
    expected = sorted(
        record_id
        for record_id, values in data["records"].items()
        if municipality in values.get("kommune", [])
    )
    status = w.page.locator("form.mp-filter__form [aria-live='polite']")
    expect(status).to_have_text(f"{len(expected)} av {data['count']} behov vises")
    assert len(expected) == int(number.group(1))  # the map counted the same needs
    shown = w.page.locator("#liste-need tbody tr:not([hidden])")
    assert sorted(shown.evaluate_all("rows => rows.map(r => r.dataset.id)")) == expected
    assert w.errors == []


def test_a_record_page_folds_its_sections_on_a_phone(site: Served, opened: Opener) -> None:
    need = "need/app-for-sarprosedyrer/"
    w = opened(site, viewport={"width": 390, "height": 844})
    w.page.goto(site.url + need)
    buttons = w.page.locator("h2 > button.mp-fold__button")
    headings = w.page.locator(".mp-record h2")
    expect(buttons).to_have_count(headings.count())
    first, second = buttons.nth(0), buttons.nth(1)
    expect(first).to_have_attribute("aria-expanded", "true")
    expect(second).to_have_attribute("aria-expanded", "false")
    body = w.page.locator("#" + (second.get_attribute("aria-controls") or ""))
    expect(body).to_be_hidden()
    # a reader opens it with the keyboard, and closes it again
    second.focus()
    w.page.keyboard.press("Enter")
    expect(second).to_have_attribute("aria-expanded", "true")
    expect(body).to_be_visible()
    w.page.keyboard.press("Space")
    expect(body).to_be_hidden()
    # a link to a place in a folded section opens it
    target = w.page.locator(".mp-record h2").nth(2).get_attribute("id")
    w.page.goto(f"{site.url}{need}#{target}")
    expect(buttons.nth(2)).to_have_attribute("aria-expanded", "true")
    # a wide screen opens every section
    w.page.set_viewport_size({"width": 1280, "height": 900})
    expect(w.page.locator('.mp-fold__button[aria-expanded="false"]')).to_have_count(0)
    # on a wide screen from the start, nothing folds
    wide = opened(site, viewport={"width": 1280, "height": 900})
    wide.page.goto(site.url + need)
    expect(wide.page.locator(".mp-record h2").first).to_be_visible()
    expect(wide.page.locator(".mp-fold__button")).to_have_count(0)
    assert w.errors == [] and wide.errors == []


def test_filters_work_by_keyboard_alone(site: Served, opened: Opener) -> None:
    data = filter_file(site, "need")
    total = data["count"]
    seeking = sorted(r for r, v in data["records"].items() if "deltakere" in v)
    assert 0 < len(seeking) < total
    w = opened(site)
    w.page.goto(site.url + "innovasjonsarenaen/")
    status = w.page.locator('form.mp-filter__form [aria-live="polite"]')
    expect(status).to_have_text(f"{total} av {total} behov vises")

    def focused(selector: str) -> bool:
        found: bool = w.page.evaluate(
            "s => Boolean(document.activeElement && document.activeElement.matches(s))", selector
        )
        return found

    for _ in range(100):  # Tab through the header and navigation to the form
        w.page.keyboard.press("Tab")
        if focused(".mp-filter select, .mp-filter input"):
            break
    assert focused(".mp-filter select#mp-filter-liste-need-fase"), "Tab nådde ikke filtrene"
    assert focused(":focus-visible")  # the focus ring shows

    w.page.keyboard.press("ArrowDown")  # the first phase
    first_phase = data["facets"][0]["options"][0]["value"]
    in_phase = [r for r, v in data["records"].items() if first_phase in v.get("fase", [])]
    expect(status).to_have_text(f"{len(in_phase)} av {total} behov vises")
    w.page.keyboard.press("ArrowUp")  # back to «Alle faser»
    expect(status).to_have_text(f"{total} av {total} behov vises")

    for _ in range(len(data["facets"])):
        if focused('.mp-filter input[type="checkbox"]'):
            break
        w.page.keyboard.press("Tab")
    assert focused("#mp-filter-liste-need-deltakere")
    w.page.keyboard.press("Space")
    expect(status).to_have_text(f"{len(seeking)} av {total} behov vises")
    shown = w.page.locator("#liste-need tbody tr:not([hidden])")
    assert sorted(shown.evaluate_all("rows => rows.map(r => r.dataset.id)")) == seeking
    assert w.errors == []


def test_without_javascript_the_whole_list_stays(site: Served, opened: Opener) -> None:
    w = opened(site, javascript=False)
    for section, kind in (
        ("innovasjonsarenaen", "need"),
        ("erfaringsarenaen", "experience"),
        ("katalogen", "solution"),
    ):
        w.page.goto(site.url + section + "/")
        assert visible_rows(w.page, kind) == filter_file(site, kind)["count"] > 0
        assert w.page.locator("form.mp-filter__form").count() == 0
        assert not w.page.locator(".mp-filter").is_visible()


def test_a_need_page_leads_to_its_participants_and_solutions(site: Served, opened: Opener) -> None:
    w = opened(site)
    need = site.url + "need/app-for-sarprosedyrer/"
    w.page.goto(need)
    w.page.locator('article a[href="../../supplier/sarfag/"]').first.click()
    w.page.wait_for_url("**/supplier/sarfag/")
    expect(w.page.locator("h1")).to_have_text("Sårfag AS")
    expect(
        w.page.locator('article a[href="../../need/app-for-sarprosedyrer/"]').first
    ).to_be_visible()

    w.page.go_back()
    w.page.wait_for_url(need)
    w.page.locator(f'article a[href="../../solution/{WOUND_CARE}/"]').first.click()
    w.page.wait_for_url(f"**/solution/{WOUND_CARE}/")
    expect(w.page.locator("h1")).to_have_text("Sårjournal")
    assert w.errors == []


POISONED_PAGES = (
    "",
    "innovasjonsarenaen/",
    "erfaringsarenaen/",
    "katalogen/",
    "leverandorer/",
    "anskaffelser/",
    "need/app-for-sarprosedyrer/",
    f"solution/{WOUND_CARE}/",
    "supplier/sarfag/",
    "experience/bergen-tre-uker-med-sarjournal/",
    "dps/dps-sarbehandling-2026/",
    "calloff/bergen-app-for-sarprosedyrer-2026/",
)


def test_the_xss_corpus_opens_no_dialog(poisoned: Served, opened: Opener) -> None:
    w = opened(poisoned)
    for path in POISONED_PAGES:
        w.page.goto(poisoned.url + path)
        if path in {"innovasjonsarenaen/", "erfaringsarenaen/", "katalogen/"}:
            # the filter labels come from the poisoned records: shown as text
            expect(w.page.locator("form.mp-filter__form")).to_be_visible()
    w.page.goto(poisoned.url + "katalogen/")
    supplier = w.page.locator("#mp-filter-liste-solution-leverandor option").nth(1)
    assert LINE in (supplier.text_content() or "")
    w.page.get_by_label("Leverandør").select_option(index=1)
    expect(w.page.locator('.mp-filter [aria-live="polite"]')).to_contain_text("løsninger vises")

    # search results show the poisoned text from Pagefind's fragments, as text
    w.page.goto(poisoned.url)
    w.page.get_by_role("searchbox", name="Søk", exact=True).click()
    w.page.keyboard.type("alert")
    expect(w.page.locator(".mp-search__result").first).to_be_visible()
    w.page.wait_for_timeout(200)
    results = w.page.locator(".mp-search__results")
    assert results.locator("img, script, iframe, svg, [onerror], [onclick]").count() == 0
    assert w.dialogs == []
    assert w.page.locator("iframe").count() == 0
