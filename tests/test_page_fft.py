"""AppTest of the FFT spectrogram page: default run, presets, uploads and recordings (good and bad),
view changes, Korean, and what the charts' specs claim. Plus its catalogue: error wording and
signal names agree with lstm_viz.audio."""

from __future__ import annotations

import base64
import io
import json
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
import soundfile
from PIL import Image
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from lstm_viz.audio import SAMPLE_RATE, signals, urban
from lstm_viz.audio import io as audio_io
from lstm_viz.audio.io import encode_wav
from lstm_viz.labs.fft import charts as sc
from lstm_viz.labs.fft import compute as lab
from lstm_viz.labs.fft import strings as fft_text
from lstm_viz.labs.fft.compute import ClipShorterThanWindow
from lstm_viz.ui import export, raster
from lstm_viz.ui.text import translate

PAGE = "pages/4_FFT_spectrogram.py"
TIMEOUT = 30.0
SR = SAMPLE_RATE


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def title_of(spec: dict) -> str:
    return spec["title"]["text"]


def chart_titled(at, prefix: str) -> tuple[dict, list[pa.Table]]:
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if title_of(spec).startswith(prefix):
            tables = [pa.ipc.open_stream(d.data.data).read_all() for d in chart.proto.datasets]
            return spec, tables
    raise AssertionError(f"no chart titled {prefix!r} in {[title_of(s) for s in specs(at)]}")


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def wav_bytes(samples: np.ndarray, sr: int = SR, channels: int = 1) -> bytes:
    buffer = io.BytesIO()
    data = np.repeat(samples[:, None], channels, axis=1) if channels > 1 else samples
    soundfile.write(buffer, data, sr, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def tone(freq: float, seconds: float) -> np.ndarray:
    return signals.tone(freq, seconds=seconds)


@pytest.fixture
def run_page(app_test):
    def run(query=None):
        at = app_test(PAGE, timeout=TIMEOUT, query=query)
        at.run()
        assert not at.exception, at.exception
        return at

    return run


# ---- the default run -------------------------------------------------------------------------


def test_default_run_draws_every_chart_with_computed_numbers(run_page):
    at = run_page()
    assert at.title[0].value == "FFT spectrogram"
    titles = [title_of(s) for s in specs(at)]
    assert len(titles) == 5 and titles[0].startswith(
        "Spectrogram: 25 ms Hann window, hop 10 ms"
    )  # first: the main chart
    text = markdown_text(at)
    # a 25 ms Hann window at 16 kHz: L = 400, n_fft = 512 (auto), hop 160
    assert "16000 / 512 = **31.25 Hz**" in text and "16000 / 400 = **40 Hz**" in text
    n = len(urban.make_clip(urban.CLASSES.index("siren"), 0))  # the default clip
    assert f"1 + ({n} − 400) // 160 = **{1 + (n - 400) // 160} frames**" in text
    assert at.get("audio")[0].proto is not None  # playback of what is analysed


def test_spectrogram_is_a_picture_of_every_cell_with_hover_blocks_of_their_maxima(run_page):
    at = run_page()
    spec, tables = chart_titled(at, "Spectrogram")
    image, blocks = spec["layer"][0], spec["layer"][1]
    assert image["mark"]["type"] == "image"
    assert image["encoding"]["x"]["title"] == "time (s)"
    assert image["encoding"]["y"]["title"] == "frequency (Hz)"
    # the picture: one pixel per drawn cell (the default siren: 196 frames x 257 bins)
    url = tables[0].column("url")[0].as_py()
    picture = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    record = lab.analyse(
        lab.builtin_clip(lab.Source("urban", "siren", 0)), SR, lab.SpectrogramConfig()
    )
    values = lab.scaled(record.spectrogram.values, "db", record.spectrogram.ref)  # (257, 196)
    assert picture.size == (196, 257) and values.shape == (257, 196)
    assert picture.size[0] <= 400 and picture.size[1] <= 257
    # hover blocks: time span, frequency span and the largest value of each block of cells
    assert [t["title"] for t in blocks["encoding"]["tooltip"]] == [
        "time (s)",
        "frequency (Hz)",
        "largest |X| (dB re the loudest cell) in the block",
    ]
    assert blocks["encoding"]["color"]["scale"]["domain"] == [-80.0, 0.0]
    g_f, g_t = -(-257 // 32), -(-196 // 64)  # (9, 4): at most 32 x 64 blocks
    expected = [
        values[r : r + g_f, c : c + g_t].max()
        for r in range(0, 257, g_f)
        for c in range(0, 196, g_t)
    ]
    np.testing.assert_allclose(tables[1].column("value").to_numpy(), expected, atol=1e-4)
    assert tables[1].num_rows <= 32 * 64 and max(expected) == pytest.approx(0.0, abs=1e-4)


def test_korean_switch_translates_the_title_and_the_charts(run_page):
    at = run_page({"lang": "ko"})
    assert at.title[0].value == "FFT 스펙트로그램"
    assert title_of(specs(at)[0]).startswith("스펙트로그램")


# ---- interactions ----------------------------------------------------------------------------


def test_compare_preset_shows_10_and_100_ms_and_which_resolves_the_two_tones(run_page):
    at = run_page()
    next(b for b in at.button if b.label == "10 ms vs 100 ms side by side").click().run()
    assert not at.exception
    titles = [title_of(s) for s in specs(at)]
    assert any(t.startswith("Spectrogram: 10 ms") for t in titles)
    assert any(t.startswith("Spectrogram: 100 ms") for t in titles)
    text = markdown_text(at)
    assert re.search(r"100 ms: the spectrum dips [\d.]+ dB between 440 Hz and 470 Hz", text)
    assert re.search(r"10 ms: only [\d.]+ dB of dip between 440 Hz and 470 Hz", text)
    assert "sr / L = 100 Hz" in "\n".join(c.value for c in at.caption)
    assert "sr / L = 10 Hz" in "\n".join(c.value for c in at.caption)


def test_textbook_100_ms_preset_sets_the_controls_and_the_numbers_follow(run_page):
    at = run_page()
    next(b for b in at.button if b.label == "Textbook 100 ms window").click().run()
    assert not at.exception
    assert (at.query_params["fft_window"], at.query_params["fft_wfn"]) == ("100", "rectangular")
    text = markdown_text(at)
    assert "16000 / 2048 = **7.8125 Hz**" in text and "16000 / 1600 = **10 Hz**" in text
    assert title_of(chart_titled(at, "Spectrogram")[0]).startswith(
        "Spectrogram: 100 ms Rectangular (textbook) window"
    )


@pytest.mark.parametrize(
    "query, caption",
    [
        (
            {"fft_window": "200", "fft_hop": "1", "fft_nfft": "4096", "fft_axis": "log"},
            "Drawn at reduced size (357 × 257 cells): 5 frames per column;",
        ),
        (
            {
                "fft_window": "5",
                "fft_hop": "50",
                "fft_nfft": "256",
                "fft_axis": "mel",
                "fft_fmax": "1000",
            },
            "Mel axis: 64 triangular bands",
        ),
    ],
    ids=["200ms-1ms-hop-log", "5ms-mel-1kHz"],
)
def test_extreme_settings_still_draw_and_say_how(run_page, query, caption):
    at = run_page(query)
    assert not at.error and len(at.get("vega_lite_chart")) == 5
    assert any(c.value.startswith(caption) for c in at.caption)


def test_frame_slider_and_db_switch_only_change_the_view(run_page):
    at = run_page({"fft_source": "signal", "fft_signal": "tone_440"})
    at.slider(key="fft_frame").set_value(10).run()
    at.toggle(key="fft_db").set_value(False).run()
    assert not at.exception
    spec, tables = chart_titled(at, "Waveform")
    band = tables[1]  # frame 10 of a 25 ms window with a 10 ms hop: 0.100 s to 0.125 s
    assert band.column("start")[0].as_py() == pytest.approx(0.100)
    assert band.column("end")[0].as_py() == pytest.approx(0.125)
    caption = next(c.value for c in at.caption if c.value.startswith("Frame 10 of"))
    assert caption.endswith("peaks at 437.5 Hz.")  # the 31.25 Hz bin nearest 440 Hz
    blocks = chart_titled(at, "Spectrogram")[0]["layer"][1]
    assert blocks["encoding"]["color"]["title"] == "|X|"


def test_a_new_frame_changes_only_chart_data_so_the_browser_updates_in_place(run_page):
    def specs_without_data_names(at):
        return [
            re.sub(r'"name": "[0-9a-f]{32}"', "DATA", c.proto.spec)
            for c in at.get("vega_lite_chart")
        ]

    at = run_page()
    before = specs_without_data_names(at)
    at.slider(key="fft_frame").set_value(40).run()
    assert specs_without_data_names(at) == before
    assert not re.search(r"(param|view)_\d", "".join(before))  # no auto-numbered names


def test_mel_axis_labels_mel_positions_in_hz(run_page):
    at = run_page({"fft_axis": "mel"})
    image = chart_titled(at, "Spectrogram")[0]["layer"][0]
    y = image["encoding"]["y"]
    assert y["title"] == "frequency (Hz, mel-spaced)"
    values = np.array(y["axis"]["values"])
    hz = 700 * (10 ** (values / 2595) - 1)  # what the label expression prints
    np.testing.assert_allclose(hz, [100, 250, 500, 1000, 2000, 4000, 8000][: len(hz)], rtol=1e-9)
    assert "pow(10, datum.value / 2595)" in y["axis"]["labelExpr"]


# ---- uploads and recordings --------------------------------------------------------------------


def test_uploaded_wav_is_analysed_and_played(run_page):
    at = run_page({"fft_source": "upload"})
    at.file_uploader(key="fft_upload").set_value(
        ("tone.wav", wav_bytes(tone(1000.0, 1.0)), "audio/wav")
    )
    at.run()
    assert not at.exception and not at.error
    assert any("` tone.wav `, 1.00 s" in c.value for c in at.caption)
    caption = next(c.value for c in at.caption if c.value.startswith("Frame "))
    assert caption.endswith("peaks at 1,000.0 Hz.")  # 1000 Hz is bin 32 of 512 at 16 kHz


def test_recording_from_the_microphone_is_analysed(run_page):
    at = run_page({"fft_source": "record"})
    data = encode_wav(signals.chirp(200.0, 2000.0, seconds=1.5))
    at.audio_input(key="fft_record").set_value(("recording.wav", data, "audio/wav")).run()
    assert not at.exception and not at.error
    assert any("` recording.wav `, 1.50 s" in c.value for c in at.caption)


@pytest.mark.parametrize(
    "name, data, error, lang",
    [
        ("garbage.wav", b"this is not audio at all" * 40, audio_io.UndecodableAudio(), "en"),
        ("empty.wav", b"", audio_io.EmptyAudio(), "en"),
        ("silent.wav", wav_bytes(np.zeros(SR)), audio_io.SilentAudio(-np.inf, -80.0), "en"),
        ("six.wav", wav_bytes(tone(300.0, 0.5), channels=6), audio_io.TooManyChannels(6), "ko"),
    ],
    ids=["garbage", "empty", "silent", "six-channels-korean"],
)
def test_bad_upload_gets_its_one_sentence_and_the_page_keeps_working(
    run_page, name, data, error, lang
):
    at = run_page({"fft_source": "upload", "lang": lang})
    at.file_uploader(key="fft_upload").set_value((name, data, "audio/wav")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [fft_text.error_message(error, lang)]
    siren = translate("fft.class_siren", lang)
    assert any(siren in i.value for i in at.info)  # the fallback is named
    assert len(at.get("vega_lite_chart")) == 5  # and drawn


def test_clip_shorter_than_the_window_is_explained(run_page):
    at = run_page({"fft_source": "upload", "fft_window": "100"})
    at.file_uploader(key="fft_upload").set_value(
        ("blip.wav", wav_bytes(tone(500.0, 0.05)), "audio/wav")
    )
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [str(ClipShorterThanWindow(0.05, 100.0))]


# ---- the catalogue agrees with lstm_viz.audio --------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        audio_io.FileTooLarge(25_300_000, 20_000_000),
        audio_io.ClipTooLong(42.25, 30.0),
        audio_io.EmptyAudio(),
        audio_io.SilentAudio(-95.0, -80.0),
        audio_io.NonFiniteAudio(7),
        audio_io.UndecodableAudio(),
        audio_io.TooManyChannels(4),
        ClipShorterThanWindow(0.05, 100.0),
    ],
    ids=lambda e: type(e).__name__,
)
def test_english_error_wording_is_the_audio_modules_and_korean_keeps_its_numbers(error):
    assert fft_text.error_message(error, "en") == str(error)
    korean = fft_text.error_message(error, "ko")
    assert re.search("[가-힣]", korean)
    numbers = [re.findall(r"\d+(?:\.\d+)?", m.replace("MP3", "")) for m in (korean, str(error))]
    assert sorted(numbers[0]) == sorted(numbers[1])


@pytest.mark.parametrize("key", list(signals.TEACHING_SIGNALS))
def test_signal_names_match_the_signals_module_in_both_languages(key):
    english = signals.TEACHING_SIGNALS[key].name
    assert translate(f"fft.signal_{key}", "en") == english
    assert re.findall(r"\d+", translate(f"fft.signal_{key}", "ko")) == re.findall(r"\d+", english)


def test_an_uploaded_files_name_is_shown_as_plain_text(run_page):
    at = run_page({"fft_source": "upload"})
    name = "![x](http://host/p.png) **x** `a`.wav"
    at.file_uploader(key="fft_upload").set_value((name, wav_bytes(tone(500.0, 0.5)), "audio/wav"))
    at.run()
    assert not at.exception and not at.error
    caption = next(c.value for c in at.caption if c.value.startswith("Analysed and played"))
    # a code span with a fence longer than the backticks inside: nothing in it is rendered
    assert f"`` {name} ``, 0.50 s" in caption


def test_a_setting_over_the_budget_gets_one_sentence_and_no_chart(run_page):
    at = run_page({"fft_source": "upload", "fft_hop": "1"})
    at.file_uploader(key="fft_upload").set_value(
        ("long.wav", wav_bytes(tone(500.0, 30.0)), "audio/wav")
    )
    at.run()
    assert not at.exception and len(at.error) == 1
    assert at.error[0].value.startswith("This setting needs 29,976 frames × 514 bins")
    assert len(at.get("vega_lite_chart")) == 0


# ---- downloads: the numbers each chart draws, and the clip ----------------------------------


def served(at) -> dict[str, object]:
    """Each download button's label -> its proto (``url`` names the bytes it serves)."""
    return {b.label: b.proto for b in at.get("download_button")}


def test_the_spectrogram_and_feature_csvs_are_the_cells_the_pictures_draw(run_page):
    at = run_page()
    record = lab.analyse(
        lab.builtin_clip(lab.Source("urban", "siren", 0)), SR, lab.SpectrogramConfig()
    )
    buttons = served(at)
    csv = export.frame_csv(sc.spectrogram_table(record.spectrogram, "db"))
    assert buttons["Spectrogram (CSV)"].url.endswith(
        _calculate_file_id(csv, "text/csv", "fft-urban-siren-seed0-spectrogram-db.csv") + ".csv"
    )
    table = pd.read_csv(io.BytesIO(csv))
    assert len(table) == 257 * 196  # one row per cell of the picture
    values = table["magnitude_db"].to_numpy(np.float32).reshape(257, 196)
    expected = lab.scaled(record.spectrogram.values, "db", record.spectrogram.ref)
    np.testing.assert_array_equal(values, expected.astype(np.float32))
    np.testing.assert_array_equal(
        table["time_start_s"][:196], record.spectrogram.column_edges_s[:-1]
    )
    np.testing.assert_array_equal(table["frequency_hz"][::196], record.spectrogram.rows.centers_hz)
    # the picture's hover blocks, as shipped, are the maxima of the CSV's cells
    spec, tables = chart_titled(at, "Spectrogram")
    maxima, _, _ = raster.block_maxima(values)
    np.testing.assert_allclose(tables[1].column("value").to_numpy(), maxima.ravel(), rtol=1e-6)

    features = export.frame_csv(sc.features_table(record))
    assert buttons["Feature matrix (CSV)"].url.endswith(
        _calculate_file_id(features, "text/csv", "fft-urban-siren-seed0-features.csv") + ".csv"
    )
    rows = pd.read_csv(io.BytesIO(features))
    view = record.features
    bands = view.values.shape[1]
    np.testing.assert_array_equal(
        rows["feature"].to_numpy(np.float32).reshape(bands, -1), view.values.T
    )
    _, tables = chart_titled(at, "What the LSTM reads")
    maxima, _, _ = raster.block_maxima(view.values.T)
    np.testing.assert_allclose(tables[1].column("value").to_numpy(), maxima.ravel(), rtol=1e-6)


def test_the_spectrum_csv_is_the_drawn_line_and_follows_the_frame(run_page):
    at = run_page()
    at.slider(key="fft_frame").set_value(40).run()
    _, tables = chart_titled(at, "Spectrum of the chosen frame")
    shipped = tables[0].to_pandas()
    proto = served(at)["Spectrum (CSV)"]
    assert proto.url.endswith(".csv")
    record = lab.analyse(
        lab.builtin_clip(lab.Source("urban", "siren", 0)), SR, lab.SpectrogramConfig()
    )
    frame = lab.frame_view(record.samples, SR, record.spectrogram.config, 40)
    chart = sc.frame_spectrum_chart(frame, record.spectrogram, "db", "en")
    csv = export.frame_csv(export.chart_table(chart))
    name = "fft-urban-siren-seed0-spectrum-frame40-db.csv"
    assert proto.url.endswith(_calculate_file_id(csv, "text/csv", name) + ".csv")
    table = pd.read_csv(io.BytesIO(csv))
    assert len(table) == len(shipped) == 257  # one row per bin of the drawn line
    for column in shipped.columns:
        if shipped[column].dtype.kind == "f":
            dtype = shipped[column].dtype  # float32 columns are written in float32's repr
            np.testing.assert_array_equal(table[column].to_numpy(dtype), shipped[column])


def test_the_wav_download_is_the_analysed_clip(run_page):
    at = run_page()
    samples = lab.builtin_clip(lab.Source("urban", "siren", 0))
    wav = export.clip_wav(samples)
    proto = served(at)["Clip (WAV)"]
    assert proto.url.endswith(
        _calculate_file_id(wav, "audio/wav", "fft-urban-siren-seed0.wav") + ".wav"
    )
    pcm, sr = soundfile.read(io.BytesIO(wav), dtype="int16")
    assert sr == SR and pcm.shape == samples.shape
    # each sample scaled by 32767 and rounded: the clip at its own level, no normalising gain
    expected = np.round(np.clip(samples.astype(np.float64), -1, 1) * 32767).astype(np.int16)
    np.testing.assert_array_equal(pcm, expected)
