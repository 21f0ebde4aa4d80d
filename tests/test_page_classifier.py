"""AppTest of the sound classifier page: the default run against an independent training with the
same settings, the full table with its claims, a preset, Korean, uploads and recordings (good and
bad), extreme settings. Small settings (20 clips per class, 50 steps) come in through the URL."""

from __future__ import annotations

import json
import re

import numpy as np
import pyarrow as pa
import pytest

from lstm_viz.audio import urban
from lstm_viz.audio.io import UndecodableAudio, decode_audio, encode_wav
from lstm_viz.labs.classifier import compute as sl
from lstm_viz.labs.fft import strings as fft_text
from lstm_viz.ui.text import translate

PAGE = "pages/5_Sound_classifier.py"
TIMEOUT = 90.0  # seconds: the first run builds the small data set and trains
SMALL = {"classifier_clips": "20", "classifier_steps": "50"}
CONFIG = sl.SoundLabConfig(n_per_class=20, steps=50)  # what SMALL means on the page
ALL = {
    **{
        key: "true"
        for key in ("classifier_rnn", "classifier_state", "classifier_gru", "classifier_w10")
    },
    "classifier_steps": "20",
}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("sounds")


@pytest.fixture(autouse=True)
def _sound_cache(cache_dir, monkeypatch):
    monkeypatch.setenv("LSTM_LAB_CACHE", str(cache_dir))  # the page's data sets go here


@pytest.fixture(scope="module")
def reference(cache_dir):
    """The default run's model, trained here without the page."""
    return sl.run_sound_model(CONFIG, "lstm", 100.0, cache_dir=cache_dir)


@pytest.fixture
def small_presets(monkeypatch):
    """The presets at 20 clips per class and 30 steps: what a preset does, not a full training."""
    small = {
        name: (sl.SoundLabConfig(n_per_class=20, steps=30), cells)
        for name, (_, cells) in sl.PRESETS.items()
    }
    monkeypatch.setattr(sl, "PRESETS", small)
    return small


@pytest.fixture
def run_page(app_test):
    def run(query=None):
        at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, **(query or {})})
        at.run()
        assert not at.exception, at.exception
        return at

    return run


def charts(at) -> dict[str, tuple[dict, list]]:
    """Title -> (Vega-Lite spec, the Arrow tables of its data) for every chart on the page."""
    found = {}
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        tables = [pa.ipc.open_stream(d.data.data).read_all() for d in chart.proto.datasets]
        found[spec["title"]["text"]] = (spec, tables)
    return found


def column(tables, name) -> list:
    return [v for table in tables if name in table.column_names for v in table[name].to_pylist()]


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def ours(acc: float, n: int) -> str:
    return f"{100 * acc:.1f} ± {100 * sl.standard_error(acc, n):.1f} %"


def test_default_run_trains_one_lstm_and_shows_what_an_independent_run_gives(run_page, reference):
    at = run_page()
    assert at.title[0].value == "Sound classifier"
    assert not at.error and not at.warning
    table = at.table[0].value.set_index("Model")
    assert table.loc["LSTM", "100 ms: ours"] == ours(reference.accuracy, 40)
    assert table.loc["RNN", "10 ms: textbook"] == "37.4 %"
    assert table.loc["LSTM + state", "100 ms: textbook"] == "75.8 %"
    assert table.loc["GRU", "100 ms: ours"] == "not trained"

    found = charts(at)
    spec, data = found[f"Confusion matrix: LSTM, 100 ms ({100 * reference.accuracy:.1f} % right)"]
    counts = np.array(column(data, "count")).reshape(10, 10)
    np.testing.assert_array_equal(counts, reference.confusion)  # rows: true, columns: predicted
    assert counts.sum(axis=1).tolist() == [4] * 10  # 4 held-out clips of each class
    rates = np.array(column(data, "rate")).reshape(10, 10)
    np.testing.assert_allclose(rates, 100 * sl.row_rates(reference.confusion))
    tooltip = [field["field"] for field in spec["layer"][0]["encoding"]["tooltip"]]
    assert tooltip == ["true", "pred", "count", "rate"]  # counts and row rates under the pointer
    _, data = found["100 ms window"]
    # bars in table order: RNN (textbook), LSTM (ours, textbook), LSTM + state (textbook)
    expected = [59.0, 100 * reference.accuracy, 72.2, 75.8]
    assert column(data, "accuracy") == pytest.approx(expected)
    assert 10.0 in column(data, "y")  # the chance line

    # the claims and notices are worded from those numbers
    text = markdown(at)
    beats = "yes" if reference.accuracy > sl.CHANCE else "no"
    assert f"**Every model beats chance (10 %)**: textbook yes; ours {beats} (" in text
    h = sl.confusion_highlights(reference.confusion)
    best = urban.CLASS_NAMES[urban.CLASSES[h.best]]
    assert f"recognises {best} best ({100 * h.best_rate:.0f} %)" in text
    assert f"LSTM, 100 ms scores {100 * reference.accuracy:.1f} % on held-out clips" in text


def test_the_first_view_draws_four_charts_and_the_clip_table_on_request(run_page, reference):
    at = run_page()
    assert set(charts(at)) == {
        "100 ms window",
        f"Confusion matrix: LSTM, 100 ms ({100 * reference.accuracy:.1f} % right)",
        "Training loss of each model",
        "Class probabilities: clip 0",
    }
    assert not at.dataframe  # the per-clip grid is not sent until asked for
    at.toggle(key="classifier_table").set_value(True).run()
    (table,) = at.dataframe
    assert len(table.value) == 40 and table.value["right?"].mean() == reference.accuracy


