"""The Markdown grammar (therapy_site.grammar) agrees with what Python-Markdown really builds."""

from __future__ import annotations

import re

import markdown
import pytest

from therapy_site import grammar

EXTENSIONS = ["toc", "attr_list", "pymdownx.superfences"]


def python_markdown_headings(text: str) -> list[tuple[int, str]]:
    """(level, id) of every heading Python-Markdown makes, as the toc extension lists them."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.convert(text)

    def walk(tokens: list[dict]) -> list[tuple[int, str]]:
        return [item for token in tokens for item in [(token["level"], token["id"]), *walk(token["children"])]]

    return walk(md.toc_tokens)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Markdown as an editor writes it          (level, explicit id, words) our grammar must read
        ("## Title {#trust}", [(2, "trust", "Title")]),
        ("### Three {: #three .wide}", [(3, "three", "Three")]),
        ("## Title {: .wide #x }", [(2, "x", "Title")]),
        ("## Closing ## {#close}", [(2, "close", "Closing")]),
        ("## Closing {#close2} ##", [(2, "close2", "Closing")]),
        ("###### Six {#six}", [(6, "six", "Six")]),
        ("#Tight {#tight}", [(1, "tight", "Tight")]),
        ("## Qué es? {#que}", [(2, "que", "Qué es?")]),
        ("## No id", [(2, "", "No id")]),
        ("## Glued{#glued}", [(2, "", "Glued{#glued}")]),  # attr_list needs a space before '{'
        ("## Two {#a} {#b}", [(2, "", "Two {#a} {#b}")]),  # not an attribute list: toc makes an id
        ("  ## Indented {#ind}", []),  # indented: a paragraph, not a heading
        ("    ## Code {#code}", []),  # four spaces: code
        ("```\n## In a fence {#fence}\n```", []),
        ("~~~~\n## Tilde fence {#f2}\n~~~~", []),
        ("````markdown\n```\n## Nested {#nested}\n```\n````", []),
        ("Underlined {#setext}\n---", [(2, "setext", "Underlined")]),
        ("Title {#top}\n===", [(1, "top", "Title")]),
    ],
)
def test_headings_match_python_markdown(source: str, expected: list[tuple[int, str, str]]) -> None:
    found = grammar.headings(source)
    assert [(h.level, h.id, h.text) for h in found] == expected
    # The ids Python-Markdown gives the same headings: an explicit id wins, else toc's own slug.
    built = python_markdown_headings(source)
    assert [level for level, _id in built] == [level for level, _id, _text in expected]
    for (_level, ident), heading in zip(built, found):
        assert ident == (heading.id or ident)
        if heading.id:
            assert ident == heading.id


@pytest.mark.parametrize(
    ("words", "suggested"),
    [
        # heading words                      the id suggested, as toc's slugify makes it
        ("What should I ask at the start?", "what-should-i-ask-at-the"),
        ("¿Qué es la alianza?", "que-es-la-alianza"),
        ("Trust & respect", "trust-respect"),
        ("!!!", "section"),
    ],
)
def test_suggested_ids_are_python_markdowns_slugs(words: str, suggested: str) -> None:
    assert grammar.slug(words) == suggested


@pytest.mark.parametrize(
    ("source", "body", "offset"),
    [
        # a page as written                         the body MkDocs renders       lines before it
        ("---\ntitle: T\n---\n\n\n# Title\n", "# Title\n", 5),
        ("# Title\n", "# Title\n", 0),
        ("---\ntitle: [unclosed\n---\n# T\n", "---\ntitle: [unclosed\n---\n# T\n", 0),  # MkDocs keeps it
    ],
)
def test_front_matter_is_split_as_mkdocs_does(source: str, body: str, offset: int) -> None:
    assert grammar.split_front_matter(source) == (body, offset)


def test_fences_close_only_on_the_same_kind_and_length() -> None:
    lines = "````md\n```python\nx\n```\n````\n```quiz\nid: q".split("\n")
    found = list(grammar.fences(lines, 10))
    assert [(f.language, f.line, f.closed) for f in found] == [("md", 11, True), ("quiz", 16, False)]
    assert found[0].body == "```python\nx\n```"


def test_links_and_images_carry_their_lines() -> None:
    text = (
        "A [link](page.md#x) and ![](pic.png).\n\n```\n[not](code.md)\n```\n[ref]: other.md\n<img src='a.png' alt='A'>"
    )
    assert [(link.target, link.line, link.image, link.text) for link in grammar.links(text, 2)] == [
        ("page.md#x", 3, False, "link"),
        ("pic.png", 3, True, ""),
        ("other.md", 8, False, "ref"),
        ("a.png", 9, True, "A"),
    ]


def test_python_markdown_really_builds_what_the_table_says() -> None:
    html = markdown.Markdown(extensions=EXTENSIONS).convert("## Closing ## {#close}")
    assert re.search(r'<h2 id="close">Closing</h2>', html)
