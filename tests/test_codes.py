"""Every diagnostic code is documented, and every code has a case that produces it."""

from __future__ import annotations

import re

from generator.catalogue.checks import REGISTRY
from generator.codes import CODES
from generator.models.validation import ERROR_TYPES, MESSAGES
from tests.support.casefolders import case_dirs, expected
from tests.support.paths import ROOT

# Codes no case folder can produce portably, each with the reason.
WITHOUT_CASE = {
    "unreadable": "a file the checker may not read; tests run as root, who reads everything",
    "invalid-value": "the fallback for a Pydantic error type the project does not map",
    **dict.fromkeys(
        (
            "not-authorized",
            "record-removed",
            "author-not-listed",
            "own-decision",
            "not-acting-for",
        ),
        "reported by `markedsplass authorize` on two git revisions, not by the check; "
        "tests/test_authorize.py produces each",
    ),
    "intake-form": "reported on an issue form by `markedsplass github intake`, not by the "
    "check; tests/test_intake.py produces it",
}


def test_every_code_is_documented_in_contributing() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", text, flags=re.MULTILINE))
    assert documented == set(CODES)


def test_every_check_and_error_type_has_a_known_code() -> None:
    assert set(REGISTRY) <= set(CODES)
    assert set(ERROR_TYPES.values()) <= set(CODES)
    assert set(MESSAGES) <= set(ERROR_TYPES)  # every explained error type has its code


def test_every_code_has_an_invalid_case() -> None:
    produced = {
        line.split("[", 1)[1].rstrip("]")
        for case in case_dirs("invalid")
        for line in expected(case)
    }
    assert produced <= set(CODES)
    assert set(CODES) - produced == set(WITHOUT_CASE)
