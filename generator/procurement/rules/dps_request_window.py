"""The first round's request window is at least 30 days from the notice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import DPS
from generator.procurement import limits, periods

CODE = "dps-request-window"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(DPS):
        dps = entry.record
        short = periods.shortfall(dps.announced, dps.request_deadline, limits.REQUEST_WINDOW_DAYS)
        if short is not None:
            yield catalogue.error_at(
                entry,
                ("request_deadline",),
                CODE,
                f"{limits.REQUEST_WINDOW_RULE}: fristen for forespørsler om deltakelse må være "
                f"minst {limits.REQUEST_WINDOW_DAYS} dager etter kunngjøringen ({dps.announced}),"
                f" men er {short.days} dager. Sett `request_deadline: {short.earliest}`"
                " eller senere.",
            )
