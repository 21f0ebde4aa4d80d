"""From waveform to the matrix an LSTM reads: framing, windows, STFT and the textbook's features.

A signal x[n] sampled at sr Hz is cut into frames of L samples every H samples (the hop):

    frame_k[m] = x[k H + m],   m = 0 .. L-1,   k = 0 .. K-1,   K = 1 + (N - L) // H   (0 if N < L)

Each frame is multiplied by a window w[m] and (zero-padded to n_fft >= L) Fourier transformed:

    X[k, f] = sum_m w[m] frame_k[m] exp(-2 pi i f m / n_fft),   f = 0 .. n_fft // 2

(real input, so the bins above n_fft // 2 mirror these). Bin f sits at f * sr / n_fft Hz.

Resolution arithmetic (what the spectrogram page shows beside the plot):
    delta-t = H / sr           seconds between frames
    delta-f = sr / n_fft       Hz between bins; zero padding (n_fft > L) only interpolates,
                               the window's own resolving power stays about sr / L
    bins    = n_fft // 2 + 1   from 0 Hz to the Nyquist frequency sr / 2

Windows use the periodic ("fftbins") convention of ``scipy.signal.get_window(..., fftbins=True)``,
which ``librosa.stft`` uses, so that ``stft`` here equals ``librosa.stft`` with the same arguments:
    rectangular  w[m] = 1                          (the textbook's: a plain slice of the signal)
    hann         w[m] = 0.5  - 0.5  cos(2 pi m / L)
    hamming      w[m] = 0.54 - 0.46 cos(2 pi m / L)

The textbook's features (``textbook_features``): rectangular frames of ``window_ms`` every
``hop_ms``, |FFT| averaged into 100 equal-width bands from 0 Hz to Nyquist, one 100-vector per
frame: the sequence the LSTM reads.

References: Oppenheim & Schafer, Discrete-Time Signal Processing, ch. 8 and 10 (DFT, STFT);
librosa.stft / librosa.filters.mel (McFee et al., librosa 0.11); Harris (1978), "On the use of
windows for harmonic analysis with the discrete Fourier transform".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

WINDOWS = ("rectangular", "hann", "hamming")
# frames transformed at once by ``textbook_features``: a 30 s clip at a 1 ms hop with a 200 ms
# window would otherwise hold 29,801 x 2,049 complex values (about 1 GB) at once
FEATURE_CHUNK_FRAMES = 512


def ms_to_samples(ms: float, sr: int) -> int:
    """Samples in ``ms`` milliseconds at ``sr`` Hz, rounded (10 ms at 16 kHz is 160)."""
    n = int(round(ms * sr / 1000.0))
    if n < 1:
        raise ValueError(f"{ms} ms at {sr} Hz is less than one sample")
    return n


def count_frames(n_samples: int, frame_len: int, hop: int) -> int:
    """K = 1 + (N - L) // H whole frames fit in N samples; 0 when the signal is shorter than L."""
    if frame_len < 1 or hop < 1:
        raise ValueError("frame_len and hop must be at least 1 sample")
    return 0 if n_samples < frame_len else 1 + (n_samples - frame_len) // hop


def frame_signal(signal: np.ndarray, frame_len: int, hop: int) -> np.ndarray:
    """Frames of ``frame_len`` samples every ``hop`` samples, as a read-only strided view.

    Returns (n_frames, frame_len) with ``frames[k] == signal[k*hop : k*hop + frame_len]``; no
    copy is made, so framing a 4 s clip costs nothing however much the frames overlap.
    """
    signal = np.asarray(signal)
    if signal.ndim != 1:
        raise ValueError(f"signal must be 1-D, got shape {signal.shape}")
    n_frames = count_frames(signal.shape[0], frame_len, hop)
    if n_frames == 0:
        return np.empty((0, frame_len), dtype=signal.dtype)
    windows = np.lib.stride_tricks.sliding_window_view(signal, frame_len)  # (N - L + 1, L)
    return windows[::hop]  # (n_frames, frame_len)


