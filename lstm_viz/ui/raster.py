"""A big matrix as one picture over real axes, with a few see-through hover blocks for tooltips.

Why: a heatmap of R x C Vega ``rect`` marks costs the browser time per mark; tens of thousands
of them (a 257 x 196 spectrogram is 50,372) took seconds to draw and to update. ``raster_chart``
draws the same cells as one PNG stretched over the plot, so drawing costs one image whatever the
size, and adds a coarse layer of at most ``max_blocks`` transparent rects that carry the tooltip
(the block's span on both axes and its largest value), the colour legend and a white outline
under the pointer.

The picture. Cell (r, c) becomes pixel (R - 1 - r, c): row 0 (the lowest) at the bottom. Its
colour interpolates ``colours`` (default: Vega's viridis at ten even stops) in RGB at

    u = clip((value - low) / (high - low), 0, 1),   position u (n_colours - 1) along the stops,

which is what Vega-Lite's ``scale(range=colours, interpolate="rgb")`` does for the legend, so
legend and picture agree. Non-finite cells are transparent, and left out of the blocks' maxima.

Axes. Every cell of the picture is equally wide, so the picture is stretched over an axis's
``extent`` (plot units) and the axis must make cells equally wide there:
    linear  plot units are the values (time in s, frequency in Hz)
    log     a log scale: cells equally wide in log(value), e.g. log-spaced frequency rows;
            ticks at 1, 2 and 5 times each power of ten
    mel     plot units are mel (m = 2595 log10(1 + f / 700)); ticks sit at round Hz values and
            are labelled in Hz, tooltips give Hz
Blocks. A block is g_r x g_c cells, g_r = ceil(R / max_rows), g_c = ceil(C / max_cols), so at
most max_rows x max_cols blocks; the last row or column of blocks may be partial.

Shipping (``ship``), measured on the FFT page in Chromium and in the server:
- Altair's JSON-schema check of a spec took about 0.28 of the server's 0.66 s per rerun; the
  charts skip it when Streamlit serialises them, and the tests check each spec against the
  Vega-Lite schema instead.
- Streamlit draws a chart with at most 2,000 rows as SVG, one element per mark: the blocks (up
  to 2,048 rects) and the line charts' hover points would be thousands of SVG elements. Every
  chart asks for the canvas renderer (``usermeta.embedOptions.renderer``).

No Streamlit here: builders return ``alt.LayerChart`` and a test reads ``chart.to_dict()``.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
from PIL import Image

from lstm_viz.audio.spectral import hz_to_mel, mel_to_hz
from lstm_viz.ui.charts import AUTOSIZE, SUBTITLE_PX, Y_TITLE, ship

# Vega's "viridis" at ten even steps; the picture and the legend both interpolate these in RGB
VIRIDIS = (
    "#440154", "#482878", "#3e4a89", "#31688e", "#26828e",
    "#1f9e89", "#35b779", "#6dcd59", "#b4de2c", "#fde725",
)  # fmt: skip
MAX_BLOCKS = (32, 64)  # (rows, columns) of hover blocks at most: 2,048 rects
HEIGHT = 260  # px of the plot area: readable on a projector
KINDS = ("linear", "log", "mel")
MEL_TICKS_HZ = (100, 250, 500, 1000, 2000, 4000, 8000)
# the mel axis's labels invert m = 2595 log10(1 + f / 700) in Vega's expression language
MEL_LABEL_EXPR = "format(700 * (pow(10, datum.value / 2595) - 1), ',.0f')"
SPAN = " – "  # between the two ends of a block's span in a tooltip
SUBTITLE_FONT_SIZE = SUBTITLE_PX  # px: Vega's default 10 px is unreadable on a projector


@dataclass(frozen=True)
class RasterAxis:
    """One axis of a raster: the cells' edges in plot units and how to label them."""

    edges: np.ndarray  # (n + 1,) cell edges in plot units, increasing
    title: str  # the axis title, with its unit
    kind: str = "linear"  # one of KINDS (see the module docstring)
    extent: tuple[float, float] | None = None  # where the picture's n equal cells are stretched,
    # in plot units; None: (edges[0], edges[-1]). Wider than the edges when the outer cells are
    # clipped (a spectrogram's first row starts at -df / 2, the axis at 0 Hz)
    tooltip_title: str | None = None  # the span's title in tooltips; None: ``title``
    tooltip_format: str = ",.0f"  # Python format of each end of the span in tooltips

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if len(self.edges) < 2 or np.any(np.diff(self.edges) <= 0):
            raise ValueError("an axis needs at least two increasing edges")

    @property
    def domain(self) -> tuple[float, float]:
        return float(self.edges[0]), float(self.edges[-1])

    @property
    def picture_extent(self) -> tuple[float, float]:
        return self.extent if self.extent is not None else self.domain

    def tooltip_values(self, positions: np.ndarray) -> np.ndarray:
        """Plot positions as the tooltip states them: Hz on a mel axis, else as they are."""
        return mel_to_hz(positions) if self.kind == "mel" else np.asarray(positions)


