"""How long does `markedsplass build` take, how much of it is MkDocs, and how big
is the site, on a large synthetic catalogue?

For each size N (default 1,000 and 10,000) the synthetic catalogue
(benchmarks/synthetic.py) is written once under benchmarks/out/ and reused (the
same folders as check_vs_parse.py). Then:

* the Markdown the build hands to MkDocs is produced once, with the build's own
  building blocks (pipeline.run → gather → gather_pages → render → write), into
  benchmarks/out/docs-n<N>/;
* in the same run and interleaved, best of `--repeat`:
  - full: `generator.site.build(root, benchmarks/out/site-n<N>, today)` in this
    process (its per-stage timings are printed from the best run);
  - mkdocs alone: `mkdocs_build.run(config, docs-n<N>, <tmp site>, today)` on
    that Markdown, which is what the build's "mkdocs" stage does;
* the built site (benchmarks/out/site-n<N>/) is measured: HTML per record page,
  search/search_index.json per record, whole site.

Goals (issue 3, "Performance"): build time at 10,000 ≤ 11 × the time at 1,000;
our own work (full − mkdocs alone) ≤ 30 % of mkdocs alone; HTML per record page
≤ 40 KB on average; search index ≤ 1.5 KB per record; the whole site at 10,000
≤ 300 MB. When the search-index goal fails, the script shows what fills the
index. It exits 0 whether or not the goals hold (it is a benchmark, not a test),
and 1 only when the catalogue is invalid or the build fails.

    .venv/bin/python benchmarks/site_build.py [--sizes 1000 10000] [--repeat 3 1]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from check_vs_parse import TODAY, catalogue, data_files, fail  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.diagnostics import has_errors  # noqa: E402
from generator.site import mkdocs_build  # noqa: E402
from generator.site.build import BuildError, BuildReport, build  # noqa: E402
from generator.site.gather import gather  # noqa: E402
from generator.site.pages import gather_pages  # noqa: E402
from generator.site.render import render  # noqa: E402

try:  # the site's own static files, copied into the docs folder (newer builds)
    from generator.site import assets
except ImportError:  # pragma: no cover - an older generator without them
    assets = None

OUT = HERE / "out"
BASE_SIZE, GOAL_SIZE = 1_000, 10_000
LINEAR_GOAL = 11.0  # build(10k) / build(1k)
OVERHEAD_GOAL = 0.30  # (full - mkdocs alone) / mkdocs alone
HTML_GOAL_KB = 40.0  # per record page
SEARCH_GOAL_KB = 1.5  # search_index.json per record
SITE_GOAL_MB = 300.0  # whole site at GOAL_SIZE
KB, MB = 1000, 1000**2
RECORD_KINDS = ("supplier", "solution", "need", "experience", "dps", "calloff")


@dataclass
class Result:
    n: int
    records: int
    pages: int
    docs_seconds: dict[str, float]
    full: float  # best wall seconds of generator.site.build
    mkdocs: float  # best wall seconds of mkdocs_build.run alone
    full_cpu: float  # best CPU seconds (this process) of the same
    mkdocs_cpu: float
    report: BuildReport  # of the best full build (by wall time)
    fulls: list[tuple[float, float]] = field(default_factory=list)  # (wall, cpu) per try
    mkdocses: list[tuple[float, float]] = field(default_factory=list)
    html_bytes: int = 0
    html_pages: int = 0
    search_bytes: int = 0
    site_bytes: int = 0
    site_files: int = 0
    same_search: bool | None = None
    differing: list[str] = field(default_factory=list)  # mkdocs-alone files unlike the build's
    top_folders: list[tuple[str, int]] = field(default_factory=list)
    peak_mib: float = 0.0

    @property
    def overhead(self) -> float:
        return (self.full - self.mkdocs) / self.mkdocs

    @property
    def overhead_cpu(self) -> float:
        return (self.full_cpu - self.mkdocs_cpu) / self.mkdocs_cpu

    @property
    def html_kb(self) -> float:
        return self.html_bytes / self.html_pages / KB if self.html_pages else 0.0

    @property
    def search_kb(self) -> float:
        return self.search_bytes / self.records / KB

    @property
    def site_mb(self) -> float:
        return self.site_bytes / MB


def make_docs(root: Path, docs: Path) -> tuple[list[str], dict[str, float]]:
    """The Markdown the build would hand to MkDocs, written into `docs` with the
    build's own functions; the record pages' docs paths and the stage times come
    back."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    loaded, diagnostics, _ = pipeline.run(root, TODAY)
    if has_errors(diagnostics) or any(loaded.broken.values()):
        fail("katalogen har feil:\n" + "\n".join(d.text() for d in diagnostics[:20]))
    mark = time.perf_counter()
    seconds["check"] = mark - started
    try:
        site = gather(loaded, TODAY)
        pages = gather_pages(site)
        seconds["shape"] = time.perf_counter() - mark
        mark = time.perf_counter()
        texts = [(page.doc, render(page)) for page in pages]
        seconds["render"] = time.perf_counter() - mark
    except Exception as exc:  # a view or template bug, as the build would report it
        fail(f"sidene kunne ikke lages: {type(exc).__name__}: {exc}")
    mark = time.perf_counter()
    if docs.exists():
        shutil.rmtree(docs)
    for doc, text in texts:
        target = docs / doc
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if assets is not None:
        assets.write(docs)
    seconds["write"] = time.perf_counter() - mark
    return [page.doc for page in pages if page.record], seconds


