"""Shared fixtures: a real strict build of the site, and a throw-away copy of the project."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "translations")


class LogLines(logging.Handler):
    """MkDocs's log as its command line prints it: 'ERROR   -  docs/a.md:3: ...'."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<7} -  {record.getMessage()}")


def run_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in this process, read back as the command line would print it.

    In-process saves a Python start-up and an import of MkDocs per build; `subprocess_build`
    is the real command, kept for the few tests that must see exactly what an editor sees.
    """
    if extra:
        return subprocess_build(project, site_dir, *extra)
    logger, handler = logging.getLogger("mkdocs"), LogLines()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    status = 0
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        build(config)
    except Abort as error:
        handler.lines.append(str(error))
        status = 1
    except Exception:  # noqa: BLE001 - a traceback is what the tests look for
        handler.lines.append(traceback.format_exc())
        status = 1
    finally:
        logger.removeHandler(handler)
    return subprocess.CompletedProcess(["mkdocs", "build"], status, "", "\n".join(handler.lines) + "\n")


def subprocess_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` as an editor would, from outside the project folder.

    No `-q`: it hides warnings (broken links and anchors) from --strict's count.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
            *extra,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=site_dir.parent,
    )


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    return destination


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("build") / "site"
    result = subprocess_build(ROOT, site)  # the real command, once: what `make build` does
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project that a test may break on purpose."""
    return copy_project(tmp_path / "project")
