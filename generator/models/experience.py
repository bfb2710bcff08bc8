"""An experience (erfaring) in the experience arena, by area, with success
factors and the challenges met with the measures taken."""

from __future__ import annotations

from pydantic import Field

from generator.models.base import (
    Actor,
    Contact,
    Count,
    ExperienceArea,
    Flag,
    GitHubLogin,
    IsoDate,
    Line,
    Markdown,
    Model,
    Record,
    Slug,
)


class Challenge(Model):
    challenge: Markdown = Field(description="Utfordringen eller feilen.")
    measures: Markdown | None = Field(None, description="Tiltakene som ble gjort.")
    resolved: Flag | None = Field(None, description="true når tiltakene løste utfordringen.")


class Experience(Record):
    title: Line = Field(description="Erfaringen i én linje.")
    author: Actor = Field(description="Kommunenummer eller leverandør-id for den som deler.")
    area: ExperienceArea = Field(description="Erfaringsområde.")
    date: IsoDate = Field(description="Dato erfaringen ble skrevet.")
    summary: Line = Field(description="Én setning, vist i lister.")
    description: Markdown | None = Field(None, description="Utdyping.")
    solution: Slug | None = Field(None, description="Løsningen erfaringen gjelder.")
    need: Slug | None = Field(None, description="Behovet erfaringen gjelder.")
    calloff: Slug | None = Field(None, description="Uttaket erfaringen gjelder.")
    usage_weeks: Count | None = Field(
        None, description="Hvor mange uker løsningen hadde vært i bruk."
    )
    success_factors: tuple[Line, ...] = Field((), description="Suksessfaktorer.")
    challenges: tuple[Challenge, ...] = Field((), description="Utfordringer og tiltak.")
    recommendation: Markdown | None = Field(None, description="Råd til andre.")
    contact: Contact | None = Field(None, description="Kontaktperson.")
    maintainers: tuple[GitHubLogin, ...] = Field(
        (), description="GitHub-brukere som kan endre erfaringen."
    )
