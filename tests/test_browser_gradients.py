"""The gradients page on a classroom projector (1280 x 720), in a real Chromium, both languages:
the first screen shows part 1's main chart, and no metric label, button or widget label is cut.

Chart titles are drawn on a canvas, so their width is checked where it is decided: the titles
are short enough for the chart's column (tests/test_gradients_charts.py). Screenshots of the
first screen go to build/screenshots/gradients_1280_<lang>.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_util import (
    CHARTS,
    EXCEPTION,
    open_and_wait,
    start_server,
    stop_server,
    wait_idle,
)
from tests.test_browser import PAGE_TIMEOUT_S, ROOT, browser  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
CUT = """els => els.filter(e => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""
TEXTS = (
    '[data-testid="stMetricLabel"] *, [data-testid="stWidgetLabel"] *, '
    '[data-testid="stButton"] *, [data-testid="stExpander"] summary *'
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("gradients_server") / "server.log"
    running = start_server(ROOT, log)
    yield running
    stop_server(running)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_first_screen_shows_the_main_chart_and_nothing_is_cut(browser, server, lang):  # noqa: F811
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    open_and_wait(page, f"{server.base_url}/Gradients?lang={lang}", PAGE_TIMEOUT_S)
    assert page.query_selector(EXCEPTION) is None
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(shots, f"gradients_1280_{lang}.png")))
    chart = page.locator(CHARTS).first.bounding_box()
    # its title and the upper part of the plot lie on the first screen (measured top: 375 px)
    assert chart["y"] + 200 <= PROJECTOR["height"]
    assert page.eval_on_selector_all(TEXTS, CUT) == []
    context.close()


def test_a_part_1_slider_reruns_part_1_alone_and_the_share_link_follows(browser, server):  # noqa: F811
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    open_and_wait(page, f"{server.base_url}/Gradients?lang=en&gradients_lag=45", PAGE_TIMEOUT_S)
    charts_before = page.locator(CHARTS).count()
    # the page's first slider is T, the first control of part 1's settings
    page.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    page.keyboard.press("ArrowRight")  # T = 100 -> 110 (step 10)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stSidebar"] code')]
            .some(e => e.textContent.includes('gradients_len=110'))""",
        timeout=PAGE_TIMEOUT_S * 1000,
    )
    wait_idle(page, PAGE_TIMEOUT_S)
    link = page.locator('[data-testid="stSidebar"] code').first.text_content()
    assert "gradients_lag=45" in link  # a part 2 control, recorded on the full run before
    assert page.query_selector(EXCEPTION) is None
    assert page.locator(CHARTS).count() == charts_before  # part 2's "press Train" state stays
    context.close()
