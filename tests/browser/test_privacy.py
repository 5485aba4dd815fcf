"""Privacy the browser enforces (issue 12): no page tells the site it leads to that the reader came
from ours (a no-referrer policy), and a Content-Security-Policy lets a page load and connect only to
itself, with Material's inline scripts allowed by their hash. A tracker, an embed or a font added by
mistake is refused by the browser before any request, and the tests say so."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import run_build
from playwright.sync_api import Browser, Page, Request
from site_pages import page_url

from .checks import SETTLE_SCRIPT, report
from .conftest import PageFactory
from .guard import Recorder, open_page
from .reader import QUICK_EXIT_PAGES, Screen, extra, language_of
from .serve import serve

pytestmark = pytest.mark.browser

# --- no referrer ---------------------------------------------------------------------------

CONTROL_PAGE = "control-without-policy.html"  # served by the test itself: the same link, no policy


def quick_exit() -> str:
    return extra()["quick_exit"]["url"]


def directory() -> str:
    return extra()["crisis"]["elsewhere"]["url"]


def leave(page: Page, how: str) -> None:
    if how == "Quick exit":
        page.locator("[data-quick-exit]").click()
    elif how == "control":
        page.locator("a").click()
    elif how == "Shift x3":
        page.wait_for_load_state("networkidle")
        for _ in range(3):
            page.keyboard.press("Shift")
    else:  # the helpline directory, in the crisis list opened in place
        page.locator(".crisis__summary").click()
        label = extra(language_of(urlsplit(page.url).path.lstrip("/")))["crisis"]["elsewhere"]["label"]
        page.get_by_role("link", name=label).filter(visible=True).click()


@pytest.mark.parametrize(
    ("how", "javascript", "path"),
    [
        ("Quick exit", True, QUICK_EXIT_PAGES[0]),
        ("Quick exit", False, QUICK_EXIT_PAGES[0]),
        ("Shift x3", True, QUICK_EXIT_PAGES[0]),
        ("helpline directory", True, QUICK_EXIT_PAGES[0]),
        ("helpline directory", False, QUICK_EXIT_PAGES[0]),
        ("Quick exit", True, QUICK_EXIT_PAGES[2]),  # a Spanish page
        ("helpline directory", False, QUICK_EXIT_PAGES[2]),
        ("control", True, ""),  # proves the check: without the policy, the browser does send a referrer
    ],
)
def test_leaving_sends_no_referrer(
    new_page: PageFactory, recorder: Recorder, base_url: str, how: str, javascript: bool, path: str
) -> None:
    target = directory() if how == "helpline directory" else quick_exit()
    recorder.expected.add(target)
    page = new_page(**Screen(360, javascript=javascript).options())
    sent: list[Request] = []
    page.context.on("request", lambda request: sent.append(request) if request.url == target else None)
    if how == "control":
        page.route(
            base_url + CONTROL_PAGE,
            lambda route: route.fulfill(
                content_type="text/html", body=f'<!doctype html><title>c</title><a href="{target}">out</a>'
            ),
        )
        page.goto(base_url + CONTROL_PAGE)
    else:
        page.goto(base_url + path)
    leave(page, how)
    page.wait_for_url(target)
    (request,) = sent
    referrer = request.all_headers().get("referer")
    told = page.evaluate("document.referrer") if javascript else None
    if how == "control":
        assert referrer and referrer.startswith(base_url.rstrip("/")), (
            f"the control sent no referrer: {request.all_headers()}"
        )
    else:
        assert referrer is None, f"{how}: the browser told {target} that the reader came from {referrer}"
        assert not told, f"{how}: document.referrer on {target} is {told!r}"
    assert not recorder.failures(), report(recorder.failures())


# --- the policy on every page --------------------------------------------------------------

# The <head> as the browser parsed it: the policies, and whether the CSP comes before anything it governs.
HEAD = """() => {
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const first = document.head.querySelector('script, style, link[rel=stylesheet], link[rel=icon]');
  return {referrer: (document.querySelector('meta[name=referrer]') || {}).content,
          csp: csp && csp.content, cspFirst: !!csp && !!first && !!(csp.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)};
}"""
HASH = re.compile(r"^'sha256-[A-Za-z0-9+/]{43}='$")


def policy_failures(path: str, head: dict) -> list[str]:
    failures = []
    if head["referrer"] != "no-referrer":
        failures.append(f"{path}: referrer policy {head['referrer']!r}")
    if not head["csp"] or not head["cspFirst"]:
        return [*failures, f"{path}: no Content-Security-Policy before the page's scripts and styles: {head}"]
    directives = {part.split()[0]: part.split()[1:] for part in head["csp"].split(";") if part.strip()}
    for name in ("default-src", "connect-src", "img-src", "worker-src", "form-action", "base-uri"):
        sources = [source for source in directives.get(name, []) if source != "data:" or name != "img-src"]
        if sources != ["'self'"]:
            failures.append(f"{path}: {name} {directives.get(name)}")
    for name in ("script-src", "style-src"):
        sources = directives.get(name, [])
        if sources[:1] != ["'self'"] or not all(HASH.match(source) for source in sources[1:]) or len(sources) < 2:
            failures.append(f"{path}: {name} allows more than the site and the build's hashes: {sources}")
    if directives.get("object-src") != ["'none'"]:
        failures.append(f"{path}: object-src {directives.get('object-src')}")
    return failures


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_page_carries_the_policies_and_keeps_to_them(
    new_page: PageFactory, recorder: Recorder, base_url: str, site_paths: list[str], javascript: bool
) -> None:
    page = new_page(**Screen(360, "dark" if javascript else "light", javascript).options())
    failures: list[str] = []
    for path in site_paths:
        page.goto(base_url + path)
        page.evaluate(SETTLE_SCRIPT)
        failures += policy_failures(path or "/", page.evaluate(HEAD))
    # Every page loaded and ran under its policy: a refused script or style is a console error.
    failures += recorder.failures()
    assert not failures, report(failures)


# --- what the policy refuses ---------------------------------------------------------------

PLANTED_PAGE = "glossary.md"
# A tracker in every page's <head>, and in one page's text: a pixel, an embed, a web font and a
# script that sends data (inline, so the build allows it by its hash; where it sends is refused).
TRACKER = "https://tracker.example/t.js"
PLANTED_TEXT = """

