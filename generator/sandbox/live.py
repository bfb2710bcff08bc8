"""Live checks against a solution's FHIR test endpoint: its capability statement
says FHIR 4.0.x, it creates an Observation, reads it back, finds it by search, and
refuses an invalid one with an OperationOutcome.

Only `markedsplass verify` runs these (never `check`, which makes no network
calls). What is sent is synthetic (testdata.sample_observation). Whoever runs
`verify` on a vendor's solution must not be made to call their own internal
services, so the endpoint is treated as hostile:

- it must be https (http only for a local test server, below);
- its host is resolved once, and every address it resolves to must be public:
  loopback, private, link-local, shared, multicast, reserved and unspecified
  addresses are refused before any connection, in IPv6 and in every IPv4
  notation (`0x7f.1`, `2130706433`, `::ffff:127.0.0.1`);
- every request connects to the address that was checked (the connection is
  pinned to it; the certificate is still checked against the host name), so a
  second DNS answer cannot point elsewhere;
- no redirect is followed; every request has a short timeout and every reply a
  size cap.

A local test server (127.0.0.1 or ::1 only) is allowed only when the caller says
so explicitly (`verify --local-endpoint`, documented for trying a server on one's
own machine); `check` and CI never do."""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import ssl
import urllib.parse
from dataclasses import dataclass
from typing import Any

from generator.sandbox import testdata
from generator.sandbox.findings import shown
from generator.sandbox.report import Status
from generator.sandbox.requirements import RequirementSet

TIMEOUT_SECONDS = 5.0
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
FHIR_JSON = "application/fhir+json"

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


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


class _Refused(Exception):
    """The endpoint's host is, or resolves to, an address the sandbox never calls."""


def check_address(url: str, *, local: bool = False) -> str:
    """The base address without a trailing slash; EndpointError when it is not
    https (http only with `local`, for a test server on the loopback interface) or
    carries credentials. Where the host points is checked when it is called."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.username or parts.password:
        raise EndpointError("Testendepunktet kan ikke ha brukernavn eller passord i adressen.")
    if not host:
        raise EndpointError(f"Testendepunktet mangler vertsnavn: «{shown(url)}».")
    if parts.scheme != "https" and not (local and parts.scheme == "http"):
        raise EndpointError(
            f"Testendepunktet må være https://: «{shown(url)}». (http:// bare for en lokal "
            "testserver, med --local-endpoint.)"
        )
    return url.rstrip("/")


def literal_address(host: str) -> IpAddress | None:
    """The address a host name spells, in any notation the system's resolver would
    accept (`127.0.0.1`, `0x7f.1`, `017700000001`, `2130706433`, `[::1]`), or None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def _public(address: IpAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast and not address.is_reserved


def _resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to (one DNS lookup)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in found]


def _connect(address: tuple[str, int], timeout: float) -> socket.socket:
    """Open the TCP connection (tests replace this to prove nothing is sent)."""
    return socket.create_connection(address, timeout=timeout)


