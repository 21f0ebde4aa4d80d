"""Altair charts of the LSTM gates page (pages/1_LSTM_gates.py).

Pure functions, ``lstm_viz.labs.gates.compute`` records in and Altair charts out, no Streamlit:
tests/test_gates_charts.py reads their ``to_dict()``.

- ``state_heatmap``: one state (f, i, o, g, c or h) of one sequence, units along rows and one
  column per input symbol, on a fixed colour scale (``gates.color_domain``) so "before" and
  "after" compare on one scale: viridis for the gates (0 to 1), red-blue for g and c (signed).
- ``combine``: several heatmaps in one chart (one browser embed instead of several: 18 separate
  charts took about 3x longer to draw in Chromium than the same charts paired), sized up to
  22 px per time step; ``before_after`` puts "before" and "after" side by side, each at most
  ``SIDE_WIDTH`` px wide, so the pair and its colour legend fit a 1280 px projector beside the
  sidebar (a long sequence gets narrower columns; the tooltip still names each symbol).
- ``projector``: every text of a chart at least 14 px (``FONT_PX``), titles 16 px.
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
SIDE_WIDTH = 340  # px per heatmap side by side: two, their y axes and one legend fit in 860 px
FONT_PX, TITLE_PX = 14, 16  # chart text on a projector: ticks, axis and legend titles; titles


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


def projector(chart):
    """``chart`` with every text readable from the back of a room (``FONT_PX``, ``TITLE_PX``)."""
    return (
        chart.configure_axis(labelFontSize=FONT_PX, titleFontSize=FONT_PX)
        .configure_legend(labelFontSize=FONT_PX, titleFontSize=FONT_PX)
        .configure_title(fontSize=TITLE_PX, subtitleFontSize=FONT_PX)
    )


def size_px(steps: int, units: int, max_width: int = MAX_WIDTH) -> tuple[int, int]:
    """(width, height) of one heatmap: 22 px per step and 12 px per unit, within bounds."""
    width = max(MIN_WIDTH, min(max_width, COLUMN_PX * steps))
    height = max(MIN_HEIGHT, min(MAX_HEIGHT, ROW_PX * units))
    return width, height


def sized(chart: alt.Chart, steps: int, units: int, max_width: int = MAX_WIDTH) -> alt.Chart:
    """A heatmap ready for a concatenated chart: a fixed size (a concatenated view cannot "fit"
    its container, Vega-Lite)."""
    width, height = size_px(steps, units, max_width)
    part = chart.properties(width=width, height=height)
    part.autosize = alt.Undefined  # removes the key; the concatenated chart pads instead
    return part


def combine(
    maps: Sequence[alt.Chart], steps: int, units: int, *, vertical: bool, shared_scale: bool
) -> alt.VConcatChart | alt.HConcatChart:
    """Heatmaps in one chart, above each other (``vertical``) or side by side; with
    ``shared_scale`` one colour legend for all (before and after on one scale)."""
    max_width = MAX_WIDTH if vertical or len(maps) == 1 else SIDE_WIDTH
    parts = [sized(chart, steps, units, max_width) for chart in maps]
    if vertical:
        combined = charts.ship(
            alt.VConcatChart(vconcat=parts, autosize=alt.AutoSizeParams(type="pad"))
        )
    else:
        combined = charts.ship(
            alt.HConcatChart(hconcat=parts, autosize=alt.AutoSizeParams(type="pad"))
        )
    return projector(combined.resolve_scale(color="shared" if shared_scale else "independent"))


def before_after(
    before: gates.GateRecord, after: gates.GateRecord | None, name: str, lang: str
) -> alt.HConcatChart:
    """State ``name`` before training beside after training (if there is a trained model): the
    same columns, units and colour scale, one legend."""
    domain = gates.color_domain(name, [before, after])
    maps = [state_heatmap(before, name, translate("gates.before", lang), domain, lang)]
    if after is not None:
        maps.append(state_heatmap(after, name, translate("gates.after", lang), domain, lang))
    units, steps = before.states[name].shape
    return combine(maps, steps, units, vertical=False, shared_scale=True)


def trained_state(record: gates.GateRecord, name: str, lang: str) -> alt.HConcatChart:
    """State ``name`` of the trained model on the student's sequence, on its fixed scale."""
    when = translate("gates.after", lang)
    heat = state_heatmap(record, name, when, gates.color_domain(name, [record]), lang)
    units, steps = record.states[name].shape
    return combine([heat], steps, units, vertical=False, shared_scale=False)


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
    return projector(
        charts.line_chart(
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
    )
