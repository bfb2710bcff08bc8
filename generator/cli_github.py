"""The command line of the GitHub stage: `markedsplass authorize` and the
`markedsplass github …` commands the workflows in .github/workflows/ run. The
token comes from the environment (GITHUB_TOKEN), never from an argument; the
repository and the API address from GitHub's own variables (GITHUB_REPOSITORY,
GITHUB_API_URL)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from generator import authorize, identifiers
from generator.diagnostics import FORMATTERS
from generator.git import GitError


class GitHubFailure(Exception):
    """A broken tool or an unreachable GitHub: exit 2, never bad data."""


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _login(text: str) -> str:
    if not identifiers.GITHUB_LOGIN.fullmatch(text.removesuffix("[bot]")):
        raise argparse.ArgumentTypeError(f"«{text}» er ikke et GitHub-brukernavn")
    return text


def _cmd_authorize(args: argparse.Namespace) -> int:
    try:
        refusals = authorize.authorize(Path(args.root), args.base, args.head, args.author)
    except GitError as exc:
        raise GitHubFailure(str(exc)) from exc
    sys.stdout.write(FORMATTERS[args.format](refusals))
    if refusals:
        sys.stderr.write(
            f"markedsplass authorize: {len(refusals)} endringer avvist for @{args.author}.\n"
        )
        return 1
    sys.stderr.write(f"markedsplass authorize: endringen er tillatt for @{args.author}.\n")
    return 0


def register_github(sub: Any) -> None:
    """Add `authorize` and `github` to the top-level subcommands."""
    p = sub.add_parser(
        "authorize",
        help="avgjør om en GitHub-bruker kan gjøre endringen mellom to revisjoner",
        description="Avgjør om GitHub-brukeren --author kan gjøre endringen fra --base til "
        "--head. Hvem som kan endre hva, leses fra --base, aldri fra endringen selv. "
        "Avslutter med 0 når endringen er tillatt, 1 når den avvises og 2 ved feil i "
        "verktøyet (for eksempel en ukjent revisjon).",
    )
    p.add_argument("--root", default=".", help="roten av git-repoet (standard: .)")
    p.add_argument("--base", required=True, help="revisjonen endringen bygger på")
    p.add_argument("--head", required=True, help="revisjonen med endringen")
    p.add_argument("--author", required=True, type=_login, help="GitHub-brukeren som endrer")
    p.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default=_default_format(),
        help="text, github (arbeidsflytmerknader) eller json",
    )
    p.set_defaults(func=_cmd_authorize)
