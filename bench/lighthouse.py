"""Lighthouse (the pinned npm package in bench/node_modules), mobile, against the local server.

Each run is a fresh `lighthouse` process with its own Chromium (CHROME_PATH=/usr/bin/chromium),
Lighthouse's default mobile settings (Moto G Power screen, simulated slow 4G, 4x CPU slowdown),
and the flags Lighthouse starts Chromium with but one (see chrome_flags).
The full JSON report of every run is kept in bench/runs/ (git-ignored); results.json keeps the
scores, the metrics and, for any category below 1, the audits that cost it points.
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
# Ours, on top of Lighthouse's own (chrome_flags), which already turn off background networking,
# component updates and sync.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # our name: (Lighthouse audit id, unit)
    "FCP": ("first-contentful-paint", "ms"),
    "LCP": ("largest-contentful-paint", "ms"),
    "TBT": ("total-blocking-time", "ms"),
    "CLS": ("cumulative-layout-shift", ""),
}
TIMEOUT_S = 180
# Lighthouse (through chrome-launcher) starts Chromium with this feature off "until remaining bugs
# are fixed". With it off, Chromium 156 here held its first frame until about 1.2 s (or 2.2 s)
# after navigating in a quarter to three quarters of the loads, on plain Material as on ours, and
# such a load scores 0.5-0.7 s worse on paint. With it on, as in the browsers clients use, none
# of 20 loads did, nor any of the 70 of two full bench runs (2026-12-03).
KEPT_FEATURE = "RenderDocument"


def version() -> str:
    package = BENCH / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.is_file() else "not installed"


def failing_audits(report: dict, category: str) -> list[dict]:
    """The audits of a category that scored below 1 (what to fix to reach 1.0)."""
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        if ref.get("weight", 0) and score is not None and score < 1:
            items = (audit.get("details") or {}).get("items") or []
            snippets = [
                (item.get("node") or {}).get("snippet") or item.get("url") or item.get("source", {}).get("url")
                for item in items[:5]
                if isinstance(item, dict)
            ]
            found.append(
                {
                    "id": ref["id"],
                    "title": audit.get("title"),
                    "score": score,
                    "weight": ref.get("weight"),
                    "display": audit.get("displayValue"),
                    "examples": [s for s in snippets if s],
                }
            )
    return found


def render_blocking(report: dict, url: str) -> list[str]:
    origin = "/".join(url.split("/", 3)[:3])
    items = []
    for audit_id in ("render-blocking-resources", "render-blocking-insight"):
        items += ((report["audits"].get(audit_id) or {}).get("details") or {}).get("items") or []
    found = {item["url"].removeprefix(origin) for item in items if isinstance(item, dict) and item.get("url")}
    return sorted(found)


def observed(report: dict) -> dict[str, float]:
    """The first paint and the load event as Chromium saw them (ms, no slowdown applied)."""
    items = (report["audits"].get("metrics") or {}).get("details", {}).get("items") or [{}]
    found = {"FCP": items[0].get("observedFirstContentfulPaint"), "load": items[0].get("observedLoad")}
    return {name: float(value) for name, value in found.items() if value is not None}


def late_first_paint(run: dict) -> bool:
    """Chromium drew its first frame only after the load event: Lighthouse then simulates the
    whole load before the first paint (the note under the results table says what that costs)."""
    seen = run.get("observed") or {}
    return "FCP" in seen and "load" in seen and seen["FCP"] > seen["load"]


def default_flags() -> list[str]:
    """The flags chrome-launcher gives Chromium when Lighthouse starts it (its own list, read from
    the pinned package)."""
    script = "import {Launcher} from 'chrome-launcher'; console.log(JSON.stringify(Launcher.defaultFlags()))"
    found = subprocess.run(["node", "--input-type=module", "-e", script], cwd=BENCH, capture_output=True, text=True)
    if found.returncode != 0:
        raise RuntimeError(f"cannot read chrome-launcher's default flags: {found.stderr[-1000:]}")
    return list(json.loads(found.stdout))


def without_feature(flag: str, feature: str) -> str:
    """`--disable-features=A,B` without B (the flag left out when nothing else is in it)."""
    name, _, value = flag.partition("=")
    if name != "--disable-features":
        return flag
    kept = [item for item in value.split(",") if item != feature]
    return f"{name}={','.join(kept)}" if kept else ""


@functools.cache
def chrome_flags() -> str:
    """Lighthouse's own flags for Chromium, less the one that keeps KEPT_FEATURE off, and ours."""
    flags = [without_feature(flag, KEPT_FEATURE) for flag in default_flags()]
    return " ".join(flag for flag in [*flags, *CHROME_FLAGS.split()] if flag)


def run_once(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    command = [
        str(LIGHTHOUSE),
        url,
        "--form-factor=mobile",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--chrome-ignore-default-flags",  # chrome_flags() has them, all but one
        f"--chrome-flags={chrome_flags()}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=TIMEOUT_S)
    seconds = time.perf_counter() - started
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url} ({result.returncode}): {result.stderr[-2000:]}")
    report = json.loads(out.read_text())
    run = {
        "seconds": round(seconds, 1),
        "scores": {c: report["categories"][c]["score"] for c in CATEGORIES},
        "metrics": {name: report["audits"][audit]["numericValue"] for name, (audit, _) in METRICS.items()},
        # Lighthouse's CPU benchmark of this machine at the time (its mobile defaults assume
        # about 1000-2000); lower means a busier or slower CPU and a worse TBT.
        "benchmark_index": (report.get("environment") or {}).get("benchmarkIndex"),
        # Chromium's own first paint and load event in this run, before Lighthouse's simulation:
        # see late_first_paint().
        "observed": observed(report),
        "runtime_error": (report.get("runtimeError") or {}).get("message"),
        "warnings": report.get("runWarnings", []),
        "failing": {c: failing_audits(report, c) for c in CATEGORIES if report["categories"][c]["score"] < 1},
        "report": out.name,
        # What held up the first paint, as Lighthouse saw it (the page's own path for each URL).
        "render_blocking": render_blocking(report, url),
        "network_requests_off_host": sorted(
            {
                item["url"]
                for item in report["audits"].get("network-requests", {}).get("details", {}).get("items", [])
                if not item["url"].startswith(url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
                and not item["url"].startswith("data:")
            }
        ),
    }
    return run


def measure(targets: dict[str, tuple[str, str]], runs: int, out_dir: Path) -> dict:
    """`targets` maps a label to (server URL, page path). Runs are interleaved: each round runs every
    target once, in the given order, and every other round in reverse, so that two targets listed
    side by side (our page and the same page as plain Material) are measured under the same load
    of this shared machine, and neither always goes first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results = {label: {"url": path, "runs": []} for label, (_base, path) in targets.items()}
    order = list(targets)
    for index in range(runs):
        for label in order if index % 2 == 0 else reversed(order):
            base_url, path = targets[label]
            name = f"lighthouse-{label.replace(' ', '-').replace(':', '')}-{index + 1}.json"
            results[label]["runs"].append(run_once(base_url + path, out_dir / name))
    for entry in results.values():
        entry["median"] = {
            "scores": {c: statistics.median(r["scores"][c] for r in entry["runs"]) for c in CATEGORIES},
            "metrics": {m: statistics.median(r["metrics"][m] for r in entry["runs"]) for m in METRICS},
        }
    return results
