"""The vanilla RNN layer (기본 순환 신경망): forward and backpropagation through time.

Equations (one time step)::

    a_t = x_t Wx + h_{t-1} Wh + b          pre-activation, (B, H)
    h_t = phi(a_t)                         phi = tanh, ReLU (as in the textbook) or identity

Backward, per step (``dh`` is everything that reaches h_t)::

    da_t     = dh_t * phi'(a_t)
    dh_{t-1} = da_t Wh^T                   the factor Wh^T phi'(.) at every step is what makes
                                           gradients vanish or explode over many steps

With phi the identity and Wh = a I, dL/dh_{T-k} = a^k dL/dh_T exactly.

Shapes: Wx (D, H), Wh (H, H), b (H,). References: Elman (1990); cs231n ``rnn_layers.py``;
Pascanu, Mikolov & Bengio (2013) on vanishing and exploding gradients.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.nn.init import glorot_uniform, orthogonal
from lstm_viz.nn.sequence import (
    as_lengths,
    gather_last,
    input_gradients,
    output_gradient,
    previous_states,
)

ACTIVATIONS = ("tanh", "relu", "linear")


@dataclass(frozen=True)
class RNNTrace:
    x: np.ndarray  # (B, T, D)
    lengths: np.ndarray  # (B,)
    a: np.ndarray  # (B, T, H) pre-activations
    h: np.ndarray  # (B, T, H) hidden states
    h0: np.ndarray  # (B, H)
    activation: str
    outputs: np.ndarray  # (B, H) h at each sample's last step


@dataclass(frozen=True)
class RNNGrads:
    params: dict[str, np.ndarray]
    dx: np.ndarray  # (B, T, D)
    dh: np.ndarray  # (B, T, H) dL/dh_t
    dh0: np.ndarray  # (B, H)


def init_rnn_params(
    input_size: int,
    hidden_size: int,
    rng: np.random.Generator,
    dtype=np.float64,
    recurrent_scale: float = 1.0,
) -> dict[str, np.ndarray]:
    """Glorot-uniform Wx; Wh orthogonal times ``recurrent_scale`` (its spectral radius); b = 0."""
    Wx = glorot_uniform(rng, input_size, hidden_size)
    Wh = recurrent_scale * orthogonal(rng, hidden_size)
    return {"Wx": Wx.astype(dtype), "Wh": Wh.astype(dtype), "b": np.zeros(hidden_size, dtype)}


def _activate(a: np.ndarray, activation: str, out: np.ndarray) -> None:
    if activation == "tanh":
        np.tanh(a, out=out)
    elif activation == "relu":
        np.maximum(a, 0, out=out)
    elif activation == "linear":
        out[...] = a
    else:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")


def rnn_forward(
    params: dict[str, np.ndarray],
    x: np.ndarray,
    lengths: np.ndarray | None = None,
    h0: np.ndarray | None = None,
    activation: str = "tanh",
) -> RNNTrace:
    """Run the RNN over ``x`` (B, T, D) and record every step."""
    Wx, Wh, b = params["Wx"], params["Wh"], params["b"]
    B, T, D = x.shape
    H = Wh.shape[0]
    assert Wx.shape == (D, H) and Wh.shape == (H, H) and b.shape == (H,), "bad shapes"
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    dtype = Wx.dtype
    lengths = as_lengths(lengths, B, T)
    h0 = np.zeros((B, H), dtype) if h0 is None else np.asarray(h0, dtype)
    xs = np.ascontiguousarray(x.transpose(1, 0, 2), dtype=dtype)  # (T, B, D)
    A = (xs.reshape(T * B, D) @ Wx + b).reshape(T, B, H)  # (T, B, H), recurrent part added below
    Hs = np.empty((T, B, H), dtype)
    h = h0
    for t in range(T):
        A[t] += h @ Wh
        _activate(A[t], activation, Hs[t])
        h = Hs[t]
    a_all, h_all = A.transpose(1, 0, 2), Hs.transpose(1, 0, 2)
    return RNNTrace(x, lengths, a_all, h_all, h0, activation, gather_last(h_all, lengths))


def rnn_backward(
    params: dict[str, np.ndarray],
    trace: RNNTrace,
    d_out: np.ndarray | None = None,
    d_seq: np.ndarray | None = None,
    need_dx: bool = True,
) -> RNNGrads:
    """Backpropagation through time; ``d_out`` (B, H) at each sample's last step, ``d_seq``
    (B, T, H) on every step's h_t."""
    Wx, Wh = params["Wx"], params["Wh"]
    B, T, _ = trace.x.shape
    H = Wh.shape[0]
    dtype = Wx.dtype
    inject = output_gradient(d_out, d_seq, trace.lengths, T, H, dtype)  # (T, B, H)
    a = trace.a.transpose(1, 0, 2)  # (T, B, H)
    if trace.activation == "tanh":
        h = trace.h.transpose(1, 0, 2)
        dphi = 1 - h * h
    elif trace.activation == "relu":
        dphi = (a > 0).astype(dtype)
    else:
        dphi = np.ones_like(a)

    dA = np.empty((T, B, H), dtype)
    DH = np.empty((T, B, H), dtype)
    WhT = np.ascontiguousarray(Wh.T)
    dh_next = np.zeros((B, H), dtype)
    for t in range(T - 1, -1, -1):
        np.add(dh_next, inject[t], out=DH[t])
        np.multiply(DH[t], dphi[t], out=dA[t])  # backprop through phi
        dh_next = dA[t] @ WhT

    dWx, db, dx = input_gradients(trace.x, dA, Wx, need_dx)
    h_prev = previous_states(trace.h0, trace.h).reshape(T * B, H)
    grads = {"Wx": dWx, "Wh": h_prev.T @ dA.reshape(T * B, H), "b": db}
    return RNNGrads(grads, dx, DH.transpose(1, 0, 2), dh_next)
