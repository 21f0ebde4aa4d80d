"""Every layer's backward pass against central finite differences in float64.

The loss is a random linear functional of what the layer emits, L = sum(R * out_last) +
sum(S * out_seq), so that the gradient at every step and through every path is exercised.
"""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.nn import gru, lstm, rnn
from tests.gradcheck import numerical_grad, relative_error

B, T, D, H = 3, 5, 4, 3
LENGTHS = {"full": None, "padded": np.array([5, 3, 1])}
TOL = 1e-6


def make_case(kind: str, seed: int = 0, **opts):
    rng = np.random.default_rng(seed)
    init = {"lstm": lstm.init_lstm_params, "rnn": rnn.init_rnn_params, "gru": gru.init_gru_params}
    params = init[kind](D, H, rng, np.float64)
    for p in params.values():  # move off the initial values (zero biases, exact orthogonality)
        p += 0.3 * rng.standard_normal(p.shape)
    x = rng.standard_normal((B, T, D))
    R = rng.standard_normal((B, H))  # dL/d(last output)
    S = rng.standard_normal((B, T, H))  # dL/d(every step's output)
    return params, x, R, S


def run(kind, params, x, lengths, opts, h0=None, c0=None):
    if kind == "lstm":
        return lstm.lstm_forward(params, x, lengths, h0=h0, c0=c0, **opts)
    if kind == "gru":
        return gru.gru_forward(params, x, lengths, h0=h0)
    return rnn.rnn_forward(params, x, lengths, h0=h0, **opts)


def emitted(kind, trace, opts):
    return trace.c if kind == "lstm" and opts.get("use_state") else trace.h


def backward(kind, params, trace, R, S):
    fn = {"lstm": lstm.lstm_backward, "rnn": rnn.rnn_backward, "gru": gru.gru_backward}[kind]
    return fn(params, trace, d_out=R, d_seq=S)


CASES = [
    ("lstm", {}),
    ("lstm", {"use_state": True}),
    ("rnn", {"activation": "tanh"}),
    ("rnn", {"activation": "relu"}),
    ("rnn", {"activation": "linear"}),
    ("gru", {}),
]
IDS = ["lstm-h", "lstm-state-c", "rnn-tanh", "rnn-relu", "rnn-linear", "gru"]


@pytest.mark.parametrize("lengths_name", list(LENGTHS))
@pytest.mark.parametrize(("kind", "opts"), CASES, ids=IDS)
def test_parameter_and_input_gradients_match_finite_differences(kind, opts, lengths_name):
    lengths = LENGTHS[lengths_name]
    params, x, R, S = make_case(kind)

    def loss() -> float:
        tr = run(kind, params, x, lengths, opts)
        return float(np.sum(R * tr.outputs) + np.sum(S * emitted(kind, tr, opts)))

    grads = backward(kind, params, run(kind, params, x, lengths, opts), R, S)
    for name, p in params.items():
        assert relative_error(grads.params[name], numerical_grad(loss, p)) < TOL, name
    assert relative_error(grads.dx, numerical_grad(loss, x)) < TOL


@pytest.mark.parametrize("t", [0, 2, 4])
@pytest.mark.parametrize(("kind", "opts"), CASES, ids=IDS)
def test_dL_dh_t_matches_finite_differences_of_the_suffix(kind, opts, t):
    """dL/dh_t (and dL/dc_t for the LSTM) as recorded by BPTT equals the derivative of the
    loss of steps t+1..T-1 with respect to the state they start from, plus what the loss sends
    into step t directly."""
    params, x, R, S = make_case(kind, seed=1)
    full = run(kind, params, x, None, opts)
    grads = backward(kind, params, full, R, S)
    h_t = np.array(full.h[:, t])
    c_t = np.array(full.c[:, t]) if kind == "lstm" else None
    Rs = R if t == T - 1 else np.zeros_like(R)
    direct = S[:, t] + Rs  # gradient injected at step t itself

    def suffix_loss() -> float:
        if t == T - 1:
            return 0.0
        tr = run(kind, params, x[:, t + 1 :], None, opts, h0=h_t, c0=c_t)
        return float(np.sum(R * tr.outputs) + np.sum(S[:, t + 1 :] * emitted(kind, tr, opts)))

    use_state = kind == "lstm" and opts.get("use_state")
    expected_dh = numerical_grad(suffix_loss, h_t) + (0 if use_state else direct)
    assert relative_error(grads.dh[:, t], expected_dh) < TOL
    if kind == "lstm":
        # dL/dc_t: through c_{t+1} (the suffix) and through h_t = o_t tanh(c_t)
        tc = np.tanh(full.c[:, t])
        through_h = grads.dh[:, t] * full.o[:, t] * (1 - tc * tc)
        expected_dc = numerical_grad(suffix_loss, c_t) + through_h + (direct if use_state else 0)
        assert relative_error(grads.dc[:, t], expected_dc) < TOL


