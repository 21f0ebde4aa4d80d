"""The real UrbanSound8K, where an instructor has it on disk: its clips -> classifier features.

The data set's standard layout (Salamon, Jacoby & Bello, 2014)::

    <root>/metadata/UrbanSound8K.csv    slice_file_name, fsID, start, end, salience, fold,
                                        classID, class
    <root>/audio/fold1 .. fold10/*.wav  8,732 clips of at most 4 s, 10 classes

Pipeline, the same as the synthetic data set's (``dataset``), only the clips come from files:

    wav  --decode_audio: mono, SAMPLE_RATE-->  clip_i  --raw_features(config)-->  F_i  (T_i, D)
    x_i[t] = (F_i[t] - mu) / sigma   for t < T_i,   0 after (padding up to T = max_i T_i)

with mu and sigma taken from the training folds' frames only. The split is by fold: the data
set's authors warn that clips of one recording (one ``fsID``) sit in the same fold, so a random
split over clips leaks recordings into the test set. The textbook's notebook printed a train and
a validation accuracy but its split is not recorded in our notes; we follow the authors: folds
1-9 train, fold 10 validates (``test_folds``). Within a split, rows are taken in (fold, file
name) order, at most ``max_per_class`` of each class, so the same folder gives the same set.

Rows that cannot be used are skipped and counted by reason (``SKIP_REASONS``), never raised:
a malformed row (a field missing or not a number), a fold outside 1-10, a class not among
``urban.CLASSES`` (or a classID that disagrees with the class name), a missing file, and a file
``decode_audio`` refuses (unreadable, silent, ...). A missing metadata file raises
``MetadataNotFound`` and a header without the needed columns ``MetadataMalformed``; both carry
their numbers as fields, the page words the sentence.

Featurising 8,732 files takes minutes, so each fold's raw features are kept in the disk run
cache (``lstm_viz.runs.RunCache``: its folder and its LRU bound, ``LSTM_LAB_CACHE`` and
``LSTM_LAB_CACHE_MB``), keyed by the feature settings, the fold's chosen rows and each file's
size and modification time: an edited or replaced file misses, a second build reads the cache.
``progress(done, total)`` is called as clips are featurised (a cached fold counts at once).

The folder comes from ``LSTM_LAB_URBANSOUND8K`` (``urbansound8k_root``); the app never needs it.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lstm_viz.audio import SAMPLE_RATE, urban
from lstm_viz.audio.dataset import (
    FeatureStats,
    SoundDatasetConfig,
    _features_fingerprint,  # the synthetic set's cache uses it for the same purpose
    raw_features,
)
from lstm_viz.audio.io import AudioError, decode_audio
from lstm_viz.data.base import SequenceData
from lstm_viz.runs import RunCache, RunSpec

ENV_VAR = "LSTM_LAB_URBANSOUND8K"
METADATA = Path("metadata") / "UrbanSound8K.csv"
COLUMNS = ("slice_file_name", "fsID", "start", "end", "salience", "fold", "classID", "class")
FOLDS = tuple(range(1, 11))
CACHE_FORMAT = 1  # bump when a cached fold's layout or the decoding changes
SKIP_REASONS = ("malformed", "bad_fold", "unknown_class", "missing_file", "unreadable")

Progress = Callable[[int, int], None]  # (clips done, clips in all)


class MetadataNotFound(FileNotFoundError):
    """``<root>/metadata/UrbanSound8K.csv`` does not exist: ``path`` is where it was looked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class NoUsableClips(ValueError):
    """After skipping, the training or the validation split holds no clip: the counts."""

    def __init__(self, n_train: int, n_validation: int) -> None:
        super().__init__(f"train {n_train}, validation {n_validation}")
        self.n_train = n_train
        self.n_validation = n_validation


class MetadataMalformed(ValueError):
    """The metadata file's header lacks ``missing`` (a tuple of column names)."""

    def __init__(self, path: Path, missing: tuple[str, ...]) -> None:
        super().__init__(f"{path}: {', '.join(missing)}")
        self.path = path
        self.missing = missing


@dataclass(frozen=True)
class UrbanSound8KConfig:
    """What to load; every field goes into the cache key of the folds it touches."""

    root: str  # the data set's folder (holds audio/ and metadata/)
    features: SoundDatasetConfig = SoundDatasetConfig()  # window, hop, bands, max_seconds
    test_folds: tuple[int, ...] = (10,)  # the rest of FOLDS train
    max_per_class: int | None = None  # per class and split, in (fold, file name) order

    def __post_init__(self) -> None:
        if not self.test_folds or not set(self.test_folds) < set(FOLDS):
            raise ValueError("test_folds must be a non-empty proper subset of folds 1-10")
        if self.max_per_class is not None and self.max_per_class < 1:
            raise ValueError("max_per_class must be at least 1 (or None for every clip)")


@dataclass(frozen=True)
class Clip:
    """One usable metadata row."""

    row: int  # 1-based line of the data row in the metadata file (the header is line 1)
    path: Path
    fold: int
    label: int  # index into urban.CLASSES


