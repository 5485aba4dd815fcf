"""Helpers for tests that change a copy of the project the way an editor would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from therapy_site import registry

# What an editor's checkout has besides the site: the registry and the checks' word list.
EDITOR_FILES = (registry.FILE_NAME, ".codespell-words.txt", "page-template.md")


def add_editor_files(project: Path) -> Path:
    """project_copy holds mkdocs.yml, docs, overrides and hooks; add the files editors work with."""
    for name in EDITOR_FILES:
        shutil.copy2(ROOT / name, project / name)
    return project


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text an editor would change; fail loudly if the example text is gone."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the test's example text is no longer in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def run_module(module: str, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m therapy_site.MODULE -f project/mkdocs.yml ...`, as the Makefile runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", module, "-f", str(project / "mkdocs.yml"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=project.parent,
    )


def registry_line(project: Path, url: str) -> int:
    entries, _ = registry.parse((project / registry.FILE_NAME).read_text(encoding="utf-8"))
    return next(entry.line for entry in entries if entry.url == url)


def rename_page(project: Path, old: str, new: str) -> None:
    """Rename docs/OLD to docs/NEW, and its translations alike (docs/OLD.es.md), and fix every
    link and the nav entry (not the registry)."""
    docs = project / "docs"
    (docs / old).rename(docs / new)
    for translation in docs.glob(old.removesuffix(".md") + ".*.md"):
        translation.rename(docs / (new.removesuffix(".md") + translation.name[len(old) - 3 :]))
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if old in text:
            page.write_text(text.replace(old, new), encoding="utf-8")
    edit(project / "mkdocs.yml", f": {old}", f": {new}")


def add_redirect(project: Path, old: str, new: str) -> None:
    edit(project / "mkdocs.yml", "redirect_maps: {}", f"redirect_maps:\n        {old}: {new}")
