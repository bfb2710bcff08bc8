"""The example catalogue's record files: copied for tests that change them, and
read as plain YAML values."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from generator.loading import yaml_files
from generator.models.kinds import KINDS, Kind
from tests.support.paths import ROOT


def copy_catalogue(target: Path) -> Path:
    """Copy the example catalogue's record folders into `target`, returned."""
    for kind in KINDS:
        shutil.copytree(ROOT / kind.folder, target / kind.folder)
    return target


def read_records(root: Path, kind: Kind[Any]) -> list[tuple[str, Any]]:
    """Each record file of `kind` under `root` as (relative path, YAML value)."""
    rows = []
    for path in sorted((root / kind.folder).glob("*.yaml")):
        rel = str(path.relative_to(root))
        document, diagnostics = yaml_files.read(root, rel)
        assert diagnostics == [] and document is not None
        rows.append((rel, document.value))
    return rows
