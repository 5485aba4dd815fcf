"""Turn YAML nodes into quizzes and check-ins, collecting every problem on the way.

Each level (quiz, question, option, check-in, statement) is described by a small declarative
schema; one reader walks a mapping against its schema, so unknown keys, missing keys and wrong
value types are reported the same way everywhere. Nothing stops at the first problem: a page's
problems are all collected, so an editor can fix them in one go.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from therapy_site.quiz.model import (
    QUESTION_TYPES, Block, CheckIn, Heading, Item, Option, PageQuizzes, ParsedBlock, Problem,
    Question, Quiz, Review, Statement,
)
from therapy_site.quiz.parse import compose, find_blocks, headings

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>|<\s*script", re.IGNORECASE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/)", re.IGNORECASE)
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
# The page a check-in points to when a warning-sign statement is rated as a concern.
WARNING_PAGE = "when-it-is-not-healthy.md"


@dataclass(frozen=True)
class Key:
    """One allowed key: what kind of value it holds, whether it must be there, how to write it."""

    kind: str  # id | text | paragraphs | flag | list | words | review | type
    hint: str
    required: bool = True


QUIZ = {
    "id": Key("id", "id: a-short-name (lower-case letters, digits and hyphens)"),
    "title": Key("text", "title: a short title for the quiz"),
    "questions": Key("list", "questions: followed by a list of questions"),
}
QUESTION = {
    "id": Key("id", "id: a-short-name, unique in this quiz"),
    "type": Key("type", "type: " + ", ".join(QUESTION_TYPES)),
    "prompt": Key("text", "prompt: the question the reader answers"),
    "scenario": Key("paragraphs", "scenario: the short story the question is about", False),
    "options": Key("list", "options: a list of at least 2 options, each starting with '- text:'", False),
    "answer": Key("flag", "answer: true or answer: false", False),
    "explanation": Key("text", "explanation: one or two sentences that say why"),
    "review": Key("review", 'review: "#section-id" or other-page.md#section-id'),
}
OPTION = {
    "text": Key("text", "text: the words of the option"),
    "correct": Key("flag", "correct: true", False),
    "feedback": Key("text", "feedback: a sentence shown when the reader picks this option", False),
}
CHECKIN = {
    "id": Key("id", "id: a-short-name (lower-case letters, digits and hyphens)"),
    "title": Key("text", "title: a short title for the check-in"),
    "scale": Key("words", "scale: [Rarely, Sometimes, Often]"),
    "quick_exit": Key("flag", "quick_exit: true", False),
    "statements": Key("list", "statements: a list of statements, each with id, text, concern and review"),
}
STATEMENT = {
    "id": Key("id", "id: a-short-name, unique in this check-in"),
    "text": Key("text", "text: the statement the reader rates"),
    "concern": Key("words", "concern: [Rarely], the ratings that suggest a concern", False),
    "review": Key("review", "review: other-page.md#section-id, the section that helps"),
}


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


def resolve_review(page_src: str, target: str) -> tuple[str, str]:
    """The (page src path, anchor) a review link points to, resolved like a Markdown link."""
    path, anchor = split_review(target)
    if not path:
        return page_src, anchor
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path)), anchor


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

    def entries(self, node: Node, thing: str, fallback: str, example: str) -> tuple[dict[str, tuple[Node, Node]], str] | None:
        """The mapping's keys (key node, value node) and its name for messages; None if no mapping.

        The name is "question 'empathy'" when the id is readable, else the fallback ("question 2").
        """
        if not isinstance(node, MappingNode):
            self.report(node, f"{fallback} must be a set of keys like '{example}', not {_describe(node)}")
            return None
        ident = next((value for key, value in node.value if isinstance(key, ScalarNode) and key.value == "id"), None)
        readable = isinstance(ident, ScalarNode) and ident.value.strip()
        where = f"{thing} '{ident.value.strip()}'" if readable else fallback
        found: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if not isinstance(name, str) or not name:
                self.report(key, f"a key in {where} is not a plain word; write keys like '{example}'")
            elif name in found:
                self.report(key, f"'{name}' appears twice in {where} (also on line {self.line(found[name][0])}); keep one")
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

    def fields(self, node: Node, entries: Mapping[str, tuple[Node, Node]], schema: Mapping[str, Key], where: str) -> dict[str, Any]:
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
        return node.value

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
        self.report(node, (
            f"id '{text}' in {where} must use lower-case letters, digits and single hyphens; "
            f"try '{slug(text)}'"
        ))
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
            self.report(node, f"review link '{target}' in {where} must point into this site, like '#section-id' or 'other-page.md#section-id'")
        elif path and not path.endswith(".md"):
            self.report(node, f"review link '{target}' in {where} must name a Markdown page ending in .md, like 'other-page.md#section-id'")
        elif "#" in target and not anchor:
            self.report(node, f"review link '{target}' in {where} has an empty '#'; add the section id after it or remove the '#'")
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


# -- quizzes ------------------------------------------------------------------------------------


def _options(reader: Reader, nodes: Sequence[Node], where: str) -> list[Option]:
    options: list[Option] = []
    seen: dict[str, int] = {}
    for number, node in enumerate(nodes, start=1):
        label = f"option {number} of {where}"
        read = reader.entries(node, "option", label, "- text: ...")
        if read is None:
            continue
        entries = read[0]
        values = reader.fields(node, entries, OPTION, label)
        text = values.get("text", "")
        if text and text.lower() in seen:
            reader.report(node, f"{label} has the same text as option {seen[text.lower()]}; make each option different")
        elif text:
            seen[text.lower()] = number
        options.append(Option(text, values.get("correct", False), values.get("feedback", "")))
    return options


def _check_correct(reader: Reader, node: Node, kind: str, options: Sequence[Option], where: str) -> None:
    right = sum(option.correct for option in options)
    if kind == "multiple" and right == 0:
        reader.report(node, f"{where} has no option marked 'correct: true'; mark every right option")
    elif kind in ("single", "scenario") and right == 0:
        reader.report(node, f"{where} has no option marked 'correct: true'; mark the one right option")
    elif kind in ("single", "scenario") and right > 1:
        reader.report(node, f"{where} has {right} options marked 'correct: true' but takes one answer; keep one, or use type: multiple")


def _choice_options(reader: Reader, node: Node, entries: Mapping[str, tuple[Node, Node]], values: Mapping[str, Any], kind: str | None, where: str) -> list[Option]:
    if "answer" in entries and kind not in (None, "true-false"):
        reader.report(entries["answer"][0], f"'answer' is only for true-false questions; in {where} mark the right option with 'correct: true' instead")
    if "options" not in entries:
        if kind is not None:
            reader.report(node, f"missing 'options' in {where}; add {QUESTION['options'].hint}")
        return []
    before = len(reader.problems)
    options = _options(reader, values.get("options", []), where)
    if "options" in values and len(values["options"]) < 2:
        reader.report(entries["options"][1], f"{where} has {len(values['options'])} option(s); give at least 2")
    # Counting right options only makes sense once each option reads well (a misspelt 'correct').
    if kind is not None and "options" in values and len(reader.problems) == before:
        _check_correct(reader, entries["options"][1], kind, options, where)
    return options


def _true_false_options(reader: Reader, node: Node, entries: Mapping[str, tuple[Node, Node]], values: Mapping[str, Any], where: str) -> list[Option]:
    if "options" in entries:
        reader.report(entries["options"][0], f"true-false questions take 'answer: true' or 'answer: false' instead of options; remove 'options' from {where}")
    if "answer" not in entries:
        reader.report(node, f"missing 'answer' in {where}; add answer: true or answer: false")
    answer = values.get("answer")
    return [Option("True", answer is True), Option("False", answer is False)]


def _question(reader: Reader, node: Node, number: int) -> Question | None:
    read = reader.entries(node, "question", f"question {number}", "- id: ...")
    if read is None:
        return None
    entries, where = read
    values = reader.fields(node, entries, QUESTION, where)
    kind = values.get("type")
    if kind == "true-false":
        options = _true_false_options(reader, node, entries, values, where)
    else:
        options = _choice_options(reader, node, entries, values, kind, where)
    if kind == "scenario" and "scenario" not in entries:
        reader.report(node, f"missing 'scenario' in {where}; add {QUESTION['scenario'].hint}")
    if "scenario" in entries and kind not in (None, "scenario"):
        reader.report(entries["scenario"][0], f"'scenario' is only for type: scenario; remove it from {where} or change its type")
    return Question(
        id=values.get("id", ""), type=kind or "single", prompt=values.get("prompt", ""),
        options=tuple(options), explanation=values.get("explanation", ""),
        review=values.get("review", Review("", 0)), scenario=values.get("scenario", ()),
        line=reader.line(entries["id"][1]) if "id" in entries else reader.line(node),
    )


def _unique(reader: Reader, nodes: Sequence[Node], ids: Sequence[str], thing: str, where: str) -> None:
    first: dict[str, int] = {}
    for node, ident in zip(nodes, ids):
        if not ident:
            continue
        if ident in first:
            reader.report(node, f"{thing} id '{ident}' is used twice in {where} (also on line {first[ident]}); give each {thing} its own id")
        else:
            first[ident] = reader.line(node)


def _quiz(reader: Reader, node: Node) -> Quiz:
    read = reader.entries(node, "quiz", "the quiz", "id: ...")
    if read is None:
        return Quiz("", "", ())
    entries, where = read
    values = reader.fields(node, entries, QUIZ, where)
    nodes = values.get("questions", [])
    if "questions" in values and not nodes:
        reader.report(entries["questions"][1], f"{where} has no questions; add at least one under 'questions'")
    questions = [_question(reader, item, number) for number, item in enumerate(nodes, start=1)]
    kept = [(item, question) for item, question in zip(nodes, questions) if question is not None]
    _unique(reader, [item for item, _q in kept], [q.id for _i, q in kept], "question", where)
    return Quiz(values.get("id", ""), values.get("title", ""), tuple(q for _i, q in kept),
                line=reader.line(entries["id"][1]) if "id" in entries else reader.line(node))


# -- check-ins ----------------------------------------------------------------------------------


def _statement(reader: Reader, node: Node, number: int, scale: Sequence[str] | None) -> Statement | None:
    read = reader.entries(node, "statement", f"statement {number}", "- id: ...")
    if read is None:
        return None
    entries, where = read
    values = reader.fields(node, entries, STATEMENT, where)
    concern = values.get("concern", ())
    for rating, item in zip(concern, entries["concern"][1].value if concern else ()):
        if scale is not None and rating not in scale:
            guess = get_close_matches(rating, list(scale), n=1, cutoff=0.5)
            hint = f"did you mean '{guess[0]}'? " if guess else ""
            reader.report(item, f"concern '{rating}' in {where} is not on the scale; {hint}use one of: {', '.join(scale)}")
    return Statement(values.get("id", ""), values.get("text", ""), tuple(concern),
                     values.get("review", Review("", 0)),
                     line=reader.line(entries["id"][1]) if "id" in entries else reader.line(node))


def _scale(reader: Reader, entries: Mapping[str, tuple[Node, Node]], values: Mapping[str, Any], where: str) -> tuple[str, ...] | None:
    scale = values.get("scale")
    if scale is None:
        return None
    if len(scale) < 2:
        reader.report(entries["scale"][1], f"the scale of {where} has {len(scale)} point(s); give at least 2, like [Rarely, Sometimes, Often]")
    repeated = sorted({point for point in scale if scale.count(point) > 1})
    if repeated:
        reader.report(entries["scale"][1], f"the scale of {where} lists '{repeated[0]}' more than once; list each point once")
    return scale


def _checkin(reader: Reader, node: Node) -> CheckIn:
    read = reader.entries(node, "check-in", "the check-in", "id: ...")
    if read is None:
        return CheckIn("", "", (), ())
    entries, where = read
    values = reader.fields(node, entries, CHECKIN, where)
    scale = _scale(reader, entries, values, where)
    nodes = values.get("statements", [])
    if "statements" in values and not nodes:
        reader.report(entries["statements"][1], f"{where} has no statements; add at least one under 'statements'")
    statements = [_statement(reader, item, number, scale) for number, item in enumerate(nodes, start=1)]
    kept = [(item, s) for item, s in zip(nodes, statements) if s is not None]
    _unique(reader, [item for item, _s in kept], [s.id for _i, s in kept], "statement", where)
    return CheckIn(values.get("id", ""), values.get("title", ""), scale or (), tuple(s for _i, s in kept),
                   quick_exit=values.get("quick_exit", False),
                   line=reader.line(entries["id"][1]) if "id" in entries else reader.line(node))


# -- blocks and pages ---------------------------------------------------------------------------


def read_block(block: Block) -> ParsedBlock:
    """One block as a quiz or check-in, or its problems (then the item is None)."""
    if not block.closed:
        return ParsedBlock(block, None)  # find_blocks already reported the missing closing fence
    name = "check-in" if block.kind == "checkin" else "quiz"
    # Markdown passes raw HTML through only at the top level (up to 3 spaces of indentation).
    if len(block.indent.expandtabs(4)) > 3:
        return ParsedBlock(block, None, (Problem(block.line, (
            f"a {name} cannot sit inside a list, admonition or tab; "
            f"move the ```{block.kind} fence and its block to the start of the line"
        )),))
    if not block.body.strip():
        return ParsedBlock(block, None, (Problem(block.line, (
            f"this {block.kind} block is empty; write the {name} in YAML as shown in "
            "'Quizzes and check-ins' in CONTRIBUTING.md"
        )),))
    node, problems = compose(block)
    if node is None:
        message = f"this {block.kind} block holds no YAML keys; start it with 'id:' as shown in CONTRIBUTING.md"
        return ParsedBlock(block, None, tuple(problems) or (Problem(block.line, message),))
    reader = Reader(block.line + 1)
    item = _checkin(reader, node) if block.kind == "checkin" else _quiz(reader, node)
    if reader.problems:
        return ParsedBlock(block, None, tuple(reader.problems), draft=item)
    return ParsedBlock(block, item)


def safe_read_block(block: Block) -> ParsedBlock:
    """read_block, but a bug in the engine becomes a reported problem instead of a traceback."""
    try:
        return read_block(block)
    except Exception as error:  # noqa: BLE001 - an editor must get a line, never a traceback
        return ParsedBlock(block, None, (Problem(block.line, (
            f"this {block.kind} block could not be read ({type(error).__name__}: {error}); "
            "check it against CONTRIBUTING.md"
        )),))


def anchors_of(item: Item) -> list[tuple[str, int, str]]:
    """The HTML ids a rendered item puts on the page: (id, source line, what owns it)."""
    if not item.id:
        return []  # without an id there is nothing to clash; the missing id is reported already
    if isinstance(item, Quiz):
        own = [(item.anchor, item.line, f"quiz '{item.id}'")]
        parts = [(q.id, q.line, f"question '{q.id}' of quiz '{item.id}'") for q in item.questions]
    else:
        own = [(item.anchor, item.line, f"check-in '{item.id}'")]
        parts = [(s.id, s.line, f"statement '{s.id}' of check-in '{item.id}'") for s in item.statements]
    # Repeated ids are reported as duplicates already; count each id once here.
    firsts = {ident: (line, owner) for ident, line, owner in reversed(parts) if ident}
    return own + [(f"{item.anchor}-{ident}", line, owner) for ident, (line, owner) in reversed(firsts.items())]


def check_page_ids(items: Iterable[Item], page_headings: Iterable[Heading]) -> list[Problem]:
    """Two things on one page may not end up with the same HTML id (links would break)."""
    owners = {heading.id: f"the heading on line {heading.line}" for heading in page_headings}
    problems: list[Problem] = []
    for item in items:
        for anchor, line, owner in anchors_of(item):
            if anchor in owners:
                problems.append(Problem(line, f"{owner} would get the HTML id '{anchor}', already used by {owners[anchor]}; rename one of the ids"))
            else:
                owners[anchor] = owner
    return problems


def read_page(markdown: str, line_offset: int = 0, src_path: str = "", title: str = "") -> PageQuizzes:
    """Extract and check every block of one page; line numbers count the front matter too."""
    parsed, problems, page_headings = _read_markdown(markdown, line_offset)
    return PageQuizzes(src_path, title, parsed, problems, page_headings)


# Several hooks read the same page in one build (and `mkdocs serve` re-reads unchanged pages):
# the result depends only on the text, so each text is read once. 4096 pages fit.
@functools.lru_cache(maxsize=4096)
def _read_markdown(markdown: str, line_offset: int) -> tuple[tuple[ParsedBlock, ...], tuple[Problem, ...], tuple[Heading, ...]]:
    blocks, problems = find_blocks(markdown, line_offset)
    parsed = tuple(safe_read_block(block) for block in blocks)
    page_headings = tuple(headings(markdown, line_offset))
    problems += [problem for block in parsed for problem in block.problems]
    items = [item for block in parsed if (item := block.item or block.draft) is not None]
    problems += check_duplicate_ids(items, {})
    # A repeated id is reported once, above; its second copy would only repeat it as id clashes.
    firsts = [item for index, item in enumerate(items) if item.id not in {other.id for other in items[:index]}]
    problems += check_page_ids(firsts, page_headings)
    return parsed, tuple(sorted(problems, key=lambda problem: problem.line)), page_headings


# -- site-wide checks ---------------------------------------------------------------------------


def reviews_of(item: Item) -> list[tuple[Review, str]]:
    if isinstance(item, Quiz):
        return [(q.review, f"question '{q.id}'" if q.id else "this question") for q in item.questions]
    return [(s.review, f"statement '{s.id}'" if s.id else "this statement") for s in item.statements]


def check_reviews(src_path: str, items: Iterable[Item], page_exists: Callable[[str], bool],
                  anchors: Callable[[str], set[str]], where: Callable[[str], str] = str) -> list[Problem]:
    """Every review link must reach an existing page and, when it names one, an existing heading."""
    problems: list[Problem] = []
    for item in items:
        for review, owner in reviews_of(item):
            if not review.target:
                continue  # a missing review link is reported where it is read
            page, anchor = resolve_review(src_path, review.target)
            if page.startswith("../") or not page_exists(page):
                problems.append(Problem(review.line, f"review link '{review.target}' in {owner} points to a page that does not exist ({where(page)}); check the file name and folder"))
            elif anchor and anchor not in anchors(page):
                guess = get_close_matches(anchor, sorted(anchors(page)), n=1, cutoff=0.6)
                hint = f"did you mean '#{guess[0]}'?" if guess else f"add {{#{anchor}}} to the heading of the section, or fix the link"
                problems.append(Problem(review.line, f"review link '{review.target}' in {owner} points to '#{anchor}', but {where(page)} has no heading with {{#{anchor}}}; {hint}"))
    return problems


def check_duplicate_ids(items: Iterable[Item], seen: Mapping[str, str], *, each_other: bool = True) -> list[Problem]:
    """Quiz and check-in ids are unique in the whole site; `seen` maps ids to 'docs/x.md:12'.

    With `each_other`, items of the list are checked against each other too ("line 12").
    """
    known = dict(seen)
    problems: list[Problem] = []
    for item in items:
        thing = "check-in" if isinstance(item, CheckIn) else "quiz"
        if not item.id:
            continue  # a missing or broken id is reported where it is read
        if item.id in known:
            problems.append(Problem(item.line, f"{thing} id '{item.id}' is already used in {known[item.id]}; give this {thing} its own id"))
        elif each_other:
            known[item.id] = f"line {item.line}"
    return problems


def check_site(pages: Iterable[PageQuizzes], page_exists: Callable[[str], bool],
               anchors: Callable[[str], set[str]], where: Callable[[str], str] = str) -> dict[str, list[Problem]]:
    """Site-wide problems per page: duplicate quiz ids (first one wins) and broken review links."""
    seen: dict[str, str] = {}
    found: dict[str, list[Problem]] = {}
    for page in pages:
        problems = check_duplicate_ids(page.drafts, seen, each_other=False)  # read_page did those
        problems += check_reviews(page.src_path, page.drafts, page_exists, anchors, where)
        for item in page.drafts:
            if item.id:
                seen.setdefault(item.id, f"{where(page.src_path)}:{item.line}")
        if problems:
            found[page.src_path] = sorted(problems, key=lambda problem: problem.line)
    return found
