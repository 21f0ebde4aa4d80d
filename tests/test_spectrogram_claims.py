"""Claims harness of the FFT page: every sentence it teaches, checked against the numbers for every
demo signal and every option the sentence depends on (window function, window length, n_fft, hop).

Each test names the catalogue key it pins. Sentences worded from the run's own numbers (the frame
caption, the dip verdict, the resolution lines) are checked for their general part only.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from lstm_viz.audio import SAMPLE_RATE
from lstm_viz.audio.spectral import (
    WINDOWS,
    fft_frequencies,
    frame_signal,
    get_window,
    ms_to_samples,
    windowed_fft,
)
from lstm_viz.labs.fft import compute as lab
from lstm_viz.labs.fft import strings as fft_text
from lstm_viz.labs.fft import text

SR = SAMPLE_RATE
ROOT = Path(__file__).resolve().parents[1]


def _page_constants():
    """The page's option lists, read from its source without running Streamlit."""
    source = (ROOT / "pages/4_FFT_spectrogram.py").read_text()
    namespace: dict = {}
    for name in ("WINDOW_MS", "HOP_MS"):
        line = next(ln for ln in source.splitlines() if ln.startswith(f"{name} = "))
        exec(line, namespace)  # a tuple of literals
    return namespace["WINDOW_MS"], namespace["HOP_MS"]


WINDOW_MS, HOP_MS = (tuple(float(v) for v in values) for values in _page_constants())
N_FFT_OPTIONS = (0, 256, 512, 1024, 2048, 4096)  # 0: auto
assert importlib.util.find_spec("lstm_viz.labs.fft.compute") is not None


def spectrum(frame: np.ndarray, window: str, n_fft: int) -> tuple[np.ndarray, np.ndarray]:
    """(freqs, |X|) of one frame as the page computes it."""
    mag = np.abs(windowed_fft(frame, frame.shape[0], frame.shape[0], n_fft, window))[:, 0]
    return fft_frequencies(SR, n_fft), mag


# ---- fft.res_window and fft.notice_1: the resolving gap is RESOLVING_FACTOR x sr / L -------------


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("window_ms", [10.0, 25.0, 100.0])
@pytest.mark.parametrize("requested", [0, 4096])
def test_tones_the_resolving_gap_apart_always_show_two_peaks(window, window_ms, requested):
    length = ms_to_samples(window_ms, SR)
    n_fft = lab.fft_size(length, requested)
    m = np.arange(length)
    for factor in (lab.RESOLVING_FACTOR[window], lab.RESOLVING_FACTOR[window] + 0.5):
        gap = factor * SR / length
        for f0 in (440.0, 1000.3, 2513.7):
            for phase in np.linspace(0, 2 * np.pi, 8, endpoint=False):
                x = np.sin(2 * np.pi * f0 * m / SR) + np.sin(
                    2 * np.pi * (f0 + gap) * m / SR + phase
                )
                freqs, mag = spectrum(x, window, n_fft)
                dip = lab.dip_between_db(freqs, mag, f0, f0 + gap)
                assert dip >= lab.RESOLVED_DIP_DB, (factor, f0, phase, dip)


@pytest.mark.parametrize("window", ["hann", "hamming"])
def test_tapered_windows_blur_tones_one_sr_over_l_apart(window):
    # "closer ones may blur": at 1 x sr / L most phases give one peak with Hann and Hamming
    length = ms_to_samples(25.0, SR)
    m, gap = np.arange(length), SR / length
    blurred = 0
    for phase in np.linspace(0, 2 * np.pi, 8, endpoint=False):
        x = np.sin(2 * np.pi * 1000 * m / SR) + np.sin(2 * np.pi * (1000 + gap) * m / SR + phase)
        freqs, mag = spectrum(x, window, 4096)
        blurred += lab.dip_between_db(freqs, mag, 1000, 1000 + gap) < lab.RESOLVED_DIP_DB
    assert blurred >= 6


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_resolution_line_names_the_windows_own_gap(window, lang):
    res = lab.spectrogram(
        np.ones(SR, np.float32), SR, lab.SpectrogramConfig(window_ms=25, window=window)
    ).resolution
    line = text.resolution_lines(res, window, lang)[2]
    gap = lab.RESOLVING_FACTOR[window] * 40  # sr / L = 16000 / 400
    assert f"**{gap:g} Hz**" in line and f"{lab.RESOLVING_FACTOR[window]:g} × sr / L" in line


