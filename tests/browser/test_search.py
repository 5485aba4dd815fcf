"""Material's search in Chromium: every word the pages teach is found, punctuation or not, and the
clinicians' email templates are never a result. (The index itself: tests/test_search_index.py.)"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from site_pages import page_url

from .checks import report
from .conftest import PageFactory
from .guard import Recorder
from .navigation import open_home
from .test_behaviour import DESKTOP, RESULTS, search

pytestmark = pytest.mark.browser

# Words from the pages that Material's default separator (spaces and hyphens only) left glued to
# a quote mark or a bracket, so typing them found nothing, or not the page that teaches them: the
# words of the built index that `[\s\-]+` never cut free (tests/test_search_index.py checks every
# word of the index the same way). Each row: the word, the page it must find, why it was hard.
# ("sliding" and "overall", named in the issue, are on no page that search indexes now: "overall" is
# in the check-in, which search leaves out on purpose.)
HARD_WORDS = [
    ("special", "when-it-is-not-healthy.md", 'a warning sign, written "special", in quote marks'),
    ("really", "when-it-is-not-healthy.md", 'a warning sign: telling you how you "really" feel'),
    ("Sources", "when-it-is-not-healthy.md", "a pointer in brackets: (Sources)."),
    ("patient", "glossary.md", 'Some services say "patient" instead: in quote marks'),
    ("Patients", "sources.md", "Clients/Patients: a slash"),
    ("content", "about.md", 'a "content correction" request: a quote mark before the word'),
    ("Norcross", "what-is-the-therapeutic-relationship.md", "cited in brackets, (Norcross and Lambert ..."),
    ("Flückiger", "what-is-the-therapeutic-relationship.md", "cited in brackets, (Flückiger and others ...; and a ü"),
    ("Eubanks", "your-first-sessions.md", "cited in brackets, (Eubanks, Muran and Safran ..."),
    ("doi", "sources.md", "inside an address: https://doi.org/..."),
]

# How a word may sit in a sentence (curly quotes are not on the pages yet; editors and
# translators will write them): Material's worker must cut each phrase so the word stands alone.
PUNCTUATED = [
    "They say you are “special”, or treat you",
    "They say you are ‘special’, or treat you",
    "‘special’ treatment",
    'a "special" client',
    "a client (special) or [special] or {special}",
    "special/sliding scale fees: overall; special!",
    "special, special. special? special… special—special – special",
    "«especial» ¿especial? ¡especial!",
    "Tom is &quot;special&quot; &amp; special",
]
KEPT_WHOLE = ["don't", "therapist’s", "30,000", "3.5", "you'll"]


def index_config(built_site: Path) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]


def test_search_finds_every_word_of_the_table(
    new_page: PageFactory, recorder: Recorder, base_url: str, built_site: Path
) -> None:
    page = new_page(viewport=DESKTOP)
    open_home(page, base_url)
    box = page.get_by_role("textbox", name="Search")
    failures = []
    for word, src, why in HARD_WORDS:
        expected = page_url(src)
        source = (built_site / expected / "index.html").read_text(encoding="utf-8")
        assert word in html.unescape(source), f"{word!r} is no longer on {expected}: pick another word ({why})"
        box.fill("")
        search(page, word)
        result = page.locator(f'{RESULTS}[href^="{base_url}{expected}"]').first
        try:
            expect(result).to_be_visible()
        except AssertionError:
            found = page.locator(RESULTS).evaluate_all("as => as.map(a => a.getAttribute('href'))")
            failures.append(f"searching {word!r} ({why}) did not list /{expected}; it listed {found}")
    assert not failures, report(failures)
    assert not recorder.failures(), report(recorder.failures())


@pytest.mark.parametrize(("word", "src", "why"), HARD_WORDS[:3] + HARD_WORDS[6:8], ids=lambda value: str(value)[:12])
def test_a_result_opens_its_page_with_the_word_marked(
    new_page: PageFactory, recorder: Recorder, base_url: str, word: str, src: str, why: str
) -> None:
    page = new_page(viewport=DESKTOP)
    open_home(page, base_url)
    search(page, word)
    expected = page_url(src)
    page.locator(f'{RESULTS}[href^="{base_url}{expected}"]').first.click()
    page.wait_for_url(re.compile(re.escape(base_url + expected)))
    # Material's highlighter (a result's link carries ?h=word) builds its pattern from the same
    # separator: the word is marked on the page, quote marks or not.
    page.goto(f"{base_url}{expected}?h={word}")
    marked = page.locator("article mark[data-md-highlight]").filter(
        has_text=re.compile(f"^{re.escape(word)}$", re.IGNORECASE)
    )
    expect(marked.first).to_be_attached()
    assert not recorder.failures(), report(recorder.failures())


def test_the_separator_cuts_words_from_punctuation_in_the_browser(
    new_page: PageFactory, recorder: Recorder, base_url: str, built_site: Path
) -> None:
    # JavaScript's own reading of the separator, as Material's worker splits text into words.
    page = new_page(viewport=DESKTOP)
    page.goto(base_url)
    words = page.evaluate(
        "([sep, phrases]) => phrases.map(p => p.split(new RegExp(sep)).filter(Boolean).map(w => w.toLowerCase()))",
        [index_config(built_site)["separator"], PUNCTUATED + KEPT_WHOLE],
    )
    failures = [
        f"{phrase!r} -> {found}"
        for phrase, found in zip(PUNCTUATED, words)
        if not {"special", "especial"} & set(found) or any(re.search(r"[^\w'’,.]", w) for w in found)
    ]
    failures += [
        f"{word!r} -> {found}" for word, found in zip(KEPT_WHOLE, words[len(PUNCTUATED) :]) if found != [word.lower()]
    ]
    assert not failures, report(failures)
    assert not recorder.failures(), report(recorder.failures())


EMAIL = re.compile(r'<pre class="email-template__text"[^>]*>(.*?)</pre>', re.DOTALL)
EMAIL_BLOCK = re.compile(r"^```email\n.*?^```", re.MULTILINE | re.DOTALL)
DOCS = Path(__file__).resolve().parents[2] / "docs"


def email_only(built_site: Path, word: str) -> bool:
    """Whether `word` is in every email template and in no page's text outside them."""
    hub = (built_site / page_url("for-clinicians/index.md") / "index.html").read_text(encoding="utf-8")
    emails = [html.unescape(text) for text in EMAIL.findall(hub)]
    elsewhere = " ".join(EMAIL_BLOCK.sub("", page.read_text(encoding="utf-8")) for page in DOCS.rglob("*.md"))
    return bool(emails) and all(word in text for text in emails) and word.lower() not in elsewhere.lower()


