"""Handouts keep their links (issue 12), read from the PDF Chromium prints: each link in the text
shows where it goes, the helpline directory's address is printed, nothing tells the reader to use
Quick exit, and a quiz's title never ends a sheet on its own. Topic pages have a "Print this page"
button, on screen and with JavaScript only."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page
from pypdf import PageObject, PdfReader
from site_pages import CONTENT_PAGES, LANGUAGES, TOPIC_PAGES, page_url

from .checks import report
from .conftest import PageFactory
from .guard import Recorder
from .quiz_source import all_blocks
from .reader import QUICK_EXIT_PAGES, SITE_URL, Screen, accessibility, extra, focus, tab_to, words

pytestmark = pytest.mark.browser

# The paper the site's print CSS is written for: 15 mm above and below, 14 mm at the sides.
PAPER = {"A4": (210, 297), "Letter": (215.9, 279.4)}
MARGIN_MM = (15, 14)
PX_PER_MM = 96 / 25.4
QUIZ_PAGES = sorted({block.url for block in all_blocks()})


@dataclass(frozen=True)
class Line:
    y: float  # from the bottom of the sheet, in points
    text: str


def sheet_lines(sheet: PageObject) -> list[Line]:
    """A sheet's lines of text, from top to bottom."""
    lines: list[Line] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if text.strip():
            lines.append(Line(cm[1] * tm[4] + cm[3] * tm[5] + cm[5], text.strip()))

    sheet.extract_text(visitor_text=visit)
    return sorted(lines, key=lambda line: -line.y)


def pdf_sheets(page: Page, paper: str = "A4") -> list[list[Line]]:
    """The page printed by Chromium, sheet by sheet."""
    return [sheet_lines(sheet) for sheet in PdfReader(io.BytesIO(page.pdf(format=paper))).pages]


def squashed(text: str) -> str:
    """Text without any white space: a printed address may wrap anywhere."""
    return re.sub(r"\s+", "", text)


def pdf_text(sheets: list[list[Line]]) -> str:
    return squashed("".join(line.text for sheet in sheets for line in sheet))


# Each link in the article that a reader of the handout sees and that leads off the page: its words,
# where it leads, and the address the build wrote for print (data-print-url; none for a link whose
# words are the address already, such as the clinicians' list).
PRINTED_LINKS = """() => {
  const here = location.origin + location.pathname;
  return [...document.querySelectorAll('article a[href]')]
    .filter(a => a.checkVisibility() && /^https?:/.test(a.href) && a.href.split('#')[0] !== here)
    .map(a => ({words: a.innerText, href: a.href, printed: a.getAttribute('data-print-url'), listed: !!a.closest('.hub')}));
}"""


def test_each_printed_link_shows_where_it_goes(new_page: PageFactory, recorder: Recorder, base_url: str) -> None:
    page = new_page(**Screen(1280).options())
    failures = []
    for language, folder in LANGUAGES.items():  # the Spanish handouts too
        for src in CONTENT_PAGES:
            page.emulate_media(media="screen")
            page.goto(base_url + folder + page_url(src))
            page.emulate_media(media="print")
            found = link_failures(src, language, page.evaluate(PRINTED_LINKS), pdf_text(pdf_sheets(page)))
            failures += [f"{folder}{failure}" for failure in found]
    failures += recorder.failures()
    assert not failures, report(failures)


def link_failures(src: str, language: str, links: list[dict], text: str) -> list[str]:
    failures = []
    for link in links:
        if link["listed"]:  # the clinicians' list prints each address on its own line
            expected = squashed(link["printed"] or "")
        elif link["printed"]:  # the address, after the link's words
            expected = squashed(f"{link['words']} ({link['printed']})")
        else:  # the build prints nothing only where the words are the address
            expected = squashed(link["words"])
            if urlsplit(link["href"]).netloc not in link["words"]:
                failures.append(f"{src}: the link {link['words']!r} to {link['href']} prints no address")
        if not expected or expected not in text:
            failures.append(f"{src}: the PDF lacks {expected!r} (the link {link['words']!r})")
    if not links and src != "index.md":
        failures.append(f"{src}: no link leaves the page: nothing was checked")
    # The crisis lines are printed in full, with the helpline directory's address.
    directory = extra(language)["crisis"]["elsewhere"]
    address = directory["url"].split("://", 1)[1]
    if squashed(f"{directory['label']} ({address})") not in text:
        failures.append(f"{src}: the helpline directory is printed without its address {address}")
    for group in extra(language)["crisis"]["groups"]:
        failures += [
            f"{src}: the crisis line {line['label']!r} is not printed"
            for line in group["lines"]
            if squashed(line["label"]) not in text
        ]
    return failures


