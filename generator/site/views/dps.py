"""A dynamic purchasing system: its request window and validity, the suppliers
admitted, its call-offs, and the value awarded against the ceiling."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from generator.models import CallOff, Dps, reference
from generator.models.dps import NoticeCriterion
from generator.models.kinds import APPLICATION, CALLOFF, SUPPLIER
from generator.norway import labels
from generator.procurement.states import (
    CALLOFF_LABELS,
    DPS_LABELS,
    calloff_state,
    dps_state,
    dps_valid_until,
)
from generator.site import display, downloads, links, pictures
from generator.site.gather import Site
from generator.site.links import Linker, contact_line
from generator.site.text import free_text
from generator.site.views import where

TEMPLATE_TITLES = (
    ("tilbudsinvitasjon", "tilbudsinvitasjon"),
    ("ros", "ROS"),
    ("dpia", "DPIA"),
    ("gevinstrealisering", "gevinstrealisering"),
)


def calloffs(dps: Dps, site: Site) -> list[CallOff]:
    return [site.get(CALLOFF, i, CallOff) for i in site.rel.calloffs_of_dps.get(dps.id, [])]


def awarded(dps: Dps, site: Site) -> int:
    """The value of every call-off awarded under the DPS, in kroner."""
    return sum(c.award.value_nok for c in calloffs(dps, site) if c.award)


def _part_three(today: date) -> str:
    """The DPS procedure belongs to part III of the regulation, above the EEA
    thresholds; the thresholds in force, with the date they apply from."""
    text = "Anskaffelsesforskriften del III (over EØS-terskelverdi), §§ 26-4 til 26-7"
    thresholds = reference.thresholds_on(today)
    if thresholds is None:
        return text + "."
    return (
        f"{text}. EØS-terskelverdien er {display.kroner(thresholds.other_authorities_nok)} for "
        f"kommuner og {display.kroner(thresholds.central_government_nok)} for statlige "
        f"oppdragsgivere, uten mva. (gjeldende fra {display.day(thresholds.valid_from)})."
    )


def _weight(criterion: NoticeCriterion) -> str:
    span = criterion.weight_range()
    if span is None:
        return "Vektes i hvert uttak"
    low, high = span
    if low == high:
        return display.percent(low)
    return f"{display.percent(low)}–{display.percent(high)}"


def notice_criteria(dps: Dps) -> dict[str, Any] | None:
    """The award criteria as the notice states them, for the page."""
    notice = dps.award_criteria
    if notice is None:
        return None
    return {
        "basis": labels.AWARD_BASIS[notice.basis],
        "rows": [
            [
                c.name,
                labels.sentence(labels.CRITERION_KIND[c.kind]),
                _weight(c),
                free_text(c.description) if c.description else "–",
            ]
            for c in notice.criteria
        ],
    }


def _take_part(dps: Dps, site: Site, link: Linker) -> Markup:
    """How a supplier gets in, by the DPS's state: it stays open to new suppliers
    for as long as it is valid, not only until the first deadline."""
    state = dps_state(dps, site.today)
    form = links.form(link, site.repository, "qualification")
    if state == "expired":
        return Markup("Ordningen er utløpt og tar ikke opp flere leverandører.")
    if state == "announced":
        return Markup("Leverandører kan søke om kvalifisering fra {} med skjemaet {}.").format(
            display.day(dps.announced), form
        )
    first = (
        Markup(" Første frist: {}.").format(display.day(dps.request_deadline))
        if state == "open-for-requests"
        else ""
    )
    return Markup(
        "Leverandører søker om kvalifisering med skjemaet {} så lenge ordningen gjelder.{}"
        " Kommuner i ordningen gjør uttak blant leverandørene som er tatt opp."
    ).format(form, first)


def context(dps: Dps, site: Site, link: Linker) -> dict[str, Any]:
    contact = dps.contact
    agreement = reference.agreement_types()[dps.agreement_type]
    covered = ", ".join(display.municipality_name(m) for m in dps.covered_municipalities)
    value = awarded(dps, site)
    facts: list[tuple[str, Any]] = [
        ("Kategori", reference.categories()[dps.category].name),
        ("Status", DPS_LABELS[dps_state(dps, site.today)]),
        ("Type", labels.DPS_TYPE[dps.type]),
        ("Kunngjort", display.day(dps.announced)),
        (
            "Frist for forespørsler i første runde",
            f"{display.day(dps.request_deadline)} "
            f"({display.days_until(dps.request_deadline, site.today)})",
        ),
        ("Gyldig til og med", display.day(dps_valid_until(dps))),
        ("Kunngjøring av tildelinger", labels.AWARD_NOTICE_GROUPING[dps.award_notice_grouping]),
        ("Anslått samlet verdi (øvre ramme)", display.kroner(dps.max_value_nok)),
        (
            "Tildelt så langt",
            f"{display.kroner(value)} ({display.share(value, dps.max_value_nok)})",
        ),
        ("Regelverk", _part_three(site.today)),
        ("Avtale", f"{agreement.id}: {agreement.name}"),
        ("Kommuner som kan gjøre uttak", covered or "Alle kommuner i markedsplassen"),
        ("Kontakt", contact_line(link, contact.name, contact.email, contact.role)),
    ]
    facts.append(("Slik deltar du", _take_part(dps, site, link)))
    if dps.notice:
        facts.append(
            ("Kunngjøring", link.external(dps.notice.url, f"Doffin {dps.notice.doffin_id}"))
        )
    if dps.terms_url:
        facts.append(("Vilkår for deltakelse", link.external(dps.terms_url)))
    facts.append(
        (
            "Maler for kategorien (Word)",
            Markup(", ").join(
                link.static(downloads.template_file(dps.category, kind, "docx"), title)
                for kind, title in TEMPLATE_TITLES
            ),
        )
    )
    facts.append(
        (
            "Åpne data",
            Markup(" · ").join(
                [
                    link.static(downloads.OCDS_FILE, "OCDS (JSON)"),
                    link.static(downloads.CALENDAR_FILE, "frister (iCalendar)"),
                ]
            ),
        )
    )
    admitted = site.catalogue.admitted_on(dps.id, site.today)
    excluded = [
        (s, a)
        for s, a in sorted(site.catalogue.admitted(dps.id).items())
        if a.excluded is not None and a.excluded <= site.today
    ]
    return {
        "facts": facts,
        "map": where.dps_map(dps, site, link),
        "ceiling": {
            "awarded": display.kroner(value),
            "ceiling": display.kroner(dps.max_value_nok),
            "share": display.share(value, dps.max_value_nok),
            "bar": pictures.bar(value, dps.max_value_nok),
        },
        "description": free_text(dps.description),
        "requirements": [
            [r.id, free_text(r.text), r.documentation or "–"]
            for r in dps.qualification_requirements
        ],
        "admitted": [
            [link.record(SUPPLIER, s), display.short_day(a.received), display.maybe_day(a.decided)]
            for s, a in sorted(admitted.items())
        ],
        "excluded": [
            [
                link.record(SUPPLIER, s, html=True),
                display.short_day(a.excluded),
                free_text(a.exclusion_reason),
            ]
            for s, a in excluded
            if a.excluded is not None and a.exclusion_reason is not None
        ],
        "criteria": notice_criteria(dps),
        "other_applications": [
            [
                link.record(SUPPLIER, a.supplier),
                display.short_day(a.received),
                labels.DECISION[a.decision],
            ]
            for a in sorted(
                (e.record for e in site.catalogue.events(APPLICATION, dps.id)),
                key=lambda a: (a.supplier, a.received),
            )
            if a.decision != "admitted"
        ],
        "calloffs": [
            [
                link.record(CALLOFF, c.id),
                display.municipality_name(c.buyer),
                CALLOFF_LABELS[calloff_state(c, site.today)],
                display.short_day(c.tender_deadline),
                display.kroner(c.award.value_nok) if c.award else "–",
            ]
            for c in calloffs(dps, site)
        ],
        "extensions": [
            [display.short_day(e.announced), display.short_day(e.valid_until)]
            for e in dps.extensions
        ],
    }
