"""A local static server for a built site that gzips text like a production host, and logs bytes.

It listens on 127.0.0.1 on a free port, serves `index.html` for folders and `404.html` with
status 404 for anything missing, compresses compressible types (HTML, CSS, JS, JSON, SVG, XML)
with gzip when the client accepts it, and records every request with the bytes it sent, so a
page load's weight is read off the server (requests from Material's search worker included).
"""

from __future__ import annotations

import gzip
import mimetypes
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

GZIP_LEVEL = 6  # the usual default of nginx's gzip module at "on" and of most CDNs' dynamic gzip
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/manifest+json",
)
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/json", ".json")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("font/woff2", ".woff2")


@dataclass(frozen=True)
class Hit:
    path: str
    status: int
    content_type: str
    raw_bytes: int  # the file's size
    sent_bytes: int  # the body as sent: gzip size when compressed, else raw
    gzipped: bool


@lru_cache(maxsize=512)
def gzip_size(data: bytes, level: int = GZIP_LEVEL) -> int:
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE)


class QuietServer(ThreadingHTTPServer):
    """A browser that drops a connection (Chromium does, leaving a page) is not an error to print."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


class SiteServer:
    """`with SiteServer(site_dir) as server:` then `server.url`, `server.hits`, `server.reset()`."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = root.resolve()
        self._hits: list[Hit] = []
        self._lock = threading.Lock()
        self.httpd = QuietServer(("127.0.0.1", port), self._handler())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread: threading.Thread | None = None

    @property
    def hits(self) -> list[Hit]:
        with self._lock:
            return list(self._hits)

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()

    def _record(self, hit: Hit) -> None:
        with self._lock:
            self._hits.append(hit)

    def _resolve(self, url_path: str) -> Path | None:
        relative = unquote(urlsplit(url_path).path).lstrip("/")
        candidate = (self.root / relative).resolve()
        if self.root not in candidate.parents and candidate != self.root:
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
                pass

            def do_HEAD(self) -> None:  # noqa: N802
                self._serve(body=False)

            def do_GET(self) -> None:  # noqa: N802
                self._serve(body=True)

            def _serve(self, body: bool) -> None:
                path = server._resolve(self.path)
                status = 200
                if path is None:
                    status, path = 404, server.root / "404.html"
                    if not path.is_file():
                        self.send_error(404)
                        return
                data = path.read_bytes()
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                raw = len(data)
                gzipped = compressible(content_type) and "gzip" in self.headers.get("Accept-Encoding", "")
                if gzipped:
                    data = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
                self.send_response(status)
                charset = (
                    "; charset=utf-8"
                    if content_type.startswith("text/") or "json" in content_type or "javascript" in content_type
                    else ""
                )
                self.send_header("Content-Type", content_type + charset)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-cache")
                if gzipped:
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                if body:
                    self.wfile.write(data)
                server._record(Hit(urlsplit(self.path).path, status, content_type, raw, len(data), gzipped))

        return Handler

    def __enter__(self) -> SiteServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="bench-server", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(timeout=5)
