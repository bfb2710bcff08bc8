"""A throwaway git repository holding a small catalogue (tests/cases/_base plus the
marketplace settings), for tests that simulate pull requests: commit the base,
change files, commit the head."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.support.casefolders import BASE

SETTINGS = """\
team:
  - anne-markedsplassen
  - tor-markedsplassen
"""


class Repo:
    def __init__(self, root: Path) -> None:
        self.root = root

    def git(self, *args: str) -> str:
        done = subprocess.run(
            [
                "git",
                "-C",
                str(self.root),
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.no",
                "-c",
                "commit.gpgsign=false",
                *args,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def read(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def edit(self, path: str, old: str, new: str) -> None:
        text = self.read(path)
        assert old in text, f"{old!r} not in {path}"
        self.write(path, text.replace(old, new, 1))

    def append(self, path: str, text: str) -> None:
        self.write(path, self.read(path) + text)

    def commit(self, message: str = "endring") -> str:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")


def make(root: Path) -> Repo:
    """A repository with one commit: the base catalogue, the settings with the team,
    maintainers on the need and the experience, and Bergen (4601) and Molde (1506)
    registered with one person each who acts for them."""
    shutil.copytree(BASE, root)
    repo = Repo(root)
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.write("markedsplassen.yaml", SETTINGS)
    repo.append("needs/behov-a.yaml", "maintainers:\n  - inger-bergen\n")
    repo.append("experiences/erfaring-a.yaml", "maintainers:\n  - ellen-bergen\n")
    for number, name, login in (("4601", "Bergen", "ellen-bergen"), ("1506", "Molde", "tor-molde")):
        repo.write(
            f"catalogue/municipalities/{number}.yaml",
            f'id: "{number}"\nname: {name}\nmaintainers:\n  - {login}\n',
        )
    repo.commit("base")
    return repo
