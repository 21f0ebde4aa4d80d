"""The LSTM gates page's compute: every sentence the page says about its charts, pinned on the
runs its presets make, plus the recording, the student's input and the extreme settings."""

from __future__ import annotations

import math
import subprocess
import sys
from functools import cache

import numpy as np
import pytest

from lstm_viz.data import expressions
from lstm_viz.data.base import SequenceData
from lstm_viz.labs.gates import compute as gates
from lstm_viz.labs.gates import text as gates_text
from lstm_viz.labs.gates.compute import GatesConfig
from lstm_viz.nn.train import Divergence

TEXTBOOK = gates.PRESETS["gates.preset_textbook"]  # also the page's default
FIRST_SYMBOL = gates.PRESETS["gates.preset_first_symbol"]
TINY = GatesConfig(hidden_size=4, steps=5, n_train=40, n_val=16)  # fast plumbing checks


@cache
def trained(config: GatesConfig) -> gates.GatesResult:
    return gates.run_training(config)


def sigma(a: float) -> float:
    return 1.0 / (1.0 + math.exp(-a))  # independent of lstm_viz.nn.heads


# ---------------------------------------------------------------------------------------------
# Before training


@pytest.mark.parametrize("task", gates.TASKS)
@pytest.mark.parametrize("forget_bias", [-2.0, 0.0, 1.0, 2.0, 3.0])  # the slider's range
def test_forget_gate_before_training_averages_sigmoid_of_its_bias(task, forget_bias):
    config = GatesConfig(task=task, forget_bias=forget_bias, steps=0, n_train=8, n_val=64)
    record = gates.record_example(gates.run_training(config), 0, after=False)
    assert gates.forget_mean(record) == pytest.approx(sigma(forget_bias), abs=0.03)


@pytest.mark.parametrize("forget_bias", [-2.0, 0.0, 1.0, 2.0, 3.0])  # the slider's range
def test_before_training_each_unit_keeps_about_sigmoid_bias_to_the_lag(forget_bias):
    config = GatesConfig(task="first_symbol", forget_bias=forget_bias, steps=0, n_train=8, lag=20)
    record = gates.record_example(gates.run_training(config), 0, after=False)
    expected = gates.untrained_retention(forget_bias, 20)
    assert expected == pytest.approx(sigma(forget_bias) ** 20)
    # Per step, the geometric-mean forget gate is within 5 % of sigma(b_f) ...
    log_geometric_mean = np.log(gates.retention(record)).mean()
    assert abs(log_geometric_mean / 20 - math.log(sigma(forget_bias))) < 0.05
    # ... so over 20 steps each unit keeps sigma(b_f)^20 within a factor of about 2.7.
    assert abs(log_geometric_mean - math.log(expected)) < 1.0


def test_sigma_of_one_is_the_pages_0_73():
    assert gates.sigmoid(1.0) == pytest.approx(0.7311, abs=1e-4)
    assert gates.sigmoid(1.0) ** 20 == pytest.approx(0.0019, abs=1e-4)  # "about 0.2 %"


# ---------------------------------------------------------------------------------------------
# After training


def test_textbook_task_trains_well_above_chance():
    result = trained(TEXTBOOK)
    assert result.diverged is None
    assert 0.45 <= result.chance <= 0.55
    assert result.val_accuracy >= 0.8


def test_first_symbol_task_trains_to_near_perfect_accuracy_against_chance_one_quarter():
    result = trained(FIRST_SYMBOL)
    assert 0.25 <= result.chance <= 0.3  # the held-out set's most common letter
    assert result.val_accuracy >= 0.95


@pytest.mark.parametrize("index", range(gates.N_EXAMPLES))
def test_after_training_a_units_forget_gate_stays_near_one_across_the_noise(index):
    result = trained(FIRST_SYMBOL)
    before = gates.record_example(result, index, after=False)
    after = gates.record_example(result, index, after=True)
    unit, mean_f, kept = gates.memory_unit(after)
    assert mean_f >= 0.9
    assert kept >= 0.1 and kept >= 20 * gates.memory_unit(before)[2]  # keeps the first symbol


@pytest.mark.parametrize("config", [TEXTBOOK, FIRST_SYMBOL], ids=["expressions", "first"])
@pytest.mark.parametrize("gate", ["i", "o"])
@pytest.mark.parametrize("index", [0, 5, 11])
def test_input_and_output_gates_leave_one_half_after_training(config, gate, index):
    result = trained(config)
    spread = {
        after: gates.gate_spread(gates.record_example(result, index, after), gate)
        for after in (False, True)
    }
    assert spread[False] < 0.05  # before: a uniform grey 0.5
    assert spread[True] > 3 * spread[False]  # after: decisive, towards 0 or 1


