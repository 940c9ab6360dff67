// Instant filters for the practice list. The build writes each card's facet values as
// `data-filter-<facet>` attributes (ids separated by spaces) and a hidden form with one
// fieldset per facet (`data-facet="<facet>"`), one checkbox per value. This script shows the
// form in place of the links for readers without JavaScript, and on every change: hides the
// cards that do not match (values of one facet widen the choice, facets narrow it), counts
// for each value the cards it would show with the other facets' choices, says how many cards
// are shown in a live region, and keeps the choice in the address so it can be shared.
(function () {
  var form = document.querySelector("form[data-filters]");
  var list = form && document.getElementById(form.getAttribute("data-filters"));
  if (!list) {
    return;
  }
  var elements = Array.prototype.slice.call(list.children);
  var status = form.querySelector("[data-filters-status]");
  var empty = document.querySelector("[data-filters-empty]");
  var browse = document.querySelector("[data-filters-browse]");
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (element) {
    return {
      name: element.getAttribute("data-facet"),
      element: element,
      inputs: Array.prototype.map.call(element.querySelectorAll("input[type=checkbox]"), function (input) {
        var label = form.querySelector('label[for="' + input.id + '"] [data-count]');
        return { input: input, count: label, value: input.value };
      }),
    };
  });

  // Each card with its values per facet, read once.
  var cards = elements.map(function (element) {
    return {
      element: element,
      values: facets.map(function (facet) {
        return (element.getAttribute("data-filter-" + facet.name) || "").split(" ").filter(Boolean);
      }),
    };
  });

  function chosen(facet) {
    return facet.inputs.filter(function (entry) {
      return entry.input.checked;
    }).map(function (entry) {
      return entry.value;
    });
  }

  // Whether `card` matches every facet's choice but that of the facet at `except`.
  function matches(card, choice, except) {
    return choice.every(function (wanted, index) {
      if (index === except || wanted.length === 0) {
        return true;
      }
      return card.values[index].some(function (value) {
        return wanted.indexOf(value) >= 0;
      });
    });
  }

  function update() {
    var choice = facets.map(chosen);
    var shown = 0;
    cards.forEach(function (card) {
      var match = matches(card, choice, -1);
      card.element.hidden = !match;
      shown += match ? 1 : 0;
    });
    facets.forEach(function (facet, index) {
      var counts = Object.create(null);
      cards.forEach(function (card) {
        if (matches(card, choice, index)) {
          card.values[index].forEach(function (value) {
            counts[value] = (counts[value] || 0) + 1;
          });
        }
      });
      facet.inputs.forEach(function (entry) {
        var count = counts[entry.value] || 0;
        if (entry.count) {
          entry.count.textContent = "(" + numbers.format(count) + ")";
        }
      });
    });
    status.textContent = status
      .getAttribute("data-template")
      .replace("{shown}", numbers.format(shown))
      .replace("{total}", numbers.format(cards.length));
    if (empty) {
      empty.hidden = shown > 0;
    }
    remember(choice);
  }

  function remember(choice) {
    var query = new URLSearchParams(window.location.search);
    facets.forEach(function (facet, index) {
      query.delete(facet.name);
      choice[index].forEach(function (value) {
        query.append(facet.name, value);
      });
    });
    var search = query.toString();
    var address = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
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
