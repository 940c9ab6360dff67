// Sorts a benchmark table by a column when its header is pressed. Each column header of a
// `table[data-sortable]` becomes a button; the current order is announced with `aria-sort`.
// A cell sorts by its `data-sort` value, else by its text; numbers as numbers (French and
// English formatting alike), missing values last in either direction. Without JavaScript the
// tables keep the order they were built in.
(function () {
  var lang = document.documentElement.lang || undefined;

  function key(cell) {
    if (!cell) {
      return null;
    }
    var text = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    text = text.trim();
    if (text === "" || text === "–") {
      return null;
    }
    var compact = text.replace(/\u2212/g, "-").replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    var number = /^[-+]?\d+(\.\d+)?/.exec(compact);
    return number ? parseFloat(number[0]) : text;
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") {
      return a - b;
    }
    return String(a).localeCompare(String(b), lang, { numeric: true, sensitivity: "base" });
  }

  function sortBy(table, header, column) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(header.parentNode.cells, function (other) {
      other.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row) {
      return { row: row, key: key(row.cells[column]) };
    });
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        return (a.key === null) - (b.key === null);
      }
      return ascending ? compare(a.key, b.key) : compare(b.key, a.key);
    });
    rows.forEach(function (entry) {
      body.appendChild(entry.row);
    });
  }

  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var head = table.tHead;
    if (!head || head.rows.length !== 1 || table.tBodies.length !== 1) {
      return;
    }
    var rows = table.tBodies[0].rows;
    Array.prototype.forEach.call(head.rows[0].cells, function (header, column) {
      // A column without values (trend sparklines carry an empty `data-sort`) gets no button.
      var sortable = Array.prototype.some.call(rows, function (row) {
        return key(row.cells[column]) !== null;
      });
      if (header.colSpan !== 1 || !sortable) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      // The header's words for paper: Chromium leaves buttons out of the head it repeats on
      // each sheet a table spans, so print shows this text in the button's stead.
      header.setAttribute("data-print-label", header.textContent.trim());
      while (header.firstChild) {
        button.appendChild(header.firstChild);
      }
      header.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(table, header, column);
      });
    });
  });
})();
