"""Self-check quizzes and reflection check-ins: parse, validate and render fenced YAML blocks.

Plain Python with no MkDocs import; `hooks/quizzes.py` is the thin glue. The flow per build:

1. `read_quizzes(page)` for every page model (therapy_site.page) -> `PageQuizzes`
2. `Site(pages, page_exists, href).problems(where)` -> every problem, per page, with lines
3. `Renderer(template_dir).render_page(...)`, `.index(site)`, `.answer_key(site)`

The modules: `schema` (reading YAML nodes against a schema), `rules` (what makes a quiz or
check-in right), `assemble` (a page's blocks together, and the checks across pages), `render`.
"""

from therapy_site.quiz.assemble import (
    WARNING_PAGE,
    check_duplicate_ids,
    check_reviews,
    check_site,
    read_page,
    read_quizzes,
    resolve_review,
)
from therapy_site.quiz.model import (
    QUESTION_TYPES,
    Block,
    CheckIn,
    Heading,
    Item,
    Option,
    PageQuizzes,
    ParsedBlock,
    Problem,
    Question,
    Quiz,
    Review,
    Statement,
)
from therapy_site.quiz.parse import find_blocks
from therapy_site.quiz.render import ANSWER_KEY_PAGE, GENERATED, INDEX_PAGE, Renderer, fill_slots
from therapy_site.quiz.rules import anchors_of, read_block
from therapy_site.quiz.site import Link, Site, nav_order, read_site

__all__ = [
    "ANSWER_KEY_PAGE",
    "GENERATED",
    "INDEX_PAGE",
    "QUESTION_TYPES",
    "WARNING_PAGE",
    "Block",
    "CheckIn",
    "Heading",
    "Item",
    "Link",
    "Option",
    "PageQuizzes",
    "ParsedBlock",
    "Problem",
    "Question",
    "Quiz",
    "Renderer",
    "Review",
    "Site",
    "Statement",
    "anchors_of",
    "check_duplicate_ids",
    "check_reviews",
    "check_site",
    "fill_slots",
    "find_blocks",
    "nav_order",
    "read_block",
    "read_page",
    "read_quizzes",
    "read_site",
    "resolve_review",
]
