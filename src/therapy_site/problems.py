"""One problem type and one reporter: every mistake reads `docs/page.md:LINE: what; how to fix it`.

The build's hooks, `make check` and `make urls` all report through `Reporter`, so an editor sees
the same sentence wherever the mistake is found. A mistake is reported once: what follows from it
(a quiz's addresses, a generated page's link to it) is left out, since fixing it mends them too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake: its 1-based line (0 for the whole file), what is wrong and how to fix it."""

    line: int
    message: str
    file: str = ""  # as the editor sees it, relative to the project: 'docs/about.md'
    warning: bool = False

    def at(self, file: str) -> Problem:
        return replace(self, file=file)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        return f"{where} {'warning: ' if self.warning else ''}{self.message}"


def sort_key(problem: Problem) -> tuple[str, int, bool, str]:
    return (problem.file, problem.line, problem.warning, problem.message)


def unique(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file and line; the same sentence found twice (build and lint) shown once."""
    seen: set[str] = set()
    kept: list[Problem] = []
    for problem in sorted(problems, key=sort_key):
        if str(problem) not in seen:
            seen.add(str(problem))
            kept.append(problem)
    return kept


@dataclass
class Reporter:
    """Collects and emits problems; remembers which pages hold a mistake of their own."""

    error: Callable[[str], None] = print
    warn: Callable[[str], None] = print
    errors: int = 0
    seen: set[str] = field(default_factory=set)
    culprits: dict[str, Problem] = field(default_factory=dict)  # file -> its first own problem

    def report(self, problems: Iterable[Problem]) -> None:
        for problem in sorted(problems, key=sort_key):
            text = str(problem)
            if text in self.seen:
                continue
            self.seen.add(text)
            if problem.warning:
                self.warn(text)
            else:
                self.errors += 1
                self.culprits.setdefault(problem.file, problem)
                self.error(text)

    def note(self, problem: Problem) -> None:
        """Count a problem that another logger emits (MkDocs's own warnings, rewritten)."""
        if not problem.warning and str(problem) not in self.seen:
            self.seen.add(str(problem))
            self.errors += 1
            self.culprits.setdefault(problem.file, problem)

    def caused_by(self, file: str) -> Problem | None:
        """The first mistake already reported in `file`, if any: later effects of it stay quiet."""
        return self.culprits.get(file)
