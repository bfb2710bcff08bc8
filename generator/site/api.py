"""The static JSON API: `/api/v1/<kind>.json` lists every record of a kind with
the fields lists and filters need, and `/api/v1/<kind>/<id>.json` holds the whole
record exactly as the JSON Schema at `/schemas/<kind>.schema.json` describes it.
The list pages' filters read `/api/v1/filters/<kind>.json` (`filters.py`).
Keys sorted, no timestamps: two builds of the same input write the same bytes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.models import CallOff, Dps, Record
from generator.models.kinds import PUBLISHED, Kind
from generator.procurement.states import calloff_state, dps_state
from generator.site import filters, links
from generator.site.gather import Site
from generator.site.links import Linker
from generator.site.views import sections

# Fields copied into the list files: the fixed interface fields of each kind
# (the field names scripts rely on, kept stable under /api/v1/) and what a list shows.
LIST_FIELDS: dict[str, tuple[str, ...]] = {
    "supplier": ("name", "orgnr"),
    "solution": ("name", "supplier", "categories", "summary"),
    "need": ("title", "owner", "published", "phase", "status", "seeking_participants"),
    "experience": ("title", "author", "area", "date", "solution", "need", "calloff", "summary"),
    "dps": ("title", "category", "announced", "request_deadline", "valid_until", "max_value_nok"),
    "calloff": ("title", "dps", "buyer", "published", "tender_deadline", "need"),
}


def dumps(value: Any) -> str:
    """Compact, sorted JSON: the API is read by programs, and at 10,000 records the
    indentation alone was about a quarter of its size (the whole site must stay
    well within GitHub Pages' 1 GB)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def record_json(record: Record) -> dict[str, Any]:
    dumped: dict[str, Any] = record.model_dump(mode="json")
    return dumped


def list_item(kind: Kind[Any], record: Record, site: Site) -> dict[str, Any]:
    dumped = record_json(record)
    item = {"id": record.id, **{key: dumped[key] for key in LIST_FIELDS[kind.name]}}
    item["page"] = links.record_url(kind, record.id)
    item["api"] = links.api_record(kind, record.id)
    if isinstance(record, Dps):
        item["state"] = dps_state(record, site.today)
    if isinstance(record, CallOff):
        item["state"] = calloff_state(record, site.today)
    return item


def files(site: Site) -> Iterator[tuple[str, str]]:
    """(path in the site, text) for every API file."""
    for kind in PUBLISHED:
        records = sorted((e.record for e in site.catalogue.records(kind)), key=lambda r: r.id)
        listing = {
            "kind": kind.name,
            "count": len(records),
            "schema": links.schema_file(kind),
            "records": [list_item(kind, r, site) for r in records],
        }
        yield links.api_list(kind), dumps(listing)
        for record in records:
            yield links.api_record(kind, record.id), dumps(record_json(record))
    for path, value in filters.files(site, list_rows):
        yield path, dumps(value)


def list_rows(kind: Kind[Any], site: Site) -> list[tuple[str, list[str]]]:
    """A filterable list's rows, as HTML written for its first page."""
    link = Linker(site.catalogue, filters.LIST_DOCS[kind.name])
    return [
        (r.id, [str(cell) for cell in sections.list_row(kind, r, site, link)])
        for r in sections.list_records(kind, site)
    ]


def write(site: Site, out: Path) -> list[str]:
    written = []
    for path, text in files(site):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(path)
    return written
