"""Downloads: CSV parses back to the chart's numbers, JSON round-trips a record, WAV decodes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import dataclass, field

import altair as alt
import numpy as np
import pandas as pd
import pytest
import soundfile

from lstm_viz.audio.io import NonFiniteAudio
from lstm_viz.ui import export


def loss_frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "step": np.arange(1, 6),
            "loss": rng.random(5) * 1e-3 + np.pi,  # digits that a short float format would lose
            "gate": ["f", "i", "o", "g", "f"],
        }
    )


def test_frame_csv_parses_back_equal_to_the_frame():
    frame = loss_frame()
    back = pd.read_csv(io.BytesIO(export.frame_csv(frame)))
    pd.testing.assert_frame_equal(back, frame, check_exact=True)


def test_chart_csv_equals_the_frame_the_chart_was_built_from():
    frame = loss_frame()
    chart = alt.Chart(frame).mark_line().encode(x="step:Q", y="loss:Q")
    back = pd.read_csv(io.BytesIO(export.chart_csv(chart)))
    pd.testing.assert_frame_equal(back, frame, check_exact=True)


def test_layered_chart_stacks_its_datasets_in_order():
    frame = loss_frame()
    marker = pd.DataFrame({"step": [3], "loss": [0.5]})
    line = alt.Chart(frame).mark_line().encode(x="step:Q", y="loss:Q")
    rule = alt.Chart(marker).mark_rule().encode(x="step:Q")
    out = export.chart_frame(line + rule)
    assert out["dataset"].tolist() == [1] * 5 + [2]
    np.testing.assert_array_equal(out["loss"].to_numpy()[:5], frame["loss"].to_numpy())
    assert out["loss"].iloc[5] == 0.5


def test_chart_without_inline_data_is_refused():
    chart = alt.Chart(alt.NamedData("live")).mark_line().encode(x="step:Q", y="loss:Q")
    with pytest.raises(ValueError):
        export.chart_frame(chart)


@dataclass(frozen=True)
class Inner:
    weights: np.ndarray
    steps: tuple[int, ...]


@dataclass(frozen=True)
class Record:
    name: str
    loss: np.ndarray
    inner: Inner
    params: dict[str, np.ndarray] = field(default_factory=dict)
    best: float | None = None


def sample_record() -> Record:
    rng = np.random.default_rng(1)
    loss = rng.random(6)
    loss[2], loss[4], loss[5] = np.nan, np.inf, -np.inf
    return Record(
        name="gates.train",
        loss=loss,
        inner=Inner(rng.normal(size=(2, 3)).astype(np.float32), (1, 2, 3)),
        params={"cell.b": rng.normal(size=4), "cell.Wh": rng.normal(size=(2, 2))},
        best=np.float64(0.25),
    )


def test_record_json_round_trips_the_numbers_non_finite_ones_included():
    record = sample_record()
    data = json.loads(export.record_json(record))
    loss = np.array([float(v) for v in data["loss"]])
    np.testing.assert_array_equal(loss, record.loss)  # NaN == NaN for assert_array_equal
    assert [data["loss"][k] for k in (2, 4, 5)] == ["NaN", "Infinity", "-Infinity"]
    weights = np.array(data["inner"]["weights"], dtype=np.float32)
    np.testing.assert_array_equal(weights, record.inner.weights)
    np.testing.assert_array_equal(np.array(data["params"]["cell.Wh"]), record.params["cell.Wh"])
    assert data["inner"]["steps"] == [1, 2, 3] and data["best"] == 0.25


def test_record_json_is_deterministic_and_sorted():
    a = export.record_json(sample_record())
    assert a == export.record_json(sample_record())
    assert list(json.loads(a)) == ["best", "inner", "loss", "name", "params"]


@pytest.mark.parametrize("sr", [8_000, 16_000])
def test_clip_wav_decodes_back_to_the_clip(sr):
    t = np.arange(sr // 10) / sr
    clip = (0.4 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    decoded, rate = soundfile.read(io.BytesIO(export.clip_wav(clip, sr)), dtype="float64")
    assert rate == sr and decoded.shape == clip.shape
    np.testing.assert_allclose(decoded, clip, atol=1 / 32767)


def test_clip_wav_refuses_nan():
    with pytest.raises(NonFiniteAudio):
        export.clip_wav(np.array([0.0, np.nan]))


def test_export_does_not_import_streamlit():
    code = "import sys, lstm_viz.ui.export; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_chart_table_stacks_each_chart_and_side_by_side_part_under_its_title():
    frame = loss_frame()
    line = alt.Chart(frame, title=alt.TitleParams("loss")).mark_line().encode(x="step", y="loss")
    rule = alt.Chart(pd.DataFrame({"shown": [3]})).mark_rule().encode(x="shown:Q")
    other = frame.assign(loss=2 * frame["loss"])
    right = alt.Chart(other, title=alt.TitleParams("twice")).mark_line().encode(x="step", y="loss")
    table = export.chart_table(alt.layer(line, rule), alt.hconcat(line, right))
    assert table["chart"].tolist() == ["loss"] * 5 + ["loss"] * 5 + ["twice"] * 5
    assert np.array_equal(table["loss"].to_numpy()[10:], 2 * frame["loss"].to_numpy())
    assert "shown" not in table  # the marker layer adds no numbers
