// "My PES": a visitor picks its own PES once in the header; every chart part and table row
// marked `data-pes` with that id then gets the class `is-mine` (the theme outlines and bolds
// it), each such table row a "my PES" badge, and the header a link to the PES's profile. The
// choice is kept in localStorage, so it holds across pages, languages and visits. Without
// JavaScript the picker stays hidden and the pages read as they were built.
(function () {
  var KEY = "benchlearn.my-pes";
  var picker = document.querySelector("[data-my-pes]");
  if (!picker) {
    return;
  }
  var select = picker.querySelector("select");
  var profile = picker.querySelector("[data-my-pes-profile]");
  var badge = picker.querySelector("template[data-my-pes-badge]");

  function stored() {
    try {
      return window.localStorage.getItem(KEY) || "";
    } catch (e) {
      return "";
    }
  }

  function store(id) {
    try {
      if (id) {
        window.localStorage.setItem(KEY, id);
      } else {
        window.localStorage.removeItem(KEY);
      }
    } catch (e) {
      // Storage turned off: the choice holds for this page only.
    }
  }

  function optionOf(id) {
    return Array.prototype.find.call(select.options, function (option) {
      return option.value !== "" && option.value === id;
    });
  }

  function markRow(row, mine) {
    var current = row.querySelector(".my-pes-badge");
    if (mine && !current && badge && row.cells.length) {
      row.cells[0].appendChild(document.createTextNode(" "));
      row.cells[0].appendChild(badge.content.firstElementChild.cloneNode(true));
    } else if (!mine && current) {
      var space = current.previousSibling;
      if (space && space.nodeType === 3 && space.data === " ") {
        space.remove();
      }
      current.remove();
    }
  }

  function show(id) {
    var option = optionOf(id);
    var mine = option ? option.value : "";
    select.value = mine;
    document.querySelectorAll("[data-pes]").forEach(function (element) {
      var isMine = mine !== "" && element.getAttribute("data-pes") === mine;
      element.classList.toggle("is-mine", isMine);
      if (element.tagName === "TR") {
        markRow(element, isMine);
      }
    });
    if (option) {
      profile.href = option.getAttribute("data-url");
      profile.hidden = false;
    } else {
      profile.removeAttribute("href");
      profile.hidden = true;
    }
  }

  select.addEventListener("change", function () {
    store(select.value);
    show(select.value);
  });
  // A choice made in another tab of the site shows here too.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      show(event.newValue || "");
    }
  });
  picker.hidden = false;
  show(stored());
})();
