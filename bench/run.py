"""`make bench`: build scaling, page weight and Lighthouse, checked against the budgets.

    .venv/bin/python bench/run.py                 # everything; writes bench/results.json and the
                                                  # table in bench/README.md, prints the table
    .venv/bin/python bench/run.py --only lighthouse   # re-run one part, keep the others' results
    .venv/bin/python bench/run.py --quick         # a smoke run (small corpora, 1 run); writes
                                                  # bench/runs/results-quick.json only
    .venv/bin/python bench/run.py profile --pages 800 --mode on   # cProfile one build
    .venv/bin/python bench/run.py hooks --pages 800   # time per hook, quiz hook on and off
    .venv/bin/python bench/run.py report              # re-print the table from bench/results.json

Every figure is the median of --runs runs (at least 3). Budgets print as met or missed; the exit
status is 0 unless the benchmark itself failed (a build error, a crash, a missing tool).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import lighthouse  # noqa: E402
import machine  # noqa: E402
import plain  # noqa: E402
import scaling  # noqa: E402
import weight  # noqa: E402
from serve import GZIP_LEVEL, SiteServer, gzip_size  # noqa: E402

RESULTS = BENCH / "results.json"
README = BENCH / "README.md"
RUNS_DIR = BENCH / "runs"  # git-ignored: raw Lighthouse reports, profiles, quick runs
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
SECTIONS = ("scaling", "weight", "lighthouse")
# The keys of results.json each part writes (kept from the last run when the part is not re-run).
SECTION_KEYS = {"scaling": ("scaling",), "weight": ("weight",), "lighthouse": ("lighthouse", "lighthouse_plain")}
SIZES = (50, 200, 800)
QUIZ_PAGE = "heaviest quiz page"
LIGHTHOUSE_PAGES = {  # label: page path on the site (the quiz page's is found in the built site)
    "home": "",
    QUIZ_PAGE: None,
    "clinician hub": "for-clinicians/",
}
# Pages Lighthouse also runs on plain Material (bench/plain.py), interleaved with ours.
COMPARED_WITH_PLAIN = ("home", QUIZ_PAGE)
PLAIN = "plain Material: "  # label prefix of those runs
KB = 1000  # budgets and tables use 1 KB = 1,000 bytes and 1 MB = 1,000,000 bytes

# (key, what, limit, comparison, unit)
BUDGETS = (
    ("quiz_hook_overhead_800", "Quiz hooks' extra build time at 800 pages (wall, on/off - 1)", 0.10, "<=", "ratio"),
    ("scaling_800_over_200", "800-page build time / 200-page build time (hooks on, wall)", 4.5, "<=", "x"),
    ("peak_memory_800", "Peak memory of the 800-page build (hooks on)", 300, "<=", "MB"),
    (
        "languages_800",
        "Both languages' build / the English-only build, 800 pages a language (hooks on, wall)",
        2.3,
        "<=",
        "x",
    ),
    (
        "quiz_page_first_load",
        "Heaviest page with a quiz or check-in, first load, search index excluded",
        82 * KB,
        "<=",
        "bytes",
    ),
    (
        "quiz_page_added",
        "What the quiz and our overrides add to an English page with a quiz, over plain Material with the same text",
        6 * KB,
        "<=",
        "bytes",
    ),
    (
        "quiz_page_added_es",
        "What the quiz and our overrides add to a Spanish page with a quiz, over plain Material with the same text",
        6 * KB,
        "<=",
        "bytes",
    ),
    ("quiz_assets", "Quiz JS + CSS, gzip", 6 * KB, "<=", "bytes"),
    ("font_files", "Font files fetched, any page", 0, "<=", "files"),
    ("quiz_bytes_on_plain_pages", "Quiz bytes fetched by pages without a quiz or check-in", 0, "<=", "bytes"),
    ("lighthouse_performance", "Lighthouse mobile performance, lowest of the three pages", 0.95, ">=", "score"),
    ("lighthouse_accessibility", "Lighthouse accessibility, lowest of the three pages", 1.0, ">=", "score"),
    ("lighthouse_best-practices", "Lighthouse best practices, lowest of the three pages", 1.0, ">=", "score"),
    ("lighthouse_seo", "Lighthouse SEO, lowest of the three pages", 1.0, ">=", "score"),
) + tuple(
    budget
    for label in COMPARED_WITH_PLAIN
    for budget in (
        (
            f"lighthouse_fcp_ratio_{label}",
            f"First Contentful Paint, {label}, over plain Material's (Lighthouse mobile, same run)",
            1.05,
            "<=",
            "times",
        ),
        (
            f"lighthouse_lcp_ratio_{label}",
            f"Largest Contentful Paint, {label}, over plain Material's (Lighthouse mobile, same run)",
            1.05,
            "<=",
            "times",
        ),
        (
            f"lighthouse_performance_diff_{label}",
            f"Lighthouse mobile performance, {label}, minus plain Material's (same run)",
            -0.02,
            ">=",
            "score diff",
        ),
    )
)


def log(message: str) -> None:
    print(message, flush=True)


def build_real_site(site_dir: Path) -> None:
    """A strict build of the real project, with its real mkdocs.yml and SITE_URL as set."""
    config = ROOT / "mkdocs.yml"
    run = scaling.timed_build(config, site_dir)
    log(f"  real site built in {run['wall_s']:.1f} s ({run['pages_written']} pages)")


def heaviest_quiz_page(site: Path) -> str:
    """The page with a quiz or check-in whose HTML is the largest gzip: every quiz page loads the
    same assets, so it is also the heaviest first load."""
    pages = [page for page in weight.site_pages(site, ROOT / "docs") if page["has_quiz"]]
    if not pages:
        raise RuntimeError("no page with a quiz or check-in in the built site")
    return max(pages, key=lambda page: gzip_size((site / page["url"] / "index.html").read_bytes()))["url"]


class PlainSite:
    """The site as plain Material makes it (bench/plain.py), built once a run, on first use."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self._site: Path | None = None

    def get(self) -> Path:
        if self._site is None:
            self._site = plain.build(ROOT, self.workdir)
            log("  plain Material built (the same words, quizzes as plain text; no overrides or hooks)")
        return self._site


