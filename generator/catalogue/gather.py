"""Gather the whole catalogue: every record file of every kind, and every event
file beside a record (applications, join requests, questions), loaded and
validated, with a diagnostic for everything that could not be. Nothing here looks
across records; that is the cross-checks' work."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, cast

from pydantic import BaseModel

from generator.catalogue.suggest import Suggester
from generator.diagnostics import Diagnostic, error, warning
from generator.loading import folders, yaml_files
from generator.loading.yaml_files import Loc
from generator.models import Need, Record, events, validation
from generator.models.events import Application
from generator.models.kinds import (
    APPLICATION,
    BESIDE,
    EVENT_KINDS,
    JOIN_REQUEST,
    KINDS,
    SOLUTION,
    EventKind,
    Kind,
)
from generator.models.need import Participant


class NotACatalogue(Exception):
    """The root holds none of the data folders: a tool failure, not bad data."""


R = TypeVar("R", bound=Record)
E = TypeVar("E", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Entry(Generic[R]):
    kind: Kind[R]
    path: str
    record: R

    @property
    def stem(self) -> str:
        return stem(self.path)


@dataclass(frozen=True, slots=True)
class Event(Generic[E]):
    """One event file: what it belongs to is its place (`parent`), not a field."""

    kind: EventKind[E]
    path: str
    parent: str
    record: E

    @property
    def stem(self) -> str:
        return stem(self.path)


def stem(path: str) -> str:
    """A data file's name without its folder and `.yaml`: a record's id, an event's
    actor and date."""
    return path.rsplit("/", 1)[-1].removesuffix(".yaml")


class Located(Protocol):
    @property
    def path(self) -> str: ...


@dataclass
class Catalogue:
    root: Path
    entries: dict[str, list[Entry[Any]]] = field(default_factory=dict)
    by_id: dict[str, dict[str, Entry[Any]]] = field(default_factory=dict)
    # file stems of records that exist but could not be read or validated: a
    # reference to one of them is not reported again as unresolved
    broken: dict[str, set[str]] = field(default_factory=dict)
    # events by kind name, then by the id of the record they belong to, by file name
    event_files: dict[str, dict[str, list[Event[Any]]]] = field(default_factory=dict)
    # event files that could not be read or validated, as (parent id, file stem) by
    # kind name: what they would have said is not reported again elsewhere
    broken_events: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    _suggesters: dict[str, Suggester] = field(default_factory=dict, repr=False)

    def records(self, kind: Kind[R]) -> Iterator[Entry[R]]:
        """Every valid record of a kind, typed by the kind's model."""
        return iter(cast(list[Entry[R]], self.entries.get(kind.name, [])))

    def records_of(self, kind: Kind[R]) -> Iterator[R]:
        """Every valid record of a kind, typed by the kind's model, without its file."""
        return (entry.record for entry in self.records(kind))

    def events(self, kind: EventKind[E], parent_id: str) -> list[Event[E]]:
        """The valid events of a kind about one record, by file name."""
        return cast(list[Event[E]], self.event_files.get(kind.name, {}).get(parent_id, []))

    def all_events(self, kind: EventKind[E]) -> Iterator[Event[E]]:
        for parent_id in sorted(self.event_files.get(kind.name, {})):
            yield from self.events(kind, parent_id)

    def unreadable(self, kind: EventKind[Any], parent_id: str, who: str) -> bool:
        """True when an event file about `parent_id` by `who` exists but is broken."""
        return any(
            parent == parent_id and stem.startswith(f"{who}-")
            for parent, stem in self.broken_events.get(kind.name, set())
        )

    def admitted(self, dps_id: str) -> dict[str, Application]:
        """The suppliers admitted to a DPS, from its applications."""
        return events.admitted(e.record for e in self.events(APPLICATION, dps_id))

    def admitted_on(self, dps_id: str, day: date) -> dict[str, Application]:
        """The suppliers that stand admitted to a DPS on `day`: admitted by then and
        not excluded on or before it."""
        return {s: a for s, a in self.admitted(dps_id).items() if a.stands_on(day)}

    def participants(self, need: Need) -> tuple[Participant, ...]:
        """A need's participants: those written in it and those whose request to join
        was accepted."""
        requests = (e.record for e in self.events(JOIN_REQUEST, need.id))
        return events.participants(need.participants, requests)

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

    def locate(self, entry: Located, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        return yaml_files.locate(self.root, entry.path, loc, key=key)

    def error_at(self, entry: Located, loc: Loc, code: str, message: str) -> Diagnostic:
        """An error at the value `loc` points to in the entry's file."""
        line, column = self.locate(entry, loc)
        return error(entry.path, line, column, code, message)

    def warning_at(self, entry: Located, loc: Loc, code: str, message: str) -> Diagnostic:
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
        allowed = BESIDE.get(kind.folder)
        listing = folders.list_folder(
            root, kind.folder, solution_folders=kind is SOLUTION, beside=allowed is not None
        )
        diagnostics.extend(listing.diagnostics)
        for folder in listing.beside:
            assert allowed is not None
            for name, inner in folders.list_beside(root, folder, allowed).items():
                diagnostics.extend(inner.diagnostics)
                if name:
                    _load_events(catalogue, diagnostics, _event_kind(kind, name), inner)
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


def _event_kind(parent: Kind[Any], folder: str) -> EventKind[Any]:
    return next(e for e in EVENT_KINDS if e.parent is parent and e.folder == folder)


def _load_events(
    catalogue: Catalogue,
    diagnostics: list[Diagnostic],
    kind: EventKind[Any],
    listing: folders.FolderListing,
) -> None:
    root = catalogue.root
    for path, document, problems in yaml_files.iter_documents(root, listing.records):
        diagnostics.extend(problems)
        found = kind.match(path)
        record = None
        if document is not None and not problems:
            record, invalid = validation.validate(root, kind.model, document)
            diagnostics.extend(invalid)
        if (record is None or problems) and found is not None:
            catalogue.broken_events.setdefault(kind.name, set()).add(found)
        elif record is not None and found is not None:
            event = Event(kind, path, found[0], record)
            catalogue.event_files.setdefault(kind.name, {}).setdefault(found[0], []).append(event)


def _names(path: str, document: yaml_files.YamlDocument | None) -> set[str]:
    """The ids a record that failed may be referred to by: its file name and its `id`."""
    names = {stem(path)}
    written: Any = document.value.get("id") if document is not None else None
    if isinstance(written, str):
        names.add(written)
    return names
