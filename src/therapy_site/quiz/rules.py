"""The rules of quizzes and check-ins: which keys each level takes, and what makes a block right.

`read_block` turns one fenced block into a Quiz or CheckIn, or into its problems (with a draft of
what could be read, so site-wide checks still see its ids and review links).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from difflib import get_close_matches
from typing import Any

from yaml.nodes import Node

from therapy_site.quiz.model import (
    QUESTION_TYPES,
    Block,
    CheckIn,
    Item,
    Option,
    ParsedBlock,
    Problem,
    Question,
    Quiz,
    Review,
    Statement,
)
from therapy_site.quiz.parse import compose
from therapy_site.quiz.schema import Key, Reader

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
        reader.report(
            node,
            f"{where} has {right} options marked 'correct: true' but takes one answer; keep one, or use type: multiple",
        )


def _choice_options(
    reader: Reader,
    node: Node,
    entries: Mapping[str, tuple[Node, Node]],
    values: Mapping[str, Any],
    kind: str | None,
    where: str,
) -> list[Option]:
    if "answer" in entries and kind not in (None, "true-false"):
        reader.report(
            entries["answer"][0],
            f"'answer' is only for true-false questions; in {where} mark the right option with 'correct: true' instead",
        )
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


def _true_false_options(
    reader: Reader, node: Node, entries: Mapping[str, tuple[Node, Node]], values: Mapping[str, Any], where: str
) -> list[Option]:
    if "options" in entries:
        reader.report(
            entries["options"][0],
            f"true-false questions take 'answer: true' or 'answer: false' instead of options; remove 'options' from {where}",
        )
    if "answer" not in entries:
        reader.report(node, f"missing 'answer' in {where}; add answer: true or answer: false")
    answer = values.get("answer")
    # The words "True" and "False" come from the page's language (translations/*.yml).
    return [Option("True", answer is True, word="quiz.true"), Option("False", answer is False, word="quiz.false")]


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
        reader.report(
            entries["scenario"][0], f"'scenario' is only for type: scenario; remove it from {where} or change its type"
        )
    return Question(
        id=values.get("id", ""),
        type=kind or "single",
        prompt=values.get("prompt", ""),
        options=tuple(options),
        explanation=values.get("explanation", ""),
        review=values.get("review", Review("", 0)),
        scenario=values.get("scenario", ()),
        line=reader.line(entries["id"][1]) if "id" in entries else reader.line(node),
    )


def _unique(reader: Reader, nodes: Sequence[Node], ids: Sequence[str], thing: str, where: str) -> None:
    first: dict[str, int] = {}
    for node, ident in zip(nodes, ids):
        if not ident:
            continue
        if ident in first:
            reader.report(
                node,
                f"{thing} id '{ident}' is used twice in {where} (also on line {first[ident]}); give each {thing} its own id",
            )
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
    return Quiz(
        values.get("id", ""),
        values.get("title", ""),
        tuple(q for _i, q in kept),
        line=reader.line(entries["id"][1]) if "id" in entries else reader.line(node),
    )


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
            reader.report(
                item, f"concern '{rating}' in {where} is not on the scale; {hint}use one of: {', '.join(scale)}"
            )
    return Statement(
        values.get("id", ""),
        values.get("text", ""),
        tuple(concern),
        values.get("review", Review("", 0)),
        line=reader.line(entries["id"][1]) if "id" in entries else reader.line(node),
    )


def _scale(
    reader: Reader, entries: Mapping[str, tuple[Node, Node]], values: Mapping[str, Any], where: str
) -> tuple[str, ...] | None:
    scale = values.get("scale")
    if scale is None:
        return None
    if len(scale) < 2:
        reader.report(
            entries["scale"][1],
            f"the scale of {where} has {len(scale)} point(s); give at least 2, like [Rarely, Sometimes, Often]",
        )
    repeated = sorted({point for point in scale if scale.count(point) > 1})
    if repeated:
        reader.report(
            entries["scale"][1], f"the scale of {where} lists '{repeated[0]}' more than once; list each point once"
        )
    return tuple(scale)


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
    return CheckIn(
        values.get("id", ""),
        values.get("title", ""),
        scale or (),
        tuple(s for _i, s in kept),
        quick_exit=values.get("quick_exit", False),
        line=reader.line(entries["id"][1]) if "id" in entries else reader.line(node),
    )


# -- blocks and pages ---------------------------------------------------------------------------


def read_block(block: Block) -> ParsedBlock:
    """One block as a quiz or check-in, or its problems (then the item is None)."""
    if not block.closed:
        return ParsedBlock(block, None)  # find_blocks already reported the missing closing fence
    name = "check-in" if block.kind == "checkin" else "quiz"
    # Markdown passes raw HTML through only at the top level (up to 3 spaces of indentation).
    if len(block.indent.expandtabs(4)) > 3:
        return ParsedBlock(
            block,
            None,
            (
                Problem(
                    block.line,
                    (
                        f"a {name} cannot sit inside a list, admonition or tab; "
                        f"move the ```{block.kind} fence and its block to the start of the line"
                    ),
                ),
            ),
        )
    if not block.body.strip():
        return ParsedBlock(
            block,
            None,
            (
                Problem(
                    block.line,
                    (
                        f"this {block.kind} block is empty; write the {name} in YAML as shown in "
                        "'Quizzes and check-ins' in CONTRIBUTING.md"
                    ),
                ),
            ),
        )
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
        return ParsedBlock(
            block,
            None,
            (
                Problem(
                    block.line,
                    (
                        f"this {block.kind} block could not be read ({type(error).__name__}: {error}); "
                        "check it against CONTRIBUTING.md"
                    ),
                ),
            ),
        )


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
