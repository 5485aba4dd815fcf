"""A real strict build of the site, with assertions on what it wrote."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, run_build
from site_pages import CONTENT_PAGES, built_path, page_url

from therapy_site.page import read_page

# A resource on another host: http://, https:// or protocol-relative //.
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", re.IGNORECASE)
CSS_IMPORT = re.compile(r"@import\s+(?:url\()?\s*['\"]?((?:https?:)?//[^'\")\s;]+)", re.IGNORECASE)
# Links that load something into the page (not plain <a href> navigation).
LOADING_RELS = {"stylesheet", "preload", "prefetch", "modulepreload", "icon", "manifest", "preconnect", "dns-prefetch"}


class ResourceFinder(HTMLParser):
    """Collects every address the page would fetch, and its section headings."""

    def __init__(self) -> None:
        super().__init__()
        self.resources: list[str] = []
        self.headings: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("src", "srcset", "poster", "data"):
            if values.get(name) and tag != "a":
                self.resources.append(values[name] or "")
        rels = set((values.get("rel") or "").lower().split())
        if tag == "link" and rels & LOADING_RELS:
            self.resources.append(values.get("href") or "")
        if values.get("style"):
            self.resources += CSS_URL.findall(values["style"] or "")
        if tag in ("h2", "h3"):
            self.headings.append((tag, values.get("id")))

    def handle_data(self, data: str) -> None:
        self.resources += CSS_URL.findall(data) + CSS_IMPORT.findall(data)


def parse(path: Path) -> ResourceFinder:
    finder = ResourceFinder()
    finder.feed(path.read_text(encoding="utf-8"))
    return finder


@pytest.mark.parametrize("src", CONTENT_PAGES)
def test_page_is_built_with_its_furniture(built_site: Path, src: str) -> None:
    page = built_site / built_path(src)
    html = page.read_text(encoding="utf-8")
    assert 'class="crisis"' in html, "crisis help block missing"
    for number in ("tel:988", "tel:911", "tel:999", "tel:111", "tel:116123"):
        assert f'href="{number}"' in html
    assert "Page last reviewed:" in html and "Next review due:" in html
    assert '<meta name="description"' in html
    for tag, anchor in parse(page).headings:
        assert anchor, f"{src}: an {tag} has no id"


def test_crisis_block_sits_in_the_same_place_on_every_page(built_site: Path) -> None:
    # The crisis block comes right before the page's own title, on every page (WCAG 3.2.6).
    for src in CONTENT_PAGES:
        html = (built_site / built_path(src)).read_text(encoding="utf-8")
        article = html[html.index('<article class="md-content__inner md-typeset">') :]
        assert article.index('class="crisis"') < article.index("<h1"), src


@pytest.mark.parametrize("src", CONTENT_PAGES)
def test_every_section_heading_has_an_id_in_the_source(src: str) -> None:
    assert read_page(src, (ROOT / "docs" / src).read_bytes()).problems == ()


def test_section_links_have_accessible_names(built_site: Path) -> None:
    html = (built_site / built_path("what-a-good-relationship-feels-like.md")).read_text(encoding="utf-8")
    assert re.search(
        r'<a class="headerlink" href="#trust" title="Link to this section" '
        r'aria-label="Link to this section: [^"]+">',
        html,
    )


def test_quick_exit_is_a_plain_link_on_the_unhealthy_page(built_site: Path) -> None:
    html = (built_site / built_path("when-it-is-not-healthy.md")).read_text(encoding="utf-8")
    assert re.search(r'<a class="quick-exit__link" href="https?://[^"]+" data-quick-exit', html)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "data-quick-exit" not in home


def test_nothing_loads_from_another_host(built_site: Path) -> None:
    offending: list[str] = []
    for path in built_site.rglob("*"):
        if path.suffix == ".html":
            offending += [f"{path}: {url}" for url in parse(path).resources if EXTERNAL.match(url)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            offending += [f"{path}: {url}" for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text)]
        elif path.suffix == ".js" and path.parent.name == "assets":
            # Our own scripts (Material's bundle is proven clean in the browser suite).
            text = path.read_text(encoding="utf-8")
            offending += [f"{path}: {m}" for m in re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"')]*", text)]
    assert offending == []


def test_every_page_asks_for_its_scripts_from_its_head(built_site: Path) -> None:
    # The policy's <meta> stops Chromium's preload scanner: without these links Material's bundle
    # was requested only once the parser reached the end of the body.
    missing: list[str] = []
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        head, body = html.split("</head>", 1)
        scripts = re.findall(r'<script src="([^"]+)"', body)
        assert any("javascripts/bundle." in script for script in scripts), path
        policy_at = head.index('http-equiv="Content-Security-Policy"')
        for script in scripts:
            link = f'<link rel="preload" href="{script}" as="script">'
            if head.count(link) != 1 or head.index(link) < policy_at:
                missing.append(f"{path.relative_to(built_site)}: {script}")
    assert missing == []


def test_material_loads_no_diagram_library(built_site: Path) -> None:
    # Material fetches mermaid from a CDN only when a page holds a diagram: keep it that way.
    assert not any('class="mermaid"' in p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))


def test_search_index_holds_every_topic_page(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for src in CONTENT_PAGES:
        assert page_url(src) in locations, src


def test_search_index_holds_the_pages_text_not_their_furniture(built_site: Path) -> None:
    # Crisis help, Quick exit and the review footer are on every page: as search results they would
    # bury the text. Material indexes only the Markdown's HTML, and main.html adds these around it.
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    for furniture in ("Need help now?", "Leaves this site at once.", "Page last reviewed", "Next review due"):
        assert furniture not in text


def test_system_fonts_only(built_site: Path) -> None:
    assert not list(built_site.rglob("*.woff*")) and not list(built_site.rglob("*.ttf"))
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_nothing_written_into_docs(built_site: Path) -> None:
    # A build must leave the sources alone; generated pages exist only in the output.
    tracked = {p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*") if p.is_file()}
    assert not any(str(p).endswith((".html", ".json")) for p in tracked)


BAD_FRONT_MATTER = [
    # what the editor did                        replace this             with this                    expected in the message
    ("left out the description", "description: ", "summary: ", "missing 'description'"),
    ("left out the reviewed date", "reviewed: ", "checked: ", "missing 'reviewed'"),
    ("left out the review_due date", "review_due: ", "due: ", "missing 'review_due'"),
    ("wrote a date that does not parse", "reviewed: 2026-11-25", "reviewed: 2026-25-11", "'reviewed' is not a date"),
    ("wrote a date in words", "review_due: 2027-11-25", "review_due: next year", "'review_due' is not a date"),
    (
        "forgot a heading id",
        "## Can I trust my therapist? {#trust}",
        "## Can I trust my therapist?",
        "'Can I trust my therapist?' has no id",
    ),
]


@pytest.mark.parametrize(("case", "old", "new", "message"), BAD_FRONT_MATTER, ids=[row[0] for row in BAD_FRONT_MATTER])
def test_editor_mistake_fails_the_strict_build(project_copy: Path, case: str, old: str, new: str, message: str) -> None:
    page = project_copy / "docs" / "what-a-good-relationship-feels-like.md"
    source = page.read_text(encoding="utf-8")
    assert old in source, f"the test's example text is no longer in the page: {old!r}"
    page.write_text(source.replace(old, new, 1), encoding="utf-8")
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert re.search(r"docs/what-a-good-relationship-feels-like\.md:\d+: .*" + re.escape(message), result.stderr), (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_not_found_page_keeps_crisis_help(built_site: Path) -> None:
    # Material's 404 replaces the content block; ours puts crisis help back.
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert 'class="crisis"' in html and 'href="tel:988"' in html
