"""The same site as plain Material would make it: the yardstick for what our work adds.

The budget for a quiz page says Material's own part is "about 76 KB" and that the quiz and our
overrides may add at most 6 KB. What Material's own part weighs depends on the page's text, so
the benchmark builds the real pages a second time the plain way and compares page by page.

Each language is built as the plain Material site a Spanish or an English writer would make with
the same text: one language, its pages at the same addresses (the Spanish one under /es/), and
nothing of ours:

- the language's pages from the real `docs/` (docs/page.es.md becomes page.md), every ```quiz and
  ```checkin block written out as plain Markdown: its title, questions, options, feedback and
  explanations, or its statements and scale, and each `review` link as a link with the heading our
  page shows for it, as a writer without our quiz engine would put the same words on the page (the
  budget is "over plain Material with the same text");
- the real `mkdocs.yml` (theme, palette, features, Markdown extensions, search's separator) without
  `custom_dir`, the favicon that lives there, `hooks:` and the i18n plugin; the language's own
  site name, Material interface language and navigation titles; the two generated pages leave the nav;
- search in the page's language as Material sets it up by itself: `theme.language: es` gives a
  Spanish index, for which Material's worker fetches lunr's Spanish rules, as it does on our pages.

The difference is everything we add: the quiz (its assets, its markup, the words of its buttons and
messages), overrides (crisis help, page review, print QR code, site.css and site.js), the favicon,
and the hooks' output.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import Any

import yaml

from therapy_site.page import read_page
from therapy_site.quiz.assemble import resolve_review
from therapy_site.quiz.model import CheckIn, Item
from therapy_site.quiz.parse import find_blocks
from therapy_site.quiz.rules import read_block
from therapy_site.words import Words, read_tables

GENERATED_PAGES = ("check-your-understanding.md", "for-clinicians/answer-key.md")
# What a language in the i18n plugin may set for its own build, taken over as it is.
LANGUAGE_SETTINGS = ("site_name", "site_description", "copyright")


def load_config(path: Path) -> dict[str, Any]:
    from mkdocs.utils.yaml import yaml_load  # resolves !ENV the way a build does

    with path.open(encoding="utf-8") as handle:
        return yaml_load(handle)


def i18n_settings(config: dict[str, Any]) -> dict[str, Any]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"] or {}
    return {}


def plugin_name(plugin: Any) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def translated_nav(nav: list[Any], titles: dict[str, str]) -> list[Any]:
    """The navigation without the generated pages, its titles in the language."""
    kept: list[Any] = []
    for item in nav:
        if isinstance(item, str):
            if item not in GENERATED_PAGES:
                kept.append(item)
            continue
        ((title, target),) = item.items()
        if isinstance(target, list):
            kept.append({titles.get(title, title): translated_nav(target, titles)})
        elif target not in GENERATED_PAGES:
            kept.append({titles.get(title, title): target})
    return kept


def merged_palette(palette: list[dict[str, Any]], overrides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The palette with a language's toggle names (the i18n plugin's lists go by position)."""
    merged = copy.deepcopy(palette)
    for scheme, override in zip(merged, overrides):
        if "toggle" in override:
            scheme["toggle"] = {**scheme.get("toggle", {}), **override["toggle"]}
    return merged


def plain_config(config: dict[str, Any], locale: str, site_url: str) -> dict[str, Any]:
    """mkdocs.yml as a one-language plain Material site: no theme folder, favicon, hooks or i18n."""
    i18n = i18n_settings(config)
    language = next((entry for entry in i18n.get("languages", []) if entry.get("locale") == locale), {})
    plain = copy.deepcopy(config)
    plain.pop("hooks", None)
    plain["site_url"] = site_url
    for key in LANGUAGE_SETTINGS:
        if key in language:
            plain[key] = language[key]
    theme = plain["theme"]
    for key in ("custom_dir", "favicon"):
        theme.pop(key, None)
    theme["language"] = language.get("theme", {}).get("language", locale)
    if "palette" in language.get("theme", {}):
        theme["palette"] = merged_palette(theme.get("palette", []), language["theme"]["palette"])
    plugins = []
    for plugin in plain.get("plugins", []):
        if plugin_name(plugin) == "i18n":
            continue
        if plugin_name(plugin) == "search" and not language.get("default"):
            # Material picks the index's language from theme.language when search names none.
            settings = {key: value for key, value in (plugin["search"] or {}).items() if key != "lang"}
            plugin = {"search": settings}
        plugins.append(plugin)
    plain["plugins"] = plugins
    plain["nav"] = translated_nav(plain.get("nav", []), language.get("nav_translations") or {})
    return plain


def one_line(text: str) -> str:
    """A YAML value written over several lines, as one Markdown line."""
    return " ".join(text.split())


