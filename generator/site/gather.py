"""Everything the pages are made from, gathered once before anything is written
(as mkdocs' own build does): the checked catalogue, the date the site is built
for, and every reference between records in both directions.

A record names what it refers to (a solution its supplier, a call-off its DPS …);
the page of the record referred to must list the referrers too. `Relations` holds
that reverse direction, every list sorted, so that each page is one lookup."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from generator.catalogue import config
from generator.catalogue.gather import Catalogue
from generator.models import Record
from generator.models.events import Application
from generator.models.kinds import APPLICATION, CALLOFF, EXPERIENCE, NEED, SOLUTION, Kind
from generator.sandbox.report import Report

R = TypeVar("R", bound=Record)

Index = dict[str, list[str]]


def _index() -> defaultdict[str, list[str]]:
    return defaultdict(list)


@dataclass
class Relations:
    solutions_of_supplier: Index = field(default_factory=_index)
    needs_of_solution: Index = field(default_factory=_index)  # need.related_solutions
    solutions_for_need: Index = field(default_factory=_index)  # solution.addresses_needs
    needs_of_supplier: Index = field(default_factory=_index)  # owner or participant
    experiences_of_solution: Index = field(default_factory=_index)
    experiences_of_need: Index = field(default_factory=_index)
    experiences_of_calloff: Index = field(default_factory=_index)
    experiences_of_supplier: Index = field(default_factory=_index)  # author
    calloffs_of_dps: Index = field(default_factory=_index)
    calloffs_of_need: Index = field(default_factory=_index)
    calloffs_inviting: Index = field(default_factory=_index)  # supplier -> call-offs
    calloffs_awarding_supplier: Index = field(default_factory=_index)
    calloffs_awarding_solution: Index = field(default_factory=_index)
    applications_of_supplier: dict[str, list[tuple[str, Application]]] = field(
        default_factory=lambda: defaultdict(list)
    )


def relations(catalogue: Catalogue) -> Relations:
    rel = Relations()
    for solution in catalogue.records_of(SOLUTION):
        rel.solutions_of_supplier[solution.supplier].append(solution.id)
        for need_id in solution.addresses_needs:
            rel.solutions_for_need[need_id].append(solution.id)
    for need in catalogue.records_of(NEED):
        for solution_id in need.related_solutions:
            rel.needs_of_solution[solution_id].append(need.id)
        for actor in {need.owner, *(p.actor for p in catalogue.participants(need))}:
            if not actor.isdigit():
                rel.needs_of_supplier[actor].append(need.id)
    for experience in catalogue.records_of(EXPERIENCE):
        for index, target in (
            (rel.experiences_of_solution, experience.solution),
            (rel.experiences_of_need, experience.need),
            (rel.experiences_of_calloff, experience.calloff),
        ):
            if target is not None:
                index[target].append(experience.id)
        if not experience.author.isdigit():
            rel.experiences_of_supplier[experience.author].append(experience.id)
    for event in catalogue.all_events(APPLICATION):
        application = event.record
        rel.applications_of_supplier[application.supplier].append((event.parent, application))
    for calloff in catalogue.records_of(CALLOFF):
        rel.calloffs_of_dps[calloff.dps].append(calloff.id)
        if calloff.need is not None:
            rel.calloffs_of_need[calloff.need].append(calloff.id)
        for supplier in calloff.invited:
            rel.calloffs_inviting[supplier].append(calloff.id)
        if calloff.award is not None:
            rel.calloffs_awarding_supplier[calloff.award.supplier].append(calloff.id)
            rel.calloffs_awarding_solution[calloff.award.solution].append(calloff.id)
    for name, index in vars(rel).items():
        if name != "applications_of_supplier":
            for key, ids in index.items():
                index[key] = sorted(set(ids))
    for items in rel.applications_of_supplier.values():
        items.sort(key=lambda pair: (pair[0], pair[1].received))
    return rel


@dataclass(frozen=True)
class Site:
    catalogue: Catalogue
    today: date
    rel: Relations
    repository: str = config.DEFAULT_REPOSITORY  # the GitHub repository's address
    # the sandbox's reports by solution id (`pipeline.Checked.verification`)
    verification: Mapping[str, Report] = field(default_factory=dict)

    def get(self, kind: Kind[Any], record_id: str, model: type[R]) -> R:
        record = self.catalogue.get(kind, record_id)
        if not isinstance(record, model):  # the check refuses dangling references
            raise KeyError(f"{kind.name} {record_id} finnes ikke")
        return record

    def all(self, kind: Kind[Any], model: type[R]) -> list[R]:
        """Every record of a kind, by id."""
        records = [entry.record for entry in self.catalogue.records(kind)]
        found = [r for r in records if isinstance(r, model)]
        return sorted(found, key=lambda r: r.id)


def gather(
    catalogue: Catalogue,
    today: date,
    repository: str = config.DEFAULT_REPOSITORY,
    verification: Mapping[str, Report] | None = None,
) -> Site:
    return Site(
        catalogue, today, relations(catalogue), repository.rstrip("/"), dict(verification or {})
    )
