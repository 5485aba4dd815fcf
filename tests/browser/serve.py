"""A throw-away static web server on loopback, for the built site."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# The host part of each address in sitemap.xml.
SITEMAP_ORIGIN = re.compile(rb"(<loc>\s*)https?://[^/<\s]+")


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:
        if urlsplit(self.path).path.endswith("/sitemap.xml"):
            self.send_sitemap()
        else:
            super().do_GET()

    def send_sitemap(self) -> None:
        """sitemap.xml with our own origin in place of site_url's, as the deployed site has it.

        Material's instant navigation only intercepts links found in sitemap.xml, and it swaps
        the sitemap's scheme and host for the page's but keeps the port; on our random port it
        would silently fall back to full page loads, and nothing would test instant navigation.
        """
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        host, port = self.server.server_address[:2]
        body = SITEMAP_ORIGIN.sub(rb"\g<1>http://%s:%d" % (str(host).encode(), port), path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL, ending in '/'."""
    # directory= rather than os.chdir: other tests in this process rely on the working directory.
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# mkdocs-redirects writes a stub page at each old address; it is not a page to audit.
REDIRECT_STUB = re.compile(r'<meta http-equiv="refresh"', re.IGNORECASE)


def site_paths(site: Path) -> list[str]:
    """Every page of a built site as a path below its root: '', 'glossary/', ..., '404.html'."""
    paths = sorted(
        "" if index.parent == site else index.parent.relative_to(site).as_posix() + "/"
        for index in site.rglob("index.html")
        if not REDIRECT_STUB.search(index.read_text(encoding="utf-8", errors="replace")[:2000])
    )
    if (site / "404.html").is_file():
        paths.append("404.html")
    return paths
