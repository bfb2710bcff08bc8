"""`markedsplass authorize`: may the GitHub user LOGIN make the change between two
git revisions? Who may change what is read from the BASE revision, never from the
change itself (a pull request cannot make its author a maintainer and then use it):

* a supplier's `maintainers` change the supplier and its solutions
  (`catalogue/solutions/<id>.yaml` and `catalogue/solutions/<id>/…` of every
  solution whose `supplier` is theirs as of base);
* a need's `maintainers`, and the maintainers of the supplier that owns it, change
  the need; an experience's `maintainers`, and those of the supplier that wrote
  it, change the experience;
* anyone may ask to join a need: append a pending join request signed with their
  own login and change nothing else;
* a supplier's maintainers may apply for qualification in a DPS: append an
  application for their supplier with no decision and change nothing else;
* the marketplace team (`team` in markedsplassen.yaml) alone changes the rest of
  `tenders/`, records decisions, deletes or renames records, and changes the
  repository's infrastructure: everything outside the data folders;
* a new record must list its author among its maintainers (a new solution: among
  its supplier's);
* nobody, the team included, records or changes the decision on an application
  of a supplier they maintain.

Refusals are diagnostics: which file, and who may change it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.catalogue import config
from generator.diagnostics import Diagnostic, error
from generator.github import git
from generator.loading import yaml_files
from generator.models.kinds import DPS, EXPERIENCE, NEED, SOLUTION, SUPPLIER
from generator.norway import identifiers


def _solution_of(path: str) -> str | None:
    """The solution a path belongs to: its record or a file beside it."""
    return SOLUTION.match(path) or SOLUTION.match_file(path)


_RECORD = re.compile(
    r"(catalogue/suppliers|catalogue/solutions|needs|experiences|tenders/dps|tenders/calloffs)/[^/]+\.yaml"
)
# What an application or join request may hold when it is added by someone else
# than the team: the fields of a request, none of a decision.
_APPLICATION_FIELDS = {"supplier", "received"}
_JOIN_REQUEST_FIELDS = {"actor", "person", "github", "received", "message", "status"}
DECISION_FIELDS = ("decided", "decision", "reason", "extension_reason")


def _fold(login: str) -> str:
    return login.casefold()  # GitHub logins are case-insensitive


def _logins(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str) and identifiers.GITHUB_LOGIN.fullmatch(v))


def _shown(logins: tuple[str, ...]) -> str:
    return ", ".join(f"@{login}" for login in logins) if logins else "ingen"


@dataclass
class Revision:
    """The records of one revision, parsed on demand, as plain values."""

    root: Path
    rev: str
    _raw: dict[str, bytes | None] = field(default_factory=dict)
    _cache: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def raw(self, path: str) -> bytes | None:
        if path not in self._raw:
            self._raw[path] = git.show(self.root, self.rev, path)
        return self._raw[path]

    def exists(self, path: str) -> bool:
        return self.raw(path) is not None

    def record(self, path: str) -> dict[str, Any] | None:
        """The file's fields, or None when it is missing or cannot be read."""
        if path not in self._cache:
            data = self.raw(path)
            document = yaml_files.parse(data, path)[0] if data is not None else None
            self._cache[path] = document.value if document is not None else None
        return self._cache[path]

    def maintainers(self, path: str) -> tuple[str, ...]:
        record = self.record(path)
        return _logins(record.get("maintainers")) if record else ()

    def supplier_of_solution(self, solution_id: str) -> str | None:
        record = self.record(SOLUTION.path(solution_id))
        supplier = record.get("supplier") if record else None
        return supplier if isinstance(supplier, str) else None


def supplier_path(supplier_id: str) -> str:
    return SUPPLIER.path(supplier_id)


