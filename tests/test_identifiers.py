from __future__ import annotations

import pytest

from generator.norway import identifiers


@pytest.mark.parametrize("orgnr", ["988077917", "912345688", "923456783", "974760673"])
def test_valid_organisasjonsnummer(orgnr: str) -> None:
    assert identifiers.is_orgnr(orgnr)


@pytest.mark.parametrize(
    "orgnr", ["988077918", "98807791", "9880779170", "98807791a", "912345670"]
)  # 91234567 gives check digit 10: never valid
def test_invalid_organisasjonsnummer(orgnr: str) -> None:
    assert not identifiers.is_orgnr(orgnr)


def test_check_digit_ten_is_invalid() -> None:
    assert identifiers.mod11_check_digit("91234567", (3, 2, 7, 6, 5, 4, 3, 2)) is None


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Sårjournal Pro", "sarjournal-pro"), ("Behov_B", "behov-b"), ("Ærlig  Øl", "aerlig-ol")],
)
def test_slugify_suggests_an_id(text: str, slug: str) -> None:
    assert identifiers.slugify(text) == slug
    assert identifiers.is_slug(slug)


@pytest.mark.parametrize("bad", ["", "-a", "a-", "a--b", "A", "æ", "a_b", "a b"])
def test_not_slugs(bad: str) -> None:
    assert not identifiers.is_slug(bad)
