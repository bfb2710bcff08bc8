"""The time limit for tenders in a call-off is at least 10 days (calendar days)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import CALLOFF
from generator.procurement import limits

CODE = "tender-period"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        earliest = calloff.published + timedelta(days=limits.TENDER_PERIOD_DAYS)
        if calloff.tender_deadline < earliest:
            days = (calloff.tender_deadline - calloff.published).days
            yield catalogue.error_at(
                entry,
                ("tender_deadline",),
                CODE,
                f"{limits.TENDER_PERIOD_RULE}: tilbudsfristen må være minst "
                f"{limits.TENDER_PERIOD_DAYS} dager etter at invitasjonen ble sendt "
                f"({calloff.published}), men er {days} dager. Sett `tender_deadline: {earliest}`"
                " eller senere.",
            )
