"""The clinician hub: every page and section with its full address, and ready-to-paste emails.

An editor writes an email template in a page as a fenced block whose language is `email`, in plain
text. A link is written `[[page.md]]` or `[[page.md#section]]`, relative to the page like any
Markdown link; the build replaces it with the page's full address (from site_url), so a client
gets a real link that works in any email program. No tracking parameters are ever added.
Plain Python (no MkDocs import): hooks/clinician_hub.py feeds it the pages of the build.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from therapy_site.fences import fences, language
from therapy_site.pagemeta import Problem

EMAIL_LANGUAGE = "email"
LINK = re.compile(r"\[\[\s*(?P<target>[^\[\]\s]*?)\s*\]\]")
MARKER = re.compile(r"<!--\s*clinician-hub:\s*(?P<part>[a-z-]+)\s*-->")
EMAIL_MARKER = "<!-- email-template {index} -->"
EMAIL_MARKER_RE = re.compile(r"(?:<p>)?<!-- email-template (?P<index>\d+) -->(?:</p>)?")
TAG = re.compile(r"<[^>]+>")
TRACKING = re.compile(r"[?&](?:utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=", re.IGNORECASE)


@dataclass(frozen=True)
class EmailLink:
    target: str  # as written between [[ and ]]
    line: int  # 1-based source line


@dataclass(frozen=True)
class Email:
    """One ```email block: its text as written, its links, and where it is in the Markdown."""

    index: int
    line: int  # 1-based source line of the opening fence
    start: int  # 0-based index of the opening fence in the Markdown
    end: int  # 0-based index just past the closing fence
    text: str
    links: tuple[EmailLink, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str  # plain text
    address: str
    level: int  # 2 for a section, 3 for a part of one


@dataclass(frozen=True)
class HubPage:
    title: str
    href: str  # relative to the hub page
    address: str
    description: str
    src: str
    sections: tuple[Section, ...] = field(default=())


def find_emails(markdown: str, line_offset: int = 0) -> tuple[list[Email], list[Problem]]:
    """Every ```email block of a page (fences inside other fences are left alone)."""
    lines = markdown.split("\n")
    emails: list[Email] = []
    problems: list[Problem] = []
    for start, end, opening, closed in fences(lines):
        if language(opening["info"]) != EMAIL_LANGUAGE:
            continue
        fence, line = opening["fence"], line_offset + start + 1
        if not closed:
            problems.append(Problem(line, f"the {fence}email block that starts here is never "
                                          f"closed; add a line with just {fence} after the email"))
            break
        indent = len(opening["indent"])
        body = [text[indent:] if text[:indent].strip() == "" else text.lstrip()
                for text in lines[start + 1: end - 1]]
        links = tuple(EmailLink(match["target"], line + 1 + number)
                      for number, text in enumerate(body) for match in LINK.finditer(text))
        emails.append(Email(len(emails) + 1, line, start, end, "\n".join(body), links))
    return emails, problems


def replace_emails(markdown: str, emails: Iterable[Email]) -> str:
    """The Markdown with each email block replaced by a marker line, filled in after rendering."""
    lines = markdown.split("\n")
    for email in sorted(emails, key=lambda item: item.start, reverse=True):
        lines[email.start: email.end] = ["", EMAIL_MARKER.format(index=email.index), ""]
    return "\n".join(lines)


def link_target(from_src: str, target: str) -> tuple[str, str]:
    """'[[../about.md#review]]' written on 'for-clinicians/index.md' -> ('about.md', 'review')."""
    path, _, anchor = target.partition("#")
    if not path:
        return from_src, anchor
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path))
    return joined, anchor


def link_problem(link: EmailLink, from_src: str, page_exists: Callable[[str], bool],
                 anchors: Callable[[str], set[str]] | None = None) -> str | None:
    """What is wrong with one email link, or None. Without `anchors`, only the page is checked."""
    example = posixpath.relpath("about.md", posixpath.dirname(from_src) or ".")
    if not link.target:
        return f"an email link is empty; write the page's file between the brackets, e.g. [[{example}]]"
    src, anchor = link_target(from_src, link.target)
    if not src.endswith(".md"):
        return (f"the email link [[{link.target}]] must name a page's Markdown file, relative to this "
                f"page, e.g. [[{example}]] or [[{example}#review]]")
    if src.startswith("../") or not page_exists(src):
        return (f"the email link [[{link.target}]] points to a page that does not exist (docs/{src}); "
                f"check the file name, written relative to this page, e.g. [[{example}]]")
    if anchor and anchors is not None and anchor not in anchors(src):
        return (f"the email link [[{link.target}]] points to '#{anchor}', but docs/{src} has no such "
                f"section; use the id in {{#...}} at the end of one of its headings")
    return None


def address(site_url: str | None, url: str, anchor: str = "") -> str:
    """A page's full address: site_url + the page's URL (+ #anchor). Never a tracking parameter."""
    base = (site_url or "/").rstrip("/") + "/"
    full = urljoin(base, url.lstrip("/"))
    return f"{full}#{anchor}" if anchor else full


def fill_links(text: str, from_src: str, address_of: Callable[[str, str], str | None]) -> str:
    """The email's text with each [[page.md#id]] replaced by its full address (if known)."""

    def replace(match: re.Match[str]) -> str:
        src, anchor = link_target(from_src, match["target"])
        found = address_of(src, anchor)
        return found if found else match.group(0)

    return LINK.sub(replace, text)


def plain(title: str) -> str:
    """A table-of-contents title (HTML) as plain text."""
    return html.unescape(TAG.sub("", title)).strip()


def has_tracking(text: str) -> bool:
    return bool(TRACKING.search(text))
