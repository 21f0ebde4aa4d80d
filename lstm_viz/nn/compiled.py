"""The compiled engine: the LSTM, GRU and RNN layers' forward and backpropagation through time as
numba kernels, returning the very records of the NumPy layers (``LSTMTrace``/``LSTMGrads``,
``GRUTrace``/``GRUGrads``, ``RNNTrace``/``RNNGrads``), so every caller works with either engine.

The equations are those of ``lstm.py``, ``gru.py`` and ``rnn.py`` (the readable reference, and
what the tests compare against); here the loops are written out, time outer, batch inner:

    a_t = x_t Wx + b                       one matrix product for all steps, in NumPy (BLAS)
    a_t += h_{t-1} Wh                      in the kernel, row k of Wh at a time for the whole
                                           batch (a loop the compiler vectorises without
                                           reordering any sum)
    gates, c_t, h_t                        element by element, as in the reference
    dWx, db, dWh                           after the backward loop, one BLAS product each

Why it is faster: the NumPy loop pays about ten calls of overhead per step; here a step costs
only its arithmetic. Each sample stops at its own length: padded steps are not run, so their
records (gates, states) are 0 and their gradients exactly 0. (The NumPy layers run padded steps
too; no loss ever reads them. A ``d_seq`` on a padded step is ignored here for the same reason.)

Details that are not obvious:

- Typed constants. The kernels take ``one`` and ``half`` in the arrays' dtype: a bare ``1.0``
  is a float64 literal and would promote every float32 expression it touches to float64.
- ``error_model="numpy"``: no Python-style zero-division checks in the inner loops.
- ``fastmath=False``: IEEE arithmetic, so float64 agrees with the reference to ~1e-15.
- tanh. The C library's tanh, called one number at a time, cost more than all the rest of a
  step (tens of ns a call on this machine), so ``_tanh`` is arithmetic the compiler can
  vectorise: in float32 the rational approximation of the Eigen library (within 4e-7 of the
  exact value), in float64 (1 - e) / (1 + e) with e = exp(-2|x|) (within 1e-15). NaN stays NaN.
- The sigmoid is written with tanh, sigma(a) = 1/2 + tanh(a/2)/2, as in the NumPy layers: no
  overflow of exp(-a) for large negative a.
- float32 backward values below ``FLUSH_FLOAT32`` (1e-30) become 0, so that vanishing
  gradients do not crawl through the subnormal range (see there).
- ``nogil=True``: two sessions training at once use two cores of one server process.
- ``cache=True``: the machine code is kept in ``NUMBA_CACHE_DIR`` (set below, before numba is
  imported, to a folder we can write); ``python -m lstm_viz.nn.compiled`` compiles every
  signature the pages use, so no student waits for a compile.

A missing or broken numba leaves ``AVAILABLE`` False: every function here then runs the NumPy
layer it mirrors, after one log line.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from pathlib import Path

import numpy as np

from lstm_viz.nn import gru, lstm, rnn
from lstm_viz.nn.sequence import as_lengths, gather_last

log = logging.getLogger("lstm_viz")


def cache_dir() -> Path:
    """The project's ``.cache/numba`` when writable, else the user's cache, else a temp folder."""
    candidates = [
        Path(__file__).resolve().parents[2] / ".cache" / "numba",
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "lstm_viz" / "numba",
        Path(tempfile.gettempdir()) / "lstm_viz-numba",
    ]
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder
    return candidates[-1]


if not os.environ.get("NUMBA_CACHE_DIR"):
    os.environ["NUMBA_CACHE_DIR"] = str(cache_dir())

try:
    import numba
    from numba import types
    from numba.core.errors import NumbaError
    from numba.extending import overload

    if not numba.config.CACHE_DIR:  # numba was imported before us (librosa): tell it now
        numba.config.CACHE_DIR = os.environ["NUMBA_CACHE_DIR"]
    AVAILABLE = True
    _COMPILE_ERRORS: tuple[type[BaseException], ...] = (NumbaError, ImportError, OSError)
except Exception as err:  # ImportError, or a broken llvmlite
    numba = None
    AVAILABLE = False
    _COMPILE_ERRORS = ()
    log.warning("numba is unavailable (%s): the NumPy layers train instead", err)

# float32 backward values below this become 0. Gradients that vanish over hundreds of steps
# otherwise pass through the subnormal range (below 1.2e-38), where each operation costs about
# 100 times more: flushing only those still left the sound workload's backward 2.5x slower, as
# every product of a value near 1e-36 lands there again. 1e-30 is also the floor below which the
# gradients page draws every norm, and 23 orders of magnitude under float32's resolution of an
# O(1) gradient.
FLUSH_FLOAT32 = 1e-30
ACTIVATION_CODES = {"tanh": 0, "relu": 1, "linear": 2}  # the RNN kernel's phi


def _jit(fn):
    if numba is None:
        return fn
    return numba.njit(cache=True, nogil=True, fastmath=False, error_model="numpy")(fn)


def disable(err: BaseException) -> None:
    """A kernel failed to compile: from now on the NumPy layers run; say so once."""
    global AVAILABLE
    if AVAILABLE:
        AVAILABLE = False
        log.warning("the compiled engine failed (%s): the NumPy layers train instead", err)


def _or_numpy(reference):
    """Run the compiled function, or ``reference`` (the NumPy layer) when numba cannot."""

    def wrap(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            if AVAILABLE:
                try:
                    return fn(*args, **kwargs)
                except _COMPILE_ERRORS as err:
                    disable(err)
            return reference(*args, **kwargs)

        return run

    return wrap


def _tanh(x):
    """tanh of one number, compiled per dtype by the overload below."""
    return np.tanh(x)


# Eigen's float32 tanh: x P(x^2) / Q(x^2) on x clamped to +-7.905 (where tanh rounds to +-1 in
# float32), x itself below 4e-4.
_TANH32_P = (-2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11,
             5.12229709037114e-08, 1.48572235717979e-05, 6.37261928875436e-04,
             4.89352455891786e-03)  # fmt: skip
_TANH32_Q = (1.19825839466702e-06, 1.18534705686654e-04, 2.26843463243900e-03,
             4.89352518554385e-03)  # fmt: skip


def _tanh_float32():
    p13, p11, p9, p7, p5, p3, p1 = (np.float32(v) for v in _TANH32_P)
    q6, q4, q2, q0 = (np.float32(v) for v in _TANH32_Q)
    edge, tiny = np.float32(7.90531110763549805), np.float32(4e-4)

    def tanh32(x):
        c = edge if x > edge else x  # comparisons with NaN are False: NaN passes through
        c = -edge if c < -edge else c
        x2 = c * c
        p = ((((((p13 * x2 + p11) * x2 + p9) * x2 + p7) * x2 + p5) * x2 + p3) * x2 + p1) * c
        q = ((q6 * x2 + q4) * x2 + q2) * x2 + q0
        return x if abs(x) < tiny else p / q

    return tanh32


def _tanh_float64(x):
    e = np.exp(-2.0 * abs(x))  # in (0, 1]: no overflow
    y = (1.0 - e) / (1.0 + e)
    return y if x >= 0 else -y if x < 0 else x  # x is NaN when neither


if numba is not None:

    @overload(_tanh)
    def _tanh_overload(x):
        if x == types.float32:
            return _tanh_float32()
        return _tanh_float64


# ---------------------------------------------------------------------------------------------
# Kernels. Arrays are batch-major and C-contiguous: A (B, T, K) pre-activations, records
# (B, T, ...), Wh (H, K), WhT (K, H). Time is the outer loop and the batch the inner one, so
# each row of Wh is read once per step for all samples (it stays in the L1 cache); a sample
# takes part in step t only while t < lengths[b]. Padded steps are left as allocated: zeros.


@_jit
def _sigmoid(a, half):
    return half + half * _tanh(half * a)


@_jit
def _flush(v, tiny):
    """0 for |v| < tiny (FLUSH_FLOAT32 in float32, 0 in float64: nothing is flushed)."""
    return v - v if abs(v) < tiny else v


@_jit
def _add_product(out, v, W, col, t, lengths):
    """out[b] += v[b] W[:, col : col + n] for every sample still running at step t; out (B, n),
    v (B, m). Summed row by row of W, so the inner loop runs along contiguous memory and
    vectorises without reordering any sum."""
    for k in range(v.shape[1]):
        for b in range(out.shape[0]):
            if t < lengths[b]:
                vk = v[b, k]
                for j in range(out.shape[1]):
                    out[b, j] += vk * W[k, col + j]


@_jit
def _start_step(a, A, t, lengths):
    """a[b] = A[b, t] for the samples still running: a_t = x_t Wx + b, before h_{t-1} Wh."""
    for b in range(a.shape[0]):
        if t < lengths[b]:
            a[b] = A[b, t]


@_jit
def _clear(d, t, lengths):
    """d[b] = 0 for the samples running at step t: a product's output before accumulating."""
    for b in range(d.shape[0]):
        if t < lengths[b]:
            d[b] = 0


