"""What the browser tests share (tests/test_browser.py, tests/test_accessibility.py;
the fixtures themselves are in tests/conftest.py): Debian's Chromium driven by
Playwright, a built site served from 127.0.0.1, and pages watched for console
errors, dialogs and requests that leave the local server (answered empty and
recorded: no network).

The browser tests are skipped, with the reason, only when /usr/bin/chromium is
missing and neither `CI` nor `MARKEDSPLASSEN_BROWSER_TESTS` is set (`.ci/run`
installs Chromium and sets the latter, so there the tests always run)."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = bool(os.environ.get("CI") or os.environ.get("MARKEDSPLASSEN_BROWSER_TESTS"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not REQUIRED,
    reason=f"{CHROMIUM} finnes ikke: installer Debians chromium (apt-get install chromium) "
    "for å kjøre nettlesertestene",
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Served:
    url: str  # ends with /
    folder: Path


def serve(folder: Path) -> Iterator[Served]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/", folder)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Watched:
    page: Page
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    dialogs: list[str] = field(default_factory=list)  # alert, confirm, prompt …
    outside: list[str] = field(default_factory=list)  # requests that left the local server


Opener = Callable[..., Watched]


def opener(browser: Browser) -> tuple[Opener, list[BrowserContext]]:
    """A function that opens a watched page in a new context (keyword arguments go
    to `Browser.new_context`), and the contexts it opened, to close afterwards."""
    contexts: list[BrowserContext] = []

    def open_(served: Served, *, javascript: bool = True, **options: Any) -> Watched:
        context = browser.new_context(java_script_enabled=javascript, locale="nb-NO", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page)

        def local_only(route: Route) -> None:
            if route.request.url.startswith(served.url):
                route.continue_()
            else:  # no network: answer empty, and remember it was asked for
                watched.outside.append(route.request.url)
                route.fulfill(status=204, body="")

        def dialog(d: Dialog) -> None:
            watched.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        context.route("**/*", local_only)
        page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
        page.on("dialog", dialog)
        return watched

    return open_, contexts
