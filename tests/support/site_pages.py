"""Reading the built site without a browser: a page's tags with their attributes,
its decoded text (script text apart), the links in the primary navigation and the
text inside contributor free-text blocks."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class Html(HTMLParser):
    """Tags with attributes, decoded text, and the links inside the primary nav."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.script_text: list[str] = []
        self.nav_links: list[str] = []
        self.free_text: list[str] = []  # inside <div class="mp-fritekst">
        self._stack: list[str] = []
        self._free_depth: int | None = None
        self._primary_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append((tag, values))
        if tag == "nav":
            depth = sum(1 for t in self._stack if t == "nav")
            if self._primary_depth is None and "md-nav--primary" in (values.get("class") or ""):
                self._primary_depth = depth
            self._stack.append("nav")
        elif tag not in {"br", "hr", "img", "input", "meta", "link"}:
            if tag == "div" and values.get("class") == "mp-fritekst" and self._free_depth is None:
                self._free_depth = len(self._stack)
            self._stack.append(tag)
        if tag == "a" and self._primary_depth is not None:
            self.nav_links.append(values.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            top = self._stack.pop()
            navs = sum(1 for t in self._stack if t == "nav")
            if top == "nav" and navs == self._primary_depth:
                self._primary_depth = None
            if self._free_depth is not None and len(self._stack) <= self._free_depth:
                self._free_depth = None
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        (self.script_text if self._stack[-1:] == ["script"] else self.text).append(data)
        if self._free_depth is not None:
            self.free_text.append(data)


def parse(path: Path) -> Html:
    parser = Html()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def text_of(path: Path) -> str:
    return " ".join(" ".join(parse(path).text).split())


def hrefs(path: Path) -> set[str]:
    return {a.get("href") or "" for tag, a in parse(path).tags if tag == "a"}


def page(site: Path, kind: str, record_id: str) -> Path:
    return site / kind / record_id / "index.html"