def log_ticks(low: float, high: float) -> list[float]:
    """1, 2 and 5 times each power of ten within [low, high] (Vega's own pick skipped decades)."""
    decades = range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1)
    ticks = [m * 10.0**e for e in decades for m in (1, 2, 5)]
    return [t for t in ticks if low <= t <= high]


def highlight(selection: alt.Parameter) -> list[dict]:
    """The condition "1 where ``selection`` holds (nothing when it is empty)", written out.

    Equal to ``alt.when(selection).then(alt.value(1.0))``'s condition; a channel object built
    from it skips Altair's conversion of shorthands, which cost about 17 ms per channel here.
    """
    return [{"param": selection.name, "value": 1.0, "empty": False}]


def scale_and_axis(axis: RasterAxis, vertical: bool = True) -> tuple[alt.Scale, alt.Axis]:
    """The Vega-Lite scale and axis that put ``axis.edges`` where the picture puts its cells."""
    low, high = axis.domain
    style = dict(Y_TITLE) if vertical else {}  # horizontal y titles (charts.Y_TITLE)
    if axis.kind == "log":
        scale = alt.Scale(type="log", domain=[low, high], nice=False)
        return scale, alt.Axis(values=log_ticks(low, high), **style)
    if axis.kind == "mel":
        ticks = [float(m) for m in hz_to_mel(np.array(MEL_TICKS_HZ)) if low <= m <= high]
        scale = alt.Scale(domain=[low, high], nice=False, zero=False)
        return scale, alt.Axis(values=ticks, labelExpr=MEL_LABEL_EXPR, **style)
    return alt.Scale(domain=[low, high], nice=False), alt.Axis(**style)


