"""The registry of published addresses, on plain data: reading the file, redirects, resolution."""

from __future__ import annotations

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from therapy_site import registry
from therapy_site.html import html_ids
from therapy_site.registry import Entry, Published, Redirect, Site


def site(**pages: set[str]) -> Site:
    """Site(about={'review'}) -> the page about.md at /about/ with the id 'review'."""
    built = Site()
    for name, ids in pages.items():
        src = "index.md" if name == "index" else f"{name.replace('__', '/')}.md"
        built.add_page(src, registry.src_url(src), ids)
    return built


# -- reading the file -----------------------------------------------------------------------------

GOOD_FILE = """\
# a comment
/
/#start

/about/
/about/#review
/for-clinicians/answer-key/#quiz-barriers
"""


def test_a_good_file_reads_back_with_its_lines() -> None:
    entries, problems = registry.parse(GOOD_FILE)
    assert problems == []
    assert [(entry.line, entry.url) for entry in entries] == [
        (2, "/"),
        (3, "/#start"),
        (5, "/about/"),
        (6, "/about/#review"),
        (7, "/for-clinicians/answer-key/#quiz-barriers"),
    ]
    assert entries[3].path == "/about/" and entries[3].anchor == "review"


NONSENSE = [
    # what the editor wrote                      expected in the message
    ("hello world", "no spaces"),
    ("https://therapy-relationship.github.io/about/#review", "e.g. '/about/#review'"),
    ("about/#review", "start it with '/'"),
    ("/about", "ends with '/'"),
    ("/about/#", "put the section's id after '#'"),
    ("/about/?utm_source=email", "no query or tracking parameters"),
    ("docs/about.md#review", "not its file: '/about/#review'"),
    ("/about/#re view", "no spaces"),
    ("/ab\x00out/", "not text"),
    ("{{ broken }}", "is not an address"),
]


@pytest.mark.parametrize(("line", "message"), NONSENSE, ids=[row[0][:30] for row in NONSENSE])
def test_a_line_that_is_not_an_address_is_named_with_its_line(line: str, message: str) -> None:
    entries, problems = registry.parse(f"# header\n/about/\n{line}\n")
    assert [entry.url for entry in entries] == ["/about/"]
    assert len(problems) == 1 and problems[0].line == 3
    assert message in problems[0].message


def test_a_duplicate_address_names_both_lines() -> None:
    entries, problems = registry.parse("/about/\n/about/#review\n/about/\n")
    assert [entry.url for entry in entries] == ["/about/", "/about/#review"]
    assert [(p.line, p.message) for p in problems] == [
        (3, "'/about/' is listed twice (first on line 1); delete this line")
    ]


def test_render_is_sorted_unique_and_reads_back() -> None:
    text = registry.render(["/b/#x", "/a/", "/", "/a/#z", "/a/#y", "/a/"])
    entries, problems = registry.parse(text)
    assert problems == []
    assert [entry.url for entry in entries] == ["/", "/a/", "/a/#y", "/a/#z", "/b/#x"]
    assert text.startswith(registry.HEADER)


def test_merge_adds_new_addresses_and_never_removes_a_committed_one() -> None:
    entries, _ = registry.parse("/old/\n/about/\n")
    site = Site(pages={"/about/": {"review"}}, sources={"/about/": "about.md"})
    text, added, dropped = registry.merge(
        entries, [Published("/about/"), Published("/about/#review"), Published("/new/")], site
    )
    assert (added, dropped) == (["/about/#review", "/new/"], [])
    assert [entry.url for entry in registry.parse(text)[0]] == ["/about/", "/about/#review", "/new/", "/old/"]


