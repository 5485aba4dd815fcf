"""`make check`: everything a reviewer would catch, reported like a linter, in a few seconds.

    docs/how-it-helps.md:31: a sentence of 27 words (the limit is 25): "..."; split it in two

It runs the strict build (once, into a temporary folder, so broken links, missing anchors, quiz
mistakes and unregistered addresses are found as in CI), codespell with the project's word list,
and the content checks of therapy_site.lint on every page. It exits 1 when there is an error.
A `review_due` date in the past is only a warning, unless --strict-review is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from therapy_site import lint, sitebuild
from therapy_site.page import read_page
from therapy_site.problems import Problem, unique

WORDS_FILE = ".codespell-words.txt"


def docs_dir(config: Path) -> Path:
    """The docs folder mkdocs.yml names (MkDocs's own YAML reader: !ENV and INHERIT work)."""
    try:
        with config.open(encoding="utf-8") as handle:
            data = yaml_load(handle) or {}
    except (OSError, ConfigurationError, yaml.YAMLError):
        data = {}
    name = data.get("docs_dir") if isinstance(data, dict) else None
    return (config.parent / (name if isinstance(name, str) and name else "docs")).resolve()


def codespell(project: Path, paths: list[str]) -> subprocess.Popen[str]:
    words = project / WORDS_FILE
    command = [sys.executable, "-m", "codespell_lib", "--check-filenames", "--skip", "*.svg,*.png,*.jpg,*.pdf"]
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
    prefix = docs.relative_to(project).as_posix() if docs.is_relative_to(project) else docs.as_posix()
    files = {path.relative_to(docs).as_posix(): path for path in sorted(docs.rglob("*")) if path.is_file()}
    with tempfile.TemporaryDirectory(prefix="check-") as temp:
        build = sitebuild.start(config, Path(temp) / "site")
        spelling = codespell(project, [prefix] if docs.is_dir() else [])
        pages = {src: read_page(src, path.read_bytes(), prefix) for src, path in files.items() if src.endswith(".md")}
        found = [problem for page in pages.values() for problem in lint.page_problems(page, today, strict_review)]
        found += lint.quiz_problems(pages, files)
        _out, build_log = build.communicate()
        spelled, spell_errors = spelling.communicate()
    found += lint.build_problems(sitebuild.messages(build_log), config.name)
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
