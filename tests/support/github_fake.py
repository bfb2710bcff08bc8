"""A GitHub-like REST server on 127.0.0.1 for the tests of generator/github/forge.py: the
endpoints the tool uses, under /api/v3 as GitHub Enterprise serves them, answering
with the shapes of GitHub's REST payloads (users, repository, issues, pull
requests, comments, labels, git refs, commits and trees). It keeps its state in
memory and records every request. No test reaches the internet."""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

OWNER, NAME = "markedsplassen", "markedsplassen"
TOKEN = "ghs_testtoken"
STAMP = "2026-11-28T08:00:00Z"


def _sha(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()


def _rendered(body: str | None) -> dict[str, str | None]:
    """What the full media type (application/vnd.github.full+json) adds to a body."""
    if body is None:
        return {"body_html": None, "body_text": None}
    return {"body_html": f"<p>{html.escape(body)}</p>", "body_text": body}


@dataclass
class State:
    base: str = ""  # http://127.0.0.1:PORT
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)  # issues and PRs
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # "heads/main" -> sha
    commits: dict[str, dict[str, Any]] = field(default_factory=dict)
    trees: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    statuses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # sha -> posted
    numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1_000_001))

    @property
    def api(self) -> str:
        return f"{self.base}/api/v3"

    @property
    def repo_api(self) -> str:
        return f"{self.api}/repos/{OWNER}/{NAME}"

    @property
    def html(self) -> str:
        return f"{self.base}/{OWNER}/{NAME}"

    # payloads ---------------------------------------------------------------

    def user(self, login: str) -> dict[str, Any]:
        bot = login.endswith("[bot]")
        url = f"{self.api}/users/{login}"
        return {
            "login": login,
            "id": 41898282 if bot else int(_sha(login)[:7], 16),
            "node_id": "MDM6Qm90NDE4OTgyODI=" if bot else "MDQ6VXNlcjE=",
            "avatar_url": f"{self.base}/avatars/{login}",
            "gravatar_id": "",
            "url": url,
            "html_url": f"{self.base}/{login}",
            "followers_url": f"{url}/followers",
            "following_url": f"{url}/following{{/other_user}}",
            "gists_url": f"{url}/gists{{/gist_id}}",
            "starred_url": f"{url}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{url}/subscriptions",
            "organizations_url": f"{url}/orgs",
            "repos_url": f"{url}/repos",
            "events_url": f"{url}/events{{/privacy}}",
            "received_events_url": f"{url}/received_events",
            "type": "Bot" if bot else "User",
            "site_admin": False,
        }

    def repository(self) -> dict[str, Any]:
        api, html = self.repo_api, self.html
        return {
            "id": 1296269,
            "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5",
            "name": NAME,
            "full_name": f"{OWNER}/{NAME}",
            "owner": {**self.user(OWNER), "type": "Organization"},
            "private": False,
            "html_url": html,
            "description": "Markedsplassen for kommunale helse- og omsorgsløsninger",
            "fork": False,
            "url": api,
            "archive_url": f"{api}/{{archive_format}}{{/ref}}",
            "assignees_url": f"{api}/assignees{{/user}}",
            "blobs_url": f"{api}/git/blobs{{/sha}}",
            "branches_url": f"{api}/branches{{/branch}}",
            "collaborators_url": f"{api}/collaborators{{/collaborator}}",
            "comments_url": f"{api}/comments{{/number}}",
            "commits_url": f"{api}/commits{{/sha}}",
            "compare_url": f"{api}/compare/{{base}}...{{head}}",
            "contents_url": f"{api}/contents/{{+path}}",
            "contributors_url": f"{api}/contributors",
            "deployments_url": f"{api}/deployments",
            "downloads_url": f"{api}/downloads",
            "events_url": f"{api}/events",
            "forks_url": f"{api}/forks",
            "git_commits_url": f"{api}/git/commits{{/sha}}",
            "git_refs_url": f"{api}/git/refs{{/sha}}",
            "git_tags_url": f"{api}/git/tags{{/sha}}",
            "git_url": f"git:{html.split('//', 1)[1]}.git",
            "issue_comment_url": f"{api}/issues/comments{{/number}}",
            "issue_events_url": f"{api}/issues/events{{/number}}",
            "issues_url": f"{api}/issues{{/number}}",
            "keys_url": f"{api}/keys{{/key_id}}",
            "labels_url": f"{api}/labels{{/name}}",
            "languages_url": f"{api}/languages",
            "merges_url": f"{api}/merges",
            "milestones_url": f"{api}/milestones{{/number}}",
            "notifications_url": f"{api}/notifications{{?since,all,participating}}",
            "pulls_url": f"{api}/pulls{{/number}}",
            "releases_url": f"{api}/releases{{/id}}",
            "ssh_url": f"git@127.0.0.1:{OWNER}/{NAME}.git",
            "stargazers_url": f"{api}/stargazers",
            "statuses_url": f"{api}/statuses/{{sha}}",
            "subscribers_url": f"{api}/subscribers",
            "subscription_url": f"{api}/subscription",
            "tags_url": f"{api}/tags",
            "teams_url": f"{api}/teams",
            "trees_url": f"{api}/git/trees{{/sha}}",
            "clone_url": f"{html}.git",
            "mirror_url": None,
            "hooks_url": f"{api}/hooks",
            "svn_url": html,
            "homepage": "https://markedsplassen.example.no",
            "language": "Python",
            "forks_count": 3,
            "stargazers_count": 12,
            "watchers_count": 12,
            "size": 2048,
            "default_branch": "main",
            "open_issues_count": sum(i["state"] == "open" for i in self.issues.values()),
            "is_template": False,
            "topics": ["helse", "kommune"],
            "has_issues": True,
            "has_projects": False,
            "has_wiki": False,
            "has_pages": True,
            "has_downloads": True,
            "has_discussions": False,
            "archived": False,
            "disabled": False,
            "visibility": "public",
            "pushed_at": STAMP,
            "created_at": "2026-01-05T09:00:00Z",
            "updated_at": STAMP,
            "permissions": {
                "admin": False,
                "maintain": False,
                "push": True,
                "triage": True,
                "pull": True,
            },
            "allow_rebase_merge": True,
            "allow_squash_merge": True,
            "allow_merge_commit": False,
            "delete_branch_on_merge": True,
            "license": None,
            "network_count": 3,
            "subscribers_count": 4,
        }

    def label(self, name: str, color: str = "ededed", description: str = "") -> dict[str, Any]:
        return {
            "id": int(_sha("label", name)[:8], 16),
            "node_id": "MDU6TGFiZWwyMDgwNDU5NDY=",
            "url": f"{self.repo_api}/labels/{name}",
            "name": name,
            "description": description,
            "color": color,
            "default": False,
        }

    def new_issue(self, title: str, body: str, author: str, labels: list[str]) -> dict[str, Any]:
        number = next(self.numbers)
        url = f"{self.repo_api}/issues/{number}"
        issue = {
            "id": next(self.ids),
            "node_id": "MDU6SXNzdWUx",
            "url": url,
            "repository_url": self.repo_api,
            "labels_url": f"{url}/labels{{/name}}",
            "comments_url": f"{url}/comments",
            "events_url": f"{url}/events",
            "html_url": f"{self.html}/issues/{number}",
            "number": number,
            "state": "open",
            "state_reason": None,
            "title": title,
            "body": body,
            "user": self.user(author),
            "labels": [self.labels.get(n) or self.label(n) for n in labels],
            "assignee": None,
            "assignees": [],
            "milestone": None,
            "locked": False,
            "active_lock_reason": None,
            "comments": 0,
            "closed_at": None,
            "created_at": STAMP,
            "updated_at": STAMP,
            "closed_by": None,
            "author_association": "NONE",
        }
        self.issues[number] = issue
        return issue

    def new_pull(
        self, title: str, body: str, author: str, head_ref: str, head_sha: str, fork: bool = False
    ) -> dict[str, Any]:
        issue = self.new_issue(title, body, author, [])
        number = issue["number"]
        url = f"{self.repo_api}/pulls/{number}"
        html = f"{self.html}/pull/{number}"
        issue["pull_request"] = {
            "url": url,
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "merged_at": None,
        }
        head_owner = author if fork else OWNER
        head_repo = {**self.repository(), "full_name": f"{head_owner}/{NAME}", "fork": fork}
        issue["_pull"] = {
            "url": url,
            "id": next(self.ids),
            "node_id": "MDExOlB1bGxSZXF1ZXN0MQ==",
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "issue_url": issue["url"],
            "commits_url": f"{url}/commits",
            "review_comments_url": f"{url}/comments",
            "review_comment_url": f"{self.repo_api}/pulls/comments{{/number}}",
            "comments_url": issue["comments_url"],
            "statuses_url": f"{self.repo_api}/statuses/{head_sha}",
            "number": number,
            "head": {
                "label": f"{head_owner}:{head_ref}",
                "ref": head_ref,
                "sha": head_sha,
                "user": self.user(head_owner),
                "repo": head_repo,
            },
            "base": {
                "label": f"{OWNER}:main",
                "ref": "main",
                "sha": self.refs.get("heads/main", "0" * 40),
                "user": self.user(OWNER),
                "repo": self.repository(),
            },
            "_links": {
                "self": {"href": url},
                "html": {"href": html},
                "issue": {"href": issue["url"]},
                "comments": {"href": issue["comments_url"]},
                "review_comments": {"href": f"{url}/comments"},
                "review_comment": {"href": f"{self.repo_api}/pulls/comments{{/number}}"},
                "commits": {"href": f"{url}/commits"},
                "statuses": {"href": f"{self.repo_api}/statuses/{head_sha}"},
            },
            "author_association": "CONTRIBUTOR",
            "auto_merge": None,
            "draft": False,
            "merged": False,
            "mergeable": True,
            "rebaseable": True,
            "mergeable_state": "clean",
            "merged_by": None,
            "merged_at": None,
            "merge_commit_sha": None,
            "comments": 0,
            "review_comments": 0,
            "maintainer_can_modify": True,
            "commits": 1,
            "additions": 10,
            "deletions": 0,
            "changed_files": 1,
            "requested_reviewers": [],
            "requested_teams": [],
        }
        return issue

    def pull(self, number: int) -> dict[str, Any]:
        issue = self.issues[number]
        keys = ("title", "body", "state", "user", "labels", "milestone", "assignee", "assignees")
        return {
            **issue["_pull"],
            **{k: issue[k] for k in keys},
            "locked": issue["locked"],
            "active_lock_reason": None,
            "created_at": issue["created_at"],
            "updated_at": issue["updated_at"],
            "closed_at": issue["closed_at"],
            **_rendered(issue["body"]),
        }

    def public_issue(self, number: int) -> dict[str, Any]:
        issue = {k: v for k, v in self.issues[number].items() if not k.startswith("_")}
        return {**issue, **_rendered(issue["body"])}

    def new_comment(self, number: int, body: str, author: str) -> dict[str, Any]:
        comment_id = next(self.ids)
        comment = {
            "id": comment_id,
            "node_id": "MDEyOklzc3VlQ29tbWVudDE=",
            "url": f"{self.repo_api}/issues/comments/{comment_id}",
            "html_url": f"{self.issues[number]['html_url']}#issuecomment-{comment_id}",
            "issue_url": self.issues[number]["url"],
            "body": body,
            "user": self.user(author),
            "created_at": STAMP,
            "updated_at": STAMP,
            "author_association": "NONE" if author.endswith("[bot]") else "CONTRIBUTOR",
            "_number": number,
        }
        self.comments[comment_id] = comment
        self.issues[number]["comments"] += 1
        return comment

    def public_comment(self, comment_id: int) -> dict[str, Any]:
        comment = {k: v for k, v in self.comments[comment_id].items() if not k.startswith("_")}
        return {**comment, **_rendered(comment["body"])}

    def git_commit(self, sha: str) -> dict[str, Any]:
        commit = self.commits[sha]
        return {
            "sha": sha,
            "node_id": "MDY6Q29tbWl0NmRjYjA5YjViNTc4NzVmMzM0ZjYxYWViZWQ2OTVlMmU0MTkzZGI1ZQ==",
            "url": f"{self.repo_api}/git/commits/{sha}",
            "html_url": f"{self.html}/commit/{sha}",
            "author": {"date": STAMP, "name": "github-actions[bot]", "email": "bot@example.no"},
            "committer": {"date": STAMP, "name": "GitHub", "email": "noreply@example.no"},
            "message": commit["message"],
            "tree": {"url": f"{self.repo_api}/git/trees/{commit['tree']}", "sha": commit["tree"]},
            "parents": [
                {
                    "url": f"{self.repo_api}/git/commits/{p}",
                    "sha": p,
                    "html_url": f"{self.html}/commit/{p}",
                }
                for p in commit["parents"]
            ],
            "verification": {
                "verified": False,
                "reason": "unsigned",
                "signature": None,
                "payload": None,
            },
        }

    def tree(self, sha: str) -> dict[str, Any]:
        entries = self.files_of_tree(sha)
        return {
            "sha": sha,
            "url": f"{self.repo_api}/git/trees/{sha}",
            "tree": [
                {
                    "path": path,
                    "mode": "100644",
                    "type": "blob",
                    "size": len(text.encode()),
                    "sha": _sha("blob", text),
                    "url": f"{self.repo_api}/git/blobs/{_sha('blob', text)}",
                }
                for path, text in sorted(entries.items())
            ],
            "truncated": False,
        }

    def ref(self, name: str) -> dict[str, Any]:
        sha = self.refs[name]
        return {
            "ref": f"refs/{name}",
            "node_id": "MDM6UmVmcmVmcy9oZWFkcy9mZWF0dXJlQQ==",
            "url": f"{self.repo_api}/git/refs/{name}",
            "object": {"type": "commit", "sha": sha, "url": f"{self.repo_api}/git/commits/{sha}"},
        }

    # the repository's content, for assertions ---------------------------------

    def files_of_tree(self, sha: str) -> dict[str, str]:
        tree = self.trees[sha]
        files = self.files_of_tree(tree["base"]) if tree["base"] else {}
        return {**files, **tree["files"]}

    def files(self, branch: str) -> dict[str, str]:
        return self.files_of_tree(self.commits[self.refs[f"heads/{branch}"]]["tree"])

    def seed_main(self, files: dict[str, str], sha: str | None = None) -> str:
        """`main` at a commit holding `files` (with the id of a local git commit, when
        given, so a tool that read its checkout can build on it)."""
        tree = _sha("tree", json.dumps(files, sort_keys=True))
        self.trees[tree] = {"base": None, "files": dict(files)}
        sha = sha or _sha("commit", tree)
        self.commits[sha] = {"tree": tree, "parents": [], "message": "Første versjon"}
        self.refs["heads/main"] = sha
        return sha

    def pulls(self) -> list[dict[str, Any]]:
        return [self.pull(n) for n, i in self.issues.items() if "_pull" in i]

    def count(self, method: str, pattern: str) -> int:
        return sum(m == method and re.fullmatch(pattern, p) is not None for m, p in self.requests)


