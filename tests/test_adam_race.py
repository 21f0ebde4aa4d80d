"""The LSTM race (lstm_viz/labs/adam/race.py): one init and one batch order for four optimizers, the
first updates, divergence, the race's table and its "what to notice" sentences."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from lstm_viz.labs.adam import RUNS, race
from lstm_viz.labs.adam.race import RaceConfig

SMALL = RaceConfig(steps=20, n_train=128, n_val=64)


@pytest.fixture(scope="module")
def small_race():
    return race.run_race(SMALL)


def test_race_runs_share_init_and_first_batch(small_race):
    first = {name: run.loss[0] for name, run in small_race.items()}
    assert list(first) == list(RUNS)
    assert len(set(first.values())) == 1  # the loss before any update, on the same batch
    assert all(len(run.loss) == 20 and run.val_loss is not None for run in small_race.values())


def test_race_reports_progress_for_every_step():
    seen = []
    runs = race.run_race(replace(SMALL, steps=3), callback=lambda *pair: seen.append(pair))
    assert [(name, r.step) for name, r in seen] == [(n, k) for n in RUNS for k in (1, 2, 3)]
    assert [r.loss for name, r in seen if name == "adam"] == runs["adam"].loss


@pytest.mark.parametrize(("beta2", "ratio"), [(0.999, 3.16), (0.99, 1.0)])
def test_first_lstm_update_without_correction_is_r1_times_corrected(beta2, ratio):
    norms = race.first_update_norms(replace(SMALL, beta2=beta2))
    # eps matters for the few weights with tiny gradients, hence 1 %.
    assert norms["adam_uncorrected"] / norms["adam"] == pytest.approx(ratio, rel=0.01)
    assert norms["momentum"] == pytest.approx(norms["sgd"] * SMALL.momentum_lr / SMALL.sgd_lr)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_uncorrected_adams_loss_drops_sooner_in_the_first_steps(seed):
    runs = race.run_race(replace(RaceConfig(), steps=20, seed=seed))
    early = {name: np.mean(run.loss[1:20]) for name, run in runs.items()}
    assert early["adam_uncorrected"] < early["adam"] < min(early["sgd"], early["momentum"])


def test_default_race_learns_the_task_with_adam():
    runs = race.run_race(RaceConfig())
    assert runs["adam"].val_accuracy > 0.95 and runs["adam_uncorrected"].val_accuracy > 0.95
    assert runs["adam"].val_loss < runs["sgd"].val_loss


def test_a_diverging_race_keeps_the_sentence_and_the_history(monkeypatch):
    train, val = race.race_data(SMALL)
    broken = replace(train, x=np.full_like(train.x, np.nan))  # a corrupt input: the loss is NaN
    monkeypatch.setattr(race, "race_data", lambda config: (broken, val))
    runs = race.run_race(SMALL)
    for run in runs.values():
        assert run.diverged_at == 1 and run.loss == [] and run.val_loss is None
        assert run.diverged.startswith("Training stopped at step 1: the loss became infinite")
        assert run.diverged.endswith("turn on gradient clipping.") and run.diverged_what == "loss"


def names(notices) -> list[str]:
    return [name for name, _ in notices]


def test_default_race_notices_and_table():
    cfg = replace(RaceConfig(), steps=20)  # the page's default race, cut to its zoomed window
    runs, norms = race.run_race(cfg), race.first_update_norms(cfg)
    notices = dict(race.race_notices(cfg, runs, norms))
    assert notices["race_start"] == {"loss": f"{runs['sgd'].loss[0]:.4f}"}
    assert "race_first_sooner" in notices  # pinned for seeds 0-2 above
    assert float(notices["race_first_sooner"]["ratio"]) == pytest.approx(3.16, rel=0.01)
    rows = race.race_table(cfg, runs, norms)
    assert [rows[n].lr for n in RUNS] == [0.5, 0.05, 0.01, 0.01]
    assert rows["adam"].last_loss == pytest.approx(np.mean(runs["adam"].loss[-10:]))
    assert rows["adam"].first_update == norms["adam"]


def test_race_notices_do_not_claim_an_earlier_drop_the_losses_do_not_show(small_race):
    norms = race.first_update_norms(SMALL)
    early = {n: np.mean(small_race[n].loss[1:20]) for n in ("adam", "adam_uncorrected")}
    sooner = early["adam_uncorrected"] < early["adam"]
    notices = names(race.race_notices(SMALL, small_race, norms))
    assert notices[1] == ("race_first_sooner" if sooner else "race_first")


def test_race_notices_with_the_textbook_beta2_say_the_first_updates_are_equal():
    cfg = replace(SMALL, beta2=0.99, steps=3)
    notices = dict(race.race_notices(cfg, race.run_race(cfg), race.first_update_norms(cfg)))
    assert float(notices["race_equal"]["ratio"]) == pytest.approx(1.0, abs=0.01)
    assert (notices["race_equal"]["peak"], notices["race_equal"]["tpeak"]) == ("2.13", "13")


def test_race_table_text_prints_each_column_and_a_dash_where_a_run_has_no_number():
    rows = {
        "sgd": race.RaceRow(lr=0.5, first_update=0.123456, last_loss=None, val_accuracy=None),
        "adam": race.RaceRow(lr=0.01, first_update=1.5, last_loss=0.0123456, val_accuracy=0.996),
    }
    assert race.race_table_text(rows) == {
        "lr": ["0.5", "0.01"],
        "first": ["0.1235", "1.5"],
        "loss": ["—", "0.01235"],
        "accuracy": ["—", "99.6"],
    }


@pytest.mark.parametrize(
    ("name", "step", "done"),
    [("sgd", 0, 0.0), ("momentum", 75, 0.375), ("adam", 150, 0.75), ("adam_uncorrected", 150, 1)],
)
def test_race_progress_counts_the_runs_trained_before_this_one(name, step, done):
    assert race.race_progress(RaceConfig(steps=150), name, step) == pytest.approx(done)


def test_race_module_does_not_import_streamlit():
    code = "import sys, lstm_viz.labs.adam.race; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
