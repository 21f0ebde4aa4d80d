"""Tests for lstm_viz.labs.fft.rows: the rows a spectrogram is drawn in, against independent
truths (librosa's HTK mel filters, the mel formula, row edges worked out by hand)."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.audio import SAMPLE_RATE
from lstm_viz.labs.fft import rows as R

SR = SAMPLE_RATE


@pytest.mark.parametrize("axis", R.AXES)
@pytest.mark.parametrize("n_fft, fmax", [(512, 8000.0), (1024, 8000.0), (2048, 1000.0)])
def test_rows_are_equally_wide_in_plot_units_across_their_extent(axis, n_fft, fmax):
    rows = R.frequency_rows(axis, SR, n_fft, fmax)
    low, high = rows.extent
    n = len(rows.centers_hz)
    uniform = np.linspace(low, high, n + 1)  # where a picture of n equal rows puts its edges
    if axis == "log":
        uniform = np.geomspace(low, high, n + 1)
        np.testing.assert_allclose(uniform, rows.edges, rtol=1e-9)
    elif axis == "mel":
        np.testing.assert_allclose(uniform, rows.edges, rtol=1e-9)
    else:  # row r spans (r g - 1/2) df .. ((r + 1) g - 1/2) df; the drawn edges clip to 0, fmax
        g, df = rows.bins_per_row, SR / n_fft
        np.testing.assert_allclose(uniform, (np.arange(n + 1) * g - 0.5) * df)
        np.testing.assert_allclose(rows.edges[1:-1], uniform[1:-1])
        assert rows.edges[0] == 0.0 and rows.edges[-1] == min(uniform[-1], fmax)


@pytest.mark.parametrize("n_fft, n_mels, fmax", [(512, 40, 8000.0), (2048, 64, 4000.0)])
def test_mel_triangles_equal_librosa_htk_filters(n_fft, n_mels, fmax):
    import librosa

    expected = librosa.filters.mel(
        sr=SR, n_fft=n_fft, n_mels=n_mels, fmax=fmax, htk=True, norm=None
    )
    np.testing.assert_allclose(R.mel_triangles(SR, n_fft, n_mels, fmax), expected, atol=1e-6)


def test_mel_triangles_share_each_bin_out_exactly_once():
    tri = R.mel_triangles(SR, 2048, 64, 8000.0)
    freqs = np.arange(1025) * SR / 2048
    first, last = R.mel_to_hz(R.hz_to_mel(8000.0) / 65 * np.array([1, 64]))
    between = (freqs >= first) & (freqs <= last)
    np.testing.assert_allclose(tri.sum(axis=0)[between], 1.0, atol=1e-9)


def test_mel_bands_narrower_than_a_bin_take_the_nearest_bin():
    rows = R.frequency_rows("mel", SR, 256, 8000.0, n_mels=64)  # 62.5 Hz bins, ~27 Hz bands low
    empty = R.mel_triangles(SR, 256, 64, 8000.0).sum(axis=1) == 0
    assert empty.any()
    for b in np.flatnonzero(empty):
        assert rows.weights[b].sum() == 1.0
        assert np.argmax(rows.weights[b]) == round(rows.centers_hz[b] / 62.5)


@pytest.mark.parametrize("m", [0.0, 500.0, 1000.0, 2840.0])
def test_mel_conversions_invert_each_other_and_1000_hz_is_1000_mel(m):
    assert R.mel_to_hz(R.hz_to_mel(R.mel_to_hz(m))) == pytest.approx(float(R.mel_to_hz(m)))
    assert R.hz_to_mel(1000.0) == pytest.approx(1000.0, abs=0.1)


def test_band_rows_draw_given_bands_as_they_are():
    edges = np.linspace(0.0, 8000.0, 101)  # the classifier's 100 bands of 80 Hz
    rows = R.band_rows(edges)
    values = np.random.default_rng(0).random((100, 7))  # (bands, frames)
    np.testing.assert_array_equal(rows.apply(values), values)
    np.testing.assert_allclose(rows.centers_hz, np.arange(100) * 80.0 + 40.0)
    assert rows.extent == (0.0, 8000.0) and rows.axis == "linear"


@pytest.mark.parametrize("axis", R.AXES)
def test_rows_cover_zero_or_f_lo_up_to_fmax(axis):
    rows = R.frequency_rows(axis, SR, 512, 4000.0)
    low, high = R.mel_to_hz(rows.edges[[0, -1]]) if axis == "mel" else rows.edges[[0, -1]]
    expected_low = {"linear": 0.0, "log": max(R.LOG_FMIN_HZ, SR / 512)}.get(axis)
    if expected_low is not None:
        assert low == pytest.approx(expected_low)
        assert high == pytest.approx(4000.0)
    else:  # mel edges sit halfway between band centres: half a band inside 0 .. fmax
        step = R.hz_to_mel(4000.0) / 65
        assert rows.edges[0] == pytest.approx(step / 2) and rows.edges[-1] == pytest.approx(
            64.5 * step
        )


def test_unknown_axis_is_refused():
    with pytest.raises(ValueError, match="axis must be one of"):
        R.frequency_rows("bark", SR, 512, 8000.0)
