"""What a reader can subscribe to, written next to the pages after MkDocs: an Atom
feed of new needs, one of open call-offs and one of each call-off's questions and
answers (written by `feedgen`), and a deadline
calendar per municipality that buys (written by `icalendar`, through
`generator.procurement.deadlines`; the calendar of all deadlines is one of the downloads).

Entries link to the record pages by absolute URL, from the `site_url` in the MkDocs
configuration the build uses. Every date comes from the records, or is the build's
`today` for a feed without entries: two builds of the same input are identical."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from generator.catalogue.gather import Event
from generator.models import CallOff, Dps, Need, Question, Supplier, reference
from generator.models.kinds import CALLOFF, DPS, NEED, QUESTION, SUPPLIER
from generator.norway import identifiers
from generator.procurement import deadlines
from generator.procurement.states import CALLOFF_LABELS, calloff_state
from generator.site import display, links, mkdocs_build
from generator.site.downloads import CALENDAR_DAYS
from generator.site.gather import Site
from generator.site.views import calloff as calloff_view

NEEDS_FEED = "feeds/behov.xml"
CALLOFFS_FEED = "feeds/uttak.xml"
CALENDARS = "kalender"
# The needs feed holds the newest needs, as many as this.
NEWEST_NEEDS = 50
# Call-offs a supplier can still act on: registered, or open for tenders.
OPEN_STATES = ("published", "open-for-tenders")
ATOM = "application/atom+xml"


class FeedError(RuntimeError):
    """The feeds cannot be written (no site_url in the MkDocs configuration)."""


def calendar_file(kommunenummer: str) -> str:
    return f"{CALENDARS}/{kommunenummer}.ics"


def _instant(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry, plain text throughout; feedgen escapes it for XML."""

    url: str
    title: str
    summary: str
    author: str
    updated: date
    published: date | None
    categories: tuple[tuple[str, str], ...] = ()  # (term, label)


@dataclass(frozen=True, slots=True)
class Feed:
    path: str  # in the built site, e.g. feeds/behov.xml
    title: str
    subtitle: str
    page: str  # the section page the feed follows, a docs path
    entries: tuple[Entry, ...]


def needs_newest_first(site: Site) -> list[Need]:
    """Every need, the newest first: the feed, the home page and the needs list."""
    return sorted(site.all(NEED, Need), key=lambda n: (n.published, n.id), reverse=True)


def newest_needs(site: Site) -> list[Need]:
    return needs_newest_first(site)[:NEWEST_NEEDS]


def open_calloffs(site: Site) -> list[CallOff]:
    """Call-offs registered or open for tenders, newest first."""
    found = [c for c in site.all(CALLOFF, CallOff) if calloff_state(c, site.today) in OPEN_STATES]
    return sorted(found, key=lambda c: (c.published, c.id), reverse=True)


def buyers(site: Site) -> list[str]:
    """Every municipality that has a call-off, by kommunenummer."""
    return sorted({c.buyer for c in site.all(CALLOFF, CallOff)})


def _actor_name(site: Site, actor: str) -> str:
    if identifiers.KOMMUNENUMMER.fullmatch(actor):
        return display.municipality_name(actor)
    return site.get(SUPPLIER, actor, Supplier).name


def _need_entry(need: Need, site: Site, base: str) -> Entry:
    # A need changes when it moves to a new phase; a start still ahead is not news yet.
    started = [p.started for p in need.phase_history if p.started <= site.today]
    areas = reference.categories()
    return Entry(
        url=base + links.record_url(NEED, need.id),
        title=need.title,
        summary=need.summary,
        author=_actor_name(site, need.owner),
        updated=max([need.published, *started]),
        published=need.published,
        categories=tuple((c, areas[c].name) for c in need.categories),
    )


def _calloff_entry(calloff: CallOff, site: Site, base: str) -> Entry:
    dps = site.get(DPS, calloff.dps, Dps)
    state = calloff_state(calloff, site.today)
    summary = (
        f"{CALLOFF_LABELS[state]}. Tilbudsfrist {display.day(calloff.tender_deadline)}. "
        f"Uttak under {dps.title}."
    )
    # A call-off registered ahead of its invitation is not published yet: it shows as
    # of today, and gets its publication date when the day comes.
    sent = calloff.published <= site.today
    return Entry(
        url=base + links.record_url(CALLOFF, calloff.id),
        title=calloff.title,
        summary=summary,
        author=display.municipality_name(calloff.buyer),
        updated=calloff.published if sent else site.today,
        published=calloff.published if sent else None,
        categories=((state, CALLOFF_LABELS[state]),),
    )


