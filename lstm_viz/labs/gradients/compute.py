"""Vanishing and exploding gradients (기울기 소실, 기울기 폭주): how dL/dh_t fades or grows with
the number of steps k = T - 1 - t between a time step and the loss at the last step.

Backpropagation through time multiplies one Jacobian per step (see ``lstm_viz.nn.rnn``)::

    RNN:   dL/dh_{t-1} = (dL/dh_t * phi'(a_t)) Wh^T              |phi'| <= 1 for tanh and ReLU
    LSTM:  dL/dc_{t-1} = dL/dc_t * f_t  (+ the path through h)   f_t = sigma(...) near
                                                                 sigma(forget bias) at init

Wh is an orthogonal matrix times ``recurrent_scale``, so ||v Wh^T|| = rho ||v|| for every v,
with rho = spectral_radius(Wh) = recurrent_scale (``lstm_viz.nn.init``). Hence for the RNN:

- with the identity as phi, ||dL/dh_{T-1-k}|| = rho^k ||dL/dh_{T-1}|| exactly (the rho^k line);
- with tanh or ReLU every step also multiplies by phi' <= 1, so the norm stays on or below the
  rho^k line: it vanishes faster than rho^k when rho < 1, and grows slower when rho > 1.

The LSTM's cell path multiplies by the forget gate, not by Wh: a large forget bias puts f_t near 1
and dL/dc_t survives many steps even when the RNN's dL/dh_t has vanished.

``jacobian`` is the Frobenius norm ||dh_{T-1}/dh_t||_F = sqrt(sum_j ||e_j^T dh_{T-1}/dh_t||^2),
measured with one backward pass over H copies of a sequence, copy j sending the unit vector e_j
into h_{T-1} (for the LSTM, c_t is held fixed, as in the backward pass).

Gradient clipping (Pascanu, Mikolov & Bengio, 2013) rescales the whole parameter gradient by
min(1, threshold / ||g||). Every gradient is linear in dL/dh_{T-1}, so clipping scales every
dL/dh_t by the same factor: it caps an explosion but leaves the shape of the curve, and a
vanished gradient, as they are.

Training runs (the memory task and the exploding run) map each model or run to the
``TrainOutcome`` of ``lstm_viz.nn.train.train``: a run whose loss or gradient norm becomes NaN or
infinite stops there with its history and ``diverged`` set. ``memory_spec``, ``exploding_spec``
and ``shared_runs`` give them as ``lstm_viz.runs.RunSpec``s. This module holds numbers only; the
page's sentences are built from them in ``lstm_viz.labs.gradients.text``.

The memory task compares like with like: the LSTM's forget-gate bias b_f and the GRU's update-gate
bias b_z (both are the "keep" gate: f = 1 keeps c_{t-1}, z = 1 keeps h_{t-1}) start at the same
value; the vanilla RNN has no gate to bias.

References: Bengio, Simard & Frasconi (1994); Hochreiter & Schmidhuber (1997);
Pascanu, Mikolov & Bengio (2013), arXiv:1211.5063.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from lstm_viz.data.base import SequenceData
from lstm_viz.data.memory import make_first_symbol_dataset
from lstm_viz.nn import model, optim
from lstm_viz.nn.init import spectral_radius
from lstm_viz.nn.rnn import ACTIVATIONS
from lstm_viz.nn.train import Divergence, StepReport, TrainConfig, TrainOutcome, train
from lstm_viz.runs import RunSpec

FLOOR = 1e-30  # a log axis cannot show 0: smaller norms (exact zeros included) are drawn here
MAX_LENGTH = 1000
N_SYMBOLS = 4  # signal symbols of the memory task; chance accuracy is 1 / N_SYMBOLS
Progress = Callable[[int, float, float | None], None]  # (step, loss, accuracy), after each step


@dataclass(frozen=True)
class ProfileConfig:
    """Untrained networks, one input batch, the loss at the last step."""

    length: int = 100  # T, time steps of the input (the memory task with lag T - 1)
    hidden_size: int = 32
    recurrent_scale: float = 1.0  # spectral radius of every recurrent block at init
    forget_bias: float = 1.0  # the "keep" gates' bias: the LSTM's b_f and the GRU's b_z
    activation: str = "tanh"  # RNN only: "tanh" | "relu" | "linear"
    batch: int = 8  # the norms are averaged over this many sequences
    seed: int = 0

    def __post_init__(self) -> None:
        if not 2 <= self.length <= MAX_LENGTH:
            raise ValueError(f"length must lie in [2, {MAX_LENGTH}], got {self.length}")
        if self.hidden_size < 1 or self.batch < 1:
            raise ValueError("hidden_size and batch must be positive")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        if not (math.isfinite(self.recurrent_scale) and self.recurrent_scale >= 0):
            raise ValueError("recurrent_scale must be a finite number >= 0")


@dataclass(frozen=True)
class CellProfile:
    cell: str
    loss: float  # may be inf or NaN when the forward pass overflowed
    dh: np.ndarray  # (T,) mean over the batch of ||dL/dh_t||
    dc: np.ndarray | None  # (T,) LSTM only: mean over the batch of ||dL/dc_t||
    jacobian: np.ndarray  # (T,) ||dh_{T-1}/dh_t||_F for the batch's first sequence
    grad_norm: float  # global norm of dL/d(parameters), what clipping compares to its threshold
    spectral_radius: float  # the largest spectral radius among the recurrent blocks
    forward_overflow: int | None  # first step whose hidden state is not finite, if any


@dataclass(frozen=True)
class GradientProfile:
    config: ProfileConfig
    cells: dict[str, CellProfile]  # "rnn", "lstm", "gru"
    rho: float  # spectral radius of the RNN's Wh
    rho_line: np.ndarray  # (T,) ||dL/dh_{T-1}|| rho^(T-1-t): the RNN's curve with phi = identity


# The part-1 demos. Each story holds at every seed 0-9 (tests/test_gradients_claims.py): the RNN's
# gradient shrinks per step back in "vanishing" and grows in "exploding" (ReLU at rho = 2: x1.36
# or more per step; at rho = 1.5 it shrank at seed 2), and the LSTM's cell gradient hardly falls
# in "lstm".
PROFILE_DEMOS = {
    "vanishing": ProfileConfig(length=100, recurrent_scale=0.9, activation="tanh", forget_bias=1.0),
    "exploding": ProfileConfig(length=100, recurrent_scale=2.0, activation="relu", forget_bias=1.0),
    "lstm": ProfileConfig(length=100, recurrent_scale=1.0, activation="tanh", forget_bias=3.0),
}


def profile_model_config(config: ProfileConfig, cell: str) -> model.ModelConfig:
    d = 2 * N_SYMBOLS  # one-hot letters and noise digits
    return model.ModelConfig(
        d, config.hidden_size, N_SYMBOLS, cell=cell, activation=config.activation,
        forget_bias=config.forget_bias, update_bias=config.forget_bias,
        recurrent_scale=config.recurrent_scale,
    )  # fmt: skip


def recurrent_blocks(cfg: model.ModelConfig, params: dict[str, np.ndarray]) -> list[np.ndarray]:
    """The (H, H) recurrent blocks of Wh: one for the RNN, one per gate otherwise."""
    Wh, H = params["cell.Wh"], cfg.hidden_size
    return [Wh[:, k : k + H] for k in range(0, Wh.shape[1], H)]


def vector_norms(a: np.ndarray) -> np.ndarray:
    """Euclidean norms over the last axis, computed as m * ||a / m|| with m = max |a|: squaring
    first would overflow for entries above 1e154 (float64) while the norm itself still fits.
    inf where an entry is infinite, NaN where one is NaN."""
    a = np.asarray(a)
    m = np.max(np.abs(a), axis=-1, keepdims=True)  # (..., 1)
    safe = np.where((m > 0) & np.isfinite(m), m, 1)
    out = safe[..., 0] * np.sqrt(np.sum((a / safe) ** 2, axis=-1))
    out = np.where(np.isinf(a).any(axis=-1), np.inf, out)
    return np.where(np.isnan(a).any(axis=-1), np.nan, out)


def jacobian_norms(cfg: model.ModelConfig, params: dict[str, np.ndarray], x: np.ndarray):
    """(T,) ||dh_{T-1}/dh_t||_F for the single sequence ``x`` (1, T, D)."""
    if cfg.cell == "lstm" and cfg.use_state:
        raise ValueError("the Jacobian is of h, so use_state must be False")
    H = cfg.hidden_size
    copies = np.repeat(x, H, axis=0)  # (H, T, D): copy j asks for row j of the Jacobian
    trace = model.layer_forward(cfg, params, copies)
    unit = np.eye(H, dtype=cfg.dtype)  # (H, H)
    dh = model.layer_backward(cfg, params, trace, d_out=unit, need_dx=False).dh  # (H, T, H)
    return vector_norms(dh.transpose(1, 0, 2).reshape(dh.shape[1], -1))  # (T,)


def first_overflow(h: np.ndarray) -> int | None:
    """The first time step at which any hidden state (B, T, H) is not finite, or None."""
    bad = np.flatnonzero(~np.isfinite(h).all(axis=(0, 2)))
    return int(bad[0]) if bad.size else None


def cell_profile(config: ProfileConfig, cell: str, data: SequenceData) -> CellProfile:
    cfg = profile_model_config(config, cell)
    params = model.init_model(cfg, config.seed)
    with np.errstate(all="ignore"):  # overflow is a result here, reported by the page
        loss, grads, out, layer = model.loss_and_grads(cfg, params, data.x, data.lengths, data.y)
        dh = vector_norms(layer.dh).mean(axis=0)  # (T,)
        dc = vector_norms(layer.dc).mean(axis=0) if cell == "lstm" else None
        jac = jacobian_norms(cfg, params, data.x[:1])
        norm = float(vector_norms(np.concatenate([g.ravel() for g in grads.values()])))
    radius = max(spectral_radius(W) for W in recurrent_blocks(cfg, params))
    overflow = first_overflow(out.trace.h)
    return CellProfile(cell, float(loss), dh, dc, jac, norm, radius, overflow)


def profile_data(config: ProfileConfig) -> SequenceData:
    """The shared input: ``batch`` memory-task sequences of ``length`` steps."""
    return make_first_symbol_dataset(
        config.batch, config.length - 1, N_SYMBOLS, seed=config.seed, n_noise=N_SYMBOLS
    )


def gradient_profile(config: ProfileConfig) -> GradientProfile:
    """dL/dh_t (and dL/dc_t) at every step for the RNN, LSTM and GRU on the same input."""
    data = profile_data(config)
    cells = {cell: cell_profile(config, cell, data) for cell in model.CELLS}
    rnn = cells["rnn"]
    k = np.arange(config.length)[::-1]  # (T,) steps between t and the loss
    with np.errstate(all="ignore"):
        rho_line = rnn.dh[-1] * rnn.spectral_radius ** k.astype(float)
    return GradientProfile(config, cells, rnn.spectral_radius, rho_line)


def per_step_factor(norms: np.ndarray, skip: int = 1) -> float:
    """exp(slope) of a least-squares line through log ||.|| against the lag k: the average
    factor per step back. The last ``skip`` steps (next to the loss) are left out; NaN when
    fewer than two norms are finite and positive."""
    norms = np.asarray(norms, float)[: len(norms) - skip]
    k = np.arange(len(norms))[::-1] + skip  # lag of each remaining step
    ok = np.isfinite(norms) & (norms > 0)
    if ok.sum() < 2:
        return float("nan")
    slope = np.polyfit(k[ok], np.log(norms[ok]), 1)[0]
    return float(np.exp(slope))


def first_nonfinite(norms: np.ndarray) -> tuple[int, str] | None:
    """(t, "inf" | "nan") for the latest step whose norm is not finite (backpropagation meets it
    first, and every earlier step inherits it), or None."""
    norms = np.asarray(norms, float)
    bad = np.flatnonzero(~np.isfinite(norms))
    if bad.size == 0:
        return None
    t = int(bad[-1])
    return t, "nan" if np.isnan(norms[t]) else "inf"


def for_log_scale(norms: np.ndarray, floor: float = FLOOR) -> np.ndarray:
    """Norms as a log axis can draw them: raised to ``floor``; NaN where not finite (not drawn)."""
    norms = np.asarray(norms, float)
    out = np.maximum(norms, floor)
    out[~np.isfinite(norms)] = np.nan
    return out


def clip_factor(grad_norm: float, threshold: float | None) -> float:
    """The factor min(1, threshold / ||g||) that clipping multiplies every gradient by."""
    if threshold is None or not np.isfinite(grad_norm) or grad_norm <= threshold:
        return 1.0
    return float(threshold / grad_norm)


def training_heatmap(
    dh_norms: list[np.ndarray], max_rows: int = 60
) -> tuple[np.ndarray, np.ndarray]:
    """The recorded ||dL/dh_t|| (one (T,) row per training step) at no more than ``max_rows``
    evenly spaced steps, the first and the last included: ((R, T) values, (R,) 1-based steps)."""
    values = np.asarray(dh_norms, float)  # (S, T)
    if values.ndim != 2 or len(values) == 0:
        return np.zeros((0, 0)), np.zeros(0, dtype=int)
    rows = np.unique(
        np.linspace(0, len(values) - 1, min(max_rows, len(values))).round().astype(int)
    )
    return values[rows], rows + 1


def reach(norms: np.ndarray) -> np.ndarray:
    """||dL/dh_0|| / ||dL/dh_{T-1}||: how much of the gradient at the loss reaches the first step
    (the one that holds the symbol to remember). Works on (T,) or (S, T) rows."""
    norms = np.asarray(norms, float)
    with np.errstate(all="ignore"):
        return norms[..., 0] / norms[..., -1]


# The curve whose slope tells how far each network carries the gradient: the LSTM keeps its
# memory on the cell path c_t, the RNN and the GRU on h_t.
MEMORY_PATH = {"rnn": "dh", "lstm": "dc", "gru": "dh"}


def step_factors(profile: GradientProfile) -> dict[str, float]:
    """``per_step_factor`` of each network's memory path (``MEMORY_PATH``)."""
    return {
        cell: per_step_factor(getattr(profile.cells[cell], path))
        for cell, path in MEMORY_PATH.items()
    }


