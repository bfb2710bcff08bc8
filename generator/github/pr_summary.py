"""The summary of a pull request's check, as a strict value (`Summary`: no unknown
fields, bounded strings and lists, patterns for paths, codes and the commit) and
as Markdown with every string escaped: in the job summary of the pull-request
workflow (collected from its steps' results, which decide nothing), and in the one
bot comment, made from the trusted verdict (`verdict.py`)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from generator.github import markdown_text as md
from generator.models.kinds import SOLUTION

SCHEMA: Literal["markedsplassen-pr-summary/1"] = "markedsplassen-pr-summary/1"
MARKER = "<!-- markedsplassen-pr-kommentar -->"
MAX_COMMENT = 60_000  # GitHub takes 65,536 characters
SHOWN_DIAGNOSTICS = 50

Status = Literal["ok", "failed", "error", "skipped"]
Sha = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{40}$")]
Short = Annotated[str, StringConstraints(max_length=500)]
Long = Annotated[str, StringConstraints(max_length=4000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ReportedDiagnostic(_Strict):
    path: Short
    line: int = Field(ge=1, le=10_000_000)
    column: int = Field(ge=1, le=10_000_000)
    severity: Literal["error", "warning"]
    code: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{1,60}$")]
    message: Long


class Step(_Strict):
    status: Status
    findings: tuple[ReportedDiagnostic, ...] = Field((), max_length=1000)


_SOLUTION_RECORD = rf"^{SOLUTION.folder}/[a-z0-9-]{{1,100}}\.yaml$"


class Verified(_Strict):
    path: Annotated[
        str, StringConstraints(pattern=rf"^{SOLUTION.folder}/[a-z0-9-]{{1,100}}\.yaml$")
    ]
    status: Status
    report: Annotated[str, StringConstraints(max_length=50_000)] = ""


class Due(_Strict):
    date: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    label: Short
    title: Short
    path: Short
    status: Literal["due", "overdue"]
    legal: bool


class Summary(_Strict):
    schema_: Literal["markedsplassen-pr-summary/1"] = Field(alias="schema")
    head_sha: Sha
    check: Step
    authorize: Step
    build: Step
    verify: tuple[Verified, ...] = Field((), max_length=100)
    deadlines: tuple[Due, ...] = Field((), max_length=500)
    deadlines_status: Status

    @property
    def passed(self) -> bool:
        steps = (self.check, self.authorize, self.build)
        return all(s.status in ("ok", "skipped") for s in steps) and all(
            v.status == "ok" for v in self.verify
        )


# building the summary from the results of the workflow's steps ------------------


def _status(results: Path, name: str) -> Status:
    rc = results / f"{name}.rc"
    if not rc.is_file():
        return "skipped"
    code = rc.read_text(encoding="utf-8").strip()
    return "ok" if code == "0" else "failed" if code == "1" else "error"


def _findings(results: Path, name: str) -> tuple[ReportedDiagnostic, ...]:
    path = results / f"{name}.json"
    if not path.is_file():
        return ()
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return ()
    return tuple(ReportedDiagnostic.model_validate(row) for row in rows if isinstance(row, dict))


def overdue(rows: list[Any]) -> tuple[Due, ...]:
    """The overdue deadlines among the rows of `markedsplass deadlines --format json`."""
    return tuple(
        Due(
            date=row["date"],
            label=row["label"],
            title=row["title"][:500],
            path=row["path"],
            status=row["status"],
            legal=row["legal"],
        )
        for row in rows
        if row.get("status") == "overdue"
    )[:500]


def collect(results: Path, head_sha: str) -> Summary:
    """The summary from the files the pull-request workflow writes into `results`:
    `check.json`/`.rc`, `authorize.json`/`.rc`, `build.rc`, `deadlines.json`/`.rc`
    and `verify/<solution id>.md`/`.rc`."""
    verify = []
    for rc in sorted((results / "verify").glob("*.rc")):
        report = rc.with_suffix(".md")
        verify.append(
            Verified(
                path=SOLUTION.path(rc.stem),
                status=_status(rc.parent, rc.stem),
                report=report.read_text(encoding="utf-8")[:50_000] if report.is_file() else "",
            )
        )
    rows: list[Any] = []
    if (results / "deadlines.json").is_file():
        rows = json.loads((results / "deadlines.json").read_text(encoding="utf-8"))
    deadlines = overdue(rows)
    return Summary(
        schema=SCHEMA,
        head_sha=head_sha,
        check=Step(status=_status(results, "check"), findings=_findings(results, "check")),
        authorize=Step(
            status=_status(results, "authorize"), findings=_findings(results, "authorize")
        ),
        build=Step(status=_status(results, "build")),
        verify=tuple(verify),
        deadlines=deadlines,
        # deadlines exits 1 when a legal deadline is overdue: a warning, not a failure
        deadlines_status=_status(results, "deadlines"),
    )


def dump(summary: Summary) -> str:
    return summary.model_dump_json(by_alias=True, indent=2) + "\n"


# Markdown ----------------------------------------------------------------------------

_ICON = {"ok": "✅", "failed": "❌", "error": "⚠️", "skipped": "➖"}


def _counts(step: Step) -> str:
    errors = sum(f.severity == "error" for f in step.findings)
    warnings = len(step.findings) - errors
    return f"{errors} feil, {warnings} advarsler"


def _rows(summary: Summary) -> list[tuple[str, str, str]]:
    check = {
        "ok": "ingen feil" if not summary.check.findings else _counts(summary.check),
        "failed": _counts(summary.check),
        "error": "verktøyfeil, se kjøringen",
        "skipped": "kjørte ikke",
    }[summary.check.status]
    authorize = {
        "ok": "du kan gjøre disse endringene",
        "failed": f"{len(summary.authorize.findings)} endringer avvist",
        "error": "kunne ikke avgjøres, se kjøringen",
        "skipped": "kjørte ikke",
    }[summary.authorize.status]
    build = {
        "ok": "bygget; last ned artefakten «nettsted» for å se det",
        "failed": "ikke bygget, fordi sjekken fant feil",
        "error": "verktøyfeil, se kjøringen",
        "skipped": "bygges i en egen jobb; en egen kommentar lenker til det når det er klart",
    }[summary.build.status]
    if summary.verify:
        done = sum(v.status == "ok" for v in summary.verify)
        verified = f"{done} av {len(summary.verify)} endrede løsninger verifisert"
        verify_status: Status = "ok" if done == len(summary.verify) else "failed"
    else:
        verified, verify_status = "ingen løsninger endret", "skipped"
    legal = sum(d.legal for d in summary.deadlines)
    deadlines = f"{legal} lovpålagte frister er overskredet" if legal else "ingen overskredet"
    deadline_status: Status = "error" if summary.deadlines_status == "error" else "ok"
    return [
        ("Sjekk av postene", summary.check.status, check),
        ("Hvem kan endre hva", summary.authorize.status, authorize),
        ("Verifisering i sandkassen", verify_status, verified),
        ("Frister", "failed" if legal else deadline_status, deadlines),
        ("Nettstedet", summary.build.status, build),
    ]


def _finding(f: ReportedDiagnostic) -> str:
    where = md.code(f"{f.path}:{f.line}:{f.column}")
    return f"- {where} **{f.severity}\\[{md.text(f.code)}\\]** {md.text(f.message)}"


def _findings_section(title: str, step: Step, shown: int) -> list[str]:
    if not step.findings:
        return []
    lines = ["", f"### {title}", ""]
    lines += [_finding(f) for f in step.findings[:shown]]
    if len(step.findings) > shown:
        lines.append(
            f"- … og {len(step.findings) - shown} til; alle står som merknader i filene "
            "under «Files changed»."
        )
    return lines


def render(summary: Summary, *, run_url: str | None = None, comment: bool = False) -> str:
    """The Markdown for the job summary or (with the marker) for the bot comment,
    made from validated values only."""
    shown, reports = SHOWN_DIAGNOSTICS, True
    while True:
        text = _render(summary, run_url, comment, shown, reports)
        if len(text) <= MAX_COMMENT or (shown == 0 and not reports):
            return text
        shown, reports = (shown // 2, reports) if shown else (0, False)


def _render(summary: Summary, run_url: str | None, comment: bool, shown: int, reports: bool) -> str:
    verdict = (
        "Alt er i orden. Markedsplassteamet ser over endringen og fletter den inn."
        if summary.passed
        else "Noe må rettes før endringen kan flettes inn. Rett filene og send en ny "
        "commit til samme gren, så sjekkes alt på nytt og denne kommentaren oppdateres."
    )
    lines = [MARKER] if comment else []
    lines += [
        "## Markedsplassen: sjekk av endringen",
        "",
        verdict,
        "",
        "| Steg | Resultat |",
        "|---|---|",
    ]
    lines += [f"| {name} | {_ICON[status]} {result} |" for name, status, result in _rows(summary)]
    lines += _findings_section("Feil og advarsler i postene", summary.check, shown)
    lines += _findings_section("Hvem kan endre hva", summary.authorize, shown)
    if summary.verify:
        lines += ["", "### Verifisering i sandkassen", ""]
        for v in summary.verify:
            state = {"ok": "verifisert", "failed": "ikke verifisert"}.get(v.status, "verktøyfeil")
            lines.append(f"- {md.code(v.path)}: {_ICON[v.status]} {state}")
            if reports and v.report.strip():
                lines += [
                    "",
                    "<details><summary>Rapporten fra sandkassen</summary>",
                    "",
                    md.block(v.report),
                    "",
                    "</details>",
                    "",
                ]
    if summary.deadlines:
        lines += ["", "### Overskredne frister i katalogen", ""]
        for d in summary.deadlines:
            legal = " (lovpålagt)" if d.legal else ""
            lines.append(
                f"- {md.text(d.date)}: {md.text(d.label)}{legal}: {md.text(d.title)} "
                f"({md.code(d.path)})"
            )
    footer = f"Sjekket commit {md.code(summary.head_sha[:12])}."
    if _safe_url(run_url):
        footer += f" [Se hele kjøringen]({run_url})."
    lines += [
        "",
        "---",
        f"{footer} Hva meldingene betyr og hvem som kan endre hva, står i CONTRIBUTING.md.",
    ]
    return "\n".join(lines) + "\n"


def _safe_url(url: str | None) -> bool:
    return (
        url is not None and re.fullmatch(r"https://[A-Za-z0-9._~:/?#=&%+-]{1,400}", url) is not None
    )


SITE_MARKER = "<!-- markedsplassen-nettsted -->"


def site_comment(head_sha: str, built: bool, run_url: str | None) -> str:
    """The comment that links the site built from the pull request, when it is ready:
    its own comment, so the verdict never waits for the build."""
    where = f"[kjøringen]({run_url})" if _safe_url(run_url) else "kjøringen"
    sha = md.code(head_sha[:12])
    if built:
        said = (
            f"Nettstedet med endringen i commit {sha} er bygget. Last ned artefakten "
            f"«nettsted» fra {where} og åpne `index.html`."
        )
    else:
        said = f"Nettstedet med endringen i commit {sha} kunne ikke bygges; se {where}."
    return f"{SITE_MARKER}\n### Nettstedet med endringen\n\n{said}\n"
