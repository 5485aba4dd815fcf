"""The same site as plain Material would make it: the yardstick for what our work adds.

The budget for a quiz page says Material's own part is "about 76 KB" and that the quiz and our
overrides may add at most 6 KB. What Material's own part weighs depends on the page's text, so
the benchmark builds the real pages a second time the plain way and compares page by page:

- the real `docs/`, with every ```quiz and ```checkin block taken out;
- the real `mkdocs.yml` (theme, palette, features, plugins, Markdown extensions) without
  `custom_dir`, the favicon that lives there, and `hooks:`; the two generated pages leave the nav.

The difference is everything we add: the quiz (assets and markup), overrides (crisis help, page
review, print QR code, site.css and site.js), the favicon, and the hooks' output.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

GENERATED_NAV = re.compile(r"^.*(?:check-your-understanding\.md|for-clinicians/answer-key\.md).*\n", re.MULTILINE)
HOOKS = re.compile(r"^hooks:\n(?:[ \t]+-.*\n|[ \t]*#.*\n)*", re.MULTILINE)
THEME_FILES = re.compile(r"^[ \t]+(?:custom_dir|favicon):.*\n", re.MULTILINE)


def plain_config(text: str) -> str:
    """mkdocs.yml without our theme folder, favicon, hooks and generated pages."""
    for pattern in (GENERATED_NAV, HOOKS, THEME_FILES):
        text = pattern.sub("", text)
    return text


def without_quizzes(markdown: str) -> str:
    from therapy_site.quiz.parse import find_blocks

    lines = markdown.split("\n")
    blocks, _problems = find_blocks(markdown)
    for block in reversed(blocks):
        del lines[block.start : block.end]
    return "\n".join(lines)


def write_project(root: Path, destination: Path) -> Path:
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(root / "docs", destination / "docs")
    for page in (destination / "docs").rglob("*.md"):
        page.write_text(without_quizzes(page.read_text(encoding="utf-8")), encoding="utf-8")
    config = destination / "mkdocs.yml"
    config.write_text(plain_config((root / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    return config


def build(root: Path, workdir: Path) -> Path:
    """Build the plain site; not strict: links to the generated pages are expected to break."""
    config = write_project(root, workdir / "plain")
    site = workdir / "plain-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("UPDATE_PUBLISHED_URLS", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config.parent)
    if result.returncode != 0:
        raise RuntimeError(f"plain Material build failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return site
