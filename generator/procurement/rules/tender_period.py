"""The time limit for tenders in a call-off is at least 10 days (calendar days)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import CALLOFF
from generator.procurement import limits, periods

CODE = "tender-period"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        short = periods.shortfall(
            calloff.published, calloff.tender_deadline, limits.TENDER_PERIOD_DAYS
        )
        if short is not None:
            yield catalogue.error_at(
                entry,
                ("tender_deadline",),
                CODE,
                f"{limits.TENDER_PERIOD_RULE}: tilbudsfristen må være minst "
                f"{limits.TENDER_PERIOD_DAYS} dager etter at invitasjonen ble sendt "
                f"({calloff.published}), men er {short.days} dager. Sett "
                f"`tender_deadline: {short.earliest}` eller senere.",
            )
