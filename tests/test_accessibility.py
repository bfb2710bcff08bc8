"""Universal design in a real browser (WCAG 2.1 A and AA, the 47 criteria of the
Norwegian regulation): axe-core, injected from the axe-playwright-python package
(never a CDN), finds nothing on any page kind of the example site in the light
and the dark palette; and what axe cannot see is tried here in Chromium: the skip
link, a visible focus with enough contrast on every stop, Tab order without traps
or surprises, keyboard use of search, filters and the palette toggle, no
single-key shortcuts, reflow at 320 CSS px, 200 % zoom, both orientations, wider
text spacing, the call-off timeline's name and table, and no state shown by colour
alone. The same browser and served site as tests/test_browser.py (conftest.py);
no network: outside requests are answered empty and recorded.

Which criterion each test covers is in generator/data/accessibility-statement.yaml,
the data of the published statement; tests/test_site_accessibility.py checks that
every test named there exists."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from generator import pipeline
from generator.catalogue.gather import Catalogue
from generator.models import CallOff
from generator.models.kinds import CALLOFF, PUBLISHED
from generator.site import links, statement
from generator.site.views import calloff
from tests.support.axe import (
    EXPERIMENTAL,
    OPEN_SHADOW_ROOTS,
    TAGS,
    axe_violations,
    report,
    with_axe,
)
from tests.support.browsing import Opener, Served, Watched, needs_chromium
from tests.support.paths import TODAY

pytestmark = needs_chromium

PALETTES = {"light": "default", "dark": "slate"}
LISTS = {"innovasjonsarenaen/", "erfaringsarenaen/", "katalogen/"}  # with filters


def page_kinds(served: Served, checked: pipeline.Checked) -> dict[str, str]:
    """Every kind of page, by name: each section page, one record page of each
    kind (the fullest, so the most of its template is drawn), a solution with its
    that failed in the sandbox, and the page for an address that leads nowhere."""

    def fullest(kind: str, ids: Iterable[str]) -> str:
        pages = [served.folder / kind / i / "index.html" for i in sorted(ids)]
        return f"{kind}/{max(pages, key=lambda p: p.stat().st_size).parent.name}/"

    found = {title: links.doc_url(doc) for doc, title in links.SECTIONS}
    found["Behovene på kartet"] = links.doc_url(links.NEEDS_MAP)
    for kind in PUBLISHED:
        records = checked.catalogue.records(kind)
        found[kind.label] = fullest(kind.name, (e.record.id for e in records))
    failed = [i for i, report in checked.verification.items() if not report.verified]
    if failed:  # with the findings the supplier has to fix
        found["løsning som ikke er verifisert"] = fullest("solution", failed)
    found["Siden finnes ikke"] = "404.html"
    return found


def ready(page: Page, path: str) -> None:
    """Wait until the scripts have drawn what they draw: the filters on a list,
    the timeline on a call-off page."""
    if path in LISTS:
        expect(page.locator("form.mp-filter__form")).to_be_visible()
    if path.startswith("calloff/"):
        expect(page.locator("div.mermaid")).to_be_attached()


def visit(w: Watched, served: Served, path: str) -> None:
    w.page.goto(served.url + path)
    ready(w.page, path)


@pytest.fixture
def site(served_site: Served) -> Served:
    return served_site


@pytest.fixture
def kinds(site: Served, example_checked: pipeline.Checked) -> dict[str, str]:
    return page_kinds(site, example_checked)


@pytest.fixture(params=sorted(PALETTES))
def palette(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


def no_scroll_sideways(page: Page) -> bool:
    wide: bool = page.evaluate(
        "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
    return wide


# ---------------------------------------------------------------- axe-core


def test_axe_finds_no_violations(
    site: Served, opened: Opener, kinds: dict[str, str], palette: str
) -> None:
    """Every page kind, the filters drawn and the timeline rendered, then the search
    with its results open; in the reader's light or dark system setting, which the
    palette follows until the reader chooses another with the toggle."""
    w = with_axe(opened(site, color_scheme=palette))
    found = {}
    for name, path in kinds.items():
        visit(w, site, path)
        scheme = w.page.locator("body").get_attribute("data-md-color-scheme")
        assert scheme == PALETTES[palette], (path, scheme)
        found[f"{name} (/{path})"] = axe_violations(w.page)
    w.page.goto(site.url)
    w.page.get_by_role("searchbox", name="Søk", exact=True).click()
    w.page.keyboard.type("sår")
    expect(w.page.locator(".mp-search__result").first).to_be_visible()
    found["Søket med treff"] = axe_violations(w.page)
    visit(w, site, "sok/?q=hjemmeoppf%C3%B8lging")
    expect(w.page.locator(".mp-search-page__results li").first).to_be_visible()
    found["Søkesiden med treff"] = axe_violations(w.page)
    found = {where: v for where, v in found.items() if v}
    assert not found, f"axe-core ({palette} palett):\n{report(found)}"
    assert w.outside == []
    assert w.errors == []


def test_the_statement_names_axe_rules_that_run(site: Served, opened: Opener) -> None:
    """The rules the statement credits to a criterion exist in the axe-core that
    runs, run with the options above, and are tagged with that criterion."""
    w = with_axe(opened(site))
    w.page.goto(site.url)
    assert w.page.evaluate("axe.version") == statement.load().statement.axe_core
    rules = {r["ruleId"]: r["tags"] for r in w.page.evaluate("axe.getRules()")}
    running = {
        rule
        for rule, tags in rules.items()
        if set(tags) & set(TAGS) and ("experimental" not in tags or rule in EXPERIMENTAL)
    }
    wrong = []
    for criterion in statement.load().criteria:
        tag = "wcag" + criterion.number.replace(".", "")
        for rule in criterion.axe:
            if rule not in running or tag not in rules[rule]:
                wrong.append(f"{criterion.number}: {rule}")
    assert wrong == []


# ---------------------------------------------------------------- keyboard and focus


# Colours as the eye gets them: a semi-transparent background is laid over what
# is behind it, down to the page.
COLOURS = """
const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
const luminance = ([r, g, b]) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const over = (top, under) => {
  const alpha = top.length === 4 ? top[3] : 1;
  return [0, 1, 2].map((i) => top[i] * alpha + under[i] * (1 - alpha));
};
const backdrop = (node) => {
  const layers = [];
  for (let e = node; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) layers.push(c);
    if (c.length === 3 || c[3] === 1) break;
  }
  return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
};
// what is painted just outside an element's box, where its focus ring is drawn:
// the backgrounds of everything at that point, from the top down to the first
// opaque one
const around = (el) => {
  const box = el.getBoundingClientRect();
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const x = box.left >= 3 ? box.left - 3 : Math.min(box.right + 3, innerWidth - 1);
  const layers = [];
  for (const e of document.elementsFromPoint(x, y)) {
    if (e === el || el.contains(e)) continue;
    const s = getComputedStyle(e);
    const c = parse(s.backgroundColor);
    const alpha = (c.length === 4 ? c[3] : 1) * Number(s.opacity);
    if (alpha > 0) layers.push([c[0], c[1], c[2], alpha]);
    if (alpha === 1) break;
  }
  return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
};
"""

FOCUS_STATE = (
    "async () => {"
    + COLOURS
    + """
  // colours are read once the theme's transitions (hover, header shadow, the
  // drawer) have settled: a machine under load measures them halfway otherwise
  const finite = (a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity;
  const settling = document.getAnimations().filter(finite);
  await Promise.all(settling.map((a) => a.finished.catch(() => null)));
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const el = document.activeElement;
  // the theme's palette toggle is a hidden radio button: its label shows the focus
  const shown = el.matches("input.md-option") ? el.nextElementSibling : el;
  const s = getComputedStyle(shown);
  const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow !== "none";
  const text = el.matches("input[type=text], input[type=search], textarea");
  // a drop-down list's own border, which shows where it is (1.4.11)
  const edge = el.matches("select") ? contrast(parse(s.borderColor), around(el)) : null;
  // a ring drawn inside the box (negative offset) lies on the element's own background
  const behind = parseFloat(s.outlineOffset) < 0 ? backdrop(shown) : around(shown);
  return {
    tag: el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""),
    text: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40),
    visible: ring || shadow || text,
    ring: ring ? `${s.outlineColor} on rgb(${behind.map(Math.round).join(", ")})` : null,
    ringContrast: ring ? contrast(parse(s.outlineColor), behind) : null,
    textContrast: el.tagName === "A" ? contrast(parse(s.color), backdrop(el)) : null,
    borderContrast: edge,
    inArticle: Boolean(el.closest("article")),
    inFooter: Boolean(el.closest("footer")),
    statement: el.matches("footer a") && el.textContent.trim() === "Tilgjengelighetserklæring",
    path: location.pathname,
  };
}"""
)


def tab_stops(page: Page, limit: int = 400) -> Iterator[dict[str, Any]]:
    """Press Tab from the top of the page and say where the focus is after each
    press, until it reaches the statement link in the footer."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state: dict[str, Any] = page.evaluate(FOCUS_STATE)
        yield state
        if state["statement"]:
            return
    raise AssertionError(f"Tab nådde ikke lenken i bunnteksten etter {limit} trykk")