@pytest.mark.parametrize(
    ("committed", "kept"),
    [
        # the last commit's file         what stays of '/about/#invented' (gone) and '/old/' (gone)
        ({"/about/", "/old/"}, ["/about/", "/old/"]),  # '#invented' was never a promise: dropped
        ({"/about/", "/old/", "/about/#invented"}, ["/about/", "/about/#invented", "/old/"]),  # a promise stays
        (None, ["/about/", "/about/#invented", "/old/"]),  # outside a git checkout every line is a promise
    ],
)
def test_merge_drops_only_what_was_never_committed(committed: set[str] | None, kept: list[str]) -> None:
    entries, _ = registry.parse("/old/\n/about/\n/about/#invented\n")
    site = Site(pages={"/about/": set()}, sources={"/about/": "about.md"})
    text, _added, _dropped = registry.merge(entries, [Published("/about/")], site, committed)
    assert [entry.url for entry in registry.parse(text)[0]] == kept


ADDRESS = st.from_regex(r"/(?:[a-z0-9-]{1,8}/){0,3}(?:#[a-z0-9][a-z0-9-]{0,10})?", fullmatch=True)


@given(st.lists(ADDRESS, max_size=30))
def test_any_set_of_addresses_survives_a_round_trip(urls: list[str]) -> None:
    entries, problems = registry.parse(registry.render(urls))
    assert problems == []
    assert [entry.url for entry in entries] == sorted(set(urls), key=registry.sort_key)


@given(st.text(max_size=200))
def test_any_text_gives_entries_or_problems_never_an_exception(text: str) -> None:
    entries, problems = registry.parse(text)
    assert all(entry.url.startswith("/") for entry in entries)
    assert all(problem.line >= 1 for problem in problems)


def test_the_committed_registry_is_clean_and_canonical() -> None:
    text = (ROOT / registry.FILE_NAME).read_text(encoding="utf-8")
    entries, problems = registry.parse(text)
    assert problems == []
    assert text == registry.render(entry.url for entry in entries), "run `make urls` to re-sort the file"


# -- addresses of pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("index.md", ""),
        ("about.md", "about/"),
        ("for-clinicians/index.md", "for-clinicians/"),
        ("for-clinicians/answer-key.md", "for-clinicians/answer-key/"),
    ],
)
def test_src_url_matches_mkdocs_directory_urls(src: str, url: str) -> None:
    assert registry.src_url(src) == url
    assert registry.guess_src(registry.page_path(url)) in (src, src.replace("/index.md", ".md"))


def test_html_ids_finds_every_quoting_style() -> None:
    html = """<h2 id="trust">x</h2><section id='quiz-a'><p id=plain class="x"><div data-id="no">"""
    assert html_ids(html) == {"trust", "quiz-a", "plain"}


def test_what_a_page_publishes() -> None:
    found = registry.published_of_page(
        "how-it-helps.md",
        "how-it-helps/",
        {"trust": 12},
        [("quiz-x", 70), ("quiz-x-q1", 74), ("quiz-broken", 90)],
        ids={"trust", "quiz-x", "quiz-x-q1"},
    )
    assert [item.url for item in found] == [
        "/how-it-helps/",
        "/how-it-helps/#trust",
        "/how-it-helps/#quiz-x",
        "/how-it-helps/#quiz-x-q1",
    ]
    assert found[1].line == 12 and found[3].line == 74


def test_a_new_page_is_one_problem_and_a_new_section_is_its_own() -> None:
    entries, _ = registry.parse("/about/\n")
    published = [
        Published("/about/", "about.md"),
        Published("/about/#new", "about.md", 9),
        Published("/fresh/", "fresh.md"),
        Published("/fresh/#a", "fresh.md", 10),
        Published("/fresh/#b", "fresh.md", 14),
    ]
    problems = registry.unregistered_problems(published, entries)
    assert [(src, p.line) for src, p in problems] == [("about.md", 9), ("fresh.md", 1)]
    assert "the new address '/about/#new' is not in published-urls.txt; run `make urls`" in problems[0][1].message
    assert "the new page '/fresh/' and its 2 sections are not in published-urls.txt" in problems[1][1].message


# -- redirects ------------------------------------------------------------------------------------

PAGES = ["index.md", "about.md", "barriers.md", "for-clinicians/index.md"]