class _Handler(BaseHTTPRequestHandler):
    state: State

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-GitHub-Media-Type", "github.v3; format=json")
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._send(
            status,
            {
                "message": message,
                "documentation_url": "https://docs.github.com/rest",
                "status": str(status),
            },
        )

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"null")

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), parse_qs(parts.query)
        self.state.requests.append((method, path))
        if self.headers.get("Authorization") != f"token {TOKEN}":
            self._error(401, "Bad credentials")
            return
        prefix = f"/api/v3/repos/{OWNER}/{NAME}"
        if not path.startswith(prefix):
            self._error(404, "Not Found")
            return
        route = path[len(prefix) :]
        body = self._body() if method in ("POST", "PATCH", "PUT") else None
        try:
            found = _route(self.state, method, route, query, body)
        except KeyError:
            self._error(404, "Not Found")
            return
        if found is None:
            self._error(404, "Not Found")
            return
        self._send(*found)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")


def _route(
    s: State, method: str, route: str, query: dict[str, list[str]], body: Any
) -> tuple[int, Any] | None:
    def q(name: str, default: str = "") -> str:
        return query.get(name, [default])[0]

    if (method, route) == ("GET", ""):
        return 200, s.repository()
    if (method, route) == ("GET", "/pulls"):
        state, head = q("state", "open"), q("head")
        found = [
            p
            for p in s.pulls()
            if (state == "all" or p["state"] == state) and (not head or p["head"]["label"] == head)
        ]
        return 200, found
    if (method, route) == ("POST", "/pulls"):
        sha = s.refs[f"heads/{body['head']}"]
        issue = s.new_pull(
            body["title"], body.get("body") or "", "github-actions[bot]", body["head"], sha
        )
        return 201, s.pull(issue["number"])
    if m := re.fullmatch(r"/pulls/(\d+)", route):
        number = int(m[1])
        if method == "PATCH":
            s.issues[number].update({k: body[k] for k in ("title", "body", "state") if k in body})
        return 200, s.pull(number)
    if (method, route) == ("GET", "/issues"):
        labels = {n for n in q("labels").split(",") if n}
        state = q("state", "open")
        found = [
            s.public_issue(n)
            for n, i in sorted(s.issues.items())
            if (state == "all" or i["state"] == state)
            and labels <= {label["name"] for label in i["labels"]}
        ]
        return 200, found
    if (method, route) == ("POST", "/issues"):
        issue = s.new_issue(
            body["title"], body.get("body") or "", "github-actions[bot]", body.get("labels", [])
        )
        return 201, s.public_issue(issue["number"])
    if m := re.fullmatch(r"/issues/(\d+)", route):
        number = int(m[1])
        issue = s.issues[number]
        if method == "PATCH":
            for key in ("title", "body", "state"):
                if key in body and body[key] is not None:
                    issue[key] = body[key]
            if body.get("state") == "closed":
                issue["closed_at"], issue["state_reason"] = STAMP, "completed"
            elif body.get("state") == "open":
                issue["closed_at"], issue["state_reason"] = None, "reopened"
        return 200, s.public_issue(number)
    if m := re.fullmatch(r"/issues/(\d+)/comments", route):
        number = int(m[1])
        if method == "POST":
            comment = s.new_comment(number, body["body"], "github-actions[bot]")
            return 201, s.public_comment(comment["id"])
        return 200, [s.public_comment(i) for i, c in s.comments.items() if c["_number"] == number]
    if m := re.fullmatch(r"/issues/comments/(\d+)", route):
        comment_id = int(m[1])
        if method == "PATCH":
            s.comments[comment_id]["body"] = body["body"]
            s.comments[comment_id]["updated_at"] = "2026-11-28T09:00:00Z"
        return 200, s.public_comment(comment_id)
    if m := re.fullmatch(r"/labels/(.+)", route):
        return (200, s.labels[m[1]]) if m[1] in s.labels else None
    if (method, route) == ("POST", "/labels"):
        s.labels[body["name"]] = s.label(body["name"], body["color"], body.get("description") or "")
        return 201, s.labels[body["name"]]
    if method == "POST" and (m := re.fullmatch(r"/statuses/([0-9a-f]{40})", route)):
        posted = {
            "url": f"{s.repo_api}/statuses/{m[1]}",
            "id": next(s.ids),
            "state": body["state"],
            "description": body.get("description"),
            "target_url": body.get("target_url"),
            "context": body.get("context", "default"),
            "created_at": "2026-11-28T12:00:00Z",
            "updated_at": "2026-11-28T12:00:00Z",
            "creator": s.user("github-actions[bot]"),
        }
        s.statuses.setdefault(m[1], []).append(posted)
        return 201, posted
    if m := re.fullmatch(r"/git/commits/([0-9a-f]{40})", route):
        return 200, s.git_commit(m[1])
    if (method, route) == ("POST", "/git/trees"):
        files = {e["path"]: e["content"] for e in body["tree"]}
        sha = _sha("tree", body.get("base_tree") or "", json.dumps(files, sort_keys=True))
        s.trees[sha] = {"base": body.get("base_tree"), "files": files}
        return 201, s.tree(sha)
    if (method, route) == ("POST", "/git/commits"):
        sha = _sha("commit", body["tree"], *body["parents"], body["message"])
        s.commits[sha] = {
            "tree": body["tree"],
            "parents": body["parents"],
            "message": body["message"],
        }
        return 201, s.git_commit(sha)
    if m := re.fullmatch(r"/git/ref/(heads/.+)", route):
        return (200, s.ref(m[1])) if m[1] in s.refs else None
    if (method, route) == ("POST", "/git/refs"):
        name = body["ref"].removeprefix("refs/")
        if name in s.refs:
            return 422, {"message": "Reference already exists"}
        s.refs[name] = body["sha"]
        return 201, s.ref(name)
    if m := re.fullmatch(r"/git/refs/(heads/.+)", route):
        if method == "PATCH":
            s.refs[m[1]] = body["sha"]
        return 200, s.ref(m[1])
    return None


class FakeGitHub:
    """Start with `with FakeGitHub() as gh:`; `gh.url` is the API address."""

    def __init__(self) -> None:
        self.state = State()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.state.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return self.state.api

    def __enter__(self) -> FakeGitHub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def environment(monkeypatch: pytest.MonkeyPatch, server: FakeGitHub) -> None:
    """The variables a workflow step has, pointing at the local server; no proxy."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_REPOSITORY", f"{OWNER}/{NAME}")
    monkeypatch.setenv("GITHUB_API_URL", server.url)
