"""Teaching signals for the FFT page: sounds whose spectrum you can predict before you look.

Every function is pure and deterministic (noise takes a seed) and returns mono float32 at ``sr``:

    tone         x(t) = A sin(2 pi f t + phi)                   one peak at f
    two_tones    x(t) = A1 sin(2 pi f1 t) + A2 sin(2 pi f2 t)   two peaks; resolvable if the
                                                                window spans >~ 1 / |f1 - f2|
    chirp        linear:      f(t) = f0 + (f1 - f0) t / T
                              x(t) = A sin(2 pi (f0 t + (f1 - f0) t^2 / (2 T)))
                 logarithmic: f(t) = f0 (f1 / f0)^(t / T)
                              x(t) = A sin(2 pi f0 T (k^(t/T) - 1) / ln k),  k = f1 / f0
                 (the phase is the integral of f(t), as in ``scipy.signal.chirp``)
    white_noise  x[n] ~ U(-A, A) independent: a flat spectrum, RMS A / sqrt(3)
    click_train  x[n] = A at n = round(j sr / r), j = 0, 1, ...: a comb of harmonics of r Hz

``TEACHING_SIGNALS`` names a default of each, for the page's list.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.audio import SAMPLE_RATE


def _time(seconds: float, sr: int) -> np.ndarray:
    if seconds <= 0 or sr <= 0:
        raise ValueError(f"seconds and sr must be positive, got {seconds} s at {sr} Hz")
    return np.arange(int(round(seconds * sr))) / sr  # (n,) float64: phases stay exact


def _check_frequency(freq: float, sr: int) -> None:
    if not 0 <= freq <= sr / 2:
        raise ValueError(f"{freq} Hz lies outside 0..{sr / 2:g} Hz (the Nyquist limit at {sr} Hz)")


def tone(
    freq: float,
    seconds: float = 1.0,
    sr: int = SAMPLE_RATE,
    amp: float = 0.5,
    phase: float = 0.0,
) -> np.ndarray:
    """A pure tone: A sin(2 pi f t + phi), (n,) float32."""
    _check_frequency(freq, sr)
    t = _time(seconds, sr)
    return (amp * np.sin(2 * np.pi * freq * t + phase)).astype(np.float32)


def two_tones(
    f1: float,
    f2: float,
    seconds: float = 1.0,
    sr: int = SAMPLE_RATE,
    amp1: float = 0.4,
    amp2: float = 0.4,
) -> np.ndarray:
    """Two pure tones added: A1 sin(2 pi f1 t) + A2 sin(2 pi f2 t), (n,) float32."""
    return (tone(f1, seconds, sr, amp1) + tone(f2, seconds, sr, amp2)).astype(np.float32)


def chirp(
    f0: float,
    f1: float,
    seconds: float = 2.0,
    sr: int = SAMPLE_RATE,
    amp: float = 0.5,
    method: str = "linear",
) -> np.ndarray:
    """A sweep from f0 to f1 Hz over ``seconds``, linear or logarithmic in frequency, (n,) float32.

    The logarithmic sweep spends equal time per octave, as a siren or a bird's call does not.
    """
    _check_frequency(f0, sr)
    _check_frequency(f1, sr)
    t = _time(seconds, sr)
    if method == "linear":
        cycles = f0 * t + (f1 - f0) * t**2 / (2 * seconds)
    elif method == "log":
        if f0 <= 0 or f1 <= 0:
            raise ValueError("a logarithmic chirp needs f0 and f1 above 0 Hz")
        if f0 == f1:
            cycles = f0 * t
        else:
            k = f1 / f0
            cycles = f0 * seconds * (k ** (t / seconds) - 1) / np.log(k)
    else:
        raise ValueError(f"method must be 'linear' or 'log', got {method!r}")
    return (amp * np.sin(2 * np.pi * cycles)).astype(np.float32)


def white_noise(
    seconds: float = 1.0, sr: int = SAMPLE_RATE, seed: int = 0, amp: float = 0.5
) -> np.ndarray:
    """Uniform white noise in [-A, A): flat spectrum, never above A in magnitude, (n,) float32."""
    n = _time(seconds, sr).shape[0]
    return np.random.default_rng(seed).uniform(-amp, amp, n).astype(np.float32)


def click_train(
    rate_hz: float,
    seconds: float = 1.0,
    sr: int = SAMPLE_RATE,
    amp: float = 0.5,
    offset_s: float = 0.0,
) -> np.ndarray:
    """One-sample clicks ``rate_hz`` times a second, the first at t = ``offset_s``, (n,) float32.

    Its spectrum is a comb: lines at every multiple of ``rate_hz`` up to Nyquist, all equal.
    """
    if not 0 < rate_hz <= sr / 2:
        raise ValueError(f"rate_hz must lie in (0, {sr / 2:g}], got {rate_hz}")
    n = _time(seconds, sr).shape[0]
    x = np.zeros(n, np.float32)
    offset = int(round(offset_s * sr))
    clicks = offset + np.round(np.arange(0, n / sr * rate_hz) * sr / rate_hz).astype(np.int64)
    x[clicks[clicks < n]] = amp
    return x


@dataclass(frozen=True)
class TeachingSignal:
    """A named default for the page's list: ``signal()`` makes it at ``SAMPLE_RATE``."""

    name: str  # English display name; the Korean one lives in the UI
    description: str  # what to look for in its spectrum
    kind: str  # the function: tone, two_tones, chirp, white_noise or click_train
    kwargs: tuple[tuple[str, float | str], ...]  # its arguments (a tuple, so the record hashes)

    def signal(self, sr: int = SAMPLE_RATE) -> np.ndarray:
        return _KINDS[self.kind](**dict(self.kwargs), sr=sr)


