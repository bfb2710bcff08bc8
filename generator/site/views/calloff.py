"""A call-off: its DPS and buyer, the invited suppliers, criteria and weights,
the award and the contract milestones, with the derived state and a timeline
drawn as a Mermaid Gantt chart next to the same dates as a table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from generator.models import CallOff, Dps
from generator.models.kinds import DPS, EXPERIENCE, NEED, QUESTION, SOLUTION, SUPPLIER
from generator.norway import labels
from generator.procurement import periods
from generator.procurement.states import CALLOFF_LABELS, calloff_state
from generator.site import display, downloads
from generator.site.gather import Site
from generator.site.links import Linker, contact_line
from generator.site.text import free_text, mermaid_label


@dataclass(frozen=True, order=True, slots=True)
class Event:
    """One date on the timeline; `section` groups it in the Gantt chart."""

    day: date
    order: int
    what: str
    section: str
    note: str = ""
    until: date | None = None  # a period rather than a point
    tag: str = ""  # Mermaid task tag: done, crit or none


MERMAID = "vendor/mermaid-11.17.2.min.js"  # MIT, see vendor/mermaid-LICENSE.txt
SECTIONS = ("Konkurranse", "Kontrakt", "Milepæler")
# The diagram's colours (Mermaid's base theme, the only one whose colours can be
# set). Mermaid's default theme writes white text on light bars and is drawn for a
# light page only; these keep every text at 4.5:1 or more and every bar's border
# at 3:1 against the light card the diagram is drawn on in both palettes
# (stylesheets/accessibility.css).
GANTT_COLOURS = {
    "titleColor": "#1f1f1f",
    "textColor": "#1f1f1f",
    "sectionBkgColor": "#e8eaf6",
    "altSectionBkgColor": "#ffffff",
    "sectionBkgColor2": "#fff8e1",
    "gridColor": "#9e9e9e",
    "taskBkgColor": "#c5cae9",
    "taskBorderColor": "#303fa1",
    "activeTaskBkgColor": "#c5cae9",
    "activeTaskBorderColor": "#303fa1",
    "doneTaskBkgColor": "#e0e0e0",
    "doneTaskBorderColor": "#616161",
    "critBkgColor": "#ffcdd2",
    "critBorderColor": "#b71c1c",
    "taskTextColor": "#1f1f1f",
    "taskTextDarkColor": "#1f1f1f",
    "taskTextLightColor": "#1f1f1f",
    "taskTextOutsideColor": "#1f1f1f",
    "todayLineColor": "#b71c1c",
}


def events(calloff: CallOff, today: date) -> list[Event]:
    found = [
        Event(calloff.published, 0, "Tilbudsinvitasjon sendt", "Konkurranse"),
        Event(
            calloff.published,
            1,
            "Tilbudsperiode",
            "Konkurranse",
            f"til og med {display.short_day(calloff.tender_deadline)}",
            until=calloff.tender_deadline,
        ),
        Event(
            periods.answer_due(calloff.tender_deadline),
            1,
            "Siste dag for svar på spørsmål",
            "Konkurranse",
            "for spørsmål som kom i god tid",
        ),
        Event(calloff.tender_deadline, 2, "Tilbudsfrist", "Konkurranse"),
    ]
    if calloff.award:
        found.append(Event(calloff.award.decided, 3, "Tildeling besluttet", "Konkurranse"))
    contract = calloff.contract
    if contract:
        found.append(Event(contract.signed, 4, "Kontrakt signert", "Kontrakt"))
        if contract.award_notice_published:
            found.append(
                Event(contract.award_notice_published, 5, "Tildelingen kunngjort", "Kontrakt")
            )
        if contract.starts and contract.ends:
            found.append(
                Event(
                    contract.starts,
                    6,
                    "Kontraktsperiode",
                    "Kontrakt",
                    f"til og med {display.short_day(contract.ends)}",
                    until=contract.ends,
                )
            )
        elif contract.starts:
            found.append(Event(contract.starts, 6, "Oppstart", "Kontrakt"))
        for number, m in enumerate(contract.milestones):
            if m.met:
                note, tag = f"Nådd {display.short_day(m.met)}", "done"
            elif m.due < today:
                note, tag = "Ikke nådd, fristen er passert", "crit"
            else:
                note, tag = "Ikke nådd ennå", ""
            found.append(Event(m.due, 10 + number, m.title, "Milepæler", note, tag=tag))
    return sorted(found)


def gantt(calloff: CallOff, found: list[Event]) -> Markup:
    """The Mermaid source. Every label passes `mermaid_label`, so no record text
    can be Mermaid syntax; dates are ISO dates."""
    title = mermaid_label(calloff.title)
    lines = ["---", "config:", "  theme: base", "  themeVariables:"]
    lines += [f'    {name}: "{value}"' for name, value in GANTT_COLOURS.items()]
    lines += ["---", "gantt", f"    title {title}", "    dateFormat YYYY-MM-DD"]
    # the drawn diagram's accessible name and description (the <title> and <desc>
    # Mermaid gives the SVG); the table under it is the text equivalent
    lines.append(f"    accTitle: Tidslinje for {title}")
    lines.append("    accDescr: De samme datoene står i tabellen under diagrammet.")
    lines.append("    axisFormat %d.%m.%y")
    section = None
    for event in sorted(found, key=lambda e: (SECTIONS.index(e.section), e)):
        if event.section != section:
            section = event.section
            lines.append(f"    section {section}")
        label = mermaid_label(event.what)
        if event.until is not None:
            lines.append(f"    {label} : {event.day.isoformat()}, {event.until.isoformat()}")
        else:
            tags = ", ".join(t for t in ("milestone", event.tag) if t)
            lines.append(f"    {label} : {tags}, {event.day.isoformat()}, 0d")
    return Markup("\n".join(lines))


def question_feed(calloff_id: str) -> str:
    """The call-off's feed of questions and answers, in the built site."""
    return f"feeds/uttak/{calloff_id}.xml"