def full_once(root: Path, out: Path) -> tuple[tuple[float, float], BuildReport]:
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    try:
        report = build(root, out, TODAY)
    except BuildError as exc:
        fail(f"markedsplass build feilet: {exc}")
    elapsed = time.perf_counter() - started, time.process_time() - cpu
    if not report.built:
        fail(
            "markedsplass build bygde ikke:\n"
            + "\n".join(d.text() for d in report.diagnostics[:20])
        )
    return elapsed, report


def mkdocs_once(root: Path, docs: Path, site: Path) -> tuple[float, float]:
    if site.exists():
        shutil.rmtree(site)
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    try:
        mkdocs_build.run(mkdocs_build.config_file(root), docs, site, TODAY)
    except mkdocs_build.MkDocsFailed as exc:
        fail(f"mkdocs alene feilet: {exc}")
    return time.perf_counter() - started, time.process_time() - cpu


def html_page(site: Path, doc: str) -> Path:
    """docs path need/x.md → site/need/x/index.html (use_directory_urls)."""
    return site / doc.removesuffix(".md") / "index.html"


def walk_sizes(site: Path) -> tuple[int, int, Counter[str]]:
    total, files, by_top = 0, 0, Counter()
    for folder, _, names in os.walk(site):
        top = Path(folder).relative_to(site).parts
        key = top[0] if top else "(rot)"
        for name in names:
            size = os.path.getsize(os.path.join(folder, name))
            total += size
            files += 1
            by_top[key] += size
    return total, files, by_top


def compare_sites(alone: Path, full: Path) -> list[str]:
    """Files of the mkdocs-alone site that the full build lacks or wrote differently:
    none, when the Markdown made here is the build's."""
    differing = []
    for folder, _, names in os.walk(alone):
        for name in names:
            path = Path(folder) / name
            relative = path.relative_to(alone)
            other = full / relative
            if (
                not other.is_file()
                or other.stat().st_size != path.stat().st_size
                or other.read_bytes() != path.read_bytes()
            ):
                differing.append(str(relative))
    return sorted(differing)


