"""`markedsplass build`: check the catalogue, then build the site, or write nothing.

The stages run one after the other, each on the previous one's output: check →
gather → shape every page → render every page → write the Markdown → MkDocs →
JSON API and schemas → verify. Everything is written into a temporary folder
beside the output; the output folder is replaced only when the whole site is
there and verified. Output is deterministic: sorted, dated by `today` only."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator import pipeline
from generator.catalogue import config
from generator.diagnostics import Diagnostic, has_errors
from generator.documents import invitation
from generator.models import schema
from generator.procurement import ocds
from generator.site import (
    api,
    assets,
    completeness,
    downloads,
    feeds,
    links,
    mkdocs_build,
    search_index,
)
from generator.site.gather import gather
from generator.site.pages import gather_pages
from generator.site.render import render


class BuildError(RuntimeError):
    """The tool could not build the site (exit 2); the output folder is untouched."""


@dataclass(frozen=True)
class BuildReport:
    diagnostics: list[Diagnostic]
    built: bool  # False: the check found errors, and nothing was written
    out: Path
    pages: int = 0
    records: int = 0
    api_files: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def _looks_like_site(folder: Path) -> bool:
    return (folder / "index.html").is_file() or (folder / "sitemap.xml").is_file()


def _guard(root: Path, out: Path) -> None:
    """Refuse an output folder whose replacement would delete anything but a site."""
    resolved, home = out.resolve(), root.resolve()
    if resolved == home or resolved in home.parents:
        raise BuildError(f"--out {out} er katalogens rot eller en mappe over den; velg site/.")
    if out.exists():
        if not out.is_dir():
            raise BuildError(f"--out {out} finnes og er ikke en mappe.")
        if any(out.iterdir()) and not _looks_like_site(out):
            raise BuildError(
                f"--out {out} finnes og ser ikke ut som et bygget nettsted (ingen index.html); "
                "velg en annen mappe eller slett den selv."
            )


def _replace(built: Path, out: Path, staging: Path) -> None:
    old = staging / "forrige"
    if out.exists():
        os.replace(out, old)
    try:
        os.replace(built, out)
    except OSError:
        if old.exists():
            os.replace(old, out)
        raise


def build(root: Path, out: Path, today: date, *, strict: bool = False) -> BuildReport:
    """Check `root` as of `today`; when it is valid, build the site into `out`.

    Returns the check's diagnostics with `built=False` (nothing written) when the
    catalogue has errors, or warnings with `strict`. Raises `NotACatalogue` or
    `BuildError` for tool failures."""
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str, since: float) -> float:
        now = time.perf_counter()
        timings[stage] = round(now - since, 3)
        return now

    catalogue, diagnostics, verification = pipeline.run(root, today)
    if has_errors(diagnostics, strict=strict) or any(catalogue.broken.values()):
        return BuildReport(diagnostics, built=False, out=out)
    mark = lap("check", started)
    _guard(root, out)
    settings, _ = config.load(root)  # checked with the catalogue above
    site = gather(catalogue, today, settings.repository, verification)
    try:
        pages = gather_pages(site)
        mark = lap("shape", mark)
        texts = [(page.doc, render(page)) for page in pages]
        mark = lap("render", mark)
    except Exception as exc:  # a view or template bug: nothing has been written
        raise BuildError(f"Sidene kunne ikke lages: {type(exc).__name__}: {exc}") from exc
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-bygg-", dir=out.parent))
    try:
        docs, built = staging / "docs", staging / "site"
        for doc, text in texts:
            target = docs / doc
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        assets.write(docs)
        mark = lap("write", mark)
        try:
            mkdocs_build.run(mkdocs_build.config_file(root), docs, built, today)
        except mkdocs_build.MkDocsFailed as exc:
            raise BuildError(str(exc)) from exc
        mark = lap("mkdocs", mark)
        try:
            search_index.write(built)
        except search_index.SearchIndexFailed as exc:
            raise BuildError(str(exc)) from exc
        mark = lap("search", mark)
        api_files = api.write(site, built)
        schema.write(built / links.SCHEMAS)
        mark = lap("api", mark)
        try:
            downloads.write(site, root, built)
        except (ocds.ExportError, invitation.InvitationError) as exc:
            raise BuildError(f"Nedlastingene kunne ikke lages: {exc}") from exc
        mark = lap("downloads", mark)
        try:
            feeds.write(site, root, built)
        except feeds.FeedError as exc:
            raise BuildError(str(exc)) from exc
        mark = lap("feeds", mark)
        try:
            completeness.check(site, pages, built)
        except completeness.Incomplete as exc:
            raise BuildError(str(exc)) from exc
        _replace(built, out, staging)
        lap("verify", mark)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    records = sum(1 for page in pages if page.record)
    return BuildReport(
        diagnostics,
        built=True,
        out=out,
        pages=len(pages),
        records=records,
        api_files=len(api_files),
        seconds=round(time.perf_counter() - started, 3),
        timings=timings,
    )
