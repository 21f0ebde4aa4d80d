"""The compiled engine against the NumPy layers (the reference, itself checked against finite
differences in test_layers_gradcheck.py): the same loss, gradients and per-step records in
float64, float32 within float32's precision, deterministic training, and the fallback to NumPy
when numba is missing or fails."""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys

import numpy as np
import pytest

from lstm_viz.data.base import SequenceData
from lstm_viz.nn import compiled, gru, lstm, model, optim, rnn
from lstm_viz.nn.train import TrainConfig, train

B, T, D, H, K = 3, 6, 4, 5, 3
LENGTHS = {"full": None, "padded": np.array([6, 4, 1])}
CELLS = {
    "lstm": dict(cell="lstm"),
    "lstm_state": dict(cell="lstm", use_state=True),
    "gru": dict(cell="gru"),
    "rnn_tanh": dict(cell="rnn", activation="tanh"),
    "rnn_relu": dict(cell="rnn", activation="relu"),
    "rnn_linear": dict(cell="rnn", activation="linear"),
}
RECORDS = {"lstm": ("o", "f", "i", "g", "c", "h"), "gru": ("z", "r", "n", "h"), "rnn": ("a", "h")}
TOL = dict(rtol=1e-10, atol=1e-12)


def case(kind: str, dtype: str = "float64", engine: str = "numpy", seed: int = 0):
    cfg = model.ModelConfig(D, H, K, dtype=dtype, engine=engine, **CELLS[kind])
    rng = np.random.default_rng(seed)
    params = model.init_model(cfg, seed)
    for p in params.values():  # off the initial values: non-zero biases, no exact orthogonality
        p += (0.4 * rng.standard_normal(p.shape)).astype(p.dtype)
    x = rng.standard_normal((B, T, D)).astype(dtype)
    return cfg, params, x, rng.integers(0, K, B)


def valid_steps(lengths) -> np.ndarray:
    """(B, T) True where a step lies within its sample's length."""
    lengths = np.full(B, T) if lengths is None else lengths
    return np.arange(T)[None, :] < lengths[:, None]


@pytest.mark.parametrize("lengths", LENGTHS.values(), ids=LENGTHS.keys())
@pytest.mark.parametrize("kind", CELLS)
def test_compiled_engine_matches_numpy_in_float64(kind, lengths):
    cfg, params, x, y = case(kind)
    fast = dataclasses.replace(cfg, engine="compiled")
    assert model.uses_compiled(fast) and not model.uses_compiled(cfg)
    loss, grads, out, layer = model.loss_and_grads(cfg, params, x, lengths, y, need_dx=True)
    loss_c, grads_c, out_c, layer_c = model.loss_and_grads(fast, params, x, lengths, y, True)

    assert type(out_c.trace) is type(out.trace) and type(layer_c) is type(layer)
    assert loss_c == pytest.approx(loss, rel=1e-12)
    assert grads_c.keys() == grads.keys()
    for name in grads:
        np.testing.assert_allclose(grads_c[name], grads[name], **TOL, err_msg=name)
    np.testing.assert_allclose(out_c.logits, out.logits, **TOL)
    for name in ("dx", "dh", "dc", "dh0", "dc0"):
        if hasattr(layer, name):
            np.testing.assert_allclose(getattr(layer_c, name), getattr(layer, name), **TOL)
    valid = valid_steps(lengths)
    for name in RECORDS[cfg.cell]:
        ref, got = getattr(out.trace, name), getattr(out_c.trace, name)
        assert got.shape == ref.shape == (B, T, H), name
        np.testing.assert_allclose(got[valid], ref[valid], **TOL, err_msg=name)
        assert np.all(got[~valid] == 0), f"{name}: a padded step was run"
    assert np.all(layer_c.dh[~valid] == 0) and np.all(layer_c.dx[~valid] == 0)


@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn"])
def test_compiled_layers_match_numpy_with_initial_states_and_gradients_on_every_step(cell):
    rng = np.random.default_rng(3)
    init = {"lstm": lstm.init_lstm_params, "gru": gru.init_gru_params, "rnn": rnn.init_rnn_params}
    params = init[cell](D, H, rng, np.float64)
    for p in params.values():
        p += 0.4 * rng.standard_normal(p.shape)
    x, lengths = rng.standard_normal((B, T, D)), LENGTHS["padded"]
    h0, c0 = rng.standard_normal((B, H)), rng.standard_normal((B, H))
    d_out = rng.standard_normal((B, H))
    d_seq = rng.standard_normal((B, T, H)) * valid_steps(lengths)[..., None]  # valid steps only
    states = {"h0": h0, "c0": c0} if cell == "lstm" else {"h0": h0}
    layer = {"lstm": lstm, "gru": gru, "rnn": rnn}[cell]
    ref_forward, ref_backward = (
        getattr(layer, f"{cell}_forward"),
        getattr(layer, f"{cell}_backward"),
    )
    forward, backward = getattr(compiled, f"{cell}_forward"), getattr(compiled, f"{cell}_backward")
    ref = ref_backward(params, ref_forward(params, x, lengths, **states), d_out, d_seq)
    got = backward(params, forward(params, x, lengths, **states), d_out, d_seq)
    for name in params:
        np.testing.assert_allclose(got.params[name], ref.params[name], **TOL, err_msg=name)
    for name in ("dx", "dh", "dc", "dh0", "dc0"):
        if hasattr(ref, name):
            np.testing.assert_allclose(getattr(got, name), getattr(ref, name), **TOL)


