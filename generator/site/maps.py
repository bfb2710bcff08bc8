"""Maps of who takes part where: Norway's municipalities drawn by the build as
inline SVG (no tiles, nothing fetched), from the shapes in geography.py, with
the same facts in a table beside the map (WCAG 1.1.1).

- A place on the map is a municipality with something to show: a link (to a
  list filtered to it, or its record) whose accessible name and tooltip say
  what it is («Bergen: 3 behov»). The other municipalities are one background
  shape, hidden from assistive technology.
- Shading says how many, in four steps named in the legend, and a dot on each
  place, larger with the count, keeps a small municipality (Oslo's neighbours on
  a map of the whole country) visible and easy to hit; the owner of a need
  is hatched and named on the map, so colour never carries a fact alone
  (WCAG 1.4.1). Names on the map are drawn for a handful of places only.
- A country map draws the whole of Norway at 1 km; a region map (a need's
  municipalities, a DPS's buyers) crops the drawing to the places, at 250 m,
  unless they spread over much of the country.
- The map is credited «© Kartverket» under it; its size stays within a budget
  (BUDGET, checked by a test at 10,000 records). The home page and the
  innovation arena's map page carry their whole drawing; a record page's map
  (thousands of needs) draws its places and refers to the site's shared land
  layer for the rest (land_files(), kart/land-*.svg), which keeps the site at
  10,000 records within its size budget.

Every text comes from the reference list of municipalities or from the caller's
own words, and is escaped; no contributor text reaches the drawing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator.models import reference
from generator.site import geography
from generator.site.geography import Detail, Outline

BUDGET = 150 * 1024  # bytes a map with its table may add to a page
STEPS: tuple[tuple[int, str], ...] = ((1, "1"), (2, "2–3"), (4, "4–9"), (10, "10 eller flere"))
NAMED_AT_MOST = 12  # names drawn on the map; more would cover each other
LAND_FOLDER = "kart"  # the shared land layers, at the site's root
REGION_SHARE = 0.3  # a region wider than this share of the country is drawn whole
SMALLEST_REGION_KM = 160  # the least width a region map shows, for context
MEMBER_STEP = 3  # the shade of a place that is not counted (a need's participant)
PADDING = 0.2  # around the places, as a share of their extent


@dataclass(frozen=True, slots=True)
class Place:
    number: str  # kommunenummer
    count: int
    href: str
    text: str  # the accessible name and tooltip: «Bergen: 3 behov»
    owner: bool = False


def step(count: int) -> int:
    """The shading step (1–4) for a count."""
    return max(i for i, (least, _) in enumerate(STEPS, start=1) if count >= least)


def _view(outline: Outline, places: Sequence[Place]) -> tuple[int, int, int, int]:
    """The viewBox around the places (x, y, width, height), in the outline's units."""
    unit_km = outline.detail.unit_m / 1000
    boxes = [outline.shapes[p.number].box for p in places]
    west, north = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, south = max(b[2] for b in boxes), max(b[3] for b in boxes)
    least = SMALLEST_REGION_KM / unit_km
    width = max(east - west, least) * (1 + 2 * PADDING)
    height = max(south - north, least) * (1 + 2 * PADDING)
    # neither a sliver nor a tower: between 2:3 and 2:1
    width, height = max(width, height * 2 / 3), max(height, width / 2)
    x = (west + east - width) / 2
    y = (north + south - height) / 2
    return round(x), round(y), round(width), round(height)


def _overlaps(box: tuple[int, int, int, int], view: tuple[int, int, int, int]) -> bool:
    x, y, width, height = view
    return box[0] <= x + width and box[2] >= x and box[1] <= y + height and box[3] >= y


def _detail(places: Sequence[Place], region: bool) -> tuple[Outline, tuple[int, int, int, int]]:
    country = geography.outline(geography.COUNTRY)
    whole = (0, 0, country.width, country.height)
    if not region or not places:
        return country, whole
    outline = geography.outline(geography.REGION)
    view = _view(outline, places)
    if view[2] * view[3] > REGION_SHARE * outline.width * outline.height:
        return country, whole
    return outline, view


def _level(place: Place, member: str | None) -> int:
    """The place's step: by its count, or the one shade of an uncounted place."""
    return MEMBER_STEP if member or place.owner else step(place.count)


def _shade(place: Place, member: str | None) -> str:
    return "mp-map__owner" if place.owner else f"mp-map__step{_level(place, member)}"


def _legend(places: Sequence[Place], unit: str, owner: str | None, member: str | None) -> Markup:
    # the swatch is drawn before the words (maps.css), so it is never a mark alone
    key = Markup('<li class="mp-map__key mp-map__step{}">{}</li>')
    if member:
        keys = [key.format(MEMBER_STEP, member)] if any(not p.owner for p in places) else []
    else:
        used = {step(p.count) for p in places if not p.owner}
        keys = [
            key.format(i, f"{label} {unit}")
            for i, (_, label) in enumerate(STEPS, start=1)
            if i in used
        ]
    if owner and any(p.owner for p in places):
        keys.insert(
            0,
            Markup('<li class="mp-map__key mp-map__key--owner">{}</li>').format(owner),
        )
    return Markup('<ul class="mp-map__legend">{}</ul>').format(Markup("").join(keys))


