"""Altair chart builders every page reuses: pure functions from arrays to ``alt.Chart``.

No Streamlit here, so a test can build a chart and read ``chart.to_dict()``. Every chart has
axis titles (with units where there are units), and tooltips that give the exact value under
the pointer. Pages pass the titles already translated, and ``lang`` for the notes a chart adds
itself (values clipped to a log floor, NaN/inf left out).

Facts these builders lean on (see ../shared/docs/STREAMLIT-NOTES.md):
- Long-format data is downcast (int16 indices, float32 values): a 100 x 400 heatmap is about
  0.3 MB instead of 1 MB. Values stay float64 when float32 would change more than their rounding:
  above 3.4e38 float32 gives inf (an exploding gradient norm reaches 1e308), and below 1.2e-38 it
  loses precision and then gives 0 (which a log scale cannot draw). The browser reads float64.
- A log scale cannot show 0 or negative values: they are clipped to ``floor`` and the subtitle
  says so. NaN and inf cannot be drawn at all: they are dropped and the subtitle counts them.
- The same call with new data gives the same spec (fixed titles, scales, parameter names), so a
  chart redrawn in a ``st.empty()`` slot updates in place.
- ``chart.to_dict()`` outside Streamlit refuses more than 5,000 rows (Altair's guard);
  ``st.altair_chart`` ships Arrow and has no such limit.
- Streamlit's chart theme sets ``labelFlush`` on every axis: on a band axis (a heatmap's rows
  and steps) it pushes the first label off its row, onto the next one. Heatmaps turn it off.
- Vega's default subtitle is 10 px, too small for a projector; the notes a chart adds are part
  of what it teaches, so subtitles are ``SUBTITLE_PX``. Pages' own Altair charts use
  ``chart_title`` to look the same.
- A colour scale without a domain sorts the series names, so translated names would swap
  colours between languages: ``line_chart(color_domain=..., color_range=...)`` fixes them.
- Streamlit calls ``to_dict()`` on every chart at every rerun, and Altair's JSON-schema check
  inside it took a third to two thirds of a page's rerun (measured on each page). ``ship``
  marks a page's own chart to skip that check and draw on a canvas; the tests check every
  shipped spec against the Vega-Lite schema instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from lstm_viz.ui.text import translate

RENDERER = {"embedOptions": {"renderer": "canvas"}}  # Streamlit reads the chart's usermeta


class _Unchecked:
    """Serialises without Altair's JSON-schema check (see the module docstring)."""

    def to_dict(self, *args, **kwargs) -> dict:
        kwargs.setdefault("validate", False)
        return super().to_dict(*args, **kwargs)


# Module-level classes, so a shipped chart pickles (pages cache charts with their results).
class UncheckedChart(_Unchecked, alt.Chart):
    pass


class UncheckedLayerChart(_Unchecked, alt.LayerChart):
    pass


class UncheckedVConcatChart(_Unchecked, alt.VConcatChart):
    pass


class UncheckedHConcatChart(_Unchecked, alt.HConcatChart):
    pass


_UNCHECKED = {
    alt.Chart: UncheckedChart,
    alt.LayerChart: UncheckedLayerChart,
    alt.VConcatChart: UncheckedVConcatChart,
    alt.HConcatChart: UncheckedHConcatChart,
}
_UNCHECKED.update({cls: cls for cls in list(_UNCHECKED.values())})


# Text colours a chart must leave to Streamlit's theme. A chart's background is transparent, so
# Streamlit's chart theme colours its text from the page's theme (grey 70, #555867, on the light
# theme; grey 30 on the dark one): a fixed colour is unreadable on one of the two (dark grey
# text on the dark theme's near-black). Per config section of Vega-Lite.
THEMED_TEXT = {
    "axis": ("labelColor", "titleColor"),
    "axisX": ("labelColor", "titleColor"),
    "axisY": ("labelColor", "titleColor"),
    "legend": ("labelColor", "titleColor"),
    "header": ("labelColor", "titleColor"),
    "title": ("color", "subtitleColor"),
}


