"""The verification kit: runs every test of a requirement set over the files given
(and, in `markedsplass verify`, against a FHIR test endpoint), and returns a
report with one result per requirement.

Layers, in order, for each file:

1. structure (fhir.resources R4B models): every resource, Bundle entries one by one;
2. the privacy guard: the whole file, whatever else is wrong with it;
3. for a structurally valid Observation, the core invariants (fhirpathpy) and the
   VKP rules (vitals.py, parties.py); for a Bundle, its batch shape; for a
   CapabilityStatement, what it declares.

For an Observation whose structure is invalid, the tests that read none of its
broken elements still run (`_partly`), so one pass reports everything that can be
checked; the rest are counted as not tried rather than repeating the structural
finding in other words.

Each file is checked on its own (`check_file`), so large inputs are spread over
the machine's cores in worker processes; the results are merged in file order,
so the report is the same however many workers ran."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.sandbox import (
    bundles,
    capability,
    inputs,
    invariants,
    live,
    parties,
    positions,
    privacy,
    structure,
    vitals,
)
from generator.sandbox.findings import Finding, Resource, expression
from generator.sandbox.inputs import Source
from generator.sandbox.report import Level, Message, Report, Status, TestResult
from generator.sandbox.requirements import Capability, Profile, Requirement, RequirementSet

KIT_VERSION = "1.1.0"  # 1.1.0: vs-3 on each component; no Observation, not verified
MAX_MESSAGES = 100  # per requirement; the rest are counted
PARALLEL_BYTES = 2 * 1024 * 1024  # below this much JSON, one process is faster
MAX_WORKERS = 8

# What each test counts, singular and plural, for its summary.
_UNITS = {
    "structure": ("ressurs", "ressurser"),
    "privacy": ("fil", "filer"),
    "batch-bundle": ("Bundle", "Bundler"),
    "capability-statement": ("CapabilityStatement", "CapabilityStatement"),
    "units": ("måling med verdi", "målinger med verdier"),
    "blood-pressure": ("blodtrykksmåling", "blodtrykksmålinger"),
}
_NOTHING = {
    "structure": "Ingen FHIR-ressurser å prøve.",
    "privacy": "Ingen filer å prøve.",
    "batch-bundle": (
        "Ingen Bundle blant ressursene. Legg ved en batch-Bundle slik målingene sendes til "
        "Pasientens måledata, så blir kravet prøvd."
    ),
    "capability-statement": "Ingen CapabilityStatement blant ressursene.",
    "units": "Ingen målte verdier å prøve.",
    "blood-pressure": "Ingen blodtrykksmålinger blant ressursene.",
    "performer": "Ingen målinger oppgir hvem som utførte dem (performer).",
}
# The Observation tests, each with the top-level elements it reads (by prefix:
# «value» is every value[x]); None: it reads the whole resource.
_READS: dict[str, tuple[str, ...] | None] = {
    "invariants": None,
    "effective": ("effective",),
    "category": ("category", "code"),  # the profile, known by its code, says which
    "codes": ("code",),
    "units": ("code", "value", "component"),
    "blood-pressure": ("code", "value", "component", "bodySite", "method", "performer"),
    "subject-identifier": ("subject",),
    "subject-display": ("subject",),
    "performer": ("performer",),
}
_OBSERVATION_CHECKS = tuple(_READS)


@dataclass(frozen=True, slots=True)
class Target:
    """What is verified and how: the report's subject, the capabilities tried, and
    the endpoint for live checks (`live=False` in `markedsplass check`)."""

    subject: str
    capabilities: tuple[str, ...] = ()  # empty: every capability of the set
    endpoint: str | None = None
    live: bool = True
    # a test server on this machine (127.0.0.1, ::1) may be called: only when the
    # person running `verify` asks for it (--local-endpoint), never in CI
    local_endpoint: bool = False


@dataclass(frozen=True, slots=True)
class Placed:
    """A finding placed in its file: what a worker sends back."""

    check: str
    file: str
    line: int
    expression: str
    text: str
    hint: str
    level: Level | None


@dataclass
class FileResult:
    name: str
    resources: int = 0
    tried: Counter[str] = field(default_factory=Counter)
    not_tried: Counter[str] = field(default_factory=Counter)
    found: list[Placed] = field(default_factory=list)
    measured: Counter[str] = field(default_factory=Counter)  # Observations by capability


def verify(
    files: list[tuple[str, Path]],
    rs: RequirementSet,
    target: Target,
    *,
    jobs: int | None = None,
) -> Report:
    """Verify the files (name shown in the report, path on disk). `jobs`: worker
    processes; None chooses by the amount of JSON, 1 keeps everything in-process."""
    requirements = _requirements(rs, target)
    active = frozenset(r.check for r in requirements if not r.live)
    workers = jobs if jobs is not None else _workers(files)
    if workers <= 1:
        results = [check_file(name, path, rs, active) for name, path in files]
    else:
        # The first file in this process: it builds the models' validators and
        # compiles what is lazy once, before the workers are forked with them.
        first = check_file(*files[0], rs, active)
        rest = files[1:]
        chunks = [rest[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(_check_chunk, chunks, [rs] * workers, [active] * workers))
        by_name = {r.name: r for part in [[first], *parts] for r in part}
        results = [by_name[name] for name, _ in files]
    return _report(results, requirements, rs, target)


def verify_sources(sources: list[Source], rs: RequirementSet, target: Target) -> Report:
    """Verify files already read (tests, and resources built in memory)."""
    requirements = _requirements(rs, target)
    active = frozenset(r.check for r in requirements if not r.live)
    return _report([check_source(s, rs, active) for s in sources], requirements, rs, target)


def _requirements(rs: RequirementSet, target: Target) -> tuple[Requirement, ...]:
    return rs.requirements_for(target.capabilities or tuple(c.id for c in rs.capabilities))


def _workers(files: list[tuple[str, Path]]) -> int:
    cores = os.cpu_count() or 1
    if cores < 2 or len(files) < 2:
        return 1
    size = 0
    for _, path in files:
        try:
            size += path.stat().st_size
        except OSError:
            return 1  # let the in-process run report it
    return min(cores, MAX_WORKERS, len(files)) if size >= PARALLEL_BYTES else 1


def _check_chunk(
    files: list[tuple[str, Path]], rs: RequirementSet, active: frozenset[str]
) -> list[FileResult]:
    return [check_file(name, path, rs, active) for name, path in files]


def check_file(name: str, path: Path, rs: RequirementSet, active: frozenset[str]) -> FileResult:
    return check_source(inputs.read(name, path), rs, active)


def check_source(source: Source, rs: RequirementSet, active: frozenset[str]) -> FileResult:
    """Every active test on one file, with the findings placed (line, FHIRPath)."""
    result = FileResult(source.name)
    found: list[tuple[Resource, Finding]] = []
    if source.value is None:
        result.resources = 1  # what the file was meant to hold, for the counts to agree
        if "structure" in active and source.problem is not None:
            result.tried["structure"] += 1
            result.found.append(_placed(source.problem, source.name, source.line, ""))
        return result
    top = Resource(source.name, (), source.value)
    if "privacy" in active:
        result.tried["privacy"] += 1
        found += [(top, f) for f in privacy.check(source.value, source.text)]
    for resource in (top, *_entries(top)):
        result.resources += 1
        _resource(resource, rs, active, result, found)
    if found:
        wanted = frozenset((*resource.prefix, *finding.loc) for resource, finding in found)
        lines = positions.lines(source.text, wanted)
        root = top.type
        for resource, finding in found:
            loc = (*resource.prefix, *finding.loc)
            result.found.append(
                _placed(finding, source.name, positions.line_of(lines, loc), expression(root, loc))
            )
    return result


def _placed(finding: Finding, name: str, line: int, where: str) -> Placed:
    return Placed(finding.check, name, line, where, finding.text, finding.hint, finding.level)


def _entries(top: Resource) -> list[Resource]:
    """A Bundle's entry resources (the objects among them)."""
    data = top.data
    if data.get("resourceType") != "Bundle" or not isinstance(data.get("entry"), list):
        return []
    found = []
    for index, entry in enumerate(data["entry"]):
        if isinstance(entry, dict) and isinstance(entry.get("resource"), dict):
            found.append(Resource(top.file, ("entry", index, "resource"), entry["resource"]))
    return found


