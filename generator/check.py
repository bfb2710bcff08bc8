"""`markedsplass check`: load every record, validate it, run the cross-checks, the
rules and the sandbox verification, and return every problem found, sorted."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

from generator import catalogue as catalogue_module
from generator import checks, config, rules, verification
from generator.catalogue import Catalogue
from generator.diagnostics import Diagnostic


def run(root: Path, today: date) -> tuple[Catalogue, list[Diagnostic]]:
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
    diagnostics.extend(verification.run(catalogue))
    return catalogue, sorted(set(diagnostics))
