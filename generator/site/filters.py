"""The filters on the list pages, as data for the browser.

A filterable list (needs, experiences, solutions) shows one page of rows at a time
(generator/site/views/sections.py: 50, with links to the other pages). Two files
serve its filters: `/api/v1/filters/<kind>.json`, the form's controls (a
`<select>` per facet with its options, their Norwegian labels and how many
records carry each, or a checkbox), read when the page opens so the form is drawn;
and `/api/v1/filters/<kind>-poster.json`, the data to filter *every* record,
fetched only when the reader first uses a filter: each record's values per facet,
and every row of the list as HTML. The script
(`generator/site/static/javascripts/filters.js`) then puts all rows in the table
and shows the matching ones, 50 at a time. Without JavaScript the form never
appears and the pages of the list are the whole list.

Keys are Norwegian: they are the names of the form fields and of the query string
that keeps a filtered list's address (`?kommune=4601`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.models import CallOff, Experience, Need, Record, Solution, Supplier, reference
from generator.models.kinds import CALLOFF, EXPERIENCE, NEED, SOLUTION, SUPPLIER, Kind
from generator.norway import identifiers, labels
from generator.site import display, links
from generator.site.gather import Site
from generator.site.links import Linker
from generator.site.views import verification
from generator.site.views.need import phase_name

Value = tuple[str, str]  # (value in the form and the file, label shown)
MUNICIPALITY = "kommune"  # the facet (and query key) for a municipality, on every list


@dataclass(frozen=True, slots=True)
class Facet:
    key: str
    label: str
    any: str | None  # the first option of a select («Alle faser»); None: a checkbox
    values: Callable[[Any, Site], list[Value]]
    order: tuple[str, ...] = ()  # a fixed option order; otherwise by label, Norwegian


_NORWEGIAN = str.maketrans({"æ": "{", "ø": "|", "å": "}", "é": "e", "ü": "u"})


def sort_key(label: str) -> tuple[str, str]:
    """Norwegian alphabetical order: æ, ø, å after z."""
    return label.casefold().translate(_NORWEGIAN), label


def _municipalities(actors: list[str]) -> list[Value]:
    return [
        (actor, display.municipality_name(actor))
        for actor in actors
        if identifiers.KOMMUNENUMMER.fullmatch(actor)
    ]


def _counties(actors: list[str]) -> list[Value]:
    found = reference.municipalities()
    return [
        (found[number].county_number, found[number].county) for number, _ in _municipalities(actors)
    ]


def _categories(ids: tuple[str, ...]) -> list[Value]:
    return [(c, reference.categories()[c].name) for c in ids]


def _yes(flag: bool, label: str) -> list[Value]:
    return [("ja", label)] if flag else []


# ---------------------------------------------------------------- needs


def _need_actors(need: Need, site: Site) -> list[str]:
    return [need.owner, *(p.actor for p in site.catalogue.participants(need))]


NEED_FACETS = (
    Facet(
        "fase",
        "Fase i KS' veikart",
        "Alle faser",
        lambda n, s: [(str(n.phase), phase_name(n.phase))],
        tuple(str(number) for number in sorted(reference.phases())),
    ),
    Facet(
        "status",
        "Status",
        "Alle statuser",
        lambda n, s: [(n.status, labels.NEED_STATUS[n.status])],
        tuple(labels.NEED_STATUS),
    ),
    Facet("omrade", "Område", "Alle områder", lambda n, s: _categories(n.categories)),
    Facet(
        "fylke",
        "Fylke (eier eller deltaker)",
        "Alle fylker",
        lambda n, s: _counties(_need_actors(n, s)),
    ),
    Facet(
        MUNICIPALITY,
        "Kommune (eier eller deltaker)",
        "Alle kommuner",
        lambda n, s: _municipalities(_need_actors(n, s)),
    ),
    Facet(
        "deltakere",
        "Søker deltakere",
        None,
        lambda n, s: _yes(n.seeking_participants, "Søker deltakere"),
    ),
)

# ---------------------------------------------------------------- experiences


def _experience_municipalities(e: Experience, site: Site) -> list[Value]:
    """The municipality that shared the experience, and the buyer of the call-off
    it is about (a supplier's experience from a municipality's call-off)."""
    actors = [e.author]
    if e.calloff is not None:
        actors.append(site.get(CALLOFF, e.calloff, CallOff).buyer)
    return _municipalities(actors)


def _experience_solution(e: Experience, site: Site) -> list[Value]:
    if e.solution is None:
        return []
    return [(e.solution, site.get(SOLUTION, e.solution, Solution).name)]


EXPERIENCE_FACETS = (
    Facet(
        "omrade",
        "Område",
        "Alle områder",
        lambda e, s: [(e.area, reference.experience_areas()[e.area].name)],
        tuple(reference.experience_areas()),
    ),
    Facet("losning", "Løsning", "Alle løsninger", _experience_solution),
    Facet(MUNICIPALITY, "Kommune", "Alle kommuner", _experience_municipalities),
)

# ---------------------------------------------------------------- solutions


def _agreement(s: Solution, site: Site) -> list[Value]:
    found = reference.agreement_types()[s.agreement.type]
    return [(found.id, f"{found.id}: {found.name}")]


def _standards(s: Solution, site: Site) -> list[Value]:
    found = (" ".join(i.standard.split()) for i in s.integrations if i.standard)
    return [(text, text) for text in found if text]


def _supplier(s: Solution, site: Site) -> list[Value]:
    return [(s.supplier, site.get(SUPPLIER, s.supplier, Supplier).name)]


def _verification(s: Solution, site: Site) -> list[Value]:
    found = verification.status(s, site)
    return [(found, verification.STATUS_TEXT[found])]


SOLUTION_FACETS = (
    Facet("kategori", "Kategori", "Alle kategorier", lambda s, site: _categories(s.categories)),
    Facet(
        "verifisering",
        "Verifisering i sandkassen",
        "Alle, verifisert eller ikke",
        _verification,
        tuple(verification.STATUS_TEXT),
    ),
    Facet(
        "avtale",
        "Avtaletype (SSA)",
        "Alle avtaletyper",
        _agreement,
        tuple(reference.agreement_types()),
    ),
    Facet(
        "integrasjoner",
        "Har integrasjoner",
        None,
        lambda s, site: _yes(bool(s.integrations), "Har integrasjoner"),
    ),
    Facet("standard", "Integrasjonsstandard", "Alle standarder", _standards),
    Facet("leverandor", "Leverandør", "Alle leverandører", _supplier),
)

# ---------------------------------------------------------------- the files

FACETS: dict[str, tuple[Facet, ...]] = {
    NEED.name: NEED_FACETS,
    EXPERIENCE.name: EXPERIENCE_FACETS,
    SOLUTION.name: SOLUTION_FACETS,
}
FILTERED: tuple[Kind[Any], ...] = (NEED, EXPERIENCE, SOLUTION)
# the docs file of each filterable list's first page
LIST_DOCS = {
    NEED.name: links.NEEDS,
    EXPERIENCE.name: links.EXPERIENCES,
    SOLUTION.name: links.SOLUTIONS,
}


def path(kind: Kind[Any]) -> str:
    return f"{links.API}/filters/{kind.name}.json"


def list_id(kind: Kind[Any]) -> str:
    return f"liste-{kind.name}"


def data_path(kind: Kind[Any]) -> str:
    return f"{links.API}/filters/{kind.name}-poster.json"


def holder(kind: Kind[Any], link: Linker, *, first_page: str, page_size: int) -> dict[str, Any]:
    """What a list page writes for the script: where its controls are (read at
    once, so the form is drawn) and the data to filter every record (fetched on
    first use), relative to the page's address; the id of the element around the
    table; on a list's later pages, the address of its first page (where a filter
    is applied); and how many rows a page shows (the filters show as many)."""
    up = "../" * links.doc_url(link.here).count("/")
    here_first = links.doc_url(link.here) == first_page
    return {
        "source": up + path(kind),
        "data": up + data_path(kind),
        "list": list_id(kind),
        "first": "" if here_first else (link.url(first_page) or "./"),
        "size": page_size,
    }


def _options(facet: Facet, found: dict[str, list[Value]]) -> list[dict[str, Any]]:
    names: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for values in found.values():
        for value, label in values:
            names.setdefault(value, label)
            counts[value] += 1
    if facet.order:
        rank = {value: index for index, value in enumerate(facet.order)}
        ordered = sorted(names, key=lambda v: (rank.get(v, len(rank)), v))
    else:
        ordered = sorted(names, key=lambda v: (sort_key(names[v]), v))
    return [{"value": v, "label": names[v], "count": counts[v]} for v in ordered]


def _values(kind: Kind[Any], site: Site) -> list[tuple[Facet, dict[str, list[Value]]]]:
    records: list[Record] = [entry.record for entry in site.catalogue.records(kind)]
    found = []
    for facet in FACETS[kind.name]:
        values: dict[str, list[Value]] = {}
        for record in records:
            values[record.id] = list(dict.fromkeys(facet.values(record, site)))  # once each
        found.append((facet, values))
    return found


def controls(kind: Kind[Any], site: Site) -> dict[str, Any]:
    """The form of one list: a control per facet that some record has a value in,
    with each option's label and how many records carry it."""
    facets = []
    for facet, found in _values(kind, site):
        options = _options(facet, found)
        if not options:  # no record has a value here: no control to draw
            continue
        control: dict[str, Any] = {
            "key": facet.key,
            "label": facet.label,
            "control": "select" if facet.any is not None else "checkbox",
            "options": options,
        }
        if facet.any is not None:
            control["any"] = facet.any
        facets.append(control)
    return {
        "kind": kind.name,
        "title": f"Filtrer {kind.plural}",
        "noun": {"one": kind.label, "other": kind.plural},
        "count": sum(1 for _ in site.catalogue.records(kind)),
        "facets": facets,
    }


def listing(kind: Kind[Any], site: Site, rows: list[tuple[str, list[str]]]) -> dict[str, Any]:
    """The filter data of one list, fetched when the reader first uses a filter:
    every record's values per facet, and every row of the list, in the list's
    order, as HTML written for the list's first page."""
    per_record: dict[str, dict[str, list[str]]] = {
        entry.record.id: {} for entry in site.catalogue.records(kind)
    }
    for facet, found in _values(kind, site):
        for record_id, values in found.items():
            if values:
                per_record[record_id][facet.key] = sorted({value for value, _ in values})
    return {
        "kind": kind.name,
        "count": len(per_record),
        "records": per_record,
        "rows": [[record_id, cells] for record_id, cells in rows],
    }


RowsOf = Callable[[Kind[Any], Site], list[tuple[str, list[str]]]]


def files(site: Site, rows_of: RowsOf) -> Iterator[tuple[str, dict[str, Any]]]:
    """The two filter files of every filterable list, as values for the API to
    write: its controls, and the data to filter every record; `rows_of` gives a
    list's rows (generator/site/views/sections.py, which draws them)."""
    for kind in FILTERED:
        yield path(kind), controls(kind, site)
        yield data_path(kind), listing(kind, site, rows_of(kind, site))
