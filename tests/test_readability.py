"""Plain language: every page's main text meets its language's limits (readability.LIMITS): English
at Flesch-Kincaid grade 8 or lower, Spanish at a Fernández-Huerta ease of 70 or more."""

from __future__ import annotations

import pytest
from conftest import ROOT
from site_pages import CONTENT_PAGES

from therapy_site.readability import limits, main_text_blocks, measure, score, sentences

# Every page in each language: (the file, its language).
PAGES = [(src, "en") for src in CONTENT_PAGES] + [(src.removesuffix(".md") + ".es.md", "es") for src in CONTENT_PAGES]


@pytest.mark.parametrize(("src", "language"), PAGES)
def test_page_meets_its_languages_limits(src: str, language: str) -> None:
    source = (ROOT / "docs" / src).read_text(encoding="utf-8")
    rules, result = limits(language), measure(source, language)
    assert result.words > 150, "too little main text to measure"
    assert not rules.too_hard(result.score, rules.page), rules.page_says.format(score=result.score, limit=rules.page)
    assert result.words_per_sentence <= rules.average_sentence_words
    hard = [
        (line, round(score(text, language), 1))
        for line, text in main_text_blocks(source)
        if len(text.split()) >= rules.paragraph_min_words and rules.too_hard(score(text, language), rules.paragraph)
    ]
    assert hard == []


@pytest.mark.parametrize(("src", "language"), PAGES)
def test_no_sentence_is_over_25_words(src: str, language: str) -> None:
    source = (ROOT / "docs" / src).read_text(encoding="utf-8")
    long = [f"line {s.line}: {s.text}" for s in sentences(source) if s.words > limits(language).sentence_words]
    assert long == []


@pytest.mark.parametrize(
    ("text", "language", "low", "high"),
    [
        # text                                        language  the score lies between
        ("You can say no. Your therapist listens.", "en", -5.0, 4.0),  # a low grade: easy
        ("Usted puede decir que no. Su terapeuta le escucha.", "es", 70.0, 120.0),  # a high ease: easy
        (
            "La psicoterapia contemporánea reconoce sistemáticamente la importancia fundamental "
            "de la alianza terapéutica colaborativa.",
            "es",
            -100.0,
            50.0,
        ),
    ],
)
def test_each_language_is_measured_on_its_own_scale(text: str, language: str, low: float, high: float) -> None:
    assert low <= score(text, language) <= high


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
