"""Organisation numbers are unique across suppliers: a company registers once,
and nobody registers a second supplier in another company's name."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import SUPPLIER

CODE = "duplicate-orgnr"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    first: dict[str, str] = {}
    for entry in sorted(catalogue.records(SUPPLIER), key=lambda e: e.path):
        orgnr = entry.record.orgnr
        if orgnr in first:
            yield catalogue.error_at(
                entry,
                ("orgnr",),
                CODE,
                f"Organisasjonsnummeret {orgnr} er allerede registrert for leverandøren "
                f"«{first[orgnr]}» ({SUPPLIER.path(first[orgnr])}). Et selskap registreres "
                "én gang; legg løsningene til under den leverandøren, eller be dens "
                "vedlikeholdere om å føre deg opp under `maintainers`.",
            )
        else:
            first[orgnr] = entry.record.id
