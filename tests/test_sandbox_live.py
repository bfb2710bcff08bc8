"""Live checks against a FHIR test endpoint (generator/sandbox/live.py), tried
against a small FHIR server this test starts on 127.0.0.1: one that behaves, and
ones that break each requirement. No other network."""

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
    stored: dict[str, Any] = field(default_factory=dict)


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
        time.sleep(b.delay)
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
        [], RS, kit.Target("endepunkt", ("receive-vital-signs",), endpoint=endpoint)
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
        ("https://bruker:passord@fhir.example.no", "kan ikke ha brukernavn eller passord"),
        ("ftp://127.0.0.1/", "Testendepunktet må være https://"),
    ],
)
def test_endpoint_must_be_https_except_on_loopback(address: str, message: str) -> None:
    with pytest.raises(live.EndpointError, match=message):
        live.check_address(address)
    assert live.check_address("https://fhir.example.no/r4/") == "https://fhir.example.no/r4"
    assert live.check_address("http://localhost:8080/fhir") == "http://localhost:8080/fhir"


def test_live_and_resource_checks_together(server: tuple[str, Behaviour]) -> None:
    url, _ = server
    report = verify({"a.json": observation()}, capabilities=())
    assert result(report, "endpoint-metadata").status is Status.SKIP
    both = kit.verify_sources([], RS, kit.Target("x", endpoint=url))
    assert result(both, "endpoint-metadata").status is Status.PASS
