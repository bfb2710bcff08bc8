"""The pull-request summary: collected from the workflow's step results, shown as
Markdown, and read back as untrusted input by the comment workflow, which posts or
updates exactly one comment on the local GitHub-like server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cli
from generator.github import pr_summary
from tests.support.github_fake import FakeGitHub, environment

SHA = "a" * 40
RUN = "https://github.com/markedsplassen/markedsplassen/actions/runs/42"
EVIL = "Se @anne-markedsplassen <img src=x onerror=alert(1)> [klikk](https://evil.example) **fet**"


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        environment(monkeypatch, server)
        yield server


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


def _summary(capsys: pytest.CaptureFixture[str], tmp_path: Path, **kwargs: object) -> Path:
    out = tmp_path / "summary" / "summary.json"
    args = ["github", "summary", "--results", str(_results(tmp_path, **kwargs))]  # type: ignore[arg-type]
    code = cli.main([*args, "--head-sha", SHA, "--out", str(out), "--run-url", RUN])
    assert code == 1
    capsys.readouterr()
    return out


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


def test_comment_is_posted_once_and_then_updated(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    github.state.new_pull("Oppdatert løsning", "", "leverandor-a-dev", "endring", SHA, fork=True)
    summary = _summary(capsys, tmp_path / "1")
    args = ["github", "comment", "--summary", str(summary), "--head-sha", SHA, "--run-url", RUN]
    assert cli.main(args) == 0
    assert "skrev" in capsys.readouterr().err
    summary = _summary(capsys, tmp_path / "2", message="Ny melding")
    args[3] = str(summary)
    assert cli.main(args) == 0
    assert "oppdaterte" in capsys.readouterr().err
    [comment] = github.state.comments.values()
    assert "Ny melding" in comment["body"] and comment["body"].startswith(pr_summary.MARKER)
    assert github.state.count("POST", r".*/comments") == 1
    assert github.state.count("PATCH", r".*/issues/comments/\d+") == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b" " * (pr_summary.MAX_BYTES + 1), "mer enn grensen"),
        (b'{"schema": "markedsplassen-pr-summary/1", "head_sha": "x"}', "følger ikke skjemaet"),
        (b"\xff\xfe", "følger ikke skjemaet"),
    ],
    ids=["too-large", "wrong-schema", "not-utf8"],
)
def test_an_untrusted_summary_is_refused(
    github: FakeGitHub,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    content: bytes,
    reason: str,
) -> None:
    github.state.new_pull("Endring", "", "leverandor-a-dev", "endring", SHA)
    summary = tmp_path / "summary.json"
    summary.write_bytes(content)
    code = cli.main(["github", "comment", "--summary", str(summary), "--head-sha", SHA])
    assert code == 1
    assert reason in capsys.readouterr().err
    [comment] = github.state.comments.values()
    assert "Resultatet kan ikke vises her" in comment["body"]


def test_an_extra_field_or_another_commit_is_refused(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    github.state.new_pull("Endring", "", "leverandor-a-dev", "endring", SHA)
    summary = _summary(capsys, tmp_path)
    data = json.loads(summary.read_text(encoding="utf-8"))
    data["body"] = "<script>"
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["github", "comment", "--summary", str(extra), "--head-sha", SHA]) == 1
    assert "følger ikke skjemaet" in capsys.readouterr().err
    other = "b" * 40
    assert cli.main(["github", "comment", "--summary", str(summary), "--head-sha", other]) == 1
    assert "annen commit" in capsys.readouterr().err


def test_no_open_pull_request_means_no_comment(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    summary = _summary(capsys, tmp_path)
    assert cli.main(["github", "comment", "--summary", str(summary), "--head-sha", SHA]) == 0
    assert "ingen åpen pull request" in capsys.readouterr().err
    assert github.state.comments == {}
