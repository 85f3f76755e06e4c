"""`c360 browser guide` serves docs/browser/ on loopback so that Neo4j Browser, and only it, may read it."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest

from c360.browser import serve


@pytest.fixture
def guide_server() -> Iterator[ThreadingHTTPServer]:
    server = serve.make_server(0, serve.browser_origins(7474))
    serve.serve_in_background(server)
    yield server
    server.shutdown()
    server.server_close()


def _get(server: ThreadingHTTPServer, path: str, origin: str) -> tuple[str | None, str]:
    url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    request = urllib.request.Request(url, headers={"Origin": origin})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (a loopback http URL)
        return response.headers.get("Access-Control-Allow-Origin"), response.read().decode("utf-8")


def test_browser_origin_may_read_the_guide_and_the_style(guide_server: ThreadingHTTPServer) -> None:
    allowed, guide = _get(guide_server, "/guide.html", "http://127.0.0.1:7474")
    assert allowed == "http://127.0.0.1:7474"
    assert '<article class="guide">' in guide
    allowed, style = _get(guide_server, "/style.grass", "http://localhost:7474")
    assert allowed == "http://localhost:7474"
    assert "node.Customer" in style


def test_the_cors_preflight_allows_the_headers_browser_sends_including_sentrys(
    guide_server: ThreadingHTTPServer,
) -> None:
    url = f"http://127.0.0.1:{guide_server.server_address[1]}/guide.html"
    request = urllib.request.Request(url, method="OPTIONS", headers={
        "Origin": "http://127.0.0.1:7474", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "cache-control,pragma,sentry-trace",
    })  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (a loopback http URL)
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Origin"] == "http://127.0.0.1:7474"
        assert {"pragma", "cache-control", "sentry-trace"} <= {
            h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")
        }


def test_other_origins_get_no_cors_permission(guide_server: ThreadingHTTPServer) -> None:
    allowed, _ = _get(guide_server, "/guide.html", "http://evil.example:7474")
    assert allowed is None


def test_the_play_command_names_the_served_guide(guide_server: ThreadingHTTPServer) -> None:
    port = guide_server.server_address[1]
    assert serve.play_command(guide_server) == f":play http://localhost:{port}/guide.html"
    assert serve.style_command(guide_server) == f":style http://localhost:{port}/style.grass"
