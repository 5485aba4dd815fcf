"""Fenced code blocks in Markdown, found line by line as Python-Markdown's superfences does.

One scanner for every check that must skip code: heading ids, quizzes, the link registry, lint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def opening(line: str) -> re.Match[str] | None:
    match = FENCE.match(line)
    # A backtick "fence" with backticks in its info string is inline code, not a fence.
    if match and match["fence"][0] == "`" and "`" in match["info"]:
        return None
    return match


def closes(line: str, fence: str) -> bool:
    return re.fullmatch(f"{re.escape(fence[0])}{{{len(fence)},}}", line.strip()) is not None


def language(info: str) -> str:
    """The block's language from its info string: ```quiz, ``` {.quiz} -> 'quiz'."""
    words = info.strip().lstrip("{").lstrip(".").split()
    return words[0].rstrip("}").lower() if words else ""


def fences(lines: list[str]) -> Iterator[tuple[int, int, re.Match[str], bool]]:
    """Every fenced block as (opening index, index past its end, opening match, closed)."""
    index = 0
    while index < len(lines):
        match = opening(lines[index])
        if not match:
            index += 1
            continue
        close = next((i for i in range(index + 1, len(lines)) if closes(lines[i], match["fence"])), None)
        if close is None:
            yield index, len(lines), match, False
            return
        yield index, close + 1, match, True
        index = close + 1


def outside_fences(markdown: str, line_offset: int = 0) -> Iterator[tuple[int, str]]:
    """(1-based source line, text) for every line that is not inside a fenced block."""
    lines = markdown.split("\n")
    inside: set[int] = set()
    for start, end, _match, _closed in fences(lines):
        inside.update(range(start, end))
    return ((line_offset + index + 1, line) for index, line in enumerate(lines) if index not in inside)
