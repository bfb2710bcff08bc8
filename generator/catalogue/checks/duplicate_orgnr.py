"""Organisation numbers are unique across suppliers: a company registers once,
and nobody registers a second supplier in another company's name."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import SUPPLIER

CODE = "duplicate-orgnr"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    """Every supplier sharing an organisation number with another is reported, each
    naming the others: which of them is the real company is not for the file order
    to decide (an impostor whose id sorts first would otherwise move the error onto
    the real company's file); the pull request that adds the second one fails."""
    by_orgnr: dict[str, list[str]] = {}
    entries = sorted(catalogue.records(SUPPLIER), key=lambda e: e.path)
    for entry in entries:
        by_orgnr.setdefault(entry.record.orgnr, []).append(entry.record.id)
    for entry in entries:
        others = [i for i in by_orgnr[entry.record.orgnr] if i != entry.record.id]
        if not others:
            continue
        named = ", ".join(f"«{i}» ({SUPPLIER.path(i)})" for i in others)
        yield catalogue.error_at(
            entry,
            ("orgnr",),
            CODE,
            f"Organisasjonsnummeret {entry.record.orgnr} er også registrert for leverandøren "
            f"{named}. Et selskap registreres én gang; legg løsningene til under den "
            "leverandøren som er selskapets, eller be dens vedlikeholdere om å føre deg "
            "opp under `maintainers`.",
        )
