"""The quiz and check-in data model: plain frozen records, built only from validated blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

from therapy_site.grammar import Heading as Heading
from therapy_site.problems import Problem as Problem

# The question types editors may write, in the order the docs list them.
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "true-false", "scenario")


@dataclass(frozen=True)
class Review:
    """A `review` link as written (`#id` or `page.md#id`) and the line it is on."""

    target: str
    line: int


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""
    word: str = ""  # a key of the words table that replaces `text` (True and False)


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    options: tuple[Option, ...]
    explanation: str
    review: Review
    scenario: tuple[str, ...] = ()  # paragraphs of the story, for `scenario` questions
    line: int = 0

    @property
    def expected(self) -> tuple[Option, ...]:
        """The options a reader should choose."""
        return tuple(option for option in self.options if option.correct)

    @property
    def is_multiple(self) -> bool:
        return self.type == "multiple"


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    questions: tuple[Question, ...]
    line: int = 0  # the line of the `id`, so duplicate ids can point at it

    kind: str = field(default="quiz", init=False)

    @property
    def anchor(self) -> str:
        return f"quiz-{self.id}"


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    concern: tuple[str, ...]
    review: Review
    line: int = 0


@dataclass(frozen=True)
class CheckIn:
    id: str
    title: str
    scale: tuple[str, ...]
    statements: tuple[Statement, ...]
    quick_exit: bool = False
    line: int = 0

    kind: str = field(default="checkin", init=False)

    @property
    def anchor(self) -> str:
        return f"checkin-{self.id}"


Item = Quiz | CheckIn


@dataclass(frozen=True)
class Block:
    """A fenced ```quiz or ```checkin block found in a page's Markdown."""

    kind: str  # "quiz" or "checkin"
    start: int  # 0-based index of the opening fence line in the Markdown
    end: int  # 0-based index just past the closing fence (or the last line if unclosed)
    indent: str  # the fence's indentation, repeated on the rendered HTML
    body: str  # the YAML inside the fence, with the fence's indentation removed
    line: int  # 1-based source line of the opening fence (front matter included)
    closed: bool = True


@dataclass(frozen=True)
class ParsedBlock:
    """A block and what it became: a quiz or check-in, or None when it has problems.

    `draft` is what could be read even when there are problems, so the site-wide checks
    (review links, duplicate ids) still report everything in one build.
    """

    block: Block
    item: Item | None
    problems: tuple[Problem, ...] = ()
    draft: Item | None = None


@dataclass(frozen=True)
class PageQuizzes:
    """Everything the engine learnt about one page."""

    src_path: str  # relative to docs_dir, with forward slashes
    title: str
    blocks: tuple[ParsedBlock, ...]
    problems: tuple[Problem, ...]  # all problems found on this page alone
    headings: tuple[Heading, ...] = ()
    lost_ids: frozenset[str] = frozenset()  # ids the page's own mistake took off (page.Page.lost_ids)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(parsed.item for parsed in self.blocks if parsed.item is not None)

    @property
    def drafts(self) -> tuple[Item, ...]:
        """Every item as far as it could be read, problems or not (for site-wide checks)."""
        return tuple(item for parsed in self.blocks if (item := parsed.item or parsed.draft) is not None)

    @property
    def quizzes(self) -> tuple[Quiz, ...]:
        return tuple(item for item in self.items if isinstance(item, Quiz))

    @property
    def checkins(self) -> tuple[CheckIn, ...]:
        return tuple(item for item in self.items if isinstance(item, CheckIn))
