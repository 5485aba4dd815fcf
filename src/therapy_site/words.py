"""The words readers see, one table per language: translations/<code>.yml (plain Python, no MkDocs).

Every word our templates and the quiz engine show comes from the table of the page's language:
`words("quiz.check")`, `words("quiz.questions", count=3)` (a key ending in `_one` or `_other` is
chosen by the count), `words("page.qr_title", address=...)`. The default language's table is the
reference: another language's table must have every one of its keys, with the same {placeholders}.
A missing key is reported with the file and line where it belongs; the page then shows the
reference words, so the build still ends and says everything at once.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markupsafe import escape

from therapy_site.pagemeta import as_date
from therapy_site.problems import Problem

FOLDER = "translations"  # next to mkdocs.yml
PLACEHOLDER_NAMES = string.Formatter()
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Value = str | tuple[str, ...]


def file_name(code: str) -> str:
    return f"{FOLDER}/{code}.yml"


def placeholders(text: str) -> set[str]:
    """The {names} in a text, for comparing a translation with the reference."""
    try:
        return {name for _, name, _, _ in PLACEHOLDER_NAMES.parse(text) if name}
    except ValueError:
        return {"{"}  # an unpaired brace: reported as a mismatch


def _flatten(
    node: yaml.Node, prefix: str, file: str, out: dict[str, tuple[Value, int]], problems: list[Problem]
) -> None:
    """Dotted keys ('quiz.check') with their text and line; lists of words stay lists (month names)."""
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(node.start_mark.line + 1, "the table must be 'key: words' lines", file))
        return
    for key, value in node.value:
        name = f"{prefix}{key.value}"
        line = key.start_mark.line + 1
        if isinstance(value, yaml.MappingNode):
            _flatten(value, f"{name}.", file, out, problems)
        elif isinstance(value, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in value.value):
            out[name] = (tuple(str(item.value) for item in value.value), line)
        elif isinstance(value, yaml.ScalarNode) and str(value.value).strip():
            out[name] = (str(value.value), line)
        else:
            problems.append(Problem(line, f"'{name}' has no words; write them after the ':'", file))


def read_table(text: str, file: str) -> tuple[dict[str, tuple[Value, int]], list[Problem]]:
    """A table's keys, each with its words and line, and the problems of the file itself."""
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or "it is not valid YAML"
        return {}, [
            Problem(
                mark.line + 1 if mark else 1,
                f"the table is not valid YAML ({reason}); write each entry as 'key: words', "
                "and put quotes around words that contain ': ' or start with '{'",
                file,
            )
        ]
    found: dict[str, tuple[Value, int]] = {}
    problems: list[Problem] = []
    if node is not None:
        _flatten(node, "", file, found, problems)
    return found, problems


def compare(
    reference: Mapping[str, tuple[Value, int]], table: Mapping[str, tuple[Value, int]], file: str, reference_file: str
) -> list[Problem]:
    """What a translation lacks or has in excess, against the reference table."""
    last_line = max((line for _, line in table.values()), default=1)
    problems: list[Problem] = []
    for key, (words, _line) in reference.items():
        if key not in table:
            problems.append(
                Problem(
                    last_line,
                    f"the key '{key}' is missing (in {reference_file} it says {_shown(words)}); "
                    "add it with its words in this language",
                    file,
                )
            )
            continue
        mine, line = table[key]
        if isinstance(words, tuple) != isinstance(mine, tuple) or (
            isinstance(words, tuple) and len(words) != len(mine)
        ):
            problems.append(
                Problem(line, f"'{key}' must be a list of {len(words)} words, as in {reference_file}", file)
            )
        elif isinstance(words, str) and isinstance(mine, str) and placeholders(words) != placeholders(mine):
            wanted = ", ".join(f"{{{name}}}" for name in sorted(placeholders(words))) or "none"
            problems.append(
                Problem(
                    line,
                    f"'{key}' must keep the placeholders {wanted} of {reference_file} (the site fills them in)",
                    file,
                )
            )
    for key, (_words, line) in table.items():
        if key not in reference:
            problems.append(
                Problem(line, f"'{key}' is not a key of {reference_file}; fix its name, or remove it", file)
            )
    return problems


def _shown(words: Value) -> str:
    return f"'{words}'" if isinstance(words, str) else f"a list of {len(words)} words"


@dataclass
class Words:
    """One language's table, with the reference as a fallback for a missing key."""

    language: str
    table: dict[str, Value]
    fallback: dict[str, Value] = field(default_factory=dict)
    unknown: Callable[[str], None] = lambda key: None  # told once per key no table has

    def value(self, key: str) -> Value:
        if key in self.table:
            return self.table[key]
        if key in self.fallback:
            return self.fallback[key]
        self.unknown(key)
        return key

    def __call__(self, key: str, count: int | None = None, **values: object) -> str:
        if count is not None:
            key = f"{key}_one" if count == 1 else f"{key}_other"
            values["count"] = count
        text = self.value(key)
        if isinstance(text, tuple):
            return " ".join(text)
        try:
            if any(hasattr(value, "__html__") for value in values.values()):
                return escape(text).format(**values)  # a link goes in as HTML, the words escaped
            return text.format(**values) if values or "{" in text else text
        except (KeyError, IndexError, ValueError):
            return text  # a bad placeholder is reported by `compare`

    def long_date(self, value: object) -> str:
        """25 November 2026, 25 de noviembre de 2026: the day, the month's name, the year."""
        date = as_date(value)
        if date is None:
            return ""
        months = self.value("date.months")
        month = months[date.month - 1] if isinstance(months, tuple) and len(months) == 12 else f"{date:%B}"
        return self("date.long", day=date.day, month=month, year=date.year)


@dataclass(frozen=True)
class Tables:
    """Every language's table, read and compared once per build."""

    words: dict[str, Words]
    problems: tuple[Problem, ...]

    def __getitem__(self, code: str) -> Words:
        return self.words[code]


def read_tables(project: Path, codes: list[str], reference: str) -> Tables:
    """The tables of these languages from `project`/translations/, and every problem with them."""
    read: dict[str, dict[str, tuple[Value, int]]] = {}
    problems: list[Problem] = []
    for code in codes:
        name = file_name(code)
        try:
            text = (project / name).read_text(encoding="utf-8")
        except FileNotFoundError:
            problems.append(
                Problem(
                    0,
                    f"there is no table of words for '{code}'; copy {file_name(reference)} "
                    f"to {name} and translate each line",
                    name,
                )
            )
            text = ""
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(0, f"the table cannot be read ({error}); save it as UTF-8 text", name))
            text = ""
        read[code], found = read_table(text, name)
        problems += found
    base = {key: words for key, (words, _) in read.get(reference, {}).items()}
    for code in codes:
        if code != reference and (read[code] or not any(p.file == file_name(code) for p in problems)):
            problems += compare(read.get(reference, {}), read[code], file_name(code), file_name(reference))
    tables = {code: Words(code, {key: words for key, (words, _) in read[code].items()}, base) for code in codes}
    return Tables(tables, tuple(problems))


def unknown_key_problems(key: str, reference: str) -> list[Problem]:
    """A template asked for words that no table has: a typo in the template, or a new key."""
    return [
        Problem(
            0,
            f"a template asks for the words '{key}', which this table does not have; add the key here "
            "and in every other language's table, or fix its name in the template",
            file_name(reference),
        )
    ]