@dataclass(frozen=True)
class Metadata:
    """The rows that can be used, and how many of the others were skipped, by reason."""

    clips: tuple[Clip, ...]
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count, SKIP_REASONS only
    skipped_rows: tuple[tuple[int, str], ...] = ()  # (row, reason), in file order


@dataclass(frozen=True)
class UrbanSound8KDataset:
    """Train and validation sequences from the real recordings (attributes named as in
    ``dataset.SoundDataset``, so the classifier reads either).

    ``train.texts[i]`` is the clip's path relative to the root, ``"fold1/101415-3-0-2.wav"``.
    """

    config: UrbanSound8KConfig
    train: SequenceData
    validation: SequenceData
    stats: FeatureStats
    skipped: dict[str, int]  # reason -> count, over the metadata and the decoding
    skipped_rows: tuple[tuple[int, str], ...]  # (metadata row, reason)

    def clip(self, split: str, index: int) -> np.ndarray:
        """The audio of sample ``index`` of ``split`` ("train" or "validation"), decoded again."""
        data = {"train": self.train, "validation": self.validation}[split]
        path = Path(self.config.root) / "audio" / data.texts[index]
        audio = decode_audio(path.read_bytes()).samples
        return audio[: int(self.config.features.max_seconds * SAMPLE_RATE)]


def urbansound8k_root() -> Path | None:
    """The folder named by ``LSTM_LAB_URBANSOUND8K``, or None when it is unset or empty."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else None


def _parse_row(row: dict[str, str | None], root: Path, number: int) -> Clip | str:
    """The clip of data row ``number``, or the reason it is skipped. The file's existence is
    checked here; decoding comes later."""
    try:
        name = (row["slice_file_name"] or "").strip()
        fold = int(row["fold"])
        class_id = int(row["classID"])
        class_name = (row["class"] or "").strip()
    except (TypeError, ValueError):  # a short row gives None, a non-number a ValueError
        return "malformed"
    if not name or Path(name).name != name:
        return "malformed"  # a path, not a file name: never leave the fold's folder
    if fold not in FOLDS:
        return "bad_fold"
    if class_name not in urban.CLASSES or urban.CLASSES.index(class_name) != class_id:
        return "unknown_class"
    path = root / "audio" / f"fold{fold}" / name
    if not path.is_file():
        return "missing_file"
    return Clip(number, path, fold, class_id)


def read_metadata(root: str | Path) -> Metadata:
    """Every usable row of ``<root>/metadata/UrbanSound8K.csv``; the others counted by reason.

    Raises ``MetadataNotFound`` when the file is missing and ``MetadataMalformed`` when its header
    lacks a column this loader needs.
    """
    root = Path(root)
    path = root / METADATA
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as error:
        raise MetadataNotFound(path) from error
    reader = csv.DictReader(text.splitlines())
    needed = ("slice_file_name", "fold", "classID", "class")
    missing = tuple(c for c in needed if c not in (reader.fieldnames or ()))
    if missing:
        raise MetadataMalformed(path, missing)
    clips, skipped = [], []
    for number, row in enumerate(reader, start=2):
        parsed = _parse_row(row, root, number)
        if isinstance(parsed, Clip):
            clips.append(parsed)
        else:
            skipped.append((number, parsed))
    return Metadata(tuple(clips), dict(Counter(r for _, r in skipped)), tuple(skipped))


def select_clips(metadata: Metadata, config: UrbanSound8KConfig) -> tuple[list[Clip], list[Clip]]:
    """(train, validation) clips: split by fold, in (fold, file name) order, capped per class."""

    def take(clips: list[Clip]) -> list[Clip]:
        clips = sorted(clips, key=lambda c: (c.fold, c.path.name))
        if config.max_per_class is None:
            return clips
        kept, count = [], Counter()
        for clip in clips:
            if count[clip.label] < config.max_per_class:
                kept.append(clip)
                count[clip.label] += 1
        return kept

    test = set(config.test_folds)
    return (
        take([c for c in metadata.clips if c.fold not in test]),
        take([c for c in metadata.clips if c.fold in test]),
    )


@dataclass(frozen=True)
class _FoldKey:
    """The disk cache's key for one fold's raw features (small: the file list is a digest)."""

    fold: int
    features: SoundDatasetConfig
    files: str  # sha256 of the chosen files' names, sizes and modification times
    code: str  # the feature code's fingerprint: a change to it makes old entries miss
    format: int = CACHE_FORMAT


def _files_digest(clips: list[Clip]) -> str:
    digest = hashlib.sha256()
    for clip in clips:
        stat = clip.path.stat()
        digest.update(f"{clip.path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


def _featurise(clips: list[Clip], features: SoundDatasetConfig, tick: Callable[[], None]):
    """Each clip's raw features, or the reason it was skipped: a list of (T_i, D) or str."""
    out: list[np.ndarray | str] = []
    for clip in clips:
        try:
            audio = decode_audio(clip.path.read_bytes()).samples  # mono float32 at SAMPLE_RATE
            out.append(raw_features(audio, SAMPLE_RATE, features))
        except (AudioError, OSError):
            out.append("unreadable")
        tick()
    return out


