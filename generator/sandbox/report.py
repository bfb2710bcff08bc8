"""What a verification run produces, as plain values: a report of test results
grouped by requirement, each pass, fail or skip, with messages that say what is
wrong, where (file, FHIRPath expression, JSON line) and what to change.

Modelled on Inferno (suite → groups → tests; pass/fail/skip; messages with a
severity) and the HL7 validator (a FHIRPath `expression` per issue). The report
carries no timestamp, so the same input always gives the same report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.sandbox.requirements import Requirement


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    SKIP = "skip"


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


STATUS_LABELS = {Status.PASS: "bestått", Status.FAIL: "feilet", Status.SKIP: "hoppet over"}
LEVEL_LABELS = {Level.ERROR: "feil", Level.WARNING: "advarsel", Level.INFO: "info"}


@dataclass(frozen=True, slots=True, order=True)
class Message:
    """One problem (or note) found by a test."""

    file: str  # as given on the command line, or relative to the catalogue root
    line: int  # 1-based line in the JSON file; 0 when the file has no line for it
    expression: str  # FHIRPath to the element, e.g. Observation.valueQuantity.code
    requirement: str
    level: Level
    text: str  # Norwegian: what is wrong
    hint: str  # Norwegian: what to change

    @property
    def position(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, slots=True)
class TestResult:
    """The test of one requirement."""

    requirement: Requirement
    status: Status
    summary: str  # Norwegian: what was tried, or why it was skipped
    messages: tuple[Message, ...] = ()
    omitted: int = 0  # further messages left out of a long list

    @property
    def blocking(self) -> bool:
        """A failed SKAL-requirement: the solution is not verified."""
        return self.status is Status.FAIL and self.requirement.severity == "error"


@dataclass(frozen=True, slots=True)
class Report:
    requirement_set: str
    requirement_set_version: str
    requirement_set_title: str
    kit_version: str
    structural_layer: str  # what checks FHIR R4 structure, with its version
    subject: str  # what was verified: «løsningen <id>» or the paths given
    capabilities: tuple[tuple[str, str], ...]  # (id, Norwegian name) tried
    files: tuple[str, ...]
    resources: int
    results: tuple[TestResult, ...]
    # Observations the measurement tests were tried on
    observations: int = 0
    # the declared capabilities that send measurements but had no Observation of
    # theirs tried: nothing shows that the solution sends them
    unmeasured: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        """No SKAL-requirement failed, at least one was tried and passed, and every
        declared capability that sends measurements had at least one Observation of
        its own tried: a lone Patient, or a folder with no such measurement, proves
        nothing."""
        tried = any(r.status is Status.PASS for r in self.results)
        return tried and not self.unmeasured and not any(r.blocking for r in self.results)

    @property
    def nothing_sent(self) -> bool:
        """A sending capability was declared, but none of its Observations was tried."""
        return bool(self.unmeasured)

    def count(self, status: Status) -> int:
        return sum(r.status is status for r in self.results)

    @property
    def failed(self) -> tuple[TestResult, ...]:
        return tuple(r for r in self.results if r.status is Status.FAIL)

    @property
    def messages(self) -> tuple[Message, ...]:
        return tuple(m for r in self.results for m in r.messages)

    @property
    def errors(self) -> int:
        return sum(m.level is Level.ERROR for m in self.messages)
