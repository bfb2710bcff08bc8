"""The six record kinds: where their files live and which model reads them. A
record's path is built and recognised here and nowhere else (`Kind.path`,
`Kind.match`, `Kind.files`), and a kind carries its model's type, so a lookup by
kind is typed (`Catalogue.records(SOLUTION)` gives entries whose record is a
`Solution`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.models import (
    Application,
    CallOff,
    Dps,
    Experience,
    JoinRequest,
    Municipality,
    Need,
    Question,
    Record,
    Solution,
    Supplier,
)

R = TypeVar("R", bound=Record)
E = TypeVar("E", bound=BaseModel)

_STEM = r"([^/]+)"


@dataclass(frozen=True, slots=True)
class Kind(Generic[R]):
    name: str
    folder: str
    model: type[R]
    label: str
    plural: str
    article: str  # "en" or "et": «en leverandør», «et behov»
    _record: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _file: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        folder = re.escape(self.folder)
        object.__setattr__(self, "_record", re.compile(rf"{folder}/{_STEM}\.yaml"))
        object.__setattr__(self, "_file", re.compile(rf"{folder}/{_STEM}/.+"))

    def path(self, record_id: str) -> str:
        """The record file of `record_id`, relative to the root."""
        return f"{self.folder}/{record_id}.yaml"

    def files(self, record_id: str) -> str:
        """The folder beside the record, for what it brings (a solution's examples)
        and the events about it (applications, join requests, questions)."""
        return f"{self.folder}/{record_id}"

    def match(self, path: str) -> str | None:
        """The id when `path` is a record file of this kind, else None."""
        found = self._record.fullmatch(path)
        return found[1] if found else None

    def match_file(self, path: str) -> str | None:
        """The id when `path` lies in the folder beside a record of this kind."""
        found = self._file.fullmatch(path)
        return found[1] if found else None


SUPPLIER = Kind("supplier", "catalogue/suppliers", Supplier, "leverandør", "leverandører", "en")
SOLUTION = Kind("solution", "catalogue/solutions", Solution, "løsning", "løsninger", "en")
NEED = Kind("need", "needs", Need, "behov", "behov", "et")
EXPERIENCE = Kind("experience", "experiences", Experience, "erfaring", "erfaringer", "en")
DPS = Kind(
    "dps", "tenders/dps", Dps, "dynamisk innkjøpsordning", "dynamiske innkjøpsordninger", "en"
)
CALLOFF = Kind("calloff", "tenders/calloffs", CallOff, "uttak", "uttak", "et")
MUNICIPALITY = Kind(
    "municipality", "catalogue/municipalities", Municipality, "kommune", "kommuner", "en"
)

KINDS: tuple[Kind[Any], ...] = (SUPPLIER, SOLUTION, NEED, EXPERIENCE, DPS, CALLOFF, MUNICIPALITY)
BY_NAME = {kind.name: kind for kind in KINDS}
# the kinds with pages, lists and API files on the site; a municipality's record
# says who may act in its name, which the site shows where the municipality acts
PUBLISHED: tuple[Kind[Any], ...] = (SUPPLIER, SOLUTION, NEED, EXPERIENCE, DPS, CALLOFF)


@dataclass(frozen=True, slots=True)
class EventKind(Generic[E]):
    """Events of one kind, one file each in `<parent folder>/<parent id>/<folder>/`,
    named `<who>-<YYYY-MM-DD>.yaml` (the `who` field and `received`) or, for
    questions, by number (`001.yaml`)."""

    name: str
    parent: Kind[Any]
    folder: str
    model: type[E]
    label: str  # «forespørsel om deltakelse»
    who: str | None  # the field that starts the file name; None: numbered files
    _file: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        base = re.escape(self.parent.folder)
        pattern = rf"{base}/{_STEM}/{re.escape(self.folder)}/{_STEM}\.yaml"
        object.__setattr__(self, "_file", re.compile(pattern))

    def directory(self, parent_id: str) -> str:
        return f"{self.parent.files(parent_id)}/{self.folder}"

    def path(self, parent_id: str, stem: str) -> str:
        return f"{self.directory(parent_id)}/{stem}.yaml"

    def stem(self, value: dict[str, Any]) -> str | None:
        """The file name (without `.yaml`) an event with these fields should have;
        None for numbered events or when the fields are not there to tell."""
        if self.who is None:
            return None
        who, received = value.get(self.who), value.get("received")
        if not isinstance(who, str) or received is None:
            return None
        return f"{who}-{received}"

    def match(self, path: str) -> tuple[str, str] | None:
        """(parent id, file stem) when `path` is an event file of this kind."""
        found = self._file.fullmatch(path)
        return (found[1], found[2]) if found else None


APPLICATION = EventKind(
    "application", DPS, "applications", Application, "forespørsel om deltakelse", "supplier"
)
JOIN_REQUEST = EventKind(
    "join-request", NEED, "join-requests", JoinRequest, "forespørsel om å bli med", "actor"
)
QUESTION = EventKind("question", CALLOFF, "questions", Question, "spørsmål", None)

EVENT_KINDS: tuple[EventKind[Any], ...] = (APPLICATION, JOIN_REQUEST, QUESTION)
# the record kinds whose folders may hold a folder beside a record
BESIDE: dict[str, frozenset[str]] = {
    kind.folder: frozenset(e.folder for e in EVENT_KINDS if e.parent is kind)
    for kind in KINDS
    if any(e.parent is kind for e in EVENT_KINDS)
}


def of_path(path: str) -> tuple[Kind[Any], str] | None:
    """The kind and id of a record file, or None when `path` is no record."""
    for kind in KINDS:
        record_id = kind.match(path)
        if record_id is not None:
            return kind, record_id
    return None
