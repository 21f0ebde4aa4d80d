"""The LSTM gates page in AppTest: the default run, a demo and the Train button, the Korean switch,
what the heatmap specs contain, a bad expression's sentence, settings that do not retrain, and
view-only controls that rerun only their fragment. Runs other than the page's default and demos
use a small setting (``SMALL``) where the trained numbers add nothing."""

from __future__ import annotations

import io
import json

import altair as alt
import numpy as np
import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from lstm_viz.data import expressions
from lstm_viz.labs.gates import charts as gates_charts
from lstm_viz.labs.gates import compute as gates
from lstm_viz.ui import export

PAGE = "pages/1_LSTM_gates.py"
TIMEOUT = 60  # s: the default run trains for a few seconds, more on a loaded CI machine
SMALL = {"gates_steps": "50", "gates_hidden": "8"}  # a quick run: only the plumbing matters
MAX_FIRST_VISIT_CHARTS = 15


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def heatmaps(at) -> list[dict]:
    """Every heatmap, in page order; the page puts before and after in one chart (``hconcat``)."""
    parts = [
        part for spec in specs(at) for part in spec.get("vconcat", spec.get("hconcat", [spec]))
    ]
    return [part for part in parts if part.get("mark", {}).get("type") == "rect"]


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def trained_small(app_test, **query):
    """The page with ``SMALL`` settings, after a click on Train (a small run is not shared)."""
    at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, **query})
    at.run()  # "press Train", unless an earlier test left this run in the disk cache
    button(at, "학습" if query.get("lang") == "ko" else "Train").click().run()
    assert not at.exception
    return at


def test_default_run_trains_on_the_first_visit_and_sends_few_charts(app_test):
    at = app_test(PAGE, timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert at.title[0].value == "LSTM gates"
    accuracy, chance = (float(m.value.rstrip(" %")) for m in at.metric[:2])
    assert accuracy >= 80 and 45 <= chance <= 55  # the textbook task, well above chance
    assert len(at.get("vega_lite_chart")) <= MAX_FIRST_VISIT_CHARTS
    titles = [m["title"]["text"] for m in heatmaps(at)]
    assert titles == [
        "Forget gate f, before training",
        "Forget gate f, after training",
        "Forget gate f, after training",  # the student's expression
    ]
    assert at.success and at.success[0].value == "The model is right."


def test_every_chart_is_valid_vega_lite(app_test):
    # The page skips Altair's schema check at run time (speed); the schema check happens here.
    at = trained_small(app_test)
    root = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema
    drawn = specs(at)
    assert len(drawn) == 3  # loss curve, before beside after, the student's sequence
    for spec in drawn:
        assert alt.utils.schemapi.validate_jsonschema(spec, root, raise_error=False) is None


def test_gates_heatmap_has_one_column_per_input_symbol_with_fixed_domains(app_test):
    at = trained_small(app_test)
    caption = next(m.value for m in at.markdown if m.value.startswith("Sequence: `"))
    text = caption.split("`")[1]  # the example, its end marker included
    forget = heatmaps(at)[0]
    assert forget["title"]["text"] == "Forget gate f, before training"
    assert forget["encoding"]["x"]["scale"]["domain"] == list(range(len(text)))
    assert json.dumps(list(text)) in forget["encoding"]["x"]["axis"]["labelExpr"]
    assert forget["encoding"]["color"]["scale"]["domain"] == [0.0, 1.0]
    tips = {tip["title"] for tip in forget["encoding"]["tooltip"]}
    assert tips == {
        "unit",
        "time step (input symbol)",
        "input symbol",
        "f",
        "input term x·W_x",  # what f is made of (the step up close's terms)
        "recurrent term hₜ₋₁·W_h",
        "bias b",
        "pre-activation (sum)",
    }
    at.radio(key="gates_state").set_value("h").run()
    maps = heatmaps(at)
    assert [m["title"]["text"] for m in maps[:2]] == [
        "Hidden state h, before training",
        "Hidden state h, after training",
    ]
    assert maps[1]["encoding"]["color"]["scale"]["domain"] == [-1.0, 1.0]
    # The student's expression: (a+12)*b3 and the end marker, one column each ('1' and '2' too).
    assert maps[2]["encoding"]["x"]["scale"]["domain"] == list(range(10))


def test_korean_switch_changes_the_title_and_labels(app_test):
    at = trained_small(app_test, lang="ko")
    assert at.title[0].value == "LSTM 게이트"
    assert heatmaps(at)[0]["title"]["text"] == "망각 게이트 f, 학습 전"


def test_memory_demo_trains_at_once_and_shows_the_unit_that_keeps_the_first_symbol(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    button(at, "First symbol, lag 20").click().run()  # a demo is a shared run: no Train click
    assert not at.exception and not at.info
    accuracy = float(at.metric[0].value.rstrip(" %"))
    assert accuracy >= 99  # the claims harness pins this demo at seeds 0-9
    notice = "\n".join(m.value for m in at.markdown)
    assert "forget gate stays near 1 across the noise steps" in notice
    assert "In this run the model trained at lag 20 names the letter of" in notice
    assert at.metric[3].value == "B"  # the default sequence B0312... gets its first symbol


def test_moving_a_training_slider_asks_for_train_and_never_shows_an_old_run(app_test):
    at = trained_small(app_test)
    at.slider(key="gates_hidden").set_value(12).run()
    assert at.info and "press Train" in at.info[0].value
    assert not at.metric and not at.get("vega_lite_chart")


def test_view_controls_rerun_only_their_fragment_and_keep_the_share_link(app_test):
    at = trained_small(app_test)
    loss = at.metric[2].value
    at.slider(key="gates_example").set_value(3).run()
    at.radio(key="gates_state").set_value("c").run()
    assert not at.exception and at.metric[2].value == loss
    link = at.sidebar.code[0].value
    for part in ("gates_steps=50", "gates_hidden=8", "gates_example=3", "gates_state=c"):
        assert part in link


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        ("en", "(a+%b)", ["'%'", "position 4"]),
        ("ko", "(a+%b)", ["4번째", "'%'"]),
        ("en", "", ["empty", "(a+12)*b3"]),
        ("ko", "a b", ["2번째", "공백"]),
        ("en", "a" * 200, ["200", f"longest allowed is {expressions.MAX_LEN}"]),
    ],
)
def test_a_bad_expression_gets_one_sentence(app_test, lang, text, words):
    at = trained_small(app_test, lang=lang)
    at.text_input(key="gates_expr").set_value(text).run()
    assert not at.exception
    assert len(at.error) == 1
    assert all(word in at.error[0].value for word in words)


