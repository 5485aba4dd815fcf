"""The editors' content checks on page models: readability, review dates, images, quizzes.

`make check` (therapy_site.check) runs these on every page, with the strict build and codespell.
The numbers are the writing rules of CONTRIBUTING.md, kept in therapy_site.readability.LIMITS
(one set for each language).
Every problem reads `docs/page.md:LINE: what is wrong; how to fix it`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from therapy_site import pagemeta, readability
from therapy_site.page import Page
from therapy_site.problems import Problem

FILE_LINE = re.compile(r"^(?P<path>[\w./-]+\.(?:md|ya?ml|txt)):(?:(?P<line>\d+):)?\s*(?P<message>.+)$", re.DOTALL)
WARNING = "warning: "


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def sentence_line(source_lines: list[str], block_line: int, sentence: str) -> int:
    """The line a sentence starts on (readability reports the first line of its paragraph)."""
    opening = " ".join(sentence.split()[:3])
    for number in range(block_line, min(block_line + 40, len(source_lines) + 1)):
        plain = re.sub(r"[*_`]|\[|\]\([^)]*\)", "", source_lines[number - 1])
        if opening and opening in " ".join(plain.split()):
            return number
    return block_line


def readability_problems(page: Page, language: str = "en") -> list[Problem]:
    """The page's score and average sentence, any hard paragraph, and every sentence too long,
    by the rules of the page's language (readability.LIMITS)."""
    limits = readability.limits(language)
    found: list[Problem] = []
    result = readability.measure(page.source, language)
    scored = [
        (line, readability.score(text, language))
        for line, text in readability.main_text_blocks(page.source)
        if len(text.split()) >= limits.paragraph_min_words
    ]
    title = next((heading.line for heading in page.headings if heading.level == 1), 1)
    if limits.too_hard(result.score, limits.page):
        hardest = (min if limits.higher_is_easier else max)(scored, key=lambda item: item[1], default=None)
        where = "; " + limits.hardest_says.format(line=hardest[0], score=hardest[1]) if hardest else ""
        says = limits.page_says.format(score=result.score, limit=limits.page)
        found.append(Problem(title, f"{says}{where}. Use shorter sentences and everyday words"))
    if result.words_per_sentence > limits.average_sentence_words:
        found.append(
            Problem(
                title,
                (
                    f"sentences on this page average {result.words_per_sentence:.1f} words; the limit is "
                    f"{limits.average_sentence_words:g}. Split the longest sentences in two"
                ),
            )
        )
    found += [
        Problem(
            line,
            limits.paragraph_says.format(score=value, limit=limits.paragraph)
            + ". Use shorter sentences and everyday words",
        )
        for line, value in scored
        if limits.too_hard(value, limits.paragraph)
    ]
    lines = page.source.split("\n")
    found += [
        Problem(
            sentence_line(lines, sentence.line, sentence.text),
            (
                f"a sentence of {sentence.words} words (the limit is {limits.sentence_words}): "
                f'"{_short(sentence.text)}"; split it in two'
            ),
        )
        for sentence in readability.sentences(page.source)
        if sentence.words > limits.sentence_words
    ]
    return [problem.at(page.file) for problem in found]


def review_problems(page: Page, today: dt.date, strict: bool = False) -> list[Problem]:
    """`review_due` in the past: a warning, or an error with --strict-review."""
    due = pagemeta.as_date(page.meta.get("review_due"))
    if due is None or due >= today:
        return []
    return [
        Problem(
            page.meta_lines.get("review_due", 1),
            (
                f"review_due ({due}) has passed; ask a clinical reviewer to check the page, then set "
                "'reviewed' to the day they did and 'review_due' to the date of the next review"
            ),
            page.file,
            not strict,
        )
    ]


def image_problems(page: Page) -> list[Problem]:
    """Every image needs alt text that says what it shows."""
    return [
        Problem(
            link.line,
            (
                f"the image '{link.target}' has no alt text; say what it shows between the brackets, "
                f"e.g. '![A client and a therapist talking]({link.target})' (or alt=\"...\" on an <img> tag)"
            ),
            page.file,
        )
        for link in page.links
        if link.image and not link.text.strip()
    ]


def page_problems(page: Page, today: dt.date, strict_review: bool = False, language: str = "en") -> list[Problem]:
    return [
        *page.problems,
        *readability_problems(page, language),
        *review_problems(page, today, strict_review),
        *image_problems(page),
    ]


def build_problems(messages: Iterable[tuple[str, str]], config_name: str) -> list[Problem]:
    """The strict build's errors and warnings (already `file:line: message`) as problems."""
    found: list[Problem] = []
    for level, message in messages:
        if level in ("INFO", "DEBUG") or message.startswith("Aborted with"):
            continue
        located = FILE_LINE.match(message)
        if located:
            text = located["message"].strip()
            found.append(
                Problem(
                    int(located["line"] or 0), text.removeprefix(WARNING), located["path"], text.startswith(WARNING)
                )
            )
        elif not (level == "OTHER" and (message.startswith(("Traceback", "File ")) or not message)):
            found.append(Problem(0, message, config_name))
    return found


def codespell_problems(output: str, words_file: str) -> list[Problem]:
    """codespell's `path:LINE: word ==> suggestion` lines as problems."""
    found: list[Problem] = []
    for line in output.splitlines():
        match = re.match(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$", line.strip())
        if match:
            found.append(
                Problem(
                    int(match["line"]),
                    (
                        f"spelling: '{match['word']}' may be a mistake for '{match['fix']}'; fix it, or, if "
                        f"the word is right, add it to {words_file} (one word a line)"
                    ),
                    match["path"],
                )
            )
    return found