@dataclass
class Authorizer:
    root: Path
    base: Revision
    head: Revision
    author: str
    team: tuple[str, ...]

    @cached_property
    def is_team(self) -> bool:
        return _fold(self.author) in {_fold(t) for t in self.team}

    def listed(self, logins: tuple[str, ...]) -> bool:
        return _fold(self.author) in {_fold(login) for login in logins}

    def who(self, logins: tuple[str, ...], whose: str) -> str:
        team = f"markedsplassteamet ({_shown(self.team)})"
        if not logins:
            return f"Det kan bare {team}, for {whose} har ingen vedlikeholdere."
        return f"Det kan bare vedlikeholderne av {whose} ({_shown(logins)}) og {team}."

    # who may change an existing record, as of base -----------------------------

    def owners(self, path: str) -> tuple[tuple[str, ...], str]:
        """The logins (besides the team) that may change `path` as it is at base, and
        how to name them."""
        if supplier_id := SUPPLIER.match(path):
            return self.base.maintainers(path), f"leverandøren «{supplier_id}»"
        if solution_id := _solution_of(path):
            supplier = self.base.supplier_of_solution(solution_id)
            if supplier is None:
                return (), f"løsningen «{solution_id}»"
            return self.base.maintainers(supplier_path(supplier)), f"leverandøren «{supplier}»"
        for kind, field_name, what in (
            (NEED, "owner", "behovet"),
            (EXPERIENCE, "author", "erfaringen"),
        ):
            if record_id := kind.match(path):
                record = self.base.record(path) or {}
                logins = list(_logins(record.get("maintainers")))
                actor = record.get(field_name)
                if isinstance(actor, str) and identifiers.is_slug(actor):
                    logins += self.base.maintainers(supplier_path(actor))
                return tuple(dict.fromkeys(logins)), f"{what} «{record_id}»"
        return (), ""

    # the verdict on one changed path ------------------------------------------

    def check(self, change: git.Change) -> Iterator[Diagnostic]:
        own = list(self.decisions(change))
        yield from own
        if self.is_team or own:
            return
        if change.status == "D":
            yield from self.removed(change.path, change.path)
        elif change.status == "R":
            assert change.old_path is not None
            yield from self.removed(change.old_path, change.path)
            if not _RECORD.fullmatch(change.old_path):
                yield from self.added(change.path)
        elif not self.base.exists(change.path):
            yield from self.added(change.path)
        else:
            yield from self.modified(change.path)

    def refuse(self, path: str, message: str, code: str = "not-authorized") -> Diagnostic:
        return error(path, 1, 1, code, message)

    def removed(self, old: str, new: str) -> Iterator[Diagnostic]:
        team = _shown(self.team)
        if _RECORD.fullmatch(old):
            if old == new:
                message = (
                    f"Bare markedsplassteamet ({team}) kan slette en post. Vil du at "
                    "posten skal fjernes, be om det i pull requesten, så gjør teamet det."
                )
            else:
                message = (
                    f"Bare markedsplassteamet ({team}) kan gi en post nytt navn (her fra "
                    f"{old}): id-en er adressen andre poster og lenker viser til. Behold "
                    "filnavnet, eller be teamet om endringen."
                )
            yield self.refuse(new, message, "record-removed")
            return
        yield from self.modified(old, shown_path=new)

    def modified(self, path: str, shown_path: str | None = None) -> Iterator[Diagnostic]:
        shown = shown_path or path
        if path.startswith("tenders/"):
            if self.applies(path):
                return
            yield self.refuse(
                shown,
                "Innkjøpsordninger og uttak (tenders/) endres bare av markedsplassteamet "
                f"({_shown(self.team)}). En leverandør kan bare søke om kvalifisering: "
                "legge til en søknad for sin egen leverandør uten beslutning, eller bruke "
                "skjemaet «Søk om kvalifisering».",
            )
            return
        logins, whose = self.owners(path)
        if not whose:
            yield self.refuse(
                shown,
                f"Filen hører til repoets infrastruktur, som bare markedsplassteamet "
                f"({_shown(self.team)}) kan endre.",
            )
            return
        if self.listed(logins):
            yield from self.moved_solution(path)
            return
        if NEED.match(path) and self.joins(path):
            return
        yield self.refuse(
            shown,
            f"Du (@{self.author}) har ikke lov til å endre {shown}. " + self.who(logins, whose),
        )

    def added(self, path: str) -> Iterator[Diagnostic]:
        if path.startswith("tenders/") or not (
            SUPPLIER.match(path) or _solution_of(path) or NEED.match(path) or EXPERIENCE.match(path)
        ):
            yield from self.modified(path)  # the same rule: the team's
            return
        if solution_id := _solution_of(path):
            if self.base.exists(SOLUTION.path(solution_id)):
                yield from self.modified(path)  # a new file of an existing solution
                return
            yield from self.new_solution(path, solution_id)
            return
        record = self.head.record(path)
        if record is None:
            yield self.refuse(
                path,
                "Den nye posten kan ikke leses, så det kan ikke avgjøres om du står som "
                "vedlikeholder. Rett feilene `markedsplass check` viser.",
                "author-not-listed",
            )
            return
        if not self.listed(_logins(record.get("maintainers"))):
            yield self.refuse(
                path,
                f"En ny post må ha deg som vedlikeholder: legg til «{self.author}» under "
                "`maintainers`, så kan du endre posten senere.",
                "author-not-listed",
            )

    def new_solution(self, path: str, solution_id: str) -> Iterator[Diagnostic]:
        supplier = self.head.supplier_of_solution(solution_id)
        if supplier is None:
            yield self.refuse(
                path,
                f"Den nye løsningen «{solution_id}» har ingen leverandør (`supplier`) som "
                "kan leses, så det kan ikke avgjøres hvem som kan legge den til.",
                "author-not-listed",
            )
            return
        where = supplier_path(supplier)
        revision = self.base if self.base.exists(where) else self.head
        logins = revision.maintainers(where)
        if not self.listed(logins):
            yield self.refuse(
                path,
                f"Løsningen hører til leverandøren «{supplier}», og du (@{self.author}) står "
                f"ikke blant vedlikeholderne dens ({_shown(logins)}). Bare de, og "
                f"markedsplassteamet ({_shown(self.team)}), kan legge til løsninger for den.",
                "author-not-listed",
            )

    def moved_solution(self, path: str) -> Iterator[Diagnostic]:
        """A solution moved to another supplier: its author must maintain that one too."""
        solution_id = SOLUTION.match(path)
        if not solution_id:
            return
        before = self.base.supplier_of_solution(solution_id)
        after = self.head.supplier_of_solution(solution_id)
        if after is None or after == before:
            return
        where = supplier_path(after)
        revision = self.base if self.base.exists(where) else self.head
        logins = revision.maintainers(where)
        if not self.listed(logins):
            yield self.refuse(
                path,
                f"Løsningen flyttes til leverandøren «{after}», som du (@{self.author}) ikke "
                f"vedlikeholder. {self.who(logins, f'leverandøren «{after}»')}",
            )

    # the two contributions anyone with a stake may make to another's record -----

    def joins(self, path: str) -> bool:
        """The change only appends pending join requests signed with the author's login."""
        added = _appended(self.base.record(path), self.head.record(path), "join_requests")
        return added is not None and all(
            isinstance(item, dict)
            and set(item) <= _JOIN_REQUEST_FIELDS
            and item.get("status") == "pending"
            and isinstance(item.get("github"), str)
            and _fold(item["github"]) == _fold(self.author)
            for item in added
        )

    def applies(self, path: str) -> bool:
        """The change only appends applications without decision, each for a supplier
        the author maintains as of base."""
        if not DPS.match(path):
            return False
        added = _appended(self.base.record(path), self.head.record(path), "applications")
        return added is not None and all(
            isinstance(item, dict)
            and set(item) <= _APPLICATION_FIELDS
            and isinstance(item.get("supplier"), str)
            and self.listed(self.base.maintainers(supplier_path(item["supplier"])))
            for item in added
        )

    def decisions(self, change: git.Change) -> Iterator[Diagnostic]:
        """No one decides on an application of a supplier they maintain."""
        if change.status == "D" or not DPS.match(change.path):
            return
        base = self.base.record(change.old_path or change.path) or {}
        head = self.head.record(change.path) or {}
        before = _applications(base)
        for index, item in enumerate(_list(head.get("applications"))):
            if not isinstance(item, dict) or not isinstance(item.get("supplier"), str):
                continue
            supplier = item["supplier"]
            decided = {k: item.get(k) for k in DECISION_FIELDS}
            earlier = before.get(supplier, dict.fromkeys(DECISION_FIELDS))
            if decided == earlier or (not any(decided.values()) and not any(earlier.values())):
                continue
            if self.listed(self.base.maintainers(supplier_path(supplier))):
                line, column = self.position(change.path, ("applications", index))
                yield error(
                    change.path,
                    line,
                    column,
                    "own-decision",
                    f"Du (@{self.author}) står som vedlikeholder av leverandøren «{supplier}» "
                    "og kan ikke registrere eller endre beslutningen om dens egen søknad "
                    "(decided, decision, reason, extension_reason). Det gjør et annet medlem "
                    f"av markedsplassteamet ({_shown(self.team)}).",
                )

    def position(self, path: str, loc: yaml_files.Loc) -> tuple[int, int]:
        data = self.head.raw(path)
        found = yaml_files.positions(data, path).get(loc) if data is not None else None
        return (found[0], found[1]) if found else (1, 1)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _applications(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for item in _list(record.get("applications")):
        if isinstance(item, dict) and isinstance(item.get("supplier"), str):
            result.setdefault(item["supplier"], {k: item.get(k) for k in DECISION_FIELDS})
    return result


def _appended(
    base: dict[str, Any] | None, head: dict[str, Any] | None, key: str
) -> list[Any] | None:
    """The items appended to the list `key` when that is all that changed, else None."""
    if base is None or head is None:
        return None
    if {k: v for k, v in base.items() if k != key} != {k: v for k, v in head.items() if k != key}:
        return None
    before, after = _list(base.get(key)), _list(head.get(key))
    if len(after) <= len(before) or after[: len(before)] != before:
        return None
    return after[len(before) :]


def team_at(root: Path, revision: str) -> tuple[str, ...]:
    """The marketplace team as the settings file lists it at `revision`."""
    data = git.show(root, revision, config.FILE)
    if data is None:
        return ()
    document, _ = yaml_files.parse(data, config.FILE)
    return _logins(document.value.get("team")) if document is not None else ()


def authorize(root: Path, base: str, head: str, author: str) -> list[Diagnostic]:
    """Every refusal of the change from `base` to `head` by `author`; empty when allowed.
    Raises git.GitError when a revision is unknown."""
    changes = git.changes(root, base, head)
    authorizer = Authorizer(
        root,
        Revision(root, git.commit(root, base)),
        Revision(root, git.commit(root, head)),
        author,
        team_at(root, base),
    )
    found: set[Diagnostic] = set()
    for change in changes:
        found.update(authorizer.check(change))
    return sorted(found)
