"""`make check`: the editors' checks, reported like a linter, on the real site and on planted mistakes."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
import textstat
from conftest import ROOT
from project_edits import add_editor_files, edit, run_module

from therapy_site import check, lint, sitebuild
from therapy_site.page import Page, read_page
from therapy_site.problems import Problem, unique
from therapy_site.readability import limits

REVIEWED_TODAY = dt.date(2026, 11, 25)  # tests fix "today"; every page is reviewed then
AFTER_REVIEW_DUE = dt.date(2028, 1, 1)
LINE = re.compile(r"^(?P<path>[\w./-]+):(?:(?P<line>\d+):)? (?P<message>.+)$")

# About grade 14.6 (textstat 0.7.8): two sentences of 15 and 12 words, so only its grade stands out.
GRADE_14 = (
    "Researchers have often observed that the working alliance between a therapist and a client "
    "predicts later improvement. The association appears consistently across different "
    "approaches and treatment settings."
)


def test_the_planted_paragraph_really_reads_at_grade_14() -> None:
    assert 14 <= textstat.flesch_kincaid_grade(GRADE_14) < 15
    assert max(len(sentence.split()) for sentence in GRADE_14.split(". ")) <= 25


def test_the_real_site_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status = check.main(["-f", str(ROOT / "mkdocs.yml"), "--today", REVIEWED_TODAY.isoformat()])
    out, err = capsys.readouterr()
    assert status == 0, out + err
    assert out == ""
    assert "make check: 0 errors, 0 warnings" in err and "all checks passed" in err


def test_a_passed_review_date_is_a_warning_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    status = check.main(["-f", str(ROOT / "mkdocs.yml"), "--today", AFTER_REVIEW_DUE.isoformat()])
    out, _err = capsys.readouterr()
    assert status == 0, out
    lines = out.splitlines()
    assert lines and all(": warning: review_due (" in line for line in lines)
    assert "docs/what-a-good-relationship-feels-like.md:5: warning: review_due (2027-11-25) has passed;" in out


def test_strict_review_makes_a_passed_review_date_an_error() -> None:
    result = run_module("therapy_site.check", ROOT, "--strict-review", "--today", AFTER_REVIEW_DUE.isoformat())
    assert result.returncode == 1
    assert "docs/about.md:5: review_due (2027-11-25) has passed;" in result.stdout
    assert "warning" not in result.stdout


def planted(project: Path) -> dict[str, int]:
    """Plant one mistake of each kind in a copy; return the line of each."""
    docs = project / "docs"
    helps = docs / "how-it-helps.md"
    edit(
        helps,
        "## Can it change how I relate to others? {#attachment}",
        f"{GRADE_14}\n\n## Can it change how I relate to others? {{#attachment}}",
    )
    edit(
        helps,
        "## Can it help me say what I need? {#needs}",
        "## Can it help me say what I need?\n\n![](images/talking.png)\n\n"
        "This is a sentence that just keeps going and going because the writer forgot to stop and "
        "split it into two or three much shorter ones for the reader.\n\n"
        "Read more in [the warning signs](when-it-is-not-healthy.md#no-such-anchor). Teh end.",
    )
    edit(docs / "privacy.md", "description: ", "summary: ")
    edit(docs / "what-a-good-relationship-feels-like.md", '    review: "#empathy"', '    review: "#empathie"')
    lines = helps.read_text(encoding="utf-8").splitlines()
    good = (docs / "what-a-good-relationship-feels-like.md").read_text(encoding="utf-8").splitlines()
    privacy = (docs / "privacy.md").read_text(encoding="utf-8").splitlines()
    return {
        "grade": lines.index(GRADE_14) + 1,
        "heading": lines.index("## Can it help me say what I need?") + 1,
        "image": lines.index("![](images/talking.png)") + 1,
        "sentence": next(i for i, line in enumerate(lines, 1) if line.startswith("This is a sentence that just")),
        "link": next(i for i, line in enumerate(lines, 1) if "#no-such-anchor" in line),
        "quiz": good.index('    review: "#empathie"') + 1,
        "description": next(i for i, line in enumerate(privacy, 1) if line.startswith("---") and i > 1),
    }


def test_make_check_catches_each_planted_mistake_with_file_and_line(project_copy: Path) -> None:
    add_editor_files(project_copy)
    where = planted(project_copy)
    result = run_module("therapy_site.check", project_copy, "--today", REVIEWED_TODAY.isoformat())
    assert result.returncode == 1
    out = result.stdout
    assert "Traceback" not in out + result.stderr
    for line in out.splitlines():
        assert LINE.match(line), f"not linter-shaped: {line}"
    helps = "docs/how-it-helps.md"
    expected = [
        f"{helps}:{where['grade']}: this paragraph reads at grade 14.6;",
        f"{helps}:{where['heading']}: the heading 'Can it help me say what I need?' has no id;",
        f"{helps}:{where['image']}: the image 'images/talking.png' has no alt text;",
        f"{helps}:{where['sentence']}: a sentence of 29 words (the limit is 25):",
        f"{helps}:{where['link']}: the link 'when-it-is-not-healthy.md#no-such-anchor' is broken:",
        f"{helps}:{where['link']}: spelling: 'Teh' may be a mistake for 'The';",
        f"docs/privacy.md:{where['description']}: front matter is missing 'description';",
        f"docs/what-a-good-relationship-feels-like.md:{where['quiz']}: review link '#empathie'",
    ]
    missing = [text for text in expected if text not in out]
    assert missing == [], out
    # The heading without an id is reported once, although the build and the lint both see it.
    assert out.count(f"{helps}:{where['heading']}: the heading") == 1
    # ... and its made-up address is not offered for registering: one mistake, one message.
    # While an English page holds a mistake, its translation being behind is not said too.
    assert "has changed since this translation" not in out
    assert "can-it-help-me-say-what-i-need" not in out.replace("{#can-it-help-me-say-what-i}", "")
    assert re.search(r"make check: \d+ errors?, 0 warnings \(\d+\.\d s\): fix the errors above", result.stderr)


# -- the parts, on strings ------------------------------------------------------------------------

PAGE = """\
---
title: T
description: D.
reviewed: 2026-11-25
review_due: 2027-11-25
---

