"""A page's quizzes and check-ins put together, and the checks that span pages.

`read_quizzes(page)` reads every block of one page model; `check_site` adds what only the whole
site can tell: quiz ids used twice, review links to pages or sections that do not exist.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from difflib import get_close_matches

from therapy_site import grammar
from therapy_site.page import Page
from therapy_site.quiz.model import CheckIn, Heading, Item, PageQuizzes, Problem, Quiz, Review
from therapy_site.quiz.parse import find_blocks
from therapy_site.quiz.rules import anchors_of, safe_read_block
from therapy_site.quiz.schema import split_review

# The page a check-in points to when a warning-sign statement is rated as a concern.
WARNING_PAGE = "when-it-is-not-healthy.md"


def resolve_review(page_src: str, target: str) -> tuple[str, str]:
    """The (page src path, anchor) a review link points to, resolved like a Markdown link."""
    path, anchor = split_review(target)
    if not path:
        return page_src, anchor
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path)), anchor


def check_page_ids(items: Iterable[Item], page_headings: Iterable[Heading]) -> list[Problem]:
    """Two things on one page may not end up with the same HTML id (links would break)."""
    owners = {heading.id: f"the heading on line {heading.line}" for heading in page_headings}
    problems: list[Problem] = []
    for item in items:
        for anchor, line, owner in anchors_of(item):
            if anchor in owners:
                problems.append(
                    Problem(
                        line,
                        f"{owner} would get the HTML id '{anchor}', already used by {owners[anchor]}; rename one of the ids",
                    )
                )
            else:
                owners[anchor] = owner
    return problems


def read_quizzes(page: Page) -> PageQuizzes:
    """Every quiz and check-in of one page model, each block's problems, and id clashes."""
    blocks, problems = find_blocks(page.fences)
    parsed = tuple(safe_read_block(block) for block in blocks)
    headings = tuple(heading for heading in page.headings if heading.id)
    problems += [problem for block in parsed for problem in block.problems]
    items = [item for block in parsed if (item := block.item or block.draft) is not None]
    problems += check_duplicate_ids(items, {})
    # A repeated id is reported once, above; its second copy would only repeat it as id clashes.
    firsts = [item for index, item in enumerate(items) if item.id not in {other.id for other in items[:index]}]
    problems += check_page_ids(firsts, headings)
    return PageQuizzes(
        page.src, page.title, parsed, tuple(sorted(problems, key=lambda p: p.line)), headings, page.lost_ids
    )


def read_page(markdown: str, line_offset: int = 0, src_path: str = "", title: str = "") -> PageQuizzes:
    """read_quizzes on Markdown without front matter (for tests and tools working on strings)."""
    lines = markdown.split("\n")
    page = Page(
        src_path,
        src_path,
        markdown,
        {"title": title} if title else {},
        {},
        markdown,
        line_offset,
        tuple(grammar.headings(markdown, line_offset)),
        tuple(grammar.fences(lines, line_offset)),
        (),
    )
    return read_quizzes(page)


# -- site-wide checks ---------------------------------------------------------------------------


def reviews_of(item: Item) -> list[tuple[Review, str]]:
    if isinstance(item, Quiz):
        return [(q.review, f"question '{q.id}'" if q.id else "this question") for q in item.questions]
    return [(s.review, f"statement '{s.id}'" if s.id else "this statement") for s in item.statements]


def check_reviews(
    src_path: str,
    items: Iterable[Item],
    page_exists: Callable[[str], bool],
    anchors: Callable[[str], set[str]],
    where: Callable[[str], str] = str,
) -> list[Problem]:
    """Every review link must reach an existing page and, when it names one, an existing heading."""
    problems: list[Problem] = []
    for item in items:
        for review, owner in reviews_of(item):
            if not review.target:
                continue  # a missing review link is reported where it is read
            page, anchor = resolve_review(src_path, review.target)
            if page.startswith("../") or not page_exists(page):
                problems.append(
                    Problem(
                        review.line,
                        f"review link '{review.target}' in {owner} points to a page that does not exist ({where(page)}); check the file name and folder",
                    )
                )
            elif anchor and anchor not in anchors(page):
                guess = get_close_matches(anchor, sorted(anchors(page)), n=1, cutoff=0.6)
                hint = (
                    f"did you mean '#{guess[0]}'?"
                    if guess
                    else f"add {{#{anchor}}} to the heading of the section, or fix the link"
                )
                problems.append(
                    Problem(
                        review.line,
                        f"review link '{review.target}' in {owner} points to '#{anchor}', but {where(page)} has no heading with {{#{anchor}}}; {hint}",
                    )
                )
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
            problems.append(
                Problem(
                    item.line,
                    f"{thing} id '{item.id}' is already used in {known[item.id]}; give this {thing} its own id",
                )
            )
        elif each_other:
            known[item.id] = f"line {item.line}"
    return problems


def check_site(
    pages: Iterable[PageQuizzes],
    page_exists: Callable[[str], bool],
    anchors: Callable[[str], set[str]],
    where: Callable[[str], str] = str,
) -> dict[str, list[Problem]]:
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
