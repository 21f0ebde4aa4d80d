"""The Adam page's charts: pure functions from ``lstm_viz.labs.adam`` results to Altair charts.

No Streamlit here, so a test can build each chart and read ``chart.to_dict()``. Every chart
takes ``lang`` and translates its own titles from the catalogue (``lstm_viz/labs/adam/strings.py``).

Colours carry one meaning on every chart and in both languages: the corrected quantity blue,
the uncorrected one orange, the raw gradient (and lr) grey; one fixed colour per optimizer.

Speed, measured in Chromium on this page (8 charts; a shared machine at load 8-10):
- Streamlit draws a chart with at most 2,000 rows as SVG. The line charts' hover layer (an
  invisible point per step and a Voronoi cell for "nearest") made about 1,200 SVG elements per
  chart, 11,000 on the page: the browser's main thread worked 7.0 s per load, 2.9 s without
  any chart. Every chart now ships through ``charts.ship``, which asks for the canvas renderer
  (4.0 s, 3,200 elements) and skips Altair's schema check (tests/test_adam_charts.py checks
  every spec against the Vega-Lite schema instead).
- The loss surface was 3,600 rects (60 x 60 cells, each with a tooltip); it is one picture of
  150 x 150 cells (smoother, and one image to draw) plus 900 see-through hover blocks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from lstm_viz.labs.adam import surfaces
from lstm_viz.labs.adam.moments import AdamTrace
from lstm_viz.labs.adam.race import ZOOM_STEPS, RaceRun
from lstm_viz.labs.adam.surfaces import OptimizerPath
from lstm_viz.ui import charts, raster
from lstm_viz.ui.text import translate

GREY, BLUE, ORANGE = "#8c8c8c", "#1f77b4", "#ff7f0e"
RED, PURPLE, GREEN = "#d62728", "#9467bd", "#2ca02c"
RUN_COLORS = charts.OPTIMIZER_COLORS  # one colour per optimizer on every page
SERIES_COLORS = {
    "g": GREY, "g2": GREY, "lr": GREY, "factor1": PURPLE, "factor2": GREEN,
    "m": ORANGE, "v": ORANGE, "step_raw": ORANGE, "m_hat": BLUE, "v_hat": BLUE, "step": BLUE,
}  # fmt: skip
# The moments section, in page order: (title key, series drawn, y-axis title key, log y, legend
# columns). The last, the step sizes, is the section's main chart, drawn wide.
MOMENT_CHARTS = (
    ("adam.chart_m", ("g", "m", "m_hat"), "adam.value", False, 1),
    ("adam.chart_v", ("g2", "v", "v_hat"), "adam.value", False, 1),
    ("adam.chart_factors", ("factor1", "factor2"), "adam.factor", True, 1),
    ("adam.chart_step", ("lr", "step", "step_raw"), "adam.step_size", False, 2),
)
MOMENT_HEIGHT, SURFACE_HEIGHT, RACE_HEIGHT = 240, 380, 260  # px of each plot area
# d3's schemeGreys[9], white (low loss) to black; picture and legend interpolate them in RGB
GREYS = (
    "#ffffff", "#f0f0f0", "#d9d9d9", "#bdbdbd", "#969696",
    "#737373", "#525252", "#252525", "#000000",
)  # fmt: skip
PICTURE_CELLS = 150  # the loss picture's cells per axis: one PNG, smooth when stretched
HOVER_BLOCKS = (30, 30)  # 900 see-through blocks of 5 x 5 cells carry the surface's tooltips
LOSS_FLOOR = 1e-6  # the picture's log10 colours cannot show a loss of 0 (the minimum)


def run_label(name: str, lang: str) -> str:
    """An optimizer's name as the legend shows it ("Adam, corrected")."""
    return translate(f"adam.run_{name}", lang)


def lines(
    series: Mapping[str, tuple[np.ndarray, np.ndarray]],
    colors: Sequence[str],
    *,
    title: str,
    x_title: str,
    y_title: str,
    lang: str,
    legend_columns: int = 1,
    **options,
) -> alt.LayerChart:
    """``charts.line_chart`` of ``{label: (x, y)}``, label k in ``colors[k]``, legend below in
    ``legend_columns`` columns (one unless the chart is wide: two columns of "Adam, no
    correction" did not fit a third of a 1280 px screen)."""
    frame = pd.DataFrame(
        {
            "x": np.concatenate([np.asarray(x, float) for x, _ in series.values()]),
            "y": np.concatenate([np.asarray(y, float) for _, y in series.values()]),
            "series": np.repeat(list(series), [len(x) for x, _ in series.values()]),
        }
    )
    options.setdefault("y_format", ".6g")
    chart = charts.line_chart(
        frame,
        "x",
        "y",
        "series",
        title=title,
        x_title=x_title,
        y_title=y_title,
        color_domain=list(series),
        color_range=list(colors),
        legend_orient="bottom",
        legend_columns=legend_columns,
        lang=lang,
        **options,
    )
    return charts.ship(chart)


