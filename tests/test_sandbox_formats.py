"""The report as text, JSON and Markdown (generator/sandbox/formats.py): the JSON
has a fixed shape, and hostile text in a resource or a file name cannot become
HTML, a link or an image in the Markdown a pull-request comment and the site show."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import markdown as python_markdown

from generator.sandbox import formats, kit
from generator.sandbox.report import Report
from tests.support.fhir_examples import observation, verify

HOSTILE = (
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![bilde](https://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    '{: onclick="alert(1)" }',
    "`kode` | tabell |",
)


def _hostile_report() -> Report:
    resource = observation("body-temperature")
    resource["valueQuantity"]["code"] = HOSTILE[0] + HOSTILE[1]
    resource["valueQuantity"]["system"] = HOSTILE[2]
    resource["subject"]["identifier"]["system"] = HOSTILE[4] + HOSTILE[5]
    resource["category"][0]["coding"][0]["system"] = "javascript:alert(1)"
    unknown = observation("heart-rate")
    unknown[HOSTILE[0]] = 1  # a key becomes part of a FHIRPath expression
    status = observation("heart-rate")
    status["status"] = HOSTILE[3]
    return verify({f"{HOSTILE[3]}.json": resource, "element.json": unknown, "s.json": status})


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _rendered(text: str, extensions: list[str]) -> _Tags:
    parser = _Tags()
    parser.feed(python_markdown.markdown(text, extensions=extensions))
    return parser


def test_json_report_has_its_fixed_shape() -> None:
    report = verify({"a.json": observation()})
    data: dict[str, Any] = json.loads(formats.as_json(report))
    assert set(data) == {
        "requirement_set",
        "kit_version",
        "structural_layer",
        "subject",
        "capabilities",
        "verified",
        "observations",
        "unmeasured",
        "counts",
        "files",
        "resources",
        "results",
    }
    assert data["observations"] == 1
    assert data["requirement_set"] == {
        "id": "vkp-vitals-1",
        "version": "1.0.0",
        "title": "Vitale målinger til kommunal EPJ (VKP)",
    }
    assert data["kit_version"] == kit.KIT_VERSION and data["verified"] is True
    assert "R4B" in data["structural_layer"] and "bare struktur" in data["structural_layer"]
    assert data["capabilities"] == [
        {"id": "send-vital-signs", "name": "sende vitale målinger til EPJ"}
    ]
    first = data["results"][0]
    assert set(first) == {"requirement", "status", "summary", "messages", "omitted"}
    assert set(first["requirement"]) == {"id", "text", "severity", "capability", "source"}
    assert data["counts"] == {"pass": 10, "fail": 0, "skip": 3}


def test_json_messages_carry_file_line_fhirpath_requirement_and_hint() -> None:
    resource = observation("body-temperature")
    resource["valueQuantity"]["code"] = "C"
    data = json.loads(formats.as_json(verify({"t.json": resource})))
    units = next(r for r in data["results"] if r["requirement"]["id"] == "ucum-units")
    assert units["status"] == "fail" and data["verified"] is False
    (message,) = units["messages"]
    assert message["file"] == "t.json" and isinstance(message["line"], int)
    assert message["expression"] == "Observation.valueQuantity.code"
    assert message["requirement"] == "ucum-units" and message["severity"] == "error"
    assert message["hint"].startswith("Mente du «Cel»?")


def test_text_report_names_the_set_the_kit_and_every_finding() -> None:
    resource = observation("body-temperature")
    resource["valueQuantity"]["code"] = "C"
    text = formats.text(verify({"t.json": resource}))
    assert "Kravsett: vkp-vitals-1 1.0.0" in text and f"sandkassen {kit.KIT_VERSION}" in text
    assert "Strukturlag: fhir.resources" in text
    assert "[feilet] ucum-units (SKAL)" in text
    assert "feil: t.json:" in text and "Observation.valueQuantity.code" in text
    assert "Slik retter du: Mente du «Cel»?" in text
    assert text.rstrip().endswith("Resultat: IKKE VERIFISERT (9 bestått, 1 feilet, 3 hoppet over).")


def test_markdown_shows_the_findings_of_a_failing_report() -> None:
    resource = observation("body-temperature")
    resource["valueQuantity"]["code"] = "C"
    text = formats.markdown(verify({"t.json": resource}))
    assert text.startswith("### ❌ Ikke verifisert: test\n")
    assert "| `ucum-units` " in text and "❌ feilet" in text
    assert "- feil: `t.json:" in text and "`Observation.valueQuantity.code`" in text
    assert "Mente du `Cel`?" in text


def test_hostile_text_in_resources_and_file_names_stays_text_in_markdown() -> None:
    report = _hostile_report()
    text = formats.markdown(report)
    assert report.messages and not report.verified
    for extensions in ([], ["tables"], ["tables", "attr_list", "md_in_html"]):
        tags = _rendered(text, extensions).tags
        names = {tag for tag, _ in tags}
        assert not names & {"script", "img", "iframe"}, names
        for tag, attributes in tags:
            assert tag != "a", attributes  # no link at all: nothing in the report is one
            assert not any(key.startswith("on") for key in attributes), (tag, attributes)
    raw_outside_code = re.sub(r"`[^`\n]*`", "", text)
    for needle in ("<script", "<img", "](javascript", "![", "{:"):
        assert needle not in raw_outside_code, needle


def test_a_table_cell_is_not_split_by_a_pipe_from_a_resource() -> None:
    text = formats.markdown(_hostile_report())
    table = [line for line in text.splitlines() if line.startswith("| `")]
    assert table and all(line.count("|") == 5 for line in table)


def test_code_spans_cannot_be_closed_early() -> None:
    assert formats.code("a`b|c\nd") == "`a'b¦c d`"
    assert formats.escape("<a href=x>[y](z)</a> & *b*") == (
        "&#60;a href=x&#62;&#91;y&#93;(z)&#60;/a&#62; &#38; &#42;b&#42;"
    )
