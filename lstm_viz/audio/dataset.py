"""The sound classifier's data set: synthetic urban clips -> textbook features -> padded sequences.

Pipeline, as in the textbook's chapter 11 (there on UrbanSound8K files, here on ``urban`` clips):

    clip_i (n_i samples)  --textbook_features(window_ms, hop_ms)-->  F_i  (T_i, 100)
    T_i = 1 + (n_i - L) // H     (L, H: window and hop in samples)
    x_i[t] = (F_i[t] - mu) / sigma   for t < T_i,   0 after (padding up to T = max_i T_i)

mu and sigma (per band) are the mean and standard deviation of the *training* clips' frames
only, so the validation score never saw the validation data; they are kept (``FeatureStats``)
so that a clip a student uploads is scaled exactly like the training data. The held-out clips
are the same for every seed (their own seed stream): a seed changes the training clips, the
initial weights and the batch order, never the clips a score is counted on.

Audio is never stored: each clip is ``urban.make_clip(class, seed)``, and the seeds are kept, so
a page re-synthesises any clip for playback. Building is deterministic for a config, and each
part (training clips, held-out clips) is cached on disk as one .npz named by a hash of what it
depends on (and of the generator's version and a fingerprint of the feature code): the unscaled
frames, unpadded, in float16 (about 30 MB for 640 clips, against 128 MB padded in float32);
scaling and padding are redone on load. A corrupted or stale file is rebuilt, writes are atomic
(tmp file + ``os.replace``), and the folder's data-set files stay under ``CACHE_BYTES`` by
deleting the least recently used.

The bar a sequence model has to clear: ``average_spectrum_centroid_accuracy``, a
nearest-centroid classifier on each clip's average log spectrum (the features' mean over
frames, so time order plays no part): 43.4 % with a 100 ms window, 50.8 % with 10 ms (50 clips
per class, seeds 0 and 1; see ``urban``).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from lstm_viz.audio import SAMPLE_RATE, urban
from lstm_viz.audio.spectral import textbook_features
from lstm_viz.data.base import SequenceData

CACHE_FORMAT = 2  # bump when the .npz layout changes
CACHE_BYTES = 256 * 2**20  # the data sets' disk bound: 256 MiB, least recently used files go
PARTS = ("train", "validation")
PREFIX = "sounds-"  # every data-set file's name starts so (the run cache shares the folder)
VALIDATION_STREAM = (2024, 11)  # the held-out clips' seed entropy, the same for every seed
_REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class SoundDatasetConfig:
    """What to build; every field goes into the cache key."""

    n_per_class: int = 50  # clips per class: 10 classes, so 500 clips by default
    window_ms: float = 100.0  # frame length (the textbook tries 10 and 100 ms)
    hop_ms: float = 10.0  # the textbook's "interval" between frame starts
    n_bands: int = 100  # |FFT| averaged into this many equal-width bands
    max_seconds: float = 4.0  # longer clips (uploads) are cut here; synthetic ones last 1-4 s
    seed: int = 0  # clips' seeds and the split both follow from it
    val_fraction: float = 0.2  # of each class, held out for validation

    def __post_init__(self) -> None:
        if self.n_per_class < 1:
            raise ValueError("n_per_class must be at least 1")
        if self.window_ms <= 0 or self.hop_ms <= 0:
            raise ValueError("window_ms and hop_ms must be positive")
        if self.window_ms / 1000 > urban.SECONDS_RANGE[0] or self.max_seconds < 1.0:
            raise ValueError("the window must fit in a 1 s clip and max_seconds be at least 1")
        if not 0.0 <= self.val_fraction < 1.0:
            raise ValueError("val_fraction must lie in [0, 1)")


@dataclass(frozen=True)
class FeatureStats:
    """Per-band mean and standard deviation of the training frames: (n_bands,) each."""

    mean: np.ndarray
    std: np.ndarray


@dataclass(frozen=True)
class SoundDataset:
    """Train and validation sequences, their clips' seeds, and the scaling they share.

    ``train.texts[i]`` is the clip's id ``"<class>/<seed>"``; ``make_clip(train.y[i],
    train_seeds[i])`` gives back its audio.
    """

    config: SoundDatasetConfig
    train: SequenceData
    validation: SequenceData
    train_seeds: np.ndarray  # (N_train,) int64
    validation_seeds: np.ndarray  # (N_val,) int64
    stats: FeatureStats


def clip_id(class_index: int, seed: int) -> str:
    """A clip's name in ``SequenceData.texts``: ``"<class>/<seed>"``, e.g. ``"siren/12345"``."""
    return f"{urban.CLASSES[class_index]}/{seed}"


