"""MkDocs glue: every address in published-urls.txt still leads somewhere (therapy_site.registry.audit),
checked at the end of each language's build. `make urls` sets UPDATE_PUBLISHED_URLS=1 and
COMMITTED_PUBLISHED_URLS (the last commit's file)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from therapy_site import build, hub, registry
from therapy_site.registry import audit

log = logging.getLogger("mkdocs.hooks.link_registry")


@event_priority(-100)  # last: after every hook has put its HTML (and ids) in the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    now = build.current()
    now.audit = now.audit or audit.Audit()
    toc = [item.id for item in hub.walk(page.toc) if item.level >= 2]
    now.audit.add_page(now, page.file.src_uri, page.url, output, toc, page.file.generated_by is not None)
    return output


@event_priority(-90)  # before mkdocs-static-i18n (-100) builds the next language
def on_post_build(config: MkDocsConfig) -> None:
    plugin = config.plugins.get("redirects")
    committed = os.environ.get(registry.COMMITTED_ENV)
    for line in audit.finish(
        build.current(),
        Path(config.config_file_path),
        dict(plugin.config.get("redirect_maps") or {}) if plugin is not None else {},
        config.use_directory_urls,
        os.environ.get(registry.UPDATE_ENV, "") not in ("", "0"),
        Path(committed) if committed else None,
    ):
        log.info(line)
