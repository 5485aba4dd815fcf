"""MkDocs glue for the clinician hub and the ready-to-paste email templates (rules: therapy_site.hub).

A ```email block becomes plain text with full addresses and a Copy button; `<!-- clinician-hub:
addresses -->` every page and section with its address, `<!-- clinician-hub: handouts -->` the
printable pages and the answer key (overrides/partials/clinician-hub-*.html, email-template.html).
"""

from __future__ import annotations

import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from therapy_site import build, hub
from therapy_site.html import html_ids
from therapy_site.problems import Problem

EMAILS: dict[str, list[hub.Email]] = {}
FILES: list[Files] = []  # every file of the build, generated pages included (set in on_env)


def is_page(files: Files, src: str) -> bool:
    return (file := files.get_file_from_path(src)) is not None and file.is_documentation_page()


def anchors(files: Files, src: str) -> set[str]:
    file = files.get_file_from_path(src)
    return html_ids(file.page.content or "") | set(file.page.present_anchor_ids or ()) if file and file.page else set()


@event_priority(10)  # before the quiz blocks are swapped: both are found in the same page model
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    now, src = build.current(), page.file.src_uri
    if (model := now.pages.get(src)) is None:
        return markdown  # a generated page
    emails, problems = hub.email_problems(
        src, model.fences, model.body, model.offset, lambda path: is_page(files, path)
    )
    now.reporter.report(problem.at(now.file(src)) for problem in problems)
    EMAILS[src] = emails
    return hub.replace_emails(markdown, emails) if emails else markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not (emails := {email.index: email for email in EMAILS.get(page.file.src_uri, [])}):
        return html

    def render(match: re.Match[str]) -> str:
        email = emails[int(match["index"])]
        text = hub.fill_links(
            email.text,
            page.file.src_uri,
            lambda src, anchor: (
                hub.address(config.site_url, file.url, anchor) if (file := files.get_file_from_path(src)) else None
            ),
        )
        return (
            config.theme.get_env()
            .get_template("partials/email-template.html")
            .render(email=email, text=text, id=f"email-{email.index}")
        )

    page.meta["clinician_tools"] = True  # the theme loads clinician.css and .js only here
    return hub.EMAIL_MARKER_RE.sub(render, html)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every page is rendered now, so the sections an email links to can be checked.
    FILES[:], now = [files], build.current()
    now.reporter.report(
        Problem(link.line, message, now.file(src))
        for src, emails in EMAILS.items()
        for email in emails
        for link in email.links
        if not hub.link_problem(link, src, lambda path: is_page(files, path))
        and (message := hub.link_problem(link, src, lambda path: True, lambda path: anchors(files, path)))
    )
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if not page.content or not hub.MARKER.search(page.content):
        return context
    # The pages in navigation order, then any page outside the navigation (such as generated ones).
    pages = list(nav.pages) + [
        file.page for file in FILES[0].documentation_pages() if file.page and file.page not in nav.pages
    ]
    entries = hub.hub_pages(pages, config.site_url, lambda url: get_relative_url(url or "./", page.url or "./"))
    page.content = hub.fill_markers(page.content, entries, config.theme.get_env(), config)
    page.meta["clinician_tools"] = True  # the theme loads clinician.css and .js only here
    return context
