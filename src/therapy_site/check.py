"""`make check`: everything a reviewer would catch, reported like a linter, in a few seconds.

    docs/how-it-helps.md:31: a sentence of 27 words (the limit is 25): "..."; split it in two

It runs the strict build (once, into a temporary folder, so broken links, missing anchors, quiz
mistakes and unregistered addresses are found as in CI), codespell with the project's word list,
and the content checks of therapy_site.lint on every page. It exits 1 when there is an error.
Translated pages are measured by their language's rules, and each is checked against its English
page (therapy_site.translation). A `review_due` date in the past, a translation behind its
English page and a page not yet translated are warnings, unless --strict-review is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from therapy_site import languages, lint, sitebuild, translation
from therapy_site.page import Page, read_page
from therapy_site.problems import Problem, unique
from therapy_site.registry.file import ids_of_page, read_section_ids

WORDS_FILE = ".codespell-words.txt"


def settings(config: Path) -> dict[str, object]:
    """mkdocs.yml as MkDocs's own YAML reader sees it (!ENV and INHERIT work); {} if unreadable."""
    try:
        with config.open(encoding="utf-8") as handle:
            data = yaml_load(handle) or {}
    except (OSError, ConfigurationError, yaml.YAMLError):
        data = {}
    return data if isinstance(data, dict) else {}


def docs_dir(config: Path) -> Path:
    """The docs folder mkdocs.yml names."""
    name = settings(config).get("docs_dir")
    return (config.parent / (name if isinstance(name, str) and name else "docs")).resolve()


def git_blob(project: Path) -> Callable[[str], bytes | None]:
    """Reads a file's older text from git by its id (None outside a checkout, or when unknown)."""

    def read(version: str) -> bytes | None:
        shown = subprocess.run(["git", "-C", str(project), "cat-file", "blob", version], capture_output=True)
        return shown.stdout if shown.returncode == 0 else None

    return read


def language_problems(
    project: Path, docs: Path, pages: dict[str, Page], site: languages.Languages, strict: bool
) -> list[tuple[str, Problem]]:
    """Each translated page against its English page; each English page without a translation.
    Each problem comes with the English page's file: while that page holds a mistake of its
    own, its translation being behind is not said too."""
    english = {page.src: page for src, page in pages.items() if site.of_src(src)[1].default}
    found: list[tuple[str, Problem]] = []
    for other in site.all:
        if other.default:
            continue
        mine = {page.src: page for src, page in pages.items() if site.of_src(src)[1] == other}
        for neutral, page in mine.items():
            data = (docs / neutral).read_bytes() if neutral in english else b""
            said = translation.problems(page, english.get(neutral), data, other, git_blob(project), strict)
            found += [(english[neutral].file, problem) for problem in said]
        found += [
            (page.file, translation.missing(page, other, strict))
            for neutral, page in english.items()
            if neutral not in mine
        ]
    return found


def codespell(project: Path, paths: list[str], skip: list[str]) -> subprocess.Popen[str]:
    """codespell knows English words only: the translated pages (`skip`) are left out."""
    words = project / WORDS_FILE
    skipped = ",".join(["*.svg", "*.png", "*.jpg", "*.pdf", *skip])
    command = [sys.executable, "-m", "codespell_lib", "--check-filenames", "--skip", skipped]
    if words.is_file():
        command += ["--ignore-words", WORDS_FILE]
    return subprocess.Popen(
        command + paths,
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=sitebuild.environment(),
    )


def run(config: Path, today: dt.date, strict_review: bool = False) -> list[Problem]:
    """Every problem for the project whose mkdocs.yml is `config`."""
    project = config.parent
    docs = docs_dir(config)
    site = languages.from_config_data(settings(config))
    prefix = docs.relative_to(project).as_posix() if docs.is_relative_to(project) else docs.as_posix()
    files = {path.relative_to(docs).as_posix(): path for path in sorted(docs.rglob("*")) if path.is_file()}
    with tempfile.TemporaryDirectory(prefix="check-") as temp:
        build = sitebuild.start(config, Path(temp) / "site")
        translated = [f"*.{language.code}.md" for language in site.all if not language.default]
        spelling = codespell(project, [prefix] if docs.is_dir() else [], translated)
        registered = read_section_ids(project)
        pages = {
            src: read_page(
                site.of_src(src)[0],
                path.read_bytes(),
                prefix,
                src,
                ids_of_page(registered, site.of_src(src)[0], site.of_src(src)[1].folder),
            )
            for src, path in files.items()
            if src.endswith(".md")
        }
        found = [
            problem
            for src, page in pages.items()
            for problem in lint.page_problems(page, today, strict_review, site.of_src(src)[1].code)
        ]
        behind = language_problems(project, docs, pages, site, strict_review)
        _out, build_log = build.communicate()
        spelled, spell_errors = spelling.communicate()
    found += lint.build_problems(sitebuild.messages(build_log), config.name)
    mistaken = {problem.file for problem in found if not problem.warning}
    found += [problem for english, problem in behind if english not in mistaken]
    if build.returncode != 0 and not any(not problem.warning for problem in found):
        tail = next((line for line in reversed(build_log.splitlines()) if line.strip()), "no output")
        found.append(Problem(0, f"the build failed: {tail}", config.name))
    # A misspelt word that another check names already (a quiz key: 'corect') is that one mistake.
    named = {
        (problem.file, problem.line, word) for problem in found for word in re.findall(r"'([^']+)'", problem.message)
    }
    found += [
        problem
        for problem in lint.codespell_problems(spelled, WORDS_FILE)
        if (problem.file, problem.line, re.findall(r"'([^']+)'", problem.message)[0]) not in named
    ]
    if spelling.returncode not in (0, 65) and spell_errors.strip():
        found.append(Problem(0, f"codespell could not run: {spell_errors.strip().splitlines()[-1]}", WORDS_FILE))
    return unique(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument(
        "--strict-review", action="store_true", help="treat a review_due date in the past as an error, not a warning"
    )
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS
    )  # tests fix the date (YYYY-MM-DD)
    args = parser.parse_args(argv)
    config = Path(args.config_file).resolve()
    if not config.is_file():
        print(f"{args.config_file}: not found; run `make check` from the project folder", file=sys.stderr)
        return 2
    started = time.monotonic()
    problems = run(config, args.today or dt.date.today(), args.strict_review)
    for problem in problems:
        print(problem)
    errors = sum(1 for problem in problems if not problem.warning)
    warnings = len(problems) - errors
    verdict = "all checks passed" if not errors else "fix the errors above, then run `make check` again"
    print(
        f"make check: {errors} error{'s' if errors != 1 else ''}, {warnings} warning"
        f"{'s' if warnings != 1 else ''} ({time.monotonic() - started:.1f} s): {verdict}",
        file=sys.stderr,
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
