"""An admitted supplier asked to renew its self-declaration (ESPD,
`espd_requested`) answers within five working days (`espd_renewed`). A missing or
late answer is the supplier's, not the buyer's, failure: it is a warning that
tells the marketplace team it may now exclude the supplier (`excluded` with
`exclusion_reason`), never a legal deadline of the marketplace's own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import APPLICATION
from generator.norway.workdays import add_working_days
from generator.procurement import limits

CODE = "espd-renewal"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    days = limits.ESPD_RENEWAL_WORKING_DAYS
    for event in catalogue.all_events(APPLICATION):
        application = event.record
        if application.espd_requested is None or application.excluded is not None:
            continue
        due = add_working_days(application.espd_requested, days)
        renewed = application.espd_renewed
        if renewed is None and today <= due:
            continue
        if renewed is not None and renewed <= due:
            continue
        what = f"kom {renewed}" if renewed is not None else "har ikke kommet"
        yield catalogue.warning_at(
            event,
            ("espd_renewed",) if renewed is not None else ("espd_requested",),
            CODE,
            f"{limits.ESPD_RENEWAL_RULE}: «{application.supplier}» ble bedt om fornyet "
            f"egenerklæring {application.espd_requested} med frist {due} ({days} "
            f"virkedager), og den {what}. Vurder utelukkelse: skriv `excluded` og "
            "`exclusion_reason`, eller før inn `espd_renewed` når den er mottatt.",
        )
