"""The OCDS export of the shipped example catalogue: valid against the OCDS 1.1.5
release-package schema with the Techniques extension, and true to the mapping in
generator/procurement/ocds.py. The schemas are the Open Contracting Partnership's
published ones, copied to tests/data/ocds/; nothing is fetched."""

from __future__ import annotations

import copy
import csv
import json
import re
import shutil
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from generator import pipeline
from generator.catalogue.gather import Catalogue
from generator.diagnostics import has_errors
from generator.models import CallOff, Dps, Supplier, reference
from generator.models.calloff import AwardCriteria
from generator.models.kinds import APPLICATION, CALLOFF, DPS, EVENT_KINDS, KINDS, SUPPLIER
from generator.procurement import ocds
from tests.support.paths import ROOT, TODAY
from tests.support.shipped import unexpected

OCDS_DATA = ROOT / "tests" / "data" / "ocds"
PREFIX = "ocds-abc123"
URI = "https://markedsplassen.example.no/ocds/release-package.json"
AWARD_CRITERIA_CODES = {"priceOnly", "costOnly", "qualityOnly", "ratedCriteria"}


# --- the validator ---------------------------------------------------------------


def merge_patch(target: Any, patch: Any) -> Any:
    """JSON merge patch (RFC 7386)."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


# jsonschema checks "date-time" and "uri" only with optional packages the project
# does not install; these two checks make the formats count.
FORMATS = FormatChecker(formats=())
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    datetime.fromisoformat(value)
    return DATE_TIME.fullmatch(value) is not None


def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


# registered by call, not as decorators: jsonschema has no type information, and an
# untyped decorator would leave the functions untyped
FORMATS.checks("date-time", raises=ValueError)(_date_time)
FORMATS.checks("uri")(_uri)


# The fields of the Enquiry extension the export writes (tender.enquiries), written
# here from the extension's documentation rather than copied: an enquiry has an id,
# and its dates are date-times.
_TEXT = {"type": ["string", "null"]}
_WHEN = {"type": ["string", "null"], "format": "date-time"}
ENQUIRY_PATCH = {
    "definitions": {
        "Tender": {
            "properties": {
                "enquiries": {
                    "type": "array",
                    "items": {"$ref": "#/definitions/Enquiry"},
                    "uniqueItems": True,
                }
            }
        },
        "Enquiry": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "date": _WHEN,
                "author": {"$ref": "#/definitions/OrganizationReference"},
                "title": _TEXT,
                "description": _TEXT,
                "answer": _TEXT,
                "dateAnswered": _WHEN,
            },
        },
    }
}


def _schema(name: str) -> Any:
    return json.loads((OCDS_DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    if not OCDS_DATA.is_dir():
        pytest.fail(f"{OCDS_DATA} mangler: testen trenger kopien av OCDS-skjemaene.")
    release = merge_patch(
        _schema("release-schema.json"), _schema("techniques-extension-release-schema.json")
    )
    release = merge_patch(release, ENQUIRY_PATCH)
    assert "Techniques" in release["definitions"]
    assert "techniques" in release["definitions"]["Tender"]["properties"]
    package = _schema("release-package-schema.json")
    # the package refers to the release schema by its URL: serve the patched copy there
    assert package["properties"]["releases"]["items"]["$ref"] == release["id"]
    Draft4Validator.check_schema(package)
    Draft4Validator.check_schema(release)
    registry: Registry[Any] = Registry().with_resource(
        release["id"], Resource.from_contents(release, default_specification=DRAFT4)
    )
    return Draft4Validator(package, registry=registry, format_checker=FORMATS)


def errors(validator: Draft4Validator, package: dict[str, Any]) -> list[tuple[list[Any], str]]:
    found = validator.iter_errors(package)
    return sorted(((list(e.absolute_path), e.message) for e in found), key=str)


# --- the package -----------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded, diagnostics, _ = pipeline.run(ROOT, TODAY)
    assert not has_errors(diagnostics)
    return loaded


def build(catalogue: Catalogue, prefix: str = PREFIX, published: date = TODAY) -> dict[str, Any]:
    return ocds.release_package(
        catalogue,
        ocid_prefix=prefix,
        publisher_name="Markedsplassen",
        published=published,
        uri=URI,
    )


@pytest.fixture(scope="module")
def package(catalogue: Catalogue) -> dict[str, Any]:
    return build(catalogue)


def releases(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {release["ocid"]: release for release in package["releases"]}


def dpss(catalogue: Catalogue) -> list[Dps]:
    return [e.record for e in catalogue.records(DPS) if isinstance(e.record, Dps)]


def calloffs(catalogue: Catalogue) -> list[CallOff]:
    return [e.record for e in catalogue.records(CALLOFF) if isinstance(e.record, CallOff)]


def party(release: dict[str, Any], party_id: str) -> dict[str, Any]:
    found: dict[str, Any]
    (found,) = [p for p in release["parties"] if p["id"] == party_id]
    return found


# --- validity --------------------------------------------------------------------


def test_package_is_valid_ocds(validator: Draft4Validator, package: dict[str, Any]) -> None:
    assert errors(validator, package) == []
    assert package["version"] == "1.1"
    assert package["publishedDate"] == "2026-11-28T00:00:00Z"
    assert package["uri"] == URI
    assert package["publisher"] == {"name": "Markedsplassen"}
    assert package["extensions"] == [ocds.TECHNIQUES_EXTENSION, ocds.ENQUIRY_EXTENSION]


def test_validator_catches_a_release_without_ocid(
    validator: Draft4Validator, package: dict[str, Any]
) -> None:
    broken = copy.deepcopy(package)
    del broken["releases"][0]["ocid"]
    assert errors(validator, broken) == [(["releases", 0], "'ocid' is a required property")]


def test_validator_applies_the_techniques_extension(
    validator: Draft4Validator, package: dict[str, Any]
) -> None:
    broken = copy.deepcopy(package)
    index = next(i for i, r in enumerate(broken["releases"]) if "-dps-" in r["ocid"])
    broken["releases"][index]["tender"]["techniques"]["dynamicPurchasingSystem"]["type"] = "halv"
    path = ["releases", index, "tender", "techniques", "dynamicPurchasingSystem", "type"]
    assert [e[0] for e in errors(validator, broken)] == [path]


def test_validator_checks_date_times(validator: Draft4Validator, package: dict[str, Any]) -> None:
    broken = copy.deepcopy(package)
    broken["releases"][0]["date"] = "2026-11-28"
    broken["publishedDate"] = "2026-11-28T25:00:00Z"
    assert errors(validator, broken) == [
        (["publishedDate"], "'2026-11-28T25:00:00Z' is not a 'date-time'"),
        (["releases", 0, "date"], "'2026-11-28' is not a 'date-time'"),
    ]


def test_validator_checks_codes(validator: Draft4Validator, package: dict[str, Any]) -> None:
    broken = copy.deepcopy(package)
    broken["releases"][0]["tender"]["procurementMethod"] = "dynamic"
    assert [e[0] for e in errors(validator, broken)] == [
        ["releases", 0, "tender", "procurementMethod"]
    ]


# --- one process per DPS ---------------------------------------------------------


def test_one_process_per_dps(catalogue: Catalogue, package: dict[str, Any]) -> None:
    by_ocid = releases(package)
    flagged = [
        r["ocid"]
        for r in package["releases"]
        if r["tender"].get("techniques", {}).get("hasDynamicPurchasingSystem") is True
    ]
    assert sorted(flagged) == sorted(f"{PREFIX}-dps-{d.id}" for d in dpss(catalogue))
    assert len(dpss(catalogue)) == 3
    for dps in dpss(catalogue):
        release = by_ocid[f"{PREFIX}-dps-{dps.id}"]
        tender = release["tender"]
        assert tender["id"] == dps.id
        assert tender["procurementMethod"] == "selective"
        assert tender["mainProcurementCategory"] == "services"
        assert tender["techniques"]["dynamicPurchasingSystem"]["type"] == dps.type
        assert tender["techniques"]["dynamicPurchasingSystem"]["status"] == "active"
        assert tender["value"] == {"amount": dps.max_value_nok, "currency": "NOK"}
        assert tender["tenderPeriod"] == {
            "startDate": f"{dps.announced}T00:00:00Z",
            "endDate": f"{dps.request_deadline}T23:59:59Z",
        }
        assert tender["contractPeriod"] == {"endDate": f"{dps.valid_until}T23:59:59Z"}
        (item,) = tender["items"]
        main, *more = reference.cpv()[dps.category]
        assert item["classification"] == {
            "scheme": "CPV",
            "id": main.code,
            "description": main.label,
        }
        assert [c["id"] for c in item.get("additionalClassifications", [])] == [
            c.code for c in more
        ]
        assert release["buyer"] == {"id": "markedsplassen", "name": "Markedsplassen"}
        assert tender["procuringEntity"] == release["buyer"]
        assert party(release, "markedsplassen")["roles"] == ["buyer", "procuringEntity"]
        assert release["date"] == "2026-11-28T00:00:00Z"
        assert release["id"] == f"{release['ocid']}-2026-11-28"
        assert "relatedProcesses" not in release


def test_each_admission_is_an_award(catalogue: Catalogue, package: dict[str, Any]) -> None:
    by_ocid = releases(package)
    for dps in dpss(catalogue):
        release = by_ocid[f"{PREFIX}-dps-{dps.id}"]
        admitted = catalogue.admitted(dps.id)
        standing = catalogue.admitted_on(dps.id, date(2026, 11, 28))
        awards = release.get("awards", [])
        assert len(awards) == len(admitted)
        assert release["tag"] == (["tender", "award"] if admitted else ["tender"])
        assert sorted(a["id"] for a in awards) == sorted(
            f"{dps.id}-admission-{s}" for s in admitted
        )
        for award in awards:
            supplier = award["id"].removeprefix(f"{dps.id}-admission-")
            assert award["date"] == f"{admitted[supplier].decided}T00:00:00Z"
            # an admission the supplier is since excluded from is cancelled
            assert award["status"] == ("active" if supplier in standing else "cancelled")
            (who,) = award["suppliers"]
            assert party(release, who["id"])["roles"] == ["tenderer", "supplier"]
        # every applicant is one tenderer, however often it applied; only the
        # admitted ones are suppliers
        applicants = {p["id"] for p in release["parties"] if "tenderer" in p["roles"]}
        assert len(applicants) == len(
            {e.record.supplier for e in catalogue.events(APPLICATION, dps.id)}
        )
        assert {t["id"] for t in release["tender"]["tenderers"]} == applicants


def supplier_party_id(catalogue: Catalogue, supplier_id: str) -> str:
    supplier = catalogue.get(SUPPLIER, supplier_id)
    assert isinstance(supplier, Supplier)
    return f"NO-BRC-{supplier.orgnr}"


def test_rejected_and_pending_applications_are_no_awards(
    catalogue: Catalogue, package: dict[str, Any]
) -> None:
    sar = releases(package)[f"{PREFIX}-dps-dps-sarbehandling-2026"]
    # kvikkapp was rejected, then admitted on a second request, then excluded: one
    # award, cancelled, with the reason
    (kvikkapp,) = [a for a in sar["awards"] if a["id"].endswith("-kvikkapp")]
    assert kvikkapp["status"] == "cancelled"
    assert kvikkapp["date"] == "2026-04-23T00:00:00Z"
    assert (
        "Utelukket 2026-10-05: Markedsplassen ba om fornyet egenerklæring"
        in (kvikkapp["description"])
    )
    mobile = releases(package)[f"{PREFIX}-dps-dps-mobil-dokumentasjon-2026"]
    assert [a["id"] for a in mobile["awards"]] == [
        "dps-mobil-dokumentasjon-2026-admission-omsorgsdata-norge"
    ]
    # sarfag's request is not decided yet
    assert party(mobile, supplier_party_id(catalogue, "sarfag"))["roles"] == ["tenderer"]


def test_suppliers_are_identified_by_orgnr(package: dict[str, Any]) -> None:
    sar = releases(package)[f"{PREFIX}-dps-dps-sarbehandling-2026"]
    sarfag = party(sar, "NO-BRC-951842702")
    assert sarfag["identifier"] == {"scheme": "NO-BRC", "id": "951842702", "legalName": "Sårfag AS"}


# --- one process per call-off ----------------------------------------------------


def test_each_calloff_is_its_own_process_linked_to_its_dps(
    catalogue: Catalogue, package: dict[str, Any]
) -> None:
    by_ocid = releases(package)
    assert len(package["releases"]) == len(dpss(catalogue)) + len(calloffs(catalogue))
    for calloff in calloffs(catalogue):
        release = by_ocid[f"{PREFIX}-calloff-{calloff.id}"]
        dps_release = by_ocid[f"{PREFIX}-dps-{calloff.dps}"]
        assert release["relatedProcesses"] == [
            {
                "id": "1",
                "relationship": ["framework"],
                "scheme": "ocid",
                "identifier": dps_release["ocid"],
                "title": dps_release["tender"]["title"],
            }
        ]
        tender = release["tender"]
        assert "techniques" not in tender
        assert tender["tenderPeriod"] == {
            "startDate": f"{calloff.published}T00:00:00Z",
            "endDate": f"{calloff.tender_deadline}T23:59:59Z",
        }
        assert tender["awardCriteria"] in AWARD_CRITERIA_CODES
        assert tender["awardCriteria"] == ocds.AWARD_CRITERIA[calloff.award_criteria.basis]
        for criterion in calloff.award_criteria.criteria:
            assert (
                f"{criterion.name} {criterion.weight_percent} %" in tender["awardCriteriaDetails"]
            )
        invited = {p["id"] for p in release["parties"] if "tenderer" in p["roles"]}
        assert len(invited) == len(calloff.invited)
        expected = ["tender"]
        expected += ["award"] if calloff.award else []
        expected += ["contract"] if calloff.contract else []
        assert release["tag"] == expected


def test_calloff_buyer_is_the_municipality(package: dict[str, Any]) -> None:
    release = releases(package)[f"{PREFIX}-calloff-bergen-app-for-sarprosedyrer-2026"]
    assert release["buyer"] == {"id": "NO-KOMMUNENUMMER-4601", "name": "Bergen"}
    bergen = party(release, "NO-KOMMUNENUMMER-4601")
    assert bergen["roles"] == ["buyer", "procuringEntity"]
    assert bergen["additionalIdentifiers"] == [{"scheme": "NO-KOMMUNENUMMER", "id": "4601"}]
    assert "identifier" not in bergen  # the municipality's orgnr is not in the records


def test_every_award_basis_maps_to_an_ocds_code() -> None:
    bases = typing.get_args(AwardCriteria.model_fields["basis"].annotation)
    assert set(ocds.AWARD_CRITERIA) == set(bases)
    assert set(ocds.AWARD_CRITERIA.values()) <= AWARD_CRITERIA_CODES
    assert ocds.AWARD_CRITERIA["lowest-price"] == "priceOnly"
    assert ocds.AWARD_CRITERIA["lowest-cost"] == "costOnly"
    assert ocds.AWARD_CRITERIA["best-price-quality-ratio"] == "ratedCriteria"


def test_award_and_contract_with_milestones(package: dict[str, Any]) -> None:
    release = releases(package)[f"{PREFIX}-calloff-bergen-app-for-sarprosedyrer-2026"]
    (award,) = release["awards"]
    assert award["id"] == "bergen-app-for-sarprosedyrer-2026-award"
    assert award["date"] == "2026-03-31T00:00:00Z"
    assert award["value"] == {"amount": 3973000, "currency": "NOK"}
    assert award["suppliers"] == [{"id": "NO-BRC-951842702", "name": "Sårfag AS"}]
    assert award["items"][0]["description"] == "Sårjournal"
    assert "Sårjournal" in award["description"]
    assert party(release, "NO-BRC-951842702")["roles"] == ["tenderer", "supplier"]
    assert release["tender"]["numberOfTenderers"] == 2
    (contract,) = release["contracts"]
    assert contract["awardID"] == award["id"]
    assert contract["dateSigned"] == "2026-04-14T00:00:00Z"
    assert contract["period"] == {
        "startDate": "2026-05-01T00:00:00Z",
        "endDate": "2030-04-30T23:59:59Z",
    }
    assert contract["status"] == "active"
    assert [
        (m["id"], m["type"], m["dueDate"], m.get("dateMet"), m["status"])
        for m in contract["milestones"]
    ] == [
        ("1", "delivery", "2026-04-30T23:59:59Z", "2026-04-28T00:00:00Z", "met"),
        ("2", "delivery", "2026-08-31T23:59:59Z", "2026-08-27T00:00:00Z", "met"),
        ("3", "delivery", "2026-09-28T23:59:59Z", "2026-09-28T00:00:00Z", "met"),
        ("4", "delivery", "2027-01-15T23:59:59Z", None, "scheduled"),
    ]
    assert all(m["title"] for m in contract["milestones"])


def test_status_follows_the_published_date(
    validator: Draft4Validator, catalogue: Catalogue
) -> None:
    later = build(catalogue, published=date(2030, 5, 1))
    assert errors(validator, later) == []
    by_ocid = releases(later)
    contract = by_ocid[f"{PREFIX}-calloff-bergen-app-for-sarprosedyrer-2026"]["contracts"][0]
    assert contract["status"] == "terminated"
    sar = by_ocid[f"{PREFIX}-dps-dps-sarbehandling-2026"]["tender"]
    assert sar["status"] == "complete"
    assert sar["techniques"]["dynamicPurchasingSystem"]["status"] == "terminated"
    earlier = releases(build(catalogue, published=date(2026, 1, 5)))
    mobile = earlier[f"{PREFIX}-dps-dps-mobil-dokumentasjon-2026"]["tender"]
    assert mobile["status"] == "planned"
    assert mobile["techniques"]["dynamicPurchasingSystem"]["status"] == "pending"


# --- determinism and configuration -----------------------------------------------


def test_written_twice_byte_identical(catalogue: Catalogue, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    ocds.write(first, build(catalogue))
    ocds.write(second, build(catalogue))
    assert first.read_bytes() == second.read_bytes()
    ocds.write(first, build(catalogue))  # replaces the file in place
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.json", "second.json"]
    text = first.read_text(encoding="utf-8")
    assert "Sårfag AS" in text and "\\u" not in text  # UTF-8, not escaped
    assert text.endswith("}\n")
    assert json.loads(text) == build(catalogue)
    assert text == json.dumps(build(catalogue), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_write_leaves_no_temporary_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "package.json"
    with pytest.raises(ValueError, match="not JSON compliant"):  # json.dumps, allow_nan=False
        ocds.write(target, {"amount": float("nan")})
    assert list(tmp_path.iterdir()) == []


def test_output_does_not_depend_on_load_order(catalogue: Catalogue) -> None:
    shuffled = Catalogue(catalogue.root)
    for kind in KINDS:
        shuffled.entries[kind.name] = list(reversed(list(catalogue.records(kind))))
    for event_kind in EVENT_KINDS:
        by_parent = catalogue.event_files.get(event_kind.name, {})
        shuffled.event_files[event_kind.name] = {
            parent: list(reversed(by_parent[parent])) for parent in reversed(list(by_parent))
        }
    shuffled.by_id = catalogue.by_id
    assert build(shuffled) == build(catalogue)


@pytest.mark.parametrize("prefix", ["ocds-abc123", "ocds-9zz9zz"])
def test_ocid_prefix_comes_from_the_argument(
    validator: Draft4Validator, catalogue: Catalogue, prefix: str
) -> None:
    package = build(catalogue, prefix=prefix)
    assert errors(validator, package) == []
    assert all(r["ocid"].startswith(f"{prefix}-") for r in package["releases"])
    assert all(r["id"].startswith(f"{prefix}-") for r in package["releases"])
    links = [p["identifier"] for r in package["releases"] for p in r.get("relatedProcesses", [])]
    assert links and all(link.startswith(f"{prefix}-dps-") for link in links)
    other = "ocds-abc123" if prefix != "ocds-abc123" else "ocds-9zz9zz"
    text = json.dumps(build(catalogue, prefix=other), sort_keys=True)
    assert json.loads(text.replace(other, prefix)) == package
    assert other not in json.dumps(package)


@pytest.mark.parametrize("prefix", ["", "ocds-", "ocds-abc", "OCDS-ABC123", "abc123"])
def test_an_ocid_prefix_not_from_ocp_is_refused(catalogue: Catalogue, prefix: str) -> None:
    with pytest.raises(ocds.ExportError, match="ocid-prefiks"):
        build(catalogue, prefix=prefix)


def test_a_contract_without_award_never_reaches_the_export(tmp_path: Path) -> None:
    root = tmp_path / "copy"
    for kind in KINDS:
        if (ROOT / kind.folder).exists():
            shutil.copytree(ROOT / kind.folder, root / kind.folder)
    path = root / "tenders/calloffs/bergen-app-for-sarprosedyrer-2026.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("award:\n"), text.index("contract:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    loaded, diagnostics, _ = pipeline.run(root, TODAY)
    rel = "tenders/calloffs/bergen-app-for-sarprosedyrer-2026.yaml"
    assert [(d.path, d.code) for d in unexpected(diagnostics)] == [(rel, "incomplete-decision")]
    releases = build(loaded)["releases"]
    assert f"{PREFIX}-calloff-bergen-app-for-sarprosedyrer-2026" not in {
        r["ocid"] for r in releases
    }


def test_export_command_uses_the_configured_prefix(tmp_path: Path) -> None:
    from generator import cli

    out = tmp_path / "ocds.json"
    code = cli.main(
        ["export", "ocds", "--root", str(ROOT), "--today", "2026-11-28", "--out", str(out)]
    )
    assert code == 0
    package = json.loads(out.read_text(encoding="utf-8"))
    assert {r["ocid"].split("-")[1] for r in package["releases"]} == {"mplass"}
    records = [*ROOT.glob("tenders/dps/*.yaml"), *ROOT.glob("tenders/calloffs/*.yaml")]
    assert len(package["releases"]) == len(records)


# --- CPV and enquiries -------------------------------------------------------------


def test_items_are_classified_by_cpv_from_the_codelist(package: dict[str, Any]) -> None:
    """Every item's classification and additional classifications use a scheme from
    OCDS's itemClassificationScheme codelist (CPV), with codes of the CPV form."""
    with (OCDS_DATA / "itemClassificationScheme.csv").open(encoding="utf-8") as handle:
        schemes = {row["Code"] for row in csv.DictReader(handle)}
    found = [
        classification
        for release in package["releases"]
        for item in release["tender"]["items"]
        for classification in [item["classification"], *item.get("additionalClassifications", [])]
    ]
    assert found
    assert {c["scheme"] for c in found} == {"CPV"} <= schemes
    assert all(re.fullmatch(r"\d{8}-\d", c["id"]) for c in found)


