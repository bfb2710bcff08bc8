"""Questions during a call-off (additional information, `limits.QUESTION_RULE`):
asked between the invitation and the tender deadline; when asked in good time,
answered no later than six days before the tender deadline; and anonymous, so
neither the question nor the answer names a supplier (an answer goes to all
invited suppliers alike, and who asked stays unknown to the others). The name
check looks for every registered supplier's name, id and organisation number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from generator.catalogue.gather import Catalogue, Event
from generator.diagnostics import Diagnostic
from generator.models import CallOff, Question
from generator.models.kinds import CALLOFF, QUESTION, SUPPLIER
from generator.procurement import limits, periods

CODE = "calloff-question"

# Company form suffixes, left out of the name searched for: «Sårfag AS» is named as
# well by «Sårfag».
_COMPANY_FORMS = re.compile(r"\s+(AS|ASA|SA|ANS|DA|AB|BA|Ltd|GmbH|Oy|ApS)\.?$", re.IGNORECASE)


def _names(catalogue: Catalogue) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, the supplier's name) for every registered supplier."""
    found = []
    for supplier in catalogue.records_of(SUPPLIER):
        short = _COMPANY_FORMS.sub("", supplier.name).strip()
        words = {supplier.name, supplier.id, supplier.orgnr}
        if len(short) >= 4:
            words.add(short)
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        found.append(
            (re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), supplier.name)
        )
    return found


def _timing(event: Event[Question], calloff: CallOff, today: date) -> Iterator[tuple[str, str]]:
    """(field, message) for each fault in the question's dates."""
    question = event.record
    deadline = calloff.tender_deadline
    if question.received < calloff.published:
        yield (
            "received",
            (
                f"spørsmålet kom {question.received}, før tilbudsinvitasjonen ble sendt "
                f"{calloff.published}. Spørsmål i uttaket kommer etter invitasjonen; sjekk datoen."
            ),
        )
    elif question.received > deadline:
        yield (
            "received",
            (
                f"spørsmålet kom {question.received}, etter tilbudsfristen {deadline}, og kan ikke "
                "besvares i konkurransen. Sjekk datoen, eller fjern filen."
            ),
        )
    if question.answered is not None and question.answered < question.received:
        yield (
            "answered",
            (f"svaret ({question.answered}) er datert før spørsmålet kom ({question.received})."),
        )
        return
    due = periods.answer_due(deadline)
    if not periods.asked_in_good_time(question.received, deadline):
        if question.answered is not None and question.answered > deadline:
            yield (
                "answered",
                (
                    f"svaret ({question.answered}) kom etter tilbudsfristen {deadline} og hjelper "
                    "ingen tilbyder. Svar før fristen, eller forleng tilbudsfristen."
                ),
            )
        return
    if question.answered is not None and question.answered > due:
        yield (
            "answered",
            (
                f"spørsmålet kom i god tid ({question.received}), og svaret skal gis senest "
                f"{limits.QUESTION_ANSWER_DAYS} dager før tilbudsfristen {deadline}, altså {due}; "
                f"det kom {question.answered}. Forleng tilbudsfristen så alle får "
                f"{limits.QUESTION_ANSWER_DAYS} dager med svaret."
            ),
        )
    elif question.answered is None and today > due:
        yield (
            "received",
            (
                f"spørsmålet kom i god tid ({question.received}) og skulle vært besvart senest "
                f"{due}, {limits.QUESTION_ANSWER_DAYS} dager før tilbudsfristen {deadline}. "
                "Publiser svaret (`answered` og `answer`), og forleng tilbudsfristen."
            ),
        )


def check(catalogue: Catalogue, today: date) -> Iterator[Diagnostic]:
    names = _names(catalogue)
    for entry in catalogue.records(CALLOFF):
        calloff = entry.record
        for event in catalogue.events(QUESTION, calloff.id):
            for field, message in _timing(event, calloff, today):
                yield catalogue.error_at(
                    event, (field,), CODE, f"{limits.QUESTION_RULE}: {message}"
                )
            for field in ("question", "answer"):
                text = getattr(event.record, field)
                if text is None:
                    continue
                for pattern, name in names:
                    if pattern.search(text):
                        yield catalogue.error_at(
                            event,
                            (field,),
                            CODE,
                            f"{limits.QUESTION_RULE}: teksten nevner «{name}». Spørsmål og svar "
                            "går likt til alle inviterte og skal aldri vise hvem som spurte; "
                            "skriv det om uten navnet.",
                        )
                        break
