"""Every mistake an editor can make in a quiz or check-in block: the line and the fix we report.

Each case is a small page whose block starts on line 3, so YAML line k of a block is page line
3 + k. The page is checked together with `other.md`, which owns the quiz id `taken` (line 6) and
the heading `#listening`, so the site-wide checks run the same way as the page checks.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple

import pytest

from therapy_site.quiz import Problem, Site, find_blocks, read_page

OTHER = """# Other

## Listening {#listening}

```quiz
id: taken
title: Another quiz
questions:
  - id: one
    type: true-false
    prompt: A statement.
    answer: true
    explanation: Why.
    review: "#listening"
```
"""

GOOD_QUESTION = """\
  - id: a
    type: single
    prompt: What helps?
    options:
      - text: Talking.
        correct: true
      - text: Hiding.
    explanation: Talking helps.
    review: "#sec"
"""

GOOD_STATEMENTS = """\
statements:
  - id: heard
    text: I feel heard.
    concern: [Rarely]
    review: other.md#listening
"""


def page(body: str, kind: str = "quiz", after: str = "## Section {#sec}\n") -> str:
    """A page with one block: line 1 title, line 3 the fence, line 4 the block's first line."""
    return f"# Topic\n\n```{kind}\n{textwrap.dedent(body)}```\n\n{after}"


def quiz(*questions: str, head: str = "id: q\ntitle: Quiz\n") -> str:
    return page(head + "questions:\n" + "".join(questions))


def question(**changes: str | None) -> str:
    """GOOD_QUESTION with some lines replaced (value) or removed (None), keyed by YAML key."""
    lines = []
    for line in GOOD_QUESTION.splitlines(keepends=True):
        key = line.strip().lstrip("- ").split(":")[0]
        if key in changes and line.startswith(("  - ", "    ")) and not line.startswith("      "):
            if changes[key] is not None:
                lines.append(line[: len(line) - len(line.lstrip(" -"))] + changes[key] + "\n")
            continue
        lines.append(line)
    return "".join(lines)


def checkin(
    head: str = "id: c\ntitle: Check-in\nscale: [Rarely, Sometimes, Often]\n", statements: str = GOOD_STATEMENTS
) -> str:
    return page(head + statements, kind="checkin")


def problems_of(markdown: str, offset: int = 0) -> list[Problem]:
    """All problems of `topic.md`, its own and the site-wide ones, as the hook reports them."""
    topic = read_page(markdown, offset, "topic.md", "Topic")
    other = read_page(OTHER, 0, "other.md", "Other")
    site = Site([other, topic], page_exists=lambda src: src in {"topic.md", "other.md"}, href=lambda a, b: b)
    return site.problems(lambda src: f"docs/{src}").get("topic.md", [])


class Case(NamedTuple):
    markdown: str  # the whole page under test (`topic.md`)
    line: int  # the 1-based page line the problem must point at
    fragment: str  # a piece of the message: what is wrong and how to fix it
    offset: int = 0  # front-matter lines before the Markdown (the hook's line_offset)


