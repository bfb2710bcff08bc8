"""The accessibility statement (tilgjengelighetserklæring) at /tilgjengelighet/:
how far the site meets the 47 criteria, how each is tested, known deviations, and
how a reader reports a problem. Everything that changes is data
(`generator/site/statement.py`); the page never carries a build date, only the
statement's own."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.site import display
from generator.site.gather import Site
from generator.site.links import Linker
from generator.site.statement import PRINCIPLES, Criterion, load
from generator.site.text import escape


def _code(items: tuple[str, ...]) -> Markup:
    return Markup(", ").join(Markup("<code>{}</code>").format(escape(i)) for i in items)


def _named(one: str, many: str, items: tuple[str, ...]) -> Markup:
    return Markup("{}: {}.").format(one if len(items) == 1 else many, _code(items))


def how_tested(criterion: Criterion) -> Markup:
    """How one criterion is tested here, and any known deviation: a paragraph each."""
    if criterion.not_applicable:
        parts = [Markup("Gjelder ikke: {}").format(escape(criterion.not_applicable))]
    else:
        parts = []
        if criterion.axe:
            parts.append(Markup("Automatisk med axe-core: {}.").format(_code(criterion.axe)))
        if criterion.browser:
            parts.append(_named("Nettlesertest", "Nettlesertester", criterion.browser))
        if criterion.html:
            parts.append(
                _named("Test av de bygde sidene", "Tester av de bygde sidene", criterion.html)
            )
        if criterion.manual:
            parts.append(Markup("Manuelt: {}").format(escape(criterion.manual)))
    if criterion.deviation:
        parts.append(Markup("<strong>Kjent avvik:</strong> {}").format(escape(criterion.deviation)))
    else:
        parts.append(Markup("Ingen kjente avvik."))
    return Markup("").join(Markup("<p>{}</p>").format(p) for p in parts)


def _item(criterion: Criterion) -> dict[str, Any]:
    return {
        "term": f"{criterion.number} {criterion.name} (nivå {criterion.level})",
        "details": how_tested(criterion),
    }


def context(site: Site, link: Linker) -> dict[str, Any]:
    data = load()
    about = data.statement
    criteria = data.criteria
    deviations = [c for c in criteria if c.deviation]
    return {
        "site": about.site,
        "date": display.day(about.date),
        "total": str(len(criteria)),
        "deviations": [f"{c.number} {c.name}: {c.deviation}" for c in deviations],
        "counts": {
            "axe": str(sum(1 for c in criteria if c.axe)),
            "browser": str(sum(1 for c in criteria if c.browser)),
            "html": str(sum(1 for c in criteria if c.html)),
            "manual": str(sum(1 for c in criteria if c.manual)),
            "not_applicable": str(sum(1 for c in criteria if c.not_applicable)),
        },
        "axe_core": about.axe_core,
        "principles": [
            {
                "title": f"{number} {title}",
                "criteria": [_item(c) for c in criteria if c.principle == number],
            }
            for number, title in PRINCIPLES.items()
        ],
        "email": link.external(f"mailto:{about.email}", about.email),
        "issues": link.external(
            f"{site.repository}/issues/new", "en sak i Markedsplassens repo på GitHub"
        ),
        "uustatus": link.external(about.uustatus, "uustatus.no"),
        "authority": link.external(
            about.authority, "Tilsynet for universell utforming av IKT (uutilsynet.no)"
        ),
        "complaints": link.external(about.complaints, "Diskrimineringsnemnda"),
    }
