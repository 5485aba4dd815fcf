"""The clinician hub: every page and section with its full address, and ready-to-paste emails.

An editor writes an email template in a page as a fenced block whose language is `email`, in plain
text. A link is written `[[page.md]]` or `[[page.md#section]]`, relative to the page like any
Markdown link; the build replaces it with the page's full address (from site_url), so a client
gets a real link that works in any email program. No tracking parameters are ever added.
Plain Python (no MkDocs import): hooks/clinician_hub.py feeds it the pages of the build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment

from therapy_site.grammar import Fence
from therapy_site.html import html_ids, plain
from therapy_site.problems import Problem

EMAIL_LANGUAGE = "email"
LINK = re.compile(r"\[\[\s*(?P<target>[^\[\]\s]*?)\s*\]\]")
MARKER = re.compile(r"<!--\s*clinician-hub:\s*(?P<part>[a-z-]+)\s*-->")
PARTS = ("addresses", "handouts")
ANSWER_KEY = "answer-key.md"
WORKSHEETS = "check-your-understanding.md"
EMAIL_MARKER = "<!-- email-template {index} -->"
EMAIL_MARKER_RE = re.compile(r"(?:<p>)?<!-- email-template (?P<index>\d+) -->(?:</p>)?")


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


def find_emails(fences: Iterable[Fence]) -> tuple[list[Email], list[Problem]]:
    """Every ```email block among a page's fences, and a problem for one never closed."""
    emails: list[Email] = []
    problems: list[Problem] = []
    for fence in fences:
        if fence.language != EMAIL_LANGUAGE:
            continue
        if not fence.closed:
            problems.append(
                Problem(
                    fence.line,
                    f"the {fence.fence}email block that starts here is never "
                    f"closed; add a line with just {fence.fence} after the email",
                )
            )
            break
        body = fence.body.split("\n")
        links = tuple(
            EmailLink(match["target"], fence.line + 1 + number)
            for number, text in enumerate(body)
            for match in LINK.finditer(text)
        )
        emails.append(Email(len(emails) + 1, fence.line, fence.start, fence.end, fence.body, links))
    return emails, problems


def replace_emails(markdown: str, emails: Iterable[Email]) -> str:
    """The Markdown with each email block replaced by a marker line, filled in after rendering.

    The page keeps its number of lines, so other blocks found in the same page model stay put.
    """
    lines = markdown.split("\n")
    for email in emails:
        lines[email.start : email.end] = [EMAIL_MARKER.format(index=email.index), *[""] * (email.end - email.start - 1)]
    return "\n".join(lines)


def link_target(from_src: str, target: str) -> tuple[str, str]:
    """'[[../about.md#review]]' written on 'for-clinicians/index.md' -> ('about.md', 'review')."""
    path, _, anchor = target.partition("#")
    if not path:
        return from_src, anchor
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path))
    return joined, anchor


def link_problem(
    link: EmailLink, from_src: str, page_exists: Callable[[str], bool], anchors: Callable[[str], set[str]] | None = None
) -> str | None:
    """What is wrong with one email link, or None. Without `anchors`, only the page is checked."""
    example = posixpath.relpath("about.md", posixpath.dirname(from_src) or ".")
    if not link.target:
        return f"an email link is empty; write the page's file between the brackets, e.g. [[{example}]]"
    src, anchor = link_target(from_src, link.target)
    if not src.endswith(".md"):
        return (
            f"the email link [[{link.target}]] must name a page's Markdown file, relative to this "
            f"page, e.g. [[{example}]] or [[{example}#review]]"
        )
    if src.startswith("../") or not page_exists(src):
        return (
            f"the email link [[{link.target}]] points to a page that does not exist (docs/{src}); "
            f"check the file name, written relative to this page, e.g. [[{example}]]"
        )
    if anchor and anchors is not None and anchor not in anchors(src):
        return (
            f"the email link [[{link.target}]] points to '#{anchor}', but docs/{src} has no such "
            f"section; use the id in {{#...}} at the end of one of its headings"
        )
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


def marker_problem(marker: str) -> str:
    return f"'{marker}' is not a part of the clinician hub; write " + " or ".join(
        f"'<!-- clinician-hub: {part} -->'" for part in PARTS
    )


def walk(items: Iterable[Any]) -> list[Any]:
    """Every entry of a table of contents (anything with `.children`), depth first."""
    found: list[Any] = []
    for item in items:
        found.append(item)
        found += walk(item.children)
    return found


def fill_emails(
    content: str, emails: Iterable[Email], src: str, address_of: Callable[[str, str], str | None], env: Environment
) -> str:
    """Each email's marker in a rendered page replaced by its text, with full addresses, and a
    Copy button (overrides/partials/email-template.html)."""
    by_index = {email.index: email for email in emails}
    template = env.get_template("partials/email-template.html")

    def render(match: re.Match[str]) -> str:
        email = by_index[int(match["index"])]
        return template.render(email=email, text=fill_links(email.text, src, address_of), id=f"email-{email.index}")

    return EMAIL_MARKER_RE.sub(render, content)


def anchors_of(pages: Mapping[str, Any]) -> Callable[[str], set[str]]:
    """The ids a rendered page has (MkDocs pages by name): in its HTML, and those MkDocs was told of."""
    return lambda src: html_ids(pages[src].content or "") | set(pages[src].present_anchor_ids or ())


def email_anchor_problems(
    emails: Mapping[str, Iterable[Email]],
    file_of: Callable[[str], str],
    page_exists: Callable[[str], bool],
    anchors: Callable[[str], set[str]],
) -> list[Problem]:
    """Once every page is rendered: email links to a section that the page does not have (a link
    to a missing page was named when the email was read)."""
    return [
        Problem(link.line, message, file_of(src))
        for src, found in emails.items()
        for email in found
        for link in email.links
        if not link_problem(link, src, page_exists) and (message := link_problem(link, src, lambda path: True, anchors))
    ]


def fill_markers(content: str, pages: list[HubPage], env: Environment, config: object) -> str:
    """Each `<!-- clinician-hub: part -->` of a rendered page replaced by its partial."""
    answer_key = next((entry for entry in pages if entry.src.endswith(ANSWER_KEY)), None)
    worksheets = next((entry for entry in pages if entry.src.endswith(WORKSHEETS)), None)

    def render(match: re.Match[str]) -> str:
        if match["part"] not in PARTS:
            return ""
        return env.get_template(f"partials/clinician-hub-{match['part']}.html").render(
            pages=pages, answer_key=answer_key, worksheets=worksheets, config=config
        )

    return MARKER.sub(render, content)


def hub_pages(pages: Iterable[Any], site_url: str | None, relative: Callable[[str], str]) -> list[HubPage]:
    """The hub's entries from the site's pages (anything with MkDocs's Page fields), in order."""
    return [
        HubPage(
            title=str(item.meta.get("title") or item.title or item.file.name),
            src=item.file.src_uri,
            href=relative(item.url),
            address=address(site_url, item.url),
            description=str(item.meta.get("description") or "").strip(),
            sections=tuple(
                Section(plain(s.title), address(site_url, item.url, s.id), s.level)
                for s in walk(item.toc)
                if 2 <= s.level <= 3
            ),
        )
        for item in pages
    ]


def email_problems(
    src: str, fences: Iterable[Fence], body: str, offset: int, page_exists: Callable[[str], bool]
) -> tuple[list[Email], list[Problem]]:
    """A page's emails, and every problem with them or with a hub marker, by line."""
    emails, problems = find_emails(fences)
    problems += [
        Problem(link.line, message)
        for email in emails
        for link in email.links
        if (message := link_problem(link, src, page_exists))
    ]
    problems += [
        Problem(number, marker_problem(match.group(0)))
        for number, text in enumerate(body.split("\n"), offset + 1)
        for match in MARKER.finditer(text)
        if match["part"] not in PARTS
    ]
    return emails, problems


def fill_site(
    pages: Mapping[str, Any],
    order: Iterable[str],
    emails: Mapping[str, list[Email]],
    site_url: str | None,
    env: Environment,
    config: object,
    relative: Callable[[str, str], str],
) -> None:
    """Once every page is rendered (MkDocs pages by name, in any order): each page's emails and
    hub parts filled in; the theme loads clinician.css and .js on those pages (clinician_tools).
    `relative(url, from_url)` is MkDocs's relative link between two pages."""
    rank = {src: index for index, src in enumerate(order)}
    listed = [pages[name] for name in sorted(pages, key=lambda name: (rank.get(name, len(rank)), name))]

    def address_of(target: str, anchor: str) -> str | None:
        return address(site_url, pages[target].url, anchor) if target in pages else None

    for src, page in pages.items():
        if not page.content or not (emails.get(src) or MARKER.search(page.content)):
            continue
        page.content = fill_emails(page.content, emails.get(src, []), src, address_of, env)
        link = partial(lambda url, here: relative(url or "./", here), here=page.url or "./")
        page.content = fill_markers(page.content, hub_pages(listed, site_url, link), env, config)
        page.meta["clinician_tools"] = True