def path_reach(profile: GradientProfile) -> dict[str, float]:
    """``reach`` of each network's memory path: the fraction of the gradient at the loss that is
    left at t = 0, T - 1 steps back."""
    return {
        cell: float(reach(getattr(profile.cells[cell], path))) for cell, path in MEMORY_PATH.items()
    }


@dataclass(frozen=True)
class Overflow:
    cell: str
    kind: str  # "forward": h_t not finite, so the loss and every gradient are NaN; or "gradient"
    step: int  # the forward pass's first bad step, or the latest step whose gradient is not finite
    lag: int  # steps between ``step`` and the loss at T - 1


def overflows(profile: GradientProfile) -> list[Overflow]:
    """One ``Overflow`` per network whose forward pass or gradient left the float64 range."""
    last = profile.config.length - 1
    found = []
    for cell, p in profile.cells.items():
        if p.forward_overflow is not None:
            found.append(Overflow(cell, "forward", p.forward_overflow, last - p.forward_overflow))
            continue
        bad = [first_nonfinite(n) for n in (p.dh, p.dc) if n is not None]
        steps = [b[0] for b in bad if b is not None]
        if steps:
            found.append(Overflow(cell, "gradient", max(steps), last - max(steps)))
    return found


def clip_table(profile: GradientProfile, threshold: float) -> dict[str, tuple[float, float, float]]:
    """{cell: (||g||, min(1, threshold / ||g||), ||g|| after clipping)} for the untrained
    networks' parameter gradients."""
    rows = {}
    for cell, p in profile.cells.items():
        factor = clip_factor(p.grad_norm, threshold)
        rows[cell] = (p.grad_norm, factor, factor * p.grad_norm)
    return rows


