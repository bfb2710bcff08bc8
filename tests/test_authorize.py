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
AUTHORIZE_CODES = {
    "not-authorized",
    "record-removed",
    "author-not-listed",
    "own-decision",
    "not-acting-for",
}


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


def test_a_new_supplier_must_list_its_author(repo: Repo) -> None:
    base = _branch(repo)
    supplier = repo.read(SUPPLIER_A).replace("id: leverandor-a", "id: leverandor-c")
    supplier = supplier.replace('orgnr: "912345688"', 'orgnr: "974760673"')
    path = "catalogue/suppliers/leverandor-c.yaml"
    repo.write(path, supplier)  # maintainers: leverandor-a-dev
    assert _refusals(repo, "bente-c", base) == [f"{path}:1:1: error[author-not-listed]"]
    repo.write(path, supplier.replace("leverandor-a-dev", "bente-c"))
    assert _refusals(repo, "bente-c", base) == []


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


B_APPLIED = "tenders/dps/dps-a/applications/leverandor-b-2026-01-22.yaml"
B_APPLIES = "tenders/dps/dps-a/applications/leverandor-b-2026-11-20.yaml"
APPLICATION = "supplier: leverandor-b\nreceived: 2026-11-20\n"
DECISION = "decided: 2026-11-21\ndecision: admitted\n"


def _pending_application_for_b(repo: Repo) -> str:
    """Base where leverandor-b has not applied to dps-a."""
    repo.git("rm", "--quiet", B_APPLIED)
    repo.commit("base uten søknad fra b")
    return _branch(repo)


def test_a_supplier_may_apply_but_not_admit_itself(repo: Repo) -> None:
    base = _pending_application_for_b(repo)
    repo.write(B_APPLIES, APPLICATION)
    assert _refusals(repo, "leverandor-b-dev", base) == []
    repo.write(B_APPLIES, APPLICATION + DECISION)
    assert _refusals(repo, "leverandor-b-dev", base) == [f"{B_APPLIES}:4:11: error[own-decision]"]


def test_a_supplier_may_withdraw_an_undecided_application_but_not_a_decided_one(
    repo: Repo,
) -> None:
    base = _pending_application_for_b(repo)
    repo.write(B_APPLIES, APPLICATION)
    repo.commit("søknad")
    base = repo.git("rev-parse", "HEAD")
    repo.git("rm", "--quiet", B_APPLIES)
    assert _refusals(repo, "leverandor-b-dev", base) == []
    assert _refusals(repo, "leverandor-a-dev", base) == [f"{B_APPLIES}:1:1: error[record-removed]"]
    repo.git("checkout", "--quiet", "main")
    repo.git("checkout", "--quiet", "-b", "trekk-avgjort")
    repo.git("rm", "--quiet", "tenders/dps/dps-a/applications/leverandor-a-2026-01-20.yaml")
    assert _refusals(repo, "leverandor-a-dev", "main") == [
        "tenders/dps/dps-a/applications/leverandor-a-2026-01-20.yaml:1:1: error[own-decision]"
    ]


def test_a_supplier_may_not_apply_for_another(repo: Repo) -> None:
    base = _pending_application_for_b(repo)
    repo.write(B_APPLIES, APPLICATION)
    head = repo.commit()
    [refusal] = authorize(repo.root, base, head, "leverandor-a-dev")
    assert refusal.text() == (
        f"{B_APPLIES}:1:1: error[not-acting-for] Du (@leverandor-a-dev) kan ikke skrive en "
        "forespørsel om deltakelse i navnet til leverandøren «leverandor-b». Bare de som står "
        "under `maintainers` for leverandøren «leverandor-b» (@leverandor-b-dev) kan det, og "
        "markedsplassteamet (@anne-markedsplassen, @tor-markedsplassen). Be en av dem føre "
        "deg opp i catalogue/suppliers/leverandor-b.yaml."
    )


def test_the_team_decides_but_never_on_its_own_supplier(repo: Repo) -> None:
    repo.edit(
        "catalogue/suppliers/leverandor-b.yaml",
        "  - leverandor-b-dev\n",
        "  - leverandor-b-dev\n  - tor-markedsplassen\n",
    )
    base = _pending_application_for_b(repo)
    repo.write(B_APPLIES, APPLICATION + DECISION)
    assert _refusals(repo, "anne-markedsplassen", base) == []
    assert _refusals(repo, "tor-markedsplassen", base) == [f"{B_APPLIES}:4:11: error[own-decision]"]


