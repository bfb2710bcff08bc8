"""How dates are written in Norwegian bokmål, for the site and the documents."""

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
