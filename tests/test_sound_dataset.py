"""The sound data set: shapes, lengths and balance; scaling from the training split only; the
disk cache (hit, corrupted, stale, atomic); and the bar a sequence model has to clear."""

import dataclasses
import os

import numpy as np
import pytest

from lstm_viz.audio import SAMPLE_RATE as SR
from lstm_viz.audio import dataset as D
from lstm_viz.audio import urban
from lstm_viz.audio.spectral import textbook_features

SMALL = D.SoundDatasetConfig(n_per_class=4, window_ms=100.0, hop_ms=10.0, seed=5, val_fraction=0.25)


@pytest.fixture(scope="module")
def small():
    return D.build_sound_dataset(SMALL, use_cache=False)


def split_arrays(ds, split):
    return (ds.train, ds.train_seeds) if split == "train" else (ds.validation, ds.validation_seeds)


def test_training_clips_follow_the_seed_and_held_out_clips_their_own_stream(small):
    train_seeds, train_labels = urban.clip_seeds(3, SMALL.seed)  # 4 per class, 1 held out
    val_seeds, val_labels = urban.clip_seeds(1, list(D.VALIDATION_STREAM))
    assert len(small.train) == 30 and len(small.validation) == 10
    np.testing.assert_array_equal(small.train_seeds, train_seeds)
    np.testing.assert_array_equal(small.train.y, train_labels)
    np.testing.assert_array_equal(small.validation_seeds, val_seeds)
    np.testing.assert_array_equal(small.validation.y, val_labels)
    assert not set(train_seeds.tolist()) & set(val_seeds.tolist())


@pytest.mark.parametrize("seed", [0, 1, 9, 9999])
def test_every_seed_is_scored_on_the_same_held_out_clips(small, seed):
    other = D.build_sound_dataset(dataclasses.replace(SMALL, seed=seed), use_cache=False)
    np.testing.assert_array_equal(other.validation_seeds, small.validation_seeds)
    assert not set(other.train_seeds.tolist()) & set(other.validation_seeds.tolist())
    if seed != SMALL.seed:
        assert not set(other.train_seeds.tolist()) & set(small.train_seeds.tolist())


@pytest.mark.parametrize(("split", "per_class"), [("train", 3), ("validation", 1)])
def test_each_class_is_equally_represented_in_each_split(small, split, per_class):
    data, _ = split_arrays(small, split)
    np.testing.assert_array_equal(np.bincount(data.y, minlength=10), np.full(10, per_class))


