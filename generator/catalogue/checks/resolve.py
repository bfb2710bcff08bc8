"""Resolving one reference from a record to another, shared by the reference checks."""

from __future__ import annotations

from typing import Any

from generator.catalogue.gather import Catalogue, Located
from generator.diagnostics import Diagnostic
from generator.loading.yaml_files import Loc
from generator.models.kinds import SUPPLIER, Kind


def unresolved(
    catalogue: Catalogue, entry: Located, loc: Loc, target: Kind[Any], value: str, code: str
) -> Diagnostic | None:
    """A diagnostic when `value` names no record of kind `target`, else None."""
    if catalogue.known(target, value):
        return None
    close = catalogue.suggest(target, value)
    hint = f" Mente du «{close}»?" if close else ""
    return catalogue.error_at(
        entry,
        loc,
        code,
        f"«{value}» finnes ikke blant {target.plural} i {target.folder}/.{hint} Skriv "
        f"id-en til {target.article} registrert {target.label}, eller legg til "
        f"{target.folder}/{value}.yaml først.",
    )


def unresolved_actor(
    catalogue: Catalogue, entry: Located, loc: Loc, value: str, code: str
) -> Diagnostic | None:
    """An actor is a kommunenummer (checked by the model) or a supplier id."""
    if value.isdigit():
        return None
    return unresolved(catalogue, entry, loc, SUPPLIER, value, code)
