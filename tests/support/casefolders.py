"""Build a case tree: the minimal valid catalogue in `tests/cases/_base/`, overlaid with
the files of one case folder. A case may remove base files by listing them in
`delete.txt`; `expected.txt` holds its exact diagnostics, one
`path:line:col: severity[code]` per line."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.paths import ROOT

CASES = ROOT / "tests" / "cases"
BASE = CASES / "_base"
META = {"expected.txt", "delete.txt", "README.md"}


def case_dirs(group: str) -> list[Path]:
    return sorted(p for p in (CASES / group).iterdir() if p.is_dir())


def build(case: Path, root: Path) -> Path:
    shutil.copytree(BASE, root, symlinks=True)
    for source in sorted(case.rglob("*")):
        rel = source.relative_to(case)
        if str(rel) in META or (source.is_dir() and not source.is_symlink()):
            continue
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        if source.is_symlink():
            target.symlink_to(source.readlink())
        else:
            shutil.copyfile(source, target)
    deletions = case / "delete.txt"
    if deletions.exists():
        for line in deletions.read_text(encoding="utf-8").split():
            (root / line).unlink()
    return root


def expected(case: Path) -> list[str]:
    path = case / "expected.txt"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]
