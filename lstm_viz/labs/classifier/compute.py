"""The textbook's sound experiment (chapter 11): RNN vs LSTM vs LSTM with state output (and GRU),
10 ms vs 100 ms windows, on synthetic urban sounds, each clip read as a sequence of FFT frames.

One run trains one model on one window's data set and scores it on held-out clips:

    x_i  = features_for_clip(clip_i)            (T_i, 100)   textbook FFT bands, 10 ms hop
    out  = layer(x_i)[T_i - 1]                  (H,)          h_T, or c_T for "lstm_state"
    p    = softmax(out W + b)                   (10,)         one probability per class
    acc  = mean_i [argmax p_i == y_i]           over the validation clips, never trained on

The table runs every model on every window (8 trainings) and compares with the textbook's
numbers (``TEXTBOOK_ACCURACY``, measured there on UrbanSound8K recordings after 100 epochs of
387-1569 s each; ours are synthetic clips and a few hundred Adam steps): ``compare_with_textbook``
turns both tables into the same yes/no statements, so the page says where they agree and where
they differ from the numbers alone.

One training is one run (``train_spec``: a ``lstm_viz.runs.RunSpec`` named "classifier.train"),
so the table reuses a run already trained, and the default run and every preset's runs
(``shared_runs``) are computed once and shared. A run's record (``SoundRun``) holds numbers only:
a diverged training keeps its ``Divergence`` (step, what), and the page words it. For a config
the module is deterministic; its one memory is the last two data sets (``load_dataset``).
"""

from __future__ import annotations

import functools
import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lstm_viz.audio import SAMPLE_RATE, urban
from lstm_viz.audio import urbansound8k as us8k
from lstm_viz.audio.dataset import (
    FeatureStats,
    SoundDataset,
    SoundDatasetConfig,
    build_sound_dataset,
    features_for_clip,
)
from lstm_viz.audio.io import decode_audio
from lstm_viz.nn import model, optim, train
from lstm_viz.runs import Progress, RunSpec

MODEL_KINDS = ("rnn", "lstm", "lstm_state", "gru")  # "lstm_state": the layer emits c_t, not h_t
TEXTBOOK_KINDS = ("rnn", "lstm", "lstm_state")  # the textbook trained no GRU
WINDOWS_MS = (10.0, 100.0)
N_CLASSES = len(urban.CLASSES)
CHANCE = 1.0 / N_CLASSES  # ten balanced classes
GUESS_LOSS = float(np.log(N_CLASSES))  # cross-entropy of p = 1/10 for every class: ln 10 = 2.30
TEXTBOOK_ACCURACY = {  # (window ms, model) -> test accuracy, the textbook's table
    (10.0, "rnn"): 0.374,
    (10.0, "lstm"): 0.486,
    (10.0, "lstm_state"): 0.577,
    (100.0, "rnn"): 0.590,
    (100.0, "lstm"): 0.722,
    (100.0, "lstm_state"): 0.758,
}
TEXTBOOK_HIDDEN = 20
TEXTBOOK_EPOCHS = 100


