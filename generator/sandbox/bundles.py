"""The shape of the Bundle measurements are sent in to «Pasientens måledata»: type
batch, and every entry an Observation with a fullUrl unique in the Bundle and a
request on `Observation` with one of the methods the requirement set allows. The
official profile (PmdBundleObservation) allows POST and PUT and asks only for a
unique fullUrl; vkp-vitals-1 asked for POST and `urn:uuid:`. The answer is a
batch-response."""

from __future__ import annotations

import re
from typing import Any

from generator.sandbox.findings import Finding, shown
from generator.sandbox.requirements import BundleRules

CHECK = "batch-bundle"
UUID_URN = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def check(bundle: dict[str, Any], rules: BundleRules) -> list[Finding]:
    findings = []
    kind = bundle.get("type")
    if kind == "batch-response" and rules.responses:
        return _response(bundle)
    if kind != "batch":
        findings.append(
            Finding(
                CHECK,
                ("type",),
                f"Bundle har typen «{shown(kind)}»; målinger sendes som batch.",
                'Skriv «"type": "batch"».',
            )
        )
    entries = bundle.get("entry")
    if not isinstance(entries, list) or not entries:
        findings.append(
            Finding(
                CHECK,
                ("entry",) if "entry" in bundle else (),
                "Bundle har ingen entry: det er ingen målinger å sende.",
                "Legg hver måling i en entry med fullUrl, resource og request.",
            )
        )
        return findings
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if isinstance(entry, dict):
            findings += _entry(entry, index, seen, rules)
    return findings


def _entry(
    entry: dict[str, Any], index: int, seen: dict[str, int], rules: BundleRules
) -> list[Finding]:
    findings = []
    full_url = entry.get("fullUrl")
    if rules.full_url == "unique" and (not isinstance(full_url, str) or not full_url.strip()):
        findings.append(
            Finding(
                CHECK,
                ("entry", index, "fullUrl") if "fullUrl" in entry else ("entry", index),
                "fullUrl mangler: hver entry skal ha en id som er unik i Bundle, så svaret "
                "kan vise til den.",
                "Gi hver entry en fullUrl, for eksempel "
                '«"fullUrl": "urn:uuid:6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b"».',
            )
        )
    elif rules.full_url == "urn-uuid" and (
        not isinstance(full_url, str) or not UUID_URN.fullmatch(full_url)
    ):
        findings.append(
            Finding(
                CHECK,
                ("entry", index, "fullUrl") if "fullUrl" in entry else ("entry", index),
                "fullUrl mangler eller er ikke urn:uuid: med en UUID med små bokstaver"
                + (f" («{shown(full_url)}»)." if full_url is not None else "."),
                "Gi hver entry en fullUrl med «urn:uuid:» og en ny UUID, for eksempel "
                '«"fullUrl": "urn:uuid:6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b"».',
            )
        )
    elif isinstance(full_url, str) and full_url in seen:
        findings.append(
            Finding(
                CHECK,
                ("entry", index, "fullUrl"),
                f"fullUrl er den samme som i entry[{seen[full_url]}].",
                "Gi hver entry sin egen fullUrl, for eksempel en ny UUID.",
            )
        )
    elif isinstance(full_url, str):
        seen[full_url] = index
    resource = entry.get("resource")
    kind = resource.get("resourceType") if isinstance(resource, dict) else None
    if kind != "Observation":
        findings.append(
            Finding(
                CHECK,
                ("entry", index, "resource") if resource is not None else ("entry", index),
                "Entry inneholder ingen Observation"
                + (f" (men «{shown(kind)}»)." if isinstance(kind, str) else "."),
                "Legg målingen i «resource»; andre ressurstyper hører ikke hjemme her.",
            )
        )
    findings += _request(entry.get("request"), index, rules)
    return findings


def _request(request: Any, index: int, rules: BundleRules) -> list[Finding]:
    if not isinstance(request, dict):
        return [
            Finding(
                CHECK,
                ("entry", index),
                "Entry mangler «request».",
                'Legg til «"request": {"method": "POST", "url": "Observation"}».',
            )
        ]
    findings = []
    method = request.get("method")
    if method not in rules.methods:
        allowed = " eller ".join(rules.methods)
        findings.append(
            Finding(
                CHECK,
                ("entry", index, "request", "method"),
                f"request.method er «{shown(method)}»; målinger sendes med {allowed}.",
                f'Skriv «"method": "{rules.methods[0]}"».',
            )
        )
    url = request.get("url")
    if method == "PUT" and "PUT" in rules.methods:
        if not isinstance(url, str) or not url.startswith("Observation/") or url == "Observation/":
            findings.append(
                Finding(
                    CHECK,
                    ("entry", index, "request", "url"),
                    f"request.url er «{shown(url)}»; med PUT oppdateres en bestemt måling.",
                    'Skriv «"url": "Observation/<id>"» med målingens id.',
                )
            )
    elif method == "POST" and url != "Observation":
        findings.append(
            Finding(
                CHECK,
                ("entry", index, "request", "url"),
                f"request.url er «{shown(request.get('url'))}»; målinger opprettes på "
                "«Observation».",
                'Skriv «"url": "Observation"».',
            )
        )
    return findings


def _response(bundle: dict[str, Any]) -> list[Finding]:
    """The answer from Pasientens måledata (pmd-Bundle-Response): at least one entry,
    each with the fullUrl of the request entry it answers and a response."""
    entries = bundle.get("entry")
    if not isinstance(entries, list) or not entries:
        return [
            Finding(
                CHECK,
                ("entry",) if "entry" in bundle else (),
                "Svaret (batch-response) har ingen entry; det skal svare på hver måling.",
                "Legg til én entry per måling i forespørselen, med dens fullUrl og response.",
            )
        ]
    findings = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        full_url = entry.get("fullUrl")
        if not isinstance(full_url, str) or not full_url.strip():
            findings.append(
                Finding(
                    CHECK,
                    ("entry", index),
                    "Svaret mangler fullUrl: den viser hvilken måling i forespørselen svaret "
                    "gjelder.",
                    "Gjenta fullUrl fra forespørselens entry i svarets entry.",
                )
            )
        response = entry.get("response")
        if not isinstance(response, dict) or not response.get("status"):
            findings.append(
                Finding(
                    CHECK,
                    ("entry", index, "response") if "response" in entry else ("entry", index),
                    "Svaret mangler response med status.",
                    'Legg til «"response": {"status": "201 Created"}» (eller feilen).',
                )
            )
    return findings
