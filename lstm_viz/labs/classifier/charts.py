"""Altair charts of the sound classifier page (pages/5_Sound_classifier.py).

Pure functions, ``lstm_viz.labs.classifier.compute`` records and a language in,
``alt.LayerChart`` out, no Streamlit: tests/test_classifier_charts.py reads their ``to_dict()``.
Every name and axis title comes from the catalogue (lstm_viz/labs/classifier/strings.py); every
tooltip gives the exact value.

- ``accuracy_chart``: our held-out accuracy beside the textbook's for one window (grouped bars,
  ± one standard error in the tooltip), a dashed chance line at 10 %.
- ``confusion_chart``: rows the true class, columns the predicted one; colour the share of the row
  (an empty cell is white), text the count.
- ``loss_chart``: training loss per step, one line per trained cell. A cell
  keeps its colour on every chart and in either language (RNN red, LSTM blue, LSTM + state purple,
  GRU green, as on the gradients page; the 10 ms window a lighter shade of the 100 ms one).
- ``probability_chart``: one bar per class, the true class (when known) in green.

Charts are shipped as ``charts.ship`` ships them: drawn on a canvas and serialised without
Altair's JSON-schema check (Streamlit calls ``to_dict()`` on every rerun, and the check was 40 % of
this page's script time: 0.16 of 0.39 s, measured with cProfile); the tests check every spec
against the Vega-Lite schema instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from lstm_viz.labs.classifier import compute as sl
from lstm_viz.labs.classifier.text import Cell, cell_name, class_names, model_name, pct
from lstm_viz.ui import charts
from lstm_viz.ui.text import translate

HEIGHT = 300  # px: bars and probabilities
CONFUSION_HEIGHT = 420  # px: ten rows of readable labels
LOSS_HEIGHT = 380  # px: beside the confusion matrix
OURS, TEXTBOOK, CHANCE = "#1f77b4", "#b0b0b0", "#d62728"
PINNED = "#ff7f0e"  # the pinned run's bars: orange beside this run's blue
TRUE_CLASS, OTHER_CLASS = "#2ca02c", "#1f77b4"
EMPTY, FULL = "#ffffff", "#08519c"  # a confusion cell with 0 % of its row, and with 100 %
# The rate above which a cell's number is white: on the lab ramp from EMPTY to FULL, white and
# black text both reach a contrast of 4.5 there (white 4.3 at 75 %, black 4.3 at 80 %).
WHITE_TEXT_ABOVE = 77.5
DASH = [6, 4]  # px on, px off: the chance line
LIGHT = {"rnn": "#ff9896", "lstm": "#6baed6", "lstm_state": "#b294c7", "gru": "#8fd175"}
CELL_COLORS = {  # model -> (100 ms, 10 ms): the model's colour on every page, and a light one
    kind: (charts.MODEL_COLORS[kind], LIGHT[kind]) for kind in sl.MODEL_KINDS
}


FONT_PX = 14  # axis, legend and title text: readable from the back of a classroom


def _ship(chart):
    """``charts.ship`` with every label, title and legend at ``FONT_PX`` or more."""
    chart = chart.configure_axis(labelFontSize=FONT_PX, titleFontSize=FONT_PX)
    chart = chart.configure_legend(labelFontSize=FONT_PX, titleFontSize=FONT_PX)
    return charts.ship(chart.configure_title(fontSize=FONT_PX + 2))


def cell_color(cell: Cell) -> str:
    """The colour of a trained (window, model) cell on every loss chart."""
    dark, light = CELL_COLORS[cell[1]]
    return dark if cell[0] == 100.0 else light


def _cell_scale(cells: Sequence[Cell], lang: str) -> dict:
    """``line_chart``'s colour arguments for these cells, in the textbook table's order."""
    order = sorted(
        set(cells), key=lambda c: (sl.WINDOWS_MS.index(c[0]), sl.MODEL_KINDS.index(c[1]))
    )
    return {
        "color_domain": [cell_name(c, lang) for c in order],
        "color_range": [cell_color(c) for c in order],
        "legend_orient": "bottom",  # under the plot: the loss charts are narrow
        "legend_columns": 2 if len(order) > 2 else None,
    }


def _loss_frame(steps, losses, cells: Sequence[Cell], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"step": steps, "loss": losses, "model": [cell_name(c, lang) for c in cells]}
    )


def _paired_bars(
    data: pd.DataFrame,
    field: str,
    title: str,
    colours: Mapping[str, str],
    model_title: str,
    order: Sequence[str],
    lang: str,
) -> alt.Chart:
    """Accuracy bars per model, side by side for each value of ``field`` (in ``colours``'
    order and colours), with each bar's standard error in its tooltip."""
    y_title = translate("classifier.accuracy_axis", lang)
    names = list(colours)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("model:N", title=model_title, sort=list(order), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset(f"{field}:N", sort=names),
            y=alt.Y(
                "accuracy:Q",
                title=y_title,
                scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(**charts.Y_TITLE),
            ),
            color=alt.Color(
                f"{field}:N",
                title=title,
                sort=names,
                scale=alt.Scale(domain=names, range=list(colours.values())),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("model:N", title=model_title),
                alt.Tooltip(f"{field}:N", title=title),
                alt.Tooltip("accuracy:Q", title=y_title, format=".1f"),
                alt.Tooltip(
                    "se:Q", title=translate("classifier.standard_error", lang), format=".1f"
                ),
            ],
        )
    )


