"""Proof that the suite catches faults: plant three in a copy of the project, run the same checks.

If a refactor ever made axe or the privacy guard silently check nothing, the real suite would
pass vacuously; this test would then fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_build
from playwright.sync_api import Browser
from site_pages import page_url

from .checks import audit_site, report
from .guard import Recorder, open_page
from .quiz_source import all_blocks
from .serve import serve

pytestmark = pytest.mark.browser

IMAGE_PAGE = "glossary.md"
FONT = "https://fonts.googleapis.com/css?family=Roboto"
# An option with its <label> taken away: the radio keeps its place but loses its name.
OPTION_LABEL = re.compile(r"<label>(<input [^>]*>)(.*?)</label>", re.DOTALL)


def plant_source_faults(project: Path) -> None:
    # 1. An image with no alt text, in one page (raw HTML, as an editor might paste it).
    page = project / "docs" / IMAGE_PAGE
    page.write_text(
        page.read_text(encoding="utf-8") + '\n\n<img src="../assets/images/favicon.png">\n', encoding="utf-8"
    )
    # 2. A web font from a third party, in every page's <head>.
    main = project / "overrides" / "main.html"
    template = main.read_text(encoding="utf-8")
    assert "{{ super() }}" in template
    main.write_text(
        template.replace("{{ super() }}", f'{{{{ super() }}}}\n  <link rel="stylesheet" href="{FONT}">', 1),
        encoding="utf-8",
    )


def plant_label_fault(site: Path, path: str) -> None:
    # 3. A quiz option whose <label> is removed from the built page.
    page = site / path / "index.html"
    html, count = OPTION_LABEL.subn(r"\1<span>\2</span>", page.read_text(encoding="utf-8"), count=1)
    assert count == 1, f"no quiz option label found in {page}"
    page.write_text(html, encoding="utf-8")


def test_planted_faults_are_reported(project_copy: Path, tmp_path: Path, browser: Browser) -> None:
    quiz_page = next(block.url for block in all_blocks() if block.kind == "quiz")
    plant_source_faults(project_copy)
    site = tmp_path / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    plant_label_fault(site, quiz_page)

    with serve(site) as url:
        recorder = Recorder(origin=url)
        page = open_page(browser, recorder, viewport={"width": 360, "height": 740})
        try:
            failures = audit_site(page, recorder, url, ["", page_url(IMAGE_PAGE), quiz_page])
        finally:
            page.context.close()
    print("\nThe planted faults, as the suite reports them:\n" + report(failures))

    def reported(path: str, *words: str) -> bool:
        return any(f.startswith(url + path) and all(w in f for w in words) for f in failures)

    assert reported(page_url(IMAGE_PAGE), "axe image-alt"), report(failures)
    for path in ("", page_url(IMAGE_PAGE), quiz_page):
        # The pages' Content-Security-Policy refuses the font before any request (a console error);
        # were the policy ever lost, the guard would stop the request itself.
        assert reported(path, "Content Security Policy", "fonts.googleapis.com") or reported(
            path, "external request blocked", "fonts.googleapis.com"
        ), report(failures)
    assert reported(quiz_page, "axe label"), report(failures)
