"""MkDocs glue for quizzes and check-ins: read them from the page models, swap blocks for HTML.

The work lives in therapy_site.quiz; this file sets page flags for the templates and adds the two
generated pages ("Check your understanding" and the clinicians' answer key).
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from therapy_site import build, quiz
from therapy_site.html import html_ids
from therapy_site.problems import Problem

GENERATED = (quiz.INDEX_PAGE, quiz.ANSWER_KEY_PAGE)
STASH: dict[str, list[str]] = {}  # each page's quiz HTML, by slot, until the page is written


@event_priority(90)  # after hooks/pages.py has read every page
def on_files(files: Files, config: MkDocsConfig) -> Files:
    now, order = build.current(), {src: index for index, src in enumerate(quiz.nav_order(config.nav))}
    now.generated = GENERATED
    for src in GENERATED:
        if (file := files.get_file_from_path(src)) is not None:
            now.reporter.report([Problem(1, "this page is generated from the quizzes; delete the file", now.file(src))])
            files.remove(file)
    sources = sorted(
        (page for src, page in now.pages.items() if src not in GENERATED),
        key=lambda page: (order.get(page.src, len(order)), page.src),
    )
    now.quiz_pages = {page.src: quiz.read_quizzes(page) for page in sources}
    now.quizzes = site = quiz.Site(
        now.quiz_pages.values(),
        page_exists=lambda src: files.get_file_from_path(src) is not None,
        href=lambda a, b: get_relative_url(files.get_file_from_path(b).url, files.get_file_from_path(a).url),
    )
    now.reporter.report(
        problem.at(now.file(src)) for src, problems in site.problems(now.file).items() for problem in problems
    )
    STASH.clear()
    index, answer_key = (File.generated(config, src, content="") for src in GENERATED)
    files.append(index)  # added first, so that links from the generated pages can be worked out
    files.append(answer_key)
    renderer = quiz.Renderer(os.path.join(config.theme.custom_dir or "overrides", "quiz"))
    index.content_string = renderer.index(site)
    answer_key.content_string = renderer.answer_key(site, stash=STASH.setdefault(quiz.ANSWER_KEY_PAGE, []))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    now, src = build.current(), page.file.src_uri
    found = now.quiz_pages.get(src)
    if found is None or not found.blocks or now.quizzes is None:
        return markdown
    ok = src not in now.quizzes.failed
    STASH[src] = []
    html = quiz.Renderer(os.path.join(config.theme.custom_dir or "overrides", "quiz")).render_page(
        markdown, found, now.quizzes, ok, STASH[src]
    )
    # The theme loads quiz.js and quiz.css, and shows Quick exit, only where these are set.
    page.meta["has_quiz"] = ok
    page.meta["quick_exit"] = page.meta.get("quick_exit") or any(item.quick_exit for item in found.checkins)
    return html


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs checks links against the ids it saw while rendering Markdown: add the quizzes' ids.
    if STASH.get(page.file.src_uri) and page.present_anchor_ids is not None:
        page.present_anchor_ids.update(html_ids("".join(STASH[page.file.src_uri])))
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The quiz HTML skips Python-Markdown (slow on large raw HTML) and goes in only now, after
    # Material's search plugin has indexed the page: search leads to the teaching text, never to
    # a question or its answer.
    stash = STASH.pop(page.file.src_uri, None)
    return quiz.fill_slots(output, stash) if stash else output
