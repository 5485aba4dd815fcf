"""The keyboard (issue 12): every Tab stop is something the reader can see, the article is a few
presses away, the navigation drawer takes the focus only while it is open, a jump to a section or a
quiz never hides its heading under the sticky header, and the section links' "#" shows only when
wanted. (Quick exit's Shift x3: test_quick_exit.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page
from site_pages import TOPIC_PAGES, page_url

from .checks import SETTLE_SCRIPT, report
from .conftest import PageFactory
from .guard import Recorder
from .navigation import MENU
from .reader import QUICK_EXIT_PAGES, Screen, accessibility, focus, is_focused, settle, tab_to

pytestmark = pytest.mark.browser

# Each width, once in each scheme, each with and without JavaScript across the two.
SCREENS = [
    Screen(width, scheme, javascript)
    for width in (320, 360, 1280)
    for scheme, javascript in (("light", True), ("dark", False))
]
# The kinds of page: home, a topic with a quiz, Quick exit with a quiz, the check-in, the clinicians'
# hub (the drawer's open section, and 200 Copy link buttons), a plain page and the 404 page.
WALKED = ["", page_url(TOPIC_PAGES[1]), *QUICK_EXIT_PAGES, "for-clinicians/", "glossary/", "404.html"]
MOST_STOPS = 400  # more than any page has: a walk that reaches it is going round in circles
ARTICLE_WITHIN = 8  # Tab presses from the top of a page to the first link in the article


# Whether the focus is back on a stop it had already visited (Chromium sometimes goes round the page
# again instead of leaving it for the browser's own controls).
SEEN_BEFORE = """() => { const seen = window.__tabStops || (window.__tabStops = new WeakSet());
  const e = document.activeElement; if (seen.has(e)) return true; seen.add(e); return false; }"""


def walk(page: Page) -> tuple[list[dict[str, Any]], int]:
    """Tab from the top of the page round to its end; every stop, as reader.focus() sees it."""
    stops = []
    for _ in range(MOST_STOPS):
        page.keyboard.press("Tab")
        # Past the last stop, the focus leaves for the browser or comes round to the first stop again.
        if page.evaluate(SEEN_BEFORE):
            return stops, len(stops)
        found = focus(page)
        if found["what"] == "nothing":
            return stops, len(stops)
        stops.append(found)
    raise AssertionError(f"{page.url}: {MOST_STOPS} Tab presses never came to the end of the page")


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_every_tab_stop_is_something_the_reader_can_see(
    new_page: PageFactory, recorder: Recorder, base_url: str, screen: Screen
) -> None:
    # WCAG 2.4.7 and 2.4.11: the closed drawer, its panels, the closed search, a hidden "Back to
    # top" and the buttons that need JavaScript never take the focus.
    page = new_page(**screen.options())
    failures: list[str] = []
    for path in WALKED:
        page.goto(base_url + path)
        page.evaluate(SETTLE_SCRIPT)
        stops, count = walk(page)
        failures += [
            f"{page.url} at {screen}: Tab stop {n} is invisible: {s['what']}"
            for n, s in enumerate(stops, 1)
            if not s["visible"]
        ]
        if not any(stop["inArticle"] and stop["isLink"] for stop in stops):
            failures.append(f"{page.url} at {screen}: {count} Tab stops and none is a link in the article")
    failures += recorder.failures()
    assert not failures, report(failures)


@pytest.mark.parametrize(
    "screen", [Screen(320), Screen(360, "dark", False), Screen(1280), Screen(1280, "dark", False)], ids=str
)
def test_the_article_is_a_few_presses_away(
    new_page: PageFactory, recorder: Recorder, base_url: str, screen: Screen
) -> None:
    page = new_page(**screen.options())
    failures: list[str] = []
    for path in (page_url(TOPIC_PAGES[1]), *QUICK_EXIT_PAGES, ""):
        page.goto(base_url + path)
        page.evaluate(SETTLE_SCRIPT)
        first_link = page.locator("article a[href]").filter(visible=True).first
        presses: list[str] = []
        if screen.is_phone:
            # Before: 37 presses, 25 of them on the closed drawer's links. Now the header's buttons, then the article.
            while not is_focused(first_link) and len(presses) < ARTICLE_WITHIN:
                page.keyboard.press("Tab")
                found = focus(page)
                presses.append(found["what"] if found["visible"] else "INVISIBLE " + found["what"])
            reached = is_focused(first_link)
        else:
            # A laptop shows the navigation, whose links are Tab stops of their own; "Skip to content",
            # the first stop, passes them (WCAG 2.4.1) and the next Tab is in the article.
            page.keyboard.press("Tab")
            presses.append(focus(page)["what"])
            page.keyboard.press("Enter")
            settle(page)
            page.keyboard.press("Tab")
            found = focus(page)
            presses += ["Enter", found["what"] if found["visible"] else "INVISIBLE " + found["what"]]
            reached = presses[0].startswith("a.md-skip") and found["inArticle"]
        if not reached or len(presses) > ARTICLE_WITHIN or any(p.startswith("INVISIBLE") for p in presses):
            failures.append(
                f"{page.url} at {screen}: the article's first link is not reached in {ARTICLE_WITHIN} visible stops: {presses}"
            )
    failures += recorder.failures()
    assert not failures, report(failures)


# --- the navigation drawer (phones and tablets) --------------------------------------------

DRAWER = ".md-sidebar--primary"
IN_DRAWER = "() => !!document.activeElement.closest('.md-sidebar--primary')"
DRAWER_OPEN = "() => document.getElementById('__drawer').checked"


def drawer_walk(page: Page, key: str = "Tab") -> list[dict[str, Any]]:
    """Tab (or Shift+Tab) through the open drawer; its stops, up to the first one outside it."""
    stops = []
    for _ in range(MOST_STOPS):
        page.keyboard.press(key)
        if not page.evaluate(IN_DRAWER):
            return stops
        stops.append(focus(page))
    raise AssertionError(f"{page.url}: {key} never left the drawer")


@pytest.mark.parametrize("screen", [Screen(320), Screen(360, "dark")], ids=str)
def test_the_drawer_takes_the_focus_only_while_open(
    new_page: PageFactory, recorder: Recorder, base_url: str, screen: Screen
) -> None:
    page = new_page(**screen.options())
    page.goto(base_url + "for-clinicians/")  # a section of the navigation is open on this page
    page.evaluate(SETTLE_SCRIPT)
    menu = page.locator(MENU).filter(visible=True)
    tab_to(page, menu, limit=4)
    # A screen reader hears a collapsed button named like the navigation (Material's <label> was no stop at all).
    node = accessibility(page, "header [data-drawer-button]")
    assert (node["role"], node["name"], node["expanded"]) == ("button", "Navigation", False), node

    def open_drawer() -> None:
        menu.focus()
        page.keyboard.press("Enter")
        settle(page)
        assert page.evaluate(DRAWER_OPEN) and accessibility(page, "header [data-drawer-button]")["expanded"] is True
        assert page.evaluate(IN_DRAWER) and focus(page)["visible"], (
            f"the open drawer has no focus: {focus(page)['what']}"
        )

    # Open: the focus goes in (here to the open section's title), and every stop in it is visible.
    open_drawer()
    first = focus(page)
    stops = [first, *drawer_walk(page)]
    hidden = [stop["what"] for stop in stops if not stop["visible"]]
    assert len(stops) >= 3 and not hidden, f"{[s['what'] for s in stops]}; invisible: {hidden}"
    # The Tab that left the drawer closed it.
    settle(page)
    assert not page.evaluate(DRAWER_OPEN) and not page.locator(DRAWER).evaluate(
        "el => el.checkVisibility({visibilityProperty: true})"
    )
    # The section's title leads back (Enter) to the whole list, and the focus follows to the section's
    # opener; every stop of that list is visible, backwards too.
    open_drawer()
    assert first["what"].startswith("label.md-nav__title"), f"the open section's title had no focus: {first}"
    page.keyboard.press("Enter")
    settle(page)
    assert focus(page)["what"].startswith("label#__nav_") and focus(page)["visible"], focus(page)["what"]
    stops = drawer_walk(page, "Shift+Tab")
    hidden = [stop["what"] for stop in stops if not stop["visible"]]
    assert len(stops) >= 10 and not hidden, f"{[s['what'] for s in stops]}; invisible: {hidden}"
    # Escape closes the drawer from anywhere in it and gives the focus back to the menu button.
    open_drawer()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    settle(page)
    assert not page.evaluate(DRAWER_OPEN) and is_focused(menu)
    assert accessibility(page, "header [data-drawer-button]")["expanded"] is False
    assert not recorder.failures(), report(recorder.failures())


# --- jumps to #section and #quiz-... -------------------------------------------------------

# Every element of the article that an address may name: sections, quizzes and their questions.
TARGETS = """() => [...document.querySelectorAll('article h2[id], article h3[id], article section.quiz[id], article fieldset[id]')].map(e => e.id)"""
# After a jump: where the target's first line is, and what the reader sees there. It must be below
# the header (and below Quick exit, where the page has it), with nothing on top of it.
LANDING = """id => {
  const target = document.getElementById(id);
  const shown = target.matches('fieldset') ? (target.querySelector('legend') || target) : target.matches('section') ? (target.querySelector('.quiz__title') || target) : target;
  const box = shown.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const y = Math.min(box.top + 8, box.bottom - 1);
  const covered = [];
  for (let x = box.left + 4; x < Math.min(box.right, innerWidth) - 2; x += 16) {
    const top = document.elementFromPoint(x, y);
    if (top && !target.contains(top) && !top.contains(target)) covered.push(top.tagName.toLowerCase() + '.' + top.className);
  }
  return {top: box.top, headerBottom: header.bottom, covered: [...new Set(covered)], atEnd: Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight};
}"""


JUMPED = [*(page_url(src) for src in TOPIC_PAGES), "how-is-it-going/", "your-first-sessions/", "glossary/"]


@pytest.mark.parametrize(
    "screen", [Screen(320), Screen(360, "dark", False), Screen(1280), Screen(1280, "dark", False)], ids=str
)
def test_a_jump_never_hides_its_heading_under_the_header(
    new_page: PageFactory, recorder: Recorder, base_url: str, screen: Screen
) -> None:
    page = new_page(**screen.options())
    failures = []
    for path in JUMPED:
        failures += jump_failures(page, base_url, path, screen)
    failures += recorder.failures()
    assert not failures, report(failures)


def jump_failures(page: Page, base_url: str, path: str, screen: Screen) -> list[str]:
    page.goto(base_url + path)
    targets = page.evaluate(TARGETS)
    assert len(targets) >= 5, f"{path}: only {targets} to jump to"
    failures = []
    # Down the page, then back up it (Material shows "Back to top" under the header while the reader goes up).
    for number, target in enumerate([*targets, *targets[-2::-3]]):
        if number == 0:  # a fresh load of the address, as from a clinician's email; then jumps within the page
            page.goto("about:blank")
        page.goto(f"{base_url}{path}#{target}")
        settle(page)
        found = page.evaluate(LANDING, target)
        if found["top"] < found["headerBottom"] - 0.5 or found["covered"]:
            failures.append(
                f"{page.url} at {screen}: #{target} lands at {found['top']:.0f}px, header ends at {found['headerBottom']:.0f}px; covered by {found['covered']}"
            )
        elif found["top"] > screen.height / 2 and not found["atEnd"]:
            failures.append(
                f"{page.url} at {screen}: #{target} lands at {found['top']:.0f}px, not at the top of the screen"
            )
    return failures


# --- section links ("#") -------------------------------------------------------------------

HEADERLINKS = """() => [...document.querySelectorAll('article :is(h1, h2, h3) > a.headerlink')].map(a => ({
  level: a.parentElement.tagName.toLowerCase(), id: a.parentElement.id,
  shown: a.checkVisibility({opacityProperty: true, visibilityProperty: true}) && parseFloat(getComputedStyle(a).opacity) > 0.5,
  focusable: a.checkVisibility() }))"""


@pytest.mark.parametrize("screen", [Screen(1280), Screen(360, "dark", False)], ids=str)
def test_section_links_show_on_hover_and_focus_only_never_on_the_title(
    new_page: PageFactory, recorder: Recorder, base_url: str, screen: Screen
) -> None:
    page = new_page(**screen.options())
    path = page_url(TOPIC_PAGES[1])
    page.goto(base_url + path)
    links = page.evaluate(HEADERLINKS)
    titles = [link for link in links if link["level"] == "h1"]
    sections = [link for link in links if link["level"] != "h1"]
    assert len(sections) >= 5, links
    # The title has none at all: not shown, not a Tab stop.
    assert all(not link["shown"] and not link["focusable"] for link in titles), titles
    assert not any(link["shown"] for link in sections), f"section links shown before any hover or focus: {sections}"
    second = sections[1]
    heading = page.locator(f"#{second['id']}")
    heading.hover()
    settle(page)
    shown = {link["id"] for link in page.evaluate(HEADERLINKS) if link["shown"]}
    assert shown == {second["id"]}, f"hovering #{second['id']} shows the links of {shown}"
    page.mouse.move(0, screen.height - 1)
    # A jump to the section shows no "#" either (Material shows it on :target)...
    page.goto(f"{base_url}{path}#{sections[2]['id']}")
    page.mouse.move(0, screen.height - 1)
    settle(page)
    assert not any(link["shown"] for link in page.evaluate(HEADERLINKS)), "the section jumped to shows its '#'"
    # ...but the keyboard's focus does.
    page.goto(base_url + path)
    link = heading.locator("a.headerlink")
    tab_to(page, link, limit=100)
    assert focus(page)["visible"], f"the focused section link is not visible: {focus(page)['what']}"
    assert not recorder.failures(), report(recorder.failures())


def test_clinicians_keep_their_copy_link_buttons(new_page: PageFactory, recorder: Recorder, base_url: str) -> None:
    page = new_page(**Screen(360).options())
    page.goto(base_url + "for-clinicians/")
    addresses = page.locator(".hub-address").count()
    buttons = page.locator(".hub-copy[data-copy]").filter(visible=True)
    assert addresses >= 50 and buttons.count() == addresses, (
        f"{buttons.count()} Copy link buttons for {addresses} addresses"
    )
    tab_to(page, buttons.first, limit=80)
    assert focus(page)["visible"]
    assert not recorder.failures(), report(recorder.failures())


# --- links within the page -----------------------------------------------------------------

SAME_PAGE = page_url(TOPIC_PAGES[1])


@pytest.mark.parametrize("how", ["Skip to content", "contents", "Read more", "Back"])
def test_a_link_within_the_page_keeps_the_readers_place(
    new_page: PageFactory, recorder: Recorder, base_url: str, how: str
) -> None:
    # Material's instant navigation loaded the page again on the first such link after a fresh load:
    # the focus went nowhere and a quiz's answers were lost. The browser follows them by itself now.
    page = new_page(**Screen(1280).options())
    url = base_url + SAME_PAGE
    page.goto(url)
    page.wait_for_load_state("networkidle")  # Material's instant navigation is ready
    again: list[str] = []
    page.on("request", lambda request: again.append(request.url) if request.url.split("#")[0] == url else None)
    choice = page.locator("article .quiz input").first
    choice.check()
    if how == "Skip to content":
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    elif how == "Read more":
        question = (
            page.locator("article .quiz fieldset").filter(has=page.locator(f'.quiz__more a[href^="{url}#"]')).first
        )
        question.locator("summary").click()
        question.locator(".quiz__more a").click()
    else:
        page.locator(".md-sidebar--secondary a.md-nav__link").nth(2).click()
        if how == "Back":
            settle(page)
            page.go_back()
    settle(page)
    assert again == [], f"{how}: the page was loaded again: {again}"
    assert choice.is_checked(), f"{how}: the answer chosen before is lost"
    if how == "Skip to content":  # the next Tab is in the article
        page.keyboard.press("Tab")
        assert focus(page)["inArticle"] and focus(page)["visible"], focus(page)
    elif how != "Back":
        target = page.evaluate("location.hash.slice(1)")
        found = page.evaluate(LANDING, target)
        assert found["headerBottom"] <= found["top"] < 400 and not found["covered"], found
    assert not recorder.failures(), report(recorder.failures())
