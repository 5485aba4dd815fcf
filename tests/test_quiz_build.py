"""Quizzes in a real strict build: where they appear, what search sees, how mistakes are reported."""

from __future__ import annotations

import html
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run_build
from site_pages import CONTENT_PAGES, LANGUAGES, TOPIC_PAGES, built_in, built_path, source
from site_words import TABLES

from therapy_site.page import read_page
from therapy_site.quiz import PageQuizzes, Quiz, read_quizzes

DOCS = ROOT / "docs"
QUIZ_MARKUP = ('class="quiz', "data-quiz", "data-checkin", "quiz.js", "quiz.css")


def engine_view(src: str, language: str = "en") -> PageQuizzes:
    """What the engine reads in one source page, as the hook reads it."""
    return read_quizzes(read_page(src, (DOCS / source(src, language)).read_bytes()))


def all_pages(language: str = "en") -> list[PageQuizzes]:
    return [engine_view(src, language) for src in CONTENT_PAGES]


def all_quizzes(language: str = "en") -> list[Quiz]:
    return [quiz for page in all_pages(language) for quiz in page.quizzes]


def visible_text(page_html: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page_html)).split())


def read(site: Path, src: str, language: str = "en") -> str:
    return (site / built_in(src, language)).read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("src", TOPIC_PAGES)
def test_every_topic_page_holds_its_quiz(built_site: Path, src: str, language: str) -> None:
    page = engine_view(src, language)
    assert page.quizzes, f"docs/{source(src, language)} has no ```quiz block"
    out = read(built_site, src, language)
    for quiz in page.quizzes:
        assert f'<section class="quiz" id="quiz-{quiz.id}"' in out
        for question in quiz.questions:
            assert f'<fieldset id="quiz-{quiz.id}-{question.id}"' in out
    # quiz.css comes inline; quiz.js is fetched by site.js when the reader starts a quiz.
    assert 'data-asset="assets/quiz.css"' in out and "assets/quiz.js" not in out
    assert (built_site / "assets" / "quiz.js").is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_without_quizzes_carry_no_quiz_code_or_markup(built_site: Path, language: str) -> None:
    plain = [page.src_path for page in all_pages(language) if not page.blocks]
    plain += ["check-your-understanding.md", "for-clinicians/answer-key.md"]
    assert "index.md" in plain
    for src in plain:
        out = read(built_site, src, language)
        assert not [marker for marker in QUIZ_MARKUP if marker in out], src


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_page_links_every_quiz_and_check_in(built_site: Path, language: str) -> None:
    out = read(built_site, "check-your-understanding.md", language)
    for page in all_pages(language):
        for item in page.items:
            assert f'#{item.anchor}"' in out, item.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_answer_key_lists_every_question_with_its_answer(built_site: Path, language: str) -> None:
    key = visible_text(read(built_site, "for-clinicians/answer-key.md", language))
    quizzes = all_quizzes(language)
    assert quizzes
    for quiz in quizzes:
        for question in quiz.questions:
            assert question.prompt in key
            assert question.explanation in key
            for option in question.expected:
                assert (TABLES[language](option.word) if option.word else option.text) in key


