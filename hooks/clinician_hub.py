"""MkDocs glue for the clinician hub and the ready-to-paste email templates (rules: therapy_site.hub).

A ```email block becomes plain text with full addresses and a Copy button; `<!-- clinician-hub:
addresses -->` every page and section with its address, `<!-- clinician-hub: handouts -->` the
printable pages and the answer key (overrides/partials/clinician-hub-*.html, email-template.html).
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from therapy_site import build, hub, quiz
from therapy_site.html import html_ids


@event_priority(10)  # before the quiz blocks are swapped: both are found in the same page model
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    now, src = build.current(), build.current().key(page.file.src_uri)
    if (model := now.pages.get(src)) is None:
        return markdown  # a generated page
    exists = files.get_file_from_path
    emails, problems = hub.email_problems(src, model.fences, model.body, model.offset, lambda path: bool(exists(path)))
    now.reporter.report(problem.at(now.file(src)) for problem in problems)
    now.emails[src] = emails
    return hub.replace_emails(markdown, emails) if emails else markdown


@event_priority(-10)  # after hooks/pages.py has given the templates their words
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every page is rendered now: check the sections emails link to, and fill in the hub's parts.
    now = build.current()
    pages = {now.key(file.src_uri): file.page for file in files.documentation_pages() if file.page}

    def anchors(src: str) -> set[str]:
        return html_ids(pages[src].content or "") | set(pages[src].present_anchor_ids or ())

    now.reporter.report(hub.email_anchor_problems(now.emails, now.file, pages.__contains__, anchors))
    order = quiz.nav_order(config.nav)
    hub.fill_site(pages, order, now.emails, config.site_url, env, config, get_relative_url)
    return env