def test_calloff_questions_are_enquiries_with_no_author(package: dict[str, Any]) -> None:
    askoy = releases(package)[f"{PREFIX}-calloff-askoy-app-for-sarprosedyrer-2026"]
    tender = askoy["tender"]
    assert tender["hasEnquiries"] is True
    first, second = tender["enquiries"]
    assert first["id"] == "001"
    assert first["date"] == "2026-11-23T00:00:00Z"
    assert first["dateAnswered"] == "2026-11-25T00:00:00Z"
    assert first["description"].startswith("Kravet «epj-integrasjon»")
    assert first["answer"].startswith("Hjemmetjenesten bruker")
    assert second["id"] == "002"
    assert all("author" not in e for e in tender["enquiries"])
    bergen = releases(package)[f"{PREFIX}-calloff-bergen-app-for-sarprosedyrer-2026"]
    assert bergen["tender"]["hasEnquiries"] is False
    assert "enquiries" not in bergen["tender"]


def test_validator_applies_the_enquiry_fields(
    validator: Draft4Validator, package: dict[str, Any]
) -> None:
    broken = copy.deepcopy(package)
    index = next(i for i, r in enumerate(broken["releases"]) if r["tender"].get("enquiries"))
    broken["releases"][index]["tender"]["enquiries"][0]["dateAnswered"] = "25.11.2026"
    del broken["releases"][index]["tender"]["enquiries"][1]["id"]
    found = errors(validator, broken)
    assert [path[-2:] for path, _ in found] == [[0, "dateAnswered"], ["enquiries", 1]]


