"""The registry of published addresses: every URL the site has ever given out must keep working.

Clinicians paste our links into emails that clients open months later. `published-urls.txt`, at
the project root, lists each published address once, relative to the site's address: a page
(`/about/`), a section (`/about/#review`) or a quiz (`/how-it-helps/#quiz-how-it-helps`).
This module reads and writes that file and decides, on plain data, whether each address still
leads somewhere: to a page, to a redirect made with mkdocs-redirects, or to an id on the page.
No MkDocs import: hooks/link_registry.py gathers the data during a build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from therapy_site.fences import outside_fences
from therapy_site.pagemeta import Problem

FILE_NAME = "published-urls.txt"
UPDATE_ENV = "UPDATE_PUBLISHED_URLS"  # `make urls` builds with this set: new addresses are added

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
# The ids a quiz or check-in publishes (internal ids such as 'quiz-x--title' hold '--').
QUIZ_ANCHOR = re.compile(r"^(?:quiz|checkin)-[a-z0-9]+(?:-[a-z0-9]+)*$")
HTML_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
HEADING_ID = re.compile(r"^\s{0,3}#{1,6}\s.*\{[^}]*#(?P<id>[A-Za-z0-9_-]+)[^}]*\}\s*$")


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


@dataclass(frozen=True, order=True)
class Published:
    """An address the build publishes, and where it comes from (for 'docs/page.md:LINE')."""

    url: str
    src: str = ""  # the page's source, relative to docs/
    line: int = 1  # the source line of its heading or quiz


@dataclass(frozen=True)
class Redirect:
    """One redirect_maps entry of mkdocs-redirects: old page -> new page (or another site)."""

    old_src: str  # as written in mkdocs.yml, e.g. 'old-name.md'
    target: str  # as written, e.g. 'new-name.md#section' or 'https://...'
    target_src: str = ""  # the Markdown page it leads to ('' for another site)
    fragment: str = ""  # the #section it leads to, without '#'

    @property
    def external(self) -> bool:
        return self.target.lower().startswith(("http://", "https://"))


@dataclass
class Site:
    """What a build published: page addresses with their ids, and the redirects."""

    pages: dict[str, set[str]] = field(default_factory=dict)  # '/about/' -> ids on the page
    sources: dict[str, str] = field(default_factory=dict)  # '/about/' -> 'about.md'
    redirects: dict[str, Redirect] = field(default_factory=dict)  # '/old/' -> Redirect

    def add_page(self, src: str, url: str, ids: Iterable[str]) -> None:
        path = page_path(url)
        self.pages[path] = set(ids)
        self.sources[path] = src


# -- addresses ------------------------------------------------------------------------------------


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


def guess_src(path: str) -> str:
    """The Markdown file a page address most likely came from: '/a/b/' -> 'a/b.md'."""
    stem = path.strip("/")
    if not stem:
        return "index.md"
    if stem.endswith((".html", ".htm")):
        return posixpath.splitext(stem)[0] + ".md"
    return stem + ".md"


def html_ids(html: str) -> set[str]:
    """Every id attribute in a page's HTML: the anchors a link may point to."""
    return {next(group for group in match.groups() if group is not None) for match in HTML_ID.finditer(html)}


def is_quiz_anchor(anchor: str) -> bool:
    return bool(QUIZ_ANCHOR.match(anchor))


def heading_lines(markdown: str, line_offset: int = 0) -> dict[str, int]:
    """The source line of each explicit heading id ('## Title {#id}'), outside code blocks."""
    lines: dict[str, int] = {}
    for number, line in outside_fences(markdown, line_offset):
        found = HEADING_ID.match(line)
        if found:
            lines.setdefault(found.group("id"), number)
    return lines


# -- the registry file ----------------------------------------------------------------------------


