"""What one build knows, shared by every hook: the page models, the quiz site, the reporter.

A site in two languages is built once per language (mkdocs-static-i18n builds the others after
the default one), and each language's build has a `Build` of its own: its pages, its words, its
quizzes, its problems. hooks/pages.py starts it when MkDocs lists the language's files, the other
hooks read `current()`, and `run()` gives every language's build of this `mkdocs build` (the last
steps of the run need them all). Plain Python: the hooks hand in what MkDocs gives them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from therapy_site import quiz
from therapy_site.buildlog import target_of
from therapy_site.csp import SitePolicy
from therapy_site.languages import Language, Languages
from therapy_site.page import Page, read_page
from therapy_site.problems import Reporter
from therapy_site.words import Tables, Words

if TYPE_CHECKING:
    from therapy_site.hub import Email


@dataclass
class Build:
    docs_prefix: str  # the docs folder as the editor sees it, e.g. 'docs'
    pages: dict[str, Page]  # by the English file's name ('about.md'), in every language
    reporter: Reporter
    languages: Languages
    language: Language
    tables: Tables  # every language's words: the page's own, and the other languages' names
    quizzes: quiz.Site | None = None
    quiz_pages: dict[str, quiz.PageQuizzes] = field(default_factory=dict)
    generated: tuple[str, ...] = ()  # pages the build writes itself (the quiz index, the answer key)
    quiz_html: dict[str, list[str]] = field(default_factory=dict)  # each page's quizzes, until written
    emails: dict[str, list[Email]] = field(default_factory=dict)  # each page's ```email blocks
    policy: SitePolicy = field(default_factory=SitePolicy)  # the inline code of every page
    audit: Any = None  # registry.audit.Audit, made by hooks/link_registry.py
    root_files: dict[str, bytes] = field(default_factory=dict)  # what it wrote at the site's root

    @property
    def words(self) -> Words:
        return self.tables[self.language.code]

    def key(self, src_uri: str) -> str:
        """The page's name in every language: 'about.es.md' -> 'about.md'."""
        return self.languages.of_src(src_uri)[0]

    def file(self, src: str) -> str:
        """The file an editor opens for a page of this language: 'docs/about.es.md'."""
        page = self.pages.get(src)
        return page.file if page else f"{self.docs_prefix}/{self.language.src(src)}"

    def generated_from(self, src: str, link: str) -> str | None:
        """For a link on a generated page, the source page it lists; None on an editor's page."""
        src = self.key(src)
        return target_of(src, link) if src in self.generated else None


_run: dict[str, Build] = {}  # this `mkdocs build`: each language's build, in the order built
_current: list[Build] = []


def start(
    files: Mapping[str, bytes | str],
    docs_prefix: str,
    reporter: Reporter,
    languages: Languages,
    language: Language,
    tables: Tables,
) -> Build:
    """Read every page of one language once and report each page's own problems.

    The languages of a run share the default language's reporter: a page shown in English in
    the other languages too (not translated yet) has its mistakes said once.
    """
    if language.default:  # a new run starts with the default language
        _run.clear()
    elif _run:
        reporter = next(iter(_run.values())).reporter
    pages: dict[str, Page] = {}
    for src_uri, data in files.items():
        neutral = languages.of_src(src_uri)[0]
        pages[neutral] = read_page(neutral, data, docs_prefix, src_uri)
    build = Build(docs_prefix, pages, reporter, languages, language, tables)
    reporter.report(problem for page in pages.values() for problem in page.problems)
    _run[language.code] = build
    _current[:] = [build]
    return build


def current() -> Build:
    if not _current:
        raise LookupError("no build has started: hooks/pages.py must be the first hook in mkdocs.yml")
    return _current[0]


def run() -> list[Build]:
    """Every language's build of this run, the default language first."""
    return list(_run.values())


def last_of_run(i18n: object | None) -> bool:
    """Whether the build that ends now is the run's last: mkdocs-static-i18n builds the other
    languages from within the default language's end (`building` is set while it does)."""
    return i18n is None or not getattr(i18n, "building", False)
