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

  // Clinician hub: "Copy link" and "Copy email" buttons. Without JavaScript (or a clipboard) they
  // stay hidden and the text is plain and selectable. The result is announced in a live region.
  function copyStatus() {
    var status = document.querySelector("[data-copy-status]");
    if (!status) {
      var article = document.querySelector("article") || document.body;
      status = document.createElement("p");
      status.className = "md-visually-hidden";
      status.setAttribute("data-copy-status", "");
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      article.appendChild(status);
    }
    return status;
  }

  function showCopyButtons() {
    var buttons = document.querySelectorAll("[data-copy], [data-copy-from]");
    if (!buttons.length || !(navigator.clipboard && navigator.clipboard.writeText)) return;
    copyStatus();
    Array.prototype.forEach.call(buttons, function (button) { button.hidden = false; });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy], [data-copy-from]");
    if (!button) return;
    var text = button.getAttribute("data-copy");
    if (text === null) {
      var source = document.getElementById(button.getAttribute("data-copy-from"));
      text = source ? source.textContent : "";
    }
    var status = copyStatus();
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    function say(message) {
      status.textContent = "";  // a repeated message is announced again
      window.setTimeout(function () { status.textContent = message; }, 50);
    }
    navigator.clipboard.writeText(text).then(function () {
      say("Copied");
      button.textContent = "Copied";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    }, function () {
      say("Not copied. Select the text and copy it.");
    });
  });

  function onEachPage() {
    nameSearchDialog();
    showCopyButtons();
  }

  if (window.document$) window.document$.subscribe(onEachPage);
  else document.addEventListener("DOMContentLoaded", onEachPage);
  onEachPage();
})();
