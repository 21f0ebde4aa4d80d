"""The Altair builders: what each chart encodes, its tooltips, its data, and the notes it adds."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

from lstm_viz.ui import charts
from lstm_viz.ui.text import translate

TITLES = {"title": "gate", "x_title": "time step", "y_title": "unit"}


def gate_heatmap(values, x_labels=("a", "(", "a"), **kwargs):
    return charts.heatmap(
        values, list(x_labels), value_title="f", label_title="symbol", **TITLES, **kwargs
    )


def spec_without_data(chart) -> dict:
    spec = chart.to_dict()
    spec.pop("datasets")
    spec.pop("data")
    return spec


def tooltip_titles(encoding) -> list[str]:
    return [item["title"] for item in encoding["tooltip"]]


def test_heatmap_has_one_column_per_step_and_labels_them_by_symbol_in_order():
    values = np.arange(6.0).reshape(2, 3)  # (units, steps)
    spec = gate_heatmap(values).to_dict()
    x = spec["encoding"]["x"]
    assert x["field"] == "col" and x["scale"]["domain"] == [0, 1, 2]
    # Repeated symbols keep their own columns: the label is looked up by the step index.
    assert x["axis"]["labelExpr"] == '["a", "(", "a"][datum.value]'
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1]


def test_heatmap_long_format_holds_every_cell_with_its_symbol():
    values = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    data = gate_heatmap(values).data
    assert len(data) == 6
    cell = data[(data["row"] == 1) & (data["col"] == 2)].iloc[0]
    assert cell["value"] == pytest.approx(0.6) and cell["label"] == "a"
    assert [data["row"].dtype, data["col"].dtype, data["value"].dtype] == [np.int16] * 2 + [
        np.float32
    ]


def test_heatmap_tooltip_gives_unit_step_symbol_and_value():
    encoding = gate_heatmap(np.zeros((2, 3))).to_dict()["encoding"]
    assert tooltip_titles(encoding) == ["unit", "time step", "symbol", "f"]
    assert encoding["tooltip"][-1]["format"] == ".4f"


@pytest.mark.parametrize(("rows", "height"), [(1, 60), (8, 128), (30, 480), (64, 480)])
def test_heatmap_height_is_16_px_per_row_within_limits(rows, height):
    chart = gate_heatmap(np.zeros((rows, 3)))
    assert chart.to_dict()["height"] == height


def test_heatmap_fixed_domain_puts_before_and_after_on_one_scale():
    spec = gate_heatmap(np.zeros((2, 3)), domain=(0.0, 1.0), scheme="viridis").to_dict()
    assert spec["encoding"]["color"]["scale"] == {
        "scheme": "viridis",
        "type": "linear",
        "domain": [0.0, 1.0],
    }


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_heatmap_leaves_out_nan_and_inf_and_says_how_many(lang):
    values = np.array([[np.nan, 1.0, np.inf], [0.5, 0.5, -np.inf]])
    chart = gate_heatmap(values, lang=lang)
    assert len(chart.data) == 3
    assert chart.to_dict()["title"]["subtitle"] == translate("common.chart_not_finite", lang, n=3)


def test_heatmap_log_scale_clips_to_the_floor_and_says_so():
    values = np.array([[0.0, 1e-20, 1e-3]])
    chart = gate_heatmap(values, log_scale=True, floor=1e-12)
    assert chart.data["value"].min() == pytest.approx(1e-12)
    assert chart.to_dict()["encoding"]["color"]["scale"]["type"] == "log"
    assert chart.to_dict()["title"]["subtitle"] == translate(
        "common.chart_log_floor", "en", n=2, floor="1e-12"
    )


def test_heatmap_rejects_labels_that_do_not_match_the_columns():
    with pytest.raises(ValueError, match="2 x labels for 3 columns"):
        gate_heatmap(np.zeros((2, 3)), x_labels=("a", "b"))


def norms(values, model="LSTM"):
    return {
        "t": np.arange(len(values)),
        "norm": np.asarray(values, float),
        "model": [model] * len(values),
    }


def test_line_chart_log_scale_clips_zero_to_the_floor_and_says_so():
    chart = charts.line_chart(
        norms([1.0, 1e-3, 0.0]), "t", "norm", "model", log_y=True, floor=1e-12, **TITLES
    )
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"] == {"type": "log"}
    assert chart.data["norm"].min() == pytest.approx(1e-12)
    assert spec["title"]["subtitle"] == translate(
        "common.chart_log_floor", "en", n=1, floor="1e-12"
    )


def test_line_chart_drops_nan_and_inf_and_counts_them_in_korean():
    chart = charts.line_chart(
        norms([1.0, np.nan, np.inf, 2.0]), "t", "norm", "model", lang="ko", **TITLES
    )
    assert list(chart.data["t"]) == [0, 3]
    assert chart.to_dict()["title"]["subtitle"] == translate("common.chart_not_finite", "ko", n=2)


def test_line_chart_tooltip_gives_series_x_and_exact_y():
    chart = charts.line_chart(
        norms([1.0, 2.0]), "t", "norm", "model", color_title="model", **TITLES
    )
    points = chart.to_dict()["layer"][1]
    assert tooltip_titles(points["encoding"]) == ["model", "time step", "unit"]
    assert points["encoding"]["tooltip"][-1]["format"] == ".4g"


def test_loss_curve_spec_does_not_change_with_its_data():
    # A live chart redrawn in st.empty() with the same spec updates in place.
    titles = {"title": "loss", "x_title": "step", "y_title": "loss", "total_steps": 100}
    early = charts.loss_curve([1, 2], {"loss": [2.0, 1.5]}, **titles)
    late = charts.loss_curve(np.arange(1, 51), {"loss": np.linspace(2, 0.1, 50)}, **titles)
    assert spec_without_data(early) == spec_without_data(late)
    assert spec_without_data(late)["layer"][0]["encoding"]["x"]["scale"] == {"domain": [0, 100]}


def test_loss_curve_draws_one_line_per_series_with_a_legend():
    chart = charts.loss_curve(
        [1, 2, 3],
        {"Adam": [3.0, 2.0, 1.0], "SGD": [3.0, 2.5, 2.0]},
        title="loss",
        x_title="step",
        y_title="loss",
    )
    data = chart.data
    assert sorted(set(data["series"])) == ["Adam", "SGD"]
    assert data[(data["series"] == "SGD") & (data["step"] == 3)]["value"].iloc[0] == pytest.approx(
        2.0
    )
    assert chart.to_dict()["layer"][0]["encoding"]["color"]["field"] == "series"


def test_loss_curve_rejects_a_curve_of_another_length():
    with pytest.raises(ValueError, match="3 steps"):
        charts.loss_curve(
            [1, 2, 3], {"loss": [1.0, 2.0]}, title="loss", x_title="step", y_title="loss"
        )


def test_heatmap_labels_survive_quotes_backslashes_and_hangul():
    labels = ['"', "\\", "가", "'"]
    expr = gate_heatmap(np.zeros((1, 4)), x_labels=labels).to_dict()["encoding"]["x"]["axis"][
        "labelExpr"
    ]
    assert expr.endswith("[datum.value]")
    assert json.loads(expr.removesuffix("[datum.value]")) == labels


# float32 holds about 3.4e38 at most and 1.2e-38 at least (normal): beyond, values stay float64.
@pytest.mark.parametrize("big", [3.5e38, -1e39, 1e308, 1e-40, 1e-300])
def test_heatmap_keeps_values_float32_cannot_hold(big):
    chart = gate_heatmap(np.array([[1.0, big, np.nan]]))
    assert chart.data["value"].tolist() == [1.0, big]  # exact, not inf or 0
    assert chart.to_dict()["title"]["subtitle"] == translate("common.chart_not_finite", "en", n=1)


def test_heatmap_values_are_float32_when_that_only_rounds_them():
    data = gate_heatmap(np.array([[0.0, 3.3e38, -1.2e-38]])).data
    assert data["value"].dtype == np.float32
    np.testing.assert_allclose(data["value"], [0.0, 3.3e38, -1.2e-38], rtol=1e-7)


@pytest.mark.parametrize("big", [3.5e38, 1e308])
def test_line_chart_draws_exploding_values_past_float32_exactly(big):
    chart = charts.line_chart(norms([1.0, big, np.inf]), "t", "norm", "model", log_y=True, **TITLES)
    assert chart.data["norm"].tolist() == [1.0, big]
    assert np.isfinite(chart.data["norm"]).all()
    assert chart.to_dict()["title"]["subtitle"] == translate("common.chart_not_finite", "en", n=1)


def test_line_chart_log_floor_below_float32_is_not_flushed_to_zero():
    chart = charts.line_chart(
        norms([0.0, 1.0]), "t", "norm", "model", log_y=True, floor=1e-300, **TITLES
    )
    assert chart.data["norm"].tolist() == [1e-300, 1.0]


def two_series(names):
    return {
        "t": [0, 1, 0, 1],
        "norm": [1.0, 2.0, 3.0, 4.0],
        "model": [names[0]] * 2 + [names[1]] * 2,
    }


@pytest.mark.parametrize(
    "names",
    [("RNN", "LSTM"), ("순환 신경망", "LSTM")],  # sorted, the two languages disagree on the order
)
def test_line_chart_palette_gives_each_series_its_colour_in_either_language(names):
    chart = charts.line_chart(
        two_series(names),
        "t",
        "norm",
        "model",
        color_domain=names,
        color_range=["#d62728", "#1f77b4"],
        **TITLES,
    )
    for layer in chart.to_dict()["layer"]:
        scale = layer["encoding"]["color"]["scale"]
        assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
            names[0]: "#d62728",
            names[1]: "#1f77b4",
        }


def test_line_chart_palette_may_list_series_this_run_does_not_have():
    chart = charts.line_chart(
        two_series(("RNN", "LSTM")),
        "t",
        "norm",
        "model",
        color_domain=["RNN", "LSTM", "GRU"],
        **TITLES,
    )
    assert chart.to_dict()["layer"][0]["encoding"]["color"]["scale"] == {
        "domain": ["RNN", "LSTM", "GRU"]
    }


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"color_range": ["#000000", "#ffffff"]}, "color_range needs color_domain"),
        ({"color_domain": ["RNN"]}, r"series \['LSTM'\] are not in color_domain"),
        ({"color_domain": ["RNN", "LSTM"], "color_range": ["#000000"]}, "1 colours for 2 series"),
        ({"color_domain": ["RNN", "LSTM", "RNN"]}, "repeats a series"),
        ({"legend_orient": "below"}, "legend_orient 'below' is not one of"),
    ],
)
def test_line_chart_refuses_a_palette_or_legend_that_cannot_work(options, message):
    with pytest.raises(ValueError, match=message):
        charts.line_chart(two_series(("RNN", "LSTM")), "t", "norm", "model", **options, **TITLES)


def test_line_chart_palette_needs_a_colour_column():
    with pytest.raises(ValueError, match="need a color column"):
        charts.line_chart(norms([1.0, 2.0]), "t", "norm", legend_orient="bottom", **TITLES)


def test_line_chart_legend_below_in_columns_never_cuts_names():
    chart = charts.line_chart(
        two_series(("RNN", "LSTM")),
        "t",
        "norm",
        "model",
        legend_orient="bottom",
        legend_columns=2,
        **TITLES,
    )
    legend = chart.to_dict()["layer"][0]["encoding"]["color"]["legend"]
    assert legend == {"orient": "bottom", "columns": 2, "labelLimit": 0}


def test_line_chart_without_a_colour_title_shows_no_english_field_name():
    chart = charts.line_chart(two_series(("RNN", "LSTM")), "t", "norm", "model", **TITLES)
    layers = chart.to_dict()["layer"]
    assert layers[0]["encoding"]["color"]["title"] is None
    assert layers[1]["encoding"]["tooltip"][0]["title"] == " "


@pytest.mark.parametrize("curves", [("train", "validation"), ("학습", "검증")])
def test_loss_curve_colours_follow_the_order_of_the_curves_not_their_names(curves):
    chart = charts.loss_curve(
        [1, 2],
        {curves[0]: [2.0, 1.0], curves[1]: [2.5, 2.0]},
        title="loss",
        x_title="step",
        y_title="loss",
    )
    assert chart.to_dict()["layer"][0]["encoding"]["color"]["scale"] == {"domain": list(curves)}


@pytest.mark.parametrize("axis", ["x", "y"])
@pytest.mark.parametrize("labels", [None, ("a", "(", "a")])
def test_heatmap_first_label_stays_on_its_row_despite_streamlits_flush(axis, labels):
    # Streamlit's theme sets labelFlush on every axis, which moves a band axis's first label.
    values = np.zeros((3, 3))
    spec = charts.heatmap(values, labels, labels, value_title="f", **TITLES).to_dict()
    assert spec["encoding"][axis]["axis"]["labelFlush"] is False


@pytest.mark.parametrize(
    "chart",
    [
        gate_heatmap(np.array([[np.nan, 1.0, 2.0]])),
        charts.line_chart(norms([1.0, np.nan]), "t", "norm", "model", **TITLES),
    ],
    ids=["heatmap", "line_chart"],
)
def test_chart_notes_are_readable_on_a_projector(chart):
    title = chart.to_dict()["title"]
    assert title["subtitle"] == translate("common.chart_not_finite", "en", n=1)
    assert title["subtitleFontSize"] == charts.SUBTITLE_PX >= 12  # Vega's default is 10 px


def test_a_shipped_chart_draws_its_text_in_one_ink_on_a_white_card_in_either_theme():
    chart = (
        alt.Chart(pd.DataFrame({"x": [1, 2]}))
        .mark_point()
        .encode(x="x:Q")
        .configure_axis(labelColor="#262730", titleColor="#262730", labelFontSize=14)
        .configure_legend(labelColor="#262730", titleFontSize=14)
        .configure_title(color="#000000", fontSize=16)
    )
    config = charts.ship(chart).to_dict()["config"]
    ink = {"labelColor": charts.INK, "titleColor": charts.INK}
    assert config["background"] == charts.CARD == "#ffffff"
    assert config["axis"] == {"labelFontSize": 14, **ink}  # sizes stay, one ink
    assert config["legend"] == {"titleFontSize": 14, **ink}
    assert config["title"] == {
        "fontSize": 16,
        "subtitleFontSize": charts.SUBTITLE_PX,
        "color": charts.INK,
        "subtitleColor": charts.INK,
    }
    assert chart.to_dict()["config"]["axis"]["labelColor"] == "#262730"  # the caller's is kept
