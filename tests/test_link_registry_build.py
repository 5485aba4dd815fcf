"""Links that never break, in real strict builds: the registry, redirects, `make urls`, bad input."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT, run_build
from project_edits import add_editor_files, add_redirect, edit, registry_line, rename_page, run_module

from therapy_site import quiz, registry
from therapy_site.html import html_ids

OLD, NEW = "what-can-get-in-the-way.md", "barriers.md"
GENERATED = {
    "/" + folder + registry.src_url(src) for src in (quiz.INDEX_PAGE, quiz.ANSWER_KEY_PAGE) for folder in ("", "es/")
}


class ArticleIds(HTMLParser):
    """The ids of h2/h3 headings inside the page's article (not the theme's furniture)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.depth += 1
        if (
            self.depth
            and tag in ("h2", "h3")
            and values.get("id")
            and "hub-page__title" not in (values.get("class") or "")
        ):
            self.ids.add(values["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1


def registered() -> set[str]:
    entries, problems = registry.parse((ROOT / registry.FILE_NAME).read_text(encoding="utf-8"))
    assert problems == []
    return {entry.url for entry in entries}


def test_every_page_and_section_of_the_real_site_is_registered(built_site: Path) -> None:
    # The strict build (built_site) already fails on an unregistered address; this checks the
    # registry against the built HTML by another route, so the hook cannot fool itself.
    urls = registered()
    pages = [
        path
        for path in built_site.rglob("index.html")
        if "Redirecting..." not in path.read_text(encoding="utf-8")[:400]
    ]
    assert len(pages) >= 14
    missing: list[str] = []
    for path in pages:
        address = "/" + path.parent.relative_to(built_site).as_posix().strip(".") + "/"
        address = "/" if address == "//" else address
        finder = ArticleIds()
        finder.feed(path.read_text(encoding="utf-8"))
        ids = finder.ids
        if address in GENERATED:  # only their quiz anchors are stable (the rest follow file names)
            ids = {anchor for anchor in ids if registry.is_quiz_anchor(anchor)}
        missing += [url for url in [address, *(f"{address}#{i}" for i in ids)] if url not in urls]
    assert missing == []


def test_quiz_and_question_anchors_are_registered() -> None:
    urls = registered()
    assert "/what-a-good-relationship-feels-like/#quiz-good-relationship" in urls
    assert any(url.startswith("/what-a-good-relationship-feels-like/#quiz-good-relationship-") for url in urls)
    assert any(url.startswith("/how-is-it-going/#checkin-") for url in urls)


def test_renaming_a_page_with_a_redirect_keeps_its_old_address_and_anchors(project_copy: Path) -> None:
    add_editor_files(project_copy)
    old_anchors = [url.partition("#")[2] for url in registered() if url.startswith("/what-can-get-in-the-way/#")]
    assert "rapport" in old_anchors and any(anchor.startswith("quiz-") for anchor in old_anchors)
    rename_page(project_copy, OLD, NEW)
    add_redirect(project_copy, OLD, NEW)

    urls = run_module("therapy_site.urls", project_copy)  # make urls
    assert urls.returncode == 0, urls.stdout + urls.stderr
    assert "published-urls.txt: added /barriers/\n" in urls.stdout
    assert "published-urls.txt: added /es/barriers/\n" in urls.stdout
    assert "added /what-can-get-in-the-way/" not in urls.stdout

    site = project_copy / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    # The old address is a redirect to the new page that carries the #anchor along ...
    redirect = (site / "what-can-get-in-the-way" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../barriers/"' in redirect
    assert 'location.href="../barriers/"+(anchor?"#"+anchor:"")' in redirect
    # ... and every anchor registered for the old page is on the new one.
    ids = html_ids((site / "barriers" / "index.html").read_text(encoding="utf-8"))
    assert [anchor for anchor in old_anchors if anchor not in ids] == []
    # The one redirect moves the Spanish page too: /es/what-can-get-in-the-way/ -> /es/barriers/.
    spanish = (site / "es" / "what-can-get-in-the-way" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../barriers/"' in spanish
    ids = html_ids((site / "es" / "barriers" / "index.html").read_text(encoding="utf-8"))
    assert [anchor for anchor in old_anchors if anchor not in ids] == []


def test_renaming_a_page_without_a_redirect_fails_naming_the_address_and_the_fix(project_copy: Path) -> None:
    add_editor_files(project_copy)
    rename_page(project_copy, OLD, NEW)
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    line = registry_line(project_copy, "/what-can-get-in-the-way/")
    assert re.search(
        rf"published-urls\.txt:{line}: '/what-can-get-in-the-way/' no longer leads to a page .*"
        r"add a redirect in mkdocs\.yml .*e\.g\. 'what-can-get-in-the-way\.md: barriers\.md'",
        result.stderr,
    ), result.stderr
    # One error for the page in each language, not one for each of its sections; both name the
    # same redirect, which moves the page in every language; and the new page is not registered.
    assert result.stderr.count("no longer leads to a page") == 2
    spanish = registry_line(project_copy, "/es/what-can-get-in-the-way/")
    assert re.search(
        rf"published-urls\.txt:{spanish}: '/es/what-can-get-in-the-way/' no longer leads to a page .*"
        r"e\.g\. 'what-can-get-in-the-way\.md: barriers\.md'",
        result.stderr,
    ), result.stderr
    assert "docs/barriers.md:1: the new page '/barriers/' and its" in result.stderr
    assert "Traceback" not in result.stderr


def test_deleting_a_registered_heading_id_fails_the_build_offering_the_id_back(project_copy: Path) -> None:
    add_editor_files(project_copy)
    page = project_copy / "docs" / "what-a-good-relationship-feels-like.md"
    edit(page, "## Can I trust my therapist? {#trust}", "## Can I trust my therapist?")
    line = page.read_text(encoding="utf-8").splitlines().index("## Can I trust my therapist?") + 1
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    problems = [text for text in result.stderr.splitlines() if text.startswith(("ERROR", "WARNING"))]
    # One mistake, one message, with the one fix: the heading gets its registered id back.
    assert problems == [
        f"ERROR   -  docs/what-a-good-relationship-feels-like.md:{line}: the heading 'Can I trust my therapist?' "
        "has no id; published-urls.txt lists #trust for this page, which no heading has now: if this is that "
        "section, give it its id back ('## Can I trust my therapist? {#trust}'); if it is a new section, add a new "
        "id, e.g. '## Can I trust my therapist? {#can-i-trust-my-therapist}'"
    ], result.stderr
    assert "Traceback" not in result.stderr


def test_a_new_section_fails_until_make_urls_registers_it(project_copy: Path) -> None:
    add_editor_files(project_copy)
    page = project_copy / "docs" / "how-it-helps.md"
    edit(
        page,
        "## Can I explore my thoughts and feelings safely? {#self-exploration}",
        "## Can I bring a friend? {#bring-a-friend}\n\nYes, if you both want to. Ask your therapist first.\n\n"
        "## Can I explore my thoughts and feelings safely? {#self-exploration}",
    )
    line = page.read_text(encoding="utf-8").splitlines().index("## Can I bring a friend? {#bring-a-friend}") + 1
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert (
        f"docs/how-it-helps.md:{line}: the new address '/how-it-helps/#bring-a-friend' is not in "
        "published-urls.txt; run `make urls` to add it, then commit published-urls.txt"
    ) in result.stderr

    before = (project_copy / registry.FILE_NAME).read_text(encoding="utf-8")
    urls = run_module("therapy_site.urls", project_copy)
    assert urls.returncode == 0, urls.stderr
    assert urls.stdout.splitlines()[0] == "published-urls.txt: added /how-it-helps/#bring-a-friend"
    after = (project_copy / registry.FILE_NAME).read_text(encoding="utf-8")
    assert set(after.splitlines()) - set(before.splitlines()) == {"/how-it-helps/#bring-a-friend"}
    assert after == registry.render(entry.url for entry in registry.parse(after)[0])  # still sorted
    assert run_build(project_copy, project_copy / "site").returncode == 0


# -- bad input: a clear error naming the file, never a traceback ---------------------------------


def test_a_hand_edited_registry_and_a_bad_redirect_are_named_with_file_and_line(project_copy: Path) -> None:
    add_editor_files(project_copy)
    path = project_copy / registry.FILE_NAME
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines.index("/about/") + 1
    lines[first:first] = ["this is not an address", "https://therapy-relationship.github.io/about/", "/about/"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    add_redirect(project_copy, "old-page.md", "missing-page.md")

    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert f"published-urls.txt:{first + 1}: 'this is not an address' is not an address" in result.stderr
    assert (
        f"published-urls.txt:{first + 2}: 'https://therapy-relationship.github.io/about/' is not an address; write only the part after the site's address, e.g. '/about/'"
        in result.stderr
    )
    assert (
        f"published-urls.txt:{first + 3}: '/about/' is listed twice (first on line {first}); delete this line"
        in result.stderr
    )
    config_line = (project_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index(
        "        old-page.md: missing-page.md"
    ) + 1
    assert (
        f"mkdocs.yml:{config_line}: the redirect 'old-page.md: missing-page.md' points to a page that does not exist "
        "(docs/missing-page.md)"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_make_urls_leaves_a_broken_registry_alone(project_copy: Path) -> None:
    add_editor_files(project_copy)
    path = project_copy / registry.FILE_NAME
    text = path.read_text(encoding="utf-8") + "/about\n"
    path.write_text(text, encoding="utf-8")
    urls = run_module("therapy_site.urls", project_copy)
    assert urls.returncode == 1
    assert "a page's address ends with '/', e.g. '/about/'" in urls.stderr
    assert "published-urls.txt: not updated, because of the mistakes above" in urls.stderr
    assert path.read_text(encoding="utf-8") == text
    assert "Traceback" not in urls.stderr + urls.stdout


def test_a_registry_that_is_not_text_is_named(project_copy: Path) -> None:
    add_editor_files(project_copy)
    (project_copy / registry.FILE_NAME).write_bytes(b"\xff\xfe\x00binary\x00junk\x81")
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert "published-urls.txt: the file is not plain text (UTF-8)" in result.stderr
    assert "Traceback" not in result.stderr


def test_printed_addresses_need_site_url(project_copy: Path) -> None:
    edit(project_copy / "mkdocs.yml", 'site_url: !ENV [SITE_URL, "https://therapy-relationship.github.io/"]\n', "")
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert (
        "mkdocs.yml: site_url is not set, so printed pages cannot show their address and QR code; set site_url"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
