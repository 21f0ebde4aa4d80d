"""Tests for lstm_viz.ui.training: a failing run gives one sentence, a diverged run's sentence
comes from its numbers in the page's language, a live chart's spec stays the same as rows grow."""

from __future__ import annotations

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lstm_viz.runs import RunSpec
from lstm_viz.ui import charts, training
from lstm_viz.ui.text import translate

TIMEOUT_S = 30


def failing_page() -> None:
    from lstm_viz.runs import RunSpec
    from lstm_viz.ui import shell, training

    def compute(progress):
        raise ValueError("no such settings")

    shell.page_setup("home")
    result = training.run(RunSpec("home.failing", (1,), compute, 5))
    shell.st.markdown(f"result: {result}")


def test_a_failing_run_shows_one_sentence_and_the_page_goes_on():
    at = AppTest.from_function(failing_page, default_timeout=TIMEOUT_S)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [translate("common.run_failed", "en")]
    assert "result: None" in [m.value for m in at.markdown]


def diverged_page(lang: str) -> None:
    # AppTest runs this function's source alone: it imports what it uses.
    from lstm_viz.nn.train import Divergence
    from lstm_viz.ui import shell, training

    shell.page_setup("home")
    shell.st.markdown(training.diverged_sentence(Divergence(17, "grad_norm")))
    shell.st.markdown(training.diverged_sentence(Divergence(3, "loss"), model="GRU"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_diverged_run_is_worded_from_its_numbers_in_the_language(lang):
    at = AppTest.from_function(diverged_page, args=(lang,), default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    at.run()
    texts = [m.value for m in at.markdown]
    what = translate("common.diverged_grad_norm", lang)
    assert translate("common.diverged", lang, step=17, what=what) in texts
    loss = translate("common.diverged_loss", lang)
    assert translate("common.diverged_model", lang, model="GRU", step=3, what=loss) in texts
    assert any("17" in text and what in text for text in texts)


def test_the_live_chart_spec_carries_no_data_so_redraws_send_the_same_spec():
    spec = charts.live_loss_spec(
        title="loss", x_title="step", y_title="loss", total_steps=800, lang="en"
    )
    assert "data" not in spec and "datasets" not in spec
    assert spec["encoding"]["x"]["scale"]["domain"] == [1, 800]
    assert spec["config"]["axis"]["labelFontSize"] >= 14


def spec(n: int, compute=None) -> RunSpec:
    return RunSpec("test.run", (n,), compute or (lambda progress: {"loss": np.array([2.0, 1.0])}))


def test_find_finds_nothing_until_a_run_is_stored_then_finds_it_in_memory_and_on_disk():
    assert training.find(spec(8)) is None
    training.store(spec(8), {"loss": np.array([2.0, 1.0])})
    np.testing.assert_array_equal(training.find(spec(8))["loss"], [2.0, 1.0])
    assert training.find(spec(9)) is None
    st.cache_data.clear()  # a restarted server: only the disk remembers
    np.testing.assert_array_equal(training.find(spec(8))["loss"], [2.0, 1.0])


def test_a_found_run_is_a_copy_safe_to_mutate():
    training.store(spec(4), {"loss": np.array([2.0, 1.0])})
    training.find(spec(4))["loss"][:] = 0.0
    np.testing.assert_array_equal(training.find(spec(4))["loss"], [2.0, 1.0])
