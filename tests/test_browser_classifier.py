"""The sound classifier page in a real Chromium: on a 1280 x 720 projector the Train button lies on
the first screen and no label is cut off, in both languages; a view-only control (the clip
number, the per-clip table) reruns its section and the share link follows it.

Small settings come in through the URL (20 clips per class, 50 steps): layout, not learning.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser_util import open_and_wait, wait_idle
from tests.test_browser import PAGE_TIMEOUT_S

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
SMALL = "classifier_clips=20&classifier_steps=50"
CUT = """() => [...document.querySelectorAll(
    '[data-testid="stWidgetLabel"] p, [data-testid="stMarkdownContainer"] p, button p')]
    .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.textContent)"""


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport=PROJECTOR)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_train_button_is_on_the_first_projector_screen_and_no_label_is_cut(
    server,  # noqa: F811
    projector,
    lang,
):
    open_and_wait(projector, f"{server.base_url}/Sound_classifier?lang={lang}&{SMALL}", 240)
    button = projector.locator('[data-testid="stBaseButton-primary"]').first.bounding_box()
    assert button is not None and button["y"] + button["height"] <= PROJECTOR["height"]
    assert projector.evaluate(CUT) == []


def test_a_view_control_updates_its_section_and_the_share_link(server, projector):  # noqa: F811
    open_and_wait(projector, f"{server.base_url}/Sound_classifier?lang=en&{SMALL}", 240)
    link = projector.locator('[data-testid="stSidebar"] code')
    assert "classifier_clip=" not in link.inner_text()
    clip = projector.locator('[data-testid="stNumberInput"]').filter(has_text="Clip to play")
    clip.locator("button").last.click()  # the "+" step
    projector.get_by_text("Clip 1:").first.wait_for(timeout=PAGE_TIMEOUT_S * 1000)
    wait_idle(projector, PAGE_TIMEOUT_S)
    assert "classifier_clip=1" in link.inner_text()
    assert parse_qs(urlsplit(projector.url).query)["classifier_clip"] == ["1"]
