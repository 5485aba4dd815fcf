"""The rules of a page's front matter and headings, on strings (no MkDocs import).

Every content page needs `description`, `reviewed` and `review_due`; every `##`/`###` heading
needs an explicit, well-formed id, because clinicians link to sections and links must never break;
and nothing of page-template.md's `{{ ... }}` placeholders may be left in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

import yaml

from therapy_site import grammar
from therapy_site.problems import Problem

REQUIRED_FIELDS = ("description", "reviewed", "review_due")
DATE_FIELDS = ("reviewed", "review_due")
PLACEHOLDER = re.compile(r"\{\{\s*(?P<text>[^{}]*?)\s*\}\}")
EXAMPLES = {
    "description": "One plain sentence that says what this page covers.",
    "reviewed": "2026-11-25",
    "review_due": "2027-11-25",
}


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
    match = grammar.FRONT_MATTER.match(source)
    if not match:
        return {}, [
            Problem(
                1,
                "the page has no front matter; start it with '---', the lines "
                "'description:', 'reviewed:' and 'review_due:', then '---'",
            )
        ]
    try:
        data = yaml.load(match.group(1), Loader=LenientLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(error, "problem", None) or "it is not valid YAML"
        return {}, [
            Problem(
                line,
                f"front matter is not valid YAML ({reason}); write each field "
                "as 'name: value' and put quotes around text that contains ': '",
            )
        ]
    if not isinstance(data, dict):
        return {}, [Problem(2, "front matter must be 'name: value' lines between the '---' lines")]
    return data, []


def front_matter_problems(meta: Mapping[str, object], key_lines: Mapping[str, int], end_line: int) -> list[Problem]:
    """Required fields present, dates real, the review due after the review."""
    problems: list[Problem] = []
    end_line = max(end_line, 1)
    for name in REQUIRED_FIELDS:
        value = meta.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(
                Problem(
                    key_lines.get(name, end_line),
                    (
                        f"front matter is missing '{name}'; add a line '{name}: {EXAMPLES[name]}' "
                        "between the '---' lines at the top of the page"
                    ),
                )
            )
    for name in DATE_FIELDS:
        value = meta.get(name)
        if value is not None and as_date(value) is None:
            problems.append(
                Problem(
                    key_lines.get(name, end_line),
                    (
                        f"'{name}' is not a date ({value!r}); write it as YYYY-MM-DD, "
                        f"for example '{name}: {EXAMPLES[name]}'"
                    ),
                )
            )
    reviewed, due = as_date(meta.get("reviewed")), as_date(meta.get("review_due"))
    if reviewed and due and due <= reviewed:
        problems.append(
            Problem(
                key_lines.get("review_due", end_line),
                (
                    f"'review_due' ({due}) must come after 'reviewed' ({reviewed}); "
                    "set it to the date of the next review, usually a year later"
                ),
            )
        )
    return problems


def heading_problems(headings: Iterable[grammar.Heading], registered: Iterable[str] = ()) -> list[Problem]:
    """Every `##` and `###` heading carries an explicit, well-formed id, used once.

    `registered` are the section ids published-urls.txt lists for the page: one that no heading
    has now was most likely taken off the heading that lacks an id, so the message offers it back.
    """
    headings = list(headings)
    ids = {heading.id for heading in headings if heading.id}
    lost = sorted(set(registered) - ids)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for heading in headings:
        if heading.level not in (2, 3):
            continue  # the title's id follows its words; deeper headings are not linked to
        if not heading.id:
            written = f"'{'#' * heading.level} {heading.text} {{#{{id}}}}'"
            new = written.replace("{id}", grammar.slug(heading.text))
            fix = (
                f"add one at the end of the line, e.g. {new}, and never change it afterwards (clinicians link to it)"
                if not lost
                else (
                    f"published-urls.txt lists {', '.join(f'#{anchor}' for anchor in lost)} for this page, which "
                    f"no heading has now: if this is that section, give it its id back ({written.replace('{id}', lost[0])}); "
                    f"if it is a new section, add a new id, e.g. {new}"
                )
            )
            problems.append(Problem(heading.line, f"the heading '{heading.text}' has no id; {fix}"))
            continue
        if not grammar.ID_SHAPE.match(heading.id):
            problems.append(
                Problem(
                    heading.line,
                    (
                        f"heading id '{heading.id}' should use lower-case letters, digits and hyphens, "
                        f"e.g. '{{#{grammar.slug(heading.id)}}}'"
                    ),
                )
            )
        if heading.id in seen:
            problems.append(
                Problem(
                    heading.line,
                    (
                        f"heading id '{heading.id}' is already used on line {seen[heading.id]}; "
                        "give this heading a different id"
                    ),
                )
            )
        seen.setdefault(heading.id, heading.line)
    return problems


def placeholder_problems(source: str) -> list[Problem]:
    """page-template.md's `{{ ... }}` instructions still in the page, each named with its line."""
    return [
        Problem(
            number,
            f"the page template's placeholder '{{{{ {match['text']} }}}}' is still here; "
            "replace it (braces included) with your own words",
        )
        for number, line in enumerate(source.split("\n"), start=1)
        for match in PLACEHOLDER.finditer(line)
    ]
