"""Page weight: the gzip bytes each page of the real site fetches on first load, in Chromium, and
what it fetches more when the reader starts a quiz.

Each load is a fresh browser context (empty cache, service workers blocked) on a phone-sized
viewport. The bytes are read off the local server's log (see serve.py), which sees every request,
Material's search worker's included. After the `load` event we wait for the network to be idle
and then one more second, so lazy requests (the search index, the sitemap that instant
navigation reads) are caught. The search index is reported on its own line, never in the total.
Then the focus goes to the first option of the page's first quiz, as a reader starting it, and
what comes in the next second (quiz.js, which site.js fetches then) is the "first use" figure.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from serve import Hit, SiteServer, gzip_size

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEARCH_INDEX = re.compile(r"/search/search_index\.json$")
QUIZ_ASSET = re.compile(r"/assets/(?:[^/]*/)*quiz[^/]*\.(?:js|css)$")
FONT = re.compile(r"\.(?:woff2?|ttf|otf|eot)$", re.IGNORECASE)
REDIRECT_PAGE = re.compile(r'<meta[^>]+http-equiv="refresh"', re.IGNORECASE)
QUIZ_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*\{?\.?(quiz|checkin)\b", re.MULTILINE)
SETTLE_MS = 1000
VIEWPORT = {"width": 412, "height": 823}  # a common Android phone, as Lighthouse's Moto G Power


def kind(hit: Hit) -> str:
    """What a fetched resource is, for the breakdown."""
    if SEARCH_INDEX.search(hit.path):
        return "search index"
    if FONT.search(hit.path) or hit.content_type.startswith("font/"):
        return "font"
    if hit.content_type == "text/html":
        return "html"
    if hit.content_type == "text/css":
        return "css"
    if "javascript" in hit.content_type:
        return "js"
    if hit.content_type.startswith("image/"):
        return "image"
    return "other"


def owner(hit: Hit) -> str:
    """Whose bytes these are: Material's theme assets, the quiz's, our other assets (site.css,
    site.js, the favicon), the page itself (HTML, sitemap.xml)."""
    if QUIZ_ASSET.search(hit.path):
        return "quiz"
    if re.search(r"/assets/(?:stylesheets|javascripts|images)/", hit.path):
        return "material"
    if "/assets/" in hit.path:
        return "site"
    return "page"


def has_quiz_source(source: str) -> bool:
    """Whether a page's Markdown has a quiz or check-in block (the engine's scanner when present)."""
    try:
        from therapy_site.quiz.parse import find_blocks
    except ImportError:  # the engine not installed: the plain pattern is close enough
        return bool(QUIZ_FENCE.search(source))
    blocks, _ = find_blocks(source)
    return bool(blocks)


def site_pages(site: Path, docs: Path) -> list[dict]:
    """Every real page of the built site (redirect stubs and 404 left out), with its source."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        if REDIRECT_PAGE.search(html.read_text(encoding="utf-8", errors="replace")[:4000]):
            continue
        rel = html.parent.relative_to(site).as_posix()
        url = "" if rel == "." else rel + "/"
        # A Spanish page (/es/about/) comes from the English name with .es (docs/about.es.md).
        spanish = rel == "es" or rel.startswith("es/")
        rel = rel.removeprefix("es").lstrip("/") or "." if spanish else rel
        suffix = ".es.md" if spanish else ".md"
        candidates = (
            [docs / f"index{suffix}"] if rel == "." else [docs / f"{rel}{suffix}", docs / rel / f"index{suffix}"]
        )
        source = next((path for path in candidates if path.is_file()), None)
        text = source.read_text(encoding="utf-8") if source else ""
        pages.append(
            {
                "url": url,
                "source": source.relative_to(docs).as_posix() if source else None,
                "has_quiz": has_quiz_source(text),
            }
        )
    return pages


QUIZ_SECTION = re.compile(r'<section\b[^>]*\bclass="quiz\b')
SECTION_TAG = re.compile(r"<(/?)section\b[^>]*>")


