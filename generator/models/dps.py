"""A dynamic purchasing system (dynamisk innkjøpsordning, FOA §§ 26-4–26-7): the
notice, its request window and validity, the indicative maximum value, and every
supplier's application with the team's decision."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
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
    Record,
    Slug,
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

    @model_validator(mode="after")
    def _decided_with_decision(self) -> Application:
        if (self.decided is None) != (self.decision is None):
            missing = "decision" if self.decision is None else "decided"
            raise PydanticCustomError(
                "decision_pair",
                "En beslutning har både dato og utfall: legg til «{missing}», eller fjern "
                "begge mens søknaden er til vurdering.",
                {"missing": missing},
            )
        return self


class QualificationRequirement(Model):
    id: Slug = Field(description="Kravets id.")
    text: Markdown = Field(description="Kravet.")
    documentation: Line | None = Field(None, description="Dokumentasjonen som kreves.")


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
    extensions: tuple[Extension, ...] = Field((), description="Forlengelser.")
    contact: Contact = Field(description="Kontaktperson i markedsplassen.")
    applications: tuple[Application, ...] = Field(
        (), description="Forespørsler om deltakelse med beslutning."
    )

    def admitted(self) -> dict[str, Application]:
        """Supplier id -> its admitting application."""
        return {a.supplier: a for a in self.applications if a.decision == "admitted"}