def test_the_text_box_states_the_models_limit_and_cuts_nothing(app_test):
    at = trained_small(app_test)
    box = at.text_input(key="gates_expr")
    assert not box.max_chars  # a longer paste gets the sentence, never silently dropped
    assert f"At most {expressions.MAX_LEN} symbols" in "\n".join(c.value for c in at.caption)


def test_a_shared_link_with_a_bad_sequence_opens_with_its_sentence(app_test):
    query = {"lang": "ko", **{k: str(v) for k, v in demo_query("first_symbol").items()}}
    at = app_test(PAGE, timeout=TIMEOUT, query={**query, "gates_seq": "0123"})
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "첫 기호는 문자 A, B, C, D 중 하나여야 합니다. '0'는 안 됩니다."
    ]


def demo_query(name: str) -> dict[str, object]:
    c = gates.PRESETS[f"gates.preset_{name}"]
    return {"gates_task": c.task, "gates_lr": f"{c.lr:g}", "gates_steps": c.steps}


def test_learning_rate_10_demo_never_calls_its_verdict_right(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query={k: str(v) for k, v in demo_query("lr_10").items()})
    at.run()
    assert not at.exception and not at.error and not at.success
    assert float(at.metric[0].value.rstrip(" %")) < 61  # near chance, as the page says
    assert any("close to chance level" in i.value for i in at.info)


# ---------------------------------------------------------------------------------------------
# One time step up close, training you can scrub, pin and compare, export

SMALL_CONFIG = gates.GatesConfig(hidden_size=8, steps=50)  # what ``SMALL`` sets on the page
UP_CLOSE_ROWS = {"h_prev": 0, "c_prev": 1, "f": 6, "i": 11, "g": 16, "o": 21,
                 "kept": 22, "written": 23, "c": 24, "tanh_c": 25, "h": 26}  # fmt: skip


