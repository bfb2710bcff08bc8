"""How long does the verdict on a pull request take on a large catalogue?

The verdict (`generator.github.verdict.judge`) is what branch protection waits
for: with the default branch's code it exports the head's data folders from git's
objects, runs the whole check, authorizes the author against the base and
verifies the solutions the change touches in the sandbox. Its floor is the same as
the check's: every data file has to be read and parsed.

The synthetic catalogue of `--records` records (benchmarks/synthetic.py, the one
check_vs_parse.py writes to benchmarks/out/ and reuses) is copied into a
temporary git repository with the marketplace's settings (markedsplassen.yaml)
and committed as the base on branch `main`. The head commit is a change by a
maintainer of one supplier to one of its solutions: it gets the `sandbox:`
declaration of catalogue/solutions/hjemmepuls-oppfolging.yaml and that
solution's passing examples (catalogue/solutions/hjemmepuls-oppfolging/), with
the publisher and name in the CapabilityStatement set to the synthetic ones.
The solution is the first, by id, of a supplier with a maintainer; commit dates
are fixed, so the commits are the same on every run.

Then, in the same run and interleaved, best of `--repeat`:

* baseline: read every data file of the head (the records, the registered
  municipalities and the event files) and parse it with
  `yaml.load(text, Loader=yaml.CSafeLoader)` (libyaml), nothing else;
* verdict: `judge(repo, base, head, author, 2026-11-28)` in this process;

and after them `git.export` of the head's data folders alone (the verdict's first
step, which writes every data file to a temporary folder), to show how much of the
verdict is the file system rather than the check.

The goal in the issue is a verdict under 30 s at 10,000 records. The script
prints the figures and whether the verdict passed, asserts nothing about time
and exits 0 unless the verdict fails (the change is meant to pass).

    .venv/bin/python benchmarks/verdict.py [--records 10000] [--repeat 1] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402
from check_vs_parse import OUT, TODAY, catalogue, data_files, fail  # noqa: E402

from generator.github import git as generator_git  # noqa: E402
from generator.github import verdict  # noqa: E402

EXAMPLE = "hjemmepuls-oppfolging"
EXAMPLE_PUBLISHER, EXAMPLE_NAME = "Hjemmepuls AS", "Hjemmepuls Oppfølging"
GOAL_SECONDS = 30.0
BASE_DATE = "2026-11-27T12:00:00+01:00"
HEAD_DATE = "2026-11-28T09:00:00+01:00"


@dataclass
class Change:
    repo: Path
    base: str
    head: str
    author: str
    solution: str


@dataclass
class Result:
    records: int
    files: int
    baseline: float
    verdict: float
    export: float
    passed: bool

    @property
    def ratio(self) -> float:
        return self.verdict / self.baseline


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Syntetisk",
        "GIT_AUTHOR_EMAIL": "syntetisk@example.invalid",
        "GIT_COMMITTER_NAME": "Syntetisk",
        "GIT_COMMITTER_EMAIL": "syntetisk@example.invalid",
    }
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        fail(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def pick_solution(repo: Path) -> tuple[str, str, str, str, str]:
    """(solution id, its name, its supplier's name, the supplier's first maintainer,
    the solution file's text) for the first solution, by id, whose supplier has a
    maintainer and which declares no sandbox yet."""
    folder = repo / synthetic.FOLDERS["solution"]
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        solution = yaml.load(text, Loader=yaml.CSafeLoader)
        if "sandbox" in solution:
            continue
        supplier_path = repo / synthetic.FOLDERS["supplier"] / f"{solution['supplier']}.yaml"
        supplier = yaml.load(supplier_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if supplier.get("maintainers"):
            return (
                solution["id"],
                solution["name"],
                supplier["name"],
                supplier["maintainers"][0],
                text,
            )
    fail("ingen løsning i katalogen har en leverandør med vedlikeholdere")
    raise AssertionError  # unreachable: fail() exits


def sandbox_block() -> str:
    """The `sandbox:` declaration of the example solution, as it is written there."""
    text = (PROJECT / synthetic.FOLDERS["solution"] / f"{EXAMPLE}.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("sandbox:")
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end]):
        end += 1
    return "\n".join(lines[start:end]).rstrip() + "\n"


def repository(n: int, seed: int, into: Path) -> Change:
    """A git repository in `into` with the synthetic catalogue as the base commit on
    `main` and the head commit changing one solution (see the module docstring)."""
    source = catalogue(n, seed)
    repo = into / "repo"
    shutil.copytree(source, repo, ignore=shutil.ignore_patterns(synthetic.MARKER))
    shutil.copy2(PROJECT / "markedsplassen.yaml", repo / "markedsplassen.yaml")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", "Syntetisk katalog", date=BASE_DATE)
    base = git(repo, "rev-parse", "HEAD")

    solution_id, name, publisher, author, text = pick_solution(repo)
    record = repo / synthetic.FOLDERS["solution"] / f"{solution_id}.yaml"
    record.write_text(text + sandbox_block(), encoding="utf-8", newline="\n")
    examples = repo / synthetic.FOLDERS["solution"] / solution_id
    shutil.copytree(PROJECT / synthetic.FOLDERS["solution"] / EXAMPLE, examples)
    statement = examples / "capabilitystatement.json"
    statement.write_text(
        statement.read_text(encoding="utf-8")
        .replace(f'"{EXAMPLE_PUBLISHER}"', f'"{publisher}"')
        .replace(f'"{EXAMPLE_NAME}"', f'"{name}"'),
        encoding="utf-8",
        newline="\n",
    )
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", f"Sandkasse for {name}", date=HEAD_DATE)
    head = git(repo, "rev-parse", "HEAD")
    return Change(repo, base, head, author, solution_id)


def baseline_once(files: list[str]) -> tuple[float, int]:
    gc.collect()
    started = time.perf_counter()
    count = 0
    for path in files:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        yaml.load(text, Loader=yaml.CSafeLoader)
        count += 1
    return time.perf_counter() - started, count


def verdict_once(change: Change) -> tuple[float, verdict.Verdict]:
    gc.collect()
    started = time.perf_counter()
    judged = verdict.judge(change.repo, change.base, change.head, change.author, TODAY)
    return time.perf_counter() - started, judged


def export_once(change: Change) -> float:
    """The verdict's first step alone: unpack the head's data folders from git into
    a temporary folder (and delete it), as `judge` does."""
    gc.collect()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="markedsplass-dom-") as tmp:
        generator_git.export(change.repo, change.head, Path(tmp), verdict.DATA)
    return time.perf_counter() - started


def explain(judged: verdict.Verdict) -> str:
    s = judged.summary
    lines = [
        f"  dom: {judged.state} ({judged.description})",
        f"  check: {s.check.status}, tilgang: {s.authorize.status}, "
        + "sandkasse: "
        + (", ".join(f"{v.path} {v.status}" for v in s.verify) or "ingen endret løsning"),
    ]
    findings = [*s.check.findings, *s.authorize.findings]
    lines += [f"    {f}" for f in findings[:20]]
    return "\n".join(lines)


def measure(n: int, seed: int, repeat: int, profile: bool) -> Result:
    print(f"N={n}:", flush=True)
    with tempfile.TemporaryDirectory(prefix="markedsplass-verdict-") as tmp:
        started = time.perf_counter()
        change = repository(n, seed, Path(tmp))
        print(
            f"  repo med base {change.base[:7]} og head {change.head[:7]} på "
            f"{time.perf_counter() - started:.1f} s: {change.solution} endret av "
            f"{change.author}",
            flush=True,
        )
        files = data_files(change.repo)
        baselines, verdicts, exports = [], [], []
        judged: verdict.Verdict | None = None
        for round_ in range(repeat):
            order = ("baseline", "verdict") if round_ % 2 == 0 else ("verdict", "baseline")
            for what in (*order, "export"):
                if what == "export":
                    seconds = export_once(change)
                    exports.append(seconds)
                elif what == "baseline":
                    seconds, count = baseline_once(files)
                    if count != len(files):
                        fail(f"gulvet leste {count} filer, ventet {len(files)}")
                    baselines.append(seconds)
                else:
                    seconds, judged = verdict_once(change)
                    verdicts.append(seconds)
                print(f"  runde {round_ + 1}: {what} {seconds:.2f} s", flush=True)
        assert judged is not None
        print(explain(judged), flush=True)
        if profile:
            profile_once(change, n)
    return Result(n, len(files), min(baselines), min(verdicts), min(exports), judged.passed)


def profile_once(change: Change, n: int, top: int = 30) -> None:
    """One verdict under cProfile; the statistics go to benchmarks/out/."""
    profiler = cProfile.Profile()
    gc.collect()
    profiler.enable()
    verdict.judge(change.repo, change.base, change.head, change.author, TODAY)
    profiler.disable()
    OUT.mkdir(exist_ok=True)
    target = OUT / f"verdict-n{n}.prof"
    profiler.dump_stats(target)
    for order in ("cumulative", "tottime"):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats(order).print_stats(top)
        print(f"\n--- cProfile, N={n}, sortert etter {order} (lagret i {target}) ---")
        print(buffer.getvalue().strip("\n"))


def report(results: list[Result]) -> None:
    header = (
        f"{'poster':>7} {'filer':>7} {'gulv s':>8} {'dom s':>8} {'dom/gulv':>9} "
        f"{'herav eksport s':>16} {'dom':>8}"
    )
    print("\n" + header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.records:>7} {r.files:>7} {r.baseline:>8.2f} {r.verdict:>8.2f} "
            f"{r.ratio:>9.2f} {r.export:>16.2f} {'bestått' if r.passed else 'IKKE':>8}"
        )
    print(
        "(beste av forsøkene; «herav eksport» er git.export alene, dommens første trinn)\n"
        f"Mål: dommen på 10 000 poster under {GOAL_SECONDS:.0f} s (skriptet sjekker det ikke)."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--records", type=int, default=10_000, help="antall poster (standard 10 000)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="målinger (beste teller)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="profiler også én dom med cProfile")
    args = parser.parse_args(argv)
    print(
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
        f"(libyaml: {yaml.__with_libyaml__}), {platform.machine()}, "
        f"{os.cpu_count()} CPU-er, i dag = {TODAY}"
    )
    result = measure(args.records, args.seed, args.repeat, args.profile)
    report([result])
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
