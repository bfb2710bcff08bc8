"""A solution (sluttbrukerløsning) in the catalogue, with every registered
property the marketplace's concept names: standards, integrations, licence
model, hosting, security and privacy documentation."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from generator.models.base import (
    AgreementType,
    CategoryId,
    Contact,
    Flag,
    HttpsUrl,
    IsoDate,
    Line,
    Markdown,
    Model,
    Nok,
    Record,
    Slug,
)


class FunctionalNeed(Model):
    need: Line = Field(description="Det funksjonelle behovet.")
    coverage: Literal["full", "partial", "planned"] = Field(
        description="Hvor godt løsningen dekker behovet: full, partial (delvis) eller planned "
        "(planlagt, se veikart)."
    )
    note: Markdown | None = Field(None, description="Utdyping.")


class RoadmapItem(Model):
    title: Line = Field(description="Funksjonen som kommer eller endres.")
    kind: Literal["new", "change", "removal"] = Field(
        description="new (ny funksjon), change (endring) eller removal (utgår)."
    )
    expected: IsoDate = Field(description="Forventet levert.")
    committed: Flag = Field(description="true når planen er forpliktende overfor kundene.")
    description: Markdown | None = Field(None, description="Utdyping.")


class FinancialTerms(Model):
    pricing_model: Literal[
        "per-user", "per-municipality", "per-inhabitant", "per-patient", "fixed", "usage"
    ] = Field(description="Prismodell.")
    price_description: Markdown = Field(description="Prisene og hva de omfatter.")
    list_price_nok: Nok | None = Field(
        None, description="Listepris i kroner per prisenhet, eks. mva."
    )
    establishment_fee_nok: Nok | None = Field(None, description="Etableringskostnad i kroner.")
    minimum_term_months: int | None = Field(
        None, ge=0, strict=True, description="Minste avtaleperiode i måneder."
    )
    notice_period_months: int | None = Field(
        None, ge=0, strict=True, description="Oppsigelsestid i måneder."
    )
    payment_terms: Line | None = Field(None, description="Betalingsbetingelser.")


class TechnicalTerms(Model):
    delivery_model: Literal["saas", "on-premise", "hybrid"] = Field(
        description="Leveransemodell: saas (skytjeneste), on-premise eller hybrid."
    )
    platforms: tuple[Literal["ios", "android", "web", "windows", "macos", "linux"], ...] = Field(
        min_length=1, description="Plattformer løsningen kjører på."
    )
    data_location: Literal["norway", "eea", "outside-eea"] = Field(
        description="Hvor data lagres: norway, eea (EØS) eller outside-eea."
    )
    authentication: tuple[Literal["helseid", "id-porten", "feide", "entra-id", "local"], ...] = (
        Field((), description="Innloggingsløsninger som støttes.")
    )
    standards: tuple[Line, ...] = Field(
        (),
        description="Standarder løsningen følger, for "
        "eksempel «FHIR R4» eller «HL7 Norway no-basis».",
    )
    availability_percent: float | None = Field(
        None, ge=0, le=100, description="Avtalt oppetid i prosent."
    )
    requirements: Markdown | None = Field(None, description="Krav til utstyr, nett og drift.")


class AgreementOption(Model):
    title: Line = Field(description="Opsjonen.")
    description: Markdown | None = Field(None, description="Hva opsjonen omfatter.")
    price_description: Line | None = Field(None, description="Pris for opsjonen.")


class Agreement(Model):
    type: AgreementType = Field(description="Statens standardavtale løsningen selges på.")
    options: tuple[AgreementOption, ...] = Field((), description="Opsjoner og valgmuligheter.")
    description: Markdown | None = Field(None, description="Avtaleformatet i korte trekk.")


class Lifecycle(Model):
    version: Line | None = Field(None, description="Gjeldende versjon.")
    released: IsoDate | None = Field(None, description="Dato gjeldende versjon kom.")
    sales_until: IsoDate = Field(description="Forventet gjenværende salgstid: selges til og med.")
    support_until: IsoDate = Field(
        description="Forventet gjenværende brukstid: støttes til og med."
    )


class Implementation(Model):
    services: tuple[Line, ...] = Field(min_length=1, description="Implementeringstjenester.")
    typical_weeks: int | None = Field(
        None, ge=0, strict=True, description="Typisk innføringstid i uker."
    )
    description: Markdown | None = Field(None, description="Utdyping.")


class Training(Model):
    formats: tuple[
        Literal["e-learning", "classroom", "train-the-trainer", "webinar", "documentation"], ...
    ] = Field(min_length=1, description="Opplæringsformer.")
    included: Flag = Field(description="true når opplæringen er med i prisen.")
    description: Markdown | None = Field(None, description="Utdyping.")


class Integration(Model):
    system: Line = Field(description="Systemet det integreres med, for eksempel kommunens EPJ.")
    standard: Line | None = Field(None, description="Standarden integrasjonen bruker.")
    direction: Literal["send", "receive", "both"] = Field(
        description="send, receive (motta) eller both."
    )
    status: Literal["in-production", "available", "planned"] = Field(
        description="in-production (i bruk), available (tilgjengelig) eller planned."
    )
    description: Markdown | None = Field(None, description="Utdyping.")


class PatientSafety(Model):
    medical_device_class: Literal["not-a-device", "I", "IIa", "IIb", "III"] = Field(
        description="Klasse etter regelverket for medisinsk utstyr, eller not-a-device."
    )
    ce_marked: Flag | None = Field(None, description="true når løsningen er CE-merket.")
    description: Markdown = Field(description="Hvordan løsningen ivaretar pasientsikkerhet.")


class InformationSecurity(Model):
    normen: Flag = Field(
        description="true når leverandøren følger Normen (Norm for "
        "informasjonssikkerhet og personvern i helse- og omsorgssektoren)."
    )
    certifications: tuple[Line, ...] = Field(
        (), description="Sertifiseringer, for eksempel ISO/IEC 27001."
    )
    last_penetration_test: IsoDate | None = Field(
        None, description="Dato for siste sikkerhetstest."
    )
    description: Markdown = Field(description="Hvordan løsningen ivaretar informasjonssikkerhet.")


class Privacy(Model):
    data_processor_agreement: Flag = Field(
        description="true når leverandøren tilbyr databehandleravtale."
    )
    personal_data: tuple[Line, ...] = Field(
        (), description="Kategorier av personopplysninger som behandles."
    )
    description: Markdown = Field(description="Hvordan løsningen ivaretar personvernet.")


class Templates(Model):
    benefit_realisation: HttpsUrl | None = Field(None, description="Mal for gevinstrealisering.")
    ros: HttpsUrl | None = Field(None, description="Mal for risiko- og sårbarhetsanalyse (ROS).")
    dpia: HttpsUrl | None = Field(
        None, description="Mal for vurdering av personvernkonsekvenser (DPIA)."
    )


def _refuse_verification(value: Any) -> Any:
    raise PydanticCustomError(
        "verification_claimed",
        "Om løsningen er verifisert, avgjør sandkassen når den kjører verifiseringen "
        "(markedsplass check og markedsplass verify); det kan ikke skrives inn. Fjern "
        "feltet, og oppgi kravsett, evner og eksempelressurser under «sandbox».",
    )


# A field that claims verification: refused wherever it is written, never stored
# (exclude), and not offered in the JSON Schema.
Refused = SkipJsonSchema[Annotated[Any, BeforeValidator(_refuse_verification)]]


def _refused() -> Any:
    return Field(None, exclude=True, description="Avvist: verifisering avgjøres av sandkassen.")


class Sandbox(Model):
    requirements: Slug = Field(
        description="Kravsettet løsningen verifiseres mot, for eksempel vkp-observation "
        "(generator/data/requirements/)."
    )
    capabilities: tuple[Slug, ...] = Field(
        min_length=1,
        description="Evnene løsningen sier den har, fra kravsettet, for eksempel "
        "send-vital-signs (sende vitale målinger til EPJ).",
    )
    examples: tuple[Line, ...] = Field(
        min_length=1,
        description="Eksempelressurser (FHIR R4 JSON): filer eller mapper med .json-filer, "
        "relativt til mappen catalogue/solutions/<id>/. «.» er hele mappen.",
    )
    endpoint: HttpsUrl | None = Field(
        None,
        description="Adressen til et FHIR R4-testendepunkt (https). Prøves bare av "
        "markedsplass verify.",
    )
    verified: Refused = _refused()
    verification: Refused = _refused()
    verifisert: Refused = _refused()
    verifisering: Refused = _refused()
    status: Refused = _refused()
    result: Refused = _refused()
    report: Refused = _refused()


class Solution(Record):
    name: Line = Field(description="Løsningens navn.")
    supplier: Slug = Field(description="Id til leverandøren (catalogue/suppliers/<id>.yaml).")
    categories: tuple[CategoryId, ...] = Field(min_length=1, description="Kategorier.")
    summary: Line = Field(description="Én setning om løsningen, vist i lister.")
    description: Markdown = Field(description="Beskrivelse.")
    website: HttpsUrl | None = Field(None, description="Produktside.")
    languages: tuple[Literal["nb", "nn", "se", "sma", "smj", "en"], ...] = Field(
        min_length=1, description="Språk i brukergrensesnittet."
    )
    functional_needs: tuple[FunctionalNeed, ...] = Field(
        min_length=1, description="Hvilke funksjonelle behov løsningen dekker."
    )
    addresses_needs: tuple[Slug, ...] = Field(
        (), description="Behov i innovasjonsarenaen løsningen svarer på (needs/<id>.yaml)."
    )
    roadmap: tuple[RoadmapItem, ...] = Field(
        (), description="Planer om nye eller endrede funksjoner."
    )
    financial_terms: FinancialTerms = Field(description="Finansielle betingelser.")
    technical_terms: TechnicalTerms = Field(description="Tekniske betingelser.")
    agreement: Agreement = Field(description="Avtaleformat med opsjoner.")
    lifecycle: Lifecycle = Field(description="Gjenværende salgstid og brukstid.")
    implementation: Implementation = Field(description="Implementeringstjenester.")
    training: Training = Field(description="Opplæringstilbud.")
    integrations: tuple[Integration, ...] = Field((), description="Integrasjoner.")
    patient_safety: PatientSafety = Field(description="Pasientsikkerhet.")
    information_security: InformationSecurity = Field(description="Informasjonssikkerhet.")
    privacy: Privacy = Field(description="Personvern.")
    templates: Templates | None = Field(
        None, description="Maler for gevinstrealisering, ROS og DPIA."
    )
    contact: Contact | None = Field(None, description="Kontaktperson for løsningen.")
    sandbox: Sandbox | None = Field(
        None,
        description="Hva løsningen skal verifiseres mot i sandkassen: kravsett, evner, "
        "eksempelressurser og eventuelt et testendepunkt. Om den er verifisert, avgjør "
        "sandkassen.",
    )
    verified: Refused = _refused()
    verification: Refused = _refused()
    verifisert: Refused = _refused()
    verifisering: Refused = _refused()
