"""Tests for lstm_viz.labs.fft.charts: what each chart of the FFT page claims, read from
``chart.to_dict()`` and checked against the lab's own numbers (axes, units, tooltips, colour
domains, the frame's place, one line per window)."""

from __future__ import annotations

import base64
import io
import subprocess
import sys

import altair as alt
import numpy as np
import pytest
from PIL import Image

from lstm_viz.audio import SAMPLE_RATE, signals
from lstm_viz.labs.fft import charts as sc
from lstm_viz.labs.fft import compute as lab
from lstm_viz.ui import raster

SR = SAMPLE_RATE


@pytest.fixture(scope="module")
def siren():
    """The page's default: the siren (seed 0), 25 ms Hann window, hop 10 ms, linear axis."""
    samples = lab.builtin_clip(lab.Source("urban", "siren", 0))
    return lab.analyse(samples, SR, lab.SpectrogramConfig())


def record_of(samples, **config):
    return lab.analyse(samples, SR, lab.SpectrogramConfig(**config))


def data_of(spec: dict, layer: dict) -> list[dict]:
    """A layer's rows (layers sharing one data set have it at the top of the spec)."""
    return spec["datasets"][layer.get("data", spec.get("data"))["name"]]


def column(spec: dict, layer: dict, name: str) -> np.ndarray:
    return np.array([row[name] for row in data_of(spec, layer)], dtype=float)


# ---- the spectrogram -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, title, x_title, value_title",
    [
        ("en", "Spectrogram: 25 ms Hann window, hop 10 ms", "time (s)", "|X| (dB re the loudest"),
        (
            "ko",
            "스펙트로그램: 25 ms Hann 윈도우, 간격 10 ms",
            "시간 (초)",
            "|X| (가장 큰 칸 기준 dB)",
        ),
    ],
)
def test_spectrogram_chart_is_titled_and_labelled_in_each_language(
    siren, lang, title, x_title, value_title
):
    spec = sc.spectrogram_chart(siren.spectrogram, "db", lang).to_dict()
    image, blocks = spec["layer"][:2]
    assert spec["title"]["text"] == title
    assert image["encoding"]["x"]["title"] == x_title
    assert blocks["encoding"]["color"]["title"].startswith(value_title)


def test_spectrogram_picture_has_every_cell_and_blocks_hold_the_db_maxima(siren):
    s = siren.spectrogram
    spec = sc.spectrogram_chart(s, "db", "en", marker_s=1.0).to_dict()
    image, blocks, rule = spec["layer"]
    url = data_of(spec, image)[0]["url"]
    picture = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    assert picture.size == (s.values.shape[1], s.values.shape[0]) == (196, 257)
    db = lab.scaled(s.values, "db", s.ref)
    maxima, g_f, g_t = raster.block_maxima(db)
    np.testing.assert_allclose(column(spec, blocks, "value"), maxima.ravel(), atol=1e-4)
    hover = f"Hover: blocks of {g_t} columns × {g_f} rows, with their largest value."
    assert spec["title"]["subtitle"] == hover and (g_f, g_t) == (9, 4)
    assert blocks["encoding"]["color"]["scale"]["domain"] == [lab.DB_FLOOR, 0.0]
    assert data_of(spec, rule) == [{"x": 1.0}]
    tips = [t["title"] for t in blocks["encoding"]["tooltip"]]
    assert tips == [
        "time (s)",
        "frequency (Hz)",
        "largest |X| (dB re the loudest cell) in the block",
    ]


def test_linear_magnitude_colours_follow_the_data(siren):
    s = siren.spectrogram
    spec = sc.spectrogram_chart(s, "linear", "en").to_dict()
    blocks = spec["layer"][1]
    assert blocks["encoding"]["color"]["title"] == "|X|"
    domain = blocks["encoding"]["color"]["scale"]["domain"]
    np.testing.assert_allclose(domain, [s.values.min(), s.values.max()], rtol=1e-6)


