"""The Adam page in AppTest: the default run, a demo and the Train button, the Korean switch,
what the chart specs contain, learning rate 10 as one sentence, divergence from the record, and
view changes that do not retrain."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.runtime.memory_media_file_storage import _calculate_file_id

from lstm_viz.labs.adam import charts as adam_charts
from lstm_viz.labs.adam import compute, race, surfaces
from lstm_viz.ui import export, training
from lstm_viz.ui.text import translate

PAGE = "pages/3_Adam.py"
TIMEOUT = 60  # s: the default run trains four small LSTMs; a loaded CI machine is slower
SMALL = {"adam_rsteps": "50"}  # a quick race where the trained numbers do not matter
RUN_LABELS = ["SGD", "momentum", "Adam, corrected", "Adam, no correction"]


@pytest.fixture
def count_races(monkeypatch):
    calls = []
    real = race.run_race

    def counting(config, progress=None):
        calls.append(config)
        return real(config, progress)

    monkeypatch.setattr(race, "run_race", counting)
    return calls


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def by_title(at) -> dict[str, dict]:
    found = {}
    for spec in specs(at):
        title = spec.get("title")
        found[title["text"] if isinstance(title, dict) else title] = spec
    return found


def notices(at) -> str:
    """Every bullet of every "What to notice" box (one per section) and "Try this"."""
    return "\n".join(m.value for m in at.markdown if m.value.startswith("- "))


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_default_run_draws_every_section_and_states_the_pinned_numbers(app_test, count_races):
    at = app_test(PAGE, timeout=TIMEOUT)
    at.run()
    assert not at.exception and not at.error and not at.warning
    assert at.title[0].value == "Adam's bias correction"
    assert count_races == [race.RaceConfig()]  # the default race is shared: trained on load
    assert len(by_title(at)) == 8
    text = notices(at)
    assert "1/(1 − β₁) = 10 and 1/(1 − β₂) = 1000" in text
    assert "the corrected first step is lr·|g₁|/(|g₁| + ε) = 0.001 (learning rate 0.001)" in text
    assert "within 1 % of 1 only from step 3,925 on, beyond the 200 steps shown" in text
    assert "SGD's y changes sign 8 times" in text
    assert "In the zoomed chart uncorrected Adam's loss drops sooner" in text
    table = at.dataframe[0].value
    assert list(table.index) == RUN_LABELS
    assert table.iloc[:, 3].tolist()[2:] == ["100.0", "100.0"]  # both Adams learn the task


def test_a_second_visit_finds_the_race_without_training(app_test, count_races):
    first = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    first.run()
    button(first, "Train").click().run()
    training._memory.clear()  # a new server process: only the disk cache is left
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    assert not at.exception and len(count_races) == 1 and at.dataframe


def test_step_chart_and_surface_chart_specs(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    button(at, "Train").click().run()
    charts = by_title(at)
    step = charts["Step size lr · m̂ / (√v̂ + ε), with and without correction"]
    colour = step["layer"][0]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["lr", "with correction", "without correction"]
    factors = charts["Correction factors"]
    assert factors["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    surface = charts["Paths over the loss surface"]
    marks = [layer["mark"]["type"] for layer in surface["layer"]]
    assert marks == ["image", "rect", "line", "point", "point"]  # the loss picture, hover blocks
    assert surface["layer"][2]["encoding"]["color"]["scale"]["domain"] == RUN_LABELS
    zoom = charts["The first 20 steps, zoomed in"]
    assert zoom["layer"][0]["encoding"]["x"]["scale"]["domain"] == [1, 20]


def test_korean_switch_translates_title_charts_and_sentences(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, "lang": "ko"})
    at.run()
    assert not at.exception
    assert at.title[0].value == "Adam의 편향 보정"
    charts = by_title(at)
    assert "1차 모멘트: m과 m̂" in charts and "손실 곡면 위의 경로" in charts
    assert "보정한 첫 스텝은 lr·|g₁|/(|g₁| + ε) = 0.001" in notices(at)


def test_textbook_demo_is_shared_and_shows_the_equal_first_steps(app_test, count_races):
    at = app_test(PAGE, timeout=TIMEOUT)
    at.run()
    button(at, "Textbook: β₂ = 0.99").click().run()
    assert not at.exception and not at.info
    assert "With β₁ = 0.9 and β₂ = 0.99 that ratio is exactly 1" in notices(at)
    assert "within 1 % of 1 only from step 391 on" in notices(at)
    assert count_races == [race.RaceConfig(), race.RaceConfig(beta2=0.99)]  # both are shared
    assert "The first updates are equal in size" in notices(at)


def test_new_race_settings_wait_for_train(app_test, count_races):
    at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, "adam_lag": "5"})
    at.run()
    assert not at.exception and count_races == [] and not at.dataframe
    assert at.info[0].value == translate("adam.press_train", "en")
    button(at, "Train").click().run()
    assert not at.exception and not at.info and at.dataframe
    assert count_races == [compute.race_config({"adam_lag": 5, "adam_rsteps": 50})]


def test_view_changes_do_not_retrain(app_test, count_races):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    at.selectbox(key="adam_stream").set_value("sparse").run()
    at.selectbox(key="adam_surface").set_value("rosenbrock").run()
    assert not at.exception and count_races == []  # 50 steps: not trained until Train
    assert "With sparse gradients the corrected steps reach at most" in notices(at)
    assert "In the valley SGD crawls along the floor" in notices(at)


def test_learning_rate_10_gives_one_sentence_per_blown_up_path_and_no_traceback(app_test):
    query = {**SMALL, "adam_bsgd": "10", "adam_bmom": "10", "adam_badam": "10"}
    at = app_test(PAGE, timeout=TIMEOUT, query=query)
    at.run()
    assert not at.exception and not at.error
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 2  # SGD and momentum blow up; both Adams only wander
    assert warnings[0].startswith("SGD (learning rate 10) blew up: it leaves the drawing at step 1")
    infos = [i.value for i in at.info]
    assert any(i.startswith("Adam, corrected (learning rate 10) leaves the drawing") for i in infos)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_diverging_race_shows_the_catalogue_sentence_for_each_optimizer(
    app_test, monkeypatch, lang
):
    real = race.race_data

    def corrupt(config):  # NaN inputs: the loss is NaN at step 1, as after a blow-up
        train, val = real(config)
        return replace(train, x=np.full_like(train.x, np.nan)), val

    monkeypatch.setattr(race, "race_data", corrupt)
    at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, "lang": lang})
    at.run()
    button(at, translate("common.train", lang)).click().run()
    assert not at.exception and not at.error
    warnings = [w.value for w in at.warning]
    what = translate("common.diverged_loss", lang)
    sgd = translate("adam.run_sgd", lang)
    expected = translate("common.diverged_model", lang, model=sgd, step=1, what=what)
    assert len(warnings) == 4 and warnings[0] == expected
    assert at.dataframe[0].value.iloc[:, 3].tolist() == ["—"] * 4


def test_valley_and_sparse_demos_set_their_controls(app_test, count_races):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    button(at, "Rosenbrock valley").click().run()
    surface = by_title(at)["Paths over the loss surface"]
    assert surface["layer"][0]["encoding"]["x"]["scale"]["domain"] == [-2.0, 2.0]
    button(at, "Sparse gradients").click().run()
    assert at.slider(key="adam_p").value == 0.05 and at.slider(key="adam_steps").value == 500
    assert not at.exception and count_races == []  # neither demo touches this race


# ---------------------------------------------------------------------------------------------
# Pin and compare, export

SMALL_RACE = race.RaceConfig(steps=50)  # what SMALL sets


def shipped(at, title: str, layer: int | None = None) -> pd.DataFrame:
    """The data set Streamlit shipped for the chart titled ``title`` (or for its ``layer``)."""
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        text = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
        if text == title:
            frames = {d.name: convert_arrow_bytes_to_pandas_df(d.data.data)
                      for d in chart.proto.datasets}  # fmt: skip
            holder = spec if layer is None else spec["layer"][layer]
            return frames[holder["data"]["name"]]
    raise AssertionError(f"no chart titled {title!r}")


def served_bytes_are(proto, data: bytes, mime: str, name: str) -> bool:
    """Whether the download behind a button holds ``data`` (its id hashes the bytes)."""
    return proto.url.endswith(_calculate_file_id(data, mime, name) + name[name.rindex(".") :])


def test_a_pinned_race_survives_a_rerun_and_a_language_switch(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    button(at, "Train").click().run()
    at.button(key="adam_race_pin").click().run()
    assert any("This run is pinned" in i.value for i in at.info)
    at.slider(key="adam_lag").set_value(15).run()
    button(at, "Train").click().run()
    assert not at.exception
    assert "**This run beside the pinned run**" in [m.value for m in at.markdown]
    assert "Settings that differ: Lag (noise steps after the first symbol): 10 → 15." in [
        m.value for m in at.markdown
    ]
    pinned = race.run_race(SMALL_RACE)
    drawn = shipped(at, "Training loss, pinned run")
    for name, run in pinned.runs.items():
        rows = drawn[drawn["series"] == adam_charts.run_label(name, "en")]
        assert np.allclose(rows["y"].to_numpy(), run.loss, rtol=1e-6)
    at.run()  # a rerun keeps the pin
    assert shipped(at, "Training loss, this run") is not None
    at.sidebar.radio(key="_lang_switch").set_value("ko").run()
    assert not at.exception
    assert "**이번 학습과 고정한 학습**" in [m.value for m in at.markdown]
    assert shipped(at, "학습 손실, 고정한 학습") is not None
    at.button(key="adam_race_unpin").click().run()
    assert "**이번 학습과 고정한 학습**" not in [m.value for m in at.markdown]


def test_pinned_paths_are_drawn_beside_the_new_ones_with_the_settings_that_differ(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    at.button(key="adam_paths_pin").click().run()
    at.slider(key="adam_psteps").set_value(60).run()
    assert not at.exception
    assert "Settings that differ: Steps: 150 → 60." in [m.value for m in at.markdown]
    this = shipped(at, "Paths, this run", layer=2)  # the paths' lines
    pinned = shipped(at, "Paths, pinned run", layer=2)
    assert this["step"].max() == 60 and pinned["step"].max() == 150
    found = surfaces.compare_paths(surfaces.PathConfig(steps=150))
    adam = pinned[pinned["optimizer"] == "Adam, corrected"]
    assert np.allclose(adam[["x", "y"]].to_numpy(), found["adam"].xy, rtol=1e-6)


def test_the_race_csv_holds_the_charts_numbers_and_the_json_its_record(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    button(at, "Train").click().run()
    found = race.run_race(SMALL_RACE)
    drawn = adam_charts.race_charts(found.runs, 50, "en")
    csv = export.frame_csv(export.chart_table(*drawn))
    downloads = [b.proto for b in at.get("download_button")]
    assert sum(served_bytes_are(d, csv, "text/csv", "adam-race-lag10-seed0-50steps.csv")
               for d in downloads) == 1  # fmt: skip
    table = pd.read_csv(io.BytesIO(csv))
    for title in ("Training loss, all steps", "The first 20 steps, zoomed in"):
        rows = table[table["chart"] == title].reset_index(drop=True)
        drawn_rows = shipped(at, title)
        assert len(rows) == len(drawn_rows) > 0
        assert rows["series"].tolist() == drawn_rows["series"].astype(str).tolist()
        for column in ("x", "y"):
            assert np.array_equal(
                rows[column].to_numpy(np.float32), drawn_rows[column].to_numpy(np.float32)
            )
    record = export.record_json(found, indent=None)
    assert json.loads(record)["runs"]["adam"]["loss"] == pytest.approx(found.runs["adam"].loss)
    labels = {b.label for b in at.get("download_button")}
    assert {"Numbers of these charts (CSV)", "Run record (JSON)"} <= labels
