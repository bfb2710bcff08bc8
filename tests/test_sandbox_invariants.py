"""The core invariants (generator/sandbox/invariants.py): fhirpathpy with the R4
model decides, and the Python conditions that skip fhirpathpy never skip a case
where it would have said "broken"."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import pytest

from generator.sandbox import invariants
from tests.support.fhir_examples import observation

PARTS: dict[str, list[tuple[str, Any] | None]] = {
    "effective": [
        None,
        ("effectiveDateTime", "2026"),
        ("effectiveDateTime", "2026-03"),
        ("effectiveDateTime", "2026-03-02T08:15:00+01:00"),
        ("effectivePeriod", {"start": "2026"}),
        ("effectiveInstant", "2026-03-02T08:15:00.000+01:00"),
        ("_effectiveDateTime", {"extension": [{"url": "http://x", "valueString": "y"}]}),
    ],
    "value": [
        None,
        ("valueQuantity", {"value": 78, "system": "http://unitsofmeasure.org", "code": "/min"}),
        ("valueQuantity", {"value": 79}),
        ("valueString", "78"),
        ("valueString", ""),
        ("valueBoolean", False),
        ("_valueString", {"extension": [{"url": "http://x", "valueString": "y"}]}),
    ],
    "absent": [
        None,
        ("dataAbsentReason", {"text": "ikke målt"}),
        ("dataAbsentReason", {"coding": [{"code": "asked-declined"}]}),
        ("dataAbsentReason", {}),
    ],
    "component": [
        None,
        ("component", []),
        ("component", [{}]),
        ("component", [{"code": {"text": "annen"}, "valueString": "x"}]),
        ("component", "same-code"),
    ],
    "member": [None, ("hasMember", []), ("hasMember", [{"reference": "Observation/1"}])],
}


def _variants() -> list[dict[str, Any]]:
    base = observation()
    for key in ("effectiveDateTime", "valueQuantity"):
        del base[key]
    found = []
    for choice in itertools.product(*PARTS.values()):
        resource = dict(base)
        for part in choice:
            if part is None:
                continue
            key, value = part
            if value == "same-code":
                value = [{"code": base["code"], "valueString": "x"}]
            resource[key] = value
        found.append(resource)
    return found


VARIANTS = _variants()


@pytest.mark.parametrize("invariant", invariants.INVARIANTS, ids=lambda i: i.key)
def test_the_skip_condition_never_hides_a_broken_invariant(invariant: invariants.Invariant) -> None:
    broken = 0
    for resource in VARIANTS:
        answer = invariant.evaluate(resource, {"resource": resource})
        if False in answer:
            broken += 1
            assert invariant.can_fail(resource), (invariant.key, resource)
    assert broken > 0  # the variants do break each invariant somewhere


@pytest.mark.parametrize(
    ("changes", "keys"),
    [
        ({}, []),
        ({"effectiveDateTime": "2026-03"}, ["vs-1"]),
        ({"effectivePeriod": {"start": "2026"}, "effectiveDateTime": None}, []),
        ({"valueQuantity": None}, ["vs-2"]),
        ({"valueQuantity": None, "dataAbsentReason": {"text": "ikke målt"}}, []),
        ({"dataAbsentReason": {"text": "ikke målt"}}, ["obs-6"]),
        ({"component": "same-code"}, ["obs-7"]),
    ],
)
def test_what_each_invariant_says(changes: dict[str, Any], keys: list[str]) -> None:
    resource = observation()
    for key, value in changes.items():
        if value is None:
            resource.pop(key)
        elif value == "same-code":
            resource[key] = [{"code": resource["code"], "valueString": "x"}]
        else:
            resource[key] = value
    found = invariants.check(resource)
    assert [f.text.split(":")[0] for f in found] == keys


def test_answers_are_remembered_for_exactly_the_values_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(invariants, "_MEMO", {})
    calls: list[str] = []
    vs1 = next(i for i in invariants.INVARIANTS if i.key == "vs-1")

    def counting(resource: dict[str, Any], context: Any) -> list[Any]:
        calls.append(resource.get("effectiveDateTime", ""))
        return vs1.evaluate(resource, context)

    counted = dataclasses.replace(vs1, evaluate=counting)
    first, second = observation("heart-rate"), observation("body-weight")
    assert counted.holds(first) and counted.holds(second)
    assert len(calls) == 1  # the same moment: fhirpathpy asked once
    year_only = observation()
    year_only["effectiveDateTime"] = "2026"
    assert not counted.holds(year_only) and not counted.holds(dict(year_only))
    assert calls == [first["effectiveDateTime"], "2026"]
    extended = observation()
    extended["_effectiveDateTime"] = {"extension": [{"url": "x", "valueString": "y"}]}
    counted.holds(extended)
    counted.holds(extended)
    assert len(calls) == 4  # not plain text: never remembered


@pytest.mark.parametrize(
    "invariant", [i for i in invariants.INVARIANTS if i.remember], ids=lambda i: i.key
)
def test_remembered_answers_are_the_answers_fhirpathpy_gives(
    invariant: invariants.Invariant, monkeypatch: pytest.MonkeyPatch
) -> None:
    for order in (VARIANTS, VARIANTS[::-1]):  # whichever content is seen first
        monkeypatch.setattr(invariants, "_MEMO", {})
        for resource in order:
            fresh = False not in invariant.evaluate(resource, {"resource": resource})
            assert invariant.holds(resource) is fresh, (invariant.key, resource)
        assert 0 < len(invariants._MEMO) < len(order)  # remembered, and shared


def test_vs3_names_each_component_without_a_value_or_a_reason() -> None:
    pressure = observation("blood-pressure")
    components = pressure["component"]
    reason = {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                "code": "not-performed",
            }
        ]
    }
    components[1] = {"code": components[1]["code"], "dataAbsentReason": reason}
    assert invariants.check(pressure) == []  # a reason stands for the missing value
    components[1] = {"code": components[1]["code"]}
    [finding] = invariants.check(pressure)
    assert finding.loc == ("component", 1) and finding.text.startswith("vs-3:")
    components[0] = {"code": components[0]["code"]}
    assert [f.loc for f in invariants.check(pressure)] == [("component", 0), ("component", 1)]
