"""Self-check quizzes and reflection check-ins: parse, validate and render fenced YAML blocks.

Plain Python with no MkDocs import; `hooks/quizzes.py` is the thin glue. The flow per build:

1. `read_page(markdown, line_offset, src_path, title)` for every page -> `PageQuizzes`
2. `Site(pages, page_exists, href).problems(where)` -> every problem, per page, with lines
3. `Renderer(template_dir).render_page(...)`, `.index(site)`, `.answer_key(site)`
"""

from therapy_site.quiz.model import (
    QUESTION_TYPES, Block, CheckIn, Heading, Item, Option, PageQuizzes, ParsedBlock, Problem,
    Question, Quiz, Review, Statement,
)
from therapy_site.quiz.parse import find_blocks, front_matter_offset, heading_ids, headings
from therapy_site.quiz.render import ANSWER_KEY_PAGE, INDEX_PAGE, Renderer, fill_slots
from therapy_site.quiz.site import Link, Site
from therapy_site.quiz.validate import (
    anchors_of, check_duplicate_ids, check_reviews, check_site, read_block, read_page, resolve_review,
)

__all__ = [
    "ANSWER_KEY_PAGE", "INDEX_PAGE", "QUESTION_TYPES", "Block", "CheckIn", "Heading", "Item",
    "Link", "Option", "anchors_of", "PageQuizzes", "ParsedBlock", "Problem", "Question", "Quiz", "Renderer",
    "Review", "Site", "Statement", "check_duplicate_ids", "check_reviews", "check_site", "fill_slots",
    "find_blocks", "front_matter_offset", "heading_ids", "headings", "read_block", "read_page",
    "resolve_review",
]