# ----------------------------------------------------------------------------- training runs


@dataclass(frozen=True)
class MemoryConfig:
    """Remember the first of ``lag + 1`` symbols: RNN, LSTM and GRU, each trained by Adam with
    clipping. Defaults measured over seeds 0-9 (held-out accuracy; chance 25 %): GRU 100 % at
    every seed, LSTM 75-100 % (eight of ten at 100 %), RNN 96.5-100 % at two seeds and 23-51 %
    at the others (compiled float32 engine). With the GRU's update-gate bias at 0 instead of 5,
    the GRU stayed at chance."""

    lag: int = 50
    steps: int = 200
    lr: float = 0.01
    # The "keep" gates' bias, the LSTM's b_f and the GRU's b_z alike: sigma(5) = 0.993, so the
    # memory keeps 0.993^50 = 71 % over 50 steps at initialisation
    forget_bias: float = 5.0
    hidden_size: int = 16
    recurrent_scale: float = 1.0
    batch_size: int = 32
    n_train: int = 2000  # many noise patterns, so no model can pass by memorising the noise
    n_val: int = 200
    eval_every: int = 20
    clip_norm: float | None = 1.0  # Adam's steps stay steady; the RNN's vanished gradient stays
    seed: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.lag < MAX_LENGTH or self.steps < 1 or self.hidden_size < 1:
            raise ValueError("lag must lie in [1, 999]; steps and hidden_size must be positive")


