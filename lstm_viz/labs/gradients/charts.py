"""Altair charts of the vanishing and exploding gradients page (pages/2_Gradients.py).

Pure functions, arrays or ``lstm_viz.labs.gradients.compute`` records in and ``alt.Chart`` out,
no Streamlit: tests/test_gradients_charts.py reads their ``to_dict()``. Two levels:

- builders that take translated titles (``curves_chart``, ``norm_chart``), and
- one function per chart the page shows (``profile_charts``, ``accuracy_chart``,
  ``training_heatmaps``, ``exploding_charts``), which take a record and the language and name
  every curve and axis from the catalogue (lstm_viz/labs/gradients/strings.py).

Every chart of the page gives a network the same colour (RNN red, LSTM blue, GRU green; the
LSTM's dL/dh_t light blue beside its dL/dc_t), draws reference lines (the rho^k bound, chance
level, the clipping threshold) grey and dashed, and puts its legend under the plot, so two charts
side by side keep their plot width. Lines are ``charts.line_chart``'s, which keeps values beyond
float32 (an exploding norm reaches 1e273 before it overflows float64) in float64.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from lstm_viz.labs.gradients import compute as gradients
from lstm_viz.ui import charts
from lstm_viz.ui.text import translate

MODEL_COLORS = {cell: charts.MODEL_COLORS[cell] for cell in ("rnn", "lstm", "gru")}
RED, BLUE, GREEN = MODEL_COLORS["rnn"], MODEL_COLORS["lstm"], MODEL_COLORS["gru"]
LIGHT_BLUE, GREY = "#6baed6", "#8c8c8c"  # the LSTM's dL/dh_t beside its dL/dc_t; references
MODEL_NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}  # the same in both languages
DASH = [6, 4]  # px on, px off: reference lines
FONT_PX = 14  # every axis, legend and subtitle text: readable on a projector (Streamlit draws 12)
TITLE_PX = 16
MARKER = "#d94801"  # the training step shown: a rule on the curves, a frame on the heatmaps
LEGEND_PX = 320  # a legend row wider than this overflows a half-width chart (377 px at 1280)


Curves = Mapping[str, tuple[np.ndarray, np.ndarray]]  # name -> ((N,) x, (N,) y)


def legend_columns(names: Sequence[str], row_px: float = LEGEND_PX) -> int:
    """All names in one legend row if it fits in ``row_px``, else two columns. Estimated at 7 px
    per character (14 for a wide one: Hangul) plus 35 px for the symbol and the gap."""
    wide = ("W", "F")
    chars = sum(2 if unicodedata.east_asian_width(c) in wide else 1 for n in names for c in n)
    return len(names) if 7 * chars + 35 * len(names) <= row_px else 2


def long_frame(curves: Curves, x: str, y: str) -> pd.DataFrame:
    """Curves in long format: columns ``x``, ``y`` and "curve" (the name)."""
    return pd.DataFrame(
        {
            x: np.concatenate([np.asarray(xs) for xs, _ in curves.values()]),
            y: np.concatenate([np.asarray(ys, float) for _, ys in curves.values()]),
            "curve": np.concatenate([[name] * len(ys) for name, (_, ys) in curves.items()]),
        }
    )


def curves_chart(
    curves: Curves,
    colors: Sequence[str],
    *,
    x: str,
    y: str,
    dashed: Sequence[str] = (),
    dots: bool = False,
    marker: tuple[float, str] | None = None,
    **options,
) -> alt.LayerChart:
    """``charts.line_chart`` of named curves: each curve in its colour (``colors``, in curve
    order, in either language), the curves named in ``dashed`` dashed, the legend under the plot
    (two columns if one row would not fit). ``dots`` marks every step of the solid curves, so a
    run that stopped after one step still shows. ``marker`` = (x, tooltip title) draws a
    vertical rule there (the training step shown). ``options`` go to ``charts.line_chart``."""
    names = list(curves)
    chart = charts.line_chart(
        long_frame(curves, x, y),
        x,
        y,
        "curve",
        color_domain=names,
        color_range=list(colors),
        legend_orient="bottom",
        legend_columns=legend_columns(names),
        **options,
    )
    dash = alt.when(alt.FieldOneOfPredicate("curve", list(dashed))).then(alt.value(DASH))
    chart.layer[0] = chart.layer[0].encode(strokeDash=dash.otherwise(alt.value([1, 0])))
    if dots:
        solid = {"not": {"field": "curve", "oneOf": list(dashed)}}
        dot = chart.layer[0].mark_point(filled=True, size=20, opacity=1).transform_filter(solid)
        chart.layer.append(dot.properties(name="dots"))
    if marker is not None:
        chart.layer.append(marker_rule(*marker))
    return charts.ship(readable(chart))


def marker_rule(x: float, title: str) -> alt.Chart:
    """A vertical dashed rule at ``x``, its tooltip naming it ``title``."""
    return (
        alt.Chart(pd.DataFrame({"shown": [x]}))
        .mark_rule(color=MARKER, strokeWidth=2, strokeDash=[6, 3])
        .encode(x="shown:Q", tooltip=[alt.Tooltip("shown:Q", title=title)])
    )


def readable(chart):
    """The chart with its text at ``FONT_PX`` or more (titles at ``TITLE_PX``), in the theme's
    colours (``charts.ship`` leaves text colours to the light or dark theme)."""
    if isinstance(chart.title, alt.TitleParams):
        chart.title.subtitleFontSize = FONT_PX
    text = {"labelFontSize": FONT_PX, "titleFontSize": FONT_PX}
    return (
        chart.configure_axis(**text)
        .configure_legend(**text)
        .configure_title(fontSize=TITLE_PX, subtitleFontSize=FONT_PX)
    )


def norm_chart(
    curves: Mapping[str, np.ndarray],
    colors: Sequence[str],
    *,
    title: str,
    x_title: str,
    y_title: str,
    dashed: Sequence[str] = (),
    lang: str = "en",
) -> alt.LayerChart:
    """Norms (each (T,), index t) against the time step on a log axis, ticks as powers of ten.

    Values below ``gradients.FLOOR`` are drawn at the floor, NaN and inf are left out, and the
    subtitle counts both (``charts.line_chart``, which keeps norms beyond float32 in float64).
    The tooltip gives the exact norm (column "value"; the drawn one is "norm")."""
    length = len(next(iter(curves.values())))
    curves = {name: (np.arange(len(v)), v) for name, v in curves.items()}
    chart = curves_chart(
        curves,
        colors,
        x="t",
        y="norm",
        dashed=dashed,
        title=title,
        x_title=x_title,
        y_title=y_title,
        log_y=True,
        floor=gradients.FLOOR,
        x_domain=(0, length - 1),
        y_format=".3e",
        lang=lang,
    )
    exact = long_frame(curves, "t", "value")["value"]
    chart.data = chart.data.assign(value=exact[np.isfinite(exact)].to_numpy())
    line, points = chart.layer[:2]
    line.encoding.y["axis"]["format"] = "~e"  # 1e-14, not 0.00000000000001
    points.encoding["tooltip"][-1] = alt.Tooltip("value:Q", title=y_title, format=".3e")
    return chart


def reference_line(curves: Curves, name: str, value: float) -> dict:
    """``curves`` plus a constant curve ``name`` at ``value`` across the longest curve's x."""
    longest = max((xs for xs, _ in curves.values()), key=len)
    return {**curves, name: (longest, np.full(len(longest), float(value)))}


