"""Downloads: a chart's numbers as CSV, a run's record as JSON, a clip as WAV (bytes for
``st.download_button``). Pure functions, no Streamlit: a page adds the button.

- CSV: the DataFrame a chart is built from (``frame_csv``); the numbers one or several charts
  draw, each part titled (``chart_table``: the CSV a page offers beside a chart or for a whole
  section); or the inline data of an Altair chart (``chart_frame`` / ``chart_csv``: every
  dataset of a layered or concatenated chart, one after another with a ``dataset`` column).
  Floats are written with ``repr`` precision, so the file parses back to the same numbers.
- JSON: any record built from dataclasses, dicts, lists, tuples, numpy arrays and scalars
  (``record_json``). Arrays become nested lists; NaN and infinities, which JSON lacks, become
  the strings "NaN", "Infinity" and "-Infinity" (``float()`` reads them back); keys are sorted,
  so one record always gives the same bytes.
- WAV: ``lstm_viz.audio.io.encode_wav``, 16-bit PCM at the clip's own level.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import PurePath
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from lstm_viz.audio import SAMPLE_RATE
from lstm_viz.audio.io import encode_wav

NON_FINITE = {math.inf: "Infinity", -math.inf: "-Infinity"}  # and NaN -> "NaN"


def frame_csv(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV, without the index (a chart's frame has its x in a column)."""
    return frame.to_csv(index=False).encode("utf-8")


def chart_frame(chart: Any) -> pd.DataFrame:
    """The inline data of an Altair chart (layered and concatenated charts included) as one
    frame; several datasets are stacked with a ``dataset`` column (1, 2, ... in the spec's
    order). Raises ValueError for a chart with no inline data (one fed by a named stream)."""
    datasets = chart.to_dict().get("datasets") or {}
    frames = [pd.DataFrame.from_records(rows) for rows in datasets.values()]
    if not frames:
        raise ValueError("the chart holds no inline data")
    if len(frames) == 1:
        return frames[0]
    return pd.concat(
        [f.assign(dataset=n) for n, f in enumerate(frames, start=1)], ignore_index=True
    )


def chart_table(*charts: Any) -> pd.DataFrame:
    """The numbers the charts draw, as one table: each chart's (or side-by-side part's) own data
    frame, one after another, with its title in a first column ``chart``; columns one chart
    lacks are left empty. A layered chart's numbers are its first data frame (a marker layer
    has none of its own worth exporting)."""
    frames = []
    for chart in charts:
        for part in getattr(chart, "hconcat", None) or [chart]:
            holder = part
            if not isinstance(part.data, pd.DataFrame):  # a layered chart's data is on a layer
                holder = next(lay for lay in part.layer if isinstance(lay.data, pd.DataFrame))
            data = holder.data
            titled = [p.title for p in (part, holder) if isinstance(p.title, alt.TitleParams)]
            title = titled[0].text if titled else ""
            frames.append(data.assign(chart=title)[["chart", *data.columns]])
    return pd.concat(frames, ignore_index=True)


def chart_csv(chart: Any) -> bytes:
    """``frame_csv(chart_frame(chart))``."""
    return frame_csv(chart_frame(chart))


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready Python: dicts with string keys, lists, str, int, float, bool,
    None; non-finite floats as their strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, np.ndarray | np.generic):
        return _plain(value.tolist())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return NON_FINITE.get(value, value)
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, pd.DataFrame):
        return _plain(value.to_dict(orient="list"))
    return str(value)


def record_json(record: Any, indent: int | None = 1) -> bytes:
    """A run's record as UTF-8 JSON (see the module docstring)."""
    text = json.dumps(_plain(record), sort_keys=True, indent=indent, allow_nan=False)
    return text.encode("utf-8")


def clip_wav(samples: np.ndarray, sr: int = SAMPLE_RATE) -> bytes:
    """The clip as 16-bit PCM mono WAV bytes (``encode_wav``: not normalised, clipped to
    [-1, 1]; NaN or inf samples raise ``NonFiniteAudio``)."""
    return encode_wav(samples, sr)
