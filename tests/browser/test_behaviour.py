"""What a reader does: leave fast, print, search, switch colours, read without JavaScript."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, Request, expect
from site_pages import CONTENT_PAGES, page_url

from .checks import (
    answer_key_failures,
    audit_site,
    content_failures,
    report,
    storage_failures,
)
from .conftest import PageFactory
from .guard import Recorder
from .navigation import nav_link, open_home, open_menu, same_document_click
from .quiz_source import all_blocks

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
QUICK_EXIT_PAGE = page_url("when-it-is-not-healthy.md")
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; tags such as !ENV are not needed here."""


ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def quick_exit_url() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506
    return config["extra"]["quick_exit"]["url"]


# --- Quick exit ----------------------------------------------------------------------------


def test_quick_exit_leaves_and_back_does_not_return(new_page: PageFactory, recorder: Recorder, base_url: str) -> None:
    target = quick_exit_url()
    recorder.expected.add(target)  # the one external address this test may visit: a stub, not a leak
    page = new_page(viewport=PHONE)
    open_home(page, base_url)
    # On a phone the navigation sits in the drawer behind the menu button.
    open_menu(page)
    same_document_click(page, nav_link(base_url, QUICK_EXIT_PAGE), base_url + QUICK_EXIT_PAGE)
    exit_link = page.get_by_role("link", name="Quick exit")
    expect(exit_link).to_be_in_viewport()
    exit_link.click()
    page.wait_for_url(target)
    assert recorder.stubbed == [target]
    page.go_back()
    page.wait_for_load_state()
    assert page.url == base_url, f"Back went to {page.url}, expected the home page, never {QUICK_EXIT_PAGE}"
    assert not recorder.failures(), report(recorder.failures())


def test_quick_exit_without_javascript_is_a_plain_link(
    new_page: PageFactory, recorder: Recorder, base_url: str
) -> None:
    target = quick_exit_url()
    recorder.expected.add(target)
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(base_url + QUICK_EXIT_PAGE)
    exit_link = page.get_by_role("link", name="Quick exit")
    expect(exit_link).to_have_attribute("href", target)
    exit_link.click()
    page.wait_for_url(target)
    assert recorder.stubbed == [target]
    assert not recorder.failures(), report(recorder.failures())


# --- Print ---------------------------------------------------------------------------------

# Material's furniture and our Quick exit: not on a handout.
HIDDEN_IN_PRINT = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
    ".quick-exit",
]
# The handout itself: the title, the text and the crisis lines.
SHOWN_IN_PRINT = ["article h1", "article > p", ".crisis"]


def print_failures(page: Page) -> list[str]:
    failures = []
    for selector in HIDDEN_IN_PRINT:
        if any(element.is_visible() for element in page.locator(selector).all()):
            failures.append(f"{page.url}: {selector} is visible in print")
    for selector in SHOWN_IN_PRINT:
        if not page.locator(selector).first.is_visible():
            failures.append(f"{page.url}: {selector} is not visible in print")
    return failures


def test_every_page_prints_as_a_handout(new_page: PageFactory, recorder: Recorder, base_url: str) -> None:
    page = new_page(viewport=DESKTOP)
    page.emulate_media(media="print")
    paths = [page_url(src) for src in CONTENT_PAGES]
    assert QUICK_EXIT_PAGE in paths
    failures = audit_site(page, recorder, base_url, paths, [print_failures])
    assert not failures, report(failures)


# --- Search --------------------------------------------------------------------------------


RESULTS = ".md-search-result__list a"


def search(page: Page, query: str, box_name: str = "Search") -> None:
    """Type into Material's search box, key by key, as a reader would (the box is "Buscar" in Spanish)."""
    box = page.get_by_role("textbox", name=box_name)
    box.click()
    box.press_sequentially(query, delay=30)
    expect(box).to_have_value(query)


