"""The audit of published-urls.txt: gather what each page publishes, then check the file.

hooks/link_registry.py hands in each finished page of a language's build and, at its end, the
redirects; `finish` checks the addresses of that language ('/es/...' against the Spanish pages)
and, for `make urls`, adds its new ones to the file. A quiz address lost because its quiz holds a
mistake is not reported again: fixing the quiz mends it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from therapy_site import quiz
from therapy_site.html import html_ids
from therapy_site.problems import Problem
from therapy_site.registry.file import FILE_NAME, Entry, parse, render

if TYPE_CHECKING:  # build.py reads the registry's file format, and this module reads a Build
    from therapy_site.build import Build
from therapy_site.registry.resolve import (
    Published,
    Redirect,
    Site,
    check,
    is_quiz_anchor,
    merge,
    published_of_page,
    read_redirects,
    redirect_line,
    unregistered_problems,
)


@dataclass
class Audit:
    site: Site = field(default_factory=Site)
    published: list[Published] = field(default_factory=list)
    owners: dict[str, tuple[str, int]] | None = None  # each quiz anchor: its page and line, read once

    def quiz_anchors(self, now: Build) -> dict[str, tuple[str, int]]:
        if self.owners is None:
            self.owners = {
                anchor: (owner, line)
                for owner, found in (now.quizzes.pages.items() if now.quizzes else ())
                for item in found.drafts
                for anchor, line, _ in quiz.anchors_of(item)
            }
        return self.owners

    def add_page(
        self, now: Build, src_uri: str, url: str, output: str, toc_ids: Iterable[str], generated: bool
    ) -> None:
        """What one finished page publishes: only ids written in the source are promises."""
        src = now.key(src_uri)
        ids, model = html_ids(output), now.pages.get(src)
        lines = {anchor: model.heading_line(anchor) if model else 1 for anchor in toc_ids if anchor in ids}
        # A generated page names its sections after other pages' files: it publishes its quiz anchors.
        sections = {a: line for a, line in lines.items() if line and (not generated or is_quiz_anchor(a))}
        owners = self.quiz_anchors(now)
        # A quiz with a mistake keeps its addresses: the one message to read is the quiz's own.
        drafts = [(anchor, line) for anchor, (owner, line) in owners.items() if owner == src]
        published = published_of_page(src, url, sections, drafts, ids)
        if generated:  # the quiz a generated page lists is named as the cause, not the page
            published = [
                replace(
                    item,
                    src=owners.get(item.url.partition("#")[2], (src, 1))[0],
                    line=owners.get(item.url.partition("#")[2], (src, 1))[1],
                )
                for item in published
            ]
        self.published += published
        self.site.add_page(src_uri, url, ids | {anchor for anchor, _line in drafts})

    def explained(self, now: Build, entries: list[Entry], problem: Problem) -> bool:
        entry = next((entry for entry in entries if entry.line == problem.line), None)
        if entry is None or not entry.anchor:
            return False
        src = now.key(self.site.sources.get(entry.path, ""))
        if not is_quiz_anchor(entry.anchor):  # a heading without an id: its own message offers this id back
            model = now.pages.get(src)
            return bool(model and any(h.level in (2, 3) and not h.id for h in model.headings))
        # The generated pages list every quiz: one that failed to read takes its entry with it.
        return bool(
            now.reporter.caused_by(now.file(src)) or (src in now.generated and now.quizzes and now.quizzes.failed)
        )


def finish(
    now: Build,
    config_file: Path,
    redirect_maps: Mapping[Any, Any],
    use_directory_urls: bool,
    updating: bool,
    committed: Path | None,
) -> list[str]:
    """Check this language's addresses (and with `updating`, add its new ones to the file);
    return the lines to show as info. The default language also checks the redirects."""
    audit = now.audit if isinstance(now.audit, Audit) else Audit()
    sources = list(audit.site.sources.values())
    redirects, bad = read_redirects(redirect_maps, [now.key(src) for src in sources], use_directory_urls)
    audit.site.redirects = redirects if now.language.default else moved_within(redirects, now, sources)
    if now.language.default:
        config_text = config_file.read_text(encoding="utf-8")
        now.reporter.report(Problem(redirect_line(config_text, old), message, config_file.name) for old, message in bad)
    path = config_file.parent / FILE_NAME
    if not path.exists() and not updating:
        return [f"{FILE_NAME} not found next to {config_file.name}: published addresses are not checked"]
    try:
        entries, problems = parse(path.read_text(encoding="utf-8") if path.exists() else "")
    except UnicodeDecodeError:
        entries, problems = [], [Problem(0, NOT_TEXT)]
    if now.language.default:  # the file's own mistakes, once
        now.reporter.report(problem.at(FILE_NAME) for problem in problems)
    info: list[str] = []
    if updating and (problems or now.reporter.errors):
        now.reporter.report([Problem(0, NOT_UPDATED, FILE_NAME)])
        return info
    if updating:
        promised = {entry.url for entry in parse(committed.read_text(encoding="utf-8"))[0]} if committed else None
        mine = [entry for entry in entries if now.languages.of_url(entry.path) == now.language]
        merged, added, dropped = merge(mine, audit.published, audit.site, promised)
        others = {entry.url for entry in entries if entry not in mine}  # the other languages' lines
        new_text = render({entry.url for entry in parse(merged)[0]} | others)
        path.write_text(new_text, encoding="utf-8")
        info = [f"{FILE_NAME}: added {len(added)}, dropped {len(dropped)} never-committed address(es)"]
        info += [f"  {'+' if url in added else '-'} {url}" for url in added + dropped]
        entries, _ = parse(new_text)
    own = [entry for entry in entries if now.languages.of_url(entry.path) == now.language]
    now.reporter.report(
        problem.at(FILE_NAME)
        for problem in check(own, audit.site, now.language.folder, now.key)
        if not audit.explained(now, own, problem)
    )
    if not problems:
        now.reporter.report(
            problem.at(now.file(src)) for src, problem in unregistered_problems(audit.published, own, FILE_NAME)
        )
    return info


NOT_TEXT = "the file is not plain text (UTF-8); restore the last good copy of it from GitHub, then run `make urls`"
NOT_UPDATED = "not updated, because of the mistakes above; fix them, then run `make urls` again"


def moved_within(redirects: Mapping[str, Redirect], now: Build, sources: Iterable[str]) -> dict[str, Redirect]:
    """The default language's redirects as the same moves within another language's folder
    ('/old/' -> '/es/old/', to the page's version in that language)."""
    in_language = {now.key(src): src for src in sources}
    return {
        "/" + now.language.folder + path.lstrip("/"): replace(
            redirect, target_src=in_language.get(redirect.target_src, redirect.target_src)
        )
        for path, redirect in redirects.items()
    }