def get_window(name: str, length: int) -> np.ndarray:
    """The periodic window ``name`` of ``length`` samples (float64), as scipy with fftbins=True."""
    m = np.arange(length)
    if name == "rectangular":
        return np.ones(length)
    if name == "hann":
        return 0.5 - 0.5 * np.cos(2.0 * np.pi * m / length)
    if name == "hamming":
        return 0.54 - 0.46 * np.cos(2.0 * np.pi * m / length)
    raise ValueError(f"unknown window {name!r}; choose one of {', '.join(WINDOWS)}")


def stft(
    signal: np.ndarray,
    n_fft: int,
    hop: int,
    win_length: int | None = None,
    window: str = "hann",
    center: bool = False,
    pad_mode: str = "constant",
) -> np.ndarray:
    """Short-time Fourier transform, equal to ``librosa.stft`` called with the same arguments.

    As in librosa, every frame is n_fft samples long and a shorter window (win_length < n_fft)
    sits in its middle, zero on both sides; with ``center`` the signal is first padded by
    n_fft // 2 on each side (``np.pad`` mode ``pad_mode``) so frame k is centred on sample k*hop.
    So there are 1 + (N - n_fft) // hop frames uncentred and 1 + N // hop centred (even n_fft).
    float32 input gives complex64 (as librosa), anything else complex128.

    Returns (n_fft // 2 + 1, n_frames) complex: bins along axis 0, frames along axis 1.
    """
    signal = np.asarray(signal)
    out_dtype = np.complex64 if signal.dtype == np.float32 else np.complex128
    # NumPy's float64 FFT is about twice as fast as its float32 one here: compute in float64
    signal = signal.astype(np.float64, copy=False)
    win_length = n_fft if win_length is None else win_length
    if not 1 <= win_length <= n_fft:
        raise ValueError(f"win_length must lie in [1, n_fft={n_fft}], got {win_length}")
    w = get_window(window, win_length)
    left = (n_fft - win_length) // 2  # librosa.util.pad_center puts the window in the middle
    w_full = np.zeros(n_fft)
    w_full[left : left + win_length] = w  # (n_fft,)
    if center:
        signal = np.pad(signal, n_fft // 2, mode=pad_mode)
    frames = frame_signal(signal, n_fft, hop)  # (n_frames, n_fft)
    spectrum = np.fft.rfft(frames * w_full, axis=1)  # (n_frames, n_fft // 2 + 1)
    return spectrum.astype(out_dtype, copy=False).T  # (n_bins, n_frames), a transposed view


def windowed_fft(
    signal: np.ndarray,
    win_length: int,
    hop: int,
    n_fft: int | None = None,
    window: str = "rectangular",
) -> np.ndarray:
    """The textbook's framing: frames of ``win_length`` every ``hop``, each zero-padded to n_fft.

    Unlike ``stft`` (librosa's n_fft-long frames), the frame here is the window itself, so there
    are 1 + (N - win_length) // hop frames whatever n_fft is, as ``resolution`` counts them;
    the zeros go after the samples, which changes the phase but not |X|.
    Returns (n_fft // 2 + 1, n_frames) complex.
    """
    signal = np.asarray(signal)
    out_dtype = np.complex64 if signal.dtype == np.float32 else np.complex128
    signal = signal.astype(np.float64, copy=False)  # the faster FFT, as in ``stft``
    n_fft = win_length if n_fft is None else n_fft
    if n_fft < win_length:
        raise ValueError(f"n_fft={n_fft} must be at least the window length {win_length}")
    frames = frame_signal(signal, win_length, hop)  # (n_frames, win_length)
    if window != "rectangular":  # the rectangular window is a multiplication by one: skip it
        frames = frames * get_window(window, win_length)
    spectrum = np.fft.rfft(frames, n=n_fft, axis=1)  # (n_frames, n_fft // 2 + 1)
    return spectrum.astype(out_dtype, copy=False).T  # (n_bins, n_frames)


def to_db(
    x: np.ndarray,
    ref: float | Callable[[np.ndarray], float] = 1.0,
    amin: float = 1e-10,
    top_db: float | None = 80.0,
    kind: str = "power",
) -> np.ndarray:
    """Decibels, as ``librosa.power_to_db`` (kind="power") or ``librosa.amplitude_to_db``.

    power:     10 log10(max(amin, x)) - 10 log10(max(amin, ref))
    amplitude: the same applied to x^2 and ref^2, i.e. 20 log10(|x| / ref)
    ``amin`` is a floor on power in both cases (1e-10 = -100 dB), which is what librosa's two
    defaults (1e-10 for power, 1e-5 for amplitude) both amount to. ``ref`` may be a function
    of x (``np.max`` puts the loudest value at 0 dB); ``top_db`` clips everything more than that
    far below the peak (None keeps all).
    """
    if amin <= 0:
        raise ValueError("amin must be positive")
    if kind not in ("power", "amplitude"):
        raise ValueError(f"kind must be 'power' or 'amplitude', got {kind!r}")
    x = np.abs(np.asarray(x))
    ref_value = ref(x) if callable(ref) else abs(ref)
    if kind == "amplitude":
        x, ref_value = np.square(x), ref_value**2
    db = 10.0 * np.log10(np.maximum(amin, x)) - 10.0 * np.log10(np.maximum(amin, ref_value))
    if top_db is not None:
        if top_db < 0:
            raise ValueError("top_db must be non-negative")
        db = np.maximum(db, db.max(initial=-np.inf) - top_db)
    return db


def fft_frequencies(sr: int, n_fft: int) -> np.ndarray:
    """f * sr / n_fft Hz for each bin f = 0 .. n_fft // 2."""
    return np.arange(n_fft // 2 + 1) * sr / n_fft  # (n_bins,)


@dataclass(frozen=True)
class Resolution:
    """Time and frequency resolution of a framing, as the spectrogram page states it.

    Frames are ``window_samples`` long (zero-padded to ``n_fft``), as in ``windowed_fft``
    and ``textbook_features``; ``n_frames`` counts centred frames when ``center`` was asked.
    """

    sr: int
    n_samples: int
    window_samples: int
    hop_samples: int
    n_fft: int
    dt_s: float  # hop / sr: seconds from one frame to the next
    df_hz: float  # sr / n_fft: Hz from one bin to the next
    window_df_hz: float  # sr / window: what the window can resolve; zero padding cannot beat it
    n_frames: int
    n_bins: int  # n_fft // 2 + 1, from 0 Hz to Nyquist
    nyquist_hz: float
    duration_s: float
    window_s: float


def resolution(
    sr: int,
    n_samples: int,
    window_ms: float,
    hop_ms: float,
    n_fft: int,
    center: bool = False,
) -> Resolution:
    """The resolution arithmetic for a clip of ``n_samples`` at ``sr`` Hz (see the module doc)."""
    window = ms_to_samples(window_ms, sr)
    hop = ms_to_samples(hop_ms, sr)
    if n_fft < window:
        raise ValueError(f"n_fft={n_fft} is shorter than the {window}-sample window")
    # librosa's centring pads n_fft // 2 each side: 1 + N // hop frames for an even n_fft
    n_frames = 1 + n_samples // hop if center else count_frames(n_samples, window, hop)
    return Resolution(
        sr=sr,
        n_samples=n_samples,
        window_samples=window,
        hop_samples=hop,
        n_fft=n_fft,
        dt_s=hop / sr,
        df_hz=sr / n_fft,
        window_df_hz=sr / window,
        n_frames=n_frames,
        n_bins=n_fft // 2 + 1,
        nyquist_hz=sr / 2,
        duration_s=n_samples / sr,
        window_s=window / sr,
    )


def textbook_n_fft(window_samples: int, n_bands: int = 100) -> int:
    """The FFT size of ``textbook_features``: the next power of two >= max(window, 2 * n_bands)."""
    need = max(window_samples, 2 * n_bands)
    return 1 << (need - 1).bit_length()


def band_edges_hz(sr: int, n_bands: int = 100) -> np.ndarray:
    """The n_bands + 1 edges of equal-width bands from 0 Hz to Nyquist (80 Hz wide at 16 kHz)."""
    return np.linspace(0.0, sr / 2, n_bands + 1)  # (n_bands + 1,)


def textbook_features(
    signal: np.ndarray,
    sr: int,
    window_ms: float,
    hop_ms: float,
    n_bands: int = 100,
    log: bool = True,
) -> np.ndarray:
    """The textbook's FFT features: one ``n_bands``-vector per frame, (n_frames, n_bands) float32.

    Rectangular frames of ``window_ms`` every ``hop_ms``; |FFT| of each; the magnitudes averaged
    into ``n_bands`` equal-width bands from 0 Hz to Nyquist (band b holds the bins whose
    frequency lies in [b, b + 1) * (sr / 2) / n_bands; the Nyquist bin joins the last band).
    The FFT is zero-padded to ``textbook_n_fft`` (the next power of two >= max(window,
    2 * n_bands)) so that every band holds at least one bin: a 10 ms window is 160 samples, only
    81 bins for 100 bands, and is padded to 256 (129 bins); a 100 ms window is padded to 2048.

    ``log`` (default True) returns log(1 + band average) instead of the raw average. Raw |FFT|
    grows with the window length and with the clip's gain (a loud tone gives values in the
    hundreds, quiet noise values near one), which saturates an LSTM's sigmoid and tanh gates;
    after log1p a gain change is roughly a constant shift, every value sits in about [0, 8],
    and silence stays exactly 0. Pass log=False for the textbook's raw magnitudes.

    A 4 s clip at 16 kHz with a 100 ms window and a 10 ms hop gives (391, 100).
    """
    signal = np.asarray(signal, dtype=np.float64)  # NumPy's float64 FFT is the faster one here
    window = ms_to_samples(window_ms, sr)
    hop = ms_to_samples(hop_ms, sr)
    n_fft = textbook_n_fft(window, n_bands)
    frames = frame_signal(signal, window, hop)  # (n_frames, window)
    if frames.shape[0] == 0:
        return np.zeros((0, n_bands), dtype=np.float32)
    # bin f lies at f * sr / n_fft Hz, i.e. in band floor(f * n_bands / (n_fft / 2)); bands are
    # runs of consecutive bins, so one reduceat sums every band of every frame at once
    band_of_bin = np.minimum(np.arange(n_fft // 2 + 1) * n_bands // (n_fft // 2), n_bands - 1)
    starts = np.searchsorted(band_of_bin, np.arange(n_bands))  # (n_bands,) first bin of each band
    counts = np.diff(np.append(starts, band_of_bin.size))  # (n_bands,) bins per band
    bands = np.empty((frames.shape[0], n_bands))  # (n_frames, n_bands)
    for start in range(0, frames.shape[0], FEATURE_CHUNK_FRAMES):  # bounded memory: chunks
        chunk = frames[start : start + FEATURE_CHUNK_FRAMES]  # (c, window), a view
        mags = np.abs(np.fft.rfft(chunk, n=n_fft, axis=1))  # (c, n_fft // 2 + 1)
        bands[start : start + chunk.shape[0]] = np.add.reduceat(mags, starts, axis=1) / counts
    return (np.log1p(bands) if log else bands).astype(np.float32, copy=False)


def hz_to_mel(f: np.ndarray | float) -> np.ndarray:
    """HTK mel: m = 2595 log10(1 + f / 700) (1000 Hz is about 1000 mel)."""
    return 2595.0 * np.log10(1.0 + np.asarray(f, dtype=np.float64) / 700.0)


def mel_to_hz(m: np.ndarray | float) -> np.ndarray:
    """The inverse of ``hz_to_mel``: f = 700 (10^(m / 2595) - 1)."""
    return 700.0 * (10.0 ** (np.asarray(m, dtype=np.float64) / 2595.0) - 1.0)
