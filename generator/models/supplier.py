"""A supplier (leverandør): a company that registers solutions and applies for
qualification in dynamic purchasing systems. Qualification is about the company
(its self-declaration and certificates), so the documents it submits are
described here; the decision
is recorded by the marketplace team in the DPS."""

from __future__ import annotations

from pydantic import Field

from generator.models.base import (
    Contact,
    Flag,
    GitHubLogin,
    HttpsUrl,
    IsoDate,
    Line,
    Markdown,
    Model,
    Orgnr,
    Record,
)


class Delivery(Model):
    customer: Line = Field(description="Kunden leveransen gikk til.")
    year: int = Field(ge=1950, le=2100, strict=True, description="Året leveransen ble gjort.")
    description: Markdown = Field(description="Hva som ble levert.")


class Qualification(Model):
    company_certificate: IsoDate | None = Field(
        None, description="Dato på firmaattesten som er lagt ved søknaden."
    )
    tax_certificate: IsoDate | None = Field(
        None, description="Dato på skatteattesten som er lagt ved søknaden."
    )
    annual_accounts_year: int | None = Field(
        None, ge=1950, le=2100, strict=True, description="Året for siste årsregnskap."
    )
    startup: Flag = Field(
        False,
        description="Oppstartsselskap uten fullt årsregnskap; "
        "økonomien dokumenteres på annen måte.",
    )
    competence: Markdown | None = Field(None, description="Kompetanse.")
    capacity: Markdown | None = Field(None, description="Kapasitet.")
    development_plans: Markdown | None = Field(None, description="Utviklingsplaner.")
    training: Markdown | None = Field(None, description="Opplæringstilbud.")
    previous_deliveries: tuple[Delivery, ...] = Field(
        (), description="Erfaring fra tidligere leveranser (kan være tom for oppstartsselskap)."
    )
    quality_management: Line | None = Field(
        None, description="System for kvalitetssikring, for eksempel ISO 9001."
    )
    information_security_management: Line | None = Field(
        None, description="Styringssystem for informasjonssikkerhet, for eksempel ISO 27001."
    )
    environmental_management: Line | None = Field(
        None, description="Miljøledelse, for eksempel ISO 14001 eller Miljøfyrtårn."
    )


class TermsAcceptance(Model):
    version: Line = Field(description="Versjonen av vilkårene for deltakelse som er godtatt.")
    accepted: IsoDate = Field(description="Dato vilkårene ble godtatt.")


class Supplier(Record):
    name: Line = Field(description="Selskapets navn slik det står i Enhetsregisteret.")
    orgnr: Orgnr = Field(description="Organisasjonsnummer, 9 sifre i anførselstegn.")
    maintainers: tuple[GitHubLogin, ...] = Field(
        min_length=1, description="GitHub-brukere som kan endre leverandøren og løsningene."
    )
    website: HttpsUrl | None = Field(None, description="Nettsted.")
    description: Markdown | None = Field(None, description="Kort om selskapet.")
    contact: Contact = Field(description="Kontaktperson for markedsplassen.")
    terms: TermsAcceptance | None = Field(
        None, description="Godtatte vilkår for deltakelse i økosystemet."
    )
    qualification: Qualification | None = Field(
        None, description="Opplysninger selskapet legger fram for kvalifisering."
    )