def raw_features(signal: np.ndarray, sr: int, config: SoundDatasetConfig) -> np.ndarray:
    """Unscaled features of one clip at ``SAMPLE_RATE``: (T_i, n_bands) float32, T_i >= 1.

    The clip is cut at ``max_seconds``; a clip shorter than one window is padded with silence
    to one window, so every clip gives at least one frame.
    """
    if sr != SAMPLE_RATE:
        raise ValueError(f"features are defined at {SAMPLE_RATE} Hz; resample the {sr} Hz clip")
    signal = np.asarray(signal, np.float32)[: int(config.max_seconds * sr)]
    if signal.ndim != 1 or signal.size == 0:
        raise ValueError("the clip must be a non-empty mono signal")
    window = int(round(config.window_ms * sr / 1000))
    if signal.size < window:
        signal = np.pad(signal, (0, window - signal.size))
    return textbook_features(signal, sr, config.window_ms, config.hop_ms, config.n_bands)


def features_for_clip(
    signal: np.ndarray, sr: int, config: SoundDatasetConfig, stats: FeatureStats
) -> np.ndarray:
    """A clip's features scaled with the training statistics: (T_i, n_bands) float32.

    Use this for an uploaded or recorded clip so the model reads it as it read its training data.
    """
    feats = raw_features(signal, sr, config).astype(np.float16)  # the stored precision
    mean, std = stats.mean.astype(np.float32), stats.std.astype(np.float32)
    return (feats.astype(np.float32) - mean) / std


def _clip_seeds(config: SoundDatasetConfig, part: str) -> tuple[np.ndarray, np.ndarray]:
    """Seeds and labels of one part's clips: ((N,) int64, (N,) int), class-major.

    The held-out clips come from their own stream, the same for every seed, so accuracies at
    two seeds are measured on the same clips; the training clips come from ``seed``. (The
    stream's entropy ``[2024, 11]`` equals no seed below 2**32, so the parts never share a clip.)
    """
    n_val = min(int(round(config.val_fraction * config.n_per_class)), config.n_per_class - 1)
    if part == "validation":
        return urban.clip_seeds(n_val, list(VALIDATION_STREAM))
    return urban.clip_seeds(config.n_per_class - n_val, config.seed)


def _build(config: SoundDatasetConfig, part: str) -> dict[str, np.ndarray]:
    """Synthesise and featurise one part's clips: the unscaled frames, unpadded, in float16.

    float16 is the features' stored precision whether or not the cache is used (a relative
    rounding of at most 2**-11 on log magnitudes), so a cold and a warm build give the same bits.
    """
    seeds, labels = _clip_seeds(config, part)  # (N,), (N,)
    feats = [
        raw_features(urban.make_clip(int(k), int(s)), SAMPLE_RATE, config).astype(np.float16)
        for k, s in zip(labels, seeds, strict=True)
    ]
    frames = np.concatenate(feats) if feats else np.zeros((0, config.n_bands), np.float16)
    arrays = {
        "frames": frames,  # (sum T_i, D) float16
        "lengths": np.array([f.shape[0] for f in feats], np.int64),  # (N,)
        "y": labels.astype(np.int64),
        "seeds": seeds.astype(np.int64),
    }
    if part == "train":  # the scaling every part shares: the training frames' statistics only
        f32 = frames.astype(np.float32)
        arrays["mean"] = f32.mean(axis=0, dtype=np.float64)  # (D,)
        arrays["std"] = np.maximum(f32.std(axis=0, dtype=np.float64), 1e-6)  # silent band: no 0/0
    return arrays


