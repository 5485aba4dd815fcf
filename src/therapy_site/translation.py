"""Whether each translated page still follows its English page (plain Python, no MkDocs).

A translated page says which version of its English page it follows, in its front matter:

    english_version: 3f2a9c1b7e

That is the start of git's own id for the English file's text (what `git hash-object docs/about.md`
prints), written by `make translated PAGE=docs/about.es.md` once the translation matches, never
by hand. When the English page changes afterwards, `make check` warns, naming both files and the
English sections that changed (it reads the older English text back from git by that id).
`make check STRICT_REVIEW=1` makes it an error. An English page with no translation is named too:
the translated site shows the English page until one is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from therapy_site import grammar
from therapy_site.languages import Language
from therapy_site.page import Page, read_page
from therapy_site.problems import Problem

KEY = "english_version"
LENGTH = 10  # hex digits: plenty to tell a file's versions apart, short enough to read
VERSION = re.compile(r"^[0-9a-f]{7,40}$")


def version(data: bytes) -> str:
    """git's id for a file with this content ('blob <size>\\0<content>', SHA-1), shortened."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()[:LENGTH]


@dataclass(frozen=True)
class Section:
    anchor: str  # the heading's id ('' for the text before the first section)
    title: str
    text: str


def sections(page: Page) -> dict[str, Section]:
    """The page cut at its `##` and `###` headings, each part with its words (quizzes included)."""
    lines = page.source.split("\n")
    marks = [(heading.line, heading) for heading in page.headings if heading.level in (2, 3)]
    found: dict[str, Section] = {}
    starts = [(page.offset + 1, None), *marks]
    for index, (start, heading) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines) + 1
        anchor = (heading.id or grammar.slug(heading.text)) if heading else ""
        title = heading.text if heading else page.title
        found[anchor] = Section(anchor, title, "\n".join(lines[start - 1 : end - 1]).strip())
    return found


def changed(old: Page, new: Page) -> list[str]:
    """The English sections whose words changed, were added or were removed, in page order."""
    before, after = sections(old), sections(new)
    names: list[str] = []
    for anchor, section in after.items():
        if anchor not in before:
            names.append(f"'{section.title}' (new)")
        elif before[anchor].text != section.text:
            names.append(f"'{section.title}'" + (f" (#{anchor})" if anchor else " (the introduction)"))
    names += [f"'{section.title}' (removed)" for anchor, section in before.items() if anchor not in after]
    return names


def problems(
    translated: Page,
    english: Page | None,
    english_data: bytes,
    language: Language,
    old_english: Callable[[str], bytes | None],
    strict: bool = False,
) -> list[Problem]:
    """Whether `translated` follows the current `english` page; `old_english(version)` reads an
    older English text back (from git), or None when it cannot."""
    if english is None:
        return []  # a page only in this language: nothing to follow
    fix = f"run `make translated PAGE={translated.file}`"
    recorded = str(translated.meta.get(KEY) or "").strip().lower()
    line = translated.meta_lines.get(KEY, 1)
    if not recorded:
        return [
            Problem(
                line,
                f"this page does not say which version of {english.file} it translates; once it says the "
                f"same as the English page, {fix} (it writes '{KEY}' at the top)",
                translated.file,
                not strict,
            )
        ]
    if not VERSION.match(recorded):
        return [
            Problem(line, f"'{KEY}: {recorded}' is not a version; {fix} to write it again", translated.file, not strict)
        ]
    current = version(english_data)
    if current.startswith(recorded) or recorded.startswith(current):
        return []
    older = old_english(recorded)
    if older is None:
        what = "its earlier text is not in git, so the sections that changed cannot be named"
    else:
        names = changed(read_page(english.src, older), english)
        what = "sections that changed: " + ", ".join(names) if names else "only its front matter or spacing changed"
    return [
        Problem(
            line,
            f"{english.file} has changed since this translation was last matched to it ({what}); "
            f"update this page to say the same, then {fix}",
            translated.file,
            not strict,
        )
    ]


def missing(english: Page, language: Language, strict: bool = False) -> Problem:
    """An English page with no translation: the translated site shows it in English."""
    return Problem(
        0,
        f"there is no translation of this page into {language.name} ({language.src(english.file)}); until "
        f"one is written, the {language.name} site shows this page in English",
        english.file,
        not strict,
    )


def record(source: str, value: str) -> str:
    """The page's text with `english_version: value` in its front matter (added, or replaced)."""
    match = grammar.FRONT_MATTER.match(source)
    if match is None:
        return f"---\n{KEY}: {value}\n---\n{source}"
    block = match.group(1)
    line = re.compile(rf"^{KEY}:.*$", re.MULTILINE)
    new_block = line.sub(f"{KEY}: {value}", block, count=1) if line.search(block) else f"{block}{KEY}: {value}\n"
    start = match.start(1)
    return source[:start] + new_block + source[start + len(block) :]