@dataclass(frozen=True)
class SoundLabConfig:
    """Everything one table depends on (the cache key of a page)."""

    n_per_class: int = 80  # clips per class; 20 % of each class held out for scoring
    max_seconds: float = 4.0  # clips are cut here (synthetic ones last 1-4 s): T <= 400 frames
    hidden_size: int = TEXTBOOK_HIDDEN
    steps: int = 400  # Adam updates per model: 8,000 clips seen, 12.5 passes over 640
    batch_size: int = 20
    lr: float = 0.01
    clip_norm: float | None = 5.0  # global gradient-norm clipping, as a guard against spikes
    hop_ms: float = 10.0  # the textbook's "interval"
    seed: int = 0  # clips, split, initial weights and batch order all follow from it
    # "" trains on the synthetic clips; a folder in UrbanSound8K's layout trains on its
    # recordings (folds 1-9 train, fold 10 scores; at most n_per_class clips per class and split)
    data_root: str = ""

    def __post_init__(self) -> None:
        if self.steps < 1 or self.batch_size < 1 or self.hidden_size < 1:
            raise ValueError("steps, batch_size and hidden_size must be positive")

    def dataset_config(self, window_ms: float) -> SoundDatasetConfig:
        return SoundDatasetConfig(
            n_per_class=self.n_per_class,
            window_ms=float(window_ms),
            hop_ms=self.hop_ms,
            max_seconds=self.max_seconds,
            seed=self.seed,
        )

    @property
    def source(self) -> str:
        """ "synthetic" or "urbansound8k": which clips the runs train on."""
        return "urbansound8k" if self.data_root else "synthetic"

    def urbansound8k_config(self, window_ms: float) -> us8k.UrbanSound8KConfig:
        """What to load from ``data_root``: the synthetic set's features (window, hop, bands,
        cut at ``max_seconds``), the textbook split, ``n_per_class`` clips per class and split.
        The features' config leaves the clip count and seed at their defaults, so every clip
        count and seed share one feature cache."""
        features = SoundDatasetConfig(
            window_ms=float(window_ms), hop_ms=self.hop_ms, max_seconds=self.max_seconds
        )
        return us8k.UrbanSound8KConfig(self.data_root, features, max_per_class=self.n_per_class)

    def model_config(self, kind: str, n_bands: int = 100) -> model.ModelConfig:
        if kind not in MODEL_KINDS:
            raise ValueError(f"model must be one of {MODEL_KINDS}, got {kind!r}")
        cell = "lstm" if kind == "lstm_state" else kind
        return model.ModelConfig(
            n_bands,
            self.hidden_size,
            N_CLASSES,
            cell=cell,
            use_state=kind == "lstm_state",
            dtype="float32",  # about 2x faster than float64 here; accuracy is not at stake
        )

    def train_config(self) -> train.TrainConfig:
        return train.TrainConfig(
            steps=self.steps,
            batch_size=self.batch_size,
            optimizer=optim.OptimizerConfig("adam", lr=self.lr),
            clip_norm=self.clip_norm,
            eval_every=self.steps,  # one validation pass, at the end
            seed=self.seed,
        )


Cell = tuple[float, str]  # one trained (window ms, model kind) of the textbook's table
TABLE = SoundLabConfig()  # the textbook table's settings: 400 steps per model
# The page's first demo: one LSTM on the 100 ms window, the table's data, 150 steps (about 2.3 s
# of training on a quiet machine).
QUICK = SoundLabConfig(steps=150)
PRESETS: dict[str, tuple[SoundLabConfig, tuple[Cell, ...]]] = {  # name -> (settings, cells)
    "quick": (QUICK, ((100.0, "lstm"),)),
    "table": (TABLE, tuple((w, k) for w in WINDOWS_MS for k in MODEL_KINDS)),
    "rnn_lstm": (TABLE, ((10.0, "rnn"), (10.0, "lstm"))),
    "state": (TABLE, ((100.0, "lstm"), (100.0, "lstm_state"))),
}
DEFAULT_PRESET = "quick"  # what a first visit shows
# A link or a changed setting trains without a click only up to the default run's cost; a larger
# request (8 models of 1000 steps is 53 times that) waits for the Train button.
AUTO_BUDGET = 1.0  # in default runs (``cost``)


