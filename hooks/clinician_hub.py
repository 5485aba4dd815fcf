"""MkDocs glue for the clinician hub (therapy_site.hub): ```email blocks become ready-to-paste text
with full addresses; `<!-- clinician-hub: addresses -->` and `<!-- clinician-hub: handouts -->`
become the lists in overrides/partials/clinician-hub-*.html."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from therapy_site import build, hub, quiz


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
    now.reporter.report(hub.email_anchor_problems(now.emails, now.file, pages.__contains__, hub.anchors_of(pages)))
    order = quiz.nav_order(config.nav)
    hub.fill_site(pages, order, now.emails, config.site_url, env, config, get_relative_url)
    return env
