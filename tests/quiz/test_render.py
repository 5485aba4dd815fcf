"""Rendered HTML: golden files per question type, search exclusion and escaping.

Regenerate the golden files after an intended template change with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/quiz/test_render.py` and review the diff.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from site_words import ENGLISH

from therapy_site.quiz import (
    ANSWER_KEY_PAGE,
    CheckIn,
    Link,
    Option,
    Question,
    Quiz,
    Renderer,
    Review,
    Site,
    Statement,
    fill_slots,
    read_page,
)

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
TEMPLATES = ROOT / "overrides" / "quiz"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

BLOCKS = {
    "single": """\
id: demo
title: Check your understanding
questions:
  - id: empathy
    type: single
    prompt: What does "accurate empathy" mean?
    options:
      - text: Your therapist understands how you feel & shows it.
        correct: true
        feedback: Yes. They get how it feels for you.
      - text: Your therapist feels exactly what you feel.
        feedback: Not quite. Empathy is understanding, not sharing.
    explanation: Empathy means your therapist understands your feelings and checks with you.
    review: "#empathy"
""",
    "multiple": """\
id: demo
title: Check your understanding
questions:
  - id: good-signs
    type: multiple
    prompt: Which of these are good signs? Choose all that apply.
    options:
      - text: You feel listened to.
        correct: true
      - text: You can say when something does not help.
        correct: true
      - text: Your therapist decides your goals for you.
        feedback: Goals are agreed together.
    explanation: In a good relationship you feel heard and you work as a team.
    review: "#collaboration"
""",
    "true-false": """\
id: demo
title: Check your understanding
questions:
  - id: secrets
    type: true-false
    prompt: A therapist may ask you to keep your sessions a secret.
    answer: false
    explanation: You can always talk about your therapy with anyone.
    review: when-it-is-not-healthy.md#warning-signs
""",
    "scenario": """\
id: demo
title: Check your understanding
questions:
  - id: coffee
    type: scenario
    scenario: |
      Sam has seen a therapist for two months.

      The therapist suggests meeting for coffee.
    prompt: What is the best way to see this?
    options:
      - text: It crosses a professional boundary.
        correct: true
      - text: It shows the therapy is going well.
        feedback: Not quite. Meetings outside therapy blur the boundary.
    explanation: Contact outside sessions that is not part of the therapy is a warning sign.
    review: when-it-is-not-healthy.md#warning-signs
""",
    "checkin": """\
id: how-is-it-going
title: How is your therapy relationship going?
scale: [Rarely, Sometimes, Often]
quick_exit: true
statements:
  - id: heard
    text: I feel heard when I talk in sessions.
    concern: [Rarely]
    review: what-a-good-relationship-feels-like.md#listening
  - id: pressure
    text: I feel pressure to keep my therapy secret.
    concern: [Sometimes, Often]
    review: when-it-is-not-healthy.md#warning-signs
