"""What the site says about a solution's verification in the sandbox, and the
sandbox page itself.

The status is derived only from the report `markedsplass check` made by running
the kit (`pipeline.Checked.verification`, generator/sandbox/not_verified.py); no record field
can claim it. Three states, each written out in words (never colour alone):
verified, not verified (with what failed), and not tried in the sandbox.

Report text comes from resources a supplier submitted: everything taken from a
report is escaped here like any other record text (`escape`), never passed on as
Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.models import Solution
from generator.models.kinds import SOLUTION, SUPPLIER
from generator.sandbox import formats, requirements
from generator.sandbox.report import LEVEL_LABELS, STATUS_LABELS, Report, Status
from generator.site import downloads, links
from generator.site.gather import Site
from generator.site.links import Linker

VERIFIED, NOT_VERIFIED, NOT_TRIED = "verifisert", "ikke-verifisert", "ikke-provd"
STATUS_TEXT = {
    VERIFIED: "✓ Verifisert",
    NOT_VERIFIED: "✗ Ikke verifisert",
    NOT_TRIED: "Ikke prøvd i sandkassen",
}
STRENGTH = {"error": "SKAL", "warning": "BØR"}


def report_of(solution: Solution, site: Site) -> Report | None:
    return site.verification.get(solution.id)


def status(solution: Solution, site: Site) -> str:
    report = report_of(solution, site)
    if report is None:
        return NOT_TRIED
    return VERIFIED if report.verified else NOT_VERIFIED


def status_line(solution: Solution, site: Site) -> str:
    """The status in a few words, with the requirement set when one was run:
    «✓ Verifisert (vkp-observation 0.5.2)»."""
    report = report_of(solution, site)
    label = STATUS_TEXT[status(solution, site)]
    if report is None:
        return label
    return f"{label} ({report.requirement_set} {report.requirement_set_version})"


@dataclass(frozen=True, slots=True)
class MessageRow:
    where: str
    expression: str
    level: str
    text: str
    hint: str


def _results(report: Report) -> list[list[str]]:
    return [
        [
            r.requirement.id,
            r.requirement.text,
            STRENGTH[r.requirement.severity],
            STATUS_LABELS[r.status],
            r.summary,
        ]
        for r in report.results
    ]


def solution_context(solution: Solution, site: Site, link: Linker) -> dict[str, Any]:
    report = report_of(solution, site)
    sandbox = link.page(links.SANDBOX, "Sandkassen")
    if report is None:
        return {"status": STATUS_TEXT[NOT_TRIED], "report": None, "sandbox": sandbox}
    failed = [r for r in report.results if r.status is Status.FAIL]
    return {
        "status": STATUS_TEXT[status(solution, site)],
        "sandbox": sandbox,
        "report": {
            "requirement_set": f"{report.requirement_set_title} ({report.requirement_set} "
            f"versjon {report.requirement_set_version})",
            "kit": report.kit_version,
            "structural_layer": report.structural_layer,
            "capabilities": ", ".join(name for _, name in report.capabilities),
            "counts": formats.counts(report),
            "failed": len([r for r in failed if r.blocking]),
            "results": _results(report),
            "findings": [
                MessageRow(
                    m.position,
                    m.expression,
                    LEVEL_LABELS[m.level],
                    m.text,
                    m.hint,
                )
                for r in failed
                for m in r.messages
            ],
            "downloads": Markup(" · ").join(
                link.static(downloads.report_file(solution.id, suffix), label)
                for suffix, label in (("md", "Markdown"), ("json", "JSON"))
            ),
        },
    }


def sandbox_page(site: Site, link: Linker) -> dict[str, Any]:
    """The test arena: the requirement sets, every solution tried and its result
    (like Meldingsvalidatoren's list of approved systems), how to verify, and the
    ready set of synthetic test data."""
    solutions = sorted(site.all(SOLUTION, Solution), key=lambda s: (s.name.casefold(), s.id))
    tried = []
    for s in solutions:
        report = report_of(s, site)
        if report is None:
            continue
        tried.append(
            [
                link.record(SOLUTION, s.id, html=True),
                link.record(SUPPLIER, s.supplier, html=True),
                STATUS_TEXT[status(s, site)],
                f"{report.requirement_set} {report.requirement_set_version}",
                report.kit_version,
                link.static(downloads.report_file(s.id, "md"), f"Rapporten for {s.name}"),
            ]
        )
    sets = []
    for rs in sorted(requirements.requirement_sets().values(), key=lambda r: r.id):
        sets.append(
            {
                "title": rs.title,
                "label": rs.label,
                "source": rs.source,
                "guide": f"{rs.guide.name} {rs.guide.version} ({rs.guide.canonical})"
                if rs.guide
                else "",
                "superseded_by": rs.superseded_by or "",
                "description": rs.description,
                "capabilities": [
                    {
                        "id": c.id,
                        "name": c.name,
                        "description": c.description,
                        "requirements": [
                            [r.id, STRENGTH[r.severity], r.text, r.source or "–"]
                            for r in rs.requirements
                            if c.id in r.capabilities
                        ],
                    }
                    for c in rs.capabilities
                ],
            }
        )
    return {
        "tried": tried,
        "sets": sets,
        "testdata": link.static(
            downloads.TESTDATA_FILE, "Testdata for vitale målinger (zip, FHIR R4 JSON)"
        ),
        "patients": str(downloads.TESTDATA_PATIENTS),
        "take_part": link.page(links.TAKE_PART, "Slik deltar du"),
    }
