"""The quizzes and check-ins as editors wrote them in docs/: the tests' independent answer key."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from site_pages import CONTENT_PAGES, LANGUAGES, page_url, source
from site_words import TABLES

DOCS = Path(__file__).resolve().parents[2] / "docs"
FENCE = re.compile(r"^```(?P<kind>quiz|checkin)[^\n]*\n(?P<body>.*?)^```\s*$", re.MULTILINE | re.DOTALL)
# A check-in statement that points here is a warning sign (CONTRIBUTING.md, "Quizzes and check-ins").
WARNING_PAGE = "when-it-is-not-healthy.md"


@dataclass(frozen=True)
class Block:
    src: str  # docs-relative Markdown file of the English page
    kind: str  # "quiz" or "checkin"
    data: dict[str, Any]
    language: str = "en"  # the page's language: its twin docs/page.es.md is read for "es"

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.data['id']}"

    @property
    def url(self) -> str:
        return LANGUAGES[self.language] + page_url(self.src)


def blocks(src: str, language: str = "en") -> list[Block]:
    text = (DOCS / source(src, language)).read_text(encoding="utf-8")
    return [Block(src, m["kind"], yaml.safe_load(m["body"]), language) for m in FENCE.finditer(text)]


def all_blocks(languages: tuple[str, ...] = tuple(LANGUAGES)) -> list[Block]:
    """Every block of every page, in English then in each other language."""
    return [block for language in languages for src in CONTENT_PAGES for block in blocks(src, language)]


def option_texts(question: dict[str, Any], language: str = "en") -> list[str]:
    if question["type"] == "true-false":
        return [TABLES[language]("quiz.true"), TABLES[language]("quiz.false")]
    return [option["text"] for option in question["options"]]


def expected_indexes(question: dict[str, Any]) -> list[int]:
    """0-based positions of the options a reader should choose."""
    if question["type"] == "true-false":
        return [0 if question["answer"] else 1]
    return [i for i, option in enumerate(question["options"]) if option.get("correct")]


def expected_texts(question: dict[str, Any], language: str = "en") -> list[str]:
    texts = option_texts(question, language)
    return [texts[i] for i in expected_indexes(question)]


def feedback(question: dict[str, Any], index: int) -> str:
    options = question.get("options") or []
    return options[index].get("feedback", "") if index < len(options) else ""


def review_path(src: str, target: str, language: str = "en") -> str:
    """'other.md#id' or '#id', written in `src`, as a site path: 'other/#id' ('es/other/#id' in Spanish:
    a link to other.md leads to the page in the same language)."""
    page, _, anchor = target.partition("#")
    page = posixpath.normpath(posixpath.join(posixpath.dirname(src), page)) if page else src
    return LANGUAGES[language] + page_url(page) + (f"#{anchor}" if anchor else "")


def is_warning_sign(src: str, statement: dict[str, Any]) -> bool:
    page = statement["review"].partition("#")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(src), page)) == WARNING_PAGE


def squash(text: str) -> str:
    """Whitespace as the browser shows it; YAML folded scalars end in a newline."""
    return " ".join(text.split())
