"""MkDocs glue: every address in published-urls.txt must still lead somewhere after the build.

The rules live in therapy_site.registry. This file gathers, page by page, the ids of the rendered
HTML (quiz anchors included) and what each page publishes, then checks the registry at the end.
`make urls` runs a build with UPDATE_PUBLISHED_URLS=1: the new addresses are added to the file.
A copy of the project without the file (as some tests make) skips the registry, not the redirects.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.meta import get_data

from therapy_site import quiz, registry
from therapy_site.quiz import anchors_of  # the ids a quiz or check-in puts on its page

log = logging.getLogger("mkdocs.hooks.link_registry")


class State:
    def __init__(self) -> None:
        self.site = registry.Site()
        self.published: list[registry.Published] = []
        self.sources: dict[str, tuple[str, int]] = {}  # src -> (markdown, line offset)


state = State()


def project_dir(config: MkDocsConfig) -> str:
    return os.path.dirname(os.path.abspath(config.config_file_path))


def docs_name(config: MkDocsConfig, src: str) -> str:
    """'docs/about.md', relative to the project, as an editor sees it."""
    return os.path.relpath(os.path.join(config.docs_dir, src), project_dir(config)).replace(os.sep, "/")


def on_config(config: MkDocsConfig) -> None:
    global state
    state = State()  # `mkdocs serve` reuses this module for every rebuild


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # The page as the editor wrote it (other hooks may already have turned its quizzes into HTML).
    source = page.file.content_string
    body, _meta = get_data(source)
    state.sources[page.file.src_uri] = (body, quiz.front_matter_offset(source, body))
    return markdown


def sections(items: Iterable[AnchorLink]) -> list[str]:
    """Section ids of the table of contents (h2 and deeper; the h1's id follows its words)."""
    found: list[str] = []
    for item in items:
        if item.level >= 2:
            found.append(item.id)
        found += sections(item.children)
    return found


def quiz_anchors(markdown: str, offset: int) -> list[tuple[str, int]]:
    """The quiz and check-in anchors of a page, with their source lines, from the quiz engine."""
    page = quiz.read_page(markdown, offset)
    return [(anchor, line) for item in page.items for anchor, line, _owner in anchors_of(item)]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    src = page.file.src_uri
    ids = registry.html_ids(output)
    markdown, offset = state.sources.get(src, ("", 0))
    lines = registry.heading_lines(markdown, offset)
    found = {anchor: lines.get(anchor, 1) for anchor in sections(page.toc) if anchor in ids}
    if page.file.generated_by is not None:
        # A generated page (the quiz answer key) names most sections after other pages' files,
        # which a rename changes and no editor can restore: it publishes only its quiz anchors.
        found = {anchor: line for anchor, line in found.items() if registry.is_quiz_anchor(anchor)}
    anchors = quiz_anchors(markdown, offset) if markdown else []
    state.published += registry.published_of_page(src, page.url, found, anchors, ids)
    # A quiz still in the page but not shown (the quiz hook reports its mistake) keeps its
    # addresses: the one error to fix is the quiz's own.
    state.site.add_page(src, page.url, ids | {anchor for anchor, _line in anchors})
    return output


def config_line(config: MkDocsConfig, key: str) -> str:
    """'mkdocs.yml:LINE' of the redirect from `key`, or just 'mkdocs.yml'."""
    path = config.config_file_path
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return name
    pattern = re.compile(r"^\s*['\"]?/?" + re.escape(key) + r"['\"]?\s*:")
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return f"{name}:{number}"
    for number, line in enumerate(lines, start=1):
        if "redirect_maps" in line:
            return f"{name}:{number}"
    return name


def on_post_build(config: MkDocsConfig) -> None:
    plugin = config.plugins.get("redirects")
    maps = dict(plugin.config.get("redirect_maps") or {}) if plugin is not None else {}
    pages = list(state.site.sources.values())
    redirects, redirect_problems = registry.read_redirects(maps, pages, config.use_directory_urls)
    state.site.redirects = redirects
    for old, message in redirect_problems:
        log.error(f"{config_line(config, old)}: {message}")

    path = os.path.join(project_dir(config), registry.FILE_NAME)
    name = registry.FILE_NAME
    updating = os.environ.get(registry.UPDATE_ENV, "") not in ("", "0")
    if not os.path.exists(path) and not updating:
        log.info(f"{name} not found next to {os.path.basename(config.config_file_path)}: "
                 "published addresses are not checked (run `make urls` to create it)")
        return
    text = ""
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except UnicodeDecodeError:
            log.error(f"{name}: the file is not plain text (UTF-8); restore the last good copy "
                      "of it from GitHub, then run `make urls`")
            return
    entries, problems = registry.parse(text)
    for problem in problems:
        log.error(f"{name}:{problem.line}: {problem.message}")

    if updating:
        if problems:
            log.error(f"{name}: not updated, because of the mistakes above; fix them, then run "
                      "`make urls` again")
        else:
            new_text, added = registry.merge(entries, state.published)
            if new_text != text:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(new_text)
            log.info(f"{name}: added {len(added)} new address{'es' if len(added) != 1 else ''}")
            for url in added:
                log.info(f"  {url}")
            entries, _ = registry.parse(new_text)

    for problem in registry.check(entries, state.site):
        log.error(f"{name}:{problem.line}: {problem.message}")
    if problems:
        return  # a half-read file would list many addresses as new
    for src, problem in registry.unregistered_problems(state.published, entries, name):
        log.error(f"{docs_name(config, src)}:{problem.line}: {problem.message}")
