"""The gradients page in AppTest: the default run, a demo, a Train click, the Korean switch, what
the chart specs contain, overflow and divergence sentences, and settings that do not retrain."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pyarrow as pa
import pytest

from lstm_viz.ui.text import translate

PAGE = "pages/2_Gradients.py"
TIMEOUT = 90  # s: the default run trains three models, longer on a loaded CI machine
SMALL = {
    "gradients_steps": "50",
    "gradients_lag": "10",
    "gradients_esteps": "20",
}  # quick runs; numbers do not matter
N_CHARTS = 2 + 1 + 3 + 2  # profile (norms, Jacobian), accuracy, three heatmaps, exploding (2)


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def by_title(at) -> dict[str, dict]:
    return {s["title"]["text"]: s for s in specs(at)}


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def chart_column(at, index: int, column: str) -> np.ndarray:
    """A column of the data a chart ships (Arrow), as float64."""
    data = at.get("vega_lite_chart")[index].proto.datasets[0].data.data
    return pa.ipc.open_stream(data).read_all().column(column).to_numpy().astype(float)


def percent(value: str) -> float:
    return float(value.rstrip(" %"))


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def color_domain(spec: dict) -> list[str]:
    return spec["layer"][0]["encoding"]["color"]["scale"]["domain"]


def test_default_run_shows_all_three_parts_and_the_lstm_learning(app_test):
    at = app_test(PAGE, timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Vanishing and exploding gradients"
    m = metrics(at)
    assert m["RNN: spectral radius ρ(W_h)"] == "1.000"
    # pinned in tests/test_gradients.py: the LSTM learns the default task, the RNN does not
    assert percent(m["LSTM: held-out accuracy"]) >= 95
    assert percent(m["RNN: held-out accuracy"]) <= 35
    assert len(specs(at)) == N_CHARTS
    # the unclipped exploding run diverges, with one sentence; the clipped run finishes
    assert len(at.error) == 1 and at.error[0].value.startswith("Without clipping: training stopped")
    assert "finite for all 100 steps" in at.success[0].value


def test_norm_chart_is_log_scaled_with_every_curve_and_the_dashed_rho_line(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    charts = by_title(at)
    norms = charts["Gradient norm at each time step (log scale)"]
    line = norms["layer"][0]
    assert line["encoding"]["y"]["scale"]["type"] == "log"
    assert line["encoding"]["x"]["scale"]["domain"] == [0, 99]
    assert color_domain(norms) == [
        "RNN ‖∂L/∂h_t‖",
        "LSTM ‖∂L/∂h_t‖",
        "LSTM ‖∂L/∂c_t‖",
        "GRU ‖∂L/∂h_t‖",
        "ρ^k line (RNN bound)",
    ]
    assert "ρ^k line (RNN bound)" in json.dumps(line["encoding"]["strokeDash"], ensure_ascii=False)
    tips = {tip["title"] for tip in norms["layer"][1]["encoding"]["tooltip"]}
    assert {"time step t", "norm"} <= tips
    jacobian = charts["Jacobian norm ‖∂h_(T−1)/∂h_t‖ (Frobenius, log scale)"]
    assert color_domain(jacobian) == ["RNN", "LSTM", "GRU"]


def test_gradient_heatmaps_have_one_column_per_time_step_on_one_log_scale(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    maps = [s for s in specs(at) if s.get("mark", {}).get("type") == "rect"]
    assert [m["title"]["text"] for m in maps] == [f"{c}: ‖∂L/∂h_t‖" for c in ("RNN", "LSTM", "GRU")]
    for m in maps:
        assert m["encoding"]["x"]["scale"]["domain"] == list(range(11))  # lag 10 + the symbol
        assert m["encoding"]["color"]["scale"]["type"] == "log"
        assert len(m["encoding"]["y"]["scale"]["domain"]) == 50  # one row per training step
    domains = {json.dumps(m["encoding"]["color"]["scale"]["domain"]) for m in maps}
    assert len(domains) == 1  # one colour scale for the three


def test_every_chart_is_valid_vega_lite(app_test):
    # The page's charts skip Altair's schema check when Streamlit serialises them (speed).
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    root = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema
    drawn = specs(at)
    assert len(drawn) == N_CHARTS
    for spec in drawn:
        assert alt.utils.schemapi.validate_jsonschema(spec, root, raise_error=False) is None


def test_vanishing_demo_sets_the_scale_and_the_rnn_decays_faster_than_rho(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    button(at, translate("gradients.preset_vanishing", "en")).click().run()
    assert not at.exception and not at.info  # nothing to retrain: only part 1 changed
    m = metrics(at)
    assert m["RNN: spectral radius ρ(W_h)"] == "0.900"
    factor = float(m["RNN ‖∂L/∂h‖ per step"].lstrip("×"))
    assert 0.7 < factor < 0.9  # pinned: faster than rho^k with tanh


def test_changing_the_lag_waits_for_train_then_retrains(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    at.slider(key="gradients_lag").set_value(15).run()
    assert at.info and "press Train" in at.info[0].value  # the charts still show lag 10
    maps = [s for s in specs(at) if s.get("mark", {}).get("type") == "rect"]
    assert maps[0]["encoding"]["x"]["scale"]["domain"] == list(range(11))
    button(at, "Train").click().run()
    assert not at.exception and not at.info
    maps = [s for s in specs(at) if s.get("mark", {}).get("type") == "rect"]
    assert maps[0]["encoding"]["x"]["scale"]["domain"] == list(range(16))


def test_korean_switch_changes_the_title_and_the_charts(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, "lang": "ko"})
    at.run()
    assert not at.exception
    assert at.title[0].value == "기울기 소실과 기울기 폭주"
    assert "시간 단계별 기울기 크기 (로그 축)" in by_title(at)
    assert at.error[0].value.startswith("자르지 않으면")


@pytest.mark.parametrize(
    ("query", "kind", "words"),
    [
        (
            {"gradients_len": "500", "gradients_scale": "5.0", "gradients_act": "linear"},
            "error",
            ["overflowed", "NaN"],
        ),
        (
            {"gradients_len": "500", "gradients_scale": "6.0", "gradients_act": "relu"},
            "warning",
            ["infinity at step"],
        ),
    ],
    ids=["forward-overflow", "gradient-overflow"],
)
def test_overflow_gets_one_sentence_and_the_page_keeps_working(app_test, query, kind, words):
    at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, **query})
    at.run()
    assert not at.exception
    sentences = [e.value for e in getattr(at, kind) if e.value.startswith("RNN:")]
    assert len(sentences) == 1
    assert all(word in sentences[0] for word in words)
    assert len(specs(at)) == N_CHARTS  # every chart still draws
    subtitle = by_title(at)["Gradient norm at each time step (log scale)"]["title"]["subtitle"]
    assert "NaN or infinite and are not drawn" in subtitle


def test_norms_beyond_float32_are_drawn_as_the_finite_numbers_they_are(app_test):
    at = app_test(
        PAGE,
        timeout=TIMEOUT,
        query={**SMALL, "gradients_len": "500", "gradients_scale": "6.0", "gradients_act": "relu"},
    )
    at.run()
    norms = chart_column(at, 0, "norm")
    assert np.isfinite(norms).all()
    assert norms.max() > 1e200  # the ReLU RNN's gradient, 1e273 before it overflows


def test_learning_rate_10_never_crashes_and_says_what_happened(app_test):
    at = app_test(
        PAGE, timeout=TIMEOUT, query={**SMALL, "gradients_lr": "10", "gradients_elr": "10"}
    )
    at.run()
    assert not at.exception
    text = " ".join(e.value for e in [*at.error, *at.warning])
    assert "infinite or NaN" in text


def test_until_train_is_pressed_the_notice_quotes_the_run_on_screen(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    at.number_input(key="gradients_clip").set_value(2.0).run()  # part 3 needs Train to use it
    assert not at.exception
    assert any("τ = 1.0, 20 steps" in info.value for info in at.info)  # the run still shown
    notices = " ".join(m.value for m in at.markdown)
    assert "Clipped at τ = 1, the run finished all 20 steps" in notices
    assert "Clipped at τ = 2" not in notices
