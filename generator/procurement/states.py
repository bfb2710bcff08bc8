"""States derived from dates and today's date, never written by hand: a state
field in a record would go stale the day after it was written."""

from __future__ import annotations

from datetime import date
from typing import Literal

from generator.catalogue.gather import Catalogue
from generator.models import CallOff, Dps
from generator.models.kinds import CALLOFF

DpsState = Literal["announced", "open-for-requests", "active", "expired"]
CallOffState = Literal[
    "published", "open-for-tenders", "under-evaluation", "awarded", "under-contract", "completed"
]

DPS_LABELS: dict[str, str] = {
    "announced": "Kunngjort, åpner for forespørsler",
    "open-for-requests": "Åpen for forespørsler (første runde)",
    "active": "Aktiv: uttak kan gjøres, nye leverandører kan søke",
    "expired": "Utløpt",
}
CALLOFF_LABELS: dict[str, str] = {
    "published": "Registrert, tilbudsinvitasjonen er ikke sendt ennå",
    "open-for-tenders": "Åpen for tilbud",
    "under-evaluation": "Tilbudene evalueres",
    "awarded": "Tildelt",
    "under-contract": "Kontrakt løper",
    "completed": "Avsluttet",
}


def dps_valid_until(dps: Dps, as_of: date | None = None) -> date:
    """The last day the DPS is valid, with the extensions announced while it was
    still valid (and, with `as_of`, announced by then). An extension announced after
    the DPS lapsed does not revive it: that needs a new notice."""
    last = dps.valid_until
    for extension in sorted(dps.extensions, key=lambda e: e.announced):
        if (as_of is not None and extension.announced > as_of) or extension.announced > last:
            break
        last = max(last, extension.valid_until)
    return last


def late_extensions(dps: Dps) -> list[int]:
    """The indexes of extensions announced after the DPS had lapsed."""
    last, late = dps.valid_until, []
    for index, extension in sorted(enumerate(dps.extensions), key=lambda p: p[1].announced):
        if extension.announced > last:
            late.append(index)
        else:
            last = max(last, extension.valid_until)
    return late


def dps_state(dps: Dps, today: date) -> DpsState:
    if today < dps.announced:
        return "announced"
    if today <= dps.request_deadline:
        return "open-for-requests"
    if today <= dps_valid_until(dps):
        return "active"
    return "expired"


def calloff_state(calloff: CallOff, today: date) -> CallOffState:
    if today < calloff.published:
        return "published"
    if today <= calloff.tender_deadline:
        return "open-for-tenders"
    if calloff.award is None or today < calloff.award.decided:
        return "under-evaluation"
    contract = calloff.contract
    if contract is None or today < contract.signed:
        return "awarded"
    if contract.ends is not None and contract.ends < today:
        return "completed"
    milestones = contract.milestones
    if contract.ends is None and milestones and all(m.met and m.met <= today for m in milestones):
        return "completed"
    return "under-contract"


def first_invitation(calloffs: list[CallOff]) -> date | None:
    """The day the invitation to the first call-off under a DPS was sent: until
    then the DPS is in its first phase."""
    return min((c.published for c in calloffs), default=None)


def first_invitations(catalogue: Catalogue) -> dict[str, date]:
    """DPS id -> the day its first call-off invitation was sent."""
    by_dps: dict[str, list[CallOff]] = {}
    for calloff in catalogue.records_of(CALLOFF):
        by_dps.setdefault(calloff.dps, []).append(calloff)
    return {dps_id: d for dps_id, c in by_dps.items() if (d := first_invitation(c)) is not None}


def in_first_phase(first: date | None, day: date) -> bool:
    """Whether `day` is before the first invitation (the evaluation of requests may
    then be extended beyond 15 working days)."""
    return first is None or day < first
