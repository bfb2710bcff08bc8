"""A CapabilityStatement among the examples: it should say FHIR 4.0.x and that the
solution creates Observations (as a client sending to the EPJ, or as a server)."""

from __future__ import annotations

from typing import Any

from generator.sandbox.findings import Finding, shown

CHECK = "capability-statement"


def check(statement: dict[str, Any]) -> list[Finding]:
    findings = []
    version = statement.get("fhirVersion")
    if not (isinstance(version, str) and version.startswith("4.0.")):
        findings.append(
            Finding(
                CHECK,
                ("fhirVersion",) if "fhirVersion" in statement else (),
                f"fhirVersion er «{shown(version)}», ikke FHIR R4 (4.0.x).",
                'Skriv «"fhirVersion": "4.0.1"».',
            )
        )
    if not _creates_observations(statement):
        findings.append(
            Finding(
                CHECK,
                ("rest",) if "rest" in statement else (),
                "CapabilityStatement sier ikke at løsningen oppretter Observation.",
                "Under «rest» (mode client eller server): legg til en «resource» med "
                '«"type": "Observation", "interaction": [{"code": "create"}]».',
            )
        )
    return findings


def _creates_observations(statement: dict[str, Any]) -> bool:
    rests = statement.get("rest")
    for rest in rests if isinstance(rests, list) else []:
        resources = rest.get("resource") if isinstance(rest, dict) else None
        for resource in resources if isinstance(resources, list) else []:
            if not isinstance(resource, dict) or resource.get("type") != "Observation":
                continue
            interactions = resource.get("interaction")
            for interaction in interactions if isinstance(interactions, list) else []:
                if isinstance(interaction, dict) and interaction.get("code") == "create":
                    return True
    return False
