"""Checks that look across records, one module each with a stable code, listed in
one explicit registry (in the manner of yamllint's rules)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.catalogue.checks import (
    award_solution,
    calloff_reference,
    calloff_supplier,
    dps_reference,
    duplicate_id,
    duplicate_orgnr,
    event_file_name,
    experience_reference,
    id_mismatch,
    inline_events,
    need_reference,
    solution_reference,
)
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic

Check = Callable[[Catalogue], Iterator[Diagnostic]]

REGISTRY: dict[str, Check] = {
    duplicate_id.CODE: duplicate_id.check,
    id_mismatch.CODE: id_mismatch.check,
    solution_reference.CODE: solution_reference.check,
    need_reference.CODE: need_reference.check,
    experience_reference.CODE: experience_reference.check,
    dps_reference.CODE: dps_reference.check,
    calloff_reference.CODE: calloff_reference.check,
    calloff_supplier.CODE: calloff_supplier.check,
    award_solution.CODE: award_solution.check,
    inline_events.CODE: inline_events.check,
    event_file_name.CODE: event_file_name.check,
    duplicate_orgnr.CODE: duplicate_orgnr.check,
}


def run(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for check in REGISTRY.values():
        yield from check(catalogue)
