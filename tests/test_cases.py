"""Every case folder under tests/cases/ checked against its exact diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.codes import CODES
from tests.support.casefolders import build, case_dirs, expected
from tests.support.paths import TODAY


def _run(case: Path, tmp_path: Path) -> list[str]:
    root = build(case, tmp_path / "root")
    _, diagnostics, _ = pipeline.run(root, TODAY)
    assert all(d.code in CODES for d in diagnostics)
    assert all(d.message and d.line >= 1 and d.column >= 1 for d in diagnostics)
    return [f"{d.path}:{d.line}:{d.column}: {d.severity}[{d.code}]" for d in diagnostics]


@pytest.mark.parametrize("case", case_dirs("valid"), ids=lambda p: p.name)
def test_valid_case_has_no_diagnostics(case: Path, tmp_path: Path) -> None:
    assert _run(case, tmp_path) == []


@pytest.mark.parametrize("case", case_dirs("invalid"), ids=lambda p: p.name)
def test_invalid_case_gives_exactly_its_diagnostics(case: Path, tmp_path: Path) -> None:
    want = expected(case)
    assert want, f"{case.name} has no expected.txt"
    assert _run(case, tmp_path) == want
