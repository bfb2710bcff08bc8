"""Fixtures shared across test modules: the shipped example catalogue, checked and
built once per test session (read-only: tests that change data work on a copy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import check
from generator.catalogue import Catalogue
from generator.site import build
from tests.shipped import unexpected

ROOT = Path(__file__).parents[1]
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "site"
    report = build(ROOT, out, TODAY)
    assert report.built and unexpected(report.diagnostics) == []
    return out


@pytest.fixture(scope="session")
def example_catalogue() -> Catalogue:
    found, diagnostics = check.run(ROOT, TODAY)
    assert unexpected(diagnostics) == []
    return found
