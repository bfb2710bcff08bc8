"""`markedsplass authorize` on pull requests simulated in a temporary git
repository: base and head revisions, the author's login, the exact refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli
from generator.codes import CODES
from generator.github.authorize import authorize
from generator.github.git import GitError
from tests.support.gitrepo import Repo, make

SOLUTION = "catalogue/solutions/losning-a.yaml"
SUPPLIER_A = "catalogue/suppliers/leverandor-a.yaml"
DPS = "tenders/dps/dps-a.yaml"
NEED = "needs/behov-a.yaml"
# Codes authorize reports; a test below produces each.
AUTHORIZE_CODES = {"not-authorized", "record-removed", "author-not-listed", "own-decision"}


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return make(tmp_path / "repo")


def _refusals(repo: Repo, author: str, base: str = "main") -> list[str]:
    head = repo.commit()
    found = authorize(repo.root, base, head, author)
    assert all(d.code in AUTHORIZE_CODES and d.message for d in found)
    return [f"{d.path}:{d.line}:{d.column}: {d.severity}[{d.code}]" for d in found]


def _branch(repo: Repo) -> str:
    base = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "--quiet", "-b", "endring")
    return base


def test_editing_another_suppliers_solution_is_refused(repo: Repo) -> None:
    base = _branch(repo)
    repo.edit(SOLUTION, "App for sårprosedyrer.", "Den beste appen.")
    head = repo.commit()
    [refusal] = authorize(repo.root, base, head, "leverandor-b-dev")
    assert refusal.text() == (
        f"{SOLUTION}:1:1: error[not-authorized] Du (@leverandor-b-dev) har ikke lov til å "
        f"endre {SOLUTION}. Det kan bare vedlikeholderne av leverandøren «leverandor-a» "
        "(@leverandor-a-dev) og markedsplassteamet (@anne-markedsplassen, @tor-markedsplassen)."
    )


def test_a_listed_maintainer_may_edit_the_solution_and_its_files(repo: Repo) -> None:
    base = _branch(repo)
    repo.edit(SOLUTION, "App for sårprosedyrer.", "Den beste appen.")
    repo.write("catalogue/solutions/losning-a/eksempel.json", "{}\n")
    assert _refusals(repo, "Leverandor-A-Dev", base) == []  # logins are case-insensitive


def test_another_supplier_may_not_add_files_to_the_solution(repo: Repo) -> None:
    base = _branch(repo)
    repo.write("catalogue/solutions/losning-a/eksempel.json", "{}\n")
    assert _refusals(repo, "leverandor-b-dev", base) == [
        "catalogue/solutions/losning-a/eksempel.json:1:1: error[not-authorized]"
    ]


def test_who_may_change_is_read_from_base_never_from_the_change(repo: Repo) -> None:
    base = _branch(repo)
    repo.edit(SUPPLIER_A, "  - leverandor-a-dev\n", "  - leverandor-a-dev\n  - inntrenger\n")
    repo.edit(SOLUTION, "App for sårprosedyrer.", "Kapret.")
    repo.edit("markedsplassen.yaml", "team:\n", "team:\n  - inntrenger\n")
    assert _refusals(repo, "inntrenger", base) == [
        f"{SOLUTION}:1:1: error[not-authorized]",
        f"{SUPPLIER_A}:1:1: error[not-authorized]",
        "markedsplassen.yaml:1:1: error[not-authorized]",
    ]


def test_a_solution_cannot_be_moved_to_a_supplier_one_does_not_maintain(repo: Repo) -> None:
    base = _branch(repo)
    repo.edit(SOLUTION, "supplier: leverandor-a", "supplier: leverandor-b")
    assert _refusals(repo, "leverandor-a-dev", base) == [f"{SOLUTION}:1:1: error[not-authorized]"]


@pytest.mark.parametrize(
    "path",
    [
        "tenders/calloffs/uttak-a.yaml",
        ".github/workflows/pull-request.yml",
        "generator/cli/__init__.py",
        "markedsplassen.yaml",
        "Makefile",
    ],
)
def test_team_only_paths(repo: Repo, path: str) -> None:
    base = _branch(repo)
    existing = (repo.root / path).exists()
    repo.write(path, (repo.read(path) if existing else "") + "# endret\n")
    assert _refusals(repo, "leverandor-a-dev", base) == [f"{path}:1:1: error[not-authorized]"]
    assert authorize(repo.root, base, "HEAD", "anne-markedsplassen") == []


def test_deleting_or_renaming_a_record_is_the_teams(repo: Repo) -> None:
    base = _branch(repo)
    repo.git("rm", "--quiet", "catalogue/solutions/losning-a.yaml")
    assert _refusals(repo, "leverandor-a-dev", base) == [f"{SOLUTION}:1:1: error[record-removed]"]
    assert authorize(repo.root, base, "HEAD", "tor-markedsplassen") == []


def test_renaming_a_record_is_refused(repo: Repo) -> None:
    base = _branch(repo)
    repo.git("mv", SUPPLIER_A, "catalogue/suppliers/leverandor-c.yaml")
    [refusal] = authorize(repo.root, base, repo.commit(), "leverandor-a-dev")
    assert refusal.path == "catalogue/suppliers/leverandor-c.yaml"
    assert refusal.code == "record-removed"
    assert f"fra {SUPPLIER_A}" in refusal.message


def test_a_new_record_must_list_its_author(repo: Repo) -> None:
    base = _branch(repo)
    need = repo.read(NEED).replace("id: behov-a", "id: behov-b")
    repo.write("needs/behov-b.yaml", need)  # maintainers: inger-bergen
    assert _refusals(repo, "bente-bergen", base) == [
        "needs/behov-b.yaml:1:1: error[author-not-listed]"
    ]
    repo.write("needs/behov-b.yaml", need.replace("inger-bergen", "bente-bergen"))
    assert _refusals(repo, "bente-bergen", base) == []


def test_a_new_supplier_with_its_first_solution(repo: Repo) -> None:
    base = _branch(repo)
    repo.write(
        "catalogue/suppliers/leverandor-c.yaml",
        repo.read(SUPPLIER_A)
        .replace("leverandor-a", "leverandor-c")
        .replace("leverandor-c-dev", "arne"),
    )
    repo.write(
        "catalogue/solutions/losning-c.yaml",
        repo.read(SOLUTION)
        .replace("losning-a", "losning-c")
        .replace("leverandor-a", "leverandor-c"),
    )
    assert _refusals(repo, "arne", base) == []
    assert _refusals(repo, "leverandor-a-dev", base) == [
        "catalogue/solutions/losning-c.yaml:1:1: error[author-not-listed]",
        "catalogue/suppliers/leverandor-c.yaml:1:1: error[author-not-listed]",
    ]


def test_a_new_solution_for_another_supplier_is_refused(repo: Repo) -> None:
    base = _branch(repo)
    repo.write(
        "catalogue/solutions/losning-b.yaml",
        repo.read(SOLUTION)
        .replace("losning-a", "losning-b")
        .replace("leverandor-a", "leverandor-b"),
    )
    assert _refusals(repo, "leverandor-a-dev", base) == [
        "catalogue/solutions/losning-b.yaml:1:1: error[author-not-listed]"
    ]


def _pending_application_for_b(repo: Repo) -> str:
    """Base where leverandor-b has not applied to dps-a."""
    repo.edit(
        DPS,
        "  - supplier: leverandor-b\n    received: 2026-01-22\n    decided: 2026-02-03\n"
        "    decision: admitted\n",
        "",
    )
    repo.commit("base uten søknad fra b")
    return _branch(repo)


APPLICATION = "  - supplier: leverandor-b\n    received: 2026-11-20\n"


def test_a_supplier_may_apply_but_not_admit_itself(repo: Repo) -> None:
    base = _pending_application_for_b(repo)
    repo.append(DPS, APPLICATION)
    assert _refusals(repo, "leverandor-b-dev", base) == []
    repo.append(DPS, "    decided: 2026-11-21\n    decision: admitted\n")
    assert _refusals(repo, "leverandor-b-dev", base) == [f"{DPS}:21:5: error[own-decision]"]


def test_a_supplier_may_not_apply_for_another(repo: Repo) -> None:
    base = _pending_application_for_b(repo)
    repo.append(DPS, APPLICATION)
    assert _refusals(repo, "leverandor-a-dev", base) == [f"{DPS}:1:1: error[not-authorized]"]


def test_the_team_decides_but_never_on_its_own_supplier(repo: Repo) -> None:
    repo.edit(
        "catalogue/suppliers/leverandor-b.yaml",
        "  - leverandor-b-dev\n",
        "  - leverandor-b-dev\n  - tor-markedsplassen\n",
    )
    base = _pending_application_for_b(repo)
    repo.append(DPS, APPLICATION + "    decided: 2026-11-21\n    decision: admitted\n")
    assert _refusals(repo, "anne-markedsplassen", base) == []
    assert _refusals(repo, "tor-markedsplassen", base) == [f"{DPS}:21:5: error[own-decision]"]


def test_anyone_may_ask_to_join_a_need_in_their_own_name(repo: Repo) -> None:
    base = _branch(repo)
    request = (
        'join_requests:\n  - actor: "4601"\n    person: Ellen\n    github: {login}\n'
        "    received: 2026-11-20\n    status: pending\n"
    )
    repo.append(NEED, request.format(login="ellen-fiktiv"))
    assert _refusals(repo, "ellen-fiktiv", base) == []
    assert _refusals(repo, "someone-else", base) == [f"{NEED}:1:1: error[not-authorized]"]


def test_accepting_a_join_request_is_the_owners(repo: Repo) -> None:
    base = _branch(repo)
    repo.edit(NEED, "status: open", "status: in-progress")
    assert _refusals(repo, "ellen-fiktiv", base) == [f"{NEED}:1:1: error[not-authorized]"]
    assert _refusals(repo, "inger-bergen", base) == []


def test_every_authorize_code_is_registered() -> None:
    assert set(CODES) >= AUTHORIZE_CODES


def test_cli_exit_codes(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    base = _branch(repo)
    repo.edit(SOLUTION, "App for sårprosedyrer.", "Den beste appen.")
    head = repo.commit()
    args = ["authorize", "--root", str(repo.root), "--base", base, "--head", head, "--format"]
    assert cli.main([*args, "text", "--author", "leverandor-a-dev"]) == 0
    assert "tillatt" in capsys.readouterr().err
    assert cli.main([*args, "text", "--author", "leverandor-b-dev"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{SOLUTION}:1:1: error[not-authorized] Du (@leverandor-b-dev)")
    assert "avvist" in err
    assert cli.main([*args, "text", "--author", "x", "--base", "finnes-ikke"]) == 2
    assert "finnes ikke" in capsys.readouterr().err


def test_a_revision_that_looks_like_an_option_is_refused(repo: Repo) -> None:
    with pytest.raises(GitError, match="er ingen gyldig revisjon"):
        authorize(repo.root, "--output=/tmp/x", "HEAD", "a")


def test_changed_solutions_are_the_ones_the_workflow_verifies(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    base = _branch(repo)
    repo.write("catalogue/solutions/losning-a/eksempel.json", "{}\n")
    repo.edit(NEED, "status: open", "status: in-progress")
    head = repo.commit()
    args = ["github", "changed-solutions", "--root", str(repo.root), "--base", base]
    # a changed solution that does not ask to be verified is not listed …
    assert cli.main([*args, "--head", head]) == 0
    assert capsys.readouterr().out == ""
    # … one with a sandbox declaration is
    repo.append(
        SOLUTION,
        "sandbox:\n  requirements: vkp-vitals-1\n  capabilities: [send-vital-signs]\n"
        "  examples: [eksempel.json]\n",
    )
    head = repo.commit()
    assert cli.main([*args, "--head", head]) == 0
    assert capsys.readouterr().out == f"{SOLUTION}\n"
    repo.git("rm", "-r", "--quiet", "catalogue/solutions")
    assert cli.main([*args, "--head", repo.commit()]) == 0
    assert capsys.readouterr().out == ""