def memory_data(config: MemoryConfig) -> tuple[SequenceData, SequenceData]:
    """(train, validation), float32, from two different seeds of the generator."""
    train = make_first_symbol_dataset(
        config.n_train, config.lag, N_SYMBOLS, seed=config.seed, dtype=np.float32
    )
    val = make_first_symbol_dataset(
        config.n_val, config.lag, N_SYMBOLS, seed=config.seed + 10_000, dtype=np.float32
    )
    return train, val


def memory_model_config(config: MemoryConfig, cell: str) -> model.ModelConfig:
    return model.ModelConfig(
        2 * N_SYMBOLS, config.hidden_size, N_SYMBOLS, cell=cell, forget_bias=config.forget_bias,
        update_bias=config.forget_bias, recurrent_scale=config.recurrent_scale, dtype="float32",
    )  # fmt: skip


def train_all(
    runs: list[tuple[str, model.ModelConfig, TrainConfig, SequenceData, SequenceData | None]],
    progress: Progress | None = None,
) -> dict[str, TrainOutcome]:
    """Train each ``(label, model, training, data, validation)`` in turn; {label: TrainOutcome}.
    ``progress(step, loss, accuracy)`` counts the steps of all runs together, as one bar; a run
    that diverges ends early and the count jumps to the next run's start."""
    outcomes, done = {}, 0
    for label, cfg, tc, data, val in runs:
        callback = None
        if progress is not None:

            def callback(report: StepReport, offset: int = done) -> None:
                progress(offset + report.step, report.loss, report.accuracy)

        outcomes[label] = train(cfg, tc, data, val, callback=callback)
        done += tc.steps
    return outcomes


