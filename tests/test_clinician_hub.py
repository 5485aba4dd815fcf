"""The clinician hub: every page and section with its address, email templates, no tracking."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, run_build
from project_edits import edit
from site_pages import CONTENT_PAGES, LANGUAGES, built_path
from site_words import TABLES

from therapy_site import grammar, hub, pagemeta, registry
from therapy_site.html import html_ids
from therapy_site.hub import EmailLink

TRACKING = re.compile(r"[?&](?:utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=", re.IGNORECASE)  # what trackers add

SITE_URL = "https://therapy-relationship.github.io/"
HUB = "for-clinicians/index.html"


class Headings(HTMLParser):
    """h2/h3 ids inside the article, except the hub's own generated page titles."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = 0
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.inside += tag == "article"
        if self.inside and tag in ("h2", "h3") and values.get("id") and not (values.get("id") or "").startswith("hub-"):
            self.ids.append(values["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        self.inside -= tag == "article"


def hub_html(site: Path, language: str = "en") -> str:
    return (site / LANGUAGES[language] / HUB).read_text(encoding="utf-8")


def built_pages(site: Path, language: str = "en") -> list[Path]:
    """The pages of one language (the Spanish ones are under es/)."""
    folders = [site / folder for folder in LANGUAGES.values() if folder]
    return [
        path
        for path in sorted((site / LANGUAGES[language]).rglob("index.html"))
        if "Redirecting..." not in path.read_text(encoding="utf-8")[:400]
        and (LANGUAGES[language] or not any(path.is_relative_to(folder) for folder in folders))
    ]


def address_of(site: Path, path: Path) -> str:
    relative = path.parent.relative_to(site).as_posix()
    return SITE_URL if relative == "." else f"{SITE_URL}{relative}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_and_section_is_listed_with_its_full_address_and_a_copy_button(
    built_site: Path, language: str
) -> None:
    html, words = hub_html(built_site, language), TABLES[language]
    pages = built_pages(built_site, language)
    assert len(pages) >= len(CONTENT_PAGES)
    missing: list[str] = []
    for path in pages:
        finder = Headings()
        finder.feed(path.read_text(encoding="utf-8"))
        for address in [address_of(built_site, path), *(f"{address_of(built_site, path)}#{i}" for i in finder.ids)]:
            # Plain, selectable text, and a Copy link button that stays hidden until JavaScript runs.
            if f'<span class="hub-address">{address}</span>' not in html or not re.search(
                rf'<button type="button" class="hub-copy" data-copy="{re.escape(address)}" '
                rf'aria-label="{re.escape(words("hub.copy_link_for", title=""))}[^"]+" [^>]*hidden>{words("hub.copy_link")}</button>',
                html,
            ):
                missing.append(address)
    assert missing == []


@pytest.mark.parametrize("src", CONTENT_PAGES)
def test_each_page_is_listed_with_its_title_and_description(built_site: Path, src: str) -> None:
    meta, _ = pagemeta.read_front_matter((ROOT / "docs" / src).read_text(encoding="utf-8"))
    html = unescape(hub_html(built_site))
    block = html[html.index(f'id="hub-{src[:-3].replace("/", "-")}"') :]
    block = block[: block.index("</section>")]
    assert str(meta["title"]) in block
    assert f'<p class="hub-page__description">{meta["description"]}</p>' in block


def test_the_hub_keeps_its_hand_written_intro_and_lists_appear_once(built_site: Path) -> None:
    html = hub_html(built_site)
    assert "This page is for you if you are a therapist" in html
    assert html.count('class="hub"') == 1 and html.count('class="hub-handouts"') == 1
    assert "clinician-hub:" not in html  # every marker was replaced


def test_handouts_and_the_answer_key_are_linked(built_site: Path) -> None:
    html = hub_html(built_site)
    handouts = html[html.index('class="hub-handouts"') :]
    handouts = handouts[: handouts.index("</div>")]
    for src in CONTENT_PAGES:
        target = built_path(src)[: -len("index.html")]
        href = "./" if src == "for-clinicians/index.md" else "../" + target
        # Other attributes may follow the href (data-print-url, for print: hooks/privacy.py).
        assert re.search(rf'<a href="{re.escape(href)}"[ >]', handouts), src
    assert (built_site / "for-clinicians" / "answer-key" / "index.html").is_file()
    assert re.search(r'<a href="answer-key/"[^>]*>quiz answer key</a>', handouts)


EMAILS = ["email-before-first", "email-after-first", "email-boundaries"]


def test_three_email_templates_in_plain_text_with_real_links(built_site: Path) -> None:
    html = hub_html(built_site)
    texts = re.findall(r'<pre class="email-template__text" id="email-\d+"[^>]*>(.*?)</pre>', html, re.DOTALL)
    assert len(texts) == 3
    for anchor in EMAILS:
        assert f'<h3 id="{anchor}">' in html
    for text in texts:
        text = unescape(text)
        assert "<" not in text and "[[" not in text, "plain text, every link filled in"
        assert text.startswith("Subject: ")
        links = re.findall(r"https?://\S+", text)
        assert links, text
        for link in links:
            parts = urlsplit(link)
            assert link.startswith(SITE_URL) and not parts.query, link
            page = built_site / parts.path.lstrip("/") / "index.html"
            assert page.is_file(), link
            if parts.fragment:
                assert parts.fragment in html_ids(page.read_text(encoding="utf-8")), link
    assert html.count('data-copy-from="email-') == 3


def test_no_tracking_parameters_anywhere_on_the_site(built_site: Path) -> None:
    offending = []
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".json", ".xml", ".css", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if "utm_" in text or TRACKING.search(text):
                offending.append(str(path.relative_to(built_site)))
    assert offending == []


def test_addresses_follow_site_url(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://clinic.example.org/client-help/")
    site = project_copy / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    html = hub_html(site)
    assert (
        '<span class="hub-address">https://clinic.example.org/client-help/what-a-good-relationship-feels-like/#trust</span>'
        in html
    )
    assert "https://clinic.example.org/client-help/your-first-sessions/#what-to-expect" in html  # emails too
    assert SITE_URL not in html


def test_a_broken_email_link_or_marker_is_named_with_its_line(project_copy: Path) -> None:
    page = project_copy / "docs" / "for-clinicians" / "index.md"
    edit(page, "[[../your-first-sessions.md#what-to-expect]]", "[[../first-sessions.md]]")
    edit(page, "[[../how-is-it-going.md#check-in]]", "[[../how-is-it-going.md#no-such-section]]")
    edit(page, "<!-- clinician-hub: handouts -->", "<!-- clinician-hub: handout -->")
    lines = page.read_text(encoding="utf-8").splitlines()
    marker = lines.index("<!-- clinician-hub: handout -->") + 1
    first = lines.index("[[../first-sessions.md]]") + 1
    second = lines.index("[[../how-is-it-going.md#no-such-section]]") + 1
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert (
        f"docs/for-clinicians/index.md:{first}: the email link [[../first-sessions.md]] points to a page "
        "that does not exist (docs/first-sessions.md)"
    ) in result.stderr
    assert (
        f"docs/for-clinicians/index.md:{second}: the email link [[../how-is-it-going.md#no-such-section]] "
        "points to '#no-such-section', but docs/how-is-it-going.md has no such section"
    ) in result.stderr
    assert (
        f"docs/for-clinicians/index.md:{marker}: '<!-- clinician-hub: handout -->' is not a part of the "
        "clinician hub; write '<!-- clinician-hub: addresses -->' or '<!-- clinician-hub: handouts -->'"
    ) in result.stderr
    assert "Traceback" not in result.stderr


# -- the engine, on strings -----------------------------------------------------------------------

PAGE = """\
# Title

```email
Subject: Hello

Read [[../about.md]] and [[../about.md#review]].
```

````markdown
```email
an example inside another fence is left alone [[nowhere.md]]
```
````
"""


def test_find_emails_reads_text_links_and_lines() -> None:
    emails, problems = hub.find_emails(grammar.fences(PAGE.split("\n"), 6))
    assert problems == []
    assert len(emails) == 1
    email = emails[0]
    assert (email.line, email.text) == (9, "Subject: Hello\n\nRead [[../about.md]] and [[../about.md#review]].")
    assert email.links == (EmailLink("../about.md", 12), EmailLink("../about.md#review", 12))
    replaced = hub.replace_emails(PAGE, emails)
    assert "<!-- email-template 1 -->" in replaced and "Subject: Hello" not in replaced
    assert "[[nowhere.md]]" in replaced


def test_an_unclosed_email_block_is_named() -> None:
    _emails, problems = hub.find_emails(grammar.fences("# T\n\n```email\nSubject: x\n".split("\n"), 4))
    assert [(p.line, p.message[:40]) for p in problems] == [(7, "the ```email block that starts here is n")]


def test_links_fill_with_full_addresses() -> None:
    def address(src: str, anchor: str) -> str | None:
        return hub.address("https://example.org/site", registry.src_url(src), anchor) if src == "about.md" else None

    text = hub.fill_links("See [[../about.md#review]] and [[../gone.md]].", "for-clinicians/index.md", address)
    assert text == "See https://example.org/site/about/#review and [[../gone.md]]."


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("", "an email link is empty"),
        ("../about", "must name a page's Markdown file"),
        ("../missing.md", "points to a page that does not exist (docs/missing.md)"),
        ("../../outside.md", "points to a page that does not exist"),
        ("../about.md#nope", "points to '#nope', but docs/about.md has no such section"),
    ],
)
def test_link_problems(target: str, message: str) -> None:
    problem = hub.link_problem(
        EmailLink(target, 3), "for-clinicians/index.md", lambda src: src == "about.md", lambda src: {"review"}
    )
    assert problem is not None and message in problem


def test_a_good_link_has_no_problem() -> None:
    assert (
        hub.link_problem(
            EmailLink("../about.md#review", 3),
            "for-clinicians/index.md",
            lambda src: src == "about.md",
            lambda src: {"review"},
        )
        is None
    )


def test_tracking_is_recognised() -> None:
    assert TRACKING.search("https://x.org/?utm_source=mail") and TRACKING.search("a?x=1&fbclid=2")
    assert not TRACKING.search("https://x.org/about/#review")


def test_only_pages_with_clinician_tools_load_copy_js(built_site: Path) -> None:
    with_buttons = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        has_buttons = "data-copy=" in html or "data-copy-from=" in html
        for asset in ("assets/clinician.js", "assets/clinician.css"):
            assert (asset in html) == has_buttons, (page.relative_to(built_site), asset)
        with_buttons += [page] if has_buttons else []
    assert built_site / "for-clinicians" / "index.html" in with_buttons
    assert "clipboard" not in (built_site / "assets" / "site.js").read_text(encoding="utf-8")
    assert "hub-" not in (built_site / "assets" / "site.css").read_text(encoding="utf-8")
