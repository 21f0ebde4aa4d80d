"""Tests for lstm_viz.labs.fft.compute: every number and sentence the FFT page shows, against
independent truths (np.fft frame by frame, librosa's mel filters, the signals' own formulas,
brute-force pooling, the resolution arithmetic worked by hand)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from lstm_viz.audio import SAMPLE_RATE, signals, urban
from lstm_viz.audio.io import decode_audio
from lstm_viz.audio.spectral import WINDOWS, get_window
from lstm_viz.labs.fft import compute as L

SR = SAMPLE_RATE


def full_magnitudes(x, window_ms, hop_ms, n_fft, window):
    """|rfft| of every frame, one np.fft call per frame: (n_bins, K) float64."""
    length, hop = round(window_ms * SR / 1000), round(hop_ms * SR / 1000)
    starts = range(0, len(x) - length + 1, hop)
    w = get_window(window, length)
    return np.stack(
        [np.abs(np.fft.rfft(x[s : s + length].astype(np.float64) * w, n_fft)) for s in starts],
        axis=1,
    )


@pytest.fixture(scope="module")
def two_tone_clip():
    return signals.two_tones(440.0, 480.0, seconds=1.0)


# ---- the resolution arithmetic beside the plot ---------------------------------------------


@pytest.mark.parametrize(
    "window_ms, length, n_fft, df, window_df",
    [(10, 160, 256, 62.5, 100.0), (25, 400, 512, 31.25, 40.0), (100, 1600, 2048, 7.8125, 10.0)],
)
def test_resolution_numbers_for_the_textbook_windows(window_ms, length, n_fft, df, window_df):
    x = signals.tone(440.0, seconds=2.0)
    spec = L.spectrogram(x, SR, L.SpectrogramConfig(window_ms=window_ms, hop_ms=10))
    r = spec.resolution
    assert (r.window_samples, r.hop_samples, spec.n_fft) == (length, 160, n_fft)
    assert r.df_hz == pytest.approx(df)  # sr / n_fft
    assert r.window_df_hz == pytest.approx(window_df)  # sr / L: 100 Hz for 10 ms, 10 Hz for 100 ms
    assert r.dt_s == pytest.approx(0.010)  # hop / sr
    assert r.n_bins == n_fft // 2 + 1
    assert r.n_frames == 1 + (32000 - length) // 160  # K = 1 + (N - L) // H


@pytest.mark.parametrize("n", [1600, 1601, 1759, 1760, 31694, 64000])
@pytest.mark.parametrize("window_ms, hop_ms", [(100, 10), (10, 10), (25, 5)])
def test_frames_drawn_equal_the_frames_counted(n, window_ms, hop_ms):
    x = np.random.default_rng(n).standard_normal(n).astype(np.float32)
    cfg = L.SpectrogramConfig(window_ms=window_ms, hop_ms=hop_ms)
    spec = L.spectrogram(x, SR, cfg)
    length, hop = round(window_ms * 16), round(hop_ms * 16)
    brute = len(range(0, n - length + 1, hop))  # every start whose whole frame fits
    assert spec.resolution.n_frames == brute == spec.peak_hz.shape[0]
    columns = spec.values.shape[1]
    assert (columns - 1) * spec.frames_per_column < brute <= columns * spec.frames_per_column
    assert L.feature_view(x, SR, window_ms, hop_ms).shape == (brute, 100)  # what the LSTM reads


@pytest.mark.parametrize("requested, expected, raised", [(0, 2048, False), (256, 2048, True)])
def test_fft_size_is_raised_to_hold_the_window(requested, expected, raised):
    cfg = L.SpectrogramConfig(window_ms=100, n_fft=requested)
    spec = L.spectrogram(signals.tone(440.0, seconds=0.5), SR, cfg)
    assert (spec.n_fft, spec.n_fft_raised) == (expected, raised)
    assert spec.resolution.n_fft == expected


@pytest.mark.parametrize(
    "length, requested, expected", [(160, 0, 256), (400, 4096, 4096), (1600, 1600, 1600)]
)
def test_fft_size_rule(length, requested, expected):
    assert L.fft_size(length, requested) == expected


# ---- the spectrogram's values ----------------------------------------------------------------


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("n_fft", [0, 1024])
def test_linear_spectrogram_is_the_magnitude_of_each_windowed_frame(window, n_fft):
    x = np.random.default_rng(1).standard_normal(8000).astype(np.float32)
    cfg = L.SpectrogramConfig(window_ms=20, hop_ms=10, n_fft=n_fft, window=window, fmax_hz=4000)
    spec = L.spectrogram(x, SR, cfg)
    truth = full_magnitudes(x, 20, 10, spec.n_fft, window)
    n_in = int(4000 / (SR / spec.n_fft)) + 1  # bins from 0 Hz to 4000 Hz inclusive
    if spec.rows.bins_per_row == 1:
        np.testing.assert_allclose(spec.values, truth[:n_in], rtol=2e-5, atol=1e-5)
    else:  # 1024-point FFT: 257 bins up to 4 kHz, pooled two by two
        g = spec.rows.bins_per_row
        pooled = np.stack([truth[i : min(i + g, n_in)].max(axis=0) for i in range(0, n_in, g)])
        np.testing.assert_allclose(spec.values, pooled, rtol=2e-5, atol=1e-5)


def test_long_clip_is_max_pooled_to_the_display_size():
    x = np.random.default_rng(2).standard_normal(6 * SR).astype(np.float32)
    cfg = L.SpectrogramConfig(window_ms=64, hop_ms=5, n_fft=1024)  # 1188 frames x 513 bins
    spec = L.spectrogram(x, SR, cfg)
    truth = full_magnitudes(x, 64, 5, 1024, "hann")  # (513, 1188)
    assert spec.values.shape[1] <= L.MAX_DISPLAY_FRAMES
    assert spec.values.shape[0] <= L.MAX_DISPLAY_ROWS
    g_t, g_f = spec.frames_per_column, spec.rows.bins_per_row
    assert (g_t, g_f) == (3, 2)
    brute = np.array(
        [
            [truth[i : i + g_f, j : j + g_t].max() for j in range(0, truth.shape[1], g_t)]
            for i in range(0, truth.shape[0], g_f)
        ]
    )
    np.testing.assert_allclose(spec.values, brute, rtol=2e-5, atol=1e-5)
    assert spec.values.dtype == np.float32


def test_log_rows_hold_their_loudest_bin_or_the_nearest_one():
    x = np.random.default_rng(3).standard_normal(4000).astype(np.float32)
    cfg = L.SpectrogramConfig(window_ms=25, hop_ms=10, axis="log")
    spec = L.spectrogram(x, SR, cfg)
    truth = full_magnitudes(x, 25, 10, 512, "hann")
    freqs = np.arange(257) * SR / 512
    edges = spec.rows.edges
    np.testing.assert_allclose(edges[0], max(20.0, SR / 512))
    np.testing.assert_allclose(np.diff(np.log(edges)), np.log(edges[1] / edges[0]))  # log-spaced
    for r in (0, 1, 40, len(edges) - 2):
        inside = (freqs >= edges[r]) & ((freqs < edges[r + 1]) | (r == len(edges) - 2))
        if inside.any():
            expected = truth[inside].max(axis=0)
        else:
            expected = truth[np.argmin(np.abs(freqs - np.sqrt(edges[r] * edges[r + 1])))]
        np.testing.assert_allclose(spec.values[r], expected, rtol=2e-5, atol=1e-5)


def test_mel_spectrogram_equals_librosa_melspectrogram_of_the_magnitude():
    import librosa

    x = signals.chirp(100.0, 4000.0, seconds=1.0)
    cfg = L.SpectrogramConfig(window_ms=128, hop_ms=16, n_fft=2048, axis="mel", n_mels=64)
    spec = L.spectrogram(x, SR, cfg)
    truth = full_magnitudes(x, 128, 16, 2048, "hann")  # window = n_fft: no band is empty
    basis = librosa.filters.mel(sr=SR, n_fft=2048, n_mels=64, fmax=8000.0, htk=True, norm=None)
    np.testing.assert_allclose(spec.values, basis @ truth, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(
        spec.rows.centers_hz, librosa.mel_frequencies(66, fmax=8000.0, htk=True)[1:-1]
    )


# ---- dB --------------------------------------------------------------------------------------


def test_db_puts_the_loudest_cell_at_zero_and_floors_at_minus_80():
    values = np.array([[10.0, 1.0], [1e-3, 0.0]])
    db = L.scaled(values, "db", ref=10.0)
    np.testing.assert_allclose(db, [[0.0, -20.0], [-80.0, -80.0]], atol=1e-5)
    np.testing.assert_array_equal(L.scaled(values, "linear", ref=10.0), values.astype(np.float32))


def test_spectrogram_ref_is_its_largest_value():
    spec = L.spectrogram(signals.tone(1000.0, seconds=0.5), SR, L.SpectrogramConfig())
    assert spec.ref == float(spec.values.max())
    assert L.scaled(spec.values, "db", spec.ref).max() == pytest.approx(0.0, abs=1e-6)


# ---- what to notice --------------------------------------------------------------------------


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("gap_hz", [30.0, 40.0])
def test_100_ms_resolves_two_close_tones_and_10_ms_does_not(window, gap_hz):
    x = signals.two_tones(440.0, 440.0 + gap_hz, seconds=1.0)
    for window_ms, n_fft, resolved in [(100, 0, True), (10, 0, False), (10, 4096, False)]:
        cfg = L.SpectrogramConfig(window_ms=window_ms, n_fft=n_fft, window=window)
        frame = L.frame_view(x, SR, cfg, 20)
        dip = L.dip_between_db(frame.freqs_hz, frame.magnitude, 440.0, 440.0 + gap_hz)
        assert L.tones_resolved(frame.freqs_hz, frame.magnitude, 440.0, 440.0 + gap_hz) is resolved
        assert dip > 6.0 if resolved else dip < 1.0


def test_the_built_in_two_tones_signal_shows_the_trade_off():
    x = L.builtin_clip(L.Source("signal", "two_tones"))
    f1, f2 = (dict(signals.TEACHING_SIGNALS["two_tones"].kwargs)[k] for k in ("f1", "f2"))
    for window_ms, resolved in [(100, True), (10, False)]:
        frame = L.frame_view(x, SR, L.SpectrogramConfig(window_ms=window_ms), 30)
        assert L.tones_resolved(frame.freqs_hz, frame.magnitude, f1, f2) is resolved


@pytest.mark.parametrize("window, margin_db", [("hann", 40.0), ("hamming", 15.0)])
def test_tapered_windows_leak_far_less_than_the_rectangular_slice(window, margin_db):
    x = signals.tone(443.0, seconds=0.5)  # between two bins of a 25 ms frame: worst-case leakage
    far = {}
    for name in ("rectangular", window):
        frame = L.frame_view(x, SR, L.SpectrogramConfig(window_ms=25, window=name), 5)
        db = L.scaled(frame.magnitude, "db", frame.magnitude.max())
        far[name] = db[frame.freqs_hz >= 1500].max()  # leakage 1 kHz and more from the tone
    assert far["rectangular"] > -40 and far[window] < far["rectangular"] - margin_db


def test_dip_of_a_single_peak_is_zero_and_of_a_clear_valley_its_depth():
    freqs = np.arange(8) * 10.0
    assert L.dip_between_db(freqs, [0, 1, 4, 1, 0, 0, 0, 0], 15.0, 25.0) == 0.0
    assert L.dip_between_db(freqs, [0, 10, 1, 1, 10, 0, 0, 0], 10.0, 40.0) == pytest.approx(20.0)


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("axis", L.AXES)
@pytest.mark.parametrize("freq", [440.0, 1000.0, 3000.0])
def test_a_tone_peaks_at_its_frequency_on_every_axis(window, axis, freq):
    cfg = L.SpectrogramConfig(window_ms=50, window=window, axis=axis)
    frame = L.frame_view(signals.tone(freq, seconds=0.5), SR, cfg, 3)
    width = SR / frame.samples.shape[0] * 2  # half the main lobe of the widest window
    assert abs(frame.peak_hz - freq) <= SR / L.fft_size(800) / 2  # the nearest bin
    loudest = frame.freqs_hz[np.argmax(frame.magnitude)]
    assert abs(loudest - freq) <= (width if axis != "mel" else 0.12 * freq)


@pytest.mark.parametrize(
    "name, law",
    [
        ("chirp_linear", lambda f0, f1, u: f0 + (f1 - f0) * u),
        ("chirp_log", lambda f0, f1, u: f0 * (f1 / f0) ** u),
    ],
)
def test_the_chirps_peak_frequency_rises_as_its_formula_says(name, law):
    kwargs = dict(signals.TEACHING_SIGNALS[name].kwargs)
    x = L.builtin_clip(L.Source("signal", name))
    cfg = L.SpectrogramConfig(window_ms=25, hop_ms=10)
    spec = L.spectrogram(x, SR, cfg)
    centres = (np.arange(spec.resolution.n_frames) * 160 + 200) / SR  # frame centres, s
    expected = law(kwargs["f0"], kwargs["f1"], centres / kwargs["seconds"])
    assert np.all(np.diff(spec.peak_hz) >= 0)  # never falls from one frame to the next
    assert spec.peak_hz[-1] > 10 * spec.peak_hz[0]
    # within one bin plus the sweep during half a window
    sweep = (
        (kwargs["f1"] - kwargs["f0"]) / kwargs["seconds"] * 0.0125 if name == "chirp_linear" else 0
    )
    np.testing.assert_array_less(np.abs(spec.peak_hz - expected), 31.25 + sweep + 0.02 * expected)


def test_click_train_is_a_comb_in_long_windows_and_flat_in_short_ones():
    x = L.builtin_clip(L.Source("signal", "click_train"))  # 100 clicks a second
    cfg = L.SpectrogramConfig(window_ms=100, n_fft=1600, window="rectangular")  # 10 Hz bins
    long = L.frame_view(x, SR, cfg, 10)
    teeth = long.magnitude[np.isin(long.freqs_hz, np.arange(0, 8001, 100))]
    between = long.magnitude[~np.isin(long.freqs_hz, np.arange(0, 8001, 100))]
    assert teeth.size == 81 and teeth.min() > 1000 * between.max()  # lines every 100 Hz
    short = L.frame_view(
        x, SR, L.SpectrogramConfig(window_ms=5, hop_ms=10, window="rectangular"), 1
    )
    assert np.count_nonzero(short.samples) == 1  # one click in the frame
    np.testing.assert_allclose(short.magnitude, short.magnitude[0], rtol=1e-6)  # flat


def test_a_voice_like_harmonic_tone_shows_its_harmonics_as_peaks_on_the_mel_axis():
    t = np.arange(SR) / SR
    x = sum(np.sin(2 * np.pi * 150.0 * k * t) / k for k in range(1, 9)).astype(np.float32)
    frame = L.frame_view(x, SR, L.SpectrogramConfig(window_ms=50, axis="mel", n_mels=96), 5)
    m = frame.magnitude
    peaks = frame.freqs_hz[1:-1][(m[1:-1] > m[:-2]) & (m[1:-1] > m[2:])]  # local maxima
    for k in range(1, 6):  # each of the first harmonics is a peak within one mel band
        assert np.min(np.abs(peaks - 150.0 * k)) < 0.1 * 150.0 * k


# ---- one frame -------------------------------------------------------------------------------


@pytest.mark.parametrize("window", WINDOWS)
def test_frame_view_is_the_slice_the_window_and_its_fft(window, two_tone_clip):
    cfg = L.SpectrogramConfig(window_ms=25, hop_ms=10, window=window, fmax_hz=4000)
    frame = L.frame_view(two_tone_clip, SR, cfg, 7)
    np.testing.assert_array_equal(frame.samples, two_tone_clip[1120:1520])
    np.testing.assert_allclose(
        frame.windowed, two_tone_clip[1120:1520] * get_window(window, 400), atol=1e-7
    )
    assert (frame.start_s, frame.end_s) == (0.07, 0.095)
    truth = np.abs(np.fft.rfft(frame.windowed.astype(np.float64), 512))[:129]  # 0..4000 Hz
    np.testing.assert_allclose(frame.magnitude, truth, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(frame.freqs_hz, np.arange(129) * 31.25)


def test_frame_view_agrees_with_the_spectrogram_column(two_tone_clip):
    for axis in L.AXES:
        cfg = L.SpectrogramConfig(window_ms=25, hop_ms=10, axis=axis)
        spec = L.spectrogram(two_tone_clip, SR, cfg)
        frame = L.frame_view(two_tone_clip, SR, cfg, 12)
        if axis == "mel":
            np.testing.assert_allclose(frame.magnitude, spec.values[:, 12], rtol=1e-5, atol=1e-6)
        else:
            assert frame.magnitude.max() == pytest.approx(spec.values[:, 12].max(), rel=1e-5)


@pytest.mark.parametrize("k", [-1, 96])
def test_frame_view_refuses_a_frame_outside_the_clip(k, two_tone_clip):
    with pytest.raises(IndexError):
        L.frame_view(two_tone_clip, SR, L.SpectrogramConfig(window_ms=50), k)  # 96 frames


def test_column_edges_centre_each_frame():
    spec = L.spectrogram(signals.tone(300.0, seconds=1.0), SR, L.SpectrogramConfig(window_ms=100))
    edges = spec.column_edges_s
    np.testing.assert_allclose((edges[:-1] + edges[1:]) / 2, np.arange(91) * 0.01 + 0.05)


# ---- the record ------------------------------------------------------------------------------


def test_envelope_keeps_every_peak():
    x = np.random.default_rng(4).standard_normal(64_123).astype(np.float32)
    env = L.waveform_envelope(x, SR)
    assert env.times_s.shape[0] <= L.ENVELOPE_COLUMNS
    assert env.high.max() == x.max() and env.low.min() == x.min()
    g = 65  # ceil(64123 / 1000)
    assert env.high[3] == x[3 * g : 4 * g].max() and env.low[3] == x[3 * g : 4 * g].min()


def test_analyse_plays_what_it_analyses():
    x = L.builtin_clip(L.Source("urban", "siren", 2))
    record = L.analyse(x, SR, L.SpectrogramConfig())
    decoded = decode_audio(record.wav)
    assert decoded.sr == SR
    np.testing.assert_allclose(decoded.samples, x, atol=1 / 32767 + 1e-6)  # no normalisation


def test_feature_view_is_the_textbook_features_with_80_hz_bands():
    from lstm_viz.audio.spectral import textbook_features

    x = L.builtin_clip(L.Source("urban", "dog_bark", 1))
    view = L.feature_view(x, SR, 100, 10)
    np.testing.assert_array_equal(view.values, textbook_features(x, SR, 100, 10))
    assert view.frames_per_row == 1 and view.n_fft == 2048
    np.testing.assert_allclose(np.diff(view.band_edges_hz), 80.0)


def test_clip_shorter_than_the_window_gets_one_sentence():
    with pytest.raises(L.ClipShorterThanWindow) as error:
        L.spectrogram(np.ones(800, np.float32), SR, L.SpectrogramConfig(window_ms=100))
    assert str(error.value).count(". ") == 0 and str(error.value).endswith(".")
    assert error.value.params == {"ms": 50, "window_ms": 100}


# ---- sources ---------------------------------------------------------------------------------


def test_builtin_sources_are_deterministic_and_seeded():
    siren = L.Source("urban", "siren", 5)
    np.testing.assert_array_equal(L.builtin_clip(siren), urban.make_clip(8, 5))
    np.testing.assert_array_equal(L.builtin_clip(siren), L.builtin_clip(siren))
    a, b = (L.builtin_clip(L.Source("signal", "white_noise", s)) for s in (0, 1))
    assert not np.array_equal(a, b)
    np.testing.assert_array_equal(a, signals.white_noise(2.0, seed=0))


@pytest.mark.parametrize("source", [L.Source("urban", "nope"), L.Source("tape", "x")])
def test_unknown_sources_are_refused(source):
    with pytest.raises(ValueError):
        L.builtin_clip(source)


def test_compute_module_does_not_import_streamlit():
    code = "import sys, lstm_viz.labs.fft.compute; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# ---- the comparison and the frame's numbers ------------------------------------------------


@pytest.mark.parametrize("time_s", [0.0, 0.0123, 0.5, 0.987, 5.0])
@pytest.mark.parametrize("window_ms", [10.0, 100.0])
def test_frame_near_picks_the_frame_whose_centre_is_closest(time_s, window_ms):
    x = signals.tone(440.0, seconds=1.0)
    record = L.analyse(x, SR, L.SpectrogramConfig(window_ms=window_ms, hop_ms=10))
    length = round(window_ms * 16)
    centres = (np.arange(1 + (16000 - length) // 160) * 160 + length / 2) / SR  # brute force
    frame = L.frame_near(record, time_s)
    assert abs(frame.centre_s - time_s) == pytest.approx(np.abs(centres - time_s).min())
    np.testing.assert_array_equal(frame.samples, x[frame.first_sample : frame.last_sample + 1])


def test_frame_view_names_its_first_and_last_sample():
    x = signals.tone(440.0, seconds=1.0)
    frame = L.frame_view(x, SR, L.SpectrogramConfig(window_ms=25, hop_ms=10), 10)
    assert (frame.first_sample, frame.last_sample) == (1600, 1999)  # k H .. k H + L - 1
    assert frame.centre_s == pytest.approx(0.1125)


@pytest.mark.parametrize("scale, peak, half", [("linear", 1.0, 0.5), ("db", 0.0, -6.0206)])
def test_relative_spectrum_puts_its_own_peak_at_one_or_zero_db(scale, peak, half):
    rel = L.relative_to_peak(np.array([4.0, 2.0, 0.0], np.float32), scale)
    np.testing.assert_allclose(
        rel, [peak, half, 0.0 if scale == "linear" else L.DB_FLOOR], atol=1e-4
    )


@pytest.mark.parametrize("window_ms, resolved", [(100.0, True), (10.0, False)])
def test_tone_split_says_which_window_tells_the_two_tones_apart(window_ms, resolved):
    source = L.Source("signal", "two_tones")
    record = L.analyse(L.builtin_clip(source), SR, L.SpectrogramConfig(window_ms=window_ms))
    frame = L.frame_near(record, 1.0)
    split = L.tone_split(source, frame)
    f1, f2 = (dict(signals.TEACHING_SIGNALS["two_tones"].kwargs)[k] for k in ("f1", "f2"))
    assert (split.f1_hz, split.f2_hz, split.resolved) == (f1, f2, resolved)
    assert split.dip_db == L.dip_between_db(frame.freqs_hz, frame.magnitude, f1, f2)
    assert split.dip_db > 6.0 if resolved else split.dip_db < 1.0


@pytest.mark.parametrize("source", [L.Source("signal", "tone_440"), L.Source("urban", "siren")])
def test_tone_split_is_only_for_the_two_tones_signal(source):
    record = L.analyse(L.builtin_clip(source), SR, L.SpectrogramConfig())
    assert L.tone_split(source, L.frame_near(record, 0.5)) is None


@pytest.mark.parametrize(
    "sr, fmax, shown", [(16000, 8000.0, 8000.0), (16000, 2000.0, 2000.0), (8000, 8000.0, 4000.0)]
)
def test_frequency_axis_top_is_fmax_or_nyquist(sr, fmax, shown):
    x = np.random.default_rng(5).standard_normal(sr).astype(np.float32)
    spec = L.spectrogram(x, sr, L.SpectrogramConfig(fmax_hz=fmax))
    assert spec.fmax_shown_hz == shown


def test_feature_rows_are_the_80_hz_bands():
    x = L.builtin_clip(L.Source("urban", "dog_bark", 1))
    rows = L.feature_view(x, SR, 25, 10).rows
    np.testing.assert_allclose(rows.edges, np.arange(101) * 80.0)
    assert rows.extent == (0.0, 8000.0)
