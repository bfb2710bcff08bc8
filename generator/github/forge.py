"""The one module that talks to GitHub, through github3.py. Everything it returns
is a plain value (the dataclasses below), so the rest of the tool never sees a
github3 object. Failures of the network or of GitHub become `ForgeError`, a tool
failure: the commands stop with exit 2 and a Norwegian message.

The address comes from GitHub's own variable GITHUB_API_URL: api.github.com, or
`https://host/api/v3` for GitHub Enterprise (and for the tests' local server)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import github3  # type: ignore[import-untyped]  # no stubs; only this module imports it
from github3.exceptions import GitHubException, NotFoundError  # type: ignore[import-untyped]
from requests.exceptions import RequestException

DEFAULT_API = "https://api.github.com"
# The login comments and issues made with a workflow's GITHUB_TOKEN carry.
BOT = "github-actions[bot]"


class ForgeError(Exception):
    """GitHub could not be reached or refused the request."""


@dataclass(frozen=True, slots=True)
class PullRequest:
    number: int
    title: str
    state: str
    head_sha: str
    head_ref: str
    author: str
    url: str


@dataclass(frozen=True, slots=True)
class Issue:
    number: int
    title: str
    body: str
    state: str
    labels: tuple[str, ...]
    author: str
    url: str


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    body: str
    author: str
    url: str


@contextmanager
def _talking(what: str) -> Iterator[None]:
    try:
        yield
    except GitHubException as exc:
        raise ForgeError(f"GitHub avviste forespørselen ({what}): {exc}") from exc
    except RequestException as exc:
        raise ForgeError(f"GitHub kunne ikke nås ({what}): {exc}") from exc


def _pull(pull: Any) -> PullRequest:
    return PullRequest(
        pull.number,
        pull.title,
        pull.state,
        pull.head.sha,
        pull.head.ref,
        pull.user.login,
        pull.html_url,
    )


def _issue(issue: Any) -> Issue:
    return Issue(
        issue.number,
        issue.title,
        issue.body or "",
        issue.state,
        tuple(sorted(label.name for label in issue.original_labels)),
        issue.user.login,
        issue.html_url,
    )


def _comment(comment: Any) -> Comment:
    return Comment(comment.id, comment.body or "", comment.user.login, comment.html_url)


class Forge:
    """One repository on GitHub."""

    def __init__(self, repository: str, token: str, api_url: str = DEFAULT_API) -> None:
        owner, _, name = repository.partition("/")
        if not owner or not name or "/" in name:
            raise ForgeError(f"«{repository}» er ikke et repo på formen eier/navn.")
        if not token:
            raise ForgeError("GITHUB_TOKEN mangler: arbeidsflyten må gi et token i miljøet.")
        api_url = api_url.rstrip("/")
        if api_url == DEFAULT_API:
            client: Any = github3.GitHub(token=token)
        elif api_url.endswith("/api/v3"):
            client = github3.GitHubEnterprise(api_url.removesuffix("/api/v3"), token=token)
        else:
            raise ForgeError(f"«{api_url}» er ingen adresse til GitHubs API.")
        with _talking(f"repoet {repository}"):
            self._repo: Any = client.repository(owner, name)
        self.owner = owner

    # pull requests ----------------------------------------------------------

    def pull_request_for_sha(self, sha: str) -> PullRequest | None:
        """The open pull request whose head is the commit `sha` (from a fork or not)."""
        with _talking("åpne pull requests"):
            for pull in self._repo.pull_requests(state="open"):
                if pull.head.sha == sha:
                    return _pull(pull)
        return None

    def pull_request_for_branch(self, branch: str) -> PullRequest | None:
        with _talking(f"pull request fra {branch}"):
            for pull in self._repo.pull_requests(state="open", head=f"{self.owner}:{branch}"):
                return _pull(pull)
        return None

    # comments ---------------------------------------------------------------

    def comments(self, number: int) -> list[Comment]:
        with _talking(f"kommentarene på #{number}"):
            return [_comment(c) for c in self._repo.issue(number).comments()]

    def comment(self, number: int, body: str) -> Comment:
        with _talking(f"ny kommentar på #{number}"):
            return _comment(self._repo.issue(number).create_comment(body))

    def upsert_comment(
        self, number: int, marker: str, body: str, author: str = BOT
    ) -> tuple[Comment, bool]:
        """Post `body` (which holds `marker`) on the issue or pull request, or edit the
        comment `author` posted with the marker before: exactly one such comment.
        True when it was created."""
        with _talking(f"kommentaren på #{number}"):
            issue = self._repo.issue(number)
            for existing in issue.comments():
                if existing.user.login == author and marker in (existing.body or ""):
                    if existing.body != body:
                        existing.edit(body)
                    return _comment(existing), False
            return _comment(issue.create_comment(body)), True

    # issues -----------------------------------------------------------------

    def issues(self, label: str, state: str = "all") -> list[Issue]:
        """Issues (not pull requests) with the label, oldest first."""
        with _talking(f"saker merket {label}"):
            found = self._repo.issues(labels=label, state=state, direction="asc")
            return [_issue(i) for i in found if i.pull_request_urls is None]

    def issue(self, number: int) -> Issue:
        with _talking(f"sak #{number}"):
            return _issue(self._repo.issue(number))

    def create_issue(self, title: str, body: str, labels: tuple[str, ...]) -> Issue:
        with _talking("ny sak"):
            return _issue(self._repo.create_issue(title, body=body, labels=list(labels)))

    def edit_issue(
        self,
        number: int,
        *,
        title: str | None = None,
        body: str | None = None,
        state: str | None = None,
    ) -> Issue:
        with _talking(f"sak #{number}"):
            issue = self._repo.issue(number)
            issue.edit(title=title, body=body, state=state)
            return _issue(issue)

    def ensure_label(self, name: str, color: str, description: str) -> None:
        with _talking(f"merkelappen {name}"):
            try:
                self._repo.label(name)
            except NotFoundError:
                self._repo.create_label(name, color, description)

    # commit statuses --------------------------------------------------------

    def set_status(
        self, sha: str, state: str, description: str, context: str, target_url: str | None
    ) -> None:
        """The commit status `context` on `sha`: `success`, `failure`, `error` or
        `pending`, with one line (at most 140 characters) and a link."""
        with _talking(f"status {context} på {sha[:12]}"):
            self._repo.create_status(
                sha, state, target_url=target_url, description=description[:140], context=context
            )

    # proposing a change -------------------------------------------------------

    def default_branch(self) -> str:
        branch: str = self._repo.default_branch
        return branch

    def propose(
        self,
        *,
        branch: str,
        base_sha: str,
        files: dict[str, str],
        message: str,
        title: str,
        body: str,
    ) -> tuple[PullRequest, bool]:
        """One commit on `base_sha` that writes `files` (path -> text), on `branch`
        (created, or reset when it exists), and the pull request from it into the
        default branch (opened, or its title and text updated). True when opened."""
        with _talking(f"grenen {branch}"):
            base = self._repo.git_commit(base_sha)
            tree = self._repo.create_tree(
                [
                    {"path": path, "mode": "100644", "type": "blob", "content": text}
                    for path, text in sorted(files.items())
                ],
                base_tree=base.tree.sha,
            )
            commit = self._repo.create_commit(message, tree.sha, [base_sha])
            try:
                ref = self._repo.ref(f"heads/{branch}")
            except NotFoundError:
                self._repo.create_ref(f"refs/heads/{branch}", commit.sha)
            else:
                ref.update(commit.sha, force=True)
        existing = self.pull_request_for_branch(branch)
        with _talking(f"pull request fra {branch}"):
            if existing is not None:
                pull = self._repo.pull_request(existing.number)
                pull.update(title=title, body=body)
                return _pull(pull), False
            pull = self._repo.create_pull(title, self.default_branch(), branch, body)
            return _pull(pull), True
