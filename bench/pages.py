"""Browser benchmark of every page: time to idle and chart specs sent, cold and warm.

    .venv/bin/python -m bench.pages [--runs 3] [--width 1280 --height 720]

For each visit kind, a fresh ``streamlit run`` process serves every page once per run:
- ``cold``: an empty run cache (the first visit after a code change, nobody warmed it);
- ``warm``: the cache filled by ``python -m lstm_viz.warm`` first (what ``make run`` does).
Each page is opened in a new Chromium tab (Debian's /usr/bin/chromium, as the browser tests) and
timed until the script is idle and every chart is drawn. ``charts_sent`` counts the websocket
messages that carry a chart spec (a whole spec: a chart drawn or redrawn); ``view_s`` is the time
to idle after one step of the page's view-only slider (where it has one). One line per page and
visit, medians over ``--runs``:

    bench page=<id> visit=<cold|warm> idle_s=<x> charts_sent=<n> view_s=<x> load=<1-min load>
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser_util import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    discover_pages,
    open_and_wait,
    start_server,
    stop_server,
    wait_idle,
)

# The page's view-only slider (its widget key): one arrow-key step reruns only its section.
VIEW_SLIDERS = {
    "LSTM_gates": "gates_example",
    "FFT_spectrogram": "fft_frame",
    "Sound_classifier": "classifier_clip",
}
CHART_MARK = b'"mark"'  # every Vega-Lite spec has a mark; one websocket message per element
TIMEOUT_S = 300.0


def load() -> float:
    return os.getloadavg()[0]


def visit(browser, base_url: str, page_info, size) -> tuple[float, int, float]:
    tab = browser.new_page(viewport=size)
    sent = [0]

    def on_socket(ws):
        ws.on("framereceived", lambda frame: _count(frame, sent))

    tab.on("websocket", on_socket)
    idle_s = open_and_wait(tab, f"{base_url}{page_info.path}", TIMEOUT_S)
    charts = sent[0]
    view_s = float("nan")
    key = VIEW_SLIDERS.get(page_info.name)
    thumb = tab.query_selector(f".st-key-{key} [role='slider']") if key else None
    if thumb is not None:
        thumb.focus()
        start = time.monotonic()
        tab.keyboard.press("ArrowRight")
        time.sleep(0.1)  # the rerun starts after the key's debounce
        wait_idle(tab, TIMEOUT_S)
        view_s = time.monotonic() - start
    tab.close()
    return idle_s, charts, view_s


def _count(frame, sent: list[int]) -> None:
    data = frame if isinstance(frame, bytes | str) else frame.get("payload", b"")
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    sent[0] += CHART_MARK in data


def measure(kind: str, runs: int, size: dict) -> dict[str, list[tuple[float, int, float]]]:
    from playwright.sync_api import sync_playwright

    results: dict[str, list[tuple[float, int, float]]] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env_cache = {"LSTM_LAB_CACHE": cache}
            if kind == "warm":
                subprocess.run(
                    [sys.executable, "-m", "lstm_viz.warm"],
                    cwd=ROOT,
                    env={**os.environ, **env_cache},
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            os.environ.update(env_cache)  # the server inherits it
            server = start_server(ROOT, Path(cache) / "server.log")
            try:
                with sync_playwright() as pw:
                    browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                    for page_info in discover_pages(ROOT):
                        results.setdefault(page_info.name, []).append(
                            visit(browser, server.base_url, page_info, size)
                        )
                    browser.close()
            finally:
                stop_server(server)
                os.environ.pop("LSTM_LAB_CACHE", None)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--visits", default="cold,warm")
    args = parser.parse_args()
    size = {"width": args.width, "height": args.height}
    for kind in args.visits.split(","):
        for name, rows in measure(kind, args.runs, size).items():
            idle = statistics.median(r[0] for r in rows)
            charts = statistics.median(r[1] for r in rows)
            view = statistics.median(r[2] for r in rows)
            print(
                f"bench page={name} visit={kind} idle_s={idle:.2f} charts_sent={charts:.0f} "
                f"view_s={view:.2f} load={load():.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
