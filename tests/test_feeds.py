"""`generator.site.feeds`: the Atom feeds of new needs and open call-offs and the
deadline calendar per municipality, read back as a feed reader and a calendar
would read them (`xml.etree`, `icalendar`; no network)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest

from generator import pipeline
from generator.catalogue.gather import Catalogue
from generator.models import CallOff, Need, reference
from generator.models.kinds import CALLOFF, KINDS, NEED
from generator.procurement import deadlines
from generator.site import downloads, feeds, mkdocs_build
from generator.site.gather import gather
from generator.site.views import calloff as calloff_view
from tests.support.paths import ROOT, TODAY
from tests.support.shipped import unexpected

A = "{http://www.w3.org/2005/Atom}"
BASE = "https://markedsplassen.example.no/"


@pytest.fixture
def built(example_site: Path) -> Path:
    return example_site


@pytest.fixture
def catalogue(example_catalogue: Catalogue) -> Catalogue:
    return example_catalogue


def needs_of(catalogue: Catalogue) -> list[Need]:
    return [e.record for e in catalogue.records(NEED) if isinstance(e.record, Need)]


def calloffs_of(catalogue: Catalogue) -> list[CallOff]:
    return [e.record for e in catalogue.records(CALLOFF) if isinstance(e.record, CallOff)]


def parse(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag == f"{A}feed"
    return root


def entries(feed: ET.Element) -> list[dict[str, Any]]:
    found = []
    for entry in feed.findall(f"{A}entry"):
        link = entry.find(f"{A}link")
        assert link is not None
        found.append(
            {
                "id": entry.findtext(f"{A}id"),
                "title": entry.findtext(f"{A}title"),
                "summary": entry.findtext(f"{A}summary"),
                "updated": entry.findtext(f"{A}updated"),
                "published": entry.findtext(f"{A}published"),
                "href": link.get("href"),
                "rel": link.get("rel", "alternate"),  # Atom: no rel means alternate
            }
        )
    return found


def stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00+00:00"


def page_of(built: Path, href: str) -> Path:
    assert href.startswith(BASE), href
    return built / href.removeprefix(BASE) / "index.html"


# ---------------------------------------------------------------- needs


def test_needs_feed_holds_every_need_once_newest_first(built: Path, catalogue: Catalogue) -> None:
    feed = parse((built / feeds.NEEDS_FEED).read_bytes())
    assert feed.findtext(f"{A}id") == BASE + "feeds/behov.xml"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "nb"
    self_link = [ln for ln in feed.findall(f"{A}link") if ln.get("rel") == "self"]
    assert [ln.get("href") for ln in self_link] == [BASE + "feeds/behov.xml"]
    needs = sorted(needs_of(catalogue), key=lambda n: (n.published, n.id), reverse=True)
    found = entries(feed)
    assert [e["href"] for e in found] == [f"{BASE}need/{n.id}/" for n in needs]
    for entry, need in zip(found, needs, strict=True):
        assert entry["id"] == entry["href"] and entry["rel"] == "alternate"
        assert entry["title"] == need.title and entry["summary"] == need.summary
        assert entry["published"] == stamp(need.published)
        assert page_of(built, entry["href"]).is_file()
    # the feed is as new as its newest entry: no build time in it
    assert feed.findtext(f"{A}updated") == max(e["updated"] for e in found)


def test_a_need_is_updated_when_it_enters_a_phase(built: Path) -> None:
    found = {e["href"]: e for e in entries(parse((built / feeds.NEEDS_FEED).read_bytes()))}
    kols = found[f"{BASE}need/digital-hjemmeoppfolging-kols/"]
    assert kols["published"] == stamp(date(2026, 3, 2))
    assert kols["updated"] == stamp(date(2026, 6, 15))  # phase 2 started


def test_needs_feed_keeps_the_newest(catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "NEWEST_NEEDS", 2)
    site = gather(catalogue, TODAY)
    found = entries(parse(feeds.atom(feeds.needs_feed(site, BASE), BASE, TODAY)))
    assert [e["href"] for e in found] == [
        f"{BASE}need/mobil-maleregistrering-i-hjemmet/",
        f"{BASE}need/fallvarsling-med-sensorer/",
    ]


def test_a_title_with_markup_stays_text(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for kind in KINDS:
        shutil.copytree(ROOT / kind.folder, root / kind.folder)
    path = root / "needs" / "app-for-sarprosedyrer.yaml"
    title = "<script>alert(1)</script>"
    text = path.read_text("utf-8").replace(
        "title: Felles app for sårprosedyrer og såroppfølging i hjemmetjenesten og på sykehjem",
        f'title: "{title}"',
    )
    path.write_text(
        text.replace("summary: Tre kommuner", "summary: A & B <b>fet</b>, Tre"), "utf-8"
    )
    found, diagnostics, _ = pipeline.run(root, TODAY)
    assert unexpected(diagnostics) == []
    data = feeds.atom(feeds.needs_feed(gather(found, TODAY), BASE), BASE, TODAY)
    assert b"<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in data
    assert b"<script" not in data and b"<b>" not in data
    feed = parse(data)
    assert not list(feed.iter("script")) and not list(feed.iter("b"))
    entry = next(e for e in entries(feed) if e["href"].endswith("/app-for-sarprosedyrer/"))
    assert entry["title"] == title
    assert entry["summary"].startswith("A & B <b>fet</b>, Tre")


# ---------------------------------------------------------------- call-offs


def test_calloffs_feed_holds_the_open_calloffs(built: Path) -> None:
    feed = parse((built / feeds.CALLOFFS_FEED).read_bytes())
    found = entries(feed)
    # Askøy closes 4 December; Bodø closed 20 November, Bergen is under contract
    assert [e["href"] for e in found] == [f"{BASE}calloff/askoy-app-for-sarprosedyrer-2026/"]
    (askoy,) = found
    assert (
        askoy["title"] == "Askøy kommune - app for sårprosedyrer i hjemmetjenesten og på sykehjem"
    )
    assert "Tilbudsfrist 4. desember 2026" in askoy["summary"]
    assert askoy["published"] == askoy["updated"] == stamp(date(2026, 11, 20))
    assert feed.findtext(f"{A}updated") == stamp(date(2026, 11, 20))
    assert page_of(built, askoy["href"]).is_file()


def test_calloffs_feed_includes_those_not_yet_sent(catalogue: Catalogue) -> None:
    earlier = date(2026, 11, 10)  # Bodø open for tenders; Askøy's invitation goes 20 November
    data = feeds.atom(feeds.calloffs_feed(gather(catalogue, earlier), BASE), BASE, earlier)
    found = {e["href"].split("/")[-2]: e for e in entries(parse(data))}
    assert sorted(found) == [
        "askoy-app-for-sarprosedyrer-2026",
        "bodo-digital-hjemmeoppfolging-2026",
    ]
    bodo, askoy = (
        found["bodo-digital-hjemmeoppfolging-2026"],
        found["askoy-app-for-sarprosedyrer-2026"],
    )
    assert bodo["published"] == bodo["updated"] == stamp(date(2026, 11, 6))
    assert askoy["published"] is None and askoy["updated"] == stamp(earlier)  # never in the future


def test_a_feed_without_entries_is_dated_today(catalogue: Catalogue) -> None:
    later = date(2027, 6, 1)
    feed = parse(feeds.atom(feeds.calloffs_feed(gather(catalogue, later), BASE), BASE, later))
    assert entries(feed) == [] and feed.findtext(f"{A}updated") == stamp(later)


# ---------------------------------------------------------------- deterministic


def test_feeds_and_calendars_are_the_same_in_a_second_build(
    built: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    # The whole site is compared across two full builds in test_site; here the
    # stage alone runs again, later on the clock, and must write the same bytes.
    again = feeds.write(gather(catalogue, TODAY), ROOT, tmp_path)
    assert again
    for path in again:
        name = path.relative_to(tmp_path)
        assert path.read_bytes() == (built / name).read_bytes(), name


def test_feeds_need_a_site_url(catalogue: Catalogue, tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Uten adresse\n", "utf-8")
    assert mkdocs_build.site_url(tmp_path / "mkdocs.yml") is None
    with pytest.raises(feeds.FeedError, match="site_url"):
        feeds.write(gather(catalogue, TODAY), tmp_path, tmp_path / "site")


# ---------------------------------------------------------------- calendars


def events(path: Path) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_each_municipality_calendar_holds_its_own_calloff_dates(
    built: Path, catalogue: Catalogue
) -> None:
    calloffs = calloffs_of(catalogue)
    buyers = sorted({c.buyer for c in calloffs})
    assert sorted(p.name for p in (built / "kalender").iterdir()) == [f"{b}.ics" for b in buyers]
    items = deadlines.collect(catalogue, TODAY, downloads.CALENDAR_DAYS)
    for buyer in buyers:
        own = {c.id for c in calloffs if c.buyer == buyer}
        expected = sorted(
            (i.date, f"{deadlines.KIND_LABELS[i.kind]}: {i.title}")
            for i in items
            if i.record_kind == "calloff" and i.record in own
        )
        calendar = icalendar.Calendar.from_ical((built / f"kalender/{buyer}.ics").read_bytes())
        name = reference.municipalities()[buyer].name
        assert str(calendar["X-WR-CALNAME"]) == f"Markedsplassen: frister for {name} kommune"
        found = sorted((e.decoded("DTSTART"), str(e["SUMMARY"])) for e in calendar.walk("VEVENT"))
        assert found == expected, buyer
    askoy = events(built / "kalender/4627.ics")
    assert [(e.decoded("DTSTART"), str(e["CATEGORIES"].cats[0])) for e in askoy] == [
        (date(2026, 12, 4), "tender-deadline")
    ]
    bergen = events(built / "kalender/4601.ics")  # a contract milestone, no DPS dates
    assert [str(e["CATEGORIES"].cats[0]) for e in bergen] == ["milestone"]
    assert all("calloff-bergen-" in str(e["UID"]) for e in bergen)


def test_the_calendar_of_all_deadlines_stays(built: Path) -> None:
    kinds = {str(e["CATEGORIES"].cats[0]) for e in events(built / "frister.ics")}
    assert {"request-deadline", "tender-deadline", "milestone"} <= kinds


# ---------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("page", "targets"),
    [
        ("index.html", ["feeds/behov.xml", "feeds/uttak.xml", "frister.ics"]),
        ("innovasjonsarenaen/index.html", ["../feeds/behov.xml"]),
        (
            "anskaffelser/index.html",
            [
                "../feeds/uttak.xml",
                "../frister.ics",
                "../kalender/4627.ics",
                "../kalender/4601.ics",
                "../kalender/1804.ics",
            ],
        ),
    ],
)
def test_section_pages_link_the_feeds_and_calendars(
    built: Path, page: str, targets: list[str]
) -> None:
    html = (built / page).read_text("utf-8")
    assert "<strong>Abonner:</strong>" in html
    for target in targets:
        assert f'href="{target}"' in html
        assert ((built / page).parent / target).resolve().is_file()
    if page.startswith("anskaffelser"):  # by municipality name
        names = ["Askøy", "Bergen", "Bodø"]
        places = [html.index(f">{n} kommune &#40;iCalendar&#41;</a>") for n in names]
        assert places == sorted(places)


# ---------------------------------------------------------------- questions


def test_each_calloff_has_a_feed_of_its_questions_and_answers(
    built: Path, catalogue: Catalogue
) -> None:
    for calloff in calloffs_of(catalogue):
        assert (built / calloff_view.question_feed(calloff.id)).is_file()
    path = built / calloff_view.question_feed("askoy-app-for-sarprosedyrer-2026")
    feed = parse(path.read_bytes())
    found = entries(feed)
    # newest change first; each entry points at its question on the call-off page
    page = f"{BASE}calloff/askoy-app-for-sarprosedyrer-2026/"
    assert [e["href"] for e in found] == [page + "#sporsmal-002", page + "#sporsmal-001"]
    assert [e["title"] for e in found] == ["Spørsmål 002 er besvart", "Spørsmål 001 er besvart"]
    assert found[1]["published"] == stamp(date(2026, 11, 23))
    assert found[1]["updated"] == stamp(date(2026, 11, 25))
    assert "Svar: Hjemmetjenesten bruker" in (found[1]["summary"] or "")
    html = (page_of(built, page)).read_text(encoding="utf-8")
    assert 'id="sporsmal-001"' in html and 'id="sporsmal-002"' in html
    # no one is named: neither the feed nor the page's answers say who asked
    for supplier in ("Sårfag", "Omsorgsdata", "Epitel"):
        assert supplier not in path.read_text(encoding="utf-8")
