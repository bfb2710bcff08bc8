"""How dates, numbers, kroner and percentages are written in Norwegian bokmål, for
the site, the documents and the diagnostics alike."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
NBSP = "\u00a0"


def long_date(value: date) -> str:
    """«14. april 2026»."""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def number(value: int | float) -> str:
    """Thousands separated by a non-breaking space, decimal comma: «3 973 000», «99,5»."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:.2f}".rstrip("0").partition(".")
        return number(int(whole)) + "," + decimals
    return f"{int(value):,}".replace(",", NBSP)


def kroner(value: int) -> str:
    """«1 800 000 kr», with no-break spaces."""
    return f"{number(value)}{NBSP}kr"


def percent(value: int | float | None) -> str:
    """«30 %»; «–» when there is no value."""
    return "–" if value is None else f"{number(value)}{NBSP}%"


def share(part: int, whole: int) -> str:
    """`part` of `whole` as a percentage with one decimal: «9,9 %»."""
    if whole <= 0:
        return "–"
    tenths = round(part * 1000 / whole)
    text = f"{tenths // 10},{tenths % 10}" if tenths % 10 else str(tenths // 10)
    return f"{text}{NBSP}%"
