"""Markdown rendering of a document: every value from the catalogue escaped, so
contributor text can never become Markdown, HTML or a template."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from generator.documents.model import Document, Link

LANGUAGE = "nb-NO"


# Backslash escapes work for these in both CommonMark (GitHub) and Python-Markdown
# (MkDocs); the rest become character references, which both show literally.
_MD_ESCAPES = {char: "\\" + char for char in "\\`*_{}[]#"} | {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "~": "&#126;",
    "$": "&#36;",
}
_MD_SPECIAL = re.compile("[" + re.escape("".join(_MD_ESCAPES)) + "]")
# at the start of a line: a list item, an ordered list, an admonition or details block
_MD_LINE_START = re.compile(r"^(?:([-+!])|([0-9]+)([.)])|([?:]))")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _line_start(match: re.Match[str]) -> str:
    marker, number, delimiter, other = match.groups()
    if marker:
        return "\\" + marker
    if number:
        return f"{number}\\{delimiter}"
    return f"&#{ord(other)};"


def markdown_escape(text: object) -> str:
    """A value as literal Markdown text on one line. Every character that could
    start emphasis, code, a link, HTML, an entity, a table cell, strikethrough or
    math is escaped, and so is a block marker at the start; `{` and `}` too, so that
    no later template engine evaluates contributor text either."""
    value = _SPACE.sub(" ", _CONTROL.sub("", str(text))).strip()
    value = _MD_SPECIAL.sub(lambda match: _MD_ESCAPES[match.group(0)], value)
    return _MD_LINE_START.sub(_line_start, value)


def markdown_href(link: Link) -> str:
    target = link.target if link.external else f"{link.target}.md"
    return quote(target, safe="/:?#=&%~.-_+,;@!$'*")


@cache
def _environment() -> jinja2.Environment:
    # autoescape stays on as a second guard: the filters return Markup, so anything
    # printed without them would still be HTML-escaped rather than passed through.
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates/documents"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = lambda value: Markup(markdown_escape(value))
    environment.filters["md_href"] = lambda link: Markup(markdown_href(link))
    return environment


def render_markdown(document: Document) -> str:
    text = _environment().get_template("document.md.j2").render(document=document)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
