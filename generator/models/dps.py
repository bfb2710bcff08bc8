"""A dynamic purchasing system (dynamisk innkjøpsordning, FOA §§ 26-4–26-7): the
notice, its request window and validity and the indicative maximum value. The
suppliers' applications are files of their own beside it (`models/events.py`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

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
    award_notice_grouping: Literal["quarterly"] | None = Field(
        None,
        description="quarterly: kunngjøringene av kontraktene under ordningen samles per "
        "kvartal og sendes innen 30 dager etter kvartalets slutt; uten: én kunngjøring per "
        "kontrakt innen 30 dager etter signering.",
    )
    contact: Contact = Field(description="Kontaktperson i markedsplassen.")
    # The turn-one list: refused by the check `inline-events`, which names the files
    # to write instead (tenders/dps/<id>/applications/<supplier>-<received>.yaml).
    applications: SkipJsonSchema[object] = Field(
        None,
        exclude=True,
        description="Brukes ikke: hver forespørsel om deltakelse er en egen fil i "
        "tenders/dps/<id>/applications/.",
    )
