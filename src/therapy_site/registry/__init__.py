"""The registry of published addresses: every URL the site has ever given out must keep working.

`file` reads and writes published-urls.txt; `resolve` decides, on plain data, whether each address
still leads to a page, to a redirect made with mkdocs-redirects, or to an id on the page.
"""

from therapy_site.registry.file import (
    COMMITTED_ENV,
    FILE_NAME,
    HEADER,
    UPDATE_ENV,
    Entry,
    page_path,
    parse,
    render,
    sort_key,
    src_url,
)
from therapy_site.registry.resolve import (
    Published,
    Redirect,
    Site,
    _line_ranges,
    check,
    guess_src,
    is_quiz_anchor,
    merge,
    page_path_of,
    published_of_page,
    read_redirects,
    redirect_line,
    unregistered,
    unregistered_problems,
    unresolved,
)

__all__ = [
    "COMMITTED_ENV",
    "FILE_NAME",
    "HEADER",
    "UPDATE_ENV",
    "Entry",
    "Published",
    "Redirect",
    "Site",
    "_line_ranges",
    "check",
    "guess_src",
    "is_quiz_anchor",
    "merge",
    "page_path",
    "page_path_of",
    "parse",
    "published_of_page",
    "read_redirects",
    "redirect_line",
    "render",
    "sort_key",
    "src_url",
    "unregistered",
    "unregistered_problems",
    "unresolved",
]
