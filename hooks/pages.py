"""MkDocs glue: read every page once into the page model, and report everything one way.

The first hook: the page models made here serve every other hook. MkDocs's own warnings (broken
links and anchors, the navigation) are rewritten as `docs/page.md:LINE: ...` (therapy_site.buildlog).
"""

from __future__ import annotations

import logging
import os

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from therapy_site import build, buildlog, handout, html, hub, pagemeta
from therapy_site.problems import Reporter

log = logging.getLogger("mkdocs.hooks.pages")


def on_config(config: MkDocsConfig) -> None:
    name = os.path.basename(config.config_file_path)
    if problem := handout.site_url_problem(config.site_url):
        log.error(f"{name}: {problem}")
    for logger in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
        buildlog.install(logging.getLogger(logger), name, build.current)


@event_priority(100)  # first: every other hook reads the page models made here
def on_files(files: Files, config: MkDocsConfig) -> Files:
    prefix = os.path.relpath(config.docs_dir, os.path.dirname(os.path.abspath(config.config_file_path)))
    pages = {file.src_uri: file for file in files.documentation_pages()}
    now = build.start(
        {src: file.content_bytes for src, file in pages.items()},
        prefix.replace(os.sep, "/"),
        Reporter(log.error, log.warning),
    )
    for src, file in pages.items():
        file.content_string = now.pages[src].source  # bad bytes replaced (and reported): no traceback
    return files


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return html.label_section_links(content, {item.id: item.title for item in hub.walk(page.toc)})


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Dates and QR codes are made where they are shown, in the templates.
    env.filters["long_date"] = pagemeta.long_date
    env.filters["qr_svg"] = handout.qr_svg
    return env
