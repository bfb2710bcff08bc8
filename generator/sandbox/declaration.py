"""A solution's sandbox declaration, resolved: the requirement set it names, the
capabilities it claims, and the example files under `catalogue/solutions/<id>/`.

Everything that makes a declaration unusable is a Problem at a place in the
record (the cross-check `sandbox-declaration` reports them with line and column):
an unknown requirement set or capability, and an example path that is absolute,
climbs out of the solution's folder, passes through a symbolic link, is missing,
or holds no `.json` file. Only a declaration without problems is verified."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.catalogue.suggest import Suggester
from generator.loading.yaml_files import Loc
from generator.models import Solution
from generator.models.kinds import SOLUTION
from generator.sandbox import requirements
from generator.sandbox.requirements import RequirementSet


@dataclass(frozen=True, slots=True)
class Problem:
    loc: Loc  # in the solution record
    message: str  # Norwegian


@dataclass(frozen=True, slots=True)
class Declaration:
    solution: str
    requirement_set: RequirementSet
    capabilities: tuple[str, ...]
    examples: tuple[tuple[str, Path], ...]  # (path relative to the root, path on disk)
    endpoint: str | None


def folder(solution_id: str) -> str:
    """The folder a solution's files live in, relative to the root."""
    return SOLUTION.files(solution_id)


def resolve(root: Path, solution: Solution) -> tuple[Declaration | None, list[Problem]]:
    sandbox = solution.sandbox
    if sandbox is None:
        return None, []
    problems: list[Problem] = []
    rs = _requirement_set(sandbox.requirements, problems)
    if rs is not None:
        _capabilities(rs, sandbox.capabilities, sandbox.endpoint, problems)
    examples = []
    for index, text in enumerate(sandbox.examples):
        found = _example(root, solution.id, text, ("sandbox", "examples", index), problems)
        if found is not None:
            examples.append(found)
    if problems or rs is None:
        return None, problems
    declaration = Declaration(
        solution.id,
        rs,
        tuple(dict.fromkeys(sandbox.capabilities)),
        tuple(examples),
        sandbox.endpoint,
    )
    return declaration, []


def _requirement_set(set_id: str, problems: list[Problem]) -> RequirementSet | None:
    known = requirements.requirement_sets()
    if set_id in known:
        return known[set_id]
    close = Suggester(known).closest(set_id)
    hint = f" Mente du «{close}»?" if close else ""
    problems.append(
        Problem(
            ("sandbox", "requirements"),
            f"Kravsettet «{set_id}» finnes ikke.{hint} Kjente kravsett: "
            f"{', '.join(sorted(known))} (generator/data/requirements/).",
        )
    )
    return None


def _capabilities(
    rs: RequirementSet, claimed: tuple[str, ...], endpoint: str | None, problems: list[Problem]
) -> None:
    offered = {c.id: c for c in rs.capabilities}
    listing = "; ".join(f"{c.id} ({c.name})" for c in rs.capabilities)
    seen: set[str] = set()
    for index, capability_id in enumerate(claimed):
        loc: Loc = ("sandbox", "capabilities", index)
        capability = offered.get(capability_id)
        if capability is None:
            close = Suggester(offered).closest(capability_id)
            hint = f" Mente du «{close}»?" if close else ""
            problems.append(
                Problem(
                    loc,
                    f"Evnen «{capability_id}» finnes ikke i kravsettet {rs.id}.{hint} "
                    f"Evnene i kravsettet: {listing}.",
                )
            )
        elif capability_id in seen:
            problems.append(Problem(loc, f"Evnen «{capability_id}» står to ganger."))
        elif capability.endpoint and endpoint is None:
            problems.append(
                Problem(
                    loc,
                    f"Evnen «{capability_id}» ({capability.name}) prøves mot et FHIR-"
                    "testendepunkt: oppgi adressen i «endpoint» under «sandbox».",
                )
            )
        seen.add(capability_id)
    uses_endpoint = any(offered[c].endpoint for c in seen if c in offered)
    if endpoint is not None and not uses_endpoint:
        users = ", ".join(c.id for c in rs.capabilities if c.endpoint) or "ingen"
        problems.append(
            Problem(
                ("sandbox", "endpoint"),
                "Testendepunktet brukes ikke av noen av evnene løsningen oppgir. Legg til "
                f"evnen som prøves mot det ({users}), eller fjern «endpoint».",
            )
        )


def _example(
    root: Path, solution_id: str, text: str, loc: Loc, problems: list[Problem]
) -> tuple[str, Path] | None:
    base = folder(solution_id)
    if "\\" in text:
        problems.append(Problem(loc, f"Skriv stien med / og ikke \\: «{text}»."))
        return None
    path = PurePosixPath(text)
    if path.is_absolute() or (len(text) > 1 and text[1] == ":"):
        problems.append(
            Problem(loc, f"«{text}» er en absolutt sti. Skriv stien relativt til {base}/.")
        )
        return None
    if ".." in path.parts:
        problems.append(
            Problem(
                loc,
                f"«{text}» går ut av løsningens mappe. Eksempelressursene skal ligge i {base}/.",
            )
        )
        return None
    relative = PurePosixPath(base, *[p for p in path.parts if p != "."])
    if _through_symlink(root, relative):
        problems.append(
            Problem(
                loc,
                f"«{text}» går gjennom en symbolsk lenke. Legg selve filene i {base}/.",
            )
        )
        return None
    target = root / relative
    if not target.exists():
        problems.append(Problem(loc, _missing(root, base, text)))
        return None
    if target.is_file() and target.suffix != ".json":
        problems.append(
            Problem(loc, f"«{text}» er ingen .json-fil. Eksempelressursene er FHIR R4 JSON.")
        )
        return None
    if target.is_dir():
        inner = _inner_links(target)
        if inner:
            problems.append(
                Problem(
                    loc,
                    f"Mappen «{text}» inneholder en symbolsk lenke ({inner}). Legg selve filen "
                    "der i stedet.",
                )
            )
            return None
        if not any(target.rglob("*.json")):
            problems.append(Problem(loc, f"Mappen «{text}» har ingen .json-filer."))
            return None
    return relative.as_posix(), target


def _through_symlink(root: Path, relative: PurePosixPath) -> bool:
    current = root
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def _inner_links(folder_path: Path) -> str | None:
    for base, dirs, names in os.walk(folder_path, followlinks=False):
        for name in sorted(dirs + names):
            candidate = Path(base) / name
            if candidate.is_symlink():
                return candidate.relative_to(folder_path).as_posix()
    return None


def _missing(root: Path, base: str, text: str) -> str:
    folder_path = root / base
    existing = []
    if folder_path.is_dir() and not folder_path.is_symlink():
        existing = sorted(
            p.relative_to(folder_path).as_posix()
            for p in folder_path.rglob("*")
            if p.suffix == ".json" or p.is_dir()
        )
    close = Suggester(existing).closest(text.rstrip("/")) if existing else None
    hint = f" Mente du «{close}»?" if close else ""
    return f"«{text}» finnes ikke i {base}/.{hint}"
