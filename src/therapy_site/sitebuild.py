"""Run the real MkDocs build as a child process and read its log (nothing here imports MkDocs).

`make check` and `make urls` use it, so they see exactly what `make build` sees.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

LOG_LINE = re.compile(r"^(?P<level>ERROR|WARNING|INFO|DEBUG)\s+-\s+(?P<message>.*)$")


def command(config_file: Path, site_dir: Path) -> list[str]:
    # Not -q: that would silence the warnings (broken links, anchors) the checks must see.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)]


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **extra}


def start(config_file: Path, site_dir: Path, **extra_env: str) -> subprocess.Popen[str]:
    """Start a strict build into `site_dir`; the caller may do other work meanwhile."""
    return subprocess.Popen(
        command(config_file, site_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(**extra_env),
        cwd=site_dir.parent,
    )


def run(config_file: Path, site_dir: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(config_file, site_dir),
        capture_output=True,
        text=True,
        env=environment(**extra_env),
        cwd=site_dir.parent,
    )


def messages(output: str) -> list[tuple[str, str]]:
    """(level, message) for each log record; indented lines continue the record above."""
    found: list[tuple[str, str]] = []
    for line in output.splitlines():
        match = LOG_LINE.match(line)
        if match:
            found.append((match["level"], match["message"].strip()))
        elif found and line.strip() and line[:1].isspace():
            level, message = found[-1]
            found[-1] = (level, f"{message} {line.strip()}")
        elif line.strip():
            found.append(("OTHER", line.strip()))
    return found