def _themed_text(config):
    """A copy of ``config`` without the text colours of ``THEMED_TEXT``."""
    config = config.copy(deep=True)
    for section, keys in THEMED_TEXT.items():
        part = getattr(config, section, alt.Undefined)
        if part is alt.Undefined:
            continue
        for key in keys:
            if part._get(key) is not alt.Undefined:
                setattr(part, key, alt.Undefined)
    return config


def readable_config(config: alt.Config | alt.UndefinedType = alt.Undefined) -> alt.Config:
    """``config`` with ``READABLE`` beneath it: what a chart sets itself wins."""
    own = {} if config is alt.Undefined else config.to_dict(validate=False)
    merged = {part: {**READABLE.get(part, {}), **own.get(part, {})} for part in READABLE}
    return alt.Config.from_dict({"background": CARD, **own, **merged}, validate=False)


def ship(chart):
    """The chart as a page ships it: canvas renderer, no schema check when serialised, its text
    in one dark ink on a white card (any other axis, legend or title colour is dropped; see
    ``THEMED_TEXT``), so it reads from the back of a room on the light and the dark theme alike,
    and big enough for that (``READABLE``).

    Returns a copy (the caller's chart is left alone). Check the spec in a test instead:
    ``alt.utils.schemapi.validate_jsonschema(spec, VegaLiteSchema._rootschema)``.
    """
    chart = chart.properties(usermeta=RENDERER)
    if chart._get("config") is not alt.Undefined:
        chart.config = _themed_text(chart.config)
    chart.config = readable_config(chart._get("config"))
    # Altair stores attributes set on a chart as chart properties: set the class past that
    object.__setattr__(chart, "__class__", _UNCHECKED[type(chart)])
    return chart


ROW_PX = 16  # heatmap row height (px) while it fits under MAX_HEATMAP_HEIGHT
MAX_HEATMAP_HEIGHT = 480  # px: tall enough for a projector, short enough to see the page
LINE_HEIGHT = 300  # px
SUBTITLE_PX = 14  # chart subtitles (the notes below a title); Vega's default is 10
# Chart text on a projector: Streamlit's theme draws tick labels at 0.75 rem (12.75 px with
# baseFontSize 17) in its grey (#808495 on white: contrast 3.7, below the 4.5 of small print);
# ``ship`` sets ticks and subtitles at 14 px and all chart text in ``INK`` (contrast 12.6) on a
# white ``CARD`` in either theme (one grey cannot reach 4.5 on both white and Streamlit's dark
# background), as the Graphviz diagrams are.
CHART_TEXT_PX = 14
INK, CARD = "#31333f", "#ffffff"
READABLE = {
    "axis": {"labelFontSize": CHART_TEXT_PX, "labelColor": INK, "titleColor": INK},
    "legend": {"labelColor": INK, "titleColor": INK},
    "header": {"labelColor": INK, "titleColor": INK},
    "title": {"subtitleFontSize": SUBTITLE_PX, "color": INK, "subtitleColor": INK},
}
LOG_FLOOR = 1e-12  # default floor for log scales
# One colour per model and per optimizer on every page (the classifier's dark/light pairs use the
# dark one; a page needing a lighter shade derives it, it never picks another hue).
MODEL_COLORS = {"rnn": "#d62728", "lstm": "#1f4e9c", "lstm_state": "#6a3d9a", "gru": "#2ca02c"}
OPTIMIZER_COLORS = {
    "sgd": "#d62728",
    "momentum": "#9467bd",
    "adam": "#1f77b4",
    "adam_uncorrected": "#ff7f0e",
}
FLOAT32_MAX = float(np.finfo(np.float32).max)  # about 3.4e38
FLOAT32_TINY = float(np.finfo(np.float32).tiny)  # about 1.2e-38, the smallest normal float32
LEGEND_ORIENTS = ("left", "right", "top", "bottom", "top-left", "top-right", "bottom-left",
                  "bottom-right", "none")  # fmt: skip