@pytest.mark.parametrize(
    "axis, title, scale_type",
    [
        ("linear", "frequency (Hz)", None),
        ("log", "frequency (Hz, log scale)", "log"),
        ("mel", "frequency (Hz, mel-spaced)", None),
    ],
)
def test_frequency_axis_of_spectrogram_and_spectrum_is_the_pages_axis(axis, title, scale_type):
    record = record_of(signals.chirp(100.0, 4000.0, seconds=1.0), axis=axis)
    s = record.spectrogram
    y = sc.spectrogram_chart(s, "db", "en").to_dict()["layer"][0]["encoding"]["y"]
    frame = lab.frame_view(record.samples, SR, s.config, 40)
    x = sc.frame_spectrum_chart(frame, s, "db", "en").to_dict()["layer"][0]["encoding"]["x"]
    for encoding in (y, x):
        assert encoding["title"] == title
        assert encoding["scale"].get("type") == scale_type
        assert encoding["scale"]["domain"] == [float(s.rows.edges[0]), float(s.rows.edges[-1])]
    if axis == "mel":  # positions in mel, ticks labelled in Hz
        assert x["axis"]["labelExpr"] == raster.MEL_LABEL_EXPR


def test_features_chart_lines_up_with_the_spectrogram_and_draws_the_lstms_matrix(siren):
    spectrogram = sc.spectrogram_chart(siren.spectrogram, "db", "en").to_dict()
    features = sc.features_chart(siren, "en").to_dict()
    assert features["title"]["text"] == "What the LSTM reads: 196 frames × 100 bands"
    time = [c["layer"][0]["encoding"]["x"]["scale"]["domain"] for c in (spectrogram, features)]
    assert time[0] == time[1]  # the same time axis: the two pictures line up
    freq = features["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert freq == [0.0, 8000.0]  # 100 bands of 80 Hz
    maxima, _, _ = raster.block_maxima(siren.features.values.T)
    np.testing.assert_allclose(column(features, features["layer"][1], "value"), maxima.ravel())
    assert features["layer"][1]["encoding"]["color"]["title"] == "log(1 + band mean |X|)"


# ---- the frame -------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [0, 98, 195])
def test_waveform_shades_exactly_the_chosen_frame_under_a_fixed_title(siren, k):
    frame = lab.frame_view(siren.samples, SR, siren.spectrogram.config, k)
    spec = sc.waveform_chart(siren, frame, "en").to_dict()
    wave, shade = spec["layer"]
    (band,) = data_of(spec, shade)
    assert (band["start"], band["end"]) == pytest.approx((k * 0.01, k * 0.01 + 0.025))
    assert spec["title"]["text"].startswith("Waveform")  # the same for every frame
    assert wave["encoding"]["x"]["scale"]["domain"] == [0, siren.spectrogram.resolution.duration_s]
    assert column(spec, wave, "high").max() == siren.samples.max()


def test_frame_chart_shows_the_slice_and_the_windowed_slice_in_ms(siren):
    frame = lab.frame_view(siren.samples, SR, siren.spectrogram.config, 10)
    spec = sc.frame_chart(frame, SR, "en").to_dict()
    rows = data_of(spec, spec["layer"][0])
    raw = np.array([r["x"] for r in rows if r["series"] == "x[kH + m]"])
    windowed = np.array([r["x"] for r in rows if r["series"] == "w[m] · x[kH + m]"])
    np.testing.assert_allclose(raw, siren.samples[1600:2000], rtol=1e-6)
    np.testing.assert_allclose(windowed, frame.windowed, rtol=1e-6)
    times = sorted({r["t"] for r in rows})
    assert (times[0], times[-1], len(times)) == (0.0, pytest.approx(24.9375), 400)  # 1/16 ms
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0.0, pytest.approx(24.9375)]


