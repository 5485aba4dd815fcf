"""A client's first screen on a phone (issue 12): the page comes first, help is one tap away."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .checks import SETTLE_SCRIPT, axe_within, report, storage_failures
from .conftest import PageFactory
from .guard import Recorder
from .navigation import nav_link, open_home, open_menu, same_document_click
from .reader import QUICK_EXIT_PAGES, Screen, accessibility, extra, language_of, settle, tab_to, words

pytestmark = pytest.mark.browser

# On a phone (360 x 740, and 320 wide: a 1280 px screen at 400 %) the page's title and the start of
# its text are in the first screen, with Quick exit and crisis help.
TITLE_TOP = 200
FIRST_PARAGRAPH_TOP = 330
TAP = 44  # WCAG 2.5.5 (AAA) for the controls that open things
TARGET = 24  # WCAG 2.5.8 (AA) for each line
ONE_LINE = 48  # on a laptop crisis help takes one line above the title: one 44 px row
SCREENS = [
    Screen(width, scheme, javascript)
    for width in (320, 360, 1280)
    for scheme in ("light", "dark")
    for javascript in (True, False)
]

MEASURE = """() => {
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height}; };
  const article = document.querySelector('article');
  const h1 = article.querySelector('h1');
  const after = el => h1 && (h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  const paragraph = [...article.querySelectorAll('p')].find(p => after(p) && p.checkVisibility() && !p.closest('.crisis, .quick-exit, .page-review'));
  const line = [...article.querySelectorAll('.crisis__first')].filter(p => p.checkVisibility());
  const title = document.querySelector('.md-header__topic .md-ellipsis');
  return {
    h1: box(h1), paragraph: box(paragraph), crisis: box(article.querySelector('.crisis')),
    summary: box(article.querySelector('.crisis__summary')), lines: line.length,
    line: box(line[0]), lineLink: box(line[0] && line[0].querySelector('a[href^="tel:"]')),
    quickExit: box(article.querySelector('.quick-exit__link')),
    title: title && {text: title.textContent.trim(), cut: title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1},
  };
}"""

# The header's title as the reader sees it now: Material swaps the site's name for the page's title
# once the h1 has scrolled away. Each one shown must be whole: not cut short, not clamped.
HEADER_TITLES = """() => [...document.querySelectorAll('.md-header__topic')]
  .filter(topic => topic.checkVisibility({opacityProperty: true, visibilityProperty: true}))
  .map(topic => { const e = topic.querySelector('.md-ellipsis') || topic;
    return {text: e.textContent.trim(), cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1}; })"""
SCROLLED = "() => document.querySelector('.md-header__title--active') !== null"


def first_screen_failures(url: str, path: str, screen: Screen, found: dict) -> list[str]:
    failures: list[str] = []
    height = screen.height

    def fail(message: str) -> None:
        failures.append(f"{url} at {screen}: {message}")

    if not found["h1"] or not found["paragraph"] or not found["summary"] or not found["line"]:
        fail(f"missing: title, first paragraph, 'Need help now?' or its line: {found}")
        return failures
    if found["lines"] != 1:
        fail(f"{found['lines']} crisis lines show in the closed box, expected 1")
    if found["title"] is None or found["title"]["cut"]:
        fail(f"the site's name is cut short in the header: {found['title']}")
    has_exit = found["quickExit"] is not None
    if has_exit != (path in QUICK_EXIT_PAGES):
        fail(f"Quick exit {'shows' if has_exit else 'is missing'}; expected on {QUICK_EXIT_PAGES} only")
    if found["summary"]["height"] < TAP or (found["lineLink"] or {"height": 0})["height"] < TARGET:
        fail(f"too small to tap: 'Need help now?' {found['summary']['height']}px, its line {found['lineLink']}")
    if screen.is_phone:
        if found["h1"]["top"] > TITLE_TOP:
            fail(f"the title starts at {found['h1']['top']:.0f}px, more than {TITLE_TOP}px down")
        if found["paragraph"]["top"] > FIRST_PARAGRAPH_TOP:
            fail(
                f"the first paragraph starts at {found['paragraph']['top']:.0f}px, more than {FIRST_PARAGRAPH_TOP}px down"
            )
        for name in ("summary", "line", "quickExit"):
            if found[name] and not (0 <= found[name]["top"] and found[name]["bottom"] <= height):
                fail(f"{name} is not in the first screen: {found[name]}")
    else:
        if found["crisis"]["height"] > ONE_LINE or found["crisis"]["bottom"] > found["h1"]["top"]:
            fail(f"crisis help takes {found['crisis']['height']:.0f}px above the title, more than one line")
        if (
            abs(
                found["summary"]["top"]
                + found["summary"]["height"] / 2
                - (found["line"]["top"] + found["line"]["height"] / 2)
            )
            > 8
        ):
            fail("'Need help now?' and its line are not on one line")
    return failures


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_the_page_comes_first(
    new_page: PageFactory, recorder: Recorder, base_url: str, site_paths: list[str], screen: Screen
) -> None:
    page = new_page(**screen.options())
    failures: list[str] = []
    for path in site_paths:  # the home page and the 404 page included
        page.goto(base_url + path)
        page.evaluate(SETTLE_SCRIPT)
        failures += first_screen_failures(page.url, path, screen, page.evaluate(MEASURE))
        # Read on: halfway down, the header's title (the page's own, where Material shows it) is whole too.
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        if screen.javascript and page.evaluate("document.documentElement.scrollHeight > 2 * innerHeight"):
            page.wait_for_function(SCROLLED)  # Material has reacted to the scroll
        settle(page)
        titles = page.evaluate(HEADER_TITLES)
        if len(titles) != 1 or any(title["cut"] for title in titles):
            failures.append(f"{page.url} at {screen}, scrolled halfway: the header's title is cut or not one: {titles}")
    assert set(QUICK_EXIT_PAGES) <= set(site_paths)
    failures += recorder.failures()
    assert not failures, report(failures)


# --- "Need help now?" ----------------------------------------------------------------------

HELP_PAGE = "glossary/"
SPANISH_HELP_PAGE = "es/glossary/"


def every_line(language: str) -> list[tuple[str, str]]:
    """(href, words) of every crisis line of a language and of the helpline directory, from mkdocs.yml."""
    crisis = extra(language)["crisis"]
    lines = [(href(line), line["label"]) for group in crisis["groups"] for line in group["lines"]]
    return [*lines, (crisis["elsewhere"]["url"], crisis["elsewhere"]["label"])]


def href(line: dict[str, str]) -> str:
    """A line to call, or to text ("text AYUDA to 988")."""
    return f"sms:{line['sms']}" if "sms" in line else f"tel:{line['tel']}"


@pytest.mark.parametrize(
    ("how", "scheme", "path"),
    [
        ("tap", "light", HELP_PAGE),
        ("Enter", "dark", HELP_PAGE),
        ("Space", "light", SPANISH_HELP_PAGE),
        ("no JavaScript", "dark", HELP_PAGE),
        ("tap", "dark", SPANISH_HELP_PAGE),
        ("no JavaScript", "light", SPANISH_HELP_PAGE),
    ],
)
def test_need_help_opens_in_place_by_tap_keyboard_and_without_javascript(
    new_page: PageFactory, recorder: Recorder, base_url: str, how: str, scheme: str, path: str
) -> None:
    screen = Screen(360, scheme, how != "no JavaScript")
    page = new_page(**screen.options(has_touch=how == "tap"))
    page.goto(base_url + path)
    summary = page.locator(".crisis__summary")
    lines = page.locator(".crisis__more .crisis__groups a")
    title = words(path)("crisis.title")
    every = every_line(language_of(path))
    # A screen reader hears a collapsed button named "Need help now?" (a native <details>).
    assert accessibility(page, ".crisis__summary") | {"focusable": True} == {
        "role": "DisclosureTriangle",
        "name": title,
        "focusable": True,
        "expanded": False,
    }
    assert lines.count() == len(every) and not any(line.is_visible() for line in lines.all())
    expect(page.locator(".crisis__first").filter(visible=True)).to_have_count(1)

    def toggle() -> None:
        if how == "tap":
            summary.tap()
        elif how in ("Enter", "Space"):
            if not summary.evaluate("el => el === document.activeElement"):
                tab_to(page, summary)
            page.keyboard.press(how)
        else:
            summary.click()
        settle(page)

    toggle()
    assert accessibility(page, ".crisis__summary")["expanded"] is True
    shown = lines.evaluate_all(
        "as => as.filter(a => a.checkVisibility()).map(a => [a.getAttribute('href'), a.textContent.trim()])"
    )
    assert sorted(map(tuple, shown)) == sorted(every), "not every line shows once the box is open"
    # The open list starts with the line that showed: it is not shown twice.
    expect(page.locator(".crisis__first").filter(visible=True)).to_have_count(0)
    failures = axe_within(".crisis")(page)
    if screen.javascript:
        failures += [f"{line} is not a plain link" for line in page.evaluate(PLAIN_TEL_LINKS) if line]
    box = page.locator(".crisis__more").bounding_box()
    assert box is not None and box["y"] < 200, "the list did not open in place"
    toggle()
    assert accessibility(page, ".crisis__summary")["expanded"] is False
    expect(page.locator(".crisis__first").filter(visible=True)).to_have_count(1)
    failures += storage_failures(page) + recorder.failures()
    assert not failures, report(failures)


# Each phone number shown is a plain link: nothing but href, and no script takes its click (a
# listener on window, the last to hear the click, sees whether anything prevented it; then stops
# the dialer opening).
PLAIN_TEL_LINKS = """() => [...document.querySelectorAll('.crisis a[href^="tel:"]')].filter(a => a.checkVisibility()).map(a => {
  const extra = a.getAttributeNames().filter(name => name !== 'href');
  let prevented = null;
  const seen = e => { prevented = e.defaultPrevented; e.preventDefault(); };
  window.addEventListener('click', seen, {once: true});
  a.click();
  return extra.length || prevented ? `${a.outerHTML} (attributes ${extra}, click prevented: ${prevented})` : '';
})"""


def region_order(first: str | None, language: str) -> list[str]:
    """The regions as the reader should see them: `first` (None: none matches) then mkdocs.yml's order."""
    crisis = extra(language)["crisis"]
    regions = [group["region"] for group in crisis["groups"]]
    first = first or regions[0]
    return [first, *(region for region in regions if region != first), crisis["elsewhere"]["region"]]


