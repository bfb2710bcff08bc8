"""The section pages: the home page, a list per arena or kind, procurement with
its deadlines, and how to take part. Lists are plain tables, readable without
JavaScript; on the needs, experiences and solutions lists each row carries its
record's id, which the browser filters (`generator/site/filters.py`) match."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from markupsafe import Markup

from generator.github import forms
from generator.models import CallOff, Dps, Experience, Need, Record, Solution, Supplier, reference
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
from generator.norway import labels
from generator.procurement.states import CALLOFF_LABELS, DPS_LABELS, calloff_state, dps_state
from generator.site import display, downloads, feeds, filters, links
from generator.site.gather import Site
from generator.site.links import Linker
from generator.site.views import verification, where
from generator.site.views.dps import awarded
from generator.site.views.need import categories, phase_name
from generator.site.views.solution import buyable_through

NEWEST = 5
SOON = (7, 30)


def _need_row(need: Need, link: Linker, *, html: bool = False) -> list[Any]:
    return [
        link.record(NEED, need.id, html=html),
        link.actor(need.owner, html=html),
        phase_name(need.phase),
        labels.NEED_STATUS[need.status],
        display.yes_no(need.seeking_participants),
        display.short_day(need.published),
    ]


def _experience_row(e: Experience, link: Linker, *, html: bool = False) -> list[Any]:
    about = [
        link.record(kind, target, html=html)
        for kind, target in ((SOLUTION, e.solution), (NEED, e.need), (CALLOFF, e.calloff))
        if target is not None
    ]
    return [
        link.record(EXPERIENCE, e.id, html=html),
        reference.experience_areas()[e.area].name,
        link.actor(e.author, html=html),
        about[0] if about else "–",
        display.short_day(e.date),
    ]


# Rows on one page of a list: the rest are on the list's further pages
# (<list>/side-2/ …), and the filters reach every record.
PAGE_SIZE = 50


def list_records(kind: Kind[Any], site: Site) -> list[Record]:
    """A filterable list's records, in the list's order."""
    if kind is NEED:
        return list(feeds.needs_newest_first(site))
    if kind is EXPERIENCE:
        return list(newest_experiences(site))
    solutions: list[Solution] = sorted(
        site.all(SOLUTION, Solution), key=lambda s: (s.name.casefold(), s.id)
    )
    return list(solutions)


def list_row(kind: Kind[Any], record: Record, site: Site, link: Linker) -> list[Any]:
    """A filterable list's row for one record, its cells HTML (links included)."""
    if isinstance(record, Need):
        return _need_row(record, link, html=True)
    if isinstance(record, Experience):
        return _experience_row(record, link, html=True)
    assert isinstance(record, Solution), kind.name
    return _solution_row(record, site, link)


