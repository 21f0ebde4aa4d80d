"""The FFT spectrogram page's numbers: a clip in, one record of everything the page draws.

One frame convention throughout, the textbook's (``spectral.windowed_fft``): frame k is the
L window samples x[k H .. k H + L - 1], multiplied by the window w and zero-padded to n_fft,

    X[f, k] = sum_{m < L} w[m] x[k H + m] exp(-2 pi i f m / n_fft),   K = 1 + (N - L) // H,

so the resolution arithmetic beside the plot (``spectral.resolution``: delta-t = H / sr,
delta-f = sr / n_fft, K frames, n_fft // 2 + 1 bins) counts exactly the frames and bins drawn.
The FFT size is at least the window: asking for less raises it to the next power of two >= L.

Display. The page ships at most MAX_DISPLAY_FRAMES x MAX_DISPLAY_ROWS cells (float32); a larger
spectrogram is max-pooled (a click or a tone stays visible when neighbours merge), which the
page states. The frequency rows (linear, log or mel, up to ``fmax_hz``) are
``lstm_viz.labs.fft.rows``'s.
Magnitude: linear |X|, or dB = 20 log10(|X| / ref) with ref the largest value drawn, so the
loudest cell is 0 dB, floored at DB_FLOOR. An all-zero spectrogram (silence, or frames the window
zeroes) has no loudest cell: every cell is drawn at the floor, never at 0 dB.

Resolving two tones. A window of L samples blurs a tone over a main lobe whose width is a
multiple of sr / L: two tones at least RESOLVING_FACTOR[window] x sr / L apart always show two
peaks with a dip of RESOLVED_DIP_DB between them, whatever their phases (tests/
test_spectrogram_claims.py sweeps L, the tones' frequencies and phases); closer tones may blur.

Cost. One analysis transforms K frames into the spectrogram's bins and the features' bins;
``analysis_cost`` counts those values and ``analyse`` refuses more than MAX_CELLS
(``SettingOverBudget``) before computing anything, so one request's memory and time stay bounded.

The classifier's input is ``spectral.textbook_features`` of the same clip with the same window
and hop (always a rectangular window, as in the textbook): (K, 100), one row per frame.

References: Oppenheim & Schafer, Discrete-Time Signal Processing, ch. 10 (time-dependent Fourier
transform, the window's time/frequency trade-off); librosa.filters.mel (McFee et al.).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from lstm_viz.audio import SAMPLE_RATE, signals, urban
from lstm_viz.audio.io import encode_wav
from lstm_viz.audio.spectral import (
    WINDOWS,
    Resolution,
    band_edges_hz,
    count_frames,
    fft_frequencies,
    get_window,
    ms_to_samples,
    resolution,
    textbook_features,
    textbook_n_fft,
    to_db,
    windowed_fft,
)
from lstm_viz.labs.fft.rows import (
    AXES,
    LOG_FMIN_HZ,
    MAX_DISPLAY_ROWS,
    FrequencyRows,
    band_rows,
    frequency_rows,
)

SCALES = ("linear", "db")
MAX_DISPLAY_FRAMES = 400  # heatmap columns shipped to the browser
DB_FLOOR = -80.0  # dB below the loudest cell: quieter cells are drawn at this floor
ENVELOPE_COLUMNS = 1000  # min/max pairs drawn for the waveform
_CHUNK_FRAMES = 512  # frames transformed at once: bounds memory for a 30 s clip at a 1 ms hop
COMPARE_WINDOWS_MS = (10.0, 100.0)  # the textbook's two windows, compared side by side
RESOLVED_DIP_DB = 3.0  # two tones count as told apart when the spectrum dips this much between
# the gap, in units of sr / L, from which two equal tones always dip at least RESOLVED_DIP_DB
# between their peaks on the page's bins: any phase, any window length and n_fft the page offers
# (the coarsest, auto n_fft, needs most; the worst dip measured at these factors is 4.4 dB)
RESOLVING_FACTOR = {"rectangular": 2.25, "hann": 2.75, "hamming": 2.5}
# FFT values (frames x bins, spectrogram plus features) one analysis may compute. Every setting
# on a built-in 2 s clip fits (the heaviest, 200 ms every 1 ms: 1,801 x 4,098 = 7.4 million);
# a 30 s upload at a 1 ms hop (29,976 x 514 = 15.4 million with 25 ms) is refused
MAX_CELLS = 8_000_000


class ClipShorterThanWindow(ValueError):
    """The clip holds no whole frame; ``str()`` is one sentence, ``params`` its numbers."""

    def __init__(self, seconds: float, window_ms: float) -> None:
        super().__init__(
            f"The clip lasts {seconds * 1000:.0f} ms, shorter than one {window_ms:g} ms window; "
            "choose a shorter window or a longer clip."
        )
        self.params = {"ms": round(seconds * 1000), "window_ms": window_ms}


class SettingOverBudget(ValueError):
    """The setting would compute more than MAX_CELLS values; ``params`` holds its numbers."""

    def __init__(self, frames: int, bins: int) -> None:
        super().__init__(
            f"This setting needs {frames:,} frames x {bins:,} bins = {frames * bins:,} values, "
            f"over the page's budget of {MAX_CELLS:,}; choose a longer hop, a shorter window or "
            "a shorter clip."
        )
        self.params = {"frames": frames, "bins": bins, "budget": MAX_CELLS}


# ---------------------------------------------------------------- sources


@dataclass(frozen=True)
class Source:
    """A built-in clip: an urban sound (``kind="urban"``, ``name`` a class) or a teaching signal."""

    kind: str  # "urban" or "signal"
    name: str  # urban.CLASSES entry, or a key of signals.TEACHING_SIGNALS
    seed: int = 0  # which clip of the class; the noise's seed for "white_noise"


def builtin_clip(source: Source, sr: int = SAMPLE_RATE) -> np.ndarray:
    """The samples of a built-in source, (n,) float32 at ``sr``; the same source, the same clip."""
    if source.kind == "urban":
        if source.name not in urban.CLASSES:
            raise ValueError(f"unknown urban sound {source.name!r}")
        return urban.make_clip(urban.CLASSES.index(source.name), source.seed, sr)
    if source.kind == "signal":
        teaching = signals.TEACHING_SIGNALS[source.name]
        if teaching.kind == "white_noise":  # the page's seed picks the noise
            kwargs = tuple((k, source.seed if k == "seed" else v) for k, v in teaching.kwargs)
            teaching = dataclasses.replace(teaching, kwargs=kwargs)
        return teaching.signal(sr)
    raise ValueError(f"unknown source kind {source.kind!r}")


# ---------------------------------------------------------------- configuration


@dataclass(frozen=True)
class SpectrogramConfig:
    """The page's analysis settings; frozen, so it is the cache key."""

    window_ms: float = 25.0  # frame length L; the textbook compares 10 and 100 ms
    hop_ms: float = 10.0  # H, the textbook's "interval"
    n_fft: int = 0  # 0: the smallest power of two >= L; a request below L is raised to that
    window: str = "hann"  # one of spectral.WINDOWS; the textbook slices: "rectangular"
    axis: str = "linear"  # frequency rows: one of AXES
    fmax_hz: float = 8000.0  # top of the frequency axis (clipped to Nyquist)
    n_mels: int = 64  # bands of the mel axis

    def __post_init__(self) -> None:
        if self.window not in WINDOWS:
            raise ValueError(f"window must be one of {WINDOWS}, got {self.window!r}")
        if self.axis not in AXES:
            raise ValueError(f"axis must be one of {AXES}, got {self.axis!r}")
        if self.window_ms <= 0 or self.hop_ms <= 0 or self.fmax_hz < 100 or self.n_mels < 4:
            raise ValueError("window and hop must be positive, fmax_hz >= 100, n_mels >= 4")