def test_the_printed_links_are_real_links_to_their_address(new_page: PageFactory, base_url: str) -> None:
    # The check above is only as good as the addresses: each printed one is the link's own, on the public site.
    page = new_page()
    page.goto(base_url + page_url(TOPIC_PAGES[1]))
    links = [link for link in page.evaluate(PRINTED_LINKS) if link["printed"]]
    assert len(links) >= 5
    site = SITE_URL.split("://", 1)[1]  # SITE_URL is not set in the tests
    for link in links:
        if link["href"].startswith(base_url):
            assert link["printed"] == site + link["href"][len(base_url) :], link
        else:
            assert link["printed"] == link["href"].split("://", 1)[1], link


@pytest.mark.parametrize("path", QUICK_EXIT_PAGES)
def test_no_quick_exit_instructions_on_paper(
    new_page: PageFactory, recorder: Recorder, base_url: str, path: str
) -> None:
    page = new_page(**Screen(1280).options())
    page.goto(base_url + path)
    # On screen the page has them: the button, its hint (Shift three times), and, on some pages, a sentence.
    on_screen = page.locator("article").inner_text()
    label = words(path)("quick_exit.label")
    assert label in on_screen and "Shift" in on_screen
    text = " ".join(line.text for sheet in pdf_sheets(page) for line in sheet)
    found = [word for word in (label, "Quick exit", "Shift", "Mayús") if word.lower() in text.lower()]
    assert not found, f"{path}: printed {found}"
    assert not recorder.failures(), report(recorder.failures())


# --- a quiz's title never ends a sheet -------------------------------------------------------

# The quizzes as the page shows them: each title and the first thing the reader answers.
QUIZZES = """() => [...document.querySelectorAll('article .quiz')].map(q => ({
  title: q.querySelector('.quiz__title').innerText.trim(),
  first: (q.querySelector('.quiz__count') || q.querySelector('legend')).innerText.trim().slice(0, 24)}))"""


def orphaned_titles(sheets: list[list[Line]], quizzes: list[dict[str, str]]) -> list[str]:
    """Quiz titles with no question after them on their sheet (the question went on to the next)."""
    firsts = [quiz["first"] for quiz in quizzes]
    found = []
    for number, sheet in enumerate(sheets[:-1], 1):
        texts = [line.text for line in sheet]
        for at, text in enumerate(texts):
            if any(text == quiz["title"] for quiz in quizzes):
                rest = texts[at + 1 :]
                if not any(line.startswith(first[:16]) for line in rest for first in firsts):
                    found.append(
                        f"sheet {number} ends with {text!r}, its first question is on the next sheet: {rest[-2:]}"
                    )
    return found


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_a_quiz_title_never_ends_a_sheet(new_page: PageFactory, base_url: str, paper: str) -> None:
    page = new_page()
    failures = []
    for path in QUIZ_PAGES:
        page.goto(base_url + path)
        quizzes = page.evaluate(QUIZZES)
        assert quizzes, f"{path}: no quiz"
        failures += [f"{path} on {paper}: {found}" for found in orphaned_titles(pdf_sheets(page, paper), quizzes)]
    assert not failures, report(failures)


