"""Reading a git repository at given revisions: a file's bytes, the files changed
between two revisions (with renames), the commit a name points to. Every call is
`git` run as a list of arguments, never through a shell; revisions are checked
before they reach git, so no revision can be read as an option."""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

# A revision as the workflows pass it: a commit id, a branch or tag name, HEAD~1 …
_REVISION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/~^@{}-]{0,254}")


class GitError(Exception):
    """git could not answer: not a repository, an unknown revision. A tool failure."""


@dataclass(frozen=True, slots=True)
class Change:
    """One changed path: `status` is git's letter (A added, M modified, D deleted,
    R renamed, C copied, T type changed); `old_path` is set for R and C."""

    status: str
    path: str
    old_path: str | None = None


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git kunne ikke kjøres: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} feilet: {message[-1] if message else done.returncode}")
    return done.stdout


def _checked(revision: str) -> str:
    if not _REVISION.fullmatch(revision) or ".." in revision:
        raise GitError(f"«{revision}» er ingen gyldig revisjon (commit, gren eller tagg).")
    return revision


def commit(root: Path, revision: str) -> str:
    """The full commit id `revision` names; GitError when there is none."""
    name = _checked(revision) + "^{commit}"
    try:
        out = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", name)
    except GitError:
        raise GitError(f"Revisjonen «{revision}» finnes ikke i repoet.") from None
    return out.decode("ascii").strip()


def merge_base(root: Path, base: str, head: str) -> str:
    out = _git(root, "merge-base", "--end-of-options", _checked(base), _checked(head))
    return out.decode("ascii").strip()


def show(root: Path, revision: str, path: str) -> bytes | None:
    """The bytes of `path` at `revision`, or None when the file does not exist there."""
    rev = commit(root, revision)
    listed = _git(root, "ls-tree", "-z", "--full-tree", rev, "--", path)
    if not listed:
        return None
    mode_type = listed.split(b"\t", 1)[0].split(b" ")
    if len(mode_type) < 2 or mode_type[1] != b"blob":
        return None
    return _git(root, "cat-file", "blob", f"{rev}:{path}")


def files(root: Path, revision: str, folder: str) -> list[str]:
    """Every file path under `folder` at `revision`, sorted."""
    rev = commit(root, revision)
    out = _git(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", rev, "--", folder)
    return sorted(p.decode("utf-8") for p in out.split(b"\0") if p)


def changes(root: Path, base: str, head: str) -> list[Change]:
    """What `head` changes relative to where it left `base` (the pull request's own
    changes, like GitHub's diff view: from the merge base to `head`), renames found."""
    start = merge_base(root, commit(root, base), commit(root, head))
    out = _git(
        root,
        "diff",
        "--name-status",
        "-z",
        "-M",
        "--no-ext-diff",
        "--no-textconv",
        start,
        commit(root, head),
        "--",
    )
    fields = [f.decode("utf-8") for f in out.split(b"\0")]
    result: list[Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            result.append(Change(status, fields[i + 2], fields[i + 1]))
            i += 3
        else:
            result.append(Change(status, fields[i + 1]))
            i += 2
    return result


def has_commit(root: Path, revision: str) -> bool:
    try:
        commit(root, revision)
    except GitError:
        return False
    return True


def fetch_pull_head(root: Path, number: int) -> None:
    """Fetch a pull request's head commits from `origin` (`refs/pull/N/head`, which
    GitHub keeps for pull requests from forks too), as objects only: no checkout."""
    _git(root, "fetch", "--quiet", "--no-tags", "origin", f"refs/pull/{int(number)}/head")


def export(root: Path, revision: str, into: Path, folders: tuple[str, ...]) -> None:
    """The files under `folders` (and files of those names) as they are at `revision`,
    written into `into` as plain files: read from git's objects with `git archive`,
    unpacked with tarfile's `data` filter (no absolute paths, no links out of the
    folder, no devices). Nothing from the revision is installed, imported or run."""
    rev = commit(root, revision)
    data = _git(root, "archive", "--format=tar", rev)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        wanted = [m for m in archive.getmembers() if m.name.split("/", 1)[0] in folders]
        archive.extractall(into, members=wanted, filter="data")
