"""The LSTM race: SGD, momentum, Adam and Adam without bias correction train one small LSTM.

The task is the first-symbol memory task (``lstm_viz.data.memory``): the label is the first
symbol, followed by ``lag`` noise symbols. All four runs start from one LSTM init and see one
batch order (same seed), via ``lstm_viz.nn.train``. Facts tests/test_adam_race.py pins:

- The four runs share the first loss (same init, same first batch).
- The first update without correction is r(1) = (1 - beta1) / sqrt(1 - beta2) times the
  corrected one (3.16 for (0.9, 0.999), 1.00 for (0.9, 0.99)), up to eps on tiny gradients.
- With (0.9, 0.999) the uncorrected run's loss drops sooner over the first ZOOM_STEPS steps;
  by the default 150 steps both Adams learn the task (validation accuracy above 95 %).
- A run that diverges (NaN or inf) keeps its history and TrainingDiverged's sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from lstm_viz.data.base import SequenceData
from lstm_viz.data.memory import first_symbol_alphabet, make_first_symbol_dataset
from lstm_viz.labs.adam import RUNS, Notice
from lstm_viz.labs.adam.moments import ratio_peak, step_ratio
from lstm_viz.labs.adam.surfaces import run_configs
from lstm_viz.nn.model import ModelConfig, init_model
from lstm_viz.nn.train import (
    StepReport,
    TrainConfig,
    TrainingDiverged,
    TrainResult,
    train,
    train_steps,
)

ZOOM_STEPS = 20  # the race's first steps, where uncorrected Adam's larger steps show


@dataclass(frozen=True)
class RaceConfig:
    lag: int = 10  # noise steps after the first symbol (sequence length lag + 1)
    n_symbols: int = 4
    hidden: int = 16
    steps: int = 150
    batch_size: int = 32
    n_train: int = 512
    n_val: int = 256
    sgd_lr: float = 0.5
    momentum_lr: float = 0.05  # with momentum 0.9 its long-run step is 10x this: like SGD's 0.5
    adam_lr: float = 0.01
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    seed: int = 0


@dataclass
class RaceRun:
    name: str  # one of lstm_viz.labs.adam.RUNS
    loss: list[float]  # training loss per step (mini-batch)
    accuracy: list[float]
    val_loss: float | None  # after the last step (None if it diverged)
    val_accuracy: float | None
    diverged: str | None = None  # TrainingDiverged's sentence, when it happened
    diverged_at: int | None = None
    diverged_what: str | None = None  # "loss" or "gradient norm"


def race_data(config: RaceConfig) -> tuple[SequenceData, SequenceData]:
    """Training and validation sets of the first-symbol task (float32), from one seed."""
    full = make_first_symbol_dataset(
        config.n_train + config.n_val,
        config.lag,
        config.n_symbols,
        seed=config.seed,
        dtype=np.float32,
    )
    idx = np.arange(len(full))
    return full.subset(idx[: config.n_train]), full.subset(idx[config.n_train :])


def race_model(config: RaceConfig) -> ModelConfig:
    d = len(first_symbol_alphabet(config.n_symbols))
    return ModelConfig(d, config.hidden, config.n_symbols, dtype="float32")


def race_configs(config: RaceConfig) -> dict[str, TrainConfig]:
    """One TrainConfig per optimizer, identical but for the optimizer: same init, same batches."""
    lrs = {"sgd": config.sgd_lr, "momentum": config.momentum_lr, "adam": config.adam_lr}
    opts = run_configs(lrs, config.momentum, config.beta1, config.beta2, config.eps)
    return {
        name: TrainConfig(
            steps=config.steps,
            batch_size=config.batch_size,
            optimizer=opt,
            eval_every=config.steps,
            seed=config.seed,
        )
        for name, opt in opts.items()
    }


def race_steps(config: RaceConfig) -> Iterator[tuple[str, StepReport]]:
    """Train the four runs in turn, yielding (run name, report) after every update; the
    generator's return value is {name: RaceRun}. A run that diverges keeps its history so far."""
    model = race_model(config)
    data, val = race_data(config)
    runs = {}
    for name, tc in race_configs(config).items():
        try:
            result: TrainResult = yield from _named(name, train_steps(model, tc, data, val))
        except TrainingDiverged as err:
            h = err.history
            runs[name] = RaceRun(name, h.loss, h.accuracy, None, None, str(err), err.step, err.what)
            continue
        h = result.history
        val_loss, val_acc = (h.val_loss[-1], h.val_accuracy[-1]) if h.val_loss else (None, None)
        runs[name] = RaceRun(name, h.loss, h.accuracy, val_loss, val_acc)
    return runs


