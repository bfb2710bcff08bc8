"""The requirement set derived from HL7 Norway's official VKP profiles (0.5.2): what
the profiles require is an error, what they only mark Must Support on an optional
element is a «bør», and what the old set (vkp-vitals-1) refused but the profiles
allow now passes. The same variants against vkp-vitals-1 show the difference."""

from __future__ import annotations

from typing import Any

from generator.sandbox.report import Level, Status
from tests.support.fhir_examples import OFFICIAL, RS, bundle, observation, result, verify

SNOMED = "http://snomed.info/sct"


def _without_snomed(resource: dict[str, Any]) -> dict[str, Any]:
    codings = resource["code"]["coding"]
    resource["code"]["coding"] = [c for c in codings if c["system"] != SNOMED]
    return resource


def test_a_missing_snomed_code_is_a_bor_under_the_official_profiles() -> None:
    files = {"puls.json": _without_snomed(observation("heart-rate"))}
    report = verify(files, rs=OFFICIAL)
    codes = result(report, "profile-codes")
    assert codes.status is Status.PASS and report.verified
    [note] = codes.messages
    assert note.level is Level.WARNING and "bør" in note.text
    old = verify(files)
    assert result(old, "profile-codes").status is Status.FAIL and not old.verified


def test_a_wrong_snomed_code_is_still_an_error() -> None:
    resource = observation("heart-rate")
    next(c for c in resource["code"]["coding"] if c["system"] == SNOMED)["code"] = "27113001"
    report = verify({"puls.json": resource}, rs=OFFICIAL)
    assert result(report, "profile-codes").status is Status.FAIL and not report.verified


def test_the_diastolic_snomed_code_is_fixed_by_the_profile() -> None:
    pressure = observation("blood-pressure")
    diastolic = pressure["component"][1]["code"]["coding"]
    diastolic.append({"system": SNOMED, "code": "271649006"})  # the systolic one
    report = verify({"bt.json": pressure}, rs=OFFICIAL)
    found = result(report, "blood-pressure-components")
    assert found.status is Status.FAIL
    [message] = found.messages
    assert message.expression.endswith("component[1].code.coding[1].code")
    assert "271650006" in message.hint
    # the old set never looked at the diastolic SNOMED CT code
    assert result(verify({"bt.json": pressure}), "blood-pressure-components").status is (
        Status.PASS
    )


def test_subject_display_is_a_bor_under_the_official_profiles() -> None:
    resource = observation("heart-rate")
    del resource["subject"]["display"]
    report = verify({"puls.json": resource}, rs=OFFICIAL)
    assert result(report, "subject-display").status is Status.FAIL
    assert result(report, "subject-display").requirement.severity == "warning"
    assert report.verified  # a failed BØR never stops the verification
    assert not verify({"puls.json": resource}).verified


def test_the_batch_bundle_allows_put_and_any_unique_full_url() -> None:
    sent = bundle(observation("heart-rate"), observation("body-weight"))
    sent["entry"][0]["fullUrl"] = "https://hjemmepuls.example.no/maling/1"
    sent["entry"][1]["request"] = {"method": "PUT", "url": "Observation/vekt-1"}
    assert result(verify({"b.json": sent}, rs=OFFICIAL), "batch-bundle").status is Status.PASS
    old = result(verify({"b.json": sent}), "batch-bundle")
    assert old.status is Status.FAIL and len(old.messages) == 2  # urn:uuid and POST
    sent["entry"][1]["fullUrl"] = sent["entry"][0]["fullUrl"]
    sent["entry"][1]["request"] = {"method": "PATCH", "url": "Observation/vekt-1"}
    found = result(verify({"b.json": sent}, rs=OFFICIAL), "batch-bundle")
    texts = sorted(m.text for m in found.messages)
    assert found.status is Status.FAIL and len(texts) == 2
    assert any("den samme som i entry[0]" in t for t in texts)
    assert any("POST eller PUT" in t for t in texts)


def test_put_names_the_observation_it_updates() -> None:
    sent = bundle(observation("heart-rate"))
    sent["entry"][0]["request"] = {"method": "PUT", "url": "Observation"}
    [message] = result(verify({"b.json": sent}, rs=OFFICIAL), "batch-bundle").messages
    assert message.expression.endswith("request.url") and "Observation/<id>" in message.hint


def test_both_sets_are_tried_on_the_same_valid_examples() -> None:
    files = {f"{p.id}.json": observation(p.id) for p in RS.profiles}
    assert verify(files).verified and verify(files, rs=OFFICIAL).verified