def measure(n: int, seed: int, repeat: int) -> Result:
    print(f"\nN={n}:", flush=True)
    root = catalogue(n, seed)
    for path in data_files(root):  # warm the page cache
        with open(path, "rb") as handle:
            handle.read()
    docs, alone, out = OUT / f"docs-n{n}", OUT / f"mkdocs-n{n}", OUT / f"site-n{n}"
    record_docs, docs_seconds = make_docs(root, docs)
    print(
        f"  Markdown til {docs.relative_to(HERE.parent)}: {len(record_docs)} postsider, "
        + ", ".join(f"{k} {v:.2f} s" for k, v in docs_seconds.items()),
        flush=True,
    )
    fulls: list[tuple[tuple[float, float], BuildReport]] = []
    alones: list[tuple[float, float]] = []
    for round_ in range(repeat):
        order = ("full", "mkdocs") if round_ % 2 == 0 else ("mkdocs", "full")
        for what in order:
            if what == "full":
                seconds, report = full_once(root, out)
                fulls.append((seconds, report))
            else:
                seconds = mkdocs_once(root, docs, alone)
                alones.append(seconds)
            print(
                f"  runde {round_ + 1}: {what} {seconds[0]:.1f} s (CPU {seconds[1]:.1f} s)",
                flush=True,
            )
    (best_seconds, _), best = min(fulls, key=lambda pair: pair[0][0])
    if best.records != len(record_docs):
        fail(f"bygget laget {best.records} postsider, Markdown-en {len(record_docs)}")
    result = Result(
        n=n,
        records=best.records,
        pages=best.pages,
        docs_seconds=docs_seconds,
        full=best_seconds,
        mkdocs=min(wall for wall, _ in alones),
        full_cpu=min(cpu for (_, cpu), _ in fulls),
        mkdocs_cpu=min(cpu for _, cpu in alones),
        report=best,
        fulls=[s for s, _ in fulls],
        mkdocses=alones,
    )
    for doc in record_docs:
        path = html_page(out, doc)
        if path.is_file():
            result.html_bytes += path.stat().st_size
            result.html_pages += 1
    if result.html_pages != len(record_docs):
        print(f"  ADVARSEL: {len(record_docs) - result.html_pages} postsider mangler HTML")
    index = out / "search" / "search_index.json"
    result.search_bytes = index.stat().st_size
    alone_index = alone / "search" / "search_index.json"
    if alone_index.is_file():
        result.same_search = alone_index.read_bytes() == index.read_bytes()
    result.differing = compare_sites(alone, out)
    result.site_bytes, result.site_files, by_top = walk_sizes(out)
    result.top_folders = by_top.most_common(8)
    shutil.rmtree(alone, ignore_errors=True)  # a copy of the MkDocs part; the site stays
    result.peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


# --------------------------------------------------------------------------- #
# What fills search_index.json
# --------------------------------------------------------------------------- #

_TAG = re.compile(r"</?(?:p|code|pre|li|ol|ul|sub|sup)>")


def _size(entry: dict[str, object]) -> int:
    # As Material writes it: compact separators, ensure_ascii (æ → \u00e6).
    return len(json.dumps(entry, separators=(",", ":"))) + 1  # + the comma