def test_twice_the_lag_accuracy_is_what_the_model_gets_on_sequences_twice_as_long():
    result = trained(FIRST_SYMBOL)
    rng = np.random.default_rng(1)
    typed = ["ABCD"[k % 4] + "".join(rng.choice(list("0123"), 40)) for k in range(100)]
    correct = np.mean([gates.record_text(result, text)[1].correct for text in typed])
    assert abs(correct - result.twice_lag_accuracy) < 0.05  # 200 other sequences, same story
    assert result.twice_lag_accuracy >= 0.9


def test_learning_rate_10_leaves_the_textbook_task_at_chance_without_crashing():
    result = trained(gates.PRESETS["gates.preset_lr_10"])
    assert result.diverged is None and len(result.history.loss) == 500
    assert result.val_accuracy < result.chance + gates.LEARNED_MARGIN and not result.learned


def test_textbook_example_gets_the_parsers_verdict():
    record, verdict = gates.record_text(trained(TEXTBOOK), "(a+12)*b3")
    assert verdict.truth == 1 and verdict.predicted == 1 and verdict.correct
    assert verdict.probability == pytest.approx(record.probs[1])
    assert 0.5 < verdict.probability < 1


# ---------------------------------------------------------------------------------------------
# Divergence and determinism


def test_divergence_is_a_record_of_its_step_and_keeps_the_history_so_far():
    result = gates.run_training(GatesConfig(lr=1e38, steps=20, n_train=64, n_val=16))
    assert result.params_after is None and result.val_accuracy is None and not result.learned
    assert result.diverged == Divergence(2, "loss") and len(result.history.loss) == 1
    assert gates.record_example(result, 0, after=True) is None
    assert gates.record_example(result, 0, after=False) is not None
    with pytest.raises(ValueError, match="diverged"):
        gates.record_text(result, "a+b")


def test_same_settings_give_the_same_run_and_another_seed_another():
    a, b = gates.run_training(TINY), gates.run_training(TINY)
    c = gates.run_training(GatesConfig(hidden_size=4, steps=5, n_train=40, n_val=16, seed=1))
    for name in a.params_after:
        np.testing.assert_array_equal(a.params_after[name], b.params_after[name])
    assert not np.array_equal(a.params_after["cell.Wx"], c.params_after["cell.Wx"])
    assert a.history.loss == b.history.loss


def test_the_example_does_not_change_with_the_seed():
    a = gates.run_training(TINY)
    c = gates.run_training(GatesConfig(hidden_size=4, steps=5, n_train=40, n_val=16, seed=7))
    assert a.examples.texts == c.examples.texts


def test_progress_callback_sees_every_step():
    steps = []
    gates.run_training(TINY, on_step=lambda report: steps.append(report.step))
    assert steps == [1, 2, 3, 4, 5]


def test_train_spec_reports_every_step_with_loss_and_accuracy_and_returns_the_record():
    seen = []
    spec = gates.train_spec(TINY)
    result = spec.compute(lambda step, loss, accuracy=None: seen.append((step, loss, accuracy)))
    assert spec.name == "gates.train" and spec.settings == TINY and spec.steps == 5
    assert [s for s, _, _ in seen] == [1, 2, 3, 4, 5]
    assert [loss for _, loss, _ in seen] == result.history.loss
    assert all(0 <= accuracy <= 1 for _, _, accuracy in seen)


def test_shared_runs_are_the_default_and_every_demo_once():
    specs = gates.shared_runs()
    assert [s.settings for s in specs] == [GatesConfig(), *list(gates.PRESETS.values())[1:]]
    assert len({s.key for s in specs}) == len(specs)


# ---------------------------------------------------------------------------------------------
# Recording


def test_first_step_gates_match_the_equations_by_hand():
    result = gates.run_training(TINY)
    p = result.params_after
    record = gates.record_example(result, 0, after=True)
    H = 4
    x0 = result.examples.x[0, 0].astype(np.float64)  # h_{-1} = 0, c_{-1} = 0
    a = x0 @ p["cell.Wx"].astype(np.float64) + p["cell.b"]  # blocks [o | f | i | g]
    o, f, i = (1 / (1 + np.exp(-a[k * H : (k + 1) * H])) for k in range(3))
    g = np.tanh(a[3 * H :])
    c = i * g
    expected = {"o": o, "f": f, "i": i, "g": g, "c": c, "h": o * np.tanh(c)}
    for name, value in expected.items():
        np.testing.assert_allclose(record.states[name][:, 0], value, atol=1e-5, err_msg=name)


