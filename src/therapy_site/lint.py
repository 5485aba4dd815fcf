"""The editors' content checks, on strings: each finding reads `docs/page.md:LINE: message`.

`make check` (therapy_site.check) runs these on every page, together with the strict build,
codespell and the quiz engine. The numbers are the writing rules of CONTRIBUTING.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import textstat

from therapy_site import pagemeta, readability
from therapy_site.fences import outside_fences

GRADE_LIMIT = 8.0  # Flesch-Kincaid grade of a page's main text
PARAGRAPH_GRADE_LIMIT = 12.0  # one paragraph far harder than the rest stands out on its own
PARAGRAPH_MIN_WORDS = 12  # shorter paragraphs are too small to grade fairly
SENTENCE_LIMIT = 25  # words

MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)[^)]*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<a>[^"]*)"|'(?P<b>[^']*)'|(?P<c>[^\s>]+))""", re.IGNORECASE)
HTML_SRC = re.compile(r"""\bsrc\s*=\s*["']?(?P<src>[^"'\s>]+)""", re.IGNORECASE)
DOC_LINK = re.compile(r"^Doc file '(?P<src>[^']+)' contains (?P<what>.*?)link '(?P<link>[^']+)'(?P<rest>.*)$", re.DOTALL)
FILE_LINE = re.compile(r"^(?P<path>[\w./-]+\.(?:md|ya?ml|txt)):(?:(?P<line>\d+):)?\s*(?P<message>.+)$", re.DOTALL)


@dataclass(frozen=True, order=True)
class Finding:
    path: str  # relative to the project folder, e.g. 'docs/about.md'
    line: int  # 1-based; 0 when the finding is about the whole file
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:" if self.line else f"{self.path}:"
        return f"{where} {'warning: ' if self.warning else ''}{self.message}"


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


def readability_findings(path: str, source: str) -> list[Finding]:
    """The page's grade (limit 8), any paragraph over grade 12, and every sentence over 25 words."""
    findings: list[Finding] = []
    result = readability.measure(source)
    graded = [(line, float(textstat.flesch_kincaid_grade(text)), len(text.split()))
              for line, text in readability.main_text_blocks(source)]
    graded = [(line, grade, words) for line, grade, words in graded if words >= PARAGRAPH_MIN_WORDS]
    if result.grade > GRADE_LIMIT:
        title = next((n for n, text in outside_fences(source) if text.startswith("# ")), 1)
        hardest = max(graded, key=lambda item: item[1], default=None)
        where = f"; the hardest paragraph is on line {hardest[0]} (grade {hardest[1]:.1f})" if hardest else ""
        findings.append(Finding(path, title, (
            f"the page's main text reads at Flesch-Kincaid grade {result.grade:.1f}; the limit is "
            f"{GRADE_LIMIT:g}{where}. Use shorter sentences and everyday words")))
    for line, grade, _words in graded:
        if grade > PARAGRAPH_GRADE_LIMIT:
            findings.append(Finding(path, line, (
                f"this paragraph reads at grade {grade:.1f}; no paragraph may be over grade "
                f"{PARAGRAPH_GRADE_LIMIT:g} (and the page must be {GRADE_LIMIT:g} or lower). Split long "
                "sentences and use everyday words")))
    lines = source.splitlines()
    for sentence in readability.sentences(source):
        if sentence.words > SENTENCE_LIMIT:
            findings.append(Finding(path, sentence_line(lines, sentence.line, sentence.text), (
                f"a sentence of {sentence.words} words (the limit is {SENTENCE_LIMIT}): "
                f"\"{_short(sentence.text)}\"; split it in two")))
    return findings


def review_findings(path: str, source: str, today: dt.date, strict: bool = False) -> list[Finding]:
    """`review_due` in the past: a warning, or an error with --strict-review."""
    meta, problems = pagemeta.read_front_matter(source)
    due = pagemeta.as_date(meta.get("review_due")) if not problems else None
    if due is None or due >= today:
        return []
    key_lines, _ = pagemeta.front_matter_lines(source)
    return [Finding(path, key_lines.get("review_due", 1), (
        f"review_due ({due}) has passed; ask a clinical reviewer to check the page, then set "
        "'reviewed' to the day they did and 'review_due' to the date of the next review"), warning=not strict)]


def page_meta_findings(path: str, source: str) -> list[Finding]:
    """Front matter (a missing `description`, bad dates) and `##`/`###` headings without an id."""
    problems = pagemeta.front_matter_problems(source)
    _lines, offset = pagemeta.front_matter_lines(source)
    body = "\n".join(source.splitlines()[offset:])
    problems += pagemeta.heading_problems(body, offset)
    return [Finding(path, problem.line, problem.message) for problem in problems]