@pytest.mark.parametrize(
    ("query", "expected_page"), [("rapport", "what-can-get-in-the-way/"), ("rapport", "glossary/")]
)
def test_search_finds_a_topic(
    new_page: PageFactory, recorder: Recorder, base_url: str, built_site: Path, query: str, expected_page: str
) -> None:
    page = new_page(viewport=DESKTOP)
    open_home(page, base_url)
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))
    search(page, query)
    result = page.locator(f'{RESULTS}[href^="{base_url}{expected_page}"]').first
    expect(result).to_be_visible()
    # "Search runs inside your browser" (privacy page): no request carries the words typed.
    assert not [r.url for r in sent if query in r.url.lower() or query in (r.post_data or "").lower()]
    result.click()
    page.wait_for_url(re.compile(re.escape(base_url + expected_page)))
    title = re.search(r'<h1 id="([^"]+)"', (built_site / expected_page / "index.html").read_text(encoding="utf-8"))
    assert title, f"{expected_page} has no h1 with an id"
    expect(page.locator(f"article h1#{title[1]}")).to_be_visible()
    assert not recorder.failures(), report(recorder.failures())


EXPLANATION = re.compile(r'<p class="quiz__explanation">(.*?)</p>', re.DOTALL)


def index_words(built_site: Path) -> set[str]:
    """Every word the search index holds, lower-cased, as lunr splits them."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(f"{doc['title']} {doc['text']}" for doc in index["docs"])
    return set(re.findall(r"[a-z0-9']+", html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()))


def quiz_only_word(built_site: Path) -> tuple[str, str]:
    """A word from a quiz explanation that nothing in the index starts with."""
    words = index_words(built_site)
    for page in sorted(built_site.rglob("index.html")):
        for explanation in EXPLANATION.findall(page.read_text(encoding="utf-8")):
            for word in re.findall(r"[A-Za-z]{5,}", html.unescape(explanation)):
                # Material adds a trailing wildcard to each term, so a prefix would match too.
                if not any(known.startswith(word.lower()) for known in words):
                    return word, page.parent.relative_to(built_site).as_posix() + "/"
    raise AssertionError("no word of any quiz explanation is absent from the search index")


def test_search_skips_quiz_answers(new_page: PageFactory, recorder: Recorder, base_url: str, built_site: Path) -> None:
    # Explanations give the answers away: quizzes go into the page only after search has indexed it.
    word, source = quiz_only_word(built_site)
    page = new_page(viewport=DESKTOP)
    open_home(page, base_url)
    search(page, word)
    # Each letter typed narrows the results (a trailing wildcard), so "none" now means none at the end too.
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    links = page.locator(RESULTS).evaluate_all("as => as.map(a => a.href)")
    assert links == [], f"searching {word!r} (only in a quiz explanation on {source}) found {links}"
    assert not recorder.failures(), report(recorder.failures())


# --- Colour scheme -------------------------------------------------------------------------


def scheme(page: Page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def test_colour_switch_is_kept_in_memory_only(new_page: PageFactory, recorder: Recorder, base_url: str) -> None:
    page = new_page(viewport=DESKTOP, color_scheme="light")
    open_home(page, base_url)
    assert scheme(page) == "default"
    page.locator("form[data-md-component=palette] label").filter(visible=True).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    failures = storage_failures(page)
    # Kept while the reader moves around the site...
    same_document_click(page, nav_link(base_url, "glossary/"), base_url + "glossary/")
    assert scheme(page) == "slate"
    failures += storage_failures(page)
    # ...and forgotten on a fresh load, because nothing was written to the browser.
    page.reload()
    assert scheme(page) == "default"
    failures += storage_failures(page) + recorder.failures()
    assert not failures, report(failures)


# --- Without JavaScript --------------------------------------------------------------------


def test_without_javascript_every_page_reads_and_every_answer_opens(
    new_page: PageFactory, recorder: Recorder, base_url: str, site_paths: list[str]
) -> None:
    # Without JavaScript: each page's title and text, and each quiz's "Show answer" (see answer_key_failures).
    page = new_page(viewport=PHONE, java_script_enabled=False)
    blocks = all_blocks()
    failures: list[str] = []
    for path in site_paths:
        page.goto(base_url + path)
        failures += content_failures(page, min_text=10 if path == "404.html" else 200)
        for block in (block for block in blocks if block.url == path):
            failures += answer_key_failures(page, base_url, block)
    assert {block.url for block in blocks} <= set(site_paths)
    failures += recorder.failures()
    assert not failures, report(failures)
