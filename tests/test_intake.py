"""Issue forms: the generated files are up to date, a filled-in form becomes a valid
record and a pull request on the local GitHub-like server, an invalid one gets the
check's Norwegian messages per form field, and what intake proposes is what
`authorize` allows for the person who filled in the form."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.github import forms, intake
from generator.github.authorize import authorize
from generator.github.forms import Form
from generator.loading import yaml_files
from tests.support.github_fake import FakeGitHub, environment
from tests.support.gitrepo import Repo, make
from tests.support.paths import ROOT, TODAY


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        environment(monkeypatch, server)
        yield server


FormValue = str | list[str] | bool
"""A field's value in a filled-in form: text, the options chosen, or a tick box."""


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return make(tmp_path / "repo")


def _form(kind: str) -> Form:
    return next(f for f in forms.forms() if f.kind == kind)


def body(form: Form, values: Mapping[str, FormValue]) -> str:
    """The issue body GitHub makes of a filled-in form."""
    sections = []
    for f in form.fields:
        value = values.get(f.id)
        if f.kind == "checkboxes":
            text = "\n".join(f"- [{'X' if value else ' '}] {option}" for option in f.options)
        elif isinstance(value, list):
            text = ", ".join(value) or "_No response_"
        else:
            text = str(value) if value else "_No response_"
        sections.append(f"### {f.label}\n\n{text}")
    return "\n\n".join(sections)


NEED: dict[str, FormValue] = {
    "title": "Digitalt tilsyn om natten",
    "owner": "4601 Bergen",
    "phase": "1 Forankring",
    "summary": "Nattevakter vil se til beboere uten å vekke dem.",
    "description": "Vi ønsker sensorer i stedet for fysiske runder.\n\nid: kapret\n- liste",
    "categories": ["Trygghetsteknologi", "Mobil dokumentasjon og måleregistrering"],
    "seeking": True,
    "contact_name": "Inger Hansen",
    "contact_email": "inger@bergen.kommune.example.no",
    "maintainers": "bente-bergen",
}


def test_issue_forms_are_up_to_date() -> None:
    assert forms.outdated(ROOT / ".github" / "ISSUE_TEMPLATE") == []


def test_every_municipality_is_a_choice_and_choices_survive_the_body() -> None:
    options = forms.municipality_options()
    assert len(options) == 357 and options[0] == "0301 Oslo"
    for form in forms.forms():
        for f in form.fields:
            if f.multiple:
                assert not any(", " in option for option in f.options), f.id


def test_a_filled_in_need_becomes_a_valid_record(repo: Repo) -> None:
    outcome = intake.intake(
        repo.root, _form("need"), body(_form("need"), NEED), "ellen-bergen", TODAY
    )
    assert outcome.problems == ()
    [(path, text)] = outcome.files.items()
    assert path == "needs/digitalt-tilsyn-om-natten.yaml"
    document, problems = yaml_files.parse(text.encode(), path)
    assert problems == [] and document is not None
    assert document.value["description"] == NEED["description"]  # text, never structure
    assert document.value["owner"] == "4601"
    assert document.value["maintainers"] == ["ellen-bergen", "bente-bergen"]
    assert document.value["categories"] == ["trygghetsteknologi", "mobil-dokumentasjon"]
    assert document.value["published"] == "2026-11-28"
    repo.write(path, text)
    _, diagnostics, _ = pipeline.run(repo.root, TODAY)
    assert diagnostics == []


def _event(tmp_path: Path, github: FakeGitHub, form: Form, text: str, author: str) -> Path:
    issue = github.state.new_issue(form.title + "skjema", text, author, [form.label])
    event = tmp_path / "event.json"
    payload = {"action": "opened", "issue": github.state.public_issue(issue["number"])}
    event.write_text(json.dumps(payload), encoding="utf-8")
    return event


def _run_intake(repo: Repo, event: Path) -> int:
    args = ["github", "intake", "--event", str(event), "--root", str(repo.root)]
    return cli.main([*args, "--today", TODAY.isoformat()])


