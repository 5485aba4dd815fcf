"""What one build knows, shared by every hook: the page models, the quiz site, the reporter.

A site in two languages is built once per language (mkdocs-static-i18n builds the others after
the default one), and each language's build has a `Build` of its own: its pages, its words, its
quizzes, its problems. hooks/pages.py starts it when MkDocs lists the language's files, the other
hooks read `current()`, and `run()` gives every language's build of this `mkdocs build` (the last
steps of the run need them all). Plain Python: the hooks hand in what MkDocs gives them.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from therapy_site import quiz
from therapy_site.buildlog import target_of
from therapy_site.csp import SitePolicy
from therapy_site.html import html_ids
from therapy_site.languages import Language, Languages, search_indexes
from therapy_site.languages import orphans as orphans_of
from therapy_site.page import Page, read_page
from therapy_site.problems import Problem, Reporter
from therapy_site.registry.file import ids_of_page, read_section_ids
from therapy_site.words import Tables, Words, read_tables, unknown_key_problems

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
    templates: str = "overrides/quiz"  # the quiz templates (the theme's custom_dir/quiz)
    quizzes: quiz.Site | None = None
    quiz_pages: dict[str, quiz.PageQuizzes] = field(default_factory=dict)
    generated: tuple[str, ...] = ()  # pages the build writes itself (the quiz index, the answer key)
    quiz_html: dict[str, list[str]] = field(default_factory=dict)  # each page's quizzes, until written
    emails: dict[str, list[Email]] = field(default_factory=dict)  # each page's ```email blocks
    policy: SitePolicy = field(default_factory=SitePolicy)  # the inline code of every page
    audit: Any = None  # registry.audit.Audit, made by hooks/link_registry.py
    root_files: dict[str, str] = field(default_factory=dict)  # the 404 page and sitemap it wrote
    left_out: list[str] = field(default_factory=list)  # translations whose English page is gone
    _renderer: quiz.Renderer | None = None

    @property
    def words(self) -> Words:
        return self.tables[self.language.code]

    def key(self, src_uri: str) -> str:
        """The page's name in every language: 'about.es.md' -> 'about.md'."""
        return self.languages.of_src(src_uri)[0]

    def file(self, src: str) -> str:
        """The file an editor opens for a page of this language: 'docs/about.es.md'."""
        if src in self.generated:  # made by the build: named as in the navigation
            return f"{self.docs_prefix}/{src}"
        page = self.pages.get(src)
        return page.file if page else f"{self.docs_prefix}/{self.language.src(src)}"

    def read_quizzes(
        self,
        order: Iterable[str],
        page_exists: Callable[[str], bool],
        href: Callable[[str, str], str],
        templates: str,
    ) -> dict[str, str]:
        """Every page's quizzes, their problems reported, and the Markdown of the pages the build
        writes from them (by file name: the quiz index, the answer key); `templates` is the
        folder of the quiz templates."""
        self.generated, self.templates = quiz.GENERATED, templates
        self.quizzes = site = quiz.read_site(
            (page for src, page in self.pages.items() if src not in quiz.GENERATED), list(order), page_exists, href
        )
        self.reporter.report(
            problem.at(self.file(src)) for src, problems in site.problems(self.file).items() for problem in problems
        )
        make = self.renderer()
        stash = self.quiz_html.setdefault(quiz.ANSWER_KEY_PAGE, [])
        return {quiz.INDEX_PAGE: make.index(site), quiz.ANSWER_KEY_PAGE: make.answer_key(site, stash=stash)}

    def secure(self, page: str, path: str) -> str:
        """The finished page (written to `path`) with our privacy policy (therapy_site.csp)."""
        try:
            return self.policy.secure(page, path)
        except ValueError as error:
            self.reporter.report([Problem(0, str(error), os.path.relpath(path))])
            return page

    def quiz_ids(self, src_uri: str) -> set[str]:
        """The ids of a page's quizzes, which go into the page only once it is finished."""
        return html_ids("".join(self.quiz_html.get(self.key(src_uri), [])))

    def with_quizzes(self, src_uri: str, page: str) -> str:
        """The finished page with its quizzes' HTML where Markdown left their slots."""
        stash = self.quiz_html.pop(self.key(src_uri), None)
        return quiz.fill_slots(page, stash) if stash else page

    def renderer(self) -> quiz.Renderer:
        """One renderer a build: its templates compile once."""
        if self._renderer is None:
            self._renderer = quiz.Renderer(self.templates, self.words)
        return self._renderer

    def generated_from(self, src: str, link: str) -> str | None:
        """For a link on a generated page, the source page it lists; None on an editor's page."""
        src = self.key(src)
        return target_of(src, link) if src in self.generated else None


_run: dict[str, Build] = {}  # this `mkdocs build`: each language's build, in the order built
_current: list[Build] = []


def start(
    files: Mapping[str, bytes | str],
    project: Path,
    docs: Path,
    reporter: Reporter,
    languages: Languages,
    code: str,
) -> Build:
    """Read every page of one language once (`files` by name in docs/) and report each page's
    own problems, the tables of words' problems and translations left without their English page
    (left out: `left_out` names them for the hook to drop).

    The languages of a run share the default language's reporter: a page shown in English in
    the other languages too (not translated yet) has its mistakes said once.
    """
    language = languages.get(code)
    if language.default:  # a new run starts with the default language
        _run.clear()
    elif _run:
        reporter = next(iter(_run.values())).reporter
    prefix = Path(os.path.relpath(docs, project)).as_posix()
    orphans = orphans_of(languages, files, docs.joinpath)
    tables = read_tables(project, languages.codes, languages.default.code)
    registered = read_section_ids(project)
    pages: dict[str, Page] = {}
    for src_uri, data in files.items():
        if src_uri not in {orphan.file for orphan in orphans}:
            src = languages.of_src(src_uri)[0]
            pages[src] = read_page(src, data, prefix, src_uri, ids_of_page(registered, src, language.folder))
    build = Build(prefix, pages, reporter, languages, language, tables)
    build.left_out = [orphan.file for orphan in orphans]
    reporter.report([*tables.problems, *(orphan.at(f"{prefix}/{orphan.file}") for orphan in orphans)])
    reporter.report(problem for page in pages.values() for problem in page.problems)
    for table in tables.words.values():
        table.unknown = lambda key: reporter.report(unknown_key_problems(key, languages.default.code))
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


SEARCH_INDEX = "search/search_index.json"


def place_language_files(site_dir: str) -> None:
    """Once every language is built: each language's 404 page and sitemap (which every build
    writes at the site's root) go to its own folder, and the one search index the builds leave
    becomes one per language (therapy_site.languages.search_indexes)."""
    runs = run()
    for each in runs:
        for name, text in each.root_files.items():
            path = os.path.join(site_dir, each.language.folder, name)
            text = each.policy.apply(text) if name.endswith(".html") and each.policy.written else text
            _write(path, text.encode("utf-8"))
            if name == "sitemap.xml":
                _write(f"{path}.gz", gzip.compress(text.encode("utf-8"), mtime=0))
    index = os.path.join(site_dir, SEARCH_INDEX)
    if runs and os.path.isfile(index):
        with open(index, encoding="utf-8") as handle:
            split = search_indexes(handle.read(), runs[0].languages)
        for language, text in split.items():
            _write(os.path.join(site_dir, language.folder, SEARCH_INDEX), text.encode("utf-8"))


def _write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
