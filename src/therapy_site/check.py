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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from therapy_site import lint, sitebuild

WORDS_FILE = ".codespell-words.txt"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its !ENV and !!python tags become plain values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def docs_dir(config: Path) -> Path:
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    name = data.get("docs_dir") if isinstance(data, dict) else None
    return (config.parent / (name if isinstance(name, str) and name else "docs")).resolve()


def codespell(project: Path, paths: list[str]) -> subprocess.Popen[str]:
    words = project / WORDS_FILE
    command = [sys.executable, "-m", "codespell_lib", "--check-filenames", "--skip", "*.svg,*.png,*.jpg,*.pdf"]
    if words.is_file():
        command += ["--ignore-words", WORDS_FILE]
    return subprocess.Popen(command + paths, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=sitebuild.environment())


def run(config: Path, today: dt.date, strict_review: bool = False) -> list[lint.Finding]:
    """Every finding for the project whose mkdocs.yml is `config`."""
    project = config.parent
    docs = docs_dir(config)
    prefix = docs.relative_to(project).as_posix() if docs.is_relative_to(project) else docs.as_posix()
    pages = {path.relative_to(docs).as_posix(): path for path in sorted(docs.rglob("*.md"))}
    others = [path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()]
    with tempfile.TemporaryDirectory(prefix="check-") as temp:
        build = sitebuild.start(config, Path(temp) / "site")
        spelling = codespell(project, [prefix] if docs.is_dir() else [])
        findings: list[lint.Finding] = []
        sources: dict[str, str] = {}
        for src, path in pages.items():
            try:
                sources[src] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                findings.append(lint.Finding(f"{prefix}/{src}", 0, "the file is not plain text (UTF-8); "
                                                                   "save it as UTF-8 text"))
                continue
            findings += lint.lint_page(f"{prefix}/{src}", sources[src], today, strict_review)
        findings += lint.quiz_findings(sources, prefix, others)
        _out, build_log = build.communicate()
        spelled, spell_errors = spelling.communicate()
    findings += lint.build_findings(sitebuild.messages(build_log), prefix, config.name, sources)
    if build.returncode != 0 and not any(not f.warning for f in findings):
        tail = next((line for line in reversed(build_log.splitlines()) if line.strip()), "no output")
        findings.append(lint.Finding(config.name, 0, f"the build failed: {tail}"))
    findings += lint.codespell_findings(spelled, WORDS_FILE)
    if spelling.returncode not in (0, 65) and spell_errors.strip():
        findings.append(lint.Finding(WORDS_FILE, 0, f"codespell could not run: {spell_errors.strip().splitlines()[-1]}"))
    return lint.unique(findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--strict-review", action="store_true",
                        help="treat a review_due date in the past as an error, not a warning")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help=argparse.SUPPRESS)  # tests fix the date (YYYY-MM-DD)
    args = parser.parse_args(argv)
    config = Path(args.config_file).resolve()
    if not config.is_file():
        print(f"{args.config_file}: not found; run `make check` from the project folder", file=sys.stderr)
        return 2
    started = time.monotonic()
    findings = run(config, args.today or dt.date.today(), args.strict_review)
    for finding in findings:
        print(finding)
    errors = sum(1 for finding in findings if not finding.warning)
    warnings = len(findings) - errors
    verdict = "all checks passed" if not errors else "fix the errors above, then run `make check` again"
    print(f"make check: {errors} error{'s' if errors != 1 else ''}, {warnings} warning"
          f"{'s' if warnings != 1 else ''} ({time.monotonic() - started:.1f} s): {verdict}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