def moment_charts(trace: AdamTrace, lr: float, lang: str) -> list[alt.LayerChart]:
    """The moments section's four charts (``MOMENT_CHARTS``): m against m-hat, v against v-hat,
    the correction factors (log y) and the step with and without correction beside lr."""
    values = {
        "g": trace.g,
        "m": trace.m,
        "m_hat": trace.m_hat,
        "g2": trace.g**2,
        "v": trace.v,
        "v_hat": trace.v_hat,
        "factor1": trace.factor1,
        "factor2": trace.factor2,
        "lr": np.full(trace.t.shape, float(lr)),
        "step": trace.step,
        "step_raw": trace.step_uncorrected,
    }
    drawn = []
    for title, names, y_title, log_y, legend_columns in MOMENT_CHARTS:
        series = {translate(f"adam.series_{k}", lang): (trace.t, values[k]) for k in names}
        drawn.append(
            lines(
                series,
                [SERIES_COLORS[k] for k in names],
                title=translate(title, lang),
                x_title=translate("adam.t", lang),
                y_title=translate(y_title, lang),
                log_y=log_y,
                height=MOMENT_HEIGHT,
                lang=lang,
                legend_columns=legend_columns,
            )
        )
    return drawn


def loss_layers(surface: str, lang: str) -> list[alt.Chart]:
    """The log10 loss as one grey picture of ``PICTURE_CELLS`` squared cells over the surface's
    extent, and ``HOVER_BLOCKS`` see-through blocks on it whose tooltip gives the block's x and
    y span and the largest loss in it (``lstm_viz.ui.raster``); the blocks carry the legend."""
    grid = surfaces.loss_grid(surface, PICTURE_CELLS)  # (n, n), row j at y[j]
    log_loss = np.log10(np.maximum(grid.loss, LOSS_FLOOR))
    domain = (float(log_loss.min()), float(log_loss.max()))
    (x0, x1), (y0, y1) = surfaces.SURFACE_INFO[surface].extent
    n = PICTURE_CELLS
    x_axis = raster.RasterAxis(np.linspace(x0, x1, n + 1), "x", tooltip_format=".2f")
    y_axis = raster.RasterAxis(np.linspace(y0, y1, n + 1), "y", tooltip_format=".2f")
    x_scale, x_style = raster.scale_and_axis(x_axis, vertical=False)
    y_scale, y_style = raster.scale_and_axis(y_axis, vertical=True)
    picture = pd.DataFrame(
        {"url": [raster.colour_picture(log_loss, domain, GREYS)], "x": [x0], "x2": [x1]}
        | {"y": [y0], "y2": [y1]}
    )
    image = (
        alt.Chart(picture)
        .mark_image(aspect=False, clip=True)
        .encode(
            x=alt.X("x:Q", title="x", scale=x_scale, axis=x_style),
            x2=alt.X2("x2"),
            y=alt.Y("y:Q", title="y", scale=y_scale, axis=y_style),
            y2=alt.Y2("y2"),
            url=alt.Url("url", type="nominal"),
        )
    )
    blocks = raster.hover_blocks(log_loss, x_axis, y_axis, HOVER_BLOCKS)
    blocks["loss"] = raster.block_maxima(grid.loss, HOVER_BLOCKS)[0].ravel()  # same order
    hover = alt.selection_point(
        name="block_hover", on="pointerover", clear="pointerout", empty=False
    )
    legend = alt.Legend(orient="bottom", direction="horizontal", gradientLength=160)
    colour = alt.Scale(domain=list(domain), range=list(GREYS), interpolate="rgb")
    tips = [
        alt.Tooltip("x_span:N", title="x"),
        alt.Tooltip("y_span:N", title="y"),
        alt.Tooltip("loss:Q", title=translate("adam.block_loss", lang), format=".4g"),
    ]
    see_through = (
        alt.Chart(blocks)
        .mark_rect(fillOpacity=0, stroke="white", strokeWidth=1.5)
        .encode(
            x=alt.X("x0:Q", scale=x_scale),
            x2=alt.X2("x1"),
            y=alt.Y("y0:Q", scale=y_scale),
            y2=alt.Y2("y1"),
            color=alt.Color(
                "value:Q", title=translate("adam.log_loss", lang), scale=colour, legend=legend
            ),
            strokeOpacity=alt.StrokeOpacityValue(0.0, condition=raster.highlight(hover)),
            tooltip=tips,
        )
        .add_params(hover)
        .properties(name="blocks")  # a fixed view name: Altair's default numbers views
    )
    return [image, see_through]


def path_frame(paths: Mapping[str, OptimizerPath], lang: str) -> pd.DataFrame:
    """One row per point of every path: optimizer (translated), step, x, y, loss."""
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "optimizer": run_label(name, lang),
                    "step": np.arange(len(p.xy)),
                    "x": p.xy[:, 0],
                    "y": p.xy[:, 1],
                    "loss": p.loss,
                }
            )
            for name, p in paths.items()
        ],
        ignore_index=True,
    )


