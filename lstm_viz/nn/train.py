"""The training loop behind every page: mini-batches, a loss, BPTT, clipping, an optimizer.

``train_steps`` is a generator: it yields a ``StepReport`` after every update, so a page can draw
a progress bar and a live loss curve while the core knows nothing of Streamlit; ``train`` runs
it to the end (with an optional callback) and returns a ``TrainOutcome``. For a given seed the
whole run is deterministic: batches come from ``np.random.default_rng(seed)``.

Every training ends in one record, ``TrainOutcome``: the parameters, the history, and
``diverged``, a ``Divergence`` (the step and what became NaN or infinite: the loss or the gradient
norm) or None. A diverged run stops there, keeps its history and the last finite parameters, and
raises nothing: the page words the sentence from the record's numbers, in its language.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from lstm_viz.data.base import SequenceData
from lstm_viz.nn import heads, optim
from lstm_viz.nn.model import ModelConfig, forward, init_model, loss_and_grads

R = TypeVar("R")  # what a generator reports at each step
T = TypeVar("T")  # what it returns at the end


@dataclass(frozen=True)
class TrainConfig:
    steps: int = 200  # parameter updates
    batch_size: int = 10
    optimizer: optim.OptimizerConfig = optim.OptimizerConfig()
    clip_norm: float | None = None  # clip the global gradient norm to this (None: never)
    eval_every: int = 20  # steps between validation passes (and the last step)
    record_dh: bool = False  # keep ||dL/dh_t|| per time step at every update (gradients page)
    seed: int = 0


@dataclass(frozen=True)
class StepReport:
    step: int  # 1-based
    steps: int  # total planned
    loss: float
    accuracy: float  # on this mini-batch
    grad_norm: float  # global gradient norm before clipping
    clipped: bool
    val_loss: float | None = None  # set on evaluation steps
    val_accuracy: float | None = None
    # The parameters after this update (no copy: every optimizer step makes new arrays), so a
    # callback can keep snapshots of a training to scrub through.
    params: dict[str, np.ndarray] | None = field(default=None, repr=False, compare=False)


@dataclass
class TrainHistory:
    """Everything the loop measured, step by step (lists of plain floats; arrays on demand)."""

    step: list[int] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    grad_norm: list[float] = field(default_factory=list)
    clipped: list[bool] = field(default_factory=list)
    val_step: list[int] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    dh_norms: list[np.ndarray] = field(default_factory=list)  # (T,) per step when record_dh

    def add(self, report: StepReport) -> None:
        self.step.append(report.step)
        self.loss.append(report.loss)
        self.accuracy.append(report.accuracy)
        self.grad_norm.append(report.grad_norm)
        self.clipped.append(report.clipped)
        if report.val_loss is not None:
            self.val_step.append(report.step)
            self.val_loss.append(report.val_loss)
            self.val_accuracy.append(report.val_accuracy)


DIVERGED_WHAT = ("loss", "grad_norm")  # what can become NaN or infinite, in the order checked


@dataclass(frozen=True)
class Divergence:
    """Training stopped at ``step``: its loss or its gradient norm was NaN or infinite."""

    step: int  # 1-based: the update that was not made
    what: str  # one of DIVERGED_WHAT


@dataclass
class TrainOutcome:
    """How a training ended, for every page: ``params`` are the last finite ones."""

    params: dict[str, np.ndarray]
    history: TrainHistory
    diverged: Divergence | None = None


def evaluate(
    config: ModelConfig, params: dict[str, np.ndarray], data: SequenceData, batch: int = 256
) -> tuple[float, float]:
    """Mean loss and accuracy over a whole data set, in batches."""
    losses, accs, sizes = [], [], []
    for start in range(0, len(data), batch):
        part = data.subset(np.arange(start, min(start + batch, len(data))))
        logits = forward(config, params, part.x, part.lengths).logits
        losses.append(heads.loss_and_grad(config.loss, logits, part.y)[0])
        accs.append(heads.accuracy(config.loss, logits, part.y))
        sizes.append(len(part))
    w = np.asarray(sizes, float)
    return float(np.dot(losses, w) / w.sum()), float(np.dot(accs, w) / w.sum())


def train_steps(
    config: ModelConfig,
    train_config: TrainConfig,
    data: SequenceData,
    val: SequenceData | None = None,
    params: dict[str, np.ndarray] | None = None,
    history: TrainHistory | None = None,
) -> Iterator[StepReport]:
    """Yield one ``StepReport`` per update; the generator's return value (``StopIteration.value``)
    is the ``TrainOutcome``. Starts from ``params`` if given, else from ``init_model(seed)``."""
    if len(data) == 0:
        raise ValueError("the training set is empty")
    rng = np.random.default_rng(train_config.seed)
    params = init_model(config, train_config.seed) if params is None else dict(params)
    dtype = np.dtype(config.dtype)
    history = TrainHistory() if history is None else history
    opt = train_config.optimizer
    state = optim.init_state(opt, params)
    B = min(train_config.batch_size, len(data))
    order = rng.permutation(len(data))
    cursor = 0
    for step in range(1, train_config.steps + 1):
        if cursor + B > len(order):  # a new epoch: reshuffle
            order, cursor = rng.permutation(len(data)), 0
        idx = order[cursor : cursor + B]
        cursor += B
        x = np.asarray(data.x[idx], dtype)
        with np.errstate(over="ignore", invalid="ignore"):  # non-finite values are reported below
            loss, grads, out, layer = loss_and_grads(
                config, params, x, data.lengths[idx], data.y[idx]
            )
            grads, norm = optim.clip_by_global_norm(grads, train_config.clip_norm)
        if not np.isfinite(loss):
            return TrainOutcome(params, history, Divergence(step, "loss"))
        if not np.isfinite(norm):
            return TrainOutcome(params, history, Divergence(step, "grad_norm"))
        if train_config.record_dh:
            dh = layer.dh.astype(np.float64)  # float64: float32 squares overflow near 1.8e19
            history.dh_norms.append(np.linalg.norm(dh, axis=2).mean(axis=0))  # (T,)
        params, state, _ = optim.step(opt, params, grads, state)
        val_loss = val_acc = None
        if val is not None and (step % train_config.eval_every == 0 or step == train_config.steps):
            val_loss, val_acc = evaluate(config, params, val)
        clipped = train_config.clip_norm is not None and norm > train_config.clip_norm
        acc = heads.accuracy(config.loss, out.logits, data.y[idx])
        report = StepReport(
            step, train_config.steps, loss, acc, norm, clipped, val_loss, val_acc, params
        )
        history.add(report)
        yield report
    return TrainOutcome(params, history)


def drain(steps: Generator[R, None, T], callback: Callable[[R], None] | None = None) -> T:
    """Run a generator of reports to its end and return its return value; ``callback`` sees
    every report (a page's progress bar). Every training generator here ends this way."""
    while True:
        try:
            report = next(steps)
        except StopIteration as stop:
            return stop.value
        if callback is not None:
            callback(report)


def train(
    config: ModelConfig,
    train_config: TrainConfig,
    data: SequenceData,
    val: SequenceData | None = None,
    params: dict[str, np.ndarray] | None = None,
    callback: Callable[[StepReport], None] | None = None,
) -> TrainOutcome:
    """Run ``train_steps`` to the end; ``callback`` sees every report."""
    return drain(train_steps(config, train_config, data, val, params), callback)
