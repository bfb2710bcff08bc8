"""A need's owner, participants and those asking to join are municipalities or
registered suppliers; its related solutions exist in the catalogue."""

from __future__ import annotations

from collections.abc import Iterator

from generator.catalogue.checks.resolve import unresolved, unresolved_actor
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import JOIN_REQUEST, NEED, SOLUTION

CODE = "need-reference"


def check(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for entry in catalogue.records(NEED):
        need = entry.record
        found = [unresolved_actor(catalogue, entry, ("owner",), need.owner, CODE)]
        found += [
            unresolved_actor(catalogue, entry, ("participants", i, "actor"), p.actor, CODE)
            for i, p in enumerate(need.participants)
        ]
        found += [
            unresolved_actor(catalogue, event, ("actor",), event.record.actor, CODE)
            for event in catalogue.events(JOIN_REQUEST, need.id)
        ]
        found += [
            unresolved(catalogue, entry, ("related_solutions", i), SOLUTION, s, CODE)
            for i, s in enumerate(need.related_solutions)
        ]
        yield from (d for d in found if d)
