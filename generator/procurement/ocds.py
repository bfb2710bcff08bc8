"""OCDS export: every dynamic purchasing system and every call-off as one Open
Contracting Data Standard 1.1.5 release package, with the Techniques extension for
the DPS flag (the format Doffin's notices map to) and the Enquiry extension for a
call-off's questions and answers.

`release_package` is plain data shaping over a catalogue that passed `check`;
`write` is the only function that touches the disk. The output is deterministic:
releases sorted by ocid, every list in a fixed order, and no clock: each date comes
from the records or from `published`.

Mapping. One contracting process is one ocid and one release in the package; the
release is a snapshot of the process as of `published` (release `id` is
`<ocid>-<published>`, release `date` is `published`).

- A DPS setup: ocid `<prefix>-dps-<id>`. `tender.procurementMethod` "selective",
  `tender.techniques.hasDynamicPurchasingSystem` true with the DPS `type`;
  `tenderPeriod` is the first request window (`announced` to `request_deadline`);
  `value` the indicative maximum `max_value_nok`; the one tender item is classified
  by the category's CPV codes; `awardCriteria` and its details are the notice's. The
  marketplace (named `publisher_name`) is buyer and
  procuring entity. Every applicant is a party with role "tenderer"; each admission
  is an `award` (`<dps id>-admission-<supplier>`) and makes that party a "supplier"
  too. Rejected or pending applications are no awards; an admission the supplier is
  since excluded from is a "cancelled" award.
- A call-off: ocid `<prefix>-calloff-<id>`, linked to its DPS by `relatedProcesses`
  (relationship "framework", scheme "ocid"). Buyer is the municipality; invited
  suppliers are "tenderer" parties; `award` and `contract` (with milestones) when
  the record has them; `tender.enquiries` its questions and answers, with no author.
  The call-off carries no `techniques`: the flag marks the
  setup, so each DPS is counted once, and the link says the call-off is under it.

Dates. The records hold calendar dates without time of day or zone. Events and the
start of a period are written as midnight UTC (`2026-11-28T00:00:00Z`); deadlines
and the end of a period as `23:59:59Z`, so the whole last day is inside the period.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from generator.catalogue.gather import Catalogue
from generator.models import CallOff, Dps, Record, Solution, Supplier, reference
from generator.models.base import Contact
from generator.models.calloff import Award, AwardCriteria, Contract, Milestone
from generator.models.dps import NoticeCriterion
from generator.models.events import Application
from generator.models.kinds import APPLICATION, CALLOFF, DPS, QUESTION, SOLUTION, SUPPLIER, Kind
from generator.norway import labels

Json = dict[str, Any]
R = TypeVar("R", bound=Record)

VERSION = "1.1"
# The live version of the Techniques extension, whose release-schema patch the
# tests apply (tests/data/ocds/).
TECHNIQUES_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_techniques_extension/master/extension.json"
)
# The Enquiry extension: `tender.enquiries`, questions and their answers.
ENQUIRY_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_enquiry_extension/master/extension.json"
)
# An ocid prefix is "ocds-" and six characters issued by the Open Contracting
# Partnership.
OCID_PREFIX = re.compile(r"ocds-[a-z0-9]{6}")
LANGUAGE = "nb"
CURRENCY = "NOK"
# Both a DPS and its call-offs buy standard software as a continuous service
# (SSA-L, SaaS) with implementation, training and support: "services". Devices in
# some categories (home monitoring) come with the service, not as a goods purchase.
MAIN_CATEGORY = "services"
# The whole DPS process is electronic (FOA § 26-4 (3)).
SUBMISSION = ["electronicSubmission"]

# Organisation numbers from Enhetsregisteret: the org-id.guide list code for the
# Brønnøysund Register Centre.
ORGNR_SCHEME = "NO-BRC"
# The kommunenummer (SSB) names a municipality as a territory, not the legal entity:
# that is the municipality's own organisation number, which the records do not
# hold. So a municipality has no primary `identifier`; the kommunenummer goes in
# `additionalIdentifiers` under a code built as the OCDS guidance on organisation
# identifiers says for an unregistered list (country prefix + short name, not
# colliding with org-id.guide); the publication policy must describe it.
KOMMUNENUMMER_SCHEME = "NO-KOMMUNENUMMER"
# What is bought is classified with the Common Procurement Vocabulary, as in Doffin
# notices: the category's CPV codes (generator/data/categories.yaml), the main code
# as the item's classification and the others as additional ones.
CPV_SCHEME = "CPV"
MARKETPLACE_PARTY = "markedsplassen"

# FOA § 18-1 basis -> OCDS awardCriteria code (the Norwegian words: labels.AWARD_BASIS)
AWARD_CRITERIA: dict[str, str] = {
    "lowest-price": "priceOnly",
    "lowest-cost": "costOnly",
    "best-price-quality-ratio": "ratedCriteria",
}
ROLE_ORDER = ("buyer", "procuringEntity", "tenderer", "supplier")


class ExportError(ValueError):
    """The catalogue cannot be exported: a reference does not resolve, or the
    configuration is wrong. Export only a catalogue that passed `check`."""


def release_package(
    catalogue: Catalogue, *, ocid_prefix: str, publisher_name: str, published: date, uri: str
) -> dict[str, Any]:
    if not OCID_PREFIX.fullmatch(ocid_prefix):
        raise ExportError(
            f"«{ocid_prefix}» er ikke et ocid-prefiks: det er «ocds-» og seks tegn "
            "fra Open Contracting Partnership, for eksempel «ocds-abc123»."
        )
    releases = [
        _dps_release(catalogue, dps, ocid_prefix, publisher_name, published)
        for dps in _records(catalogue, DPS, Dps)
    ]
    releases += [
        _calloff_release(catalogue, calloff, ocid_prefix, published)
        for calloff in _records(catalogue, CALLOFF, CallOff)
    ]
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": [TECHNIQUES_EXTENSION, ENQUIRY_EXTENSION],
        "publishedDate": _start(published),
        "publisher": {"name": publisher_name},
        "releases": sorted(releases, key=lambda release: str(release["ocid"])),
    }


def write(path: Path, package: dict[str, Any]) -> None:
    """Write the package as UTF-8 JSON, atomically: a temporary file in the same
    folder replaces `path` only once it is complete."""
    text = json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the package is public
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def dps_ocid(prefix: str, dps_id: str) -> str:
    return f"{prefix}-dps-{dps_id}"


def calloff_ocid(prefix: str, calloff_id: str) -> str:
    return f"{prefix}-calloff-{calloff_id}"


# --- one DPS ---------------------------------------------------------------------


def _dps_release(
    catalogue: Catalogue, dps: Dps, prefix: str, marketplace: str, published: date
) -> Json:
    buyer = {
        "id": MARKETPLACE_PARTY,
        "name": marketplace,
        "contactPoint": _contact_point(dps.contact),
    }
    parties = _Parties()
    parties.add(buyer, "buyer", "procuringEntity")
    tenderers: dict[str, Json] = {}
    awards = []
    applications = (e.record for e in catalogue.events(APPLICATION, dps.id))
    for application in sorted(applications, key=lambda a: (a.supplier, a.received)):
        admitted = application.decision == "admitted"
        supplier = parties.add(
            _supplier_party(catalogue, application.supplier, dps.id),
            *(("tenderer", "supplier") if admitted else ("tenderer",)),
        )
        # a supplier that applied twice (rejected, then admitted) is one tenderer
        tenderers[application.supplier] = _reference(supplier)
        if admitted:
            awards.append(_admission(dps, application, supplier, published))
    valid_until, status = _dps_status(dps, published)
    tender: Json = {
        "id": dps.id,
        "title": dps.title,
        "description": dps.description.strip(),
        # the DPS stays open to new requests while it is valid (FOA § 26-5)
        "status": {"pending": "planned", "active": "active", "terminated": "complete"}[status],
        "procuringEntity": _reference(buyer),
        "procurementMethod": "selective",
        "procurementMethodDetails": "Dynamisk innkjøpsordning (FOA §§ 26-4 til 26-7)",
        "mainProcurementCategory": MAIN_CATEGORY,
        "items": [_category_item(dps.category)],
        "value": _nok(dps.max_value_nok),
        # The first-round window for requests to participate; OCDS 1.1 has no
        # separate participation-request period.
        "tenderPeriod": {"startDate": _start(dps.announced), "endDate": _end(dps.request_deadline)},
        "contractPeriod": {"endDate": _end(valid_until)},
        "eligibilityCriteria": "\n".join(
            f"- {_one_line(r.text)}"
            + (f" Dokumentasjon: {_one_line(r.documentation)}." if r.documentation else "")
            for r in dps.qualification_requirements
        ),
        "submissionMethod": SUBMISSION,
        "tenderers": [tenderers[key] for key in sorted(tenderers)],
        "techniques": {
            "hasDynamicPurchasingSystem": True,
            "dynamicPurchasingSystem": {"type": dps.type, "status": status},
        },
    }
    if dps.award_criteria is not None:
        basis = dps.award_criteria.basis
        tender["awardCriteria"] = AWARD_CRITERIA[basis]
        tender["awardCriteriaDetails"] = _criteria_details(
            labels.AWARD_BASIS[basis],
            [(c.name, _notice_weight(c)) for c in dps.award_criteria.criteria],
        )
    if dps.notice is not None:
        tender["documents"] = [
            {
                "id": dps.notice.doffin_id,
                "documentType": "tenderNotice",
                "title": f"Kunngjøring {dps.notice.doffin_id} i Doffin",
                "url": dps.notice.url,
                "language": LANGUAGE,
            }
        ]
    release = _release(dps_ocid(prefix, dps.id), published, buyer, parties, tender)
    if awards:
        release["tag"].append("award")
        release["awards"] = sorted(awards, key=lambda award: str(award["id"]))
    return release


def _dps_status(dps: Dps, published: date) -> tuple[date, str]:
    """Last valid day (with the extensions announced by `published`) and the DPS
    status code: pending before the notice, terminated after the last valid day."""
    valid_until = max(
        [dps.valid_until] + [e.valid_until for e in dps.extensions if e.announced <= published]
    )
    if published < dps.announced:
        return valid_until, "pending"
    return valid_until, "terminated" if published > valid_until else "active"


def _admission(dps: Dps, application: Application, supplier: Json, published: date) -> Json:
    """An admission is an award; one the supplier has since been excluded from is
    cancelled, with the date and reason of the exclusion in its description."""
    assert application.decided is not None  # the model pairs decision and date
    description = f"{supplier['name']} er tatt opp i «{dps.title}»."
    excluded = application.excluded
    if excluded is not None and excluded <= published and application.exclusion_reason:
        description += (
            f" Utelukket {excluded.isoformat()}: {_one_line(application.exclusion_reason)}"
        )
    return {
        "id": f"{dps.id}-admission-{application.supplier}",
        "title": "Opptak i den dynamiske innkjøpsordningen",
        "description": description,
        "date": _start(application.decided),
        "status": "cancelled" if excluded is not None and excluded <= published else "active",
        "suppliers": [_reference(supplier)],
    }


# --- one call-off ----------------------------------------------------------------


def _calloff_release(catalogue: Catalogue, calloff: CallOff, prefix: str, published: date) -> Json:
    dps = catalogue.get(DPS, calloff.dps)
    if not isinstance(dps, Dps):
        raise ExportError(
            f"Uttaket «{calloff.id}» viser til ordningen «{calloff.dps}» som mangler."
        )
    municipality = reference.municipalities()[calloff.buyer]
    buyer = {
        "id": f"{KOMMUNENUMMER_SCHEME}-{municipality.number}",
        "name": municipality.name,
        "additionalIdentifiers": [{"scheme": KOMMUNENUMMER_SCHEME, "id": municipality.number}],
        "contactPoint": _contact_point(calloff.contact),
    }
    parties = _Parties()
    parties.add(buyer, "buyer", "procuringEntity")
    for supplier_id in sorted(calloff.invited):
        parties.add(_supplier_party(catalogue, supplier_id, calloff.id), "tenderer")
    basis = calloff.award_criteria.basis
    code, label = AWARD_CRITERIA[basis], labels.AWARD_BASIS[basis]
    tender: Json = {
        "id": calloff.id,
        "title": calloff.title,
        "description": calloff.description.strip(),
        "status": "complete" if calloff.award is not None else "active",
        "procuringEntity": _reference(buyer),
        # only the suppliers admitted to the DPS are invited (FOA § 26-6)
        "procurementMethod": "selective",
        "procurementMethodDetails": f"Uttak i dynamisk innkjøpsordning: {dps.title}",
        "mainProcurementCategory": MAIN_CATEGORY,
        "items": [_category_item(dps.category)],
        "tenderPeriod": {
            "startDate": _start(calloff.published),
            "endDate": _end(calloff.tender_deadline),
        },
        "awardCriteria": code,
        "awardCriteriaDetails": _criteria_details(label, _calloff_weights(calloff.award_criteria)),
        "submissionMethod": SUBMISSION,
    }
    enquiries = _enquiries(catalogue, calloff)
    tender["hasEnquiries"] = bool(enquiries)
    if enquiries:
        tender["enquiries"] = enquiries
    if calloff.estimated_value_nok is not None:
        tender["value"] = _nok(calloff.estimated_value_nok)
    outcome: Json = {}
    if calloff.award is not None:
        outcome["awards"] = [_award(catalogue, calloff, calloff.award, dps.category, parties)]
        if calloff.award.tenders_received is not None:
            tender["numberOfTenderers"] = calloff.award.tenders_received
    if calloff.contract is not None:
        if calloff.award is None:
            raise ExportError(
                f"Uttaket «{calloff.id}» har en kontrakt uten tildeling: OCDS knytter "
                "kontrakten til tildelingen (awardID). Legg til `award`."
            )
        outcome["contracts"] = [_contract(calloff, calloff.contract, calloff.award, published)]
    release = _release(calloff_ocid(prefix, calloff.id), published, buyer, parties, tender)
    release["tag"] += [tag for tag in ("award", "contract") if f"{tag}s" in outcome]
    release["relatedProcesses"] = [
        {
            "id": "1",
            "relationship": ["framework"],
            "scheme": "ocid",
            "identifier": dps_ocid(prefix, dps.id),
            "title": dps.title,
        }
    ]
    return release | outcome


def _award(
    catalogue: Catalogue, calloff: CallOff, award: Award, category: str, parties: _Parties
) -> Json:
    supplier = parties.add(_supplier_party(catalogue, award.supplier, calloff.id), "supplier")
    solution = catalogue.get(SOLUTION, award.solution)
    if not isinstance(solution, Solution):
        raise ExportError(f"«{calloff.id}» tildeler løsningen «{award.solution}» som mangler.")
    description = f"Valgt løsning: {solution.name} fra {supplier['name']}."
    if award.justification:
        description += "\n\n" + award.justification.strip()
    return {
        "id": f"{calloff.id}-award",
        "title": solution.name,
        "description": description,
        "date": _start(award.decided),
        "status": "active",
        "value": _nok(award.value_nok),
        "suppliers": [_reference(supplier)],
        "items": [{**_category_item(category), "description": solution.name}],
    }


def _criteria_details(label: str, criteria: list[tuple[str, str | None]]) -> str:
    """«Tildelingsgrunnlag …. Tildelingskriterier: Pris 40 %; …» from (name, weight)."""
    text = f"Tildelingsgrunnlag (FOA § 18-1): {label}."
    if criteria:
        named = [name if weight is None else f"{name} {weight}" for name, weight in criteria]
        text += " Tildelingskriterier: " + "; ".join(named) + "."
    return text


def _calloff_weights(criteria: AwardCriteria) -> list[tuple[str, str | None]]:
    return [
        (c.name, None if c.weight_percent is None else f"{c.weight_percent} %")
        for c in criteria.criteria
    ]


def _notice_weight(criterion: NoticeCriterion) -> str | None:
    span = criterion.weight_range()
    if span is None:
        return None
    low, high = span
    return f"{low} %" if low == high else f"{low}–{high} %"


def _enquiries(catalogue: Catalogue, calloff: CallOff) -> list[Json]:
    """The call-off's questions and answers (the Enquiry extension), never naming
    who asked: an enquiry has no `author`."""
    found = []
    for event in sorted(catalogue.events(QUESTION, calloff.id), key=lambda e: e.stem):
        question = event.record
        enquiry: Json = {
            "id": event.stem,
            "date": _start(question.received),
            "description": question.question.strip(),
        }
        if question.answer is not None and question.answered is not None:
            enquiry["answer"] = question.answer.strip()
            enquiry["dateAnswered"] = _start(question.answered)
        found.append(enquiry)
    return found


def _contract(calloff: CallOff, contract: Contract, award: Award, published: date) -> Json:
    result: Json = {
        "id": f"{calloff.id}-contract",
        "awardID": f"{calloff.id}-award",
        "title": calloff.title,
        "status": _contract_status(contract, published),
        "dateSigned": _start(contract.signed),
        "value": _nok(award.value_nok),
    }
    period = {}
    if contract.starts is not None:
        period["startDate"] = _start(contract.starts)
    if contract.ends is not None:
        period["endDate"] = _end(contract.ends)
    if period:
        result["period"] = period
    if contract.milestones:
        result["milestones"] = [
            _milestone(number, milestone)
            for number, milestone in enumerate(contract.milestones, start=1)
        ]
    return result


def _contract_status(contract: Contract, published: date) -> str:
    """As of `published`: pending before signing, terminated after the last day."""
    if published < contract.signed:
        return "pending"
    if contract.ends is not None and published > contract.ends:
        return "terminated"
    return "active"


def _milestone(number: int, milestone: Milestone) -> Json:
    # Only what the record says: a milestone with a date met is "met", any other is
    # "scheduled", even when its due date has passed. "notMet" and "partiallyMet"
    # are judgements the records do not hold.
    result: Json = {
        "id": str(number),  # position in the contract's list
        "title": milestone.title,
        "type": "delivery",
        "dueDate": _end(milestone.due),
        "status": "met" if milestone.met is not None else "scheduled",
    }
    if milestone.met is not None:
        result["dateMet"] = _start(milestone.met)
    if milestone.description:
        result["description"] = milestone.description.strip()
    return result


# --- shared shapes ---------------------------------------------------------------


class _Parties:
    """The parties of one release by id, each role added once."""

    def __init__(self) -> None:
        self._by_id: dict[str, Json] = {}

    def add(self, party: Json, *roles: str) -> Json:
        known = self._by_id.setdefault(party["id"], {**party, "roles": []})
        known["roles"] = sorted({*known["roles"], *roles}, key=ROLE_ORDER.index)
        return known

    def listed(self) -> list[Json]:
        return [self._by_id[key] for key in sorted(self._by_id)]


def _release(ocid: str, published: date, buyer: Json, parties: _Parties, tender: Json) -> Json:
    """The release as of `published`; add every party before calling this."""
    return {
        "ocid": ocid,
        "id": f"{ocid}-{published.isoformat()}",
        "date": _start(published),
        "tag": ["tender"],
        "initiationType": "tender",
        "language": LANGUAGE,
        "buyer": _reference(buyer),
        "parties": parties.listed(),
        "tender": tender,
    }


def _supplier(catalogue: Catalogue, supplier_id: str, where: str) -> Supplier:
    supplier = catalogue.get(SUPPLIER, supplier_id)
    if not isinstance(supplier, Supplier):
        raise ExportError(f"«{where}» viser til leverandøren «{supplier_id}» som mangler.")
    return supplier


def _supplier_party(catalogue: Catalogue, supplier_id: str, where: str) -> Json:
    supplier = _supplier(catalogue, supplier_id, where)
    return {
        "id": f"{ORGNR_SCHEME}-{supplier.orgnr}",
        "name": supplier.name,
        "identifier": {"scheme": ORGNR_SCHEME, "id": supplier.orgnr, "legalName": supplier.name},
    }


def _contact_point(contact: Contact) -> Json:
    point = {"name": contact.name, "email": contact.email}
    if contact.phone:
        point["telephone"] = contact.phone
    return point


def _reference(party: Json) -> Json:
    return {"id": party["id"], "name": party["name"]}


def _category_item(category_id: str) -> Json:
    category = reference.categories()[category_id]
    main, *more = reference.cpv()[category_id]

    def classification(code: reference.Cpv) -> Json:
        return {"scheme": CPV_SCHEME, "id": code.code, "description": code.label}

    item: Json = {
        "id": "1",
        "description": f"{category.name} (kategori «{category.id}» i markedsplassen)",
        "classification": classification(main),
    }
    if more:
        item["additionalClassifications"] = [classification(code) for code in more]
    return item


def _nok(amount: int) -> Json:
    return {"amount": amount, "currency": CURRENCY}


def _start(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _end(day: date) -> str:
    return f"{day.isoformat()}T23:59:59Z"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _records(catalogue: Catalogue, kind: Kind[Any], model: type[R]) -> Iterable[R]:
    records = [e.record for e in catalogue.records(kind) if isinstance(e.record, model)]
    return sorted(records, key=lambda record: record.id)
