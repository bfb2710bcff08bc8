"""Live checks against a FHIR test endpoint (generator/sandbox/live.py), tried
against a small FHIR server this test starts on 127.0.0.1 (allowed only with the
explicit `local_endpoint`): one that behaves, and ones that break each
requirement. The refusal of internal addresses is proved without sending
anything: the resolver and the connecting function are replaced, and a connection
attempt fails the test. No other network."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.sandbox import kit, live
from generator.sandbox.report import Report, Status
from tests.support.fhir_examples import RS, observation, result, verify

LIVE = (
    "endpoint-metadata",
    "endpoint-create",
    "endpoint-read",
    "endpoint-search",
    "endpoint-rejects-invalid",
)


@dataclass
class Behaviour:
    fhir_version: str = "4.0.1"
    create_status: int = 201
    send_location: bool = True
    reject_invalid: bool = True
    outcome_on_reject: bool = True
    search_finds: bool = True
    delay: float = 0.0
    redirect_to: str | None = None
    stored: dict[str, Any] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    behaviour: Behaviour

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        b = self.behaviour
        b.requests.append(f"GET {self.path}")
        time.sleep(b.delay)
        if b.redirect_to is not None and self.path.startswith("/fhir/"):
            self.send_response(302)
            self.send_header("Location", b.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        parts = urlsplit(self.path)
        if parts.path == "/fhir/metadata":
            self._send(200, {"resourceType": "CapabilityStatement", "fhirVersion": b.fhir_version})
        elif parts.path.startswith("/fhir/Observation/"):
            found = b.stored.get(parts.path.rsplit("/", 1)[1])
            self._send(200, found) if found else self._send(404, _outcome("ikke funnet"))
        elif parts.path == "/fhir/Observation":
            wanted = parse_qs(parts.query).get("_id", [""])[0]
            hits = [r for i, r in b.stored.items() if i == wanted and b.search_finds]
            entries = [{"resource": r} for r in hits]
            self._send(200, {"resourceType": "Bundle", "type": "searchset", "entry": entries})
        else:
            self._send(404, _outcome("ukjent"))

    def do_POST(self) -> None:
        b = self.behaviour
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if b.reject_invalid and ("status" not in body or "code" not in body):
            self._send(400, _outcome("status og code mangler") if b.outcome_on_reject else {})
            return
        new_id = f"obs{len(b.stored) + 1}"
        b.stored[new_id] = {**body, "id": new_id}
        headers = {"Location": f"/fhir/Observation/{new_id}/_history/1"} if b.send_location else {}
        self._send(b.create_status, {"resourceType": "OperationOutcome", "issue": []}, headers)


def _outcome(text: str) -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "invalid", "diagnostics": text}],
    }


@pytest.fixture
def server() -> Iterator[tuple[str, Behaviour]]:
    behaviour = Behaviour()
    handler = type("Handler", (_Handler,), {"behaviour": behaviour})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/fhir", behaviour
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _live_report(endpoint: str | None) -> Report:
    return kit.verify_sources(
        [],
        RS,
        kit.Target("endepunkt", ("receive-vital-signs",), endpoint=endpoint, local_endpoint=True),
    )


def test_a_good_endpoint_passes_every_live_check(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    report = _live_report(url)
    assert [result(report, f"{name}").status for name in LIVE] == [Status.PASS] * 5
    assert report.verified
    (stored,) = behaviour.stored.values()  # the synthetic sample, and nothing else
    assert stored["code"] == observation()["code"]


@pytest.mark.parametrize(
    ("change", "failing", "words"),
    [
        ({"fhir_version": "3.0.2"}, "endpoint-metadata", "ikke 4.0.x"),
        ({"create_status": 200}, "endpoint-create", "svarte 200, ikke 201 Created"),
        ({"send_location": False}, "endpoint-create", "verken Location eller id"),
        ({"search_finds": False}, "endpoint-search", "fant ikke målingen"),
        ({"reject_invalid": False}, "endpoint-rejects-invalid", "fikk svaret 201, ikke 4xx"),
        ({"outcome_on_reject": False}, "endpoint-rejects-invalid", "ikke et OperationOutcome"),
    ],
)
def test_each_live_check_fails_on_an_endpoint_that_breaks_it(
    server: tuple[str, Behaviour], change: dict[str, Any], failing: str, words: str
) -> None:
    url, behaviour = server
    for key, value in change.items():
        setattr(behaviour, key, value)
    report = _live_report(url)
    outcome = result(report, failing)
    assert outcome.status is Status.FAIL and not report.verified
    assert any(words in m.text for m in outcome.messages), outcome.messages
    assert all(m.file == url and m.expression for m in outcome.messages)
    if failing == "endpoint-create":
        assert result(report, "endpoint-read").status is Status.SKIP


def test_a_silent_endpoint_fails_after_the_timeout(
    server: tuple[str, Behaviour], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, behaviour = server
    behaviour.delay = 1.0
    monkeypatch.setattr(live, "TIMEOUT_SECONDS", 0.2)
    outcome = result(_live_report(url), "endpoint-metadata")
    assert outcome.status is Status.FAIL
    assert "Fikk ikke kontakt med testendepunktet" in outcome.messages[0].text


def test_nobody_listening_is_a_failure_not_a_crash() -> None:
    report = _live_report("http://127.0.0.1:9/fhir")
    assert {result(report, name).status for name in LIVE} == {Status.FAIL}


def test_without_an_endpoint_the_live_checks_are_skipped() -> None:
    report = _live_report(None)
    assert {result(report, name).status for name in LIVE} == {Status.SKIP}
    assert "Ingen testendepunkt oppgitt" in result(report, LIVE[0]).summary


def test_check_never_calls_the_endpoint(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    report = kit.verify_sources(
        [], RS, kit.Target("x", ("receive-vital-signs",), endpoint=url, live=False)
    )
    assert {result(report, name).status for name in LIVE} == {Status.SKIP}
    assert "ikke av `markedsplass check`" in result(report, LIVE[0]).summary
    assert behaviour.stored == {}


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("http://fhir.example.no/r4", "Testendepunktet må være https://"),
        ("http://127.0.0.1:8080/fhir", "Testendepunktet må være https://"),
        ("https://bruker:passord@fhir.example.no", "kan ikke ha brukernavn eller passord"),
        ("ftp://127.0.0.1/", "Testendepunktet må være https://"),
        ("https:///fhir", "mangler vertsnavn"),
    ],
)
def test_endpoint_must_be_https(address: str, message: str) -> None:
    with pytest.raises(live.EndpointError, match=message):
        live.check_address(address)
    assert live.check_address("https://fhir.example.no/r4/") == "https://fhir.example.no/r4"
    # http only for a local test server, and only when asked for
    local = live.check_address("http://localhost:8080/fhir", local=True)
    assert local == "http://localhost:8080/fhir"


@pytest.fixture
def no_connection(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Any connection attempt fails the test (after recording where it went)."""
    attempts: list[tuple[str, int]] = []

    def refuse(address: tuple[str, int], timeout: float) -> Any:
        attempts.append(address)
        pytest.fail(f"koblet til {address}: det skulle aldri skjedd")

    monkeypatch.setattr(live, "_connect", refuse)
    return attempts


