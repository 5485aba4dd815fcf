"""Our CSS and JS are served minified; the sources in overrides/assets/ keep their comments."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from conftest import ROOT

from therapy_site.minify import compact, minified

OURS = sorted(path for path in (ROOT / "overrides" / "assets").iterdir() if path.suffix in (".css", ".js"))

CASES = [
    # (file name, source text, served text: None means served as written)
    ("a.css", "/* why */\n.quiz {\n  color: red;\n}\n", ".quiz{color:red}"),
    ("a.CSS", "a { margin : 0 }", "a{margin:0}"),
    ("a.css", 'a::before { content: "/* kept */" }', 'a::before{content:"/* kept */"}'),
    ("a.js", "// why\nvar answer = 1;\n/* more */\n", "var answer=1;"),
    ("a.js", 'var text = "// not a comment";', 'var text="// not a comment";'),
    ("a.js", "var re = /a\\/\\/b/g;", "var re=/a\\/\\/b/g;"),
    (  # names local to a function are shortened; globals (window.x, var at the top) keep theirs
        "a.js",
        "(function () {\n  var longName = 1;\n  function helper(value) { return value + longName; }\n  window.x = helper;\n})();",
        "(function(){var b=1;function a(c){return c+b;}window.x=a;})();",
    ),
    ("a.svg", "<svg><!-- kept --></svg>", None),
    ("a.html", "<p>  kept  </p>", None),
]


@pytest.mark.parametrize(("name", "source", "served"), CASES)
def test_minified(name: str, source: str, served: str | None) -> None:
    assert minified(name, source) == served


@pytest.mark.parametrize("source", OURS, ids=lambda path: path.name)
def test_our_assets_are_served_minified(built_site: Path, source: Path) -> None:
    served = (built_site / "assets" / source.name).read_text(encoding="utf-8")
    assert served == minified(source.name, source.read_text(encoding="utf-8"))
    assert len(served) < 0.85 * source.stat().st_size
    assert "/*" not in served


def test_materials_own_assets_are_left_alone(built_site: Path) -> None:
    theme = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    bundles = list(theme.glob("bundle.*.min.js"))
    assert bundles
    for bundle in bundles:
        assert (built_site / "assets" / "javascripts" / bundle.name).read_bytes() == bundle.read_bytes()


PAGES = [
    # (a built page, the page as served)
    ("<div>\n    <p>a  b</p>\n\n  </div>\n", "<div>\n<p>a  b</p>\n</div>\n"),
    ("<p>one\n   two</p>", "<p>one\ntwo</p>"),  # still one space between the words
    ("<a>x</a> \n  <a>y</a>", "<a>x</a>\n<a>y</a>"),  # inline elements keep a space between them
    ("<pre>  a\n    b\n</pre>\n  <p>", "<pre>  a\n    b\n</pre>\n<p>"),
    ("<PRE class=x>\n  a</PRE>", "<PRE class=x>\n  a</PRE>"),
    ("<textarea>\n  a</textarea>", "<textarea>\n  a</textarea>"),
    ('<script>\n  var a = "\n  ";\n</script>', '<script>\n  var a = "\n  ";\n</script>'),
    ("<style>\n  a { }\n</style>\n\n<p>", "<style>\n  a { }\n</style>\n<p>"),
    ("<p>a b</p>", "<p>a b</p>"),  # spaces without a line break are left alone
]


@pytest.mark.parametrize(("page", "served"), PAGES)
def test_pages_are_served_without_their_indentation(page: str, served: str) -> None:
    assert compact(page) == served


def test_built_pages_have_no_indentation_outside_pre(built_site: Path) -> None:
    html = (built_site / "how-is-it-going" / "index.html").read_text(encoding="utf-8")
    outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "<kept>", html, flags=re.DOTALL | re.IGNORECASE)
    assert "\n " not in outside and "\n\n" not in outside
