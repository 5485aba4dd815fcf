"""MkDocs glue: every page tells the browser to send no referrer and to load only from this site.

therapy_site.csp writes the policy. It runs last on each finished page (the quizzes, and every
other hook's HTML, are in by then), and on the 404 page, which MkDocs renders as a theme template.

One policy for the whole site: Material's instant navigation keeps the first page's document and
swaps in the next page's content (its inline <style> and <script> elements too), and the policy the
first page brought stays in force. So at the end of the build every page gets the policy that
allows the inline code of all pages; a page on its own allows no less than its own.

`mkdocs serve` adds an inline live-reload script to each page as it serves it, which no hash can
allow: previews go without the policy (the builds and the tests have it).
"""

from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from therapy_site import csp

log = logging.getLogger("mkdocs.hooks.privacy")


class State:
    def __init__(self) -> None:
        self.inline = csp.Inline()  # every page's inline code
        self.written: list[str] = []  # the pages that carry a policy, as files in site_dir


state = State()
serving = {"on": False}


def on_startup(command: str, dirty: bool) -> None:
    serving["on"] = command == "serve"


def on_config(config: MkDocsConfig) -> None:
    global state
    state = State()


def secured(output: str, name: str, dest: str) -> str:
    if serving["on"]:
        return output
    try:
        inline = csp.inline_code(output)
        result = csp.with_policy(output, csp.policy(inline))
    except ValueError as error:
        log.error(f"{name}: {error}")
        return output
    state.inline.add(inline)
    state.written.append(dest)
    return result


@event_priority(-100)  # last: after every hook has put its HTML in the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return secured(output, page.file.src_uri, page.file.abs_dest_path)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):  # sitemap.xml
        return output_content
    return secured(output_content, template_name, os.path.join(config.site_dir, template_name))


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    text = csp.policy(state.inline)
    for path in state.written:
        try:
            with open(path, encoding="utf-8") as handle:
                page = handle.read()
        except OSError:
            continue  # not written (a build error is reported already)
        new = csp.with_policy(page, text)
        if new != page:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(new)