def quiz_hook_enabled() -> bool:
    return corpus.quiz_hook_listed((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


# --- the three parts -------------------------------------------------------------------------


def run_scaling(args: argparse.Namespace, workdir: Path) -> dict:
    log(f"Build scaling: {', '.join(map(str, args.sizes))} pages, quiz hooks on and off, {args.build_runs} runs each")
    result = scaling.measure(args.sizes, args.build_runs, workdir, log=log)
    if not result["quiz_hook_listed"]:
        log("  note: mkdocs.yml does not list hooks/quizzes.py yet, so 'on' and 'off' are the same build")
    return result


def run_site_parts(args: argparse.Namespace, workdir: Path, parts: set[str]) -> dict:
    site = workdir / "site"
    build_real_site(site)
    plain_site = PlainSite(workdir)
    out: dict = {}
    with SiteServer(site) as server:
        if "weight" in parts:
            log(f"Page weight: every page, {args.runs} cold loads each, gzip level {GZIP_LEVEL}")
            out["weight"] = weight.measure(site, ROOT / "docs", server, runs=args.runs)
            for page in out["weight"]["pages"]:
                m = page["median"]
                log(
                    f"  /{page['url']:<40} {m['first_load_bytes'] / KB:6.1f} KB  "
                    f"(quiz {'yes' if page['has_quiz'] else 'no '}, quiz bytes {m['quiz_bytes']:.0f}, "
                    f"fonts {m['font_files']:.0f}, starting a quiz fetches {m['first_use_bytes']:.0f})"
                )
            compare_with_plain_material(out["weight"], plain_site, args.runs)
        if "lighthouse" in parts:
            out.update(run_lighthouse(args, site, server, plain_site))
    return out


def run_lighthouse(args: argparse.Namespace, site: Path, server: SiteServer, plain_site: PlainSite) -> dict:
    """Lighthouse on our pages and, interleaved with them, the same pages as plain Material."""
    paths = dict(LIGHTHOUSE_PAGES)
    paths[QUIZ_PAGE] = args.quiz_page or heaviest_quiz_page(site)
    missing = [label for label, path in paths.items() if not (site / path / "index.html").is_file()]
    if missing:
        raise RuntimeError(f"Lighthouse pages not in the built site: {missing}")
    plain_dir = plain_site.get()
    missing = [label for label in COMPARED_WITH_PLAIN if not (plain_dir / paths[label] / "index.html").is_file()]
    if missing:
        raise RuntimeError(f"Lighthouse pages not in the plain Material site: {missing}")
    with SiteServer(plain_dir) as plain_server:
        targets: dict[str, tuple[str, str]] = {}
        for label, path in paths.items():  # each page of ours right next to its plain twin
            targets[label] = (server.url, path)
            if label in COMPARED_WITH_PLAIN:
                targets[PLAIN + label] = (plain_server.url, path)
        log(
            f"Lighthouse {lighthouse.version()}, mobile: {', '.join(f'{label} (/{path})' for label, (_, path) in targets.items())}; "
            f"{args.lh_runs} runs each, interleaved"
        )
        measured = lighthouse.measure(targets, args.lh_runs, args.runs_dir)
    for label, entry in measured.items():
        for index, run in enumerate(entry["runs"], start=1):
            scores = " ".join(f"{c[:4]} {s:.2f}" for c, s in run["scores"].items())
            log(
                f"  {label:<34} run {index}: {scores}  FCP {run['metrics']['FCP'] / 1000:.2f} s  "
                f"LCP {run['metrics']['LCP'] / 1000:.2f} s  ({run['seconds']:.0f} s)"
            )
    return {
        "lighthouse": {label: entry for label, entry in measured.items() if not label.startswith(PLAIN)},
        "lighthouse_plain": {
            label.removeprefix(PLAIN): entry for label, entry in measured.items() if label.startswith(PLAIN)
        },
    }


def compare_with_plain_material(result: dict, plain_site: PlainSite, runs: int) -> None:
    """Each quiz page's weight as plain Material makes it (bench/plain.py), and what we add."""
    quiz_urls = {page["url"] for page in result["pages"] if page["has_quiz"]}
    site = plain_site.get()
    log(
        f"Plain Material (the same words, quizzes as plain text; no overrides or hooks): {len(quiz_urls)} pages, {runs} cold loads each"
    )
    with SiteServer(site) as server:
        measured = weight.measure(site, ROOT / "docs", server, runs=runs, only=quiz_urls)
    plain_bytes = {page["url"]: page["median"]["first_load_bytes"] for page in measured["pages"]}
    for page in result["pages"]:
        if page["url"] in plain_bytes:
            page["plain_material_bytes"] = plain_bytes[page["url"]]
            page["added_bytes"] = page["median"]["first_load_bytes"] - plain_bytes[page["url"]]
            log(
                f"  /{page['url']:<40} plain {plain_bytes[page['url']] / KB:6.1f} KB, we add {page['added_bytes'] / KB:4.1f} KB"
            )


# --- budgets and the table -------------------------------------------------------------------


def measured_values(results: dict) -> dict[str, tuple[float | None, str]]:
    """Each budget's measured value (None when not measured) and a note on where it comes from."""
    values: dict[str, tuple[float | None, str]] = {}
    sizes = (results.get("scaling") or {}).get("sizes", {})
    hook = (results.get("scaling") or {}).get("quiz_hook_listed", False)
    if "800" in sizes:
        ratio = sizes["800"]["on_off_ratio_wall"]
        values["quiz_hook_overhead_800"] = (
            round(ratio - 1, 3) if hook else None,
            f"on/off = {ratio:.3f} (CPU {sizes['800']['on_off_ratio_cpu']:.3f})"
            if hook
            else "quiz hook not in mkdocs.yml: nothing to compare",
        )
        peak_max = max(r["peak_rss_mb"] for r in sizes["800"]["on"]["runs"])
        values["peak_memory_800"] = (sizes["800"]["on"]["median"]["peak_rss_mb"], f"highest run {peak_max:.1f} MB")
        if "both_on_ratio_wall" in sizes["800"]:
            both = sizes["800"][scaling.BOTH]["median"]
            values["languages_800"] = (
                sizes["800"]["both_on_ratio_wall"],
                f"{both['wall_s']:.1f} s vs {sizes['800']['on']['median']['wall_s']:.1f} s; "
                f"CPU {sizes['800']['both_on_ratio_cpu']:.2f}x; peak {both['peak_rss_mb']:.0f} MB",
            )
    if "800" in sizes and "200" in sizes:
        wall = sizes["800"]["on"]["median"]["wall_s"] / sizes["200"]["on"]["median"]["wall_s"]
        cpu = sizes["800"]["on"]["median"]["cpu_s"] / sizes["200"]["on"]["median"]["cpu_s"]
        values["scaling_800_over_200"] = (round(wall, 2), f"CPU time {cpu:.2f}x")
    pages = (results.get("weight") or {}).get("pages", [])
    if pages:
        quiz_pages = [p for p in pages if p["has_quiz"]]
        if quiz_pages:
            worst = max(quiz_pages, key=lambda p: p["median"]["first_load_bytes"])
            m = worst["median"]
            values["quiz_page_first_load"] = (
                m["first_load_bytes"],
                (
                    f"/{worst['url']}: Material's assets {m['by_owner'].get('material', 0) / KB:.1f} KB, "
                    f"HTML {m['by_kind'].get('html', 0) / KB:.1f} KB (quiz markup {m.get('quiz_markup_bytes', 0) / KB:.1f}), "
                    f"quiz JS + CSS {m['quiz_bytes'] / KB:.1f} KB, our other assets (site.css, site.js, favicon) "
                    f"{m['by_owner'].get('site', 0) / KB:.1f} KB"
                ),
            )
            for key, spanish in (("quiz_page_added", False), ("quiz_page_added_es", True)):
                compared = [p for p in quiz_pages if "added_bytes" in p and p["url"].startswith("es/") == spanish]
                if compared:
                    most = max(compared, key=lambda p: p["added_bytes"])
                    used = max(p["added_bytes"] + p["median"].get("first_use_bytes", 0) for p in compared)
                    values[key] = (
                        most["added_bytes"],
                        (
                            f"/{most['url']}: {most['added_bytes']:,.0f} bytes; {most['median']['first_load_bytes'] / KB:.1f} KB here, "
                            f"{most['plain_material_bytes'] / KB:.1f} KB as plain Material (bench/plain.py); "
                            f"with what starting a quiz fetches (quiz.js), at most {used / KB:.1f} KB"
                        ),
                    )
        inline = results["weight"].get("quiz_assets_inline") or {}
        fetched = results["weight"]["quiz_assets_fetched"]
        # quiz.js comes when the reader starts a quiz, not on first load: its size on disk (gzip).
        assets = {**results["weight"]["quiz_assets_on_disk"], **fetched, **inline}
        values["quiz_assets"] = (
            sum(assets.values()) if assets else None,
            ", ".join(
                f"{Path(k).name} {v}{' (inline)' if k in inline else '' if k in fetched else ' (on first use)'}"
                for k, v in sorted(assets.items())
            )
            or "no quiz assets in the site yet",
        )
        fonts = max(p["median"]["font_files"] for p in pages)
        values["font_files"] = (fonts, f"{len(pages)} pages")
        plain = [p for p in pages if not p["has_quiz"]]
        leaking = [p["url"] or "/" for p in plain if p["median"]["quiz_bytes"] > 0]
        values["quiz_bytes_on_plain_pages"] = (
            sum(p["median"]["quiz_bytes"] for p in plain),
            f"{len(plain)} pages; " + (f"leaking: {', '.join(leaking)}" if leaking else "none leaks"),
        )
    lh = results.get("lighthouse") or {}
    for category in lighthouse.CATEGORIES:
        if lh:
            lowest_label = min(lh, key=lambda label: lh[label]["median"]["scores"][category])
            values[f"lighthouse_{category}"] = (lh[lowest_label]["median"]["scores"][category], lowest_label)
    values.update(compared_with_plain(lh, results.get("lighthouse_plain") or {}))
    return values


def paired(ours: dict, plain_: dict, metric: str) -> list[float]:
    """Run by run (the two were measured one right after the other), ours over plain."""
    return [
        a["metrics"][metric] / b["metrics"][metric]
        for a, b in zip(ours["runs"], plain_["runs"])
        if b["metrics"][metric]
    ]


def late_runs(entry: dict) -> str:
    """How many of a page's runs had Chromium's first paint after its load event ("2 of 5")."""
    if not all("observed" in run for run in entry["runs"]):
        return "not recorded"
    return f"{sum(lighthouse.late_first_paint(run) for run in entry['runs'])} of {len(entry['runs'])}"


def compared_with_plain(lh: dict, lh_plain: dict) -> dict[str, tuple[float | None, str]]:
    """FCP and LCP over plain Material's (ratio of the medians) and the performance difference."""
    values: dict[str, tuple[float | None, str]] = {}
    for label in COMPARED_WITH_PLAIN:
        ours, theirs = lh.get(label), lh_plain.get(label)
        if not ours or not theirs:
            continue
        where = f"/{ours['url']}"
        for metric in ("FCP", "LCP"):
            a, b = ours["median"]["metrics"][metric], theirs["median"]["metrics"][metric]
            pairs = paired(ours, theirs, metric)
            values[f"lighthouse_{metric.lower()}_ratio_{label}"] = (
                round(a / b, 3) if b else None,
                (
                    f"{where}: {a / 1000:.2f} s here, {b / 1000:.2f} s plain (medians of {len(ours['runs'])}); "
                    f"run by run {min(pairs):.2f}-{max(pairs):.2f}; first paint after load: "
                    f"{late_runs(ours)} here, {late_runs(theirs)} plain"
                    if pairs
                    else f"{where}: plain Material measured 0"
                ),
            )
        a, b = ours["median"]["scores"]["performance"], theirs["median"]["scores"]["performance"]
        values[f"lighthouse_performance_diff_{label}"] = (round(a - b, 3), f"{where}: {a:.2f} here, {b:.2f} plain")
    return values


def evaluate(results: dict) -> list[dict]:
    values = measured_values(results)
    verdicts = []
    for key, what, limit, comparison, unit in BUDGETS:
        value, note = values.get(key, (None, "not measured"))
        if value is None:
            verdict = "n/a"
        else:
            verdict = "met" if (value <= limit if comparison == "<=" else value >= limit) else "missed"
        verdicts.append(
            {
                "key": key,
                "what": what,
                "limit": limit,
                "comparison": comparison,
                "unit": unit,
                "value": value,
                "note": note,
                "verdict": verdict,
            }
        )
    return verdicts


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "bytes":
        return f"{value / KB:.1f} KB"
    if unit == "ratio":
        return f"{value * 100:+.1f} %"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "times":
        return f"{value:.3f}x"
    if unit == "score diff":
        return f"{value:+.3f}" if round(value, 2) != round(value, 3) else f"{value:+.2f}"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "score":
        return f"{value:.2f}"
    return f"{value:g}"


def when_measured(results: dict) -> str:
    """' (scaling and weight: 2026-12-03T00:01)' when some parts are older than the last run."""
    older: dict[str, list[str]] = {}
    for part, when in (results.get("measured") or {}).items():
        if when != results["finished"]:
            older.setdefault(when, []).append(part)
    return "".join(f" ({' and '.join(sorted(parts))}: {when})" for when, parts in sorted(older.items()))


def table(results: dict) -> str:
    m = results["machine"]
    lines = [
        f"Run {results['finished']}{when_measured(results)} on **{m['cpu']}**, {m['cores']} cores, {m['memory_gib']} GiB, "
        f"{m['os']} (kernel {m['kernel']}); Python {m['python']}, MkDocs {m['mkdocs']}, "
        f"Material {m['mkdocs-material']}, {m['chromium']}, Node {m['node']}, Lighthouse {m['lighthouse']}. "
        f"Load average {results['load_before']} before, {results['load_after']} after; "
        f"quiz hook in mkdocs.yml: **{'yes' if results['quiz_hook_enabled'] else 'no'}**. "
        f"Each figure is the median of {results['runs']} runs (builds: {results.get('build_runs', results['runs'])}, "
        f"Lighthouse: {results.get('lighthouse_runs', results['runs'])}).",
        "",
    ]
    scaling_ = results.get("scaling")
    if scaling_:
        lines += [
            "### Build scaling (synthetic corpora, `mkdocs build --strict`, a fresh process each)",
            "",
            "| Pages | Wall, hooks on | Wall, hooks off | On/off | CPU on | CPU off | Peak memory on | Peak memory off |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for size, entry in scaling_["sizes"].items():
            on, off = entry["on"]["median"], entry["off"]["median"]
            lines.append(
                f"| {size} | {on['wall_s']:.2f} s | {off['wall_s']:.2f} s | {entry['on_off_ratio_wall']:.3f} | "
                f"{on['cpu_s']:.2f} s | {off['cpu_s']:.2f} s | {on['peak_rss_mb']:.0f} MB | {off['peak_rss_mb']:.0f} MB |"
            )
        lines.append("")
    weight_ = results.get("weight")
    if weight_:
        lines += [
            f"### Page weight (gzip level {GZIP_LEVEL}, first load in Chromium, cache empty)",
            "",
            "| Page | Quiz | First load | HTML | CSS | JS | Fonts | Images | Other | Quiz JS + CSS | Quiz markup in HTML | Starting a quiz fetches | Plain Material | We add |",
            "| --- | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for page in weight_["pages"]:
            k = page["median"]["by_kind"]
            cell = lambda name, k=k: f"{k.get(name, 0) / KB:.1f}"  # noqa: E731
            lines.append(
                f"| /{page['url']} | {'yes' if page['has_quiz'] else ''} | "
                f"**{page['median']['first_load_bytes'] / KB:.1f} KB** | {cell('html')} | {cell('css')} | "
                f"{cell('js')} | {page['median']['font_files']:.0f} files | {cell('image')} | {cell('other')} | "
                f"{page['median']['quiz_bytes'] / KB:.1f} | {page['median'].get('quiz_markup_bytes', 0) / KB:.1f} | "
                f"{page['median'].get('first_use_bytes', 0) / KB:.1f} | "
                + (
                    f"{page['plain_material_bytes'] / KB:.1f} | {page['added_bytes'] / KB:+.1f} |"
                    if "added_bytes" in page
                    else " | |"
                )
            )
        index_sizes = [p["median"]["search_index_bytes"] for p in weight_["pages"]]
        lines += [
            "",
            f"Search index (`search/search_index.json`, fetched by Material's search worker after load, "
            f"not in the totals): **{statistics.median(index_sizes) / KB:.1f} KB** gzip.",
            "",
        ]
        owners = {}
        for page in weight_["pages"]:
            for name, size in page["median"]["by_owner"].items():
                owners.setdefault(name, []).append(size)
        lines += [
            "Whose bytes (median over pages): "
            + ", ".join(f"{name} {statistics.median(sizes) / KB:.1f} KB" for name, sizes in sorted(owners.items()))
            + ".",
            "",
        ]
    lh = results.get("lighthouse")
    lh_plain = results.get("lighthouse_plain") or {}
    if lh:
        rows = [(label, entry) for label, entry in lh.items()] + [
            (PLAIN + label, entry) for label, entry in lh_plain.items()
        ]
        indexes = [run["benchmark_index"] for _, entry in rows for run in entry["runs"] if run.get("benchmark_index")]
        lines += [
            f"### Lighthouse (mobile: simulated slow 4G, 4x CPU slowdown; {len(next(iter(lh.values()))['runs'])} runs a page, "
            "interleaved with the same pages as plain Material)",
            "",
            f"Lighthouse's CPU benchmark index over the runs: median {statistics.median(indexes):.0f}, "
            f"lowest {min(indexes):.0f} (its mobile defaults assume a machine of about 1000 or more)."
            if indexes
            else "",
            "",
            "| Page | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | CLS |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for label, entry in rows:
            s, x = entry["median"]["scores"], entry["median"]["metrics"]
            lines.append(
                f"| {label} (/{entry['url']}) | {s['performance']:.2f} | {s['accessibility']:.2f} | "
                f"{s['best-practices']:.2f} | {s['seo']:.2f} | {x['FCP'] / 1000:.2f} s | {x['LCP'] / 1000:.2f} s | "
                f"{x['TBT']:.0f} ms | {x['CLS']:.3f} |"
            )
        lines.append("")
        compared = [label for label in COMPARED_WITH_PLAIN if label in lh and label in lh_plain]
        if compared:
            lines += [
                "Ours against plain Material (`bench/plain.py`: the same words and palette, quizzes as plain text, no overrides or "
                "hooks), medians; the ratios are ours over plain:",
                "",
                "| Page | FCP ours | FCP plain | FCP ratio | LCP ours | LCP plain | LCP ratio | Performance ours | plain | difference | First paint after load, ours / plain |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            ]
            for label in compared:
                a, b = lh[label]["median"], lh_plain[label]["median"]
                cells = []
                for metric in ("FCP", "LCP"):
                    x, y = a["metrics"][metric], b["metrics"][metric]
                    cells += [f"{x / 1000:.2f} s", f"{y / 1000:.2f} s", f"{x / y:.3f}" if y else "-"]
                x, y = a["scores"]["performance"], b["scores"]["performance"]
                cells += [
                    f"{x:.2f}",
                    f"{y:.2f}",
                    f"{x - y:+.2f}",
                    f"{late_runs(lh[label])} / {late_runs(lh_plain[label])}",
                ]
                lines.append(f"| {label} (/{lh[label]['url']}) | " + " | ".join(cells) + " |")
            lines += [
                "",
                '"First paint after load": runs in which Chromium drew its first frame only after the load '
                "event (`lighthouse.late_first_paint`); Lighthouse's simulation then counts the whole load "
                "before the first paint, so such a run is 0.5-0.7 s slower on either site. Chromium held its "
                "first frame that way when started with RenderDocument off, as Lighthouse starts it; the bench "
                "leaves it on (`lighthouse.KEPT_FEATURE`).",
                "",
            ]
        blocking: dict[str, set[str]] = {}
        for label, entry in rows:
            for run in entry["runs"]:
                for url in run.get("render_blocking", []):
                    blocking.setdefault(url, set()).add(label)
        if blocking:
            lines += ["Render-blocking requests Lighthouse reported (in any run):", ""]
            lines += [f"- `{url}` on {', '.join(sorted(labels))}" for url, labels in sorted(blocking.items())]
            lines.append("")
        failing = {}
        for label, entry in lh.items():
            for run in entry["runs"]:
                for category, audits in run["failing"].items():
                    if category == "performance":
                        continue
                    for audit in audits:
                        failing.setdefault((category, audit["id"], audit["title"]), set()).add(label)
        if failing:
            lines += ["Audits that cost points (accessibility, best practices, SEO):", ""]
            lines += [
                f"- {category}: `{audit_id}` ({title}) on {', '.join(sorted(labels))}"
                for (category, audit_id, title), labels in sorted(failing.items())
            ]
            lines.append("")
    lines += [
        "### Budgets",
        "",
        "| Budget | Limit | Measured | Verdict | Note |",
        "| --- | ---: | ---: | :---: | --- |",
    ]
    for b in results["budgets"]:
        verdict = {"met": "met", "missed": "**missed**", "n/a": "n/a"}[b["verdict"]]
        lines.append(
            f"| {b['what']} | {b['comparison']} {fmt(b['limit'], b['unit'])} | {fmt(b['value'], b['unit'])} | "
            f"{verdict} | {b['note']} |"
        )
    lines.append("")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    block = f"{START}\n{text}\n{END}"
    if README.is_file():
        current = README.read_text(encoding="utf-8")
        if START in current and END in current:
            before, rest = current.split(START, 1)
            after = rest.split(END, 1)[1]
            README.write_text(before + block + after, encoding="utf-8")
            return
        README.write_text(current.rstrip() + "\n\n## Results\n\n" + block + "\n", encoding="utf-8")
    else:
        README.write_text("# Performance benchmark\n\n## Results\n\n" + block + "\n", encoding="utf-8")


# --- profiling -------------------------------------------------------------------------------


def profile(args: argparse.Namespace) -> int:
    """cProfile one strict build of a synthetic corpus; print the hot spots."""
    import pstats

    args.runs_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        project = corpus.write_corpus(Path(tmp) / f"corpus-{args.pages}", args.pages)
        config = project.on if args.mode == "on" else project.off
        out = args.runs_dir / f"profile-{args.pages}-{args.mode}.pstats"
        command = [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(out),
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(Path(tmp) / "site"),
        ]
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=tmp, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
        log(f"profiled build: {time.perf_counter() - started:.1f} s; stats in {out.relative_to(ROOT)}")
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    log("Our code only (hooks/, therapy_site):")
    stats.sort_stats("cumulative").print_stats(r"hooks/|therapy_site", args.top)
    return 0


def hooks(args: argparse.Namespace) -> int:
    """Per-hook timings (bench/hooktimes.py) of one build of a synthetic corpus, quiz hook on and off."""
    args.runs_dir.mkdir(parents=True, exist_ok=True)
    found: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-hooks-") as tmp:
        project = corpus.write_corpus(Path(tmp) / f"corpus-{args.pages}", args.pages)
        for mode in scaling.MODES:
            config = project.on if mode == "on" else project.off
            command = [sys.executable, str(BENCH / "hooktimes.py"), str(config), str(Path(tmp) / f"site-{mode}")]
            result = subprocess.run(command, capture_output=True, text=True, cwd=tmp, check=True)
            found[mode] = json.loads(result.stdout)
    out = args.runs_dir / f"hooks-{args.pages}.json"
    out.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    names = sorted(
        {name for mode in found.values() for name in mode["handlers"]},
        key=lambda name: -found["on"]["handlers"].get(name, {"s": 0})["s"],
    )
    log(f"{args.pages} pages: total {found['on']['total_s']} s with the quiz hook, {found['off']['total_s']} s without")
    log(f"{'handler':<42} {'on':>8} {'off':>8}")
    for name in names:
        on, off = (found[mode]["handlers"].get(name, {"s": 0})["s"] for mode in scaling.MODES)
        log(f"{name:<42} {on:8.2f} {off:8.2f}")
    for step in ("markdown", "template"):
        on, off = (found[mode]["pages"][step] for mode in scaling.MODES)
        log(f"{'pages: ' + step:<42} {on['total_s']:8.2f} {off['total_s']:8.2f}   slowest with hook: {on['slowest']}")
    log(f"{'rest (MkDocs, Markdown, templates)':<42} {found['on']['rest_s']:8.2f} {found['off']['rest_s']:8.2f}")
    log(f"saved {out.relative_to(ROOT)}")
    return 0


# --- main ------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="run", choices=("run", "profile", "hooks", "report"))
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated parts: scaling,weight,lighthouse")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median; at least 3 unless --quick)")
    parser.add_argument(
        "--build-runs",
        type=int,
        default=5,
        help="builds per corpus size and mode (wall time on a shared machine is noisy; default 5)",
    )
    parser.add_argument(
        "--lh-runs",
        type=int,
        default=7,
        help="Lighthouse runs per page (its scores are the noisiest figures; default 7)",
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="corpus sizes for build scaling")
    parser.add_argument(
        "--quiz-page",
        default=None,
        help="the quiz page Lighthouse checks (a path such as how-it-helps/); default: the heaviest",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: small corpora, one run, results in bench/runs/"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (corpora, built sites)")
    parser.add_argument("--pages", type=int, default=800, help="profile, hooks: corpus size")
    parser.add_argument("--mode", choices=scaling.MODES, default="on", help="profile: quiz hooks on or off")
    parser.add_argument("--top", type=int, default=30, help="profile: rows to print")
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in args.sizes.split(",") if size]
    args.parts = {part.strip() for part in args.only.split(",") if part.strip()}
    if unknown := args.parts - set(SECTIONS):
        parser.error(f"unknown parts: {sorted(unknown)}")
    if args.quick:
        args.runs, args.build_runs, args.lh_runs, args.sizes = 1, 1, 1, [20, 40, 80]
    elif min(args.runs, args.build_runs, args.lh_runs) < 3:
        parser.error(
            "--runs, --build-runs and --lh-runs must be at least 3 (each figure is a median); use --quick for a smoke run"
        )
    args.runs_dir = RUNS_DIR
    return args


def save(results: dict, path: Path, started: float, parts: set[str], previous: dict) -> None:
    """Write results.json as it stands (after each part, so a later failure keeps what was measured)."""
    results["load_after"] = machine.load_average()
    results["finished"] = dt.datetime.now().isoformat(timespec="minutes")
    # A part re-run with --only keeps the others' results: say when each was measured.
    done = {part for part in parts if SECTION_KEYS[part][0] in results}
    results["measured"] = {**previous.get("measured", {}), **{part: results["finished"] for part in done}}
    results["seconds"] = {**previous.get("seconds", {}), "+".join(sorted(parts)): round(time.perf_counter() - started)}
    results["budgets"] = evaluate(results)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.command == "profile":
        return profile(args)
    if args.command == "hooks":
        return hooks(args)
    if args.command == "report":  # re-render the verdicts and the README table from results.json
        results = json.loads(RESULTS.read_text())
        results["budgets"] = evaluate(results)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        write_readme(table(results))
        print(table(results))
        return 0
    if "lighthouse" in args.parts and not lighthouse.LIGHTHOUSE.exists():
        log("Lighthouse is not installed: run `npm ci` in bench/ (make bench does).")
        return 2
    started = time.perf_counter()
    results_path = RUNS_DIR / "results-quick.json" if args.quick else RESULTS
    previous = json.loads(results_path.read_text()) if results_path.is_file() else {}
    kept = {key for part in SECTIONS if part not in args.parts for key in SECTION_KEYS[part]}
    results = {key: value for key, value in previous.items() if key in kept}
    results.update(
        {
            "machine": machine.describe(),
            "load_before": machine.load_average(),
            "quiz_hook_enabled": quiz_hook_enabled(),
            "runs": args.runs,
            "build_runs": args.build_runs,
            "lighthouse_runs": args.lh_runs,
            "gzip_level": GZIP_LEVEL,
            "units": "1 KB = 1,000 bytes of gzip body (HTTP headers excluded); 1 MB = 1,000,000 bytes",
        }
    )
    results.pop("failed", None)
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        # The real site first (a few minutes): a broken build stops the run before the long part.
        if args.parts & {"weight", "lighthouse"}:
            results.update(run_site_parts(args, workdir, args.parts))
            save(results, results_path, started, args.parts, previous)
        if "scaling" in args.parts:
            results["scaling"] = run_scaling(args, workdir)
    except BaseException as error:
        results["failed"] = f"{type(error).__name__}: {str(error)[:2000]}"
        save(results, results_path, started, args.parts, previous)
        log(f"The benchmark failed; what it measured so far is in {results_path.relative_to(ROOT)}.")
        raise
    finally:
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    save(results, results_path, started, args.parts, previous)
    text = table(results)
    if not args.quick:
        write_readme(text)
    print()
    print(text)
    missed = [b["what"] for b in results["budgets"] if b["verdict"] == "missed"]
    log(
        f"{len(missed)} budget(s) missed"
        + (": " + "; ".join(missed) if missed else "")
        + f". Results in {results_path.relative_to(ROOT)}; took {time.perf_counter() - started:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
