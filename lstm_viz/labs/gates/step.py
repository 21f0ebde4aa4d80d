"""One LSTM time step up close: every number of the cell diagram at step t, unit k, sample b.

Each gate's pre-activation splits into three terms (``lstm_viz.nn.lstm``, blocks o, f, i, g)::

    a_t  = x_t Wx[:, gate]  +  h_{t-1} Wh[:, gate]  +  b[gate]     input, recurrent, bias
    f_t = sigma(a_f)   i_t = sigma(a_i)   o_t = sigma(a_o)   g_t = tanh(a_g)
    c_t = f_t * c_{t-1}  +  i_t * g_t                              kept, written
    h_t = o_t * tanh(c_t)

with h_{-1} = h0 and c_{-1} = c0 at t = 0. The gates, c_t and h_t are the trace's own arrays
(so the diagram shows exactly what the heatmaps show); the three terms are computed from the
parameters, in the trace's dtype, and their sum is the pre-activation the gate was applied to.

Two summaries across units, for sorting the heatmap rows and marking one of them:

- ``unit_memory``: how long each unit holds its cell state. Through the forget gate alone,
  c keeps the fraction prod f_t; with the mean forget gate f-bar that is f-bar^n after n
  steps, i.e. c decays by e every ``tau = -1 / ln(f-bar)`` steps (tau = inf when f-bar = 1).
- ``memory_carrier``: which unit carries the first symbol to the end. For each unit, the share
  of the variance of its final cell state c_T that the class explains (the correlation ratio
  eta^2 = between-class variance / total variance, in [0, 1]): 1 when c_T alone tells the
  classes apart perfectly, 0 when it says nothing about them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.nn.lstm import GATES, LSTMTrace
from lstm_viz.nn.model import ModelConfig, layer_forward


@dataclass(frozen=True)
class GateTerms:
    """One gate of one unit at one step: its pre-activation's three terms and its value."""

    input: float  # x_t Wx[:, gate]
    recurrent: float  # h_{t-1} Wh[:, gate]
    bias: float  # b[gate]
    pre_activation: float  # input + recurrent + bias
    value: float  # sigma(pre_activation), tanh for g: the trace's own number


@dataclass(frozen=True)
class StepUpClose:
    """Every number of the cell diagram for ``sample``, step ``t`` and ``unit``."""

    sample: int
    t: int
    unit: int
    x: np.ndarray  # (D,) x_t
    h_prev: np.ndarray  # (H,) h_{t-1} of every unit (the recurrent term reads all of them)
    c_prev: float  # c_{t-1} of this unit
    o: GateTerms
    f: GateTerms
    i: GateTerms
    g: GateTerms
    kept: float  # f_t * c_{t-1}
    written: float  # i_t * g_t
    c: float  # c_t = kept + written
    tanh_c: float
    h: float  # h_t = o_t * tanh(c_t)
    input_parts: dict[str, np.ndarray]  # gate -> (D,) x_t[d] * Wx[d, gate]: sums to its input
    recurrent_parts: dict[str, np.ndarray]  # gate -> (H,) h_{t-1}[j] * Wh[j, gate]


@dataclass(frozen=True)
class StepTerms:
    """The three terms of every gate at every step and unit of one sample: (T, H) each, for a
    heatmap's tooltips. ``c_prev`` is c_{t-1} (c0 at t = 0)."""

    input: dict[str, np.ndarray]  # gate -> (T, H)
    recurrent: dict[str, np.ndarray]
    bias: dict[str, np.ndarray]
    c_prev: np.ndarray  # (T, H)

    def pre_activation(self, gate: str) -> np.ndarray:
        return self.input[gate] + self.recurrent[gate] + self.bias[gate]  # (T, H)


@dataclass(frozen=True)
class UnitMemory:
    """How long each unit holds its cell state, over the valid steps from ``start`` on."""

    mean_forget: np.ndarray  # (H,) f-bar
    decay_steps: np.ndarray  # (H,) tau = -1 / ln(f-bar), inf when f-bar = 1
    order: np.ndarray  # (H,) unit indices, longest memory first (ties: lower index first)


