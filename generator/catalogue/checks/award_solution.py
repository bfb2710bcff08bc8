"""The solution awarded in a call-off exists and belongs to the awarded supplier."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.checks.resolve import unresolved
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models import Solution
from generator.models.kinds import CALLOFF, SOLUTION, SUPPLIER

CODE = "award-solution"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        if calloff.award is None:
            continue
        loc = ("award", "solution")
        found = unresolved(catalogue, entry, loc, SOLUTION, calloff.award.solution, CODE)
        if found:
            yield found
            continue
        solution = catalogue.get(SOLUTION, calloff.award.solution)
        if (
            isinstance(solution, Solution)
            and solution.supplier != calloff.award.supplier
            and catalogue.get(SUPPLIER, solution.supplier) is not None
        ):
            yield catalogue.error_at(
                entry,
                loc,
                CODE,
                f"Løsningen «{solution.id}» tilhører leverandøren «{solution.supplier}»,"
                f" ikke «{calloff.award.supplier}». Velg en løsning fra leverandøren "
                "som fikk kontrakten.",
            )