def image_findings(path: str, source: str) -> list[Finding]:
    """Every image needs alt text that says what it shows."""
    findings: list[Finding] = []
    for number, line in outside_fences(source):
        for match in MD_IMAGE.finditer(line):
            if not match["alt"].strip():
                findings.append(Finding(path, number, (
                    f"the image '{match['src']}' has no alt text; say what it shows between the "
                    f"brackets, e.g. '![A client and a therapist talking]({match['src']})'")))
        for tag in HTML_IMAGE.finditer(line):
            alt = HTML_ALT.search(tag.group(0))
            text = next((group for group in alt.groups() if group is not None), "") if alt else ""
            if not text.strip():
                src = HTML_SRC.search(tag.group(0))
                findings.append(Finding(path, number, (
                    f"the image '{src['src'] if src else '<img>'}' has no alt text; add "
                    "alt=\"what the image shows\" to the <img> tag")))
    return findings


def lint_page(path: str, source: str, today: dt.date, strict_review: bool = False) -> list[Finding]:
    return (page_meta_findings(path, source) + readability_findings(path, source)
            + review_findings(path, source, today, strict_review) + image_findings(path, source))


def link_line(source: str, link: str) -> int:
    """The line of a Markdown link's target, written `(link)`, `]: link` or `href="link"`."""
    patterns = (f"({link})", f"({link} ", f"]: {link}", f'"{link}"', f"'{link}'", link)
    for pattern in patterns:
        for number, line in outside_fences(source):
            if pattern in line:
                return number
    return 0


def build_findings(messages: Iterable[tuple[str, str]], docs_prefix: str, config_name: str,
                   sources: Mapping[str, str]) -> list[Finding]:
    """The strict build's warnings and errors as findings.

    `docs_prefix` is the docs folder relative to the project ('docs'); `sources` maps each page's
    path relative to docs/ to its text, to find the line of a broken link MkDocs names.
    """
    findings: list[Finding] = []
    for level, message in messages:
        if level in ("INFO", "DEBUG") or message.startswith("Aborted with"):
            continue
        doc_link = DOC_LINK.match(message)
        if doc_link:
            src = doc_link["src"]
            line = link_line(sources.get(src, ""), doc_link["link"])
            rest = re.sub(r"^but\s+", "", doc_link["rest"].strip().lstrip(",").strip()).rstrip(".")
            generated = "" if src in sources else " (this page is generated from the others: fix the page the link points to)"
            findings.append(Finding(f"{docs_prefix}/{src}", line, (
                f"the link '{doc_link['link']}' is broken: {rest}; fix the file name or the #id "
                f"(an id is the {{#...}} at the end of a heading){generated}")))
            continue
        located = FILE_LINE.match(message)
        if located:
            findings.append(Finding(located["path"], int(located["line"] or 0), located["message"].strip()))
            continue
        if level == "OTHER" and (message.startswith(("Traceback", "File ")) or not message):
            continue
        findings.append(Finding(config_name, 0, message))
    return findings


def codespell_findings(output: str, words_file: str) -> list[Finding]:
    """codespell's `path:LINE: word ==> suggestion` lines as findings."""
    findings: list[Finding] = []
    for line in output.splitlines():
        match = re.match(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$", line.strip())
        if match:
            findings.append(Finding(match["path"], int(match["line"]), (
                f"spelling: '{match['word']}' may be a mistake for '{match['fix']}'; fix it, or, if "
                f"the word is right, add it to {words_file} (one word a line)")))
    return findings


def quiz_findings(pages: Mapping[str, str], docs_prefix: str, extra_pages: Iterable[str] = ()) -> list[Finding]:
    """Every quiz and check-in problem, from the quiz engine's public API (therapy_site.quiz)."""
    from therapy_site import quiz

    read = []
    for src, source in pages.items():
        match = pagemeta.FRONT_MATTER.match(source)
        body = source[match.end():].lstrip("\n") if match else source
        meta, _ = pagemeta.read_front_matter(source) if match else ({}, [])
        title = str(meta.get("title") or next((line[2:].strip() for line in body.split("\n") if line.startswith("# ")), ""))
        read.append(quiz.read_page(body, quiz.front_matter_offset(source, body), src, title))
    known = set(pages) | set(extra_pages) | {quiz.INDEX_PAGE, quiz.ANSWER_KEY_PAGE}
    site = quiz.Site(read, lambda src: src in known, lambda _from, to: to)
    where = lambda src: f"{docs_prefix}/{src}"  # noqa: E731
    return [Finding(where(src), problem.line, problem.message)
            for src, problems in site.problems(where).items() for problem in problems]


def unique(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted by file and line; the same message reported twice (build and lint) shown once."""
    seen: set[str] = set()
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda item: (item.path, item.line, item.warning, item.message)):
        text = str(finding)
        if text not in seen:
            seen.add(text)
            kept.append(finding)
    return kept
