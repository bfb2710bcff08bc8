"""The verdict on a pull request that counts: computed by the code of the default
branch, in a job that may write (the `workflow_run` job), with the pull request's
commits read as data only. The head's data folders are unpacked from git's objects
(`git.export`); nothing from the pull request is installed, imported or run. On
them run the check, the authorization of the pull request's author (read from the
event, never from the pull request's text) and the sandbox's verification of the
solutions it changes. What the pull request's own job computed decides nothing:
GitHub runs that job as the pull request defines it.

The result is the same summary the comment shows (`pr_summary.Summary`), and a
commit status (`CONTEXT`) that branch protection requires before merging."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator import pipeline
from generator.catalogue import config
from generator.diagnostics import Diagnostic, Severity
from generator.github import authorize, git, pr_summary
from generator.loading import yaml_files
from generator.models.kinds import KINDS, SOLUTION
from generator.norway import identifiers
from generator.procurement import deadlines
from generator.sandbox import formats

# the name of the commit status branch protection requires
CONTEXT = "markedsplassen/dom"
# what of the head is read: the data folders and the marketplace's settings
DATA = (*sorted({kind.folder.split("/", 1)[0] for kind in KINDS}), config.FILE)


@dataclass(frozen=True, slots=True)
class Verdict:
    summary: pr_summary.Summary

    @property
    def passed(self) -> bool:
        return self.summary.passed

    @property
    def state(self) -> str:
        """The commit status: `success` or `failure`."""
        return "success" if self.passed else "failure"

    @property
    def description(self) -> str:
        """One line for the commit status (GitHub keeps 140 characters)."""
        s = self.summary
        if self.passed:
            return "Klar til vurdering: sjekk, tilgang og sandkasse er i orden."
        parts = []
        errors = sum(f.severity == "error" for f in s.check.findings)
        if s.check.status != "ok":
            parts.append(f"{errors} feil i postene" if errors else "sjekken feilet")
        if s.authorize.status != "ok":
            parts.append(f"{len(s.authorize.findings)} endringer avvist")
        failed = sum(v.status != "ok" for v in s.verify)
        if failed:
            parts.append(f"{failed} løsninger ikke verifisert")
        return ("Må rettes: " + ", ".join(parts) + ".")[:140]


def _declares_sandbox(data: bytes, path: str) -> bool:
    """Whether a solution asks to be verified (has `sandbox:`). A file that cannot
    be read is listed all the same: the verification then says why."""
    document, problems = yaml_files.parse(data, path)
    return document is None or bool(problems) or "sandbox" in document.value


def changed_solutions(root: Path, base: str, head: str) -> list[str]:
    """The record paths of the solutions the change touches (the record or a file
    beside it) that ask to be verified, as they are at `head`."""
    changed = git.changes(root, base, head)
    ids = sorted(
        {
            found
            for change in changed
            if (found := SOLUTION.match(change.path) or SOLUTION.match_file(change.path))
        }
    )
    paths = []
    for solution_id in ids:
        path = SOLUTION.path(solution_id)
        data = git.show(root, head, path) if identifiers.is_slug(solution_id) else None
        if data is not None and _declares_sandbox(data, path):
            paths.append(path)
    return paths


def _step(found: list[Diagnostic], failed: bool) -> pr_summary.Step:
    return pr_summary.Step(
        status="failed" if failed else "ok",
        findings=tuple(
            pr_summary.ReportedDiagnostic(
                path=d.path[:500],
                line=d.line,
                column=d.column,
                severity=str(d.severity),  # type: ignore[arg-type]
                code=d.code,
                message=d.message[:5000],
            )
            for d in found[:1000]
        ),
    )


def judge(root: Path, base: str, head: str, author: str, today: date) -> Verdict:
    """The verdict on the change from `base` to `head` by `author`, in the repository
    at `root` (a clone of the default branch that has fetched the head's commits)."""
    head_commit = git.commit(root, head)
    refusals = authorize.authorize(root, base, head_commit, author)
    solutions = changed_solutions(root, base, head_commit)
    with tempfile.TemporaryDirectory(prefix="markedsplass-dom-") as tmp:
        tree = Path(tmp)
        git.export(root, head_commit, tree, DATA)
        checked = pipeline.run(tree, today)
        items = deadlines.collect(checked.catalogue, today, 0)
    rows = json.loads(deadlines.FORMATTERS["json"](items, today))
    errors = [d for d in checked.diagnostics if d.severity is Severity.ERROR]
    verify = []
    for path in solutions:
        report = checked.verification.get(SOLUTION.match(path) or "")
        status: pr_summary.Status = "ok" if report is not None and report.verified else "failed"
        text = (
            formats.markdown(report)
            if report is not None
            else ("Løsningens sandkasse-erklæring kunne ikke brukes; se merknadene fra sjekken.")
        )
        verify.append(pr_summary.Verified(path=path, status=status, report=text[:50_000]))
    summary = pr_summary.Summary(
        schema=pr_summary.SCHEMA,
        head_sha=head_commit,
        check=_step(checked.diagnostics, bool(errors)),
        authorize=_step(refusals, bool(refusals)),
        build=pr_summary.Step(status="skipped"),
        verify=tuple(verify),
        deadlines=pr_summary.overdue(rows),
        deadlines_status="failed" if deadlines.legal_overdue(items) else "ok",
    )
    return Verdict(summary)
