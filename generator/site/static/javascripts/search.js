/* Markedsplassen: the search field in the header (generator/site/search_index.py).
 * Plain JavaScript, no framework.
 *
 * Nothing is fetched for search until the reader types: the first keystroke
 * imports Pagefind (pagefind/pagefind.js beside the site), which then fetches only
 * the index chunks and fragments the query touches (each keystroke preloads the
 * chunks of the word so far).
 *
 * Pagefind alone fetches its script, then its entry file, then its metadata and
 * WebAssembly: three round trips one after the other before the first index
 * chunk. The build writes the entry into ENTRY below (search_index.py), so the
 * first keystroke starts all four requests at once, and Pagefind is handed the
 * responses already under way when it asks for them (handOver()). Should Pagefind
 * ask for other addresses, it fetches them itself as before; a browser test
 * checks that no file is fetched twice. The results (at most SHOWN) are links under the field, with the record type and an excerpt; their
 * number is a polite status message (WCAG 4.1.3). The type filter narrows them.
 * Escape empties the field and closes the results; the field keeps the focus.
 *
 * On the search page (sok/) the query in the address (?q=…&type=…) is searched
 * when the page opens, and all results are listed in the page itself, so a search
 * can be shared as a link. Without JavaScript the form goes to that page, which
 * leads to the lists.
 *
 * Excerpts come from Pagefind as HTML with <mark> around the matched words; only
 * the text and the <mark> elements are kept, built as DOM nodes, never as HTML.
 */
