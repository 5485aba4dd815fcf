"""MkDocs glue for printed pages: each page's QR code, and a clear error when site_url is missing.

therapy_site.handout draws the code; partials/page-review.html prints it, with the address,
in a print-only block (see the print rules in assets/site.css).
"""

from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from therapy_site import handout

log = logging.getLogger("mkdocs.hooks.handouts")


def on_config(config: MkDocsConfig) -> None:
    problem = handout.site_url_problem(config.site_url)
    if problem:
        log.error(f"{os.path.basename(config.config_file_path)}: {problem}")


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.canonical_url and not handout.site_url_problem(config.site_url):
        page.meta["qr_svg"] = handout.qr_svg(page.canonical_url)
    return context
