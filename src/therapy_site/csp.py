"""Privacy the browser enforces: a Content-Security-Policy and a referrer policy in each page's <head>.

A reader may be in an unhealthy therapy relationship; a request to a third party could tell it that
they read these pages. The policy lets a page load and connect only to its own site, and run only
our own scripts and styles: files from the site ('self') and the inline <script> and <style>
elements the build wrote, by the sha256 hash of their text. Anything else (a script pasted into a
page, an injected tracker) is refused by the browser before it makes a request. Because a policy
in a <meta> stops Chromium fetching ahead of the parser, the scripts at the end of the body are
preloaded from the <head> (with_script_preloads).

Plain Python on strings, no MkDocs: hooks/privacy.py calls it on every finished page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# The whole policy, directive by directive. In a <meta> element a browser ignores frame-ancestors,
# report-uri and sandbox (and says so in the console), so they are not here.
FIXED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'",)),  # + the hashes of the inline scripts
    ("style-src", ("'self'",)),  # + the hashes of the inline styles
    ("img-src", ("'self'", "data:")),  # data: for the icons in Material's CSS
    ("connect-src", ("'self'",)),  # instant navigation and search fetch from the site itself
    ("worker-src", ("'self'",)),  # Material's search runs in a worker from the site
    ("form-action", ("'self'",)),
    ("base-uri", ("'self'",)),
    ("object-src", ("'none'",)),
)
REFERRER_META = '<meta name="referrer" content="no-referrer">'
PRELOAD = '<link rel="preload" href="{src}" as="script">'
CSP_META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
RAW_TEXT = re.compile(
    r"<(?P<tag>script|style)\b(?P<attrs>[^>]*)>(?P<body>.*?)</(?P=tag)\s*>", re.IGNORECASE | re.DOTALL
)
ATTRIBUTE = re.compile(r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+)))?""")
START_TAG = re.compile(
    r"<[A-Za-z][^\s/>]*(?P<attrs>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>"
)
STYLE_WORD = re.compile(r"\sstyle\s*=", re.IGNORECASE)
HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
CHARSET = re.compile(r"<meta\s+charset\b[^>]*>\s*", re.IGNORECASE)
OUR_META = re.compile(
    r"<meta name=\"referrer\" content=\"[^\"]*\">\s*"
    r"|<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*\">\s*",
    re.IGNORECASE,
)
# Script types a browser runs; any other type (application/json, a template) is a data block.
JAVASCRIPT_TYPES = frozenset(
    {
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "text/ecmascript",
        "application/x-javascript",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)

CLASSIC = JAVASCRIPT_TYPES - {"module"}  # preloaded as="script" (a module would need modulepreload)


@dataclass
class Inline:
    """The hashes ('sha256-...') of a page's inline code, each once, in the order found."""

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)

    def add(self, other: Inline) -> None:
        for mine, theirs in (
            (self.scripts, other.scripts),
            (self.styles, other.styles),
            (self.style_attributes, other.style_attributes),
        ):
            mine.extend(value for value in theirs if value not in mine)


def source_hash(text: str) -> str:
    """'sha256-...' as a browser computes it: over the UTF-8 text, its line breaks as the parser leaves them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def attributes(attrs: str) -> dict[str, str]:
    """A start tag's attributes, names lower-cased and values as the browser reads them."""
    found: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(attrs):
        value = next((v for v in (match["dq"], match["sq"], match["bare"]) if v is not None), "")
        found.setdefault(match["name"].lower(), html.unescape(value))
    return found


