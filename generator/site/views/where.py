"""Where in Norway: the maps' places drawn from the records (site/maps.py draws).

- The home page and the innovation arena: every municipality that owns or takes
  part in a need, shaded by how many needs, each linked to the needs list
  filtered to it (`?kommune=…`, the list's own filter).
- A need: its owner (hatched and named) and the municipalities taking part, each
  linked the same way.
- A DPS: the municipalities that have made call-offs under it, shaded by how
  many, each linked to its call-off (or, with several, to the DPS's list of
  call-offs)."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from generator.models import CallOff, Dps, Need
from generator.models.kinds import CALLOFF, NEED
from generator.norway import identifiers
from generator.site import display, filters, links, maps
from generator.site.gather import Site
from generator.site.links import Linker
from generator.site.maps import Place


def _municipal(actor: str) -> bool:
    return bool(identifiers.KOMMUNENUMMER.fullmatch(actor))


def _filtered(link: Linker, number: str) -> str:
    """The needs list filtered to a municipality."""
    return f"{link.url(links.doc_url(links.NEEDS))}?{filters.MUNICIPALITY}={number}"


def _needs(count: int) -> str:
    return "1 behov" if count == 1 else f"{display.number(count)} behov"


def needs_map(site: Site, link: Linker) -> Markup:
    """Municipalities that own or take part in needs, by how many."""
    owns: Counter[str] = Counter()
    joins: Counter[str] = Counter()
    for need in site.all(NEED, Need):
        actors = {p.actor for p in site.catalogue.participants(need)} - {need.owner}
        owns.update([need.owner] if _municipal(need.owner) else [])
        joins.update(a for a in actors if _municipal(a))
    numbers = sorted(set(owns) | set(joins), key=lambda n: (-(owns[n] + joins[n]), n))
    places = [
        Place(
            number=n,
            count=owns[n] + joins[n],
            href=_filtered(link, n),
            text=(
                f"{display.municipality_name(n)}: {_needs(owns[n] + joins[n])}"
                f" (eier {owns[n]}, deltar i {joins[n]})"
            ),
        )
        for n in numbers
    ]
    return maps.draw(
        places,
        label="Kommuner som eier eller deltar i behov",
        unit="behov",
        head=["Eier", "Deltar i"],
        rows=[[str(owns[p.number]), str(joins[p.number])] for p in places],
    )


def need_map(need: Need, site: Site, link: Linker) -> Markup:
    """The need's owner and the municipalities taking part."""
    roles = {need.owner: "Eier"} if _municipal(need.owner) else {}
    for p in site.catalogue.participants(need):
        if _municipal(p.actor) and p.actor not in roles:
            roles[p.actor] = "Deltaker"
    if not roles:
        return Markup("")
    places = [
        Place(
            number=n,
            count=1,
            href=_filtered(link, n),
            text=f"{display.municipality_name(n)}: {role.lower()}",
            owner=n == need.owner,
        )
        for n, role in roles.items()
    ]
    return maps.draw(
        places,
        label="Eier og deltakere på kartet",
        unit="",
        owner="Eier (skravert)",
        member="Deltaker",
        head=["Rolle"],
        rows=[[roles[p.number]] for p in places],
        region=True,
        shared=link.url(""),
    )


def dps_map(dps: Dps, site: Site, link: Linker) -> Markup:
    """The municipalities that have made call-offs under the DPS, by how many."""
    made: dict[str, list[CallOff]] = {}
    for calloff in (
        site.get(CALLOFF, i, CallOff) for i in site.rel.calloffs_of_dps.get(dps.id, [])
    ):
        made.setdefault(calloff.buyer, []).append(calloff)
    if not made:
        return Markup("")
    places = [
        Place(
            number=n,
            count=len(made[n]),
            href=(
                link.url(links.record_url(CALLOFF, made[n][0].id))
                if len(made[n]) == 1
                else "#uttak"
            ),
            text=f"{display.municipality_name(n)}: {display.number(len(made[n]))} uttak",
        )
        for n in sorted(made, key=lambda n: (-len(made[n]), n))
    ]
    return maps.draw(
        places,
        label="Kommuner som har gjort uttak",
        unit="uttak",
        head=["Uttak"],
        rows=[[str(p.count)] for p in places],
        region=True,
        shared=link.url(""),
    )
