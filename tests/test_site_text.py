"""`generator.site.text` and `labels`: record text made safe for a Markdown page,
and a Norwegian word for every value a model allows."""

from __future__ import annotations

import html
import random
from collections.abc import Iterable
from datetime import date
from typing import Any, Literal, get_args, get_origin

import markdown
import pytest
from pydantic import BaseModel

from generator.catalogue.gather import Catalogue
from generator.models.calloff import Contract, Milestone
from generator.models.kinds import CALLOFF, KINDS, Kind
from generator.norway import labels
from generator.site.text import (
    MERMAID_KEYWORDS,
    _plain_paragraphs,
    escape,
    free_text,
    front_matter_title,
    full_path,
    mermaid_label,
)
from generator.site.views import calloff as view


def _shown(markup: str) -> str:
    """What a reader sees: MkDocs' Markdown (with the extensions a config might
    add), then the browser decoding character references."""
    rendered = markdown.markdown(markup, extensions=["attr_list", "tables", "md_in_html"])
    return html.unescape(rendered.removeprefix("<p>").removesuffix("</p>"))


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        '{: onclick="alert(1)" }',
        "*fet* _kursiv_ `kode` <b>tag</b> & &amp;",
        "| a | b |",
        "1. mai",
        "- ikke en liste",
        "# ikke en overskrift",
        "Bergen kommune - app for sårprosedyrer (SSA-L): 40 %",
    ],
)
def test_single_line_text_is_shown_exactly_as_written(text: str) -> None:
    escaped = escape(text)
    assert not set("<>[]{}`*_|") & set(escaped)
    assert _shown(str(escaped)) == text


def test_free_text_keeps_markdown_and_drops_active_content() -> None:
    out = str(
        free_text(
            "# Overskrift\n\n**fet** og [lenke](https://eksempel.no/a_b) og "
            "[e-post](mailto:a@b.no) og [rel](../x) og [js](javascript:alert(1))\n\n"
            "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n    kode\n"
        )
    )
    assert out.startswith('<div class="mp-fritekst"><h3>Overskrift</h3>')
    assert "\n" not in out  # one line: MkDocs passes it through as one raw block
    assert "<strong>fet</strong>" in out
    assert '<a href="https&#58;//eksempel.no/a&#95;b"' in out
    assert '<a href="mailto&#58;a@b.no"' in out
    assert out.count("href=") == 2  # the relative and the javascript: link lost theirs
    for gone in ("<script", "alert", "<img", "onerror"):
        assert gone not in out
    assert "<pre><code>kode&#10;</code></pre>" in out


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _generated_texts(count: int) -> list[str]:
    """Short texts drawn from prose and every character that Markdown reads as
    syntax, at line starts and inside lines."""
    alphabet = "ab æøå.,:;()%«»'\"\n\n\n-+#=>|1234567890.)\t *_`[]<>&!\\  \xa0é"
    rnd = random.Random(20261128)
    return ["".join(rnd.choices(alphabet, k=rnd.randint(0, 30))) for _ in range(count)]


def test_plain_prose_shortcut_writes_what_markdown_and_nh3_write(
    example_catalogue: Catalogue,
) -> None:
    texts = [
        text
        for entries in example_catalogue.entries.values()
        for entry in entries
        for text in _strings(entry.record.model_dump(mode="json"))
    ]
    texts += _generated_texts(20_000)
    shortcut = [t for t in texts if _plain_paragraphs(t) is not None]
    # the shortcut is taken for most texts, and never where syntax could be
    assert len(shortcut) > 3_000
    assert not any(set(t) & set("*_`[]<>&!\\") for t in shortcut)
    for text in shortcut:
        assert str(free_text(text)) == f'<div class="mp-fritekst">{full_path(text)}</div>', text


def test_front_matter_title_is_one_escaped_yaml_string() -> None:
    title = front_matter_title('A </title><script>"x"</script>\nny linje')
    assert title.startswith('"') and title.endswith('"') and "\n" not in title
    assert "<" not in title and "&lt;/title&gt;" in title