# Fill the container's width; ``height`` is the plot area's, titles and axes come on top.
# (Without it Streamlit uses autosize "fit", which squeezes a short heatmap to nothing.)
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


# Horizontal y-axis titles above the axis: Hangul turned 90 degrees is hard to read.
Y_TITLE = {
    "titleAngle": 0,
    "titleAnchor": "end",
    "titleAlign": "left",
    "titleBaseline": "bottom",
    "titleX": 0,
    "titleY": -6,
}


def _small_int(index: np.ndarray) -> np.ndarray:
    return index.astype(np.int16 if index.size == 0 or index.max() < 2**15 else np.int32)


def _compact(values: np.ndarray) -> np.ndarray:
    """Finite values as float32 if that only rounds them, else unchanged (float64).

    Checked on the converted values, not before: float32 overflows to inf above ``FLOAT32_MAX``
    and flushes to subnormals or 0 below ``FLOAT32_TINY``.
    """
    with np.errstate(over="ignore"):  # the overflow is what we look for, not a surprise
        as32 = values.astype(np.float32)
    magnitude = np.abs(as32)
    if np.all(np.isfinite(as32) & ((values == 0) | (magnitude >= FLOAT32_TINY))):
        return as32
    return values


def _label_expr(labels: Sequence[str]) -> str:
    # Vega expression: look the axis tick (an index) up in a literal array of labels.
    return f"{json.dumps([str(label) for label in labels], ensure_ascii=False)}[datum.value]"


def _notes(lang: str, n_clipped: int = 0, floor: float = LOG_FLOOR, n_not_finite: int = 0) -> str:
    notes = []
    if n_clipped:
        notes.append(translate("common.chart_log_floor", lang, n=n_clipped, floor=f"{floor:g}"))
    if n_not_finite:
        notes.append(translate("common.chart_not_finite", lang, n=n_not_finite))
    return " ".join(notes)


def chart_title(title: str, subtitle: str = "") -> alt.TitleParams:
    """A chart's title and its note, as every chart here draws them (use it in a page's own chart).

    Always with a subtitle entry (" " when empty), so the spec does not change when a note appears
    and a chart redrawn in an ``st.empty()`` slot updates in place.
    """
    return alt.TitleParams(
        text=title, subtitle=subtitle or " ", anchor="start", subtitleFontSize=SUBTITLE_PX
    )


