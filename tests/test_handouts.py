"""Printed handouts: every page carries its own address and a QR code made at build time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_pages import CONTENT_PAGES, built_path, page_url
from site_words import ENGLISH

from therapy_site import handout

SITE_URL = "https://therapy-relationship.github.io/"
ADDRESS_BLOCK = re.compile(r'<div class="print-only page-address">(?P<body>.*?)</div>', re.DOTALL)


@pytest.mark.parametrize("src", CONTENT_PAGES)
def test_each_page_prints_its_address_and_a_qr_code_to_it(built_site: Path, src: str) -> None:
    html = (built_site / built_path(src)).read_text(encoding="utf-8")
    blocks = ADDRESS_BLOCK.findall(html)
    assert len(blocks) == 1, "one print-only address block"
    address = SITE_URL + page_url(src)
    body = blocks[0]
    assert f'This page: <span class="page-address__url">{address}</span>' in body
    # The code is the one segno draws for exactly this address: inline SVG, nothing fetched.
    assert handout.qr_svg(address, ENGLISH("page.qr_title", address=address)) in body
    svg = body[body.index("<svg") : body.index("</svg>") + 6]
    assert f"<title>QR code that opens {address}</title>" in svg and 'role="img"' in svg
    assert "href" not in svg and "http" not in svg.replace(address, "")
    # The block comes after "Page last reviewed", at the end of the printout.
    assert html.index("Page last reviewed:") < html.index('class="print-only page-address"')


def test_the_qr_code_is_hidden_on_screen_and_sized_for_print() -> None:
    css = (Path(__file__).resolve().parents[1] / "overrides" / "assets" / "site.css").read_text(encoding="utf-8")
    screen, _, printed = css.partition("@media print")
    assert ".print-only { display: none; }" in screen
    assert ".print-only { display: block; }" in printed
    assert re.search(r"\.page-qr \{[^}]*width: \d+mm; height: \d+mm", printed)


@pytest.mark.parametrize(
    ("site_url", "problem"),
    [
        (None, "site_url is not set"),
        ("", "site_url is not set"),
        ("therapy-relationship.github.io", "is not a full web address"),
        ("https://example.org/?utm_source=x", "carries a '?' or '#' part"),
    ],
)
def test_site_url_problems(site_url: str | None, problem: str) -> None:
    message = handout.site_url_problem(site_url)
    assert message is not None and problem in message and "SITE_URL" in message + handout.SITE_URL_HINT


def test_a_good_site_url_has_no_problem() -> None:
    assert handout.site_url_problem("https://example.org/clinic/") is None


def test_qr_svg_is_inline_and_scales_with_css() -> None:
    svg = handout.qr_svg("https://example.org/a/", "QR code")
    assert svg.startswith('<svg role="img" ') and 'class="page-qr"' in svg and "viewBox" in svg
    assert "width=" not in svg.split(">", 1)[0]  # no fixed size: print CSS sets it
