"""The editors' content checks on page models: readability, review dates, images, quizzes.

`make check` (therapy_site.check) runs these on every page, with the strict build and codespell.
The numbers are the writing rules of CONTRIBUTING.md, kept in therapy_site.readability.LIMITS.
Every problem reads `docs/page.md:LINE: what is wrong; how to fix it`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

import textstat

from therapy_site import pagemeta, quiz, readability
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


def readability_problems(page: Page, limits: readability.Limits = readability.LIMITS) -> list[Problem]:
    """The page's grade and average sentence, any hard paragraph, and every sentence too long."""
    found: list[Problem] = []
    result = readability.measure(page.source)
    graded = [
        (line, float(textstat.flesch_kincaid_grade(text)))
        for line, text in readability.main_text_blocks(page.source)
        if len(text.split()) >= limits.paragraph_min_words
    ]
    title = next((heading.line for heading in page.headings if heading.level == 1), 1)
    if result.grade > limits.grade:
        hardest = max(graded, key=lambda item: item[1], default=None)
        where = f"; the hardest paragraph is on line {hardest[0]} (grade {hardest[1]:.1f})" if hardest else ""
        found.append(
            Problem(
                title,
                (
                    f"the page's main text reads at Flesch-Kincaid grade {result.grade:.1f}; the limit is "
                    f"{limits.grade:g}{where}. Use shorter sentences and everyday words"
                ),
            )
        )
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
            (
                f"this paragraph reads at grade {grade:.1f}; no paragraph may be over grade "
                f"{limits.paragraph_grade:g}. Use shorter sentences and everyday words"
            ),
        )
        for line, grade in graded
        if grade > limits.paragraph_grade
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


def page_problems(page: Page, today: dt.date, strict_review: bool = False) -> list[Problem]:
    return [
        *page.problems,
        *readability_problems(page),
        *review_problems(page, today, strict_review),
        *image_problems(page),
    ]


def quiz_problems(pages: Mapping[str, Page], other_files: Iterable[str] = ()) -> list[Problem]:
    """Every quiz and check-in problem, as the build finds them."""
    read = [quiz.read_quizzes(page) for page in pages.values()]
    known = set(pages) | set(other_files) | {quiz.INDEX_PAGE, quiz.ANSWER_KEY_PAGE}
    site = quiz.Site(read, lambda src: src in known, lambda _from, to: to)
    files = {src: page.file for src, page in pages.items()}
    return [
        problem.at(files[src])
        for src, problems in site.problems(lambda src: files.get(src, src)).items()
        for problem in problems
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
