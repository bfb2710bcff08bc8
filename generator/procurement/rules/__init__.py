"""Procurement rules that depend on dates and today's date (FOA §§ 26-4–26-7,
§ 18-1, § 21-6), one module each with a stable code, in one explicit registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.procurement.rules import (
    award_criteria_dps,
    award_notice,
    award_rules,
    calloff_dps_validity,
    calloff_invited,
    calloff_question,
    climate_weight,
    date_order,
    dps_ceiling,
    dps_decision_deadline,
    dps_extension,
    dps_request_window,
    espd_renewal,
    milestone_overdue,
    tender_period,
)

Rule = Callable[[Catalogue, date], Iterator[Diagnostic]]

REGISTRY: dict[str, Rule] = {
    date_order.CODE: date_order.check,
    dps_request_window.CODE: dps_request_window.check,
    dps_decision_deadline.CODE: dps_decision_deadline.check,
    dps_extension.CODE: dps_extension.check,
    calloff_dps_validity.CODE: calloff_dps_validity.check,
    calloff_invited.CODE: calloff_invited.check,
    espd_renewal.CODE: espd_renewal.check,
    tender_period.CODE: tender_period.check,
    award_rules.CODE: award_rules.check,
    climate_weight.CODE: climate_weight.check,
    award_criteria_dps.CODE: award_criteria_dps.check,
    calloff_question.CODE: calloff_question.check,
    award_notice.CODE: award_notice.check,
    dps_ceiling.CODE: dps_ceiling.check,
    milestone_overdue.CODE: milestone_overdue.check,
}


def run(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for rule in REGISTRY.values():
        yield from rule(catalogue, today)