@pytest.fixture(scope="module")
def small_run() -> gates.GatesResult:
    """The run the page trains for ``SMALL`` (training is deterministic for a seed)."""
    return gates.run_training(SMALL_CONFIG)


def chart_data(chart) -> list[tuple[str, pd.DataFrame]]:
    """Each part of a drawn chart as (its title, the rows Streamlit shipped for it)."""
    spec = json.loads(chart.proto.spec)
    shipped = {d.name: convert_arrow_bytes_to_pandas_df(d.data.data) for d in chart.proto.datasets}
    parts = spec.get("hconcat", [spec])
    return [(p["title"]["text"], shipped[p["data"]["name"]]) for p in parts if "data" in p]


def assert_up_close_is_the_traces_own(column: pd.Series, record: gates.GateRecord, t: int, u: int):
    trace = record.trace
    f, i, g, o, c, h = (getattr(trace, n)[0, t, u] for n in ("f", "i", "g", "o", "c", "h"))
    c_prev = trace.c[0, t - 1, u]
    value = {name: column.iloc[row] for name, row in UP_CLOSE_ROWS.items()}
    assert value["h_prev"] == trace.h[0, t - 1, u] and value["c_prev"] == c_prev
    for name, gate in (("f", f), ("i", i), ("g", g), ("o", o)):
        assert value[name] == gate  # the trace's own float32, shown without a change
        terms = column.iloc[UP_CLOSE_ROWS[name] - 4 : UP_CLOSE_ROWS[name]].to_numpy(np.float32)
        assert np.float32(terms[0] + terms[1] + terms[2]) == np.float32(terms[3])
    assert value["c"] == c and value["h"] == h
    assert value["kept"] == f * c_prev and value["written"] == i * g
    # c_t = f * c_{t-1} + i * g exactly, in the cell's own float32 arithmetic
    assert np.float32(value["kept"]) + np.float32(value["written"]) == np.float32(value["c"])
    assert value["tanh_c"] == np.tanh(c)


def test_step_up_close_shows_the_traces_numbers_before_and_after_training(app_test, small_run):
    at = trained_small(app_test, gates_t="5", gates_unit="3")
    assert at.slider(key="gates_t").value == 5 and at.selectbox(key="gates_unit").value == "3"
    table = at.dataframe[0].value
    assert list(table.columns) == ["before training", "after training"]
    before = gates.record_example(small_run, 0, after=False)
    after = gates.record_example(small_run, 0, after=True)
    assert_up_close_is_the_traces_own(table["before training"], before, 5, 3)
    assert_up_close_is_the_traces_own(table["after training"], after, 5, 3)
    symbol = before.symbols[5]
    assert f"Step t = 5 reads xₜ = '{symbol}'." in [m.value for m in at.markdown]
    assert table.index[0] == f"hₜ₋₁ (xₜ = '{symbol}')"


def test_a_scrubbed_step_shows_that_snapshot(app_test, small_run):
    at = trained_small(app_test)
    assert at.slider(key="gates_at").value == 50  # the trained model, until the student scrubs
    at.slider(key="gates_at").set_value(20).run()
    assert not at.exception
    snapshot = gates.record_example(small_run, 0, after=True, step=20)
    trained = gates.record_example(small_run, 0, after=True)
    (_, before), (title, after) = chart_data(at.get("vega_lite_chart")[1])
    assert title == "Forget gate f, after 20 of 50 steps"
    shown = after.pivot(index="row", columns="col", values="value").to_numpy()  # (H, T)
    assert np.array_equal(shown, snapshot.states["f"].astype(np.float32))
    assert not np.array_equal(shown, trained.states["f"].astype(np.float32))
    k = int(snapshot.probs.argmax())
    caption = next(m.value for m in at.markdown if m.value.startswith("Sequence: `"))
    assert "model after 20 of 50 steps: **" in caption
    assert f"(probability {100 * snapshot.probs[k]:.1f} %)" in caption
    loss = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    rule = next(layer for layer in loss["layer"] if layer["mark"]["type"] == "rule")
    shipped = {d.name: convert_arrow_bytes_to_pandas_df(d.data.data) for d in
               at.get("vega_lite_chart")[0].proto.datasets}  # fmt: skip
    assert shipped[rule["data"]["name"]]["shown"].tolist() == [20]
    assert list(at.dataframe[0].value.columns) == ["before training", "after 20 of 50 steps"]
    up_close = at.dataframe[0].value["after 20 of 50 steps"]
    t = at.slider(key="gates_t").value
    unit = int(at.selectbox(key="gates_unit").value)
    assert_up_close_is_the_traces_own(up_close, snapshot, t, unit)


