"""The package's own data files (`generator/data/`): reference lists, requirement
sets, document wording, issue forms, the accessibility statement. Each is read
with the strict loader and checked by its model; a broken one is a tool failure
(`DataFileError`) whose message names every fault in Norwegian, never bad data
from a contributor."""

from __future__ import annotations

from importlib import resources
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.loading import yaml_files
from generator.models import validation

M = TypeVar("M", bound=BaseModel)


class DataFileError(RuntimeError):
    """A data file shipped with the tool is missing or broken."""


def read(name: str) -> bytes:
    return resources.files("generator").joinpath("data", name).read_bytes()


def document(data: bytes, name: str) -> Any:
    """The plain value of a data file, or DataFileError when it cannot be read."""
    path = f"generator/data/{name}"
    parsed, diagnostics = yaml_files.parse(data, path)
    if parsed is None or diagnostics:
        problems = "; ".join(d.text() for d in diagnostics)
        raise DataFileError(f"{path} kan ikke leses: {problems}")
    return parsed.value


def parse(data: bytes, name: str, model: type[M]) -> M:
    """`data` (the bytes of `generator/data/<name>`) checked against `model`."""
    value = document(data, name)
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or 'filen'}: {_message(model, dict(err))}"
            for err in exc.errors(include_url=False)
        )
        raise DataFileError(f"generator/data/{name} er ugyldig: {problems}") from None


def _message(model: type[BaseModel], err: dict[str, Any]) -> str:
    """The project's Norwegian message; a model's own checks speak for themselves."""
    if err["type"] == "value_error":
        return str(err["ctx"]["error"])
    return validation.message(model, err)


def load(name: str, model: type[M]) -> M:
    """The shipped file `generator/data/<name>`, checked against `model`."""
    return parse(read(name), name, model)
