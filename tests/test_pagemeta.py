"""Front matter and heading-id checks, on strings."""

from __future__ import annotations

import pytest

from therapy_site.pagemeta import Problem, front_matter_problems, heading_problems, long_date

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
    problems = front_matter_problems(source)
    assert len(problems) == 1, problems
    assert problems[0].line == line
    assert fragment in problems[0].message


def test_good_front_matter_passes() -> None:
    assert front_matter_problems(GOOD) == []


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # markdown body                                  problems as (line, message fragment)
        ("## Trust {#trust}\n### Why {#why}\n", []),
        ("## Trust\n", [(1, "heading has no id; add one at the end, e.g. '## Trust {#trust}'")]),
        ("text\n\n### Can I say no?\n", [(3, "'### Can I say no? {#can-i-say-no}'")]),
        ("## A {#Bad_Id}\n", [(1, "lower-case letters")]),
        ("## A {#a}\n## B {#a}\n", [(2, "already used on line 1")]),
        ("```\n## not a heading\n```\n#### Deep is fine\n", []),
        ("# Title has no id: fine\n", []),
    ],
)
def test_heading_problems(markdown: str, expected: list[tuple[int, str]]) -> None:
    problems = heading_problems(markdown)
    assert [p.line for p in problems] == [line for line, _ in expected]
    for problem, (_, fragment) in zip(problems, expected):
        assert fragment in problem.message


def test_heading_lines_count_front_matter() -> None:
    assert heading_problems("\n## Trust\n", line_offset=6) == [Problem(8, heading_problems("## Trust")[0].message)]


def test_long_date_is_unambiguous() -> None:
    assert long_date("2026-03-04") == "4 March 2026"