def _names(outline: Outline, places: Sequence[Place], view: tuple[int, int, int, int]) -> Markup:
    if not places or len(places) > NAMED_AT_MOST:
        return Markup("")
    size = max(view[2], view[3] * 0.75) / 30
    texts = []
    for p in places:
        shape = outline.shapes[p.number]
        texts.append(
            Markup('<text x="{}" y="{}"{}>{}</text>').format(
                shape.label[0],
                f"{shape.label[1] - size:.0f}",  # above the place's dot
                Markup(' class="mp-map__name--owner"') if p.owner else "",
                shape.name,
            )
        )
    return Markup('<g class="mp-map__names" aria-hidden="true" font-size="{}">{}</g>').format(
        f"{size:.0f}", Markup("").join(texts)
    )


def draw(
    places: Sequence[Place],
    *,
    label: str,
    unit: str,
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    owner: str | None = None,
    member: str | None = None,
    region: bool = False,
    shared: str | None = None,
) -> Markup:
    """The map as a <figure> with its table beside it: `label` names the map,
    `unit` follows the counts in the legend («behov»), `owner` is the legend's
    word for a hatched place, and `member`, if given, the one word for every
    other place (drawn in one shade rather than by count); `head` and `rows` are
    the table's columns after the municipality's name and each place's cells, in
    the order of `places`. With `shared` (the way from the page to the site's
    root), the municipalities around the places are the site's shared land layer
    (land_files()) rather than drawn into the page."""
    outline, view = _detail(places, region)
    shown = {p.number for p in places}
    if shared is None:
        land = Markup('<path class="mp-map__land" aria-hidden="true" d="{}"/>').format(
            "".join(
                shape.path
                for number, shape in sorted(outline.shapes.items())
                if number not in shown and _overlaps(shape.box, view)
            )
        )
    else:
        land = Markup('<use class="mp-map__land" aria-hidden="true" href="{}{}#land"/>').format(
            shared, land_path(outline.detail)
        )
    dot = max(view[2], view[3]) / 160
    links = [
        Markup(
            '<a class="{}" href="{}"><title>{}</title><path d="{}"/>'
            '<circle cx="{}" cy="{}" r="{}"/></a>'
        ).format(
            _shade(p, member),
            p.href,
            p.text,
            outline.shapes[p.number].path,
            *outline.shapes[p.number].label,
            f"{dot * (1 + 0.25 * _level(p, member)):.1f}",  # larger with the count
        )
        for p in sorted(places, key=lambda p: p.number)
    ]
    pattern = Markup(
        '<defs><pattern id="mp-map-hatch" width="{0}" height="{0}" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect class="mp-map__hatch-ground" width="{0}"'
        ' height="{0}"/><rect class="mp-map__hatch-line" width="{1}" height="{0}"/></pattern>'
        "</defs>"
    ).format(*_hatch(view))
    svg = Markup(
        '<svg class="mp-map__drawing" viewBox="{}" role="group" aria-label="{}">{}{}{}{}</svg>'
    ).format(
        " ".join(str(n) for n in view),
        label,
        pattern if any(p.owner for p in places) else "",
        land,
        Markup("").join(links),
        _names(outline, places, view) if region else "",
    )
    figure = Markup(
        '<figure class="mp-map">{}<figcaption><span class="mp-map__title">{}</span>{}'
        '<span class="mp-map__credit">Kart: {}</span></figcaption></figure>'
    ).format(svg, label, _legend(places, unit, owner, member), geography.CREDIT)
    return Markup('<div class="mp-map-beside">{}{}</div>').format(
        figure, _table(places, ["Kommune", *head], rows)
    )


def land_path(detail: Detail) -> str:
    """Where the shared land layer of a detail is in the site."""
    return f"{LAND_FOLDER}/land-{detail.name}.svg"


def land_files() -> Iterator[tuple[str, bytes]]:
    """The shared land layers: every municipality in one path (id «land»), for the
    maps on record pages to refer to (`<use href="…#land">`), so thousands of pages
    do not each carry the country's borders. The page's style fills and strokes
    it; the stroke keeps its width at any scale."""
    for detail in (geography.COUNTRY, geography.REGION):
        outline = geography.outline(detail)
        path = "".join(shape.path for _, shape in sorted(outline.shapes.items()))
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {outline.width} '
            f'{outline.height}"><path id="land" vector-effect="non-scaling-stroke" d="{path}"/>'
            "</svg>\n"
        )
        yield land_path(detail), svg.encode()


def _hatch(view: tuple[int, int, int, int]) -> tuple[str, str]:
    """The hatch's period and line width, so it reads at the map's scale."""
    period = max(view[2], view[3]) / 90
    return f"{period:.1f}", f"{period / 2:.1f}"


def _table(places: Sequence[Place], head: Sequence[str], rows: Sequence[Sequence[str]]) -> Markup:
    """The map's facts as a table: a row per place, its name linked as on the map,
    then `rows`' cells for it."""
    names = reference.municipalities()
    body = Markup("").join(
        Markup('<tr><td><a href="{}">{}</a></td>{}</tr>').format(
            p.href,
            names[p.number].name,
            Markup("").join(Markup("<td>{}</td>").format(cell) for cell in cells),
        )
        for p, cells in zip(places, rows, strict=True)
    )
    header = Markup("").join(Markup('<th scope="col">{}</th>').format(h) for h in head)
    return Markup(
        '<div class="mp-map__table" tabindex="0" role="region" aria-label="Kartet som tabell">'
        "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>"
    ).format(header, body)
