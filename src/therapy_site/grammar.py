"""The Markdown grammar every check shares: fences, front matter, headings and ids, links, slugs.

Each rule follows what the build really does (Python-Markdown with toc, attr_list and
pymdownx.superfences; MkDocs's front matter), so a check never disagrees with the page it checks.
tests/test_grammar.py holds a table of cases run through Python-Markdown itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown.extensions.toc import slugify
from mkdocs.utils.meta import get_data  # a pure function on strings: MkDocs's own front-matter rule

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)  # as MkDocs
# Python-Markdown's hash heading: no indentation, 1-6 '#', optional closing hashes.
HASH_HEADING = re.compile(r"^(?P<level>#{1,6})(?P<text>(?:\\.|[^\\])*?)#*[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^(?P<mark>=+|-+)[ \t]*$")
# attr_list at the end of a heading: from the first ` {` to the last `}` (braces inside: no list).
ATTR_LIST = re.compile(r"[ ]+\{:?[ ]*(?P<attrs>[^}\n ][^\n]*?)[ ]*\}[ ]*$")
ID_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INLINE_LINK = re.compile(r"(?P<image>!?)\[(?P<text>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+[\"'][^)]*)?\)")
REFERENCE = re.compile(r"^[ ]{0,3}\[(?P<text>[^\]]+)\]:\s*<?(?P<target>\S+?)>?(?:\s.*)?$")
HTML_LINK = re.compile(
    r"""<(?P<tag>a|img)\b[^>]*?\b(?:href|src)\s*=\s*["'](?P<target>[^"']*)["'][^>]*>""", re.IGNORECASE
)
HTML_ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<a>[^"]*)"|'(?P<b>[^']*)')""", re.IGNORECASE)


@dataclass(frozen=True)
class Fence:
    """One fenced block: where it is, its language, its text without the fence's indentation."""

    start: int  # 0-based index of the opening line in the body
    end: int  # 0-based index just past the closing fence (the body's end if never closed)
    line: int  # 1-based source line of the opening fence (front matter counted)
    indent: str
    fence: str  # the opening run of ``` or ~~~
    language: str
    body: str
    closed: bool


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # the words, without the attribute list or closing hashes
    id: str  # the explicit id, or '' when the heading has none
    line: int


@dataclass(frozen=True)
class Link:
    target: str  # as written: 'page.md#id', '#id', 'https://...'
    text: str  # the link text, or an image's alt text
    line: int
    image: bool = False


def opening(line: str) -> re.Match[str] | None:
    match = FENCE.match(line)
    # A backtick "fence" with backticks in its info string is inline code, not a fence.
    if match and match["fence"][0] == "`" and "`" in match["info"]:
        return None
    return match


def closes(line: str, fence: str) -> bool:
    return re.fullmatch(f"{re.escape(fence[0])}{{{len(fence)},}}", line.strip()) is not None


def language(info: str) -> str:
    """The block's language from its info string: ```quiz, ``` {.quiz} -> 'quiz'."""
    words = info.strip().lstrip("{").lstrip(".").split()
    return words[0].rstrip("}").lower() if words else ""


def _dedent(line: str, indent: str) -> str:
    """Remove the fence's indentation from a content line, as Markdown does."""
    taken = len(line) - len(line.lstrip(" \t"))
    return line[min(len(indent), taken) :]


def fences(lines: list[str], line_offset: int = 0) -> Iterator[Fence]:
    """Every fenced block; a fence inside a longer fence is text, and only a fence of the same
    character, at least as long, closes it (```python inside ```` is content)."""
    index = 0
    while index < len(lines):
        match = opening(lines[index])
        if not match:
            index += 1
            continue
        close = next((i for i in range(index + 1, len(lines)) if closes(lines[i], match["fence"])), None)
        end = len(lines) if close is None else close + 1
        content = lines[index + 1 : close if close is not None else len(lines)]
        yield Fence(
            index,
            end,
            line_offset + index + 1,
            match["indent"],
            match["fence"],
            language(match["info"]),
            "\n".join(_dedent(text, match["indent"]) for text in content),
            close is not None,
        )
        index = end


def outside_fences(markdown: str, line_offset: int = 0) -> Iterator[tuple[int, str]]:
    """(1-based source line, text) for every line that is not inside a fenced block."""
    lines = markdown.split("\n")
    inside: set[int] = set()
    for fence in fences(lines):
        inside.update(range(fence.start, fence.end))
    return ((line_offset + index + 1, line) for index, line in enumerate(lines) if index not in inside)


def split_front_matter(source: str) -> tuple[str, int]:
    """The body MkDocs renders, and how many source lines come before it."""
    body, _meta = get_data(source)
    if not source.endswith(body):
        return source, 0
    return body, source[: len(source) - len(body)].count("\n")


def heading_words(text: str) -> tuple[str, str]:
    """A heading's words and its explicit id ('' if none), as attr_list reads `{#id .class}`."""
    text = text.strip()
    found = ATTR_LIST.search(" " + text)
    ident = ""
    if found and not set("{}") & set(found["attrs"]):
        ids = [word[1:] for word in found["attrs"].split() if word.startswith("#") and len(word) > 1]
        if ids:
            ident = ids[-1]
        text = (" " + text)[: found.start()]
    return text.rstrip("#").strip(), ident


def headings(markdown: str, line_offset: int = 0) -> list[Heading]:
    """Every heading Python-Markdown makes: `## x`, and `x` underlined with === or ---."""
    found: list[Heading] = []
    previous: tuple[int, str] | None = None  # the last line outside fences, if it opened a block
    before_blank = True
    for number, line in outside_fences(markdown, line_offset):
        hashed = HASH_HEADING.match(line)
        underline = SETEXT_UNDERLINE.match(line)
        if hashed and hashed["text"].strip():
            words, ident = heading_words(hashed["text"])
            found.append(Heading(len(hashed["level"]), words, ident, number))
        elif underline and previous is not None and previous[0] == number - 1:
            words, ident = heading_words(previous[1])
            found.append(Heading(1 if underline["mark"][0] == "=" else 2, words, ident, previous[0]))
        is_text = bool(line.strip()) and not hashed and not line[:1].isspace()
        previous = (
            (number, line)
            if is_text and before_blank and not line.lstrip().startswith(("-", "*", "+", ">", "|", "<", "!!!", "???"))
            else None
        )
        before_blank = not line.strip()
    return found


def links(markdown: str, line_offset: int = 0) -> list[Link]:
    """Links and images outside code, with their lines: Markdown, reference definitions, HTML."""
    found: list[Link] = []
    for number, line in outside_fences(markdown, line_offset):
        for match in INLINE_LINK.finditer(line):
            found.append(Link(match["target"], match["text"], number, bool(match["image"])))
        reference = REFERENCE.match(line)
        if reference:
            found.append(Link(reference["target"], reference["text"], number))
        for tag in HTML_LINK.finditer(line):
            alt = HTML_ALT.search(tag.group(0))
            text = next((group for group in alt.groups() if group is not None), "") if alt else ""
            found.append(Link(tag["target"], text, number, tag["tag"].lower() == "img"))
    return found


def slug(text: str) -> str:
    """The id Python-Markdown's toc would make from these words, as a suggestion for `{#id}`."""
    words = " ".join(text.split()[:6])  # a short id: clinicians type and read it
    return slugify(words, "-") or "section"
