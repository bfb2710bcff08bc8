/* Markedsplassen: two things universal design (WCAG 2.1) asks of the theme's own
 * scripts, on every page. Plain JavaScript, no framework.
 *
 * 1. No shortcuts of a single character key (2.1.4). Material for MkDocs moves
 *    focus to the search with «/», «s» or «f» and goes to the previous or next
 *    page with «p», «,», «n» or «.», anywhere on the page. A reader who dictates
 *    text, or whose hand slips, would set them off without meaning to, and the
 *    theme offers no way to turn them off. This listener comes first (the capture
 *    phase on window) and keeps such a key press from the theme's listener,
 *    unless a modifier is held or the key goes to a field, where it is typing.
 *    The browser's own handling of the key is untouched (no preventDefault). The
 *    site's search (javascripts/search.js) is a field in the header, a Tab stop
 *    away.
 *
 * 2. A table wider than the page scrolls sideways in the theme's own frame
 *    (.md-typeset__scrollwrap), so the page itself reflows (1.4.10). Such a frame
 *    is made a named Tab stop, so it can be scrolled with the arrow keys too
 *    (2.1.1); a frame whose table fits is left out of the Tab order. Sizes change
 *    with the window, the zoom and the list filters, so it is checked again
 *    whenever a frame or its table changes size.
 */
(function () {
  "use strict";

  function typing(target) {
    if (!(target instanceof Element)) {
      return false;
    }
    return target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
  }

  window.addEventListener(
    "keydown",
    function (event) {
      var single = event.key && event.key.length === 1 && event.key.trim() !== "";
      var modified = event.ctrlKey || event.metaKey || event.altKey;
      if (single && !modified && !typing(event.target)) {
        event.stopPropagation();
      }
    },
    true
  );

  function heading(frame) {
    // the nearest heading before the table, which says what the table is about
    var node = frame.closest(".md-typeset > *") || frame;
    for (; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return node.textContent.trim();
      }
    }
    return "";
  }

  function reachable(frame) {
    if (frame.scrollWidth > frame.clientWidth + 1) {
      var about = heading(frame);
      frame.tabIndex = 0;
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", about ? "Tabell: " + about : "Tabell");
    } else if (frame.hasAttribute("tabindex")) {
      frame.removeAttribute("tabindex");
      frame.removeAttribute("role");
      frame.removeAttribute("aria-label");
    }
  }

  function frames() {
    var all = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(all, reachable);
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) {
          var frame = entry.target.closest(".md-typeset__scrollwrap");
          if (frame) {
            reachable(frame);
          }
        });
      });
      Array.prototype.forEach.call(all, function (frame) {
        observer.observe(frame);
        var table = frame.querySelector("table");
        if (table) {
          observer.observe(table);
        }
      });
    }
  }

  function start() {
    frames();
  }

  // after the theme, which draws the frames when the document has loaded
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
