"""The maps (generator/site/geography.py, maps.py, views/where.py): the shapes are
Norway's municipalities in a true projection, neighbours still meet after
simplification, a map stays within its budget at the largest catalogue, and the
facts on it stand in the table beside it."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from generator.models import reference
from generator.site import geography, maps
from generator.site.maps import Place
from tests.support.site_pages import parse

OSLO, BAERUM, BERGEN, TROMSO, KRISTIANSAND = "0301", "3201", "4601", "5501", "4204"
STEP = re.compile(r"(-?\d+)\s*(-?\d+)")


def points(path: str) -> set[tuple[int, int]]:
    """The absolute points of a path written as M x y l dx dy … z rings."""
    found = set()
    for ring in re.findall(r"M([^z]*)z", path):
        start, _, steps = ring.partition("l")
        x, y = (int(v) for v in STEP.fullmatch(start.strip()).groups())  # type: ignore[union-attr]
        found.add((x, y))
        for dx, dy in STEP.findall(steps):
            x, y = x + int(dx), y + int(dy)
            found.add((x, y))
    return found


def test_every_municipality_has_a_shape() -> None:
    for detail in (geography.COUNTRY, geography.REGION):
        outline = geography.outline(detail)
        assert set(outline.shapes) == set(reference.municipalities())
        for shape in outline.shapes.values():
            west, north, east, south = shape.box
            assert west <= shape.label[0] <= east and north <= shape.label[1] <= south


def test_the_projection_keeps_distances_and_directions() -> None:
    """UTM 33: Oslo–Bergen is about 305 km as the crow flies, Oslo–Tromsø about
    1,150 km; unprojected longitude and latitude would get both wrong."""
    outline = geography.outline(geography.COUNTRY)
    at = {n: outline.shapes[n].label for n in (OSLO, BERGEN, TROMSO, KRISTIANSAND)}

    def km(a: str, b: str) -> float:
        return math.dist(at[a], at[b]) * outline.detail.unit_m / 1000

    assert 270 < km(OSLO, BERGEN) < 340
    assert 1050 < km(OSLO, TROMSO) < 1250
    assert at[TROMSO][1] < at[OSLO][1] < at[KRISTIANSAND][1]  # north is up
    assert at[BERGEN][0] < at[OSLO][0]  # west is left
    # the country is about 1,190 km wide and 1,490 km tall in this projection
    assert 1100 < outline.width < 1300 and 1400 < outline.height < 1600


@pytest.mark.parametrize("detail", [geography.COUNTRY, geography.REGION])
def test_neighbours_still_meet_after_simplifying(detail: geography.Detail) -> None:
    outline = geography.outline(detail)
    shared = points(outline.shapes[OSLO].path) & points(outline.shapes[BAERUM].path)
    assert len(shared) >= 3  # the border between them, drawn once for both


def test_shading_steps() -> None:
    assert [maps.step(n) for n in (1, 2, 3, 4, 9, 10, 500)] == [1, 2, 2, 3, 3, 4, 4]


def _places(numbers: list[str], text: str = "{}: 12 behov (eier 4, deltar i 8)") -> list[Place]:
    return [
        Place(n, count=i % 12 + 1, href=f"../innovasjonsarenaen/?kommune={n}", text=text.format(n))
        for i, n in enumerate(numbers)
    ]


def _draw(places: list[Place], *, region: bool = False) -> str:
    return str(
        maps.draw(
            places,
            label="Kart",
            unit="behov",
            head=["Eier", "Deltar i"],
            rows=[["4", "8"] for _ in places],
            region=region,
        )
    )


def test_a_map_of_every_municipality_stays_within_the_budget() -> None:
    """The home page at 10,000 records: every municipality a link, with the table."""
    drawn = _draw(_places(sorted(reference.municipalities())))
    assert len(drawn.encode()) <= maps.BUDGET
    assert drawn.count("?kommune=") == 2 * len(reference.municipalities())  # map and table
    assert "© Kartverket" in drawn


def test_a_region_is_cropped_to_its_places_and_far_apart_places_get_the_country() -> None:
    near = _draw(_places([OSLO, BAERUM]), region=True)
    whole = _draw(_places([OSLO, BAERUM]))
    apart = _draw(_places([KRISTIANSAND, TROMSO]), region=True)
    country = geography.outline(geography.COUNTRY)
    assert f'viewBox="0 0 {country.width} {country.height}"' in whole
    assert f'viewBox="0 0 {country.width} {country.height}"' in apart
    view = re.search(r'viewBox="(-?\d+) (-?\d+) (\d+) (\d+)"', near)
    assert view
    region = geography.outline(geography.REGION)
    width_km = int(view.group(3)) * region.detail.unit_m / 1000
    assert maps.SMALLEST_REGION_KM <= width_km < 400  # Oslo and Bærum with their surroundings
    assert len(near) < len(whole)  # only the shapes in view are drawn
    assert near.count("<text ") == 2  # named on a region map


def test_the_owner_is_hatched_and_named_and_the_legend_says_so() -> None:
    places = [
        Place(BERGEN, 1, "a/", "Bergen: eier", owner=True),
        Place(OSLO, 1, "b/", "Oslo: deltaker"),
    ]
    drawn = str(
        maps.draw(
            places,
            label="Eier og deltakere",
            unit="",
            owner="Eier (skravert)",
            member="Deltaker",
            head=["Rolle"],
            rows=[["Eier"], ["Deltaker"]],
            region=True,
        )
    )
    assert 'id="mp-map-hatch"' in drawn and '<a class="mp-map__owner"' in drawn
    assert '<li class="mp-map__key mp-map__key--owner">Eier (skravert)</li>' in drawn
    assert '<li class="mp-map__key mp-map__step3">Deltaker</li>' in drawn
    assert 'class="mp-map__name--owner">Bergen</text>' in drawn


def test_text_on_the_map_is_escaped() -> None:
    hostile = '"><script>alert(1)</script>'
    drawn = _draw(_places([OSLO], text=hostile))
    assert "<script>" not in drawn
    assert "&lt;script&gt;" in drawn


def test_the_example_site_draws_its_maps(example_site: Path) -> None:
    built = example_site
    home = parse(built / "index.html")
    links = [a.get("href") for tag, a in home.tags if tag == "a"]
    filtered = sorted({h for h in links if h and "?kommune=" in h})
    assert filtered and all(h.startswith("innovasjonsarenaen/?kommune=") for h in filtered)
    titles = [t for t in home.text if re.match(r"^\S.*: \d+ behov \(eier \d+, deltar i \d+\)$", t)]
    assert len(titles) == len(filtered)  # each linked place is named on the map
    html = (built / "innovasjonsarenaen" / "kart" / "index.html").read_text("utf-8")
    assert 'class="mp-map__drawing"' in html and "© Kartverket" in html
    need = (built / "need" / "app-for-sarprosedyrer" / "index.html").read_text("utf-8")
    assert 'class="mp-map__owner"' in need and "Drammen kommune: eier" in need
    # a record page refers to the shared land layer rather than carrying it
    shared = re.search(
        r'<use class="mp-map__land" aria-hidden="true" href="\.\./\.\./([^"#]+)#land"/>', need
    )
    assert shared and '<path class="mp-map__land"' not in need
    layer = (built / shared.group(1)).read_text("utf-8")
    assert layer.startswith("<svg ") and '<path id="land" ' in layer
    assert len(points(layer)) > 1000
    pages = sorted((built / "dps").glob("*/index.html"))
    assert any("Kommuner som har gjort uttak" in p.read_text("utf-8") for p in pages)
    for page in [built / "index.html", *pages]:
        before = re.sub(r'<div class="mp-map-beside">.*?</table></div></div>', "", page.read_text())
        assert len(page.read_bytes()) - len(before.encode()) <= maps.BUDGET