@_jit
def _steps(lengths):
    """The longest sample's length: the steps any sample runs (0 for an empty batch)."""
    return lengths.max() if lengths.size else 0


@_jit
def _lstm_forward_kernel(A, Wh, h0, c0, lengths, half, G, C, Hs):
    """A (B, T, 4H) = x Wx + b; writes G (B, T, 4H) = [o | f | i | g], C and Hs (B, T, H)."""
    B = A.shape[0]
    H = Wh.shape[0]
    h_prev, c_prev = h0.copy(), c0.copy()  # (B, H) each sample's latest state
    a = np.empty((B, 4 * H), A.dtype)
    for t in range(_steps(lengths)):
        _start_step(a, A, t, lengths)
        _add_product(a, h_prev, Wh, 0, t, lengths)  # a_t = x_t Wx + b + h_{t-1} Wh
        for b in range(B):
            if t >= lengths[b]:
                continue
            gate = G[b, t]
            for j in range(3 * H):
                gate[j] = _sigmoid(a[b, j], half)  # o, f, i
            for j in range(3 * H, 4 * H):
                gate[j] = _tanh(a[b, j])  # g
            for j in range(H):
                o, f, i, g = gate[j], gate[H + j], gate[2 * H + j], gate[3 * H + j]
                c = f * c_prev[b, j] + i * g
                C[b, t, j] = c_prev[b, j] = c
                Hs[b, t, j] = h_prev[b, j] = o * _tanh(c)