def _shape_hint(text: str) -> str:
    """Why a line is not an address, and how to write it instead."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        rest = "/" + text.split("://", 1)[1].partition("/")[2]
        return f"write only the part after the site's address, e.g. '{rest}'"
    if re.search(r"\s", text):
        return ("write one address a line, with no spaces; a note goes on its own line "
                "starting with '#'")
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
            problems.append(Problem(number, "this line holds characters that are not text; "
                                            "delete the line, then run `make urls`"))
            continue
        if not ADDRESS.match(line):
            shown = line if len(line) <= 80 else line[:77] + "..."
            problems.append(Problem(number, f"'{shown}' is not an address; {_shape_hint(line)}"))
            continue
        if line in first:
            problems.append(Problem(number, f"'{line}' is listed twice (first on line {first[line]}); "
                                            "delete this line"))
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


def merge(entries: Iterable[Entry], published: Iterable[Published]) -> tuple[str, list[str]]:
    """The file with every new address added (none removed), and the addresses that were added."""
    known = {entry.url for entry in entries}
    added = sorted({item.url for item in published} - known, key=sort_key)
    return render(known | set(added)), added


# -- redirects ------------------------------------------------------------------------------------


def read_redirects(redirect_maps: Mapping[object, object], pages: Iterable[str],
                   use_directory_urls: bool = True) -> tuple[dict[str, Redirect], list[tuple[str, str]]]:
    """mkdocs-redirects' redirect_maps as registry paths, and (old name, problem) for each bad one.

    `pages` are the source paths of the site's Markdown pages, relative to docs/.
    """
    known = {src.replace("\\", "/") for src in pages}
    redirects: dict[str, Redirect] = {}
    problems: list[tuple[str, str]] = []
    for old_raw, new_raw in redirect_maps.items():
        old, new = str(old_raw).strip(), str(new_raw if new_raw is not None else "").strip()
        written = f"'{old}: {new}'"
        if not old.endswith(".md"):
            problems.append((old, f"the redirect {written} must start from the old page's file name, "
                                  "ending in '.md', e.g. 'old-name.md: new-name.md'"))
            continue
        old = old.lstrip("/")
        if old in known:
            problems.append((old, f"the redirect {written} starts from a page that still exists "
                                  f"(docs/{old}); the redirect would replace it: remove the redirect, "
                                  "or the page"))
            continue
        if not new:
            problems.append((old, f"the redirect {written} has no new page; write the page it moved "
                                  "to after the ':', e.g. 'new-name.md'"))
            continue
        redirect = Redirect(old, new)
        if not redirect.external:
            target, _, fragment = new.partition("#")
            target = target.lstrip("/")
            if target not in known:
                problems.append((old, f"the redirect {written} points to a page that does not exist "
                                      f"(docs/{target}); point it at an existing page in docs/, "
                                      "written as its file name"))
                continue
            redirect = Redirect(old, new, target, fragment)
        redirects[page_path(src_url(old, use_directory_urls))] = redirect
    return redirects, problems


# -- checking -------------------------------------------------------------------------------------


def _restore(anchor: str, src: str) -> str:
    if is_quiz_anchor(anchor):
        if anchor.startswith("checkin-"):
            kind, prefix, part = "check-in", "checkin", "statement"
        else:
            kind, prefix, part = "quiz", "quiz", "question"
        return (f"restore the {kind} or {part} whose id makes '#{anchor}' in docs/{src} "
                f"(the addresses are #{prefix}-ID and #{prefix}-ID-{part.upper()}); "
                "ids of quizzes and questions must never change")
    return (f"restore the id {{#{anchor}}} on its heading in docs/{src} (you may change the "
            "heading's words, never its id)")


def unresolved(entry: Entry, site: Site, new_page: str = "") -> str | None:
    """None if the address still leads somewhere; otherwise what is wrong and how to fix it."""
    path, anchor = entry.path, entry.anchor
    if path in site.pages:
        if not anchor or anchor in site.pages[path]:
            return None
        return f"'{entry.url}' no longer leads to its section: {_restore(anchor, site.sources[path])}"
    redirect = site.redirects.get(path)
    if redirect is not None:
        if redirect.external:
            return None
        target = page_path_of(redirect.target_src, site)
        if target is None:
            return (f"'{entry.url}' is redirected to docs/{redirect.target_src}, which is not a page "
                    "of the site; fix the redirect in mkdocs.yml")
        if redirect.fragment and anchor:
            return (f"'{entry.url}' is redirected to a section ('{redirect.target}'), so its own "
                    f"'#{anchor}' is lost; point the redirect in mkdocs.yml at the page "
                    f"('{redirect.target_src}') instead")
        wanted = anchor or redirect.fragment
        if not wanted or wanted in site.pages[target]:
            return None
        return (f"'{entry.url}' is redirected to docs/{redirect.target_src}, which has no "
                f"'#{wanted}': {_restore(wanted, redirect.target_src)}")
    src = guess_src(path)
    return (f"'{entry.url}' no longer leads to a page (was it docs/{src}?); if the page was "
            f"renamed or moved, add a redirect in mkdocs.yml under plugins > redirects > "
            f"redirect_maps, e.g. '{src}: {new_page or 'new-name.md'}'; if it was deleted, "
            "redirect it to the page that replaces it")


def page_path_of(src: str, site: Site) -> str | None:
    for path, page_src in site.sources.items():
        if page_src == src:
            return path
    return None


def check(entries: Iterable[Entry], site: Site) -> list[Problem]:
    """A problem for each registered address that no longer leads anywhere.

    When a whole page is gone, its first line carries the one fix (a redirect) and counts the
    page's other addresses, instead of repeating it for every section.
    """
    entries = list(entries)
    registered = {entry.path for entry in entries}
    new_pages = sorted(src for path, src in site.sources.items() if path not in registered)
    new_page = new_pages[0] if len(new_pages) == 1 else ""
    gone: dict[str, list[Entry]] = {}
    problems = []
    for entry in entries:
        if entry.path not in site.pages and entry.path not in site.redirects:
            gone.setdefault(entry.path, []).append(entry)
            continue
        message = unresolved(entry, site)
        if message:
            problems.append(Problem(entry.line, message))
    for path, lost in gone.items():
        first = min(lost, key=lambda entry: (entry.anchor != "", entry.line))
        message = unresolved(Entry(first.line, path), site, new_page) or ""
        others = sorted(entry.line for entry in lost if entry is not first)
        if others:
            message += (f" (this also mends its {len(others)} other address"
                        f"{'es' if len(others) != 1 else ''}, on line{'s' if len(others) != 1 else ''} "
                        f"{_line_ranges(others)})")
        problems.append(Problem(first.line, message))
    return sorted(problems)


def _line_ranges(lines: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9'."""
    parts: list[str] = []
    start = previous = lines[0]
    for line in lines[1:] + [None]:  # type: ignore[list-item]
        if line is not None and line == previous + 1:
            previous = line
            continue
        parts.append(f"{start}-{previous}" if previous != start else f"{start}")
        if line is not None:
            start = previous = line
    return ", ".join(parts)


