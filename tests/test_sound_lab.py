"""The sound classifier's compute: the table, held-out scoring, the confusion matrix, the upload
path, and the comparison with the textbook that the page words from the numbers alone."""

from __future__ import annotations

import dataclasses
import itertools
import math
import subprocess
import sys

import numpy as np
import pytest

from lstm_viz.audio import SAMPLE_RATE, urban
from lstm_viz.audio.io import decode_audio, encode_wav
from lstm_viz.labs.classifier import compute as sl
from lstm_viz.nn.train import Divergence

# Tiny: 6 clips per class (1 held out), 5 steps: shapes and bookkeeping, not learning.
TINY = sl.SoundLabConfig(n_per_class=6, max_seconds=1.5, steps=5, batch_size=10, hidden_size=6)
# Small: 30 clips per class (6 held out), 2 s clips, 120 steps of batch 20: about a second.
SMALL = sl.SoundLabConfig(n_per_class=30, max_seconds=2.0, steps=120)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("sounds")


@pytest.fixture(scope="module")
def tiny_table(cache_dir):
    """Every model on every window: {(window, kind): SoundRun}."""
    cells = itertools.product(sl.WINDOWS_MS, sl.MODEL_KINDS)
    return {(w, k): sl.run_sound_model(TINY, k, w, cache_dir=cache_dir) for w, k in cells}


@pytest.fixture(scope="module")
def small_lstm(cache_dir):
    return sl.run_sound_model(SMALL, "lstm", 100.0, cache_dir=cache_dir)


# ---- the table -------------------------------------------------------------------------------


@pytest.mark.parametrize(("window", "kind"), list(itertools.product(sl.WINDOWS_MS, sl.MODEL_KINDS)))
def test_each_accuracy_is_the_fraction_of_held_out_clips_classified_right(
    tiny_table, cache_dir, window, kind
):
    run = tiny_table[(window, kind)]
    data = sl.load_dataset(TINY, window, cache_dir)
    assert 0.0 <= run.accuracy <= 1.0
    # scored on the validation clips, which training never saw
    np.testing.assert_array_equal(run.y_true, data.validation.y)
    np.testing.assert_array_equal(run.clip_seeds, data.validation_seeds)
    assert not set(run.clip_seeds.tolist()) & set(data.train_seeds.tolist())
    assert len(run.y_true) == 10  # one clip of each class held out
    # an independent count: the model's argmax on each held-out clip against its label
    probs = np.stack(
        [
            sl.predict_probs(run.model_config, run.params, x[None], [n])[0]
            for x, n in zip(data.validation.x, data.validation.lengths, strict=True)
        ]
    )
    right = sum(int(p.argmax() == y) for p, y in zip(probs, data.validation.y, strict=True))
    assert run.accuracy == pytest.approx(right / 10)


@pytest.mark.parametrize(
    ("kind", "cell", "use_state"),
    [
        ("rnn", "rnn", False),
        ("lstm", "lstm", False),
        ("lstm_state", "lstm", True),
        ("gru", "gru", False),
    ],
)
def test_models_are_the_textbooks_with_hidden_size_20_by_default(kind, cell, use_state):
    config = sl.SoundLabConfig().model_config(kind)
    assert (config.cell, config.use_state, config.hidden_size) == (cell, use_state, 20)
    assert (config.input_size, config.output_size) == (100, 10)


def test_both_windows_use_the_same_clips_and_split(cache_dir):
    short, long = (sl.load_dataset(TINY, w, cache_dir) for w in sl.WINDOWS_MS)
    np.testing.assert_array_equal(short.validation_seeds, long.validation_seeds)
    np.testing.assert_array_equal(short.train_seeds, long.train_seeds)
    # 10 ms hop: a 1.5 s clip gives 1 + (24000 - 160) // 160 = 150 frames with a 10 ms window
    # and 1 + (24000 - 1600) // 160 = 141 with a 100 ms one
    assert short.train.x.shape[1] == 150 and long.train.x.shape[1] == 141


def test_training_is_deterministic_for_a_config(tiny_table, cache_dir):
    again = sl.run_sound_model(TINY, "gru", 10.0, cache_dir=cache_dir)
    first = tiny_table[(10.0, "gru")]
    np.testing.assert_array_equal(again.probs, first.probs)
    np.testing.assert_array_equal(again.loss, first.loss)