@pytest.mark.parametrize("word", ["Subject", "Hello"])
def test_search_never_offers_an_email_template(
    new_page: PageFactory, recorder: Recorder, base_url: str, built_site: Path, word: str
) -> None:
    # Every template starts "Subject: ..." and "Hello,": words a client may well type.
    assert email_only(built_site, word), f"{word!r} is not only in the email templates any more: pick another word"
    page = new_page(viewport=DESKTOP)
    open_home(page, base_url)
    search(page, word)
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    links = page.locator(RESULTS).evaluate_all("as => as.map(a => a.href)")
    assert links == [], f"searching {word!r} (only in the clinicians' email templates) found {links}"
    assert not recorder.failures(), report(recorder.failures())


# --- Spanish ---------------------------------------------------------------------------------

# Spanish search: Spanish pages only, Spanish stop words, and the forms Material's trailing wildcard
# reaches (its worker adds one to each word, and lunr never stems a wildcard word: see
# therapy_site.languages.search_indexes). Each row: what a reader types, a page it must find, why.
SPANISH_WORDS = [
    ("relación", "what-is-the-therapeutic-relationship.md", "an accented letter"),
    ("señal", "when-it-is-not-healthy.md", "the page says señales: a longer form"),
    ("terapeuta", "what-a-good-relationship-feels-like.md", "also in terapeutas"),
    ("empiezo", "index.md", "a heading in ¿...?: ¿Por dónde empiezo?"),
    ("confianza", "what-can-get-in-the-way.md", "a word of the glossary"),
]
SPANISH_BOX = "Búsqueda"  # Material's own word, in Spanish


