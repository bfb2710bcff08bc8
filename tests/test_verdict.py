"""The verdict that counts (`markedsplass github verdict`): computed by the code that
runs, never by code in the pull request, whose commits are read as data only; posted
as a commit status and the one comment, for the pull request's author, or for the
issue's author when the intake opened the pull request from a form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import cli
from generator.github import git, pr_summary, verdict
from tests.support.github_fake import FakeGitHub, environment
from tests.support.gitrepo import Repo, make
from tests.support.paths import ROOT, TODAY

SOLUTION = "catalogue/solutions/losning-a.yaml"
SUPPLIER_B = "catalogue/suppliers/leverandor-b.yaml"
# What a hostile pull request puts in its own tree: the authorization module made
# to allow everything, and a package that leaves a mark if it is ever imported.
APPROVE_ALL = (ROOT / "generator/github/authorize.py").read_text("utf-8") + (
    "\n\ndef authorize(*args, **kwargs):  # the forgery\n    return []\n"
)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return make(tmp_path / "repo")


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        environment(monkeypatch, server)
        yield server


def _branch(repo: Repo) -> str:
    base = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "--quiet", "-b", "endring")
    return base


def _forged(repo: Repo, tmp_path: Path) -> tuple[str, str, Path]:
    """A pull request by leverandor-b-dev that edits leverandor-a's solution and, to
    get away with it, changes the project's code to approve everything."""
    base = _branch(repo)
    marker = tmp_path / "importert"
    repo.write("generator/github/authorize.py", APPROVE_ALL)
    repo.write("generator/__init__.py", f"open({str(marker)!r}, 'w').write('x')\n")
    repo.write("pyproject.toml", '[project]\nname = "markedsplassen"\nversion = "9"\n')
    repo.edit(SOLUTION, "App for sårprosedyrer.", "Den beste appen.")
    return base, repo.commit(), marker


def test_a_pull_request_that_forges_the_authorization_is_refused(
    repo: Repo, tmp_path: Path
) -> None:
    base, head, marker = _forged(repo, tmp_path)
    found = verdict.judge(repo.root, base, head, "leverandor-b-dev", TODAY)
    assert not found.passed and found.state == "failure"
    refused = {(f.path, f.code) for f in found.summary.authorize.findings}
    assert refused == {
        ("generator/github/authorize.py", "not-authorized"),
        ("generator/__init__.py", "not-authorized"),
        ("pyproject.toml", "not-authorized"),
        (SOLUTION, "not-authorized"),
    }
    assert "endringer avvist" in found.description
    assert not marker.exists()  # nothing of the pull request was imported or run


def test_only_the_data_of_the_head_is_read(repo: Repo, tmp_path: Path) -> None:
    _forged(repo, tmp_path)
    into = tmp_path / "ut"
    git.export(repo.root, "HEAD", into, verdict.DATA)
    assert sorted(p.name for p in into.iterdir()) == [
        "catalogue",
        "experiences",
        "markedsplassen.yaml",
        "needs",
        "tenders",
    ]


def test_an_allowed_change_passes_with_the_check_run_on_the_head(repo: Repo) -> None:
    base = _branch(repo)
    repo.edit(SOLUTION, "App for sårprosedyrer.", "Den beste appen.")
    head = repo.commit()
    found = verdict.judge(repo.root, base, head, "leverandor-a-dev", TODAY)
    assert found.passed and found.state == "success"
    assert found.summary.head_sha == head
    # the same author with a broken record in the head: the check on the head says so
    repo.edit(SOLUTION, "name: ", "navn: ")
    found = verdict.judge(repo.root, base, repo.commit(), "leverandor-a-dev", TODAY)
    assert not found.passed and found.summary.check.status == "failed"
    assert {f.code for f in found.summary.check.findings} >= {"unknown-field"}
    assert found.description.startswith("Må rettes: ")