@pytest.mark.parametrize("split", ["train", "validation"])
def test_lengths_count_the_frames_of_each_clip_and_padding_is_zero(small, split):
    data, seeds = split_arrays(small, split)
    window, hop = int(0.1 * SR), int(0.01 * SR)
    n_samples = np.array(
        [len(urban.make_clip(int(k), int(s))) for k, s in zip(data.y, seeds, strict=True)]
    )
    np.testing.assert_array_equal(data.lengths, 1 + (n_samples - window) // hop)
    assert data.x.shape == (len(data), data.lengths.max(), 100)
    assert data.x.dtype == np.float32
    for row, length in zip(data.x, data.lengths, strict=True):
        assert np.all(row[length:] == 0.0) and np.any(row[length - 1] != 0.0)


def test_features_are_stored_in_float16_and_scaled_in_float32(small):
    clip = urban.make_clip(int(small.train.y[0]), int(small.train_seeds[0]))
    stored = textbook_features(clip, SR, 100.0, 10.0).astype(np.float16).astype(np.float32)
    expected = (stored - small.stats.mean.astype(np.float32)) / small.stats.std.astype(np.float32)
    np.testing.assert_array_equal(small.train.x[0, : small.train.lengths[0]], expected)


def test_labels_and_texts_name_the_classes_and_clips(small):
    assert small.train.labels == urban.CLASSES
    k, s = int(small.validation.y[3]), int(small.validation_seeds[3])
    assert small.validation.texts[3] == f"{urban.CLASSES[k]}/{s}"


def test_scaling_statistics_come_from_the_training_clips_only(small):
    raw = [
        textbook_features(urban.make_clip(int(k), int(s)), SR, 100.0, 10.0).astype(np.float16)
        for k, s in zip(small.train.y, small.train_seeds, strict=True)
    ]
    frames = np.concatenate(raw).astype(np.float64)  # (sum of train lengths, 100)
    np.testing.assert_allclose(small.stats.mean, frames.mean(axis=0), rtol=1e-6)
    np.testing.assert_allclose(small.stats.std, frames.std(axis=0), rtol=1e-6)
    # so the training frames are standardised exactly, the validation frames only roughly
    valid = np.arange(small.train.x.shape[1])[None, :] < small.train.lengths[:, None]
    train_frames = small.train.x[valid]  # (sum T, 100)
    np.testing.assert_allclose(train_frames.mean(axis=0), 0.0, atol=1e-4)
    np.testing.assert_allclose(train_frames.std(axis=0), 1.0, atol=1e-3)


def test_scaling_statistics_leave_the_validation_frames_out(small):
    # with the validation clips' frames mixed in, the mean would be measurably different
    data = [(small.train, small.train_seeds), (small.validation, small.validation_seeds)]
    frames = np.concatenate(
        [
            textbook_features(urban.make_clip(int(k), int(s)), SR, 100.0, 10.0)
            for split, seeds in data
            for k, s in zip(split.y, seeds, strict=True)
        ]
    ).astype(np.float64)
    assert np.max(np.abs(frames.mean(axis=0) - small.stats.mean)) > 1e-3


def test_features_for_an_uploaded_clip_are_scaled_as_the_training_data(small):
    i = 2
    audio = urban.make_clip(int(small.validation.y[i]), int(small.validation_seeds[i]))
    feats = D.features_for_clip(audio, SR, SMALL, small.stats)
    length = small.validation.lengths[i]
    assert feats.shape == (length, 100) and feats.dtype == np.float32
    np.testing.assert_allclose(feats, small.validation.x[i, :length], atol=1e-6)


@pytest.mark.parametrize(
    ("seconds", "frames"),
    [(0.05, 1), (0.1, 1), (1.0, 91), (6.0, 391)],  # padded to one window; cut at 4 s
)
def test_features_for_clip_pads_a_short_clip_and_cuts_a_long_one(small, seconds, frames):
    clip = np.full(int(seconds * SR), 0.1, np.float32)
    assert D.features_for_clip(clip, SR, SMALL, small.stats).shape == (frames, 100)


@pytest.mark.parametrize(
    ("signal", "sr"),
    [(np.zeros(16000, np.float32), 44100), (np.zeros(0, np.float32), SR)],
)
def test_features_for_clip_refuses_a_clip_it_cannot_read(small, signal, sr):
    with pytest.raises(ValueError):
        D.features_for_clip(signal, sr, SMALL, small.stats)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"n_per_class": 0},
        {"window_ms": 0.0},
        {"hop_ms": -10.0},
        {"window_ms": 2000.0},
        {"val_fraction": 1.0},
        {"max_seconds": 0.5},
    ],
)
def test_config_refuses_impossible_values(kwargs):
    with pytest.raises(ValueError):
        D.SoundDatasetConfig(**kwargs)


def test_one_clip_per_class_still_trains_on_every_class():
    ds = D.build_sound_dataset(
        D.SoundDatasetConfig(n_per_class=1, val_fraction=0.6), use_cache=False
    )
    assert len(ds.train) == 10 and len(ds.validation) == 0


def test_building_twice_gives_identical_arrays(small):
    again = D.build_sound_dataset(SMALL, use_cache=False)
    np.testing.assert_array_equal(again.train.x, small.train.x)
    np.testing.assert_array_equal(again.validation_seeds, small.validation_seeds)


# ---------------------------------------------------------------- the disk cache


def test_cache_hit_returns_identical_arrays_without_rebuilding(small, tmp_path, monkeypatch):
    first = D.build_sound_dataset(SMALL, tmp_path)
    assert all(D.cache_path(SMALL, part, tmp_path).exists() for part in D.PARTS)

    def no_rebuild(config, part):
        raise AssertionError("rebuilt although a valid cache file was there")

    monkeypatch.setattr(D, "_build", no_rebuild)
    hit = D.build_sound_dataset(SMALL, tmp_path)
    for a, b in [(hit.train.x, small.train.x), (hit.validation.x, first.validation.x)]:
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(hit.train.lengths, small.train.lengths)
    np.testing.assert_array_equal(hit.train_seeds, small.train_seeds)
    np.testing.assert_array_equal(hit.stats.std, small.stats.std)
    assert hit.train.texts == small.train.texts


