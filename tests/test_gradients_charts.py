"""The gradients page's charts: log axes, one colour per network on every chart, dashed reference
lines, tooltips with exact values, norms beyond float32 kept, one colour scale for the heatmaps,
and every name in the chosen language."""

from __future__ import annotations

import json
import unicodedata

import altair as alt
import numpy as np
import pandas as pd
import pytest

from lstm_viz.labs.gradients import charts as GC
from lstm_viz.labs.gradients import compute as G
from lstm_viz.nn.train import Divergence, TrainHistory, TrainOutcome
from lstm_viz.ui import charts
from lstm_viz.ui.text import translate

TITLES = {"title": "norms", "x_title": "t", "y_title": "norm"}


@pytest.fixture(scope="module")
def small_profile() -> G.GradientProfile:
    return G.gradient_profile(G.ProfileConfig(length=30, hidden_size=8))


def run(val_accuracy=(), loss=(), grad_norm=(), dh_norms=(), diverged_step=None) -> TrainOutcome:
    history = TrainHistory(
        step=list(range(1, len(loss) + 1)),
        loss=list(loss),
        grad_norm=list(grad_norm),
        clipped=[g > 1 for g in grad_norm],
        val_step=[10 * (k + 1) for k in range(len(val_accuracy))],
        val_accuracy=list(val_accuracy),
        dh_norms=[np.asarray(row, float) for row in dh_norms],
    )
    return TrainOutcome({}, history, Divergence(diverged_step, "loss") if diverged_step else None)


def color_scale(spec: dict) -> dict:
    return spec["layer"][0]["encoding"]["color"]["scale"]


def dashed(spec: dict) -> list[str]:
    """The curves the first layer draws dashed."""
    dash = spec["layer"][0]["encoding"]["strokeDash"]
    (condition,) = dash["condition"]
    assert condition["value"] == GC.DASH and dash["value"] == [1, 0]  # the rest solid
    return condition["test"]["oneOf"]


def data(spec: dict) -> list[dict]:
    (rows,) = spec["datasets"].values()
    return rows


def tooltip(spec: dict) -> dict[str, dict]:
    return {tip["title"]: tip for tip in spec["layer"][1]["encoding"]["tooltip"]}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_norm_chart_has_every_curve_in_its_colour_on_a_log_axis_with_the_rho_line_dashed(
    small_profile, lang
):
    norms, jacobian = (chart.to_dict() for chart in GC.profile_charts(small_profile, lang))
    names = [
        translate(f"gradients.series_{key}", lang)
        for key in ("rnn_h", "lstm_h", "lstm_c", "gru_h", "rho")
    ]
    assert color_scale(norms) == {
        "domain": names,
        "range": [GC.RED, GC.LIGHT_BLUE, GC.BLUE, GC.GREEN, GC.GREY],
    }
    assert dashed(norms) == [translate("gradients.series_rho", lang)]
    assert norms["title"]["text"] == translate("gradients.dh_title", lang)
    line = norms["layer"][0]["encoding"]
    assert line["y"]["scale"]["type"] == "log"
    assert line["x"]["scale"]["domain"] == [0, 29]
    assert line["x"]["title"] == translate("gradients.x_time", lang)
    assert line["y"]["axis"]["format"] == "~e"  # 1e-14, not 0.00000000000001
    assert line["color"]["legend"]["orient"] == "bottom"
    assert line["color"]["legend"]["columns"] == 2  # five names do not fit one row
    models = {"domain": ["RNN", "LSTM", "GRU"], "range": [GC.RED, GC.BLUE, GC.GREEN]}
    assert color_scale(jacobian) == models
    assert jacobian["title"]["text"] == translate("gradients.jacobian_title", lang)


def test_norm_chart_holds_one_row_per_curve_and_step_with_the_exact_value(small_profile):
    spec = GC.profile_charts(small_profile)[0].to_dict()
    rows = data(spec)
    assert len(rows) == 5 * 30
    rnn = [r for r in rows if r["curve"] == "RNN ‖∂L/∂h_t‖"]
    np.testing.assert_allclose([r["value"] for r in rnn], small_profile.cells["rnn"].dh)
    assert [r["t"] for r in rnn] == list(range(30))
    tips = tooltip(spec)
    assert {"time step t", "norm"} <= set(tips)
    assert tips["norm"]["field"] == "value" and tips["norm"]["format"] == ".3e"


