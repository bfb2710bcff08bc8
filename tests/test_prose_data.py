"""The prose that a procurement adviser edits without touching Python: the wording of
the ROS, DPIA and benefit realisation templates (generator/data/document-prose.yaml)
and the issue forms (generator/data/issue-forms.yaml). Each file is checked by a
strict model, a broken copy is refused in Norwegian, and the wording in the data is
what the rendered documents and forms say."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

import pytest
import yaml

from generator.documents import invitation
from generator.documents.markdown import render_markdown
from generator.documents.model import DocumentWording
from generator.github import forms
from generator.models import data_files, reference

Parser = Callable[[bytes], object]


def parse_wording(data: bytes) -> DocumentWording:
    return data_files.parse(data, "document-prose.yaml", DocumentWording)


def parse_forms(data: bytes) -> forms.FormsData:
    return data_files.parse(data, "issue-forms.yaml", forms.FormsData)


def _shipped(name: str) -> str:
    return resources.files("generator").joinpath("data", name).read_text(encoding="utf-8")


def _edited(name: str, old: str, new: str) -> bytes:
    text = _shipped(name)
    assert old in text, f"{old!r} står ikke i {name}"
    return text.replace(old, new, 1).encode("utf-8")


# ---------------------------------------------------------------- loading


def test_document_wording_loads_through_its_model() -> None:
    wording = parse_wording(_shipped("document-prose.yaml").encode("utf-8"))
    assert isinstance(wording, DocumentWording)
    assert wording == invitation.wording()
    assert set(wording.common.benefit_kinds) == {"quality", "time", "money"}
    assert len(wording.ros.events.header) == 7


def test_issue_forms_load_through_their_model() -> None:
    data = parse_forms(_shipped("issue-forms.yaml").encode("utf-8"))
    assert data == forms.data()
    assert tuple(form.kind for form in data.forms) == forms.KINDS
    assert [form.kind for form in forms.forms()] == list(forms.KINDS)


BROKEN: list[tuple[str, Parser, type[Exception], str, str, str]] = [
    (
        "document-prose.yaml",
        parse_wording,
        data_files.DataFileError,
        "ros:\n",
        "ros:\n  subtitle: Ekstra\n",
        r"ros\.subtitle: Feltet «subtitle» er ukjent",
    ),
    (
        "document-prose.yaml",
        parse_wording,
        data_files.DataFileError,
        "  subject: Risiko- og sårbarhetsanalyse\n",
        "",
        r"ros\.subject: Feltet «subject» mangler",
    ),
    (
        "document-prose.yaml",
        parse_wording,
        data_files.DataFileError,
        'title: "Gevinstrealisering: {category}"',
        'title: "Gevinstrealisering: {kategori}"',
        r"ukjent innfyllingsfelt \['kategori'\]; tillatt her: \{category\}",
    ),
    (
        "issue-forms.yaml",
        parse_forms,
        data_files.DataFileError,
        "      - id: title\n",
        "      - id: title\n        hint: Ekstra\n",
        r"forms\.0\.fields\.0\.hint: Feltet «hint» er ukjent",
    ),
    (
        "issue-forms.yaml",
        parse_forms,
        data_files.DataFileError,
        "    label: skjema-behov\n",
        "",
        r"forms\.0\.label: Feltet «label» mangler",
    ),
    (
        "issue-forms.yaml",
        parse_forms,
        data_files.DataFileError,
        "        options_from: phases\n",
        "",
        r"skriv enten options eller options_from",
    ),
]


@pytest.mark.parametrize(("name", "parse", "error", "old", "new", "message"), BROKEN)
def test_a_broken_copy_is_refused_in_norwegian(
    name: str, parse: Parser, error: type[Exception], old: str, new: str, message: str
) -> None:
    with pytest.raises(error, match=message):
        parse(_edited(name, old, new))


@pytest.mark.parametrize(
    ("name", "parse", "error"),
    [
        ("document-prose.yaml", parse_wording, data_files.DataFileError),
        ("issue-forms.yaml", parse_forms, data_files.DataFileError),
    ],
)
def test_a_file_the_strict_loader_refuses_is_a_tool_failure(
    name: str, parse: Parser, error: type[Exception]
) -> None:
    with pytest.raises(error, match=r"kan ikke leses: .*Ankeret `&a` er ikke tillatt"):
        parse(_shipped(name).replace("\n", "\nextra: &a 1\nagain: *a\n", 1).encode("utf-8"))


# ---------------------------------------------------------------- the wording is used


@pytest.mark.parametrize("category_id", sorted(reference.categories()))
def test_the_templates_say_what_the_data_says(category_id: str) -> None:
    wording = invitation.wording()
    documents = {d.stem: render_markdown(d) for d in invitation.category_templates(category_id)}
    ros = documents[f"{category_id}-ros"]
    dpia = documents[f"{category_id}-dpia"]
    benefits = documents[f"{category_id}-gevinstrealisering"]
    name = reference.categories()[category_id].name
    assert wording.ros.title.format(category=name) in ros
    for heading in (wording.ros.method.heading, wording.ros.events.heading):
        assert f"## {heading}\n" in ros
    assert wording.ros.method.scale.rows[-1][1] in ros
    assert f"## {wording.dpia.legal_basis.heading}\n" in dpia
    assert wording.dpia.conclusion.paragraphs[1] in dpia
    assert f"## {wording.benefit_realisation.costs.heading}\n" in benefits
    for bullet in wording.benefit_realisation.follow_up.bullets:
        assert bullet in benefits


def test_the_issue_forms_say_what_the_data_says() -> None:
    files = forms.files()
    for form in forms.data().forms:
        written = yaml.safe_load(files[form.file])
        assert written["name"] == form.name
        assert written["labels"] == [form.label]
        assert written["body"][0]["attributes"]["value"] == form.intro
        fields = {item["id"]: item for item in written["body"][1:]}
        assert list(fields) == [f.id for f in form.fields]
        for field in form.fields:
            attributes = fields[field.id]["attributes"]
            assert attributes["label"] == field.label
            assert attributes.get("description") == field.description
            if field.options:
                shown = [o["label"] if isinstance(o, dict) else o for o in attributes["options"]]
                assert shown == list(field.options)
    links = yaml.safe_load(files["config.yml"])["contact_links"]
    assert [link["name"] for link in links] == [link.name for link in forms.data().contact_links]


def test_options_from_a_reference_list_stay_computed() -> None:
    need = next(form for form in forms.forms() if form.kind == "need")
    assert need.field("owner").options == forms.municipality_options()
    assert need.field("phase").options == forms.phase_options()
    assert need.field("categories").options == forms.category_options()
