"""Every supplier that applies to a DPS is registered, and applies only once."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.checks.resolve import unresolved
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import DPS, SUPPLIER

CODE = "dps-reference"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(DPS):
        dps = entry.record
        seen: dict[str, int] = {}
        for index, application in enumerate(dps.applications):
            loc = ("applications", index, "supplier")
            found = unresolved(catalogue, entry, loc, SUPPLIER, application.supplier, CODE)
            if found:
                yield found
            if application.supplier in seen and application.decision != "rejected":
                yield catalogue.error_at(
                    entry,
                    loc,
                    CODE,
                    f"«{application.supplier}» har allerede en søknad i ordningen "
                    f"(element {seen[application.supplier] + 1}). En ny søknad etter "
                    "avslag er greit; ellers skal det være én søknad per leverandør.",
                )
            if application.decision != "rejected":
                seen.setdefault(application.supplier, index)
