"""Pictures of the numbers that matter, drawn by the build as plain HTML and CSS
(stylesheets/pictures.css), readable without JavaScript and in both palettes.

A picture only repeats a number the page also says in words beside it (WCAG
1.1.1): it is hidden from assistive technology (`aria-hidden`), so a screen
reader hears the number once. The width is computed here from the records'
numbers; no contributor text reaches the style attribute."""

from __future__ import annotations

from markupsafe import Markup


def bar(part: float, whole: float, *, small: bool = False) -> Markup:
    """A horizontal bar filled to `part` of `whole` (at most full; an overrun is
    marked with a stripe at the end)."""
    share = 0.0 if whole <= 0 else part / whole
    width = max(0.0, min(share, 1.0)) * 100
    classes = (
        "mp-bar" + (" mp-bar--small" if small else "") + (" mp-bar--over" if share > 1 else "")
    )
    return Markup(
        '<span class="{}" aria-hidden="true"><span class="mp-bar__fill" style="width: {}%">'
        "</span></span>"
    ).format(classes, f"{width:.1f}")
