/* Site behaviour that works on every page; no data is stored or sent. */
(function () {
  "use strict";

  // Quick exit: replace this page in the history, so Back does not return to it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    window.location.replace(link.href);
  });

  // Material's search dialog has no accessible name; give it one.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this site");
  }

  if (window.document$) window.document$.subscribe(nameSearchDialog);
  else document.addEventListener("DOMContentLoaded", nameSearchDialog);
  nameSearchDialog();
})();
