"""Small, pure helpers on rendered HTML: the ids a page holds, plain text, named section links."""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup, escape

HTML_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
HEADERLINK = re.compile(r'<a class="headerlink" href="#(?P<id>[^"]+)" title="(?P<title>[^"]*)">')


def html_ids(html: str) -> set[str]:
    """Every id attribute in a page's HTML: the anchors a link may point to."""
    return {next(group for group in match.groups() if group is not None) for match in HTML_ID.finditer(html)}


def plain(html: str) -> str:
    """HTML (a table-of-contents title) as the plain words a reader sees."""
    return Markup(html).striptags()


def label_section_links(html: str, titles: Mapping[str, str], name: str) -> str:
    """Name each section link after its heading: a screen reader would otherwise hear only "#".

    `name` is "Link to this section" in the page's language (the toc extension writes one
    title for every language).
    """

    def label(match: re.Match[str]) -> str:
        heading = plain(titles.get(match["id"], match["id"]))
        return (
            f'<a class="headerlink" href="#{match["id"]}" title="{escape(name)}" '
            f'aria-label="{escape(name + ": " + heading)}">'
        )

    return HEADERLINK.sub(label, html)