# ----------------------------------------------------------------- the charts the page shows


def _titles(title_key: str, y_title: str, lang: str, x_key: str = "gradients.x_time", **fields):
    return {
        "title": translate(title_key, lang, **fields),
        "x_title": translate(x_key, lang),
        "y_title": y_title,
        "lang": lang,
    }


def profile_charts(
    profile: gradients.GradientProfile, lang: str = "en"
) -> tuple[alt.LayerChart, alt.LayerChart]:
    """Part 1: (||dL/dh_t|| of the three networks with the LSTM's ||dL/dc_t|| and the dashed
    rho^k line; ||dh_(T-1)/dh_t||_F of the three networks)."""
    cells = profile.cells
    rho = translate("gradients.series_rho", lang)
    curves = {
        translate("gradients.series_rnn_h", lang): cells["rnn"].dh,
        translate("gradients.series_lstm_h", lang): cells["lstm"].dh,
        translate("gradients.series_lstm_c", lang): cells["lstm"].dc,
        translate("gradients.series_gru_h", lang): cells["gru"].dh,
        rho: profile.rho_line,
    }
    y_title = translate("gradients.y_norm", lang)
    norms = norm_chart(
        curves,
        (RED, LIGHT_BLUE, BLUE, GREEN, GREY),
        dashed=(rho,),
        **_titles("gradients.dh_title", y_title, lang),
    )
    jacobian = {MODEL_NAMES[cell]: cells[cell].jacobian for cell in MODEL_NAMES}
    jacobian_chart = norm_chart(
        jacobian, list(MODEL_COLORS.values()), **_titles("gradients.jacobian_title", y_title, lang)
    )
    return norms, jacobian_chart