def test_the_skip_link_comes_first_and_leads_to_the_content(site: Served, opened: Opener) -> None:
    w = opened(site)
    for path in ("", "katalogen/", "need/app-for-sarprosedyrer/", "404.html"):
        visit(w, site, path)
        w.page.keyboard.press("Tab")
        skip = w.page.locator(".md-skip")
        expect(skip).to_be_focused()
        expect(skip).to_be_visible()
        expect(skip).to_have_text("Gå til innhold")
        w.page.keyboard.press("Enter")
        h1 = w.page.locator("article h1")
        # expect waits for the jump: reading page.url at once can see the old address
        anchor = "#" + (h1.get_attribute("id") or "?")
        expect(w.page).to_have_url(re.compile(re.escape(anchor) + "$"))
        expect(h1).to_be_in_viewport()
        w.page.keyboard.press("Tab")  # the next stop is in the content, past the menus
        assert w.page.evaluate("Boolean(document.activeElement.closest('article'))"), path


def test_focus_is_visible_on_links_and_controls(site: Served, opened: Opener, palette: str) -> None:
    """Every Tab stop on a list page with filters shows where the focus is, with a
    ring of at least 3:1 against the background; a focused link's text keeps 4.5:1,
    and a drop-down list's border 3:1."""
    w = opened(site, color_scheme=palette)
    visit(w, site, "katalogen/")
    stops = list(tab_stops(w.page))
    assert len(stops) > 15
    assert any(s["tag"].startswith("select") for s in stops)  # the filters are on the way
    unseen = [s for s in stops if not s["visible"]]
    assert unseen == []
    faint = [s for s in stops if s["ringContrast"] is not None and s["ringContrast"] < 3]
    assert faint == [], "\n".join(map(str, faint))
    pale = [s for s in stops if s["textContrast"] is not None and s["textContrast"] < 4.5]
    assert pale == [], "\n".join(map(str, pale))
    edges = [s["borderContrast"] for s in stops if s["borderContrast"] is not None]
    assert edges and min(edges) >= 3


