"""Whether each registered address still leads somewhere: a page, a redirect, or an id on a page.

Plain data in, problems out: hooks/link_registry.py gathers, page by page, the ids of the rendered
HTML and what each page publishes; mkdocs-redirects' redirect_maps give the moved pages.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from therapy_site.problems import Problem
from therapy_site.registry.file import FILE_NAME, Entry, page_path, render, sort_key, src_url

# The ids a quiz or check-in publishes (internal ids such as 'quiz-x--title' hold '--').
QUIZ_ANCHOR = re.compile(r"^(?:quiz|checkin)-[a-z0-9]+(?:-[a-z0-9]+)*$")


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


def guess_src(path: str) -> str:
    """The Markdown file a page address most likely came from: '/a/b/' -> 'a/b.md'."""
    stem = path.strip("/")
    if not stem:
        return "index.md"
    if stem.endswith((".html", ".htm")):
        return posixpath.splitext(stem)[0] + ".md"
    return stem + ".md"


def is_quiz_anchor(anchor: str) -> bool:
    return bool(QUIZ_ANCHOR.match(anchor))


# -- redirects ------------------------------------------------------------------------------------


def read_redirects(
    redirect_maps: Mapping[object, object], pages: Iterable[str], use_directory_urls: bool = True
) -> tuple[dict[str, Redirect], list[tuple[str, str]]]:
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
            problems.append(
                (
                    old,
                    f"the redirect {written} must start from the old page's file name, "
                    "ending in '.md', e.g. 'old-name.md: new-name.md'",
                )
            )
            continue
        old = old.lstrip("/")
        if old in known:
            problems.append(
                (
                    old,
                    f"the redirect {written} starts from a page that still exists "
                    f"(docs/{old}); the redirect would replace it: remove the redirect, "
                    "or the page",
                )
            )
            continue
        if not new:
            problems.append(
                (
                    old,
                    f"the redirect {written} has no new page; write the page it moved "
                    "to after the ':', e.g. 'new-name.md'",
                )
            )
            continue
        redirect = Redirect(old, new)
        if not redirect.external:
            target, _, fragment = new.partition("#")
            target = target.lstrip("/")
            if target not in known:
                problems.append(
                    (
                        old,
                        f"the redirect {written} points to a page that does not exist "
                        f"(docs/{target}); point it at an existing page in docs/, "
                        "written as its file name",
                    )
                )
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
        return (
            f"restore the {kind} or {part} whose id makes '#{anchor}' in docs/{src} "
            f"(the addresses are #{prefix}-ID and #{prefix}-ID-{part.upper()}); "
            "ids of quizzes and questions must never change"
        )
    return (
        f"restore the id {{#{anchor}}} on its heading in docs/{src} (you may change the heading's words, never its id)"
    )


def unresolved(entry: Entry, site: Site, new_page: str = "", folder: str = "") -> str | None:
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
            return (
                f"'{entry.url}' is redirected to docs/{redirect.target_src}, which is not a page "
                "of the site; fix the redirect in mkdocs.yml"
            )
        if redirect.fragment and anchor:
            return (
                f"'{entry.url}' is redirected to a section ('{redirect.target}'), so its own "
                f"'#{anchor}' is lost; point the redirect in mkdocs.yml at the page "
                f"('{redirect.target_src}') instead"
            )
        wanted = anchor or redirect.fragment
        if not wanted or wanted in site.pages[target]:
            return None
        return (
            f"'{entry.url}' is redirected to docs/{redirect.target_src}, which has no "
            f"'#{wanted}': {_restore(wanted, redirect.target_src)}"
        )
    src = guess_src("/" + path.lstrip("/").removeprefix(folder))  # a redirect names the English files
    return (
        f"'{entry.url}' no longer leads to a page (was it docs/{src}?); if the page was "
        f"renamed or moved, add a redirect in mkdocs.yml under plugins > redirects > "
        f"redirect_maps, e.g. '{src}: {new_page or 'new-name.md'}'; if it was deleted, "
        "redirect it to the page that replaces it"
    )


def page_path_of(src: str, site: Site) -> str | None:
    for path, page_src in site.sources.items():
        if page_src == src:
            return path
    return None


def check(entries: Iterable[Entry], site: Site, folder: str = "", english: Callable[[str], str] = str) -> list[Problem]:
    """A problem for each registered address that no longer leads anywhere.

    For a language in a folder ('es/'), `english` names a page's English file: the redirects of
    mkdocs.yml name those, and move the page in every language.

    When a whole page is gone, its first line carries the one fix (a redirect) and counts the
    page's other addresses, instead of repeating it for every section.
    """
    entries = list(entries)
    registered = {entry.path for entry in entries}
    new_pages = sorted(english(src) for path, src in site.sources.items() if path not in registered)
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
        message = unresolved(Entry(first.line, path), site, new_page, folder) or ""
        others = sorted(entry.line for entry in lost if entry is not first)
        if others:
            message += (
                f" (this also mends its {len(others)} other address"
                f"{'es' if len(others) != 1 else ''}, on line{'s' if len(others) != 1 else ''} "
                f"{_line_ranges(others)})"
            )
        problems.append(Problem(first.line, message))
    return sorted(problems)


def _line_ranges(lines: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9'."""
    parts: list[str] = []
    start = previous = lines[0]
    for line in [*lines[1:], None]:
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
    return sorted(
        {item for item in published if item.url not in known},
        key=lambda item: (item.src, item.line, sort_key(item.url)),
    )


