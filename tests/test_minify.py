"""Our CSS and JS are served minified; the sources in overrides/assets/ keep their comments."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from conftest import ROOT

from therapy_site.minify import minified

OURS = sorted(path for path in (ROOT / "overrides" / "assets").iterdir() if path.suffix in (".css", ".js"))

CASES = [
    # (file name, source text, served text: None means served as written)
    ("a.css", "/* why */\n.quiz {\n  color: red;\n}\n", ".quiz{color:red}"),
    ("a.CSS", "a { margin : 0 }", "a{margin:0}"),
    ("a.css", 'a::before { content: "/* kept */" }', 'a::before{content:"/* kept */"}'),
    ("a.js", "// why\nvar answer = 1;\n/* more */\n", "var answer=1;"),
    ("a.js", 'var text = "// not a comment";', 'var text="// not a comment";'),
    ("a.js", "var re = /a\\/\\/b/g;", "var re=/a\\/\\/b/g;"),
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
