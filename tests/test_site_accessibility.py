"""Universal design that can be read from the built pages themselves, no browser
needed: over every page of the example site, one h1 and heading levels without
gaps, a title that names the page, link texts that say where they go, header cells
in every table, unique ids, the same navigation everywhere, states written in
words, and the accessibility statement linked from every footer. The statement's
data lists exactly the 47 criteria the Norwegian regulation asks for, and every
test it names exists. The Word downloads have real headings, a title and Norwegian
as their language. (The browser tests are in tests/test_accessibility.py; `lang`
on every page is tests/test_site.py's.)"""

from __future__ import annotations

import ast
import itertools
import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from mkdocs.config import load_config

from generator import pipeline
from generator.catalogue.gather import Catalogue
from generator.models import CallOff
from generator.models.kinds import CALLOFF, SOLUTION
from generator.procurement.states import CALLOFF_LABELS, calloff_state
from generator.site import display, links, mkdocs_build, statement, theme
from generator.site.gather import gather
from generator.site.views import verification
from tests.support.paths import ROOT, TODAY
from tests.support.site_pages import text_of

# The 47: WCAG 2.0 A and AA without 1.2.3, 1.2.4 and 1.2.5, and the 12 that WCAG
# 2.1 added at A and AA (uutilsynet.no, «Dette er kravene»).
WCAG_20_A = [
    *("1.1.1", "1.2.1", "1.2.2", "1.3.1", "1.3.2", "1.3.3", "1.4.1", "1.4.2"),
    *("2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.3.1", "2.4.1", "2.4.2", "2.4.3", "2.4.4"),
    *("3.1.1", "3.2.1", "3.2.2", "3.3.1", "3.3.2", "4.1.1", "4.1.2"),
]
WCAG_20_AA = ["1.4.3", "1.4.4", "1.4.5", "2.4.5", "2.4.6", "2.4.7", "3.1.2", "3.2.3", "3.2.4"]
WCAG_20_AA += ["3.3.3", "3.3.4"]
WCAG_21_A = ["2.1.4", "2.5.1", "2.5.2", "2.5.3", "2.5.4"]
WCAG_21_AA = ["1.3.4", "1.3.5", "1.4.10", "1.4.11", "1.4.12", "1.4.13", "4.1.3"]

# link texts that say nothing without their surroundings
VAGUE = {"her", "klikk her", "trykk her", "les mer", "mer", "lenke", "link", "click here", "se her"}


# ---------------------------------------------------------------- the built pages


@dataclass
class Link:
    href: str
    name: str


@dataclass
class Table:
    header_cells: int = 0
    first_row_headers: bool = False
    rows: int = 0


@dataclass
class Parsed:
    title: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    primary_nav: list[str] = field(default_factory=list)  # hrefs in the primary navigation
    footer_links: list[Link] = field(default_factory=list)


class _Reader(HTMLParser):
    """Headings, links with their accessible text, tables, ids and the navigation.
    Text inside aria-hidden elements does not count towards a name."""

    VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Parsed()
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._heading: tuple[int, list[str]] | None = None
        self._link: tuple[str, str | None, list[str]] | None = None
        self._title: list[str] | None = None
        self._tables: list[Table] = []
        self._row_cells: list[str] = []

    def _inside(self, tag: str, css: str = "") -> bool:
        return any(t == tag and css in (a.get("class") or "") for t, a in self._stack)

    def _hidden(self) -> bool:
        return any(a.get("aria-hidden") == "true" for _, a in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.found.ids.append(values["id"] or "")
        if tag == "title" and not self._inside("svg"):
            self._title = []
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), [])
        elif tag == "a" and values.get("href") is not None:
            label = values.get("aria-label")
            self._link = (values["href"] or "", label, [])
            if self._inside("nav", "md-nav--primary") and not (values["href"] or "").startswith(
                "#"
            ):
                self.found.primary_nav.append(values["href"] or "")
        elif tag == "img" and self._link is not None and values.get("alt"):
            self._link[2].append(values["alt"] or "")
        elif tag == "table":
            self._tables.append(Table())
        elif tag == "tr" and self._tables:
            self._row_cells = []
        elif tag in {"th", "td"} and self._tables:
            self._row_cells.append(tag)
            if tag == "th":
                self._tables[-1].header_cells += 1
        if tag not in self.VOID:
            self._stack.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.found.title = " ".join("".join(self._title).split())
            self._title = None
        elif re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            level, text = self._heading
            self.found.headings.append((level, " ".join("".join(text).split())))
            self._heading = None
        elif tag == "a" and self._link is not None:
            href, label, text = self._link
            link = Link(href, " ".join((label or "".join(text)).split()))
            self.found.links.append(link)
            if self._inside("footer"):
                self.found.footer_links.append(link)
            self._link = None
        elif tag == "tr" and self._tables:
            table = self._tables[-1]
            if table.rows == 0:
                table.first_row_headers = bool(self._row_cells) and all(
                    c == "th" for c in self._row_cells
                )
            table.rows += 1
        elif tag == "table" and self._tables:
            self.found.tables.append(self._tables.pop())
        while self._stack:
            top, _ = self._stack.pop()
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if self._heading is not None:
            self._heading[1].append(data)
        if self._link is not None and not self._hidden():
            self._link[2].append(data)