def unregistered_problems(
    published: Iterable[Published], entries: Iterable[Entry], file_name: str = FILE_NAME
) -> list[tuple[str, Problem]]:
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
            found.append(
                (
                    item.src,
                    Problem(
                        item.line,
                        f"the new page '{item.url}'{also} "
                        f"{'are' if more else 'is'} not in {file_name}; {fix.format('them' if more else 'it')}",
                    ),
                )
            )
        elif path not in new_pages:
            found.append(
                (
                    item.src,
                    Problem(item.line, f"the new address '{item.url}' is not in {file_name}; {fix.format('it')}"),
                )
            )
    return found


def published_of_page(
    src: str, url: str, sections: Mapping[str, int], quiz_anchors: Iterable[tuple[str, int]], ids: set[str]
) -> list[Published]:
    """What one page publishes: its address, its sections, and the quiz anchors on the page.

    `sections` maps each section id (h2 and deeper, from the table of contents) to its source line;
    `quiz_anchors` come from the quiz engine, and count only once they are rendered (in `ids`).
    """
    path = page_path(url)
    found = [Published(path, src, 1)]
    found += [Published(f"{path}#{anchor}", src, line) for anchor, line in sections.items()]
    found += [
        Published(f"{path}#{anchor}", src, line)
        for anchor, line in quiz_anchors
        if anchor in ids and anchor not in sections
    ]
    return found


def merge(
    entries: Iterable[Entry], published: Iterable[Published], site: Site, committed: set[str] | None = None
) -> tuple[str, list[str], list[str]]:
    """The file with every new address added, and (added, dropped).

    A committed address is a promise and stays forever. One never committed (`committed` is the
    last commit's file) may be dropped once it leads nowhere, so an editor's fix simply works.
    """
    known = {entry.url for entry in entries}
    dropped = (
        []
        if committed is None
        else sorted(
            (entry.url for entry in entries if entry.url not in committed and unresolved(entry, site)), key=sort_key
        )
    )
    added = sorted({item.url for item in published} - known, key=sort_key)
    return render((known - set(dropped)) | set(added)), added, dropped


def redirect_line(config_text: str, old: str) -> int:
    """The line of mkdocs.yml that redirects from `old`, else that of redirect_maps, else 0."""
    pattern = re.compile(r"^\s*['\"]?/?" + re.escape(old) + r"['\"]?\s*:")
    lines = config_text.splitlines()
    found = next((number for number, line in enumerate(lines, 1) if pattern.match(line)), 0)
    return found or next((number for number, line in enumerate(lines, 1) if "redirect_maps" in line), 0)
