"""`make urls`: add every newly published address to published-urls.txt.

It runs the strict build with UPDATE_PUBLISHED_URLS=1 (hooks/link_registry.py then adds the new
addresses; it never removes one), and lists what was added. Nobody needs to edit the file by hand.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from therapy_site import registry, sitebuild


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make urls", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    args = parser.parse_args(argv)
    config = Path(args.config_file).resolve()
    if not config.is_file():
        print(f"{args.config_file}: not found; run this from the project folder", file=sys.stderr)
        return 2
    path = config.parent / registry.FILE_NAME
    before = {entry.url for entry in registry.parse(read(path))[0]}
    with tempfile.TemporaryDirectory(prefix="urls-") as temp:
        result = sitebuild.run(config, Path(temp) / "site", **{registry.UPDATE_ENV: "1"})
    after, _ = registry.parse(read(path))
    added = [entry.url for entry in after if entry.url not in before]
    for url in added:
        print(f"{registry.FILE_NAME}: added {url}")
    print(f"{registry.FILE_NAME}: {len(added)} new address{'' if len(added) == 1 else 'es'}, "
          f"{len(after)} in all" + ("; commit the file with your change" if added else ""))
    problems = [message for level, message in sitebuild.messages(result.stderr)
                if level != "INFO" and not message.startswith("Aborted with")]
    for message in problems:
        print(message, file=sys.stderr)
    if result.returncode != 0:
        print("The build found the problems above; `make check` explains each one.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
