"""What the engine knows about the whole site: every page's quizzes, headings and title.

The hook builds one `Site` per build from every Markdown page, then asks it for the site-wide
problems, for a page's review links (as `Link`s), and for the data of the generated pages.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from therapy_site.page import Page
from therapy_site.quiz.assemble import WARNING_PAGE, check_site, read_quizzes, resolve_review
from therapy_site.quiz.model import PageQuizzes, Problem


@dataclass(frozen=True)
class Link:
    href: str  # relative URL, ready for an href attribute
    label: str  # the heading text of the section, or the page title


def markdown_link(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative Markdown link between two source pages, which MkDocs turns into a URL."""
    path = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{path}#{anchor}" if anchor else path


def heading_slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "page"


class Site:
    """Every Markdown page of a build, in navigation order."""

    def __init__(
        self, pages: Iterable[PageQuizzes], page_exists: Callable[[str], bool], href: Callable[[str, str], str]
    ) -> None:
        self.pages = {page.src_path: page for page in pages}
        self.page_exists = page_exists  # any file of the site (src path relative to docs/)
        self.href = href  # (from src path, to src path) -> relative URL
        self.failed: set[str] = set()  # pages with a quiz problem: their quizzes are not shown

    def anchors(self, src_path: str) -> set[str]:
        page = self.pages.get(src_path)
        return ({heading.id for heading in page.headings} | set(page.lost_ids)) if page else set()

    def title(self, src_path: str) -> str:
        page = self.pages.get(src_path)
        return page.title if page and page.title else posixpath.splitext(posixpath.basename(src_path))[0]

    def problems(self, where: Callable[[str], str] = str) -> dict[str, list[Problem]]:
        """Every problem, per page: the page's own, then the site-wide ones, sorted by line."""
        site_wide = check_site(self.pages.values(), self.page_exists, self.anchors, where)
        found = {
            src: sorted([*page.problems, *site_wide.get(src, [])], key=lambda problem: problem.line)
            for src, page in self.pages.items()
        }
        self.failed = {src for src, problems in found.items() if problems}
        return {src: problems for src, problems in found.items() if problems}  # in page order

    def link(self, from_src: str, target: str) -> Link:
        """Where a review link (`#id` or `page.md#id`) written on `from_src` goes, and its label."""
        return self.link_from(from_src, from_src, target)

    def link_from(self, shown_on: str, written_on: str, target: str) -> Link:
        """A review link written on one page (`written_on`), as a link on `shown_on`."""
        page, anchor = resolve_review(written_on, target)
        label = next((h.text for h in self.pages[page].headings if h.id == anchor), "") if page in self.pages else ""
        url = self.href(shown_on, page) if page != shown_on and self.page_exists(page) else ""
        return Link(f"{url}#{anchor}" if anchor else (url or "#"), label or self.title(page))

    def linker(self, from_src: str) -> Callable[[str], Link]:
        return lambda target: self.link(from_src, target)

    def warning_link(self, from_src: str) -> Link:
        """The page a check-in points to when a warning sign is rated as a concern."""
        return self.link(from_src, markdown_link(from_src, WARNING_PAGE))

    def with_items(self) -> list[PageQuizzes]:
        """The pages whose quizzes are shown: the generated pages list only these."""
        return [page for page in self.pages.values() if page.items and page.src_path not in self.failed]


@dataclass(frozen=True)
class Entry:
    """One page in the generated lists: its heading id, title and link from the generated page."""

    page: PageQuizzes
    title: str
    slug: str
    link: str  # Markdown link target from the generated page, without an anchor


def entries(site: Site, from_src: str, reserved: Sequence[str] = ()) -> list[Entry]:
    """The pages with quizzes, as the generated pages list them, with unique heading ids."""
    used = set(reserved)
    found: list[Entry] = []
    for page in site.with_items():
        slug = base = heading_slug(posixpath.splitext(page.src_path)[0])
        suffix = 2
        while slug in used:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        used.add(slug)
        found.append(Entry(page, site.title(page.src_path), slug, markdown_link(from_src, page.src_path)))
    return found


def read_site(
    pages: Iterable[Page],
    order: Sequence[str],
    page_exists: Callable[[str], bool],
    href: Callable[[str, str], str],
) -> Site:
    """Every page's quizzes, in the order of the navigation (pages outside it last)."""
    rank = {src: index for index, src in enumerate(order)}
    ordered = sorted(pages, key=lambda page: (rank.get(page.src, len(rank)), page.src))
    return Site([read_quizzes(page) for page in ordered], page_exists, href)


def nav_order(nav: object) -> list[str]:
    """The src paths of mkdocs.yml's nav, in reading order (the generated pages follow it)."""
    if isinstance(nav, str):
        return [nav]
    values = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else []
    return [path for value in values for path in nav_order(value)]
