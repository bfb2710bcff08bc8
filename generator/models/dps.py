"""A dynamic purchasing system (dynamisk innkjøpsordning, FOA §§ 26-4–26-7): the
notice, its request window and validity and the indicative maximum value. The
suppliers' applications are files of their own beside it (`models/events.py`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from generator.models.base import (
    AgreementType,
    CategoryId,
    Contact,
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
from generator.models.calloff import BASIS_HELP, KIND_HELP, AwardBasis, CriterionKind


class QualificationRequirement(Model):
    id: Slug = Field(description="Kravets id.")
    text: Markdown = Field(description="Kravet.")
    documentation: Line | None = Field(None, description="Dokumentasjonen som kreves.")


class NoticeCriterion(Model):
    """A criterion as the DPS notice states it: a fixed weight, a range the
    call-offs choose within, or no weight (each call-off weighs it)."""

    name: Line = Field(description="Kriteriet, for eksempel «Pris» eller «Kvalitet».")
    kind: CriterionKind = Field(description=KIND_HELP)
    weight_percent: Percent | None = Field(None, description="Fast vekt i prosent.")
    min_weight_percent: Percent | None = Field(
        None, description="Laveste vekt et uttak kan gi kriteriet, i prosent."
    )
    max_weight_percent: Percent | None = Field(
        None, description="Høyeste vekt et uttak kan gi kriteriet, i prosent."
    )
    description: Markdown | None = Field(None, description="Hva kriteriet omfatter.")

    @model_validator(mode="after")
    def _one_kind_of_weight(self) -> NoticeCriterion:
        low, high = self.min_weight_percent, self.max_weight_percent
        if self.weight_percent is not None and (low is not None or high is not None):
            raise PydanticCustomError(
                "weight_range",
                "Gi enten fast vekt (`weight_percent`) eller et spenn (`min_weight_percent` "
                "og `max_weight_percent`), ikke begge.",
            )
        if (low is None) != (high is None):
            raise PydanticCustomError(
                "weight_range",
                "Et vektspenn har både `min_weight_percent` og `max_weight_percent`.",
            )
        if low is not None and high is not None and low > high:
            raise PydanticCustomError(
                "weight_range",
                "`min_weight_percent` ({low}) er større enn `max_weight_percent` ({high}): "
                "bytt dem.",
                {"low": low, "high": high},
            )
        return self

    def weight_range(self) -> tuple[int, int] | None:
        """The weights a call-off may give, or None when the notice leaves it open."""
        if self.weight_percent is not None:
            return self.weight_percent, self.weight_percent
        if self.min_weight_percent is not None and self.max_weight_percent is not None:
            return self.min_weight_percent, self.max_weight_percent
        return None


class NoticeAwardCriteria(Model):
    basis: AwardBasis = Field(description=BASIS_HELP)
    criteria: tuple[NoticeCriterion, ...] = Field(
        (), description="Kriteriene med fast vekt eller vektspenn."
    )


class Extension(Model):
    announced: IsoDate = Field(description="Dato forlengelsen ble kunngjort.")
    valid_until: IsoDate = Field(description="Ny siste gyldighetsdag.")


class Notice(Model):
    doffin_id: Line = Field(description="Kunngjøringens id i Doffin.")
    url: HttpsUrl = Field(description="Kunngjøringen.")


class Dps(Record):
    title: Line = Field(description="Ordningens navn.")
    category: CategoryId = Field(description="Kategorien ordningen gjelder.")
    type: Literal["open", "closed"] = Field(
        "closed",
        description="open: andre oppdragsgivere kan slutte seg til; closed: bare de "
        "som er nevnt i kunngjøringen.",
    )
    announced: IsoDate = Field(description="Dato kunngjøringen ble publisert.")
    request_deadline: IsoDate = Field(
        description="Frist for forespørsler om deltakelse i første runde."
    )
    valid_until: IsoDate = Field(description="Siste dag ordningen gjelder.")
    max_value_nok: Nok = Field(description="Anslått samlet verdi (indikativ øvre ramme) i kroner.")
    agreement_type: AgreementType = Field(description="Standardavtalen kontraktene bygger på.")
    description: Markdown = Field(description="Hva ordningen omfatter.")
    covered_municipalities: tuple[Kommunenummer, ...] = Field(
        (),
        description="Kommuner som kan gjøre uttak; tom liste betyr alle kommuner i markedsplassen.",
    )
    qualification_requirements: tuple[QualificationRequirement, ...] = Field(
        min_length=1, description="Kvalifikasjonskravene."
    )
    terms_url: HttpsUrl | None = Field(None, description="Vilkår for deltakelse.")
    notice: Notice | None = Field(None, description="Kunngjøringen i Doffin.")
    award_criteria: NoticeAwardCriteria | None = Field(
        None,
        description="Tildelingskriteriene slik kunngjøringen angir dem; uttakene kan "
        "presisere dem, ikke endre dem.",
    )
    extensions: tuple[Extension, ...] = Field((), description="Forlengelser.")
    award_notice_grouping: Literal["quarterly"] | None = Field(
        None,
        description="quarterly: kunngjøringene av kontraktene under ordningen samles per "
        "kvartal og sendes innen 30 dager etter kvartalets slutt; uten: én kunngjøring per "
        "kontrakt innen 30 dager etter signering.",
    )
    contact: Contact = Field(description="Kontaktperson i markedsplassen.")
    # The old inline list: refused by the check `inline-events`, which names the files
    # to write instead (tenders/dps/<id>/applications/<supplier>-<received>.yaml).
    applications: SkipJsonSchema[object] = Field(
        None,
        exclude=True,
        description="Brukes ikke: hver forespørsel om deltakelse er en egen fil i "
        "tenders/dps/<id>/applications/.",
    )
