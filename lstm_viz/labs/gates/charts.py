"""Altair charts of the LSTM gates page (pages/1_LSTM_gates.py).

Pure functions, ``lstm_viz.labs.gates.compute`` records in and Altair charts out, no Streamlit:
tests/test_gates_charts.py reads their ``to_dict()``.

- ``state_heatmap``: one state (f, i, o, g, c or h) of one sequence, units along rows and one
  column per input symbol, on a fixed colour scale (``gates.color_domain``) so "before" and
  "after" compare on one scale: viridis for the gates (0 to 1), red-blue for g and c (signed).
- ``combine``: several heatmaps in one chart (one browser embed instead of several: 18 separate
  charts took about 3x longer to draw in Chromium than the same charts paired), sized about
  22 px per time step so every symbol keeps its label.
- ``loss_chart``: the finished run's loss and its moving average, each in a fixed colour (the
  raw loss light, its average dark) in either language.

Every concatenated chart serialises without Altair's JSON-schema check (two thirds of the page's
rerun time, 0.46 of 0.70 s, measured); tests/test_gates_charts.py and tests/test_page_gates.py
check the specs against the Vega-Lite schema instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np

from lstm_viz.labs.gates import compute as gates
from lstm_viz.ui import charts
from lstm_viz.ui.text import translate

SCHEMES = {"f": "viridis", "i": "viridis", "o": "viridis", "g": "redblue", "c": "redblue"}
OTHER_SCHEME = "purpleorange"  # h: signed like g and c, told apart by its own colours
STATE_KEYS = {name: f"gates.state_{name}" for name in gates.STATES}
COLUMN_PX = 22  # px per time step: room for each step's symbol label
MIN_WIDTH, MAX_WIDTH = 220, 780  # px per heatmap; 780 fits the wide layout on a 1400 px screen
ROW_PX = 12  # px per unit
MIN_HEIGHT, MAX_HEIGHT = 96, 360  # px per heatmap
LOSS_COLORS = ("#9ecae1", "#08519c")  # raw mini-batch loss light blue, its average dark blue
LOSS_HEIGHT = 200  # px


def state_heatmap(
    record: gates.GateRecord, name: str, when: str, domain: tuple[float, float], lang: str
) -> alt.Chart:
    """State ``name`` of ``record`` as a heatmap titled "<state>, <when>" (``when`` translated:
    "before training"), one column per input symbol, colours on ``domain``."""
    return charts.heatmap(
        record.states[name],  # (H, T)
        record.symbols,
        title=translate(
            "gates.chart_title", lang, state=translate(STATE_KEYS[name], lang), when=when
        ),
        x_title=translate("gates.x_title", lang),
        y_title=translate("gates.y_title", lang),
        value_title=name,
        label_title=translate("gates.symbol", lang),
        scheme=SCHEMES.get(name, OTHER_SCHEME),
        domain=domain,
        lang=lang,
    )


def size_px(steps: int, units: int) -> tuple[int, int]:
    """(width, height) of one heatmap: 22 px per step and 12 px per unit, within bounds."""
    width = max(MIN_WIDTH, min(MAX_WIDTH, COLUMN_PX * steps))
    height = max(MIN_HEIGHT, min(MAX_HEIGHT, ROW_PX * units))
    return width, height


def fits_side_by_side(steps: int) -> bool:
    """True if two heatmaps of ``steps`` columns fit side by side (with room for the legends)."""
    return COLUMN_PX * steps <= (MAX_WIDTH - 60) // 2


def sized(chart: alt.Chart, steps: int, units: int) -> alt.Chart:
    """A heatmap ready for a concatenated chart: a fixed size (a concatenated view cannot "fit"
    its container, Vega-Lite)."""
    width, height = size_px(steps, units)
    part = chart.properties(width=width, height=height)
    part.autosize = alt.Undefined  # removes the key; the concatenated chart pads instead
    return part


def combine(
    maps: Sequence[alt.Chart], steps: int, units: int, *, vertical: bool, shared_scale: bool
) -> alt.VConcatChart | alt.HConcatChart:
    """Heatmaps in one chart, above each other (``vertical``) or side by side; with
    ``shared_scale`` one colour legend for all (before and after on one scale)."""
    parts = [sized(chart, steps, units) for chart in maps]
    if vertical:
        combined = charts.ship(
            alt.VConcatChart(vconcat=parts, autosize=alt.AutoSizeParams(type="pad"))
        )
    else:
        combined = charts.ship(
            alt.HConcatChart(hconcat=parts, autosize=alt.AutoSizeParams(type="pad"))
        )
    return combined.resolve_scale(color="shared" if shared_scale else "independent")


def before_after(
    before: gates.GateRecord, after: gates.GateRecord | None, name: str, lang: str
) -> alt.VConcatChart:
    """State ``name`` before training above after training (if there is a trained model): the
    same columns, units and colour scale."""
    domain = gates.color_domain(name, [before, after])
    maps = [state_heatmap(before, name, translate("gates.before", lang), domain, lang)]
    if after is not None:
        maps.append(state_heatmap(after, name, translate("gates.after", lang), domain, lang))
    units, steps = before.states[name].shape
    return combine(maps, steps, units, vertical=True, shared_scale=True)


def trained_pairs(record: gates.GateRecord, lang: str) -> list:
    """Every state of the trained model on one sequence, two per chart (side by side when the
    sequence is short), each on its own colour scale."""
    after = translate("gates.after", lang)
    maps = [
        state_heatmap(record, name, after, gates.color_domain(name, [record]), lang)
        for name in gates.STATES
    ]
    units, steps = record.states["f"].shape
    vertical = not fits_side_by_side(steps)
    return [
        combine(maps[k : k + 2], steps, units, vertical=vertical, shared_scale=False)
        for k in range(0, len(maps), 2)
    ]


def loss_chart(
    steps: Sequence[int] | np.ndarray,
    loss: Sequence[float] | np.ndarray,
    smoothed: Sequence[float] | np.ndarray,
    *,
    window: int,
    total_steps: int,
    lang: str,
) -> alt.LayerChart:
    """The mini-batch loss and its moving average over ``window`` steps against the step, the
    x axis fixed to ``total_steps``; each line keeps its colour (``LOSS_COLORS``)."""
    names = [
        translate("gates.loss_series", lang),
        translate("gates.loss_smoothed", lang, n=window),
    ]
    steps = np.asarray(steps)  # (S,)
    data = {
        "step": np.tile(steps, 2),
        "value": np.concatenate([np.asarray(loss, float), np.asarray(smoothed, float)]),
        "series": np.repeat(names, len(steps)),
    }
    return charts.line_chart(
        data,
        "step",
        "value",
        "series",
        title=translate("gates.loss_title", lang),
        x_title=translate("common.step", lang),
        y_title=translate("common.loss", lang),
        color_title=translate("common.loss", lang),
        x_domain=(0, total_steps),
        height=LOSS_HEIGHT,
        color_domain=names,
        color_range=LOSS_COLORS,
        lang=lang,
    )