""",
}


def fake_link(target: str) -> Link:
    """Links as MkDocs would make them from a top-level page with directory URLs."""
    path, _, anchor = target.partition("#")
    href = ("../" + path.removesuffix(".md") + "/" if path else "") + (f"#{anchor}" if anchor else "")
    return Link(href, f"Section {anchor or path}")


WARNING = Link("../when-it-is-not-healthy/", "When it is not healthy")


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(TEMPLATES, ENGLISH)


def rendered(renderer: Renderer, name: str) -> str:
    kind = "checkin" if name == "checkin" else "quiz"
    page = read_page(f"```{kind}\n{BLOCKS[name]}```\n", 0, "topic.md")
    assert page.problems == ()
    return renderer.item(page.items[0], fake_link, WARNING, "topic.md")


class Text(HTMLParser):
    """Visible text, split into what search may index and what sits in data-search-exclude."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is it (or an ancestor) excluded?
        self.indexed: list[str] = []
        self.excluded: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [value or "" for _name, value in attrs]
        if tag not in VOID:
            excluded = any(name == "data-search-exclude" for name, _value in attrs)
            self.stack.append(excluded or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        (self.excluded if self.stack and self.stack[-1] else self.indexed).append(data)


def split_text(html: str) -> Text:
    parser = Text()
    parser.feed(html)
    parser.close()
    assert parser.stack == [], "every element must be closed"
    return parser


@pytest.mark.parametrize("name", BLOCKS)
def test_html_matches_the_golden_file(renderer: Renderer, name: str) -> None:
    html = rendered(renderer, name)
    golden = GOLDEN / f"{name}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == golden.read_text(encoding="utf-8"), f"run UPDATE_GOLDEN=1 to accept changes to {golden.name}"


@pytest.mark.parametrize("name", BLOCKS)
def test_html_is_one_raw_block_without_blank_lines(renderer: Renderer, name: str) -> None:
    html = rendered(renderer, name)
    assert "\n\n" not in html and not re.search(r"^\s", html, re.MULTILINE)
    assert re.match(r'<section class="quiz[^"]*" id="(quiz|checkin)-', html)


@pytest.mark.parametrize("name", [name for name in BLOCKS if name != "checkin"])
def test_answers_and_explanations_live_only_in_search_excluded_elements(renderer: Renderer, name: str) -> None:
    page = read_page(f"```quiz\n{BLOCKS[name]}```\n")
    question = page.quizzes[0].questions[0]
    text = split_text(rendered(renderer, name))
    indexed, excluded = " ".join(text.indexed), " ".join(text.excluded)
    secrets = [question.explanation, "The answer", "Show answer", "Read more"]
    secrets += [option.feedback for option in question.options if option.feedback]
    for secret in secrets:
        assert secret not in indexed
    assert question.explanation in excluded
    # Per-option feedback is only in data- attributes, read by quiz.js after "Check answer".
    for option in question.options:
        if option.feedback:
            assert option.feedback not in excluded and option.feedback in text.attributes


def test_a_search_parser_would_find_the_questions_but_not_the_answers(renderer: Renderer) -> None:
    # The site fills quizzes in after search has indexed the page; this guards a theme that would not.
    from material.plugins.search.plugin import Parser  # the parser Material's search plugin uses

    html = "<h2 id='check'>Check</h2>" + "".join(rendered(renderer, name) for name in BLOCKS)
    parser = Parser()
    parser.feed(html)
    parser.close()
    indexed = " ".join("".join(section.text) for section in parser.data)
    assert "What does" in indexed and "Which of these are good signs?" in indexed
    for secret in (
        "Empathy means",
        "Goals are agreed",
        "answer we'd expect",
        "Show answer",
        "Check answer",
        "Which pages can help",
    ):
        assert secret not in indexed


@pytest.mark.parametrize(
    ("concerns", "headings"),
    [
        # each statement's ratings to look out for | the guide's lines over its lists, in order
        ([("Rarely",), ("Rarely",), ("Often",)], ["If you chose Rarely", "If you chose Often"]),
        ([("Rarely",), ("Often",), ("Rarely",)], ["If you chose Rarely", "If you chose Often", "If you chose Rarely"]),
        ([("Sometimes", "Often")], ["If you chose Sometimes or Often"]),
        ([(), ("Often",)], ["About these statements", "If you chose Often"]),
    ],
)
def test_the_check_in_guide_groups_statements_in_runs_and_keeps_their_order(
    renderer: Renderer, concerns: list[tuple[str, ...]], headings: list[str]
) -> None:
    statements = tuple(
        Statement(f"s{n}", f"Statement {n}.", concern, Review(f"#r{n}", 1)) for n, concern in enumerate(concerns)
    )
    checkin = CheckIn("c", "Title", ("Rarely", "Sometimes", "Often"), statements)
    html = renderer.checkin(checkin, lambda target: Link(target, target), Link("#w", "Warning"))
    guide = html.split('class="quiz__answer checkin__guide"', 1)[1]
    assert [line.split(" for ")[0].split(":")[0] for line in re.findall(r"<p>([^<]*)</p>\n<ul>", guide)] == headings
    # quiz.js takes the n-th link for the n-th statement.
    assert re.findall(r'<li>[^<]*<a href="([^"]+)">', guide) == [f"#r{n}" for n in range(len(concerns))]


def test_text_is_always_escaped(renderer: Renderer) -> None:
    """Validation rejects HTML, but the templates must never trust text either."""
    evil = '<script>alert("x")</script>'
    question = Question("q", "single", evil, (Option(evil, True, evil), Option("b")), evil, Review("#a", 1), (evil,))
    quiz = Quiz("q", evil, (question,))
    checkin = CheckIn("c", evil, (evil, "b"), (Statement("s", evil, (evil,), Review("#a", 1)),))
    for html in (
        renderer.quiz(
            quiz,
            lambda _t: Link('"><script>', evil),
        ),
        renderer.checkin(checkin, lambda _t: Link("#a", evil), Link("#w", evil)),
    ):
        assert "<script" not in html
        assert "&lt;script&gt;" in html


def test_buttons_start_hidden_so_nothing_can_be_sent_without_javascript(renderer: Renderer) -> None:
    for name in BLOCKS:
        for button in re.findall(r"<button[^>]*>", rendered(renderer, name)):
            assert " hidden" in button
            if 'type="submit"' in button:
                assert " disabled" in button


def test_every_heading_has_an_id_and_every_input_a_label(renderer: Renderer) -> None:
    for name in BLOCKS:
        html = rendered(renderer, name)
        assert not re.search(r"<h[1-6](?![^>]*\bid=)", html)
        # Each option's words name its input: the <label> holds both (no ids to keep in step).
        inputs = re.findall(r"<input\b", html)
        assert inputs and len(re.findall(r"<label><input\b", html)) == len(inputs)


def test_a_page_with_problems_shows_a_notice_instead_of_half_a_quiz(renderer: Renderer) -> None:
    markdown = f"# Topic\n\nText.\n```quiz\n{BLOCKS['single']}```\nMore text.\n"
    page = read_page(markdown)
    out = renderer.page(markdown, page.blocks, fake_link, WARNING, "topic.md", ok=False)
    assert out == '# Topic\n\nText.\n\n<p class="quiz-notice">This quiz is not available right now.</p>\n\nMore text.\n'


def test_blocks_keep_their_indentation_and_are_surrounded_by_blank_lines(renderer: Renderer) -> None:
    indented = "".join("  " + line + "\n" for line in BLOCKS["true-false"].splitlines())
    markdown = f"Text.\n  ```quiz\n{indented}  ```\nMore.\n"
    page = read_page(markdown)
    assert page.problems == ()
    lines = renderer.page(markdown, page.blocks, fake_link, WARNING, "topic.md").split("\n")
    assert lines[:2] == ["Text.", ""] and lines[2].startswith('  <section class="quiz"')
    assert all(line.startswith("  ") and not line[2].isspace() for line in lines[2:-3])
    assert lines[-3:] == ["", "More.", ""]


def answer_key_site() -> Site:
    """A topic page with every kind of block, and the pages its review links point to."""
    blocks = "".join(
        f"```{'checkin' if name == 'checkin' else 'quiz'}\n"
        + re.sub(r"^id: \S+", f"id: {name}", text, count=1, flags=re.M)
        + "```\n\n"
        for name, text in BLOCKS.items()
    )
    topic = read_page(
        f"# Topic\n\n## Empathy {{#empathy}}\n\n## Together {{#collaboration}}\n\n{blocks}", 0, "topic.md", "Topic"
    )
    warning = read_page(
        "# When\n\n## Signs {#warning-signs}\n", 0, "when-it-is-not-healthy.md", "When it is not healthy"
    )
    good = read_page("# Good\n\n## Listening {#listening}\n", 0, "what-a-good-relationship-feels-like.md", "Good")
    assert topic.problems == ()
    pages = {page.src_path: page for page in (topic, warning, good)}
    url = {src: "" if src == "index.md" else src.removesuffix(".md") + "/" for src in [*pages, ANSWER_KEY_PAGE]}
    # Relative URLs between directory-style pages, as MkDocs' get_relative_url gives them.
    href = lambda a, b: os.path.relpath(url[b] or ".", url[a] or ".").replace(os.sep, "/") + "/"  # noqa: E731
    return Site(pages.values(), page_exists=lambda src: src in pages, href=href)


def test_the_answer_key_lists_each_item_as_html_in_a_slot(renderer: Renderer) -> None:
    site = answer_key_site()
    stash: list[str] = []
    markdown = renderer.answer_key(site, stash=stash)
    assert len(stash) == 1 + len(BLOCKS)  # under the page's heading, then under each item's
    assert markdown.count('<div data-quiz-slot="') == len(stash)
    # A slot is only a placeholder: filled in, the page says what it says without a stash.
    assert fill_slots(markdown, stash) == renderer.answer_key(site)
    html = "".join(stash)
    # Links go from the answer key's own address (for-clinicians/answer-key/) to the section.
    assert '<a href="../../topic/#empathy">Empathy</a>' in html
    assert '<a href="../../when-it-is-not-healthy/#warning-signs">Signs</a>' in html
    assert "Answer we expect: <strong>Your therapist understands how you feel &amp; shows it.</strong>" in html
    assert "Ratings that point to help: Sometimes, Often" in html
    assert '<p>Page: <a href="../../topic/">Topic</a></p>' in html
    assert '<a href="../../topic/#quiz-single">Open this quiz on its page</a>' in html
    assert '<a href="../../topic/#checkin-checkin">Open this check-in on its page</a>' in html
    # Only headings stay Markdown (ids, section links, the table of contents): the rest is slots.
    body = markdown.split("\n## Topic {#topic}\n", 1)[1]
    prose = [line for line in body.split("\n") if line and not line.startswith(("#", '<div data-quiz-slot="'))]
    assert prose == []
    assert "### " in markdown and "{#quiz-" in markdown


def test_the_check_in_guide_links_each_statement_in_order(renderer: Renderer) -> None:
    # quiz.js builds the summary from these links: the n-th link belongs to the n-th statement.
    html = rendered(renderer, "checkin")
    statements = read_page(f"```checkin\n{BLOCKS['checkin']}```\n").checkins[0].statements
    guide = html.split('class="quiz__answer checkin__guide"', 1)[1]
    links = re.findall(r'<li>[^<]*<a href="([^"]+)">', guide)
    assert links == [fake_link(statement.review.target).href for statement in statements]
    assert "data-href" not in html
