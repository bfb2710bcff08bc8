"""The site search: a chunked static index written by Pagefind after MkDocs, so a
reader fetches only the fragments a query touches (the theme's lunr index is one
file every reader downloads whole: 7.4 MB at 10,000 records).

- What is indexed: record pages only, by their title and lead (front matter
  `search_type` puts the page body in `data-pagefind-body`, overrides/main.html;
  search_scope.py sets the sections aside), each with its type as a filter.
- Language: Norwegian stemming (`--force-language no`; the pages say `nb`, which
  Pagefind does not map to its Norwegian stemmer by itself).
- The header's search field (overrides/partials/markedsplassen-search.html) and
  javascripts/search.js, which imports Pagefind only when the reader starts
  typing; without JavaScript the field leads to the search page and the lists.
  The bundle's entry file is written into the built search.js (`ENTRY`), so the
  first keystroke fetches the script, the entry, the metadata and the
  WebAssembly at once rather than one after another (0.4 s on a phone).

Pagefind is the `pagefind` package from PyPI with its binary (`pagefind[bin]`),
run as `python -m pagefind` over the record pages' folders (its Python API adds
pages one call at a time: 100 ms a page, against 2 ms for the command line); a
failure stops the build like a MkDocs warning."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.models.kinds import CALLOFF, DPS, EXPERIENCE, NEED, SOLUTION, SUPPLIER, Kind

# The filter's value for each kind of record page, as the reader sees it.
TYPES: dict[str, str] = {
    NEED.name: "Behov",
    SOLUTION.name: "Løsning",
    SUPPLIER.name: "Leverandør",
    EXPERIENCE.name: "Erfaring",
    DPS.name: "Ordning",
    CALLOFF.name: "Uttak",
}
BUNDLE = "pagefind"
LANGUAGE = "no"


class SearchIndexFailed(RuntimeError):
    pass


def search_type(kind: Kind[Any]) -> str:
    return TYPES[kind.name]


def _command(built: Path) -> list[str]:
    """Pagefind's command line over the record pages only (each kind's folder)."""
    folders = ",".join(sorted(TYPES))
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(built),
        "--glob",
        f"{{{folders}}}/**/*.html",
        "--force-language",
        LANGUAGE,
        "--silent",
    ]


def write(built: Path) -> Path:
    """Index the built site's record pages; the bundle goes to `<built>/pagefind/`."""
    bundle = built / BUNDLE
    try:
        done = subprocess.run(_command(built), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexFailed(f"Pagefind kunne ikke startes: {exc}") from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise SearchIndexFailed(
            f"Pagefind laget ikke søkeindeksen (kode {done.returncode}): {detail}"
        )
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexFailed("Pagefind laget ikke søkeindeksen (pagefind.js mangler).")
    _canonical_filters(bundle)
    _announce_entry(built, bundle)
    return bundle


SCRIPT = Path("javascripts") / "search.js"
PLACEHOLDER = "var ENTRY = null;"


def _announce_entry(built: Path, bundle: Path) -> None:
    """Write the bundle's entry file into the built search script."""
    script = built / SCRIPT
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        text = script.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise SearchIndexFailed(f"Søkeskriptet kunne ikke få søkeindeksens navn: {exc}") from exc
    if text.count(PLACEHOLDER) != 1:
        raise SearchIndexFailed(f"{SCRIPT.as_posix()} mangler «{PLACEHOLDER}».")
    # ASCII JSON is a JavaScript literal; the values are Pagefind's own names
    literal = json.dumps(entry, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    script.write_text(text.replace(PLACEHOLDER, f"var ENTRY = {literal};"), encoding="utf-8")


# ---------------------------------------------------------------- reproducible
#
# Pagefind writes each filter's values in the order of a Rust hash map, which is
# seeded at random: the filter file (and so its name, the metadata file that names
# it, and the entry file that names that) differs between two builds of the same
# site, though the search is the same. The files are gzip of a signature and CBOR:
# a filter file is [name, [[value, [page, …]], …]]. Below, the value entries are
# put in byte order and the three names recomputed from the content; a bundle of
# any other shape is left as Pagefind wrote it (a test compares two builds).

SIGNATURE = b"pagefind_dcd"


def _end(data: bytes, at: int) -> int:
    """Where the CBOR item starting at `at` ends (definite lengths only)."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError("ubestemt lengde")
    if major in (0, 1, 7):
        return at
    if major in (2, 3):
        return at + length
    items = length * (2 if major == 5 else 1)
    for _ in range(items):
        at = _end(data, at)
    return at


def _sorted_filter(data: bytes) -> bytes:
    """The filter file's CBOR with its value entries in byte order."""
    at = len(SIGNATURE)
    if not data.startswith(SIGNATURE) or data[at] != 0x82:  # an array of two
        raise ValueError("ukjent form")
    values = _end(data, at + 1)  # past the filter's name: the array of values
    major, info = data[values] >> 5, data[values] & 0x1F
    if major != 4 or info > 27:
        raise ValueError("ukjent form")
    header = 1 if info < 24 else 1 + (1 << (info - 24))
    count = info if info < 24 else int.from_bytes(data[values + 1 : values + header], "big")
    entries, cursor = [], values + header
    for _ in range(count):
        end = _end(data, cursor)
        entries.append(data[cursor:end])
        cursor = end
    if cursor != len(data):
        raise ValueError("ukjent form")
    return data[: values + header] + b"".join(sorted(entries))


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _name(prefix: str, content: bytes, length: int) -> str:
    return prefix + hashlib.sha256(content).hexdigest()[:length]


def _canonical_filters(bundle: Path) -> None:
    entry_file = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        for language, about in entry["languages"].items():
            meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
            meta = gzip.decompress(meta_path.read_bytes())
            for old in sorted((bundle / "filter").glob(f"{language}_*.pf_filter")):
                canonical = _sorted_filter(gzip.decompress(old.read_bytes()))
                stem = old.name.removesuffix(".pf_filter")
                new = _name(f"{language}_", canonical, len(stem) - len(language) - 1)
                meta = meta.replace(stem.encode(), new.encode())
                old.unlink()
                (bundle / "filter" / f"{new}.pf_filter").write_bytes(_gzip(canonical))
            meta_hash = _name(f"{language}_", meta, len(about["hash"]) - len(language) - 1)
            meta_path.unlink()
            (bundle / f"pagefind.{meta_hash}.pf_meta").write_bytes(_gzip(meta))
            about["hash"] = meta_hash
        entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    except (KeyError, ValueError, OSError, IndexError, gzip.BadGzipFile):
        return  # a bundle of another shape: left as Pagefind wrote it
