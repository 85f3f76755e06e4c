"""A loopback HTTP server for `docs/browser/` (the guide and the style), readable by Neo4j Browser.

Browser fetches a played guide from its own page, so the response must carry
`Access-Control-Allow-Origin` for Browser's origin (and answer the CORS preflight); only those
origins get it.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs" / "browser"


def browser_origins(http_port: int) -> set[str]:
    """The origins Neo4j Browser is served from by the local server."""
    return {f"http://127.0.0.1:{http_port}", f"http://localhost:{http_port}"}


class _Handler(SimpleHTTPRequestHandler):
    origins: Collection[str] = ()

    def end_headers(self) -> None:
        origin = self.headers.get("Origin")
        if origin is not None and origin in self.origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")
        # A guide edited and replayed should show the edit, not a cached copy.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_OPTIONS(self) -> None:
        # Browser fetches a guide with `Pragma` and `Cache-Control` request headers, which makes
        # the fetch "non-simple": Chromium asks first with a preflight OPTIONS request. The headers
        # asked for are granted as asked: Browser's bundled Sentry adds `sentry-trace` to some
        # fetches and not others, and a fixed list failed those. Only allowed origins get the
        # Allow-Origin header that makes any of this count, and the server only serves files.
        self.send_response(204)
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        requested = self.headers.get("Access-Control-Request-Headers")
        self.send_header("Access-Control-Allow-Headers", requested or "Pragma, Cache-Control")
        self.send_header("Access-Control-Max-Age", "600")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def make_server(port: int, origins: Collection[str], directory: Path = DOCS_DIR) -> ThreadingHTTPServer:
    """Bound to 127.0.0.1:`port` (0: any free port); not yet serving."""
    handler = type("GuideHandler", (_Handler,), {"origins": frozenset(origins)})
    return ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(directory)))


def serve_in_background(server: ThreadingHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="guide-server", daemon=True)
    thread.start()
    return thread


def play_command(server: ThreadingHTTPServer) -> str:
    # `localhost`, not 127.0.0.1: it is in Browser's built-in allowlist, which Browser uses until
    # it has read the server's (right after connecting), and in every server's default one.
    return f":play http://localhost:{server.server_address[1]}/guide.html"


def style_command(server: ThreadingHTTPServer) -> str:
    return f":style http://localhost:{server.server_address[1]}/style.grass"
