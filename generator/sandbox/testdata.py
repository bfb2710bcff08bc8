"""Synthetic test data for home-care patients, the same for the same seed.

Each patient gets a synthetic fødselsnummer (month + 80, valid check digits; one
in ten a synthetic D-nummer), a Norwegian name, a municipality from SSB's list and
a series of vital signs (every VKP profile once a day: heart rate, respiratory
rate, oxygen saturation, temperature, weight and blood pressure) with plausible
values that vary from day to day around the patient's own level, now and then
with a fever. Written per patient as a Patient resource and a batch Bundle of
Observations, exactly as the sandbox's requirement set wants them sent.

Deterministic: one `random.Random(seed)` drives everything, dates start on a fixed
day (5 January 2026, Norwegian winter time +01:00, so at most 60 days stay on one
UTC offset), JSON is written with a fixed key order and files are written
atomically. Two runs with the same arguments give identical bytes."""

from __future__ import annotations

import io
import json
import os
import random
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from generator.models import reference
from generator.norway import personal_numbers
from generator.norway.personal_numbers import Series
from generator.sandbox import names, requirements
from generator.sandbox.requirements import Measure, Profile, RequirementSet

START = date(2026, 1, 5)
OSLO_WINTER = timezone(timedelta(hours=1))
MAX_PATIENTS = 10_000
MAX_DAYS = 60
FNR = "urn:oid:2.16.578.1.12.4.1.4.1"
DNR = "urn:oid:2.16.578.1.12.4.1.4.2"
# HL7 Norway no-basis: the municipality of an address (Volven 3402 codes).
MUNICIPALITY_EXTENSION = "http://hl7.no/fhir/StructureDefinition/no-basis-municipalitycode"
MUNICIPALITY_SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.3402"
UNIT_TEXT = {
    "heart-rate": "slag/min",
    "respiratory-rate": "åndedrag/min",
    "oxygen-saturation": "%",
    "body-temperature": "°C",
    "body-weight": "kg",
    "systolic": "mmHg",
    "diastolic": "mmHg",
}


class TestDataError(ValueError):
    """Arguments outside what the generator makes (a tool failure in the CLI)."""


@dataclass(frozen=True, slots=True)
class Person:
    number: str
    system: str
    given: str
    family: str
    gender: str
    born: date

    @property
    def display(self) -> str:
        return f"{self.given} {self.family}"


@dataclass(frozen=True, slots=True)
class Baseline:
    """A patient's own level for each measurement, and how much it varies."""

    heart_rate: float
    resp_rate: float
    spo2: float
    temperature: float
    weight: float
    systolic: float
    diastolic: float
    fever_day: int | None


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def person(rng: random.Random, *, born_from: int, born_to: int, d_number: bool = False) -> Person:
    gender = rng.choice(("female", "male"))
    given = rng.choice(names.FEMALE if gender == "female" else names.MALE)
    family = rng.choice(names.SURNAMES)
    first = date(born_from, 1, 1).toordinal()
    born = date.fromordinal(rng.randint(first, date(born_to, 12, 31).toordinal()))
    # individnummer 000–499 for 1900–1999, 500–999 for 2000–2039; odd third digit: male
    low, high = (0, 499) if born.year < 2000 else (500, 999)
    while True:
        individual = rng.randint(low, high)
        if (individual % 2 == 1) != (gender == "male"):
            continue
        number = personal_numbers.make(
            born, individual, series=Series.SYNTHETIC_TENOR, d_number=d_number
        )
        if number is not None:
            return Person(number, DNR if d_number else FNR, given, family, gender, born)


