"""Find ```quiz and ```checkin blocks among a page's fences and read their YAML as nodes.

The fences come from the page model (therapy_site.grammar), so a quiz shown as an example inside
a longer fence is left alone. YAML is composed into nodes (not loaded into Python values) because
nodes keep their line numbers, and every problem must point at the editor's source line.
"""

from __future__ import annotations

from collections.abc import Iterable

import yaml
from yaml.nodes import Node

from therapy_site import grammar
from therapy_site.quiz.model import Block, Problem

BLOCK_KINDS: tuple[str, ...] = ("quiz", "checkin")
# libyaml composes about ten times faster and keeps the same line marks; pure Python if absent.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def find_blocks(fences: Iterable[grammar.Fence] | str, line_offset: int = 0) -> tuple[list[Block], list[Problem]]:
    """The quiz and check-in blocks among a page's fences (or in Markdown), and a problem for
    each one left unclosed."""
    if isinstance(fences, str):
        fences = grammar.fences(fences.split("\n"), line_offset)
    blocks: list[Block] = []
    problems: list[Problem] = []
    for fence in fences:
        if fence.language not in BLOCK_KINDS:
            continue
        blocks.append(Block(fence.language, fence.start, fence.end, fence.indent, fence.body, fence.line, fence.closed))
        if not fence.closed:
            problems.append(
                Problem(
                    fence.line,
                    (
                        f"the {fence.fence}{fence.language} block that starts here is never closed; "
                        f"add a line with just {fence.fence} after its last line"
                    ),
                )
            )
    return blocks, problems


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
