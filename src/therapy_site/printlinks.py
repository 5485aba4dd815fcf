"""Printed handouts keep their links: each link in a page's text learns the address it leads to.

On paper a link is only words, and a relative href ("../how-it-helps/#trust") means nothing. So the
build writes each link's full address, without "https://", into data-print-url, and the print CSS
(assets/site.css) prints it after the words: "what a good one feels like
(therapy-relationship.github.io/what-a-good-relationship-feels-like/)". Links within the same page,
phone numbers (their words carry the number), section links and footnote marks are left alone, as
are links whose words are their address already and links the print CSS never prints.

Plain Python on strings, no MkDocs: hooks/privacy.py calls it on every finished page.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

ARTICLE = re.compile(r"<article\b[^>]*>.*</article>", re.DOTALL | re.IGNORECASE)
LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a\s*>", re.DOTALL | re.IGNORECASE)
HREF = re.compile(r"""\shref\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.IGNORECASE)
CLASS = re.compile(r"""\sclass\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
# Links that are part of the page's furniture, not of its text, or are never printed.
SKIPPED_CLASSES = frozenset(
    {"headerlink", "footnote-ref", "footnote-backref", "md-content__button", "language-switch", "quick-exit__link"}
)
# Blocks the print CSS never prints (a quiz's answer, the check-in's guide, the crisis box's screen
# list, whose printed copy is annotated): their links need no address on paper.
NOT_PRINTED = re.compile(
    r"""<details\b[^>]*\bclass\s*=\s*["'](?:quiz__answer|crisis__more)\b.*?</details\s*>""", re.DOTALL | re.IGNORECASE
)
ATTRIBUTE = "data-print-url"


def shown_address(url: str) -> str:
    """The address as a reader types it: no scheme, no "index.html"."""
    parts = urlsplit(url)
    path = re.sub(r"(^|/)index\.html$", r"\1", parts.path)
    return urlunsplit(("", parts.netloc, path, parts.query, parts.fragment)).removeprefix("//")


def _value(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    return html.unescape(match["dq"] if match["dq"] is not None else match["sq"])


def print_address(href: str, page_address: str) -> str | None:
    """The address to print after a link on the page at `page_address`, or None for none."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    target = urljoin(page_address, href)
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https"):
        return None  # tel:, mailto:, javascript: ...
    here = urlsplit(page_address)
    if (parts.netloc, parts.path.removesuffix("index.html")) == (here.netloc, here.path.removesuffix("index.html")):
        return None  # this page
    return shown_address(target)


def plain_words(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def annotate_links(text: str, page_address: str) -> str:
    """Every link that leaves the page, within `text`, with its printable address in data-print-url."""

    def annotate(match: re.Match[str]) -> str:
        attrs = match["attrs"]
        if ATTRIBUTE in attrs:
            return match.group(0)
        classes = set((_value(CLASS.search(attrs)) or "").split())
        href = _value(HREF.search(attrs))
        if href is None or classes & SKIPPED_CLASSES:
            return match.group(0)
        address = print_address(href, page_address)
        words = plain_words(match["text"]).rstrip("/")
        # Words that are the address already ("findahelpline.com"); a relative href is no address
        # to a reader ("glossary" for "glossary/" still needs the address printed).
        if address is None or words in (address.rstrip("/"), urljoin(page_address, href.strip()).rstrip("/")):
            return match.group(0)
        value = html.escape(address, quote=True)
        return f'<a{attrs} {ATTRIBUTE}="{value}">{match["text"]}</a>'

    pieces, position = [], 0
    for hidden in NOT_PRINTED.finditer(text):
        pieces += [LINK.sub(annotate, text[position : hidden.start()]), hidden.group(0)]
        position = hidden.end()
    return "".join([*pieces, LINK.sub(annotate, text[position:])])


def annotate_page(page: str, page_address: str) -> str:
    """The page with the links of its <article> (the text, not the navigation) annotated."""
    article = ARTICLE.search(page)
    if article is None:
        return page
    return page[: article.start()] + annotate_links(article.group(0), page_address) + page[article.end() :]
