"""MkDocs's own warnings said the way our checks say things: `docs/page.md:LINE: what; how to fix`.

MkDocs names a broken link by its page only ("Doc file 'x.md' contains a link ..."). `translate`
finds the line in the page model, names the source page instead of a generated one, and stays
quiet when the cause was reported already (a quiz that did not render loses its anchors).
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from therapy_site.page import Page
from therapy_site.problems import Problem

if TYPE_CHECKING:  # build.py imports this module
    from therapy_site.build import Build

DOC_LINK = re.compile(
    r"^Doc file '(?P<src>[^']+)' contains (?:an? )?(?:(?P<kind>unrecognized relative|absolute) )?"
    r"link '(?P<link>[^']+)'(?P<rest>.*)$",
    re.DOTALL,
)
NOT_IN_NAV = re.compile(
    r"^The following pages exist in the docs directory, but are not included in the \"nav\" "
    r"configuration:(?P<pages>.*)$",
    re.DOTALL,
)
NAV_MISSING = re.compile(r"^A reference to '(?P<src>[^']+)' is included in the 'nav' configuration, which is not found")
# mkdocs-redirects' own words for a redirect to nowhere: the registry names it, with its line.
SAID_BY_THE_REGISTRY = re.compile(r"^Redirect target '[^']*' does not exist!$")


def link_line(page: Page | None, link: str) -> int:
    """The line of a link as written, or 0 when the page does not show it (a generated link)."""
    if page is None:
        return 0
    return next((found.line for found in page.links if found.target == link), 0)


def target_of(src: str, link: str) -> str:
    path = link.partition("#")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), path)) if path else src


def translate(message: str, now: Build, config_name: str) -> Problem | None:
    """One MkDocs log message as a Problem, or None when it only repeats a reported mistake."""
    doc_link = DOC_LINK.match(message)
    if doc_link:
        src, link = now.key(doc_link["src"]), doc_link["link"]
        origin = now.generated_from(src, link)
        if origin is not None:
            # A generated page's link is only as good as the page it lists: blame that page.
            if now.reporter.caused_by(now.file(origin)):
                return None
            page = now.pages.get(origin)
            anchor = link.partition("#")[2]
            return Problem(
                page.heading_line(anchor) if page else 0,
                (
                    f"the quiz pages link to '#{anchor}' here, but this page does not show it; check the "
                    "quiz or heading with that id"
                ),
                now.file(origin),
            )
        if now.reporter.caused_by(now.file(target_of(src, link))) and "#" in link:
            return None  # the anchor is missing because that page's own mistake stopped it
        rest = re.sub(r"^,?\s*(?:but\s+)?", "", doc_link["rest"].strip()).rstrip(".")
        kind = doc_link["kind"]
        if kind == "absolute":
            fix = "write it relative to this page, like 'other-page.md'"
        elif kind:
            fix = "link to a page by its file name, like 'other-page.md' or 'other-page.md#section-id'"
        else:
            fix = "fix the file name or the #id (an id is the {#...} at the end of a heading)"
        return Problem(
            link_line(now.pages.get(src), link), f"the link '{link}' is broken: {rest}; {fix}", now.file(src)
        )
    not_in_nav = NOT_IN_NAV.match(message)
    if not_in_nav:
        names = [name.strip(" -\n") for name in not_in_nav["pages"].splitlines() if name.strip(" -")]
        return Problem(
            0,
            "pages missing from the navigation: "
            + ", ".join(f"{now.docs_prefix}/{name}" for name in names)
            + f"; add each under nav: in {config_name}, e.g. '  - My topic: my-topic.md'",
            config_name,
        )
    nav_missing = NAV_MISSING.match(message)
    if nav_missing:
        return Problem(
            0,
            f"the navigation lists '{nav_missing['src']}', but there is no {now.docs_prefix}/"
            f"{nav_missing['src']}; fix the name under nav:, or add the page",
            config_name,
        )
    return None


class SpeakLikeTheChecks(logging.Filter):
    """On MkDocs's own loggers: rewrites each warning with file and line, and drops one that a
    mistake already reported explains (the build's reporter counts what it lets through)."""

    def __init__(self, config_name: str, current: Callable[[], Build]) -> None:
        super().__init__()
        self.config_name, self.current = config_name, current

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        if SAID_BY_THE_REGISTRY.match(record.getMessage()):
            return False
        problem = translate(record.getMessage(), self.current(), self.config_name)
        if problem is None:
            return not DOC_LINK.match(record.getMessage())  # messages we do not know pass as they are
        self.current().reporter.note(problem)
        record.msg, record.args = str(problem), ()
        return True


def install(logger: logging.Logger, config_name: str, current: Callable[[], Build]) -> None:
    """One filter per logger, though `mkdocs serve` configures the build again and again."""
    for old in [found for found in logger.filters if isinstance(found, SpeakLikeTheChecks)]:
        logger.removeFilter(old)
    logger.addFilter(SpeakLikeTheChecks(config_name, current))


class Settings(logging.Filter):
    """mkdocs-static-i18n says, as news, each setting it gives a language (the whole crisis list,
    the palette, ...): the editor's log keeps its warnings and the line naming each language."""

    SAID = re.compile(r"^(?:[\w.]+: )?(?:Overriding|Updating|Translated) ")

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.INFO or not self.SAID.match(record.getMessage())


def quiet_settings(*loggers: logging.Logger) -> None:
    for logger in loggers:
        if not any(isinstance(found, Settings) for found in logger.filters):
            logger.addFilter(Settings())