<img src="https://pixel.example/p.gif" alt="planted pixel">

<iframe src="https://embed.example/video" title="planted embed"></iframe>

<style>@font-face { font-family: planted; src: url(https://fonts.example/planted.woff2); } .md-typeset p { font-family: planted; }</style>

<script>fetch("https://api.example/collect", {method: "POST", body: "visited"}).catch(function () {});</script>
"""
PLANTED_HOSTS = ("tracker.example", "pixel.example", "embed.example", "fonts.example", "api.example")
# Added to the built page, as a compromised server or a careless edit of the output would: it has no hash.
INJECTED = '<script>document.documentElement.dataset.injected = "ran";</script>'


def plant(project: Path) -> None:
    main = project / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            "{{ super() }}", f'{{{{ super() }}}}\n  <script src="{TRACKER}"></script>', 1
        ),
        encoding="utf-8",
    )
    page = project / "docs" / PLANTED_PAGE
    page.write_text(page.read_text(encoding="utf-8") + PLANTED_TEXT, encoding="utf-8")


@pytest.mark.parametrize("policy", ["kept", "removed"])
def test_the_policy_refuses_what_was_planted(project_copy: Path, tmp_path: Path, browser: Browser, policy: str) -> None:
    plant(project_copy)
    site = tmp_path / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    built = site / page_url(PLANTED_PAGE) / "index.html"
    html = built.read_text(encoding="utf-8").replace("</body>", INJECTED + "</body>", 1)
    if policy == "removed":  # the control: what the guard sees when no policy stops the browser
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    built.write_text(html, encoding="utf-8")
    with serve(site) as url:
        recorder = Recorder(origin=url)
        page = open_page(browser, recorder, viewport={"width": 1280, "height": 800})
        try:
            page.goto(url + page_url(PLANTED_PAGE))
            page.wait_for_load_state("networkidle")
            injected = page.evaluate("document.documentElement.dataset.injected")
        finally:
            page.context.close()
    refused = "\n".join(recorder.console_errors)
    left = "\n".join(recorder.external)
    if policy == "kept":
        # Refused by the browser before any request: the guard saw none leave.
        assert not left, f"requests left the browser despite the policy:\n{left}"
        for host in PLANTED_HOSTS:
            assert re.search(
                rf"Content Security Policy.*{re.escape(host)}|{re.escape(host)}.*Content Security Policy", refused
            ), f"no refusal of {host}:\n{refused}"
        assert injected is None, "an inline script without the build's hash ran"
        assert "inline script" in refused.lower() or "script-src" in refused
    else:
        # Without the policy the same page reaches out, and the privacy guard (every browser test) stops it.
        for host in PLANTED_HOSTS:
            assert host in left, f"{host} was not even tried without the policy:\n{left}"
        assert injected == "ran"
