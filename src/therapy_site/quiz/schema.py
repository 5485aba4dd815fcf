"""A small declarative schema for YAML nodes, and the reader that walks a mapping against it.

Unknown keys, missing keys and wrong value types are reported the same way at every level, each
with its source line; nothing stops at the first problem, so an editor can fix a block in one go.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from therapy_site.quiz.model import QUESTION_TYPES, Problem, Review

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>|<\s*script", re.IGNORECASE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/)", re.IGNORECASE)
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Key:
    """One allowed key: what kind of value it holds, whether it must be there, how to write it."""

    kind: str  # id | text | paragraphs | flag | list | words | review | type
    hint: str
    required: bool = True


def _describe(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a set of keys"
    return "true/false" if node.tag == BOOL_TAG else "text"


def _plain(value: str) -> str:
    """Quiz text as one line: YAML folding and indentation are not meaningful to readers."""
    return " ".join(value.split())


def slug(value: str) -> str:
    """A suggestion for an id that breaks the id rules."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "a-short-name"


def split_review(target: str) -> tuple[str, str]:
    path, _, anchor = target.partition("#")
    return path, anchor


class Reader:
    """Walks one block's nodes; every problem it meets is kept, with its source line."""

    def __init__(self, first_line: int) -> None:
        self.first_line = first_line  # the source line of the block's first YAML line
        self.problems: list[Problem] = []

    def line(self, node: Node) -> int:
        return self.first_line + node.start_mark.line

    def report(self, node: Node, message: str) -> None:
        # One problem is one log line: show line breaks from the YAML as \n.
        self.problems.append(Problem(self.line(node), message.replace("\n", "\\n")))

    # -- mappings ------------------------------------------------------------------------------

    def entries(
        self, node: Node, thing: str, fallback: str, example: str
    ) -> tuple[dict[str, tuple[Node, Node]], str] | None:
        """The mapping's keys (key node, value node) and its name for messages; None if no mapping.

        The name is "question 'empathy'" when the id is readable, else the fallback ("question 2").
        """
        if not isinstance(node, MappingNode):
            self.report(node, f"{fallback} must be a set of keys like '{example}', not {_describe(node)}")
            return None
        ident = next((value for key, value in node.value if isinstance(key, ScalarNode) and key.value == "id"), None)
        readable = isinstance(ident, ScalarNode) and str(ident.value).strip()
        where = f"{thing} '{str(ident.value).strip()}'" if readable and ident is not None else fallback
        found: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if not isinstance(name, str) or not name:
                self.report(key, f"a key in {where} is not a plain word; write keys like '{example}'")
            elif name in found:
                self.report(
                    key, f"'{name}' appears twice in {where} (also on line {self.line(found[name][0])}); keep one"
                )
            else:
                found[name] = (key, value)
        return found, where

    def unknown_keys(self, entries: Mapping[str, tuple[Node, Node]], schema: Mapping[str, Key], where: str) -> set[str]:
        """Report keys the schema does not know; return the known keys they were probably meant as."""
        meant: set[str] = set()
        for name, (key, _value) in entries.items():
            if name in schema:
                continue
            guess = get_close_matches(name, list(schema), n=1, cutoff=0.6)
            fix = f"did you mean '{guess[0]}'?" if guess else "the keys allowed here are: " + ", ".join(schema)
            self.report(key, f"unknown key '{name}' in {where}; {fix}")
            meant.update(guess)
        return meant

    def fields(
        self, node: Node, entries: Mapping[str, tuple[Node, Node]], schema: Mapping[str, Key], where: str
    ) -> dict[str, Any]:
        """Each known key's value, converted by its kind; missing and broken values are reported."""
        meant = self.unknown_keys(entries, schema, where)
        values: dict[str, Any] = {}
        for name, key in schema.items():
            if name not in entries:
                # A misspelt key was already reported with "did you mean"; don't report it twice.
                if key.required and name not in meant:
                    self.report(node, f"missing '{name}' in {where}; add {key.hint}")
                continue
            value = self.value(entries[name][1], name, key, where)
            if value is not None:
                values[name] = value
        return values

    # -- values --------------------------------------------------------------------------------

    def value(self, node: Node, name: str, key: Key, where: str) -> Any:
        if key.kind == "list":
            return self.sequence(node, name, key, where)
        if key.kind == "words":
            return self.words(node, name, key, where)
        if key.kind == "flag":
            return self.flag(node, name, where)
        text = self.scalar(node, name, key, where)
        if text is None:
            return None
        if key.kind == "id":
            return self.ident(node, text, where)
        if key.kind == "type":
            return self.question_type(node, text, where)
        if key.kind == "review":
            return self.review(node, text, where)
        if key.kind == "paragraphs":
            return tuple(_plain(part) for part in re.split(r"\n[ \t]*\n", text) if part.strip())
        return _plain(text)

    def scalar(self, node: Node, name: str, key: Key, where: str) -> str | None:
        if not isinstance(node, ScalarNode):
            self.report(node, f"'{name}' in {where} must be text, not {_describe(node)}; write {key.hint}")
            return None
        if node.tag == NULL_TAG or not node.value.strip():
            self.report(node, f"'{name}' is empty in {where}; write {key.hint}")
            return None
        if HTML.search(node.value):
            self.report(node, f"quiz text is plain text; remove the HTML from '{name}' in {where}")
            return None
        return str(node.value)

    def flag(self, node: Node, name: str, where: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            return node.value.lower() in ("true", "yes", "on")
        quoted = isinstance(node, ScalarNode) and node.value.lower() in ("true", "false")
        fix = "; remove the quotes" if quoted else ""
        self.report(node, f"'{name}' in {where} must be true or false{fix}")
        return None

    def ident(self, node: Node, text: str, where: str) -> str | None:
        if ID_PATTERN.fullmatch(text):
            return text
        self.report(
            node, (f"id '{text}' in {where} must use lower-case letters, digits and single hyphens; try '{slug(text)}'")
        )
        return None

    def question_type(self, node: Node, text: str, where: str) -> str | None:
        if text in QUESTION_TYPES:
            return text
        guess = get_close_matches(text, QUESTION_TYPES, n=1, cutoff=0.5)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        self.report(node, f"unknown type '{text}' in {where}; {hint}use one of: {', '.join(QUESTION_TYPES)}")
        return None

    def review(self, node: Node, text: str, where: str) -> Review | None:
        target = text.strip()
        path, anchor = split_review(target)
        if EXTERNAL.match(target):
            self.report(
                node,
                f"review link '{target}' in {where} must point into this site, like '#section-id' or 'other-page.md#section-id'",
            )
        elif path and not path.endswith(".md"):
            self.report(
                node,
                f"review link '{target}' in {where} must name a Markdown page ending in .md, like 'other-page.md#section-id'",
            )
        elif "#" in target and not anchor:
            self.report(
                node,
                f"review link '{target}' in {where} has an empty '#'; add the section id after it or remove the '#'",
            )
        else:
            return Review(target, self.line(node))
        return None

    def sequence(self, node: Node, name: str, key: Key, where: str) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            return list(node.value)
        if isinstance(node, ScalarNode) and (node.tag == NULL_TAG or not node.value.strip()):
            self.report(node, f"'{name}' is empty in {where}; add {key.hint}")
        else:
            self.report(node, f"'{name}' in {where} must be a list, not {_describe(node)}; write {key.hint}")
        return None

    def words(self, node: Node, name: str, key: Key, where: str) -> tuple[str, ...] | None:
        items = self.sequence(node, name, key, where)
        if items is None:
            return None
        words = [self.scalar(item, name, key, where) for item in items]
        if None in words:
            return None
        return tuple(_plain(word) for word in words if word is not None)
