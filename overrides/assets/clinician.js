/* "Copy link" and "Copy email" buttons (the clinician hub, email templates); loaded only on pages
   that have them. Without JavaScript (or a clipboard) the buttons stay hidden and the text is
   plain and selectable. The result is announced in a live region. Nothing is stored or sent. */
(function () {
  "use strict";

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

  // Idempotent: instant navigation runs this file again each time a page with buttons comes in.
  if (window.__copyButtons) {
    window.__copyButtons();
    return;
  }
  window.__copyButtons = showCopyButtons;

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
    // The words come from the page's language (data-copied, data-not-copied: translations/*.yml).
    var copied = button.getAttribute("data-copied") || "";
    navigator.clipboard.writeText(text).then(function () {
      say(copied);
      button.textContent = copied;
      window.setTimeout(function () { button.textContent = label; }, 2000);
    }, function () {
      say(button.getAttribute("data-not-copied") || "");
    });
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showCopyButtons);
  else showCopyButtons();
})();