def needs_feed(site: Site, base: str) -> Feed:
    return Feed(
        NEEDS_FEED,
        "Markedsplassen: nye behov",
        f"De nyeste behovene i innovasjonsarenaen (inntil {NEWEST_NEEDS}), nyeste først.",
        links.NEEDS,
        tuple(_need_entry(n, site, base) for n in newest_needs(site)),
    )


def calloffs_feed(site: Site, base: str) -> Feed:
    return Feed(
        CALLOFFS_FEED,
        "Markedsplassen: åpne uttak",
        "Uttak som er registrert eller åpne for tilbud, med tilbudsfrist.",
        links.PROCUREMENT,
        tuple(_calloff_entry(c, site, base) for c in open_calloffs(site)),
    )


def _question_entry(calloff: CallOff, event: Event[Question], base: str) -> Entry:
    question = event.record
    answered = question.answer is not None
    summary = question.question.strip()
    if question.answer is not None:
        summary += "\n\nSvar: " + question.answer.strip()
    anchor = calloff_view.question_anchor(event.stem)
    return Entry(
        url=base + links.record_url(CALLOFF, calloff.id) + "#" + anchor,
        title=f"Spørsmål {event.stem}" + (" er besvart" if answered else " er stilt"),
        summary=summary,
        author=display.municipality_name(calloff.buyer),
        updated=question.answered or question.received,
        published=question.received,
        categories=(("besvart", "Besvart"),) if answered else (("ubesvart", "Ikke besvart"),),
    )


def questions_feed(calloff: CallOff, site: Site, base: str) -> Feed:
    """A call-off's questions and answers, newest change first: an invited
    supplier subscribes to learn every answer as the others do."""
    found = site.catalogue.events(QUESTION, calloff.id)
    entries = sorted(
        (_question_entry(calloff, e, base) for e in found),
        key=lambda e: (e.updated, e.url),
        reverse=True,
    )
    return Feed(
        calloff_view.question_feed(calloff.id),
        f"Markedsplassen: spørsmål og svar i {calloff.title}",
        "Spørsmål om uttaket og svarene, som gis likt til alle inviterte leverandører.",
        links.record_doc(CALLOFF, calloff.id),
        tuple(entries),
    )


def feeds(site: Site, base: str) -> list[Feed]:
    return [
        needs_feed(site, base),
        calloffs_feed(site, base),
        *(questions_feed(c, site, base) for c in site.all(CALLOFF, CallOff)),
    ]


def atom(feed: Feed, base: str, today: date) -> bytes:
    """The feed as Atom. Its `updated` is its newest entry's, or `today` when empty;
    feedgen's defaults (the clock, its own version) are all overwritten."""
    generator = FeedGenerator()
    generator.id(base + feed.path)
    generator.title(feed.title)
    generator.subtitle(feed.subtitle)
    generator.language("nb")
    generator.author({"name": "Markedsplassen", "uri": base})
    generator.link(href=base + feed.path, rel="self", type=ATOM)
    generator.link(href=base + links.doc_url(feed.page), rel="alternate", type="text/html")
    generator.generator("Markedsplassen (python-feedgen)", uri=base)
    generator.updated(_instant(max((e.updated for e in feed.entries), default=today)))
    for item in feed.entries:
        entry = generator.add_entry(order="append")
        entry.id(item.url)
        entry.title(item.title)
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.summary(item.summary, type="text")
        entry.author({"name": item.author})
        entry.updated(_instant(item.updated))
        if item.published is not None:
            entry.published(_instant(item.published))
        for term, label in item.categories:
            entry.category({"term": term, "label": label})
    text: bytes = generator.atom_str(pretty=True)
    return text


def calendars(site: Site) -> dict[str, str]:
    """A calendar of the call-off deadlines and milestones for every municipality
    that buys, by its path in the built site."""
    items = deadlines.collect(site.catalogue, site.today, CALENDAR_DAYS)
    names = reference.municipalities()
    return {
        calendar_file(buyer): deadlines.format_ics(
            own, site.today, f"Markedsplassen: frister for {names[buyer].name} kommune"
        )
        for buyer, own in deadlines.by_buyer(items, site.catalogue).items()
    }


def write(site: Site, root: Path, built: Path) -> list[Path]:
    config = mkdocs_build.config_file(root)
    base = mkdocs_build.site_url(config)
    if base is None:
        raise FeedError(f"{config} har ingen site_url; feedene trenger full adresse til sidene.")
    files: list[tuple[str, bytes]] = [
        *((feed.path, atom(feed, base, site.today)) for feed in feeds(site, base)),
        *((path, text.encode("utf-8")) for path, text in calendars(site).items()),
    ]
    written = []
    for path, data in files:
        target = built / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