def memory_runs(config: MemoryConfig, progress: Progress | None = None) -> dict[str, TrainOutcome]:
    """Train the RNN, the LSTM and the GRU on the same data: {cell: TrainOutcome}, each with
    ``history.dh_norms`` ((T,) per step) recorded."""
    train_data, val = memory_data(config)
    tc = TrainConfig(
        steps=config.steps, batch_size=config.batch_size, eval_every=config.eval_every,
        optimizer=optim.OptimizerConfig("adam", lr=config.lr), clip_norm=config.clip_norm,
        record_dh=True, seed=config.seed,
    )  # fmt: skip
    runs = [(cell, memory_model_config(config, cell), tc, train_data, val) for cell in model.CELLS]
    return train_all(runs, progress)


def memory_spec(config: MemoryConfig) -> RunSpec:
    """The memory task as a run: three trainings of ``config.steps`` steps each."""
    return RunSpec("gradients.memory", config, partial(memory_runs, config), 3 * config.steps)


@dataclass(frozen=True)
class ExplodingConfig:
    """A ReLU RNN with a large recurrent scale on the memory task, trained by plain SGD (its step
    is lr times the gradient, so an exploded gradient becomes an exploded update), once without
    and once with clipping."""

    recurrent_scale: float = 2.0
    lr: float = 0.1
    clip_norm: float = 1.0
    steps: int = 100
    lag: int = 30
    activation: str = "relu"
    hidden_size: int = 16
    batch_size: int = 32
    n_train: int = 400
    seed: int = 0

    def __post_init__(self) -> None:
        if not (self.clip_norm > 0 and self.lr > 0):
            raise ValueError("clip_norm and lr must be positive")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")


