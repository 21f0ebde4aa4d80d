"""Tests for lstm_viz.labs.fft.text: each sentence the FFT page shows, with its numbers
worked out by hand (frames, bins, pooling), in English and Korean."""

from __future__ import annotations

import re

import numpy as np
import pytest
import soundfile

from lstm_viz.audio import SAMPLE_RATE, signals
from lstm_viz.audio.io import MAX_SECONDS, DecodedAudio, decode_audio
from lstm_viz.labs.fft import compute as lab
from lstm_viz.labs.fft import text

SR = SAMPLE_RATE


# ---- the resolution arithmetic and the display notes -------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_resolution_lines_work_out_each_number(lang):
    x = signals.tone(440.0, seconds=2.0)  # N = 32000
    res = lab.spectrogram(x, SR, lab.SpectrogramConfig(window_ms=100, hop_ms=10)).resolution
    lines = text.resolution_lines(res, "hann", lang)
    # L = 1600, H = 160, n_fft = 2048 at 16 kHz, worked by hand
    expected = [
        ["160", "16000", "10"],  # delta-t = H / sr = 10 ms
        ["16000", "2048", "7.8125"],  # delta-f = sr / n_fft
        ["16000", "1600", "10", "2.75", "27.5"],  # sr / L; Hann resolves 2.75 x sr / L
        ["1", "1", "32000", "1600", "160", "191"],  # K = 1 + (N - L) // H
        ["2", "1", "1025", "0", "8000"],  # bins = n_fft / 2 + 1, up to Nyquist
    ]
    numbers = [re.findall(r"\d+(?:\.\d+)?", line) for line in lines]
    # each line's numbers, in order (Korean may add words with digits after them: "0으로 채워도")
    assert [found[: len(e)] for found, e in zip(numbers, expected, strict=True)] == expected


@pytest.mark.parametrize(
    "config, notes",
    [
        (lab.SpectrogramConfig(), []),  # 196 frames x 257 bins: drawn as they are
        (
            lab.SpectrogramConfig(window_ms=200, hop_ms=1, n_fft=4096, axis="log"),
            ["Drawn at reduced size (357 × 257 cells): 5 frames per column;", "Log axis: 257 rows"],
        ),
        (
            lab.SpectrogramConfig(window_ms=100, n_fft=256, fmax_hz=1000, axis="mel"),
            ["n_fft = 256 cannot hold the 1600-sample window, so 2048 is used.", "Mel axis: 64"],
        ),
        (
            lab.SpectrogramConfig(window_ms=100, hop_ms=5, n_fft=4096),
            ["Drawn at reduced size (377 × 257 cells): 8 bins per row;"],  # ceil(2049 / 257)
        ),
    ],
    ids=["default", "200ms-1ms-log", "raised-mel", "pooled-bins"],
)
def test_display_notes_say_how_the_drawing_differs_from_the_matrix(config, notes):
    spec = lab.spectrogram(lab.builtin_clip(lab.Source("urban", "siren", 0)), SR, config)
    said = text.display_notes(spec, "en")
    assert len(said) == len(notes)
    for sentence, start in zip(said, notes, strict=True):
        assert sentence.startswith(start) or start in sentence, (sentence, start)


# ---- sources, uploads and captions ---------------------------------------------------------


@pytest.mark.parametrize(
    "source, lang, name",
    [
        (lab.Source("urban", "siren", 3), "en", "Siren (seed 3)"),
        (lab.Source("urban", "dog_bark", 0), "ko", "개 짖는 소리 (시드 0)"),
        (lab.Source("signal", "two_tones", 7), "en", "Two tones, 440 + 470 Hz"),  # no seed used
        (lab.Source("signal", "white_noise", 7), "en", "White noise (seed 7)"),
        (lab.Source("upload", "3f2a"), "en", "voice.wav"),
    ],
)
def test_source_name_names_the_seed_only_where_the_sound_depends_on_it(source, lang, name):
    assert text.source_name(source, lang, file_name="voice.wav") == name


