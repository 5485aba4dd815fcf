"""The registry file, published-urls.txt: its format, read and written on plain text.

Clinicians paste our links into emails that clients open months later. The file lists each
published address once, relative to the site's address: a page (`/about/`), a section
(`/about/#review`) or a quiz (`/how-it-helps/#quiz-how-it-helps`). Whether each address still
leads somewhere is decided in registry/resolve.py.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from therapy_site.problems import Problem

FILE_NAME = "published-urls.txt"
UPDATE_ENV = "UPDATE_PUBLISHED_URLS"  # `make urls` builds with this set: new addresses are added
# `make urls` names a file holding the last commit's registry: only those addresses are promises.
COMMITTED_ENV = "COMMITTED_PUBLISHED_URLS"

HEADER = """\
# Every address this site has published, one a line, sorted: a page, a section or a quiz.
# Clinicians paste these links into emails that clients open months later, so each one must
# keep working. Each line is the part of the address after the site's address (site_url),
# starting with '/': '/' is the home page, '/about/#review' a section of the About page.
#
# The build checks every line: it must still lead to a page, to a redirect in mkdocs.yml
# (plugins > redirects > redirect_maps), or to an id on the page. Never delete a line.
# When you add a page, a section or a quiz, run `make urls`: it adds the new addresses here.
# Then commit this file with your change. CONTRIBUTING.md explains how to move a page safely.
"""

# A path of URL segments, each page path ending in '/', then an optional #fragment.
SEGMENT = r"[A-Za-z0-9._~%+-]+"
ADDRESS = re.compile(rf"^/(?:{SEGMENT}/)*(?:{SEGMENT}\.html?)?(?:#(?P<anchor>[A-Za-z0-9_][A-Za-z0-9_.:-]*))?$")


@dataclass(frozen=True, order=True)
class Entry:
    """One address of the registry file and its 1-based line."""

    line: int
    url: str

    @property
    def path(self) -> str:
        return self.url.partition("#")[0]

    @property
    def anchor(self) -> str:
        return self.url.partition("#")[2]


# -- the registry file ----------------------------------------------------------------------------


def page_path(url: str) -> str:
    """MkDocs's page.url ('about/', '' for home) as a registry path ('/about/', '/')."""
    return "/" + url.lstrip("/")


def src_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    stem, _ = posixpath.splitext(src.replace("\\", "/").lstrip("/"))
    parent, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{parent}/" if parent else ""
    if not use_directory_urls:
        return f"{stem}.html"
    return f"{stem}/"


def _shape_hint(text: str) -> str:
    """Why a line is not an address, and how to write it instead."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        rest = "/" + text.split("://", 1)[1].partition("/")[2]
        return f"write only the part after the site's address, e.g. '{rest}'"
    if re.search(r"\s", text):
        return "write one address a line, with no spaces; a note goes on its own line starting with '#'"
    if "?" in text:
        return "remove the '?...' part: addresses carry no query or tracking parameters"
    if text.partition("#")[0].endswith(".md"):
        src = text.partition("#")[0].lstrip("/").removeprefix("docs/")
        anchor = f"#{text.partition('#')[2]}" if "#" in text else ""
        return f"write the page's address, not its file: '{page_path(src_url(src))}{anchor}'"
    if not text.startswith("/"):
        return f"start it with '/', e.g. '/{text}'"
    path, hash_, anchor = text.partition("#")
    if hash_ and not anchor:
        return f"put the section's id after '#', or remove the '#': '{path}'"
    if not path.endswith("/") and not path.endswith((".html", ".htm")):
        return f"a page's address ends with '/', e.g. '{path}/{hash_}{anchor}'"
    return "each line must look like '/about/' or '/about/#review'"


def parse(text: str) -> tuple[list[Entry], list[Problem]]:
    """The addresses of the registry file, and a problem for every line that is not one."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "\x00" in line or not line.isprintable():
            problems.append(
                Problem(number, "this line holds characters that are not text; delete the line, then run `make urls`")
            )
            continue
        if not ADDRESS.match(line):
            shown = line if len(line) <= 80 else line[:77] + "..."
            problems.append(Problem(number, f"'{shown}' is not an address; {_shape_hint(line)}"))
            continue
        if line in first:
            problems.append(
                Problem(number, f"'{line}' is listed twice (first on line {first[line]}); delete this line")
            )
            continue
        first[line] = number
        entries.append(Entry(number, line))
    return entries, problems


def render(urls: Iterable[str]) -> str:
    """The registry file's text: the header, then every address once, sorted."""
    return HEADER + "".join(f"{url}\n" for url in sorted(set(urls), key=sort_key))


def sort_key(url: str) -> tuple[str, str]:
    """Sort by page, then the page's own line first, then its anchors."""
    path, _, anchor = url.partition("#")
    return (path, anchor)


def section_ids(text: str) -> dict[str, set[str]]:
    """Each page's registered section ids ('/about/' -> {'review', ...}); quiz addresses left out."""
    found: dict[str, set[str]] = {}
    for entry in parse(text)[0]:
        if entry.anchor and not entry.anchor.startswith(("quiz-", "checkin-")):
            found.setdefault(entry.path, set()).add(entry.anchor)
    return found


def read_section_ids(project: Path) -> dict[str, set[str]]:
    """The section ids of the project's published-urls.txt ({} when it is missing or unreadable)."""
    try:
        return section_ids((project / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def ids_of_page(ids: dict[str, set[str]], src: str, folder: str = "") -> set[str]:
    """The registered section ids of the page `src` ('about.md') in a language's folder ('es/')."""
    return ids.get(page_path(folder + src_url(src)), set())
