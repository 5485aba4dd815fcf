"""The Spanish edition: every page at /es/ with the same ids, every word in Spanish, each language a
whole site of its own (search, sitemap, 404), and the English addresses exactly as they were."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ROOT, run_build
from site_pages import CONTENT_PAGES, LANGUAGES, built_in, page_url
from site_words import ENGLISH, SPANISH

from therapy_site import languages, registry
from therapy_site.html import html_ids
from therapy_site.languages import Language, Languages
from therapy_site.words import compare, read_table

SITE_URL = "https://therapy-relationship.github.io/"
GENERATED = ["check-your-understanding.md", "for-clinicians/answer-key.md"]
SITE = Languages((Language("en", "English", True), Language("es", "Español")))
# Everyday English words that are not Spanish words: none may be left on a Spanish page.
ENGLISH_WORDS = {
    "the", "and", "you", "your", "this", "that", "with", "what", "how", "page", "link", "copy", "question",
    "questions", "answer", "answers", "check", "show", "next", "previous", "search", "skip", "content", "help",
    "need", "now", "quick", "exit", "print", "try", "again", "expect", "back", "close", "open", "switch",
    "dark", "light", "home", "last", "reviewed", "review", "due", "select", "choose", "summary", "start",
    "statement", "statements", "quiz", "quizzes", "therapist", "client", "clients", "section", "true", "false",
}  # fmt: skip


def all_pages(language: str) -> list[str]:
    return [*CONTENT_PAGES, *GENERATED]


# -- the English addresses, exactly as they were ---------------------------------------------------


def test_every_english_address_registered_before_the_spanish_edition_still_works(built_site: Path) -> None:
    # The registry as it stood before the Spanish edition (tests/data), checked against the built
    # HTML by another route than the build's own check.
    entries, problems = registry.parse((ROOT / "tests" / "data" / "published-urls-english.txt").read_text())
    assert problems == [] and len(entries) > 200
    broken = []
    for entry in entries:
        page = built_site / entry.path.lstrip("/") / "index.html"
        html = page.read_text(encoding="utf-8") if page.is_file() else ""
        if not html or 'lang="en"' not in html[:200] or (entry.anchor and entry.anchor not in html_ids(html)):
            broken.append(entry.url)
    assert broken == []


def test_every_english_address_has_its_spanish_twin_registered() -> None:
    # A clinician swaps '/' for '/es/' in any address: the same ids in both languages.
    entries, _ = registry.parse((ROOT / registry.FILE_NAME).read_text(encoding="utf-8"))
    urls = {entry.url for entry in entries}
    english = {url for url in urls if not url.startswith("/es/")}
    assert english and {f"/es{url}" for url in english} <= urls
    assert {url for url in urls if url.startswith("/es/")} == {f"/es{url}" for url in english}


# -- every page in both languages, each leading to the other ---------------------------------------


class Page(HTMLParser):
    """What a reader meets on a page: text and the words in attributes, outside lang="en" parts."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SPOKEN = ("aria-label", "title", "alt", "placeholder", "content")
    # The words our scripts show, kept in data- attributes (the other data- attributes are code).
    SHOWN = {
        "data-right", "data-wrong", "data-empty", "data-summary", "data-intro", "data-concern", "data-calm",
        "data-warning", "data-skipped", "data-end", "data-feedback", "data-copied",
        "data-not-copied",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside another language)
        self.skip = 0  # inside <script> or <style>
        self.words: list[str] = []
        self.html_lang = ""
        self.switch: list[dict[str, str | None]] = []

    def other(self) -> bool:
        return bool(self.stack and self.stack[-1][1])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.html_lang = values.get("lang") or ""
        if "language-switch" in (values.get("class") or ""):
            self.switch.append(values)
        other = self.other() or values.get("lang") not in (None, "es")
        if not other and tag != "meta" or values.get("name") == "description":
            self.words += [str(values[name]) for name in self.SPOKEN if values.get(name)]
            self.words += [str(value) for name, value in values.items() if name in self.SHOWN and value]
        if tag in ("script", "style"):
            self.skip += 1
        if tag not in self.VOID:
            self.stack.append((tag, other))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip and not self.other():
            self.words.append(data)


