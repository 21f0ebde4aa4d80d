"""The gradients page in AppTest: the default run (a shared run: shown without a click), a demo,
Train clicks, the Korean switch, what the chart specs contain, overflow and divergence sentences,
and settings that wait for Train. Tests other than the default run use SMALL settings, which
are not shared runs: they press both Train buttons (``run_small``). Each test starts with an
empty run cache, in memory and on disk (tests/conftest.py), so what waits for Train waits."""

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


def run_small(app_test, query=None):
    """The page with SMALL settings (and ``query``), both parts trained by their Train buttons."""
    at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, **(query or {})})
    at.run()
    assert len(specs(at)) == 2  # part 1 only: parts 2 and 3 wait for Train
    at.button(key="gradients_train_memory").click().run()
    at.button(key="gradients_train_exploding").click().run()
    assert not at.exception
    return at


def test_default_run_shows_all_three_parts_without_a_click(app_test):
    at = app_test(PAGE, timeout=TIMEOUT)
    at.run()
    assert not at.exception and not at.info
    assert at.title[0].value == "Vanishing and exploding gradients"
    m = metrics(at)
    assert m["RNN ρ(W_h)"] == "1.000"
    # seed 0 (tests/test_gradients_claims.py: seeds 0-9): both gated networks learn, RNN not
    assert percent(m["LSTM: held-out accuracy"]) >= 95
    assert percent(m["GRU: held-out accuracy"]) >= 95
    assert percent(m["RNN: held-out accuracy"]) <= 35
    notices = " ".join(m.value for m in at.markdown)
    assert "The GRU learned to carry the letter" in notices
    assert "The RNN stayed within 10 points of chance" in notices
    assert len(specs(at)) == N_CHARTS
    # the unclipped exploding run diverges, with one sentence; the clipped run finishes
    assert len(at.error) == 1 and at.error[0].value.startswith("Without clipping: training stopped")
    assert "step 3, where the loss became infinite" in at.error[0].value
    assert "finite for all 100 steps" in at.success[0].value


def test_norm_chart_is_log_scaled_with_every_curve_and_the_dashed_rho_line(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    charts = by_title(at)
    norms = charts["Gradient norm per time step"]
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
    jacobian = charts["Jacobian norm ‖∂h_(T−1)/∂h_t‖_F"]
    assert color_domain(jacobian) == ["RNN", "LSTM", "GRU"]


def test_gradient_heatmaps_have_one_column_per_time_step_on_one_log_scale(app_test):
    at = run_small(app_test)
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
    at = run_small(app_test)
    root = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema
    drawn = specs(at)
    assert len(drawn) == N_CHARTS
    for spec in drawn:
        assert alt.utils.schemapi.validate_jsonschema(spec, root, raise_error=False) is None


def test_vanishing_demo_sets_the_scale_and_the_rnn_decays_faster_than_rho(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    button(at, translate("gradients.preset_vanishing", "en")).click().run()
    assert not at.exception
    m = metrics(at)
    assert m["RNN ρ(W_h)"] == "0.900"
    factor = float(m["RNN ‖∂L/∂h‖ per step"].lstrip("×"))
    assert 0.7 < factor < 0.9  # pinned: faster than rho^k with tanh


def test_changing_the_lag_waits_for_train_then_retrains(app_test):
    at = run_small(app_test)
    at.slider(key="gradients_lag").set_value(35).run()  # a lag no other test trains
    assert at.info and "press Train" in at.info[0].value  # no chart of another setting
    assert not [s for s in specs(at) if s.get("mark", {}).get("type") == "rect"]
    at.button(key="gradients_train_memory").click().run()
    assert not at.exception and not at.info
    maps = [s for s in specs(at) if s.get("mark", {}).get("type") == "rect"]
    assert maps[0]["encoding"]["x"]["scale"]["domain"] == list(range(36))


def test_korean_switch_changes_the_title_and_the_charts(app_test):
    at = run_small(app_test, {"lang": "ko"})
    assert at.title[0].value == "기울기 소실과 기울기 폭주"
    assert "시간 단계별 기울기 크기" in by_title(at)
    assert at.error[0].value.startswith("클리핑하지 않으면")


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
    at = run_small(app_test, query)
    sentences = [e.value for e in getattr(at, kind) if e.value.startswith("RNN:")]
    assert len(sentences) == 1
    assert all(word in sentences[0] for word in words)
    assert len(specs(at)) == N_CHARTS  # every chart still draws
    subtitle = by_title(at)["Gradient norm per time step"]["title"]["subtitle"]
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
    at = run_small(app_test, {"gradients_lr": "10", "gradients_elr": "10"})
    text = " ".join(e.value for e in [*at.error, *at.warning])
    assert "infinite or NaN" in text


def test_until_train_is_pressed_no_sentence_quotes_another_run(app_test):
    at = run_small(app_test)
    notices = " ".join(m.value for m in at.markdown)
    assert "Clipped at τ = 1, the run finished all 20 steps" in notices
    at.number_input(key="gradients_clip").set_value(2.5).run()  # part 3 needs Train to use it
    assert not at.exception
    assert any("press Train" in info.value for info in at.info)
    notices = " ".join(m.value for m in at.markdown)
    assert "Clipped at τ" not in notices  # neither the old run's sentence nor a made-up one
    at.button(key="gradients_train_exploding").click().run()
    notices = " ".join(m.value for m in at.markdown)
    assert "Clipped at τ = 2.5, the run finished all 20 steps" in notices


def test_a_part_1_control_redraws_part_1_and_the_share_link_follows(app_test):
    """Part 1 is an st.fragment: its controls are drawn again on its own reruns, without the
    'used twice' check tripping, and the share link names every control that differs."""
    at = run_small(app_test)
    at.slider(key="gradients_len").set_value(50).run()
    assert not at.exception
    norms = by_title(at)["Gradient norm per time step"]
    assert norms["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 49]
    link = at.sidebar.code[0].value
    assert "gradients_len=50" in link and "gradients_lag=10" in link  # parts 1 and 2 alike
    assert len(specs(at)) == N_CHARTS  # parts 2 and 3 stay, nothing retrained
