"""A deterministic mix of Observations that looks like real traffic to the
sandbox, for `benchmarks/verify.py --mix real`.

Every measurement kind of the requirement set `vkp-observation` in realistic
proportions (mostly vital signs; some glucose, body height and BMI, NEWS2, CFS
and ACVPU), shaped as HL7 Norway's official VKP examples are (meta, an external
identifier, notes, bodySite and method on blood pressure, a person and an
organisation as performers, a date without time now and then, NEWS2 with its
sub-scores as components, the scores without the vital-signs category). Some
leave out what the profiles only mark Must Support (the SNOMED CT code, the NPU
code, subject.display): «bør» notes that never stop a verification.

About one in ten Observations is sent as a file of its own, the rest in batch
Bundles of 1–40 entries (most for one patient, some for several), with fullUrl
urn:uuid or an https URI and request POST (`Observation`) or PUT
(`Observation/<id>`, the resource carrying that id). Half the files are written
compact, half indented. Patients and nurses get synthetic identity numbers from
`generator.sandbox.testdata.person` (month + 80; one patient in ten a D-nummer).

Same `observations` and `seed`: the same files, byte for byte."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from generator.sandbox import requirements, testdata
from generator.sandbox.requirements import Profile, RequirementSet

SET_ID = "vkp-observation"
# Observations per 1,000 by profile: vital signs 780, glucose 80, height 20,
# BMI 30, NEWS2 50, CFS 20, ACVPU 20.
WEIGHTS = {
    "heart-rate": 160,
    "respiratory-rate": 100,
    "oxygen-saturation": 160,
    "body-temperature": 120,
    "body-weight": 80,
    "blood-pressure": 160,
    "glucose": 80,
    "body-height": 20,
    "body-mass-index": 30,
    "news2": 50,
    "clinical-frailty-scale": 20,
    "level-of-consciousness": 20,
}
SINGLE_SHARE = 0.7  # of the sends: 70 % of the files, about 10 % of the Observations
MAX_ENTRIES = 40
NO_SNOMED = 0.10  # a vital sign or glucose without its SNOMED CT code («bør»)
NO_NPU = 0.25  # a glucose without its NPU code («bør»)
NO_DISPLAY = 0.05  # no subject.display («bør»)
DATE_ONLY = 0.05  # effectiveDateTime as a date, as in the guide's examples
BASE_URL = "https://hjemmepuls.example.no/fhir"
EXTERNAL_ID = "https://hjemmepuls.example.no/fhir/NamingSystem/maling-id"
ORGNR = "urn:oid:2.16.578.1.12.4.1.4.101"
RESH = "urn:oid:2.16.578.1.12.4.1.4.102"
CATEGORY_TEXT = {"vital-signs": "Vital Signs", "survey": "Survey"}
NEWS2_PARTS = (  # sub-scores of vkp-news2-create: SNOMED CT code, text, highest score
    ("1104301000000104", "Respirasjonsfrekvens", 3),
    ("1104321000000108", "Oksygenmetning, skala 2", 3),
    ("1104331000000105", "Luft eller oksygen", 2),
    ("1104341000000101", "Systolisk blodtrykk", 3),
    ("1104351000000103", "Puls", 3),
    ("1104361000000100", "Bevissthet", 3),
    ("1104371000000102", "Temperatur", 3),
)
ACVPU = (  # level of consciousness: SNOMED CT code, text; mostly alert
    ("248234008", "A: våken"),
    ("130987000", "C: nyoppstått forvirring"),
    ("300202002", "V: reagerer på tiltale"),
    ("450847001", "P: reagerer på smerte"),
    ("422768004", "U: reagerer ikke"),
)
UPPER_ARM = ("368209003", "368208006")  # right and left upper arm, the usual places
SOURCES = ("Hjemmepuls", "Hjemmepuls mobil", "Hjemmepuls nettbrett")
NOTES = (
    "Målt hjemme hos bruker.",
    "Bruker i hvile i ti minutter før måling.",
    "Kontrollmåling etter telefon fra pårørende.",
    "Målt av hjemmesykepleien ved morgenbesøk.",
)


@dataclass(frozen=True, slots=True)
class Mix:
    """What was written, for the benchmark's summary."""

    files: int
    single_files: int
    bundles: int
    observations: int
    by_profile: dict[str, int]


def _orgnr(rng: random.Random) -> str:
    while True:
        first = f"9{rng.randrange(10**7):07d}"
        check = sum(int(d) * w for d, w in zip(first, (3, 2, 7, 6, 5, 4, 3, 2), strict=True))
        digit = (11 - check % 11) % 11
        if digit != 10:
            return f"{first}{digit}"


def _profile_url(profile: Profile) -> str | None:
    source = (profile.source or "").split()
    if not source or not source[0].startswith("http"):
        return None
    return source[0].rstrip(":")