@dataclass(frozen=True)
class MemoryCarrier:
    """The unit whose final cell state best separates the classes."""

    unit: int
    separation: np.ndarray  # (H,) eta^2 of c_T per unit, in [0, 1]
    class_means: np.ndarray  # (K, H) mean c_T per class (rows: classes in sorted order)


def _check(config: ModelConfig, trace: LSTMTrace) -> None:
    if config.cell != "lstm":
        raise ValueError(f"a step up close needs an LSTM, got cell {config.cell!r}")
    if not isinstance(trace, LSTMTrace):
        raise TypeError("trace must be an LSTMTrace")


def step_terms(
    config: ModelConfig, params: dict[str, np.ndarray], trace: LSTMTrace, sample: int
) -> StepTerms:
    """Every gate's input, recurrent and bias term for one sample of ``trace``: (T, H) each."""
    _check(config, trace)
    dtype = trace.c.dtype
    Wx = np.asarray(params["cell.Wx"], dtype)  # (D, 4H)
    Wh = np.asarray(params["cell.Wh"], dtype)  # (H, 4H)
    b = np.asarray(params["cell.b"], dtype)  # (4H,)
    H = Wh.shape[0]
    x = np.asarray(trace.x[sample], dtype)  # (T, D)
    h_prev = np.concatenate([trace.h0[sample][None], trace.h[sample, :-1]]).astype(dtype)  # (T, H)
    c_prev = np.concatenate([trace.c0[sample][None], trace.c[sample, :-1]]).astype(dtype)  # (T, H)
    T = x.shape[0]
    blocks = {gate: slice(k * H, (k + 1) * H) for k, gate in enumerate(GATES)}
    return StepTerms(
        input={gate: x @ Wx[:, s] for gate, s in blocks.items()},  # (T, D) x (D, H) -> (T, H)
        recurrent={gate: h_prev @ Wh[:, s] for gate, s in blocks.items()},  # (T, H)
        bias={gate: np.broadcast_to(b[s], (T, H)) for gate, s in blocks.items()},
        c_prev=c_prev,
    )


def step_up_close(
    config: ModelConfig,
    params: dict[str, np.ndarray],
    trace: LSTMTrace,
    sample: int,
    t: int,
    unit: int,
) -> StepUpClose:
    """The cell diagram's numbers for ``sample``, step ``t`` (0-based, within the sample's
    length) and ``unit``; ``trace`` is ``layer_forward(config, params, ...)``."""
    _check(config, trace)
    B, T, H = trace.c.shape
    if not 0 <= sample < B or not 0 <= unit < H:
        raise IndexError(f"sample {sample} of {B}, unit {unit} of {H}")
    if not 0 <= t < int(trace.lengths[sample]):
        raise IndexError(f"step {t} outside the sample's {int(trace.lengths[sample])} steps")
    dtype = trace.c.dtype
    Wx = np.asarray(params["cell.Wx"], dtype)
    Wh = np.asarray(params["cell.Wh"], dtype)
    b = np.asarray(params["cell.b"], dtype)
    x_t = np.asarray(trace.x[sample, t], dtype)  # (D,)
    h_prev = np.asarray(trace.h0[sample] if t == 0 else trace.h[sample, t - 1], dtype)  # (H,)
    c_prev = (trace.c0[sample] if t == 0 else trace.c[sample, t - 1])[unit]

    def terms(gate: str) -> tuple[GateTerms, np.ndarray, np.ndarray]:
        col = GATES.index(gate) * H + unit
        from_input = x_t * Wx[:, col]  # (D,)
        from_recurrent = h_prev * Wh[:, col]  # (H,)
        inp, rec, bias = x_t @ Wx[:, col], h_prev @ Wh[:, col], b[col]
        value = getattr(trace, gate)[sample, t, unit]
        record = GateTerms(
            float(inp), float(rec), float(bias), float(inp + rec + bias), float(value)
        )
        return record, from_input, from_recurrent

    gates = {gate: terms(gate) for gate in GATES}
    f, i, g, o = (getattr(trace, n)[sample, t, unit] for n in ("f", "i", "g", "o"))
    kept = f * c_prev  # in the trace's dtype, as lstm_forward computed it
    written = i * g
    c = trace.c[sample, t, unit]
    tanh_c = np.tanh(c)
    return StepUpClose(
        sample=sample,
        t=t,
        unit=unit,
        x=x_t,
        h_prev=h_prev,
        c_prev=float(c_prev),
        o=gates["o"][0],
        f=gates["f"][0],
        i=gates["i"][0],
        g=gates["g"][0],
        kept=float(kept),
        written=float(written),
        c=float(c),
        tanh_c=float(tanh_c),
        h=float(trace.h[sample, t, unit]),
        input_parts={gate: v[1] for gate, v in gates.items()},
        recurrent_parts={gate: v[2] for gate, v in gates.items()},
    )


