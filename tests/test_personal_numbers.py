"""Fødselsnummer, D-nummer, H-nummer and the synthetic series: check digits,
dates behind the numbers, and masking (generator/norway/personal_numbers.py)."""

from __future__ import annotations

from datetime import date

import pytest

from generator.norway import personal_numbers
from generator.norway.personal_numbers import Series


def _number(born: date, series: Series, *, d_number: bool = False, start: int = 100) -> str:
    """The first valid number for the date from individnummer `start` upward."""
    for individual in range(start, start + 50):
        made = personal_numbers.make(born, individual, series=series, d_number=d_number)
        if made is not None:
            return made
    raise AssertionError("no valid number")


def test_check_digits_follow_the_two_weight_series() -> None:
    number = _number(date(1949, 6, 24), Series.SYNTHETIC_TENOR)
    assert personal_numbers.has_valid_check_digits(number)
    broken = number[:10] + str((int(number[10]) + 1) % 10)
    assert not personal_numbers.has_valid_check_digits(broken)
    assert personal_numbers.parse(broken) is None


@pytest.mark.parametrize(
    ("series", "month_offset"),
    [
        (Series.REAL, 0),
        (Series.H_NUMBER, 40),
        (Series.SYNTHETIC_NHN, 65),
        (Series.SYNTHETIC_TENOR, 80),
    ],
)
def test_the_month_says_which_series(series: Series, month_offset: int) -> None:
    number = _number(date(1938, 4, 22), series)
    assert int(number[2:4]) == 4 + month_offset
    parsed = personal_numbers.parse(number)
    assert parsed is not None and parsed.series is series and parsed.born == date(1938, 4, 22)
    assert parsed.synthetic is (series in (Series.SYNTHETIC_NHN, Series.SYNTHETIC_TENOR))


def test_d_number_adds_40_to_the_day() -> None:
    number = _number(date(1990, 12, 31), Series.SYNTHETIC_TENOR, d_number=True)
    assert number[:2] == "71"
    parsed = personal_numbers.parse(number)
    assert parsed is not None and parsed.d_number and parsed.kind == "D-nummer"
    assert parsed.born == date(1990, 12, 31) and parsed.synthetic


@pytest.mark.parametrize(
    ("born", "individual", "year"),
    [(date(1899, 1, 1), 600, 1899), (date(1999, 1, 1), 950, 1999), (date(2005, 1, 1), 700, 2005)],
)
def test_the_individnummer_gives_the_century(born: date, individual: int, year: int) -> None:
    number = _number(born, Series.SYNTHETIC_TENOR, start=individual)
    parsed = personal_numbers.parse(number)
    assert parsed is not None and parsed.born.year == year


def test_no_date_behind_the_number_is_no_number() -> None:
    # 31 April does not exist; 29 February 1900 neither (not a leap year)
    for text in ("310480", "290200"):
        for individual in range(100, 140):
            digits = personal_numbers.check_digits(f"{text}{individual:03d}")
            if digits:
                assert personal_numbers.parse(f"{text}{individual:03d}{digits}") is None


def test_mask_hides_all_but_two_digits_at_each_end() -> None:
    number = _number(date(1938, 4, 22), Series.SYNTHETIC_TENOR)
    masked = personal_numbers.mask(number)
    assert masked == number[:2] + "*******" + number[-2:]
    assert number[2:9] not in masked
