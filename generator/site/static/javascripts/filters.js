/* Markedsplassen: the filters on the list pages (needs, experiences, solutions).
 *
 * Progressive enhancement, no framework, no build step. A list page holds
 *   <div class="mp-filter" data-filter-source="../api/v1/filters/need.json"
 *        data-filter-list="liste-need" hidden></div>
 *   <div id="liste-need"><table> … <tr data-id="app-for-sarprosedyrer"> … </table></div>
 * Without JavaScript (or when the filter file cannot be read) the holder stays
 * hidden and the table is the whole list. With it, this script reads the filter
 * file (generator/site/filters.py), draws a form of real controls (a <select>
 * or a checkbox per facet, each with its <label>), and on every change hides the
 * rows whose record does not match (the `hidden` attribute), announcing «N av M
 * behov vises» in a polite live region. The chosen filters are kept in the
 * address (?kommune=4601), so a filtered list can be shared and reloaded.
 *
 * Every label and value comes from contributor data: the DOM is built with
 * createElement, textContent and properties only, never with innerHTML.
 */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function control(facet, id) {
    var field = element("div", "mp-filter__field");
    var label = element("label", "", facet.label);
    label.htmlFor = id;
    var input;
    if (facet.control === "checkbox") {
      field.className += " mp-filter__field--check";
      input = element("input");
      input.type = "checkbox";
      input.value = facet.options[0].value;
      field.appendChild(input);
      field.appendChild(label);
    } else {
      input = element("select");
      var any = element("option", "", facet.any);
      any.value = "";
      input.appendChild(any);
      facet.options.forEach(function (option) {
        var item = element("option", "", option.label + " (" + option.count + ")");
        item.value = option.value;
        input.appendChild(item);
      });
      field.appendChild(label);
      field.appendChild(input);
    }
    input.id = id;
    input.name = facet.key;
    return { facet: facet, input: input, field: field };
  }

  function chosen(entry) {
    if (entry.input.type === "checkbox") {
      return entry.input.checked ? entry.input.value : "";
    }
    return entry.input.value;
  }

  function choose(entry, value) {
    if (entry.input.type === "checkbox") {
      entry.input.checked = value === entry.input.value;
      return;
    }
    var known = entry.facet.options.some(function (option) {
      return option.value === value;
    });
    entry.input.value = known ? value : "";
  }

  function build(holder, list, table, data) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var total = rows.length;
    var prefix = "mp-filter-" + list.id + "-";

    var form = element("form", "mp-filter__form");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", data.title);
    var fieldset = element("fieldset");
    fieldset.appendChild(element("legend", "", data.title));
    var fields = element("div", "mp-filter__fields");
    var entries = data.facets.map(function (facet) {
      var entry = control(facet, prefix + facet.key);
      fields.appendChild(entry.field);
      return entry;
    });
    fieldset.appendChild(fields);
    var reset = element("button", "md-button", "Vis alle");
    reset.type = "reset";
    fieldset.appendChild(reset);
    form.appendChild(fieldset);
    var status = element("p", "mp-filter__status");
    status.id = prefix + "status";
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");
    form.appendChild(status);
    table.setAttribute("aria-describedby", status.id);

    function apply(remember) {
      var wanted = entries
        .map(function (entry) {
          return { key: entry.facet.key, value: chosen(entry) };
        })
        .filter(function (pick) {
          return pick.value !== "";
        });
      var shown = 0;
      rows.forEach(function (row) {
        var record = data.records[row.getAttribute("data-id")];
        var match = wanted.every(function (pick) {
          var values = record && record[pick.key];
          return Boolean(values) && values.indexOf(pick.value) !== -1;
        });
        row.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      var noun = total === 1 ? data.noun.one : data.noun.other;
      var text = shown + " av " + total + " " + noun + " vises";
      if (shown === 0) {
        text += ". Velg «Vis alle» eller andre filtre for å se flere.";
      }
      status.textContent = text;
      if (remember && window.history && window.URLSearchParams) {
        var query = new URLSearchParams(window.location.search);
        entries.forEach(function (entry) {
          query.delete(entry.facet.key);
        });
        wanted.forEach(function (pick) {
          query.set(pick.key, pick.value);
        });
        var search = query.toString();
        var address = window.location.pathname + (search ? "?" + search : "");
        window.history.replaceState(null, "", address + window.location.hash);
      }
    }

    if (window.URLSearchParams) {
      var query = new URLSearchParams(window.location.search);
      entries.forEach(function (entry) {
        if (query.has(entry.facet.key)) {
          choose(entry, query.get(entry.facet.key));
        }
      });
    }
    form.addEventListener("change", function () {
      apply(true);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(true);
    });
    form.addEventListener("reset", function () {
      // the form's values change after this event: filter once they have
      window.setTimeout(function () {
        apply(true);
      }, 0);
    });
    holder.appendChild(form);
    holder.hidden = false;
    apply(false);
  }

  function start(holder) {
    var list = document.getElementById(holder.getAttribute("data-filter-list"));
    var table = list && list.querySelector("table");
    var source = holder.getAttribute("data-filter-source");
    if (!table || !table.tBodies.length || !source || !window.fetch) {
      return;
    }
    window
      .fetch(source, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(source + ": " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        build(holder, list, table, data);
      })
      .catch(function (problem) {
        // the whole list stays readable; say why there is no filter
        window.console.warn("Markedsplassen: filtrene kunne ikke lages", problem);
      });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".mp-filter[data-filter-source]"), start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
