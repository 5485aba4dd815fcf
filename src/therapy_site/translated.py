"""`make translated PAGE=docs/about.es.md`: record that a translated page now says what its
English page says (therapy_site.translation explains the `english_version` this writes)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from therapy_site import languages, translation
from therapy_site.check import docs_dir, settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make translated", description=__doc__.splitlines()[0])
    parser.add_argument("page", help="the translated page, e.g. docs/about.es.md")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    config = Path(args.config_file).resolve()
    if not config.is_file():
        print(f"{args.config_file}: not found; run make translated from the project folder", file=sys.stderr)
        return 2
    docs, site = docs_dir(config), languages.from_config_data(settings(config))
    name = args.page.strip().removeprefix("docs/").removeprefix(f"{docs.name}/")
    neutral, language = site.of_src(name)
    page, english = docs / name, docs / neutral
    shown = f"{docs.relative_to(config.parent).as_posix()}/{name}"
    if not name or language.default:
        example = site.all[-1].src("about.md")
        print(f"make translated needs a translated page: make translated PAGE=docs/{example}", file=sys.stderr)
        return 2
    if not page.is_file() or not english.is_file():
        missing = shown if not page.is_file() else f"{docs.relative_to(config.parent).as_posix()}/{neutral}"
        print(f"{missing}: not found; check the name", file=sys.stderr)
        return 1
    value = translation.version(english.read_bytes())
    page.write_text(translation.record(page.read_text(encoding="utf-8"), value), encoding="utf-8")
    print(f"{shown}: follows {neutral} as it is now ({translation.KEY}: {value}); commit both files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