# T

Short and plain. You can read it.
"""


def page_of(source: str) -> Page:
    return read_page("t.md", source)


def test_review_problems() -> None:
    assert lint.review_problems(page_of(PAGE), dt.date(2027, 11, 25)) == []
    (late,) = lint.review_problems(page_of(PAGE), dt.date(2027, 11, 26))
    assert (late.line, late.warning) == (5, True)
    assert str(late).startswith("docs/t.md:5: warning: review_due (2027-11-25) has passed;")
    (strict,) = lint.review_problems(page_of(PAGE), dt.date(2027, 11, 26), strict=True)
    assert not strict.warning and str(strict).startswith("docs/t.md:5: review_due")


def test_a_hard_page_names_its_hardest_paragraph() -> None:
    hard = PAGE + "\n" + "\n\n".join([GRADE_14] * 4) + "\n"
    problems = lint.readability_problems(page_of(hard))
    page = [p for p in problems if "the page's main text" in p.message]
    assert len(page) == 1 and page[0].line == 8  # the title line
    assert "the hardest paragraph is on line 12 (grade 14.6)" in page[0].message
    assert [p.line for p in problems if p.message.startswith("this paragraph")] == [12, 14, 16, 18]


def test_long_sentences_on_average_are_reported_as_the_tests_demand() -> None:
    wordy = (
        PAGE
        + "\n"
        + " ".join(
            ["This plain sentence has twenty two short words in it, so the page average goes up and up and up again."]
            * 4
        )
        + "\n"
    )
    problems = lint.readability_problems(page_of(wordy))
    assert any(f"the limit is {limits('en').average_sentence_words:g}" in p.message for p in problems)


def test_html_images_need_alt_text_too() -> None:
    source = (
        '<img src="a.png">\n<img src="b.png" alt="">\n<img src="c.png" alt="A calm room">\n```\n![](code.png)\n```\n'
    )
    assert [p.line for p in lint.image_problems(page_of(source))] == [1, 2]


def test_the_builds_own_messages_become_problems() -> None:
    messages = sitebuild.messages(
        "INFO    -  Cleaning site directory\n"
        "WARNING -  docs/about.md:3: the link 'x.md#y' is broken: the doc 'x.md' does not contain an anchor '#y'\n"
        "ERROR   -  docs/about.md:7: heading has no id; add one\n"
        "ERROR   -  published-urls.txt:12: '/a/' no longer leads to a page\n"
        "WARNING -  docs/about.md:5: warning: review due\n"
        "WARNING -  Redirect target 'nope.md' does not exist!\n"
        "\nAborted with 4 warnings in strict mode!\n"
    )
    assert [str(p) for p in lint.build_problems(messages, "mkdocs.yml")] == [
        "docs/about.md:3: the link 'x.md#y' is broken: the doc 'x.md' does not contain an anchor '#y'",
        "docs/about.md:7: heading has no id; add one",
        "published-urls.txt:12: '/a/' no longer leads to a page",
        "docs/about.md:5: warning: review due",
        "mkdocs.yml: Redirect target 'nope.md' does not exist!",
    ]


def test_codespell_output_becomes_problems() -> None:
    (problem,) = lint.codespell_problems("docs/a.md:3: teh ==> the\n", ".codespell-words.txt")
    assert str(problem).startswith("docs/a.md:3: spelling: 'teh' may be a mistake for 'the';")


def test_problems_are_sorted_and_unique() -> None:
    a, b = Problem(2, "x", "docs/b.md"), Problem(9, "y", "docs/a.md")
    assert unique([a, b, a]) == [b, a]


# -- translations: which English page each follows -------------------------------------------------


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)


def test_a_translation_behind_its_english_page_is_named_with_the_sections_that_changed(project_copy: Path) -> None:
    add_editor_files(project_copy)
    git(project_copy, "init", "-q")
    git(project_copy, "add", "-A")
    git(project_copy, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "start")
    helps = project_copy / "docs" / "how-it-helps.md"
    edit(helps, "Change can feel scary.", "Change can feel scary at first.")
    edit(helps, "Many people find it hard to ask for what they need.", "Many people find it hard to ask for help.")
    today = REVIEWED_TODAY.isoformat()

    result = run_module("therapy_site.check", project_copy, "--today", today)
    assert result.returncode == 0, result.stdout + result.stderr  # a warning, until the review is strict
    line = next(
        number
        for number, text in enumerate((project_copy / "docs" / "how-it-helps.es.md").read_text().splitlines(), 1)
        if text.startswith("english_version:")
    )
    (warning,) = result.stdout.splitlines()
    assert warning.startswith(
        f"docs/how-it-helps.es.md:{line}: warning: docs/how-it-helps.md has changed since this translation was "
        "last matched to it (sections that changed: 'Can it help me say what I need?' (#needs), "
        "'Can it help me grow and try new things?' (#growth)); update this page to say the same, then run "
        "`make translated PAGE=docs/how-it-helps.es.md`"
    ), warning

    strict = run_module("therapy_site.check", project_copy, "--strict-review", "--today", today)
    assert strict.returncode == 1 and "docs/how-it-helps.es.md:" in strict.stdout and "warning" not in strict.stdout

    done = run_module("therapy_site.translated", project_copy, "docs/how-it-helps.es.md")  # make translated
    assert done.returncode == 0, done.stderr
    assert "docs/how-it-helps.es.md: follows how-it-helps.md as it is now" in done.stdout
    again = run_module("therapy_site.check", project_copy, "--strict-review", "--today", today)
    assert again.returncode == 0 and again.stdout == "", again.stdout


def test_an_english_page_without_a_translation_and_a_translation_without_its_page(project_copy: Path) -> None:
    add_editor_files(project_copy)
    (project_copy / "docs" / "privacy.es.md").unlink()
    (project_copy / "docs" / "sources.md").rename(project_copy / "docs" / "references.md")
    edit(project_copy / "mkdocs.yml", ": sources.md", ": references.md")
    for page in (project_copy / "docs").rglob("*.md"):
        page.write_text(page.read_text(encoding="utf-8").replace("sources.md", "references.md"), encoding="utf-8")
    result = run_module("therapy_site.check", project_copy, "--today", REVIEWED_TODAY.isoformat())
    out = result.stdout
    assert (
        "docs/privacy.md: warning: there is no translation of this page into Español (docs/privacy.es.md); "
        "until one is written, the Español site shows this page in English"
    ) in out
    assert (
        "docs/sources.es.md:1: this page translates sources.md, which is not in docs/ any more; if the English "
        "page was renamed, rename this file the same way (new-name.es.md), or delete it"
    ) in out
    assert "Traceback" not in out + result.stderr