def test_progress_sees_every_step_with_the_loss_the_run_keeps(cache_dir):
    seen = []
    run = sl.run_sound_model(
        TINY, "lstm", 100.0, progress=lambda *a: seen.append(a), cache_dir=cache_dir
    )
    assert [step for step, _, _ in seen] == list(range(1, TINY.steps + 1))
    np.testing.assert_array_equal(run.loss, [loss for _, loss, _ in seen])
    assert all(0.0 <= accuracy <= 1.0 for _, _, accuracy in seen)


def test_lstm_beats_chance_by_a_wide_margin_on_a_small_fixed_seed_run(small_lstm):
    # Measured: 0.417 (25 of 60 held-out clips) after 120 steps; chance is 0.10.
    assert len(small_lstm.y_true) == 60
    assert small_lstm.accuracy >= 3 * sl.CHANCE
    assert not small_lstm.worse_than_guessing
    assert small_lstm.final_loss < sl.GUESS_LOSS


# ---- confusion matrix ------------------------------------------------------------------------


def test_confusion_rows_sum_to_the_class_counts(small_lstm):
    confusion = small_lstm.confusion
    assert confusion.shape == (10, 10)
    np.testing.assert_array_equal(
        confusion.sum(axis=1), np.bincount(small_lstm.y_true, minlength=10)
    )
    assert np.trace(confusion) / confusion.sum() == pytest.approx(small_lstm.accuracy)


def test_confusion_matrix_counts_each_pair_like_a_loop():
    rng = np.random.default_rng(3)
    y_true, y_pred = rng.integers(0, 4, 50), rng.integers(0, 4, 50)
    expected = np.zeros((4, 4), int)
    for a, b in zip(y_true, y_pred, strict=True):
        expected[a, b] += 1
    np.testing.assert_array_equal(sl.confusion_matrix(y_true, y_pred, 4), expected)


def test_row_rates_are_fractions_of_each_true_class():
    confusion = np.array([[3, 1, 0], [0, 0, 0], [2, 2, 4]])
    rates = sl.row_rates(confusion)
    np.testing.assert_allclose(rates[0], [0.75, 0.25, 0.0])
    np.testing.assert_allclose(rates[1], [0.0, 0.0, 0.0])  # no clips of that class: no division
    np.testing.assert_allclose(rates[2], [0.25, 0.25, 0.5])


def test_highlights_name_the_best_worst_and_most_confused_classes():
    confusion = np.array([[4, 0, 1], [3, 2, 0], [0, 1, 4]])  # rows: 5 clips each
    h = sl.confusion_highlights(confusion)
    assert (h.best, h.best_rate) == (0, 0.8)  # 0 and 2 tie at 4 of 5: the first wins
    assert (h.worst, h.worst_rate) == (1, 0.4)
    assert (h.mistaken, h.mistaken_for, h.mistakes) == (1, 0, 3)


def test_highlights_of_a_perfect_model_count_no_mistakes(small_lstm):
    perfect = np.diag(np.bincount(small_lstm.y_true, minlength=10))
    h = sl.confusion_highlights(perfect)
    assert h.mistakes == 0 and h.best_rate == h.worst_rate == 1.0
    measured = sl.confusion_highlights(small_lstm.confusion)
    assert measured.worst_rate <= small_lstm.accuracy <= measured.best_rate
    assert small_lstm.confusion[measured.mistaken, measured.mistaken_for] == measured.mistakes


def test_each_clips_probabilities_of_its_prediction_and_of_its_truth(small_lstm):
    probs, y = small_lstm.probs, small_lstm.y_true
    for i in (0, 17, 59):  # read off the probability matrix by hand
        assert small_lstm.p_predicted[i] == probs[i].max()
        assert small_lstm.p_true[i] == probs[i, y[i]]
    right = small_lstm.predictions == y
    np.testing.assert_array_equal(small_lstm.p_true[right], small_lstm.p_predicted[right])
    assert np.all(small_lstm.p_true[~right] < small_lstm.p_predicted[~right])


def test_a_runs_standard_error_is_over_its_held_out_clips(small_lstm):
    acc = small_lstm.accuracy
    assert small_lstm.standard_error == pytest.approx(math.sqrt(acc * (1 - acc) / 60))


