"""The site's own static files, kept in `generator/site/static/` (the list
filters' script and styles). The build copies them into the docs folder before
MkDocs runs, so MkDocs publishes them as it does any file there, at the same
path; `mkdocs.yml` names them under `extra_javascript` and `extra_css`."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from generator.site import maps

STATIC = "static"


def _walk(folder: Traversable, prefix: str) -> Iterator[tuple[str, Traversable]]:
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_dir():
            yield from _walk(item, f"{prefix}{item.name}/")
        elif not item.name.startswith("."):
            yield f"{prefix}{item.name}", item


def files() -> Iterator[tuple[str, bytes]]:
    """(path in the site, content) for every static file, and the maps' shared
    land layers, drawn from the boundaries (maps.land_files())."""
    for path, item in _walk(resources.files("generator.site").joinpath(STATIC), ""):
        yield path, item.read_bytes()
    yield from maps.land_files()


def write(docs: Path) -> list[str]:
    written = []
    for path, content in files():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(path)
    return written
