"""MkDocs glue: small stylesheets go into the page itself, so they hold up no first paint.

A `<link rel="stylesheet">` is a request the browser waits for before it paints (Lighthouse's
"render-blocking requests"); our stylesheets are about 1 KB each, less than the request costs on a
slow phone connection. The templates write

    <style data-asset="assets/site.css">{{ 'assets/site.css' | inline_asset }}</style>

and get the file's text as the site serves it (hooks/assets.py has minified our files in
`on_files` by then). `data-asset` says where the text came from, for people and for the tests.
"""

from __future__ import annotations

import logging

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.inline_assets")


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    cache: dict[str, Markup] = {}

    def inline_asset(path: str) -> Markup:
        if path not in cache:
            file = files.get_file_from_path(path)
            if file is None:
                log.error(f"inline_asset: no file {path!r} in the site (overrides/{path} is where ours live)")
                cache[path] = Markup("")
            else:
                text = file.content_string
                if "</" in text:  # would end the <style> or <script> element early
                    log.error(f"inline_asset: {path} holds '</', which cannot sit inside an inline element")
                    text = ""
                cache[path] = Markup(text.strip())
        return cache[path]

    env.filters["inline_asset"] = inline_asset
    return env
