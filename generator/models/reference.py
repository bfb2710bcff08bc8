"""Reference lists that change over time, kept as data files in `generator/data/`:
municipalities (SSB classification 131, 2024), KS phases, solution categories,
experience areas and standard agreements. A broken reference file is a tool
failure, not a contributor's mistake, so it raises."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
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
}


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
def experience_areas() -> dict[str, Entry]:
    return _entries("experience_areas")


@cache
def agreement_types() -> dict[str, Entry]:
    return _entries("agreement_types")
