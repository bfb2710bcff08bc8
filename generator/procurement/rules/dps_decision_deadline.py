"""Each request to participate is decided within 10 working days of receipt;
within 15 only with a recorded reason; a pending one past its limit is overdue.
Working days exclude weekends and Norwegian public holidays. In the first phase,
until the invitation to the first call-off is sent, the evaluation may take
longer (`limits.FIRST_PHASE_RULE`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue
from generator.diagnostics import Diagnostic
from generator.models.kinds import APPLICATION
from generator.norway.workdays import add_working_days, working_days_between
from generator.procurement import limits
from generator.procurement.states import first_invitations, in_first_phase

CODE = "dps-decision-deadline"


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    normal, extended = limits.DECISION_WORKING_DAYS, limits.DECISION_EXTENDED_WORKING_DAYS
    firsts = first_invitations(catalogue)
    for event in catalogue.all_events(APPLICATION):
        application = event.record
        limit = extended if application.extension_reason else normal
        due = add_working_days(application.received, limit)
        first = firsts.get(event.parent)
        if in_first_phase(first, application.decided or today):
            continue  # the first phase: the evaluation may be extended
        if application.decided is not None:
            used = working_days_between(application.received, application.decided)
            if used <= normal or (used <= extended and application.extension_reason):
                continue
            hint = (
                f"Beslutningen må tas innen {due}."
                if application.extension_reason or used > extended
                else "Mellom 11 og 15 virkedager er lov bare med en begrunnelse: legg til "
                "`extension_reason`."
            )
            yield catalogue.error_at(
                event,
                ("decided",),
                CODE,
                f"{limits.DECISION_RULE}: forespørselen fra «{application.supplier}» (mottatt"
                f" {application.received}) ble avgjort etter {used} virkedager; grensen er "
                f"{normal}, eller {extended} med begrunnelse. {hint}",
            )
        elif today > due:
            yield catalogue.error_at(
                event,
                ("received",),
                CODE,
                f"{limits.DECISION_RULE}: forespørselen fra «{application.supplier}» (mottatt"
                f" {application.received}) skulle vært avgjort senest {due} ({limit} "
                "virkedager) og er forsinket. Registrer beslutningen (`decided` og "
                "`decision`) nå.",
            )
