"""`markedsplass check`: load every record, validate it, run the cross-checks, and
return every problem found, sorted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator import catalogue as catalogue_module
from generator import checks
from generator.catalogue import Catalogue
from generator.diagnostics import Diagnostic


def run(root: Path, today: date | None = None) -> tuple[Catalogue, list[Diagnostic]]:
    """`today` is the date the time-dependent rules compare against (from `--today`)."""
    del today  # no rule in this stage depends on the date yet
    catalogue, diagnostics = catalogue_module.load(root)
    diagnostics.extend(checks.run(catalogue))
    return catalogue, sorted(set(diagnostics))
