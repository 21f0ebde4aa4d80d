"""The LSTM race: SGD, momentum, Adam and Adam without bias correction train one small LSTM.

The task is the first-symbol memory task (``lstm_viz.data.memory``): the label is the first
symbol, followed by ``lag`` noise symbols. All four runs start from one LSTM init and see one
batch order (same seed), via ``lstm_viz.nn.train.train``. The whole race is one shared run,
``race_spec(config)`` ("adam.race"), whose record is a ``Race``. Facts tests/test_adam_race.py pins:

- The four runs share the first loss (same init, same first batch).
- The first update without correction is r(1) = (1 - beta1) / sqrt(1 - beta2) times the
  corrected one (3.16 for (0.9, 0.999), 1.00 for (0.9, 0.99)), up to eps on tiny gradients.
- With (0.9, 0.999) the uncorrected run's loss drops sooner over the first ZOOM_STEPS steps;
  by the default 150 steps both Adams learn the task (validation accuracy above 95 %).
- A run that diverges (NaN or inf) keeps its history and its ``Divergence`` (step, what).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.data.base import SequenceData
from lstm_viz.data.memory import first_symbol_alphabet, make_first_symbol_dataset
from lstm_viz.labs.adam import RUNS
from lstm_viz.labs.adam.surfaces import run_configs
from lstm_viz.nn.model import ModelConfig, init_model
from lstm_viz.nn.train import Divergence, StepReport, TrainConfig, train
from lstm_viz.runs import Progress, RunSpec

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
    lr: float
    loss: list[float]  # training loss per step (mini-batch); fewer than steps if it diverged
    accuracy: list[float]
    val_loss: float | None  # after the last step (None if it diverged)
    val_accuracy: float | None
    first_update: float  # ||theta_1 - theta_0|| over all LSTM parameters (NaN: step 1 diverged)
    diverged: Divergence | None = None


@dataclass
class Race:
    """The record of one race: its settings and one ``RaceRun`` per optimizer, in ``RUNS`` order."""

    config: RaceConfig
    runs: dict[str, RaceRun]


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


def race_lrs(config: RaceConfig) -> dict[str, float]:
    """Each run's learning rate (both Adams share one)."""
    adam = config.adam_lr
    return {
        "sgd": config.sgd_lr,
        "momentum": config.momentum_lr,
        "adam": adam,
        "adam_uncorrected": adam,
    }


def race_configs(config: RaceConfig) -> dict[str, TrainConfig]:
    """One TrainConfig per optimizer, identical but for the optimizer: same init, same batches."""
    opts = run_configs(race_lrs(config), config.momentum, config.beta1, config.beta2, config.eps)
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


def first_update(model: ModelConfig, tc: TrainConfig, data: SequenceData) -> float:
    """||theta_1 - theta_0|| over all parameters after one update (NaN if it diverged)."""
    one = TrainConfig(steps=1, batch_size=tc.batch_size, optimizer=tc.optimizer, seed=tc.seed)
    start = init_model(model, tc.seed)  # the init train() starts from
    outcome = train(model, one, data)
    if outcome.diverged is not None:
        return float("nan")
    end = outcome.params
    return float(np.sqrt(sum(np.sum((end[k] - start[k]) ** 2.0) for k in start)))


def run_race(config: RaceConfig, progress: Progress | None = None) -> Race:
    """Train the four runs in turn. ``progress(step, loss, accuracy)`` sees every update, its
    step counted over the whole race (1 .. 4 x steps, the runs in ``RUNS`` order)."""
    model = race_model(config)
    data, val = race_data(config)
    lrs = race_lrs(config)
    runs = {}
    for index, (name, tc) in enumerate(race_configs(config).items()):
        done = index * config.steps

        def report(r: StepReport, done: int = done) -> None:
            if progress is not None:
                progress(done + r.step, r.loss, r.accuracy)

        outcome = train(model, tc, data, val, callback=report)
        h = outcome.history
        val_loss, val_acc = (h.val_loss[-1], h.val_accuracy[-1]) if h.val_loss else (None, None)
        norm = first_update(model, tc, data)
        runs[name] = RaceRun(
            name, lrs[name], h.loss, h.accuracy, val_loss, val_acc, norm, outcome.diverged
        )
    return Race(config, runs)


def race_spec(config: RaceConfig) -> RunSpec:
    """The race as a shared run: its disk key is the settings, its bar counts 4 x steps."""
    return RunSpec(
        "adam.race", config, lambda progress: run_race(config, progress), len(RUNS) * config.steps
    )


@dataclass(frozen=True)
class RaceRow:
    lr: float
    first_update: float  # ||theta_1 - theta_0||
    last_loss: float | None  # mean training loss over the last 10 steps (None: no steps)
    val_accuracy: float | None


def race_table(race: Race) -> dict[str, RaceRow]:
    """One row per optimizer, for the page's table."""
    return {
        name: RaceRow(
            run.lr,
            run.first_update,
            float(np.mean(run.loss[-10:])) if run.loss else None,
            run.val_accuracy,
        )
        for name, run in race.runs.items()
    }


NO_NUMBER = "—"  # a table cell of a run that diverged before it had that number


def race_table_text(rows: dict[str, RaceRow]) -> dict[str, list[str]]:
    """The table as the page prints it, one list per column ("lr", "first", "loss",
    "accuracy" in %), one entry per row; ``NO_NUMBER`` where a run has no number."""
    rows = list(rows.values())
    return {
        "lr": [f"{r.lr:g}" for r in rows],
        "first": [NO_NUMBER if np.isnan(r.first_update) else f"{r.first_update:.4g}" for r in rows],
        "loss": [NO_NUMBER if r.last_loss is None else f"{r.last_loss:.4g}" for r in rows],
        "accuracy": [
            NO_NUMBER if r.val_accuracy is None else f"{100 * r.val_accuracy:.1f}" for r in rows
        ],
    }


@dataclass(frozen=True)
class RaceFacts:
    """The numbers the race's sentences quote (``lstm_viz.labs.adam.text.race_notices``)."""

    first_loss: float | None  # the loss before any update, if all four runs share it
    update_ratio: float | None  # uncorrected over corrected first update (None: not measurable)
    early_adam: float | None  # mean loss over steps 2 .. zoom (None: a run stopped before)
    early_uncorrected: float | None
    zoom: int


def race_facts(race: Race) -> RaceFacts:
    runs = race.runs
    first = {run.loss[0] for run in runs.values() if run.loss}
    shared = first.pop() if len(first) == 1 and all(run.loss for run in runs.values()) else None
    a, u = runs["adam"].first_update, runs["adam_uncorrected"].first_update
    ratio = u / a if a > 0 and np.isfinite(a) and np.isfinite(u) else None
    zoom = min(ZOOM_STEPS, race.config.steps)
    early = {n: runs[n].loss[1:zoom] for n in ("adam", "adam_uncorrected")}
    full = all(len(runs[n].loss) >= zoom for n in early) and zoom >= 2
    means = {n: float(np.mean(early[n])) if full else None for n in early}
    return RaceFacts(shared, ratio, means["adam"], means["adam_uncorrected"], zoom)