def test_tab_goes_through_the_page_in_order_to_the_footer(site: Served, opened: Opener) -> None:
    """On a record page Tab goes from the header through the content to the footer
    and no further element holds it; focus alone never changes the page."""
    w = opened(site)
    visit(w, site, "calloff/bergen-app-for-sarprosedyrer-2026/")
    w.page.evaluate("""() => {
      window.__stops = [];
      document.addEventListener("focusin", (e) => window.__stops.push(e.target));
    }""")
    stops = list(tab_stops(w.page))
    assert {s["path"] for s in stops} == {"/calloff/bergen-app-for-sarprosedyrer-2026/"}
    in_article = [s["inArticle"] for s in stops]
    assert True in in_article and stops[-1]["inFooter"]
    # the content is one run of Tab stops: header and menus before, footer after
    first, last = in_article.index(True), len(in_article) - 1 - in_article[::-1].index(True)
    assert all(in_article[first : last + 1]), [s["tag"] for s in stops]
    in_dom_order = w.page.evaluate("""() => window.__stops.every((el, i, all) => i === 0
      || Boolean(all[i - 1].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING))""")
    assert in_dom_order
    assert w.page.locator("[tabindex]:not([tabindex='0']):not([tabindex='-1'])").count() == 0


def test_filters_are_labelled_form_controls(site: Served, opened: Opener) -> None:
    """Each filter is a select or a checkbox with its own visible label, inside a
    fieldset with a legend; the count is a polite live region the list points to;
    choosing a value keeps the reader on the control (no change of context)."""
    w = opened(site)
    for path in sorted(LISTS):
        visit(w, site, path)
        form = w.page.locator("form.mp-filter__form")
        expect(form.locator("fieldset > legend")).not_to_be_empty()
        controls = form.locator("select, input")
        assert controls.count() >= 2
        for i in range(controls.count()):
            control = controls.nth(i)
            label = control.evaluate(
                "c => c.labels.length === 1 ? c.labels[0].textContent.trim() : ''"
            )
            assert label, path
            # the visible label is the control's name (2.5.3, 3.3.2, 4.1.2)
            expect(w.page.get_by_label(label, exact=True)).to_have_count(1)
        status = form.locator(".mp-filter__status")
        assert status.get_attribute("aria-live") == "polite"
        assert status.get_attribute("aria-atomic") == "true"
        table = w.page.locator(".mp-liste table")
        assert table.get_attribute("aria-describedby") == status.get_attribute("id")
        before = status.text_content()
        first = controls.first
        first.focus()
        w.page.keyboard.press("ArrowDown")
        expect(status).not_to_have_text(before or "")
        expect(first).to_be_focused()
        assert w.page.url.split("?")[0] == site.url + path
    assert w.errors == []