def _baseline(rng: random.Random, days: int) -> Baseline:
    systolic = _clamp(rng.gauss(138, 15), 100, 180)
    return Baseline(
        heart_rate=_clamp(rng.gauss(76, 9), 55, 105),
        resp_rate=_clamp(rng.gauss(17, 2), 12, 24),
        spo2=_clamp(rng.gauss(94.5, 2), 86, 99),
        temperature=_clamp(rng.gauss(36.8, 0.25), 36.1, 37.4),
        weight=rng.uniform(48, 105),
        systolic=systolic,
        diastolic=_clamp(rng.gauss(80, 8), 55, systolic - 25),
        fever_day=rng.randrange(days) if rng.random() < 0.15 else None,
    )


def _quantity(measure: Measure, value: float, decimals: int, rs: RequirementSet) -> dict[str, Any]:
    number: float | int = round(value, decimals) if decimals else round(value)
    return {
        "value": number,
        "unit": UNIT_TEXT[measure.id],
        "system": rs.systems.ucum,
        "code": measure.example_unit or measure.units[0],
    }


def _code(measure: Measure, rs: RequirementSet) -> dict[str, Any]:
    coding = [{"system": rs.systems.loinc, "code": measure.loinc, "display": measure.display}]
    if measure.snomed:
        coding.append({"system": rs.systems.snomed, "code": measure.snomed})
    return {"coding": coding, "text": measure.name.capitalize()}


def observation(
    profile: Profile,
    patient: Person,
    nurse: Person,
    when: datetime,
    values: tuple[float, ...],
    rs: RequirementSet,
) -> dict[str, Any]:
    """One VKP vital-signs Observation; `values` holds the components' values for
    blood pressure, else the one value."""
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [
            {
                "coding": [
                    {"system": rs.systems.category, "code": "vital-signs", "display": "Vital Signs"}
                ]
            }
        ],
        "code": _code(profile, rs),
        "subject": {
            "identifier": {"system": patient.system, "value": patient.number},
            "display": patient.display,
        },
        "effectiveDateTime": when.isoformat(),
        "performer": [
            {
                "type": "Practitioner",
                "identifier": {"system": FNR, "value": nurse.number},
                "display": nurse.display,
            }
        ],
    }
    decimals = 1 if profile.id in ("body-temperature", "body-weight") else 0
    if profile.components:
        resource["component"] = [
            {"code": _code(measure, rs), "valueQuantity": _quantity(measure, value, 0, rs)}
            for measure, value in zip(profile.components, values, strict=True)
        ]
    else:
        resource["valueQuantity"] = _quantity(profile, values[0], decimals, rs)
    return resource


def _day_values(
    base: Baseline, day: int, weight: float, rng: random.Random
) -> dict[str, tuple[float, ...]]:
    fever = base.fever_day is not None and 0 <= day - base.fever_day <= 2
    temperature = base.temperature + rng.gauss(0, 0.2) + (rng.uniform(1.0, 1.8) if fever else 0)
    heart_rate = base.heart_rate + rng.gauss(0, 5) + (12 if fever else 0)
    systolic = _clamp(base.systolic + rng.gauss(0, 8), 90, 200)
    diastolic = _clamp(base.diastolic + rng.gauss(0, 5), 50, systolic - 20)
    return {
        "heart-rate": (_clamp(heart_rate, 45, 140),),
        "respiratory-rate": (
            _clamp(base.resp_rate + rng.gauss(0, 1.5) + (3 if fever else 0), 10, 32),
        ),
        "oxygen-saturation": (
            _clamp(base.spo2 + rng.gauss(0, 1.2) - (2 if fever else 0), 82, 100),
        ),
        "body-temperature": (_clamp(temperature, 35.5, 40.5),),
        "body-weight": (weight,),
        "blood-pressure": (systolic, diastolic),
    }


def _entry(resource: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    full_url = f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}"
    return {
        "fullUrl": full_url,
        "resource": resource,
        "request": {"method": "POST", "url": "Observation"},
    }