CASES: dict[str, Case] = {
    # -- reading the block ------------------------------------------------------------------
    "yaml syntax error": Case(
        quiz(question(prompt="prompt: What: helps?")), 9, "YAML syntax error: mapping values are not allowed"
    ),
    "tab indentation": Case(page("id: q\n\ttitle: Quiz\n"), 5, "YAML syntax error"),
    "block not a mapping": Case(page("- id: q\n- title: Quiz\n"), 4, "the quiz must be a set of keys"),
    "empty block": Case(page("\n"), 3, "this quiz block is empty"),
    "unclosed fence": Case(
        "# Topic\n\n```quiz\nid: q\n\n## Section {#sec}\n", 3, "is never closed; add a line with just ```"
    ),
    "block inside an admonition": Case(
        "# Topic\n\n!!! note\n\n    ```quiz\n    id: q\n    ```\n",
        5,
        "a quiz cannot sit inside a list, admonition or tab; move the ```quiz fence",
    ),
    "unclosed longer tilde fence": Case("# Topic\n\n~~~~quiz\nid: q\n~~~\n", 3, "add a line with just ~~~~"),
    "duplicate key": Case(
        quiz(question(explanation="explanation: One.\n    explanation: Two.")),
        15,
        "'explanation' appears twice in question 'a' (also on line 14); keep one",
    ),
    # -- unknown keys at every level, with did-you-mean ---------------------------------------
    "unknown quiz key": Case(
        quiz(question(), head="id: q\ntitel: Quiz\ntitle: Quiz\n"),
        5,
        "unknown key 'titel' in quiz 'q'; did you mean 'title'?",
    ),
    "unknown question key": Case(
        quiz(question(prompt="promt: What helps?")), 9, "unknown key 'promt' in question 'a'; did you mean 'prompt'?"
    ),
    "unknown option key": Case(
        quiz(question().replace("correct: true", "corect: true")),
        12,
        "unknown key 'corect' in option 1 of question 'a'; did you mean 'correct'?",
    ),
    "unknown key, no guess": Case(
        quiz(question(review='review: "#sec"\n    colour: blue')),
        16,
        "unknown key 'colour' in question 'a'; the keys allowed here are: id, type",
    ),
    "unknown statement key": Case(
        checkin(statements=GOOD_STATEMENTS.replace("text:", "txt:")),
        9,
        "unknown key 'txt' in statement 'heard'; did you mean 'text'?",
    ),
    # -- missing keys -----------------------------------------------------------------------
    "missing quiz id": Case(
        quiz(question(), head="title: Quiz\n"), 4, "missing 'id' in the quiz; add id: a-short-name"
    ),
    "missing title": Case(quiz(question(), head="id: q\n"), 4, "missing 'title' in quiz 'q'"),
    "missing questions": Case(page("id: q\ntitle: Quiz\n"), 4, "missing 'questions' in quiz 'q'"),
    "no questions": Case(page("id: q\ntitle: Quiz\nquestions: []\n"), 6, "quiz 'q' has no questions"),
    "missing prompt": Case(quiz(question(prompt=None)), 7, "missing 'prompt' in question 'a'"),
    "empty prompt": Case(quiz(question(prompt="prompt:")), 9, "'prompt' is empty in question 'a'"),
    "missing options": Case(
        quiz(
            question(options=None).replace("      - text: Talking.\n        correct: true\n      - text: Hiding.\n", "")
        ),
        7,
        "missing 'options' in question 'a'",
    ),
    "missing explanation": Case(quiz(question(explanation=None)), 7, "missing 'explanation' in question 'a'"),
    "missing review": Case(quiz(question(review=None)), 7, "missing 'review' in question 'a'"),
    "missing type": Case(
        quiz(question(type=None)), 7, "missing 'type' in question 'a'; add type: single, multiple, true-false, scenario"
    ),
    "missing question id": Case(
        quiz(question(id=None).replace("    type:", "  - type:", 1)), 7, "missing 'id' in question 1"
    ),
    # -- options and answers ----------------------------------------------------------------
    "one option": Case(quiz(question().replace("      - text: Hiding.\n", "")), 11, "has 1 option(s); give at least 2"),
    "single, none correct": Case(
        quiz(question().replace("        correct: true\n", "")),
        11,
        "has no option marked 'correct: true'; mark the one right option",
    ),
    "single, two correct": Case(
        quiz(question().replace("      - text: Hiding.\n", "      - text: Hiding.\n        correct: true\n")),
        11,
        "has 2 options marked 'correct: true' but takes one answer; keep one, or use type: multiple",
    ),
    "multiple, none correct": Case(
        quiz(question(type="type: multiple").replace("        correct: true\n", "")), 11, "mark every right option"
    ),
    "true-false without answer": Case(
        quiz('  - id: tf\n    type: true-false\n    prompt: A claim.\n    explanation: Why.\n    review: "#sec"\n'),
        7,
        "missing 'answer' in question 'tf'; add answer: true or answer: false",
    ),
    "true-false with options": Case(
        quiz(question(type="type: true-false", explanation="explanation: Why.\n    answer: true")),
        10,
        "true-false questions take 'answer: true' or 'answer: false' instead of options",
    ),
    "answer quoted": Case(
        quiz(
            '  - id: tf\n    type: true-false\n    prompt: A claim.\n    answer: "false"\n    explanation: Why.\n    review: "#sec"\n'
        ),
        10,
        "'answer' in question 'tf' must be true or false; remove the quotes",
    ),
    "answer on a single question": Case(
        quiz(question(explanation="explanation: Why.\n    answer: true")),
        15,
        "'answer' is only for true-false questions",
    ),
    "duplicate option text": Case(
        quiz(question().replace("Hiding.", "talking.")), 13, "option 2 of question 'a' has the same text as option 1"
    ),
    "correct not a boolean": Case(
        quiz(question().replace("correct: true", "correct: yes please")),
        12,
        "'correct' in option 1 of question 'a' must be true or false",
    ),
    "options not a list": Case(
        quiz(
            question(options="options: Talking").replace(
                "      - text: Talking.\n        correct: true\n      - text: Hiding.\n", ""
            )
        ),
        10,
        "'options' in question 'a' must be a list, not text",
    ),
    "option not a mapping": Case(
        quiz(question().replace("      - text: Hiding.\n", "      - Hiding.\n")),
        13,
        "option 2 of question 'a' must be a set of keys like '- text: ...'",
    ),
    "question not a mapping": Case(quiz(question(), "  - just words\n"), 16, "question 2 must be a set of keys"),
    # -- types -------------------------------------------------------------------------------
    "unknown type": Case(
        quiz(question(type="type: multi")),
        8,
        "unknown type 'multi' in question 'a'; did you mean 'multiple'? use one of: single, multiple, true-false, scenario",
    ),
    "scenario without story": Case(quiz(question(type="type: scenario")), 7, "missing 'scenario' in question 'a'"),
    "scenario on a single question": Case(
        quiz(question(prompt="prompt: What helps?\n    scenario: Sam has a hard week.")),
        10,
        "'scenario' is only for type: scenario",
    ),
    # -- ids -----------------------------------------------------------------------------------
    "bad quiz id": Case(
        quiz(question(), head="id: Good_Quiz\ntitle: Quiz\n"),
        4,
        "id 'Good_Quiz' in quiz 'Good_Quiz' must use lower-case letters, digits and single hyphens; try 'good-quiz'",
    ),
    "id with a line break": Case(
        quiz(question(id="id: |\n      a")), 7, "id 'a\\n' in question 'a' must use lower-case letters"
    ),
    "bad question id": Case(quiz(question(id="id: a--b")), 7, "try 'a-b'"),
    "duplicate question id": Case(
        quiz(question(), question()), 16, "question id 'a' is used twice in quiz 'q' (also on line 7)"
    ),
    "duplicate quiz id on the page": Case(
        quiz(question()) + "\n```quiz\nid: q\ntitle: Again\nquestions:\n" + question() + "```\n",
        21,
        "quiz id 'q' is already used in line 4",
    ),
    "duplicate quiz id in the site": Case(
        quiz(question(), head="id: taken\ntitle: Quiz\n"),
        4,
        "quiz id 'taken' is already used in docs/other.md:6; give this quiz its own id",
    ),
    "id clashes with a heading": Case(
        quiz(
            question(),
            head="id: q\ntitle: Quiz\n",
        ).replace("## Section {#sec}", "## Section {#sec}\n\n## Clash {#quiz-q-a}"),
        7,
        "would get the HTML id 'quiz-q-a', already used by the heading on line 20",
    ),
    # -- review links --------------------------------------------------------------------------
    "review to a missing page": Case(
        quiz(question(review="review: missing.md#sec")),
        15,
        "review link 'missing.md#sec' in question 'a' points to a page that does not exist (docs/missing.md)",
    ),
    "review to a missing anchor": Case(
        quiz(question(review="review: other.md#listen")),
        15,
        "but docs/other.md has no heading with {#listen}; did you mean '#listening'?",
    ),
    "review to a missing same-page anchor": Case(
        quiz(question(review='review: "#nowhere"')),
        15,
        "docs/topic.md has no heading with {#nowhere}; add {#nowhere} to the heading",
    ),
    "review outside the docs": Case(
        quiz(question(review="review: ../other.md#listening")), 15, "points to a page that does not exist"
    ),
    "review to a web address": Case(
        quiz(question(review="review: https://example.org/")), 15, "must point into this site"
    ),
    "review without .md": Case(
        quiz(question(review="review: other#listening")), 15, "must name a Markdown page ending in .md"
    ),
    # -- plain text only -----------------------------------------------------------------------
    "HTML in a prompt": Case(
        quiz(question(prompt="prompt: What <b>helps</b>?")),
        9,
        "quiz text is plain text; remove the HTML from 'prompt' in question 'a'",
    ),
    "script in feedback": Case(
        quiz(
            question().replace(
                "      - text: Hiding.\n", "      - text: Hiding.\n        feedback: <script>alert(1)</script>\n"
            )
        ),
        14,
        "quiz text is plain text; remove the HTML",
    ),
    "unfinished script tag": Case(
        quiz(question(explanation="explanation: See <script")), 14, "quiz text is plain text"
    ),
    "HTML in a scale point": Case(
        checkin(head="id: c\ntitle: Check-in\nscale: [Rarely, <i>Often</i>]\n"),
        6,
        "quiz text is plain text; remove the HTML from 'scale' in check-in 'c'",
    ),
    # -- check-ins -----------------------------------------------------------------------------
    "check-in without scale": Case(
        checkin(head="id: c\ntitle: Check-in\n"),
        4,
        "missing 'scale' in check-in 'c'; add scale: [Rarely, Sometimes, Often]",
    ),
    "check-in scale of one": Case(
        checkin(head="id: c\ntitle: Check-in\nscale: [Often]\n", statements=GOOD_STATEMENTS.replace("Rarely", "Often")),
        6,
        "the scale of check-in 'c' has 1 point(s); give at least 2",
    ),
    "check-in scale repeats": Case(
        checkin(
            head="id: c\ntitle: Check-in\nscale: [Often, Often]\n",
            statements=GOOD_STATEMENTS.replace("Rarely", "Often"),
        ),
        6,
        "lists 'Often' more than once",
    ),
    "check-in scale not a list": Case(
        checkin(head="id: c\ntitle: Check-in\nscale: Rarely\n"), 6, "'scale' in check-in 'c' must be a list"
    ),
    "concern not on the scale": Case(
        checkin(statements=GOOD_STATEMENTS.replace("[Rarely]", "[Rarely, Never]")),
        10,
        "concern 'Never' in statement 'heard' is not on the scale; use one of: Rarely, Sometimes, Often",
    ),
    "concern misspelt": Case(
        checkin(statements=GOOD_STATEMENTS.replace("[Rarely]", "[Rarley]")), 10, "did you mean 'Rarely'?"
    ),
    "concern not a list": Case(
        checkin(statements=GOOD_STATEMENTS.replace("[Rarely]", "Rarely")),
        10,
        "'concern' in statement 'heard' must be a list",
    ),
    "check-in without statements": Case(checkin(statements=""), 4, "missing 'statements' in check-in 'c'"),
    "check-in with no statements": Case(checkin(statements="statements: []\n"), 7, "check-in 'c' has no statements"),
    "duplicate statement id": Case(
        checkin(statements=GOOD_STATEMENTS + GOOD_STATEMENTS[len("statements:\n") :]),
        12,
        "statement id 'heard' is used twice in check-in 'c' (also on line 8)",
    ),
    "quick_exit not a boolean": Case(
        checkin(head="id: c\ntitle: Check-in\nscale: [Rarely, Often]\nquick_exit: please\n"),
        7,
        "'quick_exit' in check-in 'c' must be true or false",
    ),
    "statement review to missing anchor": Case(
        checkin(statements=GOOD_STATEMENTS.replace("#listening", "#hearing")),
        11,
        "docs/other.md has no heading with {#hearing}",
    ),
    "check-in id used by a quiz": Case(
        checkin(head="id: taken\ntitle: Check-in\nscale: [Rarely, Often]\n"),
        4,
        "check-in id 'taken' is already used in docs/other.md:6",
    ),
    # -- line numbers count the front matter ------------------------------------------------------
    "front matter offset": Case(quiz(question(prompt="promt: What helps?")), 9 + 5, "did you mean 'prompt'?", offset=5),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_mistake_is_reported_once_with_its_line_and_fix(case: Case) -> None:
    problems = problems_of(case.markdown, case.offset)
    assert [(problem.line, case.fragment in problem.message) for problem in problems] == [(case.line, True)], problems


def test_valid_blocks_have_no_problems() -> None:
    markdown = quiz(question(), question(id="id: b")) + "\n" + checkin()
    assert problems_of(markdown) == []


def test_all_problems_of_a_block_are_reported_together() -> None:
    broken = question(id="id: Bad_Id", prompt="promt: x", type="type: multi", review="review: nowhere.md#x")
    problems = problems_of(quiz(broken, head="id: q\n"))
    assert [(problem.line, problem.message.split(";")[0]) for problem in problems] == [
        (4, "missing 'title' in quiz 'q'"),
        (6, "id 'Bad_Id' in question 'Bad_Id' must use lower-case letters, digits and single hyphens"),
        (7, "unknown type 'multi' in question 'Bad_Id'"),
        (8, "unknown key 'promt' in question 'Bad_Id'"),
        (14, "review link 'nowhere.md#x' in this question points to a page that does not exist (docs/nowhere.md)"),
    ]


def test_problems_of_every_block_on_a_page_are_reported() -> None:
    markdown = quiz(question(prompt="promt: x")) + "\n" + checkin(head="id: c\ntitle: Check-in\n")
    assert [problem.line for problem in problems_of(markdown)] == [9, 23]


def test_a_quiz_shown_inside_a_longer_fence_is_only_an_example() -> None:
    markdown = "# Topic\n\n````markdown\n```quiz\nid: Not Valid\n```\n````\n"
    assert find_blocks(markdown) == ([], [])


def test_indented_fences_are_found_and_dedented() -> None:
    markdown = "# Topic\n\n- Item\n\n    ```quiz\n    id: q\n    title: Quiz\n    ```\n"
    blocks, problems = find_blocks(markdown, line_offset=2)
    assert problems == []
    assert [(block.line, block.indent, block.body) for block in blocks] == [(7, "    ", "id: q\ntitle: Quiz")]
