"""The gradients page in AppTest: the default run (a shared run: shown without a click), a demo,
Train clicks, the Korean switch, what the chart specs contain, overflow and divergence sentences,
and settings that wait for Train. Tests other than the default run use SMALL settings, which
are not shared runs: they press both Train buttons (``run_small``). Each test starts with an
empty run cache, in memory and on disk (tests/conftest.py), so what waits for Train waits."""

from __future__ import annotations

import io
import json

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from lstm_viz.labs.gradients import charts as GC
from lstm_viz.labs.gradients import compute as G
from lstm_viz.ui import export
from lstm_viz.ui.text import translate

PAGE = "pages/2_Gradients.py"
TIMEOUT = 90  # s: the default run trains three models, longer on a loaded CI machine
SMALL = {
    "gradients_steps": "50",
    "gradients_lag": "10",
    "gradients_esteps": "20",
}  # quick runs; numbers do not matter
# profile (norms, Jacobian), accuracy, loss, three heatmaps, the step shown, exploding (2)
N_CHARTS = 2 + 1 + 1 + 3 + 1 + 2


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


def heatmaps(at) -> list[dict]:
    """Each training heatmap's rect layer, with the chart's title (a marker layer frames the
    training step shown)."""
    maps = []
    for spec in specs(at):
        layers = spec.get("layer", [spec])
        if layers[0].get("mark", {}).get("type") == "rect":
            maps.append({**layers[0], "title": spec["title"]})
    return maps


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
    maps = heatmaps(at)
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
    assert not heatmaps(at)
    at.button(key="gradients_train_memory").click().run()
    assert not at.exception and not at.info
    maps = heatmaps(at)
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


# ---------------------------------------------------------------------------------------------
# Training you can scrub, pin and compare, export (part 2 and the sections' downloads)

SMALL_MEMORY = G.MemoryConfig(lag=10, steps=50)  # what SMALL sets for part 2
NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}


@pytest.fixture(scope="module")
def small_memory() -> dict[str, G.TrainOutcome]:
    """The runs the page trains for SMALL (training is deterministic for a seed)."""
    return G.memory_runs(SMALL_MEMORY)


def shipped(at, title: str) -> list[pd.DataFrame]:
    """The data sets Streamlit shipped for the chart titled ``title``, in the spec's layer
    order (a layer without data of its own is left out)."""
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if spec["title"]["text"] == title:
            frames = {d.name: convert_arrow_bytes_to_pandas_df(d.data.data)
                      for d in chart.proto.datasets}  # fmt: skip
            names = [spec.get("data", {}).get("name")]
            names += [layer.get("data", {}).get("name") for layer in spec.get("layer", [])]
            return [frames[name] for name in names if name in frames]
    raise AssertionError(f"no chart titled {title!r}")


def served_bytes_are(proto, data: bytes, mime: str, name: str) -> bool:
    """Whether the download behind a button holds ``data`` (its id hashes the bytes)."""
    return proto.url.endswith(_calculate_file_id(data, mime, name) + name[name.rindex(".") :])


def test_a_scrubbed_training_step_shows_that_steps_numbers(app_test, small_memory):
    at = run_small(app_test)
    assert at.slider(key="gradients_at").value == 50  # the last step, until the student scrubs
    at.slider(key="gradients_at").set_value(20).run()
    assert not at.exception
    views = {cell: G.step_view(out, 20) for cell, out in small_memory.items()}
    sentence = next(m.value for m in at.markdown if m.value.startswith("Training step 20 of 50."))
    for cell, view in views.items():
        assert f"{NAMES[cell]} {view.loss:.4g}" in sentence
        assert f"{NAMES[cell]} {view.reach:.2g}" in sentence
        assert view.loss == small_memory[cell].history.loss[19]
    # The curve below: this step's recorded ||dL/dh_t||, exactly, for every network
    (profile,) = shipped(at, "‖∂L/∂h_t‖ at training step 20")
    for cell, view in views.items():
        rows = profile[profile["curve"] == NAMES[cell]]
        assert rows["t"].tolist() == list(range(11))
        assert np.array_equal(rows["value"].to_numpy(), view.dh)
    # The loss curve's rule and each heatmap's framed row sit at step 20
    rule = shipped(at, "Training loss")[-1]
    assert rule["shown"].tolist() == [20]
    for cell in NAMES.values():
        heat, frame = shipped(at, f"{cell}: ‖∂L/∂h_t‖")
        assert frame["step"].tolist() == [20] and frame["row"].tolist() == [19]
        assert heat[heat["row"] == 19]["value"].to_numpy().size == 11


