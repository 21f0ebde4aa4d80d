"""The GRU layer (Cho et al., 2014): forward and backpropagation through time.

Equations (one time step; the form of d2l.ai and the course notes)::

    z_t = sigma(x_t Wx_z + h_{t-1} Wh_z + b_z)           update gate  (업데이트 게이트)
    r_t = sigma(x_t Wx_r + h_{t-1} Wh_r + b_r)           reset gate   (리셋 게이트)
    n_t = tanh(x_t Wx_n + (r_t * h_{t-1}) Wh_n + b_n)    candidate
    h_t = z_t * h_{t-1} + (1 - z_t) * n_t                hidden state

The cell and hidden states are merged, and the forget and input gates become one update gate:
z_t = 1 keeps h_{t-1} unchanged, the GRU's path for gradients across many steps.

Gate layout: Wx (D, 3H), Wh (H, 3H), b (3H,), column blocks in the order z, r, n.
(PyTorch applies r after the product, r * (h Wh_n + b_hn); this is the other common form.)
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

GATES = ("z", "r", "n")


@dataclass(frozen=True)
class GRUTrace:
    x: np.ndarray  # (B, T, D)
    lengths: np.ndarray  # (B,)
    z: np.ndarray  # (B, T, H) update gate
    r: np.ndarray  # (B, T, H) reset gate
    n: np.ndarray  # (B, T, H) candidate
    h: np.ndarray  # (B, T, H) hidden state
    h0: np.ndarray  # (B, H)
    outputs: np.ndarray  # (B, H)


@dataclass(frozen=True)
class GRUGrads:
    params: dict[str, np.ndarray]
    dx: np.ndarray  # (B, T, D)
    dh: np.ndarray  # (B, T, H) dL/dh_t
    dh0: np.ndarray  # (B, H)


def init_gru_params(
    input_size: int,
    hidden_size: int,
    rng: np.random.Generator,
    dtype=np.float64,
    recurrent_scale: float = 1.0,
    update_bias: float = 0.0,
) -> dict[str, np.ndarray]:
    """Glorot-uniform Wx; each recurrent block orthogonal times ``recurrent_scale``; b = 0 except
    the update gate's, which starts at ``update_bias``: z_t = sigma(b_z) near 1 keeps h_{t-1},
    the GRU's counterpart of the LSTM's forget-gate bias."""
    Wx = glorot_uniform(rng, input_size, 3 * hidden_size)
    Wh = np.concatenate([recurrent_scale * orthogonal(rng, hidden_size) for _ in GATES], axis=1)
    b = np.zeros(3 * hidden_size, dtype)
    b[:hidden_size] = update_bias
    return {"Wx": Wx.astype(dtype), "Wh": Wh.astype(dtype), "b": b}


def _sigmoid(a: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * a))


def gru_forward(
    params: dict[str, np.ndarray],
    x: np.ndarray,
    lengths: np.ndarray | None = None,
    h0: np.ndarray | None = None,
) -> GRUTrace:
    """Run the GRU over ``x`` (B, T, D) and record every step."""
    Wx, Wh, b = params["Wx"], params["Wh"], params["b"]
    B, T, D = x.shape
    H = Wh.shape[0]
    assert Wx.shape == (D, 3 * H) and Wh.shape == (H, 3 * H) and b.shape == (3 * H,), "bad shapes"
    dtype = Wx.dtype
    lengths = as_lengths(lengths, B, T)
    h0 = np.zeros((B, H), dtype) if h0 is None else np.asarray(h0, dtype)
    xs = np.ascontiguousarray(x.transpose(1, 0, 2), dtype=dtype)  # (T, B, D)
    A = (xs.reshape(T * B, D) @ Wx + b).reshape(T, B, 3 * H)  # (T, B, 3H)
    Wh_zr, Wh_n = Wh[:, : 2 * H], Wh[:, 2 * H :]
    Z, R, N, Hs = (np.empty((T, B, H), dtype) for _ in range(4))
    h = h0
    for t in range(T):
        zr = _sigmoid(A[t, :, : 2 * H] + h @ Wh_zr)  # (B, 2H)
        Z[t], R[t] = zr[:, :H], zr[:, H:]
        N[t] = np.tanh(A[t, :, 2 * H :] + (R[t] * h) @ Wh_n)
        Hs[t] = N[t] + Z[t] * (h - N[t])  # z * h_{t-1} + (1 - z) * n
        h = Hs[t]
    z, r, n, h_all = (a.transpose(1, 0, 2) for a in (Z, R, N, Hs))
    return GRUTrace(x, lengths, z, r, n, h_all, h0, gather_last(h_all, lengths))


def gru_backward(
    params: dict[str, np.ndarray],
    trace: GRUTrace,
    d_out: np.ndarray | None = None,
    d_seq: np.ndarray | None = None,
    need_dx: bool = True,
) -> GRUGrads:
    """Backpropagation through time; ``d_out`` (B, H) at each sample's last step, ``d_seq``
    (B, T, H) on every step's h_t."""
    Wx, Wh = params["Wx"], params["Wh"]
    B, T, _ = trace.x.shape
    H = Wh.shape[0]
    dtype = Wx.dtype
    inject = output_gradient(d_out, d_seq, trace.lengths, T, H, dtype)  # (T, B, H)
    z, r, n = (a.transpose(1, 0, 2) for a in (trace.z, trace.r, trace.n))
    h_prev = previous_states(trace.h0, trace.h)  # (T, B, H)
    Wh_zrT = np.ascontiguousarray(Wh[:, : 2 * H].T)  # (2H, H)
    Wh_nT = np.ascontiguousarray(Wh[:, 2 * H :].T)  # (H, H)

    dA = np.empty((T, B, 3 * H), dtype)  # dL/d(pre-activations), blocks [z | r | n]
    DH = np.empty((T, B, H), dtype)
    dh_next = np.zeros((B, H), dtype)
    for t in range(T - 1, -1, -1):
        dh = DH[t]
        np.add(dh_next, inject[t], out=dh)
        da_n = dh * (1 - z[t]) * (1 - n[t] * n[t])  # through n, then tanh
        d_rh = da_n @ Wh_nT  # dL/d(r * h_{t-1})
        dA[t, :, :H] = dh * (h_prev[t] - n[t]) * z[t] * (1 - z[t])  # through z, then sigma
        dA[t, :, H : 2 * H] = d_rh * h_prev[t] * r[t] * (1 - r[t])  # through r, then sigma
        dA[t, :, 2 * H :] = da_n
        dh_next = dh * z[t] + d_rh * r[t] + dA[t, :, : 2 * H] @ Wh_zrT

    dWx, db, dx = input_gradients(trace.x, dA, Wx, need_dx)
    dA2 = dA.reshape(T * B, 3 * H)
    hp2 = h_prev.reshape(T * B, H)
    rh2 = (r * h_prev).reshape(T * B, H)  # the candidate's recurrent input is r * h_{t-1}
    dWh = np.concatenate([hp2.T @ dA2[:, : 2 * H], rh2.T @ dA2[:, 2 * H :]], axis=1)
    return GRUGrads({"Wx": dWx, "Wh": dWh, "b": db}, dx, DH.transpose(1, 0, 2), dh_next)