def _patient_resource(patient: Person, municipality: reference.Municipality) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "identifier": [{"system": patient.system, "value": patient.number}],
        "name": [{"text": patient.display, "family": patient.family, "given": [patient.given]}],
        "gender": patient.gender,
        "birthDate": patient.born.isoformat(),
        "address": [
            {
                "use": "home",
                "district": municipality.name,
                "extension": [
                    {
                        "url": MUNICIPALITY_EXTENSION,
                        "valueCoding": {
                            "system": MUNICIPALITY_SYSTEM,
                            "code": municipality.number,
                            "display": municipality.name,
                        },
                    }
                ],
            }
        ],
    }


def generate(patients: int, seed: int, days: int = 7) -> list[tuple[str, dict[str, Any]]]:
    """(file name, resource) for every file of the data set, in file-name order."""
    if not 1 <= patients <= MAX_PATIENTS:
        raise TestDataError(f"Antall pasienter må være mellom 1 og {MAX_PATIENTS}.")
    if not 1 <= days <= MAX_DAYS:
        raise TestDataError(f"Antall dager må være mellom 1 og {MAX_DAYS}.")
    rs = requirements.get(requirements.DEFAULT)
    rng = random.Random(seed)
    municipalities = [reference.municipalities()[n] for n in sorted(reference.municipalities())]
    nurses = [person(rng, born_from=1965, born_to=2000) for _ in range(6)]
    files: list[tuple[str, dict[str, Any]]] = []
    width = max(3, len(str(patients)))
    for number in range(1, patients + 1):
        patient = person(rng, born_from=1925, born_to=1960, d_number=rng.random() < 0.1)
        municipality = rng.choice(municipalities)
        base = _baseline(rng, days)
        weight = base.weight
        entries = []
        for day in range(days):
            visit = datetime.combine(START + timedelta(days=day), datetime.min.time())
            when = visit.replace(tzinfo=OSLO_WINTER) + timedelta(
                minutes=rng.randint(7 * 60, 10 * 60)
            )
            nurse = rng.choice(nurses)
            weight = _clamp(weight + rng.gauss(0, 0.3), 40, 150)
            values = _day_values(base, day, weight, rng)
            for profile in (p for p in rs.profiles if p.capability == "send-vital-signs"):
                resource = observation(profile, patient, nurse, when, values[profile.id], rs)
                entries.append(_entry(resource, rng))
        stem = f"pasient-{number:0{width}d}"
        files.append((f"{stem}.json", _patient_resource(patient, municipality)))
        files.append(
            (f"{stem}-malinger.json", {"resourceType": "Bundle", "type": "batch", "entry": entries})
        )
    return sorted(files, key=lambda item: item[0])


def dumps(resource: dict[str, Any]) -> bytes:
    return (json.dumps(resource, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_testdata(out_dir: Path, patients: int, seed: int, days: int = 7) -> list[Path]:
    """Write the data set into `out_dir` (created if missing), each file atomically;
    returns the paths written, sorted. Other files in `out_dir` are left alone."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, resource in generate(patients, seed, days):
        target = out_dir / name
        handle, temporary = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(dumps(resource))
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        written.append(target)
    return written


def zip_bytes(patients: int, seed: int, days: int = 7, folder: str = "testdata") -> bytes:
    """The data set as a zip archive, byte-identical for the same arguments (fixed
    timestamps and permissions), for a download on the site."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, resource in generate(patients, seed, days):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, dumps(resource))
    return buffer.getvalue()


def sample_observation(seed: int = 0) -> dict[str, Any]:
    """One valid heart-rate Observation for a synthetic patient (the live checks
    send it to a test endpoint)."""
    rs = requirements.get(requirements.DEFAULT)
    rng = random.Random(seed)
    patient = person(rng, born_from=1930, born_to=1950)
    nurse = person(rng, born_from=1970, born_to=1995)
    when = datetime(2026, 1, 5, 9, 30, tzinfo=OSLO_WINTER)
    return observation(rs.profiles[0], patient, nurse, when, (72.0,), rs)
