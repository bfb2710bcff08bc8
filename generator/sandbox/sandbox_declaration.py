"""A solution's sandbox declaration can be verified: its requirement set and
capabilities exist, and its example resources are `.json` files inside
`catalogue/solutions/<id>/` (no absolute paths, no `..`, no symbolic links)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import SOLUTION
from generator.sandbox import declaration, requirements

CODE = "sandbox-declaration"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(SOLUTION):
        solution = entry.record
        found, problems = declaration.resolve(catalogue.root, solution)
        for problem in problems:
            yield catalogue.error_at(entry, problem.loc, CODE, problem.message)
        newer = found.requirement_set.superseded_by if found is not None else None
        if found is not None and newer is not None:
            current = requirements.get(newer)
            yield catalogue.warning_at(
                entry,
                ("sandbox", "requirements"),
                CODE,
                f"Kravsettet {found.requirement_set.label} er erstattet av {current.label}, "
                "som følger de offisielle VKP-profilene. Løsningen verifiseres fortsatt mot "
                f"det gamle; skriv `requirements: {current.id}` for å bli verifisert mot det "
                "nye.",
            )
