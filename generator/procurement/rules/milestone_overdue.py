"""A contract milestone past due and not met is a warning to follow up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import CALLOFF

CODE = "milestone-overdue"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        if calloff.contract is None:
            continue
        for index, milestone in enumerate(calloff.contract.milestones):
            if milestone.met is None and milestone.due < today:
                yield catalogue.warning_at(
                    entry,
                    ("contract", "milestones", index, "due"),
                    CODE,
                    f"Milepælen «{milestone.title}» skulle vært nådd {milestone.due}. Følg opp "
                    "med leverandøren, og skriv `met:` med datoen når den er nådd.",
                )