def _resource(
    resource: Resource,
    rs: RequirementSet,
    active: frozenset[str],
    result: FileResult,
    found: list[tuple[Resource, Finding]],
) -> None:
    valid = True
    if "structure" in active:
        problems = structure.check(resource.data)
        result.tried["structure"] += 1
        found += [(resource, f) for f in problems]
        valid = not problems
    kind = resource.type
    if kind == "Observation":
        if not valid:
            _partly(resource, rs, active, result, found, problems)
            return
        profile = vitals.profile_of(resource.data, rs)
        sending = rs.sending()
        if profile is not None:
            result.measured[profile.capability] += 1
        elif sending:  # an unknown code: the codes test says so, under the first
            result.measured[sending[0]] += 1
        for check, problems in _observation(resource.data, rs, active, profile):
            result.tried[check] += 1
            found += [(resource, f) for f in problems]
        return
    name, test = _BY_TYPE.get(kind, ("", None))
    if test is None or name not in active:
        return
    if not valid:
        result.not_tried[name] += 1
        return
    result.tried[name] += 1
    found += [(resource, f) for f in test(resource.data, rs)]


def _partly(
    resource: Resource,
    rs: RequirementSet,
    active: frozenset[str],
    result: FileResult,
    found: list[tuple[Resource, Finding]],
    problems: list[Finding],
) -> None:
    """A structurally invalid Observation: the tests that read none of the broken
    elements still run, so one pass reports everything that can be checked; the
    rest are counted as not tried."""
    broken = {str(p.loc[0]) for p in problems if p.loc}
    whole = any(not p.loc for p in problems)  # a finding on the resource as a whole
    usable = frozenset(
        check
        for check in _OBSERVATION_CHECKS
        if check in active
        and not whole
        and (reads := _READS.get(check)) is not None
        and not any(element.startswith(reads) for element in broken)
    )
    result.not_tried.update(c for c in _OBSERVATION_CHECKS if c in active and c not in usable)
    if not usable:
        return
    profile = vitals.profile_of(resource.data, rs) if "code" not in broken else None
    for check, checked in _observation(resource.data, rs, usable, profile):
        result.tried[check] += 1
        found += [(resource, f) for f in checked]


