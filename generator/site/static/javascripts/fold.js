/* Markedsplassen: a record page's sections fold on a phone, so a busy reader sees
 * the title, the fact box and the list of sections at once, and opens the one
 * they came for. Plain JavaScript, no framework; without it every section stays
 * open, as on a wide screen.
 *
 * On a narrow screen (the theme's phone width, under 45em) each section heading
 * (h2) of a record page gets a button that shows or hides what follows it, up to
 * the next section (WAI-ARIA's disclosure pattern: a real <button> inside the
 * heading, with aria-expanded and aria-controls). The first section starts open.
 * A link to a place inside a folded section (the address's #…) opens it. When the
 * screen grows wide, every section opens and stays so.
 */
(function () {
  "use strict";

  var NARROW = "(max-width: 44.9375em)";

  function sectionsOf(record) {
    // each h2 with the elements after it, up to the next h2, in the same parent
    return Array.prototype.map.call(record.querySelectorAll("h2"), function (heading) {
      var parts = [];
      for (var next = heading.nextElementSibling; next && next.tagName !== "H2"; ) {
        parts.push(next);
        next = next.nextElementSibling;
      }
      return { heading: heading, parts: parts };
    });
  }

  function fold(section, index) {
    var heading = section.heading;
    var body = document.createElement("div");
    body.className = "mp-fold__body";
    body.id = (heading.id || "seksjon-" + index) + "-innhold";
    heading.parentNode.insertBefore(body, section.parts[0] || heading.nextSibling);
    section.parts.forEach(function (part) {
      body.appendChild(part);
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "mp-fold__button";
    button.setAttribute("aria-controls", body.id);
    while (heading.firstChild) {
      button.appendChild(heading.firstChild);
    }
    heading.appendChild(button);
    heading.classList.add("mp-fold");
    button.addEventListener("click", function () {
      show(button, button.getAttribute("aria-expanded") !== "true");
    });
    show(button, index === 0);
    return button;
  }

  function show(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
  }

  function openTarget(buttons) {
    // the address's #… inside a folded section: open that section
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    buttons.forEach(function (button) {
      var body = document.getElementById(button.getAttribute("aria-controls"));
      if (target && (body.contains(target) || button.parentNode === target)) {
        show(button, true);
      }
    });
  }

  function start() {
    var record = document.querySelector(".mp-record");
    var narrow = window.matchMedia && window.matchMedia(NARROW);
    if (!record || !narrow || !narrow.matches) {
      return;
    }
    var buttons = sectionsOf(record).map(fold);
    openTarget(buttons);
    window.addEventListener("hashchange", function () {
      openTarget(buttons);
    });
    narrow.addEventListener("change", function (change) {
      if (!change.matches) {
        buttons.forEach(function (button) {
          show(button, true);
        });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
