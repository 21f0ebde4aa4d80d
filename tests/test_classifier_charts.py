"""The sound classifier page's charts: what the page claims about each (bars beside the textbook's
with a chance line, a confusion matrix in counts and row shares, a fixed colour per trained cell
in either language, probabilities with the true class in green), exact values in the tooltips,
and every spec valid Vega-Lite although it ships without Altair's run-time check."""

from __future__ import annotations

import altair as alt
import numpy as np
import pytest

from lstm_viz.audio import urban
from lstm_viz.labs.classifier import charts as CC
from lstm_viz.labs.classifier import compute as sl
from lstm_viz.nn.train import Divergence
from lstm_viz.ui.charts import MODEL_COLORS
from lstm_viz.ui.text import translate
from tests.test_classifier_text import fake_run

LANGS = ["en", "ko"]
ROOT = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema


def rows(spec: dict) -> list[dict]:
    """Every inline data row of a spec (all its datasets)."""
    return [row for dataset in spec["datasets"].values() for row in dataset]


def tooltip_fields(layer: dict) -> list[str]:
    return [tip["field"] for tip in layer["encoding"]["tooltip"]]


def table_runs() -> dict:
    """Every model on the 100 ms window, and the LSTM on 10 ms too: 5 cells."""
    runs = {
        (100.0, k): fake_run(k, 100.0, loss=[2.0, 1.0 + i]) for i, k in enumerate(sl.MODEL_KINDS)
    }
    runs[(10.0, "lstm")] = fake_run("lstm", 10.0, predicted=(0,) * 10, loss=[2.2, 2.1])
    return runs