def _add_once(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def inline_code(page: str) -> Inline:
    """The hashes of every inline script (that a browser would run), inline style and style="" attribute."""
    found = Inline()
    page = COMMENT.sub("", page)
    for match in RAW_TEXT.finditer(page):
        attrs = attributes(match["attrs"])
        if match["tag"].lower() == "script":
            if "src" not in attrs and attrs.get("type", "").strip().lower() in JAVASCRIPT_TYPES:
                _add_once(found.scripts, source_hash(match["body"]))
        else:
            _add_once(found.styles, source_hash(match["body"]))
    # style="" attributes, outside the text of scripts and styles; reading every tag's attributes is
    # most of a page's cost, so only a page that has the word at all is read tag by tag.
    outside = RAW_TEXT.sub("", page)
    if not STYLE_WORD.search(outside):
        return found
    for match in START_TAG.finditer(outside):
        style = attributes(match["attrs"]).get("style")
        if style is not None:
            _add_once(found.style_attributes, source_hash(style))
    return found


def policy(inline: Inline) -> str:
    """The policy for pages with this inline code.

    Style attributes: a policy in a <meta> element that lists no 'unsafe-inline' also refuses every
    style="" attribute in the HTML. Material's templates write none, and its script sets styles
    through the CSSOM (element.style.top = ...), which a policy does not restrict; so normally
    there is nothing to allow. Should a page ever hold style="" attributes (an editor's raw HTML),
    they are allowed one by one, by hash with 'unsafe-hashes', never all of them by 'unsafe-inline'.
    """
    extra = {
        "script-src": inline.scripts,
        "style-src": inline.styles + (["'unsafe-hashes'", *inline.style_attributes] if inline.style_attributes else []),
    }
    return "; ".join(" ".join((name, *sources, *extra.get(name, ()))) for name, sources in FIXED)


def meta_tags(text: str) -> str:
    # In a double-quoted attribute only & and " need escaping; the quotes around 'self' stay readable.
    return REFERRER_META + CSP_META.format(policy=text.replace("&", "&amp;").replace('"', "&quot;"))


def body_scripts(page: str) -> list[str]:
    """The address of each classic script the page's <body> loads (<script src>), in order, once."""
    end = page.lower().find("</head>")
    found: list[str] = []
    for match in RAW_TEXT.finditer(COMMENT.sub("", page[end:] if end >= 0 else "")):
        attrs = attributes(match["attrs"])
        if match["tag"].lower() == "script" and attrs.get("src") and attrs.get("type", "").strip().lower() in CLASSIC:
            _add_once(found, attrs["src"])
    return found


def with_script_preloads(page: str) -> str:
    """The page with a <link rel="preload"> at the end of its <head> for each script its body loads.

    Chromium's preload scanner, which fetches what a page needs ahead of the parser, fetches nothing
    further once it meets a Content-Security-Policy <meta>. Material's bundle, at the end of the
    body, was then requested only when the parser reached it, and the page often painted while it
    came: the page looked ready while the bundle's long start-up task was still to come. The links
    ask for each script from the <head>, as plain Material's pages get them. A link already there
    is not written twice.
    """
    end = page.lower().find("</head>")
    if end < 0:
        return page
    links = "".join(
        link for link in (PRELOAD.format(src=html.escape(src)) for src in body_scripts(page)) if link not in page[:end]
    )
    return page[:end] + links + page[end:]


def with_policy(page: str, text: str) -> str:
    """The page with the referrer meta and this policy at the top of its <head> (after <meta charset>),
    and its scripts preloaded (with_script_preloads).

    A policy applies only to what follows it in the document, so it goes before every script,
    style and stylesheet. A page that has them already gets them replaced.
    """
    page = with_script_preloads(OUR_META.sub("", page))
    head = HEAD.search(page)
    if head is None:
        raise ValueError("the page has no <head>, so it cannot carry a Content-Security-Policy")
    at = head.end()
    rest = page[at:]
    charset = CHARSET.match(page, at + len(rest) - len(rest.lstrip()))
    if charset is not None:
        at = charset.end()
    return page[:at] + meta_tags(text) + page[at:]


def split_head(page: str) -> tuple[Inline, Inline]:
    """A page's inline code in two: the scripts of its <head>, and the rest (its styles and its body's code)."""
    end = page.lower().find("</head>")
    head, body = (page[:end], page[end:]) if end >= 0 else ("", page)
    own, rest = inline_code(head), inline_code(body)
    rest.add(Inline(styles=own.styles, style_attributes=own.style_attributes))
    return Inline(scripts=own.scripts), rest


@dataclass
class SitePolicy:
    """One policy for the pages of a site (one language): Material's instant navigation keeps the
    first page's document and swaps in the next page's content (its inline <style> and <script>
    elements too), and the policy the first page brought stays in force. So each page is written
    with a policy for its own inline code, and at the end every page gets the policy that allows
    the body code and styles of all of them. The scripts of a page's <head> run only when that page
    itself is loaded (Material writes one for each folder depth): each page lists only its own."""

    shared: Inline = field(default_factory=Inline)  # every page's styles and body code
    written: dict[str, Inline] = field(default_factory=dict)  # each page's file: its head's scripts

    def secure(self, page: str, path: str) -> str:
        """The page with a policy for its own inline code; ValueError when it has no <head>."""
        own, rest = split_head(page)
        result = with_policy(page, policy(joined(own, rest)))
        self.shared.add(rest)
        self.written[path] = own
        return result

    def apply(self, page: str) -> str:
        """The page with its own head scripts allowed, and the body code and styles of every page seen."""
        own, rest = split_head(page)
        return with_policy(page, policy(joined(own, self.shared, rest)))

    def finish(self) -> None:
        """Every page written gets the policy that allows its head and the code of all pages."""
        for path, own in self.written.items():
            try:
                with open(path, encoding="utf-8") as handle:
                    page = handle.read()
            except OSError:
                continue  # not written (a build error is reported already)
            new = with_policy(page, policy(joined(own, self.shared)))
            if new != page:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(new)


def joined(*parts: Inline) -> Inline:
    together = Inline()
    for part in parts:
        together.add(part)
    return together


def secure(page: str, also: Iterable[Inline] = ()) -> str:
    """The page with a policy that allows its own inline code (and that of `also`) and nothing else."""
    inline = inline_code(page)
    for other in also:
        inline.add(other)
    return with_policy(page, policy(inline))
