"""The privacy guard: requests that would leave our loopback server are stopped and recorded.

A reader may be in an abusive or unhealthy therapy relationship; one request to a third party
(a font, an analytics script) could tell it that they read these pages. So the browser tests let
nothing out, and every attempt is a test failure. Console and page errors are recorded too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Request,
    Response,
    Route,
    WebSocketRoute,
)

# Addresses that never reach the network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})
# A stub page for an expected exit; a data: icon so Chromium asks the stub's host for nothing more.
STUB_PAGE = '<!doctype html><title>Stub</title><link rel="icon" href="data:,"><p>Stub page for {url}</p>'


def origin_of(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


@dataclass
class Recorder:
    """What the browser tried to do that a test may need to fail on."""

    origin: str  # our server, e.g. http://127.0.0.1:41234/
    # External addresses a test expects a visit to (the Quick exit target): served a stub, not leaks.
    expected: set[str] = field(default_factory=set)
    external: list[str] = field(default_factory=list)
    stubbed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)

    def is_ours(self, url: str) -> bool:
        return urlsplit(url).scheme in LOCAL_SCHEMES or origin_of(url) == origin_of(self.origin)

    def privacy_failures(self) -> list[str]:
        return list(self.external)

    def error_failures(self) -> list[str]:
        return self.console_errors + self.page_errors + self.http_errors

    def failures(self) -> list[str]:
        # Chromium may ask twice for a blocked stylesheet; report each problem once.
        return list(dict.fromkeys(self.privacy_failures() + self.error_failures()))


def frame_url(request: Request) -> str:
    """The page that made a request, for the failure message."""
    try:
        return request.frame.url or "(blank page)"
    except Error:  # service-worker requests have no frame
        return "(no page)"


def install_guard(context: BrowserContext, recorder: Recorder) -> None:
    """Continue requests to our server; stub expected exits; abort and record everything else."""

    def on_request(route: Route) -> None:
        request = route.request
        if recorder.is_ours(request.url):
            route.continue_()
        elif request.url in recorder.expected:
            recorder.stubbed.append(request.url)
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=STUB_PAGE.format(url=request.url))
        else:
            recorder.external.append(f"{frame_url(request)}: external request blocked: {request.method} {request.url}")
            route.abort("blockedbyclient")

    def on_websocket(socket: WebSocketRoute) -> None:
        # A static site has no reason to open a socket; never connect it to the real server.
        recorder.external.append(f"external WebSocket blocked: {socket.url}")
        socket.close()

    context.route("**/*", on_request)
    context.route_web_socket("**/*", on_websocket)


def watch_page(page: Page, recorder: Recorder) -> None:
    """Record console errors, uncaught exceptions and failed responses from our server."""

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            line = message.location.get("lineNumber", "")
            recorder.console_errors.append(f"{page.url}: console error: {message.text} [{where}:{line}]")

    def on_page_error(error: Error) -> None:
        recorder.page_errors.append(f"{page.url}: page error: {error.message}")

    def on_response(response: Response) -> None:
        if response.status >= 400 and recorder.is_ours(response.url):
            recorder.http_errors.append(f"{page.url}: HTTP {response.status} for {response.url}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("response", on_response)


def open_page(browser: Browser, recorder: Recorder, **context_options: object) -> Page:
    """A page in a new guarded context; the caller closes page.context."""
    context = browser.new_context(**context_options)
    install_guard(context, recorder)
    # Every page of the context, popups included, is watched from its first moment.
    context.on("page", lambda page: watch_page(page, recorder))
    return context.new_page()