@_jit
def _lstm_backward_kernel(
    G, C, WhT, c0, lengths, inject, use_state, one, tiny, dA, DH, DC, dh0, dc0
):
    """BPTT from each sample's last step down to 0; ``inject`` (B, T, H) is what the loss sends
    into each step's output (h_t, or c_t with ``use_state``). Writes dA (B, T, 4H), DH, DC,
    dh0 and dc0; dWh = sum_t h_{t-1}^T da_t is one BLAS product afterwards."""
    B = G.shape[0]
    H = WhT.shape[1]
    dh_next = np.zeros((B, H), G.dtype)  # dL/dh_t from step t + 1 (0 before a sample's end)
    dc_next = np.zeros((B, H), G.dtype)
    for t in range(_steps(lengths) - 1, -1, -1):
        for b in range(B):
            if t >= lengths[b]:
                continue
            c_prev = C[b, t - 1] if t > 0 else c0[b]
            gate, da = G[b, t], dA[b, t]
            for j in range(H):
                o, f, i, g = gate[j], gate[H + j], gate[2 * H + j], gate[3 * H + j]
                tc = _tanh(C[b, t, j])
                if use_state:  # the emitted value is c_t: its gradient enters the cell path
                    dh = dh_next[b, j]
                    dc = dc_next[b, j] + inject[b, t, j]
                else:
                    dh = dh_next[b, j] + inject[b, t, j]
                    dc = dc_next[b, j]
                dh = _flush(dh, tiny)
                dc = _flush(dc + dh * o * (one - tc * tc), tiny)  # c_t reaches L via h_t too
                DH[b, t, j] = dh
                DC[b, t, j] = dc
                da[j] = _flush(dh * tc * o * (one - o), tiny)  # through o, then sigma
                da[H + j] = _flush(dc * c_prev[j] * f * (one - f), tiny)  # f, then sigma
                da[2 * H + j] = _flush(dc * g * i * (one - i), tiny)  # through i, then sigma
                da[3 * H + j] = _flush(dc * i * (one - g * g), tiny)  # through g, then tanh
                dc_next[b, j] = dc * f  # dc_{t-1}
        _clear(dh_next, t, lengths)
        _add_product(dh_next, dA[:, t], WhT, 0, t, lengths)  # dh_{t-1} = da_t Wh^T
    dh0[:] = dh_next
    dc0[:] = dc_next


