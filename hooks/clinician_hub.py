"""MkDocs glue for the clinician hub and the ready-to-paste email templates.

- A ```email block (on any page) becomes plain text with real, full addresses and a Copy button.
- `<!-- clinician-hub: addresses -->` in a page becomes every page and section with its address
  and description; `<!-- clinician-hub: handouts -->` the printable pages and the answer key.
The HTML is in overrides/partials/clinician-hub-*.html and email-template.html; the rules are in
therapy_site.hub.
"""

from __future__ import annotations

import logging
import os
import re

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from therapy_site import hub
from therapy_site.pagemeta import front_matter_offset
from therapy_site.registry import html_ids

log = logging.getLogger("mkdocs.hooks.clinician_hub")
PARTS = ("addresses", "handouts")
ANSWER_KEY = "answer-key.md"
WORKSHEETS = "check-your-understanding.md"


class State:
    def __init__(self) -> None:
        self.emails: dict[str, list[hub.Email]] = {}
        self.env: Environment | None = None
        self.files: Files | None = None  # every file, generated pages included (set in on_env)


state = State()


def on_config(config: MkDocsConfig) -> None:
    global state
    state = State()


def source_name(config: MkDocsConfig, src: str) -> str:
    project = os.path.dirname(os.path.abspath(config.config_file_path))
    return os.path.relpath(os.path.join(config.docs_dir, src), project).replace(os.sep, "/")


def templates(config: MkDocsConfig) -> Environment:
    if state.env is None:
        state.env = config.theme.get_env()
    return state.env


def is_page(files: Files, src: str) -> bool:
    file = files.get_file_from_path(src)
    return file is not None and file.is_documentation_page()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Lines are counted in the page as written (hooks before this one may have changed `markdown`).
    source = page.file.content_string
    body, _meta = get_data(source)
    offset = front_matter_offset(source, body)
    src = page.file.src_uri
    written, problems = hub.find_emails(body, offset)
    for email in written:
        for link in email.links:
            message = hub.link_problem(link, src, lambda path: is_page(files, path))
            if message:
                problems.append(hub.Problem(link.line, message))
    for number, text in enumerate(body.splitlines(), start=offset + 1):
        for match in hub.MARKER.finditer(text):
            if match["part"] not in PARTS:
                problems.append(hub.Problem(number, (
                    f"'{match.group(0)}' is not a part of the clinician hub; write "
                    + " or ".join(f"'<!-- clinician-hub: {part} -->'" for part in PARTS))))
    for problem in sorted(problems):
        log.error(f"{source_name(config, src)}:{problem.line}: {problem.message}")
    emails, _ = hub.find_emails(markdown)
    if not emails:
        return markdown
    state.emails[src] = written if len(written) == len(emails) else emails
    return hub.replace_emails(markdown, emails)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    emails = state.emails.get(page.file.src_uri)
    if not emails:
        return html

    def address_of(src: str, anchor: str) -> str | None:
        file = files.get_file_from_path(src)
        return hub.address(config.site_url, file.url, anchor) if file is not None else None

    template = templates(config).get_template("partials/email-template.html")
    by_index = {email.index: email for email in emails}

    def render(match: re.Match[str]) -> str:
        email = by_index[int(match["index"])]
        text = hub.fill_links(email.text, page.file.src_uri, address_of)
        return template.render(email=email, text=text, id=f"email-{email.index}")

    page.meta["clinician_tools"] = True  # the theme loads clinician.css and .js only here
    return hub.EMAIL_MARKER_RE.sub(render, html)


def page_anchors(files: Files, src: str) -> set[str]:
    file = files.get_file_from_path(src)
    page = file.page if file is not None else None
    if page is None:
        return set()
    return set(html_ids(page.content or "")) | {item.id for item in walk(page.toc)}


def walk(items: list[AnchorLink]) -> list[AnchorLink]:
    found: list[AnchorLink] = []
    for item in items:
        found.append(item)
        found += walk(item.children)
    return found


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every page is rendered now, so the sections an email links to can be checked.
    state.files = files
    for src, emails in state.emails.items():
        for email in emails:
            for link in email.links:
                if hub.link_problem(link, src, lambda path: is_page(files, path)):
                    continue  # reported already
                message = hub.link_problem(link, src, lambda path: True, lambda path: page_anchors(files, path))
                if message:
                    log.error(f"{source_name(config, src)}:{link.line}: {message}")
    return env


def hub_page(target: Page, here: Page, config: MkDocsConfig) -> hub.HubPage:
    sections = tuple(
        hub.Section(hub.plain(item.title), hub.address(config.site_url, target.url, item.id), item.level)
        for item in walk(list(target.toc)) if 2 <= item.level <= 3
    )
    return hub.HubPage(
        title=str(target.meta.get("title") or target.title or target.file.name),
        href=get_relative_url(target.url or "./", here.url or "./"),
        address=hub.address(config.site_url, target.url),
        description=str(target.meta.get("description") or "").strip(),
        src=target.file.src_uri,
        sections=sections,
    )


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if not page.content or not hub.MARKER.search(page.content):
        return context
    # The pages in navigation order, then any page outside the navigation (such as generated ones).
    pages = list(nav.pages)
    seen = {id(item) for item in pages}
    if state.files is not None:
        pages += [file.page for file in state.files.documentation_pages()
                  if file.page is not None and id(file.page) not in seen]
    entries = [hub_page(item, page, config) for item in pages]
    answer_key = next((entry for entry in entries if entry.src.endswith(ANSWER_KEY)), None)
    worksheets = next((entry for entry in entries if entry.src.endswith(WORKSHEETS)), None)
    env = templates(config)

    def render(match: re.Match[str]) -> str:
        part = match["part"]
        if part not in PARTS:
            return ""
        return env.get_template(f"partials/clinician-hub-{part}.html").render(
            pages=entries, answer_key=answer_key, worksheets=worksheets, config=config)

    page.content = hub.MARKER.sub(render, page.content)
    page.meta["clinician_tools"] = True  # the theme loads clinician.css and .js only here
    return context