def wav(seconds: float, sr: int) -> bytes:
    import io

    buffer = io.BytesIO()
    t = np.arange(int(seconds * sr)) / sr
    soundfile.write(buffer, 0.5 * np.sin(2 * np.pi * 440 * t), sr, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "seconds, expected",
    [
        (1.0, []),
        (MAX_SECONDS + 2, ["The clip is longer than 30 s, so only its first 30 s are used."]),
    ],
    ids=["as-is", "trimmed"],
)
def test_upload_notices_say_when_the_clip_was_trimmed(seconds, expected):
    assert text.upload_notices(decode_audio(wav(seconds, SR)), "en") == expected


def test_upload_notices_say_when_the_clip_was_resampled():
    # built by hand: decoding a 44.1 kHz file would import librosa (seconds) to resample it
    clip = DecodedAudio(np.zeros(SR, np.float32), SR, 44100, 1, 1.0, "WAV", "Resampled.")
    assert text.upload_notices(clip, "ko") == ["클립을 44,100 Hz에서 16,000 Hz로 리샘플링했습니다."]


def test_frame_caption_gives_the_frames_samples_times_and_peak():
    x = signals.tone(1000.0, seconds=1.0)
    frame = lab.frame_view(x, SR, lab.SpectrogramConfig(window_ms=25, hop_ms=10), 10)
    caption = text.frame_caption(frame, 98, "en")
    # frame 10: samples 1600 .. 1999 (L = 400, H = 160), 0.100 s to 0.125 s; 1000 Hz is bin 32
    assert caption.startswith("Frame 10 of 98: samples 1600 … 1999, from 0.100 s to 0.125 s")
    assert caption.endswith("peaks at 1,000.0 Hz.")


def test_compare_caption_states_each_windows_resolution():
    x = signals.two_tones(440.0, 470.0, seconds=1.0)
    res = lab.spectrogram(x, SR, lab.SpectrogramConfig(window_ms=10, hop_ms=10)).resolution
    # L = 160: sr / L = 100 Hz; K = 1 + (16000 - 160) // 160 = 100; n_fft 256: 129 bins
    assert text.compare_caption(10.0, res, "en") == (
        "10 ms: sr / L = 100 Hz, Δt = 10 ms, 100 frames × 129 bins"
    )


@pytest.mark.parametrize(
    "window_ms, hop_ms, seconds, notes",
    [(25, 10, 2.0, 1), (25, 1, 2.0, 2)],  # 1976 frames at a 1 ms hop: pooled 5 to a column
)
def test_features_notes_describe_the_lstms_matrix_and_its_pooling(
    window_ms, hop_ms, seconds, notes
):
    x = signals.tone(440.0, seconds=seconds)
    record = lab.analyse(x, SR, lab.SpectrogramConfig(window_ms=window_ms, hop_ms=hop_ms))
    said = text.features_notes(record, "en")
    frames = 1 + (int(seconds * SR) - 400) // (16 * hop_ms)
    assert len(said) == notes
    assert f"Shape ({frames}, 100)" in said[0] and "bands of 80 Hz" in said[0]
    if notes == 2:
        assert said[1].startswith(f"Drawn at reduced size: {-(-frames // 400)} frames per column")


@pytest.mark.parametrize(
    "split, sentence",
    [
        (
            lab.ToneSplit(440.0, 470.0, 23.44, True),
            "100 ms: the spectrum dips 23.4 dB between 440 Hz and 470 Hz: two peaks",
        ),
        (lab.ToneSplit(440.0, 470.0, 0.04, False), "100 ms: only 0.0 dB of dip between 440 Hz"),
    ],
)
def test_tone_split_sentence_gives_the_dip_and_the_verdict(split, sentence):
    assert text.tone_split_sentence(100.0, split, "en").startswith(sentence)