def english_words(page: Page) -> list[str]:
    """English words a reader would meet; addresses (which keep English names) left out."""
    text = re.sub(r"\S*(?:://|\.\w+/)\S*", " ", " ".join(page.words))
    return sorted({word for word in re.findall(r"[^\W\d_]+", text) if word.lower() in ENGLISH_WORDS})


def read(site: Path, path: str) -> Page:
    page = Page()
    page.feed((site / path).read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("src", [*CONTENT_PAGES, *GENERATED])
def test_no_english_word_is_left_on_a_spanish_page(built_site: Path, src: str) -> None:
    page = read(built_site, built_in(src, "es"))
    assert page.html_lang == "es"
    assert english_words(page) == [], f"English on /es/{page_url(src)}"


def test_the_spanish_404_page_is_in_spanish_and_the_english_one_offers_spanish(built_site: Path) -> None:
    spanish = read(built_site, "es/404.html")
    assert spanish.html_lang == "es" and SPANISH("not_found.title") in " ".join(spanish.words)
    assert english_words(spanish) == []
    english = (built_site / "404.html").read_text(encoding="utf-8")
    assert ENGLISH("not_found.title") in english
    assert f'<p lang="es">{SPANISH("language.not_found")} <a href="{SITE_URL}es/" hreflang="es">' in english


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("src", [*CONTENT_PAGES, *GENERATED])
def test_each_page_links_to_itself_in_the_other_language(built_site: Path, src: str, language: str) -> None:
    page = read(built_site, built_in(src, language))
    assert page.html_lang == language
    (switch,) = page.switch
    other = "es" if language == "en" else "en"
    assert (switch["hreflang"], switch["lang"], switch["rel"]) == (other, other, "alternate")
    here = SITE_URL + LANGUAGES[language] + page_url(src)
    assert urljoin(here, switch["href"] or "") == SITE_URL + LANGUAGES[other] + page_url(src)  # not the home page
    assert switch.get("title") == (SPANISH if other == "es" else ENGLISH)("language.switch")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_sitemap_naming_both_versions(built_site: Path, language: str) -> None:
    sitemap = (built_site / LANGUAGES[language] / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    # Material's instant navigation follows only these: a link to the other language loads afresh.
    assert len(locations) == len(CONTENT_PAGES) + len(GENERATED)
    assert all(urlsplit(url).path.startswith("/es/") == (language == "es") for url in locations)
    for src in CONTENT_PAGES:
        for each, folder in LANGUAGES.items():
            assert f'hreflang="{each}" href="{SITE_URL}{folder}{page_url(src)}"' in sitemap
    assert (built_site / LANGUAGES[language] / "sitemap.xml.gz").is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_searches_its_own_pages_with_its_own_word_rules(built_site: Path, language: str) -> None:
    index = json.loads((built_site / LANGUAGES[language] / "search" / "search_index.json").read_text())
    assert index["config"]["lang"] == [language]
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and not [location for location in locations if location.startswith("es/")]
    for location in {location.partition("#")[0] for location in locations}:
        assert (built_site / LANGUAGES[language] / location / "index.html").is_file(), location
    # Material's script on each page starts at its language's folder, where that index is.
    html = (built_site / built_in("glossary.md", language)).read_text(encoding="utf-8")
    base = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])["base"]
    assert urljoin(SITE_URL + LANGUAGES[language] + "glossary/", base + "/") == SITE_URL + LANGUAGES[language]