@_jit
def _gru_forward_kernel(A, Wh, h0, lengths, half, G, Hs):
    """A (B, T, 3H) = x Wx + b; writes G (B, T, 3H) = [z | r | n] and Hs (B, T, H)."""
    B = A.shape[0]
    H = Wh.shape[0]
    h_prev = h0.copy()  # (B, H)
    a = np.empty((B, 3 * H), A.dtype)
    rh = np.empty((B, H), A.dtype)
    for t in range(_steps(lengths)):
        _start_step(a, A, t, lengths)
        _add_product(a[:, : 2 * H], h_prev, Wh, 0, t, lengths)  # a_zr += h_{t-1} Wh_zr
        for b in range(B):
            if t < lengths[b]:
                for j in range(2 * H):
                    G[b, t, j] = _sigmoid(a[b, j], half)  # z, r
                for k in range(H):
                    rh[b, k] = G[b, t, H + k] * h_prev[b, k]  # r_t * h_{t-1}
        _add_product(a[:, 2 * H :], rh, Wh, 2 * H, t, lengths)  # a_n += (r * h_{t-1}) Wh_n
        for b in range(B):
            if t >= lengths[b]:
                continue
            for j in range(H):
                z = G[b, t, j]
                n = _tanh(a[b, 2 * H + j])
                G[b, t, 2 * H + j] = n
                Hs[b, t, j] = h_prev[b, j] = n + z * (h_prev[b, j] - n)  # z h + (1 - z) n


@_jit
def _gru_backward_kernel(G, Hs, WhT, h0, lengths, inject, one, tiny, dA, DH, dh0):
    """BPTT; writes dA (B, T, 3H) = [z | r | n], DH and dh0."""
    B = G.shape[0]
    H = WhT.shape[1]
    dh_next = np.zeros((B, H), G.dtype)
    d_rh = np.zeros((B, H), G.dtype)  # dL/d(r_t * h_{t-1})
    for t in range(_steps(lengths) - 1, -1, -1):
        for b in range(B):
            if t >= lengths[b]:
                continue
            h_prev = Hs[b, t - 1] if t > 0 else h0[b]
            gate, da = G[b, t], dA[b, t]
            for j in range(H):
                z, n = gate[j], gate[2 * H + j]
                dh = _flush(dh_next[b, j] + inject[b, t, j], tiny)
                DH[b, t, j] = dh
                da[j] = _flush(dh * (h_prev[j] - n) * z * (one - z), tiny)  # z, then sigma
                da[2 * H + j] = _flush(dh * (one - z) * (one - n * n), tiny)  # n, then tanh
                dh_next[b, j] = dh * z  # the direct path z * h_{t-1}
        _clear(d_rh, t, lengths)
        _add_product(d_rh, dA[:, t, 2 * H :], WhT[2 * H :], 0, t, lengths)  # da_n Wh_n^T
        for b in range(B):
            if t >= lengths[b]:
                continue
            h_prev = Hs[b, t - 1] if t > 0 else h0[b]
            for k in range(H):
                r = G[b, t, H + k]
                dA[b, t, H + k] = _flush(d_rh[b, k] * h_prev[k] * r * (one - r), tiny)  # r
                dh_next[b, k] += d_rh[b, k] * r
        _add_product(dh_next, dA[:, t, : 2 * H], WhT[: 2 * H], 0, t, lengths)  # da_zr Wh_zr^T
    dh0[:] = dh_next


