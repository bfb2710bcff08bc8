"""Checks that look across records, one module each with a stable code, listed in
one explicit registry (in the manner of yamllint's rules)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.catalogue import Catalogue
from generator.checks import (
    award_solution,
    calloff_dps,
    calloff_suppliers,
    dps_refs,
    experience_refs,
    file_names,
    need_refs,
    sandbox_declaration,
    solution_refs,
    unique_ids,
)
from generator.diagnostics import Diagnostic

Check = Callable[[Catalogue], Iterator[Diagnostic]]

REGISTRY: dict[str, Check] = {
    unique_ids.CODE: unique_ids.check,
    file_names.CODE: file_names.check,
    solution_refs.CODE: solution_refs.check,
    need_refs.CODE: need_refs.check,
    experience_refs.CODE: experience_refs.check,
    dps_refs.CODE: dps_refs.check,
    calloff_dps.CODE: calloff_dps.check,
    calloff_suppliers.CODE: calloff_suppliers.check,
    award_solution.CODE: award_solution.check,
    sandbox_declaration.CODE: sandbox_declaration.check,
}


def run(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for check in REGISTRY.values():
        yield from check(catalogue)