# The test of the other resource types the requirement sets name.
_BY_TYPE: dict[str, tuple[str, Callable[[dict[str, Any], RequirementSet], list[Finding]]]] = {
    "Bundle": ("batch-bundle", lambda data, rs: bundles.check(data, rs.bundle)),
    "CapabilityStatement": ("capability-statement", lambda data, rs: capability.check(data)),
}
# The tests every Observation gets (the others apply only to some: see _observation).
_EVERY_OBSERVATION: dict[str, Callable[[dict[str, Any], RequirementSet], list[Finding]]] = {
    "invariants": lambda data, rs: invariants.check(data),
    "effective": lambda data, rs: vitals.effective(data),
    "subject-identifier": parties.subject_identifier,
    "subject-display": lambda data, rs: parties.subject_display(data),
}


def _observation(
    data: dict[str, Any], rs: RequirementSet, active: frozenset[str], profile: Profile | None
) -> list[tuple[str, list[Finding]]]:
    """(check, findings) for every active test that applies to this Observation;
    `profile` is `vitals.profile_of(data, rs)`."""
    done = [(name, run(data, rs)) for name, run in _EVERY_OBSERVATION.items() if name in active]
    if "category" in active:
        done.append(("category", vitals.category(data, rs, profile)))
    if "codes" in active:
        done.append(("codes", vitals.codes(data, rs, profile)))
    if "units" in active:
        found, tried = vitals.units(data, rs, profile)
        if tried:
            done.append(("units", found))
    if "blood-pressure" in active and profile is not None and profile.components:
        done.append(("blood-pressure", vitals.blood_pressure(data, rs, profile)))
    if "performer" in active:
        found, tried = parties.performer(data, rs)
        if tried:
            done.append(("performer", found))
    return done