EXPLODING_RUNS = ("unclipped", "clipped")
CLIPPING_DEMO = ExplodingConfig(recurrent_scale=2.0, lr=0.1, clip_norm=1.0, steps=100)


def exploding_runs(
    config: ExplodingConfig, progress: Progress | None = None
) -> dict[str, TrainOutcome]:
    """The same ReLU RNN from the same weights, without and with clipping: {run: TrainOutcome}
    for run in EXPLODING_RUNS."""
    data = make_first_symbol_dataset(
        config.n_train, config.lag, N_SYMBOLS, seed=config.seed, dtype=np.float32
    )
    cfg = model.ModelConfig(
        2 * N_SYMBOLS, config.hidden_size, N_SYMBOLS, cell="rnn", activation=config.activation,
        recurrent_scale=config.recurrent_scale, dtype="float32",
    )  # fmt: skip
    runs = []
    for name, clip in zip(EXPLODING_RUNS, (None, config.clip_norm), strict=True):
        tc = TrainConfig(
            steps=config.steps, batch_size=config.batch_size, clip_norm=clip, seed=config.seed,
            optimizer=optim.OptimizerConfig("sgd", lr=config.lr),
        )  # fmt: skip
        runs.append((name, cfg, tc, data, None))
    return train_all(runs, progress)


def exploding_spec(config: ExplodingConfig) -> RunSpec:
    """The exploding run as a run: two trainings of ``config.steps`` steps each."""
    return RunSpec("gradients.exploding", config, partial(exploding_runs, config), 2 * config.steps)


def shared_runs() -> list[RunSpec]:
    """The runs every student sees first: the default memory task and exploding run, and the
    clipping demo's run (computed once, before the server starts)."""
    specs = [memory_spec(MemoryConfig()), exploding_spec(ExplodingConfig())]
    specs.append(exploding_spec(CLIPPING_DEMO))
    return list(dict.fromkeys(specs))  # a demo equal to the default is listed once


CHANCE_PERCENT = 100 / N_SYMBOLS


