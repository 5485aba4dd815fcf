"""What our Jinja templates get from the engine: the words, dates, QR codes, our small CSS
inline, and the page's address in the other languages (plain Python: hooks/pages.py installs it).

Templates write `{{ t("quiz.check") }}`, `{{ page.meta.reviewed | long_date }}`,
`{{ page.canonical_url | qr_svg }}`, `{{ 'assets/site.css' | inline_asset }}` and
`{% for other in other_languages(page.url) %}`; `language` is the page's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from therapy_site import handout
from therapy_site.languages import Language, Languages
from therapy_site.problems import Problem
from therapy_site.words import Tables, Words


@dataclass(frozen=True)
class Alternate:
    """The same page in another language: that language, its words, its address in the site."""

    language: Language
    words: Words
    url: str  # relative to the site's root, like MkDocs's page.url: 'es/about/'


def alternates(languages: Languages, language: Language, tables: Tables, url: str) -> list[Alternate]:
    neutral = languages.neutral_url(url)
    return [Alternate(other, tables[other.code], other.url(neutral)) for other in languages.others(language)]


def inline_asset(read: Callable[[str], str | None], report: Callable[[Problem], None]) -> Callable[[str], Markup]:
    """Our small stylesheets go into the page itself: a request the browser would wait for before
    it paints costs more than their 1 KB. `read` gives a file's text as the site serves it."""
    cache: dict[str, Markup] = {}

    def inline(path: str) -> Markup:
        if path not in cache:
            text = read(path)
            if text is None:
                report(
                    Problem(
                        0,
                        f"the templates inline '{path}', which is not in the site; ours live in overrides/",
                        f"overrides/{path}",
                    )
                )
                text = ""
            elif "</" in text:  # would end the <style> or <script> element early
                report(
                    Problem(0, "this file holds '</', which cannot sit inside an inline element", f"overrides/{path}")
                )
                text = ""
            cache[path] = Markup(text.strip())
        return cache[path]

    return inline


def install(
    env: Environment,
    languages: Languages,
    language: Language,
    tables: Tables,
    read_asset: Callable[[str], str | None],
    report: Callable[[Problem], None],
) -> Environment:
    words = tables[language.code]
    env.globals["t"] = words
    env.globals["language"] = language
    env.globals["other_languages"] = lambda url: alternates(languages, language, tables, url or "")
    env.filters["long_date"] = words.long_date
    env.filters["qr_svg"] = lambda address: handout.qr_svg(address, title=words("page.qr_title", address=address))
    env.filters["inline_asset"] = inline_asset(read_asset, report)
    return env
