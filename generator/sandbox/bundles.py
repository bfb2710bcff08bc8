"""The shape of the Bundle measurements are sent in to «Pasientens måledata»: type
batch, and every entry an Observation with a fullUrl `urn:uuid:…` (unique in the
Bundle) and a request `POST Observation`. The answer is a batch-response."""

from __future__ import annotations

import re
from typing import Any

from generator.sandbox.findings import Finding, shown

CHECK = "batch-bundle"
UUID_URN = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def check(bundle: dict[str, Any]) -> list[Finding]:
    findings = []
    kind = bundle.get("type")
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
            findings += _entry(entry, index, seen)
    return findings


def _entry(entry: dict[str, Any], index: int, seen: dict[str, int]) -> list[Finding]:
    findings = []
    full_url = entry.get("fullUrl")
    if not isinstance(full_url, str) or not UUID_URN.fullmatch(full_url):
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
    elif full_url in seen:
        findings.append(
            Finding(
                CHECK,
                ("entry", index, "fullUrl"),
                f"fullUrl er den samme som i entry[{seen[full_url]}].",
                "Gi hver entry sin egen UUID.",
            )
        )
    else:
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
    findings += _request(entry.get("request"), index)
    return findings


def _request(request: Any, index: int) -> list[Finding]:
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
    if request.get("method") != "POST":
        findings.append(
            Finding(
                CHECK,
                ("entry", index, "request", "method"),
                f"request.method er «{shown(request.get('method'))}»; nye målinger sendes med "
                "POST.",
                'Skriv «"method": "POST"».',
            )
        )
    if request.get("url") != "Observation":
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
