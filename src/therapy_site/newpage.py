"""`make new-page NAME=my-topic TITLE="My topic"`: start a page from page-template.md.

The new page has the front matter, headings with ids and a small quiz, so it builds at once;
the editor then writes it, adds it to the navigation, and runs `make urls` and `make check`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from therapy_site.check import docs_dir

TEMPLATE = "page-template.md"
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


def a_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def fill(template: str, name: str, title: str, today: dt.date) -> str:
    values = {
        "title": title,
        "name": name.replace("/", "-"),
        "today": today.isoformat(),
        "next_year": a_year_later(today).isoformat(),
    }
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda match: values.get(match[1], match[0]), template)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new-page", description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the page's file name without .md, e.g. my-topic")
    parser.add_argument("title", help="the page's title, e.g. 'My topic'")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    name = args.name.strip().removesuffix(".md")
    title = " ".join(args.title.split())
    if not name or not title:
        print('make new-page needs a name and a title: make new-page NAME=my-topic TITLE="My topic"', file=sys.stderr)
        return 2
    if not NAME.match(name):
        print(f"NAME '{name}' should use lower-case letters, digits and hyphens, e.g. NAME=my-topic", file=sys.stderr)
        return 2
    config = Path(args.config_file).resolve()
    if not config.is_file():
        print(f"{args.config_file}: not found; run make new-page from the project folder", file=sys.stderr)
        return 2
    docs = docs_dir(config)
    page = docs / f"{name}.md"
    shown = page.relative_to(config.parent).as_posix()
    if page.exists():
        print(f"{shown} already exists; choose another NAME", file=sys.stderr)
        return 1
    try:
        template = (config.parent / TEMPLATE).read_text(encoding="utf-8")
    except OSError:
        print(f"{TEMPLATE}: not found next to {config.name}; restore it from GitHub", file=sys.stderr)
        return 1
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(fill(template, name, title, args.today or dt.date.today()), encoding="utf-8")
    print(f"Created {shown}. Next:")
    print(f"  1. Add it to the navigation in {config.name}, under nav:, e.g.   - {title}: {name}.md")
    print("  2. Write the page; `make serve` shows it at http://127.0.0.1:8000 as you save.")
    print("  3. Run `make urls` to register its addresses, then `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