def page_count(kind: Kind[Any], site: Site) -> int:
    found = sum(1 for _ in site.catalogue.records(kind))
    return max(1, -(-found // PAGE_SIZE))


def page_doc(list_doc: str, number: int) -> str:
    """The docs file of a list's page: the list itself, then <list>/side-N.md."""
    return list_doc if number == 1 else f"{list_doc.removesuffix('.md')}/side-{number}.md"


def _pager(list_doc: str, number: int, count: int, link: Linker) -> Markup | None:
    """Links to the list's other pages: previous, the pages around this one, the
    first and the last, and next; the current page is marked for assistive tech."""
    if count == 1:
        return None

    def to(page: int, label: str, rel: str = "") -> Markup:
        target = link.url(links.doc_url(page_doc(list_doc, page))) or "./"
        attribute = Markup(' rel="{}"').format(rel) if rel else Markup("")
        return Markup('<a href="{}"{}>{}</a>').format(target, attribute, label)

    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    parts: list[Markup] = []
    if number > 1:
        parts.append(to(number - 1, "Forrige", "prev"))
    previous = 0
    for page in shown:
        if page - previous > 1:
            parts.append(Markup("<span>…</span>"))
        if page == number:
            parts.append(Markup('<span aria-current="page">{}</span>').format(page))
        else:
            parts.append(to(page, str(page)))
        previous = page
    if number < count:
        parts.append(to(number + 1, "Neste", "next"))
    return Markup('<nav class="mp-pager" aria-label="Sider i listen">{}</nav>').format(
        Markup(" ").join(parts)
    )


def _filterable(
    kind: Kind[Any], list_doc: str, site: Site, link: Linker, page: int
) -> dict[str, Any]:
    """One page of a list the browser filters: an HTML table whose rows carry their
    record's id (so its cells are HTML, links included), where the list's filter
    data is, and links to the list's other pages."""
    found = list_records(kind, site)
    count = page_count(kind, site)
    first = (page - 1) * PAGE_SIZE
    chunk = found[first : first + PAGE_SIZE]
    return {
        "rows": [{"id": r.id, "cells": list_row(kind, r, site, link)} for r in chunk],
        "filtering": filters.holder(
            kind, link, first_page=links.doc_url(list_doc), page_size=PAGE_SIZE
        ),
        "pager": _pager(list_doc, page, count, link),
        "page": {"number": page, "count": count, "from": first + 1, "to": first + len(chunk)},
        "total": len(found),
    }


def newest_experiences(site: Site) -> list[Experience]:
    return sorted(site.all(EXPERIENCE, Experience), key=lambda e: (e.date, e.id), reverse=True)


def closing_calloffs(site: Site, days: int) -> list[CallOff]:
    """Call-offs whose tender deadline falls from today up to `days` days ahead."""
    horizon = site.today + timedelta(days=days)
    found = [c for c in site.all(CALLOFF, CallOff) if site.today <= c.tender_deadline <= horizon]
    return sorted(found, key=lambda c: (c.tender_deadline, c.id))


def _closing_row(c: CallOff, site: Site, link: Linker) -> list[Any]:
    return [
        link.record(CALLOFF, c.id),
        display.municipality_name(c.buyer),
        display.short_day(c.tender_deadline),
        display.days_until(c.tender_deadline, site.today),
    ]


def subscriptions(link: Linker) -> dict[str, Markup]:
    """The feeds and the calendar of all deadlines, linked from this page."""
    return {
        "needs": link.static(feeds.NEEDS_FEED, "Nyhetsstrøm for nye behov (Atom)"),
        "calloffs": link.static(feeds.CALLOFFS_FEED, "Nyhetsstrøm for åpne uttak (Atom)"),
        "calendar": link.static(downloads.CALENDAR_FILE, "Kalender med alle frister (iCalendar)"),
    }


def municipality_calendars(site: Site, link: Linker) -> list[Markup]:
    """A calendar link for every municipality with call-offs, by name."""
    names = reference.municipalities()
    found = sorted(feeds.buyers(site), key=lambda b: (names[b].name, b))
    return [
        link.static(feeds.calendar_file(b), f"{names[b].name} kommune (iCalendar)") for b in found
    ]


def home(site: Site, link: Linker) -> dict[str, Any]:
    counts = {kind.name: len(list(site.catalogue.records(kind))) for kind in PUBLISHED}
    return {
        "counts": [
            {
                "url": link.url(links.doc_url(doc)) or "./",
                "label": kind.plural.capitalize(),
                "number": display.number(counts[kind.name]),
            }
            for kind, doc in (
                (NEED, links.NEEDS),
                (EXPERIENCE, links.EXPERIENCES),
                (SOLUTION, links.SOLUTIONS),
                (SUPPLIER, links.SUPPLIERS),
                (DPS, links.PROCUREMENT),
                (CALLOFF, links.PROCUREMENT),
            )
        ],
        "map": where.needs_map(site, link),
        "map_page": link.page(links.NEEDS_MAP, "Behovene på kartet"),
        "needs": [_need_row(n, link) for n in feeds.needs_newest_first(site)[:NEWEST]],
        "closing": [_closing_row(c, site, link) for c in closing_calloffs(site, 30)],
        "experiences": [_experience_row(e, link) for e in newest_experiences(site)[:NEWEST]],
        "sections": {doc: link.page(doc, title) for doc, title in links.SECTIONS},
        "subscribe": subscriptions(link),
    }


def needs(site: Site, link: Linker, page: int = 1) -> dict[str, Any]:
    return {
        **_filterable(NEED, links.NEEDS, site, link, page),
        "map": link.page(links.NEEDS_MAP, "Se behovene på kartet"),
        "subscribe": subscriptions(link),
    }


def needs_map(site: Site, link: Linker) -> dict[str, Any]:
    """The innovation arena's map page: where the needs are, with the list."""
    return {"map": where.needs_map(site, link), "list": link.page(links.NEEDS, "listen")}


def experiences(site: Site, link: Linker, page: int = 1) -> dict[str, Any]:
    return _filterable(EXPERIENCE, links.EXPERIENCES, site, link, page)


def _solution_row(s: Solution, site: Site, link: Linker) -> list[Any]:
    dps = [link.record(DPS, d.id, html=True) for d in buyable_through(s, site)]
    return [
        link.record(SOLUTION, s.id, html=True),
        link.actor(s.supplier, html=True),
        categories(s.categories),
        s.agreement.type,
        verification.STATUS_TEXT[verification.status(s, site)],
        Markup(", ").join(dps) or "–",
    ]


def solutions(site: Site, link: Linker, page: int = 1) -> dict[str, Any]:
    return {
        **_filterable(SOLUTION, links.SOLUTIONS, site, link, page),
        "sandbox": link.page(links.SANDBOX, "sandkassen"),
    }


def suppliers(site: Site, link: Linker, page: int = 1) -> dict[str, Any]:
    """One page of the suppliers, by name (50 a page, like the filterable lists)."""
    found = sorted(site.all(SUPPLIER, Supplier), key=lambda s: (s.name.casefold(), s.id))
    count = page_count(SUPPLIER, site)
    first = (page - 1) * PAGE_SIZE
    chunk = found[first : first + PAGE_SIZE]
    rows = []
    for s in chunk:
        admitted = [
            d
            for d, a in site.rel.applications_of_supplier.get(s.id, [])
            if a.decision == "admitted"
        ]
        cells = [
            link.record(SUPPLIER, s.id, html=True),
            s.orgnr,
            str(len(site.rel.solutions_of_supplier.get(s.id, []))),
            str(len(admitted)),
        ]
        rows.append({"id": s.id, "cells": cells})
    return {
        "rows": rows,
        "pager": _pager(links.SUPPLIERS, page, count, link),
        "page": {"number": page, "count": count, "from": first + 1, "to": first + len(chunk)},
        "total": len(found),
    }


def procurement(site: Site, link: Linker) -> dict[str, Any]:
    windows = []
    for days in SOON:
        horizon = site.today + timedelta(days=days)
        items = [
            (c.tender_deadline, "Tilbudsfrist", link.record(CALLOFF, c.id))
            for c in closing_calloffs(site, days)
        ] + [
            (d.request_deadline, "Frist for forespørsler om deltakelse", link.record(DPS, d.id))
            for d in site.all(DPS, Dps)
            if site.today <= d.request_deadline <= horizon
        ]
        windows.append(
            {
                "days": str(days),
                "rows": [
                    [display.short_day(day), what, target, display.days_until(day, site.today)]
                    for day, what, target in sorted(items, key=lambda i: (i[0], i[1], str(i[2])))
                ],
            }
        )
    return {
        "subscribe": subscriptions(link),
        "calendars": municipality_calendars(site, link),
        "windows": windows,
        "dps": [
            [
                link.record(DPS, d.id),
                reference.categories()[d.category].name,
                DPS_LABELS[dps_state(d, site.today)],
                str(len(site.catalogue.admitted(d.id))),
                f"{display.kroner(awarded(d, site))} av {display.kroner(d.max_value_nok)}",
            ]
            for d in site.all(DPS, Dps)
        ],
        "calloffs": [
            [
                link.record(CALLOFF, c.id),
                display.municipality_name(c.buyer),
                link.record(DPS, c.dps),
                CALLOFF_LABELS[calloff_state(c, site.today)],
                display.short_day(c.tender_deadline),
            ]
            for c in sorted(
                site.all(CALLOFF, CallOff), key=lambda c: (c.tender_deadline, c.id), reverse=True
            )
        ],
    }


def take_part(site: Site, link: Linker) -> dict[str, Any]:
    """How to take part, with a link to act on each step: the issue form (for those
    who have never used Git), GitHub's editor for a new file, and CONTRIBUTING."""
    repository = site.repository
    return {
        "forms": {
            form.kind: link.external(links.issue_form(repository, form.file), form.name)
            for form in forms.forms()
        },
        "new_file": {
            kind.name: link.external(
                links.repository_file(repository, kind.folder, "new"),
                f"Ny fil i {kind.folder}/",
            )
            for kind in PUBLISHED
        },
        "contributing": link.external(
            links.repository_file(repository, "CONTRIBUTING.md"), "Veiledningen for bidragsytere"
        ),
        "sections": {doc: link.page(doc, title) for doc, title in links.SECTIONS},
        "schemas": {
            kind.name: link.static(links.schema_file(kind), f"{kind.name}.schema.json")
            for kind in PUBLISHED
        },
        "folders": {kind.name: kind.folder for kind in PUBLISHED},
    }


def search(site: Site, link: Linker) -> dict[str, Any]:
    """The search page: the results of the address's query (javascripts/search.js),
    and, for a reader without JavaScript, the lists that hold every record."""
    lists = (links.NEEDS, links.EXPERIENCES, links.SOLUTIONS, links.SUPPLIERS, links.PROCUREMENT)
    titles = dict(links.SECTIONS)
    return {"lists": [link.page(doc, titles[doc]) for doc in lists]}
