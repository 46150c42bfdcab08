/* Forms that come back with errors: the focus moves to the error summary at the top of the form
   (grogrund/core/templates/forms/error_summary.html), so that a screen reader reads it at once
   and a keyboard user starts from it; a link in the summary moves the focus to its field.
   Loaded with <script defer> from base.html: the site allows no inline script. */
(function () {
  "use strict";

  function focusFirstError() {
    var summary = document.querySelector("[data-error-summary]");
    var target = summary || document.querySelector("main [aria-invalid='true']");
    if (target) {
      target.focus();
    }
  }

  function fieldOf(link) {
    var href = link.getAttribute("href") || "";
    return href.charAt(0) === "#" ? document.getElementById(href.slice(1)) : null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    var field = link ? fieldOf(link) : null;
    if (!field) {
      return;
    }
    event.preventDefault();
    // Show the field with its label above it, then give it the focus.
    var label = field.id ? document.querySelector("label[for='" + CSS.escape(field.id) + "']") : null;
    var visible = label && label.getClientRects().length && !label.classList.contains("visually-hidden");
    (visible ? label : field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusFirstError);
  } else {
    focusFirstError();
  }
})();