def test_notice_1_states_the_factors_compute_uses():
    for lang, names in (
        ("en", ("the rectangular", "Hamming", "Hann")),
        ("ko", ("사각", "Hamming", "Hann")),
    ):
        sentence = fft_text.STRINGS["fft.notice_1"][lang]
        for window, name in zip(("rectangular", "hamming", "hann"), names, strict=True):
            factor = f"{lab.RESOLVING_FACTOR[window]:g} × sr / L"
            assert factor in sentence[sentence.index(name) - 40 : sentence.index(name) + 40]


# ---- fft.notice_2 and fft.try_1: the built-in two tones, 100 ms vs 10 ms ------------------------


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("requested", N_FFT_OPTIONS)
def test_two_tones_split_at_100_ms_and_blur_at_10_ms_on_every_frame(window, requested):
    x = lab.builtin_clip(lab.Source("signal", "two_tones"))
    source = lab.Source("signal", "two_tones")
    for window_ms, resolved in ((100.0, True), (10.0, False)):
        config = lab.SpectrogramConfig(
            window_ms=window_ms, hop_ms=1, n_fft=requested, window=window
        )
        n_frames = lab.count_frames(len(x), ms_to_samples(window_ms, SR), 16)
        for k in range(0, n_frames, 37):  # frames at every phase of the 30 Hz beat
            split = lab.tone_split(source, lab.frame_view(x, SR, config, k))
            assert split.resolved is resolved, (window_ms, k, split.dip_db)


# ---- fft.try_3: the click train --------------------------------------------------------------


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("hop_ms", HOP_MS)
def test_a_5_ms_frame_of_the_click_train_is_flat_or_zero_and_some_are_flat(window, hop_ms):
    x = lab.builtin_clip(lab.Source("signal", "click_train"))
    length, hop = ms_to_samples(5, SR), ms_to_samples(hop_ms, SR)
    n_fft = lab.fft_size(length)
    mags = np.abs(windowed_fft(x, length, hop, n_fft, window))  # (bins, K)
    frames = frame_signal(x, length, hop) * get_window(window, length)  # (K, L)
    assert np.all(np.count_nonzero(frame_signal(x, length, hop), axis=1) <= 1)  # never two
    flat = np.all(np.isclose(mags, mags[:1], rtol=1e-5, atol=0), axis=0)  # (K,)
    zero = ~np.any(frames, axis=1)
    assert np.all(flat | zero)
    assert np.count_nonzero(flat & ~zero) > 0  # a click seen, whatever the hop and window
    spec = lab.spectrogram(x, SR, lab.SpectrogramConfig(window_ms=5, hop_ms=hop_ms, window=window))
    assert not spec.silent


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("requested", [0, 2048, 4096])
def test_a_100_ms_frame_of_the_click_train_is_a_comb_every_100_hz(window, requested):
    x = lab.builtin_clip(lab.Source("signal", "click_train"))
    config = lab.SpectrogramConfig(window_ms=100, n_fft=requested, window=window, fmax_hz=8000)
    frame = lab.frame_view(x, SR, config, 50)
    db = 20 * np.log10(np.maximum(frame.magnitude, 1e-12) / frame.magnitude.max())

    def at(f):
        return db[np.argmin(np.abs(frame.freqs_hz - f))]

    teeth = np.array([at(f) for f in range(100, 7901, 100)])
    between = np.array([at(f + 50) for f in range(100, 7901, 100)])
    assert np.all(teeth > -3.0) and np.all(teeth - between > 10.0)


# ---- silence: an all-zero frame or spectrogram is drawn at the dB floor, never at 0 dB ----------


def test_an_all_zero_spectrogram_sits_at_the_floor_and_is_said():
    spec = lab.spectrogram(np.zeros(SR, np.float32), SR, lab.SpectrogramConfig())
    assert spec.silent and spec.ref == 0.0
    np.testing.assert_array_equal(lab.scaled(spec.values, "db", spec.ref), lab.DB_FLOOR)
    assert any("floor (-80 dB)" in note for note in text.display_notes(spec, "en"))
    np.testing.assert_array_equal(lab.relative_to_peak(np.zeros(5), "db"), lab.DB_FLOOR)
    np.testing.assert_array_equal(lab.relative_to_peak(np.zeros(5), "linear"), 0.0)


