"""The record models and their JSON Schemas: every field documented in Norwegian,
and the schemas agree with the models on real records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from generator.loading import yaml_files
from generator.models import CallOff, schema
from generator.models.kinds import KINDS, Kind
from generator.models.validation import ERROR_TYPES, _submodel, message
from tests.support.casefolders import BASE
from tests.support.paths import ROOT
from tests.support.records import read_records


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for field in model.model_fields.values():
        sub = _submodel(field.annotation)
        if sub is not None:
            _models(sub, seen)


def _all_models() -> list[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    for kind in KINDS:
        _models(kind.model, seen)
    return sorted(seen, key=lambda m: m.__name__)


@pytest.mark.parametrize("model", _all_models(), ids=lambda m: m.__name__)
def test_every_field_has_a_norwegian_description(model: type[BaseModel]) -> None:
    undocumented = [name for name, field in model.model_fields.items() if not field.description]
    assert undocumented == []


@pytest.mark.parametrize("model", _all_models(), ids=lambda m: m.__name__)
def test_models_refuse_unknown_fields_and_are_frozen(model: type[BaseModel]) -> None:
    assert model.model_config.get("extra") == "forbid"
    assert model.model_config.get("frozen") is True


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_json_schema_accepts_what_the_model_accepts(kind: Kind[Any]) -> None:
    body = schema.schema(kind)
    jsonschema.Draft202012Validator.check_schema(body)
    validator = jsonschema.Draft202012Validator(body, format_checker=None)
    roots = [BASE, ROOT]
    records = [row for root in roots for row in read_records(root, kind)]
    assert records
    for rel, value in records:
        errors = [e.message for e in validator.iter_errors(value)]
        assert errors == [], rel


def test_json_schema_refuses_what_the_model_refuses() -> None:
    supplier = schema.schema(KINDS[0])
    validator = jsonschema.Draft202012Validator(supplier)
    value = {
        "id": "a",
        "name": "A",
        "orgnr": "12345678",
        "maintainers": ["x"],
        "contact": {"name": "K", "email": "k@a.no"},
        "verified": True,
    }
    messages = " ".join(e.message for e in validator.iter_errors(value))
    assert "verified" in messages and "12345678" in messages


def test_schema_output_is_deterministic(tmp_path: Path) -> None:
    schema.write(tmp_path / "a")
    schema.write(tmp_path / "b")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
        assert json.loads(path.read_text())["description"]


def test_thresholds_and_cpv_codes_are_read_from_data() -> None:
    from datetime import date as day

    from generator.models import reference

    assert reference.thresholds_on(day(2024, 3, 13)) is None
    current = reference.thresholds_on(day(2026, 12, 6))
    assert current is not None and current.other_authorities_nok == 2_300_000
    assert current.valid_from == day(2024, 3, 14)
    codes = reference.cpv()
    assert set(codes) == set(reference.categories())
    assert codes["digital-hjemmeoppfolging"][0].code == "33195000-3"
    assert all(reference.CPV_CODE.fullmatch(c.code) for found in codes.values() for c in found)


@pytest.mark.parametrize(
    ("field", "value", "code", "words"),
    [
        ("title", "x" * 201, "invalid-text", "201 tegn, høyst 200 er tillatt"),
        ("description", "x" * 20_001, "invalid-text", "20001 tegn, høyst 20000 er tillatt"),
        ("estimated_value_nok", 10**11 + 1, "invalid-number", "høyst 100 000 000 000"),
        ("standstill_days", 1_000_001, "invalid-number", "høyst 1 000 000"),
    ],
)
def test_sizes_past_any_sane_limit_say_which_limit(
    field: str, value: object, code: str, words: str
) -> None:
    document, _ = yaml_files.read(BASE, "tenders/calloffs/uttak-a.yaml")
    assert document is not None
    fields = {**document.value, field: value}
    with pytest.raises(ValidationError) as caught:
        CallOff.model_validate(fields)
    (err,) = caught.value.errors()
    assert ERROR_TYPES[err["type"]] == code
    assert words in message(CallOff, dict(err))
    assert "Listen" not in message(CallOff, dict(err))