def test_record_has_one_column_per_symbol_even_when_symbols_repeat():
    record, _ = gates.record_text(gates.run_training(TINY), "aa+aa")
    assert record.symbols == ("a", "a", "+", "a", "a", "$")
    assert all(state.shape == (4, 6) for state in record.states.values())
    assert record.probs.sum() == pytest.approx(1.0)


def test_example_indices_alternate_classes_and_start_with_a_valid_expression():
    y = np.array([0, 0, 1, 0, 1, 1, 0])
    data = SequenceData(np.zeros((7, 2, 1)), np.full(7, 2), y)
    assert gates.example_indices(data, 6) == [2, 0, 4, 1, 5, 3]
    result = gates.run_training(TINY)
    assert expressions.is_valid_expression(result.examples.texts[0])


def test_chance_is_the_most_common_class_share():
    data = SequenceData(np.zeros((5, 1, 1)), np.ones(5, int), np.array([2, 2, 0, 1, 2]))
    assert gates.chance_accuracy(data) == pytest.approx(0.6)


def test_colour_domains_are_fixed_and_cover_every_value():
    result = trained(TEXTBOOK)
    records = [gates.record_example(result, k, after) for k in range(4) for after in (0, 1)]
    for name in gates.STATES:
        lo, hi = gates.color_domain(name, records)
        for record in records:
            assert lo <= record.states[name].min() and record.states[name].max() <= hi, name
    assert gates.color_domain("f", records) == (0.0, 1.0)
    assert gates.color_domain("h", records) == (-1.0, 1.0)
    lo, hi = gates.color_domain("c", records)
    assert lo == -hi and hi >= 1 and (2 * hi).is_integer()


def test_gate_spread_is_the_mean_distance_from_one_half():
    f = np.array([[0.5, 1.0], [0.0, 0.7]])
    record = gates.GateRecord(("a", "$"), {"f": f}, np.array([1.0]), ("x",))
    assert gates.gate_spread(record, "f") == pytest.approx((0 + 0.5 + 0.5 + 0.2) / 4)


@pytest.mark.parametrize("window", [1, 3, 50])
def test_moving_average_is_the_mean_of_the_last_window_values(window):
    values = np.random.default_rng(0).standard_normal(20)
    expected = [values[max(0, k - window + 1) : k + 1].mean() for k in range(20)]
    np.testing.assert_allclose(gates.moving_average(values, window), expected)


def test_retention_is_the_product_of_forget_gates_from_the_second_step():
    f = np.array([[0.5, 0.5, 0.5], [0.9, 1.0, 0.8]])
    record = gates.GateRecord(("A", "0", "1"), {"f": f}, np.array([1.0]), ("A",))
    np.testing.assert_allclose(gates.retention(record), [0.25, 0.8])
    assert gates.memory_unit(record) == (1, pytest.approx(0.9), pytest.approx(0.8))


# ---------------------------------------------------------------------------------------------
# A student's own input


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        ("", "empty", {}),
        ("   ", "empty", {}),
        ("a" * 40, "too_long", {"n": 40, "max": 39}),
        ("(a+1 2)", "space", {"character": " ", "position": 5}),
        ("a+b$", "end_marker", {"character": "$", "position": 4}),
        ("a+%b", "character", {"character": "%", "position": 3}),
        ("  a&b", "character", {"character": "&", "position": 4}),
    ],
)
def test_a_bad_expression_names_what_is_wrong(text, kind, fields):
    with pytest.raises(expressions.ExpressionError) as error:
        gates.record_text(trained(TEXTBOOK), text)
    assert gates.input_error_parts(error.value, text) == (kind, fields)
    assert str(error.value).count(". ") == 0  # one sentence


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        ("", "empty", {}),
        ("A" + "0" * 200, "too_long", {"n": 201, "max": 200}),
        ("A01x2", "character", {"character": "x", "position": 4}),
        ("B0E", "character", {"character": "E", "position": 3}),
        ("0123", "first_not_signal", {"character": "0", "position": 1}),
    ],
)
def test_a_bad_memory_sequence_names_what_is_wrong(text, kind, fields):
    with pytest.raises(gates.SymbolError) as error:
        gates.encode_symbols(text)
    assert gates.input_error_parts(error.value, text) == (kind, fields)


def test_a_memory_sequence_is_encoded_upper_case_with_its_first_symbol_as_truth():
    data = gates.encode_symbols(" c0312")
    assert data.texts == ("C0312",) and int(data.y[0]) == 2
    assert data.x.shape == (1, 5, 8)
    np.testing.assert_array_equal(data.x[0].argmax(axis=1), [2, 4, 7, 5, 6])


