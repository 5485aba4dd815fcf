"""Browser fixtures: the built site on a loopback server, one Chromium, guarded pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from .guard import Recorder, open_page
from .serve import serve
from .serve import site_paths as walk_site

CHROMIUM = Path("/usr/bin/chromium")
# Quiet, offline Chromium: no sandbox (containers), no GPU, no phoning home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# From the tests' location, not the working directory: `make test` and an IDE agree.
RESULTS = Path(__file__).resolve().parents[2] / "test-results"

PageFactory = Callable[..., Page]


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def site_paths(built_site: Path) -> list[str]:
    """Every built page: '' (home), 'glossary/', ..., '404.html'."""
    return walk_site(built_site)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        # A missing browser is a broken set-up, never a reason to skip the browser tests.
        pytest.fail("install Debian's chromium: apt-get install -y chromium", pytrace=False)
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # `playwright install` cannot download here: always Debian's Chromium.
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def recorder(base_url: str) -> Recorder:
    """What this test's pages tried: external requests, console and page errors."""
    return Recorder(origin=base_url)


@pytest.fixture
def new_page(browser: Browser, recorder: Recorder) -> Iterator[PageFactory]:
    """new_page(viewport=..., color_scheme=..., java_script_enabled=...) -> a page in a guarded context."""
    contexts: list[BrowserContext] = []

    def make(**context_options: object) -> Page:
        page = open_page(browser, recorder, **context_options)
        contexts.append(page.context)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    directory = RESULTS / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory
