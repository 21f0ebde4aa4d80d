"""Tests for lstm_viz.labs.classifier.text: every sentence and table of the sound classifier page,
built from hand-made runs whose numbers are worked out here, in English and Korean."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.audio import SAMPLE_RATE
from lstm_viz.audio.dataset import FeatureStats
from lstm_viz.labs.classifier import compute as sl
from lstm_viz.labs.classifier import text as CT
from lstm_viz.nn.train import Divergence
from lstm_viz.ui.text import translate

LANGS = ["en", "ko"]


def fake_run(
    kind: str = "lstm",
    window: float = 100.0,
    predicted=(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    y_true=(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    loss=(2.3, 1.5, 1.0),
    diverged: Divergence | None = None,
    seconds: float = 1.5,
) -> sl.SoundRun:
    """A run that gives each clip 0.6 for its predicted class and 0.4 / 9 to every other one."""
    y_true, predicted = np.asarray(y_true), np.asarray(predicted)
    probs = np.full((len(y_true), sl.N_CLASSES), 0.4 / 9)
    probs[np.arange(len(y_true)), predicted] = 0.6
    if diverged is not None:
        probs[:] = np.nan
    config = sl.SoundLabConfig()
    return sl.SoundRun(
        kind=kind,
        window_ms=window,
        data_config=config.dataset_config(window),
        model_config=config.model_config(kind),
        params={},
        stats=FeatureStats(np.zeros(100), np.ones(100)),
        loss=np.asarray(loss, float),
        y_true=y_true,
        probs=probs,
        clip_seeds=np.arange(100, 100 + len(y_true)),
        seconds=seconds,
        diverged=diverged,
    )


# ---- names and the equations -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "head", "word_or", "state", "score"),
    [
        ("en", "head", "or", "LSTM + state", "score"),
        ("ko", "출력층", "또는", "LSTM + 상태", "점수"),
    ],
)
def test_equations_carry_their_words_in_the_language_and_keep_the_codes_symbols(
    lang, head, word_or, state, score
):
    latex = CT.equations(lang)
    for word in (
        rf"\text{{{head}:}}",
        rf"\text{{{word_or}}}",
        rf"(\text{{{state}}})",
        rf"\text{{{score}:}}",
    ):
        assert word in latex
    assert "<" not in latex  # every placeholder filled
    for symbol in (r"c_t &= f_t \odot c_{t-1} + i_t \odot g_t", r"h_t = o_t \odot \tanh(c_t)"):
        assert symbol in latex  # the same names as lstm_viz/nn/lstm.py


@pytest.mark.parametrize(
    ("cell", "en", "ko"),
    [
        ((100.0, "lstm_state"), "LSTM + state, 100 ms", "LSTM + 상태, 100 ms"),
        ((10.0, "rnn"), "RNN, 10 ms", "RNN, 10 ms"),
    ],
)
def test_a_cell_is_named_by_model_and_window(cell, en, ko):
    assert CT.cell_id(cell) == f"{cell[1]}_{cell[0]:g}"
    assert (CT.cell_name(cell, "en"), CT.cell_name(cell, "ko")) == (en, ko)


def test_class_names_follow_the_order_of_the_probability_vector():
    assert CT.class_names("en")[8] == "Siren" and CT.class_names("ko")[8] == "사이렌"
    assert len(set(CT.class_names("ko"))) == sl.N_CLASSES


@pytest.mark.parametrize(
    ("x", "digits", "text"), [(0.48125, 1, "48.1"), (0.5, 0, "50"), (float("nan"), 1, "NaN")]
)
def test_pct_writes_a_fraction_as_percent(x, digits, text):
    assert CT.pct(x, digits) == text


# ---- the results ---------------------------------------------------------------------------------


def test_the_accuracy_table_puts_ours_with_one_standard_error_beside_the_textbooks():
    # 8 of 10 right: acc 0.8, SE = sqrt(0.8 * 0.2 / 10) = 0.1265
    run = fake_run(predicted=(0, 1, 2, 3, 4, 5, 6, 7, 0, 0))
    table = CT.accuracy_table({(100.0, "lstm"): run}, "en").set_index("Model")
    assert table.loc["LSTM", "100 ms: ours"] == "80.0 ± 12.6 %"
    assert table.loc["LSTM", "10 ms: ours"] == "not trained"
    assert table.loc["LSTM + state", "10 ms: textbook"] == "57.7 %"
    assert table.loc["GRU", "100 ms: textbook"] == "—"  # the textbook trained no GRU
    korean = CT.accuracy_table({(100.0, "lstm"): run}, "ko").set_index("모델")
    assert korean.loc["LSTM", "100 ms: 우리"] == "80.0 ± 12.6 %"
    assert korean.loc["GRU", "10 ms: 우리"] == "학습 안 함"


def test_a_diverged_run_shows_nan_in_the_table_and_an_error_sentence():
    runs = {(10.0, "rnn"): fake_run("rnn", 10.0, diverged=Divergence(3, "grad_norm"))}
    assert CT.accuracy_table(runs, "en").set_index("Model").loc["RNN", "10 ms: ours"] == (
        "NaN ± NaN %"
    )
    expected = (
        "RNN, 10 ms: training stopped at step 3, where the gradient norm became infinite or NaN "
        "(not a number); lower the learning rate."
    )
    assert CT.run_problems(runs, "en") == [("error", expected)]
    korean = CT.run_problems(runs, "ko")[0][1]
    assert korean.startswith("RNN, 10 ms: 3 단계에서 기울기 노름이(가)")


def test_a_loss_above_ln_10_is_a_warning_that_quotes_it():
    runs = {(100.0, "lstm"): fake_run(loss=[2.5] * 20), (10.0, "gru"): fake_run("gru", 10.0)}
    ((level, sentence),) = CT.run_problems(runs, "en")  # the GRU ended at 1.0: no sentence
    assert level == "warning"
    assert sentence.startswith("LSTM, 100 ms: the training loss ended at 2.5, above ln 10 = 2.30")
    ((_, korean),) = CT.run_problems(runs, "ko")
    assert "2.5" in korean and "ln 10 = 2.30" in korean


@pytest.mark.parametrize("lang", LANGS)
def test_table_caption_counts_clips_steps_and_seconds_of_the_runs(lang):
    runs = {
        (100.0, "lstm"): fake_run(loss=[1.0] * 150, seconds=2.25),
        (10.0, "lstm"): fake_run(window=10.0, loss=[1.0] * 150, seconds=1.5),
    }
    expected = translate("classifier.table_caption", lang, n=10, steps=150, seconds="3.8")
    assert CT.table_caption(runs, lang) == expected  # 2.25 + 1.5 s, rounded to 3.8


def test_claim_lines_give_both_verdicts_and_how_many_cases_hold():
    claims = (
        sl.Claim("window_helps", True, False, 1, 3),
        sl.Claim("above_chance", True, True, 6, 6),
    )
    assert CT.claim_lines(claims, "en") == [
        "**A 100 ms window beats a 10 ms one for every model**: textbook yes; ours no (1 of 3) → "
        "**we differ**",
        "**Every model beats chance (10 %)**: textbook yes; ours yes (6 of 6) → **we agree**",
    ]
    assert "교재 예, 우리 아니요 (3개 중 1개) → **다름**" in CT.claim_lines(claims, "ko")[0]
    assert CT.claims_summary(claims, "en").endswith("we agree on 1 of 2.")


# ---- one model's clips ---------------------------------------------------------------------------


def test_clip_table_has_one_row_per_held_out_clip_with_both_probabilities():
    run = fake_run(predicted=(0, 1, 2, 3, 4, 5, 6, 7, 9, 9))  # clip 8 (a siren) heard as music
    table = CT.clip_table(run, "en")
    assert list(table.columns) == [
        "clip",
        "true class",
        "predicted",
        "p(predicted) %",
        "p(true) %",
        "right?",
    ]
    row = table.iloc[8]
    assert (row["true class"], row["predicted"], bool(row["right?"])) == (
        "Siren",
        "Street music",
        False,
    )
    assert (row["p(predicted) %"], row["p(true) %"]) == (60.0, 4.4)  # 0.4 / 9 = 4.44 %
    assert table["right?"].sum() == 9
    assert CT.clip_table(run, "ko").iloc[8]["실제 클래스"] == "사이렌"


def test_clip_caption_names_the_clip_its_seed_length_and_answer():
    run = fake_run(predicted=(0, 1, 2, 3, 4, 5, 6, 7, 9, 9))
    caption = CT.clip_caption(run, 8, int(2.5 * SAMPLE_RATE), "en")
    assert caption == (
        "Clip 8: a Siren clip of 2.50 s, re-synthesised from its seed 108; the model says "
        "Street music (60.0 %)."
    )


@pytest.mark.parametrize(("duration", "read"), [(6.2, "4.00"), (1.5, "1.50")])
def test_your_result_names_the_best_class_and_how_much_of_the_clip_was_read(duration, read):
    probs = np.full(10, 0.05)
    probs[3] = 0.55
    text = CT.your_result(probs, fake_run(), (100.0, "lstm"), duration, "en")
    assert text == (
        f"LSTM, 100 ms hears **Dog bark** (55.0 %). The first {read} s of your "
        f"{duration:.2f} s clip were read, as in training."
    )


def test_resampled_quotes_both_rates_with_thousands_separators():
    assert "44,100 Hz" in CT.resampled(44100, "en") and "16,000 Hz" in CT.resampled(44100, "ko")


def test_training_text_names_model_window_and_count():
    assert (
        CT.training_text((10.0, "gru"), 3, 8, "en") == "Training GRU on the 10 ms window (3 of 8)"
    )


# ---- what to notice ------------------------------------------------------------------------------


def test_one_model_gets_its_score_its_confusion_and_the_noise_of_the_split():
    # 7 of 10 right; classes 8 and 9 both heard as 0 (siren, music -> air conditioner), 7 as 1
    run = fake_run(predicted=(0, 1, 2, 3, 4, 5, 6, 1, 0, 0))
    cell = (100.0, "lstm")
    items = dict(CT.notice_items({cell: run}, (), cell, "en"))
    assert items["classifier.notice_single"] == {"model": "LSTM, 100 ms", "acc": "70.0"}
    confusion = items["classifier.notice_confusion"]
    assert (confusion["best"], confusion["best_rate"]) == ("Air conditioner", "100")
    assert (confusion["worst"], confusion["worst_rate"]) == ("Jackhammer", "0")  # class 7 first
    mistake = (confusion["mistaken"], confusion["mistaken_for"], confusion["mistakes"])
    assert mistake == ("Jackhammer", "Car horn", 1)  # three cells of 1: the first one
    # one clip of 10 is 10 points; SE = sqrt(0.7 * 0.3 / 10) = 0.145
    assert items["classifier.notice_noise"] == {"n": 10, "one": "10", "acc": "70", "se": "14.5"}
    assert "classifier.notice_claims" not in items


def test_several_models_get_the_range_of_scores_and_the_claims_count():
    runs = {
        (100.0, "lstm"): fake_run(predicted=(0,) * 10),  # 10 %
        (10.0, "lstm"): fake_run(window=10.0),  # 100 %
        (10.0, "rnn"): fake_run(
            "rnn", 10.0, diverged=Divergence(2, "loss")
        ),  # NaN: left out of the range
    }
    claims = sl.compare_with_textbook({c: r.accuracy for c, r in runs.items()})
    items = dict(CT.notice_items(runs, claims, (10.0, "rnn"), "ko"))
    assert items["classifier.notice_range"] == {"low": "10.0", "high": "100.0"}
    assert "classifier.notice_confusion" not in items  # the inspected model diverged
    agree = sum(c.agrees for c in claims)
    assert items["classifier.notice_claims"] == {"agree": agree, "n": len(claims)}


@pytest.mark.parametrize("lang", LANGS)
def test_every_notice_and_try_item_is_a_sentence_in_the_catalogue(lang):
    run = fake_run(predicted=(0, 1, 2, 3, 4, 5, 6, 1, 0, 0))
    cell = (100.0, "lstm")
    claims = sl.compare_with_textbook({cell: run.accuracy})
    for key, numbers in CT.notice_items({cell: run}, claims, cell, lang):
        sentence = translate(key, lang, **numbers)
        assert "{" not in sentence
    assert all(translate(key, lang) for key in CT.TRY_ITEMS)


# ---- the real recordings, pin and compare ----------------------------------------------------


def test_skipped_rows_are_one_sentence_in_the_loaders_reason_order():
    skipped = {"missing_file": 2, "malformed": 1}
    assert CT.skipped_sentence(skipped, "en") == (
        "3 rows of the metadata were skipped: 1 malformed (a field missing or not a number), "
        "2 whose file is missing."
    )
    assert CT.skipped_sentence({}, "en") is None


def test_a_metadata_error_is_one_sentence_with_its_numbers(tmp_path):
    from lstm_viz.audio import urbansound8k as us8k

    missing = us8k.MetadataMalformed(tmp_path / "m.csv", ("fold", "class"))
    assert CT.urbansound8k_error(missing, "en") == (
        f"The metadata file {tmp_path / 'm.csv'} has no column fold, class, so its rows cannot "
        "be read."
    )
    empty = us8k.NoUsableClips(5, 0)
    assert "5개" in CT.urbansound8k_error(empty, "ko") and "0개" in CT.urbansound8k_error(
        empty, "ko"
    )


def test_compare_parts_name_each_control_and_the_data_source():
    pinned = sl.SoundLabConfig(seed=0, lr=0.01)
    current = sl.SoundLabConfig(seed=3, lr=0.1, data_root="/data/us8k")
    parts = CT.compare_parts(pinned, current)
    assert parts == [
        ("classifier.lr", 0.01, 0.1),
        ("classifier.seed", 0, 3),
        ("classifier.data", "classifier.data_synthetic", "/data/us8k"),
    ]
    named = [(translate(k, "en"), a, b) for k, a, b in parts]  # as the page names them
    assert named[0][0] == "Learning rate" and named[2][0] == "Sounds"
    assert translate(parts[2][1], "ko") == "합성"
    assert CT.compare_parts(current, current) == []


def test_compare_lines_pair_each_shared_model_in_table_order():
    current = {(100.0, "lstm"): fake_run(), (10.0, "rnn"): fake_run("rnn", 10.0)}
    pinned = {(100.0, "lstm"): fake_run(predicted=(0,) * 10)}
    assert CT.compare_lines(current, pinned, "en") == [
        "LSTM, 100 ms: this run 100.0 %, the pinned run 10.0 %."
    ]