def test_search_works_by_keyboard_alone(site: Served, opened: Opener) -> None:
    """Tab reaches the field in the header; typing searches; the number of results
    is a polite status message; Tab goes on to the type filter and the results;
    Escape empties the field and closes the results, keeping the focus there."""
    w = opened(site)
    w.page.goto(site.url)
    search = w.page.get_by_role("searchbox", name="Søk", exact=True)
    for _ in range(10):
        w.page.keyboard.press("Tab")
        if w.page.evaluate("document.activeElement.id === 'mp-search-input'"):
            break
    expect(search).to_be_focused()
    w.page.keyboard.type("sår")
    status = w.page.locator("#mp-search-status")
    expect(status).to_have_text(re.compile(r"^\d+ treff"))  # said by the live region
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    in_results = "document.activeElement.closest('.mp-search__results') !== null"
    w.page.keyboard.press("Tab")
    expect(w.page.get_by_label("Vis", exact=True)).to_be_focused()
    w.page.keyboard.press("Tab")
    assert w.page.evaluate(in_results)
    w.page.keyboard.press("Escape")  # and out again: the search holds nobody
    expect(search).to_be_focused()
    expect(search).to_have_value("")
    expect(w.page.locator(".mp-search__panel")).to_be_hidden()
    w.page.keyboard.type("sår")
    expect(w.page.locator(".mp-search__result").first).to_be_visible()
    w.page.keyboard.press("Tab")
    w.page.keyboard.press("Tab")
    w.page.wait_for_function(in_results)
    w.page.keyboard.press("Enter")  # the first hit opens
    w.page.wait_for_url(re.compile(r"/(need|solution|supplier|experience|dps|calloff)/"))
    expect(w.page.locator("article h1")).to_be_visible()
    assert w.errors == []


def test_the_palette_toggle_works_by_keyboard(site: Served, opened: Opener) -> None:
    w = opened(site, color_scheme="light")
    w.page.goto(site.url)
    body = w.page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    for _ in range(10):
        w.page.keyboard.press("Tab")
        if w.page.evaluate("document.activeElement.matches('input.md-option')"):
            break
    toggle = w.page.locator("input.md-option:focus")
    expect(toggle).to_have_attribute("aria-label", "Bytt til mørkt tema")
    w.page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(w.page.locator("input.md-option:focus")).to_have_attribute(
        "aria-label", "Bytt til lyst tema"
    )
    w.page.reload()  # the choice is kept
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    w.page.locator('label[title="Bytt til lyst tema"]').click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_single_character_keys_set_off_no_shortcut(site: Served, opened: Opener) -> None:
    """The theme's shortcuts (/ s f to the search, n . p , to the next and previous
    page) do nothing; in a field the same keys are typing."""
    w = opened(site)
    path = "erfaringsarenaen/"  # a page with both a previous and a next page
    visit(w, site, path)
    assert w.page.locator('link[rel="next"]').count() == 1
    w.page.locator("article h1").click()
    for key in ["/", "s", "f", "n", ".", "p", ","]:
        w.page.keyboard.press(key)
        assert w.page.url == site.url + path, key
        assert not w.page.evaluate("document.activeElement.matches('input')"), key
    search = w.page.get_by_role("searchbox", name="Søk", exact=True)
    search.click()
    w.page.keyboard.type("sn/")
    expect(search).to_have_value("sn/")


# ---------------------------------------------------------------- size and spacing


