"""What Material's search gets from a real build: its word separator, every word of the pages,
and none of the clinicians' email templates. (In Chromium: tests/browser/test_search.py.)"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from site_pages import built_path

TAG = re.compile(r"<[^>]+>")
# A word as a reader types it: letters, with an apostrophe inside (you'll, therapist’s).
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
EMAIL = re.compile(r'<pre class="email-template__text" id="(email-\d+)">(.*?)</pre>', re.DOTALL)


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; tags such as !ENV are not needed here."""


ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def search_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def configured_separator() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506
    search = next(plugin["search"] for plugin in config["plugins"] if isinstance(plugin, dict) and "search" in plugin)
    return search["separator"]


def text_blocks(doc: dict) -> list[str]:
    """The pieces of text between tags, as Material's search worker splits a document."""
    return [block for field in (doc["title"], doc["text"]) for block in TAG.split(field)]


def test_the_index_carries_our_separator(built_site: Path) -> None:
    separator = search_index(built_site)["config"]["separator"]
    assert separator == configured_separator()
    # Material's highlighter wraps the separator in its own groups and counts on them: no groups of ours.
    assert re.compile(separator).groups == 0


def test_every_word_on_the_pages_is_a_search_word(built_site: Path) -> None:
    # Material adds a trailing wildcard to each word typed: a word is found on a page when one of
    # that page's index words starts with it. A word glued to a quote mark or a bracket
    # ('"special"', '(Norcross') was no such word. Python's re reads this separator as JavaScript
    # does (classes, lookahead, \u escapes); the browser test checks the real search.
    index = search_index(built_site)
    separator = re.compile(index["config"]["separator"])
    missing: list[str] = []
    for doc in index["docs"]:
        tokens = {token.lower() for block in text_blocks(doc) for token in separator.split(block) if token}
        for block in text_blocks(doc):
            for word in WORD.findall(html.unescape(block)):
                if not any(token.startswith(word.lower()) for token in tokens):
                    missing.append(f"{doc['location']}: {word!r} in {block.strip()[:80]!r}")
    assert missing == []


def emails(site: Path) -> dict[str, str]:
    page = (site / built_path("for-clinicians/index.md")).read_text(encoding="utf-8")
    found = {anchor: html.unescape(text) for anchor, text in EMAIL.findall(page)}
    assert found, "the clinician hub shows no email template"
    return found


def test_email_templates_are_kept_out_of_search(built_site: Path) -> None:
    # Ready-to-send emails are for clinicians; as search results they would answer a client's query
    # with "Subject: ... Hello, ...". They are rendered before search reads the page, so the
    # template marks them data-search-exclude.
    page = (built_site / built_path("for-clinicians/index.md")).read_text(encoding="utf-8")
    assert len(re.findall(r'<div class="email-template" data-search-exclude>', page)) == len(emails(built_site))
    indexed = " ".join(
        html.unescape(TAG.sub(" ", f"{doc['title']} {doc['text']}")) for doc in search_index(built_site)["docs"]
    )
    indexed = " ".join(indexed.split())
    leaks = [
        f"{anchor}: {line!r}"
        for anchor, text in emails(built_site).items()
        for line in (" ".join(line.split()) for line in text.splitlines())
        if len(line) >= 12 and line in indexed
    ]
    assert leaks == []
    assert "Subject:" not in indexed


@pytest.mark.parametrize("furniture", ["Copy email", "hub-copy"])
def test_email_buttons_are_not_indexed_either(built_site: Path, furniture: str) -> None:
    assert furniture not in json.dumps(search_index(built_site))
