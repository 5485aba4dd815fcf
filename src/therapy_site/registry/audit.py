"""One build's audit of published-urls.txt: gather what each page publishes, then check the file.

hooks/link_registry.py hands in each finished page and, at the end, the redirects; this module
reads and (for `make urls`) rewrites the registry file, and reports through the build's reporter.
A quiz address lost because its quiz holds a mistake is not reported again: fixing the quiz mends it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from therapy_site import quiz
from therapy_site.build import Build
from therapy_site.html import html_ids
from therapy_site.problems import Problem
from therapy_site.registry.file import FILE_NAME, Entry, parse
from therapy_site.registry.resolve import (
    Published,
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

    def add_page(self, now: Build, src: str, url: str, output: str, toc_ids: Iterable[str], generated: bool) -> None:
        """What one finished page publishes: only ids written in the source are promises."""
        ids, model = html_ids(output), now.pages.get(src)
        lines = {anchor: model.heading_line(anchor) if model else 1 for anchor in toc_ids if anchor in ids}
        # A generated page names its sections after other pages' files: it publishes its quiz anchors.
        sections = {a: line for a, line in lines.items() if line and (not generated or is_quiz_anchor(a))}
        owners = {
            anchor: (owner, line)
            for owner, found in now.quiz_pages.items()
            for item in found.drafts
            for anchor, line, _ in quiz.anchors_of(item)
        }
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
        self.site.add_page(src, url, ids | {anchor for anchor, _line in drafts})

    def explained(self, now: Build, entries: list[Entry], problem: Problem) -> bool:
        entry = next((entry for entry in entries if entry.line == problem.line), None)
        if entry is None or not is_quiz_anchor(entry.anchor):
            return False
        src = self.site.sources.get(entry.path, "")
        # The generated pages list every quiz: one that failed to read takes its entry with it.
        return bool(
            now.reporter.caused_by(now.file(src)) or (src in now.generated and now.quizzes and now.quizzes.failed)
        )

    def finish(
        self,
        now: Build,
        config_file: Path,
        redirect_maps: Mapping[Any, Any],
        use_directory_urls: bool,
        updating: bool,
        committed: Path | None,
    ) -> list[str]:
        """Check the registry (and with `updating`, rewrite it); return the lines to show as info."""
        self.site.redirects, bad = read_redirects(redirect_maps, list(self.site.sources.values()), use_directory_urls)
        config_text = config_file.read_text(encoding="utf-8")
        now.reporter.report(Problem(redirect_line(config_text, old), message, config_file.name) for old, message in bad)
        path = config_file.parent / FILE_NAME
        if not path.exists() and not updating:
            return [f"{FILE_NAME} not found next to {config_file.name}: published addresses are not checked"]
        try:
            entries, problems = parse(path.read_text(encoding="utf-8") if path.exists() else "")
        except UnicodeDecodeError:
            entries, problems = (
                [],
                [
                    Problem(
                        0,
                        "the file is not plain text (UTF-8); restore the last good copy "
                        "of it from GitHub, then run `make urls`",
                    )
                ],
            )
        now.reporter.report(problem.at(FILE_NAME) for problem in problems)
        info: list[str] = []
        if updating and (problems or now.reporter.errors):
            now.reporter.report(
                [
                    Problem(
                        0, "not updated, because of the mistakes above; fix them, then run `make urls` again", FILE_NAME
                    )
                ]
            )
            return info
        if updating:
            promised = {entry.url for entry in parse(committed.read_text(encoding="utf-8"))[0]} if committed else None
            new_text, added, dropped = merge(entries, self.published, self.site, promised)
            path.write_text(new_text, encoding="utf-8")
            info = [f"{FILE_NAME}: added {len(added)}, dropped {len(dropped)} never-committed address(es)"]
            info += [f"  {'+' if url in added else '-'} {url}" for url in added + dropped]
            entries, _ = parse(new_text)
        now.reporter.report(
            problem.at(FILE_NAME) for problem in check(entries, self.site) if not self.explained(now, entries, problem)
        )
        if not problems:
            now.reporter.report(
                problem.at(now.file(src)) for src, problem in unregistered_problems(self.published, entries, FILE_NAME)
            )
        return info