def accuracy_chart(runs: Mapping[Cell, sl.SoundRun], window_ms: float, lang: str) -> alt.LayerChart:
    """Our accuracy beside the textbook's for one window (%), with a dashed chance line at 10 %."""
    ours, book = translate("classifier.ours", lang), translate("classifier.textbook", lang)
    source = {"ours": ours, "textbook": book}
    bars = sl.comparison_bars(runs, window_ms)
    data = pd.DataFrame(
        {
            "model": [model_name(b.kind, lang) for b in bars],
            "source": [source[b.source] for b in bars],
            "accuracy": [100 * b.accuracy for b in bars],
            "se": [None if b.standard_error is None else 100 * b.standard_error for b in bars],
        }
    )
    order = [model_name(k, lang) for k in sl.MODEL_KINDS]
    model_title, source_title = (
        translate(k, lang) for k in ("classifier.model_axis", "classifier.source")
    )
    columns = _paired_bars(
        data, "source", source_title, {ours: OURS, book: TEXTBOOK}, model_title, order, lang
    )
    chance = (
        alt.Chart(
            pd.DataFrame({"y": [100 * sl.CHANCE], "label": [translate("classifier.chance", lang)]})
        )
        .mark_rule(color=CHANCE, strokeDash=DASH, strokeWidth=2)
        .encode(y="y:Q", tooltip=[alt.Tooltip("label:N", title=source_title)])
    )
    title = translate("classifier.chart_title", lang, window=f"{window_ms:g}")
    return _ship(
        alt.layer(columns, chance).properties(
            title=alt.TitleParams(title, anchor="start"),
            height=HEIGHT,
            width="container",
            autosize=charts.AUTOSIZE,
        )
    )


def confusion_chart(
    run: sl.SoundRun, cell: Cell, lang: str, whose: str | None = None
) -> alt.LayerChart:
    """Rows: true class, columns: predicted; colour: share of the row (%); text: the count.
    ``whose`` ("pinned run") goes into the title when two runs' matrices stand side by side."""
    counts, rates = run.confusion, sl.row_rates(run.confusion)  # (10, 10) each
    names = class_names(lang)
    true, pred = np.meshgrid(np.arange(sl.N_CLASSES), np.arange(sl.N_CLASSES), indexing="ij")
    data = pd.DataFrame(
        {
            "true": np.asarray(names)[true.ravel()],
            "pred": np.asarray(names)[pred.ravel()],
            "count": counts.ravel(),
            "rate": 100 * rates.ravel(),
        }
    )
    t_true, t_pred, rate_title = (
        translate(k, lang)
        for k in ("classifier.true_class", "classifier.predicted_class", "classifier.row_rate")
    )
    base = alt.Chart(data).encode(
        x=alt.X(
            "pred:N",
            title=t_pred,
            sort=names,
            axis=alt.Axis(labelAngle=-35, labelOverlap=False, labelLimit=140),
        ),
        y=alt.Y("true:N", title=t_true, sort=names, axis=alt.Axis(**charts.Y_TITLE)),
        tooltip=[
            alt.Tooltip("true:N", title=t_true),
            alt.Tooltip("pred:N", title=t_pred),
            alt.Tooltip("count:Q", title=translate("classifier.count", lang)),
            alt.Tooltip("rate:Q", title=rate_title, format=".1f"),
        ],
    )
    # 0 clips: white. Vega's default "hcl" interpolation gives white no hue and keeps the blue's
    # chroma all the way, so 0 % was drawn light cyan (217, 255, 255); "lab" starts at white.
    scale = alt.Scale(domain=[0, 100], range=[EMPTY, FULL], interpolate="lab")
    legend = alt.Legend(orient="bottom", gradientLength=240)
    cells = base.mark_rect().encode(
        color=alt.Color("rate:Q", title=rate_title, scale=scale, legend=legend)
    )
    text = base.mark_text(fontSize=15).encode(
        text=alt.Text("count:Q"),
        color=alt.when(alt.datum.rate > WHITE_TEXT_ABOVE)
        .then(alt.value("white"))
        .otherwise(alt.value("black")),
    )
    names = {"model": cell_name(cell, lang), "acc": pct(run.accuracy)}
    if whose is None:
        title = translate("classifier.confusion_title", lang, **names)
    else:
        title = translate("classifier.confusion_title_whose", lang, whose=whose, **names)
    return _ship(
        alt.layer(cells, text).properties(
            title=alt.TitleParams(title, anchor="start"),
            height=CONFUSION_HEIGHT,
            width="container",
            autosize=charts.AUTOSIZE,
        )
    )