def test_dps_notice_criteria_are_exported(package: dict[str, Any]) -> None:
    sar = releases(package)[f"{PREFIX}-dps-dps-sarbehandling-2026"]["tender"]
    assert sar["awardCriteria"] == "ratedCriteria"
    assert sar["awardCriteriaDetails"] == (
        "Tildelingsgrunnlag (FOA § 18-1): beste forhold mellom pris og kvalitet. "
        "Tildelingskriterier: Pris 30–50 %; Kvalitet og brukervennlighet 20–40 %; "
        "Klima og miljø 30–40 %."
    )


# --- the OCDS Data Review Tool's library, offline ------------------------------------


def test_libcoveocds_finds_no_error_and_no_unknown_code(
    package: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The review library, reading the standard from the zip in tests/data/ocds/,
    finds no validation error and no value outside the codelists (CPV is one of
    itemClassificationScheme's codes). The package's `extensions` are left out: the
    library would fetch them from GitHub, and nothing here may reach the network,
    which the patched sockets would report."""
    import socket

    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args[:2])
        raise OSError("ingen nettilgang i testene")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    standard = (OCDS_DATA / "standard-1__1__5-schema.zip").resolve()
    config = LibCoveOCDSConfig({"context": "api", "standard_zip": standard.as_uri()})
    core = {key: value for key, value in package.items() if key != "extensions"}
    found = ocds_json_output(
        str(tmp_path), None, "1.1", json_data=core, lib_cove_ocds_config=config
    )
    assert found["validation_errors"] == []
    assert found["additional_open_codelist_values"] == {}
    assert found["additional_closed_codelist_values"] == {}
    assert attempts == []
    # the library does report what it should: the old home-made scheme
    broken = copy.deepcopy(core)
    broken["releases"][0]["tender"]["items"][0]["classification"]["scheme"] = "EGEN"
    found = ocds_json_output(
        str(tmp_path), None, "1.1", json_data=broken, lib_cove_ocds_config=config
    )
    values = found["additional_open_codelist_values"]
    assert values["releases/tender/items/classification/scheme"]["values"] == ["EGEN"]
