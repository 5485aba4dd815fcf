"""Printed pages (handouts): the QR code that leads back to the page, made at build time.

A client given a printout can scan the code to open the page. segno draws it as inline SVG, so
no service is asked for an image and nothing is fetched when the page is printed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import segno
from markupsafe import Markup

SITE_URL_HINT = (
    "set site_url in mkdocs.yml to the site's public address, e.g. "
    "'site_url: https://example.org/', or set the SITE_URL environment variable"
)


def site_url_problem(site_url: str | None) -> str | None:
    """Why printed pages could not show their own address, or None when site_url is usable."""
    if not site_url or not str(site_url).strip():
        return f"site_url is not set, so printed pages cannot show their address and QR code; {SITE_URL_HINT}"
    parts = urlsplit(str(site_url))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"site_url '{site_url}' is not a full web address; {SITE_URL_HINT}"
    if parts.query or parts.fragment:
        return (
            f"site_url '{site_url}' carries a '?' or '#' part; remove it, so printed addresses "
            "and QR codes stay clean (no tracking parameters)"
        )
    return None


def qr_svg(address: str, title: str, css_class: str = "page-qr") -> Markup:
    """The address as a QR code: an inline <svg> with a <title> (in the page's language), sized
    by CSS (viewBox only)."""
    code = segno.make(address, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass=css_class, title=title)
    # An image with a text alternative; the address itself is printed next to it.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
