"""`markedsplass check` and `schema` as a user runs them: formats, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import cli, pipeline
from tests.support.casefolders import BASE, CASES, build


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_catalogue_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "check", "--root", str(BASE), "--format", "text")
    assert (code, out) == (0, "")
    assert "7 poster lest, 0 feil" in err


def test_invalid_catalogue_exits_one_with_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = build(CASES / "invalid" / "orgnr-checksum", tmp_path / "r")
    code, out, _ = _run(capsys, "check", "--root", str(root), "--format", "json")
    assert code == 1
    (row,) = json.loads(out)
    assert set(row) == {"path", "line", "column", "severity", "code", "message"}
    assert (row["path"], row["line"], row["column"], row["code"]) == (
        "catalogue/suppliers/leverandor-a.yaml",
        3,
        8,
        "invalid-orgnr",
    )


def test_github_format_is_chosen_in_actions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = build(CASES / "invalid" / "orgnr-checksum", tmp_path / "r")
    code, out, _ = _run(capsys, "check", "--root", str(root))
    assert code == 1
    assert out.startswith(
        "::error file=catalogue/suppliers/leverandor-a.yaml,line=3,col=8,title=invalid-orgnr::"
    )


def test_text_format_has_the_interface_shape(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = build(CASES / "invalid" / "duplicate-key-top", tmp_path / "r")
    code, out, _ = _run(capsys, "check", "--root", str(root), "--format", "text")
    assert code == 1
    assert out.startswith("catalogue/suppliers/leverandor-a.yaml:9:1: error[duplicate-key] ")


def test_not_a_catalogue_is_a_tool_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = _run(capsys, "check", "--root", str(tmp_path))
    assert (code, out) == (2, "")
    assert "ingen av datamappene" in err
    code, _, err = _run(capsys, "check", "--root", str(tmp_path / "finnes-ikke"))
    assert code == 2 and "finnes ikke" in err


def test_bad_today_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "--root", str(BASE), "--today", "2026-13-01"])
    assert exit_info.value.code == 2
    assert "ÅÅÅÅ-MM-DD" in capsys.readouterr().err


def test_a_broken_tool_reports_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("mal mangler")

    monkeypatch.setattr(pipeline, "run", broken)
    code, _, err = _run(capsys, "check", "--root", str(BASE))
    assert code == 2
    assert "verktøyfeil (RuntimeError: mal mangler)" in err
    assert "Traceback" not in err


def test_schema_writes_one_file_per_kind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = _run(capsys, "schema", "--out", str(tmp_path / "s"))
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert names == [
        f"{k}.schema.json"
        for k in (
            "application",
            "calloff",
            "dps",
            "experience",
            "join-request",
            "municipality",
            "need",
            "question",
            "solution",
            "supplier",
        )
    ]


def test_check_does_not_write_anything(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(BASE, root)
    before = sorted(str(p) for p in root.rglob("*"))
    _run(capsys, "check", "--root", str(root))
    assert sorted(str(p) for p in root.rglob("*")) == before


def test_check_writes_json_too_without_checking_twice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "funn.json"
    code, text, _ = _run(capsys, "check", "--format", "github", "--json-out", str(out))
    assert code == 0
    found = json.loads(out.read_text("utf-8"))
    assert [d["code"] for d in found] == ["not-verified"]
    assert text.count("::warning ") == 1


@pytest.mark.parametrize("output", ["text", "github", "json"])
def test_a_hostile_file_name_reaches_no_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output: str
) -> None:
    """A file named with a terminal escape or a right-to-left override is reported
    with the characters shown as <U+XXXX>, in every output format."""
    root = tmp_path / "root"
    shutil.copytree(BASE, root)
    record = (root / "needs/behov-a.yaml").read_text(encoding="utf-8")
    (root / "needs/behov\x1b[2J.yaml").write_text(record, encoding="utf-8")
    (root / "needs/b\u202elmy.yaml").write_text(record, encoding="utf-8")
    assert cli.main(["check", "--root", str(root), "--format", output]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    shown = out if output != "json" else "".join(d["path"] for d in json.loads(out))
    assert "needs/behov<U+001B>[2J.yaml" in shown and "needs/b<U+202E>lmy.yaml" in shown
