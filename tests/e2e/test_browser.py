"""An analyst in Neo4j Browser: connects to the test server, plays the project's guide, sets a library
query's parameters with `:param` and sees its result. Headless Debian Chromium, driven by Playwright
(never Playwright's own browser download). Screenshots go to artifacts/browser/ (git-ignored);
docs/images/ holds copies from a run.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import neo4j
import pytest
from playwright.sync_api import Locator, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from c360.bootstrap import neo4j_auth
from c360.browser import serve
from c360.browser.guide import params_command
from c360.settings import Settings
from cypher.catalog import LibraryQuery, library
from tests.builders import PLANTED_WEAK_AUTH_TXN

pytestmark = pytest.mark.neo4j

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
#: The flags a headless Chromium needs in a container, and none of its calls home.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is a dev dependency: pip install -e .[dev]"
)


@pytest.fixture(scope="module")
def page(neo4j_server: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    if not Path(CHROMIUM).exists():
        # scripts/test installs it (ensure_chromium); only a hand-run suite can miss it.
        pytest.skip("Debian chromium is not installed (apt-get install chromium chromium-driver)")
    if not neo4j_server.uses_local_neo4j:
        pytest.skip("Browser is served by the local test server; NEO4J_URI points elsewhere")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # a fresh --user-data-dir
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
        )  # fmt: skip
        try:
            yield _connected(browser.new_page(), neo4j_server)
        finally:
            browser.close()


@pytest.fixture(scope="module")
def guide_server(neo4j_server: Settings) -> Iterator[ThreadingHTTPServer]:
    server = serve.make_server(0, serve.browser_origins(neo4j_server.neo4j_http_port))
    serve.serve_in_background(server)
    yield server
    server.shutdown()
    server.server_close()


def _connected(page: Page, settings: Settings) -> Page:
    user, password = neo4j_auth(settings)
    page.goto(f"http://127.0.0.1:{settings.neo4j_http_port}/browser/")
    page.get_by_test_id("connect").wait_for(timeout=60_000)
    page.locator("select").first.select_option("bolt://")
    page.get_by_test_id("boltaddress").fill(f"127.0.0.1:{settings.neo4j_bolt_port}")
    page.get_by_test_id("username").fill(user)
    page.get_by_test_id("password").fill(password)
    page.get_by_test_id("connect").click()
    page.get_by_text("You are connected as user").wait_for(timeout=30_000)
    return page


def _see(page: Page, locator: Locator, shot: str, timeout: float = 30_000) -> None:
    """Wait until `locator` is visible; on a timeout, keep a screenshot of what was there instead."""
    try:
        locator.filter(visible=True).first.wait_for(timeout=timeout)
    except PlaywrightTimeoutError:
        page.screenshot(path=str(ARTIFACTS / f"FAILED-{shot}.png"))
        raise


def _run(page: Page, command: str) -> None:
    """Type into the main editor as a person pastes (newlines kept) and press its run button."""
    page.locator("#monaco-main-editor").click()
    page.keyboard.insert_text(command)
    page.get_by_test_id("editor-Run").click()


def _set_params(page: Page, query: LibraryQuery) -> None:
    """The guide's `:param` block, then `:params` until it shows them all: Browser evaluates each
    `:param` on the server asynchronously, so a query run at once can beat the last one (a person
    clicking the next block never does)."""
    _run(page, params_command(query))
    last = query.params[-1]
    for _attempt in range(10):
        _run(page, ":params")
        try:
            page.get_by_text(f'"{last.name}": {json.dumps(last.example)}').first.wait_for(timeout=2_000)
            return
        except PlaywrightTimeoutError:
            continue
    page.screenshot(path=str(ARTIFACTS / "FAILED-params.png"))
    pytest.fail(f"Browser never showed parameter {last.name} as set")


def test_the_guide_plays_and_the_style_loads_from_the_loopback_server(
    page: Page, guide_server: ThreadingHTTPServer
) -> None:
    _run(page, serve.play_command(guide_server))
    _see(page, page.get_by_text("Customer Graph 360: exploring the bank graph"), "guide")
    # Every slide arrived: intro, model, identifiers, one per library query, where next.
    _see(page, page.get_by_text(f"1 / {len(library()) + 4}", exact=True), "guide-slides")
    page.wait_for_timeout(1_000)  # a new frame slides in; let it settle before the picture
    page.screenshot(path=str(ARTIFACTS / "guide.png"))
    _run(page, serve.style_command(guide_server))
    # Browser shows the style it now uses: our Customer caption is in it.
    _see(page, page.get_by_text("{full_name}"), "style")


def test_an_analyst_runs_a_library_query_with_params_and_sees_its_rows(
    page: Page, library_graph: neo4j.Driver
) -> None:
    query = library()["find_weak_auth_high_value_transfers"]
    _set_params(page, query)
    _run(page, query.cypher)
    _see(page, page.get_by_text(f'"{PLANTED_WEAK_AUTH_TXN}"'), "table")
    for column in query.column_names:
        assert page.get_by_text(column, exact=True).first.is_visible(), column
    assert page.get_by_text('"otp_sms"').first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "library-query-table.png"))


def test_a_money_cycle_is_drawn_as_a_graph(page: Page, library_graph: neo4j.Driver) -> None:
    query = library()["find_money_cycles"]
    _set_params(page, query)
    _run(page, query.cypher)
    # The graph view draws nodes as SVG groups; the planted cycle has three accounts.
    _see(page, page.locator("svg g.node").nth(2), "graph")
    page.screenshot(path=str(ARTIFACTS / "library-query-graph.png"))
