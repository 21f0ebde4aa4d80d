"""Hostile links: URL values no control can hold are dropped before the control reads them, and a
page that fails anyway resets its own settings and says so in one sentence.

The stand-in page tests/apps/hostile_controls.py reads each lab's integer number boxes under the
lab's real keys (``gates_seed``, ``gradients_seed``, ``adam_seed``, ``fft_seed``,
``classifier_seed``, ``classifier_clip``) plus one control of every other kind; the FFT page is
also opened for real. Streamlit 1.67's integer number box raised OverflowError on ``inf``,
``-inf`` and ``1e400`` while seeding from the URL, and the value stayed in the URL.
"""

from __future__ import annotations

import pytest

from lstm_viz.ui.text import translate

DEMO = "tests/apps/hostile_controls.py"
HOSTILE_NUMBERS = ["inf", "-inf", "1e400", "nan", "Infinity", "1e30", "-1"]
INTEGER_BOXES = [
    ("gates", "gates_seed"),
    ("gradients", "gradients_seed"),
    ("adam", "adam_seed"),
    ("fft", "fft_seed"),
    ("classifier", "classifier_seed"),
    ("classifier", "classifier_clip"),
]
DEFAULTS = "values: 0 0.1 200 0.0 False abc forget"


def open_demo(app_test, monkeypatch, lab: str, query: dict[str, str | list[str]]):
    monkeypatch.setenv("HOSTILE_LAB", lab)
    at = app_test(DEMO, query={"lang": "en", **query})
    at.run()
    return at


def values_line(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("values: "))


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
@pytest.mark.parametrize(("lab", "key"), INTEGER_BOXES)
def test_a_number_box_drops_a_value_it_cannot_hold(app_test, monkeypatch, lab, key, value):
    at = open_demo(app_test, monkeypatch, lab, {key: value})
    assert not at.exception
    assert at.error == [] and at.warning == []
    assert at.number_input(key=key).value == 0  # the default
    assert key not in at.query_params  # gone from the URL, so a reload is clean too
    assert at.sidebar.code[0].value == "?lang=en"  # the share link carries no bad value
    at.run()  # a rerun in the same session (what a reload's first run does with the state)
    assert not at.exception and at.number_input(key=key).value == 0


@pytest.mark.parametrize(("lab", "key"), INTEGER_BOXES)
def test_a_number_box_keeps_a_value_it_can_hold(app_test, monkeypatch, lab, key):
    at = open_demo(app_test, monkeypatch, lab, {key: "7"})
    assert not at.exception and at.error == []
    assert at.number_input(key=key).value == 7
    assert f"{key}=7" in at.sidebar.code[0].value


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("gates_rate", "inf"),  # float number box
        ("gates_rate", "-1e400"),
        ("gates_rate", "nan"),
        ("gates_steps", "inf"),  # integer slider
        ("gates_steps", "1e400"),
        ("gates_bias", "-inf"),  # float slider
        ("gates_bias", "nan"),
        ("gates_log", "maybe"),  # toggle
        ("gates_log", "inf"),
        ("gates_word", "x" * 500),  # text over max_chars
        ("gates_gate", "nope"),  # select
        ("gates_seed", ["1", "2"]),  # repeated
        ("gates_steps", ["100", "150"]),
        ("gates_log", ["true", "false"]),
    ],
)
def test_every_control_kind_drops_a_value_it_cannot_hold(app_test, monkeypatch, key, value):
    at = open_demo(app_test, monkeypatch, "gates", {key: value})
    assert not at.exception and at.error == [] and at.warning == []
    assert values_line(at) == DEFAULTS
    assert key not in at.query_params


def test_good_values_of_every_kind_are_kept(app_test, monkeypatch):
    query = {
        "gates_seed": "42",
        "gates_rate": "0.5",
        "gates_steps": "300",
        "gates_bias": "-1.5",
        "gates_log": "true",
        "gates_word": "hello",
        "gates_gate": "input",
    }
    at = open_demo(app_test, monkeypatch, "gates", query)
    assert not at.exception and at.error == []
    assert values_line(at) == "values: 42 0.5 300 -1.5 True hello input"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_page_that_fails_resets_its_link_settings_and_says_so(app_test, monkeypatch, lang):
    query = {"lang": lang, "gates_crash": "true", "gates_seed": "5", "gates_word": "hi"}
    at = open_demo(app_test, monkeypatch, "gates", query)
    assert not at.exception and at.error == []
    assert [w.value for w in at.warning] == [translate("common.link_reset", lang)]
    assert values_line(at) == DEFAULTS  # drawn at the defaults, on the run after the reset
    assert dict(at.query_params) == {"lang": lang}
    at.run()  # the sentence was for that one reset
    assert at.warning == [] and values_line(at) == DEFAULTS


def test_a_setting_that_breaks_the_page_is_reset_too(app_test, monkeypatch):
    at = open_demo(app_test, monkeypatch, "gates", {"gates_seed": "5"})
    at.toggle(key="gates_crash").set_value(True).run()
    assert not at.exception and at.error == []
    assert [w.value for w in at.warning] == [translate("common.link_reset", "en")]
    assert at.toggle(key="gates_crash").value is False
    assert values_line(at) == DEFAULTS


def test_a_page_that_fails_at_its_defaults_shows_one_sentence_without_looping(app_test):
    at = app_test("tests/apps/shell_demo.py", query={"home_word": ""})  # an error by design
    at.run()
    assert [e.value for e in at.error] == [translate("common.unexpected_error", "en")]


@pytest.mark.parametrize("value", ["inf", "-inf", "1e400"])
def test_the_fft_page_opens_at_its_default_seed(app_test, value):
    at = app_test("pages/4_FFT_spectrogram.py", timeout=60, query={"fft_seed": value})
    at.run()
    assert not at.exception and at.error == []
    assert at.number_input(key="fft_seed").value == 0
    assert "fft_seed" not in at.query_params
    assert len(at.get("vega_lite_chart")) > 0