@_jit
def _rnn_forward_kernel(A, Wh, h0, lengths, phi, zero, Hs):
    """A (B, T, H) = x Wx + b, completed in place to a_t; padded steps set to 0. Writes Hs."""
    B, T = A.shape[0], A.shape[1]
    H = Wh.shape[0]
    h_prev = h0.copy()  # (B, H)
    a = np.empty((B, H), A.dtype)
    for t in range(_steps(lengths)):
        _start_step(a, A, t, lengths)
        _add_product(a, h_prev, Wh, 0, t, lengths)  # a_t = x_t Wx + b + h_{t-1} Wh
        for b in range(B):
            if t >= lengths[b]:
                continue
            for j in range(H):
                A[b, t, j] = a[b, j]
                if phi == 0:
                    h = _tanh(a[b, j])
                elif phi == 1:
                    h = zero if a[b, j] < zero else a[b, j]  # ReLU; NaN stays NaN
                else:
                    h = a[b, j]  # identity
                Hs[b, t, j] = h_prev[b, j] = h
    for b in range(B):
        A[b, lengths[b] : T] = 0


@_jit
def _rnn_backward_kernel(A, Hs, WhT, lengths, inject, phi, one, tiny, dA, DH, dh0):
    """BPTT; writes dA (B, T, H), DH and dh0."""
    B = A.shape[0]
    H = WhT.shape[1]
    dh_next = np.zeros((B, H), A.dtype)
    for t in range(_steps(lengths) - 1, -1, -1):
        for b in range(B):
            if t >= lengths[b]:
                continue
            for j in range(H):
                dh = _flush(dh_next[b, j] + inject[b, t, j], tiny)
                DH[b, t, j] = dh
                if phi == 0:
                    h = Hs[b, t, j]
                    dA[b, t, j] = _flush(dh * (one - h * h), tiny)  # backprop through tanh
                elif phi == 1:
                    dA[b, t, j] = dh if A[b, t, j] > 0 else one - one  # through ReLU
                else:
                    dA[b, t, j] = dh
        _clear(dh_next, t, lengths)
        _add_product(dh_next, dA[:, t], WhT, 0, t, lengths)  # dh_{t-1} = da_t Wh^T
    dh0[:] = dh_next


# ---------------------------------------------------------------------------------------------
# The layers: NumPy around the kernels (validation, the input projection and its gradients).


def _c(a, dtype) -> np.ndarray:
    """C-contiguous and writable in ``dtype``: one kernel signature per dtype."""
    a = np.asarray(a)
    if a.dtype == dtype and a.flags.c_contiguous and a.flags.writeable:
        return a
    return np.array(a, dtype=dtype, order="C")


def _tiny(dtype) -> np.floating:
    """The flush threshold of the backward kernels: FLUSH_FLOAT32, or 0 (no flush) in float64,
    which keeps its agreement with the NumPy layers exact to rounding."""
    return dtype.type(FLUSH_FLOAT32 if dtype == np.float32 else 0)


def _initial(state, B: int, H: int, dtype) -> np.ndarray:
    return np.zeros((B, H), dtype) if state is None else _c(state, dtype)