def _named(name: str, reports: Iterator[StepReport]) -> Iterator[tuple[str, StepReport]]:
    """Tag each report with its run's name; return what the wrapped generator returns."""
    while True:
        try:
            report = next(reports)
        except StopIteration as stop:
            return stop.value
        yield name, report


def run_race(
    config: RaceConfig, callback: Callable[[str, StepReport], None] | None = None
) -> dict[str, RaceRun]:
    """``race_steps`` to the end; ``callback(name, report)`` sees every update."""
    gen = race_steps(config)
    while True:
        try:
            name, report = next(gen)
        except StopIteration as stop:
            return stop.value
        if callback is not None:
            callback(name, report)


def first_update_norms(config: RaceConfig) -> dict[str, float]:
    """||theta_1 - theta_0|| over all LSTM parameters, after each optimizer's first update."""
    model = race_model(config)
    data, _ = race_data(config)
    norms = {}
    for name, tc in race_configs(config).items():
        one = TrainConfig(steps=1, batch_size=tc.batch_size, optimizer=tc.optimizer, seed=tc.seed)
        start = init_model(model, tc.seed)  # the init train() starts from
        try:
            end = train(model, one, data).params
        except TrainingDiverged:
            norms[name] = float("nan")
            continue
        norms[name] = float(np.sqrt(sum(np.sum((end[k] - start[k]) ** 2.0) for k in start)))
    return norms


@dataclass(frozen=True)
class RaceRow:
    lr: float
    first_update: float  # ||theta_1 - theta_0||
    last_loss: float | None  # mean training loss over the last 10 steps (None: no steps)
    val_accuracy: float | None


def race_table(config: RaceConfig, runs: dict[str, RaceRun], norms: dict[str, float]):
    """One row per optimizer, for the page's table."""
    lrs = {"sgd": config.sgd_lr, "momentum": config.momentum_lr, "adam": config.adam_lr}
    lrs["adam_uncorrected"] = config.adam_lr
    return {
        name: RaceRow(
            lrs[name],
            norms[name],
            float(np.mean(run.loss[-10:])) if run.loss else None,
            run.val_accuracy,
        )
        for name, run in runs.items()
    }


NO_NUMBER = "—"  # a table cell of a run that diverged before it had that number


def race_table_text(rows: dict[str, RaceRow]) -> dict[str, list[str]]:
    """The table as the page prints it, one list per column ("lr", "first", "loss",
    "accuracy" in %), one entry per row; ``NO_NUMBER`` where a run has no number."""
    rows = list(rows.values())
    return {
        "lr": [f"{r.lr:g}" for r in rows],
        "first": [f"{r.first_update:.4g}" for r in rows],
        "loss": [NO_NUMBER if r.last_loss is None else f"{r.last_loss:.4g}" for r in rows],
        "accuracy": [
            NO_NUMBER if r.val_accuracy is None else f"{100 * r.val_accuracy:.1f}" for r in rows
        ],
    }


def race_progress(config: RaceConfig, name: str, step: int) -> float:
    """The fraction of the whole race done once run ``name`` has made ``step`` updates (the runs
    train one after another, in ``RUNS`` order)."""
    return (RUNS.index(name) * config.steps + step) / (len(RUNS) * config.steps)


def race_notices(
    config: RaceConfig, runs: dict[str, RaceRun], norms: dict[str, float]
) -> list[Notice]:
    """Section 3's sentences: one start for all four, then how the first updates compare."""
    notices = []
    first = {run.loss[0] for run in runs.values() if run.loss}
    if len(first) == 1 and all(run.loss for run in runs.values()):
        notices.append(("race_start", {"loss": f"{first.pop():.4f}"}))
    if not (norms["adam"] > 0 and np.isfinite(norms["adam_uncorrected"])):
        return notices
    ratio = f"{norms['adam_uncorrected'] / norms['adam']:.2f}"
    if (config.beta1, config.beta2) == (0.9, 0.99):
        t_peak, r_peak = ratio_peak(config.beta1, config.beta2)
        notices.append(
            ("race_equal", {"ratio": ratio, "peak": f"{r_peak:.3g}", "tpeak": str(t_peak)})
        )
    elif step_ratio(config.beta1, config.beta2, 1) > 1:
        # Claim "drops sooner" only when the zoomed window shows it (mean loss after step 1).
        early = {n: runs[n].loss[1:ZOOM_STEPS] for n in ("adam", "adam_uncorrected")}
        sooner = all(early.values()) and np.mean(early["adam_uncorrected"]) < np.mean(early["adam"])
        notices.append(("race_first_sooner" if sooner else "race_first", {"ratio": ratio}))
    return notices
