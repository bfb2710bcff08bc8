"""Turning the Markdown pages into HTML with MkDocs and Material for MkDocs, run
in-process in strict mode: any MkDocs warning (a broken link between pages, a
page missing from the navigation config) is a bug in the generator and stops the
build. The configuration is the repository's `mkdocs.yml`, or the packaged
default (`generator/site/mkdocs.yml`, the same file) for a catalogue without one.
`docs_dir` and `site_dir` are always the build's own temporary folders."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from generator.site import search_scope, theme

CONFIG = "mkdocs.yml"


class MkDocsFailed(RuntimeError):
    pass


def default_config() -> Path:
    return Path(str(resources.files("generator.site").joinpath(CONFIG)))


def config_file(root: Path) -> Path:
    own = root / CONFIG
    return own if own.is_file() else default_config()


def site_url(config: Path) -> str | None:
    """The configuration's `site_url`, ending in a slash, read with MkDocs' own YAML
    loader (as the build reads the file); None when it has none."""
    with config.open("rb") as stream:
        value = yaml_load(stream).get("site_url")
    if not isinstance(value, str) or not value:
        return None
    return value if value.endswith("/") else value + "/"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _source_date(today: date) -> Iterator[None]:
    """MkDocs dates the sitemap from SOURCE_DATE_EPOCH (reproducible builds); the
    site is built for `today`, so that is its date, and no clock leaks in."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def run(config: Path, docs: Path, site: Path, today: date) -> None:
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    try:
        with _source_date(today):
            settings = load_config(
                config_file=str(config), docs_dir=str(docs), site_dir=str(site), strict=True
            )
            settings.plugins[search_scope.NAME] = search_scope.SearchScope()
            theme.apply(settings)
            mkdocs_build(settings)
    except (MkDocsException, OSError) as exc:
        details = "".join(f"\n  {m}" for m in collect.messages)
        raise MkDocsFailed(f"MkDocs stoppet ({config}): {exc}{details}") from exc
    finally:
        logger.removeHandler(collect)
