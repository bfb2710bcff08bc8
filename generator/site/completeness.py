"""Nothing lost: before the built site replaces the published one, every record
must have its page and its API entry, and every page its HTML file."""

from __future__ import annotations

import json
from pathlib import Path

from generator.models.kinds import PUBLISHED
from generator.site import links
from generator.site.gather import Site
from generator.site.pages import Page


class Incomplete(RuntimeError):
    """The generator lost something on the way: a tool failure."""


def html_file(site_dir: Path, doc: str) -> Path:
    return site_dir / links.doc_url(doc) / "index.html"


def missing(site: Site, pages: list[Page], site_dir: Path) -> list[str]:
    problems = []
    docs = [page.doc for page in pages]
    if len(set(docs)) != len(docs):
        problems.append("to sider har samme sti")
    with_page = {page.record for page in pages if page.record}
    for kind in PUBLISHED:
        listed_file = site_dir / links.api_list(kind)
        listed = (
            {item["id"] for item in json.loads(listed_file.read_text("utf-8"))["records"]}
            if listed_file.is_file()
            else set()
        )
        for entry in site.catalogue.records(kind):
            record_id = entry.record.id
            if (kind.name, record_id) not in with_page:
                problems.append(f"{entry.path}: ingen side laget")
            if not html_file(site_dir, links.record_doc(kind, record_id)).is_file():
                problems.append(f"{entry.path}: {links.record_url(kind, record_id)} mangler")
            if not (site_dir / links.api_record(kind, record_id)).is_file():
                problems.append(f"{entry.path}: {links.api_record(kind, record_id)} mangler")
            if record_id not in listed:
                problems.append(f"{entry.path}: mangler i {links.api_list(kind)}")
        if not (site_dir / links.schema_file(kind)).is_file():
            problems.append(f"{links.schema_file(kind)} mangler")
    for page in pages:
        if not html_file(site_dir, page.doc).is_file():
            problems.append(f"{page.doc}: ingen HTML-fil")
    return problems


def check(site: Site, pages: list[Page], site_dir: Path) -> None:
    problems = missing(site, pages, site_dir)
    if problems:
        raise Incomplete("Bygget er ufullstendig:\n  " + "\n  ".join(problems))
