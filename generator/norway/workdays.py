"""Working days (virkedager): Monday to Friday except Norwegian public holidays,
taken from the `holidays` package (country NO), so Easter and Whitsun move with
the year. Calendar days are plain `timedelta` arithmetic and need nothing here."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NO", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (`start` itself not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days after `start`, up to and including `end`."""
    if end <= start:
        return 0
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def working_day_on_or_after(day: date) -> date:
    """`day` itself when it is a working day, else the next working day: where a
    period whose last day is a Saturday, Sunday or public holiday ends."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
