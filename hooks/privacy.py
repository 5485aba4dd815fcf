"""MkDocs glue for the finished page (the quizzes in): served without its templates' indentation
(therapy_site.minify), each link in the text prints its address (therapy_site.printlinks), and the
page tells the browser to send no referrer and to load only from this site (therapy_site.csp; one
policy for each language's pages, and its scripts preloaded, which that policy's <meta> would
delay). `mkdocs serve` adds an inline live-reload script that no hash can allow: previews go
without a policy.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from therapy_site import build, printlinks
from therapy_site.minify import compact

serving = {"on": False}


def on_startup(command: str, dirty: bool) -> None:
    serving["on"] = command == "serve"


@event_priority(-100)  # last: after every hook has put its HTML in the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.canonical_url:  # no site_url: nothing to print (hooks/pages.py reports it)
        output = printlinks.annotate_page(output, page.canonical_url)
    output = compact(output)
    return output if serving["on"] else build.current().secure(output, page.file.abs_dest_path)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if serving["on"] or not template_name.endswith(".html"):  # not sitemap.xml
        return output_content
    return build.current().secure(compact(output_content), os.path.join(config.site_dir, template_name))


@event_priority(-90)  # before mkdocs-static-i18n (-100) builds the next language
def on_post_build(config: MkDocsConfig) -> None:
    build.current().policy.finish()