def item_as_words(item: Item, words: Words, label: Callable[[str], str]) -> list[str]:
    """A quiz or check-in's own words as plain Markdown: a bold title, then paragraphs and lists.

    Each `review` link is written as a link with the words our page shows for it, the heading of
    the section it leads to (`label`): after each question's explanation, and after each statement
    of a check-in, its statements listed under the ratings to look out for, as a writer would point
    to the same pages."""
    lines = [f"**{one_line(item.title)}**", ""]
    if isinstance(item, CheckIn):
        lines += [" / ".join(item.scale), ""]
        for concern, statements in groupby(item.statements, key=lambda statement: statement.concern):
            lines += [" / ".join(concern) + ":", ""] if concern else []
            lines += [f"- {one_line(s.text)} [{label(s.review.target)}]({s.review.target})" for s in statements]
            lines.append("")
        return lines
    for question in item.questions:
        for paragraph in (*question.scenario, question.prompt):
            lines += [one_line(paragraph), ""]
        for option in question.options:
            text = words(option.word) if option.word else option.text
            lines.append(f"- {one_line(f'{text} {option.feedback}')}")
        lines += ["", one_line(question.explanation), ""]
        lines += [f"[{label(question.review.target)}]({question.review.target})", ""]
    return lines


def quizzes_as_words(markdown: str, words: Words, label: Callable[[str], str]) -> str:
    """The page with each ```quiz and ```checkin block replaced by its words (item_as_words)."""
    lines = markdown.split("\n")
    blocks, _problems = find_blocks(markdown)
    for block in reversed(blocks):
        item = read_block(block).item
        lines[block.start : block.end] = (
            [block.indent + line for line in item_as_words(item, words, label)] if item else []
        )
    return "\n".join(lines)


def section_labels(pages: dict[str, str]) -> Callable[[str, str], str]:
    """(page, review target) -> the heading text of the section it leads to, or the page's title,
    as our quiz engine shows it; `pages` maps each page's src path to its Markdown."""
    read = {src: read_page(src, text, docs_prefix="") for src, text in pages.items()}

    def label(src: str, target: str) -> str:
        page_src, anchor = resolve_review(src, target)
        page = read.get(page_src)
        if page is None:
            return target
        return next((heading.text for heading in page.headings if heading.id == anchor), page.title)

    return label


def language_of(path: Path) -> str | None:
    """'es' for docs/page.es.md; None for a page in the default language."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) > 2 else None


def write_docs(docs: Path, destination: Path, locale: str, default: bool, words: Words) -> None:
    """The language's pages (the default language's where a page has no translation yet, as the
    i18n plugin falls back) and every other file, quizzes written out as their words."""
    pages: dict[str, str] = {}  # each Markdown page's src path in the plain site -> its text
    for source in sorted(docs.rglob("*")):
        if source.is_dir():
            continue
        relative = source.relative_to(docs)
        if source.suffix != ".md":
            target = destination / relative
        elif language_of(source) == locale and not default:
            target = destination / relative.with_name(relative.name.replace(f".{locale}.md", ".md"))
        elif language_of(source) is None:
            target = destination / relative
            translated = source.with_name(f"{source.stem}.{locale}.md")
            if not default and translated.exists():
                continue
        else:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".md":
            pages[target.relative_to(destination).as_posix()] = source.read_text(encoding="utf-8")
        else:
            shutil.copyfile(source, target)
    label = section_labels(pages)
    for src, text in pages.items():
        words_of_page = quizzes_as_words(text, words, lambda target, src=src: label(src, target))
        (destination / src).write_text(words_of_page, encoding="utf-8")


def write_project(root: Path, destination: Path, locale: str, default: bool) -> Path:
    """A one-language plain Material project in `destination`; returns its mkdocs.yml."""
    if destination.exists():
        shutil.rmtree(destination)
    config = load_config(root / "mkdocs.yml")
    site_url = str(config.get("site_url") or "http://127.0.0.1/")
    if not default:
        site_url = site_url.rstrip("/") + f"/{locale}/"
    reference = locales(root)[0][0]
    words = read_tables(root, [locale, reference], reference)[locale]
    write_docs(root / config.get("docs_dir", "docs"), destination / "docs", locale, default, words)
    path = destination / "mkdocs.yml"
    path.write_text(
        yaml.safe_dump(plain_config(config, locale, site_url), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def locales(root: Path) -> list[tuple[str, bool]]:
    """Each language of the site and whether it is the default one (first)."""
    languages = i18n_settings(load_config(root / "mkdocs.yml")).get("languages", [])
    found = [(str(entry["locale"]), bool(entry.get("default"))) for entry in languages]
    return sorted(found, key=lambda item: not item[1]) or [("en", True)]


def build(root: Path, workdir: Path) -> Path:
    """Build the plain site, each language on its own (the default one at the root, the others in
    their folder); not strict: links to the generated pages are expected to break."""
    site = workdir / "plain-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("UPDATE_PUBLISHED_URLS", None)
    for locale, default in locales(root):
        config = write_project(root, workdir / f"plain-{locale}", locale, default)
        target = site if default else site / locale
        command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-f", str(config), "-d", str(target)]
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.parent)
        if result.returncode != 0:
            raise RuntimeError(
                f"plain Material build ({locale}) failed ({result.returncode}):\n{result.stderr[-4000:]}"
            )
    return site
