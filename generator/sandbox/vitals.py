"""The VKP rules for one vital-signs Observation: effective time, the vital-signs
category, the LOINC and SNOMED CT codes of its profile, UCUM units, and the
blood-pressure panel's components. Which profile an Observation is comes from its
codes; the profiles themselves are data in the requirement set."""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Any

from generator.sandbox.findings import Finding, Loc, codes_in, codings, shown
from generator.sandbox.report import Level
from generator.sandbox.requirements import Measure, Profile, RequirementSet

# Units people write for the UCUM code, to say which code they meant.
UNIT_MISTAKES = {
    "c": "Cel",
    "°c": "Cel",
    "celsius": "Cel",
    "grader": "Cel",
    "f": "[degF]",
    "°f": "[degF]",
    "bpm": "/min",
    "slag/min": "/min",
    "per min": "/min",
    "1/min": "/min",
    "{beats}/min": "/min",
    "{breaths}/min": "/min",
    "mmhg": "mm[Hg]",
    "mm hg": "mm[Hg]",
    "mm[hg]": "mm[Hg]",
    "kilo": "kg",
    "kgs": "kg",
    "lb": "[lb_av]",
    "lbs": "[lb_av]",
    "prosent": "%",
    "percent": "%",
}
VALUE_KEYS = (
    "valueQuantity",
    "valueCodeableConcept",
    "valueString",
    "valueBoolean",
    "valueInteger",
    "valueRange",
    "valueRatio",
    "valueSampledData",
    "valueTime",
    "valueDateTime",
    "valuePeriod",
)


def profile_of(observation: dict[str, Any], rs: RequirementSet) -> Profile | None:
    """The profile whose LOINC code (or failing that, SNOMED CT code, then NPU code)
    the Observation carries, with the right code system."""
    code = observation.get("code")
    loinc = set(codes_in(code, rs.systems.loinc))
    for profile in rs.profiles:
        if profile.loinc is not None and profile.loinc in loinc:
            return profile
    snomed = set(codes_in(code, rs.systems.snomed))
    found = next((p for p in rs.profiles if p.snomed is not None and p.snomed in snomed), None)
    if found is not None or rs.systems.npu is None:
        return found
    npu = set(codes_in(code, rs.systems.npu))
    return next((p for p in rs.profiles if p.npu is not None and p.npu in npu), None)


def effective(observation: dict[str, Any]) -> list[Finding]:
    if "effectiveDateTime" in observation or "effectivePeriod" in observation:
        return []
    other = next((k for k in ("effectiveInstant", "effectiveTiming") if k in observation), None)
    if other:
        return [
            Finding(
                "effective",
                (other,),
                f"Vitale målinger oppgir tidspunktet som effectiveDateTime eller "
                f"effectivePeriod, ikke {other}.",
                f"Skriv tidspunktet i effectiveDateTime i stedet for {other}.",
            )
        ]
    return [
        Finding(
            "effective",
            (),
            "Tidspunktet for målingen (effective[x]) mangler.",
            "Legg til «effectiveDateTime» med tidspunktet målingen ble tatt, for eksempel "
            "2026-05-04T08:30:00+02:00.",
        )
    ]


def category(
    observation: dict[str, Any], rs: RequirementSet, profile: Profile | None
) -> list[Finding]:
    """The vital-signs category, where the measurement's profile requires it (the
    scores NEWS2, CFS and ACVPU require no category)."""
    if profile is not None and profile.category is None:
        return []
    categories = observation.get("category")
    concepts = categories if isinstance(categories, list) else []
    if any("vital-signs" in codes_in(c, rs.systems.category) for c in concepts):
        return []
    hint = (
        f'Legg til «"category": [{{"coding": [{{"system": "{rs.systems.category}", '
        '"code": "vital-signs"}]}]».'
    )
    for i, concept in enumerate(concepts):
        for j, coding in codings(concept):
            if coding.get("code") == "vital-signs":
                return [
                    Finding(
                        "category",
                        ("category", i, "coding", j, "system"),
                        "Kategorien vital-signs har feil kodesystem "
                        f"«{shown(coding.get('system'))}».",
                        f'Skriv «"system": "{rs.systems.category}"».',
                    )
                ]
    return [
        Finding(
            "category",
            ("category",) if concepts else (),
            "Kategorien vital-signs mangler: målingen blir ikke gjenkjent som en vital måling.",
            hint,
        )
    ]


