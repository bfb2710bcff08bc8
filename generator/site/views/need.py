"""A need in the innovation arena: owner, participants and the time they free up,
join requests, the common needs basis, benefit/cost/risk, the phase timeline,
solutions that may cover it, and how to ask to join."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.models import CallOff, Experience, Need, Solution, reference
from generator.models.kinds import CALLOFF, EXPERIENCE, JOIN_REQUEST, SOLUTION
from generator.norway import labels
from generator.procurement.states import CALLOFF_LABELS, calloff_state
from generator.site import display, links, pictures
from generator.site.gather import Site
from generator.site.links import Linker, contact_line
from generator.site.text import free_text
from generator.site.views import where


def phase_name(number: int) -> str:
    return f"{number}. {reference.phases()[number].name}"


def categories(ids: tuple[str, ...]) -> str:
    return ", ".join(reference.categories()[c].name for c in ids) or "–"


def solutions_of(need: Need, site: Site) -> list[str]:
    """Solutions linked either way: the need's `related_solutions` and every
    solution whose `addresses_needs` names the need."""
    return sorted({*need.related_solutions, *site.rel.solutions_for_need.get(need.id, [])})


CLOSED_NEEDS = ("procured", "closed", "withdrawn")


def _take_part(need: Need, site: Site, link: Linker) -> Markup:
    form = links.form(link, site.repository, "join")
    if need.status in CLOSED_NEEDS:
        return Markup("Arbeidet med behovet er avsluttet.")
    asked = "Eieren søker flere deltakere. " if need.seeking_participants else ""
    return Markup("{}Be om å delta med skjemaet {}, eller se under.").format(asked, form)


def context(need: Need, site: Site, link: Linker) -> dict[str, Any]:
    contact = need.contact
    participants = site.catalogue.participants(need)
    shares = [p.time_share_percent for p in participants if p.time_share_percent]
    phases = {entry.phase: entry for entry in need.phase_history}
    assessment = need.assessment
    return {
        "summary": need.summary,
        "facts": [
            ("Eier", link.actor(need.owner, county=True)),
            ("Publisert", display.day(need.published)),
            ("Fase i KS' veikart", phase_name(need.phase)),
            ("Status", labels.NEED_STATUS[need.status]),
            ("Områder", categories(need.categories)),
            ("Søker deltakere", display.yes_no(need.seeking_participants)),
            ("Slik deltar du", _take_part(need, site, link)),
            ("Kontakt", contact_line(link, contact.name, contact.email, contact.role)),
        ],
        "seeking": need.seeking_participants,
        "description": free_text(need.description),
        "participants": [
            [
                link.actor(p.actor),
                labels.PARTICIPANT_ROLE[p.role],
                p.person or "–",
                p.title or "–",
                (
                    pictures.bar(p.time_share_percent, 100, small=True)
                    + display.percent(p.time_share_percent)
                )
                if p.time_share_percent
                else "–",
                display.short_day(p.joined),
            ]
            for p in participants
        ],
        "freed": display.percent(sum(shares)) if shares else "",
        "map": where.need_map(need, site, link),
        "join_requests": [
            [
                link.actor(r.actor, html=True),
                r.person,
                display.short_day(r.received),
                labels.JOIN_STATUS[r.status],
                display.maybe_day(r.answered),
                free_text(r.message),
            ]
            for r in (e.record for e in site.catalogue.events(JOIN_REQUEST, need.id))
        ],
        "documents": [
            [
                link.external(d.url, d.title),
                labels.DOCUMENT_KIND[d.kind],
                d.version or "–",
                display.maybe_day(d.date),
            ]
            for d in need.documents
        ],
        "assessment": [
            (heading, free_text(text))
            for heading, text in (
                ("Nytte", assessment.benefit if assessment else None),
                ("Kostnad", assessment.cost if assessment else None),
                ("Risiko", assessment.risk if assessment else None),
            )
            if text
        ],
        "phases": [
            [
                phase_name(number) + (" (nå)" if number == need.phase else ""),
                display.short_day(phases[number].started) if number in phases else "–",
                (phases[number].note or "") if number in phases else "",
            ]
            for number in sorted(reference.phases())
        ],
        "solutions": [
            {
                "link": link.record(SOLUTION, s.id),
                "supplier": link.actor(s.supplier),
                "summary": s.summary,
            }
            for s in (site.get(SOLUTION, i, Solution) for i in solutions_of(need, site))
        ],
        "calloffs": [
            [
                link.record(CALLOFF, c.id),
                display.municipality_name(c.buyer),
                CALLOFF_LABELS[calloff_state(c, site.today)],
            ]
            for c in (
                site.get(CALLOFF, i, CallOff) for i in site.rel.calloffs_of_need.get(need.id, [])
            )
        ],
        "experiences": [
            link.record(EXPERIENCE, e.id)
            for e in (
                site.get(EXPERIENCE, i, Experience)
                for i in site.rel.experiences_of_need.get(need.id, [])
            )
        ],
        "contact_email": link.external(f"mailto:{contact.email}", contact.email),
        "join_form": links.form(link, site.repository, "join"),
        "join_folder": JOIN_REQUEST.directory(need.id) + "/",
    }
