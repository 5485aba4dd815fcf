"""Synthetic corpora for the build-scaling benchmark.

A corpus is a throw-away MkDocs project: copies of the real mkdocs.yml (its `nav:` removed, so
MkDocs builds the navigation from the folders), overrides/ and hooks/, and `docs/` filled with
generated pages at the real site's density. Every page has the required front matter, `##` and
`###` headings with explicit `{#id}`s, admonitions (plain and collapsible), links to other pages'
anchors, and a five-question quiz in the CONTRIBUTING.md format; every tenth page adds a check-in.
All `review:` links point at headings that exist. The text is short plain sentences (grade ~4),
so any readability check passes.

Two configs are written side by side: `mkdocs-on.yml` (the real hooks) and `mkdocs-off.yml`
(the same without hooks/quizzes.py, so quiz blocks stay plain code blocks). Every other hook runs
in both. What they need from a corpus:
- the quiz engine sends check-ins' warning signs to `when-it-is-not-healthy.md`, so page 1 has
  that name and a `{#warning-signs}` heading, and some check-in statements point there;
- hooks/link_registry.py checks `published-urls.txt` only when the project has one; a corpus has
  none (its addresses are not published), so that check is skipped, while the hook's own work
  on every page (collecting ids, quiz anchors) still runs;
- hooks/clinician_hub.py needs nothing (no hub marker, so no hub page); every page still gets its
  print QR code from the theme (therapy_site/theme.py).
"""

from __future__ import annotations

import posixpath
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUIZ_HOOK = "hooks/quizzes.py"
WARNING_PAGE = "when-it-is-not-healthy.md"  # the quiz engine points check-ins' warning signs here
PAGES_PER_SECTION = 20
SECTIONS_PER_PAGE = 8  # `##` sections before the quiz, like the real topic pages
FRONT_MATTER_DATES = ("2026-11-25", "2027-11-25")

SUBJECTS = (
    "Your therapist",
    "A good therapist",
    "You",
    "Many people",
    "Your team",
    "A client",
    "The two of you",
    "Most clients",
    "A calm session",
    "Trust",
)
VERBS = (
    "can talk about",
    "may notice",
    "will check",
    "often share",
    "can ask about",
    "should feel",
    "may find",
    "can bring up",
    "will agree on",
    "can come back to",
)
OBJECTS = (
    "how a session went",
    "what helps you most",
    "your goals for the week",
    "a hard feeling",
    "what you need now",
    "the limits of the room",
    "a small change",
    "the next step",
    "what felt wrong",
    "a plan you both like",
)
ENDINGS = (
    "at your own pace",
    "in plain words",
    "when you feel ready",
    "with care",
    "in the next session",
    "without any rush",
    "as a team",
    "more than once",
)
NAMES = ("Sam", "Leo", "Ana", "Kim", "Raj", "Mia", "Tom", "Zoe", "Ben", "Ivy")
QUESTIONS = (
    "Can I trust my therapist",
    "What if I feel stuck",
    "Who sets the goals",
    "What if I disagree",
    "How do I raise a worry",
    "Will it feel hard at times",
    "What does a good session feel like",
    "What stays private",
    "What limits keep me safe",
    "How do we work as a team",
    "What if I want a break",
    "How will I know it helps",
)


@dataclass(frozen=True)
class Corpus:
    root: Path
    pages: int
    on: Path  # mkdocs.yml with the real hooks, English only
    off: Path  # mkdocs.yml without the quiz hook, English only
    quiz_hook_listed: bool  # whether the real mkdocs.yml lists hooks/quizzes.py at all
    both: Path  # mkdocs.yml with the real hooks, the English pages and their Spanish twins


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}."


