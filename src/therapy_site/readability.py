"""Plain-language measures of a page's main text (Flesch-Kincaid grade with textstat 0.7.8).

"Main text" is the prose a client reads: paragraphs, list items and admonition bodies. Front
matter, headings, fenced blocks (quizzes are measured on their own), tables of references,
HTML and Markdown syntax are left out, so the grade reflects the words, not the markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

from therapy_site import grammar


@dataclass(frozen=True)
class Limits:
    """The writing rules of CONTRIBUTING.md as numbers: `make check` and the tests read these."""

    grade: float = 8.0  # Flesch-Kincaid grade of a page's main text
    paragraph_grade: float = 12.0  # one paragraph far harder than the rest stands out on its own
    paragraph_min_words: int = 12  # shorter paragraphs are too small to grade fairly
    sentence_words: int = 25
    average_sentence_words: float = 15.0


LIMITS = Limits()

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
    body, offset = grammar.split_front_matter(source)
    lines = body.split("\n")
    inside = {index for fence in grammar.fences(lines) for index in range(fence.start, fence.end)}
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0

    def flush() -> None:
        nonlocal current
        text = " ".join(part for part in current if part)
        if text:
            # A list item or short line without end punctuation still ends a sentence.
            if not SENTENCE_END.search(text):
                text += "."
            blocks.append((start, text))
        current = []

    for index, raw in enumerate(lines):
        stripped = raw.strip()
        if (
            index in inside
            or not stripped
            or HEADING.match(raw)
            or ADMONITION.match(raw)
            or stripped.startswith("|")
            or stripped.startswith("*[")  # abbreviation definitions
            or re.fullmatch(r"[-*_=]{3,}", stripped)
        ):
            flush()
            continue
        if LIST_MARKER.match(raw):
            flush()
        if not current:
            start = offset + index + 1
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
