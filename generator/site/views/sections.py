"""The section pages: the home page, a list per arena or kind, procurement with
its deadlines, and how to take part. Lists are plain tables, readable without
JavaScript; on the needs, experiences and solutions lists each row carries its
record's id, which the browser filters (`generator/site/filters.py`) match."""

from __future__ import annotations

from collections.abc import Sequence
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
from generator.site.views import verification
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


def _filterable(
    kind: Kind[Any], rows: Sequence[tuple[Record, list[Any]]], link: Linker
) -> dict[str, Any]:
    """A list the browser filters: an HTML table whose rows carry their record's id
    (so its cells are HTML, links included), and where the list's filter file is."""
    return {
        "rows": [{"id": record.id, "cells": cells} for record, cells in rows],
        "filtering": filters.holder(kind, link),
    }


def newest_needs(site: Site) -> list[Need]:
    return sorted(site.all(NEED, Need), key=lambda n: (n.published, n.id), reverse=True)


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
            [link.page(doc, kind.plural.capitalize()), str(counts[kind.name])]
            for kind, doc in (
                (NEED, links.NEEDS),
                (EXPERIENCE, links.EXPERIENCES),
                (SOLUTION, links.SOLUTIONS),
                (SUPPLIER, links.SUPPLIERS),
                (DPS, links.PROCUREMENT),
                (CALLOFF, links.PROCUREMENT),
            )
        ],
        "needs": [_need_row(n, link) for n in newest_needs(site)[:NEWEST]],
        "closing": [_closing_row(c, site, link) for c in closing_calloffs(site, 30)],
        "experiences": [_experience_row(e, link) for e in newest_experiences(site)[:NEWEST]],
        "sections": {doc: link.page(doc, title) for doc, title in links.SECTIONS},
        "subscribe": subscriptions(link),
    }


def needs(site: Site, link: Linker) -> dict[str, Any]:
    rows = [(n, _need_row(n, link, html=True)) for n in newest_needs(site)]
    return {**_filterable(NEED, rows, link), "subscribe": subscriptions(link)}


def experiences(site: Site, link: Linker) -> dict[str, Any]:
    rows = [(e, _experience_row(e, link, html=True)) for e in newest_experiences(site)]
    return _filterable(EXPERIENCE, rows, link)


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


def solutions(site: Site, link: Linker) -> dict[str, Any]:
    found = sorted(site.all(SOLUTION, Solution), key=lambda s: (s.name.casefold(), s.id))
    return {
        **_filterable(SOLUTION, [(s, _solution_row(s, site, link)) for s in found], link),
        "sandbox": link.page(links.SANDBOX, "sandkassen"),
    }


def suppliers(site: Site, link: Linker) -> dict[str, Any]:
    found = sorted(site.all(SUPPLIER, Supplier), key=lambda s: (s.name.casefold(), s.id))
    rows = []
    for s in found:
        admitted = [
            d
            for d, a in site.rel.applications_of_supplier.get(s.id, [])
            if a.decision == "admitted"
        ]
        rows.append(
            [
                link.record(SUPPLIER, s.id),
                s.orgnr,
                str(len(site.rel.solutions_of_supplier.get(s.id, []))),
                str(len(admitted)),
            ]
        )
    return {"rows": rows}


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
