"""Checks on a loaded page, as plain functions that return human-readable failures.

The real suite and the planted-fault proof (test_fault_proof.py) run these same functions,
so the proof shows that the real suite would catch the same faults.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .guard import Recorder
from .quiz_source import Block, expected_texts, option_texts, review_path, squash

Check = Callable[[Page], list[str]]

# WCAG 2.2 A and AA, the level the site promises; axe's best-practice rules are not run.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
AXE = Axe()
SNIPPET = 240  # characters of an offending element's HTML to quote
MORE_TARGETS = 4  # further offenders named by selector only
# Two animation frames after `load`: Material finishes some layout work (e.g. wrapping wide tables)
# in them. Only when Material's script ran: with JavaScript off, the frames would never come.
SETTLE_SCRIPT = (
    "() => window.document$ && new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
)

STORAGE_SCRIPT = """async () => ({
  localStorage: localStorage.length,
  sessionStorage: sessionStorage.length,
  documentCookie: document.cookie,
  indexedDB: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
  cacheStorage: self.caches ? await caches.keys() : [],
  serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
})"""

# The first visible element that sticks out past the right edge: names the culprit of sideways scrolling.
OVERFLOW_SCRIPT = """width => {
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.height && box.right > width + 0.5 && getComputedStyle(el).visibility !== 'hidden') {
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (right edge ${Math.round(box.right)}px)`;
    }
  }
  return 'no single element found';
}"""

# Sticky or fixed boxes in the content that let the text scrolling under them show through.
SHOW_THROUGH_SCRIPT = """() => {
  const clear = el => /^(transparent|rgba\\(.*,\\s*0\\))$/.test(getComputedStyle(el).backgroundColor);
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const hasText = el => [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  const found = [];
  for (const bar of document.querySelectorAll('article *')) {
    if (!['sticky', 'fixed'].includes(getComputedStyle(bar).position)) continue;
    const box = bar.getBoundingClientRect();
    for (let x = box.left + 4; x < box.right; x += 12) {
      const stack = document.elementsFromPoint(x, box.top + box.height / 2);
      const under = stack.find(el => !bar.contains(el) && !el.contains(bar));
      const layers = stack.filter(el => bar.contains(el));
      if (under && hasText(under) && layers.length && layers.every(clear)) {
        found.push(`${name(bar)} lets the ${name(under)} under it show through, at x=${Math.round(x)}`);
        break;
      }
    }
  }
  return found;
}"""

# The page's own text, without the crisis box that every page shares.
MAIN_TEXT_SCRIPT = """() => {
  const article = document.querySelector('article') || document.querySelector('main') || document.body;
  const copy = article.cloneNode(true);
  copy.querySelectorAll('.crisis, .page-review, .quick-exit').forEach(el => el.remove());
  return copy.textContent.replace(/\\s+/g, ' ').trim();
}"""


def node_target(node: dict[str, Any]) -> str:
    # Inside a shadow root or iframe a target is a list of selectors.
    return " >> ".join(t if isinstance(t, str) else " ".join(t) for t in node.get("target", []))


def describe_violation(url: str, violation: dict[str, Any]) -> str:
    nodes = violation["nodes"]
    first = nodes[0] if nodes else {}
    html = " ".join((first.get("html") or "").split())[:SNIPPET]
    others = [node_target(node) for node in nodes[1 : 1 + MORE_TARGETS]]
    more = f"; also: {', '.join(others)}{' ...' if len(nodes) > 1 + MORE_TARGETS else ''}" if others else ""
    # axe's own words for the first offender, e.g. the two colours and the contrast ratio found.
    why = next((c["message"] for kind in ("any", "all", "none") for c in first.get(kind, []) if c.get("message")), "")
    return (
        f"{url}: axe {violation['id']} ({violation.get('impact')}): {violation['help']}; "
        f"{len(nodes)} element(s), first: {node_target(first)} -> {html}{more}" + (f" [{why}]" if why else "")
    )


def axe_failures(page: Page, within: str | None = None) -> list[str]:
    """axe-core's WCAG 2.2 A/AA rules; one line per rule, naming the page and the first offender."""
    if page.evaluate("document.documentElement.classList.contains('no-js')"):
        return axe_without_javascript(page, within)
    results = AXE.run(page, context=within, options=AXE_OPTIONS)
    return [describe_violation(page.url, v) for v in results.response["violations"]]


def axe_without_javascript(page: Page, within: str | None) -> list[str]:
    """axe runs as a script, which a page without JavaScript never resolves: audit the same DOM,
    its scripts taken out, in a page that runs scripts, at the same address, size and colour scheme."""
    dom = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.DOTALL | re.IGNORECASE)
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    context = page.context.browser.new_context(viewport=page.viewport_size, color_scheme="dark" if dark else "light")
    try:
        copy = context.new_page()
        copy.route(page.url, lambda route: route.fulfill(body=dom, content_type="text/html; charset=utf-8"))
        copy.goto(page.url)
        results = AXE.run(copy, context=within, options=AXE_OPTIONS)
    finally:
        context.close()
    return [describe_violation(page.url, v) for v in results.response["violations"]]


def axe_within(selector: str) -> Check:
    """axe on part of the page only (say, the quizzes after answering): the whole page is audited elsewhere."""

    def check(page: Page) -> list[str]:
        return axe_failures(page, selector) if page.locator(selector).count() else []

    return check


def storage_failures(page: Page) -> list[str]:
    """Nothing may be kept in the browser: no cookies, web storage, databases, caches or workers."""
    found = page.evaluate(STORAGE_SCRIPT)
    failures = [f"{page.url}: cookie set: {c['name']} for {c['domain']}" for c in page.context.cookies()]
    failures += [f"{page.url}: document.cookie is {found['documentCookie']!r}"] if found["documentCookie"] else []
    for store in ("localStorage", "sessionStorage", "serviceWorkers"):
        if found[store]:
            failures.append(f"{page.url}: {store} holds {found[store]} item(s)")
    for store in ("indexedDB", "cacheStorage"):
        if found[store]:
            failures.append(f"{page.url}: {store} holds {found[store]}")
    return failures


def reflow_failures(page: Page) -> list[str]:
    """WCAG 1.4.10: no sideways scrolling at the viewport's width (320 CSS px in the suite)."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width:
        return []
    culprit = page.evaluate(OVERFLOW_SCRIPT, width)
    return [f"{page.url}: scrolls sideways at {width}px: scrollWidth {scroll_width}px; first wide element: {culprit}"]


def show_through_failures(page: Page) -> list[str]:
    """A bar that follows the reader must hide what scrolls under it, or both become unreadable."""
    return [f"{page.url}: {found}" for found in page.evaluate(SHOW_THROUGH_SCRIPT)]


def scheme_is(expected: str) -> Check:
    """Material's palette must follow the browser's colour scheme, or the dark runs test nothing."""

    def check(page: Page) -> list[str]:
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        return [] if scheme == expected else [f"{page.url}: colour scheme is {scheme!r}, expected {expected!r}"]

    return check


def content_failures(page: Page, min_text: int = 200) -> list[str]:
    """The page's title and text are there and visible (as they must be without JavaScript)."""
    failures = []
    h1 = page.locator("h1")
    if h1.count() != 1 or not h1.first.is_visible() or not h1.first.inner_text().strip():
        failures.append(f"{page.url}: expected one visible, non-empty h1, found {h1.count()}")
    text = page.evaluate(MAIN_TEXT_SCRIPT)
    if len(text) < min_text:
        failures.append(f"{page.url}: main text is only {len(text)} characters: {text[:80]!r}")
    return failures


def screenshot_name(path: str) -> str:
    """'for-clinicians/' -> 'for-clinicians.png', '' -> 'index.png', '404.html' -> '404.png'."""
    return (path.strip("/").removesuffix(".html").replace("/", "--") or "index") + ".png"


def screenshot_to(directory: Path) -> Check:
    """Full-page screenshots for a human to look over; never a failure in itself."""

    def check(page: Page) -> list[str]:
        page.screenshot(path=directory / screenshot_name(urlsplit(page.url).path), full_page=True)
        return []

    return check


def answer_key_failures(page: Page, base_url: str, block: Block) -> list[str]:
    """Without JavaScript: no buttons, options as written, and each "Show answer" opens on the expected answer."""
    failures = []
    section = page.locator(f"#{block.anchor}")
    if section.count() != 1:
        return [f"{page.url}: #{block.anchor} is missing"]
    if section.locator("button").filter(visible=True).count():
        failures.append(f"{page.url}: #{block.anchor} shows buttons that cannot work without JavaScript")
    if block.kind == "checkin":
        section.locator("details > summary").click()
        shown = section.locator("details a").filter(visible=True).evaluate_all("as => as.map(a => a.href)")
        for statement in block.data["statements"]:
            if base_url + review_path(block.src, statement["review"], block.language) not in shown:
                failures.append(f"{page.url}: the check-in guide shows no link for {statement['id']}")
        return failures
    for question in block.data["questions"]:
        labels = section.locator(f"#{block.anchor}-{question['id']} label").all_inner_texts()
        if [squash(label) for label in labels] != option_texts(question, block.language):
            failures.append(f"{page.url}: {question['id']}: options {labels} differ from the source")
        details = section.locator(f"#{block.anchor}-{question['id']} details")
        details.locator("summary").click()
        body = details.inner_text()
        if not details.evaluate("d => d.open"):
            failures.append(f"{page.url}: {question['id']}: Show answer did not open")
        for text in [*expected_texts(question, block.language), squash(question["explanation"])]:
            if squash(text) not in squash(body):
                failures.append(f"{page.url}: {question['id']}: Show answer lacks {text!r}")
    return failures


# What every page must pass in every viewport and colour scheme.
STANDARD_CHECKS: tuple[Check, ...] = (axe_failures, storage_failures)


def audit_site(
    page: Page, recorder: Recorder, base_url: str, paths: Iterable[str], checks: Sequence[Check] = STANDARD_CHECKS
) -> list[str]:
    """Open each page in turn (one tab, one context), run the checks, then add the guard's findings."""
    failures: list[str] = []
    for path in paths:
        page.goto(base_url + path)
        page.evaluate(SETTLE_SCRIPT)
        for check in checks:
            failures += check(page)
    return failures + recorder.failures()


def report(failures: Sequence[str]) -> str:
    return f"{len(failures)} problem(s):\n" + "\n".join(f"  - {failure}" for failure in failures)