def accuracy_chart(
    runs: dict[str, gradients.TrainOutcome], total_steps: int, lang: str = "en"
) -> alt.LayerChart:
    """Part 2: held-out accuracy (%) of each network against the training step, on a fixed
    0-100 % axis, with chance level dashed."""
    curves = {MODEL_NAMES[cell]: c for cell, c in gradients.accuracy_curves(runs).items()}
    chance = translate("gradients.chance", lang)
    curves = reference_line(curves, chance, gradients.CHANCE_PERCENT)
    return curves_chart(
        curves,
        [MODEL_COLORS[cell] for cell in runs] + [GREY],
        x="step",
        y="accuracy",
        x_domain=(0, total_steps),
        y_domain=(0, 100),
        y_format=".1f",
        dashed=(chance,),
        **_titles(
            "gradients.accuracy_title", translate("gradients.y_accuracy", lang), lang, "common.step"
        ),
    )


def training_heatmaps(
    runs: dict[str, gradients.TrainOutcome], lang: str = "en", step: int | None = None
) -> dict[str, alt.Chart]:
    """Part 2: {cell: heatmap of ||dL/dh_t|| recorded during training} (time step t along x,
    training step along y, from the first at the top), on one log colour scale whose legend
    only the last heatmap shows; ``step`` frames the row nearest to that training step. Runs
    that recorded nothing are left out."""
    maps = {cell: gradients.training_heatmap(out.history.dh_norms) for cell, out in runs.items()}
    maps = {cell: m for cell, m in maps.items() if m[0].size}
    domain = gradients.log_domain([grid for grid, _ in maps.values()])
    y_title = translate("gradients.y_training_step", lang)
    heatmaps = {}
    for k, (cell, (grid, steps)) in enumerate(maps.items()):
        titles = _titles("gradients.heatmap_title", y_title, lang, model=MODEL_NAMES[cell])
        last = k == len(maps) - 1
        row = None if step is None else gradients.heatmap_row(runs[cell].history.dh_norms, step)
        heatmaps[cell] = gradient_heatmap(
            grid,
            steps,
            domain=domain,
            legend=last,
            value_title="‖∂L/∂h_t‖",
            marker=None if row is None else (row, translate("gradients.shown_step", lang)),
            **titles,
        )
    return heatmaps


def exploding_charts(
    runs: dict[str, gradients.TrainOutcome], clip_norm: float, total_steps: int, lang: str = "en"
) -> tuple[alt.LayerChart, alt.LayerChart]:
    """Part 3: (training loss, ||g|| before clipping with the threshold tau dashed), both on a
    log axis, the unclipped run red and the clipped run blue."""
    names = {
        "unclipped": translate("gradients.series_unclipped", lang),
        "clipped": translate("gradients.series_clipped", lang, clip=f"{clip_norm:.3g}"),
    }
    colors = [{"unclipped": RED, "clipped": BLUE}[name] for name in runs]
    loss = {names[k]: c for k, c in gradients.run_curves(runs, "loss").items()}
    loss_chart = curves_chart(
        loss,
        colors,
        x="step",
        y="loss",
        x_domain=(0, total_steps),
        log_y=True,
        dots=True,
        **_titles(
            "gradients.exploding_loss_title", translate("common.loss", lang), lang, "common.step"
        ),
    )
    threshold = translate("gradients.series_threshold", lang)
    norms = {names[k]: c for k, c in gradients.run_curves(runs, "grad_norm").items()}
    norm_chart_ = curves_chart(
        reference_line(norms, threshold, clip_norm),
        [*colors, GREY],
        x="step",
        y="norm",
        x_domain=(0, total_steps),
        log_y=True,
        dots=True,
        dashed=(threshold,),
        **_titles("gradients.exploding_norm_title", "‖g‖", lang, "common.step"),
    )
    return loss_chart, norm_chart_


