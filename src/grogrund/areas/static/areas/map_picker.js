/* The custom-area editor's DeSO map (areas/templates/areas/custom_area_form.html): each area
   of the map is a link to its checkbox in the list below it. With this script the area
   itself becomes the checkbox: a click, Space or Enter ticks or unticks the box (the form
   sends the boxes as always), and ticking a box in the list colours its area. Without it the
   link moves to the box. Loaded with <script defer>: the site allows no inline script. */
(function () {
  "use strict";

  function boxOf(link) {
    return document.getElementById(link.getAttribute("data-controls"));
  }

  function linkOf(box) {
    return document.querySelector("a[data-controls='" + CSS.escape(box.id) + "']");
  }

  function chosenFill(link) {
    var svg = link.closest("svg");
    var pattern = svg && svg.querySelector("pattern[id$='-chosen']");
    return pattern ? "url(#" + pattern.id + ")" : "#0072B2";
  }

  // charts/palette.py MAP_BASE: an area not chosen.
  var BASE_FILL = "#F2F2F2";

  function show(link, checked) {
    var path = link.querySelector("path");
    link.classList.toggle("chosen", checked);
    link.setAttribute("aria-checked", checked ? "true" : "false");
    if (path) {
      // Not chosen: the colour of its class when the map is coloured by an indicator.
      path.setAttribute("fill", checked ? chosenFill(link) : link.getAttribute("data-fill") || BASE_FILL);
    }
  }

  function enhance(root) {
    root.querySelectorAll("a[data-controls]").forEach(function (link) {
      var box = boxOf(link);
      if (!box) {
        return;
      }
      link.setAttribute("role", "checkbox");
      link.setAttribute("aria-label", link.getAttribute("data-name") || box.labels[0].textContent);
      show(link, box.checked);
    });
  }

  function toggle(link) {
    var box = boxOf(link);
    if (!box) {
      return false;
    }
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-controls]");
    if (link && toggle(link)) {
      event.preventDefault();
    }
  });

  document.addEventListener("keydown", function (event) {
    var link = event.target.closest && event.target.closest("a[data-controls]");
    if (link && (event.key === " " || event.key === "Spacebar")) {
      event.preventDefault();
      toggle(link);
    }
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches && box.matches("input[type=checkbox][name=members]")) {
      var link = linkOf(box);
      if (link) {
        show(link, box.checked);
      }
    }
  });

  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