def test_mermaid_labels_hold_no_syntax() -> None:
    assert mermaid_label("Frist: levering #1; ```<b>æøå</b>") == "Frist levering 1 b æøå b"
    assert len(mermaid_label("x" * 100)) == 60
    assert mermaid_label(":::") == "-"


def _literals(model: type[BaseModel]) -> dict[str, set[Any]]:
    """Field name -> the values of every Literal in the model, nested models too."""
    found: dict[str, set[Any]] = {}

    def walk(annotation: Any, name: str) -> None:
        if get_origin(annotation) is Literal:
            found.setdefault(name, set()).update(get_args(annotation))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for field_name, field in annotation.model_fields.items():
                walk(field.annotation, field_name)
        else:
            for argument in get_args(annotation):
                walk(argument, name)

    walk(model, "")
    return found


LABELS: dict[str, Iterable[str | None]] = {
    "status": labels.NEED_STATUS | labels.JOIN_STATUS | labels.INTEGRATION_STATUS,
    "role": labels.PARTICIPANT_ROLE,
    "kind": labels.DOCUMENT_KIND | labels.ROADMAP_KIND | labels.CRITERION_KIND,
    "coverage": labels.COVERAGE,
    "pricing_model": labels.PRICING_MODEL,
    "delivery_model": labels.DELIVERY_MODEL,
    "platforms": labels.PLATFORM,
    "data_location": labels.DATA_LOCATION,
    "authentication": labels.AUTHENTICATION,
    "languages": labels.LANGUAGE,
    "formats": labels.TRAINING_FORMAT,
    "direction": labels.DIRECTION,
    "medical_device_class": labels.DEVICE_CLASS,
    "basis": labels.AWARD_BASIS,
    "type": labels.DPS_TYPE,
    "decision": labels.DECISION,
    "award_notice_grouping": labels.AWARD_NOTICE_GROUPING,
}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_allowed_value_has_a_norwegian_label(kind: Kind[Any]) -> None:
    for field, values in _literals(kind.model).items():
        assert field in LABELS, field
        assert values <= set(LABELS[field]), (field, values - set(LABELS[field]))


@pytest.mark.parametrize(
    "title",
    [
        "click Oppstart call alert()",
        "section Kontrakt",
        "title Overtatt",
        "Title overtatt",
        "clickable lenke",
        "dateFormat DD.MM",
        "accTitle: stjålet",
        "%%{init: {'theme': 'dark'}}%% Oppstart",
        "todayMarker off",
    ],
)
def test_a_milestone_title_never_becomes_a_chart_statement(
    title: str, example_catalogue: Catalogue
) -> None:
    """In the Gantt chart no task line starts with a Mermaid keyword, no `%%` or `:`
    survives in a label; the table beside the chart keeps the full title."""
    # validated as a file's fields are: dates written as text
    milestone = Milestone.model_validate({"title": title, "due": "2026-05-01"})
    contract = Contract.model_validate({"signed": "2026-04-01", "milestones": [milestone]})
    base = example_catalogue.get(CALLOFF, "askoy-app-for-sarprosedyrer-2026")
    assert base is not None
    calloff = base.model_copy(update={"contract": contract})
    found = view.events(calloff, date(2026, 4, 2))
    lines = str(view.gantt(calloff, found)).splitlines()
    tasks = [line.strip() for line in lines if line.startswith("    ") and ":" in line]
    keywords = ("title ", "dateformat ", "axisformat ", "acctitle:", "accdescr:")
    statements = [t for t in tasks if not t.lower().startswith(keywords)]
    label = next(t for t in statements if "2026-05-01" in t).split(" : ")[0]
    assert label.startswith("– ") or not label.lower().startswith(MERMAID_KEYWORDS)
    assert "%%" not in "\n".join(lines[lines.index("gantt") :])
    assert title in [e.what for e in found]  # the table's row has it whole