def test_compiled_backward_accepts_a_trace_of_the_numpy_layer():
    cfg, params, x, _ = case("lstm")
    fast = dataclasses.replace(cfg, engine="compiled")
    trace = model.layer_forward(cfg, params, x)  # NumPy records: strided views, not one block
    d_out = np.ones((B, H))
    ref = model.layer_backward(cfg, params, trace, d_out=d_out)
    got = model.layer_backward(fast, params, trace, d_out=d_out)
    np.testing.assert_allclose(got.dh, ref.dh, **TOL)
    np.testing.assert_allclose(got.params["Wh"], ref.params["Wh"], **TOL)


@pytest.mark.parametrize("kind", CELLS)
def test_compiled_float32_agrees_with_float64_to_float32_precision(kind):
    cfg64, params, x, y = case(kind, engine="compiled")
    cfg32 = dataclasses.replace(cfg64, dtype="float32")
    params32 = {k: v.astype(np.float32) for k, v in params.items()}
    lengths = LENGTHS["padded"]
    loss64, grads64, out64, _ = model.loss_and_grads(cfg64, params, x, lengths, y)
    loss32, grads32, out32, layer32 = model.loss_and_grads(cfg32, params32, x, lengths, y)
    assert loss32 == pytest.approx(loss64, rel=1e-5)
    for name in grads64:
        assert grads32[name].dtype == np.float32, name
        scale = np.abs(grads64[name]).max()
        assert np.abs(grads32[name] - grads64[name]).max() <= 1e-5 * scale + 1e-7, name
    assert out32.trace.h.dtype == layer32.dh.dtype == np.float32
    np.testing.assert_allclose(out32.trace.h, out64.trace.h, atol=2e-6)


def test_float32_gradients_that_vanish_below_the_flush_threshold_become_exactly_zero():
    cfg = model.ModelConfig(D, H, K, cell="lstm", dtype="float32", engine="compiled")
    params = model.init_model(cfg, 0)
    params["cell.b"][H : 2 * H] = -4.0  # forget gates near 0.02: dc shrinks 50x per step
    x = np.zeros((1, 200, D), np.float32)
    _, _, _, layer = model.loss_and_grads(cfg, params, x, None, np.array([1]))
    dc = np.abs(layer.dc[0]).max(axis=1)  # (T,)
    assert dc[-1] > 1e-3 and dc[0] == 0.0
    assert not np.any((dc > 0) & (dc < compiled.FLUSH_FLOAT32)), "a vanished value survived"
    assert np.finfo(np.float32).tiny < compiled.FLUSH_FLOAT32 <= 1e-30