# Only the quiz stays in the article, after a block as tall as the first sheet less the quiz's title
# and intro: without the print CSS's break-after: avoid, they would end the sheet on their own.
ONLY_THE_QUIZ = """([anchor, height, auto]) => {
  const quiz = document.getElementById(anchor);
  const own = quiz.closest('article > *');
  for (const child of [...quiz.closest('article').children]) if (child !== own && !child.matches('style, script')) child.remove();
  let spacer = document.getElementById('spacer');
  if (!spacer) { spacer = document.createElement('div'); spacer.id = 'spacer'; own.before(spacer); }
  spacer.style.height = height + 'px';
  if (auto) for (const e of quiz.querySelectorAll('.quiz__title, .quiz__intro')) e.style.setProperty('break-after', 'auto', 'important');
  return quiz.querySelector('.quiz__intro').getBoundingClientRect().bottom + scrollY;
}"""


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_a_quiz_title_at_the_foot_of_a_sheet_moves_on_with_its_first_question(
    new_page: PageFactory, base_url: str, paper: str
) -> None:
    (block, *_) = [block for block in all_blocks() if block.kind == "quiz"]
    width, height = PAPER[paper]
    page = new_page(viewport={"width": round((width - 2 * MARGIN_MM[1]) * PX_PER_MM), "height": 1000})
    page.goto(base_url + block.url)
    page.emulate_media(media="print")
    sheet_height = (height - 2 * MARGIN_MM[0]) * PX_PER_MM
    intro_bottom = page.evaluate(ONLY_THE_QUIZ, [block.anchor, 0, False])
    spacer = (
        sheet_height - intro_bottom - 40
    )  # the title and intro fit at the foot of sheet 1, the first question does not
    quizzes = page.evaluate(QUIZZES)
    # The planted fault first: with break-after: auto, the title does end sheet 1, and the check says so.
    page.evaluate(ONLY_THE_QUIZ, [block.anchor, spacer, True])
    assert orphaned_titles(pdf_sheets(page, paper), quizzes), (
        "the set-up did not put the quiz's title at the foot of a sheet"
    )
    # The site's own print CSS: the title and intro go on to sheet 2 with the first question.
    page.reload()
    page.emulate_media(media="print")
    page.evaluate(ONLY_THE_QUIZ, [block.anchor, spacer, False])
    sheets = pdf_sheets(page, paper)
    assert not orphaned_titles(sheets, quizzes), orphaned_titles(sheets, quizzes)
    assert any(line.text == quizzes[0]["title"] for line in sheets[1]), [line.text for line in sheets[1][:3]]


# --- "Print this page" ----------------------------------------------------------------------

PRINT_BUTTON = "[data-print-page]"
# window.print() opens the browser's dialog; the test counts the calls instead.
COUNT_PRINTS = "() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; }"


@pytest.mark.parametrize(
    ("screen", "language"), [(Screen(360), "en"), (Screen(1280, "dark"), "en"), (Screen(360, "dark"), "es")], ids=str
)
def test_topic_pages_have_a_print_button_on_screen_with_javascript(
    new_page: PageFactory, recorder: Recorder, base_url: str, screen: Screen, language: str
) -> None:
    page = new_page(**screen.options())
    label = words(language)("page.print")
    with_quiz = {block.src for block in all_blocks()}
    assert set(TOPIC_PAGES) <= with_quiz
    for src in CONTENT_PAGES:
        page.emulate_media(media="screen")
        page.goto(base_url + LANGUAGES[language] + page_url(src))
        button = page.locator(PRINT_BUTTON)
        if src not in with_quiz:
            assert button.count() == 0, f"{src} has no quiz, and a Print button"
            continue
        assert button.is_visible(), f"{src}: no Print button"
        node = accessibility(page, PRINT_BUTTON)
        assert (node["role"], node["name"]) == ("button", label), node
        page.evaluate(COUNT_PRINTS)
        tab_to(page, button, limit=12 if screen.is_phone else 60)  # a laptop's navigation comes first
        assert focus(page)["visible"]
        page.keyboard.press("Enter")
        button.click()
        assert page.evaluate("window.__prints") == 2, f"{src}: the button did not print"
        page.emulate_media(media="print")
        assert not button.is_visible(), f"{src}: the Print button is printed"
    assert not recorder.failures(), report(recorder.failures())


def test_without_javascript_there_is_no_print_button(new_page: PageFactory, base_url: str) -> None:
    page = new_page(**Screen(360, javascript=False).options())
    for src in TOPIC_PAGES:
        page.goto(base_url + page_url(src))
        assert page.locator(PRINT_BUTTON).count() == 1 and not page.locator(PRINT_BUTTON).is_visible(), src