def every_chart(lang: str) -> list:
    runs = table_runs()
    run = runs[(100.0, "lstm")]
    return [
        CC.accuracy_chart(runs, 100.0, lang),
        CC.accuracy_chart(runs, 10.0, lang),
        CC.confusion_chart(run, (100.0, "lstm"), lang),
        CC.loss_chart(runs, lang),
        CC.probability_chart(run.probs[3], "clip 3", lang, true=3),
        CC.probability_chart(run.probs[3], "your sound", lang),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_is_valid_vega_lite_drawn_on_a_canvas(lang):
    for chart in every_chart(lang):
        spec = chart.to_dict()  # as Streamlit calls it: without the schema check (speed)
        assert alt.utils.schemapi.validate_jsonschema(spec, ROOT, raise_error=False) is None
        assert spec["usermeta"]["embedOptions"]["renderer"] == "canvas"
        assert spec["title"]["text"]  # the page's tests find charts by title


@pytest.mark.parametrize("lang", LANGS)
def test_accuracy_bars_put_ours_before_the_textbooks_in_table_order_with_chance_dashed(lang):
    runs = table_runs()
    spec = CC.accuracy_chart(runs, 100.0, lang).to_dict()
    assert spec["title"]["text"] == translate("classifier.chart_title", lang, window="100")
    bars, chance = spec["layer"]
    ours, book = translate("classifier.ours", lang), translate("classifier.textbook", lang)
    assert bars["encoding"]["color"]["scale"] == {
        "domain": [ours, book],
        "range": [CC.OURS, CC.TEXTBOOK],
    }
    assert bars["encoding"]["y"]["scale"]["domain"] == [0, 100]
    assert bars["encoding"]["y"]["title"] == translate("classifier.accuracy_axis", lang)
    assert tooltip_fields(bars) == ["model", "source", "accuracy", "se"]
    drawn = [(r["model"], r["source"], r["accuracy"], r["se"]) for r in rows(spec) if "model" in r]
    lstm, rnn = translate("classifier.model_lstm", lang), translate("classifier.model_rnn", lang)
    se = 100 * sl.standard_error(1.0, 10)  # every fake 100 ms model is right on all 10 clips
    assert drawn[:3] == [(rnn, ours, 100.0, se), (rnn, book, 59.0, None), (lstm, ours, 100.0, se)]
    assert len(drawn) == 4 + 3  # four models of ours, three of the textbook's (no GRU)
    assert chance["mark"]["strokeDash"] == CC.DASH
    assert [r["y"] for r in rows(spec) if "y" in r] == [10.0]


def test_accuracy_bars_leave_out_a_diverged_model_but_keep_the_textbooks_bar():
    runs = {(10.0, "rnn"): fake_run("rnn", 10.0, diverged=Divergence(2, "loss"))}
    drawn = [
        (r["model"], r["source"])
        for r in rows(CC.accuracy_chart(runs, 10.0, "en").to_dict())
        if "model" in r
    ]
    assert drawn == [("RNN", "textbook"), ("LSTM", "textbook"), ("LSTM + state", "textbook")]


@pytest.mark.parametrize("lang", LANGS)
def test_confusion_matrix_holds_counts_and_row_shares_with_empty_cells_white(lang):
    run = fake_run(predicted=(0, 1, 2, 3, 4, 5, 6, 1, 0, 0), y_true=tuple(range(10)))
    spec = CC.confusion_chart(run, (100.0, "lstm"), lang).to_dict()
    cells, text = spec["layer"]
    data = rows(spec)
    np.testing.assert_array_equal(
        np.array([r["count"] for r in data]).reshape(10, 10), run.confusion
    )
    np.testing.assert_allclose(
        np.array([r["rate"] for r in data]).reshape(10, 10), 100 * sl.row_rates(run.confusion)
    )
    assert cells["encoding"]["color"]["scale"] == {
        "domain": [0, 100],
        "range": [CC.EMPTY, CC.FULL],
        "interpolate": "lab",  # "hcl" (Vega's default) drew 0 % light cyan, not white
    }
    assert tooltip_fields(cells) == ["true", "pred", "count", "rate"]
    assert text["encoding"]["text"]["field"] == "count"
    white_on_dark = text["encoding"]["color"]["condition"][0]["test"]
    assert white_on_dark == "(datum.rate > 77.5)"
    names = [translate(f"classifier.class_{c}", lang) for c in urban.CLASSES]
    assert cells["encoding"]["x"]["sort"] == names and cells["encoding"]["y"]["sort"] == names
    assert spec["title"]["text"] == translate(
        "classifier.confusion_title",
        lang,
        model=translate("classifier.cell_lstm_100", lang),
        acc="70.0",
    )


def test_each_cell_keeps_its_colour_in_either_language_and_whichever_cells_are_drawn():
    runs = table_runs()
    by_lang = {}
    for lang in LANGS:
        color = CC.loss_chart(runs, lang).to_dict()["layer"][0]["encoding"]["color"]
        by_lang[lang] = color["scale"]["range"]
        # table order: the 10 ms cell first, then the 100 ms ones model by model
        assert color["scale"]["domain"][0] == translate("classifier.cell_lstm_10", lang)
        assert color["legend"]["orient"] == "bottom" and color["legend"]["columns"] == 2
    lstm_10, rnn_100 = CC.cell_color((10.0, "lstm")), CC.cell_color((100.0, "rnn"))
    assert by_lang["en"] == by_lang["ko"] == [lstm_10, rnn_100, *by_lang["en"][2:]]
    assert len(set(by_lang["en"])) == 5  # five cells, five colours
    one = CC.loss_chart({(10.0, "lstm"): runs[(10.0, "lstm")]}, "en").to_dict()
    scale = one["layer"][0]["encoding"]["color"]["scale"]
    assert scale == {"domain": ["LSTM, 10 ms"], "range": [lstm_10]}  # no legend of absent cells


@pytest.mark.parametrize(
    ("cell", "color"),
    [((100.0, "rnn"), "#d62728"), ((100.0, "lstm"), "#1f4e9c"), ((100.0, "gru"), "#2ca02c")],
)
def test_networks_have_the_gradients_pages_colours(cell, color):
    assert CC.cell_color(cell) == color  # RNN red, LSTM blue, GRU green on every page


def test_loss_chart_has_one_point_per_step_of_every_cell():
    runs = table_runs()
    data = rows(CC.loss_chart(runs, "en").to_dict())
    assert len(data) == 2 * len(runs)
    lstm_10 = [(r["step"], r["loss"]) for r in data if r["model"] == "LSTM, 10 ms"]
    assert lstm_10 == [(1, pytest.approx(2.2)), (2, pytest.approx(2.1))]


@pytest.mark.parametrize("lang", LANGS)
def test_every_charts_text_is_at_least_14_px(lang):
    for chart in every_chart(lang):
        config = chart.to_dict()["config"]
        for part in ("axis", "legend"):
            assert config[part]["labelFontSize"] >= 14 and config[part]["titleFontSize"] >= 14
        assert config["title"]["fontSize"] >= 14


def test_each_models_colour_is_the_one_every_page_uses():
    for kind in sl.MODEL_KINDS:
        assert CC.cell_color((100.0, kind)) == MODEL_COLORS[kind]
        assert CC.cell_color((10.0, kind)) != MODEL_COLORS[kind]


@pytest.mark.parametrize("lang", LANGS)
def test_probabilities_are_percent_with_the_true_class_green(lang):
    probs = np.linspace(0.0, 0.2, 10)
    probs /= probs.sum()
    spec = CC.probability_chart(probs, "clip 8", lang, true=8).to_dict()
    (bars,) = spec["layer"]
    data = rows(spec)
    np.testing.assert_allclose([r["p"] for r in data], 100 * probs)
    true, other = translate("classifier.is_true", lang), translate("classifier.is_other", lang)
    assert [r["kind"] for r in data] == [other] * 8 + [true, other]
    assert bars["encoding"]["color"]["scale"] == {
        "domain": [true, other],
        "range": [CC.TRUE_CLASS, CC.OTHER_CLASS],
    }
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert tooltip_fields(bars) == ["class", "p"]
    unknown = CC.probability_chart(probs, "your sound", lang).to_dict()
    assert unknown["layer"][0]["encoding"]["color"]["legend"] is None  # no true class to explain
