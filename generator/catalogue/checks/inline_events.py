"""The old inline lists `applications:` in a DPS and `join_requests:` in a need are
refused: each request is a file of its own beside the record, so that any number
of contributors can add one at once. The message names the files to write."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.catalogue.gather import Catalogue, Entry
from generator.diagnostics import Diagnostic, error
from generator.models.kinds import APPLICATION, JOIN_REQUEST, EventKind

CODE = "inline-events"
SHOWN = 3  # files named in the message, at most


def _refuse(
    catalogue: Catalogue, entry: Entry[Any], field: str, kind: EventKind[Any], items: object
) -> Diagnostic:
    listed = items if isinstance(items, list) else []
    files = [
        kind.path(entry.record.id, stem)
        for item in listed
        if isinstance(item, dict) and (stem := kind.stem(item)) is not None
    ]
    if not files:
        files = [kind.path(entry.record.id, f"<{kind.who}>-<ÅÅÅÅ-MM-DD>")]
    shown = ", ".join(files[:SHOWN]) + (
        f" og {len(files) - SHOWN} til" if len(files) > SHOWN else ""
    )
    line, column = catalogue.locate(entry, (field,), key=True)
    return error(
        entry.path,
        line,
        column,
        CODE,
        f"Listen `{field}:` brukes ikke lenger: hver {kind.label} er en egen fil ved siden av "
        f"posten, så mange kan legge til samtidig uten konflikt. Flytt hvert element til sin "
        f"egen fil uten innrykk og uten «- » ({shown}), og fjern `{field}:` herfra.",
    )


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(APPLICATION.parent):
        if entry.record.applications is not None:
            yield _refuse(catalogue, entry, "applications", APPLICATION, entry.record.applications)
    for entry in catalogue.records(JOIN_REQUEST.parent):
        if entry.record.join_requests is not None:
            yield _refuse(
                catalogue, entry, "join_requests", JOIN_REQUEST, entry.record.join_requests
            )