def _resolving(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Replace the DNS lookup: host -> addresses; return the hosts looked up."""
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return answers[host]

    monkeypatch.setattr(live, "_resolve", resolve)
    return asked


INTERNAL = [
    "https://10.0.0.1/fhir",
    "https://192.168.1.10/fhir",
    "https://172.16.5.4/fhir",
    "https://169.254.169.254/latest/meta-data",
    "https://127.0.0.1/fhir",
    "https://0x7f.1/fhir",
    "https://2130706433/fhir",
    "https://017700000001/fhir",
    "https://127.1/fhir",
    "https://0.0.0.0/fhir",
    "https://100.64.0.1/fhir",
    "https://224.0.0.1/fhir",
    "https://240.0.0.1/fhir",
    "https://[::1]/fhir",
    "https://[::ffff:127.0.0.1]/fhir",
    "https://[fe80::1]/fhir",
    "https://[fc00::1]/fhir",
    "https://[ff02::1]/fhir",
    "https://intern.example/fhir",
    "https://dobbel.example/fhir",
]


@pytest.mark.parametrize("address", INTERNAL)
def test_an_internal_address_is_refused_before_any_connection(
    address: str, no_connection: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a name that resolves inside the network, and one with a public and a private
    # answer: every answer must be public
    _resolving(
        monkeypatch,
        {"intern.example": ["10.1.2.3"], "dobbel.example": ["93.184.216.34", "10.1.2.3"]},
    )
    outcomes = live.run(address, RS, set(LIVE))
    assert {o.status for o in outcomes.values()} == {Status.FAIL}
    text = outcomes["endpoint-metadata"].problems[0].text
    assert "som er ikke offentlig" in text
    assert no_connection == []


@pytest.mark.parametrize("address", ["https://10.0.0.1/fhir", "http://192.168.1.10/fhir"])
def test_the_local_option_allows_loopback_only(
    address: str, no_connection: list[tuple[str, int]]
) -> None:
    outcomes = live.run(address, RS, set(LIVE), local=True)
    assert "som er ikke på denne maskinen (loopback)" in (
        outcomes["endpoint-metadata"].problems[0].text
    )
    assert no_connection == []


def test_the_connection_is_pinned_to_the_address_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The host is resolved once; every request goes to the address that was checked
    (here the connecting function records it and refuses, so nothing is sent)."""
    asked = _resolving(monkeypatch, {"fhir.example.no": ["93.184.216.34"]})
    attempts: list[tuple[str, int]] = []

    def record(address: tuple[str, int], timeout: float) -> Any:
        attempts.append(address)
        raise OSError("ingen nettilgang i testene")

    monkeypatch.setattr(live, "_connect", record)
    outcomes = live.run("https://fhir.example.no/r4", RS, set(LIVE))
    assert asked == ["fhir.example.no"]
    assert attempts and set(attempts) == {("93.184.216.34", 443)}
    assert "Fikk ikke kontakt" in outcomes["endpoint-metadata"].problems[0].text


def test_a_redirect_is_an_answer_never_followed(server: tuple[str, Behaviour]) -> None:
    url, behaviour = server
    behaviour.redirect_to = url.removesuffix("/fhir") + "/andre"  # the same server
    outcome = result(_live_report(url), "endpoint-metadata")
    assert outcome.status is Status.FAIL
    assert "/metadata svarte 302" in outcome.messages[0].text
    # the server saw the requests, and never one for the redirect's target
    assert behaviour.requests[0] == "GET /fhir/metadata"
    assert all(r.startswith("GET /fhir/") for r in behaviour.requests)


def test_a_reply_past_the_size_cap_is_not_read(
    server: tuple[str, Behaviour], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, behaviour = server
    behaviour.fhir_version = "4.0.1" + "x" * 5000
    monkeypatch.setattr(live, "MAX_RESPONSE_BYTES", 1000)
    outcome = result(_live_report(url), "endpoint-metadata")
    assert outcome.status is Status.FAIL
    assert "svaret var større enn" in outcome.messages[0].text


def test_live_and_resource_checks_together(server: tuple[str, Behaviour]) -> None:
    url, _ = server
    report = verify({"a.json": observation()}, capabilities=())
    assert result(report, "endpoint-metadata").status is Status.SKIP
    both = kit.verify_sources([], RS, kit.Target("x", endpoint=url, local_endpoint=True))
    assert result(both, "endpoint-metadata").status is Status.PASS
