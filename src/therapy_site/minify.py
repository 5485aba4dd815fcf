"""Our own stylesheets and scripts, as the site serves them: comments and spaces removed.

Clients on phones pay for every byte; the sources in overrides/assets/ keep their comments for
editors. rcssmin and rjsmin only remove what cannot change behaviour (no renaming, no rewriting).
"""

from __future__ import annotations

import posixpath

import rcssmin
import rjsmin


def minified(path: str, text: str) -> str | None:
    """The minified text of a .css or .js file, or None for any other kind of file."""
    extension = posixpath.splitext(path)[1].lower()
    if extension == ".css":
        return str(rcssmin.cssmin(text))
    if extension == ".js":
        return str(rjsmin.jsmin(text))
    return None