def step_up_close_from_inputs(
    config: ModelConfig,
    params: dict[str, np.ndarray],
    x: np.ndarray,
    lengths: np.ndarray | None,
    sample: int,
    t: int,
    unit: int,
) -> StepUpClose:
    """``step_up_close`` on the trace of ``x`` (B, T, D) through the layer."""
    return step_up_close(config, params, layer_forward(config, params, x, lengths), sample, t, unit)


def _valid_steps(trace: LSTMTrace, start: int) -> np.ndarray:
    """(B, T) True at steps start .. length - 1 of each sample."""
    steps = np.arange(trace.c.shape[1])
    return (steps[None, :] >= start) & (steps[None, :] < trace.lengths[:, None])


def unit_memory(trace: LSTMTrace, start: int = 1) -> UnitMemory:
    """Each unit's mean forget gate over every sample's valid steps from ``start`` on (the
    default skips t = 0, where the first symbol is written), its decay time, and the units
    ordered by it. A unit whose forget gate is 1 throughout never forgets: tau = inf."""
    mask = _valid_steps(trace, start)
    if not mask.any():
        raise ValueError(f"no step from {start} on in any sample")
    mean_f = trace.f.astype(np.float64)[mask].mean(axis=0)  # (N_steps, H) -> (H,)
    with np.errstate(divide="ignore"):
        tau = np.where(mean_f >= 1.0, np.inf, -1.0 / np.log(mean_f))
    return UnitMemory(mean_f, tau, np.argsort(-tau, kind="stable"))


def memory_carrier(trace: LSTMTrace, y: np.ndarray) -> MemoryCarrier:
    """The unit whose final cell state c_T (at each sample's last step) best separates the
    classes ``y`` (B,): the largest eta^2 = between-class / total variance. A unit whose c_T is
    the same for every sample separates nothing (eta^2 = 0)."""
    y = np.asarray(y)
    B = trace.c.shape[0]
    if y.shape != (B,):
        raise ValueError(f"y must be ({B},), got {y.shape}")
    c_T = trace.c.astype(np.float64)[np.arange(B), trace.lengths - 1]  # (B, H)
    classes = np.unique(y)
    means = np.stack([c_T[y == k].mean(axis=0) for k in classes])  # (K, H)
    counts = np.array([np.count_nonzero(y == k) for k in classes])  # (K,)
    total = ((c_T - c_T.mean(axis=0)) ** 2).sum(axis=0)  # (H,)
    between = (counts[:, None] * (means - c_T.mean(axis=0)) ** 2).sum(axis=0)  # (H,)
    with np.errstate(invalid="ignore", divide="ignore"):
        eta2 = np.where(total > 0, between / np.where(total > 0, total, 1.0), 0.0)
    eta2 = np.clip(eta2, 0.0, 1.0)
    return MemoryCarrier(int(np.argmax(eta2)), eta2, means)
