"""The LSTM race (lstm_viz/labs/adam/race.py): one init and one batch order for four optimizers, the
first updates, divergence as a record, the race as a shared run, and the race's table."""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from lstm_viz.labs.adam import RUNS, compute, race
from lstm_viz.labs.adam.race import RaceConfig
from lstm_viz.nn.train import Divergence

SMALL = RaceConfig(steps=20, n_train=128, n_val=64)


@pytest.fixture(scope="module")
def small_race():
    return race.run_race(SMALL)


def test_race_runs_share_init_and_first_batch(small_race):
    first = {name: run.loss[0] for name, run in small_race.runs.items()}
    assert list(first) == list(RUNS)
    assert len(set(first.values())) == 1  # the loss before any update, on the same batch
    for run in small_race.runs.values():
        assert len(run.loss) == 20 and run.val_loss is not None and run.diverged is None


def test_race_reports_progress_for_every_step_counted_over_the_whole_race():
    seen = []
    found = race.run_race(replace(SMALL, steps=3), lambda *report: seen.append(report))
    assert [step for step, _, _ in seen] == list(range(1, 13))  # 4 runs x 3 steps, in RUNS order
    assert [loss for step, loss, _ in seen[6:9]] == found.runs["adam"].loss
    assert [acc for step, _, acc in seen[:3]] == found.runs["sgd"].accuracy


@pytest.mark.parametrize(("beta2", "ratio"), [(0.999, 3.16), (0.99, 1.0)])
def test_first_lstm_update_without_correction_is_r1_times_corrected(beta2, ratio):
    runs = race.run_race(replace(SMALL, beta2=beta2, steps=1)).runs
    # eps matters for the few weights with tiny gradients, hence 1 %.
    assert runs["adam_uncorrected"].first_update / runs["adam"].first_update == pytest.approx(
        ratio, rel=0.01
    )
    expected = runs["sgd"].first_update * SMALL.momentum_lr / SMALL.sgd_lr
    assert runs["momentum"].first_update == pytest.approx(expected)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_uncorrected_adams_loss_drops_sooner_in_the_first_steps(seed):
    runs = race.run_race(replace(RaceConfig(), steps=20, seed=seed)).runs
    early = {name: np.mean(run.loss[1:20]) for name, run in runs.items()}
    assert early["adam_uncorrected"] < early["adam"] < min(early["sgd"], early["momentum"])


def test_default_race_learns_the_task_with_adam():
    runs = race.run_race(RaceConfig()).runs
    assert runs["adam"].val_accuracy > 0.95 and runs["adam_uncorrected"].val_accuracy > 0.95
    assert runs["adam"].val_loss < runs["sgd"].val_loss


def test_a_diverging_race_keeps_its_history_and_the_divergence_record(monkeypatch):
    train, val = race.race_data(SMALL)
    broken = replace(train, x=np.full_like(train.x, np.nan))  # a corrupt input: the loss is NaN
    monkeypatch.setattr(race, "race_data", lambda config: (broken, val))
    found = race.run_race(SMALL)
    for run in found.runs.values():
        assert run.diverged == Divergence(1, "loss") and run.loss == [] and run.val_loss is None
        assert np.isnan(run.first_update)
    assert race.race_table_text(race.race_table(found))["first"] == ["—"] * 4


def test_a_run_that_diverges_later_keeps_the_steps_it_made(monkeypatch):
    train, val = race.race_data(SMALL)
    # The batch of step 3 (nn.train draws batches from default_rng(seed)) gets one NaN input.
    order = np.random.default_rng(SMALL.seed).permutation(len(train))
    x = train.x.copy()
    x[order[2 * SMALL.batch_size]] = np.nan
    monkeypatch.setattr(race, "race_data", lambda config: (replace(train, x=x), val))
    for run in race.run_race(SMALL).runs.values():
        assert run.diverged == Divergence(3, "loss") and run.val_loss is None
        assert len(run.loss) == 2 and all(np.isfinite(run.loss))
        assert np.isfinite(run.first_update)


def test_the_race_is_one_shared_run_keyed_by_its_settings():
    spec = race.race_spec(SMALL)
    assert (spec.name, spec.settings, spec.steps) == ("adam.race", SMALL, 4 * SMALL.steps)
    assert spec == race.race_spec(replace(SMALL))  # equal settings, equal key
    record = spec.compute(lambda step, loss, accuracy=None: None)
    copy = pickle.loads(pickle.dumps(record))  # the disk cache pickles it
    assert copy.config == SMALL and copy.runs["adam"].loss == record.runs["adam"].loss


def test_shared_runs_are_the_default_race_and_every_demos_race():
    configs = [spec.settings for spec in compute.shared_runs()]
    assert configs == [RaceConfig(), RaceConfig(beta2=0.99)]  # the paper's beta2 is the default
    for values in compute.PRESETS.values():
        assert race.race_spec(compute.race_config(values)) in compute.shared_runs()


def test_race_config_reads_the_page_controls_as_they_return_values():
    values = {"adam_lag": 20, "adam_rsteps": 100, "adam_ladam": "0.003", "adam_beta1": "0.95",
              "adam_eps": "1e-06", "adam_seed": 3}  # fmt: skip
    assert compute.race_config(values) == RaceConfig(
        lag=20, steps=100, adam_lr=0.003, beta1=0.95, eps=1e-6, seed=3
    )
    assert compute.race_config({}) == RaceConfig()


def test_race_table_rows_and_text(small_race):
    rows = race.race_table(small_race)
    assert [rows[n].lr for n in RUNS] == [0.5, 0.05, 0.01, 0.01]
    adam = small_race.runs["adam"]
    assert rows["adam"].last_loss == pytest.approx(np.mean(adam.loss[-10:]))
    assert rows["adam"].first_update == adam.first_update
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


def test_race_facts_quote_the_runs_numbers(small_race):
    facts = race.race_facts(small_race)
    runs = small_race.runs
    assert facts.first_loss == runs["sgd"].loss[0]
    assert facts.update_ratio == runs["adam_uncorrected"].first_update / runs["adam"].first_update
    assert facts.zoom == 20
    assert facts.early_adam == pytest.approx(np.mean(runs["adam"].loss[1:20]))


def test_race_module_does_not_import_streamlit():
    code = "import sys, lstm_viz.labs.adam.compute; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
