"""What is in a data folder: the record files, and a diagnostic for anything else
(another file, a folder, a symlink, a file name that is no id)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, error
from generator.norway import identifiers


@dataclass(frozen=True, slots=True)
class FolderListing:
    records: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    beside: tuple[str, ...] = ()  # folders named after a record in this folder


def list_folder(
    root: Path, folder: str, *, solution_folders: bool = False, beside: bool = False
) -> FolderListing:
    """The record files of one data folder, and a diagnostic for anything else in it.
    Only `.yaml` files are records; symlinks are never followed. In the solutions
    folder, a sub-folder named after a solution holds its example files; with
    `beside`, a sub-folder named after a record holds the events about it (listed
    by `list_beside`)."""
    base = root / folder
    if base.is_symlink():
        return FolderListing(
            (),
            (
                error(
                    folder,
                    1,
                    1,
                    "symlink",
                    "Datamappen er en symbolsk lenke. Legg filene direkte i mappen.",
                ),
            ),
        )
    if not base.is_dir():
        return FolderListing((), ())
    records: list[str] = []
    folders: list[str] = []
    diagnostics: list[Diagnostic] = []
    entries = sorted(os.scandir(base), key=lambda e: e.name)
    names = {e.name for e in entries}
    for entry in entries:
        rel = f"{folder}/{entry.name}"
        if entry.is_symlink():
            diagnostics.append(
                error(
                    rel,
                    1,
                    1,
                    "symlink",
                    "Symbolske lenker er ikke tillatt i datamappene. Legg inn selve filen.",
                )
            )
        elif entry.is_dir():
            if beside and f"{entry.name}.yaml" in names:
                folders.append(rel)
            elif not (solution_folders and f"{entry.name}.yaml" in names):
                diagnostics.append(
                    error(
                        rel,
                        1,
                        1,
                        "stray-file",
                        "Mappen hører ikke hjemme "
                        f"her. Bare `.yaml`-filer er poster i `{folder}/`.",
                    )
                )
        elif entry.name.endswith(".yaml"):
            stem = entry.name.removesuffix(".yaml")
            if not identifiers.is_slug(stem):
                suggestion = identifiers.slugify(stem) or "min-post"
                diagnostics.append(
                    error(
                        rel,
                        1,
                        1,
                        "invalid-file-name",
                        "Filnavnet er ingen "
                        "gyldig id (små bokstaver a–z, sifre og bindestrek). "
                        f"Gi filen navnet {suggestion}.yaml og skriv "
                        f"`id: {suggestion}`.",
                    )
                )
            records.append(rel)
        elif entry.name.endswith(".yml"):
            diagnostics.append(
                error(
                    rel,
                    1,
                    1,
                    "stray-file",
                    "Filendelsen må være `.yaml`, ikke "
                    f"`.yml`. Gi filen navnet `{entry.name[:-4]}.yaml`.",
                )
            )
        else:
            diagnostics.append(
                error(
                    rel,
                    1,
                    1,
                    "stray-file",
                    "Bare `.yaml`-filer er poster i "
                    f"`{folder}/`. Flytt filen eller gi den endelsen `.yaml`.",
                )
            )
    return FolderListing(tuple(records), tuple(diagnostics), tuple(folders))


def list_beside(root: Path, folder: str, allowed: frozenset[str]) -> dict[str, FolderListing]:
    """The event folders in the folder beside a record (`tenders/dps/<id>/`), each
    listed as a data folder, by name; anything else there is a diagnostic."""
    found: dict[str, FolderListing] = {}
    problems: list[Diagnostic] = []
    for entry in sorted(os.scandir(root / folder), key=lambda e: e.name):
        rel = f"{folder}/{entry.name}"
        if entry.name in allowed and entry.is_dir() and not entry.is_symlink():
            found[entry.name] = list_folder(root, rel)
        else:
            where = ", ".join(f"`{name}/`" for name in sorted(allowed))
            problems.append(
                error(
                    rel,
                    1,
                    1,
                    "symlink" if entry.is_symlink() else "stray-file",
                    f"Her hører bare mappene {where} hjemme, med én `.yaml`-fil per "
                    "hendelse. Flytt eller fjern filen.",
                )
            )
    if problems:
        found[""] = FolderListing((), tuple(problems))
    return found
