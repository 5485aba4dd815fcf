"""Quizzes and the check-in, by keyboard alone, after a fresh load and after instant navigation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, Route, expect
from site_pages import LANGUAGES, page_url

from .checks import axe_within, report, storage_failures
from .conftest import PageFactory
from .guard import Recorder
from .navigation import nav_link, open_home, same_document_click
from .quiz_source import (
    WARNING_PAGE,
    Block,
    all_blocks,
    blocks,
    expected_indexes,
    feedback,
    is_warning_sign,
    review_path,
    squash,
)
from .reader import words
from .serve import site_paths

pytestmark = pytest.mark.browser

QUIZ_PAGE = "when-it-is-not-healthy.md"  # every question type, and the Quick exit
CHECKIN_PAGE = "how-is-it-going.md"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# How the reader arrives, and the page's language: each way in English, one of them in Spanish.
VISITS = [("fresh load", "en"), ("instant navigation", "en"), ("fresh load", "es"), ("instant navigation", "es")]
READY_MS = 5_000  # site.js shows the Check buttons once the page is parsed
RENDERED = re.compile(r"<section [^>]*\bdata-(?:quiz|checkin)\b")

ACTIVE = """() => { const e = document.activeElement;
  return e ? `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.textContent || e.value || '').trim().slice(0, 40)}"` : 'nothing' }"""


def the_block(src: str, kind: str, language: str = "en") -> Block:
    found = [block for block in blocks(src, language) if block.kind == kind]
    assert found, f"docs/{src} has no {kind} block"
    return found[0]


def quiz_pages() -> list[str]:
    return sorted({block.url for block in all_blocks()})


def rendered_quiz_pages(built_site: Path) -> list[str]:
    """Pages of the built site with a quiz or check-in on them, wherever they came from."""
    return sorted(path for path in site_paths(built_site) if RENDERED.search(built_html(built_site, path)))


def built_html(built_site: Path, path: str) -> str:
    file = built_site / path if path.endswith(".html") else built_site / path / "index.html"
    return file.read_text(encoding="utf-8")


# --- keyboard ----------------------------------------------------------------------------


def is_focused(target: Locator) -> bool:
    return bool(target.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, target: Locator, limit: int = 400) -> None:
    """Press Tab until `target` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(target):
            return
    raise AssertionError(f"{page.url}: {limit} Tab presses never reached {target}; focus is on {page.evaluate(ACTIVE)}")


def choose_by_keyboard(page: Page, inputs: Locator, choose: list[int], multiple: bool) -> None:
    """Radios: Space on the first, or arrow keys to move and choose. Checkboxes: Space and Tab."""
    tab_to(page, inputs.first)
    if multiple:
        for index in range(inputs.count()):
            if index in choose:
                page.keyboard.press("Space")
            if index < inputs.count() - 1:
                page.keyboard.press("Tab")
                assert is_focused(inputs.nth(index + 1)), f"Tab left the checkboxes at {page.evaluate(ACTIVE)}"
    else:
        (target,) = choose
        if target == 0:
            page.keyboard.press("Space")
        for _ in range(target):
            page.keyboard.press("ArrowDown")


def checked(inputs: Locator) -> list[int]:
    return inputs.evaluate_all("els => els.flatMap((e, i) => e.checked ? [i] : [])")


# --- arriving at the page ----------------------------------------------------------------


def arrive(page: Page, base_url: str, block: Block, how: str) -> None:
    """Open the block's page by a fresh load of its address, or by a click in Material's navigation."""
    if how == "fresh load":
        # The quiz's documented address; it also sets where the first Tab starts.
        page.goto(f"{base_url}{block.url}#{block.anchor}")
        return
    home = base_url + LANGUAGES[block.language]
    open_home(page, home)
    same_document_click(page, nav_link(home, page_url(block.src)), base_url + block.url)
    expect(page.locator(f"#{block.anchor}")).to_be_attached()


def wait_until_ready(page: Page, block: Block) -> Locator:
    """The block can be answered: its Check button shows (site.js; quiz.js comes when the reader starts)."""
    section = page.locator(f"#{block.anchor}")
    try:
        expect(section.locator(".quiz__check").first).to_be_visible(timeout=READY_MS)
    except AssertionError:
        scripts = page.evaluate("[...document.scripts].map(s => s.getAttribute('src')).filter(Boolean)")
        raise AssertionError(
            f"{page.url}: #{block.anchor} shows no Check button after {READY_MS} ms, so it cannot be "
            f"answered; scripts in the document: {scripts}"
        ) from None
    return section


# --- the quiz ----------------------------------------------------------------------------