_KINDS = {
    "tone": tone,
    "two_tones": two_tones,
    "chirp": chirp,
    "white_noise": white_noise,
    "click_train": click_train,
}

TEACHING_SIGNALS: dict[str, TeachingSignal] = {
    "tone_440": TeachingSignal(
        "Pure tone, 440 Hz",
        "One sharp peak at 440 Hz in every frame; a horizontal line in the spectrogram.",
        "tone",
        (("freq", 440.0), ("seconds", 2.0)),
    ),
    "two_tones": TeachingSignal(
        "Two tones, 440 + 470 Hz",
        "Two peaks 30 Hz apart: a 100 ms window separates them, a 10 ms window blurs them "
        "into one.",
        "two_tones",
        (("f1", 440.0), ("f2", 470.0), ("seconds", 2.0)),
    ),
    "chirp_linear": TeachingSignal(
        "Linear chirp, 100 Hz to 4 kHz",
        "The peak climbs at a steady rate: a straight diagonal on a linear frequency axis.",
        "chirp",
        (("f0", 100.0), ("f1", 4000.0), ("seconds", 2.0), ("method", "linear")),
    ),
    "chirp_log": TeachingSignal(
        "Logarithmic chirp, 100 Hz to 4 kHz",
        "Equal time per octave: a curve on a linear axis, a straight line on a log axis.",
        "chirp",
        (("f0", 100.0), ("f1", 4000.0), ("seconds", 2.0), ("method", "log")),
    ),
    "white_noise": TeachingSignal(
        "White noise",
        "Energy spread evenly over all frequencies; each frame's spectrum is ragged, "
        "their average flat.",
        "white_noise",
        (("seconds", 2.0), ("seed", 0)),
    ),
    "click_train": TeachingSignal(
        "Click train, 100 per second",
        "Vertical lines every 10 ms; a short window sees single clicks (flat spectra), a long "
        "window sees a comb of harmonics 100 Hz apart.",
        "click_train",
        # the first click 2.5 ms in: frames start on multiples of the hop, and a click at a
        # frame's first sample is where the periodic Hann window is 0 (the frame would be silent)
        (("rate_hz", 100.0), ("seconds", 2.0), ("offset_s", 0.0025)),
    ),
}
