"""Only suppliers admitted to the DPS take part in its call-offs: every invited
supplier, and the one awarded the contract, is admitted in that DPS. (Whether the
invitation list is exactly those admitted on the day it was published is a
procurement rule with the other time limits.)"""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.checks.resolve import unresolved
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.loading.yaml_files import Loc
from generator.models import Dps
from generator.models.kinds import APPLICATION, CALLOFF, DPS, SUPPLIER

CODE = "calloff-supplier"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    admitted: dict[str, set[str]] = {}
    for dps_entry in catalogue.records(DPS):
        admitted.setdefault(dps_entry.record.id, set(catalogue.admitted(dps_entry.record.id)))
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        dps = catalogue.get(DPS, calloff.dps)
        suppliers: list[tuple[Loc, str]] = [
            (("invited", i), s) for i, s in enumerate(calloff.invited)
        ]
        if calloff.award is not None:
            suppliers.append((("award", "supplier"), calloff.award.supplier))
        for loc, supplier in suppliers:
            found = unresolved(catalogue, entry, loc, SUPPLIER, supplier, CODE)
            if found:
                yield found
                continue
            if not isinstance(dps, Dps) or supplier in admitted[dps.id]:
                continue
            if catalogue.unreadable(APPLICATION, dps.id, supplier):
                continue  # its application is reported where it is
            yield catalogue.error_at(
                entry,
                loc,
                CODE,
                f"«{supplier}» er ikke tatt opp i ordningen «{dps.id}». Bare "
                "leverandører med `decision: admitted` der kan inviteres og få "
                "kontrakt; fjern leverandøren eller registrer opptaket først.",
            )
        if calloff.award is not None and calloff.award.supplier not in calloff.invited:
            yield catalogue.error_at(
                entry,
                ("award", "supplier"),
                CODE,
                f"«{calloff.award.supplier}» var ikke invitert til uttaket. Kontrakten "
                "kan bare tildeles en av leverandørene under `invited`.",
            )
