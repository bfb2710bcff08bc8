"""Norwegian and technical identifiers: pure functions, no I/O.

Organisasjonsnummer (Brønnøysundregistrene) and fødselsnummer (Skatteetaten)
end in mod-11 check digits.
"""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
KOMMUNENUMMER = re.compile(r"[0-9]{4}")
ORGNR = re.compile(r"[0-9]{9}")

_ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def mod11_check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    """The mod-11 check digit over `digits`; None where the rest makes it 10 (invalid)."""
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def is_orgnr(value: str) -> bool:
    if not ORGNR.fullmatch(value):
        return False
    return mod11_check_digit(value[:8], _ORGNR_WEIGHTS) == int(value[8])


def is_slug(value: str) -> bool:
    return SLUG.fullmatch(value) is not None


def slugify(text: str) -> str:
    """A slug suggestion for a name: ASCII, lowercase, words joined by hyphens."""
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
    words = re.findall(r"[a-z0-9]+", text.translate(table).lower())
    return "-".join(words)