def question_anchor(number: str) -> str:
    return f"sporsmal-{number}"


def questions(calloff: CallOff, site: Site) -> list[dict[str, Any]]:
    """The questions in the order they are numbered, each with its answer."""
    return [
        {
            "number": event.stem,
            "anchor": question_anchor(event.stem),
            "received": display.day(event.record.received),
            "question": free_text(event.record.question),
            "answered": display.maybe_day(event.record.answered),
            "answer": free_text(event.record.answer) if event.record.answer else None,
        }
        for event in site.catalogue.events(QUESTION, calloff.id)
    ]


def context(calloff: CallOff, site: Site, link: Linker) -> dict[str, Any]:
    contact = calloff.contact
    found = events(calloff, site.today)
    facts: list[tuple[str, Any]] = [
        ("Ordning", link.record(DPS, calloff.dps)),
        ("Kjøper", display.municipality(calloff.buyer)),
        ("Status", CALLOFF_LABELS[calloff_state(calloff, site.today)]),
        ("Tilbudsinvitasjon sendt", display.day(calloff.published)),
        (
            "Tilbudsfrist",
            f"{display.day(calloff.tender_deadline)} "
            f"({display.days_until(calloff.tender_deadline, site.today)})",
        ),
    ]
    facts.append(
        (
            "Slik gir du tilbud",
            Markup(
                "Leverandørene som er tatt opp i {} og invitert, svarer på tilbudsinvitasjonen"
                " innen fristen; spørsmål stilles til kontaktpersonen og besvares for alle."
            ).format(link.record(DPS, calloff.dps)),
        )
    )
    facts.append(
        (
            "Karensperiode",
            f"{calloff.standstill_days} dager etter tildelingen"
            if calloff.standstill_days is not None
            else "Ingen (ikke påkrevd i en dynamisk innkjøpsordning)",
        )
    )
    if calloff.need:
        facts.append(("Bygger på behovet", link.record(NEED, calloff.need)))
    if calloff.estimated_value_nok is not None:
        facts.append(("Anslått verdi", display.kroner(calloff.estimated_value_nok)))
    facts.append(("Kontakt", contact_line(link, contact.name, contact.email, contact.role)))
    category = site.get(DPS, calloff.dps, Dps).category
    template = downloads.template_file
    facts.append(
        (
            "Malverk for tilbudsinvitasjonen",
            Markup(" · ").join(
                [
                    link.static(template(category, "tilbudsinvitasjon", "docx"), "Word"),
                    link.static(template(category, "tilbudsinvitasjon", "md"), "Markdown"),
                ]
            ),
        )
    )
    award = calloff.award
    contract = calloff.contract
    return {
        "submission": link.external(calloff.submission_url, "kjøperens konkurranseverktøy (KGV)")
        if calloff.submission_url
        else "",
        "facts": facts,
        "description": free_text(calloff.description),
        "gantt": gantt(calloff, found),
        # Mermaid from the site itself: Material would otherwise fetch it from a CDN
        "mermaid_script": Markup('<script src="{}"></script>').format(link.url(MERMAID)),
        "timeline": [[display.short_day(e.day), e.what, e.note] for e in found],
        "invited": [link.record(SUPPLIER, s) for s in sorted(calloff.invited)],
        "basis": labels.sentence(labels.AWARD_BASIS[calloff.award_criteria.basis]),
        "criteria": [
            [
                c.name,
                labels.CRITERION_KIND[c.kind],
                display.percent(c.weight_percent) if c.weight_percent is not None else "–",
                free_text(c.description) if c.description else "",
            ]
            for c in calloff.award_criteria.criteria
        ],
        "requirements": [
            [r.id, "Skal-krav" if r.mandatory else "Bør-krav", free_text(r.text)]
            for r in calloff.requirements
        ],
        "award": (
            {
                "facts": [
                    ("Besluttet", display.day(award.decided)),
                    ("Leverandør", link.record(SUPPLIER, award.supplier)),
                    ("Løsning", link.record(SOLUTION, award.solution)),
                    ("Verdi", display.kroner(award.value_nok)),
                    (
                        "Tilbud mottatt",
                        str(award.tenders_received) if award.tenders_received is not None else "–",
                    ),
                ],
                "justification": free_text(award.justification) if award.justification else "",
            }
            if award
            else None
        ),
        "contract": (
            {
                "facts": [
                    ("Signert", display.day(contract.signed)),
                    ("Tildelingen kunngjort", display.maybe_day(contract.award_notice_published)),
                    ("Oppstart", display.maybe_day(contract.starts)),
                    ("Slutt", display.maybe_day(contract.ends)),
                ],
                "milestones": [
                    [
                        m.title,
                        display.short_day(m.due),
                        display.maybe_day(m.met, "Ikke nådd"),
                        free_text(m.description) if m.description else "",
                    ]
                    for m in contract.milestones
                ],
            }
            if contract
            else None
        ),
        "questions": questions(calloff, site),
        "answer_due": display.day(periods.answer_due(calloff.tender_deadline)),
        "questions_feed": link.static(question_feed(calloff.id), "Spørsmål og svar som Atom-feed"),
        "experiences": [
            link.record(EXPERIENCE, i) for i in site.rel.experiences_of_calloff.get(calloff.id, [])
        ],
    }
