"""Every page of the site as data: where it goes, which template draws it, its
title, and what the template needs. Gathering all pages comes before writing any
(mkdocs' own rule), so a template bug stops the build before a file is touched."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.models.kinds import EXPERIENCE, NEED, PUBLISHED, SOLUTION, SUPPLIER
from generator.site import filters, links, search_index
from generator.site.gather import Site
from generator.site.links import Linker, record_name
from generator.site.views import (
    calloff,
    dps,
    experience,
    need,
    sections,
    solution,
    statement,
    supplier,
    verification,
)

View = Callable[[Any, Site, Linker], dict[str, Any]]

RECORD_VIEWS: dict[str, View] = {
    "supplier": supplier.context,
    "solution": solution.context,
    "need": need.context,
    "experience": experience.context,
    "dps": dps.context,
    "calloff": calloff.context,
}
# the long lists' views (filterable, and the suppliers), which also draw a list's
# further pages
LIST_VIEWS: dict[str, Callable[[Site, Linker, int], dict[str, Any]]] = {
    NEED.name: sections.needs,
    EXPERIENCE.name: sections.experiences,
    SOLUTION.name: sections.solutions,
    SUPPLIER.name: sections.suppliers,  # paged, not filtered
}
MAP_TITLE = "Behovene på kartet"
KINDS_BY_NAME = {kind.name: kind for kind in (NEED, EXPERIENCE, SOLUTION, SUPPLIER)}

SECTION_VIEWS: dict[str, tuple[str, Callable[[Site, Linker], dict[str, Any]]]] = {
    links.HOME: ("home.md.j2", sections.home),
    links.NEEDS: ("needs.md.j2", sections.needs),
    links.EXPERIENCES: ("experiences.md.j2", sections.experiences),
    links.SOLUTIONS: ("solutions.md.j2", sections.solutions),
    links.SUPPLIERS: ("suppliers.md.j2", sections.suppliers),
    links.PROCUREMENT: ("procurement.md.j2", sections.procurement),
    links.SANDBOX: ("sandbox.md.j2", verification.sandbox_page),
    links.TAKE_PART: ("take-part.md.j2", sections.take_part),
    links.ACCESSIBILITY: ("statement.md.j2", statement.context),
    links.SEARCH: ("search.md.j2", sections.search),
}


@dataclass(frozen=True, slots=True)
class Page:
    doc: str  # path in the docs folder, e.g. need/app-for-sarprosedyrer.md
    template: str
    title: str
    context: dict[str, Any]
    record: tuple[str, str] | None = None  # (kind, id) of a record page


def section_pages(site: Site) -> Iterator[Page]:
    for doc, title in links.SECTIONS:
        template, view = SECTION_VIEWS[doc]
        yield Page(doc, template, title, view(site, Linker(site.catalogue, doc)))
    # the innovation arena's map: its own page, so the list stays light on a phone
    link = Linker(site.catalogue, links.NEEDS_MAP)
    yield Page(links.NEEDS_MAP, "needs-map.md.j2", MAP_TITLE, sections.needs_map(site, link))
    for kind_name, doc in {**filters.LIST_DOCS, SUPPLIER.name: links.SUPPLIERS}.items():
        # a long list's further pages, <list>/side-2/ …
        template, _ = SECTION_VIEWS[doc]
        paged = LIST_VIEWS[kind_name]
        count = sections.page_count(KINDS_BY_NAME[kind_name], site)
        title = dict(links.SECTIONS)[doc]
        for number in range(2, count + 1):
            page_doc = sections.page_doc(doc, number)
            context = paged(site, Linker(site.catalogue, page_doc), number)
            yield Page(page_doc, template, f"{title}, side {number} av {count}", context)


def record_pages(site: Site) -> Iterator[Page]:
    for kind in PUBLISHED:
        for entry in site.catalogue.records(kind):
            record = entry.record
            doc = links.record_doc(kind, record.id)
            link = Linker(site.catalogue, doc)
            context = RECORD_VIEWS[kind.name](record, site, link)
            context["about"] = {
                "kind": kind.label,
                "search_type": search_index.search_type(kind),
                "source": link.external(
                    links.repository_file(site.repository, entry.path), entry.path
                ),
                "edit": link.external(
                    links.repository_file(site.repository, entry.path, "edit"),
                    "Foreslå en endring i posten",
                ),
                "api": link.static(links.api_record(kind, record.id), "JSON"),
                "schema": link.static(links.schema_file(kind), "JSON Schema"),
                "list": link.page(*_list_of(kind.name)),
                "take_part": link.page(links.TAKE_PART, "Slik deltar du"),
            }
            yield Page(
                doc, f"{kind.name}.md.j2", record_name(record), context, (kind.name, record.id)
            )


def _list_of(kind: str) -> tuple[str, str]:
    doc = {
        "supplier": links.SUPPLIERS,
        "solution": links.SOLUTIONS,
        "need": links.NEEDS,
        "experience": links.EXPERIENCES,
        "dps": links.PROCUREMENT,
        "calloff": links.PROCUREMENT,
    }[kind]
    return doc, dict(links.SECTIONS)[doc]


def gather_pages(site: Site) -> list[Page]:
    return [*section_pages(site), *record_pages(site)]
