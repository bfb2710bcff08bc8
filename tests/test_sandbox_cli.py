"""`markedsplass verify` and `markedsplass testdata` (generator/cli/__init__.py,
generator/cli/sandbox.py): exit 0 verified, 1 not verified, 2 when the
verification cannot run; a solution record brings its own examples, requirement
set and endpoint; the catalogue root is found from the record's path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import cli
from tests.support.fhir_examples import observation
from tests.support.paths import ROOT

HJEMMEPULS = ROOT / "catalogue/solutions/hjemmepuls-oppfolging"
KVIKK = ROOT / "catalogue/solutions/kvikkapp-sarprosedyrer.yaml"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_folder_that_passes_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "verify", str(HJEMMEPULS))
    assert code == 0, out
    assert "Resultat: VERIFISERT" in out and "markedsplass verify: VERIFISERT" in err


def test_an_old_requirement_set_is_tried_with_a_warning_that_a_newer_exists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, err = _run(capsys, "verify", str(HJEMMEPULS), "--requirements", "vkp-vitals-1")
    assert "vkp-vitals-1" in out
    assert "advarsel: kravsettet vkp-vitals-1 er erstattet av" in err
    assert "`--requirements vkp-observation`" in err
    _, _, current = _run(capsys, "verify", str(HJEMMEPULS))
    assert "advarsel" not in current


def test_a_failing_solution_exits_1_with_its_two_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "verify", str(KVIKK), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["subject"] == "løsningen kvikkapp-sarprosedyrer" and not report["verified"]
    messages = [
        (m["requirement"], m["file"], m["line"], m["expression"])
        for r in report["results"]
        for m in r["messages"]
    ]
    assert messages == [
        (
            "vital-signs-category",
            "catalogue/solutions/kvikkapp-sarprosedyrer/puls.json",
            1,
            "Observation",
        ),
        (
            "ucum-units",
            "catalogue/solutions/kvikkapp-sarprosedyrer/temperatur.json",
            51,
            "Observation.valueQuantity.code",
        ),
    ]


def test_markdown_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "verify", str(KVIKK), "--format", "markdown")
    assert code == 1 and out.startswith("### ❌ Ikke verifisert: løsningen kvikkapp-sarprosedyrer")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["verify", "finnes-ikke/"], "finnes-ikke/ finnes ikke."),
        (["verify", str(HJEMMEPULS), "--requirements", "vkp-vital-1"], "«vkp-vital-1» finnes ikke"),
        (["verify", str(ROOT / "README.md")], "verken en .json-fil"),
        (["verify", str(ROOT / "catalogue/solutions/hjemmepuls-trygg.yaml")], "oppgir ikke"),
        (["verify", str(KVIKK), str(HJEMMEPULS)], "enten én løsning"),
        (["verify", str(HJEMMEPULS), "--endpoint", "http://fhir.example.no"], "https://"),
        (["verify", str(KVIKK), "--requirements", "annet-sett"], "ikke annet-sett"),
        (["verify", str(ROOT / "needs/app-for-sarprosedyrer.yaml")], "er ingen løsning"),
        (["testdata", "--patients", "0", "--seed", "1", "--out", "x"], "mellom 1 og"),
    ],
)
def test_a_verification_that_cannot_run_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert words in err, err


def test_the_root_is_found_from_the_record_or_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "kopi"
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    monkeypatch.chdir(root / "catalogue" / "solutions")
    code, out, _ = _run(capsys, "verify", "kvikkapp-sarprosedyrer.yaml")
    assert code == 1 and "catalogue/solutions/kvikkapp-sarprosedyrer/puls.json:1" in out
    # Arne fixes both errors; the next run verifies
    folder = root / "catalogue/solutions/kvikkapp-sarprosedyrer"
    puls = json.loads((folder / "puls.json").read_text())
    puls["category"] = observation()["category"]
    (folder / "puls.json").write_text(json.dumps(puls, indent=2))
    temperature = (folder / "temperatur.json").read_text()
    (folder / "temperatur.json").write_text(temperature.replace('"code": "C"', '"code": "Cel"'))
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(
        capsys, "verify", "kopi/catalogue/solutions/kvikkapp-sarprosedyrer.yaml", "--root", "kopi"
    )
    assert code == 0 and "Resultat: VERIFISERT" in out


def test_declaration_problems_stop_verify_with_their_position(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "r"
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    record = root / "catalogue/solutions/kvikkapp-sarprosedyrer.yaml"
    record.write_text(record.read_text().replace("- temperatur.json", "- ../temperatur.json"))
    line = record.read_text().splitlines().index("    - ../temperatur.json") + 1
    code, _, err = _run(capsys, "verify", str(record))
    assert code == 2
    assert f"kvikkapp-sarprosedyrer.yaml:{line}:7: «../temperatur.json» går ut av" in err


def test_testdata_writes_files_that_verify(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "data"
    code, _, err = _run(capsys, "testdata", "--patients", "2", "--seed", "7", "--out", str(out))
    assert code == 0 and "skrev 4 filer" in err
    again = tmp_path / "igjen"
    _run(capsys, "testdata", "--patients", "2", "--seed", "7", "--out", str(again))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        p.name: p.read_bytes() for p in again.iterdir()
    }
    code, _, _ = _run(capsys, "verify", str(out), "--jobs", "1")
    assert code == 0