@pytest.mark.parametrize(("kind", "opts"), CASES, ids=IDS)
def test_padded_steps_get_exactly_zero_gradient_and_do_not_change_outputs(kind, opts):
    params, x, R, _ = make_case(kind, seed=2)
    lengths = np.array([5, 3, 1])
    trace = run(kind, params, x, lengths, opts)
    grads = backward(kind, params, trace, R, None)
    for b, n in enumerate(lengths):
        assert np.all(grads.dh[b, n:] == 0) and np.all(grads.dx[b, n:] == 0)
        alone = run(kind, params, x[b : b + 1, :n], None, opts)  # the sample on its own
        np.testing.assert_allclose(trace.outputs[b], alone.outputs[0], rtol=1e-12, atol=1e-14)


def test_lstm_gate_layout_converts_from_the_ifgo_order():
    """Weights given in PyTorch/Keras block order (i, f, g, o) reproduce the equations."""
    rng = np.random.default_rng(3)
    Wx, Wh, b = (
        rng.standard_normal((D, 4 * H)),
        rng.standard_normal((H, 4 * H)),
        rng.standard_normal(4 * H),
    )
    x = rng.standard_normal((B, T, D))
    trace = lstm.lstm_forward(lstm.params_from_ifgo(Wx, Wh, b), x)
    sig = lambda a: 1 / (1 + np.exp(-a))  # noqa: E731
    h, c = np.zeros((B, H)), np.zeros((B, H))
    for t in range(T):  # the textbook's per-step loop, written out independently
        a = x[:, t] @ Wx + h @ Wh + b
        i, f, g, o = (
            sig(a[:, :H]),
            sig(a[:, H : 2 * H]),
            np.tanh(a[:, 2 * H : 3 * H]),
            sig(a[:, 3 * H :]),
        )
        c = f * c + i * g
        h = o * np.tanh(c)
        np.testing.assert_allclose(trace.f[:, t], f, rtol=1e-12)
        np.testing.assert_allclose(trace.i[:, t], i, rtol=1e-12)
        np.testing.assert_allclose(trace.o[:, t], o, rtol=1e-12)
        np.testing.assert_allclose(trace.g[:, t], g, rtol=1e-12)
        np.testing.assert_allclose(trace.c[:, t], c, rtol=1e-12)
        np.testing.assert_allclose(trace.h[:, t], h, rtol=1e-12)


@pytest.mark.parametrize("kind", ["lstm", "rnn", "gru"])
def test_float32_forward_and_backward_agree_with_float64(kind):
    params, x, R, S = make_case(kind, seed=4)
    p32 = {k: v.astype(np.float32) for k, v in params.items()}
    t64 = run(kind, params, x, None, {})
    t32 = run(kind, p32, x.astype(np.float32), None, {})
    assert t32.h.dtype == np.float32
    np.testing.assert_allclose(t32.h, t64.h, rtol=1e-4, atol=1e-5)
    g64, g32 = (
        backward(kind, params, t64, R, S),
        backward(kind, p32, t32, R.astype(np.float32), S.astype(np.float32)),
    )
    for name in params:
        assert g32.params[name].dtype == np.float32
        assert relative_error(g32.params[name], g64.params[name]) < 1e-4


def test_forget_bias_and_recurrent_scale_set_the_initial_weights():
    rng = np.random.default_rng(5)
    p = lstm.init_lstm_params(D, 6, rng, forget_bias=1.0, recurrent_scale=0.5)
    np.testing.assert_array_equal(p["b"][6:12], 1.0)  # forget block (layout o, f, i, g)
    np.testing.assert_array_equal(np.delete(p["b"], np.s_[6:12]), 0.0)
    for k in range(4):  # each gate's recurrent block is 0.5 x an orthogonal matrix
        block = p["Wh"][:, 6 * k : 6 * (k + 1)]
        np.testing.assert_allclose(block.T @ block, 0.25 * np.eye(6), atol=1e-12)