def surface_chart(
    surface: str, paths: Mapping[str, OptimizerPath], lang: str, title: str | None = None
) -> alt.LayerChart:
    """The loss picture (``loss_layers``), the paths over it (clipped to the drawing), the start
    ringed. Layers: image, hover blocks, path lines, path points (tooltip: optimizer, step, x,
    y, loss), the start. ``title`` replaces the usual one (a pinned run's)."""
    walk = path_frame(paths, lang)
    optimizer = translate("adam.optimizer", lang)
    scale = alt.Scale(
        domain=[run_label(n, lang) for n in paths], range=[RUN_COLORS[n] for n in paths]
    )
    # Above the plot, two by two: beside the loss legend below it, "Adam, no correction" ran
    # past the edge of a chart half a 1280 px screen wide.
    legend = alt.Legend(orient="top", columns=2)
    color = alt.Color("optimizer:N", title=optimizer, legend=legend, scale=scale)
    tips = [
        alt.Tooltip("optimizer:N", title=optimizer),
        alt.Tooltip("step:Q", title=translate("adam.path_step", lang)),
        alt.Tooltip("x:Q", format=".4g"),
        alt.Tooltip("y:Q", format=".4g"),
        alt.Tooltip("loss:Q", title=translate("adam.loss", lang), format=".4g"),
    ]
    base = alt.Chart(walk).encode(x="x:Q", y="y:Q", color=color, order="step:Q")
    start = alt.Chart(walk[walk.step == 0].head(1)).mark_point(
        shape="circle", size=300, stroke="white", strokeWidth=3, filled=False
    )
    chart = (
        alt.layer(
            *loss_layers(surface, lang),
            base.mark_line(clip=True, strokeWidth=2.5),
            base.mark_point(clip=True, filled=True, size=30, opacity=1).encode(
                color=alt.Color("optimizer:N", scale=scale, legend=None), tooltip=tips
            ),
            start.encode(x="x:Q", y="y:Q"),
        )
        .resolve_scale(color="independent")
        .properties(
            title=title or translate("adam.chart_surface", lang),
            height=SURFACE_HEIGHT,
            width="container",
            autosize=charts.AUTOSIZE,
        )
        .configure_legend(labelLimit=400)
        .configure_axis(grid=False)  # grid lines would show through the picture
    )
    return charts.ship(chart)


def loss_domain(*races: Mapping[str, RaceRun]) -> tuple[float, float]:
    """(0, the largest finite training loss of ``races``): one loss axis for races compared."""
    losses = np.concatenate([np.asarray(r.loss, float) for runs in races for r in runs.values()])
    finite = losses[np.isfinite(losses)]
    return 0.0, float(finite.max()) if finite.size else 1.0


def path_loss_chart(paths: Mapping[str, OptimizerPath], lang: str) -> alt.LayerChart:
    """Each path's loss against its step, log y (a loss below ``charts.LOG_FLOOR``, 1e-12, is
    drawn there and the subtitle says so; the default paths stay above it)."""
    series = {run_label(n, lang): (np.arange(len(p.loss)), p.loss) for n, p in paths.items()}
    return lines(
        series,
        [RUN_COLORS[n] for n in paths],
        title=translate("adam.chart_path_loss", lang),
        x_title=translate("adam.path_step", lang),
        y_title=translate("adam.loss", lang),
        log_y=True,
        height=SURFACE_HEIGHT,
        lang=lang,
    )


def race_charts(
    runs: Mapping[str, RaceRun],
    steps: int,
    lang: str,
    title: str | None = None,
    y_domain: tuple[float, float] | None = None,
) -> list[alt.LayerChart]:
    """The race's training loss per step: all ``steps`` (titled ``title`` if given: a pinned
    run's), then the first ``ZOOM_STEPS`` zoomed in. A run that diverged shows the steps it
    made. ``y_domain`` fixes the loss axis (two races side by side on one scale)."""
    zoom = min(ZOOM_STEPS, steps)
    whole = title or translate("adam.chart_race", lang)
    drawn = []
    for last, heading in (
        (steps, whole),
        (zoom, translate("adam.chart_race_zoom", lang, k=zoom)),
    ):
        series = {
            run_label(n, lang): (np.arange(1, len(r.loss[:last]) + 1), np.asarray(r.loss[:last]))
            for n, r in runs.items()
        }
        drawn.append(
            lines(
                series,
                [RUN_COLORS[n] for n in runs],
                title=heading,
                x_title=translate("common.step", lang),
                y_title=translate("common.loss", lang),
                x_domain=(1, last),
                y_domain=y_domain,
                height=RACE_HEIGHT,
                lang=lang,
            )
        )
    return drawn
