"""A DPS is extended only while it is valid: an extension announced after its
last day does not revive it (that would be a direct award without competition);
a new DPS needs a new notice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import DPS
from generator.procurement import limits
from generator.procurement.states import dps_valid_until, late_extensions

CODE = "dps-extension"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(DPS):
        dps = entry.record
        for index in late_extensions(dps):
            extension = dps.extensions[index]
            lapsed = dps_valid_until(dps, as_of=extension.announced)
            yield catalogue.error_at(
                entry,
                ("extensions", index, "announced"),
                CODE,
                f"{limits.VALIDITY_RULE}: ordningen gjaldt til og med {lapsed}; en forlengelse "
                f"kunngjort {extension.announced} gjenoppliver den ikke, og uttak etter "
                f"{lapsed} ville være tildeling uten konkurranse. Kunngjør forlengelsen før "
                "ordningen utløper, eller kunngjør en ny ordning.",
            )