def accuracy_curves(runs: dict[str, TrainOutcome]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{cell: ((E,) evaluated steps, (E,) held-out accuracy in %)}."""
    return {
        cell: (np.asarray(out.history.val_step, int), 100 * np.asarray(out.history.val_accuracy))
        for cell, out in runs.items()
    }


def final_accuracy(outcome: TrainOutcome) -> float:
    """The last held-out accuracy in %, NaN when the run stopped before its first evaluation."""
    acc = outcome.history.val_accuracy
    return 100 * float(acc[-1]) if acc else float("nan")


def recorded_steps(runs: dict[str, TrainOutcome]) -> int:
    """How many training steps recorded dL/dh_t in the longest of ``runs`` (a diverged run
    stops recording where it stopped): the range of the page's training-step slider."""
    return max((len(out.history.dh_norms) for out in runs.values()), default=0)


def heatmap_row(dh_norms: list[np.ndarray], step: int, max_rows: int = 60) -> int | None:
    """The row of ``training_heatmap(dh_norms, max_rows)`` nearest to training ``step``
    (1-based): where the heatmap marks the step shown. None when nothing was recorded."""
    steps = training_heatmap(dh_norms, max_rows)[1]
    if not steps.size:
        return None
    return int(np.argmin(np.abs(steps - step)))


@dataclass(frozen=True)
class StepView:
    """What one network measured at one training step (1-based), from its recorded history."""

    step: int
    loss: float  # the mini-batch loss before this step's update
    dh: np.ndarray  # (T,) ||dL/dh_t|| of this step's backward pass
    reach: float  # ||dL/dh_0|| / ||dL/dh_{T-1}||


def step_view(outcome: TrainOutcome, step: int) -> StepView | None:
    """The numbers ``outcome`` recorded at training ``step``; None past the step it reached."""
    history = outcome.history
    if not 1 <= step <= len(history.dh_norms):
        return None
    dh = np.asarray(history.dh_norms[step - 1], float)
    return StepView(step, float(history.loss[step - 1]), dh, float(reach(dh)))


def reach_curves(runs: dict[str, TrainOutcome]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{cell: ((S,) training steps, (S,) ``reach`` at each)} for the runs that recorded dh."""
    return {
        cell: (np.arange(1, len(out.history.dh_norms) + 1), reach(np.asarray(out.history.dh_norms)))
        for cell, out in runs.items()
        if out.history.dh_norms
    }


def median_reach(outcome: TrainOutcome) -> float:
    """``reach`` at the median training step of a run that recorded dL/dh_t (NaN otherwise)."""
    if not outcome.history.dh_norms:
        return float("nan")
    return float(np.median(reach(np.asarray(outcome.history.dh_norms))))


def log_domain(grids: list[np.ndarray], floor: float = FLOOR) -> tuple[float, float] | None:
    """(min, max) of the finite positive values of all ``grids``, raised to ``floor``: one
    colour scale for several heatmaps. None when there is no such value."""
    values = np.concatenate([np.ravel(g) for g in grids]) if grids else np.zeros(0)
    shown = values[np.isfinite(values) & (values > 0)]
    if not shown.size:
        return None
    return max(float(shown.min()), floor), max(float(shown.max()), floor)


def run_curves(
    runs: dict[str, TrainOutcome], field: str
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{run: ((S,) steps, (S,) the history's ``field``, "loss" or "grad_norm")}."""
    return {
        name: (np.asarray(out.history.step, int), np.asarray(getattr(out.history, field), float))
        for name, out in runs.items()
    }


@dataclass(frozen=True)
class ExplodingSummary:
    story: str  # "exploded" | "no_explosion" | "both_diverged" | "clipped_diverged"
    max_norm: float  # the largest ||g|| among the runs that finished (NaN if none did)
    clipped_percent: float  # share of the clipped run's steps on which clipping acted
    diverged: Divergence | None  # of the unclipped run


def summarize_exploding(runs: dict[str, TrainOutcome]) -> ExplodingSummary:
    """What the exploding run's "what to notice" tells, from the two outcomes."""
    unclipped, clipped = runs["unclipped"], runs["clipped"]
    finished = [out for out in (unclipped, clipped) if not out.diverged]
    norms = [n for out in finished for n in out.history.grad_norm]
    if unclipped.diverged and clipped.diverged:
        story = "both_diverged"
    elif clipped.diverged:
        story = "clipped_diverged"
    elif unclipped.diverged:
        story = "exploded"
    else:
        story = "no_explosion"
    share = clipped.history.clipped
    return ExplodingSummary(
        story,
        max(norms) if norms else float("nan"),
        100 * float(np.mean(share)) if share else float("nan"),
        unclipped.diverged,
    )
