"""Each contract under a DPS is announced within 30 days of signing (a 30th day on
a Saturday, Sunday or public holiday moves to the next working day); a notice not
yet published past that day is overdue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import CALLOFF, DPS
from generator.procurement import limits, periods

CODE = "award-notice"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        contract = calloff.contract
        if contract is None:
            continue
        dps = catalogue.get(DPS, calloff.dps)
        grouped = dps is not None and dps.award_notice_grouping == "quarterly"
        due = periods.award_notice_due(contract.signed, grouped)
        rule = limits.GROUPED_NOTICE_RULE if grouped else limits.AWARD_NOTICE_RULE
        counted = (
            f"{limits.AWARD_NOTICE_DAYS} dager etter kvartalet kontrakten ble signert i "
            f"(ordningen samler kunngjøringene per kvartal)"
            if grouped
            else f"{limits.AWARD_NOTICE_DAYS} dager etter signering ({contract.signed})"
        )
        published = contract.award_notice_published
        if published is not None and published > due:
            yield catalogue.error_at(
                entry,
                ("contract", "award_notice_published"),
                CODE,
                f"{rule}: tildelingen skal kunngjøres innen {counted}, altså senest {due}; den "
                f"ble kunngjort {published}.",
            )
        elif published is None and today > due:
            yield catalogue.error_at(
                entry,
                ("contract", "signed"),
                CODE,
                f"{rule}: kunngjøringen av tildelingen skulle vært publisert senest {due} "
                f"({counted}) og er forsinket. Kunngjør i Doffin og legg inn "
                "`award_notice_published`.",
            )