@dataclass(frozen=True)
class SoundRun:
    """One trained model on one window, scored on the held-out (validation) clips."""

    kind: str
    window_ms: float
    data_config: SoundDatasetConfig
    model_config: model.ModelConfig
    params: dict[str, np.ndarray]
    stats: FeatureStats  # the training frames' scaling, for clips a student uploads
    loss: np.ndarray  # (steps_done,) training loss per step
    y_true: np.ndarray  # (N_val,) int class of each held-out clip
    probs: np.ndarray  # (N_val, 10) predicted class probabilities (NaN if training diverged)
    clip_seeds: np.ndarray  # (N_val,) int64: urban.make_clip(y_true[i], clip_seeds[i]) replays it
    seconds: float  # wall time of the training
    diverged: train.Divergence | None = None  # where training stopped, if it blew up
    data_root: str = ""  # the UrbanSound8K folder it trained on ("" for the synthetic clips)
    clip_files: tuple[str, ...] = ()  # UrbanSound8K: each held-out clip's "fold10/<name>.wav"

    @property
    def predictions(self) -> np.ndarray:
        return self.probs.argmax(axis=1)  # (N_val,)

    @property
    def accuracy(self) -> float:
        """Held-out accuracy in [0, 1]; NaN when training diverged."""
        if self.diverged is not None:
            return float("nan")
        return float(np.mean(self.predictions == self.y_true))

    @property
    def standard_error(self) -> float:
        """One binomial standard error of ``accuracy`` over the held-out clips (NaN if diverged)."""
        return standard_error(self.accuracy, len(self.y_true))

    @property
    def p_predicted(self) -> np.ndarray:
        """(N_val,) the probability of each clip's predicted class: how sure the model was."""
        return self.probs[np.arange(len(self.y_true)), self.predictions]

    @property
    def p_true(self) -> np.ndarray:
        """(N_val,) the probability each clip's true class got."""
        return self.probs[np.arange(len(self.y_true)), self.y_true]

    @property
    def confusion(self) -> np.ndarray:
        return confusion_matrix(self.y_true, self.predictions, N_CLASSES)

    @property
    def final_loss(self) -> float:
        """Mean training loss over the last 20 steps (NaN if no step finished)."""
        return float(np.mean(self.loss[-20:])) if self.loss.size else float("nan")

    @property
    def worse_than_guessing(self) -> bool:
        """Training ended with a loss above ln 10, what always answering 1/10 per class scores:
        the updates were too large to settle (e.g. a learning rate of 1 or 10)."""
        return self.diverged is None and self.final_loss > GUESS_LOSS


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """(K, K) counts: row = true class, column = predicted class; row k sums to class k's count."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    counts = np.zeros((n_classes, n_classes), np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts


def row_rates(confusion: np.ndarray) -> np.ndarray:
    """Each row over its sum: the fraction of class k's clips given each label (empty rows: 0)."""
    totals = confusion.sum(axis=1, keepdims=True)
    return np.divide(confusion, totals, out=np.zeros(confusion.shape), where=totals > 0)


@dataclass(frozen=True)
class ConfusionHighlights:
    """What a confusion matrix says at a glance (class indices; rates are fractions of a row)."""

    best: int  # the class recognised most often (highest row rate on the diagonal)
    best_rate: float
    worst: int  # the class recognised least often
    worst_rate: float
    mistaken: int  # the true class of the largest off-diagonal cell ...
    mistaken_for: int  # ... and what it was taken for
    mistakes: int  # how many clips that cell counts (0: no mistakes at all)


def confusion_highlights(confusion: np.ndarray) -> ConfusionHighlights:
    """Best and worst recognised classes and the most frequent mistake (first one on ties).

    Classes without held-out clips are left out of best and worst."""
    rates = row_rates(confusion)
    present = confusion.sum(axis=1) > 0
    diagonal = np.where(present, np.diag(rates), np.nan)  # (K,)
    off = confusion - np.diag(np.diag(confusion))  # (K, K) mistakes only
    true, pred = np.unravel_index(int(off.argmax()), off.shape)
    best, worst = int(np.nanargmax(diagonal)), int(np.nanargmin(diagonal))
    return ConfusionHighlights(
        best,
        float(diagonal[best]),
        worst,
        float(diagonal[worst]),
        int(true),
        int(pred),
        int(off[true, pred]),
    )


def standard_error(accuracy: float, n: int) -> float:
    """Binomial standard error sqrt(p (1 - p) / n) of an accuracy measured on ``n`` clips: two
    models whose accuracies differ by less than about twice this may be equally good."""
    return float(np.sqrt(accuracy * (1 - accuracy) / n)) if n > 0 else float("nan")


def cost(config: SoundLabConfig, cells) -> float:
    """What training ``cells`` at ``config`` costs, in default runs (``QUICK``, one LSTM): steps,
    clips and hidden size scale it about linearly."""
    return (
        len(cells)
        * (config.steps / QUICK.steps)
        * (config.n_per_class / QUICK.n_per_class)
        * max(1.0, config.hidden_size / QUICK.hidden_size)
    )


_US8K_KEPT = 2  # UrbanSound8K data sets kept in memory, as ``_dataset`` keeps synthetic ones
_us8k_memory: dict[tuple, us8k.UrbanSound8KDataset] = {}  # (config, digest) -> data, oldest first
_us8k_lock = threading.Lock()


