"""Where a build's time goes, per hook and plugin event, at almost no measuring cost.

    .venv/bin/python bench/hooktimes.py path/to/mkdocs.yml path/to/site

Runs `mkdocs build --strict` in this process like the CLI does, with every registered event
handler (our hooks, Material's and the search plugin's) wrapped in a timer. cProfile slows a
build three to four times and blurs what is slow; this adds one perf_counter pair per call.
`bench/run.py hooks --pages 800` runs it on a synthetic corpus with the quiz hook on and off.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable


def origin(method: Callable, fallback: str) -> str:
    source = getattr(getattr(method, "__code__", None), "co_filename", "") or ""
    if "/hooks/" in source:
        return "hooks/" + os.path.basename(source)
    return fallback


def main(config_file: str, site_dir: str) -> dict:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    started = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir, strict=True)
    loaded = time.perf_counter() - started
    seconds: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            name = f"{origin(method, plugins._event_origins.get(method, '?'))} {event}"

            def timed(*args, _method=method, _name=name, **kwargs):
                begun = time.perf_counter()
                try:
                    return _method(*args, **kwargs)
                finally:
                    seconds[_name] += time.perf_counter() - begun
                    calls[_name] += 1

            plugins._event_origins[timed] = plugins._event_origins.get(method, "?")
            methods[index] = timed
    pages: dict[str, dict[str, float]] = {"markdown": defaultdict(float), "template": defaultdict(float)}
    wrap_pages(build, pages)
    plugins.on_startup(command="build", dirty=False)
    try:
        build.build(config, dirty=False)
    finally:
        plugins.on_shutdown()
    total = time.perf_counter() - started
    handlers = sorted(seconds.items(), key=lambda item: -item[1])
    return {
        "total_s": round(total, 2),
        "config_s": round(loaded, 2),
        "handlers": {name: {"s": round(value, 3), "calls": calls[name]} for name, value in handlers if value >= 0.005},
        "rest_s": round(total - loaded - sum(seconds.values()), 2),  # MkDocs, Markdown, Material's templates
        # Markdown to HTML (Page.render), and the whole theme step (_build_page: page_context and
        # post_page events, the Jinja templates, writing the file), summed and the slowest pages.
        "pages": {
            step: {
                "total_s": round(sum(times.values()), 2),
                "slowest": {src: round(t, 2) for src, t in sorted(times.items(), key=lambda i: -i[1])[:4]},
            }
            for step, times in pages.items()
        },
    }


def timed_by_page(function, totals: dict[str, float]):
    """`function` (whose first argument is a page) with its seconds added to `totals[src]`."""

    def timed(page, *args, **kwargs):
        begun = time.perf_counter()
        try:
            return function(page, *args, **kwargs)
        finally:
            totals[page.file.src_uri] += time.perf_counter() - begun

    return timed


def wrap_pages(build, pages: dict[str, dict[str, float]]) -> None:
    from mkdocs.structure.pages import Page

    Page.render = timed_by_page(Page.render, pages["markdown"])
    build._build_page = timed_by_page(build._build_page, pages["template"])


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2]), indent=1))
