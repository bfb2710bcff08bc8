"""Who a measurement is about and who took it: VKP refers to both logically, by
identifier. The patient (`subject`) by fødselsnummer, D-nummer or felles
hjelpenummer, with the name in `subject.display`; the performer by fødselsnummer
(a person) or organisasjonsnummer / RESH-id (an organisation).

Numbers are never repeated in a message: they are masked. Whether a number is
synthetic is the privacy guard's question (privacy.py), not this module's."""

from __future__ import annotations

from typing import Any

from generator.norway import identifiers, personal_numbers
from generator.norway.personal_numbers import ELEVEN_DIGITS, Series
from generator.sandbox.findings import Finding, Loc, shown
from generator.sandbox.requirements import IdentifierSystem, RequirementSet


def subject_identifier(observation: dict[str, Any], rs: RequirementSet) -> list[Finding]:
    check = "subject-identifier"
    subject = observation.get("subject")
    if not isinstance(subject, dict):
        return [
            Finding(
                check,
                (),
                "Pasienten (subject) mangler.",
                "Legg til «subject» med «identifier» (system og value) og «display».",
            )
        ]
    identifier = subject.get("identifier")
    if not isinstance(identifier, dict):
        how = (
            " (subject.reference alene er ikke nok)"
            if isinstance(subject.get("reference"), str)
            else ""
        )
        return [
            Finding(
                check,
                ("subject",),
                f"Pasienten er ikke oppgitt med identifikator{how}.",
                'VKP viser til pasienten med identifikator: «"identifier": {"system": '
                f'"{rs.subject_identifier_systems[0].system}", "value": "…"}}», med '
                "fødselsnummeret i value.",
            )
        ]
    return _identifier(check, identifier, ("subject", "identifier"), rs.subject_identifier_systems)


def subject_display(observation: dict[str, Any]) -> list[Finding]:
    subject = observation.get("subject")
    display = subject.get("display") if isinstance(subject, dict) else None
    if isinstance(display, str) and display.strip():
        return []
    return [
        Finding(
            "subject-display",
            ("subject",) if isinstance(subject, dict) else (),
            "Pasientens navn (subject.display) mangler.",
            "Skriv pasientens navn i «display» under «subject».",
        )
    ]


def performer(observation: dict[str, Any], rs: RequirementSet) -> tuple[list[Finding], bool]:
    """Findings for each performer, and whether the Observation names any."""
    performers = observation.get("performer")
    if not isinstance(performers, list) or not performers:
        return [], False
    findings = []
    for index, party in enumerate(performers):
        if not isinstance(party, dict):
            continue
        loc: Loc = ("performer", index)
        identifier = party.get("identifier")
        if not isinstance(identifier, dict):
            findings.append(
                Finding(
                    "performer",
                    loc,
                    "Den som utførte målingen er ikke oppgitt med identifikator.",
                    "Skriv «identifier» med fødselsnummer for helsepersonell, eller "
                    "organisasjonsnummer/RESH-id for virksomheten.",
                )
            )
            continue
        found = _identifier(
            "performer", identifier, (*loc, "identifier"), rs.performer_identifier_systems
        )
        findings += found
        system = next(
            (s for s in rs.performer_identifier_systems if s.system == identifier.get("system")),
            None,
        )
        kind = party.get("type")
        if system is not None and system.type and isinstance(kind, str) and kind != system.type:
            findings.append(
                Finding(
                    "performer",
                    (*loc, "type"),
                    f"«type» er «{shown(kind)}», men identifikatoren er et {system.name}.",
                    f'Skriv «"type": "{system.type}"», eller bruk identifikatoren som hører til.',
                )
            )
    return findings, True


def _identifier(
    check: str, identifier: dict[str, Any], loc: Loc, systems: tuple[IdentifierSystem, ...]
) -> list[Finding]:
    system_uri = identifier.get("system")
    system = next((s for s in systems if s.system == system_uri), None)
    if system is None:
        allowed = "; ".join(f"{s.system} ({s.name})" for s in systems)
        return [
            Finding(
                check,
                (*loc, "system") if "system" in identifier else loc,
                f"Identifikatorsystemet «{shown(system_uri)}» er ikke tillatt her."
                if "system" in identifier
                else "Identifikatoren mangler «system».",
                f"Bruk et av: {allowed}.",
            )
        ]
    value = identifier.get("value")
    if not isinstance(value, str) or not value:
        return [
            Finding(
                check,
                loc,
                f"Identifikatoren mangler «value» ({system.name}).",
                f"Skriv {system.name}et i «value».",
            )
        ]
    problem = _value_problem(system, value)
    if problem is None:
        return []
    return [Finding(check, (*loc, "value"), problem[0], problem[1])]


def _value_problem(system: IdentifierSystem, value: str) -> tuple[str, str] | None:
    """What is wrong with `value` as a number of `system`'s kind, or None."""
    shown_value = personal_numbers.mask(value) if value.isdigit() else shown(value)
    if system.kind == "orgnr":
        if identifiers.is_orgnr(value):
            return None
        return (
            f"«{shown_value}» er ikke et gyldig organisasjonsnummer (ni sifre, mod-11).",
            "Sjekk nummeret i Enhetsregisteret.",
        )
    if system.kind == "resh":
        if value.isdigit() and len(value) <= 9:
            return None
        return (
            f"«{shown_value}» er ingen RESH-id (bare sifre).",
            "Bruk virksomhetens id fra RESH (Register for enheter i spesialisthelsetjenesten).",
        )
    if not ELEVEN_DIGITS.fullmatch(value):
        return (
            f"«{shown_value}» er ikke et {system.name}: det har elleve sifre uten mellomrom.",
            "Skriv nummeret som elleve sifre, uten mellomrom eller bindestrek.",
        )
    if system.kind == "fhn":
        # Felles hjelpenummer: first digit 8 or 9, check digits as a fødselsnummer.
        # UNCONFIRMED: from NHN's description, not checked against their specification.
        if value[0] in "89" and personal_numbers.has_valid_check_digits(value):
            return None
        return (
            f"«{shown_value}» er ikke et gyldig felles hjelpenummer.",
            "Et felles hjelpenummer begynner med 8 eller 9 og har gyldige kontrollsifre.",
        )
    number = personal_numbers.parse(value)
    if number is None:
        return (
            f"«{shown_value}» er ikke et gyldig {system.name}: kontrollsifrene eller datoen "
            "stemmer ikke.",
            "Bruk et syntetisk nummer med riktige kontrollsifre, for eksempel fra "
            "`markedsplass testdata`.",
        )
    if number.series is Series.H_NUMBER:
        return (
            f"«{shown_value}» er et H-nummer (måned + 40), ikke et {system.name}.",
            "Bruk et syntetisk fødselsnummer (måned + 80 eller + 65).",
        )
    if system.kind == "fnr" and number.d_number:
        return (
            f"«{shown_value}» er et D-nummer (dag + 40), men systemet sier fødselsnummer.",
            "Bruk systemet for D-nummer (urn:oid:2.16.578.1.12.4.1.4.2), eller et fødselsnummer.",
        )
    if system.kind == "dnr" and not number.d_number:
        return (
            f"«{shown_value}» er et fødselsnummer, men systemet sier D-nummer.",
            "Bruk systemet for fødselsnummer (urn:oid:2.16.578.1.12.4.1.4.1), eller et D-nummer.",
        )
    return None
