"""The Adam page's charts (lstm_viz/labs/adam/charts.py): titles, axes, log scales, tooltips and
fixed colours per series and per optimizer, in both languages; the raster under the paths; the
race's zoom; every spec valid Vega-Lite although the page skips Altair's check at run time."""

from __future__ import annotations

import base64
import io

import altair as alt
import numpy as np
import pytest
from PIL import Image

from lstm_viz.labs.adam import RUNS, moments, race, surfaces
from lstm_viz.labs.adam import charts as adam_charts
from lstm_viz.ui.text import translate

LR = 0.001
RUN_LABELS = {
    "en": ["SGD", "momentum", "Adam, corrected", "Adam, no correction"],
    "ko": ["SGD", "모멘텀", "Adam, 보정 있음", "Adam, 보정 없음"],
}
SCHEMA = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema


@pytest.fixture(scope="module")
def trace():
    return moments.adam_trace(moments.MomentConfig(steps=200, lr=LR))


@pytest.fixture(scope="module")
def bowl():
    return surfaces.compare_paths(surfaces.PathConfig("bowl"))


def fake_runs(steps: int, diverged: str | None = None) -> dict[str, race.RaceRun]:
    """Four runs whose losses are known: run k has loss k + 1 / step."""
    runs = {}
    for k, name in enumerate(RUNS):
        loss = [k + 1.0 / s for s in range(1, steps + 1)]
        if name == diverged:
            loss = loss[:3]
        runs[name] = race.RaceRun(name, 0.01, loss, [0.5] * len(loss), 0.1, 0.9, 1.0)
    return runs


def color_scale(layer: dict) -> tuple[list[str], list[str]]:
    scale = layer["encoding"]["color"]["scale"]
    return scale["domain"], scale["range"]


def test_moment_charts_come_in_page_order_with_their_titles(trace):
    drawn = [c.to_dict() for c in adam_charts.moment_charts(trace, LR, "en")]
    titles = [spec["title"]["text"] for spec in drawn]
    assert titles == [translate(key, "en") for key, *_ in adam_charts.MOMENT_CHARTS]
    assert titles[3] == "Step size lr · m̂ / (√v̂ + ε), with and without correction"
    assert all(spec["layer"][0]["encoding"]["x"]["title"] == "step t" for spec in drawn)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_corrected_is_blue_and_uncorrected_orange_in_either_language(trace, lang):
    m, v, factors, step = (c.to_dict() for c in adam_charts.moment_charts(trace, LR, lang))
    series = lambda *keys: [translate(f"adam.series_{k}", lang) for k in keys]  # noqa: E731
    grey, blue, orange = adam_charts.GREY, adam_charts.BLUE, adam_charts.ORANGE
    assert color_scale(m["layer"][0]) == (series("g", "m", "m_hat"), [grey, orange, blue])
    assert color_scale(v["layer"][0]) == (series("g2", "v", "v_hat"), [grey, orange, blue])
    assert color_scale(step["layer"][0]) == (series("lr", "step", "step_raw"), [grey, blue, orange])
    assert color_scale(factors["layer"][0])[0] == series("factor1", "factor2")


def test_factor_chart_is_log_scale_and_the_others_linear(trace):
    drawn = [c.to_dict() for c in adam_charts.moment_charts(trace, LR, "en")]
    types = [spec["layer"][0]["encoding"]["y"]["scale"].get("type") for spec in drawn]
    assert types == [None, None, "log", None]


def test_moment_chart_data_are_the_trace_and_lr(trace):
    m, _, factors, step = adam_charts.moment_charts(trace, LR, "en")
    data = step.layer[0].data if step.data is alt.Undefined else step.data
    lr_rows = data[data.series == "lr"]
    np.testing.assert_allclose(lr_rows.y, LR, rtol=1e-6)
    corrected = data[data.series == "with correction"]
    np.testing.assert_allclose(corrected.y, trace.step, rtol=1e-6)
    np.testing.assert_array_equal(corrected.x, np.arange(1, 201))
    fdata = factors.data
    first = fdata[(fdata.x == 1)].set_index("series").y
    assert first["1/(1 − β₁ᵗ)"] == pytest.approx(10) and first["1/(1 − β₂ᵗ)"] == pytest.approx(1000)


