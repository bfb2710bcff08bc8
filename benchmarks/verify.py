"""How fast does the sandbox verify Observations, and what does it cost beyond the
structural layer it is built on?

Two mixes of test data (`--mix`), written once and then measured:

* `real` (default): about `--observations` Observations that look like real
  traffic (`real_mix.py`): every measurement kind of vkp-observation in
  realistic proportions, shaped as the guide's official examples, some without
  what the profiles only recommend («bør» notes), about one in ten as a file of
  its own and the rest in batch Bundles of 1–40 entries (fullUrl urn:uuid or
  https, POST or PUT). Written to a temporary folder, seed 1, and verified with
  every sending capability of the set declared;
* `uniform`: test data for enough home-care patients to make at least that many
  Observations, written once with the project's own generator
  (`markedsplass testdata`, seed 1, 7 days, 42 Observations per patient) under
  benchmarks/out/ and reused: the six vital signs, one Bundle per patient.

Then, in the same run and interleaved, best of `--repeat`:

* baseline: read every file, `json.loads` it and build the fhir.resources R4B
  model of every resource (each Bundle entry on its own, as the kit does):
  the structural layer alone, nothing else;
* kit, one process: `kit.verify(..., jobs=1)`: structure, the invariants vs-1,
  vs-2, vs-3, obs-6 and obs-7 in fhirpathpy, every VKP rule and the privacy guard;
* kit, default: the same with the worker processes `markedsplass verify` uses
  by default for this much JSON (one per core);
* end to end: `markedsplass verify DIR --format json` as a subprocess, start-up
  included (no capabilities declared: every one of the set).

Printed: Observations per second for each by wall-clock time, the CPU time
(this process and its worker processes), kit/baseline as a ratio of times, and
the verdict with the «bør» notes per requirement. CPU time says what the code
costs when other work shares the machine. Goal: at least 2,000
Observations per second in one process on the real mix. The script exits 0
whether or not the goal holds (it is a benchmark, not a test), and 1 only when
the generated data does not verify.

    .venv/bin/python benchmarks/verify.py [--mix real|uniform] [--observations 10000]
        [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent))

import real_mix  # noqa: E402

from generator.sandbox import formats, inputs, kit, requirements, structure, testdata  # noqa: E402
from generator.sandbox.report import Level, Report, Status  # noqa: E402

GOAL = 2_000
DAYS = 7
SEED = 1


def _data(observations: int) -> tuple[Path, int]:
    profiles = requirements.get(requirements.DEFAULT).profiles
    per_patient = DAYS * sum(p.capability == "send-vital-signs" for p in profiles)
    patients = math.ceil(observations / per_patient)
    folder = OUT / f"verify-{patients}-{SEED}"
    if not folder.is_dir():
        staging = folder.with_suffix(".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        testdata.write_testdata(staging, patients, SEED, DAYS)
        os.replace(staging, folder)
    return folder, patients * per_patient


def _baseline(files: list[tuple[str, Path]]) -> int:
    """json.loads + R4B model for every resource; returns how many were built."""
    built = 0
    for _, path in files:
        value = json.loads(path.read_bytes())
        resources = [value] + [e["resource"] for e in value.get("entry", [])]
        for item in resources:
            cls = structure.model_class(item["resourceType"])
            assert cls is not None
            body = item
            if item is value and "entry" in value:
                body = {**value, "entry": [{"fullUrl": e["fullUrl"]} for e in value["entry"]]}
            cls.model_validate(body)
            built += 1
    return built


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and the workers it waited for)."""
    cpu, started = _cpu(), time.perf_counter()
    run()
    return time.perf_counter() - started, _cpu() - cpu


def _failures(report: Report) -> None:
    for result in report.failed:
        print(f"  FAIL {result.requirement.id}: {result.summary}", file=sys.stderr)
        for message in result.messages[:10]:
            print(f"    {message.position()} {message.expression}: {message.text}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mix", choices=("real", "uniform"), default="real")
    parser.add_argument("--observations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="verify-real-") as temporary:
        if args.mix == "real":
            folder = Path(temporary)
            mix = real_mix.write(folder, args.observations, SEED)
            rs = requirements.get(real_mix.SET_ID)
            described = (
                f"real mix: {mix.files} files ({mix.single_files} single Observations, "
                f"{mix.bundles} batch Bundles)\n  by kind: "
                + ", ".join(f"{k} {n}" for k, n in mix.by_profile.items())
            )
            target = kit.Target(f"benchmark {args.mix}", rs.sending())
        else:
            folder, _ = _data(args.observations)
            rs = requirements.get(requirements.DEFAULT)
            described = f"uniform mix: {folder.name}"
            target = kit.Target(f"benchmark {folder.name}")
        return _measure(folder, rs, target, described, args.repeat)


def _measure(
    folder: Path, rs: requirements.RequirementSet, target: kit.Target, described: str, repeat: int
) -> int:
    files = inputs.collect([folder])
    report = kit.verify(files, rs, target, jobs=1)  # warm-up, and the data must pass
    if not report.verified:
        print(
            f"the generated data does not verify: a bug ({formats.counts(report)})", file=sys.stderr
        )
        _failures(report)
        return 1
    observations = report.observations
    workers = kit._workers(files)

    runs: dict[str, Callable[[], object]] = {
        "baseline: json.loads + R4B models": lambda: _baseline(files),
        "kit, one process": lambda: kit.verify(files, rs, target, jobs=1),
        f"kit, default ({workers} processes)": lambda: kit.verify(files, rs, target),
    }
    best = {label: (math.inf, math.inf) for label in runs}
    for _ in range(repeat):  # interleaved, so load on the machine hits all alike
        for label, run in runs.items():
            best[label] = min(best[label], _timed(run))
    command = [sys.executable, "-m", "generator", "verify", str(folder), "--format", "json"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    end_to_end = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stderr.decode(), file=sys.stderr)
        return 1

    print(
        f"{observations} Observations in {len(files)} files ({report.resources} resources), "
        f"Python {platform.python_version()}, {os.cpu_count()} cores, best of {repeat}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"  {described}")
    notes = {
        r.requirement.id: len(r.messages) + r.omitted
        for r in report.results
        if r.messages and all(m.level is Level.WARNING for m in r.messages)
    }
    print(
        f"  verdict: {formats.verdict(report)} ({formats.counts(report)}); «bør» notes: "
        + (", ".join(f"{k} {n}" for k, n in notes.items()) or "none")
    )
    skipped = [r.requirement.id for r in report.results if r.status is Status.SKIP]
    if skipped:
        print(f"  skipped: {', '.join(skipped)}")
    best["markedsplass verify (subprocess)"] = (end_to_end, math.nan)
    for label, (seconds, cpu) in best.items():
        print(
            f"  {label:38s} {seconds:6.2f} s {observations / seconds:6.0f} Observations/s"
            f"   CPU {cpu:6.2f} s"
        )
    (baseline, _), (serial, _), (default, _) = list(best.values())[:3]
    print(f"  kit/baseline: one process {serial / baseline:.2f}, default {default / baseline:.2f}")
    rate = observations / serial
    verdict = "holds" if rate >= GOAL else "does NOT hold"
    print(f"goal >= {GOAL} Observations/s in one process: {verdict} ({rate:.0f}/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
