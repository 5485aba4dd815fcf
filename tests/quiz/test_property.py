"""Whatever an editor types, the engine answers with quizzes or with problems on real lines.

`read_block` is called without the safety net of `safe_read_block`, so any exception the engine
would raise fails the test instead of being turned into a problem.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from site_words import ENGLISH

from therapy_site.quiz import Link, Renderer, find_blocks, read_block, read_page
from therapy_site.quiz.rules import CHECKIN, OPTION, QUESTION, QUIZ, STATEMENT

TEMPLATES = Path(__file__).resolve().parents[2] / "overrides" / "quiz"
RENDERER = Renderer(TEMPLATES, ENGLISH)  # one Jinja environment: templates compile once
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines that look like Markdown around quizzes: fences of every kind, headings, YAML-ish text.
PAGE_LINES = st.sampled_from(
    [
        "```quiz",
        "```checkin",
        "~~~quiz",
        "````quiz",
        "```",
        "~~~",
        "````",
        "  ```quiz",
        "    ```",
        "```python",
        "``` quiz `x`",
        "",
        "# Title",
        "## Part {#part}",
        "Some text.",
        "id: q",
        "title: T",
        "questions:",
        "  - id: a",
        "    type: single",
        "    prompt: P?",
        "    options:",
        "      - text: A",
        "        correct: true",
        "      - text: B",
        "    explanation: E",
        '    review: "#part"',
        "scale: [A, B]",
        "statements:",
        "\t- tab",
        "key: [unclosed",
        "- - -",
    ]
)
KEYS = sorted({*QUIZ, *QUESTION, *OPTION, *CHECKIN, *STATEMENT, "promt", "<<"})
SCALARS = st.one_of(
    st.text(max_size=20),
    st.booleans(),
    st.integers(),
    st.none(),
    st.sampled_from(["single", "multiple", "true-false", "scenario", "#part", "x.md#y", "<b>x</b>", "a-b", "Rarely"]),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    max_leaves=30,
)


def assert_lines_within(markdown: str, offset: int) -> None:
    page = read_page(markdown, offset)
    last = offset + markdown.count("\n") + 1
    for problem in page.problems:
        assert offset < problem.line <= last, problem
        assert problem.message and "Traceback" not in problem.message
    for block in find_blocks(markdown, offset)[0]:
        read_block(block)  # must not raise


@FAST
@given(body=st.text(max_size=300), offset=st.integers(0, 20))
def test_any_text_in_a_quiz_block(body: str, offset: int) -> None:
    assert_lines_within(f"# Page\n\n```quiz\n{body}\n```\n", offset)


@FAST
@given(body=st.text(max_size=300))
def test_any_text_in_a_checkin_block(body: str) -> None:
    assert_lines_within(f"```checkin\n{body}\n```", 0)


@FAST
@given(lines=st.lists(PAGE_LINES, max_size=40), offset=st.integers(0, 5))
def test_any_mix_of_fences_and_text_around_them(lines: list[str], offset: int) -> None:
    assert_lines_within("\n".join(lines), offset)


@FAST
@given(tree=TREES, kind=st.sampled_from(["quiz", "checkin"]))
def test_any_yaml_structure(tree: object, kind: str) -> None:
    """Structured YAML reaches deep into validation, where plain random text rarely gets."""
    body = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=False)
    markdown = f"```{kind}\n{body}```\n## Part {{#part}}\n"
    assert_lines_within(markdown, 0)
    # Whatever passes validation must also render.
    page = read_page(markdown)
    for item in page.items:
        html = RENDERER.item(item, lambda target: Link(target, "Part"), Link("#w", "Warning"), "topic.md")
        assert "\n\n" not in html


@FAST
@given(prompt=st.text(min_size=1, max_size=60), feedback=st.text(min_size=1, max_size=60))
def test_any_plain_text_is_accepted_or_rejected_never_crashes(prompt: str, feedback: str) -> None:
    tree = {
        "id": "q",
        "title": "T",
        "questions": [
            {
                "id": "a",
                "type": "single",
                "prompt": prompt,
                "explanation": "E",
                "review": "#part",
                "options": [{"text": "A", "correct": True, "feedback": feedback}, {"text": "B"}],
            }
        ],
    }
    body = yaml.safe_dump(tree, allow_unicode=True)
    markdown = f"```quiz\n{body}```\n## Part {{#part}}\n"
    assert_lines_within(markdown, 3)
    for quiz in read_page(markdown).quizzes:
        html = RENDERER.quiz(quiz, lambda target: Link(target, "Part"))
        assert str(escape(quiz.questions[0].prompt)) in html and "\n\n" not in html
