"""What `markedsplass verify PATH…` verifies: `.json` files and folders of them
against a requirement set, or one solution record (`catalogue/solutions/<id>.yaml`),
whose declared examples, requirement set and endpoint are then used.

Everything that stops a verification from running at all is a VerifyError, which
the command line turns into exit 2: a path that does not exist, an unknown
requirement set, a solution record that is invalid or declares nothing."""

from __future__ import annotations

from pathlib import Path

from generator.loading import yaml_files
from generator.models import Solution, validation
from generator.models.kinds import SOLUTION
from generator.sandbox import declaration, inputs, kit, live, not_verified, requirements
from generator.sandbox.report import Report


class VerifyError(Exception):
    """The verification could not run (exit 2); the message says why, in Norwegian."""


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds `catalogue/`."""
    for folder in (start, *start.parents):
        if (folder / "catalogue").is_dir():
            return folder
    raise VerifyError(
        f"Fant ingen katalog (mappen catalogue/) over {start}. Bruk --root for å oppgi roten."
    )


def verify_paths(
    paths: list[str],
    *,
    requirement_set: str | None = None,
    endpoint: str | None = None,
    root: str | None = None,
    jobs: int | None = None,
    local_endpoint: bool = False,
) -> Report:
    try:
        address = live.check_address(endpoint, local=local_endpoint) if endpoint else None
        records = [p for p in paths if p.endswith((".yaml", ".yml"))]
        if records:
            if len(paths) != 1:
                raise VerifyError(
                    "Oppgi enten én løsning (catalogue/solutions/<id>.yaml) eller .json-filer "
                    "og mapper, ikke begge deler."
                )
            return _solution(Path(records[0]), requirement_set, address, root, local_endpoint)
        rs = requirements.get(requirement_set or requirements.DEFAULT)
        files = inputs.collect([Path(p) for p in paths], list(paths))
        target = kit.Target(
            subject=", ".join(paths), endpoint=address, local_endpoint=local_endpoint
        )
        return kit.verify(files, rs, target, jobs=jobs)
    except (
        inputs.InputError,
        requirements.RequirementSetError,
        live.EndpointError,
    ) as exc:
        raise VerifyError(str(exc)) from exc


def _solution(
    path: Path,
    requirement_set: str | None,
    endpoint: str | None,
    root_text: str | None,
    local_endpoint: bool = False,
) -> Report:
    if not path.is_file():
        raise VerifyError(f"{path} finnes ikke.")
    root = Path(root_text).resolve() if root_text else find_root(path.resolve().parent)
    try:
        rel = path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise VerifyError(f"{path} ligger ikke under roten {root}.") from None
    if SOLUTION.match(rel) is None:
        raise VerifyError(f"{rel} er ingen løsning: oppgi {SOLUTION.folder}/<id>.yaml.")
    document, problems = yaml_files.read(root, rel)
    record = None
    if document is not None:
        record, invalid = validation.validate(root, Solution, document)
        problems += invalid
    if record is None or problems:
        shown = "; ".join(d.text() for d in problems[:5])
        raise VerifyError(f"Løsningen kan ikke leses: {shown}. Kjør `markedsplass check`.")
    if record.sandbox is None:
        raise VerifyError(
            f"{rel} oppgir ikke hva som skal verifiseres. Legg til «sandbox» med "
            "requirements, capabilities og examples (se CONTRIBUTING.md)."
        )
    found, wrong = declaration.resolve(root, record)
    if found is None or wrong:
        where = "; ".join(
            f"{rel}:{':'.join(map(str, yaml_files.locate(root, rel, p.loc)))}: {p.message}"
            for p in wrong
        )
        raise VerifyError(f"Sandkasseoppføringen kan ikke brukes: {where}")
    if requirement_set and requirement_set != found.requirement_set.id:
        raise VerifyError(
            f"Løsningen er oppført mot kravsettet {found.requirement_set.id}, ikke "
            f"{requirement_set}. Utelat --requirements, eller endre løsningen."
        )
    return not_verified.verify(
        found, live=True, endpoint=endpoint or found.endpoint, local_endpoint=local_endpoint
    )
