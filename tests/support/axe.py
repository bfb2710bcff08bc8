"""axe-core in the browser tests: the WCAG 2.1 A/AA rules the site is held to
(experimental ones included), run in a page, and its findings made readable."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.support.browsing import Watched

AXE = Axe()  # axe-core as the package carries it
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules axe-core tags with a WCAG 2.1 A/AA criterion but marks experimental (off
# unless asked for): run them too.
EXPERIMENTAL = ["css-orientation-lock", "label-content-name-mismatch", "p-as-heading"]
EXPERIMENTAL += ["table-fake-caption", "td-has-header"]
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": TAGS},
    "rules": {rule: {"enabled": True} for rule in EXPERIMENTAL},
    "resultTypes": ["violations"],
}
# Material draws the Mermaid timeline into a closed shadow root, which neither
# axe-core nor a test can look into. In these tests every shadow root is opened,
# so the diagram is checked like the rest of the page; readers' browsers are not
# touched.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, Object.assign({}, init, { mode: "open" }));
};
"""


def report(found: dict[str, list[dict[str, Any]]]) -> str:
    """axe's violations, readable: page, rule, impact, help, the elements."""
    lines = []
    for where, violations in found.items():
        for v in violations:
            lines.append(f"{where}: {v['id']} ({v['impact']}): {v['help']}")
            lines.append(f"    {v['helpUrl']}")
            for node in v["nodes"][:10]:
                lines.append(f"    - {' > '.join(str(t) for t in node['target'])}")
                lines.append(f"      {node['failureSummary'].replace(chr(10), ' ')}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's findings on the page as it stands (axe is in every page of the
    context: `with_axe`)."""
    # the theme fades things in (the search results): colours count once they stand
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    violations: list[dict[str, Any]] = page.evaluate(
        "async (options) => (await axe.run(document, options)).violations", AXE_OPTIONS
    )
    return violations


def with_axe(w: Watched) -> Watched:
    """axe-core, from the package, put into every page the context opens, and the
    shadow roots opened for it."""
    w.page.context.add_init_script(OPEN_SHADOW_ROOTS)
    w.page.context.add_init_script(AXE.axe_script)
    return w
