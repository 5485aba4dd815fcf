"""The page model: one read of a page's file gives everything every hook and command needs.

`read_page` takes the file as written (bytes or text) and returns a `Page`: the front matter with
the line of each key, the body and its line offset, every heading with its id and line, every
fenced block by language, every link and image with its line, and the page's own problems
(bad bytes, front matter, heading ids, template placeholders left in). Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from therapy_site import grammar, pagemeta
from therapy_site.problems import Problem


@dataclass(frozen=True)
class Page:
    src: str  # relative to docs/, with forward slashes, in every language: 'about.md'
    file: str  # as an editor sees it: 'docs/about.md', 'docs/about.es.md'
    source: str  # the whole file as text
    meta: dict[str, Any]
    meta_lines: dict[str, int]  # front-matter key -> its source line
    body: str  # what MkDocs renders: the source without its front matter
    offset: int  # source lines before the body
    headings: tuple[grammar.Heading, ...]
    fences: tuple[grammar.Fence, ...]
    links: tuple[grammar.Link, ...]
    problems: tuple[Problem, ...] = field(default=())
    # Registered section ids no heading has, while a heading lacks its id: most likely that
    # heading's, and back once the editor fixes it (so links to them are not mistakes of their own).
    lost_ids: frozenset[str] = field(default=frozenset())

    @property
    def title(self) -> str:
        first = next((heading.text for heading in self.headings if heading.level == 1), "")
        return str(self.meta.get("title") or first)

    def blocks(self, *languages: str) -> list[grammar.Fence]:
        return [fence for fence in self.fences if fence.language in languages]

    def heading_line(self, anchor: str) -> int:
        return next((heading.line for heading in self.headings if heading.id == anchor), 0)

    @property
    def ids(self) -> set[str]:
        return {heading.id for heading in self.headings if heading.id}


def decode(data: bytes | str) -> tuple[str, Problem | None]:
    """The file's text; bad UTF-8 is read with replacement characters and named by its line."""
    if isinstance(data, str):
        return data, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return data.decode("utf-8", errors="replace"), Problem(
            line,
            (
                f"this line holds bytes that are not UTF-8 text (byte {error.start + 1} of the file); "
                "retype the odd characters, or save the file as UTF-8 in your editor"
            ),
        )


def key_lines(source: str) -> dict[str, int]:
    """Each top-level front-matter key and its 1-based source line."""
    match = grammar.FRONT_MATTER.match(source)
    if not match:
        return {}
    try:
        node = yaml.compose(match.group(1), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}  # the YAML error itself is reported by pagemeta.read_front_matter
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 2 for key, _ in node.value}  # +1 line, +1 '---'


def read_page(
    src: str, data: bytes | str, docs_prefix: str = "docs", file_name: str = "", registered: Iterable[str] = ()
) -> Page:
    """Read one page once; `docs_prefix` is the docs folder as the editor sees it.

    `src` names the page in every language ('about.md'); `file_name`, when it differs, is the
    file itself ('about.es.md', the page in Spanish). `registered` are the section ids
    published-urls.txt lists for the page (a heading without an id is offered its lost one).
    """
    file = f"{docs_prefix}/{file_name or src}" if docs_prefix else file_name or src
    source, bad_bytes = decode(data)
    source = source.replace("\r\n", "\n")
    body, offset = grammar.split_front_matter(source)
    meta, problems = pagemeta.read_front_matter(source)
    lines = key_lines(source)
    headings = tuple(grammar.headings(body, offset))
    if not problems:
        closing = grammar.FRONT_MATTER.match(source)  # a missing key is named on the closing '---'
        problems = pagemeta.front_matter_problems(meta, lines, closing.group(0).count("\n") if closing else 1)
    found = [*problems, *pagemeta.heading_problems(headings, registered), *pagemeta.placeholder_problems(source)]
    if bad_bytes:
        found.insert(0, bad_bytes)
    lost = frozenset(registered) - {h.id for h in headings if h.id}
    missing_id = any(heading.level in (2, 3) and not heading.id for heading in headings)
    return Page(
        src=src,
        file=file,
        source=source,
        meta=meta,
        meta_lines=lines,
        body=body,
        offset=offset,
        headings=headings,
        fences=tuple(grammar.fences(body.split("\n"), offset)),
        links=tuple(grammar.links(body, offset)),
        problems=tuple(sorted(problem.at(file) for problem in found)),
        lost_ids=lost if missing_id else frozenset(),
    )
