"""Each contract under a DPS is announced within 30 days of signing (a 30th day on
a Saturday, Sunday or public holiday moves to the next working day); a notice not
yet published past that day is overdue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import CALLOFF
from generator.procurement import limits, periods

CODE = "award-notice"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        contract = calloff.contract
        if contract is None:
            continue
        due = periods.last_day(contract.signed, limits.AWARD_NOTICE_DAYS)
        published = contract.award_notice_published
        if published is not None and published > due:
            yield catalogue.error_at(
                entry,
                ("contract", "award_notice_published"),
                CODE,
                f"{limits.AWARD_NOTICE_RULE}: tildelingen skal kunngjøres innen "
                f"{limits.AWARD_NOTICE_DAYS} dager etter signering ({contract.signed}), altså "
                f"senest {due}; den ble kunngjort {published}.",
            )
        elif published is None and today > due:
            yield catalogue.error_at(
                entry,
                ("contract", "signed"),
                CODE,
                f"{limits.AWARD_NOTICE_RULE}: kunngjøringen av tildelingen skulle vært publisert"
                f" senest {due} ({limits.AWARD_NOTICE_DAYS} dager etter signering) og er "
                "forsinket. Kunngjør i Doffin og legg inn `award_notice_published`.",
            )
