"""Fixtures shared across test modules: the shipped example catalogue, checked and
built once per test session (read-only: tests that change data work on a copy);
for the browser tests, one Chromium per session, the example site served from
127.0.0.1, and watched pages (tests/support/browsing.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from generator import pipeline
from generator.catalogue.gather import Catalogue
from generator.site import build
from tests.support.browsing import ARGS, CHROMIUM, Opener, Served, opener, serve
from tests.support.paths import ROOT, TODAY
from tests.support.shipped import unexpected


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "site"
    report = build(ROOT, out, TODAY)
    assert report.built and unexpected(report.diagnostics) == []
    return out


@pytest.fixture(scope="session")
def example_checked() -> pipeline.Checked:
    checked = pipeline.run(ROOT, TODAY)
    assert unexpected(checked.diagnostics) == []
    return checked


@pytest.fixture(scope="session")
def example_catalogue(example_checked: pipeline.Checked) -> Catalogue:
    return example_checked.catalogue


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def served_site(example_site: Path) -> Iterator[Served]:
    yield from serve(example_site)


@pytest.fixture
def opened(browser: Browser) -> Iterator[Opener]:
    open_, contexts = opener(browser)
    yield open_
    for context in contexts:
        context.close()
