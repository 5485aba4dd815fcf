"""What a reader on a phone or a keyboard meets: the site's settings, the focus, the first screen.

Shared by test_first_screen.py, test_keyboard.py, test_privacy.py and test_print.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Locator, Page
from site_pages import LANGUAGES
from site_words import TABLES

from therapy_site.words import Words

ROOT = Path(__file__).resolve().parents[2]
# What the configuration makes of the site's address when SITE_URL is not set.
SITE_URL = "https://therapy-relationship.github.io/"
# Pages that show Quick exit: quick_exit: true in the front matter, or a check-in that asks for it;
# in English, then their Spanish twins.
ENGLISH_QUICK_EXIT_PAGES = ("when-it-is-not-healthy/", "how-is-it-going/")
QUICK_EXIT_PAGES = (*ENGLISH_QUICK_EXIT_PAGES, *(LANGUAGES["es"] + path for path in ENGLISH_QUICK_EXIT_PAGES))
# The focus ring, the search panel and the drawer move in with CSS transitions: a check jumps each to
# its end (no waiting, and it works without JavaScript, where nothing in the page could be polled).
FINISH_ANIMATIONS = "() => document.getAnimations().forEach(a => { try { a.finish(); } catch (e) { /* endless */ } })"
# With JavaScript, Material reacts to a focus or a click in the next frames (the search box opens when
# it takes the focus): let two frames pass first. Without JavaScript no frame callback would ever run.
NEXT_FRAMES = "() => window.document$ && new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; tags such as !ENV are not needed here."""


ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def extra(language: str = "en") -> dict[str, Any]:
    """mkdocs.yml's `extra` for a language: the crisis lines and Quick exit, as editors wrote them
    (another language's own, under the i18n plugin's languages, replace the English ones)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506
    if language == "en":
        return dict(config["extra"])
    (i18n,) = (plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    (own,) = (entry.get("extra", {}) for entry in i18n["languages"] if entry["locale"] == language)
    return {**config["extra"], **own}


def language_of(path: str) -> str:
    """The language of a page by its address below the site's root: 'es/about/' -> 'es'."""
    return next((code for code, folder in LANGUAGES.items() if folder and path.startswith(folder)), "en")


def words(path_or_language: str) -> Words:
    """The words the site shows a reader of this page (or language), from translations/."""
    code = path_or_language if path_or_language in LANGUAGES else language_of(path_or_language)
    return TABLES[code]


@dataclass(frozen=True)
class Screen:
    """A viewport, colour scheme and JavaScript setting a reader may have."""

    width: int
    scheme: str = "light"
    javascript: bool = True

    @property
    def height(self) -> int:
        return 740 if self.width < 1000 else 800

    @property
    def is_phone(self) -> bool:
        return self.width < 600

    def options(self, **more: object) -> dict[str, object]:
        return {
            "viewport": {"width": self.width, "height": self.height},
            "color_scheme": self.scheme,
            "java_script_enabled": self.javascript,
            **more,
        }

    def __str__(self) -> str:
        return f"{self.width}px-{self.scheme}-{'js' if self.javascript else 'no-js'}"


def settle(page: Page) -> None:
    """The page as it is once it stops moving (a transition of the focus ring, the search panel, the drawer)."""
    page.evaluate(NEXT_FRAMES)
    page.evaluate(FINISH_ANIMATIONS)


# Where the focus is, and whether a sighted keyboard user can see it there: on screen, not hidden,
# not transparent, not covered. Material's colour switch is a 0x0 radio whose focus ring is drawn on
# the button (a <label>) right after it: that button is what must be visible.
FOCUS_SCRIPT = """() => {
  document.getAnimations().forEach(a => { try { a.finish(); } catch (e) { /* endless */ } });
  const e = document.activeElement;
  if (!e || e === document.body) return {what: 'nothing', visible: false, inArticle: false, isLink: false};
  const shownAs = e.matches('input.md-option') && e.nextElementSibling && e.nextElementSibling.matches('label') ? e.nextElementSibling : e;
  const r = shownAs.getBoundingClientRect();
  const onScreen = r.width >= 1 && r.height >= 1 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const shown = shownAs.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const onTop = !!top && (top === shownAs || shownAs.contains(top) || top.contains(shownAs));
  const name = (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
  const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/)[0] : '';
  const why = !onScreen ? ' (off screen or no size)' : !shown ? ' (hidden or transparent)' : !onTop ? ` (covered by ${top ? top.tagName.toLowerCase() + '.' + top.className : 'nothing'})` : '';
  return {what: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${cls} "${name}"${why}`, visible: onScreen && shown && onTop,
          inArticle: !!e.closest('article'), isLink: e.matches('a[href]')};
}"""


def focus(page: Page) -> dict[str, Any]:
    """Where the focus is (FOCUS_SCRIPT), once what it set moving has stopped. A focus that looks
    hidden is looked at again after Material's next frames (the search box opens as it takes the
    focus): one quick look for the many stops that are plainly visible."""
    found: dict[str, Any] = page.evaluate(FOCUS_SCRIPT)
    if not found["visible"]:
        settle(page)
        found = page.evaluate(FOCUS_SCRIPT)
    return found


def is_focused(target: Locator) -> bool:
    return bool(target.evaluate("el => el === document.activeElement"))


def tab_to(page: Page, target: Locator, limit: int = 60) -> int:
    """Press Tab until `target` has the focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if is_focused(target):
            return presses
    raise AssertionError(f"{page.url}: {limit} Tab presses never reached {target}; focus is on {focus(page)['what']}")


def accessibility(page: Page, selector: str) -> dict[str, Any]:
    """Chromium's own accessibility node for an element (what a screen reader is told): role, name, states."""
    session = page.context.new_cdp_session(page)
    try:
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        (found, *_) = session.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
    finally:
        session.detach()
    states = {item["name"]: item["value"].get("value") for item in found.get("properties", [])}
    described = {"description": found["description"].get("value")} if "description" in found else {}
    return {"role": found["role"]["value"], "name": found.get("name", {}).get("value"), **described, **states}
