"""`generator.site.build`: the example catalogue built into a temporary folder, as
a reader and a browser would receive it (no browser here, and no network): every
record has its page and its API entry, references are linked both ways, record
pages stay out of the navigation, two builds are byte-identical, contributor
text leaves no active content, and a failed check writes nothing."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from mkdocs.config import load_config

from generator.catalogue.gather import Catalogue
from generator.models import CallOff, Dps, Experience, Need, Record, Solution, reference
from generator.models.kinds import (
    CALLOFF,
    DPS,
    EXPERIENCE,
    NEED,
    PUBLISHED,
    SOLUTION,
    SUPPLIER,
    Kind,
)
from generator.site import BuildError, build, links, mkdocs_build
from tests.support.hostile_text import LINE, poison_catalogue
from tests.support.paths import ROOT, TODAY
from tests.support.records import copy_catalogue
from tests.support.shipped import unexpected
from tests.support.site_pages import Html, hrefs, page, parse, text_of

R = TypeVar("R", bound=Record)
RECORD_URL = re.compile(r"(?:^|/)(supplier|solution|need|experience|dps|calloff)/[a-z0-9-]+/$")


# ---------------------------------------------------------------- helpers


def link_to(kind: str, record_id: str) -> str:
    """The href from one record page to another (both are two levels deep)."""
    return f"../../{kind}/{record_id}/"


def all_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def built(example_site: Path) -> Path:
    return example_site


@pytest.fixture
def catalogue(example_catalogue: Catalogue) -> Catalogue:
    return example_catalogue


def records(catalogue: Catalogue, kind: Kind[Any], model: type[R]) -> Iterator[R]:
    """The records of one kind, as the model they are."""
    for entry in catalogue.records(kind):
        assert isinstance(entry.record, model)
        yield entry.record


# ---------------------------------------------------------------- every record


def test_every_record_has_its_page_and_api_entry(built: Path, catalogue: Catalogue) -> None:
    for kind in PUBLISHED:
        listing = json.loads((built / "api" / "v1" / f"{kind.name}.json").read_text("utf-8"))
        listed = {item["id"]: item for item in listing["records"]}
        ids = catalogue.ids(kind)
        assert ids and sorted(listed) == ids
        assert listing["count"] == len(ids)
        for record_id in ids:
            html = page(built, kind.name, record_id)
            assert html.is_file(), html
            assert listed[record_id]["page"] == f"{kind.name}/{record_id}/"
            api = json.loads((built / "api" / "v1" / kind.name / f"{record_id}.json").read_bytes())
            record = catalogue.get(kind, record_id)
            assert record is not None and api == record.model_dump(mode="json")
        assert (built / "schemas" / f"{kind.name}.schema.json").is_file()


def test_record_json_has_sorted_keys(built: Path) -> None:
    text = (built / "api" / "v1" / "need" / "app-for-sarprosedyrer.json").read_text("utf-8")
    again = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert text == again + "\n"


def test_derived_states_in_the_list_api_and_on_pages(built: Path) -> None:
    listing = json.loads((built / "api" / "v1" / "calloff.json").read_text("utf-8"))
    states = {item["id"]: item["state"] for item in listing["records"]}
    assert states["askoy-app-for-sarprosedyrer-2026"] == "open-for-tenders"
    assert states["bergen-app-for-sarprosedyrer-2026"] == "under-contract"
    assert "Kontrakt løper" in text_of(page(built, "calloff", "bergen-app-for-sarprosedyrer-2026"))
    assert "Åpen for forespørsler" in text_of(page(built, "dps", "dps-mobil-dokumentasjon-2026"))


# ---------------------------------------------------------------- pages


def test_home_page_lists_counts_and_newest(built: Path, catalogue: Catalogue) -> None:
    html = (built / "index.html").read_text("utf-8")
    for kind, doc in (
        (NEED, "innovasjonsarenaen/"),
        (EXPERIENCE, "erfaringsarenaen/"),
        (SOLUTION, "katalogen/"),
        (SUPPLIER, "leverandorer/"),
    ):
        count = len(catalogue.ids(kind))
        card = (
            f'<li><a href="{doc}"><span class="mp-cards__number">{count}</span> '
            f'<span class="mp-cards__label">{kind.plural.capitalize()}</span></a></li>'
        )
        assert card in html
    text = text_of(built / "index.html")
    for words in (
        "Innovasjonsarenaen",
        "Erfaringsarenaen",
        "Anskaffelser",
        "Markedsplassen i tall",
    ):
        assert words in text
    newest = max(records(catalogue, NEED, Need), key=lambda n: n.published)
    assert f'href="{NEED.name}/{newest.id}/"' in html
    assert 'href="calloff/askoy-app-for-sarprosedyrer-2026/"' in html  # closes 2026-12-04
    assert 'href="calloff/bodo-digital-hjemmeoppfolging-2026/"' not in html  # closed 2026-11-20


def test_list_pages_link_every_record_without_javascript(built: Path, catalogue: Catalogue) -> None:
    lists: dict[Kind[Any], str] = {
        NEED: "innovasjonsarenaen",
        EXPERIENCE: "erfaringsarenaen",
        SOLUTION: "katalogen",
        SUPPLIER: "leverandorer",
        DPS: "anskaffelser",
        CALLOFF: "anskaffelser",
    }
    for kind, section in lists.items():
        found = hrefs(built / section / "index.html")
        for record_id in catalogue.ids(kind):
            assert f"../{kind.name}/{record_id}/" in found, (section, record_id)
        assert "<table>" in (built / section / "index.html").read_text("utf-8")


def test_need_links_to_participants_and_solutions_and_back(
    built: Path, catalogue: Catalogue
) -> None:
    for need in records(catalogue, NEED, Need):
        found = hrefs(page(built, "need", need.id))
        for actor in {need.owner, *(p.actor for p in need.participants)}:
            if not actor.isdigit():
                assert link_to("supplier", actor) in found, (need.id, actor)
                assert link_to("need", need.id) in hrefs(page(built, "supplier", actor))
        text = text_of(page(built, "need", need.id))
        for p in need.participants:
            if p.actor.isdigit():
                assert reference.municipalities()[p.actor].name in text
        for solution_id in need.related_solutions:
            assert link_to("solution", solution_id) in found
            assert link_to("need", need.id) in hrefs(page(built, "solution", solution_id))


def test_the_wound_care_need_as_a_reader_sees_it(built: Path) -> None:
    found = hrefs(page(built, "need", "app-for-sarprosedyrer"))
    assert {link_to("supplier", "sarfag"), link_to("solution", "sarfag-sarjournal")} <= found
    text = text_of(page(built, "need", "app-for-sarprosedyrer"))
    assert "Bergen kommune" in text and "30 %" in text  # the wound nurse freed at 30 %
    assert "5. Implementering (nå)" in text
    assert "Be om å delta" in text


def test_references_are_linked_both_ways(built: Path, catalogue: Catalogue) -> None:
    edges: list[tuple[str, str, str, str]] = []
    for s in records(catalogue, SOLUTION, Solution):
        edges.append(("solution", s.id, "supplier", s.supplier))
        edges += [("solution", s.id, "need", n) for n in s.addresses_needs]
    for e in records(catalogue, EXPERIENCE, Experience):
        for kind, target in (("solution", e.solution), ("need", e.need), ("calloff", e.calloff)):
            if target:
                edges.append(("experience", e.id, kind, target))
    for d in records(catalogue, DPS, Dps):
        edges += [("dps", d.id, "supplier", s) for s in catalogue.admitted(d.id)]
    for c in records(catalogue, CALLOFF, CallOff):
        edges.append(("calloff", c.id, "dps", c.dps))
        edges += [("calloff", c.id, "supplier", s) for s in c.invited]
        if c.need:
            edges.append(("calloff", c.id, "need", c.need))
        if c.award:
            edges.append(("calloff", c.id, "solution", c.award.solution))
    assert len(edges) > 30
    for kind, record_id, target_kind, target in edges:
        assert link_to(target_kind, target) in hrefs(page(built, kind, record_id)), (
            kind,
            record_id,
            target,
        )
        assert link_to(kind, record_id) in hrefs(page(built, target_kind, target)), (
            target_kind,
            target,
            record_id,
        )


def test_solution_page_summarises_its_experiences(built: Path) -> None:
    text = text_of(page(built, "solution", "sarfag-sarjournal"))
    assert "erfaringer er delt" in text
    assert "Bruk av løsningen" in text and "19. oktober 2026" in text
    assert link_to("dps", "dps-sarbehandling-2026") in hrefs(
        page(built, "solution", "sarfag-sarjournal")
    )


def test_dps_shows_value_awarded_against_the_ceiling(built: Path) -> None:
    text = text_of(page(built, "dps", "dps-sarbehandling-2026"))
    assert "3 973 000 kr av en anslått øvre ramme på 40 000 000 kr (9,9 %)" in text


def test_calloff_timeline_as_mermaid_and_as_a_table(built: Path) -> None:
    html = page(built, "calloff", "bergen-app-for-sarprosedyrer-2026").read_text("utf-8")
    # the diagram's colours first (Mermaid front matter), then the chart
    assert '<pre class="mermaid"><code>---\nconfig:\n  theme: base\n' in html
    assert "\n---\ngantt\n" in html
    assert "accTitle: Tidslinje for Bergen kommune - app for" in html
    assert "Tilbudsperiode : 2026-03-16, 2026-03-26" in html
    assert "Oppstart i hjemmetjenesten : milestone, done, 2026-09-28, 0d" in html
    text = text_of(page(built, "calloff", "bergen-app-for-sarprosedyrer-2026"))
    assert "26.03.2026 Tilbudsfrist" in text
    assert "28.09.2026 Oppstart i hjemmetjenesten Nådd 28.09.2026" in text


def test_pages_are_norwegian_and_markdown_links_all_resolved(built: Path) -> None:
    for html in built.rglob("*.html"):
        content = html.read_text("utf-8")
        assert '<html lang="nb"' in content, html
        # the Markdown downloads under maler/ and the sandbox reports stay .md, as do
        # files in the repository on GitHub (CONTRIBUTING.md)
        assert ".md)" not in content, html
        assert not re.search(r'href="(?!https)(?![^"]*(?:maler|rapporter)/)[^"]*\.md"', content), (
            html
        )


# ---------------------------------------------------------------- navigation


def test_nav_holds_section_pages_only(built: Path, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    config = load_config(
        config_file=str(mkdocs_build.default_config()),
        docs_dir=str(tmp_path / "docs"),
        site_dir=str(tmp_path / "site"),
    )
    nav = [next(iter(item.values())) for item in config["nav"]]
    assert nav == [doc for doc, _ in links.SECTIONS]
    # no theme search: the site's own (Pagefind), built after MkDocs
    assert "material/search" not in config["plugins"] and "search" not in config["plugins"]
    assert config["theme"]["language"] == "nb"
    for html in (built / "index.html", page(built, "need", "app-for-sarprosedyrer")):
        nav_links = parse(html).nav_links
        assert len(nav_links) >= len(links.SECTIONS)
        assert not [href for href in nav_links if RECORD_URL.search(href.split("#")[0])]


def test_search_indexes_record_pages_by_title_and_lead_only(
    built: Path, catalogue: Catalogue
) -> None:
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    records = sum(1 for kind in PUBLISHED for _ in catalogue.records(kind))
    assert entry["languages"]["no"]["page_count"] == records  # Norwegian, records only
    # the search script knows the entry, so it can fetch the bundle's files at once
    script = (built / "javascripts" / "search.js").read_text("utf-8")
    written = re.search(r"var ENTRY = (\{.*\});", script)
    assert written and json.loads(written.group(1)) == entry
    html = page(built, "need", "app-for-sarprosedyrer").read_text("utf-8")
    # the body is indexed with its type as a filter; the lead (title, summary,
    # facts) comes before the first section, which starts what the index ignores
    body = html.index(
        '<div class="mp-record" data-pagefind-body data-pagefind-filter="type:Behov">'
    )
    ignored = html.index('<div data-pagefind-ignore="all">', body)
    assert html.index("Felles app for sårprosedyrer", body) < ignored
    assert html.index("Drammen kommune", body) < ignored
    assert re.match(r'<div data-pagefind-ignore="all"><h2 id="', html[ignored:])
    assert html.count("data-pagefind-ignore") == 1
    # section pages and lists are not indexed
    for doc, _ in links.SECTIONS:
        section = built / links.doc_url(doc) / "index.html"
        assert "data-pagefind-body" not in section.read_text("utf-8"), doc


def test_repository_mkdocs_yml_is_the_packaged_default() -> None:
    assert (ROOT / "mkdocs.yml").read_bytes() == mkdocs_build.default_config().read_bytes()
    assert mkdocs_build.config_file(ROOT) == ROOT / "mkdocs.yml"


# ---------------------------------------------------------------- deterministic


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _old_site(again)  # a previous site in the way is replaced as a whole
    assert build(ROOT, again, TODAY).built
    first, second = all_files(built), all_files(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert [p.name for p in tmp_path.iterdir()] == ["again"]  # no staging folder left


# ---------------------------------------------------------------- safe text


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_catalogue(tmp_path_factory.mktemp("xss") / "root")
    poison_catalogue(root)
    out = root.parent / "site"
    report = build(root, out, TODAY)
    assert [d.text() for d in unexpected(report.diagnostics)] == [] and report.built
    return out


def _assert_inert(parsed: Html, where: object) -> None:
    for tag, attributes in parsed.tags:
        assert tag not in {"iframe", "object", "embed", "frame"}, (where, tag)
        if tag == "img":  # the theme's own images only
            assert not (attributes.get("src") or "x").startswith("x"), where
        for name, value in attributes.items():
            assert not name.startswith("on"), (where, tag, name)
            compact = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            assert "javascript:" not in compact, (where, tag, name)
    assert not [s for s in parsed.script_text if "alert(" in s], where


def test_contributor_text_leaves_no_active_content(poisoned: Path) -> None:
    pages = sorted(poisoned.rglob("*.html"))
    assert len(pages) > 30
    for html in pages:
        raw = html.read_text("utf-8").lower()
        for needle in ("<script>alert", "onerror=", "onclick=", "javascript:", "<iframe"):
            assert needle not in raw, (html, needle)
        _assert_inert(parse(html), html)
    # Pagefind's fragments hold the pages' *text* (the hostile line exactly as a
    # reader sees it, markup-looking characters and all); the search script shows
    # it as text only (tests/test_browser.py searches the poisoned words)
    fragments = sorted((poisoned / "pagefind" / "fragment").glob("*.pf_fragment"))
    contents = []
    for fragment in fragments:
        data = gzip.decompress(fragment.read_bytes())
        contents.append(json.loads(data[data.index(b"{") :])["content"])
    assert any(LINE in content for content in contents)


def test_contributor_text_is_shown_literally_never_evaluated(poisoned: Path) -> None:
    need = page(poisoned, "need", "app-for-sarprosedyrer")
    html = need.read_text("utf-8")
    assert LINE in text_of(need)  # single-line fields exactly as written
    assert "<title>&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in html
    parsed = parse(page(poisoned, "experience", "bergen-tre-uker-med-sarjournal"))
    free = " ".join(" ".join(parsed.free_text).split())
    # free text: Markdown without extensions, so an attribute list and a template
    # expression stay text; the javascript: link keeps its words and loses its target
    assert '{: onclick="alert(1)" }' in free and "{{ 7*7 }}" in free and "49" not in free
    assert ("a", {"rel": "noopener noreferrer nofollow"}) in parsed.tags
    for page_html in poisoned.rglob("*.html"):
        assert ">49<" not in page_html.read_text("utf-8")


# ---------------------------------------------------------------- nothing half-written


def _old_site(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True)
    (out / "index.html").write_text("<p>forrige versjon</p>\n", encoding="utf-8")
    (out / "need").mkdir()
    (out / "need" / "gammel.html").write_text("gammel\n", encoding="utf-8")
    return all_files(out)


def test_a_failed_check_writes_nothing(tmp_path: Path) -> None:
    root = copy_catalogue(tmp_path / "root")
    supplier = root / "catalogue" / "suppliers" / "sarfag.yaml"
    supplier.write_text(supplier.read_text("utf-8").replace('"951842702"', '"951842703"'))
    out = tmp_path / "site"
    before = _old_site(out)
    report = build(root, out, TODAY)
    assert not report.built
    assert [d.code for d in unexpected(report.diagnostics)] == ["invalid-orgnr"]
    assert all_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["root", "site"]


def test_refuses_to_replace_what_is_not_a_site(tmp_path: Path) -> None:
    root = copy_catalogue(tmp_path / "root")
    above = "er katalogens rot eller en mappe over den; velg site/"
    for out, message in (
        (root, above),
        (tmp_path, above),
        (root / "needs", "finnes og ser ikke ut som et bygget nettsted"),
    ):
        before = all_files(tmp_path)
        with pytest.raises(BuildError, match=message):
            build(root, out, TODAY)
        assert all_files(tmp_path) == before


def test_downloads_are_published_and_every_local_link_resolves(built: Path) -> None:
    import json as _json

    import docx

    package = _json.loads((built / "ocds/releases.json").read_text(encoding="utf-8"))
    assert package["releases"] and all(r["ocid"].startswith("ocds-") for r in package["releases"])
    assert (built / "frister.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    from generator.models import reference

    for category in reference.categories():
        for kind in ("tilbudsinvitasjon", "ros", "dpia", "gevinstrealisering"):
            word = docx.Document(str(built / "maler" / f"{category}-{kind}.docx"))
            assert word.core_properties.language == "nb-NO"
            assert (built / "maler" / f"{category}-{kind}.md").exists()
    broken = []
    for html in built.rglob("*.html"):
        for href in hrefs(html):
            if href.startswith(("http", "mailto:", "#", "data:")) or "://" in href:
                continue
            path = href.split("#")[0].split("?")[0]
            # 404.html is served at any depth, so MkDocs gives it root-relative links
            base = built if path.startswith("/") else html.parent
            target = (base / path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(html.relative_to(built)), href))
    assert broken == []


def test_a_call_off_page_says_where_tenders_go_and_that_it_is_never_here(built: Path) -> None:
    path = built / "calloff" / "askoy-app-for-sarprosedyrer-2026" / "index.html"
    text = text_of(path)
    assert "Tilbud leveres aldri her." in text
    assert "Send aldri et tilbud som pull request" in text
    kgv = "https://kgv.askoy.kommune.example.no/konkurranser/askoy-app-for-sarprosedyrer-2026"
    assert kgv in hrefs(path)


def test_a_dps_page_states_its_criteria_and_its_exclusions(built: Path) -> None:
    path = page(built, "dps", "dps-sarbehandling-2026")
    text = " ".join(text_of(path).split())
    criteria = text[text.rindex("Tildelingskriterier") :]
    assert "Kunngjøringen angir tildeling etter beste forhold mellom pris og kvalitet" in criteria
    assert "Pris Pris 30 %–50 %" in criteria
    assert "Klima og miljø Miljø 30 %–40 %" in criteria
    # kvikkapp: rejected, admitted on a second request, excluded 5 October
    excluded = text[text.rindex("Utelukket etter opptak") :]
    assert "Kvikkapp AS" in excluded.split("Andre forespørsler")[0]
    assert "05.10.2026" in excluded
    admitted = text[text.rindex("Leverandører som er tatt opp") : text.rindex("Utelukket etter")]
    assert "Kvikkapp AS" not in admitted
    assert link_to("supplier", "kvikkapp") in hrefs(path)


def test_a_calloff_page_answers_every_question_and_says_when(built: Path) -> None:
    path = page(built, "calloff", "askoy-app-for-sarprosedyrer-2026")
    text = " ".join(text_of(path).split())
    section = text[text.rindex("Spørsmål og svar Svar") : text.rindex("Tildeling ")]
    assert "besvares senest 28. november 2026" in section
    assert "Spørsmål 001 Mottatt 23. november 2026." in section
    assert "Svar, publisert 25.11.2026:" in section
    assert "Karensperiode: Ingen (ikke påkrevd i en dynamisk innkjøpsordning)" in text
    assert "../../feeds/uttak/askoy-app-for-sarprosedyrer-2026.xml" in hrefs(path)


def test_a_dps_page_says_it_is_above_the_eea_threshold(built: Path) -> None:
    text = " ".join(text_of(page(built, "dps", "dps-sarbehandling-2026")).split())
    assert "Anskaffelsesforskriften del III (over EØS-terskelverdi)" in text
    assert "2 300 000 kr for kommuner" in text
    assert "gjeldende fra 14. mars 2024" in text
