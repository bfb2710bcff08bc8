"""How much slower is `markedsplass check` than just parsing the YAML?

For each size N a synthetic catalogue (benchmarks/synthetic.py) is written once
under benchmarks/out/ and reused. Then, in the same run and interleaved, best of
`--repeat`:

* floor: list the data folders, read every data file (the records, the registered
  municipalities and the event files beside the records) and parse it with
  `yaml.load(text, Loader=yaml.CSafeLoader)` (libyaml), nothing else;
* check: `generator.pipeline.run(root, 2026-11-28)` in this process, so interpreter
  start-up is not counted.

Once per size, after one read of every file to warm the page cache,
`markedsplass check --format json` also runs as a subprocess for the end-to-end
wall time and its peak memory (max RSS from wait4), and to make
sure the generated catalogue is valid: any diagnostic aborts the benchmark.

Goals: check/floor <= 2.0 at N=50,000; peak memory <= 1 GiB; the ratio at
50,000 no worse than at 5,000. The script exits 0 whether or not they hold
(it is a benchmark, not a test), and 1 only when the catalogue is invalid.

    .venv/bin/python benchmarks/check_vs_parse.py [--sizes 5000 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

from generator import pipeline  # noqa: E402

OUT = HERE / "out"
TODAY = date(2026, 11, 28)
RATIO_GOAL = 2.0
MEMORY_GOAL_MIB = 1024
GOAL_SIZE, BASE_SIZE = 50_000, 5_000


@dataclass
class Result:
    n: int
    files: int
    megabytes: float
    floor: float
    check: float
    wall: float
    peak_mib: float

    @property
    def ratio(self) -> float:
        return self.check / self.floor


def fail(message: str) -> None:
    sys.stderr.write(f"\nBENCHMARK AVBRUTT: {message}\n")
    sys.exit(1)


def catalogue(n: int, seed: int) -> Path:
    """The synthetic catalogue for (n, seed), written now unless a complete one
    from the same generator source is already there."""
    fingerprint = hashlib.sha256((HERE / "synthetic.py").read_bytes()).hexdigest()[:10]
    root = OUT / f"synthetic-n{n}-s{seed}-{fingerprint}"
    if (root / synthetic.MARKER).is_file():
        return root
    for stale in OUT.glob(f"synthetic-n{n}-s{seed}-*"):
        shutil.rmtree(stale)
    root.mkdir(parents=True)
    started = time.perf_counter()
    counts = synthetic.generate(root, n, seed)
    print(
        f"  skrev {n} poster til {root.relative_to(HERE.parent)} på "
        f"{time.perf_counter() - started:.1f} s: {counts}",
        flush=True,
    )
    return root


def record_files(root: Path) -> list[str]:
    """The record files: the six kinds and the registered municipalities."""
    paths = []
    for folder in (*synthetic.FOLDERS.values(), synthetic.MUNICIPALITIES):
        for entry in sorted(os.scandir(root / folder), key=lambda e: e.name):
            if entry.name.endswith(".yaml") and entry.is_file():
                paths.append(entry.path)
    return paths


def event_files(root: Path) -> list[str]:
    """The event files beside the records (applications, join requests)."""
    paths = []
    for folder, sub in synthetic.EVENTS.values():
        paths += sorted(str(p) for p in (root / folder).glob(f"*/{sub}/*.yaml"))
    return paths


def data_files(root: Path) -> list[str]:
    """Every file the check reads: records and events."""
    return record_files(root) + event_files(root)


def floor_once(root: Path) -> tuple[float, int]:
    gc.collect()
    started = time.perf_counter()
    count = 0
    for path in data_files(root):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        yaml.load(text, Loader=yaml.CSafeLoader)
        count += 1
    return time.perf_counter() - started, count


def check_once(root: Path) -> tuple[float, int, list[str]]:
    gc.collect()
    started = time.perf_counter()
    loaded, diagnostics, _ = pipeline.run(root, TODAY)
    elapsed = time.perf_counter() - started
    records = sum(len(entries) for entries in loaded.entries.values())
    problems = [d.text() for d in diagnostics]
    del loaded, diagnostics
    return elapsed, records, problems


def check_subprocess(root: Path) -> tuple[float, float]:
    """End-to-end wall seconds and peak RSS (MiB) of the CLI; aborts on any diagnostic."""
    command = [
        str(Path(sys.executable).parent / "markedsplass"),
        "check",
        "--root",
        str(root),
        "--format",
        "json",
        "--today",
        TODAY.isoformat(),
    ]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        gc.collect()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    try:
        diagnostics = json.loads(stdout)
    except ValueError:
        diagnostics = None
    if code != 0 or diagnostics != []:
        shown = (
            "\n".join(
                f"{d['path']}:{d['line']}:{d['column']}: {d['severity']}[{d['code']}] "
                f"{d['message']}"
                for d in diagnostics[:20]
            )
            if isinstance(diagnostics, list)
            else stdout[:2000]
        )
        fail(
            f"`{' '.join(command)}` avsluttet med {code}; den genererte katalogen skal "
            f"være gyldig.\n{shown}\n{stderr.strip()}"
        )
    return wall, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(n: int, seed: int, repeat: int) -> Result:
    print(f"N={n}:", flush=True)
    root = catalogue(n, seed)
    files = data_files(root)
    records_expected = len(record_files(root))
    megabytes = sum(os.path.getsize(p) for p in files) / 1e6
    for path in files:  # warm the page cache, so no run pays for cold disk reads
        with open(path, "rb") as handle:
            handle.read()
    # The subprocess first: it gates validity before anything is measured.
    wall, peak = check_subprocess(root)
    print(f"  underprosess: {wall:.2f} s, maks RSS {peak:.0f} MiB", flush=True)
    floors, checks = [], []
    for round_ in range(repeat):
        order = ("floor", "check") if round_ % 2 == 0 else ("check", "floor")
        for what in order:
            if what == "floor":
                seconds, count = floor_once(root)
                if count != len(files):
                    fail(f"gulvet leste {count} filer, ventet {len(files)}")
                floors.append(seconds)
            else:
                seconds, records, problems = check_once(root)
                if problems or records != records_expected:
                    fail(
                        f"check i prosessen leste {records} av {records_expected} poster med "
                        f"{len(problems)} diagnostikker:\n" + "\n".join(problems[:20])
                    )
                checks.append(seconds)
            print(f"  runde {round_ + 1}: {what} {seconds:.2f} s", flush=True)
    return Result(n, len(files), megabytes, min(floors), min(checks), wall, peak)


def profile(n: int, seed: int, top: int = 25) -> None:
    """One in-process check under cProfile; the statistics go to benchmarks/out/."""
    root = catalogue(n, seed)
    profiler = cProfile.Profile()
    gc.collect()
    profiler.enable()
    pipeline.run(root, TODAY)
    profiler.disable()
    target = OUT / f"check-n{n}.prof"
    profiler.dump_stats(target)
    for order in ("cumulative", "tottime"):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats(order).print_stats(top)
        print(f"\n--- cProfile, N={n}, sortert etter {order} (lagret i {target}) ---")
        print(buffer.getvalue().strip("\n"))


def verdict(ok: bool | None) -> str:
    return "ikke målt" if ok is None else ("PASS" if ok else "FAIL")


def report(results: list[Result]) -> None:
    header = (
        f"{'N':>7} {'filer':>7} {'MB':>7} {'gulv s':>8} {'check s':>8} "
        f"{'check/gulv':>10} {'prosess s':>10} {'maks RSS MiB':>13}"
    )
    print("\n" + header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.n:>7} {r.files:>7} {r.megabytes:>7.1f} {r.floor:>8.2f} {r.check:>8.2f} "
            f"{r.ratio:>10.2f} {r.wall:>10.2f} {r.peak_mib:>13.0f}"
        )
    by_n = {r.n: r for r in results}
    goal = by_n.get(GOAL_SIZE)
    base = by_n.get(BASE_SIZE)
    peak = max(r.peak_mib for r in results)
    print("\nMål:")
    print(
        f"  check/gulv <= {RATIO_GOAL} ved N={GOAL_SIZE}: "
        + (f"{goal.ratio:.2f} " if goal else "")
        + verdict(goal.ratio <= RATIO_GOAL if goal else None)
    )
    print(
        f"  maks minne <= {MEMORY_GOAL_MIB} MiB (1 GiB): {peak:.0f} MiB "
        + verdict(peak <= MEMORY_GOAL_MIB)
    )
    print(
        f"  forholdet ved N={GOAL_SIZE} ikke verre enn ved N={BASE_SIZE}: "
        + (
            f"{goal.ratio:.2f} mot {base.ratio:.2f} ({goal.ratio / base.ratio - 1:+.0%}) "
            if goal and base
            else ""
        )
        + verdict(goal.ratio <= base.ratio if goal and base else None)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[BASE_SIZE, GOAL_SIZE])
    parser.add_argument("--repeat", type=int, default=3, help="målinger per størrelse (beste)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profiler også én check ved største N med cProfile",
    )
    args = parser.parse_args(argv)
    print(
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
        f"(libyaml: {yaml.__with_libyaml__}), {platform.machine()}, "
        f"{os.cpu_count()} CPU-er, i dag = {TODAY}"
    )
    results = [measure(n, args.seed, args.repeat) for n in args.sizes]
    report(results)
    if args.profile:
        profile(max(args.sizes), args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
