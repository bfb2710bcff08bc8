"""The strict loader: how YAML scalars are typed, where positions point, and that
no unsafe loader is used anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.loading import raw_text, yaml_files
from tests.support.casefolders import BASE
from tests.support.paths import ROOT


def _value(text: str) -> object:
    document, diagnostics = yaml_files.parse(f"v: {text}\n".encode(), "x.yaml")
    assert diagnostics == []
    assert document is not None
    return document.value["v"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0", 0),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        # everything YAML 1.1 would have guessed stays a string
        ("NO", "NO"),
        ("yes", "yes"),
        ("True", "True"),
        ("0301", "0301"),
        ("1:30", "1:30"),
        ("2024-05-01", "2024-05-01"),
        ("0x10", "0x10"),
        ("0o17", "0o17"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        (".nan", ".nan"),
        ("+5", "+5"),
        ('"42"', "42"),
        ("'true'", "true"),
        ("!!str 12", "12"),
        ("!!int 12", 12),
        ("!!float 1", 1.0),
    ],
)
def test_only_core_scalars_are_typed(text: str, value: object) -> None:
    assert _value(text) == value
    assert type(_value(text)) is type(value)


def test_fast_and_tracked_composition_agree() -> None:
    text = (BASE / "tenders/calloffs/uttak-a.yaml").read_text()
    fast = yaml_files._compose(text, "x", track=False)
    tracked = yaml_files._compose(text, "x", track=True)
    assert fast.value == tracked.value
    assert tracked.positions[("award", "supplier")] == (25, 13, 25, 3)
    assert tracked.positions[("invited", 1)] == (9, 5, 9, 5)


def test_locate_falls_back_to_the_nearest_existing_node(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("id: a\nlist:\n  - x: 1\n")
    assert yaml_files.locate(tmp_path, "r.yaml", ("list", 0, "x")) == (3, 8)
    assert yaml_files.locate(tmp_path, "r.yaml", ("list", 0, "x"), key=True) == (3, 5)
    assert yaml_files.locate(tmp_path, "r.yaml", ("list", 0, "missing")) == (3, 5)
    assert yaml_files.locate(tmp_path, "r.yaml", ("nothing",)) == (1, 1)


def test_depth_twenty_is_allowed_twenty_one_is_not() -> None:
    def nested(levels: int) -> bytes:
        lines = ["  " * i + f"k{i}:" for i in range(levels - 1)]
        return ("\n".join(lines) + "\n" + "  " * (levels - 1) + "v: 1\n").encode()

    ok, diagnostics = yaml_files.parse(nested(20), "x.yaml")
    assert ok is not None and diagnostics == []
    bad, diagnostics = yaml_files.parse(nested(21), "x.yaml")
    assert bad is None
    assert [d.code for d in diagnostics] == ["too-deep"]


def test_exactly_256_kib_is_allowed() -> None:
    body = b"id: a\n# " + b"x" * (raw_text.MAX_BYTES - 9) + b"\n"
    assert len(body) == raw_text.MAX_BYTES
    assert yaml_files.parse(body, "x.yaml")[1] == []
    assert [d.code for d in yaml_files.parse(body + b"\n", "x.yaml")[1]] == ["file-too-large"]


def test_many_hazards_in_one_file_are_all_reported() -> None:
    text = b"a: &x 1\nb: *x\na: 2\nc: !!binary aGVp\n<<: {d: 1}\n"
    document, diagnostics = yaml_files.parse(text, "x.yaml")
    assert [(d.line, d.code) for d in diagnostics] == [
        (1, "anchor"),
        (2, "alias"),
        (3, "duplicate-key"),
        (4, "forbidden-tag"),
        (5, "merge-key"),
    ]
    assert document is not None and document.tainted == {("b",), ("c",)}


def test_no_module_uses_an_unsafe_yaml_loader() -> None:
    generator = ROOT / "generator"
    unsafe = re.compile(
        r"yaml\.(load|full_load|unsafe_load|load_all)\(|Loader=yaml\.(Loader|"
        r"FullLoader|UnsafeLoader|CLoader|CFullLoader|CUnsafeLoader)\b"
    )
    offenders = [str(p) for p in generator.rglob("*.py") if unsafe.search(p.read_text())]
    assert offenders == []


def _diagnosed(text: str) -> list[tuple[int, int, str, str]]:
    _, diagnostics = yaml_files.parse(text.encode(), "x.yaml")
    return [(d.line, d.column, d.code, d.message) for d in diagnostics]


@pytest.mark.parametrize(
    ("scalar", "named"),
    [
        ('"\\e[2J"', "U+001B"),  # a terminal escape: clears the screen
        ('"Sårfag\\u202eSA"', "U+202E"),  # right-to-left override
        ('"a\\0b"', "U+0000"),
        ('"linje\\rlinje"', "U+000D"),
        ('"\\x85"', "U+0085"),  # C1 NEL
        ('"\\uFEFF"', "U+FEFF"),
        ('"\\uFDD0"', "U+FDD0"),
        ('"\\U0010FFFF"', "U+10FFFF"),
        ('"\\u2066isolert"', "U+2066"),
    ],
)
def test_a_forbidden_character_written_as_an_escape_is_found_after_decoding(
    scalar: str, named: str
) -> None:
    found = _diagnosed(f"id: a\ntitle: {scalar}\n")
    assert [(line, column, code) for line, column, code, _ in found] == [
        (2, 8, "forbidden-character")
    ]
    assert named in found[0][3]
    # in a key too, positioned at the key
    found = _diagnosed(f"id: a\n{scalar}: x\n")
    assert [(line, column, code) for line, column, code, _ in found] == [
        (2, 1, "forbidden-character")
    ]


def test_tab_and_newline_stay_allowed_in_decoded_text() -> None:
    assert _value('"a\\tb\\nc"') == "a\tb\nc"


def test_a_lone_surrogate_escape_is_a_positioned_syntax_error() -> None:
    ((line, _, code, message),) = _diagnosed('id: a\ntitle: "x\\ud800"\n')
    assert (line, code) == (2, "yaml-syntax")
    assert "ensomt surrogat" in message


@pytest.mark.parametrize("digits", [16, 4301, 10_000])
def test_an_integer_past_fifteen_digits_is_refused_before_conversion(digits: int) -> None:
    found = _diagnosed(f"id: a\nvalue_nok: {'9' * digits}\n")
    assert found == [
        (
            2,
            12,
            "invalid-number",
            f"Tallet har {digits} sifre; et tall i en post kan ha høyst 15. Sjekk verdien "
            "(beløp skrives i hele kroner).",
        )
    ]


def test_fifteen_digits_are_read() -> None:
    assert _value("9" * 15) == 999_999_999_999_999


@pytest.mark.parametrize("number", ["1e999", "-1e400", "!!float 1e999"])
def test_a_float_past_any_size_is_refused(number: str) -> None:
    ((_, _, code, _),) = _diagnosed(f"id: a\nx: {number}\n")
    assert code == "invalid-number"


def test_a_list_of_more_than_a_thousand_items_is_refused_at_the_first_too_many() -> None:
    items = "".join(f"  - a{i}\n" for i in range(1001))
    ((line, column, code, message),) = _diagnosed(f"id: a\nlist:\n{items}")
    assert (line, column, code) == (1003, 5, "invalid-list")
    assert "1000" in message
    _, diagnostics = yaml_files.parse(f"list:\n{items[: items.index('  - a1000')]}".encode(), "x")
    assert diagnostics == []