def _observation_of(
    snomed: str | None, loinc: str | None = None, *, category: bool = False
) -> dict[str, Any]:
    """A measurement shaped as the guide's own examples (vkp-news2-create and so on),
    with the example catalogue's synthetic patient and nurse."""
    resource = observation("heart-rate")
    codings = []
    if loinc:
        codings.append({"system": "http://loinc.org", "code": loinc})
    if snomed:
        codings.append({"system": SNOMED, "code": snomed})
    resource["code"] = {"coding": codings}
    if not category:
        del resource["category"]
    return resource


def test_glucose_height_bmi_and_the_scores_verify_under_their_own_capabilities() -> None:
    glucose = _observation_of("434912009", "15074-8", category=True)
    glucose["code"]["coding"].append(
        {"system": "urn:oid:2.16.578.1.12.4.1.1.7280", "code": "NPU02187"}
    )
    glucose["valueQuantity"] = {
        "value": 6.3,
        "unit": "mmol/L",
        "system": "http://unitsofmeasure.org",
        "code": "mmol/L",
    }
    height = _observation_of(None, "8302-2", category=True)
    height["valueQuantity"] = {"value": 171, "system": "http://unitsofmeasure.org", "code": "cm"}
    news2 = _observation_of("1104051000000101")
    news2["valueQuantity"] = {"value": 3}
    cfs = _observation_of("763264000")
    cfs["valueQuantity"] = {"value": 2}
    acvpu = _observation_of("1104441000000107")
    del acvpu["valueQuantity"]
    acvpu["valueCodeableConcept"] = {"text": "Alert"}
    capabilities = ("send-glucose", "send-body-measures", "send-scores")
    files = {
        "glukose.json": glucose,
        "hoyde.json": height,
        "news2.json": news2,
        "cfs.json": cfs,
        "acvpu.json": acvpu,
    }
    report = verify(files, capabilities, rs=OFFICIAL)
    assert report.verified, [(m.expression, m.text) for m in report.messages]
    assert report.observations == 5 and report.unmeasured == ()
    assert not report.messages  # the scores need no vital-signs category
    # the same glucose without its NPU code: a «bør», still verified
    glucose["code"]["coding"].pop()
    again = verify({"glukose.json": glucose}, ("send-glucose",), rs=OFFICIAL)
    [note] = again.messages
    assert again.verified and note.level is Level.WARNING and "NPU02187" in note.hint


def test_each_declared_capability_needs_its_own_measurement() -> None:
    files = {"puls.json": observation("heart-rate")}
    report = verify(files, ("send-vital-signs", "send-scores"), rs=OFFICIAL)
    assert report.unmeasured == ("send-scores",) and not report.verified
    assert verify(files, ("send-vital-signs",), rs=OFFICIAL).verified


def test_blood_pressure_body_site_method_and_performer_follow_the_profile() -> None:
    pressure = observation("blood-pressure")
    pressure["bodySite"] = {"coding": [{"system": SNOMED, "code": "368209003"}]}  # overarm
    pressure["method"] = {"coding": [{"system": SNOMED, "code": "37931006"}]}
    assert result(
        verify({"bt.json": pressure}, rs=OFFICIAL), "blood-pressure-components"
    ).status is (Status.PASS)
    pressure["bodySite"] = {"coding": [{"system": SNOMED, "code": "40983000"}]}  # arm: not bound
    pressure["performer"].append(
        {"identifier": {"system": "urn:oid:2.16.578.1.12.4.1.4.101", "value": "974760673"}}
    )
    found = result(verify({"bt.json": pressure}, rs=OFFICIAL), "blood-pressure-components")
    errors = [m for m in found.messages if m.level is Level.ERROR]
    where = sorted(m.expression.rsplit(".", 1)[-1] for m in errors)
    assert found.status is Status.FAIL and where == ["coding[0]", "performer[1]"]
    # the old set had neither rule
    old = result(verify({"bt.json": pressure}), "blood-pressure-components")
    assert old.status is Status.PASS


def test_every_requirement_names_where_it_comes_from_in_the_report() -> None:
    assert all(r.source for r in OFFICIAL.requirements)
    diastolic = next(r for r in OFFICIAL.requirements if r.check == "blood-pressure")
    assert "component[DiastolicBP].code.coding[DBPSCTCode].code = 271650006" in str(
        diastolic.source
    )
    resource = observation("heart-rate")
    del resource["category"]
    report = verify({"puls.json": resource}, rs=OFFICIAL)
    from generator.sandbox import formats

    text = formats.text(report)
    assert "Kilde: http://hl7.org/fhir/StructureDefinition/vitalsigns: category[VSCat]" in text
    assert "Kilde i guiden:" in formats.markdown(report)
    [failed] = [r for r in formats.as_dict(report)["results"] if r["status"] == "fail"]
    assert failed["requirement"]["source"].startswith("http://hl7.org/fhir/")