def test_spanish_crisis_help_and_quick_exit(built_site: Path) -> None:
    html = (built_site / built_in("when-it-is-not-healthy.md", "es")).read_text(encoding="utf-8")
    for href in ('href="tel:988"', 'href="sms:988"', 'href="tel:911"', 'href="tel:024"', 'href="tel:112"'):
        assert href in html
    assert "marque 2" in html and "AYUDA" in html
    assert SPANISH("crisis.title") in html and SPANISH("quick_exit.label") in html


def test_spanish_emails_and_handouts_lead_to_spanish_pages(built_site: Path) -> None:
    hub = (built_site / "es" / "for-clinicians" / "index.html").read_text(encoding="utf-8")
    emails = re.findall(r'<pre class="email-template__text"[^>]*>(.*?)</pre>', hub, re.DOTALL)
    links = [link for text in emails for link in re.findall(r"https?://\S+", text)]
    assert len(emails) == 3 and links and all(link.startswith(SITE_URL + "es/") for link in links)
    for src in CONTENT_PAGES:  # the printed address and QR code are the Spanish page's
        html = (built_site / built_in(src, "es")).read_text(encoding="utf-8")
        address = f"{SITE_URL}es/{page_url(src)}"
        assert f'<span class="page-address__url">{address}</span>' in html
        assert f"<title>{SPANISH('page.qr_title', address=address)}</title>" in html


# -- the tables of words ---------------------------------------------------------------------------

REFERENCE = "quiz:\n  check: Check answer\n  count: 'Question {number} of {total}'\ndate:\n  months: [a, b]\n"


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        # the Spanish table                                          what the build says, at its line
        ("quiz:\n  count: 'Pregunta {number} de {total}'\ndate:\n  months: [x, y]\n", "4: the key 'quiz.check' is missing (in translations/en.yml it says 'Check answer')"),
        ("quiz:\n  check: Revisar\n  count: Pregunta {number}\ndate:\n  months: [x, y]\n", "3: 'quiz.count' must keep the placeholders {number}, {total}"),
        ("quiz:\n  check: Revisar\n  count: '{number} {total}'\ndate:\n  months: [x]\n", "5: 'date.months' must be a list of 2 words"),
        ("quiz:\n  check: Revisar\n  chek: x\n  count: '{number} {total}'\ndate:\n  months: [x, y]\n", "3: 'quiz.chek' is not a key of translations/en.yml"),
    ],
)  # fmt: skip
def test_a_table_is_compared_with_the_english_one(translation: str, message: str) -> None:
    reference, _ = read_table(REFERENCE, "translations/en.yml")
    table, problems = read_table(translation, "translations/es.yml")
    assert problems == []
    found = [
        f"{problem.line}: {problem.message}"
        for problem in compare(reference, table, "translations/es.yml", "translations/en.yml")
    ]
    assert len(found) == 1 and found[0].startswith(message), found


def test_a_table_that_is_not_yaml_is_named_with_its_line() -> None:
    (problem,) = read_table("quiz:\n  check: Revisar: ahora\n", "translations/es.yml")[1]
    assert (problem.file, problem.line) == ("translations/es.yml", 2) and "not valid YAML" in problem.message


def test_a_missing_translation_fails_the_build_naming_the_key(project_copy: Path) -> None:
    table = project_copy / "translations" / "es.yml"
    text = table.read_text(encoding="utf-8")
    table.write_text(re.sub(r"(?m)^(quiz:\n(?:  .*\n)*?)  check: .*\n", r"\1", text, count=1), encoding="utf-8")
    assert "  check: " not in table.read_text(encoding="utf-8")
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert re.search(
        r"translations/es\.yml:\d+: the key 'quiz\.check' is missing \(in translations/en\.yml it says 'Check answer'\)",
        result.stderr,
    ), result.stderr


# -- the rules, on strings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "neutral", "language"),
    [
        # file in docs/                 the page in every language   its language
        ("about.md", "about.md", "en"),
        ("about.es.md", "about.md", "es"),
        ("for-clinicians/index.es.md", "for-clinicians/index.md", "es"),
        ("notes.fr.md", "notes.fr.md", "en"),  # not a language of the site: an English page
    ],
)
def test_the_language_of_a_file(src: str, neutral: str, language: str) -> None:
    assert SITE.of_src(src) == (neutral, SITE.get(language))