def distinct(rng: random.Random, count: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        if (text := sentence(rng)) not in found:
            found.append(text)
    return found


def paragraph(rng: random.Random, count: int = 3) -> str:
    return " ".join(sentence(rng) for _ in range(count))


def page_path(number: int) -> str:
    """Docs-relative path of synthetic page `number` (0 is the home page)."""
    if number == 0:
        return "index.md"
    if number == 1:
        return WARNING_PAGE
    section = (number - 1) // PAGES_PER_SECTION + 1
    return f"topic-{section:02d}/page-{number:04d}.md"


def relative_link(source: str, target: str) -> str:
    """A Markdown link from one docs-relative page to another, as an editor writes it."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def section_ids(number: int) -> list[str]:
    return [f"s{index}" for index in range(1, SECTIONS_PER_PAGE + 1)]


def neighbour(number: int, total: int) -> int:
    """Another page to link to: the next one, wrapping round."""
    return (number % (total - 1)) + 1 if total > 1 else 0


def quiz_block(number: int, total: int, rng: random.Random, src: str) -> str:
    ids = section_ids(number)
    other = page_path(neighbour(number, total))
    other_link = relative_link(src, other)

    def review(local: bool = True) -> str:
        anchor = rng.choice(ids)
        return f'"#{anchor}"' if local else f"{other_link}#{anchor}"

    def option(text: str, correct: bool = False, feedback: bool = True) -> str:
        lines = [f"      - text: {text}"]
        if correct:
            lines.append("        correct: true")
        if feedback:
            lines.append(f"        feedback: {'Yes' if correct else 'Not quite'}. {sentence(rng)}")
        return "\n".join(lines)

    name = rng.choice(NAMES)
    q1, q2, q4 = distinct(rng, 3), distinct(rng, 4), distinct(rng, 3)  # options must differ
    return "\n".join(
        [
            "```quiz",
            f"id: page-{number:04d}",
            "title: Check your understanding",
            "questions:",
            "  - id: meaning",
            "    type: single",
            f"    prompt: What does this page say about {rng.choice(OBJECTS)}?",
            "    options:",
            option(q1[0], correct=True),
            option(q1[1]),
            option(q1[2]),
            f"    explanation: {paragraph(rng, 2)}",
            f"    review: {review()}",
            "",
            "  - id: signs",
            "    type: multiple",
            "    prompt: Which of these are good signs? Choose all that apply.",
            "    options:",
            option(q2[0], correct=True, feedback=False),
            option(q2[1], correct=True, feedback=False),
            option(q2[2]),
            option(q2[3]),
            f"    explanation: {paragraph(rng, 2)}",
            f"    review: {review()}",
            "",
            "  - id: private",
            "    type: true-false",
            f"    prompt: {sentence(rng)}",
            f"    answer: {rng.choice(['true', 'false'])}",
            "    explanation: >",
            f"      {paragraph(rng, 2)}",
            f"      {sentence(rng)}",
            f"    review: {review(local=False)}",
            "",
            "  - id: story",
            "    type: scenario",
            "    scenario: >",
            f"      {name} has seen a therapist for a few weeks. {sentence(rng)}",
            f"      {sentence(rng)}",
            f"    prompt: What would be a good next step for {name}?",
            "    options:",
            option(q4[0], correct=True),
            option(q4[1]),
            option(q4[2]),
            f"    explanation: {paragraph(rng, 2)}",
            f"    review: {review()}",
            "",
            "  - id: who",
            "    type: single",
            "    prompt: Whose job is it to keep clear limits in therapy?",
            "    options:",
            option("The therapist's.", correct=True, feedback=False),
            option("The client's."),
            f"    explanation: {sentence(rng)}",
            f"    review: {review(local=False)}",
            "```",
        ]
    )


def checkin_block(number: int, total: int, rng: random.Random, src: str) -> str:
    other_link = relative_link(src, page_path(neighbour(number, total)))
    lines = [
        "```checkin",
        f"id: page-{number:04d}-checkin",
        "title: How is it going for you?",
        "scale: [Rarely, Sometimes, Often]",
        "quick_exit: true",
        "statements:",
    ]
    texts = distinct(rng, 8)
    for index in range(1, 9):
        concern = "[Rarely]" if index % 3 else "[Sometimes, Often]"
        anchor = f"s{rng.randint(1, SECTIONS_PER_PAGE)}"
        target = f"{other_link}#{anchor}" if index % 2 else f'"#{anchor}"'
        if index % 3 == 0:  # a warning sign, as on the real check-in
            target = f"{relative_link(src, WARNING_PAGE)}#warning-signs"
        lines += [
            f"  - id: feeling-{index}",
            f"    text: {texts[index - 1]}",
            f"    concern: {concern}",
            f"    review: {target}",
        ]
    return "\n".join(lines + ["```"])


def page_markdown(number: int, total: int) -> str:
    rng = random.Random(number)
    src = page_path(number)
    other = relative_link(src, page_path(neighbour(number, total)))
    title = "Your synthetic home page" if number == 0 else f"Synthetic topic {number}"
    parts = [
        "---",
        f"title: {title}",
        f"description: A generated page for the build benchmark, number {number}, in plain words.",
        f"reviewed: {FRONT_MATTER_DATES[0]}",
        f"review_due: {FRONT_MATTER_DATES[1]}",
        "---",
        "",
        f"# {title}",
        "",
        paragraph(rng),
        "",
    ]
    if number == 1:
        parts += ["## What are the warning signs? {#warning-signs}", "", paragraph(rng), ""]
    for index, anchor in enumerate(section_ids(number), start=1):
        question = QUESTIONS[(number + index) % len(QUESTIONS)]
        parts += [f"## {question}? {{#{anchor}}}", "", paragraph(rng), "", paragraph(rng, 2), ""]
        if index % 2 == 0:
            parts += [f"### What can I do next? {{#{anchor}-next}}", "", paragraph(rng, 2), ""]
            parts += [f"- {sentence(rng)}" for _ in range(3)] + [""]
        if index == 3:
            parts += ['!!! tip "Something you can try"', f"    {paragraph(rng, 2)}", ""]
        if index == 5:
            parts += ['??? note "A word on privacy"', f"    {paragraph(rng, 2)}", ""]
        if index == 6:
            parts += [f"To read more, see [the next topic]({other}#s{index}). {sentence(rng)}", ""]
    parts += ["## Check your understanding {#check}", "", quiz_block(number, total, rng, src), ""]
    if number % 10 == 0:
        parts += ["## How is it going? {#check-in}", "", checkin_block(number, total, rng, src), ""]
    return "\n".join(parts)


def strip_nav(config_text: str) -> str:
    """Remove the top-level `nav:` block (MkDocs then builds the navigation from the folders)."""
    out: list[str] = []
    skipping = False
    for line in config_text.splitlines(keepends=True):
        top_level = bool(line.strip()) and not line[0].isspace() and not line.startswith("#")
        if top_level:
            skipping = line.startswith("nav:")
        if not skipping:
            out.append(line)
    return "".join(out)


def without_quiz_hook(config_text: str) -> str:
    return "".join(
        line
        for line in config_text.splitlines(keepends=True)
        if not re.match(rf"^\s*-\s*['\"]?{re.escape(QUIZ_HOOK)}['\"]?\s*$", line)
    )


def quiz_hook_listed(config_text: str) -> bool:
    return without_quiz_hook(config_text) != config_text


def english_only(config_text: str) -> str:
    """The i18n plugin builds the default language only (the other languages' files are ignored)."""
    return re.sub(r"(?m)^(\s*)- locale: (?!en\b)(\w+)\n", r"\1- locale: \2\n\1  build: false\n", config_text)


def write_corpus(destination: Path, pages: int) -> Corpus:
    """Write a complete synthetic project of `pages` pages into `destination`."""
    if destination.exists():
        shutil.rmtree(destination)
    docs = destination / "docs"
    docs.mkdir(parents=True)
    for part in ("overrides", "hooks", "translations"):
        shutil.copytree(ROOT / part, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
    for number in range(pages):
        path = docs / page_path(number)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = page_markdown(number, pages)
        path.write_text(text, encoding="utf-8")
        # Its Spanish twin: the same size and structure (ids, quizzes, links), for the build's time.
        path.with_suffix(".es.md").write_text(text, encoding="utf-8")
    config = strip_nav((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    on, off, both = (destination / f"mkdocs-{mode}.yml" for mode in ("on", "off", "both"))
    on.write_text(english_only(config), encoding="utf-8")
    off.write_text(english_only(without_quiz_hook(config)), encoding="utf-8")
    both.write_text(config, encoding="utf-8")
    return Corpus(destination, pages, on, off, quiz_hook_listed(config), both)


if __name__ == "__main__":  # print one page, to eyeball the format
    import sys

    print(page_markdown(int(sys.argv[1]) if len(sys.argv) > 1 else 10, 50))
