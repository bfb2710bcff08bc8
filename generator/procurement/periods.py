"""Minimum periods counted in calendar days from an event (the request window
from the notice, the tender period from the invitation): one rule of that shape,
used by every period of it, so a change in how the law counts days is made once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Shortfall:
    earliest: date  # the first lawful end of the period
    days: int  # the days the period was given


def shortfall(start: date, end: date, minimum_days: int) -> Shortfall | None:
    """A Shortfall when the period from `start` to `end` is shorter than
    `minimum_days` calendar days, else None."""
    earliest = start + timedelta(days=minimum_days)
    if end >= earliest:
        return None
    return Shortfall(earliest, (end - start).days)
