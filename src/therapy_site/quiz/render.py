"""Render quizzes and check-ins to HTML, and the two generated pages to Markdown, with Jinja2.

Templates live in a directory the caller passes in (the theme's `overrides/quiz/`), so editors can
change the words without touching Python. HTML is autoescaped; the Markdown templates switch that
off in the template and escape text with the `md` filter instead.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from therapy_site.quiz.assemble import WARNING_PAGE, resolve_review
from therapy_site.quiz.model import CheckIn, Item, PageQuizzes, ParsedBlock, Quiz
from therapy_site.quiz.site import Entry, Link, Site, entries

Linker = Callable[[str], Link]
# Characters Python-Markdown (and its tables) treat as syntax; a backslash makes them literal.
MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
INDEX_PAGE = "check-your-understanding.md"
ANSWER_KEY_PAGE = "for-clinicians/answer-key.md"
GENERATED = (INDEX_PAGE, ANSWER_KEY_PAGE)  # the pages the build writes from the quizzes


def markdown_text(value: object) -> Markup:
    """Plain text made safe inside Markdown: syntax characters escaped, '<' and '&' as entities."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return Markup(MARKDOWN_SYNTAX.sub(r"\\\1", text))


SLOT = re.compile(r'<div data-quiz-slot="(\d+)"></div>')


def slot_html(number: int) -> str:
    return f'<div data-quiz-slot="{number}"></div>'


def fill_slots(html: str, stash: Sequence[str]) -> str:
    """Put each stashed block's HTML back where Markdown left its slot."""
    return SLOT.sub(lambda match: stash[int(match[1])], html)


def runs(items: Iterable[object], attribute: str) -> list[tuple[object, list[object]]]:
    """Items in their order, in runs that share the attribute's value (Jinja's groupby sorts them first)."""
    return [(value, list(run)) for value, run in itertools.groupby(items, key=attrgetter(attribute))]


def compact(html: str, indent: str = "") -> str:
    """One raw HTML block: no blank lines (Markdown would end the block there), re-indented."""
    lines = (line.strip() for line in html.splitlines())
    return "\n".join(indent + line for line in lines if line)


class Renderer:
    def __init__(self, template_dir: Path | str, words: Callable[..., str]) -> None:
        self.env = Environment(
            loader=FileSystemLoader(str(template_dir)),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["md"] = markdown_text
        self.env.filters["runs"] = runs
        # "{#" opens a Jinja comment, so heading ids are written `{{ "trust" | heading_id }}`.
        self.env.filters["heading_id"] = lambda value: Markup("{#%s}") % value
        self.env.globals["t"] = words  # every word from the page's language (translations/*.yml)
        self.env.filters["shown"] = lambda option: words(option.word) if option.word else option.text

    # -- HTML for one block -------------------------------------------------------------------

    def quiz(self, quiz: Quiz, link: Linker) -> str:
        return compact(self.env.get_template("quiz.html").render(quiz=quiz, link=link))

    def checkin(self, checkin: CheckIn, link: Linker, warning: Link, src_path: str = "") -> str:
        # A statement is a warning sign when the page it points to is the warning-signs page.
        warnings = {s.id for s in checkin.statements if resolve_review(src_path, s.review.target)[0] == WARNING_PAGE}
        return compact(
            self.env.get_template("checkin.html").render(
                checkin=checkin,
                link=link,
                warning=warning,
                warnings=warnings,
            )
        )

    def notice(self, kind: str) -> str:
        return compact(self.env.get_template("notice.html").render(kind=kind))

    def item(self, item: Item, link: Linker, warning: Link, src_path: str = "") -> str:
        if isinstance(item, Quiz):
            return self.quiz(item, link)
        return self.checkin(item, link, warning, src_path)

    # -- a whole page ---------------------------------------------------------------------------

    def page(
        self,
        markdown: str,
        blocks: Sequence[ParsedBlock],
        link: Linker,
        warning: Link,
        src_path: str = "",
        ok: bool = True,
        stash: list[str] | None = None,
    ) -> str:
        """The page's Markdown with each block replaced by its HTML, or by a notice if not `ok`.

        With a `stash`, each block's HTML goes there and the Markdown gets a one-line slot
        (`slot_html(n)`) instead: Python-Markdown then has no large HTML to re-parse.
        """
        lines = markdown.split("\n")
        ordered = sorted(blocks, key=lambda parsed: parsed.block.start)
        rendered = [
            self.item(parsed.item, link, warning, src_path)
            if ok and parsed.item is not None
            else self.notice(parsed.block.kind)
            for parsed in ordered
        ]
        for number in reversed(range(len(ordered))):
            block, html = ordered[number].block, rendered[number]
            if stash is not None:
                html = slot_html(len(stash) + number)
            lines[block.start : block.end] = ["", *compact(html, block.indent).split("\n"), ""]
        if stash is not None:
            stash.extend(rendered)
        return "\n".join(lines)

    def render_page(
        self, markdown: str, page: PageQuizzes, site: Site, ok: bool, stash: list[str] | None = None
    ) -> str:
        """Replace the blocks of `markdown`, the page body they were read from."""
        src = page.src_path
        return self.page(markdown, page.blocks, site.linker(src), site.warning_link(src), src, ok, stash)

    # -- generated pages ------------------------------------------------------------------------

    def index(self, site: Site, src_path: str = INDEX_PAGE) -> str:
        pages = entries(site, src_path, reserved=("quizzes", "check-ins"))
        return self.env.get_template("index.md.html").render(pages=pages)

    def answer_key(self, site: Site, src_path: str = ANSWER_KEY_PAGE, stash: list[str] | None = None) -> str:
        """The answer key's Markdown: headings in Markdown, what sits under each in HTML.

        With a `stash`, each piece of HTML goes there and the Markdown gets a slot, as in `page`.
        """
        reserved = ["about", "check-ins"] + [item.anchor for page in site.with_items() for item in page.items]
        pages = entries(site, src_path, reserved=reserved)
        template = self.env.get_template("answer-key-list.html")

        def html(entry: Entry, item: Item | None = None) -> str:
            written_on = entry.page.src_path

            def review(target: str) -> Link:
                return site.link_from(src_path, written_on, target)

            page = site.href(src_path, written_on)
            text = compact(template.render(item=item, title=entry.title, page=page, review=review))
            if stash is None:
                return text
            stash.append(text)
            return slot_html(len(stash) - 1)

        return self.env.get_template("answer-key.md.html").render(pages=pages, html=html)
