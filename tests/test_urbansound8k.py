"""The UrbanSound8K loader on a small folder generated in the data set's exact layout."""

from __future__ import annotations

import csv
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from lstm_viz.audio import SAMPLE_RATE, urban
from lstm_viz.audio import urbansound8k as us8k
from lstm_viz.audio.dataset import SoundDatasetConfig, raw_features
from lstm_viz.runs import RunCache

HEADER = ["slice_file_name", "fsID", "start", "end", "salience", "fold", "classID", "class"]
FEATURES = SoundDatasetConfig(window_ms=100.0, hop_ms=50.0, n_bands=20)
CLASSES = (1, 3, 8)  # car_horn, dog_bark, siren
GOOD = [(fold, k, n) for fold in (1, 2, 10) for k in CLASSES for n in range(2)]  # 18 clips


def tone(k: int, n: int, sr: int = SAMPLE_RATE, seconds: float = 0.4) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    return (0.3 * np.sin(2 * np.pi * (200 + 300 * k + 50 * n) * t)).astype(np.float32)


def write_dataset(root, extra_rows=()):
    """18 good clips (3 classes x 2 in folds 1, 2 and 10), one of them stereo at 22.05 kHz,
    plus ``extra_rows`` appended to the metadata as given."""
    rows = []
    for fold, k, n in GOOD:
        name = f"{100 + k}-{k}-0-{n}.wav"
        folder = root / "audio" / f"fold{fold}"
        folder.mkdir(parents=True, exist_ok=True)
        if (fold, k, n) == (2, 3, 1):  # the real set mixes rates and channel counts
            stereo = np.stack([tone(k, n, 22_050), tone(k, n, 22_050)], axis=1)
            soundfile.write(folder / name, stereo, 22_050, subtype="PCM_24")
        else:
            soundfile.write(folder / name, tone(k, n), SAMPLE_RATE, subtype="PCM_16")
        rows.append([name, 100 + k, 0.0, 0.4, 1, fold, k, urban.CLASSES[k]])
    (root / "metadata").mkdir(parents=True, exist_ok=True)
    with open(root / "metadata" / "UrbanSound8K.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
        writer.writerows(extra_rows)


def bad_rows(root):
    """One row of each kind the loader skips, with the reason it must give."""
    (root / "audio" / "fold1" / "broken.wav").write_bytes(b"RIFF not really a wav file")
    return [
        (["gone.wav", 7, 0, 1, 1, 1, 1, "car_horn"], "missing_file"),
        (["x.wav", 7, 0, 1, 1, "one", 1, "car_horn"], "malformed"),
        (["short.wav", 7, 0], "malformed"),
        (["../../escape.wav", 7, 0, 1, 1, 1, 1, "car_horn"], "malformed"),
        (["100-1-0-0.wav", 7, 0, 1, 1, 11, 1, "car_horn"], "bad_fold"),
        (["100-1-0-0.wav", 7, 0, 1, 1, 1, 1, "lawn_mower"], "unknown_class"),
        (["100-1-0-0.wav", 7, 0, 1, 1, 1, 2, "car_horn"], "unknown_class"),  # id disagrees
        (["broken.wav", 7, 0, 1, 1, 1, 1, "car_horn"], "unreadable"),
    ]


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "UrbanSound8K"
    write_dataset(root)
    return root


def load(root, cache=None, **kwargs):
    config = us8k.UrbanSound8KConfig(str(root), FEATURES, **kwargs)
    return us8k.load_urbansound8k(config, cache=cache)


def test_folds_1_to_9_train_and_fold_10_validates(folder):
    data = load(folder)
    assert len(data.train) == 12 and len(data.validation) == 6
    assert all(t.startswith(("fold1/", "fold2/")) for t in data.train.texts)
    assert all(t.startswith("fold10/") for t in data.validation.texts)
    assert data.train.texts[0] == "fold1/101-1-0-0.wav"
    assert sorted(np.unique(data.train.y).tolist()) == list(CLASSES)
    assert data.train.labels == urban.CLASSES
    assert data.skipped == {} and data.skipped_rows == ()


def test_features_are_the_synthetic_sets_features_scaled_by_training_frames(folder):
    data = load(folder)
    raw = {}
    for split in (data.train, data.validation):
        for text in split.texts:
            audio, sr = soundfile.read(folder / "audio" / text, dtype="float32")
            if sr == SAMPLE_RATE:  # the resampled clip is checked through decode_audio below
                raw[text] = raw_features(audio, sr, FEATURES)
    train_raw = [raw[t] for t in data.train.texts if t in raw]
    resampled = data.clip("train", data.train.texts.index("fold2/103-3-0-1.wav"))
    train_raw.append(raw_features(resampled, SAMPLE_RATE, FEATURES))
    frames = np.concatenate(train_raw).astype(np.float64)
    np.testing.assert_allclose(data.stats.mean, frames.mean(axis=0), rtol=1e-10)
    np.testing.assert_allclose(data.stats.std, frames.std(axis=0), rtol=1e-10)
    text = "fold10/108-8-0-1.wav"
    n = data.validation.texts.index(text)
    length = int(data.validation.lengths[n])
    assert length == raw[text].shape[0] == 1 + (int(0.4 * SAMPLE_RATE) - 1600) // 800
    expected = (raw[text] - data.stats.mean) / data.stats.std
    np.testing.assert_allclose(data.validation.x[n, :length], expected, rtol=1e-5, atol=1e-5)
    assert not data.validation.x[n, length:].any()  # padding is zero


def test_bad_rows_are_skipped_and_counted_by_reason(tmp_path):
    root = tmp_path / "UrbanSound8K"
    write_dataset(root)
    rows = bad_rows(root)
    write_dataset(root, extra_rows=[r for r, _ in rows])
    data = load(root)
    assert len(data.train) == 12 and len(data.validation) == 6
    expected = {}
    for _, reason in rows:
        expected[reason] = expected.get(reason, 0) + 1
    assert data.skipped == expected
    first_extra = 2 + len(GOOD)  # the header is line 1
    assert data.skipped_rows == tuple(
        (first_extra + n, reason) for n, (_, reason) in enumerate(rows)
    )


def test_missing_metadata_file_is_one_typed_error_with_its_path(tmp_path):
    with pytest.raises(us8k.MetadataNotFound) as caught:
        load(tmp_path / "nowhere")
    assert caught.value.path == tmp_path / "nowhere" / "metadata" / "UrbanSound8K.csv"


def test_header_without_the_needed_columns_is_a_typed_error(folder):
    (folder / "metadata" / "UrbanSound8K.csv").write_text("name,fold\na.wav,1\n")
    with pytest.raises(us8k.MetadataMalformed) as caught:
        load(folder)
    assert caught.value.missing == ("slice_file_name", "classID", "class")


def test_a_split_left_empty_is_a_typed_error(folder):
    with pytest.raises(us8k.NoUsableClips) as caught:
        load(folder, test_folds=(9,))
    assert (caught.value.n_train, caught.value.n_validation) == (18, 0)


def test_progress_counts_every_clip_once_in_order(folder):
    calls = []
    config = us8k.UrbanSound8KConfig(str(folder), FEATURES)
    us8k.load_urbansound8k(
        config, progress=lambda done, total: calls.append((done, total)), cache=None
    )
    assert calls == [(n, 18) for n in range(1, 19)]


def test_max_per_class_takes_the_first_clips_in_fold_and_name_order(folder):
    data = load(folder, max_per_class=1, test_folds=(2, 10))
    assert data.train.texts == ("fold1/101-1-0-0.wav", "fold1/103-3-0-0.wav", "fold1/108-8-0-0.wav")
    assert data.validation.texts == (
        "fold2/101-1-0-0.wav",
        "fold2/103-3-0-0.wav",
        "fold2/108-8-0-0.wav",
    )


def test_second_load_reads_the_cache_and_a_changed_file_misses(folder, tmp_path, monkeypatch):
    cache = RunCache(tmp_path / "cache", code="test")
    first = load(folder, cache)
    assert len(list((tmp_path / "cache").glob("*.pkl"))) == 3  # one entry per fold

    def no_decoding(*args, **kwargs):
        raise AssertionError("a cached fold was featurised again")

    monkeypatch.setattr(us8k, "_featurise", no_decoding)
    second = load(folder, cache)
    np.testing.assert_array_equal(first.train.x, second.train.x)
    np.testing.assert_array_equal(first.validation.x, second.validation.x)
    monkeypatch.undo()

    changed = folder / "audio" / "fold10" / "101-1-0-0.wav"
    soundfile.write(changed, tone(8, 0), SAMPLE_RATE)
    third = load(folder, cache)
    n = third.validation.texts.index("fold10/101-1-0-0.wav")
    expected = raw_features(soundfile.read(changed, dtype="float32")[0], SAMPLE_RATE, FEATURES)
    length = expected.shape[0]
    scaled = third.validation.x[n, :length] * third.stats.std + third.stats.mean
    np.testing.assert_allclose(scaled, expected, atol=1e-4)
    np.testing.assert_array_equal(first.train.x, third.train.x)  # folds 1 and 2 unchanged


def test_cache_stays_within_its_bound(folder, tmp_path):
    cache = RunCache(tmp_path / "cache", max_bytes=1, code="test")
    data = load(folder, cache)
    assert cache.size() <= 1 and len(data.train) == 12


def test_default_cache_is_the_app_run_cache_folder(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_LAB_CACHE", str(tmp_path / "app-cache"))
    load(folder, cache=True)
    assert len(list((tmp_path / "app-cache").glob("*.pkl"))) == 3


@pytest.mark.parametrize(
    ("value", "expected"), [("", None), ("  ", None), ("/data/us8k", "/data/us8k")]
)
def test_root_comes_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv(us8k.ENV_VAR, value)
    root = us8k.urbansound8k_root()
    assert (None if root is None else str(root)) == expected


def test_loader_does_not_import_streamlit():
    code = "import sys, lstm_viz.audio.urbansound8k; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