def _quantity(value: float, unit: str, code: str, rs: RequirementSet) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": rs.systems.ucum, "code": code}


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return coding


class _Maker:
    def __init__(self, rng: random.Random, rs: RequirementSet) -> None:
        self.rng = rng
        self.rs = rs
        self.profiles = {p.id: p for p in rs.profiles}
        self.nurses = [testdata.person(rng, born_from=1965, born_to=2000) for _ in range(24)]
        self.patients = [
            testdata.person(rng, born_from=1925, born_to=1960, d_number=rng.random() < 0.1)
            for _ in range(400)
        ]
        self.organisations = [_orgnr(rng) for _ in range(6)]
        self.count = 0

    def observation(self, profile_id: str, patient: testdata.Person) -> dict[str, Any]:
        rng, rs = self.rng, self.rs
        profile = self.profiles[profile_id]
        nurse = rng.choice(self.nurses)
        day = testdata.START + timedelta(days=rng.randrange(60))
        when = datetime.combine(day, datetime.min.time()).replace(
            tzinfo=testdata.OSLO_WINTER
        ) + timedelta(minutes=rng.randint(7 * 60, 21 * 60), seconds=rng.randrange(60))
        if profile.capability == "send-vital-signs":
            resource = testdata.observation(
                profile, patient, nurse, when, self._vital(profile_id), rs
            )
        else:
            resource = self._other(profile, patient, nurse, when)
        self.count += 1
        self._official_shape(resource, profile, day)
        return resource

    def _vital(self, profile_id: str) -> tuple[float, ...]:
        gauss = self.rng.gauss
        if profile_id == "blood-pressure":
            systolic = min(max(gauss(138, 17), 90), 200)
            return (systolic, min(max(gauss(80, 9), 50), systolic - 20))
        centre, spread, low, high = {
            "heart-rate": (76, 11, 40, 150),
            "respiratory-rate": (17, 2.5, 8, 35),
            "oxygen-saturation": (95, 2.2, 80, 100),
            "body-temperature": (36.9, 0.45, 35.2, 40.8),
            "body-weight": (74, 15, 38, 160),
        }[profile_id]
        return (min(max(gauss(centre, spread), low), high),)

    def _other(
        self, profile: Profile, patient: testdata.Person, nurse: testdata.Person, when: datetime
    ) -> dict[str, Any]:
        rng, rs = self.rng, self.rs
        systems = rs.systems
        coding = []
        if profile.loinc:
            coding.append(_coding(systems.loinc, profile.loinc, profile.display))
        if profile.snomed and (profile.id != "glucose" or rng.random() >= NO_SNOMED):
            coding.append(_coding(systems.snomed, profile.snomed, profile.display))
        if profile.npu and systems.npu and rng.random() >= NO_NPU:
            coding.append(_coding(systems.npu, profile.npu, "B—Glukose"))
        resource: dict[str, Any] = {"resourceType": "Observation", "status": "final"}
        category = "vital-signs" if profile.category or profile.id == "glucose" else "survey"
        if profile.category or rng.random() < 0.5:  # the scores' examples say survey
            resource["category"] = [
                {
                    "coding": [_coding(systems.category, category, CATEGORY_TEXT[category])],
                    "text": CATEGORY_TEXT[category],
                }
            ]
        resource["code"] = {"coding": coding, "text": profile.name.capitalize()}
        resource["subject"] = {
            "identifier": {"system": patient.system, "value": patient.number},
            "display": patient.display,
        }
        resource["effectiveDateTime"] = when.isoformat()
        resource["performer"] = [
            {
                "type": "Practitioner",
                "identifier": {"system": testdata.FNR, "value": nurse.number},
                "display": nurse.display,
            }
        ]
        if profile.id == "glucose":
            value = round(min(max(rng.gauss(7.2, 2.0), 2.5), 25.0), 1)
            resource["valueQuantity"] = _quantity(value, "mmol/L", "mmol/L", rs)
        elif profile.id == "body-height":
            resource["valueQuantity"] = _quantity(round(rng.gauss(170, 9)), "cm", "cm", rs)
        elif profile.id == "body-mass-index":
            value = round(min(max(rng.gauss(26, 4.5), 15), 48), 1)
            resource["valueQuantity"] = _quantity(value, "kg/m2", "kg/m2", rs)
        elif profile.id == "news2":
            parts = [
                (code, text, rng.choice((0, 0, 0, 0, 1, 1, 2, top)))
                for code, text, top in NEWS2_PARTS
            ]
            total = sum(score for _, _, score in parts)
            resource["valueQuantity"] = _quantity(total, "score", "{score}", rs)
            if rng.random() < 0.6:  # as vkp-news2-create: the sub-scores as components
                resource["component"] = [
                    {
                        "code": {"coding": [_coding(systems.snomed, code)], "text": text},
                        "valueQuantity": {"value": score},
                    }
                    for code, text, score in parts
                ]
        elif profile.id == "clinical-frailty-scale":
            resource["valueQuantity"] = {"value": rng.choice((2, 3, 3, 4, 4, 5, 5, 6, 7))}
        else:  # level of consciousness (ACVPU)
            code, text = ACVPU[0] if rng.random() < 0.85 else rng.choice(ACVPU[1:])
            resource["valueCodeableConcept"] = {
                "coding": [_coding(systems.snomed, code)],
                "text": text,
            }
        return resource

    def _official_shape(self, resource: dict[str, Any], profile: Profile, day: date) -> None:
        """What the guide's examples carry besides the measurement, and the optional
        parts left out now and then."""
        rng, rs = self.rng, self.rs
        if rng.random() < 0.6:
            meta: dict[str, Any] = {
                "versionId": "1",
                "lastUpdated": resource["effectiveDateTime"],
                "source": rng.choice(SOURCES),
            }
            url = _profile_url(profile)
            if url and rng.random() < 0.5:
                meta["profile"] = [url]
            resource["meta"] = meta
        if rng.random() < 0.5:
            external = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            resource["identifier"] = [{"system": EXTERNAL_ID, "value": external}]
        if rng.random() < 0.15:
            resource["note"] = [{"text": rng.choice(NOTES)}]
        if rng.random() < DATE_ONLY:
            resource["effectiveDateTime"] = day.isoformat()
        if profile.capability == "send-vital-signs" and rng.random() < NO_SNOMED:
            coding = resource["code"]["coding"]
            resource["code"]["coding"] = [c for c in coding if c["system"] != rs.systems.snomed]
        if rng.random() < NO_DISPLAY:
            del resource["subject"]["display"]
        if profile.components:  # blood pressure: only a Practitioner performs it
            if rng.random() < 0.7:
                upper_arm = [s for s in profile.body_sites if s in UPPER_ARM] or profile.body_sites
                site = rng.choice(upper_arm if rng.random() < 0.8 else profile.body_sites)
                resource["bodySite"] = {"coding": [_coding(rs.systems.snomed, site)]}
            if rng.random() < 0.7:
                method = rng.choice(profile.methods)
                resource["method"] = {"coding": [_coding(rs.systems.snomed, method)]}
        elif rng.random() < 0.2:  # the home-care service too, as in the examples
            organisation = rng.choice(self.organisations)
            resource["performer"].append(
                {
                    "type": "Organization",
                    "identifier": {"system": ORGNR, "value": organisation},
                    "display": "Hjemmetjenesten",
                }
                if rng.random() < 0.8
                else {"identifier": {"system": RESH, "value": organisation[:6]}}
            )