def _urbansound8k(
    config: us8k.UrbanSound8KConfig, digest: str, progress=None
) -> us8k.UrbanSound8KDataset:
    """As ``_dataset`` for a folder: the features job loads it (``progress`` per clip) and the
    trainings that follow find it here; ``digest`` (``us8k.folder_digest``) only keys the memory,
    so a changed folder loads again (its unchanged folds from the disk cache)."""
    key = (config, digest)
    with _us8k_lock:
        data = _us8k_memory.get(key)
    if data is None:
        data = us8k.load_urbansound8k(config, progress)
        with _us8k_lock:
            _us8k_memory[key] = data
            while len(_us8k_memory) > _US8K_KEPT:
                del _us8k_memory[next(iter(_us8k_memory))]
    elif progress is not None:
        progress(1, 1)
    return data


@functools.lru_cache(maxsize=2)
def _dataset(config: SoundDatasetConfig, cache_dir) -> SoundDataset:
    # Runs compute in the pool's threads, outside any Streamlit session, so the page's cache
    # cannot serve them: the last two data sets (about 125 MB each at 80 clips per class, read-only)
    # stay here, and a retrain with other steps, rate or size skips the 0.5-2 s disk read.
    return build_sound_dataset(config, cache_dir)


def load_dataset(
    config: SoundLabConfig, window_ms: float, cache_dir=None, digest: str = ""
) -> SoundDataset | us8k.UrbanSound8KDataset:
    """The window's data set: synthesised once, then read from the disk cache in ``cache_dir``
    (by default ``dataset.default_cache_dir()``); or, with a ``data_root``, the UrbanSound8K
    folder's clips (its features from the run cache; ``digest`` keys the memory)."""
    if config.data_root:
        return _urbansound8k(config.urbansound8k_config(window_ms), digest)
    return _dataset(config.dataset_config(window_ms), cache_dir)


def predict_probs(run_model: model.ModelConfig, params, x, lengths, batch: int = 128):
    """Class probabilities (N, 10) in batches (a whole validation set in one go is fine too)."""
    parts = [
        model.predict(run_model, params, x[s : s + batch], lengths[s : s + batch])
        for s in range(0, len(x), batch)
    ]
    return np.concatenate(parts).astype(np.float64)


def run_sound_model(
    config: SoundLabConfig,
    kind: str,
    window_ms: float,
    dataset: SoundDataset | None = None,
    progress: Progress | None = None,
    cache_dir=None,
    digest: str = "",
) -> SoundRun:
    """Train ``kind`` on the ``window_ms`` data set and score it on the held-out clips;
    ``progress(step, loss, accuracy)`` sees every step. A run whose loss or gradient becomes NaN
    or inf stops there: ``diverged`` holds where, and the probabilities are NaN."""
    if dataset is None:
        dataset = load_dataset(config, window_ms, cache_dir, digest)
    real = isinstance(dataset, us8k.UrbanSound8KDataset)
    wanted = config.urbansound8k_config(window_ms) if real else config.dataset_config(window_ms)
    if real != bool(config.data_root) or dataset.config != wanted:
        raise ValueError("the data set was built for other settings than this run's")
    features = dataset.config.features if real else dataset.config  # SoundDatasetConfig
    mcfg = config.model_config(kind, features.n_bands)
    val = dataset.validation

    def report(r: train.StepReport) -> None:
        if progress is not None:
            progress(r.step, r.loss, r.accuracy)

    start = time.perf_counter()
    outcome = train.train(mcfg, config.train_config(), dataset.train, callback=report)
    if outcome.diverged is None:
        probs = predict_probs(mcfg, outcome.params, val.x, val.lengths)
    else:
        probs = np.full((len(val), N_CLASSES), np.nan)
    return SoundRun(
        kind=kind,
        window_ms=float(window_ms),
        data_config=features,
        model_config=mcfg,
        params=outcome.params,
        stats=dataset.stats,
        loss=np.asarray(outcome.history.loss),
        y_true=np.asarray(val.y, np.int64),
        probs=probs,
        clip_seeds=np.asarray([] if real else dataset.validation_seeds, np.int64),
        seconds=time.perf_counter() - start,
        diverged=outcome.diverged,
        data_root=config.data_root,
        clip_files=tuple(val.texts) if real else (),
    )