def colour_picture(
    values: np.ndarray, domain: tuple[float, float], colours: tuple[str, ...] = VIRIDIS
) -> str:
    """(R, C) values as a PNG data URI in the colour scale, row 0 at the bottom."""
    values = np.asarray(values, dtype=np.float64)  # (R, C)
    low, high = domain
    finite = np.isfinite(values)[::-1]  # (R, C), top row first
    u = np.clip((np.where(finite, values[::-1], low) - low) / max(high - low, 1e-12), 0.0, 1.0)
    stops = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in colours], float)
    position = u * (len(stops) - 1)
    left = np.minimum(position.astype(int), len(stops) - 2)
    frac = (position - left)[..., None]
    rgb = np.round(stops[left] * (1 - frac) + stops[left + 1] * frac).astype(np.uint8)  # (R, C, 3)
    if not finite.all():  # see-through where there is nothing to draw
        alpha = np.where(finite, 255, 0).astype(np.uint8)[..., None]
        rgb = np.concatenate([rgb, alpha], axis=-1)  # (R, C, 4)
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def block_shape(
    shape: tuple[int, int], max_blocks: tuple[int, int] = MAX_BLOCKS
) -> tuple[int, int]:
    """Cells per hover block, (g_r, g_c) = (ceil(R / max_rows), ceil(C / max_cols))."""
    (n_rows, n_cols), (max_rows, max_cols) = shape, max_blocks
    return -(-n_rows // max_rows), -(-n_cols // max_cols)


def block_maxima(
    values: np.ndarray, max_blocks: tuple[int, int] = MAX_BLOCKS
) -> tuple[np.ndarray, int, int]:
    """The largest finite value of each block: ((ceil(R / g_r), ceil(C / g_c)), g_r, g_c)."""
    values = np.asarray(values, dtype=np.float64)
    values = np.where(np.isfinite(values), values, np.nan)  # fmax skips NaN
    g_r, g_c = block_shape(values.shape, max_blocks)
    by_rows = np.fmax.reduceat(values, np.arange(0, values.shape[0], g_r), axis=0)
    return np.fmax.reduceat(by_rows, np.arange(0, values.shape[1], g_c), axis=1), g_r, g_c


def _spans(axis: RasterAxis, starts: np.ndarray, stops: np.ndarray) -> list[str]:
    low, high = axis.tooltip_values(axis.edges[starts]), axis.tooltip_values(axis.edges[stops])
    fmt = axis.tooltip_format
    return [f"{a:{fmt}}{SPAN}{b:{fmt}}" for a, b in zip(low, high, strict=True)]


def hover_blocks(values: np.ndarray, x: RasterAxis, y: RasterAxis, max_blocks=MAX_BLOCKS):
    """One row per block: its edges in plot units, both spans as text and its largest value."""
    n_rows, n_cols = values.shape
    maxima, g_r, g_c = block_maxima(values, max_blocks)
    r0, c0 = np.arange(0, n_rows, g_r), np.arange(0, n_cols, g_c)  # each block's first cell
    r1, c1 = np.minimum(r0 + g_r, n_rows), np.minimum(c0 + g_c, n_cols)
    rr, cc = (a.ravel() for a in np.meshgrid(np.arange(len(r0)), np.arange(len(c0)), indexing="ij"))
    return pd.DataFrame(
        {
            "x0": x.edges[c0[cc]].astype(np.float32),
            "x1": x.edges[c1[cc]].astype(np.float32),
            "y0": y.edges[r0[rr]].astype(np.float32),
            "y1": y.edges[r1[rr]].astype(np.float32),
            "x_span": _spans(x, c0[cc], c1[cc]),
            "y_span": _spans(y, r0[rr], r1[rr]),
            "value": maxima.ravel().astype(np.float32),
        }
    )


def raster_chart(
    values: np.ndarray,
    x: RasterAxis,
    y: RasterAxis,
    *,
    title: str,
    value_title: str,
    block_value_title: str,
    subtitle: str = " ",
    domain: tuple[float, float] | None = None,
    colours: tuple[str, ...] = VIRIDIS,
    max_blocks: tuple[int, int] = MAX_BLOCKS,
    marker_x: float | None = None,
    height: int = HEIGHT,
) -> alt.LayerChart:
    """(R, C) ``values`` as a picture over ``x`` (columns) and ``y`` (rows), with hover blocks.

    Layers: [0] the picture (``mark_image``), [1] the blocks (tooltip: ``x.tooltip_title``,
    ``y.tooltip_title``, ``block_value_title``; colour legend titled ``value_title``), [2] a
    dashed white rule at ``marker_x`` if given. ``domain`` fixes the colours (default: the
    finite values' range). Parameter and view names are fixed, so new values give the same
    spec and Streamlit updates the chart in place. ``subtitle`` should say how many cells a
    block covers when that is more than one (``block_shape``).
    """
    values = np.asarray(values, dtype=np.float64)  # (R, C)
    n_rows, n_cols = values.shape
    if (len(y.edges), len(x.edges)) != (n_rows + 1, n_cols + 1):
        raise ValueError(
            f"{values.shape} values need {n_rows + 1} y and {n_cols + 1} x edges, "
            f"got {len(y.edges)} and {len(x.edges)}"
        )
    if domain is None:
        finite = values[np.isfinite(values)]
        domain = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    x_scale, x_axis = scale_and_axis(x, vertical=False)
    y_scale, y_axis = scale_and_axis(y, vertical=True)
    (x_lo, x_hi), (y_lo, y_hi) = x.picture_extent, y.picture_extent
    picture = pd.DataFrame(
        {"url": [colour_picture(values, domain, colours)], "x": [x_lo], "x2": [x_hi]}
        | {"y": [y_lo], "y2": [y_hi]}
    )
    image = (
        alt.Chart(picture)
        .mark_image(aspect=False, clip=True)
        .encode(
            x=alt.X("x:Q", title=x.title, scale=x_scale, axis=x_axis),
            x2=alt.X2("x2"),
            y=alt.Y("y:Q", title=y.title, scale=y_scale, axis=y_axis),
            y2=alt.Y2("y2"),
            url=alt.Url("url", type="nominal"),
        )
    )
    colour = alt.Scale(domain=list(domain), range=list(colours), interpolate="rgb")
    hover = alt.selection_point(
        name="block_hover", on="pointerover", clear="pointerout", empty=False
    )
    blocks = (
        alt.Chart(hover_blocks(values, x, y, max_blocks))
        .mark_rect(fillOpacity=0, stroke="white", strokeWidth=1.5)
        .encode(
            x=alt.X("x0:Q", scale=x_scale),
            x2=alt.X2("x1"),
            y=alt.Y("y0:Q", scale=y_scale),
            y2=alt.Y2("y1"),
            color=alt.Color("value:Q", title=value_title, scale=colour),
            strokeOpacity=alt.StrokeOpacityValue(0.0, condition=highlight(hover)),
            tooltip=[
                alt.Tooltip("x_span:N", title=x.tooltip_title or x.title),
                alt.Tooltip("y_span:N", title=y.tooltip_title or y.title),
                alt.Tooltip("value:Q", title=block_value_title, format=".4g"),
            ],
        )
        .add_params(hover)
        .properties(name="blocks")  # a fixed view name: Altair's default numbers views
    )
    layers = [image, blocks]
    if marker_x is not None:
        rule = alt.Chart(pd.DataFrame({"x": [marker_x]})).mark_rule(
            color="white", strokeDash=[4, 3], strokeWidth=2
        )
        layers.append(rule.encode(x=alt.X("x:Q", scale=x_scale)))
    title_params = alt.TitleParams(
        title, subtitle=subtitle or " ", subtitleFontSize=SUBTITLE_FONT_SIZE, anchor="start"
    )
    chart = alt.layer(*layers).properties(
        title=title_params, height=height, width="container", autosize=AUTOSIZE
    )
    return ship(chart)