@cache
def _parse(path: Path) -> Parsed:
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    reader.close()
    return reader.found


@pytest.fixture(scope="module")
def pages(example_site: Path) -> dict[str, Parsed]:
    """Every HTML page of the example site by its path in the site."""
    found = {
        path.relative_to(example_site).as_posix(): _parse(path)
        for path in sorted(example_site.rglob("*.html"))
    }
    assert len(found) > 30
    return found


def _url(page: str) -> str:
    """The published address of a page file: need/x/index.html → need/x/."""
    return page.removesuffix("index.html")


def _target(page: str, href: str) -> str:
    """Where a link on a page leads, as a path in the site ('' for the home page).
    The 404 page is served at any address, so MkDocs writes its links from the root."""
    path = href.split("#")[0].split("?")[0]
    base = "/" if page == "404.html" or path.startswith("/") else "/" + _url(page)
    joined = posixpath.normpath(posixpath.join(base, path)).lstrip("/")
    return joined + "/" if joined and (path.endswith(("/", ".")) or path == "..") else joined


# ---------------------------------------------------------------- every page


def test_every_page_has_one_h1_and_no_skipped_heading_levels(pages: dict[str, Parsed]) -> None:
    problems = []
    for name, page in pages.items():
        levels = [level for level, _ in page.headings]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{name}: h1 {levels.count(1)} ganger, først h{levels[:1]}")
        for before, after in itertools.pairwise(levels):
            if after > before + 1:
                problems.append(f"{name}: h{before} følges av h{after}")
        if any(not text for _, text in page.headings):
            problems.append(f"{name}: en tom overskrift")
    assert problems == []


def test_every_page_title_names_the_page(pages: dict[str, Parsed]) -> None:
    problems = []
    for name, page in pages.items():
        h1 = next(text for level, text in page.headings if level == 1)
        if not page.title.startswith(h1) or not page.title.endswith("Markedsplassen"):
            problems.append(f"{name}: <title> «{page.title}», h1 «{h1}»")
    assert problems == []


def test_link_texts_say_where_they_go(pages: dict[str, Parsed]) -> None:
    problems = []
    for name, page in pages.items():
        for link in page.links:
            text = link.name.casefold().strip(" .:!»«")
            if not text:
                problems.append(f"{name}: lenken til {link.href} har ingen tekst")
            elif text in VAGUE:
                problems.append(f"{name}: lenketeksten «{link.name}» ({link.href})")
    assert problems == []


def test_every_table_has_header_cells(pages: dict[str, Parsed]) -> None:
    problems = []
    for name, page in pages.items():
        for number, table in enumerate(page.tables, 1):
            if not table.first_row_headers:
                problems.append(f"{name}: tabell {number} har ingen rad med overskriftsceller")
    assert problems == []
    assert sum(len(p.tables) for p in pages.values()) > 30


def test_ids_are_unique_on_every_page(pages: dict[str, Parsed]) -> None:
    problems = {
        name: sorted({i for i in page.ids if page.ids.count(i) > 1})
        for name, page in pages.items()
        if len(set(page.ids)) != len(page.ids)
    }
    assert problems == {}


def test_the_navigation_is_the_same_on_every_page(pages: dict[str, Parsed]) -> None:
    sections = [links.doc_url(doc) for doc, _ in links.SECTIONS]
    for name, page in pages.items():
        # in order, once each (the logo above the navigation leads home too)
        targets = list(dict.fromkeys(_target(name, href) for href in page.primary_nav))
        assert targets == sections, name


def test_the_statement_page_is_published_and_linked_from_every_footer(
    example_site: Path, pages: dict[str, Parsed]
) -> None:
    address = links.doc_url(links.ACCESSIBILITY)
    assert address == "tilgjengelighet/"
    assert (example_site / address / "index.html").is_file()
    for name, page in pages.items():
        found = [link for link in page.footer_links if _target(name, link.href) == address]
        assert [link.name for link in found] == ["Tilgjengelighetserklæring"], name
    statement_page = pages[address + "index.html"]
    text = [heading for _, heading in statement_page.headings]
    assert text[:1] == ["Tilgjengelighetserklæring"]
    assert "Meld fra om feil og mangler" in text
    principles = [f"{number} {title}" for number, title in statement.PRINCIPLES.items()]
    assert [heading for heading in text if heading[0].isdigit()] == principles
    html = (example_site / address / "index.html").read_text("utf-8")
    assert html.count("<dt>") == 47
    hrefs = {link.href for link in statement_page.links}
    assert "https://uustatus.no/" in hrefs
    assert any(h.startswith("mailto:") for h in hrefs)
    assert any(h.endswith("/issues/new") for h in hrefs)


