"""The site's languages: which file is which language's page, and where each language lives.

English is the default language, at the site's root (`/about/`); every other language has a
folder of its own (`/es/about/`). A page's translation sits next to it with the language's code
before `.md` (`docs/about.es.md`), the way mkdocs-static-i18n reads them; links in either file
name the English file (`about.md#trust`), and each language's build finds its own version.

Plain Python: the hooks hand in mkdocs-static-i18n's settings, `make check` reads mkdocs.yml.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from therapy_site import wordforms
from therapy_site.problems import Problem

PLUGIN = "i18n"  # mkdocs-static-i18n's name in mkdocs.yml
# Material's settings for its script: where the site starts, from which it fetches sitemap.xml
# (for instant navigation) and search/search_index.json.
APP_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(?P<json>.*?)(</script>)', re.DOTALL)


@dataclass(frozen=True)
class Language:
    code: str  # 'en', 'es': the file suffix, the folder and the <html lang>
    name: str  # as mkdocs.yml names it
    default: bool = False

    @property
    def folder(self) -> str:
        """Where the language's pages are, relative to the site: '' or 'es/'."""
        return "" if self.default else f"{self.code}/"

    def src(self, neutral: str) -> str:
        """'about.md' -> 'about.es.md' (the default language's file has no code)."""
        return neutral if self.default else f"{neutral[: -len('.md')]}.{self.code}.md"

    def url(self, neutral_url: str) -> str:
        """'about/' -> 'es/about/': a page's address in this language, relative to the site."""
        return self.folder + neutral_url


@dataclass(frozen=True)
class Languages:
    all: tuple[Language, ...]

    @property
    def default(self) -> Language:
        return next((language for language in self.all if language.default), self.all[0])

    @property
    def codes(self) -> list[str]:
        return [language.code for language in self.all]

    def get(self, code: str) -> Language:
        return next((language for language in self.all if language.code == code), self.default)

    def of_src(self, src: str) -> tuple[str, Language]:
        """'about.es.md' -> ('about.md', Spanish); 'about.md' -> ('about.md', the default)."""
        stem, _, extension = src.rpartition(".")
        base, dot, code = stem.rpartition(".")
        if dot and extension == "md" and base and code in self.codes and not self.get(code).default:
            return f"{base}.md", self.get(code)
        return src, self.default

    def of_url(self, url: str) -> Language:
        """The language a site address belongs to: '/es/about/' is Spanish, '/about/' English."""
        path = url.lstrip("/")
        return next(
            (language for language in self.all if language.folder and path.startswith(language.folder)), self.default
        )

    def neutral_url(self, url: str) -> str:
        """'es/about/' -> 'about/': the address of the same page in the default language."""
        folder = self.of_url(url).folder
        return url.lstrip("/")[len(folder) :] if folder else url.lstrip("/")

    def others(self, language: Language) -> list[Language]:
        return [other for other in self.all if other.code != language.code]


def orphans(site: Languages, srcs: Iterable[str], path: Callable[[str], Path]) -> list[Problem]:
    """Translations whose English page is gone (renamed or deleted): one problem each, with
    `file` relative to docs/. The build leaves them out, so nothing else is said of them."""
    found: list[Problem] = []
    for src in srcs:
        neutral, language = site.of_src(src)
        if not language.default and not path(neutral).is_file():
            found.append(
                Problem(
                    1,
                    f"this page translates {neutral}, which is not in docs/ any more; if the English page "
                    f"was renamed, rename this file the same way ({language.src('new-name.md')}), or delete it",
                    src,
                )
            )
    return found


def from_settings(settings: Iterable[Mapping[str, object]], theme_language: str = "en") -> Languages:
    """The languages mkdocs-static-i18n builds (`languages:` with locale, name, default, build),
    or the theme's one language when the site has no such plugin."""
    found = tuple(
        Language(str(item["locale"]), str(item.get("name") or item["locale"]), bool(item.get("default")))
        for item in settings
        if item.get("build", True) is not False and item.get("locale") != "null"
    )
    return Languages(found or (Language(theme_language or "en", theme_language or "en", True),))


def of_plugin(plugin: Any, theme_language: object) -> tuple[Languages, str]:
    """The languages mkdocs-static-i18n builds, and the one it builds now (the theme's one
    language when the site has no such plugin)."""
    code = str(theme_language or "en")
    if plugin is None:
        return from_settings([], code), code
    return from_settings([dict(item) for item in plugin.config.languages], code), str(plugin.current_language)


def from_config_data(data: object) -> Languages:
    """The languages as mkdocs.yml writes them (for the commands that read the file themselves)."""
    theme = data.get("theme") if isinstance(data, dict) else None
    theme_language = str(theme.get("language") or "en") if isinstance(theme, dict) else "en"
    plugins = data.get("plugins") if isinstance(data, dict) else None
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, dict) and isinstance(item.get(PLUGIN), dict):
            settings = item[PLUGIN].get("languages")
            if isinstance(settings, list):
                return from_settings([entry for entry in settings if isinstance(entry, dict)], theme_language)
    return from_settings([], theme_language)


def with_base(html: str, base: str) -> str:
    """The page with Material's script told that the site starts at `base` (the language's folder),
    so it searches and navigates among this language's pages only."""

    def replace(match: re.Match[str]) -> str:
        settings = json.loads(match["json"])
        settings["base"] = base
        return match.group(1) + json.dumps(settings, separators=(",", ":")) + match.group(3)

    return APP_CONFIG.sub(replace, html, count=1)


def search_indexes(text: str, languages: Languages) -> dict[Language, str]:
    """The site's one search index (every language's pages) as one index per language, served from
    the language's folder: its own pages, their locations relative to that folder, and the
    language's own word rules (lunr's Spanish stop words), so a search in Spanish finds Spanish pages
    only. Material's pipeline for every language leaves out lunr's stemmer on purpose: its worker adds
    a trailing wildcard to each word typed, and lunr never stems a wildcard word, so with a stemmed
    index a whole word finds nothing (tried: "terapeuta" found no page). Instead each page lists the
    other forms of its words (therapy_site.wordforms): "relaciones" finds "relación", "sesion"
    finds "sesión"; the wildcard finds the longer forms ("señal*")."""
    index = json.loads(text)
    found: dict[Language, str] = {}
    for language in languages.all:
        config = {**index.get("config", {}), "lang": [language.code]}
        docs = wordforms.with_forms(
            (
                {**doc, "location": str(doc.get("location", ""))[len(language.folder) :]}
                for doc in index.get("docs", [])
                if languages.of_url(str(doc.get("location", ""))) == language
            ),
            language.code,
            config.get("separator"),
        )
        if any(wordforms.FIELD in doc for doc in docs):
            config["fields"] = {**config.get("fields", {}), wordforms.FIELD: {"boost": 1.0}}
        found[language] = json.dumps(
            {**index, "config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")
        )
    return found
