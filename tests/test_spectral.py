"""Tests for lstm_viz.audio.spectral against independent truths: np.fft, librosa, Parseval,
brute-force counting and the resolution arithmetic worked by hand."""

from __future__ import annotations

import librosa
import numpy as np
import pytest

from lstm_viz.audio import SAMPLE_RATE
from lstm_viz.audio import spectral as S

SR = SAMPLE_RATE
LIBROSA_WINDOW = {"rectangular": "boxcar", "hann": "hann", "hamming": "hamming"}


def noise(n: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(n)


def tone(freq_hz: float, seconds: float, sr: int = SR, amplitude: float = 0.5) -> np.ndarray:
    return amplitude * np.sin(2 * np.pi * freq_hz * np.arange(int(seconds * sr)) / sr)


def rel_err(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


# ---- framing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 159, 160, 161, 239, 240, 241, 1000, 16000])
@pytest.mark.parametrize("frame_len, hop", [(160, 80), (160, 160), (160, 37), (1, 1)])
def test_frame_count_matches_formula_and_brute_force(n, frame_len, hop):
    x = np.arange(n, dtype=np.float64)
    frames = S.frame_signal(x, frame_len, hop)
    starts = list(range(0, n - frame_len + 1, hop))  # every start whose frame fits, counted
    expected = 0 if n < frame_len else 1 + (n - frame_len) // hop
    assert frames.shape == (len(starts), frame_len)
    assert S.count_frames(n, frame_len, hop) == expected == len(starts)
    sliced = np.array([x[s : s + frame_len] for s in starts]).reshape(len(starts), frame_len)
    np.testing.assert_array_equal(frames, sliced)


def test_frame_signal_is_a_view_not_a_copy():
    x = noise(4000)
    frames = S.frame_signal(x, 400, 100)
    assert np.shares_memory(frames, x)
    assert not frames.flags.writeable


@pytest.mark.parametrize(
    "ms, sr, expected", [(10, 16000, 160), (100, 16000, 1600), (10, 44100, 441), (25, 22050, 551)]
)
def test_ms_to_samples(ms, sr, expected):
    assert S.ms_to_samples(ms, sr) == expected


# ---- windows and the STFT against librosa ------------------------------------------------


@pytest.mark.parametrize("name", S.WINDOWS)
@pytest.mark.parametrize("length", [160, 400, 401])
def test_windows_match_scipy_periodic_convention(name, length):
    import scipy.signal

    expected = scipy.signal.get_window(LIBROSA_WINDOW[name], length, fftbins=True)
    np.testing.assert_allclose(S.get_window(name, length), expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("window", S.WINDOWS)
@pytest.mark.parametrize(
    "n_fft, win_length",
    [(512, None), (512, 400), (2048, 1600), (256, 160), (255, None), (257, 200)],
    ids=["512", "512-pad-400", "2048-pad-1600", "256-pad-160", "odd-255", "odd-257-pad-200"],
)
@pytest.mark.parametrize("hop", [128, 160])
@pytest.mark.parametrize("center", [False, True])
def test_stft_matches_librosa(window, n_fft, win_length, hop, center):
    x = noise(6000, seed=n_fft + hop)
    ours = S.stft(x, n_fft, hop, win_length=win_length, window=window, center=center)
    theirs = librosa.stft(
        x,
        n_fft=n_fft,
        hop_length=hop,
        win_length=win_length,
        window=LIBROSA_WINDOW[window],
        center=center,
    )
    assert ours.shape == theirs.shape
    assert rel_err(ours, theirs) < 1e-6


@pytest.mark.parametrize("pad_mode", ["constant", "reflect"])
def test_centred_stft_matches_librosa_pad_mode(pad_mode):
    x = noise(5000, seed=3)
    ours = S.stft(x, 512, 128, center=True, pad_mode=pad_mode)
    theirs = librosa.stft(x, n_fft=512, hop_length=128, center=True, pad_mode=pad_mode)
    assert rel_err(ours, theirs) < 1e-6


def test_stft_keeps_librosa_dtype_for_float32():
    x = noise(4000).astype(np.float32)
    ours = S.stft(x, 512, 128)
    theirs = librosa.stft(x, n_fft=512, hop_length=128, center=False)
    assert ours.dtype == theirs.dtype == np.complex64
    assert rel_err(ours, theirs) < 1e-5  # both computed in single precision at the end


def test_stft_of_a_clip_shorter_than_n_fft_has_no_frames():
    assert S.stft(noise(100), 512, 128).shape == (257, 0)


@pytest.mark.parametrize("window", S.WINDOWS)
def test_windowed_fft_magnitudes_equal_librosa_for_the_same_samples(window):
    # librosa's frame k holds the window at offset (n_fft - win) // 2: the same samples as our
    # frame k of the signal shifted by that offset; zero padding placement only changes phase
    x = noise(8000, seed=5)
    n_fft, win, hop = 2048, 1600, 160
    offset = (n_fft - win) // 2
    ours = np.abs(S.windowed_fft(x[offset:], win, hop, n_fft=n_fft, window=window))
    theirs = np.abs(
        librosa.stft(
            x,
            n_fft=n_fft,
            hop_length=hop,
            win_length=win,
            window=LIBROSA_WINDOW[window],
            center=False,
        )
    )
    assert ours.shape[1] == S.count_frames(x.size - offset, win, hop)
    np.testing.assert_allclose(ours[:, : theirs.shape[1]], theirs, rtol=1e-9, atol=1e-9)


# ---- the DFT: Parseval, tones ------------------------------------------------


@pytest.mark.parametrize("n_fft", [256, 400])
def test_parseval_holds_for_each_rectangular_stft_frame(n_fft):
    # a one-sided spectrum counts every bin but DC and Nyquist twice (their mirror images)
    x = noise(3000, seed=11)
    spectrum = S.stft(x, n_fft, 100, window="rectangular")
    weights = np.full(n_fft // 2 + 1, 2.0)
    weights[0] = 1.0
    if n_fft % 2 == 0:
        weights[-1] = 1.0
    energy_freq = weights @ np.square(np.abs(spectrum)) / n_fft  # (n_frames,)
    energy_time = np.sum(S.frame_signal(x, n_fft, 100) ** 2, axis=1)
    np.testing.assert_allclose(energy_freq, energy_time, rtol=1e-10)


@pytest.mark.parametrize("window", S.WINDOWS)
@pytest.mark.parametrize("bin_index", [5, 64, 200])
@pytest.mark.parametrize("n_fft, win_length", [(512, None), (1024, 800)])
def test_tone_peaks_at_expected_bin(window, bin_index, n_fft, win_length):
    freq = bin_index * SR / n_fft
    spectrum = np.abs(S.stft(tone(freq, 0.5), n_fft, 160, win_length=win_length, window=window))
    assert np.all(np.argmax(spectrum, axis=0) == bin_index)
    assert S.fft_frequencies(SR, n_fft)[bin_index] == pytest.approx(freq)


def test_fft_frequencies_match_librosa():
    np.testing.assert_allclose(
        S.fft_frequencies(SR, 2048), librosa.fft_frequencies(sr=SR, n_fft=2048)
    )


# ---- dB ----------------------------------------------------------------------------------


@pytest.mark.parametrize("ref", [1.0, np.max])
@pytest.mark.parametrize("top_db", [80.0, None])
def test_to_db_matches_librosa(ref, top_db):
    spectrum = S.stft(noise(4000, seed=2) * np.linspace(0, 1, 4000), 512, 128)
    mag = np.abs(spectrum)
    np.testing.assert_allclose(
        S.to_db(np.square(np.abs(spectrum)), ref=ref, top_db=top_db),
        librosa.power_to_db(np.square(np.abs(spectrum)), ref=ref, top_db=top_db),
        atol=1e-9,
    )
    np.testing.assert_allclose(
        S.to_db(mag, ref=ref, top_db=top_db, kind="amplitude"),
        librosa.amplitude_to_db(mag, ref=ref, top_db=top_db),
        atol=1e-9,
    )


def test_to_db_of_a_tenfold_amplitude_is_20_db():
    assert S.to_db(np.array([10.0]), kind="amplitude", top_db=None)[0] == pytest.approx(20.0)
    assert S.to_db(np.array([10.0]), kind="power", top_db=None)[0] == pytest.approx(10.0)


# ---- resolution arithmetic -----------------------------------------------------------------


def test_resolution_numbers_for_the_textbook_setting():
    r = S.resolution(16000, 4 * 16000, window_ms=100, hop_ms=10, n_fft=2048)
    assert r.window_samples == 1600
    assert r.hop_samples == 160
    assert r.df_hz == 7.8125  # 16000 / 2048
    assert r.dt_s == pytest.approx(0.01)
    assert r.n_frames == 391  # 1 + (64000 - 1600) // 160
    assert r.n_bins == 1025
    assert r.nyquist_hz == 8000.0
    assert r.duration_s == 4.0
    assert r.window_df_hz == 10.0  # a 100 ms window resolves about 10 Hz, padding or not
    assert r.window_s == pytest.approx(0.1)


@pytest.mark.parametrize(
    "window_ms, n_fft, n_frames, df_hz",
    [(10, 256, 400, 62.5), (100, 2048, 391, 7.8125), (25, 512, 398, 31.25)],
)
def test_resolution_frames_agree_with_the_features_and_windowed_fft(
    window_ms, n_fft, n_frames, df_hz
):
    x = noise(4 * SR)
    r = S.resolution(SR, x.size, window_ms, 10, n_fft)
    assert (r.n_frames, r.df_hz) == (n_frames, df_hz)
    assert S.windowed_fft(x, r.window_samples, r.hop_samples, n_fft).shape == (r.n_bins, n_frames)


def test_centred_resolution_counts_librosa_frames():
    r = S.resolution(SR, 64000, 128, 10, 2048, center=True)
    assert r.n_frames == librosa.stft(noise(64000), n_fft=2048, hop_length=160).shape[1] == 401


# ---- the textbook's features ------------------------------------------------------------


@pytest.mark.parametrize("window_ms, frames", [(100, 391), (10, 400)])
def test_textbook_features_shape_for_a_4s_clip(window_ms, frames):
    feats = S.textbook_features(noise(4 * SR), SR, window_ms, 10)
    assert feats.shape == (frames, 100)
    assert feats.dtype == np.float32


@pytest.mark.parametrize("window_ms", [10, 100])
@pytest.mark.parametrize("band", [3, 37, 80])
def test_tone_energy_lands_in_its_band(window_ms, band):
    width = SR / 2 / 100  # 80 Hz
    feats = S.textbook_features(tone((band + 0.5) * width, 1.0), SR, window_ms, 10)
    assert np.all(np.argmax(feats, axis=1) == band)


@pytest.mark.parametrize("window_ms, n_bands", [(10, 100), (100, 100), (30, 40)])
def test_textbook_features_equal_a_per_band_loop_over_padded_ffts(window_ms, n_bands):
    x = noise(SR // 2, seed=9)
    win, hop = S.ms_to_samples(window_ms, SR), 160
    n_fft = S.textbook_n_fft(win, n_bands)
    freqs = np.fft.rfftfreq(n_fft, 1 / SR)
    edges = S.band_edges_hz(SR, n_bands)
    expected = []
    for start in range(0, x.size - win + 1, hop):
        mags = np.abs(np.fft.rfft(x[start : start + win], n=n_fft))
        row = []
        for b in range(n_bands):
            upper = freqs <= edges[b + 1] if b == n_bands - 1 else freqs < edges[b + 1]
            row.append(mags[(freqs >= edges[b]) & upper].mean())
        expected.append(row)
    raw = S.textbook_features(x, SR, window_ms, 10, n_bands=n_bands, log=False)
    np.testing.assert_allclose(raw, np.array(expected), rtol=1e-5)
    logged = S.textbook_features(x, SR, window_ms, 10, n_bands=n_bands)
    np.testing.assert_allclose(logged, np.log1p(np.array(expected)), rtol=1e-5)


@pytest.mark.parametrize(
    "window_samples, n_fft", [(160, 256), (1600, 2048), (441, 512), (2048, 2048)]
)
def test_textbook_n_fft_is_the_next_power_of_two(window_samples, n_fft):
    assert S.textbook_n_fft(window_samples, 100) == n_fft


def test_textbook_features_in_chunks_equal_one_transform_of_every_frame():
    # more frames than one chunk: the chunked bands equal the bands of one big FFT
    x = noise(SR * 2, seed=5)
    frames = S.frame_signal(x, 160, 16)  # (1991, 160), four chunks
    assert frames.shape[0] > 3 * S.FEATURE_CHUNK_FRAMES
    mags = np.abs(np.fft.rfft(frames, n=256, axis=1))  # (1991, 129)
    band_of_bin = np.minimum(np.arange(129) * 100 // 128, 99)
    expected = np.stack([mags[:, band_of_bin == b].mean(axis=1) for b in range(100)], axis=1)
    np.testing.assert_allclose(
        S.textbook_features(x, SR, 10, 1, log=False), expected, rtol=1e-5, atol=1e-6
    )


def test_textbook_features_of_silence_are_zero_and_of_a_short_clip_empty():
    assert np.all(S.textbook_features(np.zeros(SR), SR, 100, 10) == 0.0)
    assert S.textbook_features(np.zeros(100), SR, 100, 10).shape == (0, 100)


def test_log_features_turn_a_gain_into_a_near_constant_shift():
    # the reason log1p is the default: a 10x louder clip moves loud bands by about log(10)
    x = tone(1000, 1.0) + 0.05 * noise(SR)
    quiet, loud = (S.textbook_features(g * x, SR, 100, 10) for g in (1.0, 10.0))
    peak = np.argmax(quiet[0])
    # log1p(10 a) - log1p(a) = log 10 - O(1 / a), and a is about 80 in the tone's band
    assert np.allclose(loud[:, peak] - quiet[:, peak], np.log(10), atol=0.02)
    assert S.textbook_features(10 * x, SR, 100, 10, log=False).max() > 500  # raw: hundreds
    assert 0.0 <= loud.min() and loud.max() < 8.0  # logged: order one