def test_step_tooltip_gives_series_step_and_exact_size(trace):
    step = adam_charts.moment_charts(trace, LR, "en")[3].to_dict()
    tips = step["layer"][1]["encoding"]["tooltip"]
    assert [tip["title"] for tip in tips] == [" ", "step t", "step size (amount subtracted from θ)"]
    assert tips[2]["format"] == ".6g"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_surface_chart_draws_the_picture_the_blocks_the_paths_and_the_start(bowl, lang):
    spec = adam_charts.surface_chart("bowl", bowl, lang).to_dict()
    assert spec["title"] == translate("adam.chart_surface", lang)
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["image", "rect", "line", "point", "point"]
    x, y = spec["layer"][0]["encoding"]["x"], spec["layer"][0]["encoding"]["y"]
    assert (x["scale"]["domain"], y["scale"]["domain"]) == ([-5.0, 5.0], [-3.0, 3.0])
    colors = [adam_charts.RUN_COLORS[n] for n in RUNS]
    assert color_scale(spec["layer"][2]) == (RUN_LABELS[lang], colors)
    assert spec["layer"][2]["mark"]["clip"] is True  # a path that leaves the drawing is cut
    tips = {tip["field"] for tip in spec["layer"][3]["encoding"]["tooltip"]}
    assert tips == {"optimizer", "step", "x", "y", "loss"}
    assert spec["layer"][1]["encoding"]["color"]["title"] == translate("adam.log_loss", lang)
    block_tips = [tip["title"] for tip in spec["layer"][1]["encoding"]["tooltip"]]
    assert block_tips == ["x", "y", translate("adam.block_loss", lang)]


def picture_pixels(layer) -> np.ndarray:
    url = layer.data["url"][0]
    assert url.startswith("data:image/png;base64,")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))