def _report(
    results: list[FileResult],
    requirements: tuple[Requirement, ...],
    rs: RequirementSet,
    target: Target,
) -> Report:
    tried: Counter[str] = Counter()
    not_tried: Counter[str] = Counter()
    measured: Counter[str] = Counter()
    found: dict[str, list[Placed]] = {}
    for result in results:
        tried.update(result.tried)
        not_tried.update(result.not_tried)
        measured.update(result.measured)
        for placed in result.found:
            found.setdefault(placed.check, []).append(placed)
    live_results = _live(requirements, rs, target)
    tests = tuple(
        live_results[r.check]
        if r.live
        else _result(r, tried[r.check], not_tried[r.check], found.get(r.check, []))
        for r in requirements
    )
    declared_ids = set(target.capabilities or tuple(c.id for c in rs.capabilities))
    capabilities = {c for r in requirements for c in r.capabilities} & declared_ids
    declared = [c for c in rs.capabilities if c.id in capabilities]
    return Report(
        requirement_set=rs.id,
        requirement_set_version=rs.version,
        requirement_set_title=rs.title,
        kit_version=KIT_VERSION,
        structural_layer=structure.layer_name(),
        subject=target.subject,
        capabilities=tuple((c.id, c.name) for c in rs.capabilities if c.id in capabilities),
        files=tuple(r.name for r in results),
        resources=sum(r.resources for r in results),
        results=tests,
        observations=sum(measured.values()),
        unmeasured=_unmeasured(declared, measured, explicit=bool(target.capabilities)),
    )


def _unmeasured(
    declared: list[Capability], measured: Counter[str], *, explicit: bool
) -> tuple[str, ...]:
    """The sending capabilities with no Observation of theirs tried. Declared by a
    solution, each must be shown; for files verified without a declaration, at
    least one measurement of any kind must be there."""
    sending = [c.id for c in declared if not c.endpoint]
    if explicit:
        return tuple(c for c in sending if not measured[c])
    return () if any(measured[c] for c in sending) or not sending else (sending[0],)


def _result(
    requirement: Requirement, tried: int, not_tried: int, found: list[Placed]
) -> TestResult:
    level = Level(requirement.severity)
    messages = sorted(
        Message(p.file, p.line, p.expression, requirement.id, p.level or level, p.text, p.hint)
        for p in found
    )
    one, many = _UNITS.get(requirement.check, ("måling", "målinger"))
    counted = f"{tried} {one if tried == 1 else many}"
    left_out = f" {not_tried} med ugyldig struktur er ikke prøvd videre." if not_tried else ""
    if tried == 0:
        reason = _NOTHING.get(requirement.check, "Ingen målinger (Observation) å prøve.")
        return TestResult(requirement, Status.SKIP, reason + left_out)
    if not messages:
        return TestResult(requirement, Status.PASS, f"{counted} prøvd.{left_out}")
    shown = tuple(messages[:MAX_MESSAGES])
    more = len(messages) - len(shown)
    extra = f" De {MAX_MESSAGES} første vises." if more else ""
    if requirement.severity == "error" and all(m.level is Level.WARNING for m in messages):
        # a SKAL-requirement with only what the profile recommends («bør»): shown,
        # but the requirement holds
        summary = f"{counted} prøvd; {len(messages)} merknader (bør).{extra}{left_out}"
        return TestResult(requirement, Status.PASS, summary, shown, more)
    summary = f"{len(messages)} funn i {counted}.{extra}{left_out}"
    return TestResult(requirement, Status.FAIL, summary, shown, more)


def _live(
    requirements: tuple[Requirement, ...], rs: RequirementSet, target: Target
) -> dict[str, TestResult]:
    wanted = [r for r in requirements if r.live]
    if not wanted:
        return {}
    if not target.live:
        reason = (
            "Prøves bare av `markedsplass verify` mot testendepunktet, ikke av "
            "`markedsplass check`."
        )
        return {r.check: TestResult(r, Status.SKIP, reason) for r in wanted}
    if target.endpoint is None:
        reason = "Ingen testendepunkt oppgitt (endpoint i løsningen, eller --endpoint)."
        return {r.check: TestResult(r, Status.SKIP, reason) for r in wanted}
    outcomes = live.run(target.endpoint, rs, {r.check for r in wanted}, local=target.local_endpoint)
    results: dict[str, TestResult] = {}
    for requirement in wanted:
        outcome = outcomes[requirement.check]
        messages = tuple(
            Message(
                file=target.endpoint,
                line=0,
                expression=problem.request,
                requirement=requirement.id,
                level=Level(requirement.severity),
                text=problem.text,
                hint=problem.hint,
            )
            for problem in outcome.problems
        )
        results[requirement.check] = TestResult(
            requirement, outcome.status, outcome.summary, messages
        )
    return results
