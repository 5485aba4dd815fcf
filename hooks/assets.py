"""MkDocs glue: the theme's own CSS and JS (overrides/assets/) go out minified.

Material's files are minified already; only ours, from the theme's custom_dir, are touched, and
in memory: the sources keep their comments and nothing is written next to them.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from therapy_site.minify import minified


@event_priority(-110)  # after mkdocs-static-i18n (-100): it needs each file's place on disk
def on_files(files: Files, config: MkDocsConfig) -> Files:
    custom_dir = config.theme.custom_dir
    if not custom_dir:
        return files
    ours = os.path.join(os.path.abspath(custom_dir), "")
    for file in files.media_files():
        source = file.abs_src_path
        if source and os.path.abspath(source).startswith(ours):
            text = minified(file.src_uri, file.content_string)
            if text is not None:
                file.content_string = text
    return files