def test_a_pinned_run_survives_a_rerun_and_a_language_switch(app_test):
    at = trained_small(app_test)
    button(at, "Pin this run").click().run()
    assert any("This run is pinned" in i.value for i in at.info)
    at.number_input(key="gates_seed").set_value(1).run()
    button(at, "Train").click().run()
    assert not at.exception
    assert "This run beside the pinned run" in [h.value for h in at.subheader]
    assert "Settings that differ: Seed: 0 → 1." in [m.value for m in at.markdown]
    at.run()  # a rerun keeps the pin
    assert "This run beside the pinned run" in [h.value for h in at.subheader]
    titles = [title for title, _ in chart_data(at.get("vega_lite_chart")[-1])]
    assert titles == ["Forget gate f, this run", "Forget gate f, pinned run"]
    at.sidebar.radio(key="_lang_switch").set_value("ko").run()
    assert not at.exception
    assert "이번 학습과 고정한 학습" in [h.value for h in at.subheader]
    assert "다른 설정: 시드: 0 → 1." in [m.value for m in at.markdown]
    button(at, "고정 해제").click().run()
    assert "이번 학습과 고정한 학습" not in [h.value for h in at.subheader]


def served_bytes_are(url: str, data: bytes, mime: str, name: str) -> bool:
    """Whether the download behind ``url`` holds ``data`` (its id hashes the bytes)."""
    return url.endswith(_calculate_file_id(data, mime, name) + ".csv")


def test_the_csv_downloads_hold_the_charts_numbers(app_test, small_run):
    at = trained_small(app_test)
    downloads = {b.label: b.proto for b in at.get("download_button")}
    assert set(downloads) >= {"Heatmap numbers (CSV)", "Loss curve (CSV)", "Run record (JSON)"}
    # The heatmap's CSV: the page's own bytes, rebuilt from the same run ...
    before = gates.record_example(small_run, 0, after=False)
    after = gates.record_example(small_run, 0, after=True)
    chart = gates_charts.before_after(before, after, "f", "en")
    csv = export.frame_csv(export.chart_table(chart))
    heat = downloads["Heatmap numbers (CSV)"]
    assert served_bytes_are(heat.url, csv, "text/csv", "gates-f-example1.csv")
    # ... and they parse back to the numbers the drawn chart was shipped with.
    table = pd.read_csv(io.BytesIO(csv))
    for title, shipped in chart_data(at.get("vega_lite_chart")[1]):
        rows = table[table["chart"] == title].reset_index(drop=True)
        assert len(rows) == len(shipped) == 8 * len(before.symbols)
        for column in ("row", "col", "value", "extra0", "extra1", "extra2", "extra3"):
            assert np.array_equal(
                rows[column].to_numpy(np.float32), shipped[column].to_numpy(np.float32)
            )
        assert rows["label"].tolist() == shipped["label"].astype(str).tolist()
    # The loss curve's CSV: the mini-batch loss and its moving average, step by step.
    loss = gates_charts.loss_chart(
        small_run.history.step,
        small_run.history.loss,
        gates.moving_average(small_run.history.loss, 50),
        window=50,
        total_steps=50,
        lang="en",
        marker=50,
    )
    loss_csv = export.frame_csv(export.chart_table(loss))
    assert served_bytes_are(
        downloads["Loss curve (CSV)"].url, loss_csv, "text/csv", "gates-loss.csv"
    )
    rows = pd.read_csv(io.BytesIO(loss_csv))
    raw = rows[rows["series"] == "mini-batch loss"]
    assert raw["step"].tolist() == list(range(1, 51))
    assert np.allclose(raw["value"], small_run.history.loss, rtol=1e-7, atol=0)
