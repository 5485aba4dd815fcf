"""MkDocs glue, the first of our hooks: read every page of a language once into the page models the
other hooks use, and report everything (MkDocs's own warnings too) as `docs/page.md:LINE: ...`.
Our CSS and JS (overrides/assets/) go out minified, in memory: the sources keep their comments."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from therapy_site import build, buildlog, handout, html, hub, languages, theme
from therapy_site.minify import minify_ours
from therapy_site.problems import Reporter

log = logging.getLogger("mkdocs.hooks.pages")


def on_config(config: MkDocsConfig) -> None:
    name = os.path.basename(config.config_file_path)
    if problem := handout.site_url_problem(config.site_url):
        log.error(f"{name}: {problem}")
    for logger in ("mkdocs.structure.pages", "mkdocs.structure.nav", "mkdocs.plugin.redirects"):
        buildlog.install(logging.getLogger(logger), name, build.current)
    i18n = "mkdocs.plugins.mkdocs_static_i18n"
    buildlog.quiet_settings(logging.getLogger(f"{i18n}.plugin"), logging.getLogger(f"{i18n}.reconfigure"))


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site, code = languages.of_plugin(config.plugins.get(languages.PLUGIN), config.theme.get("language"))
    pages = {file.src_uri: file for file in files.documentation_pages()}
    project = Path(config.config_file_path).resolve().parent
    sources = {src: file.content_bytes for src, file in pages.items()}
    now = build.start(sources, project, Path(config.docs_dir), Reporter(log.error, log.warning), site, code)
    for src, file in pages.items():
        if src in now.left_out:
            files.remove(file)
        else:
            file.content_string = now.pages[now.key(src)].source  # bad bytes replaced (and reported)
    minify_ours(files.media_files(), os.path.abspath(config.theme.custom_dir or "overrides"))
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
