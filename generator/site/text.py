"""Contributor text made safe for a Markdown page that MkDocs turns into HTML.

Two kinds of text arrive from the records:

- single-line fields (names, titles, summaries) are *escaped*: every character that
  means something to HTML or to Markdown (with any extension a later `mkdocs.yml`
  may switch on: attribute lists, emoji, maths, tables …) becomes a character
  reference, so the reader sees the text exactly as written and nothing in it is
  ever interpreted;
- free text (`Markdown` fields) is rendered with python-markdown with *no*
  extensions, cleaned by `nh3` against an allowlist (links only to `https:` and
  `mailto:`; no images, no raw HTML beyond the list), and then written back out as
  one line of HTML in which every text character is escaped as above. MkDocs
  passes that line through as a raw HTML block, untouched.

Nothing here ever reaches a template engine as template source: values are data.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

# Characters with a meaning in HTML, in Markdown or in one of the common Markdown
# extensions. Letters, digits, space and ordinary punctuation (, . ; ? / % @ -)
# stay as they are, so the generated Markdown remains readable.
_SPECIAL = "&<>\"'\\`*_{}[]()#+!|~^=:$\n\r\t"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL} | {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
}
# At the start of a line a number and a full stop begin a list, a dash a list or a
# rule; a value never starts a line in our templates, but its first characters are
# escaped all the same.
_LEADING = re.compile(r"^(\d+)\.|^-")

ALLOWED_TAGS = frozenset(
    {"a", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "li", "ol"}
    | {"p", "pre", "strong", "ul"}
)
# contributor headings sit under the page's own h1 and h2: h1 becomes h3, and so on
_HEADING_SHIFT = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h6", "h5": "h6", "h6": "h6"}
_VOID = frozenset({"br", "hr"})

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS | _HEADING_SHIFT.keys()),
    clean_content_tags={"script", "style"},
    attributes={"a": {"href", "title"}, "ol": {"start"}},
    url_schemes={"https", "mailto"},
    url_relative="deny",
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def escape(text: str) -> Markup:
    """A single-line value, safe in Markdown and in HTML, shown exactly as written."""
    escaped = text.translate(_TABLE)
    escaped = _LEADING.sub(
        lambda m: f"{m.group(1)}&#46;" if m.group(1) is not None else "&#45;", escaped, count=1
    )
    return Markup(escaped)


class _Reserializer(HTMLParser):
    """Writes cleaned HTML back out on one line with every text character escaped.
    The input has already been through nh3, so it holds only allowed tags and
    attributes; this pass only changes how the same content is spelled."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = _HEADING_SHIFT.get(tag, tag)
        if tag not in ALLOWED_TAGS:
            return
        written = "".join(f' {name}="{escape(value or "")}"' for name, value in attrs)
        self.parts.append(f"<{tag}{written}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = _HEADING_SHIFT.get(tag, tag)
        if tag in ALLOWED_TAGS and tag not in _VOID:
            self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.parts.append(data.translate(_TABLE))


# one converter, reset before each text: building a Markdown instance costs more
# than converting a short text
_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")


def clean_html(text: str) -> str:
    """Contributor Markdown as cleaned HTML (nh3), before re-spelling."""
    rendered = _MARKDOWN.reset().convert(text)
    return _CLEANER.clean(rendered)


# Plain prose, the common case, needs neither Markdown nor the sanitizer: no
# character that starts inline syntax (emphasis, code, links, images, raw HTML,
# entities, escapes), and no line that could start a block (indented code, a
# heading, a quote, a list, a rule or a setext underline) or end in a hard break.
# Such a text is paragraphs of lines, and is written exactly as the full path
# would write it (tests/test_site_text.py compares the two on every text of the
# example catalogue and on generated ones).
_INLINE_SYNTAX = re.compile(r"[*_`\[\]<>&!\\\t\r]")
_BLOCK_START = re.compile(r"[#>+=|-]|\d+[.)]")


def _plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of a text without Markdown syntax, or None when the text
    may hold syntax and must go through Markdown and the sanitizer."""
    if _INLINE_SYNTAX.search(text):
        return None
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if not line:
            if current:
                paragraphs.append("\n".join(current))
                current = []
            continue
        if line != line.strip() or _BLOCK_START.match(line):
            return None
        current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _reserialized(text: str) -> str:
    plain = _plain_paragraphs(text)
    if plain is not None:
        return "&#10;".join(f"<p>{p.translate(_TABLE)}</p>" for p in plain)
    return full_path(text)


def free_text(text: str) -> Markup:
    """A free-text field as one line of safe HTML, wrapped for the page."""
    return Markup('<div class="mp-fritekst">' + _reserialized(text) + "</div>")


def full_path(text: str) -> str:
    """The free text through Markdown, nh3 and re-spelling, never the plain-prose
    shortcut: what the tests hold the shortcut to."""
    parser = _Reserializer()
    parser.feed(clean_html(text))
    parser.close()
    return "".join(parser.parts)


def front_matter_title(title: str) -> Markup:
    """The page title for the YAML front matter. MkDocs and Material write
    `page.title` into `<title>` and the page header *without* escaping it (a
    title taken from the first heading arrives there unescaped, `</title><script>`
    and all), so every page sets its title here, escaped as any other value;
    JSON quoting makes it one safe YAML scalar."""
    return Markup(json.dumps(str(escape(title)), ensure_ascii=False))


_MERMAID_UNSAFE = re.compile(r"[^\w ,.\-]+")


# Words that start a statement in a Gantt chart: a task named by one of them would
# become that statement (`click …` a link, `section …` a new section, `title …` the
# chart's title). Compared without case; Mermaid's own lexer ignores it too.
MERMAID_KEYWORDS = tuple(
    word.lower()
    for word in (
        "accDescr",
        "accTitle",
        "axisFormat",
        "click",
        "dateFormat",
        "displayMode",
        "excludes",
        "gantt",
        "includes",
        "inclusiveEndDates",
        "section",
        "tickInterval",
        "title",
        "todayMarker",
        "topAxis",
        "weekday",
        "weekend",
    )
)


def mermaid_label(text: str, limit: int = 60) -> Markup:
    """A label inside a Mermaid diagram: letters, digits, spaces and , . - only, so
    nothing in it is Mermaid syntax (`:` `;` `#` `%%` …), HTML or a code fence; and
    never starting with a statement keyword, which gets a dash in front (the table
    beside the chart keeps the full text)."""
    cleaned = " ".join(_MERMAID_UNSAFE.sub(" ", text).split())
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    # Mermaid's lexer matches the keyword as a prefix («clickable» is `click`)
    if cleaned.lower().startswith(MERMAID_KEYWORDS):
        cleaned = "– " + cleaned
    return Markup(cleaned or "-")