def test_loss_picture_is_white_at_the_minimum_and_black_at_the_highest_corner():
    image, _ = adam_charts.loss_layers("bowl", "en")
    pixels = picture_pixels(image)  # (n, n, 3), top row first
    n = adam_charts.PICTURE_CELLS
    assert pixels.shape == (n, n, 3)
    # The bowl is lowest at (0, 0), between the four middle cells, and highest at the corners.
    middle = pixels[n // 2 - 1 : n // 2 + 1, n // 2 - 1 : n // 2 + 1]
    np.testing.assert_array_equal(middle, 255)
    for row, col in [(0, 0), (0, n - 1), (n - 1, 0), (n - 1, n - 1)]:
        np.testing.assert_array_equal(pixels[row, col], 0)
    assert pixels[0, n // 2, 0] > pixels[0, 0, 0]  # the top edge's middle is lower than a corner


def test_loss_picture_puts_the_valley_floor_where_y_equals_x_squared():
    image, _ = adam_charts.loss_layers("rosenbrock", "en")
    pixels = picture_pixels(image)[..., 0].astype(float)  # (n, n) grey, top row first
    n = adam_charts.PICTURE_CELLS
    (x0, x1), (y0, y1) = surfaces.SURFACE_INFO["rosenbrock"].extent
    col = int(0.75 * n)  # x = 1.0 at this column's centre: the floor passes y = 1 there
    x = x0 + (x1 - x0) * (col + 0.5) / n
    floor_y = y1 - (y1 - y0) * (np.argmax(pixels[:, col]) + 0.5) / n  # the lightest cell
    assert floor_y == pytest.approx(x * x, abs=2 * (y1 - y0) / n)


def test_hover_blocks_give_the_largest_loss_of_their_five_by_five_cells():
    _, blocks = adam_charts.loss_layers("bowl", "en")
    frame = blocks.data
    rows, cols = adam_charts.HOVER_BLOCKS
    assert len(frame) == rows * cols
    grid = surfaces.loss_grid("bowl", adam_charts.PICTURE_CELLS)
    g = adam_charts.PICTURE_CELLS // rows
    expected = grid.loss.reshape(rows, g, cols, g).max(axis=(1, 3)).ravel()
    np.testing.assert_allclose(frame["loss"], expected, rtol=1e-12)
    corner = frame.iloc[0]  # the bottom-left block: x from -5, y from -3
    assert (corner.x_span, corner.y_span) == ("-5.00 – -4.67", "-3.00 – -2.80")
    assert corner.loss == pytest.approx(surfaces.surface_loss("bowl", -5 + 1 / 30, -3 + 0.02))


def test_path_frame_and_start_follow_the_paths(bowl):
    frame = adam_charts.path_frame(bowl, "en")
    assert len(frame) == sum(len(p.xy) for p in bowl.values())
    start = frame[frame.step == 0]
    np.testing.assert_allclose(start[["x", "y"]], [surfaces.SURFACE_INFO["bowl"].start] * 4)
    adam = frame[frame.optimizer == "Adam, corrected"]
    np.testing.assert_allclose(adam.loss, bowl["adam"].loss)


def test_path_loss_chart_is_log_scale_and_says_when_a_loss_is_drawn_at_the_floor(bowl):
    found = dict(bowl)
    found["sgd"] = surfaces.OptimizerPath("sgd", 0.1, np.zeros((3, 2)), np.zeros(3), None, None)
    chart = adam_charts.path_loss_chart(found, "en")
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    assert "3 values below 1e-12 are drawn at 1e-12" in spec["title"]["subtitle"]
    assert adam_charts.path_loss_chart(bowl, "ko").to_dict()["title"]["subtitle"] == " "
    assert color_scale(spec["layer"][0])[0] == RUN_LABELS["en"]


@pytest.mark.parametrize(("steps", "zoom"), [(150, 20), (12, 12)])
def test_race_charts_show_all_steps_then_the_first_twenty(steps, zoom):
    full, zoomed = (c.to_dict() for c in adam_charts.race_charts(fake_runs(steps), steps, "en"))
    assert full["layer"][0]["encoding"]["x"]["scale"]["domain"] == [1, steps]
    assert zoomed["layer"][0]["encoding"]["x"]["scale"]["domain"] == [1, zoom]
    assert zoomed["title"]["text"] == f"The first {zoom} steps, zoomed in"
    assert color_scale(full["layer"][0]) == (
        RUN_LABELS["en"],
        [adam_charts.RUN_COLORS[n] for n in RUNS],
    )


def test_race_chart_data_hold_each_runs_loss_and_a_diverged_run_its_steps():
    full, zoomed = adam_charts.race_charts(fake_runs(30, diverged="sgd"), 30, "en")
    data = full.data
    assert len(data[data.series == "SGD"]) == 3  # the steps it made before diverging
    momentum = data[data.series == "momentum"]
    np.testing.assert_allclose(momentum.y, [1 + 1 / s for s in range(1, 31)], rtol=1e-6)
    assert zoomed.data.x.max() == 20


def every_chart(trace, bowl):
    return [
        *adam_charts.moment_charts(trace, LR, "ko"),
        adam_charts.surface_chart("bowl", bowl, "ko"),
        adam_charts.path_loss_chart(bowl, "ko"),
        *adam_charts.race_charts(fake_runs(150), 150, "ko"),
    ]


def test_every_chart_is_valid_vega_lite_and_drawn_on_a_canvas(trace, bowl):
    # The page skips Altair's schema check at run time (speed); the check happens here.
    for chart in every_chart(trace, bowl):
        spec = chart.to_dict()
        assert alt.utils.schemapi.validate_jsonschema(spec, SCHEMA, raise_error=False) is None
        assert spec["usermeta"] == {"embedOptions": {"renderer": "canvas"}}


def test_charts_skip_the_schema_check_of_the_whole_spec_when_serialised(trace, monkeypatch):
    chart = adam_charts.moment_charts(trace, LR, "en")[0]
    checked = []
    real = alt.utils.schemapi.validate_jsonschema

    def spy(instance, *args, **kwargs):
        checked.append(instance)
        return real(instance, *args, **kwargs)

    monkeypatch.setattr(alt.utils.schemapi, "validate_jsonschema", spy)
    assert chart.to_dict()["title"]["text"] == "First moment: m against m̂"
    assert not any("layer" in spec for spec in checked)  # only its small parts, if anything
    chart.to_dict(validate=True)
    assert any("layer" in spec for spec in checked)
