"""MkDocs glue: check each page's front matter and heading ids, and label section links.

The checks themselves live in therapy_site.pagemeta; this file only reads the page and reports.
"""

from __future__ import annotations

import html
import logging
import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from therapy_site import pagemeta

log = logging.getLogger("mkdocs.hooks.page_meta")
HEADERLINK = re.compile(r'<a class="headerlink" href="#(?P<id>[^"]+)" title="(?P<title>[^"]*)">')


def source_name(page: Page, config: MkDocsConfig) -> str:
    """The page's path as an editor sees it, relative to the project folder."""
    project = os.path.dirname(os.path.abspath(config.config_file_path))
    return os.path.relpath(page.file.abs_src_path or page.file.src_uri, project)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = page.file.content_string
    offset = pagemeta.front_matter_offset(source, markdown)
    problems = pagemeta.front_matter_problems(source)
    problems += pagemeta.heading_problems(markdown, offset)
    for problem in sorted(problems):
        log.error(f"{source_name(page, config)}:{problem.line}: {problem.message}")
    # Dates ready for the "Page last reviewed" footer in main.html.
    page.meta["reviewed_label"] = pagemeta.long_date(page.meta.get("reviewed"))
    page.meta["review_due_label"] = pagemeta.long_date(page.meta.get("review_due"))
    return markdown


def heading_titles(items: list[AnchorLink]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for item in items:
        titles[item.id] = item.title
        titles.update(heading_titles(item.children))
    return titles


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Screen readers would otherwise hear only "#": name each section link after its heading.
    titles = heading_titles(list(page.toc))

    def label(match: re.Match[str]) -> str:
        heading = html.unescape(re.sub(r"<[^>]+>", "", titles.get(match["id"], match["id"])))
        name = html.escape(f"{match['title']}: {heading}", quote=True)
        return f'{match.group(0)[:-1]} aria-label="{name}">'

    return HEADERLINK.sub(label, content)
