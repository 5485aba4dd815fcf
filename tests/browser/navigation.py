"""Getting around the site as a reader does: by Material's instant navigation."""

from __future__ import annotations

from playwright.sync_api import Page


def open_home(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.wait_for_load_state("networkidle")  # Material intercepts clicks only once sitemap.xml is in


def same_document_click(page: Page, link_selector: str, url: str) -> None:
    """Follow a link by Material's instant navigation, and prove no page load happened."""
    page.evaluate("window.__sameDocument = true")
    page.locator(link_selector).click()
    page.wait_for_url(url)
    assert page.evaluate("window.__sameDocument === true"), (
        "the click reloaded the page: instant navigation is not under test"
    )


def nav_link(base_url: str, path: str) -> str:
    """The site navigation's link to a page (Material makes every href absolute)."""
    return f'.md-sidebar--primary a.md-nav__link[href="{base_url}{path}"]'


# Material's menu button is a <label>; with JavaScript site.js puts a real <button> in its place.
MENU = "header [data-drawer-button], header label[for=__drawer]"


def open_menu(page: Page) -> None:
    """Open the navigation drawer (phones and tablets) with the menu button, as a reader taps it."""
    page.locator(MENU).filter(visible=True).click()