def test_a_pinned_run_survives_a_rerun_and_a_language_switch(app_test, small_memory):
    at = run_small(app_test)
    button(at, "Pin this run").click().run()
    assert any("This run is pinned" in i.value for i in at.info)
    at.slider(key="gradients_mbias").set_value(2.0).run()
    at.button(key="gradients_train_memory").click().run()
    assert not at.exception
    assert "This run beside the pinned run" in [h.value for h in at.subheader]
    bias = translate("gradients.memory_bias", "en")
    assert f"Settings that differ: {bias}: 5 → 2." in [m.value for m in at.markdown]
    at.run()  # a rerun keeps the pin
    assert "This run beside the pinned run" in [h.value for h in at.subheader]
    accuracy = shipped(at, "Held-out accuracy (pinned: dashed)")[0]
    for cell in small_memory:
        pinned = accuracy[accuracy["curve"] == f"{NAMES[cell]}, pinned run"]
        steps, percent = G.accuracy_curves(small_memory)[cell]
        assert pinned["step"].tolist() == steps.tolist()
        assert np.allclose(pinned["accuracy"], percent, rtol=1e-6)
        assert len(accuracy[accuracy["curve"] == f"{NAMES[cell]}, this run"]) == len(steps)
    at.sidebar.radio(key="_lang_switch").set_value("ko").run()
    assert not at.exception
    assert "이번 학습과 고정한 학습" in [h.value for h in at.subheader]
    bias_ko = translate("gradients.memory_bias", "ko")
    assert f"다른 설정: {bias_ko}: 5 → 2." in [m.value for m in at.markdown]
    assert shipped(at, "검증 정확도 (고정한 학습: 점선)")
    button(at, "고정 해제").click().run()
    assert "이번 학습과 고정한 학습" not in [h.value for h in at.subheader]


def test_the_section_csvs_hold_the_charts_numbers(app_test, small_memory):
    at = run_small(app_test)
    downloads = [b.proto for b in at.get("download_button")]
    # Part 2: the page's own bytes, rebuilt from the same runs ...
    views = {cell: G.step_view(out, 50) for cell, out in small_memory.items()}
    drawn = [
        GC.accuracy_chart(small_memory, 50, "en"),
        GC.memory_loss_chart(small_memory, 50, 50, "en"),
        *GC.training_heatmaps(small_memory, "en", 50).values(),
        GC.step_profile_chart(views, "en"),
    ]
    csv = export.frame_csv(export.chart_table(*drawn))
    name = "gradients-memory-lag10-seed0-50steps.csv"
    assert sum(served_bytes_are(d, csv, "text/csv", name) for d in downloads) == 1
    # ... which parse back to the numbers each drawn chart was shipped with.
    table = pd.read_csv(io.BytesIO(csv))
    for title, columns in (
        ("RNN: ‖∂L/∂h_t‖", ("row", "col", "value")),
        ("‖∂L/∂h_t‖ at training step 50", ("t", "norm", "value")),
        ("Training loss", ("step", "loss")),
        ("Held-out accuracy during training", ("step", "accuracy")),
    ):
        rows = table[table["chart"] == title].reset_index(drop=True)
        drawn_rows = shipped(at, title)[0]
        assert len(rows) == len(drawn_rows) > 0
        for column in columns:
            assert np.array_equal(
                rows[column].to_numpy(np.float32), drawn_rows[column].to_numpy(np.float32)
            )
    # Part 1: the norms and the Jacobian of the untrained networks
    norms, jacobian = GC.profile_charts(G.gradient_profile(G.ProfileConfig()), "en")
    part_1 = export.frame_csv(export.chart_table(norms, jacobian))
    name = "gradients-profile-T100-scale1-tanh.csv"
    assert sum(served_bytes_are(d, part_1, "text/csv", name) for d in downloads) == 1
    rows = pd.read_csv(io.BytesIO(part_1))
    rows = rows[rows["chart"] == "Gradient norm per time step"]
    assert np.array_equal(rows["norm"].to_numpy(np.float32), chart_column(at, 0, "norm"))
    # The run's record: every network's loss, step by step
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Run record (JSON)") == 2  # part 2 and part 3
