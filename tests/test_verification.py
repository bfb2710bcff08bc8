"""The verification stage of `markedsplass check` (generator/sandbox/not_verified.py) and the
requirement sets it uses: every solution that declares capabilities is verified,
the reports are kept on the catalogue for the site, a failing one is a warning
at its `sandbox` key, and check never touches the network."""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path
from typing import Any, get_args

import pytest

from generator import pipeline
from generator.models.kinds import KINDS
from generator.sandbox import requirements
from generator.sandbox.report import Level, Status
from generator.sandbox.requirements import CheckName, RequirementSet, RequirementSetError
from tests.support.fhir_examples import failed, result
from tests.support.paths import ROOT, TODAY


def test_the_shipped_reports_are_beside_the_catalogue(example_checked: pipeline.Checked) -> None:
    reports = example_checked.verification
    assert sorted(reports) == [
        "hjemmepuls-oppfolging",
        "kvikkapp-sarprosedyrer",
        "sarfag-sarjournal",
    ]
    # Sårjournal sends pulse and temperature only: blood pressure is not tried
    assert reports["sarfag-sarjournal"].verified
    passing = reports["hjemmepuls-oppfolging"]
    assert passing.verified and passing.requirement_set == "vkp-observation"
    assert passing.requirement_set_version == "0.5.2" and passing.kit_version == "1.1.0"
    assert {r.status for r in passing.results} == {Status.PASS}
    # the diastolic SNOMED CT code is optional in the official profile: a «bør»
    notes = [m for m in passing.messages if m.level is Level.WARNING]
    assert notes and all("diastolisk" in m.text and "bør" in m.text for m in notes)
    arne = reports["kvikkapp-sarprosedyrer"]
    assert not arne.verified and arne.errors == 2
    assert sorted(failed(arne)) == ["ucum-units", "vital-signs-category"]


def test_not_verified_is_a_warning_at_the_sandbox_key() -> None:
    _, diagnostics, _ = pipeline.run(ROOT, TODAY)
    (warning,) = diagnostics
    path = "catalogue/solutions/kvikkapp-sarprosedyrer.yaml"
    lines = (ROOT / path).read_text().splitlines()
    assert (warning.path, warning.line, warning.column) == (path, lines.index("sandbox:") + 1, 1)
    assert str(warning.severity) == "warning" and warning.code == "not-verified"
    assert "2 av 13 krav feilet (vital-signs-category, ucum-units)" in warning.message
    assert f"markedsplass verify {path}" in warning.message


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    for kind in KINDS:
        shutil.copytree(ROOT / kind.folder, root / kind.folder)
    return root


def test_check_never_reaches_a_declared_endpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(tmp_path)
    record = root / "catalogue/solutions/hjemmepuls-oppfolging.yaml"
    record.write_text(
        record.read_text().replace(
            "    - send-vital-signs\n",
            "    - send-vital-signs\n    - receive-vital-signs\n",
        )
        + "  endpoint: https://fhir.hjemmepuls.example.no/r4\n"
    )

    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("check called the network")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    _, diagnostics, verification = pipeline.run(root, TODAY)
    assert [d.code for d in diagnostics] == ["not-verified"]  # Arne's, as before
    report = verification["hjemmepuls-oppfolging"]
    assert report.verified
    metadata = result(report, "endpoint-metadata")
    assert metadata.status is Status.SKIP and "markedsplass verify" in metadata.summary