def test_no_one_lifts_the_exclusion_of_a_supplier_they_maintain(repo: Repo) -> None:
    """Exclusion after admission is the team's decision too: a team member who also
    maintains the supplier may neither lift nor set it, another team member may."""
    repo.edit(
        "catalogue/suppliers/leverandor-b.yaml",
        "  - leverandor-b-dev\n",
        "  - leverandor-b-dev\n  - tor-markedsplassen\n",
    )
    base = _pending_application_for_b(repo)
    excluded = "excluded: 2026-03-01\nexclusion_reason: Konkurs.\n"
    repo.write(B_APPLIES, APPLICATION + DECISION + excluded)
    repo.commit("tatt opp, så utelukket")
    base = repo.git("rev-parse", "HEAD")
    repo.write(B_APPLIES, APPLICATION + DECISION)  # the exclusion lifted
    assert _refusals(repo, "tor-markedsplassen", base) == [f"{B_APPLIES}:4:11: error[own-decision]"]
    assert _refusals(repo, "leverandor-b-dev", base) == [f"{B_APPLIES}:4:11: error[own-decision]"]
    assert _refusals(repo, "anne-markedsplassen", base) == []


JOIN = "needs/behov-a/join-requests/1506-2026-11-20.yaml"
REQUEST = (
    'actor: "{actor}"\nperson: Tor Eriksen\ngithub: {login}\nreceived: 2026-11-20\n'
    "message: Molde vil gjerne være med.\n"
)


def test_a_municipality_asks_to_join_a_need_through_its_own_people(repo: Repo) -> None:
    base = _branch(repo)
    repo.write(JOIN, REQUEST.format(actor="1506", login="tor-molde"))
    assert _refusals(repo, "tor-molde", base) == []
    # signed with one's own login, but in the name of a municipality one does not act for
    repo.write(JOIN, REQUEST.format(actor="1506", login="someone-else"))
    head = repo.commit()
    [refusal] = authorize(repo.root, base, head, "someone-else")
    assert refusal.text() == (
        f"{JOIN}:1:1: error[not-acting-for] Du (@someone-else) kan ikke skrive en "
        "forespørsel om å bli med i navnet til Molde kommune (1506). Bare de som står under "
        "`maintainers` for Molde kommune (1506) (@tor-molde) kan det, og markedsplassteamet "
        "(@anne-markedsplassen, @tor-markedsplassen). Be en av dem føre deg opp i "
        "catalogue/municipalities/1506.yaml."
    )


def test_a_join_request_in_a_suppliers_name_needs_its_maintainer(repo: Repo) -> None:
    base = _branch(repo)
    path = "needs/behov-a/join-requests/leverandor-b-2026-11-20.yaml"
    repo.write(path, REQUEST.format(actor="leverandor-b", login="ellen-bergen"))
    assert _refusals(repo, "ellen-bergen", base) == [f"{path}:1:1: error[not-acting-for]"]
    repo.write(path, REQUEST.format(actor="leverandor-b", login="leverandor-b-dev"))
    assert _refusals(repo, "leverandor-b-dev", base) == []


def test_a_join_request_is_signed_by_its_author_and_starts_pending(repo: Repo) -> None:
    base = _branch(repo)
    repo.write(JOIN, REQUEST.format(actor="1506", login="ellen-bergen"))
    assert _refusals(repo, "tor-molde", base) == [f"{JOIN}:1:1: error[not-acting-for]"]
    repo.write(JOIN, REQUEST.format(actor="1506", login="tor-molde") + "status: accepted\n")
    assert _refusals(repo, "tor-molde", base) == [f"{JOIN}:1:1: error[not-authorized]"]


def test_an_unregistered_municipality_cannot_be_spoken_for(repo: Repo) -> None:
    base = _branch(repo)
    path = "needs/behov-a/join-requests/0301-2026-11-20.yaml"
    repo.write(path, REQUEST.format(actor="0301", login="ola-oslo"))
    head = repo.commit()
    [refusal] = authorize(repo.root, base, head, "ola-oslo")
    assert refusal.code == "not-acting-for"
    assert "Oslo kommune (0301) er ikke registrert" in refusal.message
    assert "«Registrer kommune»" in refusal.message


def test_answering_a_join_request_is_the_needs_owners(repo: Repo) -> None:
    repo.write(JOIN, REQUEST.format(actor="1506", login="tor-molde"))
    repo.commit("forespørsel")
    base = _branch(repo)
    repo.append(JOIN, "status: accepted\nanswered: 2026-11-22\n")
    assert _refusals(repo, "tor-molde", base) == [f"{JOIN}:1:1: error[not-authorized]"]
    assert _refusals(repo, "inger-bergen", base) == []  # the need's maintainer
    assert _refusals(repo, "ellen-bergen", base) == []  # acts for the owner, Bergen