def test_every_page_kind_reflows_at_320_css_px(
    site: Served, opened: Opener, kinds: dict[str, str]
) -> None:
    """At 320 CSS px (1280 px at 400 %) no page scrolls sideways; a table wider
    than the screen scrolls inside its own frame, which the keyboard reaches."""
    w = opened(site, viewport={"width": 320, "height": 640})
    for name, path in kinds.items():
        visit(w, site, path)
        # a record page's sections are folded on a phone: open them all
        w.page.evaluate("""() => document.querySelectorAll(
            '.mp-fold__button[aria-expanded="false"]').forEach((b) => b.click())""")
        expect(w.page.locator('.mp-fold__button[aria-expanded="false"]')).to_have_count(0)
        assert no_scroll_sideways(w.page), f"{name} (/{path}) ruller sidelengs ved 320 px"
        loose = w.page.evaluate("""() => [...document.querySelectorAll("article table")]
          .filter(t => t.getBoundingClientRect().width > innerWidth)
          .filter(t => !t.closest(".md-typeset__scrollwrap")).length""")
        assert loose == 0, name
        # a frame that scrolls is a named Tab stop, to scroll with the arrow keys
        unreachable = w.page.evaluate("""() => [...document.querySelectorAll(
            ".md-typeset__scrollwrap")]
          .filter(f => f.scrollWidth > f.clientWidth + 1)
          .filter(f => f.tabIndex !== 0 || !f.getAttribute("aria-label")).length""")
        assert unreachable == 0, name


def test_record_tables_show_every_column_on_a_desktop(
    site: Served, opened: Opener, kinds: dict[str, str]
) -> None:
    """At 1280 px, beside the table of contents, no table on a record page is
    wider than its frame: every column is in view without scrolling sideways."""
    w = opened(site, viewport={"width": 1280, "height": 900})
    for name, path in kinds.items():
        visit(w, site, path)
        if not w.page.locator(".mp-record").count():
            continue
        cut = w.page.evaluate("""() => [...document.querySelectorAll(
            ".mp-record .md-typeset__scrollwrap")]
          .filter(f => f.scrollWidth > f.clientWidth + 1)
          .map(f => f.querySelector("th") ? f.querySelector("th").textContent : "?")""")
        assert cut == [], f"{name} (/{path}): {cut}"


def test_nothing_breaks_at_200_percent_zoom(
    site: Served, opened: Opener, kinds: dict[str, str]
) -> None:
    """200 % zoom of a 1280 px window: 640 CSS px at twice the pixel density. No
    page scrolls sideways, the page's heading is there to read, and the menu and
    the search stay within reach."""
    w = opened(site, viewport={"width": 640, "height": 400}, device_scale_factor=2)
    # a page of each layout: the home page, a list with filters, a record page, a
    # call-off with its timeline, the statement with its wide tables
    for name in ("Markedsplassen", "Katalogen", "behov", "uttak", "Tilgjengelighetserklæring"):
        path = kinds[name]
        visit(w, site, path)
        assert no_scroll_sideways(w.page), f"{name} (/{path}) ruller sidelengs ved 200 %"
        h1 = w.page.locator("article h1")
        expect(h1).to_be_visible()
        box = h1.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 640, name
        expect(w.page.locator('label.md-header__button[for="__drawer"]')).to_be_visible()
        expect(w.page.get_by_role("searchbox", name="Søk", exact=True)).to_be_visible()


def test_pages_work_in_portrait_and_landscape(site: Served, opened: Opener) -> None:
    """Nothing locks the orientation: turned either way, a phone shows the page
    without sideways scrolling (axe's css-orientation-lock looks at the styles)."""
    w = opened(site, viewport={"width": 390, "height": 844})
    for path in ("", "katalogen/", "calloff/bergen-app-for-sarprosedyrer-2026/"):
        visit(w, site, path)
        for width, height in ((390, 844), (844, 390)):
            w.page.set_viewport_size({"width": width, "height": height})
            assert no_scroll_sideways(w.page), (width, height, path)
            expect(w.page.locator("article h1")).to_be_visible()


TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def test_increased_text_spacing_hides_nothing(site: Served, opened: Opener) -> None:
    """With the spacing of WCAG 1.4.12 forced on every element, no page scrolls
    sideways and no text in the content is cut off by its box."""
    w = opened(site, viewport={"width": 1024, "height": 768})
    for path in ("", "katalogen/", "need/app-for-sarprosedyrer/", "tilgjengelighet/"):
        visit(w, site, path)
        w.page.add_style_tag(content=TEXT_SPACING)
        assert no_scroll_sideways(w.page), path
        clipped = w.page.evaluate("""() => [...document.querySelectorAll("article *")]
          .filter(el => el.textContent.trim() && el.children.length === 0)
          .filter(el => { const s = getComputedStyle(el);
            return (s.overflow === "hidden" || s.overflowX === "hidden" || s.overflowY === "hidden")
              && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1); })
          .map(el => el.tagName + ": " + el.textContent.trim().slice(0, 40))""")
        assert clipped == [], path


