"""The accessibility statement's data: `generator/data/accessibility-statement.yaml`,
read with the strict loader and checked here. It lists the 47 success criteria of
WCAG 2.1 that the Norwegian regulation asks of a public website, each with how it
is tested on this site (axe-core rules, named browser tests, named tests of the
built pages, a manual review, or why it does not apply) and any known deviation.
The page itself is shaped by `views/statement.py`. A broken file is a tool failure,
not a contributor's mistake, so it raises (as `generator.models.reference` does)."""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.models import data_files
from generator.models.base import Email, HttpsUrl, IsoDate, Line, Model

FILE = "accessibility-statement.yaml"
PRINCIPLES = {
    "1": "Mulig å oppfatte",
    "2": "Mulig å betjene",
    "3": "Forståelig",
    "4": "Robust",
}
# a test named by its file and function, as pytest names it
TEST_ID = re.compile(r"tests/test_[a-z0-9_]+\.py::test_[a-z0-9_]+")

Number = Annotated[str, Field(pattern=r"^[1-4]\.[0-9]\.[0-9]{1,2}$")]
TestId = Annotated[str, Field(pattern=TEST_ID.pattern)]
RuleId = Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]


class Criterion(Model):
    number: Number
    name: Line
    level: Literal["A", "AA"]
    axe: tuple[RuleId, ...] = ()
    browser: tuple[TestId, ...] = ()
    html: tuple[TestId, ...] = ()
    manual: Line | None = None
    not_applicable: Line | None = None
    deviation: Line | None = None

    @model_validator(mode="after")
    def _tested_or_not_applicable(self) -> Criterion:
        tested = bool(self.axe or self.browser or self.html or self.manual)
        if self.not_applicable and tested:
            raise ValueError(f"{self.number}: not_applicable står alene")
        if not self.not_applicable and not tested:
            raise ValueError(f"{self.number}: sier verken hvordan det er testet eller hvorfor ikke")
        return self

    @property
    def principle(self) -> str:
        return self.number.split(".")[0]

    @property
    def tests(self) -> tuple[str, ...]:
        return self.browser + self.html


class About(Model):
    date: IsoDate
    site: Line
    email: Email
    uustatus: HttpsUrl
    authority: HttpsUrl  # Tilsynet for universell utforming av IKT
    complaints: HttpsUrl  # Diskrimineringsnemnda
    axe_core: Line


class Statement(Model):
    statement: About
    criteria: tuple[Criterion, ...]

    @model_validator(mode="after")
    def _ordered_and_unique(self) -> Statement:
        numbers = [tuple(int(p) for p in c.number.split(".")) for c in self.criteria]
        if numbers != sorted(set(numbers)):
            raise ValueError("kravene står ikke i rekkefølge, eller ett står to ganger")
        return self


@cache
def load() -> Statement:
    return data_files.load(FILE, Statement)