@pytest.mark.parametrize(("word", "src", "why"), SPANISH_WORDS, ids=lambda value: str(value)[:12])
def test_spanish_search_finds_spanish_pages_only(
    new_page: PageFactory, recorder: Recorder, base_url: str, built_site: Path, word: str, src: str, why: str
) -> None:
    expected = "es/" + page_url(src)
    text = html.unescape((built_site / expected / "index.html").read_text(encoding="utf-8")).lower()
    assert word in text, f"{word!r} is no longer on {expected}: pick another word ({why})"
    page = new_page(viewport=DESKTOP)
    open_home(page, base_url + "es/")
    search(page, word, SPANISH_BOX)
    expect(page.locator(f'{RESULTS}[href^="{base_url}{expected}"]').first).to_be_visible()
    links = page.locator(RESULTS).evaluate_all("as => as.map(a => a.href)")
    assert all(link.startswith(base_url + "es/") for link in links), f"{word!r} listed English pages: {links}"
    assert not recorder.failures(), report(recorder.failures())


# Words a reader types in another form than the page has: the other number, or no accent (as on
# many phones). The worker's wildcard cannot reach them; the forms written into the index when it
# is built (therapy_site.wordforms) do. Each row: what a reader types, a page it must find, how the
# page has it.
SPANISH_FORMS = [
    ("relaciones", "what-a-good-relationship-feels-like.md", "the page says relación (and no page relaciones)"),
    ("razones", "your-first-sessions.md", "the page says razón"),
    ("sesiones", "how-it-helps.md", "the page says sesión"),
    ("terapeutas", "what-is-the-therapeutic-relationship.md", "the page says terapeuta"),
    ("preguntas", "when-it-is-not-healthy.md", "the page says pregunta"),
    ("limites", "when-it-is-not-healthy.md", "no accent: the page says límites"),
    ("relacion", "what-a-good-relationship-feels-like.md", "no accent: the page says relación"),
    ("dificil", "how-it-helps.md", "no accent: the page says difícil"),
]


def indexed_words(built_site: Path, folder: str, url: str) -> set[str]:
    """The words search has for one page, as written on it (not the other forms listed for it)."""
    from therapy_site import wordforms

    index = json.loads((built_site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    split = wordforms.splitter(index["config"]["separator"])
    docs = [doc for doc in index["docs"] if doc["location"].split("#")[0] == url]
    assert docs, f"/{folder}{url} is not in the search index"
    return set().union(*(wordforms.words(f"{doc['title']} {doc['text']}", split) for doc in docs))


@pytest.mark.parametrize(("word", "src", "why"), SPANISH_FORMS, ids=lambda value: str(value)[:12])
def test_spanish_search_finds_other_forms_of_a_word(
    new_page: PageFactory, recorder: Recorder, base_url: str, built_site: Path, word: str, src: str, why: str
) -> None:
    on_page = indexed_words(built_site, "es/", page_url(src))
    started = sorted(w for w in on_page if w.startswith(word))
    assert not started, f"/es/{page_url(src)} has {started}: the wildcard finds {word!r} there; pick another page"
    page = new_page(viewport=DESKTOP)
    open_home(page, base_url + "es/")
    search(page, word, SPANISH_BOX)
    expect(page.locator(f'{RESULTS}[href^="{base_url}es/{page_url(src)}"]').first).to_be_visible()
    assert not recorder.failures(), report(recorder.failures())


@pytest.mark.parametrize(
    ("home", "word", "box_name", "none"),
    [("", "terapeuta", "Search", "No matching documents"), ("es/", "warning", SPANISH_BOX, "No se encontraron")],
)
def test_each_language_searches_its_own_pages(
    new_page: PageFactory, recorder: Recorder, base_url: str, home: str, word: str, box_name: str, none: str
) -> None:
    # A word of the other language only (the Spanish pages say terapeuta; the English ones warning):
    # the other language's pages are never offered.
    page = new_page(viewport=DESKTOP)
    open_home(page, base_url + home)
    search(page, word, box_name)
    expect(page.locator(".md-search-result__meta")).to_contain_text(none)
    assert page.locator(RESULTS).count() == 0
    assert not recorder.failures(), report(recorder.failures())
