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

from generator import authorize, identifiers, pr_summary, reminders
from generator.diagnostics import FORMATTERS
from generator.forge import BOT, Forge, ForgeError
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


def _forge(args: argparse.Namespace) -> Forge:
    repository = args.repo or os.environ.get("GITHUB_REPOSITORY", "")
    api_url = os.environ.get("GITHUB_API_URL", "https://api.github.com")
    try:
        return Forge(repository, os.environ.get("GITHUB_TOKEN", ""), api_url)
    except ForgeError as exc:
        raise GitHubFailure(str(exc)) from exc


def _cmd_summary(args: argparse.Namespace) -> int:
    summary = pr_summary.collect(Path(args.results), args.head_sha)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(pr_summary.dump(summary), encoding="utf-8")
    sys.stdout.write(pr_summary.render(summary, run_url=args.run_url))
    return 0 if summary.passed else 1


def _cmd_comment(args: argparse.Namespace) -> int:
    code = 0
    try:
        summary = pr_summary.load_untrusted(Path(args.summary))
        if summary.head_sha != args.head_sha:
            raise pr_summary.UntrustedSummary(
                "Sammendraget gjelder en annen commit enn kjøringen, og vises ikke."
            )
        body = pr_summary.render(summary, run_url=args.run_url, comment=True)
    except pr_summary.UntrustedSummary as exc:
        sys.stderr.write(f"markedsplass github comment: {exc}\n")
        body, code = pr_summary.refused(str(exc), args.run_url), 1
    try:
        forge = _forge(args)
        pull = forge.pull_request_for_sha(args.head_sha)
        if pull is None:
            sys.stderr.write(
                f"markedsplass github comment: ingen åpen pull request har {args.head_sha}.\n"
            )
            return code
        comment, created = forge.upsert_comment(
            pull.number, pr_summary.MARKER, body, author=args.bot
        )
    except ForgeError as exc:
        raise GitHubFailure(str(exc)) from exc
    done = "skrev" if created else "oppdaterte"
    sys.stderr.write(f"markedsplass github comment: {done} {comment.url}\n")
    return code


def _cmd_reminders(args: argparse.Namespace) -> int:
    try:
        items = reminders.from_json(Path(args.deadlines).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GitHubFailure(f"fristlisten {args.deadlines} kan ikke leses: {exc}") from exc
    try:
        result = reminders.sync(_forge(args), items, bot=args.bot)
    except ForgeError as exc:
        raise GitHubFailure(str(exc)) from exc
    sys.stderr.write(f"markedsplass github reminders: {result.text()}.\n")
    return 0


def _github_parsers(sub: Any) -> None:
    top = sub.add_parser(
        "github",
        help="kommandoene arbeidsflytene i .github/workflows/ kjører",
        description="Kommandoene arbeidsflytene kjører. Tokenet leses fra miljøvariabelen "
        "GITHUB_TOKEN, repoet fra GITHUB_REPOSITORY og adressen fra GITHUB_API_URL.",
    )
    commands = top.add_subparsers(dest="github_command", required=True, metavar="KOMMANDO")

    def repo(p: argparse.ArgumentParser) -> None:
        p.add_argument("--repo", default=None, help="eier/navn (standard: GITHUB_REPOSITORY)")
        p.add_argument(
            "--bot",
            default=BOT,
            type=_login,
            help=f"brukeren tokenet skriver som (standard: {BOT})",
        )

    p = commands.add_parser(
        "summary",
        help="samle stegenes resultater til sammendraget av en pull request",
        description="Leser resultatene pull request-arbeidsflyten skrev i --results, skriver "
        "sammendraget som JSON til --out og som Markdown til standard ut (for "
        "$GITHUB_STEP_SUMMARY). Avslutter med 1 når noe må rettes.",
    )
    p.add_argument("--results", required=True, help="mappen med stegenes resultater")
    p.add_argument("--head-sha", required=True, help="commiten som ble sjekket")
    p.add_argument("--out", required=True, help="JSON-filen som lastes opp som artefakt")
    p.add_argument("--run-url", default=None, help="adressen til kjøringen")
    p.set_defaults(func=_cmd_summary)

    p = commands.add_parser(
        "comment",
        help="skriv eller oppdater den ene kommentaren på pull requesten",
        description="Leser sammendraget fra pull request-kjøringen som uklarert data "
        "(størrelse, skjema, commit), finner pull requesten med --head-sha og skriver eller "
        "oppdaterer den ene kommentaren med merket. Avslutter med 1 når sammendraget avvises.",
    )
    p.add_argument("--summary", required=True, help="summary.json fra artefakten")
    p.add_argument("--head-sha", required=True, help="commiten hendelsen gjelder")
    p.add_argument("--run-url", default=None, help="adressen til pull request-kjøringen")
    repo(p)
    p.set_defaults(func=_cmd_comment)

    p = commands.add_parser(
        "reminders",
        help="åpne, oppdater og lukk saker for frister",
        description="Leser `markedsplass deadlines --format json` fra --deadlines og sørger "
        "for at det finnes nøyaktig én åpen sak (merket «frist») per frist på listen, og at "
        "saker for frister som ikke lenger står der, lukkes.",
    )
    p.add_argument("--deadlines", required=True, help="JSON fra markedsplass deadlines")
    repo(p)
    p.set_defaults(func=_cmd_reminders)


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

    _github_parsers(sub)
