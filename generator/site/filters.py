"""The filters on the list pages, as data for the browser.

Each filterable list (needs, experiences, solutions) gets a filter file,
`/api/v1/filters/<kind>.json`: the controls to draw (a `<select>` per facet with
its options, their Norwegian labels and how many records carry each, or a
checkbox), and for every record id the values it has in each facet. The list
page's rows carry only their record's id (`<tr data-id="…">`); the script
(`generator/site/static/javascripts/filters.js`) reads the file, builds the form
and hides the rows whose record does not match. Without JavaScript the form never
appears and the table is the whole list.

Keys are Norwegian: they are the names of the form fields and of the query string
that keeps a filtered list's address (`?kommune=4601`)."""

from __future__ import annotations

import json
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
        "kommune",
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
    Facet("kommune", "Kommune", "Alle kommuner", _experience_municipalities),
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


def path(kind: Kind[Any]) -> str:
    return f"{links.API}/filters/{kind.name}.json"


def list_id(kind: Kind[Any]) -> str:
    return f"liste-{kind.name}"


def holder(kind: Kind[Any], link: Linker) -> dict[str, str]:
    """What a list page writes for the script: where its filter file is (relative
    to the page's address) and the id of the element around the table it narrows."""
    up = "../" * links.doc_url(link.here).count("/")
    return {"source": up + path(kind), "list": list_id(kind)}


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


def listing(kind: Kind[Any], site: Site) -> dict[str, Any]:
    """The filter file of one list: its controls and every record's values."""
    records: list[Record] = [entry.record for entry in site.catalogue.records(kind)]
    per_record: dict[str, dict[str, list[str]]] = {r.id: {} for r in records}
    facets = []
    for facet in FACETS[kind.name]:
        found: dict[str, list[Value]] = {}
        for record in records:
            values = list(dict.fromkeys(facet.values(record, site)))  # once each, in order
            found[record.id] = values
            if values:
                per_record[record.id][facet.key] = sorted({value for value, _ in values})
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
        "count": len(records),
        "facets": facets,
        "records": per_record,
    }


def dumps(value: Any) -> str:
    """Compact (the file is read by a script, and large lists make it long), keys
    sorted: two builds write the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def files(site: Site) -> Iterator[tuple[str, str]]:
    for kind in FILTERED:
        yield path(kind), dumps(listing(kind, site))
