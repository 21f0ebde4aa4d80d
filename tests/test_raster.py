"""Tests for lstm_viz.ui.raster: the picture's pixels against the colour formula worked by hand,
block maxima against brute force, and what the Vega-Lite spec claims (axes, scales, tooltips,
fixed names)."""

from __future__ import annotations

import base64
import io
import subprocess
import sys

import altair as alt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from lstm_viz.audio.spectral import hz_to_mel
from lstm_viz.ui import charts, raster


def pixels(url: str) -> np.ndarray:
    """The PNG of a data URI as an (H, W, channels) uint8 array."""
    assert url.startswith("data:image/png;base64,")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))


def rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], float)


def layers(chart) -> tuple[dict, list[dict]]:
    spec = chart.to_dict()
    return spec, spec["layer"]


def data_of(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def axes(n_rows: int = 4, n_cols: int = 6, y_kind: str = "linear"):
    x = raster.RasterAxis(np.linspace(0.0, 0.6, n_cols + 1), "time (s)", tooltip_format=".3f")
    if y_kind == "log":
        y = raster.RasterAxis(np.geomspace(20.0, 8000.0, n_rows + 1), "frequency (Hz)", kind="log")
    elif y_kind == "mel":
        edges = np.linspace(50.0, hz_to_mel(8000.0), n_rows + 1)
        y = raster.RasterAxis(edges, "frequency (Hz, mel)", kind="mel", tooltip_title="Hz")
    else:
        y = raster.RasterAxis(np.linspace(0.0, 400.0, n_rows + 1), "frequency (Hz)")
    return x, y


def chart_of(values, **kwargs):
    x, y = axes(*values.shape, kwargs.pop("y_kind", "linear"))
    kwargs.setdefault("title", "T")
    kwargs.setdefault("value_title", "v")
    kwargs.setdefault("block_value_title", "largest v")
    return raster.raster_chart(values, x, y, **kwargs)


# ---- the picture -----------------------------------------------------------------------------


def test_picture_has_one_pixel_per_cell_with_row_zero_at_the_bottom():
    values = np.zeros((3, 5))
    values[0] = 1.0  # the lowest row at the top of the colour scale
    image = pixels(raster.colour_picture(values, (0.0, 1.0)))
    assert image.shape == (3, 5, 3)  # (rows, columns, RGB)
    np.testing.assert_array_equal(image[-1], np.tile(rgb(raster.VIRIDIS[-1]), (5, 1)))
    np.testing.assert_array_equal(image[0], np.tile(rgb(raster.VIRIDIS[0]), (5, 1)))


@pytest.mark.parametrize(
    "value, expected",
    [
        (-5.0, rgb(raster.VIRIDIS[0])),  # below the domain: clipped to the first colour
        (0.0, rgb(raster.VIRIDIS[0])),
        (0.5, (rgb(raster.VIRIDIS[4]) + rgb(raster.VIRIDIS[5])) / 2),  # position 4.5 of 0..9
        (1.0 / 9.0, rgb(raster.VIRIDIS[1])),  # exactly the second stop
        (2.0, rgb(raster.VIRIDIS[-1])),
    ],
)
def test_colours_interpolate_the_stops_in_rgb_as_the_legend_does(value, expected):
    image = pixels(raster.colour_picture(np.array([[value]]), (0.0, 1.0)))
    np.testing.assert_allclose(image[0, 0], np.round(expected), atol=0.5)


def test_non_finite_cells_are_see_through():
    values = np.array([[0.0, np.nan], [np.inf, 1.0]])
    image = pixels(raster.colour_picture(values, (0.0, 1.0)))
    assert image.shape == (2, 2, 4)
    np.testing.assert_array_equal(image[..., 3], [[0, 255], [255, 0]])  # rows flipped: row 1 on top


# ---- hover blocks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape, expected", [((257, 196), (9, 4)), ((32, 64), (1, 1)), ((100, 400), (4, 7))]
)
def test_block_shape_keeps_at_most_32_by_64_blocks(shape, expected):
    g_r, g_c = raster.block_shape(shape)
    assert (g_r, g_c) == expected
    assert -(-shape[0] // g_r) <= 32 and -(-shape[1] // g_c) <= 64


@pytest.mark.parametrize("shape", [(257, 196), (10, 7), (65, 129)])
def test_block_maxima_are_each_blocks_largest_value(shape):
    values = np.random.default_rng(shape[0]).standard_normal(shape)
    values[0, 0] = np.nan  # left out, not propagated
    maxima, g_r, g_c = raster.block_maxima(values, (8, 16))
    brute = [
        [np.nanmax(values[r : r + g_r, c : c + g_c]) for c in range(0, shape[1], g_c)]
        for r in range(0, shape[0], g_r)
    ]
    np.testing.assert_allclose(maxima, brute)


def test_hover_blocks_give_spans_and_edges_in_plot_units_and_hz_on_a_mel_axis():
    values = np.arange(8.0).reshape(4, 2)  # (rows, cols)
    x, y = axes(4, 2, "mel")
    blocks = raster.hover_blocks(values, x, y, max_blocks=(2, 1))  # 2 x 2 cells per block
    assert len(blocks) == 2
    np.testing.assert_allclose(blocks["value"], [3.0, 7.0])
    np.testing.assert_allclose(blocks["y0"], y.edges[[0, 2]], rtol=1e-6)
    low_hz = 700 * (10 ** (y.edges[0] / 2595) - 1)
    high_hz = 700 * (10 ** (y.edges[2] / 2595) - 1)
    assert blocks["y_span"][0] == f"{low_hz:,.0f} – {high_hz:,.0f}"
    assert blocks["x_span"][0] == "0.000 – 0.600"


# ---- the chart -------------------------------------------------------------------------------


def test_chart_layers_are_picture_blocks_and_marker():
    values = np.random.default_rng(0).random((4, 6))
    spec, (image, blocks, rule) = layers(chart_of(values, marker_x=0.25))
    assert image["mark"]["type"] == "image" and blocks["mark"]["type"] == "rect"
    assert rule["mark"]["type"] == "rule" and data_of(spec, rule) == [{"x": 0.25}]
    assert image["encoding"]["x"]["title"] == "time (s)"
    assert image["encoding"]["y"]["title"] == "frequency (Hz)"
    assert image["encoding"]["y"]["axis"]["titleAngle"] == 0  # horizontal y title
    picture = data_of(spec, image)[0]
    assert (picture["x"], picture["x2"], picture["y"], picture["y2"]) == (0.0, 0.6, 0.0, 400.0)
    assert pixels(picture["url"]).shape[:2] == (4, 6)
    assert spec["title"] == {"text": "T", "subtitle": " ", "anchor": "start"} | {
        "subtitleFontSize": raster.SUBTITLE_FONT_SIZE
    }


def test_blocks_carry_the_tooltip_legend_and_colour_scale():
    values = np.random.default_rng(1).random((4, 6))
    spec, (_, blocks) = layers(chart_of(values, domain=(-80.0, 0.0)))
    encoding = blocks["encoding"]
    tips = [(t["field"], t["title"]) for t in encoding["tooltip"]]
    assert tips == [("x_span", "time (s)"), ("y_span", "frequency (Hz)"), ("value", "largest v")]
    assert encoding["color"]["title"] == "v"
    assert encoding["color"]["scale"] == {
        "domain": [-80.0, 0.0],
        "interpolate": "rgb",
        "range": list(raster.VIRIDIS),
    }
    assert blocks["mark"]["fillOpacity"] == 0  # see-through: the picture shows
    assert len(data_of(spec, blocks)) == 24  # 4 x 6 cells, one block each


def test_colour_domain_defaults_to_the_finite_range():
    values = np.array([[np.nan, -2.0], [3.5, np.inf]])
    _, (_, blocks) = layers(chart_of(values))
    assert blocks["encoding"]["color"]["scale"]["domain"] == [-2.0, 3.5]


def test_log_axis_is_a_log_scale_over_the_edges():
    _, (image, blocks) = layers(chart_of(np.ones((5, 3)), y_kind="log"))
    for layer in (image, blocks):
        scale = layer["encoding"]["y"]["scale"]
        assert scale == {"type": "log", "domain": [20.0, 8000.0], "nice": False}
    ticks = image["encoding"]["y"]["axis"]["values"]
    assert ticks == [20, 50, 100, 200, 500, 1000, 2000, 5000]  # every decade labelled


def test_mel_axis_ticks_are_round_hertz_labelled_in_hertz():
    _, (image, _) = layers(chart_of(np.ones((5, 3)), y_kind="mel"))
    axis = image["encoding"]["y"]["axis"]
    hz = 700 * (10 ** (np.array(axis["values"]) / 2595) - 1)  # what the label expression prints
    np.testing.assert_allclose(hz, [100, 250, 500, 1000, 2000, 4000, 8000], rtol=1e-9)
    assert axis["labelExpr"] == raster.MEL_LABEL_EXPR
    assert "pow(10, datum.value / 2595)" in axis["labelExpr"]


def test_new_values_on_a_fixed_domain_change_only_the_data_so_the_browser_updates_in_place():
    def spec_without_data(values, marker):
        spec = chart_of(values, marker_x=marker, domain=(0.0, 1.0)).to_dict()
        spec.pop("datasets")
        for layer in spec["layer"]:
            layer.pop("data")
        return spec

    rng = np.random.default_rng(2)
    first, second = (
        spec_without_data(v, m) for v, m in ((rng.random((4, 6)), 0.1), (rng.random((4, 6)), 0.4))
    )
    assert first == second
    assert first["layer"][1]["name"] == "blocks"
    hover = first["params"][0]  # Altair lifts a layer's selection to the top, tied to its view
    assert (hover["name"], hover["views"]) == ("block_hover", ["blocks"])


@pytest.mark.parametrize(
    "edges, kind, message",
    [
        (np.array([0.0, 1.0, 1.0]), "linear", "increasing"),
        (np.array([0.0]), "linear", "two"),
        (np.array([0.0, 1.0]), "bark", "kind"),
    ],
)
def test_axis_refuses_edges_it_cannot_draw(edges, kind, message):
    with pytest.raises(ValueError, match=message):
        raster.RasterAxis(edges, "x", kind=kind)


def test_values_and_edges_must_agree():
    x, y = axes(4, 6)
    with pytest.raises(ValueError, match=r"\(4, 5\) values need 5 y and 6 x edges, got 5 and 7"):
        raster.raster_chart(np.ones((4, 5)), x, y, title="", value_title="", block_value_title="")


@pytest.mark.parametrize("y_kind", raster.KINDS)
def test_chart_is_valid_vega_lite_drawn_on_a_canvas(y_kind):
    # ``ship`` skips Altair's schema check when Streamlit serialises the chart: it is done here
    chart = chart_of(np.random.default_rng(3).random((5, 3)), y_kind=y_kind, marker_x=0.3)
    spec = chart.to_dict() | {"datasets": {}}  # Streamlit ships the rows as Arrow
    root = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema
    assert alt.utils.schemapi.validate_jsonschema(spec, root, raise_error=False) is None
    assert spec["usermeta"] == {"embedOptions": {"renderer": "canvas"}}


def test_ship_skips_the_schema_check_and_leaves_the_callers_chart_alone(monkeypatch):
    chart = alt.layer(alt.Chart(pd.DataFrame({"a": [1.0]})).mark_point().encode(x="a:Q"))
    schemapi, checks = alt.utils.schemapi, []  # checks of a whole spec (small parts are cheap)
    check = schemapi.validate_jsonschema

    def spy(spec, *args, **kwargs):
        checks.extend(["whole spec"] if isinstance(spec, dict) and "layer" in spec else [])
        return check(spec, *args, **kwargs)

    monkeypatch.setattr(schemapi, "validate_jsonschema", spy)
    shipped = raster.ship(chart).to_dict()
    assert checks == [] and shipped["usermeta"] == charts.RENDERER  # serialised unchecked
    original = chart.to_dict()
    assert checks and "usermeta" not in original  # the caller's chart: checked, unchanged


def test_raster_does_not_import_streamlit():
    code = "import sys, lstm_viz.ui.raster; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
