"""Which part of a record page the site search indexes: its title and lead.

Material for MkDocs indexes every section (every heading) of every page with its
full text. On record pages that is mostly text indexed elsewhere too (tables of
linked records, the KS phase table, the same «how to take part» paragraph on
every need), and the index grew to 4.4 KB per record, larger than the records
themselves (benchmarks/README.md). A record page says `index: lead` in its front
matter; for those pages this plugin marks every heading below the title with
`data-search-exclude`, which Material's search honours for the whole section the
heading opens. The page keeps its headings, table of contents and anchors; the
search finds the record by its title, summary and facts, and the section pages
and lists lead on from there.

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
_SECTION_HEADING = re.compile(r"<h([2-6])(?=[\s>])")


def lead_only(html: str) -> str:
    return _SECTION_HEADING.sub(r"<h\1 data-search-exclude", html)


class SearchScope(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.meta.get(META_KEY) == LEAD:
            return lead_only(html)
        return html