def fft_size(window_samples: int, requested: int = 0) -> int:
    """The FFT size used: ``requested`` if it holds the window, else the next power of two >= L."""
    if requested >= window_samples:
        return requested
    return 1 << (window_samples - 1).bit_length()


def analysis_cost(n_samples: int, sr: int, config: SpectrogramConfig) -> tuple[int, int]:
    """(K frames, bins per frame): the spectrogram's n_fft // 2 + 1 plus the features' bins."""
    length = ms_to_samples(config.window_ms, sr)
    frames = count_frames(n_samples, length, ms_to_samples(config.hop_ms, sr))
    bins = fft_size(length, config.n_fft) // 2 + 1 + textbook_n_fft(length) // 2 + 1
    return frames, bins


# ---------------------------------------------------------------- the spectrogram


@dataclass(frozen=True)
class Spectrogram:
    """One spectrogram, ready to draw: linear magnitudes pooled to at most the display size."""

    config: SpectrogramConfig
    resolution: Resolution  # delta-t, delta-f, K frames, bins: the numbers beside the plot
    n_fft: int  # the FFT size used (``config.n_fft`` raised to hold the window, or auto)
    n_fft_raised: bool  # True when a requested FFT size was too small for the window
    values: np.ndarray = dataclasses.field(repr=False)  # (R, C) float32 |X|, max-pooled
    rows: FrequencyRows = dataclasses.field(repr=False)
    frames_per_column: int  # frames max-pooled into one column (1: every frame is a column)
    ref: float  # the largest value drawn: 0 dB
    peak_hz: np.ndarray = dataclasses.field(repr=False)  # (K,) loudest bin up to fmax, per frame

    @property
    def column_edges_s(self) -> np.ndarray:
        """(C + 1,) column edges in s: a frame sits at its centre (k H + L / 2) / sr +- H / 2."""
        r, g = self.resolution, self.frames_per_column
        k = np.arange(self.values.shape[1] + 1) * g  # first frame of each column
        return (k * r.hop_samples + r.window_samples / 2 - r.hop_samples / 2) / r.sr

    @property
    def silent(self) -> bool:
        """Every drawn value is zero: in dB the whole picture sits at the floor."""
        return self.ref == 0.0

    @property
    def fmax_shown_hz(self) -> float:
        """The top of the frequency axis: ``config.fmax_hz``, or Nyquist if that is lower."""
        return min(self.config.fmax_hz, self.resolution.sr / 2)