def gradient_heatmap(
    grid: np.ndarray,
    steps: np.ndarray,
    *,
    domain: tuple[float, float] | None,
    legend: bool,
    title: str,
    x_title: str,
    y_title: str,
    value_title: str,
    marker: tuple[int, str] | None = None,
    lang: str = "en",
) -> alt.Chart | alt.LayerChart:
    """||dL/dh_t|| recorded during training: (R, T) ``grid``, time step t along x, the training
    step ``steps[r]`` (1-based) along y, colour on a log scale fixed to ``domain`` so several
    heatmaps compare; ``legend=False`` leaves the colour legend to a neighbour. ``marker`` =
    (row, tooltip title) frames that row (the training step shown): the heatmap becomes the
    first layer of a layered chart that carries its title and size."""
    chart = charts.heatmap(
        grid,
        None,
        [str(s) for s in steps],
        title=title,
        x_title=x_title,
        y_title=y_title,
        value_title=value_title,
        scheme="viridis",
        domain=domain,
        log_scale=True,
        floor=gradients.FLOOR,
        value_format=".3e",
        lang=lang,
    )
    # Ticks as powers of ten (1e-6, not 0.000001), like the norm charts' axes.
    chart.encoding.color.legend = alt.Legend(format="~e") if legend else None
    if marker is not None:
        row, tip = marker
        frame = (
            alt.Chart(pd.DataFrame({"row": [row], "step": [int(steps[row])]}))
            .mark_rect(fill=None, stroke=MARKER, strokeWidth=3)
            .encode(y="row:O", tooltip=[alt.Tooltip("step:Q", title=tip)])
        )
        sizes = {p: chart[p] for p in ("title", "height", "width", "autosize")}
        for p in sizes:
            chart[p] = alt.Undefined
        chart = alt.layer(chart, frame).properties(**sizes)
    return charts.ship(readable(chart))


def memory_loss_chart(
    runs: dict[str, gradients.TrainOutcome], total_steps: int, step: int, lang: str = "en"
) -> alt.LayerChart:
    """Part 2: each network's mini-batch loss against the training step, with a rule at the
    training ``step`` shown (the heatmaps' framed row, the curve below)."""
    curves = {MODEL_NAMES[cell]: c for cell, c in gradients.run_curves(runs, "loss").items()}
    return curves_chart(
        curves,
        [MODEL_COLORS[cell] for cell in runs],
        x="step",
        y="loss",
        x_domain=(0, total_steps),
        marker=(step, translate("gradients.shown_step", lang)),
        **_titles("gradients.loss_title", translate("common.loss", lang), lang, "common.step"),
    )


def step_profile_chart(views: dict[str, gradients.StepView], lang: str = "en") -> alt.LayerChart:
    """Part 2: ||dL/dh_t|| against t at one training step, one curve per network that reached
    it (the heatmaps' framed row, drawn as curves)."""
    step = next(iter(views.values())).step
    curves = {MODEL_NAMES[cell]: view.dh for cell, view in views.items()}
    return norm_chart(
        curves,
        [MODEL_COLORS[cell] for cell in views],
        **_titles(
            "gradients.step_profile_title", translate("gradients.y_norm", lang), lang, step=step
        ),
    )


def compare_charts(
    current: dict[str, gradients.TrainOutcome],
    pinned: dict[str, gradients.TrainOutcome],
    total_steps: int,
    lang: str = "en",
) -> tuple[alt.LayerChart, alt.LayerChart]:
    """Part 2, pin and compare: (held-out accuracy, the share of the gradient that reaches
    t = 0) against the training step, each network in its colour, this run solid and the
    pinned run dashed."""
    runs = {"common.this_run": current, "common.pinned_run": pinned}
    names = {key: translate(key, lang) for key in runs}

    def both(curves_of) -> tuple[dict, list[str], list[str]]:
        curves, colors, dashed = {}, [], []
        for cell in MODEL_NAMES:
            for key, outcomes in runs.items():
                found = curves_of(outcomes)
                if cell in found:
                    name = translate("gradients.series_run", lang, model=MODEL_NAMES[cell],
                                     run=names[key])  # fmt: skip
                    curves[name] = found[cell]
                    colors.append(MODEL_COLORS[cell])
                    if key == "common.pinned_run":
                        dashed.append(name)
        return curves, colors, dashed

    curves, colors, dashed = both(gradients.accuracy_curves)
    accuracy = curves_chart(
        curves,
        colors,
        x="step",
        y="accuracy",
        x_domain=(0, total_steps),
        y_domain=(0, 100),
        y_format=".1f",
        dashed=dashed,
        **_titles(
            "gradients.compare_accuracy_title",
            translate("gradients.y_accuracy", lang),
            lang,
            "common.step",
        ),
    )
    curves, colors, dashed = both(gradients.reach_curves)
    reached = curves_chart(
        curves,
        colors,
        x="step",
        y="reach",
        x_domain=(0, total_steps),
        log_y=True,
        floor=gradients.FLOOR,
        y_format=".3e",
        dashed=dashed,
        **_titles(
            "gradients.compare_reach_title",
            translate("gradients.y_reach", lang),
            lang,
            "common.step",
        ),  # fmt: skip
    )
    reached.layer[0].encoding.y["axis"]["format"] = "~e"  # 1e-5, not 0.00001
    return accuracy, reached
