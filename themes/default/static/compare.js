// The comparison page: puts any two to four PES side by side in the page, from the site's own
// data file (`data-compare` on the form: data/compare/<lang>.json, where the build wrote every
// figure and word for the page's language, so nothing is formatted here), and keeps the choice
// in the address (?a=fr-ft&b=se-af…), so it can be shared and comes back on reload. The tables
// are those of the precomputed comparison pages (templates/compare_tables.html): keep the two
// alike. Every text from the data goes in with textContent or setAttribute, never as markup.
// Without JavaScript the form stays hidden and the page lists the precomputed comparisons.
(function () {
  var form = document.getElementById("compare-form");
  var result = document.getElementById("compare-result");
  var status = document.getElementById("compare-status");
  if (!form || !result || !status || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var SVG = "http://www.w3.org/2000/svg";
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var data = null;

  function node(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      element.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  function svgNode(tag, attributes, text) {
    var element = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) {
      element.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  function append(parent) {
    Array.prototype.slice.call(arguments, 1).forEach(function (child) {
      parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return parent;
  }

  function label(key) {
    return data.labels[key] || "";
  }

  function link(url, text, lang) {
    var a = node("a", { href: url }, text);
    if (lang) {
      a.setAttribute("lang", lang);
    }
    return a;
  }

  /** A dash for the eye and `text` for screen readers: a gap, never a zero. */
  function gap(text) {
    var fragment = document.createDocumentFragment();
    append(fragment, node("span", { class: "gap", "aria-hidden": "true" }, "–"));
    append(fragment, node("span", { class: "visually-hidden" }, text));
    return fragment;
  }

  function sparkline(trend) {
    var svg = svgNode("svg", {
      class: "chart chart-sparkline",
      viewBox: data.spark_view_box,
      role: "img",
      "aria-labelledby": trend.id + "-title " + trend.id + "-desc",
    });
    svg.appendChild(svgNode("title", { id: trend.id + "-title" }, trend.title));
    svg.appendChild(svgNode("desc", { id: trend.id + "-desc" }, trend.desc));
    svg.appendChild(svgNode("path", { d: trend.path, class: "chart-line" }));
    if (trend.last) {
      svg.appendChild(
        svgNode("circle", { cx: trend.last[0], cy: trend.last[1], r: "2.5", class: "chart-point" })
      );
    }
    return svg;
  }

  function headRow(first, columns, median) {
    var row = append(node("tr"), node("th", { scope: "col" }, first));
    columns.forEach(function (column) {
      row.appendChild(
        append(
          node("th", { scope: "col", class: "compare-pes" }),
          link(column.pes.url, column.pes.name),
          " ",
          node("span", { class: "compare-sub" }, column.pes.country + " · " + column.cluster)
        )
      );
    });
    if (median) {
      row.appendChild(
        node("th", { scope: "col", class: "num compare-median" }, label("bench.network_median"))
      );
    }
    return append(node("thead"), row);
  }

  /**
   * Where a table's figures come from, as the `provenance` macro of templates/macros.html
   * writes it: sources, years and last update, then "illustrative" where they are.
   */
  function provenanceLine(provenance) {
    var line = node("p", { class: "provenance" });
    provenance.parts.forEach(function (part, index) {
      var span = append(node("span", { class: "provenance-part" }), part.label + label("bench.colon") + " ");
      span.appendChild(
        part.datetime ? node("time", { datetime: part.datetime }, part.text) : document.createTextNode(part.text)
      );
      line.appendChild(span);
      if (index < provenance.parts.length - 1 || provenance.illustrative) {
        line.appendChild(document.createTextNode(" · "));
      }
    });
    if (provenance.illustrative) {
      line.appendChild(node("strong", { class: "provenance-illustrative" }, provenance.illustrative));
    }
    return line;
  }

  /**
   * A section with a heading and a table in a focusable scrolling region, then where its
   * figures come from (`provenance`, if any) and a note.
   */
  function tableSection(id, heading, caption, head, rows, note, provenance) {
    var section = node("section", { "aria-labelledby": id });
    section.appendChild(heading);
    heading.id = id;
    var region = node("div", {
      class: "table-scroll",
      role: "region",
      "aria-labelledby": id + "-caption",
      tabindex: "0",
    });
    var table = append(
      node("table", { class: "data-table compare-table" }),
      node("caption", { id: id + "-caption" }, caption),
      head,
      append.apply(null, [node("tbody")].concat(rows))
    );
    append(section, append(region, table));
    if (provenance) {
      section.appendChild(provenanceLine(provenance));
    }
    if (note) {
      section.appendChild(node("p", { class: "note" }, note));
    }
    return section;
  }

  function indicatorRows(columns) {
    return data.rows.indicators.map(function (head, index) {
      var row = append(
        node("tr"),
        append(
          node("th", { scope: "row" }),
          link(head.url, head.name),
          " ",
          node("span", { class: "compare-sub" }, head.better)
        )
      );
      columns.forEach(function (column) {
        var cell = column.indicators[index];
        var td = node("td", { class: "num compare-cell" });
        if (cell) {
          append(td, node("strong", {}, cell.value), " ", node("span", { class: "compare-sub" }, cell.year));
          if (cell.change) {
            var change = node("span", { class: "compare-change" + (cell.verdict ? " " + cell.verdict["class"] : "") }, cell.change);
            if (cell.verdict) {
              append(change, " ", node("span", { class: "verdict" }, cell.verdict.word));
            }
            append(td, " ", change);
          }
          append(td, " ", sparkline(cell.trend));
        } else {
          td.appendChild(gap(label("bench.no_value")));
        }
        row.appendChild(td);
      });
      var median = node("td", { class: "num" });
      if (head.median) {
        append(median, head.median + " ", node("span", { class: "compare-sub" }, head.median_year || ""));
      } else {
        median.appendChild(gap(label("bench.no_value")));
      }
      return append(row, median);
    });
  }

  function areaRows(columns) {
    return data.rows.areas.map(function (head, index) {
      var row = append(
        node("tr"),
        append(
          node("th", { scope: "row" }),
          node("span", { class: "area-tag" }, head.id),
          " ",
          link(head.url, head.name)
        )
      );
      columns.forEach(function (column) {
        var score = column.scores[index];
        var td = node("td", { class: "num" });
        td.appendChild(score ? document.createTextNode(score) : gap(label("compare.not_assessed")));
        row.appendChild(td);
      });
      var median = node("td", { class: "num" });
      median.appendChild(head.median ? document.createTextNode(head.median) : gap(label("bench.no_value")));
      return append(row, median);
    });
  }

  /** The rows of the areas under which one of `columns` filed a practice. */
  function practiceRows(columns) {
    var rows = [];
    data.rows.practice_rows.forEach(function (head, index) {
      var cells = columns.map(function (column) {
        return column.practices[index] || [];
      });
      if (!cells.some(function (cell) { return cell.length; })) {
        return;
      }
      var th = node("th", { scope: "row" });
      if (head.url) {
        append(th, node("span", { class: "area-tag" }, head.id), " ", link(head.url, head.name));
      } else {
        th.textContent = head.name;
      }
      var row = append(node("tr"), th);
      cells.forEach(function (practices) {
        var td = node("td");
        if (practices.length) {
          var list = node("ul", { class: "compare-practices" });
          practices.forEach(function (practice) {
            list.appendChild(append(node("li"), link(practice.url, practice.title, practice.lang)));
          });
          td.appendChild(list);
        } else {
          td.appendChild(gap(label("compare.no_practice")));
        }
        row.appendChild(td);
      });
      rows.push(row);
    });
    return rows;
  }

  function show(columns) {
    var title = columns.map(function (column) { return column.pes.name; }).join(" / ");
    var heading = node("h2", { id: "compare-title" }, title);
    result.appendChild(heading);
    result.appendChild(
      tableSection(
        "compare-indicators",
        node("h3", {}, label("compare.indicators_title")),
        label("compare.indicators_caption"),
        headRow(label("bench.indicator"), columns, true),
        indicatorRows(columns),
        label("compare.cell_note"),
        data.rows.indicators_provenance
      )
    );
    if (data.rows.areas.length) {
      var areasHeading = append(
        node("h3", {}, label("compare.areas_title") + " "),
        link(data.rows.cycle_url, data.rows.cycle)
      );
      result.appendChild(
        tableSection(
          "compare-areas",
          areasHeading,
          label("compare.areas_caption") + " " + data.rows.cycle,
          headRow(label("pes.area"), columns, true),
          areaRows(columns),
          label("compare.score_note"),
          data.rows.areas_provenance
        )
      );
    } else if (data.rows.scores_kept) {
      // Each PES's scores are kept for members in this edition: the section says so.
      var kept = node("section", { "aria-labelledby": "compare-areas-title" });
      kept.appendChild(
        append(
          node("h3", { id: "compare-areas-title" }, label("compare.areas_title") + " "),
          link(data.rows.cycle_url, data.rows.cycle)
        )
      );
      kept.appendChild(node("p", { class: "note kept-note" }, label("spread.kept")));
      result.appendChild(kept);
    }
    var practices = practiceRows(columns);
    if (practices.length) {
      result.appendChild(
        tableSection(
          "compare-practices",
          node("h3", {}, label("compare.practices_title")),
          label("compare.practices_caption"),
          headRow(label("pes.area"), columns, false),
          practices
        )
      );
    } else {
      result.appendChild(
        append(
          node("section", { "aria-labelledby": "compare-practices" }),
          node("h3", { id: "compare-practices" }, label("compare.practices_title")),
          node("p", { class: "empty" }, label("compare.no_practices"))
        )
      );
    }
    status.textContent = label("compare.shown") + " " + title;
  }

  /** The chosen PES, in the order of the selects, each once. */
  function chosen() {
    var ids = [];
    selects.forEach(function (select) {
      if (select.value && ids.indexOf(select.value) < 0 && data.columns[select.value]) {
        ids.push(select.value);
      }
    });
    return ids;
  }

  function render() {
    result.textContent = "";
    var ids = chosen();
    if (ids.length < 2) {
      status.textContent = label("compare.choose_two");
      return;
    }
    show(ids.map(function (id) { return data.columns[id]; }));
  }

  /** The address of the current choice: one parameter per select that has a PES. */
  function remember() {
    var params = new URLSearchParams();
    selects.forEach(function (select) {
      if (select.value) {
        params.set(select.name, select.value);
      }
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  /** Sets the selects from the address; unknown ids are left out. */
  function recall() {
    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var id = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === id;
      });
      select.value = id && known ? id : "";
    });
  }

  form.hidden = false;
  recall();
  fetch(form.getAttribute("data-compare"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    })
    .then(function (loaded) {
      data = loaded;
      render();
      form.addEventListener("change", function () {
        remember();
        render();
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        remember();
        render();
      });
    })
    .catch(function () {
      form.hidden = true;
      status.textContent = "";
      result.appendChild(node("p", { class: "empty" }, status.getAttribute("data-unavailable")));
    });
})();
