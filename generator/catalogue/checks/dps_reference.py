"""Every supplier that applies to a DPS is registered, and applies only once."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.checks.resolve import unresolved
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import APPLICATION, DPS, SUPPLIER

CODE = "dps-reference"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for dps in catalogue.records_of(DPS):
        seen: dict[str, str] = {}
        events = catalogue.events(APPLICATION, dps.id)
        for event in sorted(events, key=lambda e: (e.record.received, e.path)):
            application = event.record
            loc = ("supplier",)
            found = unresolved(catalogue, event, loc, SUPPLIER, application.supplier, CODE)
            if found:
                yield found
            if application.supplier in seen and application.decision != "rejected":
                yield catalogue.error_at(
                    event,
                    loc,
                    CODE,
                    f"«{application.supplier}» har allerede en søknad i ordningen "
                    f"({seen[application.supplier]}). En ny søknad etter avslag er greit; "
                    "ellers skal det være én søknad per leverandør.",
                )
            if application.decision != "rejected":
                seen.setdefault(application.supplier, event.path)