@dataclass(frozen=True)
class TrainSettings:
    """One run's key: the page's settings and the (window, model) cell it trains."""

    config: SoundLabConfig
    window_ms: float
    kind: str
    data_digest: str = ""  # UrbanSound8K: ``us8k.folder_digest`` (a changed folder retrains)


def _compute(settings: TrainSettings, progress: Progress) -> SoundRun:
    return run_sound_model(
        settings.config,
        settings.kind,
        settings.window_ms,
        progress=progress,
        digest=settings.data_digest,
    )


def train_spec(config: SoundLabConfig, cell: Cell, data_digest: str = "") -> RunSpec:
    """The run that trains ``cell`` = (window ms, model kind) at ``config`` (on an UrbanSound8K
    folder, ``data_digest`` is its ``us8k.folder_digest``)."""
    settings = TrainSettings(config, float(cell[0]), cell[1], data_digest)
    return RunSpec(
        "classifier.train", settings, functools.partial(_compute, settings), config.steps
    )


def shared_runs() -> list[RunSpec]:
    """The default run and every preset's runs, once each (computed before the server starts)."""
    specs = [train_spec(config, cell) for config, cells in PRESETS.values() for cell in cells]
    return list(dict.fromkeys(specs))  # RunSpecs compare by (name, settings)


@dataclass(frozen=True)
class SoundTable:
    """What one view of the page shows: its settings and each trained cell's run (the record a
    student pins, and downloads as JSON)."""

    config: SoundLabConfig
    runs: dict[Cell, SoundRun]


# ---------------------------------------------------------------- UrbanSound8K's features


@dataclass(frozen=True)
class FeatureSettings:
    """The key of one window's UrbanSound8K features: what to load and the folder's state."""

    config: us8k.UrbanSound8KConfig
    data_digest: str  # ``us8k.folder_digest``


@dataclass(frozen=True)
class FeatureSummary:
    """What featurising an UrbanSound8K folder gave: the clip counts of each split (0 for a
    split left empty, then ``usable`` is False) and the rows skipped, by reason."""

    n_train: int
    n_validation: int
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count (us8k.SKIP_REASONS)

    @property
    def usable(self) -> bool:
        return self.n_train > 0 and self.n_validation > 0


def _featurise(settings: FeatureSettings, progress: Progress) -> FeatureSummary:
    def tick(done: int, total: int) -> None:
        progress(done, math.nan)  # no loss while featurising: the step is the clip

    try:
        data = _urbansound8k(settings.config, settings.data_digest, tick)
    except us8k.NoUsableClips as error:
        return FeatureSummary(error.n_train, error.n_validation)
    return FeatureSummary(len(data.train), len(data.validation), dict(data.skipped))


def features_spec(config: SoundLabConfig, window_ms: float, data_digest: str, n_clips: int):
    """The run that featurises ``config.data_root`` for ``window_ms``, reporting each of its
    ``n_clips`` clips as a step (the features go to the run cache, within its bound)."""
    settings = FeatureSettings(config.urbansound8k_config(window_ms), data_digest)
    return RunSpec(
        "classifier.urbansound8k", settings, functools.partial(_featurise, settings), n_clips
    )


def count_clips(config: SoundLabConfig) -> tuple[int, dict[str, int]]:
    """How many clips of ``config.data_root`` the runs read (both splits, after the per-class
    cap) and the metadata rows skipped by reason; raises ``us8k.MetadataNotFound`` or
    ``us8k.MetadataMalformed``. Cheap: reads the metadata and checks that files exist."""
    metadata = us8k.read_metadata(config.data_root)
    train_clips, val_clips = us8k.select_clips(metadata, config.urbansound8k_config(100.0))
    return len(train_clips) + len(val_clips), dict(metadata.skipped)


def replay_clip(run: SoundRun, index: int) -> np.ndarray:
    """The audio of held-out clip ``index``, cut as in training: re-synthesised from its seed,
    or decoded again from its UrbanSound8K file (``OSError`` or ``AudioError`` if it is gone)."""
    if run.data_root:
        path = Path(run.data_root) / "audio" / run.clip_files[index]
        audio = decode_audio(path.read_bytes()).samples  # (n,) mono at SAMPLE_RATE
    else:
        audio = urban.make_clip(int(run.y_true[index]), int(run.clip_seeds[index]))  # (n,)
    return audio[: int(run.data_config.max_seconds * SAMPLE_RATE)]


