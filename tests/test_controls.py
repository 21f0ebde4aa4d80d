"""URL-bound controls, presets and the share link, driven through the shell demo page in AppTest.

The demo page (tests/apps/shell_demo.py) prints ``values: <steps> <rate> <log> <word> <gate>
<window>`` after its controls; the share link is the sidebar's code block. AppTest has no browser,
so its share link is the query string alone (the browser test checks the full URL).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz.ui.text import translate

DEMO = "tests/apps/shell_demo.py"
TIMEOUT_S = 20.0
DEFAULTS = "values: 20 0.1 False abc forget 10 ms"


@pytest.fixture
def demo(app_test):
    def run(query=None):
        at = app_test(DEMO, TIMEOUT_S, query)
        at.run()
        assert not at.exception, at.exception
        return at

    return run


def values_line(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("values: "))


def share_params(at) -> dict[str, list[str]]:
    return parse_qs(urlsplit(at.sidebar.code[0].value).query)


def test_defaults_leave_only_the_language_in_the_share_link(demo):
    at = demo()
    assert values_line(at) == DEFAULTS
    assert share_params(at) == {"lang": ["en"]}


def test_url_parameters_set_every_kind_of_control(demo):
    query = {
        "lang": "ko",
        "home_steps": "40",
        "home_rate": "0.5",
        "home_log": "true",
        "home_word": "a+b",
        "home_gate": "output",
        "home_window": "100 ms",
    }
    at = demo(query)
    assert values_line(at) == "values: 40 0.5 True a+b output 100 ms"
    assert share_params(at) == {key: [value] for key, value in query.items()}


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("home_steps", "banana"),
        ("home_steps", "500"),  # above the slider's maximum
        ("home_rate", "-1"),  # below the number input's minimum
        ("home_log", "maybe"),
        ("home_gate", "nope"),
        ("home_gate", translate("home.diagram_output", "en")),  # a label is not an option id
        ("home_window", "5 ms"),
    ],
)
def test_invalid_url_values_are_ignored(demo, key, bad):
    at = demo({key: bad})
    assert values_line(at) == DEFAULTS
    assert share_params(at) == {"lang": ["en"]}


def test_a_select_keeps_its_option_id_in_the_url_in_either_language(demo):
    at = demo()
    at.selectbox(key="home_gate").set_value("output").run()
    assert share_params(at)["home_gate"] == ["output"]
    at.sidebar.radio[0].set_value("ko").run()
    assert at.selectbox(key="home_gate").value == "output"
    assert at.selectbox(key="home_gate").options == [
        translate(f"home.diagram_{gate}", "ko") for gate in ("forget", "input", "output")
    ]
    assert share_params(at) == {"lang": ["ko"], "home_gate": ["output"]}


def test_switching_the_language_keeps_every_control(demo):
    at = demo()
    at.slider(key="home_steps").set_value(35)
    at.number_input(key="home_rate").set_value(0.25)
    at.toggle(key="home_log").set_value(True)
    at.text_input(key="home_word").set_value("xy").run()
    at.sidebar.radio[0].set_value("ko").run()
    assert values_line(at) == "values: 35 0.25 True xy forget 10 ms"
    assert at.slider(key="home_steps").label == translate("common.step", "ko")


def test_a_preset_sets_its_controls_and_marks_itself(demo):
    at = demo()
    at.button[0].click().run()  # the "forget gate" demo: 10 steps, log on, gate forget
    assert values_line(at) == "values: 10 0.1 True abc forget 10 ms"
    assert share_params(at) == {"lang": ["en"], "home_steps": ["10"], "home_log": ["true"]}
    assert [b.proto.icon for b in at.button[:2]] == [":material/check:", ""]


def test_a_control_moved_after_a_preset_keeps_its_new_value(demo):
    at = demo()
    at.button[1].click().run()  # the "output gate" demo
    at.slider(key="home_steps").set_value(45).run()
    assert values_line(at) == "values: 45 0.1 False abc output 10 ms"


def page_with_control(key: str, twice: bool = False) -> None:
    from lstm_viz.ui import controls, shell

    shell.page_setup("gates")
    controls.slider(key, "common.step", 1, 10, 5)
    if twice:
        controls.slider(key, "common.step", 1, 10, 5)


@pytest.mark.parametrize(
    ("key", "twice", "message"),
    [
        ("x_steps", False, "must start with 'gates_'"),
        ("lang", False, "must start with 'gates_'"),
        ("gates_steps", True, "used twice"),
    ],
)
def test_a_control_key_outside_the_page_rules_is_refused(key, twice, message):
    at = AppTest.from_function(page_with_control, args=(key, twice), default_timeout=TIMEOUT_S)
    at.run()
    assert message in at.exception[0].message


VALUE_WIDGETS = (
    "slider select_slider selectbox radio number_input text_input text_area toggle checkbox "
    "multiselect segmented_control pills date_input time_input color_picker"
).split()
PAGE_FILES = sorted(Path(__file__).resolve().parents[1].glob("pages/*.py"))


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_make_their_controls_through_the_helpers(path):
    # A control made with st.slider & co. directly would be missing from the share link.
    direct = re.findall(rf"\bst\.(?:sidebar\.)?({'|'.join(VALUE_WIDGETS)})\(", path.read_text())
    assert direct == [], f"{path.name} calls st.{direct[0]}: use lstm_viz.ui.controls instead"
