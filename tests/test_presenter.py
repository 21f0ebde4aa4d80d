"""Presenter mode (lstm_viz/ui/presenter.py and the shell helpers it changes), the share link's
presenter flag and QR code, and the Train button's keyboard shortcut; on the shell demo page."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image

from lstm_viz.ui import controls, shell
from lstm_viz.ui.text import translate

DEMO = "tests/apps/shell_demo.py"
TIMEOUT_S = 20.0
NOTICE_KEYS = ("home.how_to", "home.blurb_adam", "home.blurb_fft")  # the demo's "what to notice"
CONTROL_KEYS = ("home_steps", "home_rate", "home_log", "home_word", "home_gate", "home_window")


@pytest.fixture
def demo(app_test):
    def run(query=None):
        at = app_test(DEMO, TIMEOUT_S, query)
        at.run()
        assert not at.exception, at.exception
        return at

    return run


def settings_expanders(at, lang="en"):
    return [e for e in at.expander if e.label == translate("common.settings", lang)]


def keys_in(block) -> set[str]:
    """The widget keys drawn inside ``block`` (an expander or the whole page)."""
    found = set()
    for kind in ("slider", "number_input", "toggle", "text_input", "selectbox", "radio"):
        found |= {w.key for w in getattr(block, kind) if w.key}
    return found


def shown_notice(at) -> str | None:
    """The one notice shown in presenter mode ("**2 / 3** · ..."), or None."""
    return next((m.value for m in at.markdown if re.match(r"\*\*\d+ / \d+\*\* · ", m.value)), None)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_presenter_mode_folds_the_settings_and_keeps_the_demo_buttons(demo, lang):
    at = demo({"present": "1", "lang": lang})
    [box] = settings_expanders(at, lang)
    assert box.proto.expanded is False  # closed on the projected page
    assert set(CONTROL_KEYS) <= keys_in(box)
    demos = [b.label for b in at.button if b.key and b.key.startswith("_preset_")]
    assert demos == [translate(k, lang) for k in ("home.diagram_forget", "home.diagram_output")]
    assert not any(b.key.startswith("_preset_") for b in box.button if b.key)


def test_without_presenter_mode_the_settings_are_not_folded(demo):
    at = demo()
    assert settings_expanders(at) == []
    assert set(CONTROL_KEYS) <= keys_in(at)


def test_the_sidebar_switch_turns_presenter_mode_on_and_off_and_the_link_follows(demo):
    at = demo({"home_steps": "30"})
    assert at.sidebar.code[0].value == "?lang=en&home_steps=30"
    at.sidebar.toggle(key="_present_switch").set_value(True).run()
    assert at.query_params["present"] == "1"
    assert at.sidebar.code[0].value == "?lang=en&present=1&home_steps=30"
    assert len(settings_expanders(at)) == 1
    at.sidebar.toggle(key="_present_switch").set_value(False).run()
    assert "present" not in at.query_params
    assert at.sidebar.code[0].value == "?lang=en&home_steps=30"
    assert settings_expanders(at) == []


def test_present_0_in_a_link_turns_presenter_mode_off(demo):
    at = demo({"present": "1"})
    at.query_params["present"] = "0"
    at.run()
    assert settings_expanders(at) == [] and at.sidebar.toggle(key="_present_switch").value is False


def test_presenter_mode_follows_the_session_when_the_url_has_no_present(demo):
    # as the language does: a page reached by the Back button or a typed address keeps it
    at = demo({"present": "1"})
    del at.query_params["present"]
    at.run()
    assert len(settings_expanders(at)) == 1
    assert at.sidebar.code[0].value == "?lang=en&present=1"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_presenter_mode_shows_one_notice_at_a_time_and_next_moves_on(demo, lang):
    at = demo({"present": "1", "lang": lang})
    sentences = [translate(k, lang) for k in NOTICE_KEYS]
    next_label = translate("common.next_notice", lang)
    seen = []
    for _ in range(4):  # three points, then back to the first
        seen.append(shown_notice(at))
        next(b for b in at.button if b.label == next_label).click().run()
    order = [0, 1, 2, 0]
    assert seen == [f"**{i + 1} / 3** · {sentences[i]}" for i in order]
    # "Try this" keeps its full list, and no bullet list of every notice is drawn
    assert f"- {translate('home.blurb_gates', lang)}" in [m.value for m in at.markdown]
    assert not any(m.value.startswith(f"- {sentences[0]}") for m in at.markdown)


def test_the_shown_notice_is_kept_per_page_in_the_session(demo):
    at = demo({"present": "1"})
    next(b for b in at.button if b.label == "Next").click().run()
    at.slider(key="home_steps").set_value(25).run()  # another setting: same sentences, same place
    assert shown_notice(at).startswith("**2 / 3**")
    at.sidebar.radio[0].set_value("ko").run()  # the sentences' keys name the box, not their text
    assert shown_notice(at) == f"**2 / 3** · {translate(NOTICE_KEYS[1], 'ko')}"


def test_without_presenter_mode_every_notice_is_a_bullet(demo):
    at = demo()
    bullets = "\n".join(f"- {translate(k, 'en')}" for k in NOTICE_KEYS)
    assert bullets in [m.value for m in at.markdown]
    assert shown_notice(at) is None and "Next" not in [b.label for b in at.button]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_train_has_a_keyboard_shortcut_named_in_its_help(demo, lang):
    at = demo({"lang": lang})
    train = next(b for b in at.button if b.label == translate("common.train", lang))
    assert train.proto.shortcut == shell.TRAIN_SHORTCUT.lower()
    assert train.help == translate("common.train_shortcut_help", lang, shortcut="T")


def decode_qr(png: bytes) -> list[str]:
    """The texts of the QR codes in a PNG, read by zxing-cpp (not the library that drew it)."""
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize(
    "query",
    [{}, {"present": "1", "lang": "ko", "home_steps": "35", "home_word": "한글 and spaces & ?"}],
    ids=["defaults", "presenting_with_settings"],
)
def test_the_qr_code_decodes_to_the_share_link(demo, query):
    at = demo(query)
    link = at.sidebar.code[0].value
    [image] = at.sidebar.get("image")
    assert image.proto.imgs[0].url.endswith(".png")  # lossless: no JPEG blur on the modules
    assert decode_qr(controls._qr_png(link)) == [link]


def test_a_long_link_still_fits_a_qr_code_a_phone_reads():
    link = "http://192.168.0.10:8501/Sound_classifier?" + "&".join(
        f"classifier_setting_{i}={i * 1000}" for i in range(12)
    )
    code = controls.share_qr(link)
    assert code.error in ("M", "Q", "H") and code.version <= 15
    assert decode_qr(controls._qr_png(link)) == [link]
