"""`markedsplass authorize`: may the GitHub user LOGIN make the change between two
git revisions? Who may change what is read from the BASE revision, never from the
change itself (a pull request cannot make its author a maintainer and then use it):

* a municipality's `maintainers` (catalogue/municipalities/<nr>.yaml) act in its
  name: own its needs, ask to join a need, share an experience; a supplier's
  `maintainers` act in the supplier's name and change it and its solutions
  (`catalogue/solutions/<id>.yaml` and `catalogue/solutions/<id>/…`);
* a need is changed by its `maintainers` and by those who act for its owner; an
  experience by its `maintainers` and by those who act for its author;
* a new need or experience, and a new request to join a need, may only be written
  in the name of a municipality or supplier the author acts for; a join request
  is signed with the author's own login and starts as pending; the need's owners
  answer it, and its sender may change or withdraw it while it is pending;
* a supplier's maintainers apply for qualification in a DPS by adding an
  application file for their supplier with no decision, and may change or
  withdraw it while it is undecided;
* the marketplace team (`team` in markedsplassen.yaml) alone registers
  municipalities, changes the rest of `tenders/` (questions included), records
  decisions, deletes or renames records, and changes the repository's
  infrastructure: everything outside the data folders;
* a new supplier must list its author among its maintainers;
* nobody, the team included, records, changes or deletes the decision on an
  application of a supplier they maintain.

Refusals are diagnostics: which file, and who may change it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.catalogue import config
from generator.diagnostics import Diagnostic, error
from generator.github import git
from generator.loading import yaml_files
from generator.models import reference
from generator.models.kinds import (
    APPLICATION,
    EVENT_KINDS,
    EXPERIENCE,
    JOIN_REQUEST,
    MUNICIPALITY,
    NEED,
    QUESTION,
    SOLUTION,
    SUPPLIER,
    EventKind,
    of_path,
)
from generator.norway import identifiers


def _solution_of(path: str) -> str | None:
    """The solution a path belongs to: its record or a file beside it."""
    return SOLUTION.match(path) or SOLUTION.match_file(path)


# What an application or join request may hold when someone else than the team
# adds it: the fields of a request, none of a decision or an answer. After
# admission, the team's request for a renewed self-declaration and an exclusion
# are decisions too (the supplier's renewal date, `espd_renewed`, is its answer).
DECISION_FIELDS = (
    "decided",
    "decision",
    "reason",
    "extension_reason",
    "espd_requested",
    "excluded",
    "exclusion_reason",
)
ANSWER_FIELDS = ("status", "answered")


def _fold(login: str) -> str:
    return login.casefold()  # GitHub logins are case-insensitive


def _logins(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str) and identifiers.GITHUB_LOGIN.fullmatch(v))


def _shown(logins: tuple[str, ...]) -> str:
    return ", ".join(f"@{login}" for login in logins) if logins else "ingen"


# the records written in someone's name: the field that names them, and what they are
SPEAKERS = ((NEED, "owner", "et behov"), (EXPERIENCE, "author", "en erfaring"))


def _is_record(path: str) -> bool:
    return of_path(path) is not None


def _of_event(path: str) -> tuple[EventKind[Any], str] | None:
    """The event kind and the id of the record it belongs to, for an event file."""
    for kind in EVENT_KINDS:
        found = kind.match(path)
        if found is not None:
            return kind, found[0]
    return None


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
            value = document.value if document is not None else None
            self._cache[path] = value if isinstance(value, dict) else None
        return self._cache[path]

    def maintainers(self, path: str) -> tuple[str, ...]:
        record = self.record(path)
        return _logins(record.get("maintainers")) if record else ()

    def supplier_of_solution(self, solution_id: str) -> str | None:
        record = self.record(SOLUTION.path(solution_id))
        supplier = record.get("supplier") if record else None
        return supplier if isinstance(supplier, str) else None


@dataclass
class Proposal(Revision):
    """A revision with proposed files on top: what an issue form would write, judged
    before any pull request exists."""

    files: dict[str, str] = field(default_factory=dict)

    def raw(self, path: str) -> bytes | None:
        if path in self.files:
            return self.files[path].encode("utf-8")
        return super().raw(path)


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

    # who acts for whom, as of base ---------------------------------------------

    def acting(self, actor: str) -> tuple[tuple[str, ...], str]:
        """The logins who act in the name of `actor` (a kommunenummer or a supplier
        id), and how to name it. A supplier registered in the same change counts
        with the maintainers it lists, as a new supplier lists its author."""
        if actor.isdigit():
            found = reference.municipalities().get(actor)
            name = f"{found.name} kommune ({actor})" if found else f"kommune {actor}"
            return self.base.maintainers(MUNICIPALITY.path(actor)), name
        where = supplier_path(actor)
        revision = self.base if self.base.exists(where) else self.head
        return revision.maintainers(where), f"leverandøren «{actor}»"

    def acts_for(self, actor: Any) -> bool:
        return isinstance(actor, str) and self.listed(self.acting(actor)[0])

    def not_acting(self, path: str, actor: Any, what: str) -> Diagnostic:
        """The refusal when the author writes in the name of someone they do not act for."""
        if not isinstance(actor, str):
            return self.refuse(
                path,
                f"{what} kan ikke leses, så det kan ikke avgjøres hvem du skriver på vegne "
                "av. Rett feilene `markedsplass check` viser.",
                "not-acting-for",
            )
        logins, whose = self.acting(actor)
        team = f"markedsplassteamet ({_shown(self.team)})"
        if actor.isdigit() and not self.base.exists(MUNICIPALITY.path(actor)):
            how = (
                f"{whose} er ikke registrert i markedsplassen ennå. Be om det med skjemaet "
                f"«Registrer kommune», så fører {team} opp den som skal handle for kommunen."
            )
        elif logins:
            how = (
                f"Bare de som står under `maintainers` for {whose} ({_shown(logins)}) kan "
                f"det, og {team}. Be en av dem føre deg opp i "
                f"{MUNICIPALITY.path(actor) if actor.isdigit() else supplier_path(actor)}."
            )
        else:
            how = f"{whose.capitalize()} har ingen som kan handle for den; bare {team} kan det."
        return self.refuse(
            path,
            f"Du (@{self.author}) kan ikke skrive {what} i navnet til {whose}. {how}",
            "not-acting-for",
        )

    # who may change an existing record, as of base -----------------------------

    def owners(self, path: str) -> tuple[tuple[str, ...], str]:
        """The logins (besides the team) that may change `path` as it is at base, and
        how to name them."""
        if supplier_id := SUPPLIER.match(path):
            return self.base.maintainers(path), f"leverandøren «{supplier_id}»"
        if number := MUNICIPALITY.match(path):
            return self.base.maintainers(path), f"kommune {number}"
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
                if isinstance(actor, str):
                    logins += self.acting(actor)[0]
                return tuple(dict.fromkeys(logins)), f"{what} «{record_id}»"
        return (), ""

    # the verdict on one changed path ------------------------------------------

    def check(self, change: git.Change) -> Iterator[Diagnostic]:
        own = list(self.decisions(change))
        yield from own
        if self.is_team or own:
            return
        if change.status in ("D", "R"):
            old = change.old_path or change.path
            yield from self.removed(old, change.path)
            if change.status == "R" and not _is_record(old):
                yield from self.added(change.path)
        elif not self.base.exists(change.path):
            yield from self.added(change.path)
        else:
            yield from self.modified(change.path)

    def refuse(self, path: str, message: str, code: str = "not-authorized") -> Diagnostic:
        return error(path, 1, 1, code, message)

    def removed(self, old: str, new: str) -> Iterator[Diagnostic]:
        team = _shown(self.team)
        if event := _of_event(old):
            if not self.withdraws(event[0], old):
                yield self.refuse(
                    new,
                    f"Bare markedsplassteamet ({team}) kan slette en {event[0].label} som er "
                    "avgjort eller besvart, eller som ikke er din. Vil du trekke den, be "
                    "teamet om det i pull requesten.",
                    "record-removed",
                )
            return
        if _is_record(old):
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
        if event := _of_event(path):
            yield from self.changed_event(event[0], event[1], path)
            return
        if path.startswith("tenders/"):
            yield self.refuse(
                shown,
                "Innkjøpsordninger og uttak (tenders/) endres bare av markedsplassteamet "
                f"({_shown(self.team)}). En leverandør søker om kvalifisering med en egen fil "
                "i tenders/dps/<ordning>/applications/, eller med skjemaet «Søk om "
                "kvalifisering».",
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
        if not self.listed(logins):
            yield self.refuse(
                shown,
                f"Du (@{self.author}) har ikke lov til å endre {shown}. " + self.who(logins, whose),
            )
            return
        yield from self.moved_solution(path)
        yield from self.new_owner(path)

    def added(self, path: str) -> Iterator[Diagnostic]:
        if event := _of_event(path):
            yield from self.new_event(event[0], path)
            return
        if MUNICIPALITY.match(path):
            yield self.refuse(
                path,
                "En kommune registreres av markedsplassteamet "
                f"({_shown(self.team)}). Be om det med skjemaet «Registrer kommune».",
            )
            return
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
        for kind, field_name, what in (
            (NEED, "owner", "et behov"),
            (EXPERIENCE, "author", "en erfaring"),
        ):
            if kind.match(path):
                if not self.acts_for(record.get(field_name)):
                    yield self.not_acting(path, record.get(field_name), what)
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
        logins, _ = self.acting(supplier)
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
        logins, whose = self.acting(after)
        if not self.listed(logins):
            yield self.refuse(
                path,
                f"Løsningen flyttes til leverandøren «{after}», som du (@{self.author}) ikke "
                f"vedlikeholder. {self.who(logins, whose)}",
            )

    def new_owner(self, path: str) -> Iterator[Diagnostic]:
        """A need or experience handed to another owner or author: the author must act
        for the new one too, or anyone could speak in another's name."""
        for kind, field_name, what in (
            (NEED, "owner", "et behov"),
            (EXPERIENCE, "author", "en erfaring"),
        ):
            if not kind.match(path):
                continue
            before = (self.base.record(path) or {}).get(field_name)
            after = (self.head.record(path) or {}).get(field_name)
            if after != before and not self.acts_for(after):
                yield self.not_acting(path, after, what)

    # events: one file each ------------------------------------------------------

    def new_event(self, kind: EventKind[Any], path: str) -> Iterator[Diagnostic]:
        value = self.head.record(path)
        team = _shown(self.team)
        if kind is QUESTION or value is None:
            yield self.refuse(
                path,
                f"Spørsmål og svar i et uttak publiseres av markedsplassteamet ({team}), "
                "anonymisert og likt for alle inviterte."
                if kind is QUESTION
                else "Filen kan ikke leses, så det kan ikke avgjøres hvem den er fra. Rett "
                "feilene `markedsplass check` viser.",
            )
            return
        if kind is APPLICATION:
            if not self.acts_for(value.get("supplier")):
                yield self.not_acting(path, value.get("supplier"), "en forespørsel om deltakelse")
            elif any(value.get(k) is not None for k in DECISION_FIELDS):
                yield self.refuse(
                    path,
                    "En ny søknad har ingen beslutning: fjern "
                    f"{', '.join(f'`{k}`' for k in DECISION_FIELDS)}. Markedsplassteamet "
                    f"({team}) avgjør den.",
                )
            return
        if not self.acts_for(value.get("actor")):
            yield self.not_acting(path, value.get("actor"), "en forespørsel om å bli med")
        elif not isinstance(value.get("github"), str) or _fold(value["github"]) != _fold(
            self.author
        ):
            yield self.refuse(
                path,
                f"En forespørsel om å bli med signeres med din egen GitHub-bruker: skriv "
                f"`github: {self.author}`.",
                "not-acting-for",
            )
        elif value.get("status", "pending") != "pending" or value.get("answered") is not None:
            yield self.refuse(
                path,
                "En ny forespørsel venter på svar: skriv `status: pending` (eller ingen "
                "status) og ingen `answered`. Behovets eier svarer.",
            )

    def need_owners(self, need_id: str) -> tuple[str, ...]:
        return self.owners(NEED.path(need_id))[0]

    def changed_event(self, kind: EventKind[Any], parent: str, path: str) -> Iterator[Diagnostic]:
        before, after = self.base.record(path) or {}, self.head.record(path) or {}
        team = _shown(self.team)
        if kind is APPLICATION:
            undecided = not any(
                v.get(k) is not None for v in (before, after) for k in DECISION_FIELDS
            )
            same_supplier = before.get("supplier") == after.get("supplier")
            if undecided and same_supplier and self.acts_for(before.get("supplier")):
                return
            yield self.refuse(
                path,
                f"En avgjort søknad endres bare av markedsplassteamet ({team}); leverandøren "
                "kan endre sin egen søknad så lenge den ikke er avgjort.",
            )
            return
        if kind is JOIN_REQUEST:
            if self.listed(self.need_owners(parent)):
                return  # the need's owners answer
            pending = all(v.get("status", "pending") == "pending" for v in (before, after))
            unanswered = all(v.get("answered") is None for v in (before, after))
            same = all(before.get(k) == after.get(k) for k in ("actor", "github"))
            if pending and unanswered and same and self.acts_for(before.get("actor")):
                return
            yield self.refuse(
                path,
                f"Du (@{self.author}) kan ikke endre {path}. Behovets eiere svarer på "
                "forespørselen; den som sendte den kan endre den mens den venter. "
                + self.who(self.need_owners(parent), f"behovet «{parent}»"),
            )
            return
        yield self.refuse(
            path, f"Spørsmål og svar i et uttak endres bare av markedsplassteamet ({team})."
        )

    def withdraws(self, kind: EventKind[Any], path: str) -> bool:
        """An event its sender may delete: an undecided application or a pending join
        request of theirs (or, for a join request, the need's owners)."""
        value = self.base.record(path) or {}
        if kind is APPLICATION:
            undecided = all(value.get(k) is None for k in DECISION_FIELDS)
            return undecided and self.acts_for(value.get("supplier"))
        if kind is JOIN_REQUEST:
            found = kind.match(path)
            if found is not None and self.listed(self.need_owners(found[0])):
                return True
            pending = value.get("status", "pending") == "pending"
            return pending and self.acts_for(value.get("actor"))
        return False

    def decisions(self, change: git.Change) -> Iterator[Diagnostic]:
        """No one decides, changes or deletes the decision on an application of a
        supplier they maintain."""
        paths = {change.path, change.old_path or change.path}
        if not any(APPLICATION.match(p) for p in paths):
            return
        before = self.base.record(change.old_path or change.path) or {}
        after = {} if change.status == "D" else (self.head.record(change.path) or {})
        decided_before = {k: before.get(k) for k in DECISION_FIELDS}
        decided_after = {k: after.get(k) for k in DECISION_FIELDS}
        if decided_before == decided_after:
            return
        for supplier in {before.get("supplier"), after.get("supplier")}:
            if isinstance(supplier, str) and self.listed(self.acting(supplier)[0]):
                line, column = self.position(change.path, ("decision",))
                yield error(
                    change.path,
                    line,
                    column,
                    "own-decision",
                    f"Du (@{self.author}) står som vedlikeholder av leverandøren «{supplier}» "
                    "og kan ikke registrere, endre eller slette beslutningen om dens egen "
                    f"søknad ({', '.join(DECISION_FIELDS)}). Det gjør et annet "
                    f"medlem av markedsplassteamet ({_shown(self.team)}).",
                )
                return

    def position(self, path: str, loc: yaml_files.Loc) -> tuple[int, int]:
        data = self.head.raw(path)
        found = yaml_files.positions(data, path).get(loc) if data is not None else None
        return (found[0], found[1]) if found else (1, 1)


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


def authorize_files(root: Path, base: str, files: dict[str, str], author: str) -> list[Diagnostic]:
    """Every refusal of writing `files` (path -> text) on top of `base` by `author`:
    the same rules as for a pull request, for a change that exists only as files."""
    commit = git.commit(root, base)
    before = Revision(root, commit)
    authorizer = Authorizer(
        root, before, Proposal(root, commit, files=files), author, team_at(root, commit)
    )
    found: set[Diagnostic] = set()
    for path in sorted(files):
        found.update(authorizer.check(git.Change("M" if before.exists(path) else "A", path)))
    return sorted(found)
