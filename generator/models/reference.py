"""Reference lists that change over time, kept as data files in `generator/data/`:
municipalities (SSB classification 131, 2024), KS phases, solution categories,
experience areas and standard agreements. A broken reference file is a tool
failure, not a contributor's mistake, so it raises."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from generator.models import data_files
from generator.models.data_files import DataFileError

REFERENCE_FILES = {
    "municipalities": "kommuner-2024.csv",
    "phases": "ks-phases.yaml",
    "categories": "categories.yaml",
    "experience_areas": "experience-areas.yaml",
    "agreement_types": "agreement-types.yaml",
    "thresholds": "thresholds.yaml",
}
# A CPV 2008 code: eight digits, a hyphen and the check digit.
CPV_CODE = re.compile(r"\d{8}-\d")


@dataclass(frozen=True, slots=True)
class Municipality:
    number: str
    name: str
    county_number: str
    county: str


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Cpv:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class Thresholds:
    """EEA thresholds in kroner without VAT, from `valid_from` until the next period."""

    valid_from: date
    source: str
    national_nok: int
    central_government_nok: int
    other_authorities_nok: int
    works_nok: int
    social_and_health_services_nok: int


@dataclass(frozen=True, slots=True)
class Phase:
    number: int
    name: str
    arena: str
    confirmed: bool


def _yaml_list(name: str, key: str) -> list[dict[str, Any]]:
    value = data_files.document(data_files.read(name), name)
    if not isinstance(value, dict) or not isinstance(value.get(key), list):
        raise DataFileError(f"generator/data/{name}: listen «{key}» mangler")
    rows: list[dict[str, Any]] = value[key]
    return rows


@cache
def municipalities() -> dict[str, Municipality]:
    text = data_files.read(REFERENCE_FILES["municipalities"]).decode("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    result = {
        row["kommunenummer"]: Municipality(
            row["kommunenummer"], row["navn"], row["fylkesnummer"], row["fylke"]
        )
        for row in rows
    }
    if len(result) < 300:
        raise DataFileError("kommunelisten er ufullstendig")
    return result


@cache
def phases() -> dict[int, Phase]:
    return {
        row["number"]: Phase(row["number"], row["name"], row["arena"], row["confirmed"])
        for row in _yaml_list(REFERENCE_FILES["phases"], "phases")
    }


def _entries(key: str) -> dict[str, Entry]:
    return {
        row["id"]: Entry(row["id"], row["name"], row.get("description", ""))
        for row in _yaml_list(REFERENCE_FILES[key], key)
    }


@cache
def categories() -> dict[str, Entry]:
    return _entries("categories")


@cache
def cpv() -> dict[str, tuple[Cpv, ...]]:
    """Category id -> its CPV codes, the main code first."""
    found: dict[str, tuple[Cpv, ...]] = {}
    for row in _yaml_list(REFERENCE_FILES["categories"], "categories"):
        codes = row.get("cpv")
        if not isinstance(codes, list) or not codes:
            raise DataFileError(f"generator/data/categories.yaml: «{row['id']}» har ingen CPV-kode")
        found[row["id"]] = tuple(Cpv(str(c["code"]), str(c["label"])) for c in codes)
        bad = [c.code for c in found[row["id"]] if not CPV_CODE.fullmatch(c.code)]
        if bad:
            raise DataFileError(f"generator/data/categories.yaml: ugyldig CPV-kode {bad[0]}")
    return found


@cache
def threshold_periods() -> tuple[Thresholds, ...]:
    """Every period, newest first."""
    rows = _yaml_list(REFERENCE_FILES["thresholds"], "periods")
    try:
        periods = [
            Thresholds(**{**row, "valid_from": date.fromisoformat(str(row["valid_from"]))})
            for row in rows
        ]
    except (KeyError, TypeError, ValueError) as fault:
        raise DataFileError(f"generator/data/thresholds.yaml: {fault}") from fault
    return tuple(sorted(periods, key=lambda p: p.valid_from, reverse=True))


def thresholds_on(day: date) -> Thresholds | None:
    """The thresholds in force on `day` (the newest period begun by then)."""
    return next((p for p in threshold_periods() if p.valid_from <= day), None)


@cache
def experience_areas() -> dict[str, Entry]:
    return _entries("experience_areas")


@cache
def agreement_types() -> dict[str, Entry]:
    return _entries("agreement_types")
