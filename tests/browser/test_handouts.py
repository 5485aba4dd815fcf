"""Printable handouts and the clinician hub in real Chromium: print layout, PDF, Copy link, redirects."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_project, run_build
from playwright.sync_api import Browser, Page
from project_edits import add_redirect, rename_page
from site_pages import page_url

from .conftest import PageFactory
from .guard import Recorder
from .navigation import nav_link, open_home, same_document_click
from .serve import serve

pytestmark = pytest.mark.browser

SITE_URL = "https://therapy-relationship.github.io/"
# Printable width of each paper size with the 14 mm side margins of site.css, in CSS pixels.
PAPER = {"A4": 688, "Letter": 710}
CHROME = {
    "header": ".md-header",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "footer": ".md-footer",
    "back to top": ".md-top",
}
HANDOUTS = ["what-a-good-relationship-feels-like.md", "how-is-it-going.md", "for-clinicians/index.md", "index.md"]


def shown(page: Page, selector: str) -> bool:
    return any(item.is_visible() for item in page.locator(selector).all())


def open_in_print(new_page: PageFactory, base_url: str, src: str, paper: str) -> Page:
    page = new_page(viewport={"width": PAPER[paper], "height": 1000})
    page.goto(base_url + page_url(src))
    page.emulate_media(media="print")
    return page


@pytest.mark.parametrize("paper", sorted(PAPER))
@pytest.mark.parametrize("src", HANDOUTS)
def test_a_page_prints_as_a_clean_handout(
    new_page: PageFactory, base_url: str, recorder: Recorder, src: str, paper: str
) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + page_url(src))
    # On screen: the site's chrome is there; the QR code and the printed address stay out of the way.
    assert shown(page, CHROME["header"]) and shown(page, CHROME["navigation"])
    assert page.locator(".page-address").count() == 1 and page.locator("svg.page-qr").count() == 1
    assert not shown(page, ".page-qr") and not shown(page, ".page-address")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAPER[paper], "height": 1000})
    leftovers = [name for name, selector in CHROME.items() if shown(page, selector)]
    assert leftovers == [], f"{src}: printed chrome: {leftovers}"
    assert page.locator("article h1").first.is_visible()
    assert page.locator(".crisis").is_visible() and "988" in page.locator(".crisis").inner_text()
    assert (
        page.locator(".page-review").is_visible() and "Page last reviewed" in page.locator(".page-review").inner_text()
    )
    address = page.locator(".page-address__url")
    assert address.is_visible() and address.inner_text() == SITE_URL + page_url(src)
    qr = page.locator("svg.page-qr")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box is not None and 80 <= box["width"] <= 140 and abs(box["width"] - box["height"]) < 1
    # Nothing wider than the paper.
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    assert recorder.failures() == []


def test_a_quiz_prints_as_a_worksheet(new_page: PageFactory, base_url: str) -> None:
    page = open_in_print(new_page, base_url, "what-a-good-relationship-feels-like.md", "A4")
    assert page.locator(".quiz").first.is_visible()
    assert page.locator(".quiz__options > label").first.is_visible()
    for part in (".quiz__actions", ".quiz__answer", ".quiz__feedback", ".quiz__summary"):
        assert not shown(page, part), f"{part} is printed"


def test_clinician_tools_are_not_printed(new_page: PageFactory, base_url: str) -> None:
    page = open_in_print(new_page, base_url, "for-clinicians/index.md", "A4")
    assert not shown(page, ".hub-copy")
    assert page.locator(".hub-address").first.is_visible()
    assert page.locator(".email-template__text").first.is_visible()


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_pdf_on_each_paper_size(new_page: PageFactory, base_url: str, paper: str) -> None:
    page = new_page()
    page.goto(base_url + page_url("when-it-is-not-healthy.md"))
    pdf = page.pdf(format=paper, print_background=False)
    assert pdf.startswith(b"%PDF-")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 1 <= pages <= 12


@pytest.mark.parametrize("arrival", ["fresh load", "instant navigation"])
def test_copy_link_copies_the_address_and_says_so(
    new_page: PageFactory, base_url: str, recorder: Recorder, arrival: str
) -> None:
    origin = base_url.rstrip("/")
    page = new_page(permissions=["clipboard-read", "clipboard-write"], viewport={"width": 1280, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    hub = base_url + page_url("for-clinicians/index.md")
    if arrival == "fresh load":
        page.goto(hub)
    else:  # clinician.js is loaded only by pages with buttons: it must arrive with the page's content
        open_home(page, base_url)
        same_document_click(page, nav_link(base_url, page_url("for-clinicians/index.md")), hub)
    button = page.locator(
        '.hub-copy[data-copy="https://therapy-relationship.github.io/what-a-good-relationship-feels-like/#trust"]'
    )
    button.scroll_into_view_if_needed()
    assert button.is_visible()
    button.click()
    # A function, not an expression string: Playwright evaluates a polled string with eval, which
    # the pages' Content-Security-Policy refuses (no 'unsafe-eval').
    page.wait_for_function("() => document.querySelector('[data-copy-status]').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == SITE_URL + "what-a-good-relationship-feels-like/#trust"
    status = page.locator("[data-copy-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    email = page.locator('[data-copy-from="email-1"]')
    email.click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.startsWith('Subject: '))")
    assert recorder.failures() == []


def test_without_javascript_the_addresses_are_plain_text(new_page: PageFactory, base_url: str) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(base_url + page_url("for-clinicians/index.md"))
    assert not shown(page, ".hub-copy")
    first = page.locator(".hub-address").first
    assert first.is_visible() and first.inner_text() == SITE_URL


def test_an_old_address_with_an_anchor_lands_on_the_renamed_page(browser: Browser, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    rename_page(project, "what-can-get-in-the-way.md", "barriers.md")
    add_redirect(project, "what-can-get-in-the-way.md", "barriers.md")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url + "what-can-get-in-the-way/#rapport")
            page.wait_for_url(url + "barriers/#rapport")
            assert page.locator("#rapport").is_visible()
        finally:
            context.close()