def test_norm_chart_keeps_norms_beyond_float32_and_floors_zeros_with_a_note():
    curves = {"a": np.array([1e300, 1e200, 0.0, 1.0]), "b": np.array([np.inf, np.nan, 1.0, 2.0])}
    spec = GC.norm_chart(curves, [GC.RED, GC.BLUE], **TITLES).to_dict()
    rows = data(spec)
    assert len(rows) == 6  # inf and NaN are left out
    drawn = {(r["curve"], r["t"]): r["norm"] for r in rows}
    assert drawn[("a", 0)] == 1e300  # float32 would make it inf (its largest is 3.4e38)
    assert drawn[("a", 2)] == G.FLOOR
    subtitle = spec["title"]["subtitle"]
    assert translate("common.chart_log_floor", "en", n=1, floor="1e-30") in subtitle
    assert translate("common.chart_not_finite", "en", n=2) in subtitle


def accuracy_runs() -> dict[str, TrainOutcome]:
    return {
        "rnn": run(val_accuracy=[0.25, 0.3]),
        "lstm": run(val_accuracy=[0.5, 1.0]),
        "gru": run(val_accuracy=[0.2, 0.25]),
    }


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_accuracy_chart_shows_percent_on_a_fixed_axis_with_chance_dashed(lang):
    spec = GC.accuracy_chart(accuracy_runs(), total_steps=200, lang=lang).to_dict()
    chance = translate("gradients.chance", lang)
    assert color_scale(spec) == {
        "domain": ["RNN", "LSTM", "GRU", chance],
        "range": [GC.RED, GC.BLUE, GC.GREEN, GC.GREY],
    }
    assert dashed(spec) == [chance]
    line = spec["layer"][0]["encoding"]
    assert line["y"]["scale"]["domain"] == [0, 100]
    assert line["x"]["scale"]["domain"] == [0, 200]
    assert line["y"]["title"] == translate("gradients.y_accuracy", lang)
    rows = data(spec)
    lstm = [(r["step"], r["accuracy"]) for r in rows if r["curve"] == "LSTM"]
    assert lstm == [(10, 50.0), (20, 100.0)]
    assert {r["accuracy"] for r in rows if r["curve"] == chance} == {25.0}


def test_training_heatmaps_share_one_log_colour_scale_and_show_its_legend_once():
    runs = {
        "rnn": run(dh_norms=[[1e-9, 1e-2, 1.0], [1e-8, 1e-2, 0.5]]),
        "lstm": run(dh_norms=[[0.3, 0.5, 2.0], [0.2, 0.4, 1.0]]),
        "gru": run(),  # stopped before its first step: no heatmap
    }
    maps = {cell: chart.to_dict() for cell, chart in GC.training_heatmaps(runs, "ko").items()}
    assert list(maps) == ["rnn", "lstm"]
    for cell, spec in maps.items():
        color = spec["encoding"]["color"]
        assert color["scale"] == {"scheme": "viridis", "type": "log", "domain": [1e-9, 2.0]}
        assert spec["encoding"]["x"]["scale"]["domain"] == [0, 1, 2]  # one column per step t
        title = translate("gradients.heatmap_title", "ko", model=cell.upper())
        assert spec["title"]["text"] == title
        assert spec["encoding"]["x"]["title"] == "시간 단계 t"
    assert maps["rnn"]["encoding"]["color"]["legend"] is None
    assert maps["lstm"]["encoding"]["color"]["legend"] == {"format": "~e"}


def exploding_runs() -> dict[str, TrainOutcome]:
    return {
        "unclipped": run(loss=[1.4], grad_norm=[3e6], diverged_step=2),
        "clipped": run(loss=[1.4, 1.3, 1.2], grad_norm=[3e6, 50.0, 0.5]),
    }