def test_a_need_or_experience_only_in_a_name_one_acts_for(repo: Repo) -> None:
    base = _branch(repo)
    need = repo.read(NEED).replace("id: behov-a", "id: behov-b")
    repo.write("needs/behov-b.yaml", need)
    assert _refusals(repo, "ellen-bergen", base) == []
    assert _refusals(repo, "tor-molde", base) == ["needs/behov-b.yaml:1:1: error[not-acting-for]"]
    repo.git("rm", "--quiet", "needs/behov-b.yaml")
    experience = repo.read("experiences/erfaring-a.yaml").replace(
        "id: erfaring-a", "id: erfaring-b"
    )
    repo.write("experiences/erfaring-b.yaml", experience)
    assert _refusals(repo, "ellen-bergen", base) == []
    assert _refusals(repo, "tor-molde", base) == [
        "experiences/erfaring-b.yaml:1:1: error[not-acting-for]"
    ]
    # handing one's own experience to another municipality's name is the same
    repo.git("rm", "--quiet", "experiences/erfaring-b.yaml")
    repo.edit("experiences/erfaring-a.yaml", 'author: "4601"', 'author: "1506"')
    assert _refusals(repo, "ellen-bergen", base) == [
        "experiences/erfaring-a.yaml:1:1: error[not-acting-for]"
    ]


def test_registering_a_municipality_is_the_teams_but_its_people_keep_the_list(
    repo: Repo,
) -> None:
    base = _branch(repo)
    repo.write(
        "catalogue/municipalities/0301.yaml", 'id: "0301"\nname: Oslo\nmaintainers:\n  - ola\n'
    )
    assert _refusals(repo, "ola", base) == [
        "catalogue/municipalities/0301.yaml:1:1: error[not-authorized]"
    ]
    assert _refusals(repo, "anne-markedsplassen", base) == []
    repo.git("rm", "--quiet", "catalogue/municipalities/0301.yaml")
    repo.append("catalogue/municipalities/4601.yaml", "  - marte-bergen\n")
    assert _refusals(repo, "ellen-bergen", base) == []
    assert _refusals(repo, "tor-molde", base) == [
        "catalogue/municipalities/4601.yaml:1:1: error[not-authorized]"
    ]


def test_a_supplier_edits_its_own_application_until_it_is_decided(repo: Repo) -> None:
    base = _pending_application_for_b(repo)
    repo.write(B_APPLIES, APPLICATION)
    repo.commit("søknad")
    base = repo.git("rev-parse", "HEAD")
    repo.write(B_APPLIES, APPLICATION.replace("2026-11-20", "2026-11-19"))
    assert _refusals(repo, "leverandor-b-dev", base) == []
    assert _refusals(repo, "leverandor-a-dev", base) == [f"{B_APPLIES}:1:1: error[not-authorized]"]
    decided = "tenders/dps/dps-a/applications/leverandor-a-2026-01-20.yaml"
    repo.git("checkout", "--quiet", base, "--", B_APPLIES)
    repo.edit(decided, "decision: admitted", "decision: rejected")
    assert _refusals(repo, "leverandor-b-dev", base) == [f"{decided}:1:1: error[not-authorized]"]


def test_a_pending_request_is_changed_or_withdrawn_by_its_sender_or_the_owners(
    repo: Repo,
) -> None:
    repo.write(JOIN, REQUEST.format(actor="1506", login="tor-molde"))
    repo.commit("forespørsel")
    base = _branch(repo)
    repo.edit(JOIN, "Molde vil gjerne være med.", "Molde vil gjerne være med, med 20 %.")
    assert _refusals(repo, "tor-molde", base) == []
    repo.git("rm", "--quiet", JOIN)
    assert _refusals(repo, "tor-molde", base) == []  # withdrawn by the sender
    assert _refusals(repo, "inger-bergen", base) == []  # or removed by the need's owners
    assert _refusals(repo, "leverandor-a-dev", base) == [f"{JOIN}:1:1: error[record-removed]"]


def test_questions_are_published_by_the_team_alone(repo: Repo) -> None:
    base = _branch(repo)
    question = "tenders/calloffs/uttak-a/questions/001.yaml"
    repo.write(question, "received: 2026-11-20\nquestion: Kan vi levere uten app?\n")
    assert _refusals(repo, "leverandor-a-dev", base) == [f"{question}:1:1: error[not-authorized]"]
    assert _refusals(repo, "anne-markedsplassen", base) == []


def test_an_unreadable_new_event_or_record_cannot_be_judged(repo: Repo) -> None:
    base = _branch(repo)
    repo.write(JOIN, "actor: [\n")
    repo.write("needs/behov-c.yaml", "id: [\n")
    assert _refusals(repo, "tor-molde", base) == [
        f"{JOIN}:1:1: error[not-authorized]",
        "needs/behov-c.yaml:1:1: error[author-not-listed]",
    ]


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
