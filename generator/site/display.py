"""How values are written on the Norwegian site: dates, amounts, percentages,
municipalities. Plain strings out; escaping is the renderer's job."""

from __future__ import annotations

from datetime import date

from generator.models import reference
from generator.norway.formatting import kroner, long_date, number, percent, share

__all__ = ["kroner", "number", "percent", "share"]  # written once, in norway.formatting


def day(value: date) -> str:
    """«14. april 2026»."""
    return long_date(value)


def short_day(value: date) -> str:
    """«14.04.2026», for tables."""
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def maybe_day(value: date | None, missing: str = "–") -> str:
    return short_day(value) if value is not None else missing


def days_until(value: date, today: date) -> str:
    days = (value - today).days
    if days < 0:
        return f"for {-days} dager siden" if days < -1 else "i går"
    return {0: "i dag", 1: "i morgen"}.get(days, f"om {days} dager")


def municipality(number_: str) -> str:
    """«Bergen kommune (Vestland)»."""
    found = reference.municipalities()[number_]
    return f"{found.name} kommune ({found.county})"


def municipality_name(number_: str) -> str:
    return f"{reference.municipalities()[number_].name} kommune"


def yes_no(value: bool | None) -> str:
    return {True: "Ja", False: "Nei", None: "Ikke oppgitt"}[value]
