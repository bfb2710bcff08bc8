"""Field types shared by the record models, each with a Norwegian error that says
what to write instead. Values arrive from the strict loader: strings stay strings
(`0301`, `2024-05-01`, `NO`), so every identifier is validated here, never
coerced by YAML."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Annotated, Any, Literal

import email_validator
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict
from pydantic import WithJsonSchema as Schema
from pydantic_core import PydanticCustomError, Url

from generator.models import reference
from generator.norway import identifiers

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Model(BaseModel):
    """Shape of one record or part of a record: unknown fields refused, frozen, no I/O."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)


def _fail(code: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(code, message, context)


def _text(value: Any, what: str) -> str:
    """Accept only strings, with a message that tells how to quote what YAML typed."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        shown = "true" if value else "false"
        raise _fail(
            "text_type",
            "Skal være {what}, ikke sannhetsverdien {shown}. Sett verdien "
            "i anførselstegn hvis den er ment som tekst.",
            what=what,
            shown=shown,
        )
    if isinstance(value, int | float):
        raise _fail(
            "text_type",
            'Skal være {what} i anførselstegn, for eksempel "{shown}": '
            "uten anførselstegn leses det som et tall.",
            what=what,
            shown=str(value),
        )
    if value is None:
        raise _fail(
            "text_type",
            "Verdien mangler. Skriv {what}, eller fjern feltet hvis det er valgfritt.",
            what=what,
        )
    raise _fail("text_type", "Skal være {what}, ikke en liste eller samling.", what=what)


def _iso_date(value: Any) -> date:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise _fail(
            "date_format",
            "«{value}» er ikke en dato. Skriv datoen på formen "
            "ÅÅÅÅ-MM-DD, for eksempel 2025-03-14.",
            value=str(value),
        )
    text = _text(value, "en dato på formen ÅÅÅÅ-MM-DD")
    if not DATE.fullmatch(text):
        raise _fail(
            "date_format",
            "«{value}» er ikke en dato på formen ÅÅÅÅ-MM-DD. Skriv for eksempel 2025-03-14.",
            value=text,
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(
            "date_invalid", "«{value}» finnes ikke i kalenderen. Sjekk dag og måned.", value=text
        ) from None


def _slug(value: Any) -> str:
    text = _text(value, "en id")
    if not identifiers.is_slug(text):
        suggestion = identifiers.slugify(text) or "min-post"
        raise _fail(
            "slug",
            "«{value}» er ingen gyldig id: bruk små bokstaver a–z, sifre og "
            "bindestrek, for eksempel «{suggestion}».",
            value=text,
            suggestion=suggestion,
        )
    return text


def _orgnr(value: Any) -> str:
    text = _text(value, "et organisasjonsnummer")
    compact = text.replace(" ", "")
    if not identifiers.ORGNR.fullmatch(compact):
        raise _fail(
            "orgnr",
            '«{value}» er ikke et organisasjonsnummer: det har 9 sifre, for eksempel "988077917".',
            value=text,
        )
    if compact != text:
        raise _fail(
            "orgnr", 'Skriv organisasjonsnummeret uten mellomrom: "{compact}".', compact=compact
        )
    if not identifiers.is_orgnr(text):
        raise _fail(
            "orgnr_checksum",
            "«{value}» har feil kontrollsiffer (modulus 11). Sjekk nummeret i Enhetsregisteret.",
            value=text,
        )
    return text


def _kommunenummer(value: Any) -> str:
    text = _text(value, "et kommunenummer med fire sifre")
    if not identifiers.KOMMUNENUMMER.fullmatch(text):
        raise _fail(
            "kommunenummer",
            "«{value}» er ikke et kommunenummer: skriv fire sifre i "
            'anførselstegn, for eksempel "0301" for Oslo.',
            value=text,
        )
    if text not in reference.municipalities():
        raise _fail(
            "kommunenummer_unknown",
            "«{value}» er ikke et kommunenummer i SSBs liste "
            "for 2024 (357 kommuner). Mange numre ble endret i 2024; slå opp kommunen i "
            "generator/data/kommuner-2024.csv.",
            value=text,
        )
    return text


def _actor(value: Any) -> str:
    """A municipality (kommunenummer) or a supplier (its id)."""
    text = _text(value, "et kommunenummer eller en leverandør-id")
    if text.isdigit():
        return _kommunenummer(text)
    if not identifiers.is_slug(text):
        raise _fail(
            "actor",
            "«{value}» er verken et kommunenummer (fire sifre, for eksempel "
            '"4601") eller en leverandør-id (små bokstaver og bindestrek).',
            value=text,
        )
    return text


def _github_login(value: Any) -> str:
    text = _text(value, "et GitHub-brukernavn")
    if not identifiers.GITHUB_LOGIN.fullmatch(text.removeprefix("@")):
        raise _fail(
            "github_login",
            "«{value}» er ikke et GitHub-brukernavn: bokstaver, sifre "
            "og enkle bindestreker, høyst 39 tegn.",
            value=text,
        )
    if text.startswith("@"):
        raise _fail("github_login", 'Skriv brukernavnet uten @: "{login}".', login=text[1:])
    return text


def _https_url(value: Any) -> str:
    text = _text(value, "en nettadresse")
    try:
        url = Url(text)
    except ValueError:
        raise _fail(
            "url",
            "«{value}» er ingen gyldig nettadresse. Skriv hele adressen, for "
            "eksempel https://www.eksempel.no/side.",
            value=text,
        ) from None
    if url.scheme != "https":
        raise _fail(
            "url_scheme",
            "Adressen må begynne med https:// (den begynner med "
            "{scheme}:). Bruk den sikre adressen.",
            scheme=url.scheme,
        )
    if url.username or url.password:
        raise _fail(
            "url_credentials",
            "Adressen inneholder brukernavn eller passord. Fjern "
            "dem: ingen hemmeligheter i katalogen.",
        )
    if not url.host or "." not in url.host:
        raise _fail(
            "url", "«{value}» mangler et fullt vertsnavn, for eksempel www.eksempel.no.", value=text
        )
    return text


@lru_cache(maxsize=8192)
def _email_ok(text: str) -> bool:
    # the same contact stands in many records: validate each address once
    try:
        email_validator.validate_email(text, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return False
    return True


def _email(value: Any) -> str:
    text = _text(value, "en e-postadresse")
    if not _email_ok(text):
        raise _fail(
            "email",
            "«{value}» er ingen gyldig e-postadresse. Skriv for eksempel navn@kommune.no.",
            value=text,
        ) from None
    return text


# The longest text of each kind, in characters.
LINE_MAX = 200
MARKDOWN_MAX = 20_000
# The largest amount in kroner: 100 milliarder, above the whole public sector's
# yearly procurement in Norway and far above any municipal contract.
NOK_MAX = 100_000_000_000
# The largest count (tenders, users, patients): a million.
COUNT_MAX = 1_000_000


def _within(text: str, limit: int, what: str) -> str:
    if len(text) > limit:
        raise _fail(
            "string_too_long",
            "{what} er for lang: {actual} tegn, høyst {max_length} er tillatt. "
            "Kort den ned, eller flytt detaljer til et beskrivelsesfelt eller et vedlegg.",
            what=what,
            actual=len(text),
            max_length=limit,
        )
    return text


def _line(value: Any) -> str:
    text = _within(_text(value, "tekst"), LINE_MAX, "Teksten på én linje")
    if "\n" in text.strip():
        raise _fail(
            "single_line",
            "Teksten skal stå på én linje. Flytt det som kommer etter til et beskrivelsesfelt.",
        )
    if not text.strip():
        raise _fail("empty_text", "Teksten er tom. Skriv noe her eller fjern feltet.")
    return text.strip()


def _markdown(value: Any) -> str:
    text = _within(_text(value, "tekst"), MARKDOWN_MAX, "Teksten")
    if not text.strip():
        raise _fail("empty_text", "Teksten er tom. Skriv noe her eller fjern feltet.")
    return text


def _member(table: dict[Any, Any], what: str, code: str) -> Any:
    def check(value: Any) -> Any:
        if value not in table:
            allowed = ", ".join(str(key) for key in table)
            raise _fail(
                code,
                "«{value}» er ikke {what}. Skriv en av: {allowed}.",
                value=str(value),
                what=what,
                allowed=allowed,
            )
        return value

    return check


def _enum_schema(values: list[Any], description: str, kind: str = "string") -> Schema:
    return Schema({"type": kind, "enum": values, "description": description})


def _string_schema(description: str, **extra: Any) -> Schema:
    return Schema({"type": "string", "description": description, **extra})


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    Schema({"type": "string", "format": "date", "pattern": DATE.pattern}),
]
Slug = Annotated[
    str,
    BeforeValidator(_slug),
    _string_schema(
        "Id: små bokstaver a–z, sifre og bindestrek.", pattern=f"^{identifiers.SLUG.pattern}$"
    ),
]
Orgnr = Annotated[
    str,
    BeforeValidator(_orgnr),
    _string_schema("Organisasjonsnummer: 9 sifre med gyldig kontrollsiffer.", pattern="^[0-9]{9}$"),
]
Kommunenummer = Annotated[
    str,
    BeforeValidator(_kommunenummer),
    _enum_schema(
        sorted(reference.municipalities()), "Kommunenummer (SSB 2024), fire sifre i anførselstegn."
    ),
]
Actor = Annotated[
    str,
    BeforeValidator(_actor),
    _string_schema(
        "Kommunenummer (fire sifre) eller id til en registrert leverandør.",
        pattern=f"^([0-9]{{4}}|{identifiers.SLUG.pattern})$",
    ),
]
GitHubLogin = Annotated[
    str,
    BeforeValidator(_github_login),
    _string_schema("GitHub-brukernavn uten @.", pattern=f"^{identifiers.GITHUB_LOGIN.pattern}$"),
]
HttpsUrl = Annotated[
    str,
    BeforeValidator(_https_url),
    _string_schema(
        "Nettadresse som begynner med https://, uten brukernavn eller passord.",
        format="uri",
        pattern="^https://",
    ),
]
Email = Annotated[str, BeforeValidator(_email), _string_schema("E-postadresse.", format="email")]
Line = Annotated[
    str,
    BeforeValidator(_line),
    _string_schema("Tekst på én linje.", maxLength=LINE_MAX),
]
Markdown = Annotated[
    str,
    BeforeValidator(_markdown),
    _string_schema("Fritekst (Markdown).", maxLength=MARKDOWN_MAX),
]
Flag = Annotated[bool, Strict()]
Count = Annotated[int, Strict(), Field(ge=0, le=COUNT_MAX)]
Percent = Annotated[int, Strict(), Field(ge=0, le=100)]
Nok = Annotated[int, Strict(), Field(ge=0, le=NOK_MAX)]
CategoryId = Annotated[
    str,
    BeforeValidator(lambda v: _text(v, "en kategori-id")),
    AfterValidator(_member(reference.categories(), "en kjent kategori", "category")),
    _enum_schema(sorted(reference.categories()), "Løsningskategori."),
]
AgreementType = Annotated[
    str,
    BeforeValidator(lambda v: _text(v, "en avtaletype")),
    AfterValidator(
        _member(reference.agreement_types(), "en av Statens standardavtaler", "agreement_type")
    ),
    _enum_schema(list(reference.agreement_types()), "Statens standardavtale (SSA)."),
]
PhaseNumber = Annotated[
    int,
    Strict(),
    AfterValidator(_member(reference.phases(), "en fase i KS-veikartet", "phase")),
    _enum_schema(
        sorted(reference.phases()),
        "Fase i KS' veikart for tjenesteinnovasjon (1–6).",
        kind="integer",
    ),
]
ExperienceArea = Annotated[
    str,
    BeforeValidator(lambda v: _text(v, "et erfaringsområde")),
    AfterValidator(_member(reference.experience_areas(), "et erfaringsområde", "experience_area")),
    _enum_schema(list(reference.experience_areas()), "Erfaringsområde."),
]


class Contact(Model):
    name: Line = Field(description="Navn på kontaktpersonen.")
    email: Email = Field(description="E-postadresse.")
    phone: Line | None = Field(None, description="Telefonnummer (valgfritt).")
    role: Line | None = Field(None, description="Rolle eller stilling (valgfritt).")


class Link(Model):
    title: Line = Field(description="Hva lenken leder til.")
    url: HttpsUrl = Field(description="Adressen (https).")


YesNoUnknown = Literal["yes", "no", "partly"]


class Record(Model):
    """Every record has an `id` equal to its file name without `.yaml`."""

    id: Slug = Field(description="Postens id; lik filnavnet uten .yaml.")
