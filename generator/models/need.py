"""A need or idea (behov) in the innovation arena: published early so others can
join, worked on together through the KS phases into a common needs basis."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from generator.models.base import (
    Actor,
    CategoryId,
    Contact,
    Flag,
    GitHubLogin,
    HttpsUrl,
    IsoDate,
    Line,
    Markdown,
    Model,
    Percent,
    PhaseNumber,
    Record,
    Slug,
)

NeedStatus = Literal[
    "open", "in-progress", "anchoring", "ready-for-procurement", "procured", "closed", "withdrawn"
]


class Participant(Model):
    actor: Actor = Field(description="Kommunenummer eller leverandør-id for den som deltar.")
    role: Literal[
        "lead", "municipality", "health-personnel", "adviser", "supplier", "organisation"
    ] = Field(description="Rollen i samarbeidet.")
    person: Line | None = Field(None, description="Navn på personen (valgfritt).")
    title: Line | None = Field(None, description="Stilling, for eksempel «sårsykepleier».")
    time_share_percent: Percent | None = Field(
        None, description="Andel av arbeidstiden som er frigjort til arbeidet, i prosent."
    )
    joined: IsoDate = Field(description="Dato deltakeren ble med.")


class NeedDocument(Model):
    title: Line = Field(description="Dokumentets tittel.")
    kind: Literal[
        "needs-description",
        "tender-invitation",
        "benefit-analysis",
        "cost-analysis",
        "risk-analysis",
        "template",
        "minutes",
        "other",
    ] = Field(description="Hva slags dokument i det felles behovsunderlaget.")
    url: HttpsUrl = Field(description="Hvor dokumentet ligger.")
    version: Line | None = Field(None, description="Versjon.")
    date: IsoDate | None = Field(None, description="Dato.")


class Assessment(Model):
    benefit: Markdown | None = Field(None, description="Nytte.")
    cost: Markdown | None = Field(None, description="Kostnad.")
    risk: Markdown | None = Field(None, description="Risiko.")


class PhaseEntry(Model):
    phase: PhaseNumber = Field(description="Fasen.")
    started: IsoDate = Field(description="Dato fasen startet.")
    note: Line | None = Field(None, description="Merknad.")


class Need(Record):
    title: Line = Field(description="Behovet i én linje.")
    owner: Actor = Field(
        description="Kommunenummer til kommunen som eier behovet, eller "
        "leverandør-id når en leverandør presenterer en mulighet."
    )
    published: IsoDate = Field(description="Dato behovet ble publisert.")
    phase: PhaseNumber = Field(description="Fase i KS' veikart for tjenesteinnovasjon (1–6).")
    status: NeedStatus = Field(description="Status for arbeidet.")
    summary: Line = Field(description="Én setning om behovet, vist i lister.")
    description: Markdown = Field(description="Beskrivelse av behovet.")
    categories: tuple[CategoryId, ...] = Field((), description="Områder behovet gjelder.")
    seeking_participants: Flag = Field(False, description="true når dere søker flere deltakere.")
    contact: Contact = Field(description="Kontaktperson.")
    maintainers: tuple[GitHubLogin, ...] = Field(
        (), description="GitHub-brukere som kan endre behovet i tillegg til eieren."
    )
    participants: tuple[Participant, ...] = Field(
        (),
        description="Deltakerne eieren skriver inn selv; de som blir med gjennom en "
        "forespørsel (needs/<id>/join-requests/), kommer i tillegg.",
    )
    # The old inline list: refused by the check `inline-events`, which names the files
    # to write instead (needs/<id>/join-requests/<actor>-<received>.yaml).
    join_requests: SkipJsonSchema[object] = Field(
        None,
        exclude=True,
        description="Brukes ikke: hver forespørsel om å bli med er en egen fil i "
        "needs/<id>/join-requests/.",
    )
    documents: tuple[NeedDocument, ...] = Field((), description="Felles behovsunderlag.")
    assessment: Assessment | None = Field(None, description="Nytte, kostnad og risiko.")
    phase_history: tuple[PhaseEntry, ...] = Field((), description="Når hver fase startet.")
    related_solutions: tuple[Slug, ...] = Field(
        (), description="Løsninger i katalogen som kan dekke behovet."
    )
