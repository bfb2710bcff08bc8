"""Norway's municipalities as shapes to draw: the boundaries in
`generator/data/kommuner-2024.topojson` (© Kartverket, CC BY 4.0; see KILDE.md),
projected and simplified once per build for the maps (maps.py).

- Projection: UTM zone 33N on ETRS89 (EPSG:25833), the projection Kartverket's
  own maps of the whole country use, by pyproj (PROJ). Longitude and latitude
  drawn as they are would stretch the north to twice its width.
- Simplification: TopoJSON keeps each border once, as an arc shared by the two
  municipalities on either side. Each arc is simplified once (Douglas–Peucker, by
  shapely), keeping its end points, so neighbours still meet without gaps or
  overlaps. Islands too small to see at the detail's scale are left out; the
  largest piece of every municipality is always kept.
- Coordinates are whole units of the detail (1 km for the whole country, 250 m
  for a region), counted from the country's north-west corner, so a region is a
  part of the same drawing: the map's viewBox picks it.

A broken boundary file is a tool failure (DataFileError), like the other
reference data; every municipality in the reference list must have a shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict, ValidationError
from pyproj import Transformer
from shapely.geometry import LineString, Polygon

from generator.models import data_files, reference
from generator.models.data_files import DataFileError

BOUNDARIES = "kommuner-2024.topojson"
CREDIT = "© Kartverket"
UTM33 = "EPSG:25833"

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Detail:
    """How finely the shapes are drawn: the unit of the coordinates, the largest
    deviation simplification may make, and the smallest island kept."""

    name: str
    unit_m: int
    tolerance_m: float
    smallest_island_km2: float


COUNTRY = Detail("country", 1000, 1500.0, 6.0)
REGION = Detail("region", 250, 300.0, 0.5)


@dataclass(frozen=True, slots=True)
class Shape:
    number: str
    name: str
    path: str  # SVG path data, in the detail's units
    box: tuple[int, int, int, int]  # west, north, east, south (y grows southwards)
    label: tuple[int, int]  # a point inside the largest piece, for a name


@dataclass(frozen=True, slots=True)
class Outline:
    detail: Detail
    width: int
    height: int
    shapes: dict[str, Shape]  # by kommunenummer


# ---------------------------------------------------------------- the file


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Properties(_Model):
    kommunenummer: str


class _Geometry(_Model):
    type: Literal["Polygon", "MultiPolygon"]
    arcs: list[list[int]] | list[list[list[int]]]
    properties: _Properties

    def polygons(self) -> list[list[list[int]]]:
        """Each polygon's rings, as arc indices (~i: arc i backwards)."""
        if self.type == "Polygon":
            return [cast(list[list[int]], self.arcs)]
        return cast(list[list[list[int]]], self.arcs)


class _Collection(_Model):
    geometries: list[_Geometry]


class _Transform(_Model):
    scale: tuple[float, float]
    translate: tuple[float, float]


class _Topology(_Model):
    type: Literal["Topology"]
    objects: dict[str, _Collection]
    arcs: list[list[tuple[float, float]]]
    transform: _Transform | None = None


@cache
def _topology() -> _Topology:
    try:
        return _Topology.model_validate(json.loads(data_files.read(BOUNDARIES)))
    except (ValueError, ValidationError) as exc:
        raise DataFileError(f"generator/data/{BOUNDARIES} kan ikke leses: {exc}") from None


def _arcs(topology: _Topology) -> list[list[Point]]:
    """The arcs in longitude and latitude (a quantized file's deltas decoded)."""
    if topology.transform is None:
        return [list(arc) for arc in topology.arcs]
    (sx, sy), (tx, ty) = topology.transform.scale, topology.transform.translate
    decoded = []
    for arc in topology.arcs:
        x = y = 0.0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


# ---------------------------------------------------------------- projecting


