"""AppTest of the sound classifier page: the default run against an independent training with the
same settings, the full table with its claims, a preset, Korean, uploads and recordings (good and
bad), extreme settings. Small settings (20 clips per class, 50 steps) come in through the URL."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from lstm_viz.audio import urban
from lstm_viz.audio.io import UndecodableAudio, decode_audio, encode_wav
from lstm_viz.labs.classifier import charts as CC
from lstm_viz.labs.classifier import compute as sl
from lstm_viz.labs.classifier import text as CT
from lstm_viz.labs.fft import strings as fft_text
from lstm_viz.ui import export
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


# ---------------------------------------------------------------------------------------------
# Pin and compare, CSV and JSON downloads


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def served_bytes_are(url: str, data: bytes, mime: str, name: str) -> bool:
    """Whether the download behind ``url`` holds ``data`` (its id hashes the bytes)."""
    return url.endswith(_calculate_file_id(data, mime, name) + Path(name).suffix)


def shipped(at, title: str) -> pd.DataFrame:
    """The rows Streamlit shipped for the chart titled ``title`` (its first dataset)."""
    chart = next(
        c for c in at.get("vega_lite_chart") if json.loads(c.proto.spec)["title"]["text"] == title
    )
    return convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)


def test_each_csv_download_holds_its_charts_numbers(run_page, reference):
    at = run_page()
    served = {b.label: b.proto for b in at.get("download_button")}
    cell = (100.0, "lstm")
    confusion = CC.confusion_chart(reference, cell, "en")
    csv = export.frame_csv(export.chart_table(confusion))
    assert served_bytes_are(
        served["Confusion matrix (CSV)"].url, csv, "text/csv", "classifier-confusion-lstm_100.csv"
    )
    table = pd.read_csv(io.BytesIO(csv))
    title = f"Confusion matrix: LSTM, 100 ms ({100 * reference.accuracy:.1f} % right)"
    drawn = shipped(at, title)
    assert table["count"].tolist() == drawn["count"].tolist()
    np.testing.assert_array_equal(table["count"].to_numpy().reshape(10, 10), reference.confusion)
    np.testing.assert_allclose(table["rate"], drawn["rate"], rtol=1e-12)
    assert (table["chart"] == title).all()

    bars = export.frame_csv(export.chart_table(CC.accuracy_chart({cell: reference}, 100.0, "en")))
    assert served_bytes_are(
        served["Bars (CSV)"].url, bars, "text/csv", "classifier-accuracy-100ms.csv"
    )
    rows = pd.read_csv(io.BytesIO(bars))
    assert rows["accuracy"].tolist() == pytest.approx([59.0, 100 * reference.accuracy, 72.2, 75.8])
    assert rows["accuracy"].tolist() == shipped(at, "100 ms window")["accuracy"].tolist()

    loss = export.frame_csv(export.chart_table(CC.loss_chart({cell: reference}, "en")))
    assert served_bytes_are(
        served["Loss curves (CSV)"].url, loss, "text/csv", "classifier-loss.csv"
    )
    rows = pd.read_csv(io.BytesIO(loss))
    assert rows["step"].tolist() == list(range(1, 51))
    # the loss is float32, written with float32's shortest repr: it parses back to the same bits
    np.testing.assert_array_equal(rows["loss"].to_numpy(np.float32), reference.loss)

    probs = pd.read_csv(io.BytesIO(export.frame_csv(export.chart_table(
        CC.probability_chart(reference.probs[0], "clip 0", "en", true=int(reference.y_true[0]))
    ))))  # fmt: skip
    np.testing.assert_allclose(probs["p"], 100 * reference.probs[0], rtol=1e-12)
    assert "Run record (JSON)" in served


def test_the_json_record_holds_the_settings_and_each_models_numbers(reference):
    record = json.loads(export.record_json(CT.run_record(CONFIG, {(100.0, "lstm"): reference})))
    assert record["settings"]["n_per_class"] == 20 and record["settings"]["data_root"] == ""
    run = record["runs"]["lstm_100"]
    assert run["y_true"] == reference.y_true.tolist()
    np.testing.assert_allclose(run["probs"], reference.probs, rtol=0)
    np.testing.assert_allclose(run["loss"], reference.loss, rtol=0)


def test_a_pinned_run_survives_a_rerun_and_a_language_switch(run_page, reference):
    at = run_page()
    button(at, "Pin this run").click().run()
    assert any("This run is pinned" in i.value for i in at.info)
    at.number_input(key="classifier_seed").set_value(1).run()  # cheap enough to train at once
    assert not at.exception
    other = sl.run_sound_model(dataclasses.replace(CONFIG, seed=1), "lstm", 100.0)
    assert "This run beside the pinned run" in [h.value for h in at.subheader]
    text = markdown(at)
    assert "Settings that differ: Seed: 0 → 1." in text
    this_pct, pinned_pct = f"{100 * other.accuracy:.1f}", f"{100 * reference.accuracy:.1f}"
    assert f"LSTM, 100 ms: this run {this_pct} %, the pinned run {pinned_pct} %." in text
    bars = shipped(at, "Held-out accuracy, this run and the pinned one")
    assert bars["run"].tolist() == ["this run", "pinned run"]
    assert bars["accuracy"].tolist() == pytest.approx(
        [100 * other.accuracy, 100 * reference.accuracy]
    )
    pinned_title = f"pinned run, LSTM, 100 ms: {pinned_pct} % right"  # half a page wide: short
    counts = shipped(at, pinned_title)["count"].to_numpy().reshape(10, 10)
    np.testing.assert_array_equal(counts, reference.confusion)

    at.run()  # a rerun keeps the pin
    assert "This run beside the pinned run" in [h.value for h in at.subheader]
    at.sidebar.radio(key="_lang_switch").set_value("ko").run()
    assert not at.exception
    assert "이번 학습과 고정한 학습" in [h.value for h in at.subheader]
    assert "다른 설정: 시드: 0 → 1." in markdown(at)
    assert f"LSTM, 100 ms: 이번 학습 {this_pct} %, 고정한 학습 {pinned_pct} %." in markdown(at)
    button(at, "고정 해제").click().run()
    assert "이번 학습과 고정한 학습" not in [h.value for h in at.subheader]
