"""A call-off (uttak / spesifikk konkurranse) under a DPS: the invitation, the
award and the contract with its milestones."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from generator.models.base import (
    Contact,
    Count,
    Flag,
    HttpsUrl,
    IsoDate,
    Kommunenummer,
    Line,
    Markdown,
    Model,
    Nok,
    Percent,
    Record,
    Slug,
)

CriterionKind = Literal["price", "cost", "quality", "environment"]
AwardBasis = Literal["lowest-price", "lowest-cost", "best-price-quality-ratio"]
KIND_HELP = "price, cost (livsløpskostnad), quality eller environment."
BASIS_HELP = (
    "Tildelingsgrunnlag (FOA § 18-1): lowest-price, lowest-cost eller best-price-quality-ratio."
)


class Criterion(Model):
    name: Line = Field(description="Kriteriet, for eksempel «Pris» eller «Brukervennlighet».")
    kind: CriterionKind = Field(description=KIND_HELP)
    weight_percent: Percent | None = Field(None, description="Vekt i prosent.")
    description: Markdown | None = Field(None, description="Hvordan kriteriet vurderes.")


class AwardCriteria(Model):
    basis: AwardBasis = Field(description=BASIS_HELP)
    criteria: tuple[Criterion, ...] = Field((), description="Kriteriene med vekt.")
    climate_exception: Markdown | None = Field(
        None,
        description="Begrunnelse når klima- og miljøhensyn vektes under 30 % (FOA § 7-9 "
        "fjerde ledd: kravspesifikasjonen ivaretar dem klart bedre; femte ledd: "
        "anskaffelsen har ubetydelig klima- og miljøavtrykk).",
    )


class Requirement(Model):
    id: Slug = Field(description="Kravets id.")
    text: Markdown = Field(description="Kravet.")
    mandatory: Flag = Field(description="true for minstekrav (skal-krav), false for bør-krav.")


class Award(Model):
    decided: IsoDate = Field(description="Dato for tildelingsbeslutningen.")
    supplier: Slug = Field(description="Leverandøren som fikk kontrakten.")
    solution: Slug = Field(description="Løsningen som ble valgt.")
    value_nok: Nok = Field(description="Kontraktens verdi i kroner.")
    tenders_received: Count | None = Field(None, description="Antall tilbud.")
    justification: Markdown | None = Field(None, description="Begrunnelse.")


class Milestone(Model):
    title: Line = Field(description="Milepælen.")
    due: IsoDate = Field(description="Frist.")
    met: IsoDate | None = Field(None, description="Dato milepælen ble nådd.")
    description: Markdown | None = Field(None, description="Utdyping.")


class Contract(Model):
    signed: IsoDate = Field(description="Dato kontrakten ble signert.")
    award_notice_published: IsoDate | None = Field(
        None, description="Dato kunngjøringen av tildelingen ble publisert (FOA § 21-6)."
    )
    starts: IsoDate | None = Field(None, description="Oppstart.")
    ends: IsoDate | None = Field(None, description="Kontraktens slutt.")
    milestones: tuple[Milestone, ...] = Field((), description="Kontraktsmilepæler.")


class CallOff(Record):
    title: Line = Field(description="Uttakets navn.")
    dps: Slug = Field(description="Id til den dynamiske innkjøpsordningen (tenders/dps/).")
    buyer: Kommunenummer = Field(description="Kommunen som gjør uttaket.")
    published: IsoDate = Field(description="Dato tilbudsinvitasjonen ble sendt.")
    tender_deadline: IsoDate = Field(description="Tilbudsfrist.")
    submission_url: HttpsUrl | None = Field(
        None,
        description="Hvor tilbudene leveres: kjøperens konkurransegjennomføringsverktøy "
        "(KGV). Tilbud er fortrolige til åpning og leveres aldri i markedsplassen.",
    )
    invited: tuple[Slug, ...] = Field(description="Leverandørene som ble invitert.")
    description: Markdown = Field(description="Kommunens behov og spesifikke opplysninger.")
    need: Slug | None = Field(None, description="Behovet i innovasjonsarenaen uttaket bygger på.")
    award_criteria: AwardCriteria = Field(
        description="Tildelingskriterier: de ordningen kunngjorde, eventuelt presisert."
    )
    requirements: tuple[Requirement, ...] = Field((), description="Kommunens egne krav.")
    estimated_value_nok: Nok | None = Field(None, description="Anslått verdi i kroner.")
    standstill_days: Count | None = Field(
        None,
        description="Karensperiode i dager mellom tildeling og kontrakt, om kommunen velger "
        "å ha en (frivillig i en dynamisk innkjøpsordning; minst 10 dager).",
    )
    contact: Contact = Field(description="Kontaktperson hos kommunen.")
    award: Award | None = Field(None, description="Tildelingen.")
    contract: Contract | None = Field(None, description="Kontrakten.")

    @field_validator("contract")
    @classmethod
    def _contract_needs_award(
        cls, contract: Contract | None, info: ValidationInfo
    ) -> Contract | None:
        # `award` is in info.data only when it validated; a broken award is reported itself
        if contract is not None and "award" in info.data and info.data["award"] is None:
            raise PydanticCustomError(
                "contract_without_award",
                "Uttaket har en kontrakt, men ingen tildeling. Legg inn `award` (dato, "
                "leverandør, løsning og verdi) før `contract`.",
            )
        return contract
