/* Site behaviour that works on every page; no data is stored or sent. Every word a reader sees or
   hears comes from the page (templates and mkdocs.yml), never from this file. */
(function () {
  "use strict";

  var EXIT_PRESSES = 3;
  var EXIT_GAP_MS = 1000;  // each Shift within a second of the one before

  function each(list, action) { Array.prototype.forEach.call(list, action); }

  // Quick exit: replace this page in the history, so Back does not return to it.
  function leave(link) { window.location.replace(link.href); }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link);
  });

  // Shift three times leaves too, on pages with Quick exit (GOV.UK's "Exit this page" does the
  // same). Any other key in between starts the count again, so typing capitals never leaves.
  var presses = 0;
  var lastPress = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.ctrlKey || event.altKey || event.metaKey) {
      presses = 0;
      return;
    }
    if (event.repeat) return;  // a held key is one press
    var now = Date.now();
    presses = now - lastPress <= EXIT_GAP_MS ? presses + 1 : 1;
    lastPress = now;
    var link = document.querySelector("[data-quick-exit]");
    if (presses >= EXIT_PRESSES && link) {
      presses = 0;
      leave(link);
    }
  });

  // Crisis help: the region that matches the browser's languages comes first, and its line shows
  // in the closed box. The languages never leave the browser. No match: the order of mkdocs.yml.
  function country(tag) { return tag.split("-")[1] || ""; }

  function preferredRegion(groups, languages) {
    for (var i = 0; i < languages.length; i++) {
      var wanted = String(languages[i]).toLowerCase();
      var sameCountry = null;
      for (var j = 0; j < groups.length; j++) {
        var tags = (groups[j].getAttribute("data-languages") || "").toLowerCase().split(/\s+/).filter(Boolean);
        if (tags.indexOf(wanted) >= 0) return groups[j].getAttribute("data-region");
        if (!sameCountry && country(wanted) && tags.some(function (tag) { return country(tag) === country(wanted); })) {
          sameCountry = groups[j].getAttribute("data-region");
        }
      }
      if (sameCountry) return sameCountry;
    }
    return null;
  }

  function orderCrisisHelp() {
    var box = document.querySelector("[data-crisis]");
    if (!box) return;
    var languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    var region = preferredRegion(box.querySelectorAll(".crisis__groups [data-languages]"), languages);
    if (region === null) return;
    each(box.querySelectorAll(".crisis__groups"), function (list) {
      each(list.children, function (item) {
        if (item.getAttribute("data-region") === region) list.insertBefore(item, list.firstElementChild);
      });
    });
    each(box.querySelectorAll(".crisis__first"), function (line) {
      line.hidden = line.getAttribute("data-region") !== region;
    });
  }

  // The drawer's panel openers (a section; this page's contents) and each panel's title, which
  // leads back, are <label>s for hidden checkboxes: they take the focus (Material gives some a
  // tabindex already) and a click on Enter or Space. A label may not take a button's role.
  function reachable(label) {
    if (label.hasAttribute("data-keyboard")) return;
    label.setAttribute("data-keyboard", "");
    label.tabIndex = 0;
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();  // one click, not Material's as well
      label.click();
    });
  }

  // Material's menu button (phones and tablets) is a <label> for the drawer's checkbox too. With
  // JavaScript a real <button> takes its place, with the same look and icon, so the keyboard
  // reaches it and a screen reader hears a button that opens the navigation; without JavaScript the
  // label stays, for a tap or a click.
  function menuButton(label) {
    var button = label.parentNode.querySelector("[data-drawer-button]");
    if (button) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("data-drawer-button", "");
    each(label.childNodes, function (node) { button.appendChild(node.cloneNode(true)); });
    label.parentNode.insertBefore(button, label);
    label.hidden = true;
    button.addEventListener("click", function () { drawer.click(); });
    return button;
  }

  function shown(element) {
    if (element.checkVisibility) return element.checkVisibility({ visibilityProperty: true });
    return element.offsetParent !== null && getComputedStyle(element).visibility !== "hidden";
  }

  function firstStop(within) {
    if (!within) return null;
    return Array.prototype.find.call(within.querySelectorAll("a[href], [tabindex='0']"), shown) || null;
  }

  // The menu button says whether the menu is open and is named like the navigation it opens. The
  // focus goes into the drawer when it opens and back to the button when it closes; a Tab out of
  // the open drawer, or Escape, closes it (what it covers cannot take the focus).
  var drawer = document.getElementById("__drawer");
  var menuLabel = document.querySelector(".md-header label[for=__drawer]");
  var menu = drawer && menuLabel ? menuButton(menuLabel) : null;

  function sidebar() { return document.querySelector(".md-sidebar--primary"); }

  function setUpMenu() {
    if (!drawer || !menu) return;
    var nav = document.querySelector(".md-nav--primary[aria-label]");
    if (nav) menu.setAttribute("aria-label", nav.getAttribute("aria-label"));
    menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    // Inside the drawer (new after each instant navigation): the labels that open a panel (a
    // section; this page's contents) and each panel's title, which leads back.
    var side = sidebar();
    if (side) each(side.querySelectorAll(".md-nav .md-nav .md-nav__title[for], label.md-nav__link[for]"), reachable);
  }

  if (drawer && menu) {
    drawer.addEventListener("change", function () {
      menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
      var side = sidebar();
      if (!side) return;
      if (drawer.checked && document.activeElement === menu) {
        var first = firstStop(side);
        if (first) first.focus();
      } else if (!drawer.checked && side.contains(document.activeElement)) {
        menu.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) menu.click();
    });
    document.addEventListener("focusin", function (event) {
      var side = sidebar();
      if (drawer.checked && side && !side.contains(event.target) && event.target !== menu) menu.click();
    });
    // A panel in the drawer opens or closes: the focus moves with it, never left behind on what it hides.
    document.addEventListener("change", function (event) {
      var toggle = event.target;
      var side = sidebar();
      if (!side || !toggle.classList || !toggle.classList.contains("md-nav__toggle") || !side.contains(document.activeElement)) return;
      if (toggle.checked) {
        var panel = toggle.parentNode.querySelector(":scope > .md-nav");
        var stop = panel && (panel.querySelector(":scope > .md-nav__title[for]") || firstStop(panel));
        if (stop) stop.focus();
      } else {
        var opener = toggle.parentNode.querySelector(":scope > label.md-nav__link[for]");
        if (opener) opener.focus();
      }
    });
  }

  // A link to a part of this same page ("Skip to content", the contents, a quiz's "Read more", a
  // footnote): the browser follows it by itself, so the view stops below the header (scroll-margin-top)
  // and the next Tab starts there. Material's instant navigation took the first such click after a
  // page load for a new page: it loaded the page again and put in new content, which lost the
  // focus (the next Tab went nowhere) and a quiz's answers. The click stops here (capture, before
  // Material sees it), and the inline script in main.html keeps the browser's popstate from it.
  document.addEventListener("click", function (event) {
    if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.target || !link.hash) return;
    var url = new URL(link.href, location.href);
    if (url.origin + url.pathname + url.search === location.origin + location.pathname + location.search) {
      event.stopPropagation();
    }
  }, true);

  // Material's search dialog has no accessible name: give it the search box's own.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input[aria-label]");
    if (dialog && input && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
  }

  // "Print this page" works only here, so it stays hidden without JavaScript.
  function showPrintButtons() {
    each(document.querySelectorAll("[data-print-page]"), function (button) { button.hidden = false; });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print-page]")) window.print();
  });

  // Quizzes and check-ins: their script (quiz.js, beside this file) is fetched only when the reader
  // starts one (a tap or the focus in it), so a reader who only reads never downloads it. Their
  // Check buttons show at once; a Check pressed before the script has come waits for it. If it
  // cannot come (the connection dropped), the buttons go again and "Show the answer" still works.
  var QUIZ = "[data-quiz], [data-checkin]";
  var quizSource = document.currentScript && new URL("quiz.js", document.currentScript.src).href;
  var quizScript = null;

  function showQuizButtons(visible) {
    each(document.querySelectorAll(".quiz__check"), function (button) {
      button.hidden = !visible;
      button.disabled = !visible;
    });
  }

  function loadQuizzes(then) {
    if (window.__quizInit) return then && then();
    if (!quizScript) {
      quizScript = document.createElement("script");
      quizScript.src = quizSource;
      quizScript.addEventListener("error", function () {
        quizScript.remove();
        quizScript = null;
        showQuizButtons(false);
      });
      document.head.appendChild(quizScript);
    }
    if (then) quizScript.addEventListener("load", then);
  }

  function startQuizzes(event) {
    if (event.target.closest && event.target.closest(QUIZ)) loadQuizzes();
  }
  document.addEventListener("pointerdown", startQuizzes);
  document.addEventListener("focusin", startQuizzes);
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (window.__quizInit || !form.closest(QUIZ)) return;
    event.preventDefault();
    loadQuizzes(function () { form.dispatchEvent(new Event("submit", { cancelable: true })); });
  }, true);

  // On the first load and after each instant navigation (Material swaps the page's content).
  function setUp() {
    window.__site_page = location.pathname + location.search;  // the page shown now (main.html)
    orderCrisisHelp();
    showPrintButtons();
    if (!window.__quizInit) showQuizButtons(true);
    setUpMenu();
    nameSearchDialog();
  }

  if (window.document$) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