@pytest.mark.parametrize(
    ("locale", "javascript", "arrival", "first", "path"),
    [
        ("en-GB", True, "fresh load", "UK", HELP_PAGE),
        ("en-IE", True, "fresh load", "UK", HELP_PAGE),
        ("en-US", True, "fresh load", "US", HELP_PAGE),
        ("cy-GB", True, "fresh load", "UK", HELP_PAGE),  # Welsh: not listed, but the same country
        ("fr-FR", True, "fresh load", None, HELP_PAGE),  # no region matches: mkdocs.yml's order
        ("en-GB", True, "instant navigation", "UK", HELP_PAGE),
        ("en-GB", False, "fresh load", None, HELP_PAGE),  # without JavaScript: every region, in mkdocs.yml's order
        ("es-ES", True, "fresh load", "España", SPANISH_HELP_PAGE),  # the Spanish pages have their own regions
        ("es-US", True, "fresh load", "EE. UU.", SPANISH_HELP_PAGE),
        ("ca-ES", True, "fresh load", "España", SPANISH_HELP_PAGE),  # Catalan: the same country
        ("es-MX", True, "fresh load", None, SPANISH_HELP_PAGE),
        ("es-ES", True, "instant navigation", "España", SPANISH_HELP_PAGE),
        ("es-ES", False, "fresh load", None, SPANISH_HELP_PAGE),
    ],
)
def test_the_readers_region_comes_first(
    new_page: PageFactory,
    recorder: Recorder,
    base_url: str,
    locale: str,
    javascript: bool,
    arrival: str,
    first: str | None,
    path: str,
) -> None:
    page = new_page(**Screen(360, javascript=javascript).options(locale=locale))
    if arrival == "fresh load":
        page.goto(base_url + path)
    else:
        home = base_url + path.removesuffix(HELP_PAGE)
        open_home(page, home)
        open_menu(page)
        same_document_click(page, nav_link(home, HELP_PAGE), base_url + path)
    if javascript:
        assert page.evaluate("navigator.languages[0]") == locale, "the browser's language was not set"
    expected = region_order(first, language_of(path))
    for where in (".crisis__more", ".crisis__print"):
        order = page.locator(f"{where} .crisis__group > .crisis__region").all_text_contents()
        assert [region.strip() for region in order] == expected, f"{where}: {order}"
    shown = page.locator(".crisis__first").filter(visible=True)
    expect(shown).to_have_count(1)
    group = next(group for group in extra(language_of(path))["crisis"]["groups"] if group["region"] == expected[0])
    expect(shown.locator(".crisis__region")).to_have_text(group["region"])
    expect(shown.locator("a")).to_have_attribute("href", href(group["lines"][0]))
    expect(shown.locator("a")).to_have_text(group["lines"][0]["label"])
    failures = storage_failures(page) + recorder.failures()
    assert not failures, report(failures)


def test_every_region_names_its_languages_in_the_config() -> None:
    # The order comes from mkdocs.yml, never from site.js: each region lists its language tags.
    for group in [*extra("en")["crisis"]["groups"], *extra("es")["crisis"]["groups"]]:
        assert group.get("languages"), f"{group['region']}: no languages in mkdocs.yml"
    assert {"en-GB", "en-IE"} <= set(next(g for g in extra()["crisis"]["groups"] if g["region"] == "UK")["languages"])
