"""MkDocs glue for quizzes and check-ins: read every page, report problems, swap blocks for HTML.

The work lives in therapy_site.quiz (no MkDocs there); this file only reads files, logs problems
as `docs/page.md:LINE: message`, sets page flags for the templates and adds the two generated
pages ("Check your understanding" and the clinicians' answer key).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from therapy_site import quiz
from therapy_site.registry import html_ids

log = logging.getLogger("mkdocs.hooks.quizzes")
GENERATED = (quiz.INDEX_PAGE, quiz.ANSWER_KEY_PAGE)


@dataclass
class Build:
    """What one build learnt in on_files and needs again for each page."""

    site: quiz.Site
    renderer: quiz.Renderer
    problems: dict[str, list[quiz.Problem]] = field(default_factory=dict)
    html: dict[str, list[str]] = field(default_factory=dict)  # each page's quiz HTML, by slot


STATE: dict[str, Build] = {}  # replaced on every build, so `mkdocs serve` never sees stale data


def project_dir(config: MkDocsConfig) -> str:
    return os.path.dirname(os.path.abspath(config.config_file_path))


def shown_path(config: MkDocsConfig, src_path: str) -> str:
    """A page's path as an editor sees it, relative to the project folder: docs/barriers.md."""
    return os.path.relpath(os.path.join(config.docs_dir, src_path), project_dir(config)).replace(os.sep, "/")


def template_dir(config: MkDocsConfig) -> Path:
    overrides = config.theme.custom_dir or os.path.join(project_dir(config), "overrides")
    return Path(overrides) / "quiz"


def nav_order(nav: Any) -> list[str]:
    """The src paths of mkdocs.yml's nav, in reading order (the generated pages follow it)."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_order(value)]
    if isinstance(nav, list):
        return [path for value in nav for path in nav_order(value)]
    return []


def read_page(file: File) -> quiz.PageQuizzes:
    """One page's quizzes; a file that cannot be read becomes a problem on line 1."""
    try:
        source = file.content_string
        body, meta = get_data(source)
        title = str(meta.get("title") or next((line[2:].strip() for line in body.split("\n") if line.startswith("# ")), ""))
        return quiz.read_page(body, quiz.front_matter_offset(source, body), file.src_uri, title)
    except Exception as error:  # noqa: BLE001 - report with a line, never a traceback
        problem = quiz.Problem(1, f"could not read this page for quizzes ({type(error).__name__}: {error})")
        return quiz.PageQuizzes(file.src_uri, "", (), (problem,))


def report(config: MkDocsConfig, src_path: str, problems: list[quiz.Problem]) -> None:
    for problem in problems:
        log.error(f"{shown_path(config, src_path)}:{problem.line}: {problem.message}")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    order = {src: index for index, src in enumerate(nav_order(config.nav))}
    sources = [file for file in files.documentation_pages() if file.src_uri not in GENERATED]
    sources.sort(key=lambda file: (order.get(file.src_uri, len(order)), file.src_uri))
    site = quiz.Site(
        [read_page(file) for file in sources],
        page_exists=lambda src: files.get_file_from_path(src) is not None,
        href=lambda a, b: get_relative_url(files.get_file_from_path(b).url, files.get_file_from_path(a).url),
    )
    build = Build(site, quiz.Renderer(template_dir(config)))
    STATE["build"] = build
    for src in GENERATED:
        if files.get_file_from_path(src) is not None:
            report(config, src, [quiz.Problem(1, "this page is generated from the quizzes; delete the file")])
            files.remove(files.get_file_from_path(src))
    # Added first, so that links from the generated pages can be worked out while they are written.
    index, answer_key = (File.generated(config, src, content="") for src in GENERATED)
    files.append(index)
    files.append(answer_key)
    try:
        index.content_string = build.renderer.index(site)
        answer_key.content_string = build.renderer.answer_key(site, stash=build.html.setdefault(quiz.ANSWER_KEY_PAGE, []))
        build.problems = site.problems(lambda src: shown_path(config, src))
    except Exception as error:  # noqa: BLE001 - a template mistake must not end in a traceback
        build.problems = {quiz.INDEX_PAGE: [quiz.Problem(1, f"could not build the quiz pages ({type(error).__name__}: {error}); check overrides/quiz/")]}
    for src, problems in build.problems.items():
        report(config, src, problems)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = STATE.get("build")
    src = page.file.src_uri
    found = build.site.pages.get(src) if build else None
    if build is None or found is None or not found.blocks:
        return markdown
    ok = src not in build.problems
    stash: list[str] = []
    try:
        offset = quiz.front_matter_offset(page.file.content_string, markdown)
        html = build.renderer.render_page(markdown, src, build.site, ok, stash, offset)
    except Exception as error:  # noqa: BLE001 - report with a line, never a traceback
        report(config, src, [quiz.Problem(found.blocks[0].block.line, f"could not show the quiz ({type(error).__name__}: {error})")])
        return markdown
    # The theme loads quiz.js and quiz.css, and shows Quick exit, only where these are set.
    page.meta["has_quiz"] = ok
    if any(checkin.quick_exit for checkin in found.checkins):
        page.meta["quick_exit"] = True
    build.html[src] = stash
    return html


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs checks links against the ids it saw while rendering Markdown: add the quizzes' ids.
    build = STATE.get("build")
    stash = build.html.get(page.file.src_uri) if build else None
    if stash and page.present_anchor_ids is not None:
        page.present_anchor_ids.update(html_ids("".join(stash)))
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The quiz HTML skips Python-Markdown (slow on large raw HTML) and goes in only now, after
    # Material's search plugin has indexed the page: search leads to the teaching text, never to
    # a question or its answer, and does not spend time parsing quiz markup it would drop.
    build = STATE.get("build")
    stash = build.html.pop(page.file.src_uri, None) if build else None
    return quiz.fill_slots(output, stash) if stash else output
