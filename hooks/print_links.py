"""MkDocs glue: printed handouts show where each link in the text goes (therapy_site.printlinks).

Runs on the finished page, after the quizzes are in (their "review" links are printed too), and
before hooks/privacy.py (which only adds to the <head>).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from therapy_site import printlinks


@event_priority(-50)  # after hooks/quizzes.py fills in the quizzes (priority 0)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not page.canonical_url:
        return output  # no site_url: nothing to print (hooks/pages.py reports it)
    return printlinks.annotate_page(output, page.canonical_url)
