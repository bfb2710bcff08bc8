"""`generator.site.filters`: the filter files the list pages' script reads, and
the list pages' rows it matches them to (no browser here: tests/test_browser.py
drives the script itself)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from generator import pipeline
from generator.models.kinds import EXPERIENCE, NEED, SOLUTION, Kind
from generator.site import api, filters, links
from generator.site.gather import Site, gather
from generator.site.pages import gather_pages
from generator.site.render import render
from tests.support.paths import ROOT, TODAY
from tests.support.shipped import unexpected

LISTS = {NEED.name: links.NEEDS, EXPERIENCE.name: links.EXPERIENCES, SOLUTION.name: links.SOLUTIONS}


@pytest.fixture(scope="module")
def site() -> Site:
    catalogue, diagnostics, _ = pipeline.run(ROOT, TODAY)
    assert unexpected(diagnostics) == []
    return gather(catalogue, TODAY)


def both(kind: Kind[Any], site: Site) -> dict[str, Any]:
    """A list's controls with the data to filter every record (fetched on first
    use)."""
    return {
        **filters.controls(kind, site),
        **filters.listing(kind, site, api.list_rows(kind, site)),
    }


def facet(listing: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in listing["facets"] if f["key"] == key)
    return found


def options(listing: dict[str, Any], key: str) -> list[tuple[str, str, int]]:
    return [(o["value"], o["label"], o["count"]) for o in facet(listing, key)["options"]]


def test_the_facets_each_list_asks_for(site: Site) -> None:
    keys = {kind.name: [f["key"] for f in both(kind, site)["facets"]] for kind in filters.FILTERED}
    assert keys == {
        # KS phase, status, area, county, municipality, seeking participants
        "need": ["fase", "status", "omrade", "fylke", "kommune", "deltakere"],
        # area, solution, municipality
        "experience": ["omrade", "losning", "kommune"],
        # category, agreement type (SSA), integrations, supplier; verification
        # status waits for issue 5
        "solution": [
            "kategori",
            "verifisering",
            "avtale",
            "integrasjoner",
            "standard",
            "leverandor",
        ],
    }


def test_a_need_matches_by_its_owner_and_participants(site: Site) -> None:
    listing = both(NEED, site)
    assert listing["records"]["app-for-sarprosedyrer"] == {
        "fase": ["5"],
        "status": ["procured"],
        "omrade": ["sarbehandling"],
        "fylke": ["15", "33", "46"],  # Møre og Romsdal, Buskerud, Vestland
        "kommune": ["1506", "3301", "4601"],  # Molde, Drammen (owner), Bergen
    }
    assert listing["records"]["fallvarsling-med-sensorer"]["deltakere"] == ["ja"]
    assert facet(listing, "deltakere")["control"] == "checkbox"
    assert "any" not in facet(listing, "deltakere")
    assert facet(listing, "fase")["any"] == "Alle faser"
    # phases and statuses in their own order, places alphabetically (æ, ø, å last)
    assert [v for v, _, _ in options(listing, "fase")] == ["1", "2", "3", "4", "5", "6"]
    assert [v for v, _, _ in options(listing, "status")][:2] == ["open", "in-progress"]
    counties = [label for _, label, _ in options(listing, "fylke")]
    assert counties.index("Troms") < counties.index("Trøndelag") < counties.index("Vestfold")
    assert ("3407", "Gjøvik kommune", 2) in options(listing, "kommune")
    assert listing["noun"] == {"one": "behov", "other": "behov"}
    assert listing["title"] == "Filtrer behov"
    assert listing["count"] == len(listing["records"]) == 6


def test_experiences_and_solutions(site: Site) -> None:
    experiences = both(EXPERIENCE, site)
    assert ("sarfag-sarjournal", "Sårjournal", 4) in options(experiences, "losning")
    # a supplier's experience from Bergen's call-off is found under Bergen too
    assert experiences["records"]["sarfag-innforing-i-bergen"]["kommune"] == ["4601"]
    solutions = both(SOLUTION, site)
    assert solutions["records"]["sarfag-sarjournal"]["leverandor"] == ["sarfag"]
    assert ("sarbehandling", "Sårbehandling og sårprosedyrer", 4) in options(solutions, "kategori")
    assert ("SSA-V", "SSA-V: Vedlikeholdsavtalen", 1) in options(solutions, "avtale")
    assert ("FHIR R4", "FHIR R4", 2) in options(solutions, "standard")


def test_sort_key_is_norwegian() -> None:
    names = ["Ås", "Ørland", "Aremark", "Ærøy", "Zeta", "bø"]
    assert sorted(names, key=filters.sort_key) == ["Aremark", "bø", "Zeta", "Ærøy", "Ørland", "Ås"]


def _list_page(site: Site, kind: Kind[Any]) -> str:
    page = next(p for p in gather_pages(site) if p.doc == LISTS[kind.name])
    return render(page)


@pytest.mark.parametrize("kind", filters.FILTERED, ids=lambda k: k.name)
def test_every_row_of_a_list_is_in_its_filter_file(site: Site, kind: Kind[Any]) -> None:
    text = _list_page(site, kind)
    rows = re.findall(r'<tr data-id="([^"]+)">', text)
    assert sorted(rows) == sorted(both(kind, site)["records"]) == site.catalogue.ids(kind)
    holder = re.search(r'<div class="mp-filter" ([^>]*) hidden></div>', text)
    assert holder is not None
    assert f'data-filter-source="../{filters.path(kind)}"' in holder.group(1)
    assert f'data-filter-list="liste-{kind.name}"' in holder.group(1)
    assert f'data-filter-data="../{filters.data_path(kind)}"' in holder.group(1)
    assert "data-filter-first" not in holder.group(1)  # the list's first page
    assert f'<div class="mp-liste" id="liste-{kind.name}"><table><thead>' in text


def test_the_files_are_compact_sorted_and_repeatable(site: Site) -> None:
    def written() -> dict[str, str]:
        return {path: text for path, text in api.files(site) if "/filters/" in path}

    first, second = written(), written()
    assert first == second
    assert sorted(first) == sorted(
        f"api/v1/filters/{k}{part}.json"
        for k in ("experience", "need", "solution")
        for part in ("", "-poster")
    )
    for text in first.values():
        assert (
            text
            == json.dumps(
                json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":")
            )
            + "\n"
        )
