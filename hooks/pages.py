"""MkDocs glue: read every page of the language being built once, and report everything one way.

The first of our hooks: the page models made here serve every other hook. MkDocs's own warnings
(broken links and anchors, the navigation) are rewritten as `docs/page.md:LINE: ...`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from therapy_site import build, buildlog, handout, html, hub, languages, theme, words
from therapy_site.problems import Reporter

log = logging.getLogger("mkdocs.hooks.pages")


def on_config(config: MkDocsConfig) -> None:
    name = os.path.basename(config.config_file_path)
    if problem := handout.site_url_problem(config.site_url):
        log.error(f"{name}: {problem}")
    for logger in ("mkdocs.structure.pages", "mkdocs.structure.nav", "mkdocs.plugin.redirects"):
        buildlog.install(logging.getLogger(logger), name, build.current)


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    plugin, theme_language = config.plugins.get(languages.PLUGIN), config.theme.get("language") or "en"
    site = languages.from_settings([dict(item) for item in plugin.config.languages] if plugin else [], theme_language)
    language = site.get(plugin.current_language if plugin else theme_language)
    project, docs = Path(config.config_file_path).resolve().parent, Path(config.docs_dir)
    prefix = Path(os.path.relpath(docs, project)).as_posix()
    orphans = languages.orphans(site, [file.src_uri for file in files.documentation_pages()], docs.joinpath)
    for orphan in orphans:  # a translation whose English page is gone: said once, then left out
        files.remove(files.get_file_from_path(orphan.file))
    tables = words.read_tables(project, site.codes, site.default.code)
    pages = {file.src_uri: file for file in files.documentation_pages()}
    sources = {src: file.content_bytes for src, file in pages.items()}
    now = build.start(sources, prefix, Reporter(log.error, log.warning), site, language, tables)
    now.reporter.report([*tables.problems, *(orphan.at(f"{prefix}/{orphan.file}") for orphan in orphans)])
    for table in tables.words.values():
        table.unknown = lambda key: now.reporter.report(words.unknown_key_problems(key, site.default.code))
    for src, file in pages.items():
        file.content_string = now.pages[now.key(src)].source  # bad bytes replaced (and reported)
    return files


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    titles = {item.id: item.title for item in hub.walk(page.toc)}
    return html.label_section_links(content, titles, build.current().words("page.section_link"))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    now = build.current()

    def read_asset(path: str) -> str | None:
        file = files.get_file_from_path(path)
        return file.content_string if file else None

    return theme.install(env, now.languages, now.language, now.tables, read_asset, lambda p: now.reporter.report([p]))
