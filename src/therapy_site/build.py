"""What one build knows, shared by every hook: the page models, the quiz site, the reporter.

hooks/pages.py starts a Build when MkDocs lists the files (before any other hook needs it), and
the other hooks read `current()`. Each build, and each `mkdocs serve` rebuild, starts afresh.
Plain Python: the hooks hand in what MkDocs gives them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from therapy_site import quiz
from therapy_site.buildlog import target_of
from therapy_site.page import Page, read_page
from therapy_site.problems import Reporter


@dataclass
class Build:
    docs_prefix: str  # the docs folder as the editor sees it, e.g. 'docs'
    pages: dict[str, Page]
    reporter: Reporter
    quizzes: quiz.Site | None = None
    quiz_pages: dict[str, quiz.PageQuizzes] = field(default_factory=dict)
    generated: tuple[str, ...] = ()  # pages the build writes itself (the quiz index, the answer key)

    def file(self, src: str) -> str:
        return f"{self.docs_prefix}/{src}"

    def generated_from(self, src: str, link: str) -> str | None:
        """For a link on a generated page, the source page it lists; None on an editor's page."""
        return target_of(src, link) if src in self.generated else None


_current: list[Build] = []


def start(files: Mapping[str, bytes | str], docs_prefix: str, reporter: Reporter) -> Build:
    """Read every page once and report each page's own problems."""
    pages = {src: read_page(src, data, docs_prefix) for src, data in files.items()}
    build = Build(docs_prefix, pages, reporter)
    reporter.report(problem for page in pages.values() for problem in page.problems)
    _current[:] = [build]
    return build


def current() -> Build:
    if not _current:
        raise LookupError("no build has started: hooks/pages.py must be the first hook in mkdocs.yml")
    return _current[0]
