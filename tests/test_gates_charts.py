"""The gates page's charts: one column per input symbol, the gates on [0, 1] and the cell state on
a scale from its own values, before above after on one colour scale, short sequences side by
side, the loss and its average in fixed colours in either language, and every spec valid
Vega-Lite although the page skips Altair's run-time check."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pytest

from lstm_viz.labs.gates import charts as GC
from lstm_viz.labs.gates import compute as gates

SYMBOLS = tuple("(a+1)*b=")  # T = 8
UNITS = 4


def record(scale: float = 1.0, symbols: tuple[str, ...] = SYMBOLS) -> gates.GateRecord:
    """A record whose states are known: gates in [0, 1], g and h in [-1, 1], c = scale * ramp."""
    rng = np.random.default_rng(0)
    steps = len(symbols)
    states = {name: rng.uniform(0, 1, (UNITS, steps)) for name in gates.GATE_NAMES}  # (H, T)
    states["g"] = rng.uniform(-1, 1, (UNITS, steps))
    states["c"] = scale * np.linspace(-1, 1, UNITS * steps).reshape(UNITS, steps)
    states["h"] = states["o"] * np.tanh(states["c"])
    return gates.GateRecord(symbols, states, np.array([0.3, 0.7]), ("invalid", "valid"))


def spec(chart) -> dict:
    return json.loads(chart.to_json(validate=False))


def parts(chart) -> list[dict]:
    d = spec(chart)
    return d.get("vconcat", d.get("hconcat", [d]))


def is_valid(d: dict) -> bool:
    root = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema
    return alt.utils.schemapi.validate_jsonschema(d, root, raise_error=False) is None


def test_state_heatmap_has_one_column_per_symbol_and_the_gate_scale():
    chart = GC.state_heatmap(record(), "f", "before training", (0.0, 1.0), "en")
    d = spec(chart)
    assert d["title"]["text"] == "Forget gate f, before training"
    assert d["encoding"]["x"]["scale"]["domain"] == list(range(len(SYMBOLS)))
    assert json.dumps(list(SYMBOLS)) in d["encoding"]["x"]["axis"]["labelExpr"]
    assert d["encoding"]["color"]["scale"]["domain"] == [0.0, 1.0]
    assert d["encoding"]["color"]["scale"]["scheme"] == "viridis"


@pytest.mark.parametrize(
    ("name", "scheme"), [("i", "viridis"), ("g", "redblue"), ("h", "purpleorange")]
)
def test_each_state_gets_its_colour_scheme(name, scheme):
    chart = GC.state_heatmap(record(), name, "after", (-1.0, 1.0), "en")
    assert spec(chart)["encoding"]["color"]["scale"]["scheme"] == scheme


def test_korean_heatmap_uses_the_textbook_terms():
    chart = GC.state_heatmap(record(), "c", "학습 후", (-1.0, 1.0), "ko")
    assert spec(chart)["title"]["text"] == "셀 상태 c, 학습 후"


def test_before_after_share_one_scale_from_the_larger_cell_state():
    # c reaches 1.2 before and 2.3 after: the shared scale rounds 2.3 up to a half, 2.5.
    combined = GC.before_after(record(1.2), record(2.3), "c", "en")
    top, bottom = parts(combined)  # left and right: side by side
    assert spec(combined)["resolve"]["scale"]["color"] == "shared"
    assert top["encoding"]["color"]["scale"]["domain"] == [-2.5, 2.5]
    assert bottom["encoding"]["color"]["scale"]["domain"] == [-2.5, 2.5]
    assert [top["title"]["text"], bottom["title"]["text"]] == [
        "Cell state c, before training",
        "Cell state c, after training",
    ]


def test_before_alone_without_a_trained_model():
    assert len(parts(GC.before_after(record(), None, "f", "en"))) == 1


@pytest.mark.parametrize(
    ("steps", "units", "size"),
    [(8, 4, (220, 96)), (20, 16, (440, 192)), (50, 64, (780, 360))],
)
def test_heatmap_size_is_22_px_per_step_and_12_per_unit_within_bounds(steps, units, size):
    assert GC.size_px(steps, units) == size


@pytest.mark.parametrize(("steps", "width"), [(8, 220), (15, 330), (40, 340)])
def test_before_and_after_sit_side_by_side_within_a_projectors_width(steps, width):
    # 22 px per step up to SIDE_WIDTH: two heatmaps, their axes and one legend fit 860 px.
    symbols = tuple("ab" * 20)[:steps]
    d = spec(GC.before_after(record(symbols=symbols), record(symbols=symbols), "f", "en"))
    assert [part["width"] for part in d["hconcat"]] == [width, width]


def test_the_students_sequence_shows_one_state_on_its_own_scale():
    d = spec(GC.trained_state(record(2.0), "c", "en"))
    (part,) = d["hconcat"]
    assert part["title"]["text"] == "Cell state c, after training"
    assert part["encoding"]["color"]["scale"]["domain"] == [-2.0, 2.0]
    assert is_valid(d)


def test_chart_text_is_at_least_14_px():
    for chart in (
        GC.before_after(record(), record(), "f", "en"),
        GC.trained_state(record(), "h", "en"),
    ):
        config = spec(chart)["config"]
        assert config["axis"]["labelFontSize"] >= 14 and config["axis"]["titleFontSize"] >= 14
        assert config["legend"]["labelFontSize"] >= 14 and config["title"]["fontSize"] >= 14


def test_paired_heatmaps_are_valid_vega_lite_and_skip_the_runtime_check():
    combined = GC.before_after(record(), record(2.0), "c", "en")
    d = combined.to_dict()  # no validate argument: the page's call, which must not validate
    assert "autosize" not in d["hconcat"][0]  # a concatenated view pads instead of fitting
    assert d["hconcat"][0]["width"] == 220 and d["hconcat"][0]["height"] == 96
    assert is_valid(d)


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["mini-batch loss", "mean of the last 50 steps"]),
        ("ko", ["미니배치 손실", "최근 50 단계 평균"]),
    ],
)
def test_loss_chart_keeps_its_colours_in_either_language(lang, names):
    steps = np.arange(1, 201)
    loss = 1 / np.sqrt(steps)
    chart = GC.loss_chart(
        steps, loss, gates.moving_average(loss, 50), window=50, total_steps=600, lang=lang
    )
    d = chart.to_dict()
    color = d["layer"][0]["encoding"]["color"]
    assert color["scale"] == {"domain": names, "range": list(GC.LOSS_COLORS)}
    assert d["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 600]  # the planned length
    assert is_valid(d)
