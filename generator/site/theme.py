"""The site's own overrides of Material for MkDocs' templates, kept in
`generator/site/overrides/`: the footer's last line (partials/copyright.html),
which links the accessibility statement from every page, and the 404 page in
Norwegian.

The build adds the folder to the theme itself, after loading the configuration,
rather than naming it as `custom_dir` in `mkdocs.yml`: a `custom_dir` is read
relative to the configuration file, and the same file serves both as the packaged
default (`generator/site/mkdocs.yml`) and as the repository's copy at the root. A
`custom_dir` the configuration does name still comes first."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from generator.site import links

OVERRIDES = "overrides"
# the key under `extra` the footer partial reads the statement's address from
STATEMENT_KEY = "markedsplassen_statement"


def overrides() -> Path:
    return Path(str(resources.files("generator.site").joinpath(OVERRIDES)))


def apply(settings: MkDocsConfig) -> None:
    """Put the overrides in front of Material's templates (behind a configured
    `custom_dir`) and tell the footer where the statement is."""
    theme = settings.theme
    theme.dirs.insert(1 if theme.custom_dir else 0, str(overrides()))
    settings.extra[STATEMENT_KEY] = links.doc_url(links.ACCESSIBILITY)