class Question:
    """One question on the page, with its answer key from docs/."""

    def __init__(self, page: Page, block: Block, data: dict[str, Any]) -> None:
        self.page, self.data = page, data
        self.fieldset = page.locator(f"#{block.anchor}-{data['id']}")
        self.inputs = self.fieldset.locator("input")
        self.check = self.fieldset.get_by_role("button", name=words(block.language)("quiz.check"))
        self.retry = self.fieldset.get_by_role("button", name=words(block.language)("quiz.retry"))
        self.feedback = self.fieldset.locator("[aria-live]")
        self.multiple = data["type"] == "multiple"

    def assert_nothing_submitted(self) -> None:
        assert self.feedback.inner_text().strip() == "", f"choosing an option submitted {self.data['id']}"

    def answer(self, choose: list[int], key: str = "Enter") -> None:
        choose_by_keyboard(self.page, self.inputs, choose, self.multiple)
        assert checked(self.inputs) == sorted(choose), f"{self.data['id']}: keys chose {checked(self.inputs)}"
        self.assert_nothing_submitted()
        tab_to(self.page, self.check)
        self.page.keyboard.press(key)


def test_every_block_in_the_source_is_rendered(built_site: Path) -> None:
    # A block with a mistake shows a "not available" notice instead; the browser tests need the real thing.
    for block in all_blocks():
        html = built_html(built_site, block.url)
        assert re.search(rf'<section [^>]*id="{block.anchor}"[^>]*data-{block.kind}\b', html), (
            f"{block.src}: #{block.anchor}"
        )
    assert rendered_quiz_pages(built_site) == quiz_pages()


def test_quiz_page_has_every_question_type() -> None:
    # The keyboard tests below rely on this page's quiz having each kind of question.
    types = {q["type"] for q in the_block(QUIZ_PAGE, "quiz").data["questions"]}
    assert types >= {"single", "multiple", "true-false", "scenario"}, types


@pytest.mark.parametrize(("how", "language"), VISITS[:3])
def test_quiz_by_keyboard_only(
    new_page: PageFactory, recorder: Recorder, base_url: str, how: str, language: str
) -> None:
    block = the_block(QUIZ_PAGE, "quiz", language)
    page = new_page(viewport=DESKTOP)
    arrive(page, base_url, block, how)
    section = wait_until_ready(page, block)
    right, wrong = section.get_attribute("data-right") or "", section.get_attribute("data-wrong") or ""
    assert right and wrong
    summary = section.locator(".quiz__summary")
    first, *rest = [Question(page, block, q) for q in block.data["questions"]]
    expected = expected_indexes(first.data)
    assert not first.multiple and expected != [1], "the first question must have a wrong second option"
    assert first.feedback.get_attribute("aria-live") == "polite"

    # Space chooses, an arrow key moves the choice; neither submits anything.
    tab_to(page, first.inputs.first)
    page.keyboard.press("Space")
    assert checked(first.inputs) == [0]
    first.assert_nothing_submitted()
    page.keyboard.press("ArrowDown")
    assert checked(first.inputs) == [1]
    first.assert_nothing_submitted()

    # Enter on Check answer: the verdict, the chosen option's note and the explanation, in the live region.
    tab_to(page, first.check)
    page.keyboard.press("Enter")
    expect(first.feedback).to_contain_text(wrong)
    expect(first.feedback).to_contain_text(squash(feedback(first.data, 1)))
    expect(first.feedback).to_contain_text(squash(first.data["explanation"]))

    # Try again clears everything and puts the focus back on the first option.
    tab_to(page, first.retry)
    page.keyboard.press("Space")
    expect(first.feedback).to_have_text("")
    assert checked(first.inputs) == [] and is_focused(first.inputs.first)
    expect(first.retry).to_be_hidden()

    first.answer(expected, key="Space")
    expect(first.feedback).to_contain_text(right)
    expect(summary).to_have_text("")  # no summary until every question is answered

    # Select all that apply: one right option of several is "not quite"; after Try again, all of them is right.
    # The last question gets a wrong answer, so the summary must really count.
    multiple, last = next(q for q in rest if q.multiple), rest[-1]
    assert len(expected_indexes(multiple.data)) > 1 and last is not multiple
    for question in rest:
        choose = expected_indexes(question.data)
        if question is multiple:
            question.answer(choose[:1])
            expect(question.feedback).to_contain_text(wrong)
            tab_to(page, question.retry)
            page.keyboard.press("Enter")
            expect(question.feedback).to_have_text("")
        if question is last:
            choose = [next(i for i in range(question.inputs.count()) if i not in choose)]
        question.answer(choose)
        expect(question.feedback).to_contain_text(wrong if question is last else right)
    total = len(rest) + 1
    template = section.get_attribute("data-summary") or ""
    expect(summary).to_have_text(template.replace("{right}", str(total - 1)).replace("{total}", str(total)))
    assert summary.get_attribute("aria-live") == "polite"

    failures = storage_failures(page) + recorder.failures()
    assert not failures, report(failures)