def search_text(site: Path, language: str = "en") -> tuple[str, list[str]]:
    index = json.loads((site / LANGUAGES[language] / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = html.unescape(" ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]))
    return text, [doc["location"] for doc in index["docs"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_index_holds_no_answers_explanations_or_feedback(built_site: Path, language: str) -> None:
    text, locations = search_text(built_site, language)
    assert not [location for location in locations if location.startswith("for-clinicians/answer-key")]
    secrets = ["Show answer", "answer we'd expect", "Ver la respuesta", "respuesta que esperamos"]
    for quiz in all_quizzes(language):
        for question in quiz.questions:
            secrets.append(question.explanation)
            secrets += [option.feedback for option in question.options if option.feedback]
    leaked = [secret for secret in secrets if secret in text]
    assert not leaked


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_leads_to_the_teaching_text_not_to_quizzes(built_site: Path, language: str) -> None:
    # Quizzes go into the page after Material's search plugin has read it (hooks/quizzes.py).
    text, locations = search_text(built_site, language)
    pages = [page for page in all_pages(language) if page.items]
    assert pages
    for page in pages:
        for item in page.items:
            assert not [location for location in locations if location.endswith(f"#{item.anchor}")]
        for question in (q for quiz in page.quizzes for q in quiz.questions):
            assert question.prompt not in text, f"docs/{page.src_path}: a quiz question is in the search index"
        for statement in (s for checkin in page.checkins for s in checkin.statements):
            assert statement.text not in text, f"docs/{page.src_path}: a check-in statement is in the search index"
    # The teaching text of the same pages is there.
    assert {"en": "therapeutic relationship", "es": "relación terapéutica"}[language] in text.lower()


def source_line(text: str, pattern: str, start: int = 0) -> int:
    """The 1-based number of the first line matching `pattern` at or after line `start`."""
    lines = text.split("\n")
    return next(number for number in range(start, len(lines)) if re.match(pattern, lines[number])) + 1


PLANTED = {
    # name: (page, regex of the line to change, how to change it, message fragment)
    "unknown key": (
        "what-a-good-relationship-feels-like.md",
        r"    prompt:",
        lambda line: line.replace("prompt:", "promt:"),
        "unknown key 'promt' in question",
    ),
    "missing anchor": (
        "what-can-get-in-the-way.md",
        r"    review:",
        lambda line: '    review: "#no-such-section"',
        "has no heading with {#no-such-section}",
    ),
    "unclosed fence": ("how-it-helps.md", r"```\s*$", lambda line: "", "is never closed"),
}


@dataclass(frozen=True)
class Planted:
    """One copy of the project with every PLANTED mistake, built once."""

    site: Path
    result: subprocess.CompletedProcess[str]
    lines: dict[str, int]  # name -> the line the report must name


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Planted:
    project = copy_project(tmp_path_factory.mktemp("planted") / "project")
    lines: dict[str, int] = {}
    for name, (src, pattern, change, _fragment) in PLANTED.items():
        path = project / "docs" / src
        text = path.read_text(encoding="utf-8")
        fence = source_line(text, r"```quiz")
        line = source_line(text, pattern, fence)
        changed = text.split("\n")
        changed[line - 1] = change(changed[line - 1])
        path.write_text("\n".join(changed), encoding="utf-8")
        lines[name] = fence if name == "unclosed fence" else line
    site = project.parent / "site"
    return Planted(site, run_build(project, site), lines)


def test_planted_mistakes_fail_the_strict_build_without_a_traceback(planted: Planted) -> None:
    assert planted.result.returncode != 0
    assert "Traceback" not in planted.result.stderr


@pytest.mark.parametrize("name", PLANTED)
def test_a_planted_mistake_is_reported_with_file_line_and_fix(planted: Planted, name: str) -> None:
    src, _pattern, _change, fragment = PLANTED[name]
    report = rf"docs/{re.escape(src)}:{planted.lines[name]}: .*{re.escape(fragment)}"
    assert re.search(report, planted.result.stderr), planted.result.stderr
    built = planted.site / built_path(src)
    if built.exists():  # MkDocs writes pages before it aborts: no half-rendered quiz there
        out = built.read_text(encoding="utf-8")
        assert "data-quiz" not in out and "This quiz is not available right now." in out


def test_a_check_in_with_quick_exit_shows_the_quick_exit_control(project_copy: Path) -> None:
    src = "how-is-it-going.md"
    path = project_copy / "docs" / src
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^quick_exit: true\n", "", text, count=1), encoding="utf-8")
    assert "quick_exit: true" in path.read_text(encoding="utf-8")  # the block still asks for it

    result = run_build(project_copy, project_copy.parent / "site")

    assert result.returncode == 0, result.stderr
    assert "data-quick-exit" in (project_copy.parent / "site" / built_path(src)).read_text(encoding="utf-8")
