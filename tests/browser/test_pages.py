"""Every built page, in real Chromium: accessibility, privacy, errors, reflow, screenshots."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from site_pages import CONTENT_PAGES, page_url

from .checks import STANDARD_CHECKS, audit_site, reflow_failures, report, scheme_is, screenshot_name, screenshot_to
from .conftest import PageFactory
from .guard import Recorder

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Look:
    """A viewport and colour scheme a reader may have."""

    scheme: str  # prefers-color-scheme
    width: int
    height: int
    javascript: bool = True

    @property
    def material_scheme(self) -> str:
        return "slate" if self.scheme == "dark" else "default"

    def __str__(self) -> str:
        return f"{self.scheme}-{self.width}x{self.height}{'' if self.javascript else '-no-js'}"


# A phone and a laptop, each in light and dark (the palette follows prefers-color-scheme), the
# narrowest screen (320 px: a 1280 px screen zoomed to 400 %), and each width without JavaScript.
PHONE = Look("light", 360, 740)
LOOKS = [
    PHONE,
    Look("dark", 360, 740),
    Look("light", 1280, 800),
    Look("dark", 1280, 800),
    Look("light", 320, 740),
    Look("dark", 320, 740, javascript=False),
    Look("light", 360, 740, javascript=False),
    Look("dark", 1280, 800, javascript=False),
]


def test_the_walk_finds_every_content_page(site_paths: list[str]) -> None:
    # The audits below walk the built site; make sure the walk misses no page we publish.
    assert set(map(page_url, CONTENT_PAGES)) <= set(site_paths), site_paths
    assert "404.html" in site_paths


@pytest.mark.parametrize("look", LOOKS, ids=str)
def test_every_page_is_accessible_private_and_error_free(
    new_page: PageFactory, recorder: Recorder, base_url: str, site_paths: list[str], screenshot_dir: Path, look: Look
) -> None:
    # One context and one tab per look, navigating through every page: fast enough for 2 cores.
    page = new_page(
        viewport={"width": look.width, "height": look.height},
        color_scheme=look.scheme,
        java_script_enabled=look.javascript,
    )
    # Full-page screenshots on the phone, for a human to look over (test-results/ is git-ignored).
    screenshots = [screenshot_to(screenshot_dir)] if look == PHONE else []
    # Without JavaScript Material's palette is not applied by script: its stylesheet follows the scheme.
    scheme = [scheme_is(look.material_scheme)] if look.javascript else []
    checks = [*scheme, *STANDARD_CHECKS, *screenshots]
    failures = audit_site(page, recorder, base_url, site_paths, checks)
    assert not failures, report(failures)
    if screenshots:
        missing = [path for path in site_paths if not (screenshot_dir / screenshot_name(path)).is_file()]
        assert not missing, f"no screenshot of {missing}"


def test_no_page_scrolls_sideways_at_320px(
    new_page: PageFactory, recorder: Recorder, base_url: str, site_paths: list[str]
) -> None:
    # WCAG 1.4.10 Reflow: 320 CSS px is a 1280 px screen zoomed to 400 %.
    page = new_page(viewport={"width": 320, "height": 740})
    failures = audit_site(page, recorder, base_url, site_paths, [reflow_failures])
    assert not failures, report(failures)