def analyse_search(index: Path, records: int, top: int = 15) -> None:
    data = json.loads(index.read_text(encoding="utf-8"))
    entries = data["docs"]
    total = index.stat().st_size
    print(
        f"\n--- Hva fyller {index.relative_to(HERE.parent)} ({total / MB:.1f} MB, "
        f"{len(entries)} oppføringer, {total / records / KB:.2f} KB per post) ---"
    )
    print(f"  config: {json.dumps(data['config'], ensure_ascii=False)}")

    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # bytes, entries, pages
    pages_seen: set[str] = set()
    by_section: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    fields = Counter()
    markup = 0
    texts: Counter[tuple[str, str]] = Counter()
    text_bytes: dict[tuple[str, str], int] = {}
    page_level = 0  # record pages' first entry (title + intro), if only that were kept
    for entry in entries:
        size = _size(entry)
        page, _, anchor = entry["location"].partition("#")
        kind = page.split("/")[0]
        group = kind if kind in RECORD_KINDS else "seksjonssider"
        by_group[group][0] += size
        by_group[group][1] += 1
        if page not in pages_seen:
            pages_seen.add(page)
            by_group[group][2] += 1
        if group != "seksjonssider":
            section = "(sidetopp: tittel + ingress)" if not anchor else entry["title"]
            by_section[(kind, section)][0] += size
            by_section[(kind, section)][1] += 1
            if not anchor:
                page_level += size
        for name in ("location", "title", "text"):
            fields[name] += len(json.dumps(entry.get(name, "")))
        markup += sum(len(m) for m in _TAG.findall(entry.get("text", "")))
        key = (entry["title"], entry.get("text", ""))
        texts[key] += 1
        text_bytes[key] = size
    syntax = total - sum(fields.values())

    print("\n  Per sidetype:")
    print(f"    {'sidetype':<15} {'sider':>7} {'oppf.':>8} {'MB':>7} {'andel':>6} {'KB/side':>8}")
    for group, (size, count, pages) in sorted(by_group.items(), key=lambda kv: -kv[1][0]):
        print(
            f"    {group:<15} {pages:>7} {count:>8} {size / MB:>7.2f} {size / total:>6.0%} "
            f"{size / pages / KB:>8.2f}"
        )

    print(f"\n  De {top} største seksjonene på postsidene (alle sider av slaget sammen):")
    print(f"    {'slag':<11} {'seksjon':<48} {'oppf.':>7} {'MB':>6} {'andel':>6}")
    biggest = sorted(by_section.items(), key=lambda kv: -kv[1][0])[:top]
    for (kind, section), (size, count) in biggest:
        share = size / total
        print(f"    {kind:<11} {section[:48]:<48} {count:>7} {size / MB:>6.2f} {share:>6.0%}")

    print("\n  Per felt (JSON-kodet, med \\uXXXX for æøå som Material skriver det):")
    for name in ("location", "title", "text"):
        print(f"    {name:<9} {fields[name] / MB:>6.2f} MB {fields[name] / total:>5.0%}")
    share = syntax / total
    print(f"    {'syntaks':<9} {syntax / MB:>6.2f} MB {share:>5.0%}  (nøkler, klammer, komma)")
    print(f"    HTML-merker i text (<p>, <li> …): {markup / MB:.2f} MB ({markup / total:.0%})")

    repeated = sum(text_bytes[k] * c for k, c in texts.items() if c >= 10)
    shown = [(k, c) for k, c in texts.most_common(5) if c >= 10]
    print(
        f"\n  Like oppføringer (samme tittel og tekst på ≥ 10 sider): "
        f"{repeated / MB:.2f} MB ({repeated / total:.0%})"
    )
    for (title, text), count in shown:
        print(f"    {count:>6} × «{title[:40]}»: {text[:70]!r}")

    utf8 = len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    sections_only = by_group["seksjonssider"][0]
    print("\n  Hva om (anslag, samme innhold ellers):")
    print(f"    skrevet som UTF-8 i stedet for \\uXXXX: {utf8 / records / KB:.2f} KB per post")
    print(
        f"    bare sidetoppen (tittel + ingress) av hver postside: "
        f"{(sections_only + page_level) / records / KB:.2f} KB per post"
    )
    print(
        f"    postsidene utelatt (search: exclude), bare seksjonssidene: "
        f"{sections_only / records / KB:.2f} KB per post"
    )


# --------------------------------------------------------------------------- #
# Report
# --------------------------------------------------------------------------- #


def verdict(ok: bool | None) -> str:
    return "ikke målt" if ok is None else ("PASS" if ok else "FAIL")


def report(results: list[Result]) -> None:
    for r in results:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in r.report.timings.items())
        print(f"\nN={r.n}: {r.records} poster, {r.pages} sider, {r.site_files} filer")
        for name, tries in (("full build", r.fulls), ("mkdocs alene", r.mkdocses)):
            shown = ", ".join(f"{wall:.1f} (CPU {cpu:.1f})" for wall, cpu in tries)
            print(f"  {name}, alle forsøk: {shown} s")
        rest = r.full - sum(r.report.timings.values())
        print(f"  trinn i beste build (s): {stages}")
        print(
            f"  utenfor trinnene: {rest:.1f} s (gather, og å flytte inn det nye og slette "
            "det forrige nettstedet)"
        )
        print(
            "  største mapper i nettstedet: "
            + ", ".join(f"{name} {size / MB:.0f} MB" for name, size in r.top_folders)
        )
        print(
            f"  søkeindeksen fra mkdocs alene er byte-lik bygget sin: "
            f"{'ja' if r.same_search else 'nei' if r.same_search is False else 'ukjent'}; "
            f"filer fra mkdocs alene som bygget mangler eller skrev annerledes: "
            f"{len(r.differing)}" + (f" ({', '.join(r.differing[:5])} …)" if r.differing else "")
        )

    header = (
        f"{'N':>7} {'build s':>8} {'mkdocs s':>9} {'vårt s':>7} {'vårt/mkdocs':>11} "
        f"{'CPU: build':>10} {'mkdocs':>7} {'vårt/mkdocs':>11} "
        f"{'HTML KB/post':>12} {'søk KB/post':>11} {'nettsted MB':>11} {'maks RSS MiB':>12}"
    )
    print("\n" + header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.n:>7} {r.full:>8.1f} {r.mkdocs:>9.1f} {r.full - r.mkdocs:>7.1f} "
            f"{r.overhead:>11.0%} {r.full_cpu:>10.1f} {r.mkdocs_cpu:>7.1f} {r.overhead_cpu:>11.0%} "
            f"{r.html_kb:>12.1f} {r.search_kb:>11.2f} {r.site_mb:>11.0f} {r.peak_mib:>12.0f}"
        )
    print(
        "(beste av forsøkene; veggtid teller for målene, CPU-tiden til denne prosessen vises\n"
        " ved siden av fordi den påvirkes mindre av annet som kjører på maskinen samtidig)"
    )

    by_n = {r.n: r for r in results}
    goal, base = by_n.get(GOAL_SIZE), by_n.get(BASE_SIZE)
    largest = max(results, key=lambda r: r.n)
    print("\nMål:")
    ratio = goal.full / base.full if goal and base else None
    print(
        f"  build N={GOAL_SIZE} / N={BASE_SIZE} <= {LINEAR_GOAL:g} (lineært): "
        + (f"{goal.full:.1f} s / {base.full:.1f} s = {ratio:.2f} " if ratio else "")
        + verdict(ratio <= LINEAR_GOAL if ratio else None)
        + (
            f"  (CPU: {goal.full_cpu / base.full_cpu:.2f} "
            f"{verdict(goal.full_cpu / base.full_cpu <= LINEAR_GOAL)})"
            if ratio
            else ""
        )
    )
    for r in results:
        print(
            f"  vårt eget arbeid <= {OVERHEAD_GOAL:.0%} av mkdocs, N={r.n}: "
            f"({r.full:.1f} − {r.mkdocs:.1f}) / {r.mkdocs:.1f} = {r.overhead:.0%} "
            + verdict(r.overhead <= OVERHEAD_GOAL)
            + f"  (CPU: {r.overhead_cpu:.0%} {verdict(r.overhead_cpu <= OVERHEAD_GOAL)})"
        )
    for r in results:
        print(
            f"  HTML per postside <= {HTML_GOAL_KB:g} KB, N={r.n}: {r.html_kb:.1f} KB "
            + verdict(r.html_kb <= HTML_GOAL_KB)
        )
    for r in results:
        print(
            f"  søkeindeks per post <= {SEARCH_GOAL_KB:g} KB, N={r.n}: "
            f"{r.search_bytes / MB:.1f} MB / {r.records} = {r.search_kb:.2f} KB "
            + verdict(r.search_kb <= SEARCH_GOAL_KB)
        )
    print(
        f"  hele nettstedet ved N={GOAL_SIZE} <= {SITE_GOAL_MB:g} MB: "
        + (f"{goal.site_mb:.0f} MB " if goal else "")
        + verdict(goal.site_mb <= SITE_GOAL_MB if goal else None)
    )
    if largest.search_kb > SEARCH_GOAL_KB:
        analyse_search(OUT / f"site-n{largest.n}" / "search" / "search_index.json", largest.records)


def source_state() -> str:
    import generator

    package = Path(generator.__file__).resolve().parent
    if package != HERE.parent / "generator":
        return f"generator fra {package}"
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "generator"],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "ukjent git-tilstand"
    return f"git {head}" + (" med uinnsjekkede endringer i generator/" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[BASE_SIZE, GOAL_SIZE])
    parser.add_argument(
        "--repeat",
        type=int,
        nargs="+",
        default=[3, 1],
        help="forsøk per størrelse (beste teller): ett tall for alle, eller ett per --sizes",
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if len(args.repeat) == 1:
        repeats = args.repeat * len(args.sizes)
    elif len(args.repeat) == len(args.sizes):
        repeats = args.repeat
    else:
        parser.error("--repeat tar ett tall, eller ett per størrelse i --sizes")
    print(
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
        f"Material {version('mkdocs-material')}, Markdown {version('markdown')}, "
        f"{platform.machine()}, {os.cpu_count()} CPU-er, "
        f"i dag = {TODAY}, {source_state()}, lastsnitt (1/5/15 min): "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    )
    started = time.perf_counter()
    results = [measure(n, args.seed, r) for n, r in zip(args.sizes, repeats, strict=True)]
    report(results)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    took = time.perf_counter() - started
    print(f"\nHele målingen tok {took:.0f} s; lastsnitt (1/5/15 min): {load}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