QUIZ_SCRIPT = re.compile(r"/assets/quiz\.js(?:\?|$)")


@pytest.mark.parametrize(("src", "kind", "language"), [(QUIZ_PAGE, "quiz", "en"), (CHECKIN_PAGE, "checkin", "es")])
def test_quiz_script_comes_when_the_reader_starts(
    new_page: PageFactory, recorder: Recorder, base_url: str, src: str, kind: str, language: str
) -> None:
    # A reader who only reads never downloads the quiz's script; one who starts a quiz gets it, and
    # a Check pressed before it has come still gets its answer once it comes.
    block = the_block(src, kind, language)
    page = new_page(viewport=PHONE)
    asked: list[str] = []
    held: list[Route] = []
    page.on("request", lambda request: asked.append(request.url) if QUIZ_SCRIPT.search(request.url) else None)
    page.route(QUIZ_SCRIPT, lambda route: held.append(route))
    page.goto(base_url + block.url)
    section = wait_until_ready(page, block)
    page.wait_for_load_state("networkidle")
    assert not asked, f"{page.url}: quiz.js fetched before the reader started a quiz: {asked}"

    form = section.locator("form").first
    form.locator("label").first.click()
    for _ in range(READY_MS // 50):
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1, f"{page.url}: choosing an option did not fetch quiz.js"
    form.locator(".quiz__check").click()
    result = form.locator("[aria-live]").first
    expect(result).to_have_text("")  # waiting for the script
    held[0].continue_()
    expect(result).not_to_have_text("", timeout=READY_MS)
    expect(section).to_have_attribute("data-ready", "")
    assert len(asked) == 1, asked
    assert not recorder.failures(), report(recorder.failures())


def test_without_the_quiz_script_the_answers_still_show(
    new_page: PageFactory, recorder: Recorder, base_url: str
) -> None:
    # The connection dropped after the page came: no Check that can never answer, "Show the answer" still works.
    block = the_block(QUIZ_PAGE, "quiz")
    page = new_page(viewport=PHONE)
    page.route(QUIZ_SCRIPT, lambda route: route.abort("internetdisconnected"))
    page.goto(base_url + block.url)
    section = wait_until_ready(page, block)
    question = section.locator("form").first
    question.locator("label").first.click()
    expect(section.locator(".quiz__check")).to_have_count(section.locator("form").count())
    for check in section.locator(".quiz__check").all():
        expect(check).to_be_hidden()
    answer = question.locator("details.quiz__answer")
    answer.locator("summary").click()
    expect(answer.locator(".quiz__explanation")).to_be_visible()
    # Chromium logs the failed load of quiz.js, which this test caused; nothing else may fail.
    others = [failure for failure in recorder.failures() if "quiz.js" not in failure]
    assert not others, report(others)


def checkin_plan(block: Block) -> dict[str, int | None]:
    """Which point of the scale to choose for each statement (None: left blank).

    A concern on the first statement and on the first warning sign, a calm answer on the last
    statement, the rest left blank: every part of the summary, with few key presses.
    """
    scale, statements = block.data["scale"], block.data["statements"]
    warning = next(s for s in statements if is_warning_sign(block.src, s))
    plan: dict[str, int | None] = {s["id"]: None for s in statements}
    for statement in (statements[0], warning):
        plan[statement["id"]] = scale.index(statement["concern"][-1])
    last = statements[-1]
    if plan[last["id"]] is None:
        plan[last["id"]] = next(i for i, point in enumerate(scale) if point not in last["concern"])
    return plan


def expected_links(base_url: str, block: Block, plan: dict[str, int | None]) -> list[str]:
    links: list[str] = []
    for statement in block.data["statements"]:
        choice = plan[statement["id"]]
        if choice is not None and block.data["scale"][choice] in statement["concern"]:
            href = base_url + review_path(block.src, statement["review"], block.language)
            links += [] if href in links else [href]
    return links


@pytest.mark.parametrize(("how", "language"), [*VISITS[:2], VISITS[3]])
def test_checkin_by_keyboard_only(
    new_page: PageFactory, recorder: Recorder, base_url: str, built_site: Path, how: str, language: str
) -> None:
    block = the_block(CHECKIN_PAGE, "checkin", language)
    page = new_page(viewport=DESKTOP)
    arrive(page, base_url, block, how)
    section = wait_until_ready(page, block)
    summary = section.locator(".checkin__summary")
    submit = section.get_by_role("button", name=words(language)("checkin.see_summary"))
    again = section.get_by_role("button", name=words(language)("checkin.start_again"))
    plan = checkin_plan(block)
    assert summary.get_attribute("aria-live") == "polite"

    for statement in block.data["statements"]:
        choice = plan[statement["id"]]
        if choice is not None:
            inputs = section.locator(f"#{block.anchor}-{statement['id']} input")
            choose_by_keyboard(page, inputs, [choice], multiple=False)
            assert checked(inputs) == [choice]
            expect(summary).to_have_text("")  # choosing never submits
    tab_to(page, submit)
    page.keyboard.press("Enter")

    # The summary: words from the page, links to the pages that help, the warning and the blank-statement note.
    for attribute in ("data-intro", "data-concern", "data-skipped", "data-end"):
        expect(summary).to_contain_text(section.get_attribute(attribute) or "?")
    links = expected_links(base_url, block, plan)
    hrefs = summary.locator("li a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs == links
    warned = any(is_warning_sign(block.src, s) for s in block.data["statements"] if plan[s["id"]] is not None)
    assert warned, "the plan must rate a warning sign as a concern"
    expect(summary).to_contain_text(section.get_attribute("data-warning") or "?")
    # The warning page's link, named as in the guide's last line (which works without JavaScript).
    warning_link = summary.locator(".checkin__warning a")
    assert warning_link.get_attribute("href") == base_url + LANGUAGES[language] + page_url(WARNING_PAGE)
    expect(warning_link).to_have_text(section.locator(".checkin__guide p > a").text_content() or "?")
    for href in [*hrefs, base_url + LANGUAGES[language] + page_url(WARNING_PAGE)]:
        path, _, anchor = href.removeprefix(base_url).partition("#")
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in html, f"summary link {href}: no such section"

    # Start again clears the answers and the summary, and puts the focus on the first statement.
    tab_to(page, again)
    page.keyboard.press("Enter")
    expect(summary).to_have_text("")
    assert section.locator("input:checked").count() == 0
    assert is_focused(section.locator("input").first)

    # A calm answer gets the calm words; a worried one gets its link, which works from the keyboard.
    first = block.data["statements"][0]
    inputs = section.locator(f"#{block.anchor}-{first['id']} input")
    calm = next(i for i, point in enumerate(block.data["scale"]) if point not in first["concern"])
    choose_by_keyboard(page, inputs, [calm], multiple=False)
    tab_to(page, submit)
    page.keyboard.press("Space")
    expect(summary).to_contain_text(section.get_attribute("data-calm") or "?")
    expect(summary.locator("a")).to_have_count(0)
    tab_to(page, again)
    page.keyboard.press("Enter")
    worried = plan[first["id"]]
    assert worried is not None
    choose_by_keyboard(page, inputs, [worried], multiple=False)
    tab_to(page, submit)
    page.keyboard.press("Enter")
    (href,) = expected_links(
        base_url, block, {s["id"]: None for s in block.data["statements"]} | {first["id"]: worried}
    )
    link = summary.locator("li a")
    expect(link).to_have_count(1)
    assert link.evaluate("a => a.href") == href
    tab_to(page, link)
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    expect(page.locator(f"#{href.partition('#')[2]}")).to_be_attached()

    failures = storage_failures(page) + recorder.failures()
    assert not failures, report(failures)


def answer_everything(page: Page) -> int:
    """Choose an option in every question and statement on the page, and submit each form."""
    forms = page.locator("[data-quiz] form, [data-checkin] form")
    for index in range(forms.count()):
        form = forms.nth(index)
        for fieldset in form.locator("fieldset").all():
            fieldset.locator("label").first.click()
        form.locator("button[type=submit]").click()
        expect(form.locator("[aria-live]").first).not_to_have_text("")
    return forms.count()


def test_answering_every_quiz_stores_nothing_and_stays_accessible(
    new_page: PageFactory, recorder: Recorder, base_url: str, built_site: Path
) -> None:
    # Answers, verdicts and summaries are the most private thing on the site: none may persist or leak.
    page = new_page(viewport=PHONE, color_scheme="light")
    failures: list[str] = []
    for path in rendered_quiz_pages(built_site):
        page.goto(base_url + path)
        assert answer_everything(page) > 0, f"{page.url}: no quiz or check-in rendered"
        # Back to the top: what sticky bars cover depends on the scroll position, which the
        # Quick exit test checks on its own; here the same audit must give the same answer.
        page.evaluate("window.scrollTo(0, 0)")
        # Verdicts, notes and summaries are new on the page: audit them in both schemes (the
        # reader's own switch, with the answers still showing); test_pages audits the rest.
        for scheme in ("default", "slate"):
            if scheme == "slate":
                page.locator("form[data-md-component=palette] label").filter(visible=True).click()
                expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
            found = storage_failures(page) + axe_within(".quiz")(page)
            failures += [f"{scheme} scheme: {failure}" for failure in found]
    failures += recorder.failures()
    assert not failures, report(failures)