# ---- clips: replay, upload, classification ---------------------------------------------------


def test_replayed_clip_is_the_one_the_model_was_scored_on(small_lstm):
    i = 7
    audio = sl.replay_clip(small_lstm, i)
    np.testing.assert_array_equal(
        audio, urban.make_clip(int(small_lstm.y_true[i]), int(small_lstm.clip_seeds[i]))[:32000]
    )
    np.testing.assert_allclose(sl.classify_clip(small_lstm, audio), small_lstm.probs[i], atol=1e-5)


@pytest.mark.parametrize("index", [0, 13, 42])
def test_upload_path_gives_the_direct_paths_probabilities(small_lstm, index):
    audio = sl.replay_clip(small_lstm, index)
    direct = sl.classify_clip(small_lstm, audio)
    decoded = decode_audio(encode_wav(audio))  # what st.file_uploader / st.audio_input hand over
    assert decoded.sr == SAMPLE_RATE and decoded.samples.shape == audio.shape
    uploaded = sl.classify_clip(small_lstm, decoded.samples)
    assert uploaded.sum() == pytest.approx(1.0)
    # the only difference is 16-bit rounding of the samples (measured: at most 3.6e-5)
    np.testing.assert_allclose(uploaded, direct, atol=3e-4)
    assert uploaded.argmax() == direct.argmax()


def test_a_very_short_upload_still_gets_probabilities(small_lstm):
    blip = np.sin(2 * np.pi * 440 * np.arange(400) / SAMPLE_RATE).astype(np.float32)  # 25 ms
    probs = sl.classify_clip(small_lstm, blip)
    assert probs.shape == (10,) and probs.sum() == pytest.approx(1.0)


# ---- extreme settings ------------------------------------------------------------------------


def test_huge_learning_rate_ends_worse_than_guessing_and_says_so(cache_dir):
    config = dataclasses.replace(TINY, lr=10.0, steps=30)
    run = sl.run_sound_model(config, "lstm", 100.0, cache_dir=cache_dir)
    assert run.diverged is None and np.isfinite(run.final_loss)
    assert run.final_loss > sl.GUESS_LOSS and run.worse_than_guessing


def test_non_finite_input_stops_training_with_its_step_and_nan_accuracy(cache_dir):
    data = sl.load_dataset(TINY, 10.0, cache_dir)
    x = data.train.x.copy()
    x[:, 0, 0] = np.inf
    broken = dataclasses.replace(data, train=dataclasses.replace(data.train, x=x))
    run = sl.run_sound_model(TINY, "rnn", 10.0, dataset=broken)
    # tanh saturates on inf, so the loss stays finite; its gradient (inf * 0) does not
    assert run.diverged == Divergence(step=1, what="grad_norm")
    assert run.loss.size == 0  # the history keeps the steps made: none
    assert math.isnan(run.accuracy) and np.isnan(run.probs).all()
    assert not run.worse_than_guessing  # one message, not two


def test_standard_error_is_the_binomial_one():
    assert sl.standard_error(0.5, 100) == pytest.approx(0.05)
    assert sl.standard_error(0.9, 160) == pytest.approx(0.0237, abs=1e-4)


# ---- comparison with the textbook ------------------------------------------------------------


def made_up(rnn, lstm, state, gru=(0.5, 0.5)):
    """A table from (10 ms, 100 ms) pairs per model."""
    cells = {"rnn": rnn, "lstm": lstm, "lstm_state": state, "gru": gru}
    return {(w, k): v[i] for k, v in cells.items() for i, w in enumerate(sl.WINDOWS_MS)}


def by_key(claims):
    return {c.key: c for c in claims}


def test_textbook_table_agrees_with_itself_on_every_statement():
    claims = by_key(sl.compare_with_textbook(sl.TEXTBOOK_ACCURACY))
    assert set(claims) == {"window_helps", "lstm_beats_rnn", "state_beats_lstm", "above_chance"}
    # 59.0 > 37.4, 72.2 > 48.6, 75.8 > 57.7; 48.6 > 37.4, 72.2 > 59.0; 57.7 > 48.6, 75.8 > 72.2
    assert all(c.textbook and c.ours and c.agrees for c in claims.values())
    assert claims["window_helps"].ours_cases == claims["window_helps"].cases == 3


