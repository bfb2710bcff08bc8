"""Gather the whole catalogue: every record file of every kind, loaded and
validated, with a diagnostic for everything that could not be. Nothing here looks
across records; that is the cross-checks' work."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from generator.catalogue.suggest import Suggester
from generator.diagnostics import Diagnostic, error, warning
from generator.loading import folders, yaml_files
from generator.loading.yaml_files import Loc
from generator.models import Record, validation
from generator.models.kinds import KINDS, SOLUTION, Kind


class NotACatalogue(Exception):
    """The root holds none of the data folders: a tool failure, not bad data."""


R = TypeVar("R", bound=Record)


@dataclass(frozen=True, slots=True)
class Entry(Generic[R]):
    kind: Kind[R]
    path: str
    record: R

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".yaml")


@dataclass
class Catalogue:
    root: Path
    entries: dict[str, list[Entry[Any]]] = field(default_factory=dict)
    by_id: dict[str, dict[str, Entry[Any]]] = field(default_factory=dict)
    # file stems of records that exist but could not be read or validated: a
    # reference to one of them is not reported again as unresolved
    broken: dict[str, set[str]] = field(default_factory=dict)
    _suggesters: dict[str, Suggester] = field(default_factory=dict, repr=False)

    def records(self, kind: Kind[R]) -> Iterator[Entry[R]]:
        """Every valid record of a kind, typed by the kind's model."""
        return iter(cast(list[Entry[R]], self.entries.get(kind.name, [])))

    def records_of(self, kind: Kind[R]) -> Iterator[R]:
        """Every valid record of a kind, typed by the kind's model, without its file."""
        return (entry.record for entry in self.records(kind))

    def entry(self, kind: Kind[R], record_id: str) -> Entry[R] | None:
        return cast(Entry[R] | None, self.by_id.get(kind.name, {}).get(record_id))

    def get(self, kind: Kind[R], record_id: str) -> R | None:
        entry = self.entry(kind, record_id)
        return entry.record if entry else None

    def known(self, kind: Kind[Any], record_id: str) -> bool:
        """True when the id names a record, valid or not; only truly unknown ids are
        worth a diagnostic."""
        return record_id in self.by_id.get(kind.name, {}) or record_id in self.broken.get(
            kind.name, set()
        )

    def ids(self, kind: Kind[Any]) -> list[str]:
        return sorted(self.by_id.get(kind.name, {}))

    def suggest(self, kind: Kind[Any], text: str) -> str | None:
        """The known id of this kind closest to `text`, for «Mente du …?»."""
        suggester = self._suggesters.get(kind.name)
        if suggester is None:
            suggester = self._suggesters[kind.name] = Suggester(self.by_id.get(kind.name, {}))
        return suggester.closest(text)

    def locate(self, entry: Entry[Any], loc: Loc, *, key: bool = False) -> tuple[int, int]:
        return yaml_files.locate(self.root, entry.path, loc, key=key)

    def error_at(self, entry: Entry[Any], loc: Loc, code: str, message: str) -> Diagnostic:
        """An error at the value `loc` points to in the entry's file."""
        line, column = self.locate(entry, loc)
        return error(entry.path, line, column, code, message)

    def warning_at(self, entry: Entry[Any], loc: Loc, code: str, message: str) -> Diagnostic:
        line, column = self.locate(entry, loc)
        return warning(entry.path, line, column, code, message)


def _add(catalogue: Catalogue, kind: Kind[Any], path: str, record: Record) -> None:
    entry = Entry(kind, path, record)
    catalogue.entries.setdefault(kind.name, []).append(entry)
    catalogue.by_id.setdefault(kind.name, {}).setdefault(record.id, entry)


def load(root: Path) -> tuple[Catalogue, list[Diagnostic]]:
    if not root.is_dir():
        raise NotACatalogue(f"Mappen {root} finnes ikke.")
    if not any((root / kind.folder).exists() for kind in KINDS):
        raise NotACatalogue(
            f"{root} har ingen av datamappene ({', '.join(k.folder for k in KINDS)}"
            "). Kjør kommandoen fra roten av markedsplass-repoet, eller bruk "
            "--root."
        )
    catalogue = Catalogue(root)
    diagnostics: list[Diagnostic] = []
    for kind in KINDS:
        listing = folders.list_folder(root, kind.folder, solution_folders=kind is SOLUTION)
        diagnostics.extend(listing.diagnostics)
        for path, document, problems in yaml_files.iter_documents(root, listing.records):
            diagnostics.extend(problems)
            record = None
            if document is not None:
                record, invalid = validation.validate(root, kind.model, document)
                diagnostics.extend(invalid)
            if record is None or problems:
                catalogue.broken.setdefault(kind.name, set()).update(_names(path, document))
            else:
                _add(catalogue, kind, path, record)
    return catalogue, diagnostics


def _names(path: str, document: yaml_files.YamlDocument | None) -> set[str]:
    """The ids a record that failed may be referred to by: its file name and its `id`."""
    names = {path.rsplit("/", 1)[-1].removesuffix(".yaml")}
    written: Any = document.value.get("id") if document is not None else None
    if isinstance(written, str):
        names.add(written)
    return names
