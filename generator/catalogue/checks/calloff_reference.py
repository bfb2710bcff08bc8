"""A call-off is made under a registered DPS and may build on a registered need."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.checks.resolve import unresolved
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import CALLOFF, DPS, NEED

CODE = "calloff-reference"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        found = [unresolved(catalogue, entry, ("dps",), DPS, calloff.dps, CODE)]
        if calloff.need is not None:
            found.append(unresolved(catalogue, entry, ("need",), NEED, calloff.need, CODE))
        yield from (d for d in found if d)