def _fold_features(
    fold: int, clips: list[Clip], features: SoundDatasetConfig, cache: RunCache | None, tick
) -> list[np.ndarray | str]:
    """One fold's raw features, from the cache when its files have not changed."""
    if cache is None:
        return _featurise(clips, features, tick)
    try:
        files = _files_digest(clips)
    except OSError:  # a file vanished since the metadata was read: featurise, do not cache
        return _featurise(clips, features, tick)
    spec = RunSpec(
        "classifier.urbansound8k",
        _FoldKey(fold, features, files, _features_fingerprint(features)),
        compute=lambda _: None,
    )
    cached = cache.get(spec)
    if isinstance(cached, list) and len(cached) == len(clips):
        for _ in clips:
            tick()
        return cached
    result = _featurise(clips, features, tick)
    cache.put(spec, result)
    return result


def _default_cache() -> RunCache:
    """The app's run cache (folder and bound from the environment), keyed by this module's
    format instead of the whole package's code: a change elsewhere must not throw away minutes
    of featurising; each key pins the feature settings and the feature code's fingerprint."""
    env = RunCache.from_env()
    return RunCache(env.folder, env.max_bytes, code=f"urbansound8k-{CACHE_FORMAT}")


def load_urbansound8k(
    config: UrbanSound8KConfig,
    progress: Progress | None = None,
    cache: RunCache | None | bool = True,
) -> UrbanSound8KDataset:
    """The classifier's data set from the UrbanSound8K folder ``config.root``.

    ``progress(done, total)`` is called after each clip. ``cache``: True for the app's run cache,
    a ``RunCache`` to use that one, False or None for none. Raises ``MetadataNotFound`` or
    ``MetadataMalformed`` (see ``read_metadata``), and ``NoUsableClips`` when either split is
    left with no usable clip.
    """
    cache = _default_cache() if cache is True else (cache or None)
    metadata = read_metadata(config.root)
    train_clips, val_clips = select_clips(metadata, config)
    chosen = train_clips + val_clips
    total, done = len(chosen), 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    feats: dict[int, np.ndarray | str] = {}  # metadata row -> features or skip reason
    for fold in sorted({c.fold for c in chosen}):
        in_fold = [c for c in chosen if c.fold == fold]
        for clip, f in zip(
            in_fold, _fold_features(fold, in_fold, config.features, cache, tick), strict=True
        ):
            feats[clip.row] = f

    unreadable = tuple((c.row, "unreadable") for c in chosen if isinstance(feats[c.row], str))
    train_ok = [c for c in train_clips if not isinstance(feats[c.row], str)]
    val_ok = [c for c in val_clips if not isinstance(feats[c.row], str)]
    if not train_ok or not val_ok:
        raise NoUsableClips(len(train_ok), len(val_ok))

    train_frames = np.concatenate([feats[c.row] for c in train_ok]).astype(np.float64)  # (sum T, D)
    mean = train_frames.mean(axis=0)
    std = np.maximum(train_frames.std(axis=0), 1e-6)  # a silent band must not divide by zero
    T = max(feats[c.row].shape[0] for c in train_ok + val_ok)

    def sequences(clips: list[Clip]) -> SequenceData:
        x = np.zeros((len(clips), T, config.features.n_bands), np.float32)  # (N, T, D)
        lengths = np.empty(len(clips), np.int64)  # (N,)
        for n, clip in enumerate(clips):
            f = feats[clip.row]
            x[n, : f.shape[0]] = (f - mean) / std
            lengths[n] = f.shape[0]
        return SequenceData(
            x,
            lengths,
            np.array([c.label for c in clips], np.int64),
            labels=urban.CLASSES,
            texts=tuple(f"fold{c.fold}/{c.path.name}" for c in clips),
        )

    skipped = Counter(metadata.skipped)
    skipped.update(r for _, r in unreadable)
    return UrbanSound8KDataset(
        config=config,
        train=sequences(train_ok),
        validation=sequences(val_ok),
        stats=FeatureStats(mean, std),
        skipped=dict(skipped),
        skipped_rows=tuple(sorted(metadata.skipped_rows + unreadable)),
    )


def folder_digest(root: str | Path) -> str:
    """A short digest of the folder's state: the metadata file's bytes and each fold folder's
    modification time (a clip added, removed or renamed changes its folder's time; a file
    rewritten in place does not, but the feature cache keys each file's size and time anyway).
    Raises ``MetadataNotFound`` when the metadata file is missing."""
    root = Path(root)
    path = root / METADATA
    try:
        digest = hashlib.sha256(path.read_bytes())
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as error:
        raise MetadataNotFound(path) from error
    for fold in FOLDS:
        try:
            stamp = (root / "audio" / f"fold{fold}").stat().st_mtime_ns
        except OSError:
            stamp = -1
        digest.update(f"\0{fold}:{stamp}".encode())
    return digest.hexdigest()[:32]
