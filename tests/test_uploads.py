"""One validation for every upload (lstm_viz.audio.io.validate_upload through lstm_viz.ui.uploads):
sample rates outside 4-384 kHz, clips under 50 ms or over 30 s and files over 20 MB are refused
with one sentence on the FFT page and on the sound classifier alike; file names show as typed."""

from __future__ import annotations

import io
import wave
from unittest import mock

import numpy as np
import pytest
import soundfile

from lstm_viz.audio import SAMPLE_RATE, urban
from lstm_viz.audio import io as audio_io
from lstm_viz.audio.io import encode_wav, validate_upload
from lstm_viz.ui import uploads
from lstm_viz.ui.text import translate

SR = SAMPLE_RATE
FFT = "pages/4_FFT_spectrogram.py"
CLASSIFIER = "pages/5_Sound_classifier.py"
SMALL = {"classifier_clips": "20", "classifier_steps": "50"}


def wav(samples: np.ndarray, sr: int = SR) -> bytes:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, sr, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def wav_claiming(sr: int, n_frames: int) -> bytes:
    """A 16-bit mono WAV whose header says ``sr`` (wave writes any 32-bit rate, even 1 Hz)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sr)
        noise = np.random.default_rng(0).integers(-8000, 8000, n_frames, dtype=np.int16)
        out.writeframes(noise.astype("<i2").tobytes())
    return buffer.getvalue()


def tone(seconds: float, sr: int = SR) -> np.ndarray:
    t = np.arange(round(seconds * sr)) / sr
    return (0.5 * np.sin(2 * np.pi * 440.0 * t)).astype(np.float32)


def _sentence(error: audio_io.AudioError, lang: str) -> str:
    """The pages' sentence for ``error`` in ``lang``, worded by uploads outside a session."""
    with mock.patch("lstm_viz.ui.uploads.t", lambda key, **fmt: translate(key, lang, **fmt)):
        return uploads.error_sentence(error)


HOSTILE = {
    "10-ms": (lambda: wav(tone(0.010)), audio_io.ClipTooShort(0.010, 0.05)),
    "1-sample": (lambda: wav(tone(1 / SR)), audio_io.ClipTooShort(1 / SR, 0.05)),
    "10-minutes": (lambda: wav_claiming(SR, 600 * SR), audio_io.ClipTooLong(600.0, 30.0)),
    "1-Hz": (lambda: wav_claiming(1, 8000), audio_io.SampleRateOutOfRange(1)),
    "3999-Hz": (lambda: wav_claiming(3999, 8000), audio_io.SampleRateOutOfRange(3999)),
    "1-GHz": (lambda: wav_claiming(1_000_000_000, 8000), audio_io.SampleRateOutOfRange(10**9)),
    "over-20-MB": (
        lambda: wav_claiming(SR, 10_100_000),
        audio_io.FileTooLarge(20_200_044, 20_000_000),
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_validate_upload_refuses_with_the_audio_modules_sentence(case):
    make, expected = HOSTILE[case]
    with pytest.raises(type(expected)) as caught:
        validate_upload(make())
    assert str(caught.value) == str(expected)
    assert _sentence(caught.value, "en") == str(expected)  # the catalogue mirrors io's wording


@pytest.mark.parametrize(("sr", "seconds"), [(4_000, 0.05), (384_000, 1.0), (44_100, 30.0)])
def test_validate_upload_keeps_clips_at_the_edges_of_the_limits(sr, seconds):
    clip = validate_upload(wav(tone(seconds, sr), sr))
    assert clip.original_sr == sr and clip.sr == SR
    assert clip.duration_s == pytest.approx(seconds, abs=1e-3)


def test_every_refusal_has_a_korean_sentence_with_the_same_numbers():
    for _, error in HOSTILE.values():
        korean = _sentence(error, "ko")
        english = _sentence(error, "en")
        assert korean != english and any("가" <= ch <= "힣" for ch in korean)
        digits = [
            sorted(c for c in s if c.isdigit()) for s in (korean, english.replace("44,100", ""))
        ]
        assert set(digits[1]) <= set(digits[0]) | set("44100")


def test_plain_escapes_every_markdown_construct():
    name = "![x](http://127.0.0.1:9/p.png) **bold** :material/home: $x$ <b>h</b>.wav"
    escaped = uploads.plain(name)
    assert escaped.startswith(r"\!\[x\]\(http\://127.0.0.1\:9/p.png\)")
    assert r"\*\*bold\*\*" in escaped and r"\:material/home\:" in escaped and r"\$x\$" in escaped
    unescaped = escaped.replace("\\", "")
    assert unescaped == name
    assert uploads.plain("a\nb\tc") == "a b c"
    assert uploads.plain("x" * 200) == "x" * 79 + "…"


# ---- the pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_fft_page_refuses_with_one_sentence(app_test, case, lang):
    make, expected = HOSTILE[case]
    at = app_test(FFT, timeout=60, query={"fft_source": "upload", "lang": lang})
    at.run()
    at.file_uploader(key="fft_upload").set_value((f"{case}.wav", make(), "audio/wav")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [_sentence(expected, lang)]
    assert len(at.get("vega_lite_chart")) == 5  # the fallback clip is still analysed


def test_the_fft_page_states_the_upload_limits(app_test):
    at = app_test(FFT, timeout=60, query={"fft_source": "upload"})
    at.run()
    captions = [c.value for c in at.caption]
    assert (
        "One clip of 50 ms to 30 s, sampled at 4 to 384 kHz, at most 20 MB; a larger file is "
        "refused at once and shows a red icon." in captions
    )


def test_the_fft_page_shows_a_hostile_file_name_as_plain_text(app_test):
    from lstm_viz.labs.fft import text as fft_text

    name = "![x](http://127.0.0.1:9/p.png) **bold**.wav"
    at = app_test(FFT, timeout=60, query={"fft_source": "upload"})
    at.run()
    at.file_uploader(key="fft_upload").set_value((name, wav(tone(1.0)), "audio/wav")).run()
    assert not at.exception and not at.error
    playing = [c.value for c in at.caption if fft_text.plain(name) in c.value]
    assert len(playing) == 1  # the name inside a code span: shown as typed


@pytest.fixture(scope="module")
def sound_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("sounds")


@pytest.mark.parametrize("case", ["10-ms", "1-sample", "10-minutes", "1-Hz", "over-20-MB"])
def test_the_classifier_refuses_the_same_files_with_the_same_sentence(
    app_test, monkeypatch, sound_cache, case
):
    monkeypatch.setenv("LSTM_LAB_CACHE", str(sound_cache))
    make, expected = HOSTILE[case]
    at = app_test(CLASSIFIER, timeout=120, query=SMALL)
    at.run()
    assert not at.exception
    at.file_uploader(key="classifier_upload").set_value((f"{case}.wav", make(), "audio/wav"))
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [_sentence(expected, "en")]
    titles = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert not any("your sound" in spec for spec in titles)  # nothing was classified

    good = encode_wav(urban.make_clip(8, 123))
    at.file_uploader(key="classifier_upload").set_value(("siren.wav", good, "audio/wav")).run()
    assert not at.exception and not at.error
    assert any("your sound" in c.proto.spec for c in at.get("vega_lite_chart"))
