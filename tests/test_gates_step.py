"""One LSTM time step up close: the numbers are the trace's own and obey the cell's equations."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.data import memory
from lstm_viz.labs.gates import step
from lstm_viz.nn import optim
from lstm_viz.nn.lstm import LSTMTrace, lstm_forward
from lstm_viz.nn.model import ModelConfig, init_model, layer_forward
from lstm_viz.nn.train import TrainConfig, train

D, H = 5, 3


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def setup(dtype: str, seed: int = 0):
    """A random LSTM (biases and recurrent weights made large enough to matter) and a padded
    batch of two samples of lengths 6 and 4."""
    config = ModelConfig(D, H, 2, "lstm", dtype=dtype)
    params = init_model(config, seed)
    rng = np.random.default_rng(seed + 1)
    params["cell.b"] = rng.normal(size=4 * H).astype(dtype)
    x = rng.normal(size=(2, 6, D)).astype(dtype)
    lengths = np.array([6, 4])
    return config, params, x, lengths, layer_forward(config, params, x, lengths)


TOL = {"float32": 2e-6, "float64": 1e-13}
CASES = [(dtype, b, t, k) for dtype in TOL for b, t, k in [(0, 0, 0), (0, 3, 2), (1, 3, 1)]]


@pytest.mark.parametrize(("dtype", "b", "t", "k"), CASES)
def test_numbers_are_the_traces_own(dtype, b, t, k):
    config, params, _, _, trace = setup(dtype)
    s = step.step_up_close(config, params, trace, b, t, k)
    for gate in ("o", "f", "i", "g"):
        assert getattr(s, gate).value == float(getattr(trace, gate)[b, t, k])
    assert s.c == float(trace.c[b, t, k]) and s.h == float(trace.h[b, t, k])
    np.testing.assert_array_equal(s.x, trace.x[b, t])
    if t > 0:
        assert s.c_prev == float(trace.c[b, t - 1, k])
        np.testing.assert_array_equal(s.h_prev, trace.h[b, t - 1])


@pytest.mark.parametrize(("dtype", "b", "t", "k"), CASES)
def test_cell_and_hidden_state_equations_hold(dtype, b, t, k):
    config, params, _, _, trace = setup(dtype)
    s = step.step_up_close(config, params, trace, b, t, k)
    assert s.kept == float(np.asarray(s.f.value, dtype) * np.asarray(s.c_prev, dtype))
    assert s.written == float(np.asarray(s.i.value, dtype) * np.asarray(s.g.value, dtype))
    assert s.c == float(np.asarray(s.kept, dtype) + np.asarray(s.written, dtype))  # exact
    assert s.h == pytest.approx(s.o.value * s.tanh_c, rel=TOL[dtype], abs=TOL[dtype])
    assert s.tanh_c == pytest.approx(np.tanh(s.c), rel=TOL[dtype])


@pytest.mark.parametrize(("dtype", "b", "t", "k"), CASES)
def test_three_terms_sum_to_the_pre_activation_the_gate_was_applied_to(dtype, b, t, k):
    config, params, _, _, trace = setup(dtype)
    s = step.step_up_close(config, params, trace, b, t, k)
    tol = TOL[dtype]
    for gate in ("o", "f", "i"):
        terms = getattr(s, gate)
        total = terms.input + terms.recurrent + terms.bias  # summed in float64 here
        assert terms.pre_activation == pytest.approx(total, rel=tol, abs=tol)
        assert sigmoid(terms.pre_activation) == pytest.approx(terms.value, rel=tol, abs=tol)
        assert s.input_parts[gate].sum() == pytest.approx(terms.input, rel=tol, abs=tol)
        assert s.recurrent_parts[gate].sum() == pytest.approx(terms.recurrent, rel=tol, abs=tol)
    assert np.tanh(s.g.pre_activation) == pytest.approx(s.g.value, rel=tol, abs=tol)
    assert s.f.bias == float(params["cell.b"][H + k])  # blocks o, f, i, g


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_first_step_reads_the_initial_states(dtype):
    config, params, x, lengths, _ = setup(dtype)
    rng = np.random.default_rng(7)
    h0, c0 = (rng.normal(size=(2, H)).astype(dtype) for _ in range(2))
    cell = {k[5:]: v for k, v in params.items() if k.startswith("cell.")}
    trace = lstm_forward(cell, x, lengths, h0=h0, c0=c0)
    s = step.step_up_close(config, params, trace, 1, 0, 2)
    np.testing.assert_array_equal(s.h_prev, h0[1])
    assert s.c_prev == float(c0[1, 2])
    expected = h0[1] @ params["cell.Wh"][:, 2 * H + 2]  # input gate, unit 2
    assert s.i.recurrent == pytest.approx(float(expected), rel=TOL[dtype])
    assert s.c == float(np.asarray(s.kept, dtype) + np.asarray(s.written, dtype))


def test_untrained_first_step_from_zero_states_has_no_recurrent_term():
    config, params, x, lengths, trace = setup("float64")
    s = step.step_up_close_from_inputs(config, params, x, lengths, 0, 0, 1)
    assert s.c_prev == 0.0 and s.kept == 0.0
    assert all(getattr(s, gate).recurrent == 0.0 for gate in ("o", "f", "i", "g"))
    assert s.c == float(trace.c[0, 0, 1]) and s.h == float(trace.h[0, 0, 1])


def test_step_terms_table_matches_the_single_step():
    config, params, _, _, trace = setup("float64")
    table = step.step_terms(config, params, trace, 0)
    for t, k in [(0, 0), (2, 1), (5, 2)]:
        s = step.step_up_close(config, params, trace, 0, t, k)
        for gate in ("o", "f", "i", "g"):
            terms = getattr(s, gate)
            assert table.input[gate][t, k] == pytest.approx(terms.input, rel=1e-13)
            assert table.recurrent[gate][t, k] == pytest.approx(terms.recurrent, abs=1e-13)
            assert table.bias[gate][t, k] == terms.bias
        assert table.c_prev[t, k] == s.c_prev
    np.testing.assert_allclose(sigmoid(table.pre_activation("f")), trace.f[0], rtol=1e-13)


@pytest.mark.parametrize(("b", "t"), [(1, 4), (0, 6), (0, -1), (2, 0)])
def test_a_step_outside_the_sample_is_refused(b, t):
    config, params, _, _, trace = setup("float64")
    with pytest.raises(IndexError):
        step.step_up_close(config, params, trace, b, t, 0)


def test_decay_time_is_minus_one_over_log_mean_forget_gate():
    f = np.array([[[0.5, 0.9, 1.0]] * 4])  # (1, 4, 3): constant forget gates
    zeros = np.zeros_like(f)
    trace = LSTMTrace(
        zeros, np.array([4]), zeros, f, zeros, zeros, zeros, zeros, zeros[:, 0], zeros[:, 0],
        False, zeros[:, 0],
    )  # fmt: skip
    memory_of_units = step.unit_memory(trace)
    np.testing.assert_allclose(memory_of_units.mean_forget, [0.5, 0.9, 1.0])
    np.testing.assert_allclose(memory_of_units.decay_steps[:2], [1 / np.log(2), -1 / np.log(0.9)])
    assert memory_of_units.decay_steps[2] == np.inf
    assert memory_of_units.order.tolist() == [2, 1, 0]


def test_carrier_is_the_unit_whose_final_cell_state_names_the_class():
    B, T = 8, 3
    y = np.arange(B) % 4
    c = np.zeros((B, T, H))
    c[:, -1, 0] = np.random.default_rng(0).normal(size=B)  # noise
    c[:, -1, 1] = y + 0.01 * np.arange(B)  # the class, almost exactly
    zeros = np.zeros_like(c)
    trace = LSTMTrace(
        zeros, np.full(B, T), zeros, zeros, zeros, zeros, c, zeros, zeros[:, 0], zeros[:, 0],
        False, zeros[:, 0],
    )  # fmt: skip
    carrier = step.memory_carrier(trace, y)
    assert carrier.unit == 1
    assert carrier.separation[1] > 0.999 and carrier.separation[2] == 0.0
    np.testing.assert_allclose(carrier.class_means[:, 1], np.arange(4) + 0.02 + 0.01 * np.arange(4))


def test_training_on_the_first_symbol_makes_a_unit_that_carries_it_and_holds_longer():
    data = memory.make_first_symbol_dataset(1000, 10, 4, 0, 4)
    train_set, val = data.split(0.2, 0)
    config = ModelConfig(8, 8, 4, "lstm", "softmax")
    adam = optim.OptimizerConfig("adam", lr=0.02)
    trained = train(config, TrainConfig(300, 32, adam, eval_every=10**9), train_set).params
    before = layer_forward(config, init_model(config, 0), val.x, val.lengths)
    after = layer_forward(config, trained, val.x, val.lengths)
    assert step.memory_carrier(before, val.y).separation.max() < 0.1
    carrier = step.memory_carrier(after, val.y)
    assert carrier.separation[carrier.unit] > 0.99
    assert step.unit_memory(after).decay_steps[carrier.unit] > 2 * max(
        step.unit_memory(before).decay_steps
    )