def test_a_need_form_becomes_a_pull_request(
    github: FakeGitHub, repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    github.state.seed_main({}, sha=repo.git("rev-parse", "HEAD"))
    form = _form("need")
    event = _event(tmp_path, github, form, body(form, NEED), "ellen-bergen")
    assert _run_intake(repo, event) == 0
    [pull] = github.state.pulls()
    assert pull["head"]["ref"] == "skjema/sak-1"
    assert pull["title"] == "Publiser et behov: Digitalt tilsyn om natten"
    assert "Closes #1" in pull["body"]
    files = github.state.files("skjema/sak-1")
    assert list(files) == ["needs/digitalt-tilsyn-om-natten.yaml"]
    [comment] = github.state.comments.values()
    assert comment["body"].startswith(intake.MARKER) and "#2" in comment["body"]
    # a pull request opened with the workflow's token starts no workflow: the intake
    # gives the verdict it computed, for the issue's author, as the commit status
    [status] = github.state.statuses[pull["head"]["sha"]]
    assert (status["state"], status["context"]) == ("success", "markedsplassen/dom")
    assert "@ellen-bergen" in status["description"]
    # edited form: the same branch and pull request, updated, one comment
    NEW = {**NEED, "title": "Digitalt nattilsyn"}
    github.state.issues[1]["body"] = body(form, NEW)
    event.write_text(json.dumps({"issue": github.state.public_issue(1)}), encoding="utf-8")
    assert _run_intake(repo, event) == 0
    assert len(github.state.pulls()) == 1 and len(github.state.comments) == 1
    assert list(github.state.files("skjema/sak-1")) == ["needs/digitalt-nattilsyn.yaml"]
    # and what was proposed is what authorize allows for the person who filled it in
    repo.git("checkout", "--quiet", "-b", "skjema")
    base = repo.git("rev-parse", "HEAD")
    for path, text in github.state.files("skjema/sak-1").items():
        repo.write(path, text)
    assert authorize(repo.root, base, repo.commit(), "ellen-bergen") == []
    assert authorize(repo.root, base, "HEAD", "noen-andre") != []


def test_an_invalid_form_is_answered_on_the_issue(
    github: FakeGitHub, repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = _form("need")
    values = {**NEED, "contact_email": "inger(at)bergen", "maintainers": "@bente"}
    event = _event(tmp_path, github, form, body(form, values), "ellen-bergen")
    assert _run_intake(repo, event) == 0
    assert github.state.pulls() == []
    [comment] = github.state.comments.values()
    text = comment["body"]
    assert text.startswith(intake.MARKER) and "Skjemaet må rettes" in text
    assert (
        "**Kontaktperson: e\\-post**: «inger\\(at\\)bergen» er ingen gyldig e\\-postadresse" in text
    )
    assert "(`invalid-email`)" in text
    assert "**Andre GitHub\\-brukere som kan endre behovet**: Skriv brukernavnet uten @" in text


def test_a_missing_required_field_is_named(repo: Repo) -> None:
    form = _form("need")
    outcome = intake.intake(repo.root, form, body(form, {**NEED, "summary": ""}), "a", TODAY)
    assert [(p.label, p.code) for p in outcome.problems] == [("Kort oppsummering", "intake-form")]


def test_asking_to_join_adds_a_pending_request_the_author_may_make(repo: Repo) -> None:
    form = _form("join")
    values = {
        "need": "https://markedsplassen.example.no/behov/behov-a/",
        "municipality": "1506 Molde",
        "person": "Tor Eriksen",
        "message": "Vi kan frigjøre en sårsykepleier i 30 %.",
    }
    outcome = intake.intake(repo.root, form, body(form, values), "tor-molde", TODAY)
    assert outcome.problems == ()
    # a file of its own: the need itself is never edited, so requests never conflict
    [(path, text)] = outcome.files.items()
    assert path == "needs/behov-a/join-requests/1506-2026-11-28.yaml"
    assert text.startswith("actor: '1506'\nperson: Tor Eriksen\ngithub: tor-molde\n")
    assert "status: pending\n" in text
    base = repo.git("rev-parse", "HEAD")
    repo.write(path, text)
    assert authorize(repo.root, base, repo.commit(), "tor-molde") == []


def test_a_form_in_another_municipalitys_name_is_refused_for_the_issues_author(
    repo: Repo,
) -> None:
    form = _form("join")
    values = {
        "need": "behov-a",
        "municipality": "1506 Molde",
        "person": "Tor Eriksen",  # the form's text names Tor; the issue is someone else's
        "message": "Vi vil være med.",
    }
    outcome = intake.intake(repo.root, form, body(form, values), "noen-andre", TODAY)
    assert outcome.files == {}
    [problem] = outcome.problems
    assert (problem.label, problem.code) == ("Kommunen du representerer", "not-acting-for")
    assert "Molde kommune (1506)" in problem.message and "@tor-molde" in problem.message


def test_joining_an_unknown_need(repo: Repo) -> None:
    form = _form("join")
    values = {"need": "finnes-ikke", "supplier": "leverandor-a", "person": "P", "message": "M"}
    outcome = intake.intake(repo.root, form, body(form, values), "x", TODAY)
    assert [(p.label, p.code) for p in outcome.problems] == [("Behovet", "intake-form")]


def test_sharing_an_experience(repo: Repo) -> None:
    form = _form("experience")
    values = {
        "title": "Tre uker med Sårappen i Molde",
        "municipality": "1506 Molde",
        "area": "Bruk av løsningen",
        "summary": "Gode erfaringer.",
        "solution": "losning-a",
        "usage_weeks": "3",
        "success_factors": "- Superbrukere\n- Opplæring før start",
        "challenges": (
            "Utfordring: Dårlig dekning\nTiltak: Lokal lagring\n\nUtfordring: Nye rutiner"
        ),
    }
    outcome = intake.intake(repo.root, form, body(form, values), "tor-molde", TODAY)
    assert outcome.problems == ()
    [(path, text)] = outcome.files.items()
    document, _ = yaml_files.parse(text.encode(), path)
    assert document is not None
    assert document.value["challenges"] == [
        {"challenge": "Dårlig dekning", "measures": "Lokal lagring"},
        {"challenge": "Nye rutiner"},
    ]
    assert document.value["usage_weeks"] == 3 and document.value["area"] == "use"


QUALIFICATION: dict[str, FormValue] = {
    "dps": "dps-a",
    "supplier": "leverandor-c",
    "company_certificate": "2026-11-01",
    "annual_accounts_year": "2025",
    "quality_management": "ISO 9001",
}


def _supplier_c(repo: Repo) -> None:
    text = repo.read("catalogue/suppliers/leverandor-b.yaml")
    text = text.replace("leverandor-b", "leverandor-c").replace("923456783", "988077917")
    repo.write("catalogue/suppliers/leverandor-c.yaml", text)
    repo.commit("leverandør c")


def test_applying_for_qualification(repo: Repo) -> None:
    _supplier_c(repo)
    form = _form("qualification")
    outcome = intake.intake(repo.root, form, body(form, QUALIFICATION), "leverandor-c-dev", TODAY)
    assert outcome.problems == ()
    application = "tenders/dps/dps-a/applications/leverandor-c-2026-11-28.yaml"
    assert sorted(outcome.files) == ["catalogue/suppliers/leverandor-c.yaml", application]
    assert outcome.files[application] == "supplier: leverandor-c\nreceived: 2026-11-28\n"
    base = repo.git("rev-parse", "HEAD")
    for path, text in outcome.files.items():
        repo.write(path, text)
    assert authorize(repo.root, base, repo.commit(), "leverandor-c-dev") == []


def test_only_a_maintainer_may_apply_for_the_supplier(repo: Repo) -> None:
    _supplier_c(repo)
    form = _form("qualification")
    outcome = intake.intake(repo.root, form, body(form, QUALIFICATION), "leverandor-a-dev", TODAY)
    assert [(p.label, p.code) for p in outcome.problems] == [("Leverandørens id", "not-acting-for")]
    assert "@leverandor-c-dev" in outcome.problems[0].message


def test_asking_to_register_a_municipality_goes_to_the_team(repo: Repo) -> None:
    form = _form("municipality")
    values = {
        "municipality": "0301 Oslo",
        "maintainers": "@kari-oslo, ola-oslo",
        "contact_name": "Kari Nordmann",
        "contact_email": "kari@oslo.kommune.example.no",
    }
    outcome = intake.intake(repo.root, form, body(form, values), "sara-oslo", TODAY)
    assert outcome.problems == () and outcome.for_team
    assert outcome.files == {
        "catalogue/municipalities/0301.yaml": (
            "id: '0301'\nname: Oslo\nmaintainers:\n  - sara-oslo\n  - kari-oslo\n  - ola-oslo\n"
        )
    }
    comment = intake.team_comment(outcome.files)
    assert "Markedsplassteamet tar det herfra" in comment and "kari-oslo" in comment
    # a municipality already registered is said so, at the field
    values["municipality"] = "4601 Bergen"
    outcome = intake.intake(repo.root, form, body(form, values), "sara-oslo", TODAY)
    assert [(p.label, p.code) for p in outcome.problems] == [("Kommunen", "intake-form")]
