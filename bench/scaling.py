"""Build scaling: strict builds of synthetic corpora, quiz hooks on and off, each a fresh process.

Wall time is time.perf_counter around the child; CPU time (user + system) comes from os.wait4:
on a shared machine it is steadier than wall time, and it shows whether a slow run was slow or
only waited. Peak memory is the build's maximum resident set as GNU time (/usr/bin/time) reports
it. Not os.wait4's ru_maxrss, nor RUSAGE_CHILDREN: Linux starts a child's maxrss at the size of
the process that forked it, so after the page-weight part (Playwright) every small build would
read as this process's ~60 MB; /usr/bin/time is a 2 MB process, so what it reports is the build's.
Without /usr/bin/time, wait4's figure is used and marked as an upper bound.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import Corpus, write_corpus

MODES = ("on", "off")  # quiz hooks on and off, English only
BOTH = "both"  # English and Spanish, hooks on: measured at the largest size
GNU_TIME = Path("/usr/bin/time")


def timed_build(config: Path, site_dir: Path) -> dict:
    """One `mkdocs build --strict` in a fresh Python process; raises if the build fails."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("UPDATE_PUBLISHED_URLS", None)  # never let a benchmark build rewrite published-urls.txt
    # No -q: with -q MkDocs never emits its warnings, so --strict has nothing to count and a
    # build with broken links "passes". The output goes to a file and is shown only on failure.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    with tempfile.TemporaryFile() as output, tempfile.NamedTemporaryFile("r") as peak_file:
        if GNU_TIME.exists():
            command = [str(GNU_TIME), "-f", "%M", "-o", peak_file.name, *command]
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env, cwd=config.parent)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
        reported = peak_file.read().strip().splitlines()
    if child.returncode != 0:
        raise RuntimeError(f"build of {config} failed ({child.returncode}):\n{text[-4000:]}")
    peak_kib = int(reported[-1]) if reported and reported[-1].isdigit() else usage.ru_maxrss  # both KiB
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),  # includes the build, GNU time's is ~0
        "peak_rss_mb": round(peak_kib * 1024 / 1e6, 1),
        "peak_from": "/usr/bin/time" if reported else "wait4 (upper bound)",
        "pages_written": sum(1 for _ in site_dir.rglob("index.html")),
    }


def measure(sizes: list[int], runs: int, workdir: Path, log=print) -> dict:
    """Every size in both modes, `runs` times, interleaved (on/off, then off/on), after a warm-up
    build; the largest size also with both languages, interleaved with the others."""
    corpora: dict[int, Corpus] = {}
    for size in sizes:
        started = time.perf_counter()
        corpora[size] = write_corpus(workdir / f"corpus-{size}", size)
        log(f"  corpus of {size} pages written in {time.perf_counter() - started:.1f} s")
    largest = max(corpora)

    def modes(size: int) -> tuple[str, ...]:
        return (*MODES, BOTH) if size == largest else MODES

    results: dict[str, dict] = {str(size): {mode: {"runs": []} for mode in modes(size)} for size in sizes}
    smallest = corpora[min(corpora)]
    for mode in (*MODES, BOTH):  # warm the disk cache and the imports, and catch a failing build early
        timed_build(getattr(smallest, mode), smallest.root / f"site-{mode}")
    for index in range(runs):
        for size, corpus in corpora.items():
            order = modes(size) if index % 2 == 0 else tuple(reversed(modes(size)))
            for mode in order:
                run = timed_build(getattr(corpus, mode), corpus.root / f"site-{mode}")
                results[str(size)][mode]["runs"].append(run)
                log(
                    f"  {size:>4} pages, {'both languages' if mode == BOTH else 'quiz hooks ' + mode:<14} run {index + 1}: "
                    f"{run['wall_s']:6.2f} s wall, {run['cpu_s']:6.2f} s CPU, {run['peak_rss_mb']:6.1f} MB"
                )
    for size in results.values():
        for mode in [mode for mode in (*MODES, BOTH) if mode in size]:
            runs_ = size[mode]["runs"]
            size[mode]["median"] = {
                key: statistics.median(r[key] for r in runs_) for key in ("wall_s", "cpu_s", "peak_rss_mb")
            }
        size["on_off_ratio_wall"] = round(size["on"]["median"]["wall_s"] / size["off"]["median"]["wall_s"], 3)
        size["on_off_ratio_cpu"] = round(size["on"]["median"]["cpu_s"] / size["off"]["median"]["cpu_s"], 3)
        if BOTH in size:
            size["both_on_ratio_wall"] = round(size[BOTH]["median"]["wall_s"] / size["on"]["median"]["wall_s"], 3)
            size["both_on_ratio_cpu"] = round(size[BOTH]["median"]["cpu_s"] / size["on"]["median"]["cpu_s"], 3)
    quiz_hook = next(iter(corpora.values())).quiz_hook_listed if corpora else False
    return {"sizes": results, "quiz_hook_listed": quiz_hook}