def test_exploding_charts_are_log_scaled_with_dots_and_the_threshold_dashed():
    loss, norms = (c.to_dict() for c in GC.exploding_charts(exploding_runs(), 1.0, 100, "en"))
    names = ["without clipping", "clipped at τ = 1"]
    assert color_scale(loss) == {"domain": names, "range": [GC.RED, GC.BLUE]}
    assert color_scale(norms) == {
        "domain": [*names, "threshold τ"],
        "range": [GC.RED, GC.BLUE, GC.GREY],
    }
    assert dashed(norms) == ["threshold τ"]
    for spec in (loss, norms):
        dots = spec["layer"][2]  # every step of a run, so a run of one step is one dot
        assert dots["mark"]["type"] == "point" and dots["mark"]["filled"]
        solid_only = {"not": {"field": "curve", "oneOf": ["threshold τ"] if spec is norms else []}}
        assert dots["transform"] == [{"filter": solid_only}]
        assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
        assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 100]
    threshold = [(r["step"], r["norm"]) for r in data(norms) if r["curve"] == "threshold τ"]
    assert threshold == [(1, 1.0), (2, 1.0), (3, 1.0)]  # across the longest run
    assert tooltip(norms)["‖g‖"]["format"] == ".4g"


@pytest.mark.parametrize(
    ("names", "columns"),
    [
        (["RNN", "LSTM", "GRU"], 3),
        (["without clipping", "clipped at τ = 1"], 2),
        (["without clipping", "clipped at τ = 1", "threshold τ"], 2),  # 406 px: too wide
        (["자르지 않음", "τ = 1에서 자름", "문턱값 τ"], 2),  # 322 px estimated: cut at 1280 px
        (["RNN ‖∂L/∂h_t‖", "LSTM ‖∂L/∂h_t‖", "LSTM ‖∂L/∂c_t‖", "GRU ‖∂L/∂h_t‖", "ρ^k line"], 2),
    ],
)
def test_legend_keeps_one_row_only_when_it_fits_half_the_page(names, columns):
    assert GC.legend_columns(names) == columns


def test_every_chart_is_valid_vega_lite_json_though_the_page_skips_the_check(small_profile):
    charts = [
        *GC.profile_charts(small_profile),
        GC.accuracy_chart(accuracy_runs(), 200),
        *GC.exploding_charts(exploding_runs(), 1.0, 100),
        *GC.training_heatmaps({"rnn": run(dh_norms=[[1e-3, 1.0]])}).values(),
    ]
    root = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema
    for chart in charts:
        spec = chart.to_dict()  # as Streamlit calls it: no check (speed)
        assert alt.utils.schemapi.validate_jsonschema(spec, root, raise_error=False) is None
        json.dumps(chart.to_dict(validate=True))  # the same check, raising on an error


def test_a_trusted_chart_skips_the_schema_check_unless_asked():
    chart = charts.ship(alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a:Q"))
    chart.mark = {"type": "no-such-mark"}  # invalid Vega-Lite
    assert chart.to_dict()["mark"] == {"type": "no-such-mark"}  # what Streamlit calls
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        chart.to_dict(validate=True)


TITLE_KEYS = (
    "gradients.dh_title",
    "gradients.jacobian_title",
    "gradients.accuracy_title",
    "gradients.exploding_loss_title",
    "gradients.exploding_norm_title",
)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("key", TITLE_KEYS)
def test_chart_titles_fit_their_column_on_a_1280_px_projector(key, lang):
    """Vega cuts a title wider than its chart. The narrowest chart column at 1280 px is about
    380 px (part 3's two charts side by side); a title at TITLE_PX takes about 0.6 x TITLE_PX
    per character, twice that for a wide one (Hangul)."""
    title = translate(key, lang)
    wide = sum(unicodedata.east_asian_width(c) in ("W", "F") for c in title)
    assert 0.6 * GC.TITLE_PX * (len(title) + wide) <= 360, title


def test_every_chart_draws_its_text_at_14_px_or_more(small_profile):
    for chart in GC.profile_charts(small_profile):
        config = chart.to_dict()["config"]
        for part in ("axis", "legend"):
            assert config[part]["labelFontSize"] >= 14 and config[part]["titleFontSize"] >= 14
        assert config["title"]["fontSize"] >= 14
