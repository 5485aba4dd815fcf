"""Front matter and heading-id checks, on strings."""

from __future__ import annotations

import pytest
from site_words import ENGLISH, SPANISH

from therapy_site.page import read_page
from therapy_site.words import Words

GOOD = "---\ntitle: T\ndescription: D\nreviewed: 2026-11-25\nreview_due: 2027-11-25\n---\n# T\n"


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        # source (front matter + body)                          line  what the message says
        (GOOD.replace("description: D\n", ""), 5, "missing 'description'"),
        (GOOD.replace("reviewed: 2026-11-25\n", ""), 5, "missing 'reviewed'"),
        (GOOD.replace("review_due: 2027-11-25\n", ""), 5, "missing 'review_due'"),
        (GOOD.replace("description: D", "description: ''"), 3, "missing 'description'"),
        (GOOD.replace("2026-11-25", "25/11/2026"), 4, "'reviewed' is not a date"),
        (GOOD.replace("2027-11-25", "2027-13-01"), 5, "'review_due' is not a date"),
        (GOOD.replace("2027-11-25", "soon"), 5, "write it as YYYY-MM-DD"),
        (GOOD.replace("2027-11-25", "2026-01-01"), 5, "must come after 'reviewed'"),
        (GOOD.replace("title: T", "title: a: b"), 2, "front matter is not valid YAML"),
        ("# No front matter\n", 1, "the page has no front matter"),
    ],
)
def test_front_matter_problems(source: str, line: int, fragment: str) -> None:
    problems = read_page("t.md", source).problems
    assert len(problems) == 1, problems
    assert problems[0].line == line
    assert fragment in problems[0].message


def test_good_front_matter_passes() -> None:
    assert read_page("t.md", GOOD).problems == ()


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # markdown body                                  problems as (line, message fragment)
        ("## Trust {#trust}\n### Why {#why}\n", []),
        (
            "## Trust\n",
            [(1, "the heading 'Trust' has no id; add one at the end of the line, e.g. '## Trust {#trust}'")],
        ),
        ("text\n\n### Can I say no?\n", [(3, "'### Can I say no? {#can-i-say-no}'")]),
        ("## A {#Bad_Id}\n", [(1, "lower-case letters")]),
        ("## A {#a}\n## B {#a}\n", [(2, "already used on line")]),
        ("```\n## not a heading\n```\n#### Deep is fine\n", []),
        ("# Title has no id: fine\n", []),
        ("  ## Indented is a paragraph\n", []),
        ("## What should I ask at the very start?\n", [(1, "{#what-should-i-ask-at-the}")]),
    ],
)
def test_heading_problems(markdown: str, expected: list[tuple[int, str]]) -> None:
    problems = read_page("t.md", GOOD + markdown).problems
    problems = tuple(p for p in problems if "heading" in p.message)
    assert [p.line - GOOD.count("\n") for p in problems] == [line for line, _ in expected]
    for problem, (_, fragment) in zip(problems, expected):
        assert fragment in problem.message


@pytest.mark.parametrize(
    ("data", "line", "fragment"),
    [
        # the file's bytes                                   line  what the message says
        (GOOD.encode() + b"caf\xe9\n", 8, "bytes that are not UTF-8 text"),
        (
            GOOD.replace("description: D", 'description: "{{ One plain sentence }}"').encode(),
            3,
            "placeholder '{{ One plain sentence }}' is still here",
        ),
    ],
)
def test_bad_bytes_and_placeholders_are_named_by_line(data: bytes, line: int, fragment: str) -> None:
    (problem,) = read_page("t.md", data).problems
    assert (problem.file, problem.line) == ("docs/t.md", line) and fragment in problem.message


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (ENGLISH, "4 March 2026"),  # the day first, the month by name: one reading in the US and the UK
        (SPANISH, "4 de marzo de 2026"),
    ],
)
def test_long_date_is_unambiguous_in_each_language(words: Words, expected: str) -> None:
    assert words.long_date("2026-03-04") == expected
