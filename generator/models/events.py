"""Events by many hands, one file each beside the record they belong to, so that
any number of contributors can add them at once without touching a shared file:
a supplier's request to participate in a DPS (`tenders/dps/<dps>/applications/`),
a request to join a need (`needs/<need>/join-requests/`) and a question about a
call-off with its answer (`tenders/calloffs/<call-off>/questions/`).

An event carries no `id`: its place and file name say what it belongs to. What
the records once held as lists is derived here from the events: the
suppliers admitted to a DPS, and a need's participants."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.models.base import (
    Actor,
    GitHubLogin,
    IsoDate,
    Line,
    Markdown,
    Model,
    Percent,
    Slug,
)
from generator.models.need import Participant


def _pair(first: object, second: object, names: tuple[str, str], code: str, what: str) -> None:
    """Two fields that are given together or not at all."""
    if (first is None) != (second is None):
        missing = names[0] if first is None else names[1]
        raise PydanticCustomError(
            code,
            f"{what}: legg til «{{missing}}», eller fjern begge.",
            {"missing": missing},
        )


class Application(Model):
    supplier: Slug = Field(description="Id til leverandøren som søker.")
    received: IsoDate = Field(description="Dato forespørselen om deltakelse kom.")
    decided: IsoDate | None = Field(None, description="Dato for beslutningen.")
    decision: Literal["admitted", "rejected"] | None = Field(
        None, description="admitted (tatt opp) eller rejected (avvist)."
    )
    extension_reason: Markdown | None = Field(
        None, description="Begrunnelse når vurderingen tar mer enn 10 virkedager (høyst 15)."
    )
    reason: Markdown | None = Field(None, description="Begrunnelse for avvisning.")
    espd_requested: IsoDate | None = Field(
        None,
        description="Dato leverandøren ble bedt om å fornye egenerklæringen (ESPD); "
        "svarfristen er fem virkedager.",
    )
    espd_renewed: IsoDate | None = Field(None, description="Dato den fornyede egenerklæringen kom.")
    excluded: IsoDate | None = Field(
        None, description="Dato leverandøren ble utelukket fra ordningen etter opptaket."
    )
    exclusion_reason: Markdown | None = Field(
        None, description="Begrunnelse for utelukkelsen, med grunnlaget i forskriften."
    )

    @model_validator(mode="after")
    def _decided_with_decision(self) -> Application:
        _pair(
            self.decided,
            self.decision,
            ("decided", "decision"),
            "decision_pair",
            "En beslutning har både dato og utfall, eller ingen av dem mens søknaden er "
            "til vurdering",
        )
        _pair(
            self.excluded,
            self.exclusion_reason,
            ("excluded", "exclusion_reason"),
            "exclusion_pair",
            "En utelukkelse har både dato (`excluded`) og begrunnelse (`exclusion_reason`)",
        )
        if self.excluded is not None and self.decision != "admitted":
            raise PydanticCustomError(
                "exclusion_not_admitted",
                "Bare en leverandør som er tatt opp (`decision: admitted`), kan utelukkes "
                "senere. Er forespørselen avvist, skriv `decision: rejected` og `reason`, og "
                "fjern `excluded` og `exclusion_reason`.",
            )
        if self.espd_renewed is not None and self.espd_requested is None:
            raise PydanticCustomError(
                "espd_renewed_unrequested",
                "`espd_renewed` sier når en fornyet egenerklæring kom, men `espd_requested` "
                "mangler: legg til datoen leverandøren ble bedt om den.",
            )
        return self

    def stands_on(self, day: date) -> bool:
        """Admitted by `day` and not excluded on or before it: a supplier that may
        be invited to a call-off sent that day."""
        return (
            self.decision == "admitted"
            and self.decided is not None
            and self.decided <= day
            and (self.excluded is None or self.excluded > day)
        )


class JoinRequest(Model):
    actor: Actor = Field(description="Kommunenummer eller leverandør-id som ber om å delta.")
    person: Line = Field(description="Hvem som spør.")
    github: GitHubLogin = Field(description="GitHub-brukeren som sendte forespørselen.")
    received: IsoDate = Field(description="Dato forespørselen kom.")
    message: Markdown = Field(description="Forespørselen.")
    status: Literal["pending", "accepted", "declined"] = Field(
        "pending", description="pending (venter, standard), accepted eller declined."
    )
    answered: IsoDate | None = Field(None, description="Dato forespørselen ble besvart.")
    time_share_percent: Percent | None = Field(
        None, description="Andel av arbeidstiden som frigjøres til arbeidet, i prosent."
    )

    @model_validator(mode="after")
    def _answered_with_answer(self) -> JoinRequest:
        answered = None if self.status == "pending" else self.status
        _pair(
            self.answered,
            answered,
            ("answered", "status"),
            "answer_pair",
            "Et svar har både dato (`answered`) og utfall (`status: accepted` eller `declined`)",
        )
        return self


class Question(Model):
    received: IsoDate = Field(description="Dato spørsmålet kom.")
    question: Markdown = Field(description="Spørsmålet, anonymisert: nevn aldri hvem som spurte.")
    answered: IsoDate | None = Field(None, description="Dato svaret ble publisert.")
    answer: Markdown | None = Field(None, description="Svaret, likt for alle inviterte.")

    @model_validator(mode="after")
    def _answered_with_answer(self) -> Question:
        _pair(
            self.answered,
            self.answer,
            ("answered", "answer"),
            "answer_pair",
            "Et svar har både dato (`answered`) og tekst (`answer`)",
        )
        return self


def admitted(applications: Iterable[Application]) -> dict[str, Application]:
    """Supplier id -> its admitting application (the latest, should there be two)."""
    found: dict[str, Application] = {}
    for application in sorted(applications, key=lambda a: a.received):
        if application.decision == "admitted":
            found[application.supplier] = application
    return found


def participants(
    written: Iterable[Participant], requests: Iterable[JoinRequest]
) -> tuple[Participant, ...]:
    """A need's participants: those its owner wrote in the need, then every actor
    whose join request was accepted and who is not among them already."""
    found = list(written)
    present = {p.actor for p in found}
    for request in sorted(requests, key=lambda r: (r.answered or r.received, r.actor)):
        if request.status != "accepted" or request.actor in present:
            continue
        present.add(request.actor)
        joined: date = request.answered or request.received
        role = "municipality" if request.actor.isdigit() else "supplier"
        # validated as the records are: the fields as they are written in a file
        found.append(
            Participant.model_validate(
                {
                    "actor": request.actor,
                    "role": role,
                    "person": request.person,
                    "time_share_percent": request.time_share_percent,
                    "joined": joined.isoformat(),
                }
            )
        )
    return tuple(found)
