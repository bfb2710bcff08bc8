"""A call-off is made under a DPS that is valid on the day it is published, after
the first round's request deadline, and buys within the DPS's category."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models import Dps, Solution
from generator.models.kinds import CALLOFF, DPS, SOLUTION
from generator.procurement import limits
from generator.procurement.states import dps_valid_until

CODE = "calloff-dps-validity"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        dps = catalogue.get(DPS, calloff.dps)
        if not isinstance(dps, Dps):
            continue
        valid_until = dps_valid_until(dps, as_of=calloff.published)
        if calloff.published <= dps.request_deadline:
            yield catalogue.error_at(
                entry,
                ("published",),
                CODE,
                f"{limits.VALIDITY_RULE}: uttak kan gjøres først når første runde i «{dps.id}» "
                f"er over (fristen for forespørsler er {dps.request_deadline}). Publiser "
                "tilbudsinvitasjonen etter den datoen.",
            )
        elif calloff.published > valid_until:
            yield catalogue.error_at(
                entry,
                ("published",),
                CODE,
                f"{limits.VALIDITY_RULE}: ordningen «{dps.id}» gjaldt bare til {valid_until}. "
                "Et uttak må publiseres mens ordningen gjelder, eller ordningen må forlenges "
                "(`extensions`) først.",
            )
        if calloff.award is None:
            continue
        solution = catalogue.get(SOLUTION, calloff.award.solution)
        if isinstance(solution, Solution) and dps.category not in solution.categories:
            yield catalogue.error_at(
                entry,
                ("award", "solution"),
                CODE,
                f"{limits.VALIDITY_RULE}: «{solution.id}» hører ikke til kategorien "
                f"«{dps.category}» som ordningen «{dps.id}» gjelder. Uttaket kan bare kjøpe "
                "innenfor ordningens kategori.",
            )