def spectrogram(samples: np.ndarray, sr: int, config: SpectrogramConfig) -> Spectrogram:
    """|X| of every frame, turned into the rows of ``config.axis`` and pooled for display."""
    samples = np.asarray(samples, dtype=np.float32)  # (N,)
    length = ms_to_samples(config.window_ms, sr)
    hop = ms_to_samples(config.hop_ms, sr)
    n_fft = fft_size(length, config.n_fft)
    res = resolution(sr, samples.shape[0], config.window_ms, config.hop_ms, n_fft)
    n_frames = count_frames(samples.shape[0], length, hop)
    if n_frames == 0:
        raise ClipShorterThanWindow(samples.shape[0] / sr, config.window_ms)
    rows = frequency_rows(config.axis, sr, n_fft, config.fmax_hz, config.n_mels, MAX_DISPLAY_ROWS)
    freqs = fft_frequencies(sr, n_fft)
    n_in = int(np.searchsorted(freqs, min(config.fmax_hz, sr / 2), side="right"))
    g = -(-n_frames // MAX_DISPLAY_FRAMES)  # frames per column
    chunk = g * max(1, _CHUNK_FRAMES // g)  # a whole number of columns per chunk
    columns, peaks = [], []
    for start in range(0, n_frames, chunk):
        stop = min(n_frames, start + chunk)
        segment = samples[start * hop : (stop - 1) * hop + length]
        mag = np.abs(windowed_fft(segment, length, hop, n_fft, config.window))  # (n_bins, n)
        peaks.append(freqs[np.argmax(mag[:n_in], axis=0)])
        pooled = rows.apply(mag)  # (R, n)
        columns.append(np.maximum.reduceat(pooled, np.arange(0, stop - start, g), axis=1))
    values = np.concatenate(columns, axis=1).astype(np.float32)  # (R, C)
    return Spectrogram(
        config=config,
        resolution=res,
        n_fft=n_fft,
        n_fft_raised=0 < config.n_fft < length,
        values=values,
        rows=rows,
        frames_per_column=g,
        ref=float(values.max()),
        peak_hz=np.concatenate(peaks).astype(np.float32),
    )


def scaled(values: np.ndarray, scale: str, ref: float) -> np.ndarray:
    """What the colour (or the spectrum's y) shows: |X| as it is, or dB re ``ref`` floored.

    ``ref`` 0 means the spectrogram is all zeros: silence is drawn at the floor in dB.
    """
    if scale == "linear":
        return np.asarray(values, dtype=np.float32)
    if scale == "db" and ref <= 0.0:
        return np.full(np.shape(values), DB_FLOOR, dtype=np.float32)
    if scale == "db":
        db = to_db(values, ref=ref, kind="amplitude", top_db=None)
        return np.maximum(db, DB_FLOOR).astype(np.float32)
    raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")


# ---------------------------------------------------------------- one frame


@dataclass(frozen=True)
class FrameView:
    """Frame k: its samples, the window applied, and its spectrum on the page's axis."""

    index: int
    first_sample: int  # k H: the frame is samples k H .. k H + L - 1 of the clip
    start_s: float  # k H / sr
    end_s: float  # (k H + L) / sr
    samples: np.ndarray = dataclasses.field(repr=False)  # (L,) the slice of the clip
    windowed: np.ndarray = dataclasses.field(repr=False)  # (L,) w[m] * the slice
    positions: np.ndarray = dataclasses.field(repr=False)  # (P,) x of the spectrum: Hz or mel
    freqs_hz: np.ndarray = dataclasses.field(repr=False)  # (P,)
    magnitude: np.ndarray = dataclasses.field(repr=False)  # (P,) |X| (mel: band sums)
    peak_hz: float  # the loudest bin up to fmax (0 Hz when the frame is silent)

    @property
    def silent(self) -> bool:
        """The windowed frame is all zeros (no sound, or only where w[m] = 0): no peak at all."""
        return not np.any(self.windowed)

    @property
    def last_sample(self) -> int:
        return self.first_sample + self.samples.shape[0] - 1

    @property
    def centre_s(self) -> float:
        return (self.start_s + self.end_s) / 2


def frame_view(samples: np.ndarray, sr: int, config: SpectrogramConfig, k: int) -> FrameView:
    """Frame ``k`` at full resolution: every bin up to fmax (from f_lo if log; bands if mel)."""
    length = ms_to_samples(config.window_ms, sr)
    hop = ms_to_samples(config.hop_ms, sr)
    n_fft = fft_size(length, config.n_fft)
    n_frames = count_frames(len(samples), length, hop)
    if not 0 <= k < n_frames:
        raise IndexError(f"frame {k} is outside 0..{n_frames - 1}")
    piece = np.asarray(samples[k * hop : k * hop + length], dtype=np.float32)  # (L,)
    mag = np.abs(windowed_fft(piece, length, hop, n_fft, config.window))[:, 0]  # (n_bins,)
    freqs = fft_frequencies(sr, n_fft)
    n_in = int(np.searchsorted(freqs, min(config.fmax_hz, sr / 2), side="right"))
    peak = float(freqs[np.argmax(mag[:n_in])])
    if config.axis == "mel":
        rows = frequency_rows("mel", sr, n_fft, config.fmax_hz, config.n_mels)
        centers_mel = (rows.edges[:-1] + rows.edges[1:]) / 2
        positions, freqs_hz, values = centers_mel, rows.centers_hz, rows.apply(mag[:, None])[:, 0]
    else:
        low = max(LOG_FMIN_HZ, sr / n_fft) if config.axis == "log" else 0.0
        keep = slice(int(np.searchsorted(freqs, low, side="left")), n_in)
        positions = freqs_hz = freqs[keep]
        values = mag[keep]
    return FrameView(
        index=k,
        first_sample=k * hop,
        start_s=k * hop / sr,
        end_s=(k * hop + length) / sr,
        samples=piece,
        windowed=(piece * get_window(config.window, length)).astype(np.float32),
        positions=np.asarray(positions, dtype=np.float64),
        freqs_hz=np.asarray(freqs_hz, dtype=np.float64),
        magnitude=np.asarray(values, dtype=np.float32),
        peak_hz=peak,
    )


def dip_between_db(freqs_hz: np.ndarray, magnitude: np.ndarray, f1: float, f2: float) -> float:
    """How far (dB) the spectrum sinks between the peaks near ``f1`` and ``f2`` (0: one peak).

    Each peak is the loudest bin within half the tones' spacing of its tone (the nearest bin if
    none lies that close); the dip is the quietest bin strictly between the two peaks, compared
    with the weaker peak. Two tones are told apart when the dip is clear (``tones_resolved``).
    Each peak must be a local maximum of the spectrum (0 otherwise): a short frame at a null of
    the two tones' beat shows two humps far from both tones, with a dip between them, and that
    is no sign that the tones are told apart.
    """
    freqs_hz, magnitude = np.asarray(freqs_hz), np.asarray(magnitude, dtype=np.float64)
    half = abs(f2 - f1) / 2

    def peak_bin(f: float) -> int:
        near = np.flatnonzero(np.abs(freqs_hz - f) < half)
        if near.size == 0:
            return int(np.argmin(np.abs(freqs_hz - f)))
        return int(near[np.argmax(magnitude[near])])

    p1, p2 = sorted((peak_bin(f1), peak_bin(f2)))
    if p2 - p1 < 2:
        return 0.0

    def is_local_max(p: int) -> bool:
        left = magnitude[p - 1] if p > 0 else -np.inf
        right = magnitude[p + 1] if p + 1 < magnitude.size else -np.inf
        return magnitude[p] >= max(left, right)

    if not (is_local_max(p1) and is_local_max(p2)):
        return 0.0
    weaker = min(magnitude[p1], magnitude[p2])
    valley = max(float(magnitude[p1 + 1 : p2].min()), 1e-12 * max(weaker, 1e-300))
    return float(max(0.0, 20.0 * np.log10(weaker / valley)))


def tones_resolved(
    freqs_hz: np.ndarray,
    magnitude: np.ndarray,
    f1: float,
    f2: float,
    dip_db: float = RESOLVED_DIP_DB,
) -> bool:
    """Two peaks with at least ``dip_db`` dB of valley between them (the Rayleigh-like test)."""
    return dip_between_db(freqs_hz, magnitude, f1, f2) >= dip_db


@dataclass(frozen=True)
class ToneSplit:
    """Whether one frame tells the two tones of a two-tone signal apart."""

    f1_hz: float
    f2_hz: float
    dip_db: float  # ``dip_between_db`` of the frame's spectrum
    resolved: bool  # dip_db >= RESOLVED_DIP_DB


def tone_split(source: Source, frame: FrameView) -> ToneSplit | None:
    """For a two-tone teaching signal, how deep ``frame``'s spectrum dips between the tones."""
    teaching = signals.TEACHING_SIGNALS.get(source.name) if source.kind == "signal" else None
    if teaching is None or teaching.kind != "two_tones":
        return None
    kwargs = dict(teaching.kwargs)
    f1, f2 = float(kwargs["f1"]), float(kwargs["f2"])
    dip = dip_between_db(frame.freqs_hz, frame.magnitude, f1, f2)
    return ToneSplit(f1, f2, dip, dip >= RESOLVED_DIP_DB)


def relative_to_peak(magnitude: np.ndarray, scale: str) -> np.ndarray:
    """A spectrum against its own peak: |X| / max |X|, or in dB re max |X| (floored).

    Spectra of different windows differ in overall level (a 100 ms frame sums ten times as
    many samples); against its own peak each one peaks at 1 (0 dB), so their shapes compare.
    """
    magnitude = np.asarray(magnitude, dtype=np.float32)
    peak = float(magnitude.max())
    if scale == "db":
        return scaled(magnitude, "db", peak)  # a silent frame: all at the floor
    return magnitude / np.float32(peak) if peak > 0 else magnitude


# ---------------------------------------------------------------- the page's record


@dataclass(frozen=True)
class Envelope:
    """The waveform for drawing: min and max of each of C runs of samples."""

    times_s: np.ndarray  # (C,) start of each run
    low: np.ndarray  # (C,) float32
    high: np.ndarray  # (C,) float32


def waveform_envelope(samples: np.ndarray, sr: int, n_columns: int = ENVELOPE_COLUMNS) -> Envelope:
    """Min/max per run of ceil(N / n_columns) samples: every peak of the clip stays drawn."""
    samples = np.asarray(samples, dtype=np.float32)
    g = max(1, -(-samples.shape[0] // n_columns))
    starts = np.arange(0, samples.shape[0], g)  # (C,)
    return Envelope(
        times_s=starts / sr,
        low=np.minimum.reduceat(samples, starts),
        high=np.maximum.reduceat(samples, starts),
    )


@dataclass(frozen=True)
class FeatureView:
    """The matrix the classifier reads: ``textbook_features``, pooled over frames for display."""

    shape: tuple[int, int]  # (K, n_bands) as the LSTM gets it
    values: np.ndarray = dataclasses.field(
        repr=False
    )  # (C, n_bands) float32 log(1 + |X| band mean)
    frames_per_row: int  # frames max-pooled into one drawn row
    band_edges_hz: np.ndarray = dataclasses.field(repr=False)  # (n_bands + 1,)
    n_fft: int  # the features' own FFT size (spectral.textbook_n_fft)

    @property
    def rows(self) -> FrequencyRows:
        """The bands as frequency rows, to draw the matrix time along x like the spectrogram."""
        return band_rows(self.band_edges_hz)


def feature_view(samples: np.ndarray, sr: int, window_ms: float, hop_ms: float) -> FeatureView:
    """``textbook_features(samples, sr, window_ms, hop_ms)`` and how it is drawn."""
    features = textbook_features(samples, sr, window_ms, hop_ms)  # (K, 100)
    g = max(1, -(-features.shape[0] // MAX_DISPLAY_FRAMES))
    pooled = np.maximum.reduceat(features, np.arange(0, features.shape[0], g), axis=0)
    return FeatureView(
        shape=features.shape,
        values=pooled.astype(np.float32),
        frames_per_row=g,
        band_edges_hz=band_edges_hz(sr, features.shape[1]),
        n_fft=textbook_n_fft(ms_to_samples(window_ms, sr), features.shape[1]),
    )


@dataclass(frozen=True)
class LabRecord:
    """Everything the page draws for one clip and one setting (picklable, for st.cache_data)."""

    samples: np.ndarray = dataclasses.field(repr=False)  # (N,) float32, what is analysed
    sr: int
    wav: bytes = dataclasses.field(repr=False)  # 16-bit PCM of ``samples`` at their own level
    envelope: Envelope = dataclasses.field(repr=False)
    spectrogram: Spectrogram
    features: FeatureView


def analyse(samples: np.ndarray, sr: int, config: SpectrogramConfig) -> LabRecord:
    """The page's one call: playback bytes, waveform, spectrogram and the classifier's features."""
    samples = np.asarray(samples, dtype=np.float32)
    frames, bins = analysis_cost(samples.shape[0], sr, config)
    if frames * bins > MAX_CELLS:
        raise SettingOverBudget(frames, bins)
    return LabRecord(
        samples=samples,
        sr=sr,
        wav=encode_wav(samples, sr),
        envelope=waveform_envelope(samples, sr),
        spectrogram=spectrogram(samples, sr, config),
        features=feature_view(samples, sr, config.window_ms, config.hop_ms),
    )


def frame_near(record: LabRecord, time_s: float) -> FrameView:
    """The frame of ``record`` whose centre (k H + L / 2) / sr is nearest to ``time_s``."""
    r = record.spectrogram.resolution
    k = round((time_s * r.sr - r.window_samples / 2) / r.hop_samples)
    k = int(np.clip(k, 0, r.n_frames - 1))
    return frame_view(record.samples, r.sr, record.spectrogram.config, k)
