"""The command line of the GitHub stage: `markedsplass authorize` and the
`markedsplass github …` commands the workflows in .github/workflows/ run. The
token comes from the environment (GITHUB_TOKEN), never from an argument; the
repository and the API address from GitHub's own variables (GITHUB_REPOSITORY,
GITHUB_API_URL)."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

from generator.cli.options import default_format
from generator.diagnostics import FORMATTERS
from generator.github import authorize, forms, git, intake, pr_summary, reminders, verdict
from generator.github.forge import BOT, Forge, ForgeError, PullRequest
from generator.github.git import GitError
from generator.norway import identifiers


class GitHubFailure(Exception):
    """A broken tool or an unreachable GitHub: exit 2, never bad data."""


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


def _event_issue(path: str) -> dict[str, Any]:
    """The issue of an `issues` event, from the file GitHub writes (GITHUB_EVENT_PATH)."""
    try:
        data = Path(path).read_bytes()
        if len(data) > 4 * 1024 * 1024:
            raise ValueError("hendelsen er større enn 4 MiB")
        issue = json.loads(data)["issue"]
        return {
            "number": int(issue["number"]),
            "body": str(issue.get("body") or ""),
            "author": str(issue["user"]["login"]),
            "state": str(issue.get("state") or "open"),
            "labels": [str(label["name"]) for label in issue.get("labels") or []],
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GitHubFailure(f"hendelsen {path} kan ikke leses: {exc}") from exc


def _cmd_intake(args: argparse.Namespace) -> int:
    issue = _event_issue(args.event)
    form = next((f for f in map(forms.by_label, issue["labels"]) if f is not None), None)
    if form is None or issue["state"] != "open":
        sys.stderr.write("markedsplass github intake: saken er ikke et åpent skjema.\n")
        return 0
    root = Path(args.root)
    today = args.today or date.today()
    outcome = intake.intake(root, form, issue["body"], issue["author"], today)
    try:
        forge = _forge(args)
        if outcome.problems:
            forge.upsert_comment(
                issue["number"],
                intake.MARKER,
                intake.problems_comment(form, outcome.problems),
                author=args.bot,
            )
            sys.stderr.write(
                f"markedsplass github intake: {len(outcome.problems)} feil i skjemaet; "
                f"svarte i sak #{issue['number']}.\n"
            )
            return 0
        if outcome.for_team:
            forge.upsert_comment(
                issue["number"], intake.MARKER, intake.team_comment(outcome.files), author=args.bot
            )
            sys.stderr.write(f"markedsplass github intake: sak #{issue['number']} er til teamet.\n")
            return 0
        pull, _ = forge.propose(
            branch=f"skjema/sak-{issue['number']}",
            base_sha=git.commit(root, "HEAD"),
            files=outcome.files,
            message=f"{form.name}: {outcome.name} (sak #{issue['number']})"[:200],
            title=f"{form.name}: {outcome.name}"[:200],
            body=intake.pull_body(form, outcome.files, issue["number"], issue["author"]),
        )
        # A pull request opened with the workflow's token starts no workflow, so the
        # verdict is given here, by the same code: the files were checked and judged
        # for the issue's author (from the event) before they were proposed.
        forge.set_status(
            pull.head_sha,
            "success",
            f"Laget fra skjema i sak #{issue['number']}: sjekk og tilgang i orden for "
            f"@{issue['author']}.",
            verdict.CONTEXT,
            pull.url,
        )
        forge.upsert_comment(
            issue["number"],
            intake.MARKER,
            intake.proposed_comment(outcome.files, pull.number, pull.url),
            author=args.bot,
        )
    except (ForgeError, GitError) as exc:
        raise GitHubFailure(str(exc)) from exc
    sys.stderr.write(f"markedsplass github intake: forslag {pull.url}\n")
    return 0


def _cmd_changed_solutions(args: argparse.Namespace) -> int:
    try:
        for path in verdict.changed_solutions(Path(args.root), args.base, args.head):
            sys.stdout.write(path + "\n")
    except GitError as exc:
        raise GitHubFailure(str(exc)) from exc
    return 0


def _cmd_site_link(args: argparse.Namespace) -> int:
    try:
        forge = _forge(args)
        pull = forge.pull_request_for_sha(args.head_sha)
        if pull is None:
            sys.stderr.write(
                f"markedsplass github site-link: ingen åpen pull request har {args.head_sha}.\n"
            )
            return 0
        body = pr_summary.site_comment(args.head_sha, args.conclusion == "success", args.run_url)
        forge.upsert_comment(pull.number, pr_summary.SITE_MARKER, body, author=args.bot)
    except ForgeError as exc:
        raise GitHubFailure(str(exc)) from exc
    return 0


FORM_BRANCH = re.compile(r"skjema/sak-([0-9]{1,9})")


def _judged_author(forge: Forge, pull: PullRequest, bot: str) -> str:
    """Whose change a pull request is: its author, or for one the intake opened from
    an issue form, the issue's author, as GitHub reports them (never the form's
    text)."""
    found = FORM_BRANCH.fullmatch(pull.head_ref)
    if pull.author == bot and found:
        return forge.issue(int(found[1])).author
    return pull.author


def _cmd_verdict(args: argparse.Namespace) -> int:
    root = Path(args.root)
    today = args.today or date.today()
    try:
        if not args.post:
            if not args.author:
                raise GitHubFailure("Oppgi --author, eller --post for å finne den på GitHub.")
            found = verdict.judge(root, args.base, args.head, args.author, today)
            sys.stdout.write(pr_summary.render(found.summary, run_url=args.run_url))
            return 0 if found.passed else 1
        forge = _forge(args)
        pull = forge.pull_request_for_sha(args.head)
        if pull is None:
            sys.stderr.write(
                f"markedsplass github verdict: ingen åpen pull request har {args.head}.\n"
            )
            return 0
        if not git.has_commit(root, args.head):
            git.fetch_pull_head(root, pull.number)
        author = _judged_author(forge, pull, args.bot)
        found = verdict.judge(root, args.base, args.head, author, today)
        forge.set_status(args.head, found.state, found.description, verdict.CONTEXT, args.run_url)
        body = pr_summary.render(found.summary, run_url=args.run_url, comment=True)
        forge.upsert_comment(pull.number, pr_summary.MARKER, body, author=args.bot)
    except (ForgeError, GitError) as exc:
        raise GitHubFailure(str(exc)) from exc
    sys.stderr.write(
        f"markedsplass github verdict: {found.state} for #{pull.number} av @{author}.\n"
    )
    return 0 if found.passed else 1


def _cmd_forms(args: argparse.Namespace) -> int:
    folder = Path(args.out)
    if args.check:
        stale = forms.outdated(folder)
        for name in stale:
            sys.stderr.write(
                f"{folder / name} er ikke oppdatert; kjør markedsplass github forms.\n"
            )
        return 1 if stale else 0
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in forms.files().items():
        (folder / name).write_text(text, encoding="utf-8")
        sys.stderr.write(f"skrev {folder / name}\n")
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
        "reminders",
        help="åpne, oppdater og lukk saker for frister",
        description="Leser `markedsplass deadlines --format json` fra --deadlines og sørger "
        "for at det finnes nøyaktig én åpen sak (merket «frist») per frist på listen, og at "
        "saker for frister som ikke lenger står der, lukkes.",
    )
    p.add_argument("--deadlines", required=True, help="JSON fra markedsplass deadlines")
    repo(p)
    p.set_defaults(func=_cmd_reminders)

    p = commands.add_parser(
        "intake",
        help="gjør et utfylt skjema om til en pull request, eller svar med feilene",
        description="Leser saken fra hendelsesfilen (--event, standard GITHUB_EVENT_PATH). Er "
        "den et skjema (etter merkelappen), lages posten, sjekkes som alle poster og foreslås "
        "i en pull request fra grenen skjema/sak-N; ellers svarer kommandoen i saken med "
        "feilene, per felt i skjemaet.",
    )
    p.add_argument(
        "--event",
        default=os.environ.get("GITHUB_EVENT_PATH", ""),
        help="hendelsen som JSON (standard: GITHUB_EVENT_PATH)",
    )
    p.add_argument("--root", default=".", help="roten av katalogen, en utsjekk av main")
    p.add_argument("--today", type=date.fromisoformat, default=None, help="datoen (ÅÅÅÅ-MM-DD)")
    repo(p)
    p.set_defaults(func=_cmd_intake)

    p = commands.add_parser(
        "changed-solutions",
        help="løsningene en endring berører, én sti per linje",
        description="Skriver stien til hver løsning (catalogue/solutions/<id>.yaml) som "
        "endringen fra --base til --head legger til eller endrer, selv eller i mappen sin, "
        "og som ber om verifisering (har «sandbox»), én per linje: det pull "
        "request-arbeidsflyten verifiserer.",
    )
    p.add_argument("--root", default=".", help="roten av git-repoet")
    p.add_argument("--base", required=True, help="revisjonen endringen bygger på")
    p.add_argument("--head", required=True, help="revisjonen med endringen")
    p.set_defaults(func=_cmd_changed_solutions)

    p = commands.add_parser(
        "verdict",
        help="dommen over en pull request, med koden fra standardgrenen",
        description="Avgjør en pull request med koden som kjører (standardgrenen), og leser "
        "commitene i pull requesten bare som data: postene pakkes ut fra git og sjekkes, "
        "forfatteren autoriseres, og endrede løsninger verifiseres. Med --post finnes pull "
        "requesten og forfatteren på GitHub, og dommen skrives som commit-status "
        f"({verdict.CONTEXT}) og som den ene kommentaren. Avslutter med 0 når alt er i "
        "orden, 1 når noe må rettes.",
    )
    p.add_argument("--root", default=".", help="git-repoet: en utsjekk av standardgrenen")
    p.add_argument("--base", default="HEAD", help="revisjonen endringen bygger på (standard: HEAD)")
    p.add_argument("--head", required=True, help="commiten i pull requesten")
    p.add_argument("--author", default=None, type=_login, help="forfatteren (uten --post)")
    p.add_argument("--post", action="store_true", help="skriv status og kommentar på GitHub")
    p.add_argument("--run-url", default=None, help="adressen til kjøringen")
    p.add_argument("--today", type=date.fromisoformat, default=None, help="datoen (ÅÅÅÅ-MM-DD)")
    repo(p)
    p.set_defaults(func=_cmd_verdict)

    p = commands.add_parser(
        "site-link",
        help="lenk til nettstedet bygget fra en pull request",
        description="Skriver eller oppdaterer kommentaren som lenker til artefakten "
        "«nettsted» fra kjøringen som bygde nettstedet for --head-sha.",
    )
    p.add_argument("--head-sha", required=True, help="commiten nettstedet ble bygget fra")
    p.add_argument("--conclusion", required=True, help="kjøringens utfall (success, failure, …)")
    p.add_argument("--run-url", default=None, help="adressen til kjøringen")
    repo(p)
    p.set_defaults(func=_cmd_site_link)

    p = commands.add_parser(
        "forms",
        help="skriv skjemaene i .github/ISSUE_TEMPLATE/",
        description="Skriver skjemaene (publiser behov, bli med, del erfaring, søk om "
        "kvalifisering) med kommune-, fase-, område- og kategorilistene fra generator/data/. "
        "Med --check skrives ingenting; avslutter med 1 når filene ikke er oppdatert.",
    )
    p.add_argument("--out", default=".github/ISSUE_TEMPLATE", help="mappen for skjemaene")
    p.add_argument("--check", action="store_true", help="bare sjekk at filene er oppdatert")
    p.set_defaults(func=_cmd_forms)


def register(sub: Any) -> None:
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
        default=default_format(),
        help="text, github (arbeidsflytmerknader) eller json",
    )
    p.set_defaults(func=_cmd_authorize)

    _github_parsers(sub)
