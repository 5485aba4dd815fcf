"""Checks of a page's front matter and headings, on strings (no MkDocs import).

Every content page needs `description`, `reviewed` and `review_due`, and every `##`/`###`
heading needs an explicit id, because clinicians link to sections and links must never break.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from therapy_site.fences import outside_fences

REQUIRED_FIELDS = ("description", "reviewed", "review_due")
DATE_FIELDS = ("reviewed", "review_due")
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
SECTION_HEADING = re.compile(r"^#{2,3}[ \t]+(?P<text>.*?)[ \t#]*$")
HEADING_ID = re.compile(r"\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")
ID_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, order=True)
class Problem:
    line: int  # 1-based line in the Markdown source file
    message: str


def front_matter_lines(source: str) -> tuple[dict[str, int], int]:
    """Map each top-level front-matter key to its source line; also return the body's line offset."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, 0
    lines: dict[str, int] = {}
    try:
        node = yaml.compose(match.group(1), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None  # MkDocs itself reports front matter that is not YAML
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            lines[str(key.value)] = key.start_mark.line + 2  # +1 for 1-based, +1 for the '---'
    return lines, match.group(0).count("\n")


def front_matter_offset(source: str, body: str) -> int:
    """How many source lines come before `body` (front matter and the blank lines MkDocs drops)."""
    if not source.endswith(body):
        return 0
    return source[: len(source) - len(body)].count("\n")


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


class LenientLoader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2027-13-01) as text, so we can name the field."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


LenientLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def read_front_matter(source: str) -> tuple[dict[str, object], list[Problem]]:
    """The front matter as a dict, or the YAML error with its line (MkDocs would drop it silently)."""
    match = FRONT_MATTER.match(source)
    if not match:
        return {}, [Problem(1, "the page has no front matter; start it with '---', the lines "
                               "'description:', 'reviewed:' and 'review_due:', then '---'")]
    try:
        data = yaml.load(match.group(1), Loader=LenientLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(error, "problem", None) or "it is not valid YAML"
        return {}, [Problem(line, f"front matter is not valid YAML ({reason}); write each field "
                                  "as 'name: value' and put quotes around text that contains ': '")]
    if not isinstance(data, dict):
        return {}, [Problem(2, "front matter must be 'name: value' lines between the '---' lines")]
    return data, []


def front_matter_problems(source: str) -> list[Problem]:
    meta, problems = read_front_matter(source)
    if problems:
        return problems
    key_lines, body_offset = front_matter_lines(source)
    end_line = max(body_offset, 1)
    for field in REQUIRED_FIELDS:
        value = meta.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(
                key_lines.get(field, end_line),
                f"front matter is missing '{field}'; add a line '{field}: {example(field)}' "
                "between the '---' lines at the top of the page",
            ))
    for field in DATE_FIELDS:
        value = meta.get(field)
        if value is not None and as_date(value) is None:
            problems.append(Problem(
                key_lines.get(field, end_line),
                f"'{field}' is not a date ({value!r}); write it as YYYY-MM-DD, "
                f"for example '{field}: {example(field)}'",
            ))
    reviewed, due = as_date(meta.get("reviewed")), as_date(meta.get("review_due"))
    if reviewed and due and due <= reviewed:
        problems.append(Problem(
            key_lines.get("review_due", end_line),
            f"'review_due' ({due}) must come after 'reviewed' ({reviewed}); "
            "set it to the date of the next review, usually a year later",
        ))
    return problems


def example(field: str) -> str:
    return {
        "description": "One plain sentence that says what this page covers.",
        "reviewed": "2026-11-25",
        "review_due": "2027-11-25",
    }[field]


def heading_problems(markdown: str, line_offset: int = 0) -> list[Problem]:
    """Every `##`/`###` heading outside code blocks must carry an explicit, well-formed id."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for number, line in outside_fences(markdown, line_offset):
        heading = SECTION_HEADING.match(line)
        if not heading:
            continue
        found = HEADING_ID.search(line)
        if not found:
            suggestion = slug(heading.group("text"))
            problems.append(Problem(
                number,
                f"heading has no id; add one at the end, e.g. '{line.rstrip()} {{#{suggestion}}}', "
                "and never change it afterwards (clinicians link to it)",
            ))
            continue
        anchor = found.group("id")
        if not ID_SHAPE.match(anchor):
            problems.append(Problem(
                number, f"heading id '{anchor}' should use lower-case letters, digits and hyphens, "
                f"e.g. '{{#{slug(anchor)}}}'",
            ))
        if anchor in seen:
            problems.append(Problem(
                number, f"heading id '{anchor}' is already used on line {seen[anchor]}; "
                "give this heading a different id",
            ))
        seen.setdefault(anchor, number)
    return problems


def slug(text: str) -> str:
    text = re.sub(r"\{[^}]*\}", "", text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40].strip("-") or "section"


def long_date(value: object) -> str:
    """25 November 2026: unambiguous in both the US and the UK."""
    date = as_date(value)
    return f"{date.day} {date:%B %Y}" if date else ""
