"""Norwegian words for the English values the records use. Every value a model
allows has its label here; a test holds the two together."""

from __future__ import annotations

NEED_STATUS = {
    "open": "Åpen",
    "in-progress": "Under arbeid",
    "anchoring": "Til forankring",
    "ready-for-procurement": "Klar for anskaffelse",
    "procured": "Anskaffet",
    "closed": "Avsluttet",
    "withdrawn": "Trukket",
}
PARTICIPANT_ROLE = {
    "lead": "Leder arbeidet",
    "municipality": "Kommune",
    "health-personnel": "Helsepersonell",
    "adviser": "Rådgiver",
    "supplier": "Leverandør",
    "organisation": "Organisasjon",
}
JOIN_STATUS = {"pending": "Venter på svar", "accepted": "Godtatt", "declined": "Avslått"}
DOCUMENT_KIND = {
    "needs-description": "Behovsbeskrivelse",
    "tender-invitation": "Tilbudsinvitasjon",
    "benefit-analysis": "Nyttevurdering",
    "cost-analysis": "Kostnadsvurdering",
    "risk-analysis": "Risikovurdering",
    "template": "Mal",
    "minutes": "Referat",
    "other": "Annet",
}
COVERAGE = {"full": "Dekket", "partial": "Delvis dekket", "planned": "Planlagt"}
ROADMAP_KIND = {"new": "Ny funksjon", "change": "Endring", "removal": "Utgår"}
PRICING_MODEL = {
    "per-user": "Per bruker",
    "per-municipality": "Per kommune",
    "per-inhabitant": "Per innbygger",
    "per-patient": "Per pasient",
    "fixed": "Fast pris",
    "usage": "Etter bruk",
}
DELIVERY_MODEL = {"saas": "Skytjeneste (SaaS)", "on-premise": "Lokal drift", "hybrid": "Hybrid"}
PLATFORM = {
    "ios": "iOS",
    "android": "Android",
    "web": "Nettleser",
    "windows": "Windows",
    "macos": "macOS",
    "linux": "Linux",
}
DATA_LOCATION = {"norway": "Norge", "eea": "EØS", "outside-eea": "Utenfor EØS"}
AUTHENTICATION = {
    "helseid": "HelseID",
    "id-porten": "ID-porten",
    "feide": "Feide",
    "entra-id": "Microsoft Entra ID",
    "local": "Lokal innlogging",
}
LANGUAGE = {
    "nb": "bokmål",
    "nn": "nynorsk",
    "se": "nordsamisk",
    "sma": "sørsamisk",
    "smj": "lulesamisk",
    "en": "engelsk",
}
TRAINING_FORMAT = {
    "e-learning": "E-læring",
    "classroom": "Klasserom",
    "train-the-trainer": "Opplæring av superbrukere",
    "webinar": "Webinar",
    "documentation": "Dokumentasjon",
}
DIRECTION = {"send": "Sender", "receive": "Mottar", "both": "Sender og mottar"}
INTEGRATION_STATUS = {
    "in-production": "I bruk",
    "available": "Tilgjengelig",
    "planned": "Planlagt",
}
DEVICE_CLASS = {
    "not-a-device": "Ikke medisinsk utstyr",
    "I": "Medisinsk utstyr, klasse I",
    "IIa": "Medisinsk utstyr, klasse IIa",
    "IIb": "Medisinsk utstyr, klasse IIb",
    "III": "Medisinsk utstyr, klasse III",
}
CRITERION_KIND = {
    "price": "Pris",
    "cost": "Livsløpskostnad",
    "quality": "Kvalitet",
    "environment": "Miljø",
}
# FOA § 18-1's three bases, as a phrase that fits «tildeles tilbudet med …»; the
# site writes it with a capital letter (`sentence`)
AWARD_BASIS = {
    "lowest-price": "laveste pris",
    "lowest-cost": "laveste kostnad",
    "best-price-quality-ratio": "beste forhold mellom pris og kvalitet",
}
DPS_TYPE = {
    "open": "Åpen: andre oppdragsgivere kan slutte seg til",
    "closed": "Lukket: bare oppdragsgiverne i kunngjøringen",
}
AWARD_NOTICE_GROUPING = {
    "quarterly": "Samlet per kvartal, innen 30 dager etter kvartalets slutt",
    None: "Én per kontrakt, innen 30 dager etter signering",
}
DECISION = {"admitted": "Tatt opp", "rejected": "Avvist", None: "Til vurdering"}


def sentence(label: str) -> str:
    """A label that starts a sentence or a table cell: «Laveste pris»."""
    return label[:1].upper() + label[1:]
