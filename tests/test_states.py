"""States derived from the dates and today, for DPS and call-offs."""

from __future__ import annotations

from datetime import date

import pytest

from generator.models import CallOff, Dps
from generator.models.kinds import CALLOFF, DPS
from generator.procurement.states import calloff_state, dps_state, dps_valid_until
from tests.support.casefolders import BASE
from tests.support.records import read_records


def _dps() -> Dps:
    ((_, value),) = read_records(BASE, DPS)
    return Dps.model_validate(value)


def _calloff(**changes: object) -> CallOff:
    ((_, value),) = read_records(BASE, CALLOFF)
    return CallOff.model_validate({**value, **changes})


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 1, 4), "announced"),
        (date(2026, 1, 5), "open-for-requests"),
        (date(2026, 2, 6), "open-for-requests"),
        (date(2026, 2, 7), "active"),
        (date(2029, 12, 31), "active"),
        (date(2030, 1, 1), "expired"),
    ],
)
def test_dps_state(today: date, state: str) -> None:
    assert dps_state(_dps(), today) == state


def test_an_extension_keeps_the_dps_active() -> None:
    dps = _dps().model_copy(update={"extensions": ()})
    extended = Dps.model_validate(
        {
            **read_records(BASE, DPS)[0][1],
            "extensions": [{"announced": "2029-10-01", "valid_until": "2031-12-31"}],
        }
    )
    assert dps_valid_until(dps) == date(2029, 12, 31)
    assert dps_state(extended, date(2030, 6, 1)) == "active"


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 3, 1), "published"),
        (date(2026, 3, 2), "open-for-tenders"),
        (date(2026, 3, 16), "open-for-tenders"),
        (date(2026, 3, 17), "under-evaluation"),
        (date(2026, 3, 25), "awarded"),
        (date(2026, 4, 1), "under-contract"),
        (date(2026, 4, 29), "completed"),  # the only milestone met on 2026-04-28, no end date
    ],
)
def test_calloff_state(today: date, state: str) -> None:
    assert calloff_state(_calloff(), today) == state


def test_a_contract_with_an_end_date_completes_then() -> None:
    calloff = _calloff(
        contract={
            "signed": "2026-04-01",
            "ends": "2027-03-31",
            "milestones": [{"title": "Oppstart", "due": "2026-05-01", "met": "2026-04-28"}],
        }
    )
    assert calloff_state(calloff, date(2027, 3, 31)) == "under-contract"
    assert calloff_state(calloff, date(2027, 4, 1)) == "completed"


def test_no_award_stays_under_evaluation() -> None:
    calloff = _calloff(award=None, contract=None)
    assert calloff_state(calloff, date(2027, 1, 1)) == "under-evaluation"