def test_a_silent_frame_has_no_peak_sentence():
    # a click on a frame's first sample, where the periodic Hann window is 0
    x = np.zeros(SR, np.float32)
    x[::160] = 0.5
    config = lab.SpectrogramConfig(window_ms=5, hop_ms=10, window="hann")
    frame = lab.frame_view(x, SR, config, 3)
    assert frame.silent
    caption = text.frame_caption(frame, 99, "en")
    assert "no peak" in caption and "peaks at" not in caption
    rectangular = lab.SpectrogramConfig(window_ms=5, hop_ms=10, window="rectangular")
    assert not lab.frame_view(x, SR, rectangular, 3).silent  # the same click, seen


# ---- fft.try_2: leakage of the pure tone ---------------------------------------------------------


@pytest.mark.parametrize("window_ms", WINDOW_MS)
@pytest.mark.parametrize("requested", N_FFT_OPTIONS)
def test_hann_cuts_the_pure_tones_far_leakage_by_tens_of_db(window_ms, requested):
    x = lab.builtin_clip(lab.Source("signal", "tone_440"))
    far = {}
    for window in ("rectangular", "hann"):
        config = lab.SpectrogramConfig(window_ms=window_ms, n_fft=requested, window=window)
        frame = lab.frame_view(x, SR, config, 3)
        db = 20 * np.log10(np.maximum(frame.magnitude, 1e-12) / frame.magnitude.max())
        far[window] = np.median(db[frame.freqs_hz > 2000])  # far from the 440 Hz peak
    assert far["rectangular"] - far["hann"] >= 20.0, far


# ---- fft.notice_3: the chirps ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["chirp_linear", "chirp_log"])
@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("window_ms", WINDOW_MS)
def test_the_chirps_peak_climbs_over_the_clip(name, window, window_ms):
    # notice_3: each quarter of the clip peaks higher than the one before; frame to frame the
    # peak may fall (it does for short windows and fast sweeps), which the sentence allows
    x = lab.builtin_clip(lab.Source("signal", name))
    for hop_ms in (1.0, 10.0):
        config = lab.SpectrogramConfig(window_ms=window_ms, hop_ms=hop_ms, window=window)
        spec = lab.spectrogram(x, SR, config)
        quarters = [np.median(q) for q in np.array_split(spec.peak_hz, 4)]
        assert np.all(np.diff(quarters) > 0), (hop_ms, quarters)
        assert spec.peak_hz[-1] > 3 * max(spec.peak_hz[0], SR / spec.n_fft)


# ---- fft.notice_4: the LSTM's matrix -----------------------------------------------------------


@pytest.mark.parametrize("window_ms", WINDOW_MS)
@pytest.mark.parametrize("hop_ms", HOP_MS)
def test_the_lstm_reads_k_steps_of_100_numbers(window_ms, hop_ms):
    x = lab.builtin_clip(lab.Source("urban", "siren", 0))
    view = lab.feature_view(x, SR, window_ms, hop_ms)
    length, hop = ms_to_samples(window_ms, SR), ms_to_samples(hop_ms, SR)
    assert view.shape == (1 + (len(x) - length) // hop, 100)


# ---- the budget: every built-in setting fits, a long upload at a fine hop does not -------------


@pytest.mark.parametrize("hop_ms", HOP_MS)
@pytest.mark.parametrize("requested", [0, 4096])
def test_every_setting_on_a_built_in_clip_fits_the_budget(hop_ms, requested):
    n = max(len(lab.builtin_clip(lab.Source("signal", "tone_440"))), 2 * SR)
    for window_ms in WINDOW_MS:
        config = lab.SpectrogramConfig(window_ms=window_ms, hop_ms=hop_ms, n_fft=requested)
        frames, bins = lab.analysis_cost(n, SR, config)
        assert frames * bins <= lab.MAX_CELLS


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_30_s_clip_at_a_1_ms_hop_is_refused_in_one_sentence(lang):
    x = np.zeros(30 * SR, np.float32)
    with pytest.raises(lab.SettingOverBudget) as caught:
        lab.analyse(x, SR, lab.SpectrogramConfig(window_ms=25, hop_ms=1))
    assert caught.value.params == {"frames": 29976, "bins": 514, "budget": lab.MAX_CELLS}
    sentence = fft_text.error_message(caught.value, lang)
    assert "29,976" in sentence and "514" in sentence and "15,407,664" in sentence
    assert f"{lab.MAX_CELLS:,}" in sentence
    if lang == "en":
        assert sentence == str(caught.value).replace(" x ", " × ")
