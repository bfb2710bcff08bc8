"""Which part of a record page the site search indexes: its title and lead.

A record page's sections below the lead are mostly text indexed elsewhere too
(tables of linked records, the KS phase table, the same «how to take part»
paragraph on every need); indexing them would make every query match hundreds of
pages by their boilerplate and grow the index well past the records themselves. A
record page says `index: lead` in its front matter; for those pages this plugin
wraps everything from the first section heading to the end in an element Pagefind
ignores (`data-pagefind-ignore="all"`). The page keeps its headings, table of
contents and anchors; the search finds the record by its title, summary and
facts, and the section pages and lists lead on from there.

Registered by the build itself (generator/site/mkdocs_build.py), not in
mkdocs.yml, so the configuration stays within what Material and Zensical share.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

NAME = "markedsplassen/search-scope"
META_KEY = "index"
LEAD = "lead"

# Headings as Python-Markdown's toc extension writes them: `<h2 id="…">`. The
# record text inside is already sanitised (no attributes survive nh3 on
# headings), so a heading tag here is one the templates made.
_SECTION_HEADING = re.compile(r"<h[2-6](?=[\s>])")
IGNORED = '<div data-pagefind-ignore="all">'


def lead_only(html: str) -> str:
    """The page with everything from its first section heading on set aside from
    the index."""
    first = _SECTION_HEADING.search(html)
    if first is None:
        return html
    return html[: first.start()] + IGNORED + html[first.start() :] + "</div>"


class SearchScope(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.meta.get(META_KEY) == LEAD:
            return lead_only(html)
        return html
