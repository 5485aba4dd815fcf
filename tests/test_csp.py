"""The Content-Security-Policy writer (therapy_site.csp), on strings."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from therapy_site import csp

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width">
    <script>var a = 1;</script>
    <script src="assets/site.js" defer></script>
    <script id="__config" type="application/json">{"base": "."}</script>
    <style data-asset="assets/site.css">.x{color:red}</style>
    <link rel="stylesheet" href="assets/main.css">
  </head>
  <body><p>Hello</p><script type="module">import "./m.js";</script></body>
</html>
"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def directives(page: str) -> dict[str, list[str]]:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert match, "no policy in the page"
    text = match[1].replace("&quot;", '"').replace("&amp;", "&")
    return {part.split()[0]: part.split()[1:] for part in text.split("; ")}


def test_the_policy_lets_the_page_load_only_from_itself() -> None:
    found = directives(csp.secure(PAGE))
    assert found["default-src"] == ["'self'"]
    assert found["img-src"] == ["'self'", "data:"]
    for name in ("connect-src", "worker-src", "form-action", "base-uri"):
        assert found[name] == ["'self'"], name
    assert found["object-src"] == ["'none'"]


def test_inline_code_is_allowed_by_its_hash_and_nothing_else_is() -> None:
    found = directives(csp.secure(PAGE))
    assert found["script-src"] == ["'self'", sha("var a = 1;"), sha('import "./m.js";')]
    assert found["style-src"] == ["'self'", sha(".x{color:red}")]
    policy = " ".join(sum(found.values(), []))
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "'unsafe-hashes'" not in policy


@pytest.mark.parametrize(
    ("body", "hashed"),
    [
        ("<script>x()</script>", "x()"),
        ("<SCRIPT type='text/javascript'>y()</SCRIPT >", "y()"),
        ("<script>\r\nz()\r\n</script>", "\nz()\n"),  # the parser turns CR LF into LF before hashing
        ("<script>const s = 'é';</script>", "const s = 'é';"),  # UTF-8
    ],
)
def test_each_kind_of_inline_script_is_hashed_as_the_browser_hashes_it(body: str, hashed: str) -> None:
    assert csp.inline_code(f"<html><head></head><body>{body}</body></html>").scripts == [sha(hashed)]


@pytest.mark.parametrize(
    "body",
    [
        '<script src="a.js"></script>',  # loaded from the site: 'self'
        '<script type="application/json">{"a": 1}</script>',  # a data block never runs
        "<!-- <script>commented()</script> -->",
    ],
)
def test_code_that_never_runs_inline_is_not_hashed(body: str) -> None:
    assert csp.inline_code(f"<html><head></head><body>{body}</body></html>").scripts == []


def test_the_same_script_twice_is_listed_once() -> None:
    page = "<head></head><script>a()</script><p>x</p><script>a()</script>"
    assert csp.inline_code(page).scripts == [sha("a()")]


def test_style_attributes_are_allowed_one_by_one_never_all() -> None:
    page = '<head></head><p style="color: red">a</p><p style="color:&quot;x&quot;">b</p><script>var s = \'<b style="x">\';</script>'
    found = directives(csp.secure(page))
    # The value as the browser reads it (entities decoded); the text inside a script is not an attribute.
    assert found["style-src"] == ["'self'", "'unsafe-hashes'", sha("color: red"), sha('color:"x"')]


def test_the_meta_tags_come_first_in_the_head_after_the_charset() -> None:
    page = csp.secure(PAGE)
    head = page[page.index("<head>") :]
    assert head.index('<meta charset="utf-8">') < head.index('<meta name="referrer" content="no-referrer">')
    assert head.index('http-equiv="Content-Security-Policy"') < head.index("<script")
    assert head.index('http-equiv="Content-Security-Policy"') < head.index("<style")
    assert page.count("Content-Security-Policy") == 1 and page.count('name="referrer"') == 1


def test_a_head_without_charset_gets_the_policy_right_at_its_start() -> None:
    page = csp.secure("<html><head><title>t</title><script>a()</script></head></html>")
    assert page.startswith(
        '<html><head><meta name="referrer" content="no-referrer"><meta http-equiv="Content-Security-Policy"'
    )


def test_a_second_policy_replaces_the_first() -> None:
    once = csp.secure(PAGE)
    wider = csp.Inline(scripts=[sha("other()")])
    twice = csp.secure(once, also=[wider])
    assert twice.count("Content-Security-Policy") == 1 and twice.count('name="referrer"') == 1
    assert sha("other()") in directives(twice)["script-src"]
    assert csp.secure(once) == once


def test_the_site_wide_policy_allows_every_pages_code() -> None:
    site = csp.Inline()
    for code in ("a()", "b()", "a()"):
        site.add(csp.inline_code(f"<head></head><script>{code}</script>"))
    assert site.scripts == [sha("a()"), sha("b()")]
    assert directives(csp.with_policy(PAGE, csp.policy(site)))["script-src"] == ["'self'", sha("a()"), sha("b()")]


def test_each_page_lists_its_own_head_scripts_and_every_pages_body_code() -> None:
    # Instant navigation swaps in the next page's body, never its head: a head script runs only on
    # its own page (Material writes one for each folder depth).
    site = csp.SitePolicy()
    site.secure("<head><script>a()</script><style>s{}</style></head><script>x()</script>", "one")
    site.secure("<head><script>b()</script></head><script>y()</script>", "two")
    assert site.written == {"one": csp.Inline(scripts=[sha("a()")]), "two": csp.Inline(scripts=[sha("b()")])}
    assert site.shared == csp.Inline(scripts=[sha("x()"), sha("y()")], styles=[sha("s{}")])
    page = site.apply("<head><script>c()</script></head><p>404</p>")
    assert directives(page)["script-src"] == ["'self'", sha("c()"), sha("x()"), sha("y()")]
    assert directives(page)["style-src"] == ["'self'", sha("s{}")]


def test_a_page_without_head_is_refused() -> None:
    with pytest.raises(ValueError, match="no <head>"):
        csp.secure("<p>no head</p>")


def test_the_policy_has_no_directive_a_meta_element_ignores() -> None:
    # frame-ancestors, report-uri and sandbox in a <meta> policy only earn a console warning.
    policy = csp.policy(csp.Inline())
    assert not re.search(r"frame-ancestors|report-uri|report-to|sandbox", policy)


# The policy's <meta> stops Chromium's preload scanner, so each script the body loads is asked for
# from the end of the <head> instead (csp.with_script_preloads).
@pytest.mark.parametrize(
    ("body", "preloaded"),
    [
        # a classic script at the end of the body, as Material's bundle: preloaded
        ('<script src="assets/bundle.js"></script>', ["assets/bundle.js"]),
        # deferred ones too, in the order the body has them, each once
        (
            '<script src="b.js" defer></script><script src="a.js"></script><script src="b.js"></script>',
            ["b.js", "a.js"],
        ),
        # the address as the browser reads it, written back escaped
        ('<script src="x.js?a=1&amp;b=2"></script>', ["x.js?a=1&amp;b=2"]),
        # a module would need modulepreload; data blocks and inline code load nothing
        ('<script type="module" src="m.js"></script>', []),
        ('<script type="application/json" src="d.json"></script><script>inline()</script>', []),
        # a script only in a comment is not loaded
        ('<!-- <script src="old.js"></script> -->', []),
    ],
)
def test_each_script_the_body_loads_is_preloaded_from_the_head(body: str, preloaded: list[str]) -> None:
    # head.js is never preloaded: the parser meets it at once.
    page = csp.secure(
        f'<html><head><meta charset="utf-8"><script src="head.js"></script></head><body>{body}</body></html>'
    )
    head = page[: page.index("</head>")]
    links = re.findall(r'<link rel="preload" href="([^"]*)" as="script">', head)
    assert links == preloaded
    assert not links or head.index("Content-Security-Policy") < head.index('<link rel="preload"')


def test_preloads_are_written_once_however_often_the_policy_is() -> None:
    once = csp.secure(PAGE.replace("<p>Hello</p>", '<p>Hello</p><script src="assets/bundle.js"></script>'))
    assert once.count('<link rel="preload" href="assets/bundle.js" as="script">') == 1
    assert csp.secure(once) == once
