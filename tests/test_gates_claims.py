"""The claims harness of the LSTM gates page: for every demo and seeds 0-9, train the run, build
every "what to notice" and "try this" item the page would show, and check each against the run's
numbers. A sentence either holds at every seed (checked here) or quotes this run's own numbers,
chosen by them (checked here too: the chosen key matches the numbers it quotes).

Cost: 40 trainings of the page's demos, about a minute of one core on a quiet machine (each run
is computed once per test session). Before-training claims use steps = 0 runs over every hidden
size and forget-gate bias the page offers.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest

from lstm_viz.labs.gates import compute as gates
from lstm_viz.labs.gates import text as gates_text
from lstm_viz.labs.gates.compute import GatesConfig
from lstm_viz.labs.gates.strings import STRINGS

SEEDS = range(10)
DEMOS = list(gates.PRESETS)


@cache
def run(demo: str, seed: int) -> gates.GatesResult:
    config = gates.PRESETS[demo]
    return gates.run_training(GatesConfig(**{**config.__dict__, "seed": seed}))


def keyed(items) -> dict[str, dict]:
    return dict(item if isinstance(item, tuple) else (item, {}) for item in items)


def page_items(result: gates.GatesResult, index: int) -> dict[str, dict]:
    """Every item the page shows for example ``index`` of ``result``."""
    before = gates.record_example(result, index, after=False)
    after = gates.record_example(result, index, after=True)
    items = gates_text.notice_items(result, before, after) + gates_text.try_items(result)
    return keyed(items)


def fmt(item: dict) -> dict[str, float]:
    return {name: float(value) for name, value in item.items()}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("demo", DEMOS)
def test_every_sentence_holds_for_this_demo_and_seed(demo, seed):
    result = run(demo, seed)
    assert result.diverged is None  # no demo diverges: the page shows a trained model
    for index in (0, 5, 11):
        items = page_items(result, index)
        for key, numbers in items.items():
            assert key in STRINGS
            STRINGS[key]["en"].format(**numbers)  # every placeholder filled
            STRINGS[key]["ko"].format(**numbers)
        before = gates.record_example(result, index, after=False)
        after = gates.record_example(result, index, after=True)
        # "Before training every forget gate sits near sigma(b_f) = {sigma}"
        forget = fmt(items["gates.notice_forget_before"])
        assert abs(forget["mean"] - forget["sigma"]) <= 0.05
        # The input and output gates "hover at 0.5" before training and "decide" after, only
        # when they do; otherwise the sentence quotes this run's numbers.
        spread_key = next(k for k in items if k.startswith("gates.notice_spread"))
        decisive = all(
            gates.gate_spread(before, g) < 0.05
            and gates.gate_spread(after, g) >= 2 * gates.gate_spread(before, g)
            for g in "io"
        )
        assert (spread_key == "gates.notice_spread") == decisive
        # Accuracy against chance, and "learned nothing" only when near chance.
        learned_key = "gates.notice_accuracy" if result.learned else "gates.notice_at_chance"
        assert learned_key in items
        if result.config.task == "first_symbol":
            unit, mean_f, kept = gates.memory_unit(after)
            if "gates.notice_memory_unit" in items:  # "stays near 1 ... carries the first symbol"
                assert mean_f >= 0.85 and result.val_accuracy >= 0.9
                assert kept >= 10 * gates.memory_unit(before)[2]
            else:
                assert "gates.notice_memory_weak" in items


@pytest.mark.parametrize("seed", SEEDS)
def test_first_symbol_demo_has_a_unit_whose_forget_gate_stays_near_one(seed):
    # "find the unit whose forget gate stays bright (near 1) along the whole row"
    result = run("gates.preset_first_symbol", seed)
    assert result.val_accuracy >= 0.99  # "reaches 100 % at every seed from 0 to 9" (rounded)
    for index in range(gates.N_EXAMPLES):
        items = page_items(result, index)
        assert "gates.notice_memory_unit" in items
        assert gates.memory_unit(gates.record_example(result, index, after=True))[1] >= 0.85


def test_forget_bias_0_depends_on_the_seed_where_bias_1_always_learns():
    # "With b_f = 1 this demo reaches 100 % at every seed from 0 to 9; with b_f = 0 it depends
    # on the seed."
    zero = [run("gates.preset_forget_bias_0", seed).val_accuracy for seed in SEEDS]
    one = [run("gates.preset_first_symbol", seed).val_accuracy for seed in SEEDS]
    assert min(one) >= 0.995
    assert min(zero) < 0.8 and max(zero) >= 0.995
    # "0.5^20 ≈ 0.0001 % ... against 0.73^20 ≈ 0.2 %"
    assert 100 * gates.untrained_retention(0.0, 20) == pytest.approx(0.0001, abs=0.00005)
    assert 100 * gates.untrained_retention(1.0, 20) == pytest.approx(0.2, abs=0.05)


@pytest.mark.parametrize("seed", SEEDS)
def test_learning_rate_10_jumps_above_ln_2_stays_there_and_sits_at_chance(seed):
    # "the loss jumps above where it started (ln 2 ≈ 0.69) and stays above it, and the accuracy
    # drops to chance"; and the page never calls a verdict of this model "right".
    result = run("gates.preset_lr_10", seed)
    loss = np.asarray(result.history.loss)
    assert loss[0] == pytest.approx(math.log(2), abs=0.05)
    assert loss.max() > 2 * math.log(2)
    assert np.median(loss[-100:]) > math.log(2)
    assert not result.learned
    record, verdict = gates.record_text(result, "(a+12)*b3")
    assert gates_text.verdict_item(result, verdict)[0] == "info"


@pytest.mark.parametrize("seed", SEEDS)
def test_twice_the_lag_sentence_quotes_this_runs_accuracy(seed):
    result = run("gates.preset_first_symbol", seed)
    numbers = keyed(gates_text.try_items(result))["gates.try_twice_the_lag"]
    assert numbers["n"] == 2 * result.config.lag
    assert float(numbers["accuracy"]) == pytest.approx(100 * result.twice_lag_accuracy, abs=0.05)


@pytest.mark.parametrize("task", gates.TASKS)
@pytest.mark.parametrize("hidden", [4, 16, 64])  # the slider's ends and its default
@pytest.mark.parametrize("forget_bias", [-2.0, 0.0, 1.0, 3.0])
def test_before_training_claims_hold_for_every_setting_the_page_offers(task, hidden, forget_bias):
    for seed in (0, 3, 9):
        config = GatesConfig(task, hidden, forget_bias, steps=0, seed=seed, n_train=8, n_val=64)
        result = gates.run_training(config)
        before = gates.record_example(result, 0, after=False)
        forget = fmt(gates_text.forget_numbers(config, before))
        assert abs(forget["mean"] - forget["sigma"]) <= 0.05  # "near": 0.04 at H = 4 measured


def test_a_model_near_chance_never_says_it_is_right():
    result = run("gates.preset_lr_10", 0)
    verdict = gates.Verdict(predicted=1, probability=1.0, truth=1)
    assert gates_text.verdict_item(result, verdict) == (
        "info",
        (
            "gates.verdict_at_chance",
            {"accuracy": f"{100 * result.val_accuracy:.1f}", "chance": "51.0"},
        ),
    )
    trained = run("gates.preset_textbook", 0)
    assert gates_text.verdict_item(trained, verdict) == ("success", "gates.agree")