def test_a_table_where_10_ms_wins_disagrees_on_the_window():
    claims = by_key(sl.compare_with_textbook(made_up((0.6, 0.5), (0.7, 0.6), (0.8, 0.9))))
    window = claims["window_helps"]
    assert (window.textbook, window.ours, window.agrees) == (True, False, False)
    assert (window.ours_cases, window.cases) == (1, 3)  # only the LSTM+state gained
    assert claims["lstm_beats_rnn"].agrees and claims["state_beats_lstm"].agrees


def test_a_table_where_the_state_output_loses_once_disagrees_on_it():
    claims = by_key(sl.compare_with_textbook(made_up((0.3, 0.5), (0.6, 0.7), (0.5, 0.8))))
    state = claims["state_beats_lstm"]
    assert (state.ours, state.ours_cases, state.cases, state.agrees) == (False, 1, 2, False)
    assert claims["window_helps"].agrees and claims["lstm_beats_rnn"].agrees


def test_a_model_at_chance_breaks_above_chance_and_ties_are_not_wins():
    claims = by_key(sl.compare_with_textbook(made_up((0.1, 0.1), (0.5, 0.6), (0.5, 0.6))))
    assert (claims["above_chance"].ours, claims["above_chance"].ours_cases) == (False, 4)
    assert claims["window_helps"].ours_cases == 2  # the RNN's 10 % -> 10 % is no gain
    assert claims["state_beats_lstm"].ours_cases == 0  # equal is not better


def test_a_diverged_model_never_counts_as_better():
    table = made_up((0.3, 0.4), (float("nan"), 0.7), (0.5, 0.8))
    claims = by_key(sl.compare_with_textbook(table))
    assert claims["lstm_beats_rnn"].ours_cases == 1
    assert claims["state_beats_lstm"].ours_cases == 1  # 0.5 > NaN is not a comparison: False
    assert claims["above_chance"].ours_cases == 5


def test_comparison_bars_follow_the_table_with_ours_before_the_textbooks(small_lstm):
    runs = {(100.0, "lstm"): small_lstm, (100.0, "gru"): small_lstm, (10.0, "rnn"): small_lstm}
    bars = sl.comparison_bars(runs, 100.0)
    assert [(b.kind, b.source) for b in bars] == [
        ("rnn", "textbook"),  # our RNN ran on 10 ms only
        ("lstm", "ours"),
        ("lstm", "textbook"),
        ("lstm_state", "textbook"),
        ("gru", "ours"),  # the textbook trained no GRU
    ]
    assert (bars[1].accuracy, bars[1].standard_error) == (
        small_lstm.accuracy,
        small_lstm.standard_error,
    )
    assert (bars[2].accuracy, bars[2].standard_error) == (0.722, None)


def test_a_diverged_run_has_no_bar_of_its_own(small_lstm):
    nan_run = dataclasses.replace(small_lstm, diverged=Divergence(3, "grad_norm"))
    bars = sl.comparison_bars({(10.0, "lstm"): nan_run}, 10.0)
    assert [b.source for b in bars] == ["textbook"] * 3


@pytest.mark.parametrize(
    ("cells", "keys"),
    [
        ({(100.0, "lstm"): 0.6}, {"above_chance"}),
        ({(10.0, "rnn"): 0.3, (10.0, "lstm"): 0.5}, {"lstm_beats_rnn", "above_chance"}),
        ({(10.0, "lstm"): 0.5, (100.0, "lstm"): 0.4}, {"window_helps", "above_chance"}),
        ({(100.0, "gru"): 0.7}, set()),  # the textbook has no GRU to compare with
    ],
)
def test_only_statements_whose_cells_were_trained_are_checked(cells, keys):
    claims = sl.compare_with_textbook(cells)
    assert {c.key for c in claims} == keys
    assert all(c.textbook for c in claims)


def test_gru_does_not_enter_the_textbook_statements():
    with_gru = made_up((0.3, 0.5), (0.6, 0.7), (0.65, 0.8), gru=(0.0, 0.0))
    assert all(c.ours for c in sl.compare_with_textbook(with_gru))


# ---- runs: one per (settings, window, model), the shared ones, the budget ---------------------


