from __future__ import annotations

import json

from generator.diagnostics import (
    Diagnostic,
    Severity,
    error,
    format_github,
    format_json,
    format_text,
    has_errors,
    warning,
)

D = error("needs/a b.yaml", 3, 7, "invalid-date", "«2024-02-30» finnes ikke: 100%\nsjekk, dag")


def test_text_is_one_line_per_diagnostic() -> None:
    assert format_text([D]) == (
        "needs/a b.yaml:3:7: error[invalid-date] «2024-02-30» finnes ikke: 100%\nsjekk, dag\n"
    )


def test_json_has_exactly_the_interface_keys() -> None:
    rows = json.loads(format_json([D]))
    assert rows == [
        {
            "path": "needs/a b.yaml",
            "line": 3,
            "column": 7,
            "severity": "error",
            "code": "invalid-date",
            "message": "«2024-02-30» finnes ikke: 100%\nsjekk, dag",
        }
    ]


def test_github_annotations_escape_properties_and_data() -> None:
    # a CR is shown as <U+000D> (it could overwrite a line in a terminal); a newline
    # is escaped as GitHub's toolkit does
    weird = error("needs/x,y:z.yaml", 1, 2, "yaml-syntax", "a%b\r\nc")
    assert format_github([weird, warning("n.yaml", 5, 1, "c", "w")]) == (
        "::error file=needs/x%2Cy%3Az.yaml,line=1,col=2,title=yaml-syntax::a%25b<U+000D>%0Ac\n"
        "::warning file=n.yaml,line=5,col=1,title=c::w\n"
    )


def test_diagnostics_sort_by_path_then_position() -> None:
    b = error("b.yaml", 1, 1, "x", "m")
    a2 = error("a.yaml", 10, 1, "x", "m")
    a1 = error("a.yaml", 2, 5, "x", "m")
    assert sorted([b, a2, a1]) == [a1, a2, b]


def test_strict_makes_warnings_count() -> None:
    only_warning = [Diagnostic("a.yaml", 1, 1, "c", Severity.WARNING, "m")]
    assert not has_errors(only_warning)
    assert has_errors(only_warning, strict=True)
    assert not has_errors([], strict=True)
