"""Norwegian national identity numbers: fødselsnummer, D-nummer, H-nummer and the
synthetic numbers of the test registries (Tenor, Norsk helsenett). Pure functions,
no I/O.

Eleven digits: DDMMYY, individnummer (three digits), two mod-11 check digits.
A D-nummer adds 40 to the day, an H-nummer 40 to the month. Synthetic numbers add
80 to the month (Skatteetaten's Tenor, "Test-Norge") or 65 (Norsk helsenett's
synthetic population). Only those two may stand in example and test data; a
number that is valid in the range real people use may be a real person's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from generator.norway.identifiers import mod11_check_digit

ELEVEN_DIGITS = re.compile(r"[0-9]{11}")
# an identity number as it may stand in a text: eleven digits alone, perhaps with a
# space after the date part (the privacy guard looks for them, messages mask them)
IN_TEXT = re.compile(r"(?<![0-9])[0-9]{6} ?[0-9]{5}(?![0-9])")
K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


class Series(StrEnum):
    """What the month digits say about where a number comes from."""

    REAL = "real"  # month 1–12: the range real people's numbers use
    H_NUMBER = "h-number"  # month + 40: H-nummer (also NAV's Dolly test data)
    SYNTHETIC_NHN = "synthetic-nhn"  # month + 65: Norsk helsenett's synthetic population
    SYNTHETIC_TENOR = "synthetic-tenor"  # month + 80: Skatteetaten's Tenor test data


MONTH_OFFSETS = {
    0: Series.REAL,
    40: Series.H_NUMBER,
    65: Series.SYNTHETIC_NHN,
    80: Series.SYNTHETIC_TENOR,
}
SYNTHETIC = frozenset({Series.SYNTHETIC_NHN, Series.SYNTHETIC_TENOR})


@dataclass(frozen=True, slots=True)
class PersonalNumber:
    """A number with valid check digits and a real calendar date behind it."""

    value: str
    d_number: bool  # day + 40
    series: Series
    born: date

    @property
    def synthetic(self) -> bool:
        return self.series in SYNTHETIC

    @property
    def kind(self) -> str:
        """Norwegian name of the kind of number, for messages."""
        if self.series is Series.H_NUMBER:
            return "H-nummer"
        return "D-nummer" if self.d_number else "fødselsnummer"


def check_digits(first_nine: str) -> str | None:
    """The two check digits for the first nine digits, or None when either would
    be 10 (no valid number has those nine digits)."""
    k1 = mod11_check_digit(first_nine, K1_WEIGHTS)
    if k1 is None:
        return None
    k2 = mod11_check_digit(first_nine + str(k1), K2_WEIGHTS)
    if k2 is None:
        return None
    return f"{k1}{k2}"


def has_valid_check_digits(value: str) -> bool:
    return ELEVEN_DIGITS.fullmatch(value) is not None and check_digits(value[:9]) == value[9:]


def century(year_digits: int, individual: int) -> int | None:
    """The century a birth year belongs to, from the individnummer ranges."""
    if individual <= 499:
        return 1900
    if individual <= 749 and year_digits >= 54:
        return 1800
    if year_digits <= 39:
        return 2000
    if individual >= 900:
        return 1900
    return None


@lru_cache(maxsize=65536)  # the same patient and nurse recur in every measurement
def parse(value: str) -> PersonalNumber | None:
    """The number's kind and birth date, or None when `value` is no fødselsnummer,
    D-nummer, H-nummer or synthetic number: wrong length, wrong check digits, or
    no date behind it."""
    if not has_valid_check_digits(value):
        return None
    day, month = int(value[0:2]), int(value[2:4])
    d_number = day > 40
    if d_number:
        day -= 40
    series = None
    for offset, candidate in MONTH_OFFSETS.items():
        if 1 <= month - offset <= 12:
            series, month = candidate, month - offset
            break
    if series is None or (d_number and series is Series.H_NUMBER):
        return None
    base = century(int(value[4:6]), int(value[6:9]))
    if base is None:
        return None
    try:
        born = date(base + int(value[4:6]), month, day)
    except ValueError:
        return None
    return PersonalNumber(value, d_number, series, born)


def make(born: date, individual: int, *, series: Series, d_number: bool = False) -> str | None:
    """The number for a birth date and individnummer in the given series, or None
    when the check digits would be 10 (try the next individnummer)."""
    offset = next(o for o, s in MONTH_OFFSETS.items() if s is series)
    day = born.day + (40 if d_number else 0)
    first_nine = f"{day:02d}{born.month + offset:02d}{born.year % 100:02d}{individual:03d}"
    digits = check_digits(first_nine)
    return None if digits is None else first_nine + digits


def mask(value: str) -> str:
    """A number shown without revealing it: the first two and the last two digits."""
    if len(value) <= 4:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 4) + value[-2:]
