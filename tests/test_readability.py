"""Plain language: every page's main text reads at Flesch-Kincaid grade 8 or lower."""

from __future__ import annotations

import pytest
from conftest import ROOT
from site_pages import CONTENT_PAGES

from therapy_site.readability import measure, sentences

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 25
MAX_AVERAGE_SENTENCE = 15.0


@pytest.mark.parametrize("src", CONTENT_PAGES)
def test_page_reads_at_grade_8_or_lower(src: str) -> None:
    result = measure((ROOT / "docs" / src).read_text(encoding="utf-8"))
    assert result.words > 150, "too little main text to measure"
    assert result.grade <= MAX_GRADE
    assert result.words_per_sentence <= MAX_AVERAGE_SENTENCE


@pytest.mark.parametrize("src", CONTENT_PAGES)
def test_no_sentence_is_over_25_words(src: str) -> None:
    long = [
        f"line {s.line}: {s.text}"
        for s in sentences((ROOT / "docs" / src).read_text(encoding="utf-8"))
        if s.words > MAX_SENTENCE_WORDS
    ]
    assert long == []


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # Markdown source                                   the main text measured
        ("---\ntitle: x\n---\n# Title\nOne. Two.\n", "One. Two."),
        ("## Heading {#h}\nA [link](x.md#y) here\n", "A link here."),
        ("- one\n- two\n", "one.\n\ntwo."),
        ("```quiz\nid: q\n```\nAfter.\n", "After."),
        ("| a | b |\n|---|---|\n", ""),
        ('!!! tip "Try this"\n    **Bold** words.\n', "Bold words."),
    ],
)
def test_main_text_leaves_out_markup(markdown: str, expected: str) -> None:
    from therapy_site.readability import main_text

    assert main_text(markdown) == expected
