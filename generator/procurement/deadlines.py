"""Upcoming and overdue deadlines and milestones, for `markedsplass deadlines`, the
scheduled reminder job and the site's calendar. Legal deadlines are the ones the
marketplace or a buyer must meet by law (deciding a request to participate,
announcing an award); an overdue one makes the command exit 1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

import icalendar

from generator.catalogue.gather import Catalogue, Entry, Event
from generator.models import Application, CallOff, Dps, Question
from generator.models.kinds import APPLICATION, CALLOFF, DPS, QUESTION
from generator.norway.workdays import add_working_days
from generator.procurement import limits, periods
from generator.procurement.states import dps_valid_until, first_invitations, in_first_phase

Status = Literal["overdue", "due"]

KIND_LABELS = {
    "request-deadline": "Frist for forespørsler om deltakelse",
    "application-decision": "Frist for å avgjøre forespørsel om deltakelse",
    "tender-deadline": "Tilbudsfrist",
    "award-notice": "Frist for å kunngjøre tildelingen",
    "question-answer": "Frist for å svare på spørsmål",
    "espd-renewal": "Frist for fornyet egenerklæring (ESPD)",
    "milestone": "Kontraktsmilepæl",
    "dps-expiry": "Ordningen utløper",
}


@dataclass(frozen=True, order=True, slots=True)
class Deadline:
    date: date
    kind: str
    record: str
    record_kind: str
    path: str
    title: str
    legal: bool
    rule: str
    status: Status = "due"
    # what within the record the date is about (the applicant, the milestone), so
    # that `key` names the same deadline from one day to the next
    subject: str = ""

    @property
    def key(self) -> str:
        """A stable name for the deadline (the reminders' issues are found by it)."""
        parts = (self.record_kind, self.record, self.kind, self.subject)
        return "/".join(part for part in parts if part)


def _dps_items(
    entry: Entry[Any], dps: Dps, applications: list[Event[Application]], first_phase: bool
) -> Iterator[Deadline]:
    """`first_phase`: no call-off invitation is sent yet, so the evaluation of a
    request may be extended and its 10/15 working days are no legal deadline."""
    path = entry.path

    def item(
        day: date,
        kind: str,
        title: str,
        legal: bool = False,
        rule: str = "",
        subject: str = "",
        at: str = path,
    ) -> Deadline:
        return Deadline(day, kind, dps.id, DPS.name, at, title, legal, rule, subject=subject)

    yield item(dps.request_deadline, "request-deadline", dps.title)
    yield item(dps_valid_until(dps), "dps-expiry", dps.title)
    for event in applications:
        application = event.record
        if application.decided is None:
            limit = (
                limits.DECISION_EXTENDED_WORKING_DAYS
                if application.extension_reason
                else limits.DECISION_WORKING_DAYS
            )
            yield item(
                add_working_days(application.received, limit),
                "application-decision",
                f"{dps.title}: forespørsel fra {application.supplier}",
                not first_phase,
                limits.FIRST_PHASE_RULE if first_phase else limits.DECISION_RULE,
                application.supplier,
                event.path,
            )
        requested = application.espd_requested
        if requested is not None and application.espd_renewed is None and not application.excluded:
            # the supplier's deadline, not the marketplace's: never a legal alarm
            yield item(
                add_working_days(requested, limits.ESPD_RENEWAL_WORKING_DAYS),
                "espd-renewal",
                f"{dps.title}: fornyet egenerklæring fra {application.supplier}",
                rule=limits.ESPD_RENEWAL_RULE,
                subject=application.supplier,
                at=event.path,
            )


def _question_items(calloff: CallOff, questions: list[Event[Question]]) -> Iterator[Deadline]:
    """An unanswered question asked in good time is the buyer's legal deadline."""
    for event in questions:
        question = event.record
        if question.answered is not None:
            continue
        if not periods.asked_in_good_time(question.received, calloff.tender_deadline):
            continue
        yield Deadline(
            periods.answer_due(calloff.tender_deadline),
            "question-answer",
            calloff.id,
            CALLOFF.name,
            event.path,
            f"{calloff.title}: spørsmål {event.stem}",
            True,
            limits.QUESTION_RULE,
            subject=event.stem,
        )


def _calloff_items(entry: Entry[Any], calloff: CallOff, grouped: bool) -> Iterator[Deadline]:
    path = entry.path

    def item(
        day: date, kind: str, title: str, legal: bool = False, rule: str = "", subject: str = ""
    ) -> Deadline:
        return Deadline(
            day, kind, calloff.id, CALLOFF.name, path, title, legal, rule, subject=subject
        )

    if calloff.award is None:
        yield item(calloff.tender_deadline, "tender-deadline", calloff.title)
    contract = calloff.contract
    if contract is None:
        return
    if contract.award_notice_published is None:
        due = periods.award_notice_due(contract.signed, grouped)
        rule = limits.GROUPED_NOTICE_RULE if grouped else limits.AWARD_NOTICE_RULE
        yield item(due, "award-notice", calloff.title, True, rule)
    for milestone in contract.milestones:
        if milestone.met is None:
            yield item(
                milestone.due,
                "milestone",
                f"{calloff.title}: {milestone.title}",
                subject=milestone.title,
            )


# Kinds that are obligations: past due and not done means overdue. The others are
# dates that simply pass.
_OBLIGATIONS = {
    "application-decision",
    "award-notice",
    "milestone",
    "question-answer",
    "espd-renewal",
}


def collect(catalogue: Catalogue, today: date, within: int) -> list[Deadline]:
    """Everything overdue, and everything due from today up to `within` days ahead."""
    items: list[Deadline] = []
    firsts = first_invitations(catalogue)
    for dps in catalogue.records(DPS):
        applications = catalogue.events(APPLICATION, dps.record.id)
        first_phase = in_first_phase(firsts.get(dps.record.id), today)
        items.extend(_dps_items(dps, dps.record, applications, first_phase))
    for calloff in catalogue.records(CALLOFF):
        dps_of = catalogue.get(DPS, calloff.record.dps)
        grouped = dps_of is not None and dps_of.award_notice_grouping == "quarterly"
        items.extend(_calloff_items(calloff, calloff.record, grouped))
        questions = catalogue.events(QUESTION, calloff.record.id)
        items.extend(_question_items(calloff.record, questions))
    horizon = today + timedelta(days=within)
    selected = []
    for item in items:
        if item.date < today and item.kind in _OBLIGATIONS:
            selected.append(_with_status(item, "overdue"))
        elif today <= item.date <= horizon:
            selected.append(item)
    return sorted(selected)


def _with_status(item: Deadline, status: Status) -> Deadline:
    return Deadline(**{**asdict(item), "status": status})


def legal_overdue(items: list[Deadline]) -> bool:
    return any(item.legal and item.status == "overdue" for item in items)


def _when(item: Deadline, today: date) -> str:
    days = (item.date - today).days
    if days < 0:
        return f"{-days} dager på overtid"
    return {0: "i dag", 1: "i morgen"}.get(days, f"om {days} dager")


def format_text(items: list[Deadline], today: date) -> str:
    lines = []
    for item in items:
        legal = " (lovpålagt)" if item.legal else ""
        lines.append(
            f"{item.date}  {_when(item, today):<18} {KIND_LABELS[item.kind]}{legal}: "
            f"{item.title} [{item.path}]"
        )
    return "".join(line + "\n" for line in lines)


def format_json(items: list[Deadline], today: date) -> str:
    rows = [
        {
            **asdict(item),
            "key": item.key,
            "date": item.date.isoformat(),
            "label": KIND_LABELS[item.kind],
            "days": (item.date - today).days,
        }
        for item in items
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def by_buyer(items: list[Deadline], catalogue: Catalogue) -> dict[str, list[Deadline]]:
    """The call-off items grouped by the municipality that buys, for every
    municipality with a call-off (an empty list when none of its dates is among
    `items`). DPS items belong to no municipality and are left out."""
    buyer_of: dict[str, str] = {}
    for entry in catalogue.records(CALLOFF):
        buyer_of[entry.record.id] = entry.record.buyer
    grouped: dict[str, list[Deadline]] = {buyer: [] for buyer in sorted(set(buyer_of.values()))}
    for item in items:
        if item.record_kind == CALLOFF.name:
            grouped[buyer_of[item.record]].append(item)
    return grouped


def format_ics(items: list[Deadline], today: date, name: str = "Markedsplassen: frister") -> str:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Markedsplassen//frister//NO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    for item in items:
        event = icalendar.Event()
        event.add("uid", f"{item.kind}-{item.record_kind}-{item.record}-{item.date}@markedsplassen")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + timedelta(days=1))
        event.add("summary", f"{KIND_LABELS[item.kind]}: {item.title}")
        description = f"{item.rule}. " if item.rule else ""
        event.add("description", f"{description}Posten: {item.path}")
        event.add("categories", [item.kind])
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


FORMATTERS = {"text": format_text, "json": format_json, "ics": format_ics}
