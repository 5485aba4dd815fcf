"""What the site serves, lighter: our stylesheets and scripts without comments and spaces, and
every built page without its templates' indentation (compact).

Clients on phones pay for every byte; the sources in overrides/assets/ keep their comments for
editors. rcssmin only removes what cannot change CSS; calmjs.parse reads a script whole (ES5) and
writes it without comments and spaces, its local names shortened (globals keep theirs).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from typing import Any

import rcssmin
from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print


def minified(path: str, text: str) -> str | None:
    """The minified text of a .css or .js file, or None for any other kind of file."""
    extension = posixpath.splitext(path)[1].lower()
    if extension == ".css":
        return str(rcssmin.cssmin(text))
    if extension == ".js":
        return str(minify_print(es5(text), obfuscate=True, obfuscate_globals=False))
    return None


def minify_ours(files: Iterable[Any], folder: str) -> None:
    """Our own files among a site's (MkDocs File objects: those under `folder`) minified, in memory."""
    folder = os.path.join(folder, "")
    for file in files:
        if file.abs_src_path and file.abs_src_path.startswith(folder):
            file.content_string = minified(file.src_uri, file.content_string) or file.content_string


# Text a browser shows as written (or runs): its spaces and line breaks are kept.
AS_WRITTEN = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
# Spaces and tabs around a line break, and blank lines: one line break shows the same (one space).
INDENTED_BREAKS = re.compile(r"[ \t]*\n\s*")


def compact(page: str) -> str:
    """A built page without the indentation and blank lines of its templates (about 0.5 KB gzip a
    page): each run of white space with a line break becomes one line break, which a browser shows
    as the same single space; <pre>, <textarea>, <script> and <style> keep their text as written."""
    parts = AS_WRITTEN.split(page)
    # split() gives: text, a kept element, its tag name, text, ...
    return "".join(
        INDENTED_BREAKS.sub("\n", part) if index % 3 == 0 else part if index % 3 == 1 else ""
        for index, part in enumerate(parts)
    )
