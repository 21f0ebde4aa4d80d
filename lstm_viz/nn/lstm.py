"""The LSTM layer: forward over a padded batch, and backpropagation through time.

Equations (one time step; ``*`` is the element-wise product, sigma the logistic function)::

    a_t = x_t Wx + h_{t-1} Wh + b          pre-activations, (B, 4H), gate blocks [o | f | i | g]
    o_t = sigma(a_o)                       output gate   (출력 게이트)
    f_t = sigma(a_f)                       forget gate   (망각 게이트)
    i_t = sigma(a_i)                       input gate    (입력 게이트)
    g_t = tanh(a_g)                        candidate     (후보 셀 상태)
    c_t = f_t * c_{t-1} + i_t * g_t        cell state    (셀 상태)
    h_t = o_t * tanh(c_t)                  hidden state  (은닉 상태)

The layer emits h_t, or c_t with ``use_state=True`` (the textbook's "LSTM with state output").

Gate layout. ``Wx`` is (D, 4H), ``Wh`` is (H, 4H) and ``b`` is (4H,), with the four column blocks
in the order o, f, i, g: the three sigmoid gates are contiguous (one activation call), and so are
the three gates whose gradient is scaled by dL/dc (one product in the backward pass).
``params_from_ifgo`` converts weights in the PyTorch/Keras order (i, f, g, o); note that PyTorch
stores transposed matrices and two biases (``weight_ih_l0.T``, ``weight_hh_l0.T``,
``bias_ih_l0 + bias_hh_l0``).

Speed: the inputs of all time steps are projected with one product before the loop; each step
then does one recurrent product, one tanh over all four blocks (sigma(a) = (1 + tanh(a/2)) / 2),
and a few element-wise products written in place. The weight gradients are accumulated with one
product each after the backward loop.

References: Hochreiter & Schmidhuber (1997); Gers, Schmidhuber & Cummins (2000) for the forget
gate and its bias of 1; cs231n ``rnn_layers.py`` for the step-by-step structure.
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

GATES = ("o", "f", "i", "g")  # column blocks of Wx, Wh and b, in this order


@dataclass(frozen=True)
class LSTMTrace:
    """Every time step of one forward pass, batch-major (B, T, H) unless noted."""

    x: np.ndarray  # (B, T, D) the inputs
    lengths: np.ndarray  # (B,) each sample's own length
    o: np.ndarray  # output gate
    f: np.ndarray  # forget gate
    i: np.ndarray  # input gate
    g: np.ndarray  # candidate
    c: np.ndarray  # cell state c_t
    h: np.ndarray  # hidden state h_t
    h0: np.ndarray  # (B, H) initial hidden state
    c0: np.ndarray  # (B, H) initial cell state
    use_state: bool  # the layer emits c_t instead of h_t
    outputs: np.ndarray  # (B, H) what the layer emits at each sample's last step

    @property
    def tanh_c(self) -> np.ndarray:
        return np.tanh(self.c)


@dataclass(frozen=True)
class LSTMGrads:
    """The gradients of one backward pass."""

    params: dict[str, np.ndarray]  # dL/dWx, dL/dWh, dL/db under the names of the parameters
    dx: np.ndarray  # (B, T, D) dL/dx_t
    dh: np.ndarray  # (B, T, H) dL/dh_t: everything that reaches h_t, through time included
    dc: np.ndarray  # (B, T, H) dL/dc_t, likewise
    dh0: np.ndarray  # (B, H)
    dc0: np.ndarray  # (B, H)


def init_lstm_params(
    input_size: int,
    hidden_size: int,
    rng: np.random.Generator,
    dtype=np.float64,
    forget_bias: float = 1.0,
    recurrent_scale: float = 1.0,
) -> dict[str, np.ndarray]:
    """Glorot-uniform input weights; each gate's recurrent block orthogonal times
    ``recurrent_scale`` (so that block's spectral radius is exactly that scale); biases 0 but
    the forget gate's, which starts at ``forget_bias`` (the textbook uses 1.0)."""
    H = hidden_size
    Wx = glorot_uniform(rng, input_size, 4 * H)  # (D, 4H)
    Wh = np.concatenate([recurrent_scale * orthogonal(rng, H) for _ in GATES], axis=1)  # (H, 4H)
    b = np.zeros(4 * H)
    b[H : 2 * H] = forget_bias
    return {"Wx": Wx.astype(dtype), "Wh": Wh.astype(dtype), "b": b.astype(dtype)}


def params_from_ifgo(Wx: np.ndarray, Wh: np.ndarray, b: np.ndarray) -> dict[str, np.ndarray]:
    """Reorder weights given in the (i, f, g, o) block order into this layer's (o, f, i, g)."""
    H = Wh.shape[0]

    def reorder(a: np.ndarray) -> np.ndarray:
        i, f, g, o = (a[..., k * H : (k + 1) * H] for k in range(4))
        return np.concatenate([o, f, i, g], axis=-1)

    return {"Wx": reorder(Wx), "Wh": reorder(Wh), "b": reorder(b)}


def lstm_forward(
    params: dict[str, np.ndarray],
    x: np.ndarray,
    lengths: np.ndarray | None = None,
    h0: np.ndarray | None = None,
    c0: np.ndarray | None = None,
    use_state: bool = False,
) -> LSTMTrace:
    """Run the LSTM over ``x`` (B, T, D) and record every step."""
    Wx, Wh, b = params["Wx"], params["Wh"], params["b"]
    B, T, D = x.shape
    H = Wh.shape[0]
    assert Wx.shape == (D, 4 * H) and Wh.shape == (H, 4 * H) and b.shape == (4 * H,), "bad shapes"
    dtype = Wx.dtype
    lengths = as_lengths(lengths, B, T)
    h0 = np.zeros((B, H), dtype) if h0 is None else np.asarray(h0, dtype)
    c0 = np.zeros((B, H), dtype) if c0 is None else np.asarray(c0, dtype)

    # Halving the sigmoid blocks' pre-activations lets one tanh serve all four gates:
    # sigma(a) = (1 + tanh(a / 2)) / 2, so the row is fixed up by ``* half + shift``.
    half = np.ones(4 * H, dtype)
    half[: 3 * H] = 0.5
    shift = 1.0 - half  # 0.5 on the sigmoid blocks, 0 on g
    xs = np.ascontiguousarray(x.transpose(1, 0, 2), dtype=dtype)  # (T, B, D) time-major inside
    A = (xs.reshape(T * B, D) @ (Wx * half) + b * half).reshape(T, B, 4 * H)  # (T, B, 4H)
    Wh_half = Wh * half
    G = np.empty((T, B, 4 * H), dtype)  # activated gates [o | f | i | g]
    C = np.empty((T, B, H), dtype)
    Hs = np.empty((T, B, H), dtype)
    TC = np.empty((T, B, H), dtype)  # tanh(c_t)
    ig = np.empty((B, H), dtype)
    S = 3 * H
    h, c = h0, c0
    # Iterating an array yields its per-step views in C, cheaper than indexing in the loop.
    gate_views = (G[:, :, :H], G[:, :, H : 2 * H], G[:, :, 2 * H : S], G[:, :, S:])
    for gt, at, ct, tct, ht, ot, ft, it, g_t in zip(G, A, C, TC, Hs, *gate_views, strict=True):
        np.dot(h, Wh_half, out=gt)
        gt += at
        np.tanh(gt, out=gt)
        gt *= half  # whole contiguous rows: faster than fixing up a strided view
        gt += shift
        np.multiply(ft, c, out=ct)  # f * c_{t-1}
        np.multiply(it, g_t, out=ig)  # i * g
        ct += ig
        np.tanh(ct, out=tct)
        np.multiply(ot, tct, out=ht)  # h = o * tanh(c)
        h, c = ht, ct

    # Batch-major views of the time-major arrays: no copies on the training path.
    G, c_all, h_all = (a.transpose(1, 0, 2) for a in (G, C, Hs))
    return LSTMTrace(
        x=x,
        lengths=lengths,
        o=G[..., :H],
        f=G[..., H : 2 * H],
        i=G[..., 2 * H : S],
        g=G[..., S:],
        c=c_all,
        h=h_all,
        h0=h0,
        c0=c0,
        use_state=use_state,
        outputs=gather_last(c_all if use_state else h_all, lengths),
    )


def lstm_backward(
    params: dict[str, np.ndarray],
    trace: LSTMTrace,
    d_out: np.ndarray | None = None,
    d_seq: np.ndarray | None = None,
    need_dx: bool = True,
) -> LSTMGrads:
    """Backpropagation through time.

    ``d_out`` (B, H) is dL/d(outputs), the gradient at each sample's last step; ``d_seq``
    (B, T, H) is a gradient on what the layer emits at every step (h_t, or c_t with
    ``use_state``). Either may be omitted. ``need_dx=False`` skips dL/dx (training on data
    does not need it) and leaves ``dx`` empty.
    """
    Wx, Wh = params["Wx"], params["Wh"]
    B, T, _ = trace.x.shape
    H = Wh.shape[0]
    dtype = Wx.dtype
    inject = output_gradient(d_out, d_seq, trace.lengths, T, H, dtype)  # (T, B, H)

    def time_major(a: np.ndarray) -> np.ndarray:
        return a.transpose(1, 0, 2)

    o, f, i, g, c = (time_major(a) for a in (trace.o, trace.f, trace.i, trace.g, trace.c))
    tc = np.tanh(c)
    c_prev = np.concatenate([trace.c0[None], c[:-1]])  # (T, B, H)

    # Everything that does not depend on the incoming gradient, for all steps at once:
    # dL/da = dL/dh * P_o for the output gate, dL/dc * P_{f,i,g} for the other three.
    P = np.empty((T, 4, B, H), dtype)
    P[:, 0] = o * (1 - o) * tc  # dh/da_o
    P[:, 1] = f * (1 - f) * c_prev  # dc/da_f
    P[:, 2] = i * (1 - i) * g  # dc/da_i
    P[:, 3] = (1 - g * g) * i  # dc/da_g
    K = o * (1 - tc * tc)  # dh_t/dc_t

    dA = np.empty((T, B, 4 * H), dtype)  # dL/da_t, blocks [o | f | i | g]
    DH = np.empty((T, B, H), dtype)
    DC = np.empty((T, B, H), dtype)
    WhT = np.ascontiguousarray(Wh.T)  # (4H, H)
    dh_next = np.zeros((B, H), dtype)
    dc_next = np.zeros((B, H), dtype)
    spare = np.empty((B, H), dtype)  # dh_next and spare swap: np.dot cannot write in place
    use_state = trace.use_state
    back = slice(None, None, -1)  # the loop runs from t = T - 1 down to 0
    da_views = [dA[back, :, k * H : (k + 1) * H] for k in range(4)]  # [o | f | i | g]
    steps = zip(
        DH[back],
        DC[back],
        dA[back],
        inject[back],
        K[back],
        f[back],
        *P[back].transpose(1, 0, 2, 3),
        *da_views,
        strict=True,
    )
    for dh, dc, da, inj, k, ft, p_o, p_f, p_i, p_g, da_o, da_f, da_i, da_g in steps:
        if use_state:  # the emitted value is c_t: its gradient enters the cell path
            dh[...] = dh_next
            np.add(dc_next, inj, out=dc)
        else:
            np.add(dh_next, inj, out=dh)
            dc[...] = dc_next
        dc += dh * k  # c_t reaches the loss through h_t too
        np.multiply(dh, p_o, out=da_o)
        np.multiply(dc, p_f, out=da_f)
        np.multiply(dc, p_i, out=da_i)
        np.multiply(dc, p_g, out=da_g)
        np.multiply(dc, ft, out=dc_next)  # dc_{t-1}
        np.dot(da, WhT, out=spare)  # dh_{t-1}
        dh_next, spare = spare, dh_next

    dWx, db, dx = input_gradients(trace.x, dA, Wx, need_dx)
    h_prev = previous_states(trace.h0, trace.h).reshape(T * B, H)
    grads = {"Wx": dWx, "Wh": h_prev.T @ dA.reshape(T * B, 4 * H), "b": db}
    return LSTMGrads(
        params=grads,
        dx=dx,
        dh=time_major(DH),
        dc=time_major(DC),
        dh0=dh_next,
        dc0=dc_next,
    )