@pytest.mark.parametrize(
    "change",
    [
        {"n_per_class": 5},
        {"window_ms": 10.0},
        {"hop_ms": 20.0},
        {"n_bands": 50},
        {"max_seconds": 3.0},
        {"seed": 6},
        {"val_fraction": 0.5},
    ],
)
def test_cache_file_name_changes_with_every_config_field(tmp_path, change):
    other = dataclasses.replace(SMALL, **change)
    path = D.cache_path(SMALL, "train", tmp_path)
    assert path == D.cache_path(dataclasses.replace(SMALL), "train", tmp_path)
    assert path != D.cache_path(other, "train", tmp_path)
    assert D.cache_path(other, "train", tmp_path).parent == tmp_path
    # the held-out clips' file is shared by every seed, and by nothing else
    same = D.cache_path(SMALL, "validation", tmp_path) == D.cache_path(
        other, "validation", tmp_path
    )
    assert same == ("seed" in change)


def test_cache_stays_under_its_bound_dropping_the_least_recently_used(tmp_path):
    sizes = {}
    for seed in (1, 2):
        D.build_sound_dataset(dataclasses.replace(SMALL, seed=seed), tmp_path)
        sizes[seed] = D.cache_path(dataclasses.replace(SMALL, seed=seed), "train", tmp_path)
    validation = D.cache_path(SMALL, "validation", tmp_path)
    one_seed = sizes[1].stat().st_size
    bound = validation.stat().st_size + 2 * one_seed + one_seed // 2  # room for two seeds
    os.utime(sizes[1], (1, 1))  # seed 1 used long ago, seed 2 just now
    D.build_sound_dataset(dataclasses.replace(SMALL, seed=1), tmp_path, max_bytes=bound)  # a hit
    third = dataclasses.replace(SMALL, seed=3)
    D.build_sound_dataset(third, tmp_path, max_bytes=bound)  # a third seed: one must go
    files = list(tmp_path.glob(D.PREFIX + "*.npz"))
    assert sum(f.stat().st_size for f in files) <= bound
    assert len(files) == 3  # the held-out clips, seeds 1 (read again) and 3
    assert not sizes[2].exists() and sizes[1].exists() and validation.exists()
    assert D.cache_path(third, "train", tmp_path).exists()


def test_cache_bound_leaves_other_files_alone(tmp_path):
    other = tmp_path / "run.pkl"
    other.write_bytes(b"x" * 1000)
    D.build_sound_dataset(SMALL, tmp_path, max_bytes=0)
    assert other.exists()
    assert list(tmp_path.glob(D.PREFIX + "*")) == []  # a bound of 0 keeps nothing


def test_stored_data_set_is_a_quarter_of_its_padded_float32_size(small, tmp_path):
    D.build_sound_dataset(SMALL, tmp_path)
    stored = sum(D.cache_path(SMALL, part, tmp_path).stat().st_size for part in D.PARTS)
    padded = small.train.x.nbytes + small.validation.x.nbytes
    assert stored < padded / 2  # float16 (half) and no padding


def valid_cache_bytes(tmp_path):
    D.build_sound_dataset(SMALL, tmp_path / "good")
    return D.cache_path(SMALL, "train", tmp_path / "good").read_bytes()


