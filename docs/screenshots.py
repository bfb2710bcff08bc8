"""Screenshots of the example site for the README, so a newcomer sees what the
site looks like before building it: the home page, a need, a solution and a DPS,
each at 1280 px (a desktop) and 390 px (a phone), in the light palette.

    make screenshots        # or: .venv/bin/python docs/screenshots.py

The example catalogue is built on a fixed day (the day the tests use), served
from 127.0.0.1 and opened in Debian's Chromium; nothing is fetched from
elsewhere. Each picture is the first screen of the page plus what follows, up to
a fixed height, so the fact box, the pictures and the maps are in view."""

from __future__ import annotations

import functools
import sys
import tempfile
import threading
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from generator.site.build import build

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "skjermbilder"
CHROMIUM = "/usr/bin/chromium"
TODAY = date(2026, 11, 28)
PAGES = {
    "forside": "",
    "behov": "need/app-for-sarprosedyrer/",
    "losning": "solution/sarfag-sarjournal/",
    "ordning": "dps/dps-sarbehandling-2026/",
}
WIDTHS = {"1280": (1280, 1600), "390": (390, 1600)}  # width, the height shown


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="skjermbilder-") as folder:
        site = Path(folder) / "site"
        report = build(ROOT, site, TODAY)
        if not report.built:
            sys.exit("Eksempelnettstedet kunne ikke bygges; kjør `make check`.")
        handler = functools.partial(_Quiet, directory=str(site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        OUT.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox"]
                )
                for label, (width, height) in WIDTHS.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": 900},
                        color_scheme="light",
                        reduced_motion="reduce",
                        is_mobile=width < 600,
                    )
                    page = context.new_page()
                    page.route(
                        "**/*",
                        lambda route: (
                            route.continue_()
                            if route.request.url.startswith(base)
                            else route.abort()
                        ),
                    )
                    for name, path in PAGES.items():
                        response = page.goto(base + path, wait_until="networkidle")
                        if response is None or not response.ok:
                            sys.exit(f"/{path} finnes ikke i eksempelnettstedet.")
                        shot = OUT / f"{name}-{label}.png"
                        full = page.evaluate("() => document.documentElement.scrollHeight")
                        page.screenshot(
                            path=str(shot),
                            full_page=True,
                            clip={"x": 0, "y": 0, "width": width, "height": min(full, height)},
                            animations="disabled",
                        )
                        print(shot.relative_to(ROOT))
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    main()