def unregistered(published: Iterable[Published], entries: Iterable[Entry]) -> list[Published]:
    """Addresses the build publishes that the registry does not list yet, in file order."""
    known = {entry.url for entry in entries}
    return sorted({item for item in published if item.url not in known},
                  key=lambda item: (item.src, item.line, sort_key(item.url)))


def unregistered_problems(published: Iterable[Published], entries: Iterable[Entry],
                          file_name: str = FILE_NAME) -> list[tuple[str, Problem]]:
    """(page source, problem) for each new address; a new page is one problem, not one a section."""
    fix = "run `make urls` to add {}, then commit " + f"{file_name} with your change"
    missing = unregistered(published, entries)
    new_pages = {item.url for item in missing if "#" not in item.url}
    found: list[tuple[str, Problem]] = []
    for item in missing:
        path = item.url.partition("#")[0]
        if "#" not in item.url:
            more = sum(1 for other in missing if other.url.startswith(path + "#"))
            also = f" and its {more} section{'s' if more != 1 else ''}" if more else ""
            found.append((item.src, Problem(item.line, f"the new page '{item.url}'{also} "
                                                       f"{'are' if more else 'is'} not in {file_name}; {fix.format('them' if more else 'it')}")))
        elif path not in new_pages:
            found.append((item.src, Problem(item.line, f"the new address '{item.url}' is not in {file_name}; "
                                                       f"{fix.format('it')}")))
    return found


def published_of_page(src: str, url: str, sections: Mapping[str, int],
                      quiz_anchors: Iterable[tuple[str, int]], ids: set[str]) -> list[Published]:
    """What one page publishes: its address, its sections, and the quiz anchors on the page.

    `sections` maps each section id (h2 and deeper, from the table of contents) to its source line;
    `quiz_anchors` come from the quiz engine, and count only once they are rendered (in `ids`).
    """
    path = page_path(url)
    found = [Published(path, src, 1)]
    found += [Published(f"{path}#{anchor}", src, line) for anchor, line in sections.items()]
    found += [Published(f"{path}#{anchor}", src, line) for anchor, line in quiz_anchors
              if anchor in ids and anchor not in sections]
    return found