def codes(
    observation: dict[str, Any], rs: RequirementSet, profile: Profile | None
) -> list[Finding]:
    """Findings for the codes; `profile` is `profile_of(observation, rs)`."""
    code = observation.get("code")
    if profile is None:
        return [_unknown_code(code, rs)]
    return _measure_codes(profile, code, ("code",), rs)


def _unknown_code(code: Any, rs: RequirementSet) -> Finding:
    known = {p.loinc: p for p in rs.profiles if p.loinc} | {
        p.snomed: p for p in rs.profiles if p.snomed
    }
    for j, coding in codings(code):
        value = coding.get("code")
        profile = known.get(value) if isinstance(value, str) else None
        if profile is not None:
            right = rs.systems.loinc if coding.get("code") == profile.loinc else rs.systems.snomed
            return Finding(
                "codes",
                ("code", "coding", j, "system"),
                f"Koden «{shown(coding.get('code'))}» ({profile.name}) står med kodesystemet "
                f"«{shown(coding.get('system'))}».",
                f'Skriv «"system": "{right}"».',
            )
    listing = ", ".join(
        f"{p.name} ({'LOINC ' + p.loinc if p.loinc else 'SNOMED CT ' + str(p.snomed)})"
        for p in rs.profiles
    )
    return Finding(
        "codes",
        ("code",),
        "Koden er ingen av de vitale målingene i kravsettet.",
        f"Bruk LOINC-koden for målingen: {listing}.",
    )


def _optional(missing: Finding) -> Finding:
    """A code whose slice the profile makes optional (0..*, Must Support): «bør»."""
    return replace(
        missing,
        level=Level.WARNING,
        text=f"{missing.text.removesuffix('.')} (profilen sier bør, ikke skal).",
    )


def _measure_codes(measure: Measure, code: Any, loc: Loc, rs: RequirementSet) -> list[Finding]:
    findings = []
    if measure.loinc is not None and measure.loinc not in codes_in(code, rs.systems.loinc):
        missing = _missing_code(
            "LOINC-koden for", measure, measure.loinc, rs.systems.loinc, code, loc
        )
        findings.append(_optional(missing) if measure.loinc_severity == "warning" else missing)
    npu = rs.systems.npu
    if measure.npu is not None and npu is not None and measure.npu not in codes_in(code, npu):
        missing = _missing_code("NPU-koden for", measure, measure.npu, npu, code, loc)
        findings.append(replace(missing, level=Level.WARNING))
    if measure.snomed is None:
        return findings
    snomed = [(j, c) for j, c in codings(code) if c.get("system") == rs.systems.snomed]
    if not snomed:
        what = "SNOMED CT-koden VKP bruker for"
        missing = _missing_code(what, measure, measure.snomed, rs.systems.snomed, code, loc)
        if measure.snomed_severity == "warning" and missing.loc[-1] != "system":
            missing = _optional(missing)
        findings.append(missing)
    elif all(c.get("code") != measure.snomed for _, c in snomed):
        j, wrong = snomed[0]
        findings.append(
            Finding(
                "codes",
                (*loc, "coding", j, "code"),
                f"SNOMED CT-koden «{shown(wrong.get('code'))}» hører ikke til {measure.name}.",
                f"VKP bruker {measure.snomed} for {measure.name}.",
            )
        )
    return findings


def _missing_code(
    what: str, measure: Measure, wanted: str, system: str, code: Any, loc: Loc
) -> Finding:
    """A code the measure needs is missing; or it is there under another system."""
    for j, coding in codings(code):
        if coding.get("code") == wanted:
            return Finding(
                "codes",
                (*loc, "coding", j, "system"),
                f"Koden «{wanted}» ({measure.name}) står med kodesystemet "
                f"«{shown(coding.get('system'))}».",
                f'Skriv «"system": "{system}"».',
            )
    return Finding(
        "codes",
        (*loc, "coding"),
        f"{what} {measure.name} mangler.",
        f'Legg til en coding: «{{"system": "{system}", "code": "{wanted}"}}».',
    )


