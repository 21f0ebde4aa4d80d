"""Audio in and out: decode an upload or a recording to mono float32 at SAMPLE_RATE, and encode
WAV bytes for faithful playback.

``decode_audio`` takes the bytes that ``st.file_uploader`` and ``st.audio_input`` give (WAV, FLAC,
OGG/Vorbis or MP3; anything libsndfile reads) and checks, cheapest first:

    1. size        len(bytes) > MAX_MB MB                        -> FileTooLarge
    2. empty       no bytes at all                               -> EmptyAudio
    3. probe       soundfile.info: not audio                     -> UndecodableAudio
                   more than 2 channels                          -> TooManyChannels
                   0 frames                                      -> EmptyAudio
                   longer than MAX_SECONDS                       -> trimmed with a notice
                                                                    (ClipTooLong if trim=False)
    4. decode      only the frames kept, so a long clip is never decoded whole
                   NaN or inf samples                            -> NonFiniteAudio
    5. mono        the mean of the channels
                   peak below SILENCE_DBFS (-80 dBFS)            -> SilentAudio
    6. resample    to SAMPLE_RATE with librosa.resample (soxr), only when the rates differ

``validate_upload`` is the one check both upload pages (FFT, classifier) use: ``decode_audio``
with no trimming, plus a plausible sample rate (MIN_SR..MAX_SR, else SampleRateOutOfRange) and a
length between MIN_SECONDS and MAX_SECONDS (ClipTooShort / ClipTooLong), all decided from the
header before anything is decoded.

Every error is an ``AudioError`` (a ValueError) whose ``str()`` is one sentence a student can act
on; ``params`` holds its numbers so a page can word it in another language.

``encode_wav`` writes 16-bit PCM as it is: no normalisation (``st.audio`` on an array rescales
every clip to full volume, and warns on an all-zero one), samples clipped to [-1, 1], so a silent
clip plays as silence; NaN or inf samples are refused with ``NonFiniteAudio``.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass, field

import numpy as np
import soundfile

from lstm_viz.audio import SAMPLE_RATE

MAX_MB = 20  # upload limit in megabytes (10^6 bytes): 30 s of 48 kHz stereo 16-bit WAV is 5.8 MB
MAX_BYTES = MAX_MB * 1_000_000
MAX_SECONDS = 30.0  # longer clips are trimmed to their first 30 s: more is slow to draw and train
MAX_CHANNELS = 2
MIN_SECONDS = 0.05  # shorter clips are refused (10 ms, 1 sample): too short to hear or analyse
MIN_SR, MAX_SR = 4_000, 384_000  # plausible recording rates (Hz); others are refused
SILENCE_DBFS = -80.0  # a peak below this (about 3 steps of 16-bit audio) is treated as silence
FORMATS = ("WAV", "FLAC", "OGG", "MP3")  # the formats we promise; libsndfile reads a few more


class AudioError(ValueError):
    """Bad audio input. ``str(error)`` is one sentence for the student; ``params`` its numbers."""

    def __init__(self, message: str, **params: float | int | str) -> None:
        super().__init__(message)
        self.params = params


class FileTooLarge(AudioError):
    def __init__(self, n_bytes: int, max_bytes: int) -> None:
        super().__init__(
            f"The file is {n_bytes / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit; "
            "please upload a shorter clip or a compressed one (MP3 or OGG).",
            n_bytes=n_bytes,
            max_bytes=max_bytes,
        )


class ClipTooLong(AudioError):
    def __init__(self, seconds: float, max_seconds: float) -> None:
        super().__init__(
            f"The clip is {seconds:.1f} s long, over the {max_seconds:g} s limit; "
            f"please cut it to at most {max_seconds:g} s and upload it again.",
            seconds=seconds,
            max_seconds=max_seconds,
        )


class ClipTooShort(AudioError):
    def __init__(self, seconds: float, min_seconds: float) -> None:
        super().__init__(
            f"The clip is {seconds * 1000:.0f} ms long, shorter than the {min_seconds * 1000:g} ms "
            "minimum; please record or upload a longer clip.",
            seconds=seconds,
            min_seconds=min_seconds,
        )


class SampleRateOutOfRange(AudioError):
    def __init__(self, sample_rate: int, min_sr: int = MIN_SR, max_sr: int = MAX_SR) -> None:
        super().__init__(
            f"The file says it was sampled at {sample_rate:,} Hz, outside the {min_sr:,} to "
            f"{max_sr:,} Hz that recordings use; please export it again at a usual rate "
            "such as 44,100 Hz.",
            sample_rate=sample_rate,
            min_sr=min_sr,
            max_sr=max_sr,
        )


class EmptyAudio(AudioError):
    def __init__(self) -> None:
        super().__init__(
            "The file contains no audio samples; please record again or choose another file."
        )


class SilentAudio(AudioError):
    def __init__(self, peak_dbfs: float, threshold_dbfs: float) -> None:
        super().__init__(
            f"The clip is silent (its loudest sample is below {threshold_dbfs:g} dBFS), "
            "so there is nothing to analyse; please record closer to the microphone "
            "or choose another file.",
            peak_dbfs=peak_dbfs,
            threshold_dbfs=threshold_dbfs,
        )


class NonFiniteAudio(AudioError):
    def __init__(self, n_bad: int) -> None:
        super().__init__(
            f"The clip contains {n_bad} samples that are not numbers (NaN or infinity), "
            "so it cannot be analysed; please export it again from your audio editor.",
            n_bad=n_bad,
        )


class UndecodableAudio(AudioError):
    def __init__(self) -> None:
        super().__init__(
            "This file could not be read as audio; please upload a WAV, FLAC, OGG or MP3 file."
        )


class TooManyChannels(AudioError):
    def __init__(self, channels: int, max_channels: int = MAX_CHANNELS) -> None:
        super().__init__(
            f"The file has {channels} channels, but only mono or stereo clips are supported; "
            "please export it as mono or stereo and upload it again.",
            channels=channels,
            max_channels=max_channels,
        )


@dataclass(frozen=True)
class DecodedAudio:
    """A decoded clip, ready for the spectral pipeline."""

    samples: np.ndarray = field(repr=False)  # (n,) float32 mono at ``sr``
    sr: int
    original_sr: int  # the file's own sample rate
    channels: int  # the file's channel count (1 or 2) before mixing to mono
    duration_s: float  # of ``samples``, after any trimming
    format: str  # libsndfile's name for the container: "WAV", "FLAC", "OGG", "MP3", ...
    notice: str | None = None  # one or two sentences when the clip was trimmed or resampled


def _peak_dbfs(samples: np.ndarray) -> float:
    peak = float(np.max(np.abs(samples), initial=0.0))
    return 20.0 * np.log10(peak) if peak > 0 else -np.inf


def decode_audio(
    data: bytes,
    sr: int = SAMPLE_RATE,
    max_bytes: int = MAX_BYTES,
    max_seconds: float = MAX_SECONDS,
    trim: bool = True,
    silence_dbfs: float = SILENCE_DBFS,
    sample_rates: tuple[int, int] | None = None,
    min_seconds: float = 0.0,
) -> DecodedAudio:
    """Decode audio bytes to mono float32 at ``sr``, or raise an ``AudioError`` (see module doc).

    ``sample_rates`` (low, high) refuses other rates; ``min_seconds`` refuses shorter clips.
    A clip longer than ``max_seconds`` keeps its first ``max_seconds`` with a notice when
    ``trim`` (the default: a long recording is still worth looking at), else raises ClipTooLong.
    """
    if len(data) > max_bytes:
        raise FileTooLarge(len(data), max_bytes)
    if len(data) == 0:
        raise EmptyAudio()
    try:
        info = soundfile.info(io.BytesIO(data))
    except Exception as error:  # libsndfile raises LibsndfileError/RuntimeError on non-audio
        raise UndecodableAudio() from error
    if info.channels > MAX_CHANNELS:
        raise TooManyChannels(info.channels)
    if info.frames <= 0:
        raise EmptyAudio()
    if info.samplerate <= 0:
        raise UndecodableAudio()
    if sample_rates is not None and not sample_rates[0] <= info.samplerate <= sample_rates[1]:
        raise SampleRateOutOfRange(info.samplerate, *sample_rates)
    seconds = info.frames / info.samplerate
    if seconds < min_seconds:
        raise ClipTooShort(seconds, min_seconds)
    notices = []
    n_keep = info.frames
    if seconds > max_seconds:
        if not trim:
            raise ClipTooLong(seconds, max_seconds)
        n_keep = int(max_seconds * info.samplerate)
        notices.append(
            f"The clip was {seconds:.1f} s long, so only its first {max_seconds:g} s are used."
        )
    try:
        frames, _ = soundfile.read(io.BytesIO(data), frames=n_keep, dtype="float32", always_2d=True)
    except Exception as error:  # a header that probes fine can still hide a corrupt body
        raise UndecodableAudio() from error  # (n, channels)
    if frames.shape[0] == 0:
        raise EmptyAudio()
    n_bad = int(np.count_nonzero(~np.isfinite(frames)))
    if n_bad:
        raise NonFiniteAudio(n_bad)
    mono = frames.mean(axis=1, dtype=np.float32)  # (n,)
    peak_dbfs = _peak_dbfs(mono)
    if peak_dbfs < silence_dbfs:
        raise SilentAudio(peak_dbfs, silence_dbfs)
    if info.samplerate != sr:
        import librosa  # deferred: its first resample pulls in scipy, about two seconds

        mono = librosa.resample(mono, orig_sr=info.samplerate, target_sr=sr).astype(np.float32)
        notices.append(f"The clip was resampled from {info.samplerate:,} Hz to {sr:,} Hz.")
    return DecodedAudio(
        samples=mono,
        sr=sr,
        original_sr=info.samplerate,
        channels=info.channels,
        duration_s=mono.shape[0] / sr,
        format=info.format,
        notice=" ".join(notices) or None,
    )


def validate_upload(data: bytes, sr: int = SAMPLE_RATE) -> DecodedAudio:
    """The one check of an uploaded or recorded clip, for every page that takes one.

    Refuses (an ``AudioError`` with one sentence) what ``decode_audio`` refuses, plus a sample
    rate outside MIN_SR..MAX_SR, a clip shorter than MIN_SECONDS and one longer than MAX_SECONDS
    (not trimmed: a page that classifies must not quietly judge only part of a clip).
    """
    return decode_audio(
        data, sr=sr, trim=False, sample_rates=(MIN_SR, MAX_SR), min_seconds=MIN_SECONDS
    )


def encode_wav(samples: np.ndarray, sr: int = SAMPLE_RATE) -> bytes:
    """16-bit PCM mono WAV bytes of ``samples`` (n,) at ``sr``, at their own level.

    No normalisation: a quiet clip stays quiet and an all-zero clip is a valid, silent WAV.
    Samples outside [-1, 1] are clipped; each is scaled by 32767 and rounded. NaN or inf samples
    raise ``NonFiniteAudio`` rather than being played as something they are not.
    """
    samples = np.asarray(samples, dtype=np.float64)
    if samples.ndim != 1:
        raise ValueError(f"samples must be 1-D (mono), got shape {samples.shape}")
    n_bad = int(np.count_nonzero(~np.isfinite(samples)))
    if n_bad:
        raise NonFiniteAudio(n_bad)
    pcm = np.round(np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")  # (n,) little-endian
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(int(sr))
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()