@cache
def _projected() -> tuple[list[list[Point]], tuple[float, float, float, float]]:
    """Every arc in UTM 33 metres, and the country's extent (west, south, east, north)."""
    to_utm = Transformer.from_crs("EPSG:4326", UTM33, always_xy=True)
    arcs = []
    for arc in _arcs(_topology()):
        xs, ys = to_utm.transform([p[0] for p in arc], [p[1] for p in arc])
        arcs.append(list(zip(xs, ys, strict=True)))
    every = [p for arc in arcs for p in arc]
    if not every:
        raise DataFileError(f"generator/data/{BOUNDARIES} har ingen grenser")
    xs = [p[0] for p in every]
    ys = [p[1] for p in every]
    return arcs, (min(xs), min(ys), max(xs), max(ys))


def _simplified(arc: list[Point], tolerance: float) -> list[Point]:
    line = LineString(arc)
    closed = len(arc) > 3 and arc[0] == arc[-1]
    # a closed arc (an island, an enclave's border) keeps its shape as a ring
    simple = line.simplify(tolerance, preserve_topology=closed)
    points = [(float(x), float(y)) for x, y in simple.coords]
    return points if not closed or len(points) >= 4 else arc


def _area(ring: list[tuple[int, int]]) -> float:
    """The ring's area in square units (shoelace)."""
    total = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def _path(rings: list[list[tuple[int, int]]]) -> str:
    """SVG path data: each ring from an absolute start, then relative steps."""
    parts = []
    for ring in rings:
        (x0, y0), steps, (px, py) = ring[0], [], ring[0]
        for x, y in ring[1:]:
            steps.append(f"{x - px} {y - py}")
            px, py = x, y
        parts.append(f"M{x0} {y0}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


@cache
def outline(detail: Detail) -> Outline:
    """Every municipality's shape at `detail`."""
    arcs, (west, south, east, north) = _projected()
    unit = detail.unit_m
    simple = [_simplified(arc, detail.tolerance_m) for arc in arcs]

    def grid(point: Point) -> tuple[int, int]:
        return round((point[0] - west) / unit), round((north - point[1]) / unit)

    def ring(indices: list[int]) -> list[tuple[int, int]]:
        points: list[tuple[int, int]] = []
        for index in indices:
            arc = simple[index] if index >= 0 else simple[~index][::-1]
            for point in arc[1:] if points else arc:
                cell = grid(point)
                if not points or cell != points[-1]:
                    points.append(cell)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        return points

    smallest = detail.smallest_island_km2 * 1e6 / unit**2
    names = reference.municipalities()
    shapes: dict[str, Shape] = {}
    for geometry in _topology().objects["Kommuner"].geometries:
        number = geometry.properties.kommunenummer
        pieces = [[ring(r) for r in polygon] for polygon in geometry.polygons()]
        pieces = [[r for r in piece if len(r) >= 3] for piece in pieces]
        pieces = [piece for piece in pieces if piece]
        if not pieces or number not in names:
            raise DataFileError(
                f"generator/data/{BOUNDARIES}: kommune {number} er ukjent eller tom"
            )
        largest = max(pieces, key=lambda piece: _area(piece[0]))
        kept = [
            [r for r in piece if _area(r) >= smallest or r is piece[0]]
            for piece in pieces
            if piece is largest or _area(piece[0]) >= smallest
        ]
        rings = [r for piece in kept for r in piece]
        xs = [x for r in rings for x, _ in r]
        ys = [y for r in rings for _, y in r]
        inside = Polygon(largest[0], largest[1:]).buffer(0).representative_point()
        shapes[number] = Shape(
            number=number,
            name=names[number].name,
            path=_path(rings),
            box=(min(xs), min(ys), max(xs), max(ys)),
            label=(round(inside.x), round(inside.y)),
        )
    missing = sorted(set(names) - set(shapes))
    if missing:
        raise DataFileError(f"generator/data/{BOUNDARIES} mangler kommunene {', '.join(missing)}")
    return Outline(
        detail=detail,
        width=round((east - west) / unit),
        height=round((north - south) / unit),
        shapes=shapes,
    )