def _entry(resource: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    ident = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if rng.random() < 0.3:
        resource["id"] = ident
        request = {"method": "PUT", "url": f"Observation/{ident}"}
        full_url = f"{BASE_URL}/Observation/{ident}"
    else:
        request = {"method": "POST", "url": "Observation"}
        full_url = f"urn:uuid:{ident}" if rng.random() < 0.7 else f"{BASE_URL}/maling/{ident}"
    return {"fullUrl": full_url, "resource": resource, "request": request}


def _dumps(value: dict[str, Any], rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return testdata.dumps(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write(folder: Path, observations: int, seed: int) -> Mix:
    """Write at least `observations` Observations into `folder` (created)."""
    rng = random.Random(seed)
    rs = requirements.get(SET_ID)
    maker = _Maker(rng, rs)
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    by_profile = dict.fromkeys(WEIGHTS, 0)
    folder.mkdir(parents=True, exist_ok=True)
    files = singles = bundles = 0

    def make(patient: testdata.Person) -> dict[str, Any]:
        kind = rng.choices(kinds, weights)[0]
        by_profile[kind] += 1
        return maker.observation(kind, patient)

    while maker.count < observations:
        files += 1
        if rng.random() < SINGLE_SHARE:
            singles += 1
            value = make(rng.choice(maker.patients))
            name = f"maling-{files:05d}.json"
        else:
            bundles += 1
            size = min(rng.randint(1, MAX_ENTRIES), max(1, observations - maker.count))
            one = rng.choice(maker.patients) if rng.random() < 0.7 else None
            entries = [_entry(make(one or rng.choice(maker.patients)), rng) for _ in range(size)]
            value = {"resourceType": "Bundle", "type": "batch", "entry": entries}
            name = f"bundle-{files:05d}.json"
        (folder / name).write_bytes(_dumps(value, rng))
    return Mix(files, singles, bundles, maker.count, by_profile)
