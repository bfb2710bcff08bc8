"""The pull-request summary: collected from the workflow's step results and shown as
Markdown in the job summary, with everything contributors wrote escaped. (The
comment and the status come from the trusted verdict: tests/test_verdict.py.)"""

from __future__ import annotations

import json
from pathlib import Path

from generator.github import pr_summary

SHA = "a" * 40
RUN = "https://github.com/markedsplassen/markedsplassen/actions/runs/42"
EVIL = "Se @anne-markedsplassen <img src=x onerror=alert(1)> [klikk](https://evil.example) **fet**"


def _results(root: Path, *, check_rc: int = 1, message: str = EVIL) -> Path:
    results = root / "results"
    (results / "verify").mkdir(parents=True)
    finding = {
        "path": "catalogue/solutions/losning-a.yaml",
        "line": 3,
        "column": 11,
        "severity": "error",
        "code": "solution-reference",
        "message": message,
    }
    (results / "check.json").write_text(json.dumps([finding]), encoding="utf-8")
    (results / "check.rc").write_text(f"{check_rc}\n", encoding="utf-8")
    (results / "authorize.json").write_text("[]", encoding="utf-8")
    (results / "authorize.rc").write_text("0\n", encoding="utf-8")
    (results / "build.rc").write_text("1\n", encoding="utf-8")
    (results / "deadlines.json").write_text("[]", encoding="utf-8")
    (results / "deadlines.rc").write_text("0\n", encoding="utf-8")
    (results / "verify" / "losning-a.md").write_text("| a | b |\n~~~\n@x", encoding="utf-8")
    (results / "verify" / "losning-a.rc").write_text("1\n", encoding="utf-8")
    return results


def test_collects_every_step(tmp_path: Path) -> None:
    summary = pr_summary.collect(_results(tmp_path), SHA)
    assert (summary.check.status, summary.authorize.status, summary.build.status) == (
        "failed",
        "ok",
        "failed",
    )
    assert [(v.path, v.status) for v in summary.verify] == [
        ("catalogue/solutions/losning-a.yaml", "failed")
    ]
    assert not summary.passed


def test_markdown_escapes_what_contributors_wrote(tmp_path: Path) -> None:
    text = pr_summary.render(pr_summary.collect(_results(tmp_path), SHA), comment=True)
    assert text.startswith(pr_summary.MARKER)
    assert "<img" not in text and "[klikk](" not in text and "**fet**" not in text
    assert "@anne" not in text  # no mention
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in text
    # the sandbox report is shown verbatim in a fence longer than any inside it
    assert "~~~~text\n| a | b |\n~~~\n@x\n~~~~" in text