@pytest.mark.parametrize(
    "kwargs",
    [{"task": "words"}, {"hidden_size": 0}, {"lr": 0.0}, {"lag": 0}, {"steps": -1}],
)
def test_bad_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        GatesConfig(**kwargs)


def test_the_compute_module_never_imports_streamlit():
    code = "import sys, lstm_viz.labs.gates.compute; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# The page's "what to notice" and "try this" items, with this run's numbers


def test_memory_notices_quote_the_runs_numbers():
    result = trained(FIRST_SYMBOL)
    before = gates.record_example(result, 0, after=False)
    after = gates.record_example(result, 0, after=True)
    items = dict(
        item if isinstance(item, tuple) else (item, {})
        for item in gates_text.notice_items(result, before, after)
    )
    assert list(items) == [
        "gates.notice_forget_before",
        "gates.notice_memory_unit",
        "gates.notice_spread",
        "gates.notice_accuracy",
        "gates.notice_last_step",
    ]
    forget = items["gates.notice_forget_before"]
    n = len(before.symbols) - 1  # forget gates between the signal and the last step
    assert forget["n"] == n == FIRST_SYMBOL.lag
    assert forget["sigma"] == "0.73"
    assert float(forget["kept"]) == pytest.approx(100 * sigma(1.0) ** n, rel=0.01)
    memory = items["gates.notice_memory_unit"]
    assert float(memory["mean"]) >= 0.9
    assert float(memory["kept"]) >= 20 * float(memory["kept_before"])  # keeps the first symbol
    spread = items["gates.notice_spread"]
    assert float(spread["i_after"]) > float(spread["i_before"])
    assert float(items["gates.notice_accuracy"]["accuracy"]) >= 95


def test_before_training_only_the_forget_notice_and_the_last_step():
    result = gates.run_training(TINY)
    before = gates.record_example(result, 0, after=False)
    keys = [
        item if isinstance(item, str) else item[0]
        for item in gates_text.notice_items(result, before, None)
    ]
    assert keys == ["gates.notice_forget_before", "gates.notice_last_step"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (TEXTBOOK, ["gates.try_textbook_example", "gates.try_lr_10", "gates.try_first_symbol"]),
        (FIRST_SYMBOL, ["gates.try_forget_bias_0", "gates.try_twice_the_lag"]),
    ],
)
def test_try_items_follow_the_task_and_double_the_lag(config, expected):
    items = gates_text.try_items(trained(config))
    assert [item if isinstance(item, str) else item[0] for item in items] == expected
    if config.task == "first_symbol":
        numbers = items[1][1]
        assert numbers["lag"] == 20 and numbers["n"] == 40 and numbers["count"] == 200
        assert float(numbers["accuracy"]) == pytest.approx(100 * trained(config).twice_lag_accuracy)


@pytest.mark.parametrize(
    ("steps", "expected"),
    [(800, tuple(range(0, 801, 25))), (600, tuple(range(0, 601, 20))), (50, tuple(range(0, 51, 2))),
     (0, (0,))],
)  # fmt: skip
def test_snapshot_steps_are_evenly_spaced_from_start_to_end(steps, expected):
    assert gates.snapshot_steps(steps) == expected


def test_a_run_keeps_its_snapshots_and_the_last_is_the_trained_model():
    config = gates.GatesConfig(hidden_size=4, steps=30)
    run = gates.run_training(config)
    assert sorted(run.snapshots) == list(gates.snapshot_steps(30)) == list(range(31))
    assert run.snapshots[0] is run.params_before and run.snapshots[30] is run.params_after
    shorter = gates.run_training(gates.GatesConfig(hidden_size=4, steps=12))  # same batches
    for name, value in shorter.params_after.items():
        assert np.array_equal(gates.params_at(run, 12)[name], value)
    with pytest.raises(ValueError, match="no snapshot at step 7"):
        gates.params_at(gates.run_training(gates.GatesConfig(hidden_size=4, steps=60)), 7)


def test_the_memory_carrier_separates_the_letters_and_holds_longest():
    run = gates.run_training(gates.PRESETS["gates.preset_first_symbol"])
    unit = gates.memory_carrier_unit(run)
    eta2, tau = run.carrier.separation, run.memory.decay_steps
    assert eta2[unit] >= eta2.max() - gates.CARRIER_TOLERANCE
    assert tau[unit] == max(tau[eta2 >= eta2.max() - gates.CARRIER_TOLERANCE])
    assert gates.memory_carrier_unit(gates.run_training(gates.GatesConfig(steps=10))) is None
