"""The README's screenshots (docs/screenshots.py): every picture the README shows
is in the repository, each is of a page the example site has, at both widths."""

from __future__ import annotations

import importlib.util
import re
import struct
from pathlib import Path

from tests.support.paths import ROOT

SHOTS = ROOT / "docs" / "skjermbilder"


def _script() -> object:
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs" / "screenshots.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _width(png: Path) -> int:
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width: int = struct.unpack(">I", header[16:20])[0]
    return width


def test_every_screenshot_in_the_readme_is_there_at_its_width(example_site: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    shown = set(re.findall(r"docs/skjermbilder/([\w-]+\.png)", readme))
    script = _script()
    pages: dict[str, str] = script.PAGES  # type: ignore[attr-defined]
    widths: dict[str, tuple[int, int]] = script.WIDTHS  # type: ignore[attr-defined]
    expected = {f"{name}-{label}.png" for name in pages for label in widths}
    assert shown == expected
    for name in expected:
        assert _width(SHOTS / name) == widths[name.rsplit("-", 1)[1].removesuffix(".png")][0]
    for path in pages.values():
        assert (example_site / path / "index.html").is_file(), path
