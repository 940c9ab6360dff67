// Chart downloads. Each chart figure followed by a hidden `.chart-export` group gets it
// shown: its buttons save the chart as SVG or PNG, drawn here from the inline SVG (no server, no
// request), and the figures of the table that follows the chart as CSV. The saved image
// carries what the page's stylesheet gave the chart (its styles are written into it), the
// figure's caption as a title line above the chart and the chart's own provenance foot
// (source, years, last update) below it; the PNG also carries its title and provenance as
// text chunks. Without JavaScript the group stays hidden and nothing else changes.
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  // The presentation properties a chart takes from the stylesheet and its CSS variables.
  var PROPERTIES = [
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "opacity",
    "font-family", "font-size", "font-weight", "font-style", "letter-spacing", "text-anchor",
    "dominant-baseline", "paint-order", "visibility", "display", "direction", "unicode-bidi"
  ];
  // The exported image: margin around the chart, and the size and line height of its title.
  var MARGIN = 12;
  var TITLE_SIZE = 15;
  var TITLE_LINE = 20;
  // A PNG at twice the size of the chart on the page (at least twice its drawing), for slides.
  var PNG_SCALE = 2;

  /** Whitespace collapsed, ends trimmed. */
  function squeeze(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  /** Writes the computed presentation of each element of `source` on its copy in `copy`. */
  function inlineStyles(source, copy) {
    var sources = [source].concat(Array.prototype.slice.call(source.querySelectorAll("*")));
    var copies = [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("*")));
    sources.forEach(function (element, index) {
      var computed = window.getComputedStyle(element);
      var style = PROPERTIES.map(function (property) {
        return property + ":" + computed.getPropertyValue(property);
      }).join(";");
      copies[index].setAttribute("style", style);
      copies[index].removeAttribute("class");
    });
  }

  /** `text` broken at spaces into lines no wider than `width` in `font`. */
  function wrap(text, width, font) {
    var context = document.createElement("canvas").getContext("2d");
    context.font = font;
    var lines = [];
    text.split(" ").forEach(function (word) {
      var last = lines[lines.length - 1];
      if (last !== undefined && context.measureText(last + " " + word).width <= width) {
        lines[lines.length - 1] = last + " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  /** The colour behind the page, for the image's own background. */
  function pageBackground() {
    var candidates = [document.body, document.documentElement];
    for (var i = 0; i < candidates.length; i++) {
      var colour = window.getComputedStyle(candidates[i]).backgroundColor;
      if (colour && colour !== "transparent" && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
    }
    return "#ffffff";
  }

  /** The drawing of the chart shown: a figure holds one per layout (narrow, medium, wide)
   *  and the stylesheet shows the one that fits its width. */
  function shownChart(figure) {
    var drawings = Array.prototype.slice.call(figure.querySelectorAll("svg"));
    return drawings.filter(function (svg) {
      return window.getComputedStyle(svg).display !== "none";
    })[0] || drawings[0];
  }

  /** The chart's title: the figure's visible caption, else the SVG's own title. */
  function titleOf(figure, svg) {
    var caption = figure.querySelector("figcaption");
    var title = svg.querySelector("title");
    return squeeze(caption && caption.textContent) || squeeze(title && title.textContent);
  }

  /** The chart's provenance foot as one line. */
  function provenanceOf(svg) {
    var foot = svg.querySelectorAll(".chart-provenance text");
    return squeeze(Array.prototype.map.call(foot, function (text) {
      return text.textContent;
    }).join(" "));
  }

  /** The chart as a file of its own: its title above it, its styles written in. */
  function standalone(figure) {
    var svg = shownChart(figure);
    var box = svg.viewBox.baseVal;
    var computed = window.getComputedStyle(figure);
    var font = computed.getPropertyValue("font-family");
    var rtl = window.getComputedStyle(document.body).direction === "rtl";
    var title = titleOf(figure, svg);
    var width = box.width + 2 * MARGIN;
    var lines = wrap(title, box.width, "bold " + TITLE_SIZE + "px " + font);
    var top = MARGIN + lines.length * TITLE_LINE + MARGIN / 2;
    var height = top + box.height + MARGIN;

    var image = document.createElementNS(SVG_NS, "svg");
    image.setAttribute("width", width);
    image.setAttribute("height", height);
    image.setAttribute("viewBox", "0 0 " + width + " " + height);
    image.setAttribute("lang", document.documentElement.lang);
    var label = document.createElementNS(SVG_NS, "title");
    label.textContent = title;
    image.appendChild(label);
    var background = document.createElementNS(SVG_NS, "rect");
    background.setAttribute("width", "100%");
    background.setAttribute("height", "100%");
    background.setAttribute("fill", pageBackground());
    image.appendChild(background);
    lines.forEach(function (line, index) {
      var text = document.createElementNS(SVG_NS, "text");
      text.setAttribute("x", rtl ? width - MARGIN : MARGIN);
      text.setAttribute("y", MARGIN + (index + 1) * TITLE_LINE - 5);
      text.setAttribute("style", "fill:" + computed.color + ";font-family:" + font +
        ";font-size:" + TITLE_SIZE + "px;font-weight:bold;direction:" + (rtl ? "rtl" : "ltr"));
      text.textContent = line;
      image.appendChild(text);
    });
    var chart = svg.cloneNode(true);
    inlineStyles(svg, chart);
    chart.setAttribute("x", MARGIN);
    chart.setAttribute("y", top);
    chart.setAttribute("width", box.width);
    chart.setAttribute("height", box.height);
    chart.setAttribute("overflow", "visible");
    chart.removeAttribute("xmlns");
    image.appendChild(chart);
    return {
      text: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(image),
      width: width,
      height: height,
      title: title,
      provenance: provenanceOf(svg),
      scale: PNG_SCALE * Math.max(1, svg.getBoundingClientRect().width / box.width)
    };
  }

  /** The name of a saved file: the page, the chart and the language (`vacancies-filled-bars-fr.png`). */
  function fileName(figure, extension) {
    var svg = shownChart(figure);
    var title = svg.querySelector("title");
    var chart = (title && title.id ? title.id : "chart").replace(/-(narrow|medium|wide)-title$|-title$/, "");
    var segments = window.location.pathname.split("/").filter(function (part) {
      return part && !/\.html?$/.test(part);
    });
    var page = segments.length > 1 ? segments[segments.length - 1] : "";
    var lang = document.documentElement.lang || "";
    return [page, chart, lang].filter(Boolean).join("-") + "." + extension;
  }

  /** Offers `blob` to the visitor as a download named `name`. */
  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // ---------------------------------------------------------------- PNG text chunks

  var CRC_TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }

  /** An `iTXt` chunk (UTF-8 text) with `keyword` and `text`. */
  function textChunk(keyword, text) {
    var encoder = new TextEncoder();
    var body = new Uint8Array([].concat(
      Array.from(encoder.encode("iTXt" + keyword)), [0, 0, 0, 0, 0], Array.from(encoder.encode(text))
    ));
    var chunk = new Uint8Array(body.length + 8);
    var view = new DataView(chunk.buffer);
    view.setUint32(0, body.length - 4);
    chunk.set(body, 4);
    view.setUint32(body.length + 4, crc32(body));
    return chunk;
  }

  /** `png` with text chunks after its header chunk. */
  function withText(png, texts) {
    var headerEnd = 8 + 8 + 13 + 4;
    var chunks = texts.filter(function (entry) { return entry[1]; }).map(function (entry) {
      return textChunk(entry[0], entry[1]);
    });
    var parts = [png.slice(0, headerEnd)].concat(chunks, [png.slice(headerEnd)]);
    return new Blob(parts, { type: "image/png" });
  }

  /** The chart drawn on a canvas, as PNG. */
  function png(drawing) {
    var image = new Image();
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(drawing.text);
    return image.decode().then(function () {
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(drawing.width * drawing.scale);
      canvas.height = Math.round(drawing.height * drawing.scale);
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) { canvas.toBlob(resolve, "image/png"); });
    }).then(function (blob) {
      return blob.arrayBuffer();
    }).then(function (buffer) {
      return withText(new Uint8Array(buffer), [
        ["Title", drawing.title],
        ["Source", drawing.provenance]
      ]);
    });
  }

  // ---------------------------------------------------------------- CSV

  /** The table of the figures of the chart: the first data table after its figure. */
  function tableOf(figure) {
    for (var next = figure.nextElementSibling; next; next = next.nextElementSibling) {
      var table = next.matches("table") ? next : next.querySelector("table");
      if (table) return table;
      if (next.matches("figure, section, h2, h3")) return null;
    }
    return null;
  }

  /** The digits of the first number of `text`, in ASCII (`75,1 %` gives `751`). */
  function shownDigits(text) {
    var match = /\p{Nd}+(?:[.,\u066b\u066c\s\u2019']\p{Nd}+)*/u.exec(text);
    if (!match) return "";
    return match[0].replace(/[\u0660-\u0669\u06f0-\u06f9]/g, function (digit) {
      var code = digit.charCodeAt(0);
      return String(code - (code >= 0x6f0 ? 0x6f0 : 0x660));
    }).replace(/\D/g, "");
  }

  /** `raw` with the decimals the cell shows (`4.666…` shown as `4,7` gives `4.7`), when the
      shown figure is that number rounded; else `raw` as it is. */
  function asShown(raw, text) {
    var value = Number(raw);
    var digits = shownDigits(text);
    var whole = String(Math.trunc(Math.abs(value))).length;
    var decimals = Math.min(20, Math.max(0, digits.length - whole));
    var rounded = value.toFixed(decimals);
    return rounded.replace(/\D/g, "") === digits ? rounded : raw;
  }

  /** A cell as data: its raw number where it has one, with the decimals it shows; for a row
      header with a link, the link's text (the name, without badges); else its text; a gap
      is empty. */
  function cellValue(cell) {
    if (cell.querySelector(".gap")) return "";
    var link = cell.querySelector("a");
    if (cell.tagName === "TH" && link) return squeeze(link.textContent);
    var raw = cell.getAttribute("data-sort");
    if (cell.tagName === "TD" && raw !== null && raw !== "" && isFinite(Number(raw))) {
      return asShown(raw, cell.textContent);
    }
    var copy = cell.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("[aria-hidden=true]"), function (hidden) {
      hidden.remove();
    });
    return squeeze(copy.textContent);
  }

  function quote(value) {
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  /** The rows of `table` as CSV, headers in the page's language, with a byte-order mark. */
  function csv(table) {
    var rows = Array.prototype.map.call(table.rows, function (row) {
      return Array.prototype.map.call(row.cells, function (cell) {
        return quote(cellValue(cell));
      }).join(",");
    });
    return new Blob(["\ufeff" + rows.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
  }

  // ---------------------------------------------------------------- buttons

  function enhance(group) {
    var figure = group.previousElementSibling;
    if (!figure || !figure.querySelector("svg")) return;
    var table = tableOf(figure);
    var actions = {
      svg: function () {
        var drawing = standalone(figure);
        save(new Blob([drawing.text], { type: "image/svg+xml" }), fileName(figure, "svg"));
      },
      png: function () {
        png(standalone(figure)).then(function (blob) {
          save(blob, fileName(figure, "png"));
        });
      },
      csv: function () {
        save(csv(table), fileName(figure, "csv"));
      }
    };
    Array.prototype.forEach.call(group.querySelectorAll("button[data-export]"), function (button) {
      var kind = button.getAttribute("data-export");
      if (kind === "csv" && !table) {
        button.remove();
        return;
      }
      button.addEventListener("click", actions[kind]);
    });
    group.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".chart-figure + .chart-export"), enhance);
})();