def _padded(arrays: dict[str, np.ndarray], stats: FeatureStats) -> np.ndarray:
    """Scaled frames, zero-padded to the part's longest clip: (N, T, D) float32."""
    lengths = arrays["lengths"]
    mean, std = stats.mean.astype(np.float32), stats.std.astype(np.float32)
    scaled = (arrays["frames"].astype(np.float32) - mean) / std  # (sum T_i, D)
    x = np.zeros((lengths.size, int(lengths.max(initial=1)), scaled.shape[1]), np.float32)
    for i, (start, length) in enumerate(zip(np.cumsum(lengths) - lengths, lengths, strict=True)):
        x[i, :length] = scaled[start : start + length]  # (N, T, D)
    return x


def _sequences(arrays: dict[str, np.ndarray], stats: FeatureStats) -> SequenceData:
    texts = tuple(
        clip_id(int(k), int(s)) for k, s in zip(arrays["y"], arrays["seeds"], strict=True)
    )
    lengths = arrays["lengths"]
    return SequenceData(
        _padded(arrays, stats), lengths, arrays["y"], labels=urban.CLASSES, texts=texts
    )


def _assemble(
    config: SoundDatasetConfig, train: dict[str, np.ndarray], val: dict[str, np.ndarray]
) -> SoundDataset:
    stats = FeatureStats(train["mean"], train["std"])
    return SoundDataset(
        config=config,
        train=_sequences(train, stats),
        validation=_sequences(val, stats),
        train_seeds=train["seeds"],
        validation_seeds=val["seeds"],
        stats=stats,
    )


def default_cache_dir() -> Path:
    """``$LSTM_LAB_CACHE`` if set, else ``<repo>/.cache/sounds`` (git-ignored)."""
    env = os.environ.get("LSTM_LAB_CACHE")
    return Path(env) if env else _REPO_ROOT / ".cache" / "sounds"


def _features_fingerprint(config: SoundDatasetConfig) -> str:
    """A digest of ``textbook_features`` on a fixed probe clip, so that a change to the feature
    code (which another module owns) makes old cache files stale instead of silently wrong."""
    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE  # 1 s: a chirp and a click, touching every band
    probe = 0.5 * np.sin(2 * np.pi * (50 * t + 3900 * t**2)) + (np.arange(t.size) % 4000 == 0)
    feats = raw_features(probe.astype(np.float32), SAMPLE_RATE, config)
    return hashlib.sha256(np.round(feats, 4).tobytes()).hexdigest()[:16]


def _config_key(config: SoundDatasetConfig, part: str) -> str:
    """What one part's file depends on, as canonical JSON: the config (less the seed for the
    held-out clips, which every seed shares), the generator's version, the features'
    fingerprint and the file layout."""
    fields = asdict(config)
    if part == "validation":
        del fields["seed"]
    return json.dumps(
        {
            "part": part,
            "config": fields,
            "generator": urban.GENERATOR_VERSION,
            "features": _features_fingerprint(config),
            "format": CACHE_FORMAT,
        },
        sort_keys=True,
    )


def cache_path(config: SoundDatasetConfig, part: str, cache_dir: str | Path | None = None) -> Path:
    """Where one part ("train" or "validation") of ``config``'s data set is cached:
    ``<cache_dir>/sounds-<sha256 of the key>.npz``."""
    digest = hashlib.sha256(_config_key(config, part).encode()).hexdigest()[:20]
    return Path(cache_dir or default_cache_dir()) / f"{PREFIX}{digest}.npz"


_KEYS = {"train": ("frames", "lengths", "y", "seeds", "mean", "std")}


