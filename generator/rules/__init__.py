"""Procurement rules that depend on dates and today's date (FOA §§ 26-4–26-7,
§ 18-1, § 21-6), one module each with a stable code, in one explicit registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from generator.catalogue import Catalogue
from generator.diagnostics import Diagnostic
from generator.rules import (
    award,
    award_notice,
    calloff_invited,
    calloff_validity,
    ceiling,
    date_order,
    dps_decisions,
    dps_request_window,
    milestones,
    tender_period,
)

Rule = Callable[[Catalogue, date], Iterator[Diagnostic]]

REGISTRY: dict[str, Rule] = {
    date_order.CODE: date_order.check,
    dps_request_window.CODE: dps_request_window.check,
    dps_decisions.CODE: dps_decisions.check,
    calloff_validity.CODE: calloff_validity.check,
    calloff_invited.CODE: calloff_invited.check,
    tender_period.CODE: tender_period.check,
    award.CODE: award.check,
    award_notice.CODE: award_notice.check,
    ceiling.CODE: ceiling.check,
    milestones.CODE: milestones.check,
}


def run(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for rule in REGISTRY.values():
        yield from rule(catalogue, today)
