"""The official VKP implementation guide's own examples (HL7 Norway VkpObservation
0.5.x, `input/fsh/instances/`), rebuilt here from their documented values with the
test suite's synthetic identity numbers in place of theirs, verified against the
requirement set derived from the guide (`vkp-observation`).

Where the guide's own example breaks one of its profiles' required bindings, the
test says so and matches it: the oxygen-saturation, NEWS2 and CFS examples name
their performer with identifier systems (`urn:oid:1.3.6.1.4.1.9038.70.3`,
`…9038.51.1`) outside the performer value sets, and the batch-Bundle example's PUT
goes to the placeholder `test.url`. Then each variant of a valid example breaks one
profile constraint and fails on exactly that requirement."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from generator.sandbox.report import Level, Report, Status
from tests.support.fhir_examples import NURSE, OFFICIAL, PATIENT, failed, result, verify

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
NPU = "urn:oid:2.16.578.1.12.4.1.1.7280"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
FNR = "urn:oid:2.16.578.1.12.4.1.4.1"
DIPS_PERSON = "urn:oid:1.3.6.1.4.1.9038.70.3"  # in the guide's examples, not in its value sets
DIPS_UNIT = "urn:oid:1.3.6.1.4.1.9038.51.1"
EVERY_CAPABILITY = ("send-vital-signs", "send-glucose", "send-body-measures", "send-scores")


def _code(*codings: tuple[str, str]) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code} for system, code in codings]}


def _observation(code: dict[str, Any], category: str | None = "vital-signs") -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "code": code,
        "subject": {"identifier": {"system": PATIENT.system, "value": PATIENT.number}},
        "effectiveDateTime": "2022-03-16",
        "performer": [{"identifier": {"system": FNR, "value": NURSE.number}}],
    }
    if category:
        resource["category"] = [_code((CATEGORY, category))]
    return resource


def _quantity(value: float, code: str | None, system: str | None = UCUM) -> dict[str, Any]:
    found: dict[str, Any] = {"value": value}
    if code:
        found |= {"unit": code, "code": code}
    if system:
        found["system"] = system
    return found


def body_temperature() -> dict[str, Any]:
    resource = _observation(_code((LOINC, "8310-5"), (SNOMED, "276885007")))
    resource["bodySite"] = {"coding": [{"system": SNOMED, "code": "34402009"}], "text": "Endetarm"}
    resource["valueQuantity"] = _quantity(37, "Cel")
    return resource


def heart_rate() -> dict[str, Any]:
    resource = _observation(_code((LOINC, "8867-4"), (SNOMED, "364075005")))
    resource["valueQuantity"] = _quantity(50, "/min")
    return resource


def body_weight() -> dict[str, Any]:
    resource = _observation(_code((LOINC, "29463-7"), (SNOMED, "27113001")))
    resource["valueQuantity"] = _quantity(49000, "g")
    return resource


def oxygen_saturation() -> dict[str, Any]:
    resource = _observation(_code((LOINC, "2708-6"), (SNOMED, "431314004")))
    resource["bodySite"] = {"text": "Finger"}
    resource["valueQuantity"] = _quantity(99, "%")
    resource["performer"] = [{"identifier": {"system": DIPS_PERSON, "value": "22"}}]
    return resource


def glucose() -> dict[str, Any]:
    resource = _observation(_code((LOINC, "15074-8"), (SNOMED, "434912009"), (NPU, "NPU02187")))
    resource["valueQuantity"] = _quantity(6.3, "mmol/l")  # the guide's UCUM code, as written
    return resource


def blood_pressure() -> dict[str, Any]:
    resource = _observation(_code((LOINC, "85354-9")))
    resource["bodySite"] = {"coding": [{"system": SNOMED, "code": "7569003"}]}
    resource["method"] = {"coding": [{"system": SNOMED, "code": "37931006"}]}
    resource["component"] = [
        {
            "code": _code((LOINC, "8480-6"), (SNOMED, "271649006")),
            "valueQuantity": _quantity(123, "mm[Hg]"),
        },
        {
            "code": _code((LOINC, "8462-4"), (SNOMED, "271650006")),
            "valueQuantity": _quantity(78, "mm[Hg]"),
        },
        {"code": _code((LOINC, "8478-0")), "valueQuantity": _quantity(93, "mm[Hg]")},
        {"code": _code((SNOMED, "87179004")), "valueQuantity": _quantity(45, "mm[Hg]")},
    ]
    return resource


def news2() -> dict[str, Any]:
    resource = _observation(_code((SNOMED, "1104051000000101")), category="survey")
    resource["valueQuantity"] = _quantity(20, None, None) | {"unit": "score"}
    parts = (
        "1104301000000104",
        "1104321000000108",
        "1104331000000105",
        "1104351000000103",
        "1104341000000101",
        "1104361000000100",
        "1104371000000107",
    )
    resource["component"] = [
        {
            "code": _code((SNOMED, part)),
            "valueQuantity": {"value": 3},
            "interpretation": [{"text": "Høy"}],
        }
        for part in parts
    ]
    resource["performer"] = [
        {"identifier": {"system": DIPS_PERSON, "value": "22"}},
        {"identifier": {"system": DIPS_UNIT, "value": "103"}},
    ]
    return resource


def clinical_frailty() -> dict[str, Any]:
    resource = _observation(_code((SNOMED, "763264000")), category="survey")
    resource["valueQuantity"] = {"value": 2}
    resource["note"] = [{"text": "Vurdert ved hjemmebesøk."}]
    resource["performer"] = [
        {"identifier": {"system": DIPS_PERSON, "value": "22"}},
        {"identifier": {"system": DIPS_UNIT, "value": "103"}},
    ]
    return resource


def batch(*resources: dict[str, Any], url: str = "test.url") -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "batch",
        "entry": [
            {
                "fullUrl": f"urn:uuid:4d4d9d8b-dc0d-4eb8-b830-ea45eeb54d3{index}",
                "resource": copy.deepcopy(r),
                "request": {"method": "PUT", "url": url},
            }
            for index, r in enumerate(resources)
        ],
    }


def blocking(report: Report) -> list[str]:
    """The SKAL-requirements that failed (a failed BØR, such as the examples' missing
    subject.display, never stops a verification)."""
    return [r.requirement.id for r in report.results if r.blocking]


def _verify(name: str, resource: dict[str, Any]) -> Report:
    return verify({f"{name}.json": resource}, EVERY_CAPABILITY[:1], rs=OFFICIAL)


@pytest.mark.parametrize(
    ("build", "capability"),
    [
        (body_temperature, "send-vital-signs"),
        (heart_rate, "send-vital-signs"),
        (body_weight, "send-vital-signs"),
        (blood_pressure, "send-vital-signs"),
        (glucose, "send-glucose"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_the_guides_valid_examples_verify(
    build: Callable[[], dict[str, Any]], capability: str
) -> None:
    report = verify({"eksempel.json": build()}, (capability,), rs=OFFICIAL)
    assert report.verified, failed(report)
    # the examples give no subject.display: a «bør», never an error
    display = result(report, "subject-display")
    assert display.status is Status.FAIL and display.requirement.severity == "warning"


@pytest.mark.parametrize(
    "build", [oxygen_saturation, news2, clinical_frailty], ids=lambda b: b.__name__
)
def test_the_guides_examples_with_performer_systems_outside_its_value_sets(
    build: Callable[[], dict[str, Any]],
) -> None:
    """As the guide's own validation would: its required binding of the performer's
    identifier system is broken by these examples, and by nothing else."""
    capability = "send-vital-signs" if build is oxygen_saturation else "send-scores"
    report = verify({"eksempel.json": build()}, (capability,), rs=OFFICIAL)
    assert blocking(report) == ["performer-identifier"]


def test_glucose_is_known_by_any_of_its_codes_and_its_loinc_code_is_a_should() -> None:
    """The glucose profile makes both its LOINC and its SNOMED CT slice optional
    (0..* MS): a glucose measurement coded in SNOMED CT alone verifies, with a
    «bør» for the LOINC code; one with no code of glucose at all does not."""
    resource = glucose()
    resource["code"]["coding"] = [resource["code"]["coding"][1]]  # SNOMED CT only
    report = verify({"glukose.json": resource}, ("send-glucose",), rs=OFFICIAL)
    assert report.verified, failed(report)
    loinc = [m for m in result(report, "profile-codes").messages if "LOINC" in m.text]
    assert [m.level for m in loinc] == [Level.WARNING]
    assert loinc[0].expression.startswith("Observation.code")
    assert "(profilen sier bør, ikke skal)" in loinc[0].text
    unknown = glucose()
    unknown["code"]["coding"] = [{"system": SNOMED, "code": "27113001"}]
    assert not verify({"glukose.json": unknown}, ("send-glucose",), rs=OFFICIAL).verified


def test_the_guides_batch_example_puts_to_a_placeholder() -> None:
    sent = batch(body_temperature())
    report = verify({"batch.json": sent}, EVERY_CAPABILITY[:1], rs=OFFICIAL)
    [(where, _)] = failed(report)["batch-bundle"]
    assert blocking(report) == ["batch-bundle"] and where.endswith("request.url")
    fixed = batch(body_temperature(), url="Observation/vkp-body-temperature-create")
    assert verify({"batch.json": fixed}, EVERY_CAPABILITY[:1], rs=OFFICIAL).verified


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(resource: dict[str, Any]) -> None:
        target: Any = resource
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _drop(*path: str | int) -> Callable[[dict[str, Any]], None]:
    def change(resource: dict[str, Any]) -> None:
        target: Any = resource
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


VARIANTS: list[tuple[str, Callable[[], dict[str, Any]], Callable[[dict[str, Any]], None], str]] = [
    (
        "wrong SNOMED CT code",
        heart_rate,
        _set(("code", "coding", 1, "code"), "27113001"),
        "profile-codes",
    ),
    ("no LOINC code", heart_rate, _drop("code", "coding", 0), "profile-codes"),
    ("unit not UCUM", heart_rate, _set(("valueQuantity", "code"), "bpm"), "ucum-units"),
    ("no vital-signs category", body_weight, _drop("category"), "vital-signs-category"),
    (
        "subject system outside the value set",
        heart_rate,
        _set(
            ("subject", "identifier", "system"), "http://dips.no/fhir/namingsystem/dips-patientid"
        ),
        "subject-identifier",
    ),
    (
        "diastolic SNOMED CT code not the fixed one",
        blood_pressure,
        _set(("component", 1, "code", "coding", 1, "code"), "271649006"),
        "blood-pressure-components",
    ),
    (
        "body site outside the required value set",
        blood_pressure,
        _set(("bodySite", "coding", 0, "code"), "40983000"),
        "blood-pressure-components",
    ),
    (
        "a component with neither value nor reason (vs-3)",
        blood_pressure,
        _drop("component", 2, "valueQuantity"),
        "core-invariants",
    ),
    ("no effective time", body_temperature, _drop("effectiveDateTime"), "effective-time"),
]


@pytest.mark.parametrize(
    ("build", "change", "requirement"),
    [(b, c, r) for _, b, c, r in VARIANTS],
    ids=[name for name, *_ in VARIANTS],
)
def test_a_variant_breaking_one_constraint_fails_on_exactly_that_requirement(
    build: Callable[[], dict[str, Any]],
    change: Callable[[dict[str, Any]], None],
    requirement: str,
) -> None:
    resource = build()
    change(resource)
    report = _verify("variant", resource)
    assert blocking(report) == [requirement] and not report.verified


def test_the_guides_response_example_follows_the_response_profile() -> None:
    answer: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "batch-response",
        "entry": [
            {
                "fullUrl": "urn:uuid:4d4d9d8b-dc0d-4eb8-b830-ea45eeb54d36",
                "response": {"status": "200"},
            }
        ],
    }
    sent = {"svar.json": answer, "puls.json": heart_rate()}
    assert verify(sent, EVERY_CAPABILITY[:1], rs=OFFICIAL).verified
    del answer["entry"][0]["fullUrl"]  # allowed by FHIR, required by the profile
    report = verify(sent, EVERY_CAPABILITY[:1], rs=OFFICIAL)
    assert blocking(report) == ["batch-bundle"]
    [message] = result(report, "batch-bundle").messages
    assert "fullUrl" in message.text and message.expression.endswith("entry[0]")
