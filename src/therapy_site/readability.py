"""Plain-language measures of a page's main text (Flesch-Kincaid grade with textstat 0.7.8).

"Main text" is the prose a client reads: paragraphs, list items and admonition bodies. Front
matter, headings, fenced blocks (quizzes are measured on their own), tables of references,
HTML and Markdown syntax are left out, so the grade reflects the words, not the markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
ATTR_LIST = re.compile(r"\s*\{[:#.][^}]*\}")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
HTML_TAG = re.compile(r"<[^>]+>")
LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*\S+(?:\s+\"([^\"]*)\")?\s*$")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
SENTENCE_END = re.compile(r"[.!?:][\"')\]]*$")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


@dataclass(frozen=True)
class Sentence:
    line: int  # 1-based line in the Markdown source
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Readability:
    grade: float
    words: int
    sentences: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def _plain(line: str) -> str:
    """One Markdown line as the words a reader sees."""
    line = ATTR_LIST.sub("", line)
    line = LINK.sub(r"\1", line)
    line = REF_LINK.sub(r"\1", line)
    line = HTML_TAG.sub(" ", line)
    line = LIST_MARKER.sub("", line)
    line = line.lstrip("> ").strip()
    line = EMPHASIS.sub("", line)
    return re.sub(r"\s+", " ", line).strip()


def main_text_blocks(source: str) -> list[tuple[int, str]]:
    """Paragraphs and list items of the main text, each with its first source line."""
    offset = 0
    match = FRONT_MATTER.match(source)
    if match:
        offset = match.group(0).count("\n")
        source = source[match.end():]
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    fence: str | None = None

    def flush() -> None:
        nonlocal current
        text = " ".join(part for part in current if part)
        if text:
            # A list item or short line without end punctuation still ends a sentence.
            if not SENTENCE_END.search(text):
                text += "."
            blocks.append((start, text))
        current = []

    for number, raw in enumerate(source.splitlines(), start=offset + 1):
        opening = FENCE_OPEN.match(raw)
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            continue
        if opening:
            flush()
            fence = opening.group(2)
            continue
        stripped = raw.strip()
        if (
            not stripped
            or HEADING.match(raw)
            or ADMONITION.match(raw)
            or stripped.startswith("|")
            or stripped.startswith("*[")  # abbreviation definitions
            or re.fullmatch(r"[-*_]{3,}", stripped)
        ):
            flush()
            continue
        if LIST_MARKER.match(raw):
            flush()
        if not current:
            start = number
        current.append(_plain(raw))
    flush()
    return blocks


def main_text(source: str) -> str:
    return "\n\n".join(text for _, text in main_text_blocks(source))


def sentences(source: str) -> list[Sentence]:
    found: list[Sentence] = []
    for line, block in main_text_blocks(source):
        for part in SENTENCE_SPLIT.split(block):
            if part.strip():
                found.append(Sentence(line, part.strip()))
    return found


def measure(source: str) -> Readability:
    text = main_text(source)
    return Readability(
        grade=float(textstat.flesch_kincaid_grade(text)) if text else 0.0,
        words=int(textstat.lexicon_count(text)) if text else 0,
        sentences=len(sentences(source)),
    )


def report(path: str) -> str:
    """A one-page summary for a writer: grade, words, and every sentence over 25 words."""
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    result = measure(source)
    lines = [
        f"{path}: grade {result.grade:.1f}, {result.words} words, "
        f"{result.words_per_sentence:.1f} words a sentence"
    ]
    lines += [f"{path}:{s.line}: {s.words} words: {s.text}" for s in sentences(source) if s.words > 25]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print("\n".join(report(path) for path in sys.argv[1:]))
