/* Markedsplassen: the filters on the list pages (needs, experiences, solutions).
 *
 * Progressive enhancement, no framework, no build step. A list page holds
 *   <div class="mp-filter" data-filter-source="../api/v1/filters/need.json"
 *        data-filter-data="../api/v1/filters/need-poster.json"
 *        data-filter-list="liste-need" hidden></div>
 *   <div id="liste-need"><table> … <tr data-id="app-for-sarprosedyrer"> … </table>
 *     <nav class="mp-pager"> … </nav></div>
 * A long list shows 50 rows per page, with links to its other pages. Without
 * JavaScript the holder stays hidden and those pages are the whole list. With
 * it, this script reads the list's controls (generator/site/filters.py) and
 * draws a form of real controls (a <select> or a checkbox per facet, each with
 * its <label>). The data to filter every record, the list's second file, is
 * fetched only when the reader first uses a filter (or opens a filtered
 * address): then every row of the list goes into the table, the pages' links
 * give way, and each change shows the matching rows, 50 at a time with «Vis
 * flere», announcing «N av M behov vises» in a polite live region. The chosen
 * filters are kept in the address (?kommune=4601), so a filtered list can be
 * shared and reloaded. On a list's later pages a filter leads to the first page,
 * where it applies to the whole list (a later page's holder names the first
 * page in data-filter-first).
 *
 * Every label and value comes from contributor data: the form is built with
 * createElement, textContent and properties only, never with innerHTML. The rows
 * in the filter file are the list's own table cells as the generator wrote them,
 * escaped as on the page; they are parsed in an inert <template>.
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

  var SHOWN = 50; // unless the page says otherwise (data-filter-size)

  function parseRow(id, cells, labels) {
    var row = element("tr");
    row.setAttribute("data-id", id);
    cells.forEach(function (html, index) {
      var cell = element("td");
      if (labels[index]) {
        cell.setAttribute("data-label", labels[index]); // the phone's card shows it
      }
      var template = document.createElement("template");
      template.innerHTML = html; // the generator's escaped cell, parsed inertly
      cell.appendChild(template.content);
      row.appendChild(cell);
    });
    return row;
  }

  function build(holder, list, table, controls) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var total = controls.count;
    var records = null; // every record's values, once the filter file is read
    var loading = null;
    var size = parseInt(holder.getAttribute("data-filter-size"), 10) || SHOWN;
    var limit = size;
    var first = holder.getAttribute("data-filter-first");
    var onFirstPage = !first;
    var prefix = "mp-filter-" + list.id + "-";

    var form = element("form", "mp-filter__form");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", controls.title);
    // on a phone the controls fold away under their title, so the list comes
    // first; on a wider screen, or with filters in the address, they stand open
    var fold = element("details", "mp-filter__fold");
    fold.appendChild(element("summary", "mp-filter__summary", controls.title));
    var narrow = window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches;
    var fieldset = element("fieldset");
    fieldset.appendChild(element("legend", "", controls.title));
    var fields = element("div", "mp-filter__fields");
    var entries = controls.facets.map(function (facet) {
      var entry = control(facet, prefix + facet.key);
      fields.appendChild(entry.field);
      return entry;
    });
    fieldset.appendChild(fields);
    var reset = element("button", "md-button", "Vis alle");
    reset.type = "reset";
    fieldset.appendChild(reset);
    fold.appendChild(fieldset);
    form.appendChild(fold);
    var status = element("p", "mp-filter__status");
    status.id = prefix + "status";
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");
    form.appendChild(status);
    table.setAttribute("aria-describedby", status.id);
    var more = element("button", "md-button mp-filter__more", "Vis flere");
    more.type = "button";
    more.hidden = true;
    list.appendChild(more);

    function wanted() {
      return entries
        .map(function (entry) {
          return { key: entry.facet.key, value: chosen(entry) };
        })
        .filter(function (pick) {
          return pick.value !== "";
        });
    }

    function remember(picks) {
      if (!window.history || !window.URLSearchParams) {
        return;
      }
      var query = new URLSearchParams(window.location.search);
      entries.forEach(function (entry) {
        query.delete(entry.facet.key);
      });
      picks.forEach(function (pick) {
        query.set(pick.key, pick.value);
      });
      var search = query.toString();
      var address = window.location.pathname + (search ? "?" + search : "");
      window.history.replaceState(null, "", address + window.location.hash);
    }

    function noun(count) {
      return count === 1 ? controls.noun.one : controls.noun.other;
    }

    function load() {
      // every row of the list, in its order, instead of this page's
      if (!loading) {
        status.textContent = "Henter hele listen …";
        var source = holder.getAttribute("data-filter-data");
        loading = window
          .fetch(source, { credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) {
              throw new Error(source + ": " + response.status);
            }
            return response.json();
          })
          .then(function (data) {
            records = data.records;
            var body = table.tBodies[0];
            var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
              return th.textContent;
            });
            rows = data.rows.map(function (row) {
              return parseRow(row[0], row[1], labels);
            });
            body.replaceChildren.apply(body, rows);
            Array.prototype.forEach.call(
              list.querySelectorAll(".mp-pager, .mp-liste__range"),
              function (node) {
                node.hidden = true;
              }
            );
          });
      }
      return loading;
    }

    function show() {
      var picks = wanted();
      var matches = 0;
      rows.forEach(function (row) {
        var record = records[row.getAttribute("data-id")];
        var match = picks.every(function (pick) {
          var values = record && record[pick.key];
          return Boolean(values) && values.indexOf(pick.value) !== -1;
        });
        matches += match ? 1 : 0;
        row.hidden = !match || matches > limit;
      });
      var text = matches + " av " + total + " " + noun(total) + " vises";
      if (matches === 0) {
        text += ". Velg «Vis alle» eller andre filtre for å se flere.";
      } else if (matches > limit) {
        text += "; her står de " + limit + " første, og «Vis flere» viser flere.";
      }
      status.textContent = text;
      more.hidden = matches <= limit;
      return picks;
    }

    function apply(store) {
      var picks = wanted();
      if (!onFirstPage) {
        // a filter works on the whole list, which the first page holds
        if (picks.length && window.URLSearchParams) {
          var query = new URLSearchParams();
          picks.forEach(function (pick) {
            query.set(pick.key, pick.value);
          });
          window.location.href = first + "?" + query.toString();
        }
        return;
      }
      limit = size;
      load()
        .then(function () {
          show();
          if (store) {
            remember(picks);
          }
        })
        .catch(function (problem) {
          status.textContent = "Filtrene kunne ikke hente listen. Bla i sidene under.";
          window.console.warn("Markedsplassen: filtrene kunne ikke hente listen", problem);
        });
    }

    var fromAddress = false;
    if (window.URLSearchParams) {
      var query = new URLSearchParams(window.location.search);
      entries.forEach(function (entry) {
        if (query.has(entry.facet.key)) {
          choose(entry, query.get(entry.facet.key));
          fromAddress = true;
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
    more.addEventListener("click", function () {
      limit += size;
      show();
    });
    fold.open = !narrow || fromAddress;
    holder.appendChild(form);
    holder.hidden = false;
    if (fromAddress && onFirstPage) {
      apply(false);
    } else {
      var here = rows.length;
      status.textContent = here + " av " + total + " " + noun(total) + " vises";
    }
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
      .then(function (controls) {
        build(holder, list, table, controls);
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