@pytest.mark.parametrize("scale", lab.SCALES)
def test_frame_spectrum_is_in_the_spectrograms_units(siren, scale):
    s = siren.spectrogram
    frame = lab.frame_view(siren.samples, SR, s.config, 98)
    spec = sc.frame_spectrum_chart(frame, s, scale, "en").to_dict()
    line = spec["layer"][0]
    np.testing.assert_allclose(
        column(spec, line, "value"), lab.scaled(frame.magnitude, scale, s.ref), atol=1e-4
    )
    assert line["encoding"]["y"]["title"] == sc.value_title(scale, "en")
    assert line["encoding"]["color"]["legend"] is None  # one line needs no legend
    y_scale = line["encoding"]["y"].get("scale", {})
    assert y_scale.get("domain") == ([lab.DB_FLOOR, 0.0] if scale == "db" else None)


def test_comparison_draws_one_line_per_window_each_peaking_at_zero_db():
    record = {w: record_of(signals.two_tones(440.0, 470.0, 1.0), window_ms=w) for w in (10, 100)}
    frames = {float(w): lab.frame_near(r, 0.5) for w, r in record.items()}
    chart = sc.comparison_spectra_chart(frames, record[100].spectrogram.rows, "db", 0.5, "en")
    spec = chart.to_dict()
    rows = data_of(spec, spec["layer"][0])
    assert {r["series"] for r in rows} == {"10 ms window", "100 ms window"}
    for label in ("10 ms window", "100 ms window"):
        assert max(r["value"] for r in rows if r["series"] == label) == pytest.approx(0, abs=1e-4)
    assert spec["title"]["text"] == "Spectra at 0.50 s, each relative to its own peak"
    assert spec["layer"][0]["encoding"]["y"]["title"] == "relative |X| (dB)"
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [-80.0, 0.0]  # no room above


@pytest.mark.parametrize("scale, domain", [("db", (-80.0, 0.0)), ("linear", None)])
def test_colour_domain_is_fixed_in_db_only(scale, domain):
    assert sc.colour_domain(scale) == domain


def every_chart(record: lab.LabRecord, scale: str, lang: str) -> list:
    s = record.spectrogram
    frame = lab.frame_view(record.samples, SR, s.config, 3)
    return [
        sc.waveform_chart(record, frame, lang),
        sc.frame_chart(frame, SR, lang),
        sc.frame_spectrum_chart(frame, s, scale, lang),
        sc.spectrogram_chart(s, scale, lang, marker_s=frame.centre_s),
        sc.comparison_spectra_chart({25.0: frame}, s.rows, scale, 0.05, lang),
        sc.features_chart(record, lang),
    ]


@pytest.mark.parametrize(
    "axis, scale, lang", [("linear", "db", "en"), ("log", "linear", "ko"), ("mel", "db", "ko")]
)
def test_every_chart_is_valid_vega_lite_drawn_on_a_canvas(axis, scale, lang):
    # the charts skip Altair's schema check when Streamlit serialises them: it is done here,
    # on the spec without its inline rows (Streamlit ships those as Arrow, not in the spec)
    record = record_of(signals.chirp(100.0, 4000.0, seconds=0.5), axis=axis)
    root = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema
    for chart in every_chart(record, scale, lang):
        spec = chart.to_dict() | {"datasets": {}}
        assert alt.utils.schemapi.validate_jsonschema(spec, root, raise_error=False) is None
        assert spec["usermeta"]["embedOptions"]["renderer"] == "canvas"


def test_frame_chart_keeps_its_colours_in_either_language_and_its_legend_below():
    record = record_of(signals.tone(440.0, seconds=0.5))
    frame = lab.frame_view(record.samples, SR, record.spectrogram.config, 2)
    for lang in ("en", "ko"):
        colour = sc.frame_chart(frame, SR, lang).to_dict()["layer"][0]["encoding"]["color"]
        assert colour["scale"]["range"] == list(sc.FRAME_LINES)
        assert colour["scale"]["domain"] == ["x[kH + m]", "w[m] · x[kH + m]"]
        assert colour["legend"]["orient"] == "bottom"


def test_charts_module_does_not_import_streamlit():
    code = "import sys, lstm_viz.labs.fft.charts; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
