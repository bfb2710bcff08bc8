"""Live checks against a solution's FHIR test endpoint: its capability statement
says FHIR 4.0.x, it creates an Observation, reads it back, finds it by search, and
refuses an invalid one with an OperationOutcome.

Only `markedsplass verify` runs these (never `check`, which makes no network
calls). Every request has a timeout and a size limit; what is sent is synthetic
(testdata.sample_observation). The endpoint must be https, except on the loopback
interface, where the tests run a small FHIR server."""

from __future__ import annotations

import ipaddress
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from generator.sandbox import testdata
from generator.sandbox.findings import shown
from generator.sandbox.report import Status
from generator.sandbox.requirements import RequirementSet

TIMEOUT_SECONDS = 10.0
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
FHIR_JSON = "application/fhir+json"


class EndpointError(ValueError):
    """The endpoint address itself is unusable (not https, credentials in it)."""


@dataclass(frozen=True, slots=True)
class Problem:
    request: str  # e.g. «POST Observation»
    text: str
    hint: str


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    summary: str
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: dict[str, str]
    body: Any  # parsed JSON, or None


class _Unreachable(Exception):
    pass


def check_address(url: str) -> str:
    """The base address without a trailing slash; EndpointError when it is not
    https (http only on the loopback interface) or carries credentials."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.username or parts.password:
        raise EndpointError("Testendepunktet kan ikke ha brukernavn eller passord i adressen.")
    loopback = host == "localhost" or _is_loopback(host)
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise EndpointError(
            f"Testendepunktet må være https:// (http:// bare på 127.0.0.1): «{shown(url)}»."
        )
    return url.rstrip("/")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _call(method: str, url: str, body: Any = None) -> _Answer:
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", FHIR_JSON)
    if data is not None:
        request.add_header("Content-Type", FHIR_JSON)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return _answer(
                response.status, dict(response.headers), response.read(MAX_RESPONSE_BYTES)
            )
    except urllib.error.HTTPError as exc:
        return _answer(exc.code, dict(exc.headers or {}), exc.read(MAX_RESPONSE_BYTES))
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise _Unreachable(shown(str(reason))) from exc


def _answer(status: int, headers: dict[str, str], raw: bytes) -> _Answer:
    try:
        body = json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        body = None
    return _Answer(status, {k.lower(): v for k, v in headers.items()}, body)


def _kind(body: Any) -> str | None:
    return body.get("resourceType") if isinstance(body, dict) else None


def run(endpoint: str, rs: RequirementSet, wanted: set[str]) -> dict[str, Outcome]:
    base = check_address(endpoint)
    outcomes: dict[str, Outcome] = {}
    try:
        outcomes["endpoint-metadata"] = _metadata(base)
        created, outcomes["endpoint-create"] = _create(base)
        if created is None:
            reason = "Ikke prøvd: testendepunktet opprettet ingen måling."
            outcomes["endpoint-read"] = Outcome(Status.SKIP, reason)
            outcomes["endpoint-search"] = Outcome(Status.SKIP, reason)
        else:
            outcomes["endpoint-read"] = _read(base, created)
            outcomes["endpoint-search"] = _search(base, created)
        outcomes["endpoint-rejects-invalid"] = _rejects_invalid(base)
    except _Unreachable as exc:
        problem = Problem(
            f"GET {base}",
            f"Fikk ikke kontakt med testendepunktet («{exc}»).",
            "Sjekk at adressen er riktig og at endepunktet svarer fra internett.",
        )
        failed = Outcome(Status.FAIL, "Testendepunktet svarte ikke.", (problem,))
        for name in wanted:
            outcomes.setdefault(name, failed)
    return {name: outcomes[name] for name in wanted}


def _fail(request: str, text: str, hint: str) -> Outcome:
    return Outcome(Status.FAIL, text, (Problem(request, text, hint),))


def _metadata(base: str) -> Outcome:
    request = "GET metadata"
    answer = _call("GET", f"{base}/metadata")
    if answer.status != 200 or _kind(answer.body) != "CapabilityStatement":
        return _fail(
            request,
            f"/metadata svarte {answer.status} uten et CapabilityStatement.",
            "Et FHIR-endepunkt svarer på GET [base]/metadata med sitt CapabilityStatement.",
        )
    version = answer.body.get("fhirVersion")
    if not (isinstance(version, str) and version.startswith("4.0.")):
        return _fail(
            request,
            f"CapabilityStatement oppgir fhirVersion «{shown(version)}», ikke 4.0.x (R4).",
            "Testendepunktet må snakke FHIR R4 (fhirVersion 4.0.1).",
        )
    return Outcome(Status.PASS, f"CapabilityStatement for FHIR «{shown(version)}».")


def _create(base: str) -> tuple[str | None, Outcome]:
    request = "POST Observation"
    answer = _call("POST", f"{base}/Observation", testdata.sample_observation())
    if answer.status != 201:
        return None, _fail(
            request,
            f"Opprettingen svarte {answer.status}, ikke 201 Created.",
            "Svar på en gyldig POST [base]/Observation med 201 Created og Location.",
        )
    created = _created_id(answer)
    if created is None:
        return None, _fail(
            request,
            "Svaret sier ikke hvilken id målingen fikk (verken Location eller id i svaret).",
            "Sett Location: [base]/Observation/[id]/_history/[vid] i svaret.",
        )
    return created, Outcome(Status.PASS, "Målingen ble opprettet (201 Created).")


def _created_id(answer: _Answer) -> str | None:
    location = answer.headers.get("location", "")
    parts = urllib.parse.urlsplit(location).path.split("/")
    if "Observation" in parts:
        index = parts.index("Observation")
        if index + 1 < len(parts) and parts[index + 1]:
            return parts[index + 1]
    if _kind(answer.body) == "Observation" and isinstance(answer.body.get("id"), str):
        return str(answer.body["id"])
    return None


def _read(base: str, created: str) -> Outcome:
    request = f"GET Observation/{shown(created)}"
    answer = _call("GET", f"{base}/Observation/{urllib.parse.quote(created, safe='')}")
    if answer.status != 200 or _kind(answer.body) != "Observation":
        return _fail(
            request,
            f"Lesingen av målingen svarte {answer.status} uten en Observation.",
            "GET [base]/Observation/[id] skal gi tilbake målingen som ble opprettet.",
        )
    sent = testdata.sample_observation()
    if answer.body.get("id") != created or answer.body.get("code") != sent["code"]:
        return _fail(
            request,
            "Målingen som kom tilbake, er ikke den som ble opprettet (id eller code avviker).",
            "Lagre og gi tilbake målingen slik den ble sendt, med id-en fra opprettingen.",
        )
    return Outcome(Status.PASS, "Målingen ble lest tilbake.")


def _search(base: str, created: str) -> Outcome:
    request = f"GET Observation?_id={shown(created)}"
    query = urllib.parse.urlencode({"_id": created})
    answer = _call("GET", f"{base}/Observation?{query}")
    body = answer.body
    if answer.status != 200 or _kind(body) != "Bundle" or body.get("type") != "searchset":
        return _fail(
            request,
            f"Søket svarte {answer.status} uten en Bundle av typen searchset.",
            "GET [base]/Observation?_id=[id] skal svare med en searchset-Bundle.",
        )
    entries = body.get("entry") if isinstance(body.get("entry"), list) else []
    found = any(
        isinstance(e, dict)
        and isinstance(e.get("resource"), dict)
        and e["resource"].get("id") == created
        for e in entries
    )
    if not found:
        return _fail(
            request,
            "Søket fant ikke målingen som ble opprettet.",
            "Søkeparameteren _id skal finne ressursen med den id-en.",
        )
    return Outcome(Status.PASS, "Søket fant målingen.")


def _rejects_invalid(base: str) -> Outcome:
    request = "POST Observation (ugyldig)"
    invalid = {"resourceType": "Observation", "valueQuantity": {"value": "ikke et tall"}}
    answer = _call("POST", f"{base}/Observation", invalid)
    if not 400 <= answer.status < 500:
        return _fail(
            request,
            f"En ugyldig måling (uten status og code) fikk svaret {answer.status}, ikke 4xx.",
            "Avvis ugyldige ressurser med 400 Bad Request eller 422 Unprocessable Entity.",
        )
    issues = answer.body.get("issue") if _kind(answer.body) == "OperationOutcome" else None
    if not isinstance(issues, list) or not issues:
        return _fail(
            request,
            f"Avvisningen ({answer.status}) hadde ikke et OperationOutcome med issue.",
            "Svar med et OperationOutcome som sier hva som er galt (issue med severity og "
            "diagnostics eller expression).",
        )
    return Outcome(Status.PASS, f"Den ugyldige målingen ble avvist ({answer.status}).")
