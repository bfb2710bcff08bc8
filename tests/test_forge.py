"""generator/github/forge.py against the GitHub-like server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.github.forge import Forge, ForgeError
from tests.support.github_fake import NAME, OWNER, TOKEN, FakeGitHub, environment

REPO = f"{OWNER}/{NAME}"


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        environment(monkeypatch, server)
        yield server


def test_finds_the_pull_request_by_head_sha(github: FakeGitHub) -> None:
    github.state.new_pull("Ny løsning", "", "leverandor-b-dev", "ny-losning", "b" * 40, fork=True)
    forge = Forge(REPO, TOKEN, github.url)
    found = forge.pull_request_for_sha("b" * 40)
    assert found is not None
    assert (found.number, found.author, found.head_ref) == (1, "leverandor-b-dev", "ny-losning")
    assert forge.pull_request_for_sha("c" * 40) is None


def test_upsert_updates_the_one_marked_comment(github: FakeGitHub) -> None:
    github.state.new_pull("Endring", "", "leverandor-a-dev", "endring", "a" * 40)
    github.state.new_comment(1, "<!-- merke -->\nfalsk kopi", "leverandor-a-dev")
    forge = Forge(REPO, TOKEN, github.url)
    first, created = forge.upsert_comment(1, "<!-- merke -->", "<!-- merke -->\nførste")
    assert created
    second, created = forge.upsert_comment(1, "<!-- merke -->", "<!-- merke -->\nandre")
    assert not created and second.id == first.id
    bodies = [c.body for c in forge.comments(1)]
    assert bodies == ["<!-- merke -->\nfalsk kopi", "<!-- merke -->\nandre"]
    assert github.state.count("POST", r".*/issues/1/comments") == 1


def test_issues_are_listed_created_and_closed(github: FakeGitHub) -> None:
    forge = Forge(REPO, TOKEN, github.url)
    forge.ensure_label("frist", "d93f0b", "Påminnelse om en frist")
    forge.ensure_label("frist", "d93f0b", "Påminnelse om en frist")
    assert github.state.count("POST", r".*/labels") == 1
    issue = forge.create_issue("Tilbudsfrist", "tekst", ("frist",))
    github.state.new_pull("En PR", "", "x", "gren", "d" * 40)
    assert [i.number for i in forge.issues("frist")] == [issue.number]
    closed = forge.edit_issue(issue.number, state="closed")
    assert closed.state == "closed" and closed.labels == ("frist",)


def test_propose_opens_one_pull_request_and_resets_its_branch(github: FakeGitHub) -> None:
    base = github.state.seed_main({"README.md": "hei\n"})
    forge = Forge(REPO, TOKEN, github.url)
    pull, opened = forge.propose(
        branch="skjema/sak-7",
        base_sha=base,
        files={"needs/ny.yaml": "id: ny\n"},
        message="Nytt behov",
        title="Nytt behov: ny",
        body="Fra sak #7",
    )
    assert opened and pull.head_ref == "skjema/sak-7"
    assert github.state.files("skjema/sak-7") == {"README.md": "hei\n", "needs/ny.yaml": "id: ny\n"}
    again, opened = forge.propose(
        branch="skjema/sak-7",
        base_sha=base,
        files={"needs/nytt-navn.yaml": "id: nytt-navn\n"},
        message="Nytt behov",
        title="Nytt behov: nytt-navn",
        body="Fra sak #7",
    )
    assert not opened and again.number == pull.number and again.title == "Nytt behov: nytt-navn"
    assert github.state.files("skjema/sak-7") == {
        "README.md": "hei\n",
        "needs/nytt-navn.yaml": "id: nytt-navn\n",
    }
    assert len(github.state.pulls()) == 1


def test_a_bad_token_is_a_tool_failure(github: FakeGitHub) -> None:
    with pytest.raises(ForgeError, match="GitHub avviste"):
        Forge(REPO, "feil", github.url)
    with pytest.raises(ForgeError, match="GITHUB_TOKEN mangler"):
        Forge(REPO, "", github.url)
