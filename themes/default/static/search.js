// The search page: loads Pagefind's default UI into #search, runs the query of `?q=`
// (from the header's search box) and keeps the "other language" links on the same query.
// Only the search page loads this file; the index itself loads when a query is typed.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var data = root.dataset;

  var stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = data.uiStylesheet;
  document.head.appendChild(stylesheet);

  function followQuery(query) {
    var links = document.querySelectorAll("[data-search-other]");
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      links[i].href = url.pathname + url.search;
    }
  }

  // The index holds ASCII apostrophes so that « d’emploi » is also found as « emploi »
  // (see src/search.rs); results show the typographic ones again.
  function curly(text) {
    return typeof text === "string" ? text.replace(/'/g, "\u2019") : text;
  }
  function processResult(result) {
    result.excerpt = curly(result.excerpt);
    if (result.meta) result.meta.title = curly(result.meta.title);
    (result.sub_results || []).forEach(function (sub) {
      sub.title = curly(sub.title);
      sub.excerpt = curly(sub.excerpt);
    });
    return result;
  }

  // French stemming keeps the -s of « emplois » (Snowball only drops it after a consonant),
  // so a plural query would miss the singular. Pagefind matches prefixes: searching the
  // singular finds both forms.
  var french = document.documentElement.lang === "fr";
  function processTerm(term) {
    if (!french) return term;
    return term.replace(/([a-z\u00e0-\u00ff]{3,})[sx]\b/gi, "$1");
  }

  function start() {
    /* global PagefindUI */
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: data.bundle,
      showImages: false,
      showSubResults: true,
      autofocus: true,
      debounceTimeoutMs: 200,
      processResult: processResult,
      processTerm: processTerm
    });
    var input = root.querySelector("input");
    if (input) {
      input.addEventListener("input", function () { followQuery(input.value.trim()); });
    }
    var query = new URLSearchParams(location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
      followQuery(query);
    }
  }

  var script = document.createElement("script");
  script.src = data.uiScript;
  script.onload = start;
  document.head.appendChild(script);
})();
