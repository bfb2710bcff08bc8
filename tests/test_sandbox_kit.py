"""The verification kit (generator/sandbox/kit.py and its tests): a valid example of
every VKP profile passes; each rule has a failing example with its requirement,
FHIRPath location and message; Bundles are checked entry by entry with the right
lines; the privacy guard refuses real-range numbers and never repeats them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.norway import personal_numbers
from generator.norway.personal_numbers import Series, mask
from generator.sandbox import formats, inputs, kit, testdata
from generator.sandbox.report import Level, Status
from tests.support.fhir_examples import (
    PROFILES,
    RS,
    bundle,
    failed,
    observation,
    real_range_number,
    result,
    synthetic_number,
    verify,
)

LOINC, SNOMED, UCUM = "http://loinc.org", "http://snomed.info/sct", "http://unitsofmeasure.org"


@pytest.mark.parametrize("profile", PROFILES)
def test_a_valid_example_of_every_profile_passes(profile: str) -> None:
    report = verify({f"{profile}.json": observation(profile)})
    assert failed(report) == {}
    assert report.verified
    passed = {r.requirement.id for r in report.results if r.status is Status.PASS}
    assert {
        "fhir-r4-structure",
        "core-invariants",
        "profile-codes",
        "synthetic-identities",
    } <= passed
    bp = result(report, "blood-pressure-components").status
    assert bp is (Status.PASS if profile == "blood-pressure" else Status.SKIP)


def test_the_shipped_passing_examples_and_a_bundle_of_all_profiles_pass() -> None:
    everything = bundle(*(observation(p) for p in PROFILES))
    report = verify({"batch.json": everything})
    assert failed(report) == {} and report.verified
    assert result(report, "batch-bundle").status is Status.PASS
    assert report.resources == 1 + len(PROFILES)


Mutation = Callable[[dict[str, Any]], None]


def _set(path: tuple[str | int, ...], value: Any) -> Mutation:
    def mutate(resource: dict[str, Any]) -> None:
        target: Any = resource
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return mutate


def _delete(*path: str | int) -> Mutation:
    def mutate(resource: dict[str, Any]) -> None:
        target: Any = resource
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return mutate


def _rename(old: str, new: str) -> Mutation:
    def mutate(resource: dict[str, Any]) -> None:
        resource[new] = resource.pop(old)

    return mutate


def _d_number_as_fnr(resource: dict[str, Any]) -> None:
    resource["subject"]["identifier"]["value"] = synthetic_number(
        Series.SYNTHETIC_TENOR, d_number=True
    )


def _same_code_component(resource: dict[str, Any]) -> None:
    resource["component"] = [
        {"code": resource["code"], "valueQuantity": dict(resource["valueQuantity"])}
    ]


def _wrong_check_digit(resource: dict[str, Any]) -> None:
    value = resource["subject"]["identifier"]["value"]
    resource["subject"]["identifier"]["value"] = value[:10] + str((int(value[10]) + 1) % 10)


# (profile, mutation, requirement, FHIRPath, words the message has)
RULES: dict[str, tuple[str, Mutation, str, str, str]] = {
    "unknown element": (
        "heart-rate",
        _rename("valueQuantity", "valueQuanity"),
        "fhir-r4-structure",
        "Observation.valueQuanity",
        "finnes ikke her i FHIR R4",
    ),
    "status outside the value set": (
        "heart-rate",
        _set(("status",), "done"),
        "fhir-r4-structure",
        "Observation.status",
        "ingen status for Observation",
    ),
    "code missing": (
        "heart-rate",
        _delete("code"),
        "fhir-r4-structure",
        "Observation.code",
        "påkrevd i FHIR R4 og mangler",
    ),
    "dateTime that is no dateTime": (
        "heart-rate",
        _set(("effectiveDateTime",), "2. mars"),
        "fhir-r4-structure",
        "Observation.effectiveDateTime",
        "ikke et gyldig tidspunkt (dateTime)",
    ),
    "vs-1: only a year": (
        "heart-rate",
        _set(("effectiveDateTime",), "2026"),
        "core-invariants",
        "Observation.effectiveDateTime",
        "vs-1",
    ),
    "vs-2: no value": (
        "heart-rate",
        _delete("valueQuantity"),
        "core-invariants",
        "Observation",
        "vs-2",
    ),
    "obs-6: dataAbsentReason beside a value": (
        "heart-rate",
        _set(("dataAbsentReason",), {"text": "Pasienten ville ikke"}),
        "core-invariants",
        "Observation.dataAbsentReason",
        "obs-6",
    ),
    "obs-7: a component with the Observation's own code": (
        "heart-rate",
        _same_code_component,
        "core-invariants",
        "Observation.code",
        "obs-7",
    ),
    "effective[x] missing": (
        "heart-rate",
        _delete("effectiveDateTime"),
        "effective-time",
        "Observation",
        "effective[x]) mangler",
    ),
    "category missing": (
        "heart-rate",
        _delete("category"),
        "vital-signs-category",
        "Observation",
        "Kategorien vital-signs mangler",
    ),
    "category with the wrong system": (
        "heart-rate",
        _set(("category", 0, "coding", 0, "system"), "http://hl7.org/fhir/observation-category"),
        "vital-signs-category",
        "Observation.category[0].coding[0].system",
        "feil kodesystem",
    ),
    "LOINC missing": (
        "oxygen-saturation",
        _delete("code", "coding", 0),
        "profile-codes",
        "Observation.code.coding",
        "LOINC-koden for oksygenmetning mangler",
    ),
    "SNOMED CT of another measurement": (
        "heart-rate",
        _set(("code", "coding", 1, "code"), "86290005"),
        "profile-codes",
        "Observation.code.coding[1].code",
        "hører ikke til puls",
    ),
    "no vital sign at all": (
        "heart-rate",
        _set(("code",), {"coding": [{"system": LOINC, "code": "2339-0"}]}),
        "profile-codes",
        "Observation.code",
        "ingen av de vitale målingene",
    ),
    "LOINC code under another system": (
        "body-weight",
        _set(("code", "coding", 0, "system"), "https://loinc.org"),
        "profile-codes",
        "Observation.code.coding[0].system",
        "står med kodesystemet",
    ),
    "degrees Celsius written C": (
        "body-temperature",
        _set(("valueQuantity", "code"), "C"),
        "ucum-units",
        "Observation.valueQuantity.code",
        "ikke en UCUM-enhet som er tillatt for kroppstemperatur",
    ),
    "unit without the UCUM system": (
        "oxygen-saturation",
        _delete("valueQuantity", "system"),
        "ucum-units",
        "Observation.valueQuantity",
        "ikke oppgitt med UCUM",
    ),
    "value as text": (
        "body-weight",
        _set(("valueQuantity", "value"), "71.4"),
        "ucum-units",
        "Observation.valueQuantity.value",
        "ikke et tall",
    ),
    "value in valueString": (
        "heart-rate",
        lambda r: r.update(valueString=f"{r.pop('valueQuantity')['value']} slag/min"),
        "ucum-units",
        "Observation.valueString",
        "skal stå i valueQuantity",
    ),
    "blood pressure without diastolic": (
        "blood-pressure",
        _delete("component", 1),
        "blood-pressure-components",
        "Observation.component",
        "diastolisk blodtrykk (LOINC 8462-4) mangler",
    ),
    "blood pressure panel with a value": (
        "blood-pressure",
        _set(("valueQuantity",), {"value": 142, "system": UCUM, "code": "mm[Hg]"}),
        "blood-pressure-components",
        "Observation.valueQuantity",
        "har en egen verdi",
    ),
    "systolic without its SNOMED CT code": (
        "blood-pressure",
        _delete("component", 0, "code", "coding", 1),
        "blood-pressure-components",
        "Observation.component[0].code.coding",
        "SNOMED CT-koden VKP bruker for systolisk blodtrykk mangler",
    ),
    "patient by reference only": (
        "heart-rate",
        _set(("subject",), {"reference": "Patient/1", "display": "Gerd Olsen"}),
        "subject-identifier",
        "Observation.subject",
        "subject.reference alene er ikke nok",
    ),
    "patient identifier system not allowed": (
        "heart-rate",
        _set(("subject", "identifier", "system"), "urn:oid:2.16.578.1.12.4.1.4.4"),
        "subject-identifier",
        "Observation.subject.identifier.system",
        "er ikke tillatt her",
    ),
    "fødselsnummer with a wrong check digit": (
        "heart-rate",
        _wrong_check_digit,
        "subject-identifier",
        "Observation.subject.identifier.value",
        "kontrollsifrene eller datoen stemmer ikke",
    ),
    "D-nummer under the fødselsnummer system": (
        "heart-rate",
        _d_number_as_fnr,
        "subject-identifier",
        "Observation.subject.identifier.value",
        "er et D-nummer (dag + 40)",
    ),
    "patient's name missing": (
        "heart-rate",
        _delete("subject", "display"),
        "subject-display",
        "Observation.subject",
        "subject.display) mangler",
    ),
    "performer without identifier": (
        "heart-rate",
        _set(("performer", 0), {"display": "Solveig Pedersen"}),
        "performer-identifier",
        "Observation.performer[0]",
        "ikke oppgitt med identifikator",
    ),
    "organisation with a broken organisasjonsnummer": (
        "heart-rate",
        _set(
            ("performer", 0),
            {
                "type": "Organization",
                "identifier": {"system": "urn:oid:2.16.578.1.12.4.1.4.101", "value": "988077918"},
            },
        ),
        "performer-identifier",
        "Observation.performer[0].identifier.value",
        "ikke et gyldig organisasjonsnummer",
    ),
    "person's number on an Organization": (
        "heart-rate",
        _set(("performer", 0, "type"), "Organization"),
        "performer-identifier",
        "Observation.performer[0].type",
        "identifikatoren er et fødselsnummer",
    ),
}


@pytest.mark.parametrize("name", sorted(RULES))
def test_each_rule_fails_with_its_message(name: str) -> None:
    profile, mutate, requirement, where, words = RULES[name]
    resource = observation(profile)
    mutate(resource)
    report = verify({"maling.json": resource})
    found = failed(report)
    assert requirement in found, found
    assert any(e == where and words in text for e, text in found[requirement]), found[requirement]
    assert not report.verified
    message = next(m for m in result(report, requirement).messages if m.expression == where)
    assert message.file == "maling.json" and message.line >= 1 and message.hint
    assert message.level is Level.ERROR


def test_a_structurally_invalid_observation_is_tried_for_what_it_does_not_break() -> None:
    resource = observation()
    resource["code"] = "8867-4"  # not a CodeableConcept
    report = verify({"a.json": resource})
    assert list(failed(report)) == ["fhir-r4-structure"]
    # what reads the broken code is not tried …
    assert result(report, "profile-codes").status is Status.SKIP
    assert "1 med ugyldig struktur er ikke prøvd videre" in result(report, "profile-codes").summary
    # … what does not is, in the same pass
    assert result(report, "subject-identifier").status is Status.PASS
    del resource["subject"]["display"]
    resource["effectiveInstant"] = resource.pop("effectiveDateTime")
    again = verify({"a.json": resource})
    assert sorted(failed(again)) == ["effective-time", "fhir-r4-structure", "subject-display"]


def test_unknown_element_suggests_the_right_name_also_inside_a_datatype() -> None:
    resource = observation()
    resource["valueQuantity"]["unti"] = resource["valueQuantity"].pop("unit")
    report = verify({"a.json": resource})
    message = result(report, "fhir-r4-structure").messages[0]
    assert message.expression == "Observation.valueQuantity.unti"
    assert message.hint == "Mente du «unit»?"


def test_the_line_is_the_line_of_the_element_in_the_file() -> None:
    resource = observation("body-temperature")
    resource["valueQuantity"]["code"] = "C"
    text = testdata.dumps(resource).decode()
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"code": "C"' in row)
    message = result(verify({"t.json": resource}), "ucum-units").messages[0]
    assert message.line == line and message.position == f"t.json:{line}"


# ---------------------------------------------------------------- Bundle


def test_bundle_entries_are_checked_one_by_one_at_their_place() -> None:
    good, bad = observation("heart-rate"), observation("body-weight")
    bad["valueQuantity"]["code"] = "kilo"
    report = verify({"batch.json": bundle(good, bad)})
    messages = result(report, "ucum-units").messages
    assert [m.expression for m in messages] == ["Bundle.entry[1].resource.valueQuantity.code"]
    assert "Mente du «kg»?" in messages[0].hint
    text = testdata.dumps(bundle(good, bad)).decode()
    assert text.splitlines()[messages[0].line - 1].strip() == '"code": "kilo"'


BUNDLE_RULES: dict[str, tuple[Mutation, str, str]] = {
    "transaction, not batch": (
        _set(("type",), "transaction"),
        "Bundle.type",
        "målinger sendes som batch",
    ),
    "fullUrl not urn:uuid": (
        _set(("entry", 0, "fullUrl"), "Observation/1"),
        "Bundle.entry[0].fullUrl",
        "er ikke urn:uuid:",
    ),
    "upper-case UUID": (
        _set(("entry", 0, "fullUrl"), "urn:uuid:6F1C2B9E-3A4D-4E5F-8A9B-0C1D2E3F4A5B"),
        "Bundle.entry[0].fullUrl",
        "små bokstaver",
    ),
    "two entries, one fullUrl": (
        lambda b: b["entry"][1].update(fullUrl=b["entry"][0]["fullUrl"]),
        "Bundle.entry[1].fullUrl",
        "den samme som i entry[0]",
    ),
    "no request": (_delete("entry", 0, "request"), "Bundle.entry[0]", "mangler «request»"),
    "PUT instead of POST": (
        _set(("entry", 0, "request", "method"), "PUT"),
        "Bundle.entry[0].request.method",
        "sendes med POST",
    ),
    "a Patient in the batch": (
        _set(("entry", 0, "resource"), {"resourceType": "Patient"}),
        "Bundle.entry[0].resource",
        "ingen Observation (men «Patient»)",
    ),
}


@pytest.mark.parametrize("name", sorted(BUNDLE_RULES))
def test_each_bundle_rule_fails_with_its_message(name: str) -> None:
    mutate, where, words = BUNDLE_RULES[name]
    value = bundle(observation("heart-rate"), observation("blood-pressure"))
    mutate(value)
    found = failed(verify({"batch.json": value}))
    assert any(e == where and words in t for e, t in found["batch-bundle"]), found


def test_no_bundle_skips_the_bundle_requirement_and_says_how_to_try_it() -> None:
    outcome = result(verify({"a.json": observation()}), "batch-bundle")
    assert outcome.status is Status.SKIP and "batch-Bundle" in outcome.summary


# ---------------------------------------------------------------- privacy


def _with_subject_number(
    number: str, system: str = "urn:oid:2.16.578.1.12.4.1.4.1"
) -> dict[str, Any]:
    resource = observation()
    resource["subject"]["identifier"] = {"system": system, "value": number}
    return resource


@pytest.mark.parametrize("series", [Series.SYNTHETIC_TENOR, Series.SYNTHETIC_NHN])
def test_privacy_guard_accepts_synthetic_numbers(series: Series) -> None:
    report = verify({"a.json": _with_subject_number(synthetic_number(series))})
    assert result(report, "synthetic-identities").status is Status.PASS and report.verified
    d_number = synthetic_number(series, d_number=True)
    dnr = verify({"d.json": _with_subject_number(d_number, "urn:oid:2.16.578.1.12.4.1.4.2")})
    assert failed(dnr) == {}


@pytest.mark.parametrize("d_number", [False, True], ids=["fnr", "dnr"])
def test_privacy_guard_refuses_a_real_range_number_and_never_repeats_it(d_number: bool) -> None:
    number = real_range_number(d_number=d_number)
    system = "urn:oid:2.16.578.1.12.4.1.4.2" if d_number else "urn:oid:2.16.578.1.12.4.1.4.1"
    resource = _with_subject_number(number, system)
    resource["note"] = [{"text": f"Ringt pasienten, fnr {number[:6]} {number[6:]}"}]
    report = verify({"a.json": resource})
    messages = result(report, "synthetic-identities").messages
    assert [m.expression for m in messages] == [
        "Observation.subject.identifier.value",
        "Observation.note[0].text",
    ]
    kind = "D-nummer" if d_number else "fødselsnummer"
    assert f"gyldig {kind} i området virkelige personer bruker" in messages[0].text
    assert "kan tilhøre en virkelig person" in messages[0].text
    assert mask(number) in messages[0].text
    everything = json.dumps([(m.text, m.hint, m.expression) for m in report.messages])
    assert number not in everything and number[:6] + " " + number[6:] not in everything
    assert not report.verified


def test_privacy_guard_refuses_an_h_number_anywhere_in_the_file() -> None:
    number = synthetic_number(Series.H_NUMBER)
    value = bundle(observation())
    value["entry"][0]["resource"]["identifier"] = [{"value": number}]
    messages = result(verify({"b.json": value}), "synthetic-identities").messages
    assert [m.expression for m in messages] == ["Bundle.entry[0].resource.identifier[0].value"]
    assert "H-nummer (måned + 40)" in messages[0].text


def test_privacy_guard_sees_numbers_behind_json_escapes() -> None:
    number = real_range_number()
    resource = _with_subject_number("ukjent")
    resource["note"] = [{"text": number}]
    escaped = (
        testdata.dumps(resource)
        .decode()
        .replace(number, "\\u00" + hex(ord(number[0]))[2:] + number[1:])
    )
    source = inputs.parse("e.json", escaped.encode())
    report = kit.verify_sources([source], RS, kit.Target("t", ("send-vital-signs",)))
    assert [m.expression for m in result(report, "synthetic-identities").messages] == [
        "Observation.note[0].text"
    ]


# ---------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b'{"resourceType": "Observation",}', "feltnavn skal stå i doble anførselstegn"),
        (b'{"a": 1, "a": 2}', "Feltet «a» står to ganger"),
        (b"[1, 2]", "ett JSON-objekt"),
        (b"\xef\xbb\xbf{}", "byte order mark"),
        (b'{"x": NaN}', "NaN"),
        (b"\xff\xfe", "ikke UTF-8"),
        (b'{"resourceType": "Observasjon"}', "Ressurstypen «Observasjon» finnes ikke"),
        (b'{"status": "final"}', "resourceType mangler"),
    ],
)
def test_files_that_are_no_fhir_json_fail_the_structure_requirement(
    data: bytes, words: str
) -> None:
    source = inputs.parse("x.json", data)
    report = kit.verify_sources([source], RS, kit.Target("t"))
    messages = result(report, "fhir-r4-structure").messages
    assert len(messages) == 1 and words in messages[0].text, messages
    assert not report.verified


def test_nothing_to_verify_is_not_verified() -> None:
    report = kit.verify_sources([], RS, kit.Target("tom mappe"))
    assert not report.verified
    assert all(r.status is Status.SKIP for r in report.results)


def test_many_findings_are_capped_and_counted() -> None:
    wrong = observation("body-temperature")
    wrong["valueQuantity"]["code"] = "C"
    report = verify({"b.json": bundle(*[wrong] * (kit.MAX_MESSAGES + 5))})
    units = result(report, "ucum-units")
    assert len(units.messages) == kit.MAX_MESSAGES and units.omitted == 5
    assert f"{kit.MAX_MESSAGES + 5} funn" in units.summary


def test_parallel_and_serial_runs_give_the_same_report(tmp_path: Path) -> None:
    testdata.write_testdata(tmp_path, 4, seed=3, days=2)
    target = tmp_path / "pasient-002-malinger.json"
    bad = json.loads(target.read_text())
    bad["entry"][0]["resource"]["valueQuantity"]["code"] = "bpm"
    target.write_text(json.dumps(bad, indent=1))
    files = inputs.collect([tmp_path])
    serial = kit.verify(files, RS, kit.Target("t"), jobs=1)
    parallel = kit.verify(files, RS, kit.Target("t"), jobs=2)
    assert serial == parallel and not serial.verified
    assert failed(serial) == {
        "ucum-units": [
            ("Bundle.entry[0].resource.valueQuantity.code", failed(serial)["ucum-units"][0][1])
        ]
    }


def test_a_file_that_cannot_be_read_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    source = inputs.read("mappe.json", tmp_path)  # a folder where a file was expected
    report = kit.verify_sources([source], RS, kit.Target("t"))
    (message,) = result(report, "fhir-r4-structure").messages
    assert "Filen kan ikke leses" in message.text and not report.verified


def test_felles_hjelpenummer_starts_with_8_or_9_and_has_check_digits() -> None:
    first_nine = next(
        f"8{n:08d}" for n in range(1000, 2000) if personal_numbers.check_digits(f"8{n:08d}")
    )
    number = first_nine + str(personal_numbers.check_digits(first_nine))
    fhn = "urn:oid:2.16.578.1.12.4.1.4.3"
    assert failed(verify({"a.json": _with_subject_number(number, fhn)})) == {}
    wrong = "7" + number[1:]
    found = failed(verify({"b.json": _with_subject_number(wrong, fhn)}))
    assert found["subject-identifier"] == [
        (
            "Observation.subject.identifier.value",
            f"«{mask(wrong)}» er ikke et gyldig felles hjelpenummer.",
        )
    ]


def test_a_lone_patient_is_never_verified() -> None:
    """Nothing is verified without at least one Observation tried for a capability
    that sends measurements: a valid Patient alone proves nothing was sent."""
    patient = {
        "resourceType": "Patient",
        "id": "p1",
        "identifier": [
            {
                "system": "urn:oid:2.16.578.1.12.4.1.4.1",
                "value": synthetic_number(Series.SYNTHETIC_TENOR),
            }
        ],
    }
    report = verify({"pasient.json": patient})
    assert result(report, "fhir-r4-structure").status is Status.PASS
    assert report.failed == () and report.observations == 0
    assert report.nothing_sent and not report.verified
    with_one = verify({"pasient.json": patient, "puls.json": observation("heart-rate")})
    assert with_one.observations == 1 and with_one.verified and not with_one.nothing_sent


def test_an_empty_primitive_extension_is_told_in_norwegian() -> None:
    resource = observation("heart-rate")
    resource["_effectiveDateTime"] = {}
    report = verify({"puls.json": resource})
    [message] = result(report, "fhir-r4-structure").messages
    assert message.expression.endswith("_effectiveDateTime")
    assert "må ha «id» eller «extension»" in message.text
    assert "required" not in message.text and "One of" not in message.text


def test_positions_for_the_wanted_paths_are_those_of_the_full_scan() -> None:
    """The scanner that walks only down the paths a report needs gives the same
    lines as the full scan, for every path on the way, in every example file."""
    from generator.sandbox import positions
    from tests.support.paths import ROOT

    for path in sorted((ROOT / "catalogue/solutions").rglob("*.json")):
        text = path.read_text("utf-8")
        full = positions.lines(text)
        deepest = sorted(full, key=len)[-3:]  # a few of the deepest values
        wanted = frozenset([*deepest, ("resourceType",)])
        targeted = positions.lines(text, wanted)
        assert targeted == {loc: full[loc] for loc in targeted}, path
        assert all(loc[:n] in targeted for loc in wanted for n in range(len(loc) + 1))
        # escaped strings and brackets inside strings are skipped, not counted
        tricky = '{"a": "x\\"}]{[", "b": [1, {"c": "\\u00e6"}], "d": 2}'
        assert positions.lines(tricky, frozenset([("d",)])) == {(): 1, ("d",): 1}


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b'{\n "resourceType": "Observation",\n "id": "a\\ud800"\n}', 3, "ensomt surrogat"),
        (b'{\n "resourceType": "Observation",\n "x\\uDC00": 1\n}', 3, "ensomt surrogat"),
        (b'{\n "resourceType": "Observation",\n "x": ' + b"9" * 5000 + b"\n}", 3, "5000 tegn"),
        (b'{\n "resourceType": "Observation",\n "x": 1e999\n}', 3, "for stort"),
        (b'{\n "resourceType": "Observation",\n "x": -Infinity\n}', 3, "Infinity"),
        (b'{\n "resourceType": "Observation",\n "id": "a",\n "id": "b"\n}', 4, "to ganger"),
    ],
)
def test_hostile_json_is_a_finding_at_its_line_never_a_tool_failure(
    data: bytes, line: int, words: str
) -> None:
    source = inputs.parse("x.json", data)
    assert source.line == line
    report = kit.verify_sources([source], RS, kit.Target("t"))
    messages = result(report, "fhir-r4-structure").messages
    assert len(messages) == 1 and words in messages[0].text, messages
    assert not report.verified
    # and the report can be written in every format (a lone surrogate would break
    # the UTF-8 output)
    for formatter in formats.FORMATTERS.values():
        formatter(report).encode("utf-8")