def units(
    observation: dict[str, Any], rs: RequirementSet, profile: Profile | None
) -> tuple[list[Finding], bool]:
    """Findings for the units of the Observation's values, and whether any value
    was there to try."""
    if profile is None:
        return [], False
    findings: list[Finding] = []
    tried = False
    if profile.units and _has_value(observation):
        tried = True
        findings += _quantity(profile, observation, (), rs)
    for index, component, measure in _components(observation, profile, rs):
        if _has_value(component):
            tried = True
            findings += _quantity(measure, component, ("component", index), rs)
    return findings, tried


def _has_value(element: dict[str, Any]) -> bool:
    return any(key in element for key in VALUE_KEYS)


def _quantity(
    measure: Measure, element: dict[str, Any], loc: Loc, rs: RequirementSet
) -> list[Finding]:
    quantity = element.get("valueQuantity")
    if not isinstance(quantity, dict):
        other = next(k for k in VALUE_KEYS if k in element)
        return [
            Finding(
                "units",
                (*loc, other),
                f"Verdien for {measure.name} skal stå i valueQuantity, ikke i {other}.",
                f'Skriv verdien som «"valueQuantity": {{"value": …, "system": '
                f'"{rs.systems.ucum}", "code": "{measure.example_unit or measure.units[0]}"}}».',
            )
        ]
    findings = []
    value = quantity.get("value")
    if not isinstance(value, int | float) or isinstance(value, bool):
        findings.append(
            Finding(
                "units",
                (*loc, "valueQuantity", "value"),
                f"Verdien for {measure.name} er ikke et tall.",
                "Skriv den målte verdien som et tall uten anførselstegn, for eksempel 72.",
            )
        )
    if quantity.get("system") != rs.systems.ucum:
        where = "system" if "system" in quantity else None
        findings.append(
            Finding(
                "units",
                (*loc, "valueQuantity", *((where,) if where else ())),
                "Enheten er ikke oppgitt med UCUM"
                + (f": systemet er «{shown(quantity.get('system'))}»." if where else "."),
                f'Skriv «"system": "{rs.systems.ucum}"» i valueQuantity.',
            )
        )
    unit = quantity.get("code")
    if unit not in measure.units:
        findings.append(_wrong_unit(measure, unit, (*loc, "valueQuantity"), "code" in quantity))
    return findings


def _wrong_unit(measure: Measure, unit: Any, loc: Loc, present: bool) -> Finding:
    allowed = ", ".join(f"«{u}»" for u in measure.units)
    if not present:
        return Finding(
            "units",
            loc,
            f"UCUM-koden for enheten mangler i valueQuantity for {measure.name}.",
            f'Skriv «"code": "{measure.example_unit or measure.units[0]}"» (tillatt: {allowed}).',
        )
    text = unit if isinstance(unit, str) else ""
    meant = UNIT_MISTAKES.get(text.strip().lower())
    if meant not in measure.units:
        close = difflib.get_close_matches(text, measure.units, n=1, cutoff=0.5)
        meant = close[0] if close else None
    suggestion = f"Mente du «{meant}»? " if meant else ""
    return Finding(
        "units",
        (*loc, "code"),
        f"«{shown(unit)}» er ikke en UCUM-enhet som er tillatt for {measure.name}.",
        f"{suggestion}Bruk en av UCUM-kodene {allowed} i «code».",
    )


def _components(
    observation: dict[str, Any], profile: Profile, rs: RequirementSet
) -> list[tuple[int, dict[str, Any], Measure]]:
    """Components paired with the profile component their LOINC code names."""
    found = []
    components = observation.get("component")
    for index, component in enumerate(components if isinstance(components, list) else []):
        if not isinstance(component, dict):
            continue
        loinc = set(codes_in(component.get("code"), rs.systems.loinc))
        measure = next((m for m in profile.components if m.loinc in loinc), None)
        if measure is not None:
            found.append((index, component, measure))
    return found


