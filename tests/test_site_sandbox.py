"""The sandbox on the site (generator/site/views/verification.py): a solution's
verification status comes from the kit's report alone, is written in words on its
page, in the catalogue list and its filter, the full report is downloadable, the
sandbox page lists every requirement and offers the synthetic test data, and text
from a submitted resource never becomes HTML."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from generator import pipeline
from generator.sandbox import requirements, testdata
from generator.site import build, downloads
from tests.support.paths import TODAY
from tests.support.records import copy_catalogue
from tests.support.shipped import unexpected
from tests.support.site_pages import page, parse, text_of

PASSING = "hjemmepuls-oppfolging"
FAILING = "kvikkapp-sarprosedyrer"
ALSO_PASSING = "sarfag-sarjournal"
UNTRIED = "omsorgsdata-mobil-pleie"


def test_solution_pages_say_what_the_kit_found(example_site: Path) -> None:
    passing = text_of(page(example_site, "solution", PASSING))
    assert "✓ Verifisert (vkp-observation 0.5.2)" in passing
    assert "Ikke verifisert" not in passing
    assert "sandkassen versjon" in passing

    failing = text_of(page(example_site, "solution", FAILING))
    assert "✗ Ikke verifisert (vkp-observation 0.5.2)" in failing
    assert "2 SKAL-krav feilet" in failing
    # the two findings, each with file, place and what to write instead
    assert "puls.json" in failing and "Kategorien vital-signs mangler" in failing
    assert "temperatur.json:51" in failing and "Observation.valueQuantity.code" in failing
    assert failing.count("Slik retter du:") == 2

    untried = text_of(page(example_site, "solution", UNTRIED))
    assert "Ikke prøvd i sandkassen" in untried
    assert "Verifisert (" not in untried


def test_full_reports_are_published_as_the_kit_wrote_them(
    example_site: Path, example_checked: pipeline.Checked
) -> None:
    reports = example_checked.verification
    assert sorted(reports) == [PASSING, FAILING, ALSO_PASSING]
    for solution_id, report in reports.items():
        data = json.loads(
            (example_site / downloads.report_file(solution_id, "json")).read_text("utf-8")
        )
        assert data["verified"] is report.verified
        assert data["requirement_set"]["id"] == "vkp-observation"
        markdown = (example_site / downloads.report_file(solution_id, "md")).read_text("utf-8")
        assert ("Verifisert" in markdown) is report.verified
    assert not (example_site / downloads.report_file(UNTRIED, "json")).exists()
    # the solution page links its report
    assert "../../sandkassen/rapporter/kvikkapp-sarprosedyrer.json" in {
        a.get("href") for tag, a in parse(page(example_site, "solution", FAILING)).tags
    }


def test_catalogue_list_and_filter_carry_the_status(example_site: Path) -> None:
    listing = text_of(example_site / "katalogen" / "index.html")
    assert "✓ Verifisert" in listing and "✗ Ikke verifisert" in listing
    filters = json.loads((example_site / "api/v1/filters/solution.json").read_text("utf-8"))
    facet = next(f for f in filters["facets"] if f["key"] == "verifisering")
    counts = {o["value"]: o["count"] for o in facet["options"]}
    assert counts == {"verifisert": 2, "ikke-verifisert": 1, "ikke-provd": 4}
    data = json.loads((example_site / "api/v1/filters/solution-poster.json").read_text("utf-8"))
    assert data["records"][PASSING]["verifisering"] == ["verifisert"]
    assert data["records"][FAILING]["verifisering"] == ["ikke-verifisert"]


def test_sandbox_page_lists_every_requirement_and_the_test_data(example_site: Path) -> None:
    sandbox = example_site / "sandkassen" / "index.html"
    text = text_of(sandbox)
    for rs in requirements.requirement_sets().values():
        assert rs.title in text
        for requirement in rs.requirements:
            assert requirement.id in text
    assert "Hjemmepuls" in text and "Kvikkapp AS" in text
    archive = example_site / downloads.TESTDATA_FILE
    assert archive.read_bytes() == testdata.zip_bytes(
        downloads.TESTDATA_PATIENTS, downloads.TESTDATA_SEED
    )
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as opened:
        names = opened.namelist()
    assert len([n for n in names if n.endswith(".json")]) >= downloads.TESTDATA_PATIENTS


@pytest.fixture(scope="module")
def hostile_report_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue with a failing example whose values are markup."""
    root = copy_catalogue(tmp_path_factory.mktemp("hostile") / "root")
    example = root / "catalogue/solutions" / FAILING / "temperatur.json"
    resource = json.loads(example.read_text("utf-8"))
    resource["valueQuantity"]["code"] = "<script>alert(1)</script>[x](javascript:alert(2))"
    example.write_text(json.dumps(resource, indent=2), encoding="utf-8")
    out = root.parent / "site"
    report = build(root, out, TODAY)
    assert report.built and unexpected(report.diagnostics) == []
    return out


def test_resource_text_in_a_report_never_becomes_html(hostile_report_site: Path) -> None:
    html = page(hostile_report_site, "solution", FAILING).read_text("utf-8")
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html
    parsed = parse(page(hostile_report_site, "solution", FAILING))
    assert not any("alert(1)" in text for text in parsed.script_text)
    assert "<script>alert(1)</script>" in text_of(page(hostile_report_site, "solution", FAILING))