def test_the_overrides_ship_in_the_package_for_both_configurations(tmp_path: Path) -> None:
    """The footer and 404 overrides are package data, and the build puts them in
    front of Material's templates whichever mkdocs.yml it reads: the packaged
    default or the repository's copy (a custom_dir would be read relative to each)."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = settings["tool"]["setuptools"]["package-data"]["generator"]
    shipped = {path for pattern in patterns for path in (ROOT / "generator").glob(pattern)}
    overrides = {p for p in theme.overrides().rglob("*") if p.is_file()}
    assert {"copyright.html", "404.html"} <= {p.name for p in overrides}
    assert overrides <= shipped
    assert (ROOT / "generator/data/accessibility-statement.yaml") in shipped
    (tmp_path / "docs").mkdir()
    for config in (mkdocs_build.default_config(), mkdocs_build.config_file(ROOT)):
        loaded = load_config(
            config_file=str(config), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "s")
        )
        theme.apply(loaded)
        source = loaded.theme.get_env().loader
        assert source is not None
        _, filename, _ = source.get_source(loaded.theme.get_env(), "partials/copyright.html")
        assert Path(filename or "").parent.parent == theme.overrides(), config
        assert loaded.extra[theme.STATEMENT_KEY] == "tilgjengelighet/"


def test_states_are_written_in_words(
    example_site: Path, example_catalogue: Catalogue, example_checked: pipeline.Checked
) -> None:
    """A state is never a colour or an icon alone: the call-off's state and how long
    ago its deadline passed, and a solution's verification, stand in words."""
    passed = 0
    for entry in example_catalogue.records(CALLOFF):
        c = entry.record
        assert isinstance(c, CallOff)
        text = text_of(example_site / "calloff" / c.id / "index.html")
        assert f"Status: {CALLOFF_LABELS[calloff_state(c, TODAY)]}" in text
        when = display.days_until(c.tender_deadline, TODAY)
        assert f"Tilbudsfrist: {display.day(c.tender_deadline)} ({when})" in text
        passed += c.tender_deadline < TODAY
    assert passed > 0  # the example has deadlines that have passed, said in words
    site = gather(example_catalogue, TODAY, verification=example_checked.verification)
    for s in example_catalogue.records_of(SOLUTION):
        text = text_of(example_site / "solution" / s.id / "index.html")
        shown = verification.STATUS_TEXT[verification.status(s, site)]
        assert re.search(r"[A-Za-zÆØÅæøå]{4}", shown), shown  # words, not just an icon
        assert f"Sandkassen: {shown}" in text, s.id


# ---------------------------------------------------------------- the statement's data


def test_the_statement_lists_exactly_the_47_criteria() -> None:
    criteria = statement.load().criteria
    levels = {c.number: c.level for c in criteria}
    expected = {n: "A" for n in WCAG_20_A + WCAG_21_A} | {n: "AA" for n in WCAG_20_AA + WCAG_21_AA}
    assert len(expected) == 47
    assert levels == expected
    assert len(criteria) == 47
    assert all(c.name for c in criteria)
    assert not {"1.2.3", "1.2.4", "1.2.5"} & set(levels)


def _tests_in(module: Path) -> set[str]:
    tree = ast.parse(module.read_text("utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def test_tests_named_in_the_statement_exist() -> None:
    named = {
        test: kind
        for c in statement.load().criteria
        for kind, tests in (("browser", c.browser), ("html", c.html))
        for test in tests
    }
    assert named
    missing = []
    for test, kind in sorted(named.items()):
        path, function = test.split("::")
        module = ROOT / path
        if not module.is_file() or function not in _tests_in(module):
            missing.append(test)
        # a «browser» test runs in Chromium; an «html» test reads the built pages
        browser_module = path in {"tests/test_browser.py", "tests/test_accessibility.py"}
        assert (kind == "browser") == browser_module, test
    assert missing == []


def test_a_broken_statement_file_is_a_tool_failure() -> None:
    good = statement.load()
    with pytest.raises(ValueError, match="not_applicable står alene"):
        statement.Criterion.model_validate(
            {"number": "1.2.1", "name": "x", "level": "A", "manual": "y", "not_applicable": "z"}
        )
    with pytest.raises(ValueError, match="rekkefølge"):
        statement.Statement.model_validate(
            good.model_dump(mode="json")
            | {"criteria": [c.model_dump(mode="json") for c in good.criteria[::-1]]}
        )


# ---------------------------------------------------------------- the Word downloads


def test_every_word_download_has_headings_a_title_and_norwegian(example_site: Path) -> None:
    word_files = sorted((example_site / "maler").glob("*.docx"))
    assert len(word_files) >= 4
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for path in word_files:
        document = docx.Document(str(path))
        styles = [p.style.name if p.style is not None else "" for p in document.paragraphs]
        headings = [int(s.split()[1]) for s in styles if re.fullmatch(r"Heading [1-9]", s)]
        assert headings and headings[0] == 1, path.name
        assert all(b <= a + 1 for a, b in itertools.pairwise(headings)), path.name
        title = document.core_properties.title
        assert title and styles[0] == "Title" and document.paragraphs[0].text == title
        assert document.core_properties.language == "nb-NO", path.name
        language = document.styles.element.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}lang")
        assert language is not None and language.get(f"{w}val") == "nb-NO", path.name
        assert path.with_suffix(".md").is_file()  # the Markdown version stays
