"""Deterministic synthetic catalogue for benchmarks.

`generate(root, n, seed)` writes `n` valid records across the six kinds in the
proportions of a grown catalogue (about 5 % suppliers, 15 % solutions, 30 %
needs, 40 % experiences, 0.2 % DPS, 9.8 % call-offs), with Norwegian text and the
nested sections a contributor fills in, so files are the size real ones will be
(typically 1.5-6 KB). Every reference resolves, and the procurement time limits
(generator/procurement/limits.py) hold, with 2026-11-28 as "today".

Events are files beside their record, as in the real catalogue: applications in
`tenders/dps/<dps>/applications/<supplier>-<received>.yaml` and join requests in
`needs/<need>/join-requests/<actor>-<received>.yaml` (no two with the same name).
Every municipality that owns a need, asks to join one or shares an experience is
registered in `catalogue/municipalities/<nr>.yaml`, with the logins that acted
for it among its maintainers. These files come on top of the `n` records.

The YAML is written by a small emitter (no anchors, aliases or tags; kommunenummer
and orgnr quoted; dates plain `YYYY-MM-DD`), and the output is byte-identical for
the same `n` and `seed`.

    python benchmarks/synthetic.py --records 5000 --out /tmp/katalog [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import sys
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from generator.procurement.periods import last_day

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "generator" / "data"
TODAY = date(2026, 11, 28)
START = date(2023, 1, 2)
MARKER = ".synthetic.json"

FOLDERS = {
    "supplier": "catalogue/suppliers",
    "solution": "catalogue/solutions",
    "need": "needs",
    "experience": "experiences",
    "dps": "tenders/dps",
    "calloff": "tenders/calloffs",
}
# Registered municipalities (catalogue/municipalities/<nr>.yaml): not among the `n`
# records, one for every municipality that acts (owns a need, asks to join one or
# shares an experience).
MUNICIPALITIES = "catalogue/municipalities"
# Events, one file each beside the record they belong to:
# <folder>/<record id>/<sub>/<who>-<received>.yaml
EVENTS = {
    "application": ("tenders/dps", "applications"),
    "join_request": ("needs", "join-requests"),
}


# --------------------------------------------------------------------------- #
# YAML emitter
# --------------------------------------------------------------------------- #


class Block(str):
    """Text written as a literal block scalar (`|`)."""

    __slots__ = ()


class Flow(list[str]):
    """A short list of simple words written in flow style (`[a, b]`)."""

    __slots__ = ()


_PLAIN = re.compile(r"[A-Za-z0-9ÆØÅæøåÉéÁáÖöÜü«(][^\n\t\"\\]*")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_NUMBERISH = re.compile(r"[-+.0-9][0-9_.:eE+-]*|\.(?:inf|nan)", re.IGNORECASE)
_RESERVED = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "nei", "ja"}


def _plain_ok(text: str, *, flow: bool = False) -> bool:
    """True when `text` reads back as the same string written plain (unquoted)."""
    return (
        bool(text)
        and text == text.strip()
        and _PLAIN.fullmatch(text) is not None
        and _NUMBERISH.fullmatch(text) is None
        and text.lower() not in _RESERVED
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not (flow and _FLOW_UNSAFE.search(text))
    )


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _scalar(value: Any, *, flow: bool = False) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value if _plain_ok(value, flow=flow) else _quoted(value)
    raise TypeError(f"cannot emit {type(value).__name__}")


def _mapping(data: dict[str, Any], indent: str, out: list[str]) -> None:
    for key, value in data.items():
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        if isinstance(value, Block):
            out.append(f"{indent}{key}: |")
            inner = indent + "  "
            out.extend(inner + line if line else "" for line in value.split("\n"))
        elif isinstance(value, Flow):
            out.append(f"{indent}{key}: [{', '.join(_scalar(v) for v in value)}]")
        elif isinstance(value, dict):
            out.append(f"{indent}{key}:")
            _mapping(value, indent + "  ", out)
        elif isinstance(value, list | tuple):
            out.append(f"{indent}{key}:")
            _sequence(value, indent + "  ", out)
        else:
            out.append(f"{indent}{key}: {_scalar(value)}")


def _sequence(items: Any, indent: str, out: list[str]) -> None:
    for item in items:
        if isinstance(item, dict):
            start = len(out)
            _mapping(item, indent + "  ", out)
            out[start] = indent + "- " + out[start][len(indent) + 2 :]
        else:
            out.append(f"{indent}- {_scalar(item)}")


def emit(record: dict[str, Any], comment: str | None = None) -> str:
    out: list[str] = [f"# {comment}"] if comment else []
    _mapping(record, "", out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- #
# Reference data and word banks
# --------------------------------------------------------------------------- #


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _yaml_ids(name: str, key: str, field_name: str = "id") -> list[Any]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return [row[field_name] for row in data[key]]


def _municipalities() -> list[tuple[str, str]]:
    with (DATA / "kommuner-2024.csv").open(encoding="utf-8") as handle:
        return [(row["kommunenummer"], row["navn"]) for row in csv.DictReader(handle)]


def notice_criteria(dps_id: str) -> dict[str, Any]:
    """A DPS's award criteria as its notice states them; a third of the DPS award
    on lowest cost. The call-offs under it make them precise within the ranges."""
    if zlib.crc32(dps_id.encode()) % 3 == 0:
        return {
            "basis": "lowest-cost",
            "criteria": [
                {"name": "Livsløpskostnad", "kind": "cost", "weight_percent": 70},
                {"name": "Klima og miljø", "kind": "environment", "weight_percent": 30},
            ],
        }
    return {
        "basis": "best-price-quality-ratio",
        "criteria": [
            {"name": "Pris", "kind": "price", "min_weight_percent": 30, "max_weight_percent": 50},
            {
                "name": "Kvalitet og brukervennlighet",
                "kind": "quality",
                "min_weight_percent": 20,
                "max_weight_percent": 40,
            },
            {"name": "Klima og miljø", "kind": "environment", "weight_percent": 30},
        ],
    }


def slugify(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
    folded = unicodedata.normalize("NFKD", text.translate(table))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def ascii_login(text: str) -> str:
    return slugify(text).replace("-", "")


FIRST_NAMES = _words(
    "Anne Kari Ingrid Marit Hilde Silje Ida Nora Emma Sara Hanne Tone Randi Liv Solveig "
    "Astrid Camilla Linn Maria Kristin Ole Per Lars Jon Kjetil Morten Bjørn Erik Hans "
    "Knut Arne Geir Trond Espen Øystein Håkon Magnus Jonas Sindre Mats Ahmed Fatima "
    "Mohammed Aisha Piotr Agnieszka Ali Leila Sondre Åse Torill Gunnhild Eirik Ragnhild"
)
LAST_NAMES = _words(
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen "
    "Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl "
    "Jørgensen Halvorsen Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand "
    "Solberg Svendsen Eide Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen Lie "
    "Amundsen Nguyen Rasmussen Ali Lunde Solheim Berge Moe Nygård Bakke Kristensen "
    "Fredriksen"
)
ROLES = (
    "sykepleier",
    "fagsykepleier",
    "virksomhetsleder",
    "enhetsleder hjemmetjenesten",
    "rådgiver velferdsteknologi",
    "prosjektleder",
    "innkjøpsrådgiver",
    "IKT-rådgiver",
    "kommuneoverlege",
    "ergoterapeut",
    "fysioterapeut",
    "helsesykepleier",
    "personvernombud",
    "avdelingssykepleier",
)
COMPANY_A = _words(
    "Nord Sør Vest Øst Fjord Vidde Lys Trygg Helse Omsorg Digi Smart Nær Kyst Fjell "
    "Norrøn Stille Aktiv Klar Varde Polar Midnatt Bølge Los Fyr Elv Skog Myr Tind Bjørk"
)
COMPANY_B = _words("tek data care helse link sense vakt puls med logikk nett sys hjelp vekst")
COMPANY_C = ("", " Solutions", " Systemer", " Teknologi", " Health", " Digital", " Norge")
PRODUCTS = (
    "Journal Mobil",
    "Omsorg Plan",
    "Sårjournal",
    "Hjemmeoppfølging",
    "Medisinvakt",
    "Trygghetsalarm",
    "Sensorhub",
    "Dialogportal",
    "Turnusplan",
    "Kjøreliste",
    "Dosett Smart",
    "Målestasjon",
    "Varslingssentral",
    "Innbyggerdialog",
    "Pleieassistent",
    "Dokumentasjon Pro",
)
STANDARDS = (
    "FHIR R4",
    "HL7 Norway no-basis",
    "Kodeverk ICPC-2",
    "ISO 13606",
    "SNOMED CT",
    "Meldingsstandard PLO 2.0",
    "IHE XDS",
    "Norsk standard for elektronisk pasientjournal",
)
EPJ_SYSTEMS = (
    "kommunens EPJ (Gerica)",
    "kommunens EPJ (Profil)",
    "kommunens EPJ (CosDoc)",
    "Kjernejournal",
    "Helsenorge",
    "Felles legemiddelliste",
    "responssenteret",
    "Norsk helsenett adresseregister",
    "kommunens sak- og arkivsystem",
    "Feide",
)
CERTS = ("ISO/IEC 27001", "ISO 9001", "ISO 14001", "ISO 13485", "SOC 2 Type II", "Miljøfyrtårn")
PERSONAL_DATA = (
    "navn og fødselsnummer",
    "helseopplysninger",
    "målinger fra medisinsk utstyr",
    "bilder av sår",
    "legemiddelliste",
    "kontaktinformasjon til pårørende",
    "lokasjonsdata ved alarm",
    "logg over tilgang",
)
IMPL_SERVICES = (
    "Prosjektledelse ved innføring",
    "Oppsett av integrasjon mot EPJ",
    "Konfigurasjon av arbeidsflyt",
    "Superbrukeropplæring",
    "Migrering av eksisterende data",
    "Risikovurdering sammen med kommunen",
    "Gevinstkartlegging",
    "Utrulling av utstyr",
)

T_GENERAL = (
    "Kommunen har over tid sett at behovet for helse- og omsorgstjenester øker raskere "
    "enn antall ansatte.",
    "Hjemmetjenesten i {kommune} kjører i dag over {antall} besøk hver dag, og mye tid går "
    "med til dobbeltdokumentasjon.",
    "Ansatte forteller at de bruker for mye tid på å lete etter informasjon i ulike systemer.",
    "Vi ønsker å prøve ut løsninger som lar brukerne bo trygt hjemme lenger.",
    "Arbeidet er forankret i kommunens helse- og omsorgsplan og i økonomiplanen.",
    "Brukerrepresentanter og tillitsvalgte har vært med fra starten.",
    "Erfaringene fra pilotering viser at gevinstene kommer først når arbeidsprosessene endres.",
    "Målet er at helsepersonell skal bruke mer tid sammen med brukerne og mindre tid på "
    "administrasjon.",
    "Løsningen må fungere i områder med dårlig mobildekning, særlig i de ytre distriktene.",
    "Vi har gode erfaringer med å involvere fagsykepleiere tidlig i vurderingen.",
    "Det er viktig at løsningen er enkel å ta i bruk for vikarer og nyansatte.",
    "Kommunen har omtrent {innbyggere} innbyggere og en økende andel eldre over 80 år.",
    "Flere nabokommuner har meldt interesse for å samarbeide om dette.",
    "Innføringen skal skje trinnvis, med en evaluering etter {uker} uker.",
    "Behovet er beskrevet sammen med helsepersonell i tre arbeidsverksteder.",
    "Det finnes allerede flere løsninger i markedet, men få er godt integrert med "
    "journalsystemene kommunene bruker.",
    "Ledelsen har satt av midler til utprøving i budsjettet for neste år.",
    "Vi ønsker særlig erfaringer fra kommuner av samme størrelse som oss.",
    "Personvern og informasjonssikkerhet skal vurderes før vi tar noe i bruk.",
    "Pårørende skal kunne få varsler når det er avtalt med brukeren.",
)
T_SOLUTION = (
    "{losning} er laget for {kategori_lower} i kommunale helse- og omsorgstjenester.",
    "Løsningen er utviklet sammen med sykepleiere i hjemmetjenesten og på sykehjem.",
    "Helsepersonell dokumenterer direkte hos brukeren, og opplysningene går rett inn i journalen.",
    "Grensesnittet er tilpasset både nettbrett og mobil, og kan brukes med hansker.",
    "Alle data lagres kryptert, og tilgang styres gjennom kommunens egne roller.",
    "{losning} brukes i dag av {antall} kommuner, fra de minste til de største.",
    "Løsningen kan tas i bruk trinnvis, én enhet om gangen.",
    "Vi leverer løsningen som en skytjeneste med drift i Norge.",
    "Oppdateringer kommer hver sjette uke og krever ingen installasjon hos kommunen.",
    "Brukerne kan selv registrere målinger, som varsler helsepersonell ved avvik.",
    "Løsningen støtter universell utforming og følger WCAG 2.1 på nivå AA.",
    "Kommunen beholder eierskapet til alle data og kan hente dem ut i åpne formater.",
    "Integrasjonen mot journalsystemet bruker standardiserte meldinger.",
    "Vi tilbyr en prøveperiode på {uker} uker med full støtte.",
    "Løsningen har innebygd statistikk som hjelper ledere å følge gevinstene.",
    "Brukerstøtte er tilgjengelig på norsk alle hverdager mellom 08 og 16.",
)
T_NEED = (
    "Vi trenger en bedre måte å følge opp {kategori_lower} på.",
    "I dag skjer mye av dette på papir, og informasjonen når ikke alltid fram til den som "
    "trenger den.",
    "Vi ser etter løsninger som kan brukes både av ansatte og av brukerne selv.",
    "Behovet gjelder både hjemmetjenesten og sykehjemmene i kommunen.",
    "Vi vil gjerne samarbeide med andre kommuner om et felles behovsunderlag.",
    "Det haster å finne noe før dagens avtale går ut.",
    "Løsningen må kunne integreres med journalsystemet vi har i dag.",
    "Vi har kartlagt arbeidsprosessene og ser at {prosent} prosent av tiden går til dokumentasjon.",
    "Fagpersonene ønsker bilder og målinger samlet ett sted.",
    "Innsiktsarbeidet viser at brukerne ønsker mer forutsigbarhet i tjenesten.",
    "Vi er åpne for ulike typer løsninger og ønsker innspill fra leverandører.",
    "Et mulig utfall er en felles konkurranse under den dynamiske innkjøpsordningen.",
)
T_EXPERIENCE = (
    "Vi tok i bruk {losning} i to soner i hjemmetjenesten før vi rullet ut i hele kommunen.",
    "Det tok lengre tid enn ventet å få integrasjonen mot journalsystemet på plass.",
    "Superbrukerne var avgjørende for at de ansatte tok løsningen i bruk.",
    "Etter {uker} uker ser vi at tiden brukt på dokumentasjon har gått ned.",
    "Brukerne har gitt gode tilbakemeldinger, særlig på at de slipper unødvendige besøk.",
    "Vi undervurderte behovet for opplæring av nattevaktene.",
    "Leverandøren var lett å samarbeide med og rettet feil raskt.",
    "ROS-analysen avdekket at rutinene for utlevering av utstyr måtte endres.",
    "Gevinstrealiseringen ble fulgt opp i månedlige møter med tjenesteledere.",
    "Vi anbefaler å sette av nok tid til å endre arbeidsprosessene, ikke bare teknologien.",
    "Samarbeidet med nabokommunene gjorde at vi kunne dele på kostnaden til utprøving.",
    "Det var nyttig å bruke malene for behovsbeskrivelse fra markedsplassen.",
    "Innkjøpet gikk raskt fordi leverandørene allerede var kvalifisert i ordningen.",
    "Vi måtte avslutte en eldre løsning, og det krevde god planlegging av overgangen.",
)
T_SUPPLIER = (
    "{leverandor} utvikler digitale løsninger for helse- og omsorgstjenestene i kommunene.",
    "Selskapet ble etablert i {aar} og har i dag {ansatte} ansatte i Norge.",
    "Vi har kontorer i {by} og Oslo, og samarbeider tett med kommunene vi leverer til.",
    "Alle våre løsninger er utviklet i tett dialog med helsepersonell.",
    "Vi er en del av leverandørnettverket for velferdsteknologi.",
    "Selskapet har egen avdeling for kundestøtte og opplæring.",
)
T_SECURITY = (
    "Tilgang gis bare etter sterk autentisering med HelseID eller ID-porten.",
    "All kommunikasjon krypteres med TLS 1.2 eller nyere.",
    "Logger over tilgang lagres i fem år og kan hentes ut av kommunen.",
    "Leverandøren gjennomfører årlig penetrasjonstest ved et uavhengig selskap.",
    "Avvik meldes kommunen innen 24 timer.",
    "Sikkerhetskopier tas hver natt og lagres i et annet datasenter i Norge.",
    "Rollebasert tilgang sikrer at ansatte bare ser opplysninger om egne brukere.",
)
T_PRIVACY = (
    "Leverandøren er databehandler, og kommunen er behandlingsansvarlig.",
    "Det tilbys standard databehandleravtale basert på Datatilsynets mal.",
    "Personopplysninger slettes når avtalen opphører, etter avtale med kommunen.",
    "Vi bistår kommunen med vurdering av personvernkonsekvenser (DPIA).",
    "Ingen personopplysninger overføres til land utenfor EØS.",
)
T_PATIENT_SAFETY = (
    "Løsningen varsler helsepersonell når målinger er utenfor avtalte grenseverdier.",
    "Alle varsler må kvitteres ut av helsepersonell, og ubesvarte varsler eskaleres.",
    "Det er gjennomført en risikoanalyse etter NS-EN ISO 14971.",
    "Løsningen er ikke et medisinsk utstyr og tar ingen kliniske beslutninger.",
    "Uønskede hendelser kan meldes direkte fra løsningen.",
)
T_CHALLENGE = (
    "Integrasjonen mot journalsystemet var ikke klar ved oppstart.",
    "Nettbrettene hadde for dårlig batteri til en hel vakt.",
    "Noen ansatte var usikre på hvordan varsler skulle følges opp.",
    "Brukerne glemte å lade utstyret.",
    "Det var uklart hvem som eide oppfølgingen av avvik.",
    "Mobildekningen var dårlig i deler av kommunen.",
    "Opplæringen nådde ikke alle som jobbet helg og natt.",
)
T_MEASURE = (
    "Vi laget en midlertidig rutine og fikk leverandøren til å prioritere integrasjonen.",
    "Vi byttet til nettbrett med større batteri og la inn lading i vaktrutinen.",
    "Vi laget en enkel prosedyre og øvde på den i personalmøter.",
    "Pårørende fikk en påminnelse på SMS.",
    "Tjenestelederen fikk ansvaret, og det ble en fast sak i ukesmøtet.",
    "Vi la inn mulighet for å dokumentere uten nett og synkronisere senere.",
    "Vi tok opp opplæringen på video og laget korte e-læringsmoduler.",
)
SUCCESS = (
    "Tydelig forankring hos ledelsen",
    "Superbrukere på hver enhet",
    "Tett dialog med leverandøren",
    "Gevinstplan fra første dag",
    "Brukerne var med og testet",
    "Godt samarbeid med nabokommunene",
    "Realistisk tidsplan for innføring",
    "Opplæring tilpasset turnus",
    "Enkel og stabil integrasjon mot EPJ",
    "Tillitsvalgte involvert tidlig",
)
REQUIREMENTS = (
    "Løsningen skal integreres med kommunens journalsystem med standardiserte meldinger.",
    "Løsningen skal kunne brukes på nettbrett og mobil.",
    "Data skal lagres innenfor EØS.",
    "Leverandøren skal tilby databehandleravtale.",
    "Løsningen skal støtte innlogging med HelseID.",
    "Løsningen skal være universelt utformet.",
    "Leverandøren skal tilby opplæring av superbrukere.",
    "Avtalt oppetid skal være minst 99,5 prosent.",
    "Løsningen bør kunne brukes uten nettdekning.",
    "Løsningen bør ha innebygd statistikk for gevinstoppfølging.",
    "Brukerstøtte skal være tilgjengelig på norsk.",
    "Løsningen bør kunne brukes av pårørende etter samtykke.",
)
QUAL_REQ = (
    ("firmaattest", "Leverandøren skal være registrert i Enhetsregisteret.", "Firmaattest"),
    ("skatteattest", "Leverandøren skal ha betalt skatt og merverdiavgift.", "Skatteattest"),
    (
        "okonomi",
        "Leverandøren skal ha tilstrekkelig økonomisk kapasitet til å gjennomføre kontrakter.",
        "Siste årsregnskap eller tilsvarende for oppstartsselskap",
    ),
    (
        "kompetanse",
        "Leverandøren skal ha kompetanse på helse- og omsorgstjenester i kommunene.",
        "Beskrivelse av kompetanse",
    ),
    ("kapasitet", "Leverandøren skal ha kapasitet til å levere.", "Beskrivelse av kapasitet"),
    (
        "erfaring",
        "Leverandøren skal ha erfaring fra tilsvarende leveranser, eller for "
        "oppstartsselskap vise til relevant kompetanse.",
        "Liste over leveranser",
    ),
    (
        "kvalitet",
        "Leverandøren skal ha et system for kvalitetssikring.",
        "Beskrivelse eller sertifikat",
    ),
    (
        "informasjonssikkerhet",
        "Leverandøren skal ha et styringssystem for informasjonssikkerhet.",
        "Beskrivelse eller ISO/IEC 27001-sertifikat",
    ),
    (
        "miljoledelse",
        "Leverandøren skal ha rutiner for miljøledelse.",
        "Miljøfyrtårn, ISO 14001 eller tilsvarende",
    ),
)


# --------------------------------------------------------------------------- #
# The generator
# --------------------------------------------------------------------------- #


@dataclass(eq=False)
class Supplier:
    id: str
    name: str
    solutions: list[Solution] = field(default_factory=list)
    first_application: date | None = None
    maintainers: list[str] = field(default_factory=list)


@dataclass(eq=False)
class Solution:
    id: str
    name: str
    supplier: Supplier
    categories: list[str]


@dataclass(eq=False)
class Application:
    supplier: Supplier
    received: date
    decided: date | None
    decision: str | None
    extended: bool = False


@dataclass(eq=False)
class Dps:
    id: str
    category: str
    announced: date
    request_deadline: date
    valid_until: date
    covered: list[str]
    applications: list[Application] = field(default_factory=list)

    def admitted_by(self, day: date) -> list[Supplier]:
        seen: dict[str, Supplier] = {}
        for a in self.applications:
            if a.decision == "admitted" and a.decided is not None and a.decided <= day:
                seen.setdefault(a.supplier.id, a.supplier)
        return list(seen.values())


@dataclass(eq=False)
class CallOff:
    id: str
    dps: Dps
    buyer: str
    published: date
    tender_deadline: date
    award: tuple[date, Supplier, Solution] | None = None
    signed: date | None = None


def plan(n: int) -> dict[str, int]:
    """How many records of each kind make up `n`."""
    if n < 10:
        raise ValueError("at least 10 records")
    counts = {
        "supplier": max(1, round(n * 0.05)),
        "solution": max(1, round(n * 0.15)),
        "need": round(n * 0.30),
        "dps": max(1, round(n * 0.002)),
        "calloff": round(n * 0.098),
    }
    counts["experience"] = n - sum(counts.values())
    return {k: counts[k] for k in FOLDERS}


class Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counts = plan(n)
        self.municipalities = _municipalities()
        self.kommune_name = dict(self.municipalities)
        self.categories = _yaml_ids("categories.yaml", "categories")
        self.category_name = dict(
            zip(
                self.categories,
                _yaml_ids("categories.yaml", "categories", "name"),
                strict=True,
            )
        )
        self.areas = _yaml_ids("experience-areas.yaml", "experience_areas")
        self.agreements = _yaml_ids("agreement-types.yaml", "agreement_types")
        self.used_ids: dict[str, set[str]] = {k: set() for k in FOLDERS}
        self.used_orgnr: set[str] = set()
        self.suppliers: list[Supplier] = []
        self.solutions: list[Solution] = []
        self.need_ids: list[str] = []
        self.dps: list[Dps] = []
        self.calloffs: list[CallOff] = []
        self.awarded: list[CallOff] = []
        # event files of the record built last, (kind, path, fields), taken by generate()
        self.events: list[tuple[str, str, dict[str, Any]]] = []
        # municipalities that act, with the logins that act for them (in order met)
        self.acting: dict[str, list[str]] = {}
        self.event_paths: set[str] = set()

    # -- small helpers ---------------------------------------------------------

    def unique(self, kind: str, base: str) -> str:
        base = base[:60].strip("-") or kind
        candidate, number = base, 2
        while candidate in self.used_ids[kind]:
            candidate = f"{base}-{number}"
            number += 1
        self.used_ids[kind].add(candidate)
        return candidate

    def day(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def kommune(self) -> str:
        return self.rng.choice(self.municipalities)[0]

    def person(self) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        return first, last

    def contact(self, domain: str, with_role: bool = True) -> dict[str, Any]:
        first, last = self.person()
        rng = self.rng
        return {
            "name": f"{first} {last}",
            "email": f"{ascii_login(first)}.{ascii_login(last)}@{domain}",
            "phone": f"+47 {rng.randint(400, 999)} {rng.randint(10, 99)} {rng.randint(100, 999)}"
            if rng.random() < 0.7
            else None,
            "role": rng.choice(ROLES).capitalize() if with_role and rng.random() < 0.6 else None,
        }

    def login(self) -> str:
        first, last = self.person()
        style = self.rng.randint(0, 3)
        if style == 0:
            return f"{ascii_login(first)}-{ascii_login(last)}"
        if style == 1:
            return f"{ascii_login(first)[:1]}{ascii_login(last)}{self.rng.randint(1, 99)}"
        if style == 2:
            return f"{ascii_login(first).capitalize()}{ascii_login(last).capitalize()}"
        return f"{ascii_login(last)}-{self.rng.randint(1970, 2005)}"

    def event(self, kind: str, parent: str, who: str, received: date, row: dict[str, Any]) -> bool:
        """Queue the event file `<who>-<received>.yaml` beside record `parent`; False
        (and nothing queued) when that name is taken already."""
        folder, sub = EVENTS[kind]
        path = f"{folder}/{parent}/{sub}/{who}-{received.isoformat()}.yaml"
        if path in self.event_paths:
            return False
        self.event_paths.add(path)
        self.events.append((kind, path, row))
        return True

    def acts(self, actor: str, login: str | None = None) -> None:
        """Note that `actor` acts; a municipality is then registered, with `login`
        among its maintainers."""
        if actor not in self.kommune_name:
            return
        logins = self.acting.setdefault(actor, [])
        if login is not None and login not in logins:
            logins.append(login)

    def municipality_records(self) -> list[tuple[str, dict[str, Any], str]]:
        """(number, record, comment) for every municipality that acts, by number."""
        rows = []
        for number in sorted(self.acting):
            logins = list(self.acting[number])
            while len(logins) < 1 or (len(logins) < 3 and self.rng.random() < 0.2):
                login = self.login()
                if login not in logins:
                    logins.append(login)
            name = self.kommune_name[number]
            comment = (
                f"Hvem som kan handle på vegne av {name} kommune i markedsplassen: eie behov, "
                "be om å\n# bli med i et behov og dele erfaringer. Registrert av "
                "markedsplassteamet."
            )
            rows.append((number, {"id": number, "name": name, "maintainers": logins}, comment))
        return rows

    def kommune_domain(self, number: str) -> str:
        return f"{slugify(self.kommune_name[number])}.kommune.no"

    def ctx(self, **extra: Any) -> dict[str, Any]:
        rng = self.rng
        number = self.kommune()
        base = {
            "kommune": self.kommune_name[number],
            "antall": rng.randint(3, 180),
            "innbyggere": f"{rng.randint(2, 90) * 1000}",
            "uker": rng.randint(4, 26),
            "prosent": rng.randint(15, 45),
            "losning": "løsningen",
            "kategori_lower": "dette området",
            "leverandor": "Leverandøren",
            "aar": rng.randint(1995, 2022),
            "ansatte": rng.randint(4, 400),
            "by": rng.choice(["Bergen", "Trondheim", "Tromsø", "Kristiansand", "Bodø", "Ålesund"]),
        }
        base.update(extra)
        return base

    def sentences(
        self, bank: tuple[str, ...], low: int, high: int, ctx: dict[str, Any]
    ) -> list[str]:
        k = min(len(bank), self.rng.randint(low, high))
        return [s.format(**ctx) for s in self.rng.sample(bank, k)]

    def text(
        self,
        banks: tuple[tuple[str, ...], ...],
        low: int,
        high: int,
        ctx: dict[str, Any],
        bullets: tuple[str, ...] = (),
    ) -> str:
        """A few sentences to a few paragraphs of Markdown."""
        rng = self.rng
        pool = tuple(s for bank in banks for s in bank)
        chosen = self.sentences(pool, low, high, ctx)
        paragraphs: list[str] = []
        while chosen:
            take = rng.randint(2, 4)
            part, chosen = chosen[:take], chosen[take:]
            paragraph = " ".join(part)
            if rng.random() < 0.5:
                paragraph = _wrap(paragraph, rng.choice((72, 80, 88)))
            paragraphs.append(paragraph)
        if bullets and rng.random() < 0.4:
            items = rng.sample(bullets, min(len(bullets), rng.randint(2, 5)))
            paragraphs.insert(rng.randint(1, len(paragraphs)), "\n".join(f"- {i}" for i in items))
        return "\n\n".join(paragraphs)

    def block(self, *args: Any, **kwargs: Any) -> str:
        text = self.text(*args, **kwargs)
        return Block(text) if "\n" in text or len(text) > 100 else text

    def line(self, bank: tuple[str, ...], ctx: dict[str, Any]) -> str:
        return self.rng.choice(bank).format(**ctx)

    def orgnr(self) -> str:
        weights = (3, 2, 7, 6, 5, 4, 3, 2)
        while True:
            digits = str(self.rng.choice((8, 9))) + "".join(
                str(self.rng.randint(0, 9)) for _ in range(7)
            )
            check = (11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11) % 11
            if check == 10:
                continue
            value = digits + str(check)
            if value not in self.used_orgnr:
                self.used_orgnr.add(value)
                return value

    # -- planning (who refers to whom) ----------------------------------------

    def plan_all(self) -> None:
        rng = self.rng
        for _ in range(self.counts["supplier"]):
            name = rng.choice(COMPANY_A) + rng.choice(COMPANY_B) + rng.choice(COMPANY_C) + " AS"
            self.suppliers.append(Supplier(self.unique("supplier", slugify(name)), name))
        for index in range(self.counts["solution"]):
            supplier = (
                self.suppliers[index] if index < len(self.suppliers) else rng.choice(self.suppliers)
            )
            product = rng.choice(PRODUCTS)
            name = f"{supplier.name.removesuffix(' AS').split()[0]} {product}"
            if rng.random() < 0.3:
                name += f" {rng.randint(2, 9)}"
            cats = rng.sample(self.categories, rng.choice((1, 1, 2, 2, 3)))
            solution = Solution(self.unique("solution", slugify(name)), name, supplier, cats)
            supplier.solutions.append(solution)
            self.solutions.append(solution)
        for _ in range(self.counts["need"]):
            words = rng.choice(self.categories).split("-")[:2]
            base = "-".join([*words, slugify(self.kommune_name[self.kommune()]).split("-")[0]])
            self.need_ids.append(self.unique("need", base))
        present = sorted({c for s in self.solutions for c in s.categories})
        for _ in range(self.counts["dps"]):
            self.dps.append(self.plan_dps(rng.choice(present)))
        for _ in range(self.counts["calloff"]):
            self.calloffs.append(self.plan_calloff(rng.choice(self.dps)))
        self.awarded = [c for c in self.calloffs if c.signed is not None]

    def plan_dps(self, category: str) -> Dps:
        rng = self.rng
        announced = self.day(date(2023, 1, 9), date(2025, 3, 31))
        # periods as the EEA time-limit regulation counts them (a last day on a
        # weekend or holiday moves to the next working day)
        request_deadline = last_day(announced, rng.randint(30, 45))
        valid_until = announced + timedelta(days=365 * rng.randint(3, 6))
        covered = (
            sorted(rng.sample([m[0] for m in self.municipalities], rng.randint(8, 40)))
            if rng.random() < 0.3
            else []
        )
        dps = Dps(
            self.unique("dps", f"dps-{category}-{announced.year}"),
            category,
            announced,
            request_deadline,
            valid_until,
            covered,
        )
        pool = [s for s in self.suppliers if any(category in x.categories for x in s.solutions)]
        in_pool = {s.id for s in pool}
        others = [s for s in self.suppliers if s.id not in in_pool]
        applicants = rng.sample(pool, min(len(pool), rng.randint(12, 45)))
        applicants += rng.sample(others, min(len(others), rng.randint(0, 3)))
        last_open = min(valid_until, TODAY)
        for index, supplier in enumerate(applicants):
            first_round = index < max(1, len(applicants) * 2 // 3)
            received = (
                self.day(announced + timedelta(days=2), request_deadline)
                if first_round
                else self.day(request_deadline, last_open)
            )
            eligible = supplier.id in in_pool
            admit = eligible and ((first_round and index == 0) or rng.random() < 0.9)
            dps.applications.append(self.decide(supplier, received, admit))
            if not admit and eligible and rng.random() < 0.5:
                again = dps.applications[-1].received + timedelta(days=rng.randint(40, 200))
                if again <= last_open:
                    dps.applications.append(self.decide(supplier, again, True))
        dps.applications.sort(key=lambda a: (a.received, a.supplier.id))
        for a in dps.applications:
            first = a.supplier.first_application
            if first is None or a.received < first:
                a.supplier.first_application = a.received
        return dps

    def decide(self, supplier: Supplier, received: date, admit: bool) -> Application:
        rng = self.rng
        extended = rng.random() < 0.05
        # 12 calendar days hold at most 10 working days, 19 at most 15
        days = rng.randint(13, 19) if extended else rng.randint(1, 12)
        decided = received + timedelta(days=days)
        if decided > TODAY:
            return Application(supplier, received, None, None)
        return Application(
            supplier, received, decided, "admitted" if admit else "rejected", extended
        )

    def plan_calloff(self, dps: Dps) -> CallOff:
        rng = self.rng
        first = min(
            (a.decided for a in dps.applications if a.decision == "admitted" and a.decided),
            default=dps.request_deadline,
        )
        start = max(first + timedelta(days=1), dps.request_deadline + timedelta(days=10))
        published = self.day(start, min(dps.valid_until, TODAY - timedelta(days=1)))
        buyer = rng.choice(dps.covered) if dps.covered else self.kommune()
        calloff = CallOff(
            self.unique("calloff", f"{slugify(self.kommune_name[buyer])}-{dps.category}"),
            dps,
            buyer,
            published,
            last_day(published, rng.randint(10, 35)),
        )
        decided = calloff.tender_deadline + timedelta(days=rng.randint(3, 30))
        if decided < TODAY and rng.random() < 0.9:
            supplier = rng.choice(dps.admitted_by(published))
            solution = rng.choice([s for s in supplier.solutions if dps.category in s.categories])
            calloff.award = (decided, supplier, solution)
            signed = decided + timedelta(days=rng.randint(11, 40))
            if signed < TODAY:
                calloff.signed = signed
        return calloff

    # -- records ----------------------------------------------------------------

    def supplier_record(self, s: Supplier) -> dict[str, Any]:
        rng = self.rng
        s.maintainers = list(dict.fromkeys(self.login() for _ in range(rng.randint(1, 3))))
        domain = f"{slugify(s.name.removesuffix(' AS')).replace('-', '')}.no"
        ctx = self.ctx(leverandor=s.name.removesuffix(" AS"))
        accepted = (s.first_application or TODAY) - timedelta(days=rng.randint(3, 90))
        accepted = max(accepted, date(2022, 10, 1))
        startup = rng.random() < 0.15
        deliveries = [
            {
                "customer": f"{self.kommune_name[self.kommune()]} kommune",
                "year": rng.randint(2015, 2025),
                "description": self.block((T_SOLUTION,), 1, 3, ctx),
            }
            for _ in range(0 if startup else rng.randint(1, 4))
        ]
        return {
            "id": s.id,
            "name": s.name,
            "orgnr": self.orgnr(),
            "maintainers": s.maintainers,
            "website": f"https://www.{domain}",
            "description": self.block((T_SUPPLIER, T_GENERAL), 3, 8, ctx),
            "contact": self.contact(domain),
            "terms": {"version": rng.choice(["1.0", "1.1", "2.0"]), "accepted": accepted},
            "qualification": {
                "company_certificate": accepted - timedelta(days=rng.randint(0, 60)),
                "tax_certificate": accepted - timedelta(days=rng.randint(0, 60)),
                "annual_accounts_year": None if startup else accepted.year - 1,
                "startup": True if startup else None,
                "competence": self.block((T_SUPPLIER, T_SOLUTION), 1, 3, ctx),
                "capacity": self.block((T_SUPPLIER,), 1, 2, ctx) if rng.random() < 0.7 else None,
                "development_plans": self.block((T_SOLUTION,), 1, 3, ctx)
                if rng.random() < 0.6
                else None,
                "training": self.block((T_SOLUTION,), 1, 2, ctx) if rng.random() < 0.5 else None,
                "previous_deliveries": deliveries,
                "quality_management": rng.choice(["ISO 9001", "Eget kvalitetssystem", None]),
                "information_security_management": rng.choice(
                    ["ISO/IEC 27001", "Normen og eget styringssystem", None]
                ),
                "environmental_management": rng.choice(["Miljøfyrtårn", "ISO 14001", None]),
            },
        }

    def solution_record(self, s: Solution) -> dict[str, Any]:
        rng = self.rng
        domain = f"{slugify(s.supplier.name.removesuffix(' AS')).replace('-', '')}.no"
        category = s.categories[0]
        ctx = self.ctx(
            losning=s.name,
            kategori_lower=self.category_name[category].lower(),
            leverandor=s.supplier.name,
        )
        released = self.day(date(2022, 1, 1), TODAY - timedelta(days=1))
        sales_until = TODAY + timedelta(days=rng.randint(180, 2000))
        functional = [
            {
                "need": rng.choice(REQUIREMENTS).removesuffix("."),
                "coverage": rng.choice(["full", "full", "partial", "planned"]),
                "note": self.line(T_SOLUTION, ctx) if rng.random() < 0.4 else None,
            }
            for _ in range(rng.randint(3, 7))
        ]
        roadmap = [
            {
                "title": rng.choice(
                    [
                        "Ny app for pårørende",
                        "Integrasjon mot Helsenorge",
                        "Støtte for nynorsk",
                        "Ny versjon av dashbordet",
                        "Avvikling av gammel API",
                        "Støtte for FHIR R4",
                    ]
                ),
                "kind": rng.choice(["new", "new", "change", "removal"]),
                "expected": self.day(TODAY - timedelta(days=60), TODAY + timedelta(days=540)),
                "committed": rng.random() < 0.5,
                "description": self.line(T_SOLUTION, ctx) if rng.random() < 0.5 else None,
            }
            for _ in range(rng.randint(0, 3))
        ]
        options = [
            {
                "title": title,
                "description": self.line(T_SOLUTION, ctx) if rng.random() < 0.5 else None,
                "price_description": f"{rng.randint(5, 200) * 1000} kr per år"
                if rng.random() < 0.6
                else None,
            }
            for title in rng.sample(
                [
                    "Drift av integrasjon",
                    "Utvidet brukerstøtte",
                    "Pårørendemodul",
                    "Ekstra opplæring",
                    "Statistikkmodul",
                ],
                rng.randint(0, 3),
            )
        ]
        integrations = [
            {
                "system": system,
                "standard": rng.choice(STANDARDS) if rng.random() < 0.7 else None,
                "direction": rng.choice(["send", "receive", "both"]),
                "status": rng.choice(["in-production", "in-production", "available", "planned"]),
                "description": self.line(T_SOLUTION, ctx) if rng.random() < 0.3 else None,
            }
            for system in rng.sample(EPJ_SYSTEMS, rng.randint(1, 4))
        ]
        device = rng.choice(["not-a-device", "not-a-device", "I", "IIa"])
        return {
            "id": s.id,
            "name": s.name,
            "supplier": s.supplier.id,
            "categories": s.categories,
            "summary": self.line(T_SOLUTION, ctx),
            "description": Block(self.text((T_SOLUTION, T_GENERAL), 4, 10, ctx, SUCCESS)),
            "website": f"https://www.{domain}/{slugify(s.name)}",
            "languages": Flow(["nb", *rng.sample(["nn", "se", "en"], rng.randint(0, 2))]),
            "functional_needs": functional,
            "addresses_needs": rng.sample(
                self.need_ids, min(len(self.need_ids), rng.randint(0, 2))
            ),
            "roadmap": roadmap,
            "financial_terms": {
                "pricing_model": rng.choice(
                    ["per-user", "per-municipality", "per-inhabitant", "per-patient", "fixed"]
                ),
                "price_description": self.block((T_SOLUTION,), 1, 2, ctx),
                "list_price_nok": rng.randint(5, 500) * 100,
                "establishment_fee_nok": rng.randint(0, 30) * 10000 if rng.random() < 0.7 else None,
                "minimum_term_months": rng.choice([12, 24, 36]),
                "notice_period_months": rng.choice([3, 6]),
                "payment_terms": "30 dager netto" if rng.random() < 0.6 else None,
            },
            "technical_terms": {
                "delivery_model": rng.choice(["saas", "saas", "hybrid", "on-premise"]),
                "platforms": Flow(
                    rng.sample(["ios", "android", "web", "windows"], rng.randint(1, 4))
                ),
                "data_location": rng.choice(["norway", "norway", "eea"]),
                "authentication": Flow(
                    rng.sample(["helseid", "id-porten", "feide", "entra-id"], rng.randint(1, 3))
                ),
                "standards": rng.sample(STANDARDS, rng.randint(1, 3)),
                "availability_percent": rng.choice([99.5, 99.7, 99.9]),
                "requirements": self.block((T_SOLUTION,), 1, 3, ctx)
                if rng.random() < 0.6
                else None,
            },
            "agreement": {
                "type": rng.choice(self.agreements),
                "options": options,
                "description": self.line(T_SOLUTION, ctx) if rng.random() < 0.4 else None,
            },
            "lifecycle": {
                "version": f"{rng.randint(1, 12)}.{rng.randint(0, 20)}",
                "released": released,
                "sales_until": sales_until,
                "support_until": sales_until + timedelta(days=rng.randint(365, 1500)),
            },
            "implementation": {
                "services": rng.sample(IMPL_SERVICES, rng.randint(1, 4)),
                "typical_weeks": rng.randint(2, 26),
                "description": self.block((T_SOLUTION, T_EXPERIENCE), 1, 3, ctx)
                if rng.random() < 0.6
                else None,
            },
            "training": {
                "formats": Flow(
                    rng.sample(
                        [
                            "e-learning",
                            "classroom",
                            "train-the-trainer",
                            "webinar",
                            "documentation",
                        ],
                        rng.randint(1, 3),
                    )
                ),
                "included": rng.random() < 0.5,
                "description": self.line(T_SOLUTION, ctx) if rng.random() < 0.5 else None,
            },
            "integrations": integrations,
            "patient_safety": {
                "medical_device_class": device,
                "ce_marked": True if device != "not-a-device" else None,
                "description": self.block((T_PATIENT_SAFETY,), 1, 4, ctx),
            },
            "information_security": {
                "normen": rng.random() < 0.9,
                "certifications": rng.sample(CERTS, rng.randint(0, 2)),
                "last_penetration_test": self.day(TODAY - timedelta(days=500), TODAY)
                if rng.random() < 0.7
                else None,
                "description": self.block((T_SECURITY,), 2, 5, ctx),
            },
            "privacy": {
                "data_processor_agreement": True,
                "personal_data": rng.sample(PERSONAL_DATA, rng.randint(1, 4)),
                "description": self.block((T_PRIVACY,), 1, 4, ctx),
            },
            "templates": {
                "benefit_realisation": f"https://www.{domain}/maler/gevinst.docx",
                "ros": f"https://www.{domain}/maler/ros.docx" if rng.random() < 0.7 else None,
                "dpia": f"https://www.{domain}/maler/dpia.docx" if rng.random() < 0.7 else None,
            }
            if rng.random() < 0.8
            else None,
            "contact": self.contact(domain) if rng.random() < 0.7 else None,
        }

    def need_record(self, need_id: str) -> dict[str, Any]:
        rng = self.rng
        category = rng.choice(self.categories)
        by_supplier = rng.random() < 0.1
        if by_supplier:
            owner_supplier = rng.choice(self.suppliers)
            owner = owner_supplier.id
            domain = f"{slugify(owner_supplier.name.removesuffix(' AS')).replace('-', '')}.no"
        else:
            owner = self.kommune()
            domain = self.kommune_domain(owner)
        place = self.kommune_name.get(owner, "kommunene")
        ctx = self.ctx(kategori_lower=self.category_name[category].lower(), kommune=place)
        published = self.day(START, TODAY - timedelta(days=1))
        history = [{"phase": 1, "started": published, "note": None}]
        target = rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5, 6))
        while len(history) < target:
            started = history[-1]["started"] + timedelta(days=rng.randint(20, 150))
            if started > TODAY:
                break
            history.append({"phase": len(history) + 1, "started": started, "note": None})
        for entry in history:
            if rng.random() < 0.3:
                entry["note"] = rng.choice(
                    [
                        "Vedtatt i kommunalsjefens ledermøte",
                        "Innsiktsarbeid med brukerne",
                        "Felles arbeidsverksted med nabokommunene",
                        "Utprøving i to soner",
                        "Forankret i politisk utvalg",
                    ]
                )
        phase = len(history)
        status = {
            1: ["open", "in-progress"],
            2: ["in-progress", "open"],
            3: ["anchoring", "ready-for-procurement"],
            4: ["procured"],
            5: ["procured"],
            6: ["procured", "closed"],
        }[phase]
        status_value = "withdrawn" if rng.random() < 0.03 else rng.choice(status)
        participants: list[dict[str, Any]] = [
            {
                "actor": owner,
                "role": "supplier" if by_supplier else "lead",
                "person": " ".join(self.person()),
                "title": rng.choice(ROLES),
                "time_share_percent": rng.choice([10, 20, 20, 30, 50]),
                "joined": published,
            }
        ]
        for _ in range(rng.randint(0, 6)):
            role = rng.choice(["municipality", "health-personnel", "adviser", "supplier"])
            actor = rng.choice(self.suppliers).id if role == "supplier" else self.kommune()
            participants.append(
                {
                    "actor": actor,
                    "role": role,
                    "person": " ".join(self.person()) if rng.random() < 0.8 else None,
                    "title": rng.choice(ROLES) if role == "health-personnel" else None,
                    "time_share_percent": rng.choice([5, 10, 20]) if rng.random() < 0.4 else None,
                    "joined": self.day(published, TODAY),
                }
            )
        owner_login = None if by_supplier else self.login()
        self.acts(owner, owner_login)
        for _ in range(rng.randint(0, 3)):
            received = self.day(published, TODAY)
            state = (
                "pending"
                if received > TODAY - timedelta(days=14)
                else rng.choice(["accepted", "accepted", "declined"])
            )
            answered = (
                min(TODAY, received + timedelta(days=rng.randint(1, 14)))
                if state != "pending"
                else None
            )
            if rng.random() < 0.15:
                supplier = rng.choice(self.suppliers)
                actor, login = supplier.id, rng.choice(supplier.maintainers)
            else:
                actor, login = self.kommune(), self.login()
            request = {
                "actor": actor,
                "person": " ".join(self.person()),
                "github": login,
                "received": received,
                "message": self.block((T_NEED, T_GENERAL), 1, 3, ctx),
                "status": None if state == "pending" else state,
                "answered": answered,
                "time_share_percent": rng.choice([10, 20, 30])
                if state == "accepted" and rng.random() < 0.3
                else None,
            }
            if self.event("join_request", need_id, actor, received, request):
                self.acts(actor, login)
        documents = [
            {
                "title": title,
                "kind": kind,
                "url": f"https://{domain}/behov/{need_id}/{slugify(title)}.pdf",
                "version": f"{rng.randint(0, 3)}.{rng.randint(0, 9)}"
                if rng.random() < 0.5
                else None,
                "date": self.day(published, TODAY),
            }
            for title, kind in rng.sample(
                [
                    ("Behovsbeskrivelse", "needs-description"),
                    ("Gevinstanalyse", "benefit-analysis"),
                    ("Kostnadsanalyse", "cost-analysis"),
                    ("ROS-analyse", "risk-analysis"),
                    ("Referat fra arbeidsverksted", "minutes"),
                    ("Utkast til tilbudsinvitasjon", "tender-invitation"),
                ],
                rng.randint(0, 4),
            )
        ]
        return {
            "id": need_id,
            "title": f"{self.category_name[category]} i {place}"[:120],
            "owner": owner,
            "published": published,
            "phase": phase,
            "status": status_value,
            "summary": self.line(T_NEED, ctx),
            "description": Block(self.text((T_NEED, T_GENERAL), 3, 9, ctx, SUCCESS)),
            "categories": [category],
            "seeking_participants": True
            if status_value in ("open", "in-progress") and rng.random() < 0.6
            else None,
            "contact": self.contact(domain),
            "maintainers": [self.login() for _ in range(rng.randint(0, 2))],
            "participants": participants,
            "documents": documents,
            "assessment": {
                "benefit": self.block((T_GENERAL,), 1, 3, ctx),
                "cost": self.line(T_GENERAL, ctx) if rng.random() < 0.7 else None,
                "risk": self.block((T_SECURITY, T_PRIVACY), 1, 2, ctx)
                if rng.random() < 0.7
                else None,
            }
            if rng.random() < 0.6
            else None,
            "phase_history": history,
            "related_solutions": [
                s.id
                for s in rng.sample(self.solutions, min(len(self.solutions), rng.randint(0, 3)))
            ],
        }

    def dps_record(self, d: Dps) -> dict[str, Any]:
        rng = self.rng
        ctx = self.ctx(kategori_lower=self.category_name[d.category].lower())
        for a in d.applications:
            row: dict[str, Any] = {
                "supplier": a.supplier.id,
                "received": a.received,
                "decided": a.decided,
                "decision": a.decision,
            }
            if a.extended:
                row["extension_reason"] = (
                    "Søknaden manglet skatteattest, og vi ba om ny dokumentasjon. "
                    "Vurderingen tok derfor lengre tid enn ti virkedager."
                )
            if a.decision == "rejected":
                row["reason"] = rng.choice(
                    [
                        "Leverandøren oppfyller ikke kravet til løsninger i kategorien.",
                        "Skatteattesten var eldre enn seks måneder, og ny attest kom ikke inn.",
                        "Leverandøren dokumenterte ikke styringssystem for informasjonssikkerhet.",
                    ]
                )
            self.event("application", d.id, a.supplier.id, a.received, row)
        requirements = [
            {"id": rid, "text": text, "documentation": doc if rng.random() < 0.8 else None}
            for rid, text, doc in QUAL_REQ[: rng.randint(5, len(QUAL_REQ))]
        ]
        extensions = []
        if rng.random() < 0.2:
            announced = d.valid_until - timedelta(days=rng.randint(30, 200))
            if announced <= TODAY:
                extensions.append(
                    {"announced": announced, "valid_until": d.valid_until + timedelta(days=365)}
                )
        year = d.announced.year
        return {
            "id": d.id,
            "title": f"Dynamisk innkjøpsordning for {self.category_name[d.category].lower()}",
            "category": d.category,
            "type": rng.choice(["open", "closed"]),
            "announced": d.announced,
            "request_deadline": d.request_deadline,
            "valid_until": d.valid_until,
            "max_value_nok": rng.randint(5, 40) * 100_000_000,
            "agreement_type": rng.choice(["SSA-L", "SSA-K", "SSA-sky"]),
            "description": Block(self.text((T_GENERAL, T_NEED), 5, 12, ctx, SUCCESS)),
            "covered_municipalities": d.covered,
            "qualification_requirements": requirements,
            "terms_url": "https://markedsplassen.no/vilkar/deltakelse-v1.pdf",
            "notice": {
                "doffin_id": f"{year}-{rng.randint(100000, 999999)}",
                "url": f"https://doffin.no/notices/{year}-{rng.randint(100000, 999999)}",
            },
            "extensions": extensions,
            "award_criteria": notice_criteria(d.id),
            "contact": self.contact("markedsplassen.no"),
        }

    def calloff_record(self, c: CallOff) -> dict[str, Any]:
        rng = self.rng
        domain = self.kommune_domain(c.buyer)
        ctx = self.ctx(
            kommune=self.kommune_name[c.buyer],
            kategori_lower=self.category_name[c.dps.category].lower(),
        )
        invited = c.dps.admitted_by(c.published)
        basis = notice_criteria(c.dps.id)["basis"]  # the DPS's notice decides it
        if basis == "best-price-quality-ratio":
            price = rng.choice([30, 40, 50])
            criteria = [
                {"name": "Pris", "kind": "price", "weight_percent": price},
                {
                    "name": "Kvalitet og brukervennlighet",
                    "kind": "quality",
                    "weight_percent": 70 - price,
                    "description": self.line(T_NEED, ctx),
                },
                {
                    "name": "Klima og miljø",
                    "kind": "environment",
                    "weight_percent": 30,
                    "description": "Utslipp ved drift, transport og bruk av utstyr vurderes.",
                },
            ]
        else:
            criteria = [
                {"name": "Livsløpskostnad", "kind": "cost", "weight_percent": 70},
                {"name": "Klima og miljø", "kind": "environment", "weight_percent": 30},
            ]
        requirements = [
            {"id": f"krav-{i + 1}", "text": text, "mandatory": " skal " in text}
            for i, text in enumerate(rng.sample(REQUIREMENTS, rng.randint(3, 8)))
        ]
        estimate = rng.randint(2, 80) * 100_000
        record: dict[str, Any] = {
            "id": c.id,
            "title": f"{self.category_name[c.dps.category]} for {self.kommune_name[c.buyer]}",
            "dps": c.dps.id,
            "buyer": c.buyer,
            "published": c.published,
            "tender_deadline": c.tender_deadline,
            "invited": [s.id for s in invited],
            "description": Block(self.text((T_NEED, T_GENERAL), 3, 8, ctx)),
            "need": rng.choice(self.need_ids) if self.need_ids and rng.random() < 0.5 else None,
            "award_criteria": {"basis": basis, "criteria": criteria},
            "requirements": requirements,
            "estimated_value_nok": estimate,
            "contact": self.contact(domain),
        }
        if c.award is not None:
            decided, supplier, solution = c.award
            record["award"] = {
                "decided": decided,
                "supplier": supplier.id,
                "solution": solution.id,
                "value_nok": int(estimate * rng.uniform(0.7, 1.2)),
                "tenders_received": rng.randint(1, len(invited)),
                "justification": self.block((T_EXPERIENCE,), 1, 3, ctx)
                if rng.random() < 0.7
                else None,
            }
        if c.signed is not None:
            signed = c.signed
            notice = signed + timedelta(days=rng.randint(1, 30))
            starts = signed + timedelta(days=rng.randint(7, 60))
            milestones = []
            due = starts
            for title in (
                "Oppstartsmøte",
                "Integrasjon i produksjon",
                "Pilot i første sone",
                "Full utrulling",
                "Evaluering og gevinstrapport",
            )[: rng.randint(2, 5)]:
                due = due + timedelta(days=rng.randint(20, 120))
                met = due - timedelta(days=rng.randint(0, 10)) if due < TODAY else None
                milestones.append(
                    {
                        "title": title,
                        "due": due,
                        "met": met if met is None or met <= TODAY else TODAY,
                        "description": self.line(T_EXPERIENCE, ctx) if rng.random() < 0.3 else None,
                    }
                )
            record["contract"] = {
                "signed": signed,
                "award_notice_published": notice if notice <= TODAY else None,
                "starts": starts,
                "ends": starts + timedelta(days=365 * rng.randint(2, 4)),
                "milestones": milestones,
            }
        return record

    def experience_record(self, experience_id: str, index: int) -> dict[str, Any]:
        rng = self.rng
        solution: Solution | None = None
        calloff: CallOff | None = None
        author: str
        start = START
        awarded = self.awarded
        if awarded and rng.random() < 0.3:
            calloff = awarded[index % len(awarded)]
            assert calloff.award is not None and calloff.signed is not None
            solution = calloff.award[2]
            author = calloff.buyer
            start = calloff.signed
        else:
            if rng.random() < 0.75:
                solution = rng.choice(self.solutions)
            author = rng.choice(self.suppliers).id if rng.random() < 0.15 else self.kommune()
        self.acts(author)
        area = rng.choice(self.areas)
        place = self.kommune_name.get(author, "kommunene")
        ctx = self.ctx(
            kommune=place,
            losning=solution.name if solution else "løsningen",
            kategori_lower=self.category_name[solution.categories[0]].lower()
            if solution
            else "velferdsteknologi",
        )
        challenges = [
            {
                "challenge": challenge,
                "measures": measure if rng.random() < 0.85 else None,
                "resolved": rng.choice([True, True, False, None]),
            }
            for challenge, measure in zip(
                rng.sample(T_CHALLENGE, rng.randint(1, 4)),
                rng.sample(T_MEASURE, 4),
                strict=False,
            )
        ]
        about = solution.name if solution else self.category_name[rng.choice(self.categories)]
        return {
            "id": experience_id,
            "title": f"Erfaringer med {about} i {place}"[:150],
            "author": author,
            "area": area,
            "date": self.day(start, TODAY),
            "summary": self.line(T_EXPERIENCE, ctx),
            "description": Block(self.text((T_EXPERIENCE, T_GENERAL), 4, 12, ctx, SUCCESS)),
            "solution": solution.id if solution else None,
            "need": rng.choice(self.need_ids) if self.need_ids and rng.random() < 0.3 else None,
            "calloff": calloff.id if calloff else None,
            "usage_weeks": rng.randint(4, 150) if solution and rng.random() < 0.7 else None,
            "success_factors": rng.sample(SUCCESS, rng.randint(2, 5)),
            "challenges": challenges,
            "recommendation": self.block((T_EXPERIENCE,), 2, 5, ctx)
            if rng.random() < 0.8
            else None,
            "contact": self.contact(self.kommune_domain(author))
            if author in self.kommune_name and rng.random() < 0.5
            else None,
            "maintainers": [self.login() for _ in range(rng.randint(0, 2))],
        }

    # -- writing ----------------------------------------------------------------

    def records(self) -> list[tuple[str, str, Callable[[], dict[str, Any]], str | None]]:
        """(kind, id, build, comment) for every record, in a fixed order."""
        rows: list[tuple[str, str, Callable[[], dict[str, Any]], str | None]] = []
        rows += [
            ("supplier", s.id, lambda s=s: self.supplier_record(s), None) for s in self.suppliers
        ]
        rows += [
            ("solution", s.id, lambda s=s: self.solution_record(s), None) for s in self.solutions
        ]
        rows += [("need", i, lambda i=i: self.need_record(i), None) for i in self.need_ids]
        rows += [
            ("dps", d.id, lambda d=d: self.dps_record(d), "Kunngjort i Doffin") for d in self.dps
        ]
        rows += [("calloff", c.id, lambda c=c: self.calloff_record(c), None) for c in self.calloffs]
        for index in range(self.counts["experience"]):
            eid = self.unique("experience", f"erfaring-{rng_word(index)}")
            rows.append(
                ("experience", eid, lambda e=eid, i=index: self.experience_record(e, i), None)
            )
        return rows


def rng_word(index: int) -> str:
    words = ("innforing", "bruk", "innkjop", "avvikling", "samarbeid", "pilot", "opplaering")
    return f"{words[index % len(words)]}-{index // len(words) + 1}"


def _wrap(text: str, width: int) -> str:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def generate(root: Path, n: int, seed: int = 1) -> dict[str, int]:
    """Write `n` synthetic records under `root`, with the event files beside them
    and the municipalities that act; the counts per kind come back (the six
    record kinds sum to `n`).

    Refuses to touch a folder that already holds data unless an earlier run of
    this generator wrote it (then its data folders are replaced)."""
    root = Path(root)
    marker = root / MARKER
    existing = [root / f for f in FOLDERS.values() if (root / f).exists()]
    if existing and not marker.exists():
        raise FileExistsError(f"{root} already holds catalogue data not written by this generator")
    for folder in ("catalogue", "needs", "experiences", "tenders"):
        if (root / folder).exists():
            shutil.rmtree(root / folder)
    marker.unlink(missing_ok=True)
    generator = Generator(n, seed)
    generator.plan_all()
    for folder in (*FOLDERS.values(), MUNICIPALITIES):
        (root / folder).mkdir(parents=True, exist_ok=True)
    written = dict.fromkeys([*FOLDERS, "municipality", *EVENTS], 0)

    def write(path: str, text: str) -> None:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")

    for kind, record_id, build, comment in generator.records():
        write(f"{FOLDERS[kind]}/{record_id}.yaml", emit(build(), comment))
        written[kind] += 1
        for event_kind, path, row in generator.events:
            write(path, emit(row))
            written[event_kind] += 1
        generator.events.clear()
    for number, record, comment in generator.municipality_records():
        write(f"{MUNICIPALITIES}/{number}.yaml", emit(record, comment))
        written["municipality"] += 1
    marker.write_text(
        json.dumps({"records": n, "seed": seed, "counts": written}, indent=2) + "\n",
        encoding="utf-8",
    )
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skriv en syntetisk katalog for ytelsesmåling.")
    parser.add_argument("--records", type=int, required=True, help="antall poster i alt")
    parser.add_argument("--out", type=Path, required=True, help="mappen katalogen skrives til")
    parser.add_argument("--seed", type=int, default=1, help="frø for tilfeldighetene (standard 1)")
    args = parser.parse_args(argv)
    counts = generate(args.out, args.records, args.seed)
    json.dump(counts, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
