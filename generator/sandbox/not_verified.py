"""The verification stage of `markedsplass check`: the sandbox kit runs for every
solution that declares what it claims (`sandbox:` in its record), and the reports
are returned beside the catalogue (`pipeline.Checked.verification`) for the site.

"Verified" is derived here and nowhere else: a field in a record that claims it
is refused by the model (`claimed-verification`). A solution that does not pass
is a warning (`not-verified`), not an error: the site still shows it, with what
failed. No network here: the live checks against a test endpoint are skipped and
run only in `markedsplass verify`. Solutions whose declaration has problems are
left to the cross-check `sandbox-declaration`."""

from __future__ import annotations

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic, warning
from generator.models.kinds import SOLUTION
from generator.sandbox import declaration
from generator.sandbox.declaration import Declaration
from generator.sandbox.report import Report

CODE = "not-verified"


def verify(
    found: Declaration,
    *,
    live: bool,
    endpoint: str | None = None,
    subject: str | None = None,
    local_endpoint: bool = False,
) -> Report:
    """Run the kit on a resolved declaration (`endpoint` overrides the declared one).
    The kit (FHIR models, FHIRPath) is imported here, on first use, so commands
    that verify nothing never load it."""
    from generator.sandbox import inputs, kit

    files = inputs.collect([p for _, p in found.examples], [n for n, _ in found.examples])
    target = kit.Target(
        subject=subject or f"løsningen {found.solution}",
        capabilities=found.capabilities,
        endpoint=endpoint or found.endpoint,
        live=live,
        local_endpoint=local_endpoint,
    )
    return kit.verify(files, found.requirement_set, target, jobs=1)


def run(catalogue: Catalogue) -> tuple[dict[str, Report], list[Diagnostic]]:
    """Verify every solution with a usable declaration; return the reports by
    solution id and a warning for each that is not verified."""
    reports: dict[str, Report] = {}
    diagnostics = []
    for entry in catalogue.records(SOLUTION):
        solution = entry.record
        found, problems = declaration.resolve(catalogue.root, solution)
        if found is None or problems:
            continue
        report = verify(found, live=False)
        reports[solution.id] = report
        if not report.verified:
            line, column = catalogue.locate(entry, ("sandbox",), key=True)
            diagnostics.append(
                warning(entry.path, line, column, CODE, _message(report, entry.path))
            )
    return reports, diagnostics


def _message(report: Report, path: str) -> str:
    failed = [r.requirement.id for r in report.results if r.blocking]
    if failed:
        what = f"{len(failed)} av {len(report.results)} krav feilet ({', '.join(failed)})"
    else:
        what = "ingen krav kunne prøves på eksempelressursene"
    return (
        f"Løsningen er ikke verifisert mot kravsettet {report.requirement_set} "
        f"{report.requirement_set_version}: {what}. Kjør `markedsplass verify {path}` "
        "for å se hva som må rettes."
    )