def sequence_task(n: int = 24, steps: int = 8, seed: int = 0) -> SequenceData:
    """Remember the first of K symbols through noise, samples of different lengths."""
    rng = np.random.default_rng(seed)
    sym = rng.integers(0, K, size=(n, steps))
    x = np.concatenate([np.eye(K)[sym], rng.standard_normal((n, steps, D - K))], axis=2)
    lengths = rng.integers(steps // 2, steps + 1, size=n)
    return SequenceData(x, lengths, sym[:, 0])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_seeded_training_with_the_compiled_engine_is_identical_twice(dtype):
    cfg = model.ModelConfig(D, H, K, cell="lstm", dtype=dtype, engine="compiled")
    tc = TrainConfig(steps=30, batch_size=6, optimizer=optim.OptimizerConfig("adam", lr=0.02))
    data = sequence_task()
    first, second = train(cfg, tc, data), train(cfg, tc, data)
    assert first.history.loss == second.history.loss
    for name in first.params:
        np.testing.assert_array_equal(first.params[name], second.params[name])
    assert first.history.loss[-1] < first.history.loss[0]
    if dtype == "float64":  # and the NumPy engine trains the same model
        numpy = train(dataclasses.replace(cfg, engine="numpy"), tc, data)
        np.testing.assert_allclose(numpy.history.loss, first.history.loss, rtol=1e-9)


def test_model_config_names_its_engine_and_stays_hashable():
    cfg = model.ModelConfig(D, H, K, dtype="float32")
    assert cfg.engine == "auto" and model.uses_compiled(cfg)  # the pages' float32 training
    assert hash(cfg) == hash(model.ModelConfig(D, H, K, dtype="float32", engine="auto"))
    assert not model.uses_compiled(dataclasses.replace(cfg, dtype="float64"))  # the reference
    assert model.uses_compiled(dataclasses.replace(cfg, dtype="float64", engine="compiled"))
    assert not model.uses_compiled(dataclasses.replace(cfg, engine="numpy"))
    with pytest.raises(ValueError, match="engine"):
        model.ModelConfig(D, H, K, engine="gpu")


def test_numba_cache_folder_is_set_and_writable():
    folder = os.environ["NUMBA_CACHE_DIR"]
    assert os.path.isdir(folder) and os.access(folder, os.W_OK)
    assert os.access(compiled.cache_dir(), os.W_OK)


def test_a_kernel_that_fails_to_compile_falls_back_to_numpy_with_one_log_line(monkeypatch, caplog):
    from numba.core.errors import TypingError

    def broken(*args):
        raise TypingError("no implementation for these types")

    monkeypatch.setattr(compiled, "AVAILABLE", True)
    monkeypatch.setattr(compiled, "_lstm_forward_kernel", broken)
    cfg, params, x, y = case("lstm", engine="compiled")
    ref = model.loss_and_grads(dataclasses.replace(cfg, engine="numpy"), params, x, None, y)
    with caplog.at_level(logging.WARNING, logger="lstm_viz"):
        first = model.loss_and_grads(cfg, params, x, None, y)
        second = model.loss_and_grads(cfg, params, x, None, y)
    assert first[0] == second[0] == ref[0]
    assert not compiled.AVAILABLE and not model.uses_compiled(cfg)
    assert len([r for r in caplog.records if "compiled engine failed" in r.message]) == 1


def test_without_numba_the_numpy_layers_train_after_one_log_line():
    script = """
import sys
sys.modules["numba"] = None  # import numba now raises ImportError
import numpy as np
from lstm_viz.nn import compiled, model
assert not compiled.AVAILABLE
cfg = model.ModelConfig(3, 4, 2, engine="compiled")
ref = model.ModelConfig(3, 4, 2, engine="numpy")
params = model.init_model(cfg, 0)
x = np.random.default_rng(0).standard_normal((2, 5, 3))
loss, grads, _, _ = model.loss_and_grads(cfg, params, x, np.array([5, 2]), np.array([0, 1]))
loss_ref, _, _, _ = model.loss_and_grads(ref, params, x, np.array([5, 2]), np.array([0, 1]))
assert loss == loss_ref, (loss, loss_ref)
print("trained", round(loss, 6))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("trained ")
    warnings = [line for line in done.stderr.splitlines() if "numba is unavailable" in line]
    assert len(warnings) == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize("activation", ["relu", "linear", "tanh"])
def test_states_that_overflow_do_so_at_the_same_step_with_either_engine(activation):
    cfg = model.ModelConfig(D, H, K, cell="rnn", activation=activation, recurrent_scale=1e3)
    params = model.init_model(cfg, 0)
    x = np.random.default_rng(0).standard_normal((2, 120, D))
    with np.errstate(all="ignore"):
        ref = model.layer_forward(dataclasses.replace(cfg, engine="numpy"), params, x).h
        got = model.layer_forward(dataclasses.replace(cfg, engine="compiled"), params, x).h

    def first_overflow(h: np.ndarray) -> np.ndarray:  # (B,) first step with a non-finite value
        bad = ~np.isfinite(h).all(axis=2)
        return np.where(bad.any(axis=1), bad.argmax(axis=1), -1)

    if activation == "tanh":
        assert np.isfinite(ref).all() and np.isfinite(got).all()
        return
    # near 1.8e308 the order of a sum decides which entry overflows first: within one step
    assert np.all(first_overflow(ref) > 90)
    assert np.abs(first_overflow(got) - first_overflow(ref)).max() <= 1
    assert not np.isfinite(got[:, -1]).any() and not np.isfinite(ref[:, -1]).any()


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn_relu"])
def test_an_empty_batch_gives_empty_records_with_either_engine(kind):
    cfg, params, _, _ = case(kind, engine="compiled")
    x = np.zeros((0, T, D))
    out = model.forward(cfg, params, x)
    assert out.logits.shape == (0, K) and out.trace.h.shape == (0, T, H)