def heatmap(
    values: np.ndarray,
    x_labels: Sequence[str] | None = None,
    y_labels: Sequence[str] | None = None,
    *,
    title: str,
    x_title: str,
    y_title: str,
    value_title: str,
    label_title: str = "",
    scheme: str = "viridis",
    domain: tuple[float, float] | None = None,
    log_scale: bool = False,
    floor: float = LOG_FLOOR,
    value_format: str = ".4f",
    extra: Mapping[str, np.ndarray] | None = None,
    lang: str = "en",
) -> alt.Chart:
    """A (rows, cols) array as a heatmap: column j along x, row i along y (row 0 at the top).

    ``extra`` maps a tooltip title to a (rows, cols) array shown below the value (what the value
    is made of, say), in the same format; its columns are ``extra0``, ``extra1``, ...

    ``x_labels[j]`` labels column j (for instance the input symbol at step j); labels may repeat,
    since the axis field is the step index and the label is looked up. The tooltip gives row, step,
    label (titled ``label_title``) and the exact value. ``domain`` fixes the colour scale (use it
    to compare "before" and "after" on one scale); ``log_scale`` clips values below ``floor``.
    """
    values = np.asarray(values, dtype=np.float64)  # (rows, cols)
    if values.ndim != 2:
        raise ValueError(f"heatmap needs a 2-D array, got shape {values.shape}")
    n_rows, n_cols = values.shape
    if x_labels is not None and len(x_labels) != n_cols:
        raise ValueError(f"{len(x_labels)} x labels for {n_cols} columns")
    if y_labels is not None and len(y_labels) != n_rows:
        raise ValueError(f"{len(y_labels)} y labels for {n_rows} rows")
    rows, cols = np.meshgrid(np.arange(n_rows), np.arange(n_cols), indexing="ij")  # (rows, cols)
    flat = values.ravel()
    finite = np.isfinite(flat)
    n_clipped = 0
    if log_scale:
        n_clipped = int(np.sum(finite & (flat < floor)))
        flat = np.where(finite, np.maximum(flat, floor), flat)
    data = {
        "row": _small_int(rows.ravel()[finite]),
        "col": _small_int(cols.ravel()[finite]),
        "value": _compact(flat[finite]),
    }
    tooltip = [
        alt.Tooltip("row_label:N" if y_labels is not None else "row:O", title=y_title),
        alt.Tooltip("col:O", title=x_title),
    ]
    if x_labels is not None:
        data["label"] = pd.Categorical(np.asarray([str(s) for s in x_labels])[data["col"]])
        tooltip.append(alt.Tooltip("label:N", title=label_title or x_title))
    if y_labels is not None:
        data["row_label"] = pd.Categorical(np.asarray([str(s) for s in y_labels])[data["row"]])
    tooltip.append(alt.Tooltip("value:Q", title=value_title, format=value_format))
    for k, (extra_title, extra_values) in enumerate((extra or {}).items()):
        extra_values = np.asarray(extra_values, dtype=np.float64)
        if extra_values.shape != values.shape:
            raise ValueError(f"extra {extra_title!r} is {extra_values.shape}, not {values.shape}")
        data[f"extra{k}"] = _compact(extra_values.ravel()[finite])
        tooltip.append(alt.Tooltip(f"extra{k}:Q", title=extra_title, format=value_format))
    x_axis = alt.Axis(labelAngle=0, labelOverlap=True, labelFlush=False)
    if x_labels is not None:
        x_axis = alt.Axis(
            labelAngle=0, labelOverlap=True, labelFlush=False, labelExpr=_label_expr(x_labels)
        )
    height = min(MAX_HEATMAP_HEIGHT, max(60, ROW_PX * n_rows))
    crowded = height / n_rows < 12  # px per row: below this, thin the labels out
    y_axis = alt.Axis(labelOverlap=crowded, labelFlush=False, **Y_TITLE)
    if y_labels is not None:
        y_axis = alt.Axis(
            labelOverlap=crowded, labelFlush=False, labelExpr=_label_expr(y_labels), **Y_TITLE
        )
    scale = alt.Scale(scheme=scheme, type="log" if log_scale else "linear")
    if domain is not None:
        scale = alt.Scale(scheme=scheme, type="log" if log_scale else "linear", domain=list(domain))
    note = _notes(lang, n_clipped, floor, int(np.sum(~finite)))
    return (
        alt.Chart(pd.DataFrame(data))
        .mark_rect()
        .encode(
            x=alt.X(
                "col:O", title=x_title, axis=x_axis, scale=alt.Scale(domain=list(range(n_cols)))
            ),
            y=alt.Y(
                "row:O", title=y_title, axis=y_axis, scale=alt.Scale(domain=list(range(n_rows)))
            ),
            color=alt.Color("value:Q", title=value_title, scale=scale),
            tooltip=tooltip,
        )
        .properties(
            title=chart_title(title, note),
            height=height,
            width="container",
            autosize=AUTOSIZE,
        )
    )


def _frame(data: pd.DataFrame | Mapping[str, Sequence]) -> pd.DataFrame:
    return data.copy() if isinstance(data, pd.DataFrame) else pd.DataFrame(dict(data))


