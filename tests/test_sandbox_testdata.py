"""Synthetic test data (generator/sandbox/testdata.py): the same seed gives the same
bytes, another seed other data, every number is synthetic with valid check
digits, values are plausible, and every generated file passes verification."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from generator.models import reference
from generator.norway import personal_numbers
from generator.sandbox import inputs, kit, testdata
from generator.sandbox.report import Status
from tests.support.fhir_examples import RS, failed, result


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    first = testdata.write_testdata(tmp_path / "a", 3, seed=42)
    testdata.write_testdata(tmp_path / "b", 3, seed=42)
    testdata.write_testdata(tmp_path / "c", 3, seed=43)
    assert [p.name for p in first] == [
        "pasient-001-malinger.json",
        "pasient-001.json",
        "pasient-002-malinger.json",
        "pasient-002.json",
        "pasient-003-malinger.json",
        "pasient-003.json",
    ]
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    other = _digest(tmp_path / "c")
    assert set(other) == set(_digest(tmp_path / "a"))
    assert all(other[name] != digest for name, digest in _digest(tmp_path / "a").items())
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [p.name for p in first]


def test_zip_is_byte_identical_for_the_same_arguments() -> None:
    data = testdata.zip_bytes(2, seed=5)
    assert data == testdata.zip_bytes(2, seed=5) != testdata.zip_bytes(2, seed=6)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == [f"testdata/{n}" for n, _ in testdata.generate(2, 5)]


def test_every_generated_file_verifies(tmp_path: Path) -> None:
    testdata.write_testdata(tmp_path, 12, seed=2026, days=5)
    report = kit.verify(inputs.collect([tmp_path]), RS, kit.Target("testdata"), jobs=1)
    assert failed(report) == {} and report.verified
    for requirement in ("batch-bundle", "blood-pressure-components", "synthetic-identities"):
        assert result(report, requirement).status is Status.PASS
    assert report.resources == 12 * 2 + 12 * 5 * len(RS.profiles)


def test_patients_are_synthetic_and_plausible() -> None:
    files = dict(testdata.generate(40, seed=9, days=10))
    municipalities = reference.municipalities()
    d_numbers = 0
    for name, resource in files.items():
        if resource["resourceType"] == "Patient":
            number = resource["identifier"][0]["value"]
            parsed = personal_numbers.parse(number)
            assert parsed is not None and parsed.synthetic, name
            assert parsed.series is personal_numbers.Series.SYNTHETIC_TENOR
            assert parsed.born.isoformat() == resource["birthDate"]
            assert (int(number[8]) % 2 == 1) == (resource["gender"] == "male")
            d_numbers += parsed.d_number
            coding = resource["address"][0]["extension"][0]["valueCoding"]
            assert municipalities[coding["code"]].name == coding["display"]
    assert 0 < d_numbers < 40
    values: dict[str, list[float]] = {}
    per_patient: dict[tuple[str, str], list[float]] = {}
    for name, resource in files.items():
        for entry in resource.get("entry", []):
            observation = entry["resource"]
            key = observation["code"]["coding"][0]["code"]
            quantities = [c["valueQuantity"] for c in observation.get("component", [])] or [
                observation["valueQuantity"]
            ]
            values.setdefault(key, []).extend(q["value"] for q in quantities)
            per_patient.setdefault((name, key), []).append(quantities[0]["value"])
    ranges = {
        "8867-4": (45, 140),
        "9279-1": (10, 32),
        "2708-6": (82, 100),
        "8310-5": (35.5, 40.5),
        "29463-7": (40, 150),
        "85354-9": (50, 200),
    }
    for code, (low, high) in ranges.items():
        series = values[code]
        assert low <= min(series) and max(series) <= high, code
        # each patient's values vary from day to day, around levels that differ
        own = [v for (_, c), v in per_patient.items() if c == code]
        assert sum(len(set(v)) > 1 for v in own) >= 0.8 * len(own), code
        means = {round(sum(v) / len(v), 2) for v in own}
        assert len(means) > len(own) // 2, code


def test_dates_are_fixed_not_today() -> None:
    (_, bundle) = testdata.generate(1, seed=1, days=3)[0]
    stamps = sorted({e["resource"]["effectiveDateTime"][:10] for e in bundle["entry"]})
    assert stamps == ["2026-01-05", "2026-01-06", "2026-01-07"]
    assert all(e["resource"]["effectiveDateTime"].endswith("+01:00") for e in bundle["entry"])


@pytest.mark.parametrize(
    ("patients", "days", "message"),
    [
        (0, 7, "Antall pasienter må være mellom 1 og 10000"),
        (10_001, 7, "Antall pasienter må være mellom 1 og 10000"),
        (1, 0, "Antall dager må være mellom 1 og 60"),
        (1, 61, "Antall dager må være mellom 1 og 60"),
    ],
)
def test_arguments_outside_the_limits_are_refused(patients: int, days: int, message: str) -> None:
    with pytest.raises(testdata.TestDataError, match=message):
        testdata.generate(patients, seed=1, days=days)


def test_writing_is_atomic_and_leaves_other_files(tmp_path: Path) -> None:
    (tmp_path / "min-egen.json").write_text("{}")
    testdata.write_testdata(tmp_path, 1, seed=1)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["min-egen.json", "pasient-001-malinger.json", "pasient-001.json"]
    assert json.loads((tmp_path / "pasient-001.json").read_text())["resourceType"] == "Patient"
