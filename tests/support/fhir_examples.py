"""Resources for the sandbox tests, built in memory from the test-data generator:
a valid Observation for each VKP profile, for one synthetic patient and nurse,
and a helper that verifies a set of named resources as if they were files."""

from __future__ import annotations

import copy
import random
from datetime import date, datetime
from typing import Any

from generator.norway import personal_numbers
from generator.norway.personal_numbers import Series
from generator.sandbox import inputs, kit, requirements, testdata
from generator.sandbox.report import Report, Status, TestResult

RS = requirements.get("vkp-vitals-1")
OFFICIAL = requirements.get("vkp-observation")  # follows HL7 Norway's VKP profiles
WHEN = datetime(2026, 3, 2, 8, 15, tzinfo=testdata.OSLO_WINTER)
VALUES = {
    "heart-rate": (78.0,),
    "respiratory-rate": (18.0,),
    "oxygen-saturation": (93.0,),
    "body-temperature": (37.1,),
    "body-weight": (71.4,),
    "blood-pressure": (142.0, 86.0),
}
PROFILES = [p.id for p in RS.profiles]
_rng = random.Random(7)
PATIENT = testdata.person(_rng, born_from=1938, born_to=1950)
NURSE = testdata.person(_rng, born_from=1975, born_to=1990)


def observation(profile_id: str = "heart-rate") -> dict[str, Any]:
    profile = next(p for p in RS.profiles if p.id == profile_id)
    return testdata.observation(profile, PATIENT, NURSE, WHEN, VALUES[profile_id], RS)


def bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    rng = random.Random(11)
    return {
        "resourceType": "Bundle",
        "type": "batch",
        "entry": [testdata._entry(copy.deepcopy(r), rng) for r in resources],
    }


def verify(
    files: dict[str, Any],
    capabilities: tuple[str, ...] = ("send-vital-signs",),
    rs: requirements.RequirementSet = RS,
) -> Report:
    """Verify resources as files named by the keys (JSON written as the generator
    writes it, so line numbers are those of `testdata.dumps`)."""
    sources = [inputs.parse(name, testdata.dumps(value)) for name, value in files.items()]
    return kit.verify_sources(sources, rs, kit.Target("test", capabilities))


def result(report: Report, requirement_id: str) -> TestResult:
    return next(r for r in report.results if r.requirement.id == requirement_id)


def failed(report: Report) -> dict[str, list[tuple[str, str]]]:
    """Requirement id -> (expression, text) of each message, for failed tests."""
    return {
        r.requirement.id: [(m.expression, m.text) for m in r.messages]
        for r in report.results
        if r.status is Status.FAIL
    }


def real_range_number(born: date = date(1980, 5, 17), *, d_number: bool = False) -> str:
    """A number valid in the range real people use, made at test time: never
    written to the repository."""
    for individual in range(200, 260):
        made = personal_numbers.make(born, individual, series=Series.REAL, d_number=d_number)
        if made is not None:
            return made
    raise AssertionError("no number")


def synthetic_number(series: Series, *, d_number: bool = False) -> str:
    for individual in range(300, 360):
        made = personal_numbers.make(
            date(1944, 11, 3), individual, series=series, d_number=d_number
        )
        if made is not None:
            return made
    raise AssertionError("no number")
