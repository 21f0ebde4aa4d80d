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
import pandas as pd

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
MARK = "★"  # the unit that carries the memory (``gates.memory_carrier_unit``)
MARKER_COLOR = "#d94801"  # the loss curve's rule at the training step shown
COMPARE_COLORS = ("#08519c", "#d94801")  # this run dark blue, the pinned run orange


def unit_labels(order: Sequence[int], mark: int | None) -> list[str]:
    """Each row's unit number, in ``order``; the unit that carries the memory gets a star."""
    return [f"{u} {MARK}" if u == mark else str(u) for u in order]


def state_heatmap(
    record: gates.GateRecord,
    name: str,
    when: str,
    domain: tuple[float, float],
    lang: str,
    order: Sequence[int] | None = None,
    mark: int | None = None,
) -> alt.Chart:
    """State ``name`` of ``record`` as a heatmap titled "<state>, <when>" (``when`` translated:
    "before training"), one column per input symbol, colours on ``domain``; rows are units in
    ``order`` (default 0, 1, ...), ``mark`` starred. The tooltip adds what the value is made of
    (``gates.TERMS``: a gate's input, recurrent and bias terms, c's kept and written parts)."""
    units = record.states[name].shape[0]
    order = np.arange(units) if order is None else np.asarray(order)  # (H,)
    extra = {
        translate(f"gates.term_{term}", lang): values[order]
        for term, values in record.terms.get(name, {}).items()
    }
    return charts.heatmap(
        record.states[name][order],  # (H, T), rows in ``order``
        record.symbols,
        unit_labels(order.tolist(), mark),
        title=translate(
            "gates.chart_title", lang, state=translate(STATE_KEYS[name], lang), when=when
        ),
        x_title=translate("gates.x_title", lang),
        y_title=translate("gates.y_title", lang),
        value_title=name,
        label_title=translate("gates.symbol", lang),
        scheme=SCHEMES.get(name, OTHER_SCHEME),
        domain=domain,
        extra=extra,
        lang=lang,
    )


def projector(chart):
    """``chart`` with every text readable from the back of a room (``FONT_PX``, ``TITLE_PX``),
    shipped (``charts.ship``: one dark ink on a white card)."""
    return charts.ship(
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


def after_title(step: int | None, total: int, lang: str) -> str:
    """ "after training", or "after 400 of 800 steps" while scrubbing through the training."""
    if step is None or step == total:
        return translate("gates.after", lang)
    return translate("gates.after_step", lang, step=step, total=total)


def before_after(
    before: gates.GateRecord,
    after: gates.GateRecord | None,
    name: str,
    lang: str,
    *,
    when_after: str | None = None,
    order: Sequence[int] | None = None,
    mark: int | None = None,
) -> alt.HConcatChart:
    """State ``name`` before training beside after training (if there is a trained model; or
    after the training step ``when_after`` names): the same columns, units and colour scale,
    one legend."""
    domain = gates.color_domain(name, [before, after])
    when = translate("gates.before", lang)
    maps = [state_heatmap(before, name, when, domain, lang, order, mark)]
    if after is not None:
        when = when_after or translate("gates.after", lang)
        maps.append(state_heatmap(after, name, when, domain, lang, order, mark))
    units, steps = before.states[name].shape
    return combine(maps, steps, units, vertical=False, shared_scale=True)


def trained_state(
    record: gates.GateRecord,
    name: str,
    lang: str,
    *,
    when: str | None = None,
    order: Sequence[int] | None = None,
    mark: int | None = None,
) -> alt.HConcatChart:
    """State ``name`` of the trained model on the student's sequence, on its fixed scale."""
    when = when or translate("gates.after", lang)
    domain = gates.color_domain(name, [record])
    heat = state_heatmap(record, name, when, domain, lang, order, mark)
    units, steps = record.states[name].shape
    return combine([heat], steps, units, vertical=False, shared_scale=False)


def compare_states(
    current: gates.GateRecord, pinned: gates.GateRecord, name: str, lang: str
) -> alt.HConcatChart:
    """State ``name`` of this run's trained model beside the pinned run's, on one colour scale
    (each sized by its own units and steps: the runs may differ in H or in the task)."""
    domain = gates.color_domain(name, [current, pinned])
    parts = []
    for record, key in ((current, "common.this_run"), (pinned, "common.pinned_run")):
        heat = state_heatmap(record, name, translate(key, lang), domain, lang)
        units, steps = record.states[name].shape
        parts.append(sized(heat, steps, units, SIDE_WIDTH))
    combined = charts.ship(alt.HConcatChart(hconcat=parts, autosize=alt.AutoSizeParams(type="pad")))
    return projector(combined.resolve_scale(color="shared"))


def loss_chart(
    steps: Sequence[int] | np.ndarray,
    loss: Sequence[float] | np.ndarray,
    smoothed: Sequence[float] | np.ndarray,
    *,
    window: int,
    total_steps: int,
    lang: str,
    marker: int | None = None,
) -> alt.LayerChart:
    """The mini-batch loss and its moving average over ``window`` steps against the step, the
    x axis fixed to ``total_steps``; each line keeps its colour (``LOSS_COLORS``). ``marker``
    draws a vertical rule at that training step (the snapshot shown below the chart)."""
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
    chart = charts.line_chart(
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
    if marker is not None:
        chart = chart + marker_rule(marker, lang)
    return projector(chart)


def marker_rule(step: int, lang: str) -> alt.Chart:
    """A vertical rule at training ``step``, its tooltip naming it."""
    title = translate("gates.shown_step", lang)
    return (
        alt.Chart(pd.DataFrame({"shown": [int(step)]}))
        .mark_rule(color=MARKER_COLOR, strokeWidth=2, strokeDash=[6, 3])
        .encode(x="shown:Q", tooltip=[alt.Tooltip("shown:Q", title=title)])
    )


def compare_loss(
    current: gates.GatesResult, pinned: gates.GatesResult, *, window: int, lang: str
) -> alt.LayerChart:
    """The moving average of the loss of this run and of the pinned one, on one x axis (the
    longer run's steps), each in its own colour (``COMPARE_COLORS``)."""
    names = [translate("common.this_run", lang), translate("common.pinned_run", lang)]
    runs = (current, pinned)
    smoothed = [gates.moving_average(run.history.loss, window) for run in runs]
    data = {
        "step": np.concatenate([np.asarray(run.history.step) for run in runs]),
        "value": np.concatenate(smoothed),
        "series": np.repeat(names, [len(v) for v in smoothed]),
    }
    return projector(
        charts.line_chart(
            data,
            "step",
            "value",
            "series",
            title=translate("gates.compare_loss_title", lang, n=window),
            x_title=translate("common.step", lang),
            y_title=translate("common.loss", lang),
            color_title="",
            x_domain=(0, max(run.config.steps for run in runs)),
            height=LOSS_HEIGHT,
            color_domain=names,
            color_range=COMPARE_COLORS,
            legend_orient="bottom",
            lang=lang,
        )
    )
