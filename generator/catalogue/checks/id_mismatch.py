"""A record's `id` equals its file name without `.yaml`."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import KINDS
from generator.norway.identifiers import is_slug

CODE = "id-mismatch"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for kind in KINDS:
        for entry in catalogue.records(kind):
            # a file name that is no id at all is reported by the loader
            if entry.record.id != entry.stem and is_slug(entry.stem):
                yield catalogue.error_at(
                    entry,
                    ("id",),
                    CODE,
                    f"Id-en «{entry.record.id}» er ikke lik filnavnet. Skriv "
                    f"`id: {entry.stem}`, eller gi filen navnet "
                    f"{entry.record.id}.yaml.",
                )