(function () {
  "use strict";

  var SHOWN = 5;
  var PAGE_SIZE = 20;
  var script = document.currentScript;
  // the site's base, from this script's own address (…/javascripts/search.js)
  var base = script ? script.src.replace(/javascripts\/search\.js(\?.*)?$/, "") : "/";
  var engine = null;
  // Pagefind's entry file, written here by the build; null before it is
  var ENTRY = null;

  function startEarly() {
    // the requests Pagefind makes one after another, started together, by address
    var bundle = new URL(base + "pagefind/", window.location.href).href;
    var languages = ENTRY && ENTRY.languages ? Object.keys(ENTRY.languages) : [];
    if (languages.length !== 1) {
      return { tag: null, responses: {} };
    }
    var about = ENTRY.languages[languages[0]];
    var tag = about.hash;
    var responses = {};
    [
      "pagefind-entry.json?ts=" + tag,
      "pagefind." + about.hash + ".pf_meta",
      "wasm." + (about.wasm || "unknown") + ".pagefind",
    ].forEach(function (name) {
      responses[bundle + name] = window.fetch(bundle + name);
    });
    return { tag: tag, responses: responses };
  }

  // puts window.fetch back once Pagefind has what was started early (handOver)
  var release = function () {};

  function handOver(responses) {
    // until Pagefind has taken every response started early (or the first search
    // is done), a fetch of one of those addresses gets the response under way
    var fetch = window.fetch;
    function restore() {
      if (window.fetch === early) {
        window.fetch = fetch;
      }
      release = function () {};
    }
    function early(input) {
      var url = new URL(typeof input === "string" ? input : input.url, window.location.href).href;
      var response = responses[url];
      if (!response) {
        return fetch.apply(this, arguments);
      }
      delete responses[url];
      if (!Object.keys(responses).length) {
        restore();
      }
      return response;
    }
    window.fetch = early;
    release = restore;
  }

  function load() {
    if (!engine) {
      var started = startEarly();
      engine = import(base + "pagefind/pagefind.js").then(function (pagefind) {
        var options = {
          basePath: base + "pagefind/",
          baseUrl: new URL(base).pathname,
          excerptLength: 18,
          noWorker: true,
        };
        if (started.tag) {
          options.metaCacheTag = started.tag;
        }
        return pagefind
          .options(options)
          .then(function () {
            // Pagefind fetches its entry, metadata and WebAssembly from here on
            if (started.tag) {
              handOver(started.responses);
            }
            return pagefind.init();
          })
          .then(function () {
            return pagefind;
          });
      });
    }
    return engine;
  }

  function plural(count) {
    return count === 1 ? "1 treff" : count + " treff";
  }

  function excerpt(html) {
    // text and <mark> only: the excerpt is parsed inertly and rebuilt as nodes
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createElement("p");
    out.className = "mp-search__excerpt";
    parsed.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "mp-search__result";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(link);
    var type = data.filters && data.filters.type && data.filters.type[0];
    if (type) {
      var tag = document.createElement("span");
      tag.className = "mp-search__type-tag";
      tag.textContent = " (" + type + ")";
      li.appendChild(tag);
    }
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  function Search(form, list, status, typeSelect, limit) {
    this.form = form;
    this.list = list;
    this.status = status;
    this.type = typeSelect;
    this.limit = limit;
    this.asked = 0;
  }

  Search.prototype.run = function (query) {
    var self = this;
    var asked = ++this.asked;
    query = query.trim();
    if (!query) {
      this.list.replaceChildren();
      this.status.textContent = "";
      return Promise.resolve(null);
    }
    var filters = this.type && this.type.value ? { type: this.type.value } : {};
    this.status.textContent = "Søker …";
    return load()
      .then(function (pagefind) {
        return pagefind.search(query, { filters: filters });
      })
      .finally(function () {
        release();
      })
      .then(function (found) {
        if (asked !== self.asked || !found) {
          return null;
        }
        var first = found.results.slice(0, self.limit);
        return Promise.all(
          first.map(function (result) {
            return result.data();
          })
        ).then(function (data) {
          if (asked !== self.asked) {
            return null;
          }
          self.list.replaceChildren.apply(self.list, data.map(item));
          var total = found.results.length;
          self.status.textContent =
            total === 0
              ? "Ingen treff på «" + query + "»."
              : total > data.length
                ? plural(total) + ", viser de " + data.length + " første."
                : plural(total) + ".";
          return found;
        });
      })
      .catch(function () {
        if (asked === self.asked) {
          self.status.textContent = "Søket kunne ikke lastes. Prøv igjen, eller bruk listene.";
        }
        return null;
      });
  };

  function header(form) {
    var input = form.querySelector(".mp-search__input");
    var panel = form.querySelector(".mp-search__panel");
    var typeSelect = form.querySelector(".mp-search__type");
    var search = new Search(
      form,
      form.querySelector(".mp-search__results"),
      form.querySelector(".mp-search__status"),
      typeSelect,
      SHOWN
    );
    var timer = null;

    function update() {
      panel.hidden = !input.value.trim();
      search.run(input.value);
    }

    input.addEventListener("input", function () {
      // the first keystroke starts loading Pagefind at once, and each one fetches
      // the index chunks its word needs while the reader goes on typing
      var value = input.value.trim();
      if (value) {
        load().then(function (pagefind) {
          return pagefind.preload(value);
        }).catch(function () {});
      }
      clearTimeout(timer);
      timer = setTimeout(update, 80);
    });
    typeSelect.addEventListener("change", update);
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        input.value = "";
        update();
        input.focus();
      }
    });
    return { input: input, type: typeSelect };
  }

  function searchPage(field) {
    // the search page: the address's query, all results in the page, shareable
    var page = document.getElementById("mp-search-page");
    if (!page) {
      return;
    }
    var params = new URLSearchParams(window.location.search);
    var query = params.get("q") || "";
    field.input.value = query;
    if (params.get("type")) {
      field.type.value = params.get("type");
    }
    var list = page.querySelector(".mp-search-page__results");
    var status = page.querySelector(".mp-search-page__status");
    var search = new Search(page, list, status, field.type, PAGE_SIZE);
    if (query) {
      search.run(query);
    }
  }

  function start() {
    var form = document.querySelector("form[data-mp-search]");
    if (!form) {
      return;
    }
    searchPage(header(form));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