def _project(x: np.ndarray, Wx: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(B, T, D) -> (B, T, K): x_t Wx + b for every step at once (one BLAS product)."""
    B, T, D = x.shape
    xs = np.asarray(x, Wx.dtype).reshape(B * T, D)
    return (xs @ Wx + b).reshape(B, T, Wx.shape[1])


def _inject(d_out, d_seq, lengths, shape, dtype) -> np.ndarray:
    """(B, T, H) batch-major: what the loss sends into each step's output (the transpose of
    ``sequence.output_gradient``)."""
    inject = np.zeros(shape, dtype)
    if d_seq is not None:
        inject += np.asarray(d_seq, dtype)
    if d_out is not None:
        inject[np.arange(shape[0]), lengths - 1] += np.asarray(d_out, dtype)
    return inject


def _input_gradients(x: np.ndarray, dA: np.ndarray, Wx: np.ndarray, need_dx: bool):
    """dWx = sum_t x_t^T da_t, db = sum_t da_t, dx_t = da_t Wx^T (B, T, D) or (B, T, 0)."""
    B, T, K = dA.shape
    dA2 = dA.reshape(B * T, K)
    xs = np.asarray(x, dA.dtype).reshape(B * T, -1)
    dx = (dA2 @ Wx.T).reshape(B, T, -1) if need_dx else np.empty((B, T, 0), dA.dtype)
    return xs.T @ dA2, dA2.sum(axis=0), dx


def _previous(h0: np.ndarray, h: np.ndarray) -> np.ndarray:
    """(B, T, H): h_{t-1} at every step, h0 first."""
    return np.concatenate([h0[:, None], h[:, :-1]], axis=1)


def _recurrent_gradient(h_prev: np.ndarray, dA: np.ndarray) -> np.ndarray:
    """dWh = sum over samples and steps of h_{t-1}^T da_t: (H, K), one BLAS product (padded
    steps have da = 0)."""
    H, K = h_prev.shape[2], dA.shape[2]
    return h_prev.reshape(-1, H).T @ dA.reshape(-1, K)


def _gate_block(parts: tuple[np.ndarray, ...], shape: tuple[int, ...]) -> np.ndarray:
    """The gates as one contiguous (B, T, nH) array: the buffer a compiled forward wrote (its
    records are views of it), else a copy (a trace of the NumPy layer)."""
    base = parts[0].base
    if (
        base is not None
        and base.shape == shape
        and base.flags.c_contiguous
        and all(p.base is base for p in parts)
        and parts[0].ctypes.data == base.ctypes.data
    ):
        return base
    return np.ascontiguousarray(np.concatenate(parts, axis=2))


def _check(Wx, Wh, b, D: int, blocks: int) -> int:
    H = Wh.shape[0]
    K = blocks * H
    assert Wx.shape == (D, K) and Wh.shape == (H, K) and b.shape == (K,), "bad shapes"
    return H


@_or_numpy(lstm.lstm_forward)
def lstm_forward(params, x, lengths=None, h0=None, c0=None, use_state=False) -> lstm.LSTMTrace:
    """``lstm.lstm_forward``, compiled."""
    Wx, Wh, b = params["Wx"], params["Wh"], params["b"]
    B, T, D = x.shape
    H = _check(Wx, Wh, b, D, 4)
    dt = Wx.dtype
    lengths = as_lengths(lengths, B, T)
    h0, c0 = _initial(h0, B, H, dt), _initial(c0, B, H, dt)
    A = _project(x, Wx, b)  # (B, T, 4H)
    G = np.zeros((B, T, 4 * H), dt)  # [o | f | i | g]
    C, Hs = np.zeros((B, T, H), dt), np.zeros((B, T, H), dt)
    _lstm_forward_kernel(A, _c(Wh, dt), h0, c0, lengths, dt.type(0.5), G, C, Hs)
    return lstm.LSTMTrace(
        x=x,
        lengths=lengths,
        o=G[..., :H],
        f=G[..., H : 2 * H],
        i=G[..., 2 * H : 3 * H],
        g=G[..., 3 * H :],
        c=C,
        h=Hs,
        h0=h0,
        c0=c0,
        use_state=use_state,
        outputs=gather_last(C if use_state else Hs, lengths),
    )


@_or_numpy(lstm.lstm_backward)
def lstm_backward(params, trace, d_out=None, d_seq=None, need_dx=True) -> lstm.LSTMGrads:
    """``lstm.lstm_backward``, compiled."""
    Wx, Wh = params["Wx"], params["Wh"]
    B, T, _ = trace.x.shape
    H = Wh.shape[0]
    dt = Wx.dtype
    G = _gate_block((trace.o, trace.f, trace.i, trace.g), (B, T, 4 * H))
    inject = _inject(d_out, d_seq, trace.lengths, (B, T, H), dt)
    dA = np.zeros((B, T, 4 * H), dt)
    DH, DC = np.zeros((B, T, H), dt), np.zeros((B, T, H), dt)
    dh0, dc0 = np.empty((B, H), dt), np.empty((B, H), dt)
    _lstm_backward_kernel(
        _c(G, dt), _c(trace.c, dt), np.ascontiguousarray(Wh.T, dt), _c(trace.c0, dt),
        _c(trace.lengths, np.int64), inject, bool(trace.use_state), dt.type(1), _tiny(dt),
        dA, DH, DC, dh0, dc0,
    )  # fmt: skip
    dWx, db, dx = _input_gradients(trace.x, dA, Wx, need_dx)
    dWh = _recurrent_gradient(_previous(trace.h0, trace.h), dA)
    return lstm.LSTMGrads({"Wx": dWx, "Wh": dWh, "b": db}, dx, DH, DC, dh0, dc0)


@_or_numpy(gru.gru_forward)
def gru_forward(params, x, lengths=None, h0=None) -> gru.GRUTrace:
    """``gru.gru_forward``, compiled."""
    Wx, Wh, b = params["Wx"], params["Wh"], params["b"]
    B, T, D = x.shape
    H = _check(Wx, Wh, b, D, 3)
    dt = Wx.dtype
    lengths = as_lengths(lengths, B, T)
    h0 = _initial(h0, B, H, dt)
    A = _project(x, Wx, b)  # (B, T, 3H)
    G = np.zeros((B, T, 3 * H), dt)  # [z | r | n]
    Hs = np.zeros((B, T, H), dt)
    _gru_forward_kernel(A, _c(Wh, dt), h0, lengths, dt.type(0.5), G, Hs)
    z, r, n = G[..., :H], G[..., H : 2 * H], G[..., 2 * H :]
    return gru.GRUTrace(x, lengths, z, r, n, Hs, h0, gather_last(Hs, lengths))


@_or_numpy(gru.gru_backward)
def gru_backward(params, trace, d_out=None, d_seq=None, need_dx=True) -> gru.GRUGrads:
    """``gru.gru_backward``, compiled."""
    Wx, Wh = params["Wx"], params["Wh"]
    B, T, _ = trace.x.shape
    H = Wh.shape[0]
    dt = Wx.dtype
    G = _gate_block((trace.z, trace.r, trace.n), (B, T, 3 * H))
    inject = _inject(d_out, d_seq, trace.lengths, (B, T, H), dt)
    dA, DH = np.zeros((B, T, 3 * H), dt), np.zeros((B, T, H), dt)
    dh0 = np.empty((B, H), dt)
    _gru_backward_kernel(
        _c(G, dt), _c(trace.h, dt), np.ascontiguousarray(Wh.T, dt), _c(trace.h0, dt),
        _c(trace.lengths, np.int64), inject, dt.type(1), _tiny(dt), dA, DH, dh0,
    )  # fmt: skip
    dWx, db, dx = _input_gradients(trace.x, dA, Wx, need_dx)
    h_prev = _previous(trace.h0, trace.h)  # (B, T, H)
    dWh = np.concatenate(
        [
            _recurrent_gradient(h_prev, dA[..., : 2 * H]),  # z, r: h_{t-1}^T da
            _recurrent_gradient(trace.r * h_prev, dA[..., 2 * H :]),  # n: (r * h_{t-1})^T da
        ],
        axis=1,
    )
    return gru.GRUGrads({"Wx": dWx, "Wh": dWh, "b": db}, dx, DH, dh0)


@_or_numpy(rnn.rnn_forward)
def rnn_forward(params, x, lengths=None, h0=None, activation="tanh") -> rnn.RNNTrace:
    """``rnn.rnn_forward``, compiled."""
    Wx, Wh, b = params["Wx"], params["Wh"], params["b"]
    B, T, D = x.shape
    H = _check(Wx, Wh, b, D, 1)
    if activation not in ACTIVATION_CODES:
        raise ValueError(f"activation must be one of {rnn.ACTIVATIONS}, got {activation!r}")
    dt = Wx.dtype
    lengths = as_lengths(lengths, B, T)
    h0 = _initial(h0, B, H, dt)
    A = _project(x, Wx, b)  # (B, T, H), completed to a_t by the kernel
    Hs = np.zeros((B, T, H), dt)
    _rnn_forward_kernel(A, _c(Wh, dt), h0, lengths, ACTIVATION_CODES[activation], dt.type(0), Hs)
    return rnn.RNNTrace(x, lengths, A, Hs, h0, activation, gather_last(Hs, lengths))


@_or_numpy(rnn.rnn_backward)
def rnn_backward(params, trace, d_out=None, d_seq=None, need_dx=True) -> rnn.RNNGrads:
    """``rnn.rnn_backward``, compiled."""
    Wx, Wh = params["Wx"], params["Wh"]
    B, T, _ = trace.x.shape
    H = Wh.shape[0]
    dt = Wx.dtype
    inject = _inject(d_out, d_seq, trace.lengths, (B, T, H), dt)
    dA, DH = np.zeros((B, T, H), dt), np.zeros((B, T, H), dt)
    dh0 = np.empty((B, H), dt)
    _rnn_backward_kernel(
        _c(trace.a, dt), _c(trace.h, dt), np.ascontiguousarray(Wh.T, dt),
        _c(trace.lengths, np.int64), inject, ACTIVATION_CODES[trace.activation], dt.type(1),
        _tiny(dt), dA, DH, dh0,
    )  # fmt: skip
    dWx, db, dx = _input_gradients(trace.x, dA, Wx, need_dx)
    dWh = _recurrent_gradient(_previous(trace.h0, trace.h), dA)
    return rnn.RNNGrads({"Wx": dWx, "Wh": dWh, "b": db}, dx, DH, dh0)


def warm_up(dtypes=("float32", "float64")) -> int:
    """Compile (or load from the cache) every kernel signature the pages use; returns how many
    layer passes ran compiled (0 when numba is unavailable)."""
    rng = np.random.default_rng(0)
    runs = 0
    for dtype in dtypes:
        x = rng.standard_normal((2, 3, 2)).astype(dtype)
        lengths = np.array([3, 2])
        d_out = np.ones((2, 2), dtype)
        cells = {
            "lstm": (lstm.init_lstm_params, lstm_forward, lstm_backward),
            "gru": (gru.init_gru_params, gru_forward, gru_backward),
            "rnn": (rnn.init_rnn_params, rnn_forward, rnn_backward),
        }
        for init, forward, backward in cells.values():
            params = init(2, 2, rng, np.dtype(dtype))
            backward(params, forward(params, x, lengths), d_out=d_out)
            runs += 2 if AVAILABLE else 0
    return runs


if __name__ == "__main__":
    import time

    start = time.perf_counter()
    n = warm_up()
    seconds = time.perf_counter() - start
    where = os.environ.get("NUMBA_CACHE_DIR", "")
    state = f"{n} compiled layer passes ready" if n else "numba unavailable: NumPy layers"
    print(f"compiled engine: {state} (float32, float64) in {seconds:.1f} s; cache {where}")
