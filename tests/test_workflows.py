"""The workflows in .github/workflows/ follow GitHub's hardening guidance: zizmor
finds nothing of medium severity or above (the one suppression is the comment
workflow's `workflow_run` trigger, justified in the file), and the rules the
project holds itself to are checked here one by one."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.paths import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
# The released versions the pinned commits are (a comment must say the same).
PINS = {
    "actions/checkout": ("11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
    "actions/setup-python": ("a26af69be951a213d495a4c3e4e4022e16d87065", "v5.6.0"),
    "actions/upload-artifact": ("ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"),
    "actions/download-artifact": ("d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0"),
    "actions/upload-pages-artifact": ("56afc609e74202658d3ffba0e8f6dda462b719fa", "v3.0.1"),
    "actions/deploy-pages": ("d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e", "v4.0.5"),
}
SEVERITIES = ["Unknown", "Informational", "Low", "Medium", "High"]


def _zizmor() -> str:
    found = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    assert Path(found).exists(), "zizmor is in the test extra: pip install -e '.[test]'"
    return found


def _findings(*extra: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        [_zizmor(), "--offline", "--format", "json", *extra, str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 10, 11, 12, 13, 14), done.stderr
    findings: list[dict[str, Any]] = json.loads(done.stdout)
    return findings


def _load(path: Path) -> dict[Any, Any]:
    document: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def _on(workflow: dict[Any, Any]) -> dict[str, Any]:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert triggers is not None, "a workflow without triggers"
    return triggers if isinstance(triggers, dict) else {name: None for name in triggers}


def _steps(path: Path) -> list[tuple[str, dict[str, Any]]]:
    return [
        (name, step) for name, job in _load(path)["jobs"].items() for step in job.get("steps", [])
    ]


def _workflow(name: str) -> dict[Any, Any]:
    return _load(WORKFLOWS / name)


def test_there_are_the_seven_workflows() -> None:
    assert [p.name for p in FILES] == [
        "intake.yml",
        "publish.yml",
        "pull-request-site.yml",
        "pull-request.yml",
        "reminders.yml",
        "tests.yml",
        "verdict.yml",
    ]


def test_the_test_workflow_runs_the_suite_read_only_on_code_changes() -> None:
    workflow = _workflow("tests.yml")
    on = _on(workflow)
    assert set(on) == {"pull_request", "push"}
    assert "generator/**" in on["pull_request"]["paths"]
    assert "catalogue/**" not in on["pull_request"]["paths"]  # data has its own workflow
    assert [job["permissions"] for job in workflow["jobs"].values()] == [{"contents": "read"}]
    assert "secrets." not in json.dumps(workflow)
    runs = [step.get("run", "") for _, step in _steps(WORKFLOWS / "tests.yml")]
    assert "bash .ci/run" in runs


@pytest.mark.parametrize("name", ["publish.yml", "verdict.yml", "intake.yml", "reminders.yml"])
def test_workflows_that_publish_or_judge_install_the_hashed_lock(name: str) -> None:
    runs = "\n".join(step.get("run", "") for _, step in _steps(WORKFLOWS / name))
    assert "pip install --quiet --require-hashes -r requirements.lock" in runs
    assert "--no-deps" in runs
    unpinned = [line for line in runs.splitlines() if "pip install" in line and "-r " not in line]
    assert all("--no-deps" in line for line in unpinned), unpinned


def test_the_lock_pins_every_runtime_dependency_with_hashes() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    lock = (ROOT / "requirements.lock").read_text("utf-8")
    pinned = {
        line.split("==")[0].lower().replace("_", "-").replace(".", "-")
        for line in lock.splitlines()
        if "==" in line and not line.startswith((" ", "#"))
    }
    for requirement in [*project["dependencies"], "setuptools"]:
        name = requirement.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip()
        assert name.lower().replace("_", "-").replace(".", "-") in pinned, name
    lines = lock.splitlines()
    unhashed = [
        line
        for line, after in zip(lines, [*lines[1:], ""], strict=True)
        if "==" in line and not line.startswith((" ", "#")) and "--hash=sha256:" not in after
    ]
    assert unhashed == []


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    serious = [
        f
        for f in _findings()
        if SEVERITIES.index(f["determinations"]["severity"]) >= SEVERITIES.index("Medium")
    ]
    assert serious == []


def test_the_only_suppression_is_the_justified_workflow_run_trigger() -> None:
    suppressed = {
        (f["ident"], Path(str(next(iter(loc["symbolic"]["key"]["Local"].values())))).name)
        for f in _findings("--no-ignores")
        for loc in f["locations"]
    }
    assert suppressed == {("dangerous-triggers", "verdict.yml")}
    text = (WORKFLOWS / "verdict.yml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "zizmor: ignore" in x)
    assert line.strip().startswith("workflow_run:")
    assert "pull requests fra forker" in text  # the reason stands above it


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    uses = re.findall(r"(?m)^\s*(?:- )?uses:\s*(\S+)(.*)", path.read_text(encoding="utf-8"))
    assert uses
    for ref, rest in uses:
        action, _, sha = ref.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", sha), ref
        assert PINS[action][0] == sha, f"{action}: unknown commit {sha}"
        assert re.fullmatch(rf"\s*# {re.escape(PINS[action][1])}", rest), f"{ref}{rest}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_permissions_timeouts_and_credentials(path: Path) -> None:
    workflow = _load(path)
    assert workflow["permissions"] == {}
    assert "pull_request_target" not in _on(workflow)
    assert "pull_request_target" not in path.read_text(encoding="utf-8")
    for name, job in workflow["jobs"].items():
        assert isinstance(job["permissions"], dict) and job["permissions"], name
        assert "write-all" not in str(job["permissions"])
        assert isinstance(job["timeout-minutes"], int) and job["timeout-minutes"] <= 30, name
    for name, step in _steps(path):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, name
            assert "ref" not in step["with"], "no checkout of another ref (a PR's head)"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_expression_inside_a_run_block(path: Path) -> None:
    for name, step in _steps(path):
        assert "${{" not in step.get("run", ""), f"{name}: pass it through env: instead"


def test_the_pull_request_workflows_only_read_and_decide_nothing() -> None:
    for name in ("pull-request.yml", "pull-request-site.yml"):
        workflow = _workflow(name)
        assert list(_on(workflow)) == ["pull_request"]
        assert [job["permissions"] for job in workflow["jobs"].values()] == [{"contents": "read"}]
        text = json.dumps(workflow)
        assert "GITHUB_TOKEN" not in text and "secrets." not in text and "statuses" not in text
    runs = "\n".join(step.get("run", "") for _, step in _steps(WORKFLOWS / "pull-request.yml"))
    # the check runs once, for the annotations and the JSON alike
    assert runs.count("markedsplass check ") == 1 and "--json-out" in runs
    for command in ("check --format github", "verify ", "deadlines", "github summary"):
        assert f"markedsplass {command}" in runs
    assert "authorize" not in runs and "markedsplass build" not in runs
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs
    site = "\n".join(s.get("run", "") for _, s in _steps(WORKFLOWS / "pull-request-site.yml"))
    assert "markedsplass build" in site
    uploaded = [
        s["with"]["name"]
        for _, s in _steps(WORKFLOWS / "pull-request-site.yml")
        if "with" in s and "name" in s["with"]
    ]
    assert uploaded == ["nettsted"]


def test_the_verdict_is_computed_by_the_default_branch_and_never_runs_pull_request_code() -> None:
    workflow = _workflow("verdict.yml")
    assert _on(workflow)["workflow_run"] == {
        "workflows": ["Pull request", "Nettsted for pull request"],
        "types": ["completed"],
    }
    jobs = workflow["jobs"]
    assert jobs["verdict"]["permissions"] == {
        "contents": "read",
        "statuses": "write",
        "pull-requests": "write",
    }
    assert "'Pull request'" in jobs["verdict"]["if"]
    assert "'Nettsted for pull request'" in jobs["site"]["if"]
    steps = [step for _, step in _steps(WORKFLOWS / "verdict.yml")]
    assert not any("download-artifact" in s.get("uses", "") for s in steps)  # nothing from the PR
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "markedsplass github verdict --post" in runs
    assert "markedsplass github site-link" in runs
    for step in steps:
        if "HEAD_SHA" in step.get("env", {}):
            assert step["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"


def test_only_the_jobs_that_write_may_write() -> None:
    writes = {
        (path.name, name, scope)
        for path in FILES
        for name, job in _load(path)["jobs"].items()
        for scope, level in job["permissions"].items()
        if level == "write"
    }
    assert writes == {
        ("verdict.yml", "verdict", "statuses"),
        ("verdict.yml", "verdict", "pull-requests"),
        ("verdict.yml", "site", "pull-requests"),
        ("publish.yml", "deploy", "pages"),
        ("publish.yml", "deploy", "id-token"),
        ("reminders.yml", "reminders", "issues"),
        ("intake.yml", "intake", "contents"),
        ("intake.yml", "intake", "pull-requests"),
        ("intake.yml", "intake", "statuses"),
        ("intake.yml", "intake", "issues"),
    }


def test_schedules_and_forms() -> None:
    assert "schedule" in _on(_workflow("reminders.yml"))
    assert "workflow_dispatch" in _on(_workflow("reminders.yml"))
    assert _on(_workflow("intake.yml")) == {"issues": {"types": ["opened", "edited"]}}
    assert _on(_workflow("publish.yml"))["push"] == {"branches": ["main"]}
    condition = _workflow("intake.yml")["jobs"]["intake"]["if"]
    from generator.github import forms

    for form in forms.forms():
        assert f"'{form.label}'" in condition
