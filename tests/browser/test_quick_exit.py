"""Quick exit (issue 12): in the first screen and one tap away while reading, and on the keyboard:
Shift three times leaves the page, as GOV.UK's "Exit this page" does. The pages that have it say so.
(Its plain-link and Back behaviour: test_behaviour.py; nothing about it on paper: test_print.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .checks import axe_within, report, show_through_failures
from .conftest import PageFactory
from .guard import Recorder
from .reader import QUICK_EXIT_PAGES, Screen, accessibility, extra, words

pytestmark = pytest.mark.browser

SHIFT_X3 = ["Shift", "Shift", "Shift"]


def target() -> str:
    return extra()["quick_exit"]["url"]


@pytest.mark.parametrize(
    ("path", "keys", "where", "leaves"),
    [
        (QUICK_EXIT_PAGES[0], SHIFT_X3, "page", True),
        (QUICK_EXIT_PAGES[1], SHIFT_X3, "page", True),
        (QUICK_EXIT_PAGES[0], SHIFT_X3, "search box", True),  # typing somewhere does not stop it
        (QUICK_EXIT_PAGES[1], SHIFT_X3, "quiz", True),
        (QUICK_EXIT_PAGES[0], ["Shift", "Shift"], "page", False),
        (QUICK_EXIT_PAGES[0], ["Shift", "Shift", "a", "Shift"], "page", False),  # another key starts again
        (QUICK_EXIT_PAGES[0], ["Shift+A", "Shift+B", "Shift+C"], "search box", False),  # capitals
        ("glossary/", SHIFT_X3, "page", False),  # no Quick exit on this page
        (QUICK_EXIT_PAGES[2], SHIFT_X3, "page", True),  # the Spanish pages too
        (QUICK_EXIT_PAGES[3], SHIFT_X3, "quiz", True),
        ("es/glossary/", SHIFT_X3, "page", False),
    ],
)
def test_shift_three_times_leaves_the_page(
    new_page: PageFactory, recorder: Recorder, base_url: str, path: str, keys: list[str], where: str, leaves: bool
) -> None:
    recorder.expected.add(target())
    page = new_page(**Screen(1280).options())
    page.goto(base_url)
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    if where == "search box":
        page.get_by_role("textbox", name="Search").click()
    elif where == "quiz":
        page.locator("article .quiz input").first.focus()
    for key in keys:
        page.keyboard.press(key)
    if leaves:
        page.wait_for_url(target())
        assert recorder.stubbed == [target()]
        # As the button does: the page is replaced in the history, so Back does not return to it.
        page.go_back()
        page.wait_for_load_state()
        assert page.url == base_url, f"Back went to {page.url}"
    else:
        page.wait_for_load_state("networkidle")  # a navigation would have asked for the page by now
        assert page.url == base_url + path and recorder.stubbed == [], f"{keys} left {path} for {page.url}"
    assert not recorder.failures(), report(recorder.failures())


@pytest.mark.parametrize("path", QUICK_EXIT_PAGES)
@pytest.mark.parametrize("screen", [Screen(320), Screen(360, "dark", False), Screen(1280, "dark")], ids=str)
def test_the_pages_with_quick_exit_say_how_it_works(
    new_page: PageFactory, recorder: Recorder, base_url: str, screen: Screen, path: str
) -> None:
    page = new_page(**screen.options())
    page.goto(base_url + path)
    label, shortcut = words(path)("quick_exit.label"), words(path)("quick_exit.hint")
    link = page.locator("[data-quick-exit]")
    hint = page.locator("#quick-exit-hint")
    # The shortcut is written on the page, in its language, and a screen reader hears it with the button.
    expect(hint).to_have_text(shortcut)
    assert "Shift" in shortcut
    node = accessibility(page, "[data-quick-exit]")
    assert (node["role"], node["name"], node.get("description")) == ("link", label, shortcut), node
    # Where there is room it is shown too; on a phone it would push the page down.
    box = hint.bounding_box() or {"width": 0, "height": 0}
    shown = box["width"] > 2 and box["height"] > 2  # not the 1 px box of words kept for screen readers
    assert shown == (not screen.is_phone), f"the hint at {screen}: {box}"
    # A plain link that sends no referrer even on its own (the page's policy says so too: test_privacy.py).
    assert link.get_attribute("href") == target() and "noreferrer" in (link.get_attribute("rel") or "")
    assert not recorder.failures(), report(recorder.failures())


@pytest.mark.parametrize(
    "screen", [Screen(320), Screen(360, "dark", False), Screen(1280), Screen(1280, "dark", False)], ids=str
)
def test_quick_exit_stays_in_reach_while_reading(
    new_page: PageFactory, recorder: Recorder, base_url: str, screen: Screen
) -> None:
    # A reader halfway down the page must not have to scroll back up to leave, and the button that
    # follows them must not make the text under it unreadable. Sticky: it works without JavaScript.
    page = new_page(**screen.options())
    failures: list[str] = []
    for path in QUICK_EXIT_PAGES:
        page.goto(base_url + path)
        link = page.locator("[data-quick-exit]")
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] <= 160, f"not a small, tappable button: {box}"
        for fraction in (0.0, 0.5, 0.9):
            page.evaluate("f => window.scrollTo(0, document.documentElement.scrollHeight * f)", fraction)
            expect(link).to_be_in_viewport()
            found = axe_within(".quick-exit")(page) + show_through_failures(page)
            failures += [f"{path} scrolled to {fraction:.0%}: {failure}" for failure in found]
    failures += recorder.failures()
    assert not failures, report(failures)
