"""Find ```quiz and ```checkin blocks in a page's Markdown and read their YAML as nodes.

The scanner is line based, like a Markdown reader: it follows every fence (``` or ~~~, any
length, any indentation) so that a quiz shown as an example inside a longer fence is left alone.
YAML is composed into nodes (not loaded into Python values) because nodes keep their line
numbers, and every problem must point at the editor's source line.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import Node

from therapy_site.fences import fences, language, outside_fences
from therapy_site.pagemeta import front_matter_offset  # re-exported by therapy_site.quiz
from therapy_site.quiz.model import Block, Heading, Problem

BLOCK_KINDS: tuple[str, ...] = ("quiz", "checkin")
HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<text>.*?)[ \t]*$")
ATTR_LIST = re.compile(r"\{:?(?P<attrs>[^{}]*)\}[ \t]*$")
CLOSING_HASHES = re.compile(r"[ \t]+#+$")
# libyaml composes about ten times faster and keeps the same line marks; pure Python if absent.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _dedent(line: str, indent: str) -> str:
    """Remove the fence's indentation from a content line, as Markdown does."""
    width = len(indent)
    taken = len(line) - len(line.lstrip(" \t"))
    return line[min(width, taken):]


def find_blocks(markdown: str, line_offset: int = 0) -> tuple[list[Block], list[Problem]]:
    """All quiz and check-in blocks of a page, and a problem for each one left unclosed."""
    lines = markdown.split("\n")
    blocks: list[Block] = []
    problems: list[Problem] = []
    for start, end, match, closed in fences(lines):
        kind = language(match["info"])
        if kind not in BLOCK_KINDS:
            continue
        line = line_offset + start + 1
        last = end - 1 if closed else end
        body = "\n".join(_dedent(text, match["indent"]) for text in lines[start + 1 : last])
        blocks.append(Block(kind, start, end, match["indent"], body, line, closed))
        if not closed:
            fence = match["fence"]
            problems.append(Problem(line, (
                f"the {fence}{kind} block that starts here is never closed; "
                f"add a line with just {fence} after its last line"
            )))
    return blocks, problems


def headings(markdown: str, line_offset: int = 0) -> list[Heading]:
    """Headings that carry an explicit id, like `## Can I trust my therapist? {#trust}`."""
    found: list[Heading] = []
    for number, line in outside_fences(markdown, line_offset):
        heading = HEADING.match(line)
        attrs = ATTR_LIST.search(heading["text"]) if heading else None
        if not heading or not attrs:
            continue
        ids = [word[1:] for word in attrs["attrs"].split() if word.startswith("#") and len(word) > 1]
        if ids:
            text = CLOSING_HASHES.sub("", heading["text"][: attrs.start()].rstrip())
            found.append(Heading(ids[-1], text.strip(), number))
    return found


def heading_ids(markdown: str) -> set[str]:
    """The `{#id}` ids of a page's headings, the anchors a `review` link may point to."""
    return {heading.id for heading in headings(markdown)}


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "text that contains ': ' needs quotes around it, or check the indentation"
    if "'\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    return "check the indentation and the quotes on this line"


def compose(block: Block) -> tuple[Node | None, list[Problem]]:
    """The block's YAML as a node tree, or the syntax problem with YAML's own line."""
    first = block.line + 1
    last = block.line + max(block.end - block.start - 1, 1)
    try:
        return yaml.compose(block.body, Loader=LOADER), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first + mark.line if mark else first
        problem = error.problem or error.context or "the YAML could not be read"
        return None, [Problem(min(max(line, first), last), f"YAML syntax error: {problem}; {_syntax_hint(problem)}")]
    except yaml.YAMLError as error:
        # Reader errors (control characters) carry no line mark; point at the block.
        return None, [Problem(block.line, f"YAML error: {error}; remove unusual characters from the block")]
    except RecursionError:
        return None, [Problem(block.line, "the YAML is nested too deeply; write the block as shown in CONTRIBUTING.md")]