# ---------------------------------------------------------------- content


def test_the_timeline_diagram_has_a_name_and_a_table(
    site: Served, opened: Opener, kinds: dict[str, str], example_catalogue: Catalogue
) -> None:
    """The drawn Gantt chart is a named graphic whose text keeps 4.5:1 on its light
    card, in the dark palette too; right under it the same dates stand in a table
    with header cells, one row per date, which is all there is without JavaScript."""
    record = example_catalogue.get(CALLOFF, kinds["uttak"].split("/")[1])
    assert isinstance(record, CallOff)
    w = opened(site, color_scheme="dark")
    w.page.context.add_init_script(OPEN_SHADOW_ROOTS)
    visit(w, site, f"calloff/{record.id}/")
    drawn = w.page.locator("div.mermaid").evaluate(
        "host => {"
        + COLOURS
        + """
      const svg = host.shadowRoot.querySelector("svg");
      const named = (attr) => (svg.getAttribute(attr) || "").split(" ")
        .map((id) => host.shadowRoot.getElementById(id)).filter(Boolean)
        .map((e) => e.textContent.trim()).join(" ");
      const card = backdrop(host);
      const texts = [...svg.querySelectorAll("text")];
      const fills = texts.map((t) => parse(getComputedStyle(t).fill));
      const weakest = Math.min(...fills.map((fill) => contrast(fill, card)));
      return { role: svg.getAttribute("role"), name: named("aria-labelledby"),
               description: named("aria-describedby"), texts: texts.length, weakest };
    }"""
    )
    assert "document" in drawn["role"]
    assert drawn["name"] == f"Tidslinje for {record.title}"
    assert "tabellen" in drawn["description"]
    assert drawn["texts"] > 10 and drawn["weakest"] >= 4.5, drawn
    table = w.page.locator("div.mermaid ~ p + div table, div.mermaid ~ div table").first
    headers = table.locator("thead th")
    expect(headers).to_have_text(["Dato", "Hendelse", "Merknad"])
    assert table.locator("tbody tr").count() == len(calloff.events(record, TODAY))
    assert w.outside == []
    # without JavaScript nothing draws it: the table stands, not the Mermaid source
    bare = opened(site, javascript=False)
    bare.page.goto(f"{site.url}calloff/{record.id}/")
    expect(bare.page.locator("pre.mermaid")).to_be_hidden()
    expect(bare.page.locator("article table thead th").first).to_be_visible()


def test_no_state_is_shown_by_colour_alone(
    site: Served, opened: Opener, kinds: dict[str, str]
) -> None:
    """No element in the content is a coloured mark without words: everything
    that has a colour of its own (a background, a border) and is small enough to be
    a badge or a dot carries text or a name."""
    w = opened(site)
    # the pages that show a state: deadlines, call-off and DPS states, verification
    shown = ["Markedsplassen", "Katalogen", "Anskaffelser", "Sandkassen"]
    shown += ["løsning", "løsning som ikke er verifisert", "dynamisk innkjøpsordning", "uttak"]
    for path in [kinds[name] for name in shown if name in kinds]:
        visit(w, site, path)
        marks = w.page.evaluate("""() => [...document.querySelectorAll("article *")]
          .filter((el) => {
            const box = el.getBoundingClientRect();
            if (!box.width || !box.height || box.width > 48 || box.height > 48) return false;
            const s = getComputedStyle(el);
            const coloured = (c) => !/^rgba\\(0, 0, 0, 0\\)$|^transparent$/.test(c);
            const own = coloured(s.backgroundColor) || (s.borderStyle !== "none"
              && parseFloat(s.borderWidth) > 0 && coloured(s.borderColor));
            const words = el.textContent.trim() || el.getAttribute("aria-label")
              || el.getAttribute("title") || el.querySelector("img[alt], svg title");
            return own && !words && !el.matches("input, select, button, hr, td, th");
          }).map((el) => el.outerHTML.slice(0, 120))""")
        assert marks == [], f"/{path}"
