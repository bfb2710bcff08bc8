"""The whole check (`markedsplass check`, and the first step of every command that
reads the catalogue): load every record, validate it, run the cross-checks, the
procurement rules and the sandbox's verification stage, and return the catalogue
with every problem found, sorted, and the sandbox's reports."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import NamedTuple

from generator.catalogue import checks, config
from generator.catalogue import gather as catalogue_module
from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.procurement import rules
from generator.sandbox import not_verified, sandbox_declaration
from generator.sandbox.report import Report


class Checked(NamedTuple):
    catalogue: Catalogue
    diagnostics: list[Diagnostic]
    # sandbox reports by solution id, for every solution whose declaration could be
    # resolved: "verified" on the site comes from here and nowhere else
    verification: dict[str, Report]


def run(root: Path, today: date) -> Checked:
    """`today` is the date the time-dependent rules compare against (from `--today`)."""
    # The records loaded hold no reference cycles; with the cyclic collector on, its
    # passes over everything already loaded make the load grow faster than linearly.
    collecting = gc.isenabled()
    gc.disable()
    try:
        catalogue, diagnostics = catalogue_module.load(root)
    finally:
        if collecting:
            gc.enable()
    diagnostics.extend(config.load(root)[1])
    diagnostics.extend(checks.run(catalogue))
    diagnostics.extend(rules.run(catalogue, today))
    diagnostics.extend(sandbox_declaration.check(catalogue))
    verification, unverified = not_verified.run(catalogue)
    diagnostics.extend(unverified)
    return Checked(catalogue, sorted(set(diagnostics)), verification)
