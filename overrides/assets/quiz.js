/* Quizzes and check-ins: check answers on this page only. Nothing is stored or sent:
   no storage, no cookies, no network. All words come from data- attributes in the HTML. */
(function () {
  "use strict";

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Buttons start hidden and disabled, so without this script nothing can be submitted.
  function show(button, visible) {
    button.hidden = !visible;
    button.disabled = !visible;
  }

  // Right or not quite, said in words and marked with an icon (never colour alone).
  function verdict(right, words) {
    var line = make("p", "quiz__verdict quiz__verdict--" + (right ? "right" : "other"));
    var icon = make("span", "quiz__icon", right ? "\u2713" : "i");
    icon.setAttribute("aria-hidden", "true");
    line.append(icon, " " + words);
    return line;
  }

  function link(href, label) {
    var anchor = make("a", "", label);
    anchor.href = href;
    return anchor;
  }

  function setupQuestion(section, form, tally) {
    var words = section.dataset;
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
    var check = form.querySelector(".quiz__check");
    var retry = form.querySelector(".quiz__retry");
    var feedback = form.querySelector(".quiz__feedback");
    var answer = form.querySelector(".quiz__answer");
    show(check, true);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = inputs.filter(function (input) { return input.checked; });
      feedback.textContent = "";
      if (!chosen.length) {
        feedback.append(make("p", "quiz__verdict", words.empty));
        return;
      }
      var right = inputs.every(function (input) {
        return input.checked === input.hasAttribute("data-correct");
      });
      feedback.append(verdict(right, right ? words.right : words.wrong));
      chosen.forEach(function (input) {
        if (!input.dataset.feedback) return;
        // With several choices, say which one each note is about.
        var about = input.type === "checkbox" ? "\u201c" + input.parentNode.textContent.trim() + "\u201d " : "";
        feedback.append(make("p", "quiz__note", about + input.dataset.feedback));
      });
      feedback.append(answer.querySelector(".quiz__answer-body").cloneNode(true));
      answer.hidden = true;
      form.dataset.result = right ? "right" : "other";
      show(retry, true);
      tally();
    });

    retry.addEventListener("click", function () {
      inputs.forEach(function (input) { input.checked = false; });
      feedback.textContent = "";
      answer.hidden = false;
      answer.open = false;
      delete form.dataset.result;
      show(retry, false);
      tally();
      inputs[0].focus();
    });
  }

  function setupQuiz(section) {
    var forms = Array.prototype.slice.call(section.querySelectorAll("form[data-question]"));
    var summary = section.querySelector(".quiz__summary");
    function tally() {
      var done = forms.filter(function (form) { return form.dataset.result; });
      var right = done.filter(function (form) { return form.dataset.result === "right"; });
      summary.textContent = done.length < forms.length ? "" : section.dataset.summary
        .replace("{right}", right.length).replace("{total}", forms.length);
    }
    forms.forEach(function (form) { setupQuestion(section, form, tally); });
  }

  function summarise(section, statements) {
    var words = section.dataset;
    var summary = section.querySelector(".checkin__summary");
    // The guide (shown without JavaScript too) links each statement, in order, to the page that helps.
    var pages = section.querySelectorAll(".checkin__guide li > a");
    var answered = 0, warning = false, seen = {}, list = make("ul");
    statements.forEach(function (statement, index) {
      var chosen = statement.querySelector("input:checked");
      if (!chosen) return;
      answered += 1;
      if (!chosen.hasAttribute("data-concern")) return;
      warning = warning || statement.hasAttribute("data-warning-sign");
      var page = pages[index];
      if (!page || seen[page.href]) return;
      seen[page.href] = true;
      var item = make("li");
      item.append(link(page.href, page.textContent));
      list.append(item);
    });
    summary.textContent = "";
    if (!answered) {
      summary.append(make("p", "quiz__verdict", words.empty));
      return false;
    }
    summary.append(make("p", "quiz__verdict", words.intro));
    if (list.children.length) summary.append(make("p", "", words.concern), list);
    else summary.append(make("p", "", words.calm));
    if (warning) {
      var note = make("p", "checkin__warning", words.warning + " ");
      // The guide ends with the same link, in a line of its own (the other links sit in lists).
      var warningPage = section.querySelector(".checkin__guide p > a");
      if (warningPage) note.append(link(warningPage.href, warningPage.textContent));
      summary.append(note);
    }
    if (answered < statements.length) summary.append(make("p", "", words.skipped));
    summary.append(make("p", "", words.end));
    return true;
  }

  function setupCheckin(section) {
    var form = section.querySelector("form");
    var statements = Array.prototype.slice.call(form.querySelectorAll("fieldset"));
    var check = form.querySelector(".quiz__check");
    var retry = form.querySelector(".quiz__retry");
    var summary = form.querySelector(".checkin__summary");
    show(check, true);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(retry, summarise(section, statements));
      var calm = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      summary.scrollIntoView({ block: "nearest", behavior: calm ? "auto" : "smooth" });
    });

    retry.addEventListener("click", function () {
      form.reset();
      summary.textContent = "";
      show(retry, false);
      statements[0].querySelector("input").focus();
    });
  }

  // Idempotent: Material's instant navigation may run this again on the same document.
  function init() {
    document.querySelectorAll("[data-quiz]:not([data-ready]), [data-checkin]:not([data-ready])")
      .forEach(function (section) {
        section.setAttribute("data-ready", "");
        section.classList.add("quiz--js");
        if (section.hasAttribute("data-checkin")) setupCheckin(section);
        else setupQuiz(section);
      });
  }

  if (window.__quizInit) return;
  window.__quizInit = init;
  // After instant navigation Material emits document$; the first page may need DOMContentLoaded.
  if (window.document$) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