def test_redirects_become_registry_paths() -> None:
    redirects, problems = registry.read_redirects(
        {
            "what-can-get-in-the-way.md": "barriers.md",
            "old/help.md": "about.md#review",
            "gone.md": "https://example.org/",
        },
        PAGES,
    )
    assert problems == []
    assert redirects["/what-can-get-in-the-way/"] == Redirect(
        "what-can-get-in-the-way.md", "barriers.md", "barriers.md", ""
    )
    assert redirects["/old/help/"].fragment == "review"
    assert redirects["/gone/"].external


BAD_REDIRECTS = [
    ({"old.md": "missing.md"}, "points to a page that does not exist (docs/missing.md)"),
    ({"old": "about.md"}, "must start from the old page's file name, ending in '.md'"),
    ({"about.md": "barriers.md"}, "starts from a page that still exists (docs/about.md)"),
    ({"old.md": None}, "has no new page"),
]


@pytest.mark.parametrize(("maps", "message"), BAD_REDIRECTS, ids=[row[1][:30] for row in BAD_REDIRECTS])
def test_a_bad_redirect_is_named(maps: dict[str, str | None], message: str) -> None:
    redirects, problems = registry.read_redirects(maps, PAGES)
    assert redirects == {}
    assert len(problems) == 1 and message in problems[0][1]
    assert problems[0][0] == next(iter(maps)).lstrip("/")


# -- does each registered address still lead somewhere? ------------------------------------------

RESOLVES = [
    # registered address                        still leads somewhere?
    ("/about/", True),
    ("/about/#review", True),
    ("/#start", True),
    ("/about/#gone", False),
    ("/removed/", False),
    ("/what-can-get-in-the-way/", True),  # redirected to /barriers/
    ("/what-can-get-in-the-way/#rapport", True),  # the anchor is carried to the new page
    ("/what-can-get-in-the-way/#lost", False),  # ... which must have that id
    ("/old-help/", True),  # redirected to about.md#review
    ("/old-help/#x", False),  # a redirect to a section loses the address's own anchor
    ("/moved-away/#anything", True),  # redirected to another site
]


@pytest.mark.parametrize(("url", "resolves"), RESOLVES, ids=[row[0] for row in RESOLVES])
def test_resolution(url: str, resolves: bool) -> None:
    built = site(index={"start"}, about={"review"}, barriers={"rapport"})
    built.redirects, problems = registry.read_redirects(
        {
            "what-can-get-in-the-way.md": "barriers.md",
            "old-help.md": "about.md#review",
            "moved-away.md": "https://example.org/",
        },
        list(built.sources.values()),
    )
    assert problems == []
    assert (registry.unresolved(Entry(1, url), built) is None) is resolves


def test_a_deleted_heading_id_asks_to_restore_it() -> None:
    message = registry.unresolved(Entry(4, "/about/#review"), site(about=set()))
    assert message == (
        "'/about/#review' no longer leads to its section: restore the id {#review} on its "
        "heading in docs/about.md (you may change the heading's words, never its id)"
    )


def test_a_missing_quiz_anchor_asks_to_restore_the_quiz() -> None:
    message = registry.unresolved(Entry(4, "/about/#quiz-about-trust"), site(about=set()))
    assert "restore the quiz or question whose id makes '#quiz-about-trust' in docs/about.md" in message


def test_a_gone_page_asks_for_a_redirect_once_and_suggests_the_new_page() -> None:
    entries, _ = registry.parse("/about/\n/sources/\n/sources/#a\n/sources/#b\n/sources/#d\n")
    problems = registry.check(entries, site(about=set(), references={"a", "b"}))
    assert len(problems) == 1 and problems[0].line == 2
    assert "'/sources/' no longer leads to a page (was it docs/sources.md?)" in problems[0].message
    assert "add a redirect in mkdocs.yml" in problems[0].message
    assert "e.g. 'sources.md: references.md'" in problems[0].message
    assert "its 3 other addresses, on lines 3-5" in problems[0].message


def test_line_ranges() -> None:
    assert registry._line_ranges([3, 4, 5, 9, 11, 12]) == "3-5, 9, 11-12"
