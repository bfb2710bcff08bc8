"""Events by many hands, merged: twenty-five branches from one main commit (ten
suppliers registering and applying to one DPS, ten municipalities asking to join
one need, five municipalities sharing an experience) each touch only files of
their own, so they all merge into main without a conflict; each is authorized for
its own author (and not for someone else's), and the merged catalogue checks
clean with every application, join request and experience in it."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from generator import pipeline
from generator.github.authorize import authorize
from generator.models import reference
from generator.models.kinds import APPLICATION, EXPERIENCE, JOIN_REQUEST
from generator.norway import identifiers
from tests.support.gitrepo import Repo, make
from tests.support.paths import TODAY

DPS_ID = "dps-a"
NEED_ID = "behov-a"
# ten more municipalities the team registers, each with one person acting for it
NUMBERS = ("0301", "1101", "1103", "1106", "1108", "1124", "1149", "1505", "1508", "1514")
# within the last working days before TODAY (Saturday 2026-11-28): a pending
# application is not yet overdue, and every event is after the DPS was announced
RECEIVED = tuple(date(2026, 11, 23) + timedelta(days=i % 5) for i in range(10))


@dataclass(frozen=True)
class Branch:
    name: str
    author: str
    files: dict[str, str]


def _login(number: str) -> str:
    return f"kontakt-{number}"


def _orgnr(serial: int) -> str:
    """A valid organisasjonsnummer, unique by `serial` (mod-11 check digit; a body
    whose check digit would be 10 is skipped)."""
    body = 97_000_000 + serial * 100
    while True:
        digits = str(body)
        check = identifiers.mod11_check_digit(digits, (3, 2, 7, 6, 5, 4, 3, 2))
        if check is not None:
            orgnr = digits + str(check)
            assert identifiers.is_orgnr(orgnr)
            return orgnr
        body += 1


def _register_municipalities(repo: Repo) -> str:
    known = reference.municipalities()
    for number in NUMBERS:
        repo.write(
            f"catalogue/municipalities/{number}.yaml",
            f'id: "{number}"\nname: {known[number].name}\nmaintainers:\n  - {_login(number)}\n',
        )
    return repo.commit("Registrer ti kommuner")


def _supplier(i: int) -> Branch:
    supplier, login, received = f"leverandor-n{i}", f"leverandor-n{i}-dev", RECEIVED[i]
    return Branch(
        f"leverandor-{i}",
        login,
        {
            f"catalogue/suppliers/{supplier}.yaml": (
                f"id: {supplier}\n"
                f"name: Leverandør N{i} AS\n"
                f'orgnr: "{_orgnr(i)}"\n'
                f"maintainers:\n  - {login}\n"
                "contact:\n"
                f"  name: Kontakt N{i}\n"
                f"  email: post@{supplier}.example.no\n"
            ),
            APPLICATION.path(DPS_ID, f"{supplier}-{received}"): (
                f"supplier: {supplier}\nreceived: {received}\n"
            ),
        },
    )


def _join_request(i: int) -> Branch:
    number, received = NUMBERS[i], RECEIVED[i]
    return Branch(
        f"bli-med-{number}",
        _login(number),
        {
            JOIN_REQUEST.path(NEED_ID, f"{number}-{received}"): (
                f'actor: "{number}"\n'
                f"person: Person {number}\n"
                f"github: {_login(number)}\n"
                f"received: {received}\n"
                "message: Vi vil gjerne være med.\n"
            ),
        },
    )


def _experience(i: int) -> Branch:
    number = NUMBERS[i]
    return Branch(
        f"erfaring-{number}",
        _login(number),
        {
            EXPERIENCE.path(f"erfaring-{number}"): (
                f"id: erfaring-{number}\n"
                f"title: Erfaringer fra kommune {number}\n"
                f'author: "{number}"\n'
                "area: use\n"
                f"date: {RECEIVED[i]}\n"
                "summary: Gode erfaringer etter to uker.\n"
                "solution: losning-a\n"
                "usage_weeks: 2\n"
                "success_factors:\n  - Opplæring før start\n"
                f"maintainers:\n  - {_login(number)}\n"
            ),
        },
    )


def _make_branch(repo: Repo, main: str, branch: Branch) -> str:
    repo.git("checkout", "--quiet", "-b", branch.name, main)
    for path, text in branch.files.items():
        repo.write(path, text)
    head = repo.commit(f"{branch.name} av {branch.author}")
    repo.git("checkout", "--quiet", "main")
    return head


MERGE = ("merge", "--no-ff", "--no-edit", "--quiet")
IDENTITY = ("-c", "user.name=Team", "-c", "user.email=team@example.no")


def _merge(repo: Repo, name: str) -> subprocess.CompletedProcess[str]:
    """`git merge --no-ff --no-edit` as the team would, its exit status kept."""
    return subprocess.run(
        ["git", "-C", str(repo.root), *IDENTITY, "-c", "commit.gpgsign=false", *MERGE, name],
        capture_output=True,
        text=True,
        check=False,
    )


def test_twenty_five_branches_by_many_hands_merge_cleanly(tmp_path: Path) -> None:
    repo = make(tmp_path / "repo")
    main = _register_municipalities(repo)
    branches = (
        [_supplier(i) for i in range(10)]
        + [_join_request(i) for i in range(10)]
        + [_experience(i) for i in range(5)]
    )
    assert len({path for b in branches for path in b.files}) == 35  # no file shared
    heads = {b.name: _make_branch(repo, main, b) for b in branches}

    for branch in branches:
        assert authorize(repo.root, main, heads[branch.name], branch.author) == [], branch.name
    # the counter-check: supplier 3's branch is not supplier 4's to make, nor is
    # one municipality's join request another's
    impostor = authorize(repo.root, main, heads["leverandor-3"], "leverandor-n4-dev")
    assert [(d.path, d.code) for d in impostor] == [
        ("catalogue/suppliers/leverandor-n3.yaml", "author-not-listed"),
        (APPLICATION.path(DPS_ID, f"leverandor-n3-{RECEIVED[3]}"), "not-acting-for"),
    ]
    neighbour = authorize(repo.root, main, heads["bli-med-1103"], _login("1106"))
    assert [d.code for d in neighbour] == ["not-acting-for"]

    before = pipeline.run(repo.root, TODAY)[0].admitted(DPS_ID)
    assert sorted(before) == ["leverandor-a", "leverandor-b"]
    for branch in branches:
        merged = _merge(repo, branch.name)
        assert merged.returncode == 0, f"{branch.name}: {merged.stdout}{merged.stderr}"
    assert repo.git("status", "--porcelain") == ""

    catalogue, diagnostics, _ = pipeline.run(repo.root, TODAY)
    errors = [d.text() for d in diagnostics if str(d.severity) == "error"]
    assert errors == []
    assert catalogue.admitted(DPS_ID) == before
    pending = {
        e.record.supplier
        for e in catalogue.events(APPLICATION, DPS_ID)
        if e.record.decision is None
    }
    assert pending == {f"leverandor-n{i}" for i in range(10)}
    requests = catalogue.events(JOIN_REQUEST, NEED_ID)
    assert {(r.record.actor, r.record.status) for r in requests} == {
        (number, "pending") for number in NUMBERS
    }
    experiences = {e.record.id for e in catalogue.records(EXPERIENCE)}
    assert {f"erfaring-{n}" for n in NUMBERS[:5]} < experiences
