"""Dates in order everywhere: each pair below says which date may not come
before which, and where to report it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from generator.catalogue.gather import Catalogue, Entry, Event
from generator.diagnostics import Diagnostic
from generator.loading.yaml_files import Loc
from generator.models.kinds import (
    APPLICATION,
    CALLOFF,
    DPS,
    EVENT_KINDS,
    JOIN_REQUEST,
    NEED,
    QUESTION,
    SOLUTION,
)

CODE = "date-order"

# (earlier loc, later loc, may they be the same day?) relative to one record
Pairs = list[tuple[Loc, Loc, bool]]


def _get(record: Any, loc: Loc) -> Any:
    value = record
    for part in loc:
        if value is None:
            return None
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def _dps(record: Any) -> Pairs:
    pairs: Pairs = [
        (("announced",), ("request_deadline",), False),
        (("request_deadline",), ("valid_until",), False),
    ]
    for i, _ in enumerate(record.extensions):
        pairs += [
            (("announced",), ("extensions", i, "announced"), True),
            (("valid_until",), ("extensions", i, "valid_until"), False),
        ]
    return pairs


def _calloff(record: Any) -> Pairs:
    pairs: Pairs = [
        (("published",), ("tender_deadline",), False),
        (("award", "decided"), ("contract", "signed"), True),
        (("contract", "signed"), ("contract", "award_notice_published"), True),
        (("contract", "starts"), ("contract", "ends"), False),
    ]
    if record.contract is not None:
        for i, _ in enumerate(record.contract.milestones):
            pairs.append((("contract", "signed"), ("contract", "milestones", i, "due"), True))
    return pairs


def _need(record: Any) -> Pairs:
    pairs: Pairs = []
    for i in range(1, len(record.phase_history)):
        pairs.append((("phase_history", i - 1, "started"), ("phase_history", i, "started"), True))
    return pairs


def _solution(record: Any) -> Pairs:
    return [(("lifecycle", "sales_until"), ("lifecycle", "support_until"), True)]


PAIRS = {DPS.name: _dps, CALLOFF.name: _calloff, NEED.name: _need, SOLUTION.name: _solution}
# within one event file: received, then the decision or the answer
EVENT_PAIRS: dict[str, tuple[Loc, Loc, bool]] = {
    APPLICATION.name: (("received",), ("decided",), True),
    JOIN_REQUEST.name: (("received",), ("answered",), True),
    QUESTION.name: (("received",), ("answered",), True),
}


def _check_entry(
    catalogue: Catalogue, entry: Entry[Any] | Event[Any], pairs: Pairs
) -> Iterator[Diagnostic]:
    for first, then, same_day in pairs:
        a, b = _get(entry.record, first), _get(entry.record, then)
        if not isinstance(a, date) or not isinstance(b, date):
            continue
        if b < a or (b == a and not same_day):
            word = "før" if b < a else "samme dag som"
            yield catalogue.error_at(
                entry,
                then,
                CODE,
                f"`{'.'.join(map(str, then))}` ({b}) kan ikke være {word} "
                f"`{'.'.join(map(str, first))}` ({a}). Rett en av datoene.",
            )


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for kind_name, pairs_of in PAIRS.items():
        for entry in catalogue.entries.get(kind_name, ()):
            yield from _check_entry(catalogue, entry, pairs_of(entry.record))
    for kind in EVENT_KINDS:
        for event in catalogue.all_events(kind):
            yield from _check_entry(catalogue, event, [EVENT_PAIRS[kind.name]])
    for event in catalogue.all_events(APPLICATION):
        dps = catalogue.get(DPS, event.parent)
        if dps is not None and event.record.received < dps.announced:
            yield catalogue.error_at(
                event,
                ("received",),
                CODE,
                f"`received` ({event.record.received}) kan ikke være før ordningen ble "
                f"kunngjort ({dps.announced}, `announced` i {DPS.path(dps.id)}). Rett datoen.",
            )
