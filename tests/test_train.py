"""The model and the training loop: full-model gradients, learning, determinism, divergence,
and the teaching claim that a linear RNN's gradient scales as a^k."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from lstm_viz.data.base import SequenceData
from lstm_viz.nn import model, optim
from lstm_viz.nn.train import DIVERGED_WHAT, Divergence, TrainConfig, train, train_steps
from tests.gradcheck import numerical_grad, relative_error


def first_symbol_task(n: int, T: int, K: int, seed: int) -> SequenceData:
    """Remember the symbol at t = 0 through T - 1 noise steps (built here, independently of
    lstm_viz.data, to keep this test about the training loop)."""
    rng = np.random.default_rng(seed)
    sym = rng.integers(0, K, size=(n, T))
    x = np.eye(K)[sym]  # (n, T, K)
    lengths = rng.integers(T // 2, T + 1, size=n)
    for b, L in enumerate(lengths):
        x[b, L:] = 0
    return SequenceData(x, lengths, sym[:, 0])


@pytest.mark.parametrize(
    "cfg",
    [
        model.ModelConfig(4, 3, 5, cell="lstm", loss="softmax"),
        model.ModelConfig(4, 3, 5, cell="lstm", loss="softmax", use_state=True),
        model.ModelConfig(4, 3, 1, cell="gru", loss="sigmoid"),
        model.ModelConfig(4, 3, 2, cell="rnn", loss="mse", activation="relu"),
    ],
    ids=["lstm-softmax", "lstm-state", "gru-sigmoid", "rnn-relu-mse"],
)
def test_full_model_gradients_match_finite_differences(cfg):
    rng = np.random.default_rng(0)
    params = model.init_model(cfg, seed=1)
    x, lengths = rng.standard_normal((3, 6, 4)), np.array([6, 4, 2])
    y = {
        "softmax": rng.integers(0, 5, 3),
        "sigmoid": np.array([1, 0, 1]),
        "mse": rng.standard_normal((3, 2)),
    }[cfg.loss]
    _, grads, _, _ = model.loss_and_grads(cfg, params, x, lengths, y)
    for name, p in params.items():

        def loss() -> float:
            return model.loss_and_grads(cfg, params, x, lengths, y)[0]

        assert relative_error(grads[name], numerical_grad(loss, p)) < 1e-6, name


@pytest.mark.parametrize("a", [0.5, 0.9, 1.1])
def test_linear_rnn_gradient_at_lag_k_scales_as_a_to_the_k(a):
    H, T = 4, 30
    cfg = model.ModelConfig(3, H, 1, cell="rnn", activation="linear", loss="mse")
    params = model.init_model(cfg, seed=0)
    params["cell.Wh"] = a * np.eye(H)
    x = np.random.default_rng(1).standard_normal((2, T, 3))
    _, _, _, layer = model.loss_and_grads(cfg, params, x, None, np.zeros((2, 1)))
    norms = np.linalg.norm(layer.dh, axis=2)  # (B, T): ||dL/dh_t||
    lag = np.arange(T)[::-1]  # k = T - 1 - t
    np.testing.assert_allclose(norms, norms[:, -1:] * a**lag, rtol=1e-10)


def test_training_lowers_the_loss_on_a_memory_task():
    data = first_symbol_task(200, 8, 3, seed=0)
    cfg = model.ModelConfig(3, 12, 3, cell="lstm")
    tc = TrainConfig(steps=150, batch_size=20, optimizer=optim.OptimizerConfig("adam", lr=0.05))
    hist = train(cfg, tc, data).history
    assert np.mean(hist.loss[-10:]) < 0.5 * np.mean(hist.loss[:10])
    assert np.mean(hist.accuracy[-10:]) > 0.9  # chance is 1/3


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_same_seed_gives_bit_identical_training(dtype):
    data = first_symbol_task(60, 6, 3, seed=1)
    cfg = model.ModelConfig(3, 5, 3, cell="gru", dtype=dtype)
    tc = TrainConfig(steps=20, batch_size=8, seed=7, clip_norm=1.0)
    r1, r2 = train(cfg, tc, data), train(cfg, tc, data)
    assert r1.history.loss == r2.history.loss
    for k in r1.params:
        assert r1.params[k].dtype == np.dtype(dtype)
        np.testing.assert_array_equal(r1.params[k], r2.params[k])
    r3 = train(cfg, TrainConfig(steps=20, batch_size=8, seed=8, clip_norm=1.0), data)
    assert r3.history.loss != r1.history.loss


def test_a_nan_producing_learning_rate_ends_in_the_outcome_record_and_keeps_the_history():
    """A learning rate of 10 and recurrent weights of scale 3 (the page's extreme settings)."""
    task = first_symbol_task(60, 6, 3, seed=2)
    data = SequenceData(task.x, task.lengths, task.y[:, None].astype(float))
    cfg = model.ModelConfig(3, 8, 1, cell="rnn", activation="relu", loss="mse", recurrent_scale=3.0)
    tc = TrainConfig(steps=200, batch_size=10, optimizer=optim.OptimizerConfig("sgd", lr=10.0))
    with np.errstate(all="raise"):  # the loop must not leak overflow warnings
        outcome = train(cfg, tc, data)
    stop = outcome.diverged
    assert isinstance(stop, Divergence) and stop.what in DIVERGED_WHAT
    assert stop.step >= 2 and len(outcome.history.loss) == stop.step - 1
    assert all(np.isfinite(outcome.history.loss))
    assert all(np.all(np.isfinite(v)) for v in outcome.params.values())


def test_a_run_that_ends_well_has_no_divergence():
    data = first_symbol_task(40, 4, 3, seed=1)
    cfg = model.ModelConfig(3, 4, 3, cell="lstm")
    outcome = train(cfg, TrainConfig(steps=5, batch_size=8), data)
    assert outcome.diverged is None and outcome.history.step == [1, 2, 3, 4, 5]


def test_clipping_caps_every_update_and_records_the_norm_before():
    data = first_symbol_task(60, 6, 3, seed=3)
    cfg = model.ModelConfig(3, 8, 3, cell="rnn", recurrent_scale=2.0)
    tc = TrainConfig(steps=15, batch_size=10, clip_norm=0.01)
    hist = train(cfg, tc, data).history
    assert all(hist.clipped) and min(hist.grad_norm) > 0.01


def test_the_generator_reports_every_step_and_returns_the_result():
    data = first_symbol_task(30, 5, 2, seed=4)
    cfg = model.ModelConfig(2, 4, 2)
    tc = TrainConfig(steps=7, batch_size=5, eval_every=3, record_dh=True)
    gen = train_steps(cfg, tc, data, val=data)
    reports = []
    with pytest.raises(StopIteration) as stop:
        while True:
            reports.append(next(gen))
    assert [r.step for r in reports] == list(range(1, 8))
    assert [r.step for r in reports if r.val_loss is not None] == [3, 6, 7]
    result = stop.value.value
    assert result.history.step == list(range(1, 8)) and len(result.history.dh_norms) == 7
    assert result.history.dh_norms[0].shape == (5,)


def test_importing_lstm_viz_core_does_not_import_streamlit():
    code = (
        "import sys, lstm_viz, lstm_viz.nn.model, lstm_viz.nn.train, lstm_viz.nn.optim;"
        "import lstm_viz.data;"
        "import pkgutil, importlib;"
        "mods = pkgutil.walk_packages(lstm_viz.__path__, 'lstm_viz.');"
        "[importlib.import_module(m.name) for m in mods if not m.name.startswith('lstm_viz.ui')];"
        "print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_each_report_carries_its_parameters_so_a_callback_can_keep_snapshots():
    data = first_symbol_task(60, 6, 3, seed=4)
    cfg = model.ModelConfig(3, 6, 3, cell="lstm")
    kept = {}
    tc = TrainConfig(steps=12, batch_size=8, seed=5)
    train(cfg, tc, data, callback=lambda r: kept.update({r.step: r.params}) if r.step % 4 else 0)
    short = train(cfg, TrainConfig(steps=7, batch_size=8, seed=5), data).params
    assert sorted(kept) == [1, 2, 3, 5, 6, 7, 9, 10, 11]
    assert all(np.array_equal(kept[7][k], short[k]) for k in short)  # the same batches, seeded
    assert all(not np.array_equal(kept[3][k], kept[7][k]) for k in ("cell.Wx", "head.W"))