def compare_accuracy_chart(
    current: Mapping[Cell, sl.SoundRun], pinned: Mapping[Cell, sl.SoundRun], lang: str
) -> alt.LayerChart:
    """Held-out accuracy (%) of each model both runs trained, this run's bar beside the pinned
    run's (± one standard error in the tooltip), a dashed chance line at 10 %."""
    this, other = translate("common.this_run", lang), translate("common.pinned_run", lang)
    cells = [
        c
        for c in sorted(
            current, key=lambda c: (sl.WINDOWS_MS.index(c[0]), sl.MODEL_KINDS.index(c[1]))
        )
        if c in pinned
    ]
    rows = [
        (cell_name(c, lang), name, 100 * runs[c].accuracy, 100 * runs[c].standard_error)
        for c in cells
        for name, runs in ((this, current), (other, pinned))
    ]
    data = pd.DataFrame(rows, columns=["model", "run", "accuracy", "se"])
    model_title, run_title = (
        translate(k, lang) for k in ("classifier.model_axis", "classifier.run_axis")
    )
    order = [cell_name(c, lang) for c in cells]
    bars = _paired_bars(
        data, "run", run_title, {this: OURS, other: PINNED}, model_title, order, lang
    )
    chance = (
        alt.Chart(pd.DataFrame({"y": [100 * sl.CHANCE]}))
        .mark_rule(color=CHANCE, strokeDash=DASH, strokeWidth=2)
        .encode(y="y:Q")
    )
    title = translate("classifier.compare_bars_title", lang)
    return _ship(
        alt.layer(bars, chance).properties(
            title=alt.TitleParams(title, anchor="start"),
            height=HEIGHT,
            width="container",
            autosize=charts.AUTOSIZE,
        )
    )


def loss_chart(runs: Mapping[Cell, sl.SoundRun], lang: str) -> alt.LayerChart:
    """Every trained cell's training loss against the step, one colour per cell."""
    cells = [c for c, r in runs.items() for _ in range(r.loss.size)]  # one per point
    frame = _loss_frame(
        np.concatenate([np.arange(1, r.loss.size + 1) for r in runs.values()]),
        np.concatenate([r.loss for r in runs.values()]),
        cells,
        lang,
    )
    return _ship(
        charts.line_chart(
            frame,
            "step",
            "loss",
            "model",
            title=translate("classifier.loss_title", lang),
            x_title=translate("common.step", lang),
            y_title=translate("classifier.loss_axis", lang),
            color_title=translate("classifier.model_axis", lang),
            height=LOSS_HEIGHT,
            lang=lang,
            **_cell_scale(list(runs), lang),
        )
    )


def probability_chart(
    probs: np.ndarray, name: str, lang: str, true: int | None = None
) -> alt.LayerChart:
    """One bar per class (its probability in %); the true class, when known, in green."""
    names = class_names(lang)
    is_true, is_other = (translate(k, lang) for k in ("classifier.is_true", "classifier.is_other"))
    data = pd.DataFrame(
        {
            "class": names,
            "p": 100 * np.asarray(probs, dtype=np.float64),
            "kind": [is_true if k == true else is_other for k in range(sl.N_CLASSES)],
        }
    )
    p_title, class_title = (
        translate(k, lang) for k in ("classifier.probability", "classifier.class_axis")
    )
    legend = alt.Legend(orient="bottom") if true is not None else None
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("class:N", title=class_title, sort=names, axis=alt.Axis(**charts.Y_TITLE)),
            x=alt.X("p:Q", title=p_title, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "kind:N",
                title=translate("classifier.bar_kind", lang),
                scale=alt.Scale(domain=[is_true, is_other], range=[TRUE_CLASS, OTHER_CLASS]),
                legend=legend,
            ),
            tooltip=[
                alt.Tooltip("class:N", title=class_title),
                alt.Tooltip("p:Q", title=p_title, format=".2f"),
            ],
        )
    )
    title = translate("classifier.probs_title", lang, name=name)
    return _ship(
        alt.layer(bars).properties(
            title=alt.TitleParams(title, anchor="start"),
            height=HEIGHT,
            width="container",
            autosize=charts.AUTOSIZE,
        )
    )
