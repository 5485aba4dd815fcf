"""MkDocs glue for quizzes and check-ins (therapy_site.quiz, Build.read_quizzes): blocks become HTML,
page flags tell the templates, and each language gets the two generated pages (quiz.GENERATED)."""

from __future__ import annotations

import functools
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from therapy_site import build, quiz
from therapy_site.problems import Problem


@event_priority(-120)  # after hooks/pages.py (-110) has read the language's pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    now = build.current()
    for src in quiz.GENERATED:  # an editor's file in the way of a generated page
        if (file := files.get_file_from_path(src)) is not None:
            now.reporter.report([Problem(1, "this page is generated from the quizzes; delete the file", now.file(src))])
            files.remove(file)
    made = {src: File.generated(config, src, content="") for src in quiz.GENERATED}
    for file in made.values():
        file.dest_path = now.language.folder + file.dest_path  # '' in English, 'es/' in Spanish
        files.append(file)  # before the pages are rendered: the generated pages' links need it
    # Every review link asks for its page's file; the i18n plugin's lookup is slow: ask once a page.
    file_of = functools.cache(files.get_file_from_path)
    for src, text in now.read_quizzes(
        quiz.nav_order(config.nav),
        lambda src: file_of(src) is not None,
        lambda a, b: get_relative_url(file_of(b).url, file_of(a).url),
        os.path.join(config.theme.custom_dir or "overrides", "quiz"),
    ).items():
        made[src].content_string = text
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    now, src = build.current(), build.current().key(page.file.src_uri)
    found = now.quizzes.pages.get(src) if now.quizzes else None
    if found is None or not found.blocks or now.quizzes is None:
        return markdown
    ok = src not in now.quizzes.failed
    html = now.renderer().render_page(markdown, found, now.quizzes, ok, now.quiz_html.setdefault(src, []))
    # The theme inlines quiz.css (site.js fetches quiz.js), and shows Quick exit, only where these are set.
    page.meta["has_quiz"] = ok
    page.meta["quick_exit"] = page.meta.get("quick_exit") or any(item.quick_exit for item in found.checkins)
    return html


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs checks links against the ids it saw while rendering Markdown: add the quizzes' ids.
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(build.current().quiz_ids(page.file.src_uri))
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The quiz HTML skips Python-Markdown (slow on large raw HTML) and goes in only now, after
    # Material's search plugin has indexed the page: search leads to the teaching text, never to
    # a question or its answer.
    return build.current().with_quizzes(page.file.src_uri, output)
