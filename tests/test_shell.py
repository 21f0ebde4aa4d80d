"""The page frame: result cache, training progress, the error guard and the page skeleton."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lstm_viz.ui import shell
from lstm_viz.ui.text import translate

ROOT = Path(__file__).resolve().parents[1]
DEMO = "tests/apps/shell_demo.py"
TIMEOUT_S = 20.0
NOTICE_KEYS = ("home.how_to", "home.blurb_adam", "home.blurb_fft")  # the demo's "what to notice"


@pytest.fixture
def demo(app_test):
    def run(query=None):
        at = app_test(DEMO, TIMEOUT_S, query)
        at.run()
        assert not at.exception, at.exception
        return at

    return run


def computations() -> int:
    log = Path(os.environ["LSTM_LAB_CACHE"]).parent / "computations"
    return len(log.read_text().splitlines()) if log.exists() else 0


def trained_line(at) -> str | None:
    return next((m.value for m in at.markdown if m.value.startswith("trained: ")), None)


def test_train_runs_once_then_a_language_switch_reuses_the_result(demo):
    at = demo({"home_steps": "10", "home_rate": "0.5"})
    assert trained_line(at) is None
    train = next(b for b in at.button if b.label == translate("common.train", "en"))
    train.click().run()
    assert trained_line(at) == f"trained: 10 steps, final loss {np.exp(-5.0):.6f}"
    assert at.get("progress") == []  # the bar and the live chart are gone once training ends
    at.sidebar.radio[0].set_value("ko").run()
    assert trained_line(at) == f"trained: 10 steps, final loss {np.exp(-5.0):.6f}"
    assert computations() == 1


def test_new_settings_need_a_new_training_run(demo):
    at = demo()
    next(b for b in at.button if b.label == translate("common.train", "en")).click().run()
    at.slider(key="home_steps").set_value(25).run()
    assert trained_line(at) is None
    at.slider(key="home_steps").set_value(20).run()  # back to the trained settings: no training
    assert trained_line(at) == f"trained: 20 steps, final loss {np.exp(-2.0):.6f}"
    assert computations() == 1


def test_a_new_server_process_finds_the_run_on_disk(demo):
    at = demo({"home_steps": "10", "home_rate": "0.5"})
    next(b for b in at.button if b.label == translate("common.train", "en")).click().run()
    st.cache_data.clear()  # what a restarted server has: nothing in memory, the disk cache
    at = demo({"home_steps": "10", "home_rate": "0.5"})
    assert trained_line(at) == f"trained: 10 steps, final loss {np.exp(-5.0):.6f}"
    assert computations() == 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_unexpected_error_resets_the_page_and_says_so_in_one_sentence(demo, lang):
    at = demo({"home_crash": "true", "lang": lang})
    assert at.error == [] and not at.exception
    assert [w.value for w in at.warning] == [translate("common.link_reset", lang)]
    assert at.toggle(key="home_crash").value is False  # the link's setting was dropped
    assert at.sidebar.code[0].value == f"?lang={lang}"  # code after the guard still ran


def test_show_error_gives_the_sentence_it_is_handed(demo):
    at = demo({"home_word": ""})
    assert [e.value for e in at.error] == [translate("common.unexpected_error", "en")]


def test_page_skeleton_title_intro_notice_and_try(demo):
    at = demo({"lang": "ko"})
    assert at.title[0].value == translate("common.page_home", "ko")
    assert at.markdown[0].value == translate("home.intro", "ko")
    assert [s.value for s in at.subheader] == ["눈여겨볼 점", "해 보기"]
    notices = "\n".join(f"- {translate(k, 'ko')}" for k in NOTICE_KEYS)
    assert notices in [m.value for m in at.markdown]


def notices_page(notice_items, try_items) -> None:
    from lstm_viz.ui import shell

    shell.page_setup("home")
    shell.notice_and_try(notice_items, try_items)


def notice_box(notice_items, try_items, lang: str) -> AppTest:
    at = AppTest.from_function(
        notices_page, args=(notice_items, try_items), default_timeout=TIMEOUT_S
    )
    at.query_params["lang"] = lang
    at.run()
    return at


@pytest.mark.parametrize(
    ("lang", "progress", "accuracy"),
    [
        ("en", "Step 3 of 10 · loss 0.5", "accuracy 93.5 %"),
        ("ko", "10 단계 중 3 단계 · 손실 0.5", "정확도 93.5 %"),
    ],
)
def test_notice_items_are_keys_or_keys_with_this_runs_numbers(lang, progress, accuracy):
    at = notice_box(
        [("common.progress", {"step": 3, "total": 10, "loss": "0.5"}), "common.train"],
        [("common.progress_accuracy", {"accuracy": "93.5"})],
        lang,
    )
    assert not at.exception, at.exception
    bullets = [m.value for m in at.markdown]
    train = {"en": "Train", "ko": "학습"}[lang]
    assert bullets == [f"- {progress}\n- {train}", f"- {accuracy}"]


def test_an_empty_list_leaves_its_box_out():
    at = notice_box(["common.train"], [], "en")
    assert [s.value for s in at.subheader] == ["What to notice"]
    assert [m.value for m in at.markdown] == ["- Train"]


@pytest.mark.parametrize(
    "item",
    [("common.progress", "step=3"), ("common.progress",), ["common.progress", {}], 3],
    ids=["text_not_mapping", "no_numbers", "list_not_tuple", "number"],
)
def test_a_malformed_notice_item_is_refused_before_anything_is_drawn(item):
    at = notice_box(["common.train", item], [], "en")
    assert "A notice item is a catalogue key or (key, {placeholders})" in at.exception[0].message
    assert at.subheader == []  # nothing half-drawn


def stop_inside_guard() -> None:
    import streamlit as st

    from lstm_viz.ui import shell

    shell.page_setup("home")
    with shell.guard():
        st.markdown("before")
        st.stop()
    st.markdown("after")


def test_guard_lets_streamlit_stop_through():
    at = AppTest.from_function(stop_inside_guard, default_timeout=TIMEOUT_S)
    at.run()
    assert [m.value for m in at.markdown if m.value in {"before", "after"}] == ["before"]
    assert at.error == [] and not at.exception


@pytest.mark.parametrize("page", shell.PAGES, ids=lambda p: p.page_id)
def test_every_registered_page_is_a_lab_of_one_name_with_a_numbered_file(page):
    ids = [p.page_id for p in (shell.HOME, *shell.PAGES)]
    assert ids.count(page.page_id) == 1
    assert (ROOT / "lstm_viz" / "labs" / page.page_id / "strings.py").is_file()
    assert page.file.startswith("pages/") and page.file.split("/")[1][0].isdigit()


def nav_links(at) -> list[tuple[str, str, str]]:
    """(label, URL path, query string) of each sidebar navigation link."""
    return [
        (l.proto.label, l.proto.page, l.proto.query_string) for l in at.sidebar.get("page_link")
    ]


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["Home", "LSTM gates", "Vanishing and exploding gradients", "Adam's bias correction",
                "FFT spectrogram", "Sound classifier"]),
        ("ko", ["홈", "LSTM 게이트", "기울기 소실과 기울기 폭주", "Adam의 편향 보정",
                "FFT 스펙트로그램", "소리 분류기"]),
    ],
)  # fmt: skip
def test_navigation_names_every_page_in_the_language_and_links_keep_it(app_test, lang, names):
    at = app_test("app.py", TIMEOUT_S, {"lang": lang})
    at.run()
    assert not at.exception, at.exception
    # Streamlit's URL paths: "" is home, then each file name without its number and ".py".
    paths = ["", "LSTM_gates", "Gradients", "Adam", "FFT_spectrogram", "Sound_classifier"]
    assert nav_links(at) == [
        (name, path, f"lang={lang}") for name, path in zip(names, paths, strict=True)
    ]


def test_navigation_follows_the_language_switch(app_test):
    at = app_test("app.py", TIMEOUT_S)
    at.run()
    at.sidebar.radio[0].set_value("ko").run()
    assert [label for label, _, query in nav_links(at)][:2] == ["홈", "LSTM 게이트"]
    assert {query for _, _, query in nav_links(at)} == {"lang=ko"}


def test_a_page_run_alone_draws_no_navigation_and_no_error(demo):
    # AppTest.from_file on one page file: Streamlit knows no app.py to link to.
    at = demo({"lang": "ko"})
    assert nav_links(at) == [] and at.sidebar.get("divider") == []
    assert at.sidebar.radio[0].value == "ko"  # the rest of the sidebar is still there


def test_navigation_leaves_out_a_page_whose_file_is_missing(tmp_path):
    # An install with only one teaching page: home and that page are linked, nothing else.
    shutil.copy(ROOT / "app.py", tmp_path / "app.py")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "3_Adam.py").write_text(
        "from lstm_viz.ui import shell\nshell.page_setup('adam')\n"
    )
    at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=TIMEOUT_S)
    at.run()
    assert not at.exception, at.exception
    assert nav_links(at) == [("Home", "", "lang=en"), ("Adam's bias correction", "Adam", "lang=en")]
