"""Pages drawn with Jinja2: autoescaping and `StrictUndefined` on, one template
per page kind in `generator/templates/site/`. Every value a template writes goes
through `finalize`, which escapes plain strings for Markdown *and* HTML; only
`Markup` built in Python (links, cleaned free text, the Mermaid source) passes as
it is. Record text is always a value, never template source."""

from __future__ import annotations

from functools import cache

import jinja2
from markupsafe import Markup

from generator.site.pages import Page
from generator.site.text import escape, front_matter_title


class TemplateBug(RuntimeError):
    """A template wrote something other than text: a tool failure."""


def _finalize(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Markup(str(value))
    raise TemplateBug(f"en mal skriver ut {type(value).__name__} ({value!r}); lag tekst i Python")


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates/site"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(page: Page) -> str:
    template = environment().get_template(page.template)
    return template.render(
        page.context, title=page.title, front_matter_title=front_matter_title(page.title)
    )