def test_a_runs_key_is_its_settings_window_and_model():
    a, b = sl.train_spec(TINY, (100.0, "lstm")), sl.train_spec(TINY, (100.0, "lstm"))
    assert a == b and a.name == "classifier.train" and a.steps == TINY.steps
    assert a != sl.train_spec(TINY, (10.0, "lstm")) != sl.train_spec(TINY, (100.0, "gru"))
    assert a != sl.train_spec(dataclasses.replace(TINY, seed=1), (100.0, "lstm"))


def test_the_spec_computes_the_same_run_as_run_sound_model(cache_dir, monkeypatch):
    monkeypatch.setenv("LSTM_LAB_CACHE", str(cache_dir))
    seen = []
    run = sl.train_spec(TINY, (10.0, "gru")).compute(lambda *a: seen.append(a))
    direct = sl.run_sound_model(TINY, "gru", 10.0, cache_dir=cache_dir)
    np.testing.assert_array_equal(run.probs, direct.probs)
    assert len(seen) == TINY.steps


def test_shared_runs_are_the_default_run_and_every_presets_once():
    shared = sl.shared_runs()
    assert shared[0] == sl.train_spec(sl.QUICK, (100.0, "lstm"))  # the default run
    # the quick run, then the table's 8 cells; the two comparison presets are part of the table
    assert len(shared) == len(set(shared)) == 9
    for config, cells in sl.PRESETS.values():
        assert all(sl.train_spec(config, c) in shared for c in cells)


@pytest.mark.parametrize(
    ("config", "cells", "expected"),
    [
        (sl.QUICK, [(100.0, "lstm")], 1.0),  # the default run is the unit
        (dataclasses.replace(sl.QUICK, seed=7), [(100.0, "lstm")], 1.0),  # a seed costs the same
        (dataclasses.replace(sl.QUICK, n_per_class=40), [(10.0, "rnn"), (10.0, "lstm")], 1.0),
        (
            dataclasses.replace(sl.QUICK, steps=1000),
            [(100.0, k) for k in sl.MODEL_KINDS] * 2,
            8 * 1000 / 150,
        ),  # the 8-model link of 1000 steps: a click, never on its own
        (dataclasses.replace(sl.QUICK, hidden_size=40), [(100.0, "lstm")], 2.0),
    ],
)
def test_cost_counts_default_runs(config, cells, expected):
    assert sl.cost(config, cells) == pytest.approx(expected)
    assert (sl.cost(config, cells) <= sl.AUTO_BUDGET) == (expected <= 1.0)


# ---- house rules -----------------------------------------------------------------------------


def test_compute_module_does_not_import_streamlit():
    code = "import sys, lstm_viz.labs.classifier.compute; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---- an UrbanSound8K folder ------------------------------------------------------------------


def test_the_features_run_counts_each_clip_and_a_training_uses_them(tmp_path, monkeypatch):
    from lstm_viz.audio import urbansound8k as us8k
    from tests.test_urbansound8k import write_dataset

    monkeypatch.setenv("LSTM_LAB_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "UrbanSound8K"
    write_dataset(root)
    config = sl.SoundLabConfig(n_per_class=20, steps=5, hidden_size=6, data_root=str(root))
    digest = us8k.folder_digest(root)
    assert sl.count_clips(config) == (18, {})
    steps = []
    spec = sl.features_spec(config, 100.0, digest, 18)
    summary = spec.compute(lambda step, loss, accuracy=None: steps.append(step))
    assert steps == list(range(1, 19)) and spec.steps == 18
    assert (summary.n_train, summary.n_validation, summary.skipped) == (12, 6, {})
    run = sl.train_spec(config, (100.0, "lstm"), digest).compute(lambda *a: None)
    assert run.clip_files[0] == "fold10/101-1-0-0.wav" and len(run.y_true) == 6
    audio = sl.replay_clip(run, 0)  # decoded from its file, as the model read it
    np.testing.assert_array_equal(
        audio, decode_audio((root / "audio" / run.clip_files[0]).read_bytes()).samples
    )
    # the folder's state is part of a run's key: a changed metadata file is another run
    assert sl.train_spec(config, (100.0, "lstm"), digest) != sl.train_spec(
        config, (100.0, "lstm"), "other"
    )
