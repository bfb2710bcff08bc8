"""Text from contributors made safe to put into Markdown that GitHub renders (a
pull-request comment, an issue, the job summary): no formatting, links, HTML or
@-mentions come through, only the characters."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~-])")
# A word joiner after @ keeps GitHub from turning «@login» into a mention.
_MENTION = "@\u2060"


def text(value: str, limit: int = 2000) -> str:
    """One line of plain text: Markdown and HTML escaped, line breaks as spaces."""
    value = " ".join(value.split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    return value.replace("@", _MENTION)


def code(value: str) -> str:
    """An inline code span, or escaped text when the value could break out of one."""
    if "`" in value or "\n" in value or not value.strip():
        return text(value)
    return f"`{value}`"


def block(value: str, limit: int = 8000) -> str:
    """A fenced block that shows `value` as it is: nothing in it is interpreted."""
    if len(value) > limit:
        value = value[:limit] + "\n… (forkortet)"
    longest = max((len(run) for run in re.findall(r"~+", value)), default=0)
    fence = "~" * max(3, longest + 1)
    return f"{fence}text\n{value.rstrip()}\n{fence}"
