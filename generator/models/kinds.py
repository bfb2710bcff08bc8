"""The six record kinds: where their files live and which model reads them. A
record's path is built and recognised here and nowhere else (`Kind.path`,
`Kind.match`, `Kind.files`), and a kind carries its model's type, so a lookup by
kind is typed (`Catalogue.records(SOLUTION)` gives entries whose record is a
`Solution`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from generator.models import CallOff, Dps, Experience, Need, Record, Solution, Supplier

R = TypeVar("R", bound=Record)

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

KINDS: tuple[Kind[Any], ...] = (SUPPLIER, SOLUTION, NEED, EXPERIENCE, DPS, CALLOFF)
BY_NAME = {kind.name: kind for kind in KINDS}


def of_path(path: str) -> tuple[Kind[Any], str] | None:
    """The kind and id of a record file, or None when `path` is no record."""
    for kind in KINDS:
        record_id = kind.match(path)
        if record_id is not None:
            return kind, record_id
    return None
