"""Drive a real Chromium against `streamlit run`: start the server, wait for idle, check charts.

Facts checked against streamlit 1.67's frontend bundle and Debian's Chromium:
- `[data-testid="stApp"]` carries `data-test-script-state`: "initial" before the first run,
  then "running" while the script runs and "notRunning" when it is done.
- Charts are `[data-testid="stVegaLiteChart"]` (st.altair_chart / st.vega_lite_chart) and
  `[data-testid="stGraphVizChart"]`; both draw a moment after the script ends, into a `canvas`
  or an `svg`. An uncaught exception is `[data-testid="stException"]`.
- The page scrolls inside `[data-testid="stMain"]`, so a full-page screenshot stops at the
  viewport: grow the viewport to the content height first.
- Streamlit derives a page's URL from its file name (`pages/1_LSTM_gates.py` -> `/LSTM_gates`);
  `streamlit.source_util.page_icon_and_name` is that rule.

Never `playwright install` (it downloads a browser): launch Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "apt-get install -y chromium fonts-nanum"
APP_STATE = '[data-testid="stApp"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHARTS = '[data-testid="stVegaLiteChart"], [data-testid="stGraphVizChart"]'
BUSY = '[data-testid="stSpinner"], [data-testid="stSkeleton"], [data-testid="stStatusWidget"]'
EXCEPTION = '[data-testid="stException"]'
MAX_SCREENSHOT_HEIGHT = 12_000  # px


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    log_path: Path

    def log_tail(self, n: int = 40) -> str:
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-n:])


@dataclass(frozen=True)
class AppPage:
    name: str  # for file names: "home", "LSTM_gates"
    path: str  # URL path: "/", "/LSTM_gates"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(app_dir: Path, log_path: Path, timeout_s: float = 60.0) -> Server:
    """`streamlit run app.py` on 127.0.0.1 at a free port; returns once /_stcore/health is ok."""
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w")
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port)]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    process = subprocess.Popen(command, cwd=app_dir, stdout=log, stderr=subprocess.STDOUT, env=env)
    server = Server(process, f"http://127.0.0.1:{port}", log_path)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.base_url + "/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"streamlit was not healthy within {timeout_s} s:\n{server.log_tail()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def discover_pages(app_dir: Path) -> list[AppPage]:
    """Home plus every pages/*.py, in Streamlit's order, with the URL path Streamlit gives it."""
    from streamlit.source_util import page_icon_and_name

    found = [AppPage("home", "/")]
    for script in sorted((app_dir / "pages").glob("*.py")):
        name = page_icon_and_name(script)[1]
        if name:
            found.append(AppPage(name, f"/{name}"))
    return found


def wait_idle(page, timeout_s: float) -> None:
    """Wait until the script has run and stopped, nothing is loading and that holds for 0.3 s."""
    deadline = time.monotonic() + timeout_s
    settled_since = None
    while time.monotonic() < deadline:
        idle = page.query_selector(IDLE) is not None and page.query_selector(BUSY) is None
        if idle:
            settled_since = settled_since or time.monotonic()
            if time.monotonic() - settled_since >= 0.3:
                return
        else:
            settled_since = None
        time.sleep(0.05)
    state = page.get_attribute(APP_STATE, "data-test-script-state")
    raise TimeoutError(f"page not idle after {timeout_s} s (script state {state!r})")


def undrawn_charts(page) -> int:
    """How many charts have no canvas or svg inside yet."""
    return page.eval_on_selector_all(
        CHARTS, "els => els.filter(e => !e.querySelector('canvas, svg')).length"
    )


def wait_charts_drawn(page, timeout_s: float) -> int:
    """Wait until every chart holds a canvas or svg; returns the number of charts."""
    deadline = time.monotonic() + timeout_s
    while undrawn_charts(page) and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(page.query_selector_all(CHARTS))


def open_and_wait(page, url: str, timeout_s: float) -> float:
    """Open ``url`` and wait until idle with every chart drawn; returns the seconds that took."""
    start = time.monotonic()
    page.goto(url)
    wait_idle(page, timeout_s)
    wait_charts_drawn(page, timeout_s)
    return time.monotonic() - start


def full_page_screenshot(page, path: Path) -> None:
    """Grow the viewport to the scrolled content (stMain, sidebar) and save a PNG."""
    height = page.evaluate(
        """() => Math.max(...['[data-testid="stMain"]', '[data-testid="stSidebarContent"]']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"""
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(MAX_SCREENSHOT_HEIGHT, height + 40)})
    time.sleep(0.3)  # charts with width="container" re-layout after a resize
    wait_charts_drawn(page, 5.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


SERVE_TIMEOUT_S = 120.0  # a hang guard for the first page of a fresh server (imports, warm-up)


def unavailable(reason: str) -> None:
    """Skip a browser test where Chromium or Playwright is missing, except in CI: fail there."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser tests (install: {INSTALL_HINT})")
    pytest.skip(f"{reason}; install it with: {INSTALL_HINT}")


def launch_browser():
    """Debian's Chromium through Playwright, for a fixture to yield (one per test session:
    Playwright's sync API runs one instance per process)."""
    if not CHROMIUM.exists():
        unavailable(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def serve_app(browser, app_dir: Path, log_path: Path):
    """``streamlit run`` for a fixture to yield, its first page opened once (imports)."""
    running = start_server(app_dir, log_path)
    try:
        warm = browser.new_page(viewport={"width": 1400, "height": 900})
        open_and_wait(warm, running.base_url + "/", SERVE_TIMEOUT_S)
        warm.close()
        yield running
    finally:
        stop_server(running)