def pin(url: str, *, local: bool = False) -> tuple[str, int, str]:
    """(host, port, the checked address every request will connect to). _Refused
    when the host is or resolves to a non-public address (with `local`: anything
    but loopback)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    literal = literal_address(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in _resolve(host, port)]
        except (OSError, UnicodeError, ValueError) as exc:
            raise _Unreachable(f"fant ikke adressen til «{shown(host)}»") from exc
        if not addresses:
            raise _Unreachable(f"fant ikke adressen til «{shown(host)}»")
    for address in addresses:
        allowed = address.is_loopback if local else _public(address)
        if not allowed:
            where = "ikke på denne maskinen (loopback)" if local else "ikke offentlig"
            raise _Refused(
                f"«{shown(host)}» peker til {address}, som er {where}. Markedsplassen kobler "
                "seg bare til offentlige adresser, så en løsning ikke kan få sandkassen til "
                "å kalle interne tjenester."
            )
    return host, port, str(addresses[0])


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.pinned = address

    def connect(self) -> None:
        self.sock = _connect((self.pinned, self.port), TIMEOUT_SECONDS)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.pinned = address

    def connect(self) -> None:
        raw = _connect((self.pinned, self.port), TIMEOUT_SECONDS)
        self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)


@dataclass(frozen=True, slots=True)
class _Endpoint:
    """The checked endpoint: every call goes to `address`, never elsewhere."""

    base: str
    host: str
    port: int
    address: str

    def call(self, method: str, url: str, body: Any = None) -> _Answer:
        parts = urllib.parse.urlsplit(url)
        kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        connection = kind(self.host, self.port, self.address, TIMEOUT_SECONDS)
        data = json.dumps(body).encode("utf-8") if body is not None else None
        headers = {"Accept": FHIR_JSON}
        if data is not None:
            headers["Content-Type"] = FHIR_JSON
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request(method, target or "/", body=data, headers=headers)
            response = connection.getresponse()  # a redirect is an answer, never followed
            raw = response.read(MAX_RESPONSE_BYTES + 1)
            if len(raw) > MAX_RESPONSE_BYTES:
                raise _Unreachable(f"svaret var større enn {MAX_RESPONSE_BYTES // 2**20} MiB")
            return _answer(response.status, dict(response.getheaders()), raw)
        except (http.client.HTTPException, TimeoutError, OSError) as exc:
            raise _Unreachable(shown(str(exc) or type(exc).__name__)) from exc
        finally:
            connection.close()


def _answer(status: int, headers: dict[str, str], raw: bytes) -> _Answer:
    try:
        body = json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        body = None
    return _Answer(status, {k.lower(): v for k, v in headers.items()}, body)


def _kind(body: Any) -> str | None:
    return body.get("resourceType") if isinstance(body, dict) else None


def run(
    endpoint: str, rs: RequirementSet, wanted: set[str], *, local: bool = False
) -> dict[str, Outcome]:
    base = check_address(endpoint, local=local)
    outcomes: dict[str, Outcome] = {}
    try:
        host, port, address = pin(base, local=local)
    except _Refused as exc:
        problem = Problem(f"GET {base}", str(exc), "Oppgi et offentlig https-endepunkt.")
        refused = Outcome(Status.FAIL, "Testendepunktet ble ikke kontaktet.", (problem,))
        return dict.fromkeys(wanted, refused)
    except _Unreachable as exc:
        return dict.fromkeys(wanted, _unreachable(base, str(exc)))
    target = _Endpoint(base, host, port, address)
    try:
        outcomes["endpoint-metadata"] = _metadata(target)
        created, outcomes["endpoint-create"] = _create(target)
        if created is None:
            reason = "Ikke prøvd: testendepunktet opprettet ingen måling."
            outcomes["endpoint-read"] = Outcome(Status.SKIP, reason)
            outcomes["endpoint-search"] = Outcome(Status.SKIP, reason)
        else:
            outcomes["endpoint-read"] = _read(target, created)
            outcomes["endpoint-search"] = _search(target, created)
        outcomes["endpoint-rejects-invalid"] = _rejects_invalid(target)
    except _Unreachable as exc:
        failed = _unreachable(base, str(exc))
        for name in wanted:
            outcomes.setdefault(name, failed)
    return {name: outcomes[name] for name in wanted}


def _unreachable(base: str, reason: str) -> Outcome:
    problem = Problem(
        f"GET {base}",
        f"Fikk ikke kontakt med testendepunktet («{reason}»).",
        "Sjekk at adressen er riktig og at endepunktet svarer fra internett.",
    )
    return Outcome(Status.FAIL, "Testendepunktet svarte ikke.", (problem,))


def _fail(request: str, text: str, hint: str) -> Outcome:
    return Outcome(Status.FAIL, text, (Problem(request, text, hint),))


def _metadata(target: _Endpoint) -> Outcome:
    request = "GET metadata"
    answer = target.call("GET", f"{target.base}/metadata")
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


def _create(target: _Endpoint) -> tuple[str | None, Outcome]:
    request = "POST Observation"
    answer = target.call("POST", f"{target.base}/Observation", testdata.sample_observation())
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


def _read(target: _Endpoint, created: str) -> Outcome:
    request = f"GET Observation/{shown(created)}"
    answer = target.call("GET", f"{target.base}/Observation/{urllib.parse.quote(created, safe='')}")
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


def _search(target: _Endpoint, created: str) -> Outcome:
    request = f"GET Observation?_id={shown(created)}"
    query = urllib.parse.urlencode({"_id": created})
    answer = target.call("GET", f"{target.base}/Observation?{query}")
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


def _rejects_invalid(target: _Endpoint) -> Outcome:
    request = "POST Observation (ugyldig)"
    invalid = {"resourceType": "Observation", "valueQuantity": {"value": "ikke et tall"}}
    answer = target.call("POST", f"{target.base}/Observation", invalid)
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