def test_posting_the_verdict_as_a_status_and_the_comment(
    repo: Repo, tmp_path: Path, github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    base, head, _ = _forged(repo, tmp_path)
    github.state.new_pull("Bedre app", "", "leverandor-b-dev", "endring", head, fork=True)
    args = ["github", "verdict", "--root", str(repo.root), "--base", base, "--head", head]
    run = "https://github.com/kommune-x/markedsplass/actions/runs/7"
    assert cli.main([*args, "--post", "--run-url", run, "--today", TODAY.isoformat()]) == 1
    [status] = github.state.statuses[head]
    assert (status["state"], status["context"]) == ("failure", verdict.CONTEXT)
    assert status["target_url"] == run and len(status["description"]) <= 140
    [comment] = github.state.comments.values()
    assert "endringer avvist" in comment["body"] and "generator/github/authorize.py" in comment[
        "body"
    ].replace("\\", "")
    assert "@leverandor-b-dev" in capsys.readouterr().err


def test_a_form_made_pull_request_is_judged_for_the_issues_author(
    repo: Repo, github: FakeGitHub
) -> None:
    issue = github.state.new_issue("Bli med", "…", "tor-molde", [])
    base = _branch(repo)
    repo.write(
        "needs/behov-a/join-requests/1506-2026-11-27.yaml",
        'actor: "1506"\nperson: Tor Eriksen\ngithub: tor-molde\nreceived: 2026-11-27\n'
        "message: Molde vil være med.\n",
    )
    head = repo.commit()
    github.state.new_pull(
        "Bli med", "", "github-actions[bot]", f"skjema/sak-{issue['number']}", head
    )
    args = ["github", "verdict", "--root", str(repo.root), "--base", base, "--head", head]
    assert cli.main([*args, "--post", "--today", TODAY.isoformat()]) == 0
    [status] = github.state.statuses[head]
    assert status["state"] == "success"


def test_the_comment_is_posted_once_and_then_updated(
    repo: Repo, github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    base = _branch(repo)
    repo.edit(SOLUTION, "App for sårprosedyrer.", "Den beste appen.")
    first = repo.commit()
    github.state.new_pull("Bedre app", "", "leverandor-a-dev", "endring", first)
    args = ["github", "verdict", "--root", str(repo.root), "--base", base, "--today", "2026-11-28"]
    assert cli.main([*args, "--post", "--head", first]) == 0
    repo.edit(SOLUTION, "name: ", "navn: ")
    second = repo.commit()
    github.state.new_pull("Bedre app", "", "leverandor-a-dev", "endring-2", second)
    assert cli.main([*args, "--post", "--head", second]) == 1
    statuses = {sha: [s["state"] for s in found] for sha, found in github.state.statuses.items()}
    assert statuses == {first: ["success"], second: ["failure"]}
    assert github.state.count("POST", r".*/issues/\d+/comments") == 2  # one per pull request
    capsys.readouterr()


def test_no_open_pull_request_means_no_status_and_no_comment(
    repo: Repo, github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    head = repo.git("rev-parse", "HEAD")
    args = ["github", "verdict", "--root", str(repo.root), "--head", head, "--post"]
    assert cli.main(args) == 0
    assert "ingen åpen pull request" in capsys.readouterr().err
    assert github.state.comments == {} and github.state.statuses == {}


def test_the_site_is_linked_in_its_own_comment_when_ready(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = "c" * 40
    github.state.new_pull("Endring", "", "leverandor-a-dev", "endring", sha)
    run = "https://github.com/kommune-x/markedsplass/actions/runs/9"
    args = ["github", "site-link", "--head-sha", sha, "--run-url", run, "--conclusion"]
    assert cli.main([*args, "failure"]) == 0
    assert cli.main([*args, "success"]) == 0
    [comment] = github.state.comments.values()
    assert comment["body"].startswith(pr_summary.SITE_MARKER)
    assert "er bygget" in comment["body"] and f"({run})" in comment["body"]
    assert github.state.count("POST", r".*/issues/\d+/comments") == 1


def test_a_changed_solution_is_verified_in_the_head(repo: Repo) -> None:
    """The sandbox runs on the head's files: a solution that declares what it claims
    gets its report in the verdict (here the example catalogue's pulse without its
    vital-signs category, which fails)."""
    base = _branch(repo)
    repo.append(
        SOLUTION,
        "sandbox:\n  requirements: vkp-vitals-1\n  capabilities: [send-vital-signs]\n"
        "  examples: [eksempel.json]\n",
    )
    failing = ROOT / "catalogue/solutions/kvikkapp-sarprosedyrer/puls.json"
    repo.write("catalogue/solutions/losning-a/eksempel.json", failing.read_text("utf-8"))
    head = repo.commit()
    found = verdict.judge(repo.root, base, head, "leverandor-a-dev", TODAY)
    [verified] = found.summary.verify
    assert verified.path == SOLUTION and verified.status == "failed"
    assert "vkp-vitals-1" in verified.report
    assert "løsninger ikke verifisert" in found.description