@pytest.mark.parametrize(
    "damage",
    [
        lambda good: b"",  # an empty file
        lambda good: b"not a zip file at all",
        lambda good: good[: len(good) // 2],  # cut off half-way through writing
    ],
)
def test_corrupted_cache_file_is_rebuilt(small, tmp_path, damage):
    path = D.cache_path(SMALL, "train", tmp_path)
    path.write_bytes(damage(valid_cache_bytes(tmp_path)))
    rebuilt = D.build_sound_dataset(SMALL, tmp_path)
    np.testing.assert_array_equal(rebuilt.train.x, small.train.x)
    assert D._load(path, SMALL, "train") is not None  # and the good file replaced the broken one


def test_stale_cache_file_of_another_config_is_rebuilt(tmp_path):
    other = D.SoundDatasetConfig(n_per_class=2, seed=6)
    D.build_sound_dataset(other, tmp_path)
    os.replace(D.cache_path(other, "train", tmp_path), D.cache_path(SMALL, "train", tmp_path))
    ds = D.build_sound_dataset(SMALL, tmp_path)
    assert len(ds.train) + len(ds.validation) == 40


def test_cache_goes_stale_when_the_feature_code_changes(tmp_path, monkeypatch):
    before = D.build_sound_dataset(SMALL, tmp_path)
    raw_magnitudes = lambda *args: textbook_features(*args, log=False)  # noqa: E731
    monkeypatch.setattr(D, "textbook_features", raw_magnitudes)
    after = D.build_sound_dataset(SMALL, tmp_path)  # must not serve the log features
    assert not np.allclose(after.stats.mean, before.stats.mean)
    assert len(os.listdir(tmp_path)) == 4  # two parts per feature code


def test_cache_write_leaves_only_the_finished_file(tmp_path):
    D.build_sound_dataset(SMALL, tmp_path)
    assert sorted(os.listdir(tmp_path)) == sorted(
        D.cache_path(SMALL, part, tmp_path).name for part in D.PARTS
    )


def test_unwritable_cache_folder_costs_a_rebuild_not_a_failure(small, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("a file where the cache folder should be")
    ds = D.build_sound_dataset(SMALL, blocker / "sounds")
    np.testing.assert_array_equal(ds.train.x, small.train.x)


def test_default_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_LAB_CACHE", str(tmp_path))
    assert D.default_cache_dir() == tmp_path
    D.build_sound_dataset(SMALL)
    assert D.cache_path(SMALL, "train", tmp_path).exists()
    monkeypatch.delenv("LSTM_LAB_CACHE")
    assert D.default_cache_dir().parts[-2:] == (".cache", "sounds")


# ---------------------------------------------------------------- the bar to clear


def test_nearest_centroid_accuracy_counts_rows_nearest_their_own_centroid():
    x_train = np.array(
        [[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0]]
    )  # centroids (0,1), (10,1)
    y_train = np.array([3, 3, 7, 7])
    x_test = np.array([[1.0, 1.0], [4.0, 0.0], [6.0, 0.0], [9.0, 5.0]])
    y_test = np.array([3, 7, 7, 3])  # right, wrong, right, wrong
    assert D.nearest_centroid_accuracy(x_train, y_train, x_test, y_test) == 0.5


def test_average_log_spectrum_is_the_mean_feature_frame():
    clip = urban.make_clip(8, 0)
    expected = textbook_features(clip, SR, 10.0, 10.0).astype(np.float64).mean(axis=0)
    np.testing.assert_allclose(D.average_log_spectrum(clip, 10.0, 10.0), expected, rtol=1e-6)


@pytest.fixture(scope="module")
def centroid_clips():
    """The documented measurement's clips: 50 per class, seed 0 to train and seed 1 to test."""
    return urban.make_clips(50, 0), urban.make_clips(50, 1)


def average_spectra(clips, window_ms, per_class=50):
    audio, labels = clips
    keep = np.arange(len(labels)) % 50 < per_class  # clip_seeds grows by extension
    spectra = [
        D.average_log_spectrum(a, window_ms, 10.0) for a, k in zip(audio, keep, strict=True) if k
    ]
    return np.stack(spectra), labels[keep]


@pytest.mark.parametrize("window_ms", [10.0, 100.0])
def test_average_spectrum_alone_classifies_only_30_to_75_percent(centroid_clips, window_ms):
    # measured: 50.8 % (10 ms) and 43.4 % (100 ms); chance is 10 %
    train, test = (average_spectra(c, window_ms) for c in centroid_clips)
    assert 0.30 <= D.nearest_centroid_accuracy(*train, *test) <= 0.75


def test_average_spectrum_centroid_accuracy_is_that_measurement(centroid_clips):
    train, test = (average_spectra(c, 100.0, per_class=5) for c in centroid_clips)
    expected = D.nearest_centroid_accuracy(*train, *test)
    assert D.average_spectrum_centroid_accuracy(5, 0, 1, 100.0, 10.0) == expected