def test_all_eight_models_fill_the_table_and_each_claim_follows_its_numbers(run_page):
    at = run_page(ALL)
    table = at.table[0].value.set_index("Model")
    assert "not trained" not in table.to_numpy()
    shown = {}
    for window in sl.WINDOWS_MS:
        for kind in sl.MODEL_KINDS:
            cell = table.loc[translate(f"classifier.model_{kind}", "en"), f"{window:g} ms: ours"]
            shown[(window, kind)] = float(re.match(r"([\d.]+) ±", cell).group(1)) / 100
    claims = sl.compare_with_textbook(shown)
    assert len(claims) == 4
    text = markdown(at)
    for claim in claims:
        words = translate(f"classifier.claim_{claim.key}", "en")
        verdict = "we agree" if claim.agrees else "we differ"
        ours_word = "yes" if claim.ours else "no"
        assert (
            f"**{words}**: textbook yes; ours {ours_word} ({claim.ours_cases} of {claim.cases}) "
            f"→ **{verdict}**"
        ) in text
    agree = sum(c.agrees for c in claims)
    assert f"we agree on {agree} of 4." in text
    assert set(charts(at)) >= {"10 ms window", "100 ms window", "Training loss of each model"}


def test_a_preset_sets_the_controls_and_shows_its_shared_runs(run_page, small_presets):
    at = run_page({"classifier_lr": "0.03"})
    at.button(key="_preset_classifier_2").click().run()  # "RNN vs LSTM, 10 ms"
    assert not at.exception
    assert at.toggle(key="classifier_rnn").value and at.toggle(key="classifier_w10").value
    assert not at.toggle(key="classifier_w100").value
    assert at.slider(key="classifier_steps").value == 30
    assert at.selectbox(key="classifier_lr").value == "0.01"
    table = at.table[0].value.set_index("Model")
    config, _ = small_presets["rnn_lstm"]
    for kind in ("rnn", "lstm"):  # a preset's runs are shared: shown without a click
        run = sl.run_sound_model(config, kind, 10.0)
        shown = table.loc[translate(f"classifier.model_{kind}", "en"), "10 ms: ours"]
        assert shown == ours(run.accuracy, 40)


def test_a_link_beyond_the_budget_waits_for_a_click(run_page):
    at = run_page({**ALL, "classifier_steps": "1000", "classifier_clips": "80"})
    cost = sl.cost(sl.SoundLabConfig(steps=1000), [(0, "")] * 8)  # 8 models of 1000 steps
    press = translate("classifier.press_train", "en", n=8, cost=f"{cost:.0f}")
    assert press in [i.value for i in at.info]
    assert not at.table and not at.get("vega_lite_chart")  # nothing trained, nothing drawn


def test_korean_switch_changes_title_table_and_class_names(run_page):
    at = run_page({"lang": "ko"})
    assert at.title[0].value == "소리 분류기"
    assert "출력층" in at.latex[0].value and "LSTM + 상태" in at.latex[0].value
    assert "100 ms: 우리" in at.table[0].value.columns
    confusion = next(data for title, (_, data) in charts(at).items() if title.startswith("혼동"))
    assert {"사이렌", "착암기", "아이들 노는 소리"} <= set(column(confusion, "true"))


def test_an_upload_gets_the_models_probabilities_and_a_corrupt_one_a_sentence(run_page, reference):
    at = run_page()
    data = encode_wav(urban.make_clip(8, 123))  # a siren the model never saw
    at.file_uploader(key="classifier_upload").set_value(("siren.wav", data, "audio/wav")).run()
    assert not at.exception and not at.error
    expected = sl.classify_clip(reference, decode_audio(data).samples)
    _, tables = charts(at)["Class probabilities: your sound"]
    np.testing.assert_allclose(column(tables, "p"), 100 * expected, rtol=1e-6)
    best = urban.CLASS_NAMES[urban.CLASSES[int(expected.argmax())]]
    assert f"LSTM, 100 ms hears **{best}** ({100 * expected.max():.1f} %)" in markdown(at)

    at.file_uploader(key="classifier_upload").set_value(
        ("noise.wav", b"RIFF not audio", "audio/wav")
    ).run()
    assert not at.exception
    assert [e.value for e in at.error] == [fft_text.error_message(UndecodableAudio(), "en")]
    assert at.table  # the page keeps working: the results are still there


def test_recorded_clip_is_classified_too(run_page):
    at = run_page({"classifier_source": "record"})
    data = encode_wav(urban.make_clip(3, 7))
    at.audio_input(key="classifier_record").set_value(("recording.wav", data, "audio/wav")).run()
    assert not at.exception and not at.error
    assert "Class probabilities: your sound" in charts(at)


def test_a_learning_rate_of_10_is_named_as_the_reason(run_page):
    at = run_page({"classifier_lr": "10"})
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1 and "above ln 10 = 2.30" in warnings[0]
    assert "the learning rate is too large" in warnings[0]


def test_without_any_model_the_upload_asks_to_train_first(run_page):
    at = run_page({"classifier_lstm": "false"})
    infos = [i.value for i in at.info]
    assert translate("classifier.pick_something", "en") in infos
    assert translate("classifier.no_model", "en") in infos
    assert not at.table