def line_chart(
    data: pd.DataFrame | Mapping[str, Sequence],
    x: str,
    y: str,
    color: str | None = None,
    *,
    title: str,
    x_title: str,
    y_title: str,
    color_title: str = "",
    log_y: bool = False,
    floor: float = LOG_FLOOR,
    x_domain: tuple[float, float] | None = None,
    y_domain: tuple[float, float] | None = None,
    y_format: str = ".4g",
    height: int = LINE_HEIGHT,
    color_domain: Sequence[str] | None = None,
    color_range: Sequence[str] | None = None,
    legend_orient: str | None = None,
    legend_columns: int | None = None,
    lang: str = "en",
) -> alt.LayerChart:
    """Lines of ``y`` against ``x`` (one per ``color`` value) from long-format columns.

    Hovering shows a point and a tooltip with the exact x, y (and series) of the nearest step.
    With ``log_y`` values below ``floor`` are drawn at ``floor``; NaN and inf are left out; the
    subtitle says how many points either affected.

    ``color_domain`` lists every series (as shown, i.e. translated) in a fixed order and
    ``color_range`` gives each its colour (``"#d62728"``), so a series keeps its colour in either
    language and whichever series are present. ``legend_orient`` places the legend ("bottom"
    keeps a narrow plot its width; "none" hides it), in ``legend_columns`` columns. An empty
    ``color_title`` gives the legend no title.
    """
    frame = _frame(data)
    ys = frame[y].to_numpy(dtype=np.float64)
    finite = np.isfinite(ys)
    n_clipped = 0
    if log_y:
        n_clipped = int(np.sum(finite & (ys < floor)))
        ys = np.where(finite, np.maximum(ys, floor), ys)
    frame = frame[finite]
    frame[y] = _compact(ys[finite])
    note = _notes(lang, n_clipped, floor, int(np.sum(~finite)))

    x_scale = alt.Scale(domain=list(x_domain)) if x_domain else alt.Undefined
    y_kwargs = {"type": "log"} if log_y else {"zero": False}
    if y_domain:
        y_kwargs["domain"] = list(y_domain)
    encoding = {
        "x": alt.X(f"{x}:Q", title=x_title, scale=x_scale),
        "y": alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(**y_kwargs), axis=alt.Axis(**Y_TITLE)),
    }
    tooltip = [
        alt.Tooltip(f"{x}:Q", title=x_title),
        alt.Tooltip(f"{y}:Q", title=y_title, format=y_format),
    ]
    if color is not None:
        encoding["color"] = alt.Color(
            f"{color}:N",
            title=color_title or None,
            scale=_color_scale(frame[color], color_domain, color_range),
            legend=_legend(legend_orient, legend_columns),
        )
        tooltip.insert(0, alt.Tooltip(f"{color}:N", title=color_title or " "))
    elif color_domain is not None or color_range is not None or legend_orient is not None:
        raise ValueError("color_domain, color_range and legend_orient need a color column")
    base = alt.Chart(frame).encode(**encoding)
    hover = alt.selection_point(
        name="hover", nearest=True, on="pointerover", fields=[x], empty=False, clear="pointerout"
    )
    points = (
        base.mark_point(filled=True, size=60)
        .encode(
            opacity=alt.when(hover).then(alt.value(1.0)).otherwise(alt.value(0.0)), tooltip=tooltip
        )
        .add_params(hover)
        .properties(name="points")  # a fixed view name: Altair's default hashes the data
    )
    return alt.layer(base.mark_line(), points).properties(
        title=chart_title(title, note), height=height, width="container", autosize=AUTOSIZE
    )