def quiz_markup_bytes(html: str) -> int:
    """What the quiz and check-in markup adds to the page's gzip size (the page with, less without)."""
    without, position = [], 0
    for start in QUIZ_SECTION.finditer(html):
        if start.start() < position:
            continue
        depth = 0
        for tag in SECTION_TAG.finditer(html, start.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                without.append(html[position : start.start()])
                position = tag.end()
                break
    if not without:
        return 0
    stripped = "".join(without) + html[position:]
    return gzip_size(html.encode()) - gzip_size(stripped.encode())


INLINE_ASSET = re.compile(r'<style data-asset="([^"]+)">.*?</style>', re.DOTALL)


def inline_asset_bytes(html: str) -> dict[str, int]:
    """What each stylesheet inlined by the theme (`<style data-asset="assets/...">`, the
    inline_asset filter of therapy_site/theme.py) adds to the page's gzip size: the page with it, less without."""
    found: dict[str, int] = {}
    whole = gzip_size(html.encode())
    for match in INLINE_ASSET.finditer(html):
        without = html[: match.start()] + html[match.end() :]
        found["/" + match.group(1)] = found.get("/" + match.group(1), 0) + whole - gzip_size(without.encode())
    return found


def summarise(hits: list[Hit]) -> dict:
    by_kind: dict[str, int] = {}
    by_owner: dict[str, int] = {}
    for hit in hits:
        by_kind[kind(hit)] = by_kind.get(kind(hit), 0) + hit.sent_bytes
        if kind(hit) != "search index":
            by_owner[owner(hit)] = by_owner.get(owner(hit), 0) + hit.sent_bytes
    return {
        "first_load_bytes": sum(h.sent_bytes for h in hits if kind(h) != "search index"),
        "search_index_bytes": sum(h.sent_bytes for h in hits if kind(h) == "search index"),
        "by_kind": by_kind,
        "by_owner": by_owner,
        "font_files": sum(1 for h in hits if kind(h) == "font"),
        "quiz_bytes": sum(h.sent_bytes for h in hits if QUIZ_ASSET.search(h.path)),
        "requests": [
            {
                "path": h.path,
                "status": h.status,
                "type": h.content_type,
                "raw": h.raw_bytes,
                "sent": h.sent_bytes,
                "gzip": h.gzipped,
            }
            for h in hits
        ],
    }


QUIZ_INPUT = "[data-quiz] input, [data-checkin] input"


def start_a_quiz(page, server: SiteServer, loaded: int) -> list[Hit]:
    """What the page fetches when the reader starts its first quiz (the focus on its first option:
    site.js fetches quiz.js then), after the first load's `loaded` requests; none without a quiz."""
    if not page.locator(QUIZ_INPUT).count():
        return []
    page.locator(QUIZ_INPUT).first.focus()
    page.wait_for_timeout(SETTLE_MS)  # the load state is reached already: a local request takes milliseconds
    return server.hits[loaded:]


def load_once(browser, server: SiteServer, url: str) -> dict:
    context = browser.new_context(
        viewport=VIEWPORT, is_mobile=True, has_touch=True, device_scale_factor=2.625, service_workers="block"
    )
    outside: list[str] = []
    context.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(server.url) or request.url.startswith("data:")
            else outside.append(request.url)
        ),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    server.reset()
    try:
        page.goto(server.url + url, wait_until="load")
        try:
            page.wait_for_load_state("networkidle", timeout=10_000)
        except Exception:  # noqa: BLE001 - a page that never idles is still measured
            errors.append("network never idle within 10 s")
        page.wait_for_timeout(SETTLE_MS)
        hits = server.hits
        started = start_a_quiz(page, server, len(hits))
    finally:
        context.close()
    result = summarise(hits)
    result["first_use_bytes"] = sum(h.sent_bytes for h in started)
    result["first_use_paths"] = sorted({h.path for h in started})
    result["outside_requests"] = outside
    result["page_errors"] = errors
    return result


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def measure(site: Path, docs: Path, server: SiteServer, runs: int = 3, only: set[str] | None = None) -> dict:
    """Load every page (or the `only` URLs) `runs` times; medians per page, and the quiz assets' weight."""
    from playwright.sync_api import sync_playwright

    pages = [page for page in site_pages(site, docs) if only is None or page["url"] in only]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for page in pages:
                page["runs"] = [load_once(browser, server, page["url"]) for _ in range(runs)]
        finally:
            browser.close()
    for page in pages:
        first = page["runs"][0]
        page["median"] = {
            key: median_of(page["runs"], key)
            for key in ("first_load_bytes", "search_index_bytes", "font_files", "quiz_bytes", "first_use_bytes")
        }
        page["first_use_paths"] = first["first_use_paths"]
        kinds = {k for run in page["runs"] for k in run["by_kind"]}
        page["median"]["by_kind"] = {
            k: statistics.median(r["by_kind"].get(k, 0) for r in page["runs"]) for k in sorted(kinds)
        }
        owners = {k for run in page["runs"] for k in run["by_owner"]}
        page["median"]["by_owner"] = {
            k: statistics.median(r["by_owner"].get(k, 0) for r in page["runs"]) for k in sorted(owners)
        }
        html = (site / page["url"] / "index.html").read_text(encoding="utf-8")
        page["median"]["quiz_markup_bytes"] = quiz_markup_bytes(html)
        # Inlined stylesheets come with the HTML: their bytes are moved from the page to their owner.
        inline = inline_asset_bytes(html)
        page["median"]["inline_assets"] = inline
        for path, size in inline.items():
            hit = Hit(path, 200, "text/css", 0, size, True)
            page["median"]["by_owner"]["page"] = page["median"]["by_owner"].get("page", 0) - size
            page["median"]["by_owner"][owner(hit)] = page["median"]["by_owner"].get(owner(hit), 0) + size
            if QUIZ_ASSET.search(path):
                page["median"]["quiz_bytes"] += size
        page["requests"] = first["requests"]  # the same files every run; kept once
        for run in page["runs"]:
            del run["requests"]
    quiz_assets, quiz_inline = {}, {}
    for page in pages:
        for request in page["requests"]:
            if QUIZ_ASSET.search(request["path"]):
                quiz_assets[request["path"]] = request["sent"]
        for path, size in page["median"]["inline_assets"].items():
            if QUIZ_ASSET.search(path):
                quiz_inline[path] = max(size, quiz_inline.get(path, 0))
    on_disk = {
        "/" + path.relative_to(site).as_posix(): gzip_size(path.read_bytes())
        for path in site.rglob("*")
        if path.is_file() and QUIZ_ASSET.search("/" + path.relative_to(site).as_posix())
    }
    return {
        "pages": pages,
        "quiz_assets_fetched": quiz_assets,
        "quiz_assets_inline": quiz_inline,
        "quiz_assets_on_disk": on_disk,
    }
