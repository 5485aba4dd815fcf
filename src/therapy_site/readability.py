"""Plain-language measures of a page's main text, with textstat 0.7.8: the Flesch-Kincaid grade
for English, the Fernández-Huerta ease for Spanish (a higher ease is easier; 70-80 reads at about
grade 7).

"Main text" is the prose a client reads: paragraphs, list items and admonition bodies. Front
matter, headings, fenced blocks (quizzes are measured on their own), tables of references,
HTML and Markdown syntax are left out, so the score reflects the words, not the markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textstat.backend import metrics  # each measure with its language given, not set globally

from therapy_site import grammar


@dataclass(frozen=True)
class Limits:
    """The writing rules of CONTRIBUTING.md as numbers, for one language: `make check` and the
    tests read these. English is measured by grade (lower is easier), Spanish by ease (higher)."""

    page: float  # the page's main text: at most this grade, or at least this ease
    paragraph: float  # one paragraph far harder than the rest stands out on its own
    higher_is_easier: bool = False
    paragraph_min_words: int = 12  # shorter paragraphs are too small to measure fairly
    sentence_words: int = 25
    average_sentence_words: float = 15.0
    # How messages say a page's and a paragraph's score, against the limit.
    page_says: str = "the page's main text reads at Flesch-Kincaid grade {score:.1f}; the limit is {limit:g}"
    paragraph_says: str = "this paragraph reads at grade {score:.1f}; no paragraph may be over grade {limit:g}"
    hardest_says: str = "the hardest paragraph is on line {line} (grade {score:.1f})"

    def too_hard(self, score: float, limit: float) -> bool:
        return score < limit if self.higher_is_easier else score > limit


LIMITS = {
    "en": Limits(8.0, 12.0),
    "es": Limits(
        70.0,  # 70-80 is "fairly easy", about grade 7
        50.0,
        higher_is_easier=True,
        page_says="the page's main text has a Fernández-Huerta ease of {score:.1f}; it must be {limit:g} or more",
        paragraph_says="this paragraph has a Fernández-Huerta ease of {score:.1f}; no paragraph may be under {limit:g}",
        hardest_says="the hardest paragraph is on line {line} (ease {score:.1f})",
    ),
}
TEXTSTAT_LANGUAGE = {"en": "en_US", "es": "es"}


def limits(language: str) -> Limits:
    return LIMITS.get(language, LIMITS["en"])


def score(text: str, language: str = "en") -> float:
    """The page's measure: the grade (English) or the ease (Spanish) of `text`."""
    if language == "es":
        return float(metrics.fernandez_huerta(text, TEXTSTAT_LANGUAGE["es"]))
    return float(metrics.flesch_kincaid_grade(text, TEXTSTAT_LANGUAGE.get(language, "en_US")))


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
    score: float  # the grade (English) or the ease (Spanish)
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
    headings = {heading.line - offset - 1 for heading in grammar.headings(body, offset)}
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
            or index in headings
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


def measure(source: str, language: str = "en") -> Readability:
    text = main_text(source)
    return Readability(
        score=score(text, language) if text else 0.0,
        words=len(text.split()),
        sentences=len(sentences(source)),
    )