def classify_clip(run: SoundRun, samples: np.ndarray, sr: int = SAMPLE_RATE) -> np.ndarray:
    """Class probabilities (10,) for one clip (an upload, a recording), scaled with the run's
    training statistics so the model reads it as it read its training clips."""
    feats = features_for_clip(samples, sr, run.data_config, run.stats)  # (T, 100)
    lengths = np.array([feats.shape[0]])
    return predict_probs(run.model_config, run.params, feats[None], lengths)[0]


# ---------------------------------------------------------------- comparison with the textbook


@dataclass(frozen=True)
class Claim:
    """One statement checked on both tables: does it hold in the textbook, and in ours?

    ``cases`` is how many comparisons make up the statement (e.g. 3 models for "100 ms beats
    10 ms for every model") and ``ours_cases`` how many of them hold in our table.
    """

    key: str  # "window_helps" | "lstm_beats_rnn" | "state_beats_lstm" | "above_chance"
    textbook: bool
    ours: bool
    ours_cases: int
    cases: int

    @property
    def agrees(self) -> bool:
        return self.textbook == self.ours


@dataclass(frozen=True)
class Bar:
    """One bar of the comparison chart: a model's held-out accuracy on one window, ours or the
    textbook's."""

    kind: str
    source: str  # "ours" | "textbook"
    accuracy: float  # in [0, 1]
    standard_error: float | None  # ours only: the textbook gives none


def comparison_bars(runs: Mapping[tuple[float, str], SoundRun], window_ms: float) -> list[Bar]:
    """The bars of one window in table order (``MODEL_KINDS``), each model's own bar (trained and
    not diverged) before the textbook's (if the textbook trained that model)."""
    bars = []
    for kind in MODEL_KINDS:
        run = runs.get((float(window_ms), kind))
        if run is not None and np.isfinite(run.accuracy):
            bars.append(Bar(kind, "ours", run.accuracy, run.standard_error))
        book = TEXTBOOK_ACCURACY.get((float(window_ms), kind))
        if book is not None:
            bars.append(Bar(kind, "textbook", book, None))
    return bars


def _pairs(key: str, kinds, windows) -> list[tuple[tuple[float, str], tuple[float, str]]]:
    """(worse, better) cells that the statement ``key`` says are ordered better > worse."""
    if key == "window_helps":
        return [((10.0, k), (100.0, k)) for k in kinds]
    if key == "lstm_beats_rnn":
        return [((w, "rnn"), (w, "lstm")) for w in windows]
    if key == "state_beats_lstm":
        return [((w, "lstm"), (w, "lstm_state")) for w in windows]
    raise ValueError(key)


def compare_with_textbook(accuracy: dict[tuple[float, str], float]) -> tuple[Claim, ...]:
    """The textbook's three findings and "every model beats chance", checked on ``accuracy``.

    Only statements whose cells are all in ``accuracy`` are returned (a quick run of one model
    yields just "above_chance"). A NaN accuracy (a diverged run) never counts as better.
    """
    accuracy = {(float(w), k): a for (w, k), a in accuracy.items()}
    cells = [c for c in accuracy if c[1] in TEXTBOOK_KINDS]
    kinds = [k for k in TEXTBOOK_KINDS if any(c[1] == k for c in cells)]
    windows = [w for w in WINDOWS_MS if any(c[0] == w for c in cells)]
    claims = []
    for key in ("window_helps", "lstm_beats_rnn", "state_beats_lstm"):
        pairs = _pairs(key, kinds, windows)
        if not pairs or any(a not in accuracy or b not in accuracy for a, b in pairs):
            continue
        ours = [bool(accuracy[b] > accuracy[a]) for a, b in pairs]
        textbook = all(TEXTBOOK_ACCURACY[b] > TEXTBOOK_ACCURACY[a] for a, b in pairs)
        claims.append(Claim(key, textbook, all(ours), sum(ours), len(pairs)))
    if cells:
        ours = [bool(accuracy[c] > CHANCE) for c in cells]
        textbook = all(TEXTBOOK_ACCURACY[c] > CHANCE for c in cells)
        claims.append(Claim("above_chance", textbook, all(ours), sum(ours), len(cells)))
    return tuple(claims)
