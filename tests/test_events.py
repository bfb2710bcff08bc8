"""Events derived into what the records used to list: the suppliers admitted to a
DPS and a need's participants (models/events.py), as the catalogue gives them."""

from __future__ import annotations

from datetime import date

from generator.models.events import Application, JoinRequest, admitted, participants
from generator.models.need import Participant

OWNER = Participant.model_validate(
    {"actor": "4601", "role": "lead", "person": "Inger", "joined": "2026-01-05"}
)


def _request(actor: str, status: str, answered: str | None = None) -> JoinRequest:
    fields = {
        "actor": actor,
        "person": "Tor",
        "github": "tor-molde",
        "received": "2026-02-01",
        "message": "Vi vil være med.",
        "status": status,
        "time_share_percent": 30,
    }
    return JoinRequest.model_validate({**fields, **({"answered": answered} if answered else {})})


def test_an_accepted_request_makes_a_participant_once() -> None:
    accepted = _request("1506", "accepted", "2026-02-03")
    found = participants(
        [OWNER],
        [
            accepted,
            _request("1506", "accepted", "2026-02-09"),  # asked twice: listed once
            _request("3301", "pending"),
            _request("5001", "declined", "2026-02-04"),
            _request("4601", "accepted", "2026-02-02"),  # written by the owner already
        ],
    )
    assert found[0] is OWNER
    [joined] = found[1:]
    assert (joined.actor, joined.role, joined.joined) == ("1506", "municipality", date(2026, 2, 3))
    assert joined.time_share_percent == 30 and joined.person == "Tor"
    supplier = participants([], [_request("sarfag", "accepted", "2026-02-03")])
    assert [p.role for p in supplier] == ["supplier"]


def test_the_latest_admission_counts_and_rejections_do_not() -> None:
    first = Application.model_validate(
        {"supplier": "a", "received": "2026-01-02", "decided": "2026-01-09", "decision": "rejected"}
    )
    second = Application.model_validate(
        {"supplier": "a", "received": "2026-03-02", "decided": "2026-03-09", "decision": "admitted"}
    )
    pending = Application.model_validate({"supplier": "b", "received": "2026-03-03"})
    assert admitted([second, pending, first]) == {"a": second}
