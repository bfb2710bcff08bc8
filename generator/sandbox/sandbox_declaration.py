"""A solution's sandbox declaration can be verified: its requirement set and
capabilities exist, and its example resources are `.json` files inside
`catalogue/solutions/<id>/` (no absolute paths, no `..`, no symbolic links)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import SOLUTION
from generator.sandbox import declaration

CODE = "sandbox-declaration"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(SOLUTION):
        solution = entry.record
        _, problems = declaration.resolve(catalogue.root, solution)
        for problem in problems:
            yield catalogue.error_at(entry, problem.loc, CODE, problem.message)
