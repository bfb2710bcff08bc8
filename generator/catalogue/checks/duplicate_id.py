"""Every record of a kind has its own id, compared after Unicode NFC and case
folding, so two files cannot clash on a case-insensitive file system or in a URL."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import KINDS

CODE = "duplicate-id"


def _key(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for kind in KINDS:
        first: dict[str, str] = {}
        for entry in catalogue.records(kind):
            for name in sorted({entry.record.id, entry.stem}):
                key = _key(name)
                other = first.setdefault(key, entry.path)
                if other != entry.path:
                    yield catalogue.error_at(
                        entry,
                        ("id",),
                        CODE,
                        f"Id-en «{name}» er allerede brukt av {other}. Gi posten en "
                        "annen id, og filen et navn som er lik den nye id-en.",
                    )
                    break
