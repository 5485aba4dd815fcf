"""Printed link addresses (therapy_site.printlinks), on strings."""

from __future__ import annotations

import pytest

from therapy_site import printlinks

HERE = "https://therapy-relationship.github.io/how-it-helps/"


@pytest.mark.parametrize(
    ("href", "printed"),
    [
        ("../glossary/", "therapy-relationship.github.io/glossary/"),
        ("../glossary/#alliance", "therapy-relationship.github.io/glossary/#alliance"),
        ("../", "therapy-relationship.github.io/"),
        ("../for-clinicians/index.html", "therapy-relationship.github.io/for-clinicians/"),
        ("https://findahelpline.com/", "findahelpline.com/"),
        ("http://example.org/a?b=1", "example.org/a?b=1"),
    ],
)
def test_a_link_that_leaves_the_page_prints_its_address(href: str, printed: str) -> None:
    html = f'<article><p>See <a href="{href}">this</a>.</p></article>'
    assert (
        printlinks.annotate_page(html, HERE)
        == f'<article><p>See <a href="{href}" data-print-url="{printed}">this</a>.</p></article>'
    )


def test_words_that_match_a_relative_href_still_get_the_address() -> None:
    # The home page's "The [glossary](glossary.md) explains...": href "glossary/", words "glossary".
    html = '<article><p>The <a href="glossary/">glossary</a> explains.</p></article>'
    out = printlinks.annotate_page(html, "https://therapy-relationship.github.io/")
    assert 'data-print-url="therapy-relationship.github.io/glossary/">glossary</a>' in out


@pytest.mark.parametrize(
    "link",
    [
        '<a href="#trust">earlier</a>',  # the same page
        '<a href="./#trust">earlier</a>',
        '<a href="tel:988">Call 988</a>',  # its words carry the number
        '<a href="mailto:a@b.org">write</a>',
        '<a class="headerlink" href="../x/">#</a>',
        '<a class="footnote-ref" href="../x/#fn:1">1</a>',
        '<a href="https://findahelpline.com/">https://findahelpline.com/</a>',  # words and address agree
        '<a href="https://findahelpline.com/">findahelpline.com</a>',
        '<a href="../x/" data-print-url="already">x</a>',
        '<a name="top">no href</a>',
        '<a class="language-switch" href="../es/x/">Español</a>',  # hidden on paper
        '<a class="quick-exit__link" href="https://www.bbc.co.uk/weather">Quick exit</a>',
        '<details class="quiz__answer"><summary>Show</summary><a href="../x/">Read more</a></details>',
        '<details class="crisis__more"><a href="https://findahelpline.com/">Find a helpline</a></details>',
    ],
)
def test_links_that_need_no_address_are_left_alone(link: str) -> None:
    html = f"<article><p>{link}</p></article>"
    assert printlinks.annotate_page(html, HERE) == html


def test_only_the_article_is_annotated() -> None:
    html = (
        '<nav><a href="../a/">A</a></nav><article><a href="../b/">B</a></article><footer><a href="../c/">C</a></footer>'
    )
    out = printlinks.annotate_page(html, HERE)
    assert out.count("data-print-url") == 1 and 'href="../b/" data-print-url=' in out


def test_addresses_are_escaped_and_link_words_kept() -> None:
    html = '<article><a href="../a/?x=1&amp;y=&quot;2&quot;"><em>it</em> here</a></article>'
    out = printlinks.annotate_page(html, HERE)
    assert 'data-print-url="therapy-relationship.github.io/a/?x=1&amp;y=&quot;2&quot;"><em>it</em> here</a>' in out


def test_a_page_without_article_is_unchanged() -> None:
    assert printlinks.annotate_page('<p><a href="../a/">A</a></p>', HERE) == '<p><a href="../a/">A</a></p>'


def test_links_after_a_block_that_is_not_printed_are_annotated() -> None:
    html = (
        '<article><details class="quiz__answer"><a href="../a/">A</a></details><p><a href="../b/">B</a></p></article>'
    )
    out = printlinks.annotate_page(html, HERE)
    assert out.count("data-print-url") == 1 and 'href="../b/" data-print-url=' in out
