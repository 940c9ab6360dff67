// Filters for the practice catalogue, across all its pages. The catalogue is cut into pages,
// and its filter panel (a hidden form, one fieldset per facet with `data-facet`, one checkbox
// per value) counts each value over the whole catalogue. This script shows the form in place
// of the links for readers without JavaScript. Once a value is chosen it loads the practice
// index (`data-index`: every practice's card and values, in the catalogue's order) and shows
// the practices that match in place of the page's cards and pager, a batch at a time: values
// of one facet widen the choice, facets narrow it. It counts for each value the practices it
// would show with the other facets' choices, says how many match in a live region, and keeps
// the choice in the address of the catalogue's first page (`data-list-url`) so it can be
// shared. With nothing chosen, the page's own cards and pager come back. Every text of the
// index goes into the page as text, never as markup.
(function () {
  var form = document.querySelector("form[data-filters]");
  var list = form && document.getElementById(form.getAttribute("data-filters"));
  if (!list) {
    return;
  }
  var status = form.querySelector("[data-filters-status]");
  var empty = document.querySelector("[data-filters-empty]");
  var browse = document.querySelector("[data-filters-browse]");
  var pager = document.querySelector("[data-pager]");
  var more = document.querySelector("[data-filters-more]");
  var moreButton = more && more.querySelector("button");
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var pageLang = document.documentElement.lang;
  var batch = Number(form.getAttribute("data-batch")) || 24;
  var pageCards = Array.prototype.slice.call(list.children);
  var pageStatus = status.textContent;
  var ownPath = window.location.pathname;
  var listPath = new URL(form.getAttribute("data-list-url"), window.location.href).pathname;
  var firstTitle = list.querySelector(".card-title");
  var headingTag = firstTitle ? firstTitle.tagName.toLowerCase() : "h2";
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (element) {
    return {
      name: element.getAttribute("data-facet"),
      element: element,
      inputs: Array.prototype.map.call(element.querySelectorAll("input[type=checkbox]"), function (input) {
        var count = form.querySelector('label[for="' + input.id + '"] [data-count]');
        return { input: input, count: count, pageCount: count ? count.textContent : "", value: input.value };
      }),
    };
  });

  var index = null;
  var loading = null;
  var matching = [];
  var shown = 0;

  // The index, read once: each practice with its values per facet of the form.
  function load() {
    if (!loading) {
      list.setAttribute("aria-busy", "true");
      loading = fetch(form.getAttribute("data-index"))
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status + " " + response.statusText);
          }
          return response.json();
        })
        .then(function (data) {
          var positions = facets.map(function (facet) {
            return data.facets.indexOf(facet.name);
          });
          index = {
            tags: data.tags,
            values: data.values,
            practices: data.practices.map(function (practice) {
              practice.byFacet = positions.map(function (position) {
                return position >= 0 ? practice.values[position] || [] : [];
              });
              return practice;
            }),
          };
        })
        .finally(function () {
          list.removeAttribute("aria-busy");
        });
    }
    return loading;
  }

  function chosen(facet) {
    return facet.inputs.filter(function (entry) {
      return entry.input.checked;
    }).map(function (entry) {
      return entry.value;
    });
  }

  // Whether `practice` matches every facet's choice but that of the facet at `except`.
  function matches(practice, choice, except) {
    return choice.every(function (wanted, position) {
      if (position === except || wanted.length === 0) {
        return true;
      }
      return practice.byFacet[position].some(function (value) {
        return wanted.indexOf(value) >= 0;
      });
    });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // A practice's card, as the catalogue's pages write it.
  function card(practice) {
    var item = element("li", "card");
    if (practice.lang) {
      item.setAttribute("lang", practice.lang);
      item.setAttribute("dir", practice.dir || "ltr");
    }
    var title = element(headingTag, "card-title");
    var link = element("a", null, practice.title);
    link.setAttribute("href", practice.url);
    title.appendChild(link);
    item.appendChild(title);
    if (practice.summary) {
      item.appendChild(element("p", "card-summary", practice.summary));
    }
    var tags = element("ul", "tags");
    if (practice.lang) {
      tags.setAttribute("lang", pageLang);
    }
    index.tags.forEach(function (name) {
      if (name === "period") {
        tags.appendChild(element("li", null, practice.period));
        return;
      }
      var position = facets.findIndex(function (facet) {
        return facet.name === name;
      });
      var ids = position >= 0 ? practice.byFacet[position] : [];
      ids.forEach(function (id) {
        var value = (index.values[name] || {})[id];
        if (!value) {
          return;
        }
        var tag = element("li");
        if (value.url) {
          var to = element("a", null, value.tag);
          to.setAttribute("href", value.url);
          tag.appendChild(to);
        } else {
          tag.textContent = value.tag;
        }
        tags.appendChild(tag);
      });
    });
    if (tags.children.length > 0) {
      item.appendChild(tags);
    }
    if (practice.date) {
      var date = element("p", "card-date");
      var time = element("time", null, practice.date);
      time.setAttribute("datetime", practice.date_iso || "");
      date.appendChild(time);
      item.appendChild(date);
    }
    return item;
  }

  // Shows the next batch of matching practices; `focus` moves to the first of them.
  function showMore(focus) {
    var next = matching.slice(shown, shown + batch);
    next.forEach(function (practice) {
      list.appendChild(card(practice));
    });
    if (focus && next.length > 0) {
      list.children[shown].querySelector("a").focus();
    }
    shown += next.length;
    if (more) {
      more.hidden = shown >= matching.length;
    }
  }

  function say(count, total) {
    status.textContent = status
      .getAttribute("data-template")
      .replace("{shown}", numbers.format(count))
      .replace("{total}", numbers.format(total));
  }

  function showMatches(choice) {
    matching = index.practices.filter(function (practice) {
      return matches(practice, choice, -1);
    });
    facets.forEach(function (facet, position) {
      var counts = Object.create(null);
      index.practices.forEach(function (practice) {
        if (matches(practice, choice, position)) {
          practice.byFacet[position].forEach(function (value) {
            counts[value] = (counts[value] || 0) + 1;
          });
        }
      });
      facet.inputs.forEach(function (entry) {
        if (entry.count) {
          entry.count.textContent = "(" + numbers.format(counts[entry.value] || 0) + ")";
        }
      });
    });
    list.replaceChildren();
    shown = 0;
    showMore(false);
    if (pager) {
      pager.hidden = true;
    }
    if (empty) {
      empty.hidden = matching.length > 0;
    }
    say(matching.length, index.practices.length);
  }

  // The page as built: its own cards, counts and pager.
  function showPage() {
    list.replaceChildren.apply(list, pageCards);
    facets.forEach(function (facet) {
      facet.inputs.forEach(function (entry) {
        if (entry.count) {
          entry.count.textContent = entry.pageCount;
        }
      });
    });
    if (pager) {
      pager.hidden = false;
    }
    if (more) {
      more.hidden = true;
    }
    if (empty) {
      empty.hidden = true;
    }
    status.textContent = pageStatus;
  }

  function update() {
    var choice = facets.map(chosen);
    remember(choice);
    if (choice.every(function (wanted) { return wanted.length === 0; })) {
      showPage();
      return;
    }
    if (index) {
      showMatches(choice);
      return;
    }
    load().then(update, function () {
      showPage();
      status.textContent = status.getAttribute("data-failed");
    });
  }

  function remember(choice) {
    var query = new URLSearchParams(window.location.search);
    facets.forEach(function (facet, position) {
      query.delete(facet.name);
      choice[position].forEach(function (value) {
        query.append(facet.name, value);
      });
    });
    var search = query.toString();
    var any = choice.some(function (wanted) { return wanted.length > 0; });
    var path = any ? listPath : ownPath;
    var address = path + (search ? "?" + search : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", address);
  }

  function restore() {
    var query = new URLSearchParams(window.location.search);
    facets.forEach(function (facet) {
      var wanted = query.getAll(facet.name);
      facet.inputs.forEach(function (entry) {
        entry.input.checked = wanted.indexOf(entry.value) >= 0;
      });
      if (wanted.length > 0) {
        facet.element.open = true;
      }
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", function () {
    // The form clears its checkboxes after this event.
    window.setTimeout(update, 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  if (moreButton) {
    moreButton.addEventListener("click", function () {
      showMore(true);
    });
  }
  restore();
  // On a wide screen the panel is a column of its own: every facet open.
  if (window.matchMedia("(min-width: 60rem)").matches) {
    facets.forEach(function (facet) {
      facet.element.open = true;
    });
  }
  form.hidden = false;
  if (browse) {
    browse.hidden = true;
  }
  update();
})();