def _load(path: Path, config: SoundDatasetConfig, part: str) -> dict[str, np.ndarray] | None:
    """The cached arrays, or None if the file is missing, unreadable, stale or inconsistent.
    A hit marks the file as just used (its mtime), for the eviction."""
    try:
        with np.load(path, allow_pickle=False) as f:
            if str(f["key"]) != _config_key(config, part):
                return None  # a hash collision or a file from another version: stale
            arrays = {k: f[k] for k in _KEYS.get(part, _KEYS["train"][:4])}
        os.utime(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    n = _clip_seeds(config, part)[0].size
    consistent = (
        arrays["frames"].ndim == 2
        and arrays["frames"].shape[1] == config.n_bands
        and arrays["frames"].dtype == np.float16
        and arrays["lengths"].shape == arrays["y"].shape == arrays["seeds"].shape == (n,)
        and int(arrays["lengths"].sum()) == arrays["frames"].shape[0]
        and all(arrays[k].shape == (config.n_bands,) for k in ("mean", "std") if k in arrays)
    )
    return arrays if consistent else None


def _save(path: Path, config: SoundDatasetConfig, part: str, arrays: dict[str, np.ndarray]) -> None:
    """Write atomically: a reader sees the old file, no file or the whole new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, key=np.array(_config_key(config, part)), **arrays)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # a read-only disk costs a rebuild next time, never a failure now


def evict(cache_dir: str | Path, max_bytes: int = CACHE_BYTES, keep: Path | None = None) -> None:
    """Delete the least recently used data-set files until the folder's ``sounds-*.npz`` hold at
    most ``max_bytes`` (``keep``, the file just written, goes last). Other files are left alone."""
    entries = []
    for path in Path(cache_dir).glob(PREFIX + "*.npz"):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        entries.append((path == keep, stat.st_mtime, stat.st_size, path))
    total = sum(size for _, _, size, _ in entries)
    for _, _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        path.unlink(missing_ok=True)
        total -= size


def _part(
    config: SoundDatasetConfig, part: str, cache_dir: str | Path | None, max_bytes: int
) -> dict[str, np.ndarray]:
    path = cache_path(config, part, cache_dir)
    arrays = _load(path, config, part)
    if arrays is None:
        arrays = _build(config, part)
        _save(path, config, part, arrays)
        evict(path.parent, max_bytes, keep=path)
    return arrays


def build_sound_dataset(
    config: SoundDatasetConfig,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    max_bytes: int = CACHE_BYTES,
) -> SoundDataset:
    """The data set for ``config``, each part from the disk cache when a valid copy is there.

    ``cache_dir`` defaults to ``default_cache_dir()``, kept under ``max_bytes`` (least recently
    used files go first); ``use_cache=False`` neither reads nor writes it (the benchmark's cold
    build).
    """
    if not use_cache:
        return _assemble(config, _build(config, "train"), _build(config, "validation"))
    train = _part(config, "train", cache_dir, max_bytes)
    return _assemble(config, train, _part(config, "validation", cache_dir, max_bytes))


# ---------------------------------------------------------------- the bar to clear


def average_log_spectrum(clip: np.ndarray, window_ms: float, hop_ms: float, sr: int = SAMPLE_RATE):
    """The clip's average log spectrum: the mean over frames of ``textbook_features`` (100,).

    Those features are log(1 + band magnitude) per frame, what the LSTM reads, so this is
    exactly what a model that ignores time order could see.
    """
    frames = textbook_features(clip, sr, window_ms, hop_ms)  # (n_frames, 100)
    return frames.mean(axis=0, dtype=np.float64)


def average_spectrum_centroid_accuracy(
    n_per_class: int = 50,
    train_seed: int = 0,
    test_seed: int = 1,
    window_ms: float = 100.0,
    hop_ms: float = 10.0,
) -> float:
    """Accuracy of a nearest-centroid classifier on urban clips' average log spectra.

    One centroid per class (the mean of its training clips' average log spectra); each test clip
    goes to the class whose centroid is nearest in Euclidean distance. Time order plays no part,
    so this is the bar a sequence model has to clear.
    """

    def spectra(seed: int) -> tuple[np.ndarray, np.ndarray]:
        clips, labels = urban.make_clips(n_per_class, seed)
        return np.stack([average_log_spectrum(c, window_ms, hop_ms) for c in clips]), labels

    return nearest_centroid_accuracy(*spectra(train_seed), *spectra(test_seed))


def nearest_centroid_accuracy(x_train, y_train, x_test, y_test) -> float:
    """Fraction of test rows whose nearest class centroid (Euclidean) is their own class.

    x_*: (N, D) features, y_*: (N,) int classes; a class's centroid is its training rows' mean.
    """
    classes = np.unique(y_train)
    centroids = np.stack([x_train[y_train == k].mean(axis=0) for k in classes])  # (K, D)
    distances = ((x_test[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=-1)  # (N, K)
    return float(np.mean(classes[distances.argmin(axis=1)] == y_test))