def blood_pressure(
    observation: dict[str, Any], rs: RequirementSet, profile: Profile
) -> list[Finding]:
    """Findings for a panel: `profile` is the Observation's, one with components."""
    if not profile.components:
        return []
    findings = []
    if _has_value(observation):
        key = next(k for k in VALUE_KEYS if k in observation)
        findings.append(
            Finding(
                "blood-pressure",
                (key,),
                f"Blodtrykkspanelet har en egen verdi ({key}).",
                "Fjern verdien fra panelet: systolisk og diastolisk trykk står i hver sin "
                "komponent.",
            )
        )
    paired = _components(observation, profile, rs)
    for measure in profile.components:
        matches = [(i, c) for i, c, m in paired if m is measure]
        if not matches:
            findings.append(
                Finding(
                    "blood-pressure",
                    ("component",) if "component" in observation else (),
                    f"Komponenten for {measure.name} (LOINC {measure.loinc}) mangler.",
                    f"Legg til en komponent med «code» LOINC {measure.loinc} og verdien i "
                    f"valueQuantity ({measure.example_unit}).",
                )
            )
            continue
        if len(matches) > 1:
            findings.append(
                Finding(
                    "blood-pressure",
                    ("component", matches[1][0]),
                    f"Komponenten for {measure.name} står mer enn én gang.",
                    "Send én måling per blodtrykk; fjern den ekstra komponenten.",
                )
            )
        index, component = matches[0]
        findings += [
            replace(f, check="blood-pressure")
            for f in _measure_codes(
                measure, component.get("code"), ("component", index, "code"), rs
            )
        ]
        if not _has_value(component) and "dataAbsentReason" not in component:
            findings.append(
                Finding(
                    "blood-pressure",
                    ("component", index),
                    f"Komponenten for {measure.name} har verken verdi eller dataAbsentReason.",
                    f"Skriv trykket i valueQuantity ({measure.example_unit}).",
                )
            )
    findings += _bound(observation, "bodySite", profile.body_sites, "målested", rs)
    findings += _bound(observation, "method", profile.methods, "målemetode", rs)
    findings += _performer_types(observation, profile, rs)
    return findings


def _bound(
    observation: dict[str, Any], key: str, allowed: tuple[str, ...], what: str, rs: RequirementSet
) -> list[Finding]:
    """A required binding to a SNOMED CT value set: when the element is there, its
    coding must be one of the codes (the profile fixes the system too)."""
    concept = observation.get(key)
    if not allowed or not isinstance(concept, dict):
        return []
    listed = codings(concept)
    if any(c.get("system") == rs.systems.snomed and c.get("code") in allowed for _, c in listed):
        return []
    where: Loc = (key, "coding", listed[0][0]) if listed else (key,)
    shown_code = shown(listed[0][1].get("code")) if listed else "ingen koding"
    return [
        Finding(
            "blood-pressure",
            where,
            f"{what.capitalize()} ({key}) «{shown_code}» er ikke i verdisettet profilen krever "
            "(påkrevd binding, SNOMED CT).",
            f'Bruk en av SNOMED CT-kodene {", ".join(allowed)} med «"system": '
            f'"{rs.systems.snomed}"», eller utelat {key}.',
        )
    ]


def _performer_types(
    observation: dict[str, Any], profile: Profile, rs: RequirementSet
) -> list[Finding]:
    """Who may perform the measurement, when the profile narrows it (blood pressure:
    a Practitioner), from the performer's `type` or the kind of its identifier."""
    performers = observation.get("performer")
    if not profile.performer_types or not isinstance(performers, list):
        return []
    kinds = {s.system: s.type for s in rs.performer_identifier_systems if s.type}
    findings = []
    for index, party in enumerate(performers):
        if not isinstance(party, dict):
            continue
        identifier = party.get("identifier")
        system = identifier.get("system") if isinstance(identifier, dict) else None
        given = party.get("type")
        kind = given if isinstance(given, str) else kinds.get(system) if system else None
        if isinstance(kind, str) and kind not in profile.performer_types:
            allowed = " eller ".join(profile.performer_types)
            findings.append(
                Finding(
                    "blood-pressure",
                    ("performer", index),
                    f"Blodtrykk utføres av {allowed} i profilen, men performer[{index}] er "
                    f"{shown(kind)}.",
                    "Oppgi personen som målte (fødselsnummer, «type»: «Practitioner»); "
                    "virksomheten hører ikke hjemme her for blodtrykk.",
                )
            )
    return findings
