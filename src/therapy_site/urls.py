"""`make urls`: add every newly published address to published-urls.txt.

It runs the strict build with UPDATE_PUBLISHED_URLS=1: hooks/link_registry.py then adds the new
addresses, and writes nothing while a page has a mistake (a heading without an id, say), so no
address is ever invented. Addresses in the last commit's file are promises and stay forever; one
added since and no longer made by any page is dropped. Nobody needs to edit the file by hand.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from therapy_site import registry, sitebuild


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def committed(project: Path, temp: Path) -> dict[str, str]:
    """The environment that names the last commit's registry file (none outside a git checkout)."""
    shown = subprocess.run(
        ["git", "-C", str(project), "show", f"HEAD:./{registry.FILE_NAME}"], capture_output=True, text=True
    )
    if shown.returncode != 0:
        return {}  # not a checkout: every address already in the file counts as a promise
    path = temp / "committed-urls.txt"
    path.write_text(shown.stdout, encoding="utf-8")
    return {registry.COMMITTED_ENV: str(path)}


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
        env = {registry.UPDATE_ENV: "1", **committed(config.parent, Path(temp))}
        result = sitebuild.run(config, Path(temp) / "site", **env)
    after, _ = registry.parse(read(path))
    added = [entry.url for entry in after if entry.url not in before]
    dropped = sorted(before - {entry.url for entry in after})
    for url in added:
        print(f"{registry.FILE_NAME}: added {url}")
    for url in dropped:
        print(f"{registry.FILE_NAME}: dropped {url} (never committed, and no page makes it now)")
    print(
        f"{registry.FILE_NAME}: {len(added)} new address{'' if len(added) == 1 else 'es'}, "
        f"{len(after)} in all" + ("; commit the file with your change" if added else "")
    )
    problems = [
        message
        for level, message in sitebuild.messages(result.stderr)
        if level != "INFO" and not message.startswith("Aborted with")
    ]
    for message in problems:
        print(message, file=sys.stderr)
    if result.returncode != 0:
        print("The build found the problems above; `make check` explains each one.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
