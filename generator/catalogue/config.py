"""The marketplace's own settings, kept in the repository as `markedsplassen.yaml`
at the root and read with the same strict loader as the records. A root without
the file (a test catalogue) gets the defaults."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from generator.diagnostics import Diagnostic
from generator.loading import yaml_files
from generator.models import validation
from generator.models.base import GitHubLogin, HttpsUrl, Line, Model

FILE = "markedsplassen.yaml"
OCID_PREFIX = re.compile(r"ocds-[a-z0-9]{6}")


def _ocid_prefix(value: Any) -> str:
    if not isinstance(value, str) or not OCID_PREFIX.fullmatch(value):
        raise PydanticCustomError(
            "ocid_prefix",
            "«{value}» er ikke et ocid-prefiks: skriv «ocds-» og seks små "
            "bokstaver eller sifre, slik Open Contracting Partnership har tildelt det.",
            {"value": str(value)},
        )
    return value


class Ocds(Model):
    ocid_prefix: Annotated[str, BeforeValidator(_ocid_prefix)] = Field(
        "ocds-mplass",
        description="Prefikset Open Contracting Partnership har tildelt (ocds- og 6 tegn).",
    )
    publisher_name: Line = Field("Markedsplassen", description="Hvem som publiserer dataene.")
    uri: HttpsUrl = Field(
        "https://markedsplassen.example.no/ocds/releases.json",
        description="Adressen der pakken publiseres.",
    )


DEFAULT_REPOSITORY = "https://github.com/markedsplassen/markedsplassen"


class Config(Model):
    ocds: Ocds = Field(default_factory=Ocds, description="OCDS-eksporten.")
    repository: HttpsUrl = Field(
        DEFAULT_REPOSITORY,
        description="Repoets adresse på GitHub, uten / til slutt. Nettstedet lenker herfra "
        "til kilden til hver post, til redigering og til skjemaene for å delta.",
    )
    team: tuple[GitHubLogin, ...] = Field(
        (),
        description="Markedsplassteamet: GitHub-brukerne som alene kan endre tenders/, "
        "registrere beslutninger, slette eller gi nytt navn til poster og endre repoets "
        "infrastruktur. `markedsplass authorize` leser listen fra basisrevisjonen.",
    )


def load(root: Path) -> tuple[Config, list[Diagnostic]]:
    if not (root / FILE).is_file():
        return Config(), []
    document, problems = yaml_files.read(root, FILE)
    if document is None or problems:
        return Config(), problems
    config, invalid = validation.validate(root, Config, document)
    return config or Config(), invalid