def test_a_whole_folder_and_nested_folders_as_examples(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    record = root / "catalogue/solutions/hjemmepuls-oppfolging.yaml"
    text = record.read_text()
    start = text.index("  examples:")
    record.write_text(text[:start] + '  examples: ["."]\n')
    _, _, verification = pipeline.run(root, TODAY)
    report = verification["hjemmepuls-oppfolging"]
    assert report.verified and len(report.files) == 8
    assert "catalogue/solutions/hjemmepuls-oppfolging/observasjoner/puls.json" in report.files


def test_a_failing_example_added_to_a_passing_solution(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    folder = root / "catalogue/solutions/hjemmepuls-oppfolging/observasjoner"
    text = (folder / "vekt.json").read_text()
    (folder / "vekt.json").write_text(text.replace('"code": "kg"', '"code": "kilo"'))
    _, diagnostics, verification = pipeline.run(root, TODAY)
    assert sorted(d.path for d in diagnostics) == [
        "catalogue/solutions/hjemmepuls-oppfolging.yaml",
        "catalogue/solutions/kvikkapp-sarprosedyrer.yaml",
    ]
    report = verification["hjemmepuls-oppfolging"]
    (message,) = [m for m in report.messages if m.level is Level.ERROR]
    assert message.file.endswith("observasjoner/vekt.json")
    assert "Mente du «kg»?" in message.hint


def test_solutions_without_a_declaration_get_no_report(example_checked: pipeline.Checked) -> None:
    assert "hjemmepuls-trygg" not in example_checked.verification


# ---------------------------------------------------------------- requirement sets


@pytest.mark.parametrize("set_id", ["vkp-observation", "vkp-vitals-1"])
def test_every_shipped_set_loads_and_every_check_is_used(set_id: str) -> None:
    sets = requirements.requirement_sets()
    assert list(sets) == ["vkp-observation", "vkp-vitals-1"]
    used = {r.check for r in sets[set_id].requirements}
    assert used == set(get_args(CheckName))
    rs = sets[set_id]
    vital = {p.loinc for p in rs.profiles if p.capability == "send-vital-signs"}
    assert vital == {
        "8867-4",
        "9279-1",
        "2708-6",
        "8310-5",
        "29463-7",
        "85354-9",
    }
    assert rs.capability("send-vital-signs") is not None
    assert rs.capability("receive-vital-signs").endpoint  # type: ignore[union-attr]


def test_the_default_follows_the_official_profiles_and_the_old_set_points_to_it() -> None:
    new, old = requirements.get(requirements.DEFAULT), requirements.get("vkp-vitals-1")
    assert new.guide is not None and new.guide.version == new.version == "0.5.2"
    assert new.guide.canonical == "http://hl7.no/fhir/vkpobservation"
    assert old.superseded_by == new.id and new.superseded_by is None
    # what the official profiles allow and the old set refused
    assert new.bundle.methods == ("POST", "PUT") and new.bundle.full_url == "unique"
    assert old.bundle.methods == ("POST",) and old.bundle.full_url == "urn-uuid"
    vital = [p for p in new.profiles if p.capability == "send-vital-signs"]
    assert {p.snomed_severity for p in vital} == {"warning"}
    # every measurement the guide defines, each under a capability a solution declares
    assert {p.id: p.capability for p in new.profiles if p.capability != "send-vital-signs"} == {
        "glucose": "send-glucose",
        "body-height": "send-body-measures",
        "body-mass-index": "send-body-measures",
        "news2": "send-scores",
        "clinical-frailty-scale": "send-scores",
        "level-of-consciousness": "send-scores",
    }
    assert {p.snomed_severity for p in old.profiles} == {"error"}
    display = next(r for r in new.requirements if r.check == "subject-display")
    assert display.severity == "warning"
    # what they fix and the old set never checked: the diastolic SNOMED CT code
    pressure = next(p for p in new.profiles if p.id == "blood-pressure")
    assert [c.snomed for c in pressure.components] == ["271649006", "271650006"]
    assert all(p.source for p in new.profiles)
    core = {"body-height", "body-mass-index"}  # FHIR's own vital-signs profiles
    # HL7 Norway's canonical URLs (the glucose profile's lacks the «vkpobservation» part)
    assert all("http://hl7.no/fhir/" in str(p.source) for p in new.profiles if p.id not in core)
    glucose = next(p for p in new.profiles if p.id == "glucose")
    assert glucose.loinc_severity == glucose.snomed_severity == "warning"
    assert "http://hl7.no/fhir/StructureDefinition/vkp-Observation-Glucose" in str(glucose.source)


def test_unknown_set_names_the_known_ones() -> None:
    with pytest.raises(RequirementSetError, match="Kjente kravsett: vkp-observation, vkp-vitals-1"):
        requirements.get("vkp-vitals-9")


def test_a_broken_requirement_file_is_a_tool_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (ROOT / "generator/data/requirements/vkp-vitals-1.yaml").read_bytes()
    broken = data.replace(b"capability: send-vital-signs", b"capability: send-vitals", 1)
    monkeypatch.setattr(requirements, "_files", lambda: {"vkp-vitals-1": broken})
    requirements.requirement_sets.cache_clear()
    try:
        with pytest.raises(RequirementSetError, match="ukjent evne"):
            requirements.requirement_sets()
    finally:
        monkeypatch.undo()
        requirements.requirement_sets.cache_clear()
    assert isinstance(requirements.get("vkp-vitals-1"), RequirementSet)