@pytest.mark.parametrize(
    ("url", "language", "neutral"),
    [
        ("/es/about/", "es", "about/"),
        ("es/", "es", ""),
        ("/about/", "en", "about/"),
        ("/estimates/", "en", "estimates/"),
    ],
)
def test_the_language_of_an_address(url: str, language: str, neutral: str) -> None:
    assert SITE.of_url(url).code == language and SITE.neutral_url(url) == neutral


def test_one_search_index_becomes_one_per_language() -> None:
    index = {
        "config": {"lang": ["en"], "separator": "x"},
        "docs": [{"location": "about/"}, {"location": "es/about/#a"}],
    }
    split = languages.search_indexes(json.dumps(index), SITE)
    assert json.loads(split[SITE.get("en")]) == {
        "config": {"lang": ["en"], "separator": "x"},
        "docs": [{"location": "about/"}],
    }
    assert json.loads(split[SITE.get("es")]) == {
        "config": {"lang": ["es"], "separator": "x"},
        "docs": [{"location": "about/#a"}],
    }


def test_materials_script_is_told_where_the_language_starts() -> None:
    html = '<p>x</p><script id="__config" type="application/json">{"base": "../..", "features": []}</script>'
    assert (
        languages.with_base(html, "..")
        == '<p>x</p><script id="__config" type="application/json">{"base":"..","features":[]}</script>'
    )


def test_the_languages_as_mkdocs_yml_names_them() -> None:
    from therapy_site.check import settings

    found = languages.from_config_data(settings(ROOT / "mkdocs.yml"))
    assert [(each.code, each.default, each.folder) for each in found.all] == [("en", True, ""), ("es", False, "es/")]


# -- translation freshness, on strings -------------------------------------------------------------

ENGLISH_PAGE = """---
title: T
---
# T

Intro.

## One {#one}

First.

## Two {#two}

Second.
"""


@pytest.mark.parametrize(
    ("change", "named"),
    [
        # how the English page changed                        the sections make check names
        (("First.", "First, and more."), ["'One' (#one)"]),
        (("Intro.", "A new intro."), ["'T' (the introduction)"]),
        (("## Two {#two}", "## Three {#three}"), ["'Three' (new)", "'Two' (removed)"]),
        (("## Two {#two}", "## Two, renamed {#two}"), ["'Two, renamed' (#two)"]),  # a heading's words too
        (("title: T", "title: Other"), []),
    ],
)
def test_the_english_sections_that_changed_are_named(change: tuple[str, str], named: list[str]) -> None:
    from therapy_site.page import read_page
    from therapy_site.translation import changed

    old = read_page("t.md", ENGLISH_PAGE)
    new = read_page("t.md", ENGLISH_PAGE.replace(*change))
    assert changed(old, new) == named


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a translated page                                        after make translated
        ("---\ntitle: T\n---\n# T\n", "---\ntitle: T\nenglish_version: abc\n---\n# T\n"),
        ("---\ntitle: T\nenglish_version: 123\n---\n", "---\ntitle: T\nenglish_version: abc\n---\n"),
        ("# T\n", "---\nenglish_version: abc\n---\n# T\n"),
    ],
)
def test_make_translated_writes_the_version_into_the_front_matter(source: str, expected: str) -> None:
    from therapy_site.translation import record

    assert record(source, "abc") == expected


def test_the_version_is_gits_own_id_for_the_file() -> None:
    import subprocess

    from therapy_site.translation import version

    data = (ROOT / "docs" / "about.md").read_bytes()
    shown = subprocess.run(["git", "hash-object", "--stdin"], input=data, capture_output=True, check=True)
    assert shown.stdout.decode().startswith(version(data))