def _color_scale(
    series: pd.Series, domain: Sequence[str] | None, colors: Sequence[str] | None
) -> alt.Scale | alt.UndefinedType:
    if domain is None:
        if colors is not None:  # the range alone follows the sorted names: language-dependent
            raise ValueError("color_range needs color_domain (the series in that order)")
        return alt.Undefined
    domain = [str(name) for name in domain]
    if len(set(domain)) != len(domain):
        raise ValueError(f"color_domain repeats a series: {domain}")
    missing = sorted({str(name) for name in series.unique()} - set(domain))
    if missing:
        raise ValueError(f"series {missing} are not in color_domain {domain}")
    if colors is None:
        return alt.Scale(domain=domain)
    if len(colors) != len(domain):
        raise ValueError(f"{len(colors)} colours for {len(domain)} series in color_domain")
    return alt.Scale(domain=domain, range=list(colors))


def _legend(orient: str | None, columns: int | None) -> alt.Legend | alt.UndefinedType:
    if orient is None and columns is None:
        return alt.Undefined
    if orient is not None and orient not in LEGEND_ORIENTS:
        raise ValueError(f"legend_orient {orient!r} is not one of {LEGEND_ORIENTS}")
    options = {"orient": orient} if orient is not None else {}
    if columns is not None:
        options["columns"] = int(columns)
    if orient in ("top", "bottom"):
        options["labelLimit"] = 0  # a legend above or below takes no width: never cut names
    return alt.Legend(**options)


def loss_curve(
    steps: Sequence[int] | np.ndarray,
    curves: Mapping[str, Sequence[float] | np.ndarray],
    *,
    title: str,
    x_title: str,
    y_title: str,
    color_title: str = "",
    total_steps: int | None = None,
    log_y: bool = False,
    height: int = 240,
    lang: str = "en",
) -> alt.LayerChart:
    """Loss (or accuracy) against training step, one line per entry of ``curves``.

    ``total_steps`` fixes the x axis to the planned length, so a curve growing live keeps its scale.
    The curves keep their colours in the order of ``curves`` (not sorted by their translated
    names), so "train" and "validation" look the same in either language.
    """
    steps = np.asarray(steps)  # (S,)
    for name, values in curves.items():
        if len(values) != len(steps):
            raise ValueError(f"curve {name!r} has {len(values)} values for {len(steps)} steps")
    frame = pd.DataFrame(
        {
            "step": np.tile(steps, len(curves)),
            "value": np.concatenate([np.asarray(v, dtype=np.float64) for v in curves.values()])
            if curves
            else np.zeros(0),
            "series": np.repeat(list(curves), len(steps)),
        }
    )
    return line_chart(
        frame,
        "step",
        "value",
        "series" if len(curves) > 1 else None,  # one curve needs no legend
        color_domain=list(curves) if len(curves) > 1 else None,
        title=title,
        x_title=x_title,
        y_title=y_title,
        color_title=color_title,
        log_y=log_y,
        x_domain=(0, total_steps) if total_steps else None,
        height=height,
        lang=lang,
    )


def live_loss_spec(
    *, title: str, x_title: str, y_title: str, total_steps: int, lang: str = "en"
) -> dict:
    """The live training-loss chart as a plain Vega-Lite spec with no data of its own: the page
    passes the rows (``step``, ``loss``) beside it, so every redraw sends the same spec and the
    browser updates the chart in place instead of building a new one."""
    return {
        "title": {"text": title, "anchor": "start"},
        "height": 200,
        "mark": {"type": "line", "strokeWidth": 2},
        "encoding": {
            "x": {
                "field": "step",
                "type": "quantitative",
                "title": x_title,
                "scale": {"domain": [1, max(2, int(total_steps))]},
            },
            "y": {"field": "loss", "type": "quantitative", "title": y_title},
            "tooltip": [
                {"field": "step", "type": "quantitative", "title": x_title},
                {"field": "loss", "type": "quantitative", "title": y_title, "format": ".4g"},
            ],
        },
        "config": {
            "background": CARD,
            "axis": {**READABLE["axis"], "titleFontSize": CHART_TEXT_PX},
            "title": {"color": INK},
        },
        "usermeta": RENDERER,
    }
