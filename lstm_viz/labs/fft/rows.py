"""The rows of a drawn spectrogram: how the n_fft // 2 + 1 FFT bins become linear, log or mel rows.

Frequency rows, from 0 Hz (the log axis: from f_lo) up to ``fmax_hz``:
    linear  bins, or runs of g consecutive bins: row r spans (r g - 1/2) .. ((r + 1) g - 1/2) df,
            a row shows the largest |X| of its bins (max-pooling: a tone stays visible)
    log     R rows log-spaced from f_lo = max(20 Hz, df) to f_max; a row holds its largest bin,
            or the bin nearest its centre when it is narrower than one bin
    mel     triangular bands T_b equally spaced in mel (HTK: m = 2595 log10(1 + f / 700)) from
            0 to mel(f_max), as ``librosa.filters.mel(htk=True, norm=None)``: a band shows
            sum_f T_b(f) |X[f]|, as ``librosa.feature.melspectrogram(power=1)`` with those
            filters. Neighbouring triangles add up to one at every frequency between the first
            and last centre, so each bin's |X| is shared out, never counted twice; a band
            narrower than one bin (it holds none) takes the bin nearest its centre.

Row edges are in plot units: Hz on the linear and log axes, mel on the mel axis. In those units
every row is equally wide (linear, mel) or equally wide in log f (log) across ``extent``, so one
picture of R equal rows stretched over ``extent`` puts each row where its edges say.

References: librosa.filters.mel (McFee et al., librosa 0.11); Slaney (1998) and Young et al.,
The HTK Book, for the mel formula.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from lstm_viz.audio.spectral import fft_frequencies, hz_to_mel, mel_to_hz

AXES = ("linear", "log", "mel")
MAX_DISPLAY_ROWS = 257  # heatmap rows shipped: a 512-point FFT's 257 bins stay unpooled
LOG_FMIN_HZ = 20.0  # the log axis starts here (or at the first bin above 0 Hz if higher)


def mel_triangles(sr: int, n_fft: int, n_mels: int, fmax_hz: float) -> np.ndarray:
    """Triangular mel filters peaking at 1, (n_mels, n_fft // 2 + 1).

    Equal to ``librosa.filters.mel(sr=sr, n_fft=n_fft, n_mels=n_mels, fmax=fmax_hz, htk=True,
    norm=None)``; written out because librosa's first call costs about 1.5 s of imports.
    """
    mel_f = mel_to_hz(np.linspace(0.0, hz_to_mel(fmax_hz), n_mels + 2))  # (n_mels + 2,) Hz
    ramps = mel_f[:, None] - fft_frequencies(sr, n_fft)[None, :]  # (n_mels + 2, n_bins)
    fdiff = np.diff(mel_f)  # (n_mels + 1,)
    lower = -ramps[:-2] / fdiff[:-1, None]  # rising edge of band i, from centre i - 1
    upper = ramps[2:] / fdiff[1:, None]  # falling edge, down to centre i + 1
    return np.maximum(0.0, np.minimum(lower, upper))  # (n_mels, n_bins)


@dataclass(frozen=True)
class FrequencyRows:
    """How the n_fft // 2 + 1 bins become the rows drawn (see the module docstring)."""

    axis: str
    edges: np.ndarray  # (R + 1,) row edges in plot units: Hz (linear, log) or mel (mel)
    centers_hz: np.ndarray  # (R,) each row's centre in Hz, for tooltips
    bins_per_row: int  # g of the linear axis (1: every bin is a row); 0 on log and mel axes
    extent: tuple[float, float]  # (low, high) if every row were as wide as the others in plot
    # units: where a picture of the rows is stretched (the linear axis's first row starts at
    # -df / 2 and its last may be partial, so ``edges`` alone would squeeze the picture)
    index: np.ndarray = dataclasses.field(repr=False)  # linear/log: bins gathered for pooling
    starts: np.ndarray = dataclasses.field(repr=False)  # linear/log: each row's start in index
    weights: np.ndarray | None = dataclasses.field(default=None, repr=False)  # mel: (R, n_bins)

    def apply(self, mag: np.ndarray) -> np.ndarray:
        """Rows from bin magnitudes: (n_bins, n) -> (R, n)."""
        if self.weights is not None:
            return self.weights @ mag
        return np.maximum.reduceat(mag[self.index], self.starts, axis=0)


def frequency_rows(
    axis: str,
    sr: int,
    n_fft: int,
    fmax_hz: float,
    n_mels: int = 64,
    max_rows: int = MAX_DISPLAY_ROWS,
) -> FrequencyRows:
    """The rows of ``axis`` for an FFT of ``n_fft`` at ``sr``, up to ``fmax_hz``."""
    freqs = fft_frequencies(sr, n_fft)  # (n_bins,)
    df = sr / n_fft
    fmax = min(float(fmax_hz), sr / 2)
    n_in = int(np.searchsorted(freqs, fmax, side="right"))  # bins from 0 Hz up to fmax
    if axis == "linear":
        g = -(-n_in // max_rows)  # ceil: bins pooled per row
        starts = np.arange(0, n_in, g)  # (R,)
        edges = (np.append(starts, n_in) - 0.5) * df
        edges[0] = 0.0
        edges[-1] = min(edges[-1], fmax)
        centers = (starts + (np.minimum(starts + g, n_in) - 1)) / 2 * df
        extent = (-0.5 * df, (len(starts) * g - 0.5) * df)
        return FrequencyRows(axis, edges, centers, g, extent, np.arange(n_in), starts)
    if axis == "log":
        f_lo = max(LOG_FMIN_HZ, df)
        n_rows = max(2, min(max_rows, int(np.sum((freqs >= f_lo) & (freqs <= fmax)))))
        edges = np.geomspace(f_lo, fmax, n_rows + 1)  # (R + 1,)
        centers = np.sqrt(edges[:-1] * edges[1:])
        first = np.searchsorted(freqs, edges[:-1], side="left")  # first bin in each row
        stop = np.searchsorted(freqs, edges[1:], side="left")
        stop[-1] = n_in  # the top row includes fmax itself
        nearest = np.clip(np.round(centers / df).astype(np.int64), 0, n_in - 1)
        # each row gathers its own bins, or just the nearest bin when it holds none
        ranges = [
            np.arange(a, b) if b > a else np.array([c])
            for a, b, c in zip(first, stop, nearest, strict=True)
        ]
        counts = np.array([r.size for r in ranges])
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        extent = (float(edges[0]), float(edges[-1]))
        return FrequencyRows(axis, edges, centers, 0, extent, np.concatenate(ranges), starts)
    if axis == "mel":
        tri = mel_triangles(sr, n_fft, n_mels, fmax)  # (n_mels, n_bins)
        empty = tri.sum(axis=1) == 0  # bands narrower than one bin
        step = hz_to_mel(fmax) / (n_mels + 1)
        centers = mel_to_hz(step * np.arange(1, n_mels + 1))  # (n_mels,) Hz
        weights = tri  # (n_mels, n_bins), a fresh array: safe to fill in
        nearest = np.clip(np.round(centers[empty] / df).astype(np.int64), 0, n_in - 1)
        weights[np.flatnonzero(empty), nearest] = 1.0
        edges = step * (np.arange(n_mels + 1) + 0.5)  # halfway between centres, in mel
        extent = (float(edges[0]), float(edges[-1]))
        no_index = np.zeros(0, np.int64)
        return FrequencyRows(axis, edges, centers, 0, extent, no_index, no_index, weights)
    raise ValueError(f"axis must be one of {AXES}, got {axis!r}")


def band_rows(edges_hz: np.ndarray) -> FrequencyRows:
    """Linear rows that are given bands (the classifier's 100 bands of ``textbook_features``).

    Only for drawing values already computed per band: the rows pool nothing (``apply`` is the
    identity), and the picture spans the bands' own edges.
    """
    edges = np.asarray(edges_hz, dtype=np.float64)  # (R + 1,)
    centers = (edges[:-1] + edges[1:]) / 2
    index = np.arange(len(centers))
    extent = (float(edges[0]), float(edges[-1]))
    return FrequencyRows("linear", edges, centers, 1, extent, index, index)
