"""Every mistake an editor can make gives exactly its own messages, with file, line and fix.

One table of mistakes, each planted in a copy of the project; the strict build (what `make build`
and `make serve` run) must name each one as `docs/page.md:LINE: ...`, say nothing else that is
wrong, and never show a traceback. `make check` is tried on the typo of a registered quiz, and the
`make urls` trap (a heading without an id) is walked through as an editor would.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import run_build
from project_edits import add_editor_files, edit, run_module

BARRIERS = "docs/what-can-get-in-the-way.md"
BARRIERS_ES = "docs/what-can-get-in-the-way.es.md"
GOOD = "docs/what-a-good-relationship-feels-like.md"
PROBLEM_LINE = re.compile(r"^(?:ERROR|WARNING) +- +(?P<text>.*)$", re.MULTILINE)


class Mistake(NamedTuple):
    file: str  # the file the editor changes
    old: str  # text there now
    new: str  # what the editor wrote instead
    expected: list[str]  # every problem line the build prints, as 'file:LINE: start of the message'


def plant(project: Path, mistake: Mistake) -> None:
    if mistake.old == "<bytes>":
        path = project / mistake.file
        path.write_bytes(path.read_bytes().replace(b"A therapist's job", b"A therapist\xe2\x80 job", 1))
    else:
        edit(project / mistake.file, mistake.old, mistake.new)


MISTAKES = {
    "a typo in a registered quiz": Mistake(
        BARRIERS,
        "        correct: true\n        feedback: Yes. It is the sense",
        "        corect: true\n        feedback: Yes. It is the sense",
        [f"{BARRIERS}:109: unknown key 'corect' in option 1 of question 'rapport'; did you mean 'correct'?"],
    ),
    "a YAML indentation slip": Mistake(
        BARRIERS,
        '    prompt: What does "rapport" mean?',
        '   prompt: What does "rapport" mean?',
        [f"{BARRIERS}:106: YAML syntax error"],
    ),
    "a wrong type": Mistake(
        BARRIERS,
        "    type: true-false",
        "    type: yes-no",
        [f"{BARRIERS}:96: unknown type 'yes-no' in question 'judgement'"],
    ),
    "HTML in quiz text": Mistake(
        BARRIERS,
        "explanation: Rapport means feeling connected.",
        "explanation: Rapport means <b>connected</b>.",
        [f"{BARRIERS}:115: quiz text is plain text; remove the HTML"],
    ),
    "a duplicated question id": Mistake(
        BARRIERS, "  - id: rapport\n", "  - id: judgement\n", [f"{BARRIERS}:104: question id 'judgement' is used twice"]
    ),
    "a bad review link": Mistake(
        BARRIERS,
        'review: "#rapport"',
        'review: "#rapor"',
        [
            f"{BARRIERS}:116: review link '#rapor' in question 'rapport' points to '#rapor', but {BARRIERS} has no heading with {{#rapor}}; did you mean '#rapport'?"
        ],
    ),
    "a broken link": Mistake(
        BARRIERS,
        "(your-first-sessions.md#questions-to-ask)",
        "(your-first-session.md#questions-to-ask)",
        [
            f"{BARRIERS}:38: the link 'your-first-session.md#questions-to-ask' is broken: the target 'your-first-session.md' is not found"
        ],
    ),
    "a broken anchor": Mistake(
        BARRIERS,
        "(glossary.md#rapport)",
        "(glossary.md#raport)",
        [
            f"{BARRIERS}:50: the link 'glossary.md#raport' is broken: the doc 'glossary.md' does not contain an anchor '#raport'"
        ],
    ),
    "bad front matter": Mistake(
        BARRIERS,
        "reviewed: 2026-11-25",
        "reviewed: 25 November",
        [f"{BARRIERS}:4: 'reviewed' is not a date ('25 November')"],
    ),
    "bytes that are not UTF-8": Mistake(
        BARRIERS, "<bytes>", "", [f"{BARRIERS}:18: this line holds bytes that are not UTF-8 text"]
    ),
    "a registered heading id taken off": Mistake(
        GOOD,
        "## Can I trust my therapist? {#trust}",
        "## Can I trust my therapist?",
        [f"{GOOD}:12: the heading 'Can I trust my therapist?' has no id; published-urls.txt lists #trust"],
    ),  # not also "'/.../#trust' no longer leads to its section", nor the review links to #trust
    "a typo in a Spanish quiz": Mistake(
        BARRIERS_ES,
        "        correct: true\n",
        "        corect: true\n",
        [f"{BARRIERS_ES}:110: unknown key 'corect' in option 1 of question 'rapport'; did you mean 'correct'?"],
    ),
    "a broken link in a Spanish page": Mistake(
        BARRIERS_ES,
        "(glossary.md#rapport)",
        "(glossary.md#rapor)",
        [
            f"{BARRIERS_ES}:51: the link 'glossary.md#rapor' is broken: the doc 'glossary.es.md' does not contain an anchor '#rapor'"
        ],
    ),
    "a moved quiz id": Mistake(
        BARRIERS, "id: barriers\ntitle:", "id: obstacles\ntitle:", ["published-urls.txt:", f"{BARRIERS}:"]
    ),  # each old address, and the new ones
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_gives_exactly_its_own_messages(name: str, project_copy: Path) -> None:
    add_editor_files(project_copy)
    mistake = MISTAKES[name]
    plant(project_copy, mistake)
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    found = PROBLEM_LINE.findall(result.stderr)
    assert found, result.stderr
    for line in found:
        assert re.match(r"^[\w./-]+\.(?:md|yml|txt):\d+: ", line), f"not file:line: {line}"
        assert any(line.startswith(expected) for expected in mistake.expected), f"an extra message: {line}"
    for expected in mistake.expected:
        assert any(line.startswith(expected) for line in found), f"missing: {expected}\n{result.stderr}"
    if name != "a moved quiz id":
        assert len(found) == len(mistake.expected), result.stderr


def test_make_check_gives_one_message_for_a_typo_in_a_registered_quiz(project_copy: Path) -> None:
    add_editor_files(project_copy)
    plant(project_copy, MISTAKES["a typo in a registered quiz"])
    result = run_module("therapy_site.check", project_copy, "--today", "2026-11-25")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{BARRIERS}:109: unknown key 'corect' in option 1 of question 'rapport'; did you mean 'correct'?"
    ]


def test_a_heading_without_an_id_is_never_registered_and_the_fix_simply_works(project_copy: Path) -> None:
    add_editor_files(project_copy)
    registry = project_copy / "published-urls.txt"
    before = registry.read_text(encoding="utf-8")
    edit(
        project_copy / GOOD,
        "## Can I trust my therapist? {#trust}",
        "## Can I trust my therapist? {#trust}\n\nA new part.\n\n## What should I ask at the start?",
    )
    urls = run_module("therapy_site.urls", project_copy)  # make urls refuses, and writes nothing
    assert urls.returncode == 1
    assert "'What should I ask at the start?' has no id; add one" in urls.stderr
    assert registry.read_text(encoding="utf-8") == before
    edit(project_copy / GOOD, "## What should I ask at the start?", "## What should I ask at the start? {#first-ask}")
    urls = run_module("therapy_site.urls", project_copy)
    assert urls.returncode == 0, urls.stderr
    assert "added /what-a-good-relationship-feels-like/#first-ask" in urls.stdout
    assert "what-should-i-ask" not in registry.read_text(encoding="utf-8")
    check = run_module("therapy_site.check", project_copy, "--today", "2026-11-25")
    assert check.returncode == 0, check.stdout + check.stderr


def test_an_address_never_committed_is_dropped_when_it_goes(
    project_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_editor_files(project_copy)
    registry = project_copy / "published-urls.txt"
    committed = tmp_path / "committed.txt"
    committed.write_text(registry.read_text(encoding="utf-8"), encoding="utf-8")
    registry.write_text(registry.read_text(encoding="utf-8") + "/about/#made-up\n", encoding="utf-8")
    monkeypatch.setenv("UPDATE_PUBLISHED_URLS", "1")
    monkeypatch.setenv("COMMITTED_PUBLISHED_URLS", str(committed))
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.stderr
    assert "/about/#made-up" not in registry.read_text(encoding="utf-8")
    assert registry.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")


def test_the_untouched_page_template_names_each_placeholder(project_copy: Path) -> None:
    add_editor_files(project_copy)
    made = run_module("therapy_site.newpage", project_copy, "my-topic", "My topic")
    assert made.returncode == 0, made.stderr
    edit(
        project_copy / "mkdocs.yml", "  - Glossary: glossary.md", "  - Glossary: glossary.md\n  - My topic: my-topic.md"
    )
    result = run_build(project_copy, project_copy / "site")
    placeholders = re.findall(r"docs/my-topic\.md:(\d+): the page template's placeholder", result.stderr)
    assert [int(line) for line in placeholders] == [3, 10, 12, 14, 16, 18, 28, 30]
    assert "Traceback" not in result.stderr
