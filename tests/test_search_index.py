"""The search index stage (generator/site/search_index.py): what Pagefind is given,
a failure stops the build, and the filter files are put in a fixed order so two
builds are byte-identical (tests/test_site.py compares two whole builds)."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from generator.site import search_index


def _filter(*entries: tuple[str, list[int]]) -> bytes:
    """A Pagefind filter file's CBOR: ["type", [[value, [page, …]], …]]."""

    def text(value: str) -> bytes:
        raw = value.encode()
        assert len(raw) < 24
        return bytes([0x60 | len(raw)]) + raw

    def uints(values: list[int]) -> bytes:
        assert len(values) < 24 and all(v < 24 for v in values)
        return bytes([0x80 | len(values), *values])

    body = b"".join(b"\x82" + text(v) + uints(p) for v, p in entries)
    return search_index.SIGNATURE + b"\x82" + text("type") + bytes([0x80 | len(entries)]) + body


def test_filter_values_are_put_in_byte_order() -> None:
    shuffled = _filter(("Uttak", [0, 1]), ("Behov", [2]), ("Løsning", [3, 4]))
    # the order of the encoded bytes: a text's length comes first in its header
    ordered = _filter(("Behov", [2]), ("Uttak", [0, 1]), ("Løsning", [3, 4]))
    assert search_index._sorted_filter(shuffled) == ordered
    assert search_index._sorted_filter(ordered) == ordered


@pytest.mark.parametrize(
    "broken",
    [
        b"not pagefind",
        search_index.SIGNATURE + b"\x81",  # an array of one
        _filter(("Behov", [1])) + b"\x00",  # bytes after the end
        search_index.SIGNATURE + b"\x82\x64type\x1f",  # not an array of values
    ],
)
def test_a_filter_of_another_shape_is_refused(broken: bytes) -> None:
    with pytest.raises(ValueError):
        search_index._sorted_filter(broken)


def test_a_bundle_of_another_shape_is_left_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    search_index._canonical_filters(tmp_path)
    assert (tmp_path / "pagefind-entry.json").read_text(encoding="utf-8") == "{}"


def test_the_entry_is_written_into_the_search_script_or_the_build_stops(tmp_path: Path) -> None:
    bundle, script = tmp_path / "pagefind", tmp_path / search_index.SCRIPT
    bundle.mkdir()
    script.parent.mkdir()
    (bundle / "pagefind-entry.json").write_text(
        '{"languages": {"no": {"hash": "no_1", "wasm": "no"}}, "x": "</script>"}', "utf-8"
    )
    script.write_text("var A = 1;\n  var ENTRY = null;\n", "utf-8")
    search_index._announce_entry(tmp_path, bundle)
    assert script.read_text("utf-8") == (
        'var A = 1;\n  var ENTRY = {"languages":{"no":{"hash":"no_1","wasm":"no"}},'
        '"x":"</script>"};\n'
    )
    # written once: a second run finds no placeholder and says so
    with pytest.raises(search_index.SearchIndexFailed, match="mangler «var ENTRY = null;»"):
        search_index._announce_entry(tmp_path, bundle)
    (bundle / "pagefind-entry.json").write_text("{", "utf-8")
    with pytest.raises(search_index.SearchIndexFailed, match="søkeindeksens navn"):
        search_index._announce_entry(tmp_path, bundle)


def test_pagefind_reads_only_the_record_folders_in_norwegian(tmp_path: Path) -> None:
    command = search_index._command(tmp_path)
    glob = command[command.index("--glob") + 1]
    assert glob == "{calloff,dps,experience,need,solution,supplier}/**/*.html"
    assert command[command.index("--force-language") + 1] == "no"


def test_a_failing_indexer_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an indexer that exits 0 and writes nothing
    monkeypatch.setattr(search_index, "_command", lambda built: [sys.executable, "-c", "pass"])
    with pytest.raises(search_index.SearchIndexFailed, match=r"pagefind\.js mangler"):
        search_index.write(tmp_path)
    # one that fails, with what it said
    failing = [sys.executable, "-c", "import sys; sys.exit('ingen binærfil')"]
    monkeypatch.setattr(search_index, "_command", lambda built: failing)
    with pytest.raises(search_index.SearchIndexFailed, match="ingen binærfil"):
        search_index.write(tmp_path)
    # one that cannot start
    monkeypatch.setattr(search_index, "_command", lambda built: [str(tmp_path / "finnes-ikke")])
    with pytest.raises(search_index.SearchIndexFailed, match="kunne ikke startes"):
        search_index.write(tmp_path)


def test_the_canonical_bundle_names_follow_the_content(tmp_path: Path) -> None:
    """A bundle as Pagefind writes it: entry -> metadata -> filter, each named by a
    hash. After canonicalising, the names come from the ordered content."""
    (tmp_path / "filter").mkdir()
    shuffled = _filter(("Uttak", [0]), ("Behov", [1]))
    (tmp_path / "filter" / "no_abcdef0.pf_filter").write_bytes(gzip.compress(shuffled))
    meta = search_index.SIGNATURE + b"\x81\x82dtypejno_abcdef0"
    (tmp_path / "pagefind.no_0123456789.pf_meta").write_bytes(gzip.compress(meta))
    (tmp_path / "pagefind-entry.json").write_text(
        '{"version":"1","languages":{"no":{"hash":"no_0123456789","page_count":2}}}',
        encoding="utf-8",
    )
    search_index._canonical_filters(tmp_path)
    (filter_file,) = (tmp_path / "filter").iterdir()
    content = gzip.decompress(filter_file.read_bytes())
    assert content == _filter(("Behov", [1]), ("Uttak", [0]))
    assert filter_file.name == f"{search_index._name('no_', content, 7)}.pf_filter"
    (meta_file,) = tmp_path.glob("*.pf_meta")
    assert filter_file.stem.encode() in gzip.decompress(meta_file.read_bytes())
    assert meta_file.name.removeprefix("pagefind.").removesuffix(".pf_meta") in (
        tmp_path / "pagefind-entry.json"
    ).read_text(encoding="utf-8")
