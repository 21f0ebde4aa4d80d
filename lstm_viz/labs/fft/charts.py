"""The FFT spectrogram page's charts: records of ``lstm_viz.labs.fft.compute`` in, Altair out.

Every builder takes ``lang`` and words its titles from the catalogue (``fft.*``), so a test can
build any chart in either language without Streamlit. Facts they keep:
- Time runs along x in seconds for the waveform, the spectrogram and the LSTM's feature matrix,
  the two matrices on the same column edges; frequency is on the page's axis (linear Hz,
  log Hz, or mel positions labelled in Hz), the same for the spectrogram and the frame's spectrum.
- Big matrices are ``raster.raster_chart`` pictures with hover blocks (tens of thousands of
  rect marks took seconds to draw); the subtitle says how many cells a block covers.
- Titles, scales and parameter names do not depend on the frame shown, so moving the frame
  changes only data and the browser updates the charts in place.
- Every chart is shipped with ``charts.ship`` (canvas renderer, no run-time schema check: the
  tests check each spec against the Vega-Lite schema).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from lstm_viz.labs.fft import compute as lab
from lstm_viz.labs.fft.rows import FrequencyRows
from lstm_viz.ui import charts, raster
from lstm_viz.ui.text import translate

HEIGHT = raster.HEIGHT  # px of each plot area: readable on a projector, two charts fit a screen
FREQUENCY_TITLES = {
    "linear": "fft.frequency_hz",
    "log": "fft.frequency_log",
    "mel": "fft.frequency_mel",
}
FRAME_COLOUR = "#ff7f0e"  # the chosen frame on the waveform
FRAME_LINES = ("#9ecae9", "#1f77b4")  # the raw slice light blue, the windowed slice dark blue


def value_title(scale: str, lang: str) -> str:
    """What the colour (or a spectrum's y) shows: |X|, or |X| in dB re the loudest cell."""
    return translate("fft.magnitude_db" if scale == "db" else "fft.magnitude", lang)


def colour_domain(scale: str) -> tuple[float, float] | None:
    """dB (colours, a spectrum's y) runs from the floor to 0 dB; linear follows the data."""
    return (lab.DB_FLOOR, 0.0) if scale == "db" else None


def frequency_axis(rows: FrequencyRows, lang: str) -> raster.RasterAxis:
    """The page's frequency axis (rows' edges in plot units), its tooltips in Hz."""
    return raster.RasterAxis(
        rows.edges,
        translate(FREQUENCY_TITLES[rows.axis], lang),
        kind=rows.axis,
        extent=rows.extent,
        tooltip_title=translate("fft.frequency_hz", lang),
    )


def time_axis(column_edges_s: np.ndarray, lang: str) -> raster.RasterAxis:
    return raster.RasterAxis(column_edges_s, translate("fft.time_s", lang), tooltip_format=".3f")


def _raster(
    values: np.ndarray,
    column_edges_s: np.ndarray,
    rows: FrequencyRows,
    lang: str,
    *,
    title: str,
    value_title: str,
    domain: tuple[float, float] | None = None,
    marker_s: float | None = None,
) -> alt.LayerChart:
    g_f, g_t = raster.block_shape(values.shape)
    subtitle = translate("fft.hover_blocks", lang, g_t=g_t, g_f=g_f) if g_f * g_t > 1 else " "
    return raster.raster_chart(
        values,
        time_axis(column_edges_s, lang),
        frequency_axis(rows, lang),
        title=title,
        subtitle=subtitle,
        value_title=value_title,
        block_value_title=translate("fft.block_max", lang, title=value_title),
        domain=domain,
        marker_x=marker_s,
    )


def spectrogram_title(config: lab.SpectrogramConfig, lang: str, window_ms: float | None = None):
    """'Spectrogram: 25 ms Hann window, hop 10 ms' (``window_ms`` overrides the config's)."""
    return translate(
        "fft.spectrogram_title",
        lang,
        window=f"{config.window_ms if window_ms is None else window_ms:g}",
        wfn=translate(f"fft.window_{config.window}", lang),
        hop=f"{config.hop_ms:g}",
    )


def spectrogram_chart(
    spec: lab.Spectrogram, scale: str, lang: str, *, marker_s: float | None = None
) -> alt.LayerChart:
    """The spectrogram: time (s) along x, frequency on the page's axis, colour |X| or dB."""
    return _raster(
        lab.scaled(spec.values, scale, spec.ref),
        spec.column_edges_s,
        spec.rows,
        lang,
        title=spectrogram_title(spec.config, lang),
        value_title=value_title(scale, lang),
        domain=colour_domain(scale),
        marker_s=marker_s,
    )


def matrix_table(
    values: np.ndarray, column_edges_s: np.ndarray, rows: FrequencyRows, value_name: str
) -> pd.DataFrame:
    """The cells a raster chart draws, one row per cell (row-major: the lowest frequency row
    first): its time span (s), its frequency row (centre in Hz, edges in plot units: Hz, or mel
    on a mel axis) and its value. What the page offers as CSV beside the picture."""
    n_rows, n_cols = values.shape  # (R, C)
    r, c = np.meshgrid(np.arange(n_rows), np.arange(n_cols), indexing="ij")  # (R, C) each
    r, c = r.ravel(), c.ravel()
    unit = "mel" if rows.axis == "mel" else "hz"
    return pd.DataFrame(
        {
            "time_start_s": column_edges_s[c],
            "time_end_s": column_edges_s[c + 1],
            "frequency_hz": rows.centers_hz[r],
            f"row_low_{unit}": rows.edges[r],
            f"row_high_{unit}": rows.edges[r + 1],
            value_name: values.ravel(),
        }
    )


def spectrogram_table(spec: lab.Spectrogram, scale: str) -> pd.DataFrame:
    """``spectrogram_chart``'s cells: |X| or dB re the loudest cell, as drawn."""
    values = lab.scaled(spec.values, scale, spec.ref)  # (R, C)
    name = "magnitude_db" if scale == "db" else "magnitude"
    return matrix_table(values, spec.column_edges_s, spec.rows, name)


def features_table(record: lab.LabRecord) -> pd.DataFrame:
    """``features_chart``'s cells: each drawn row of frames, each band, log(1 + band mean)."""
    view = record.features
    return matrix_table(
        view.values.T, record.spectrogram.column_edges_s, view.rows, "feature"
    )  # (bands, C)


def features_chart(record: lab.LabRecord, lang: str) -> alt.LayerChart:
    """The (K, 100) matrix the classifier reads, bands up, time along x as the spectrogram."""
    view = record.features
    frames, bands = view.shape
    return _raster(
        view.values.T,  # (bands, C)
        record.spectrogram.column_edges_s,
        view.rows,
        lang,
        title=translate("fft.features_title", lang, frames=frames, bands=bands),
        value_title=translate("fft.feature_value", lang),
    )


def waveform_chart(record: lab.LabRecord, frame: lab.FrameView, lang: str) -> alt.LayerChart:
    """The clip's min/max envelope, with the frame shaded (outlined, so a 5 ms frame shows)."""
    env, duration_s = record.envelope, record.spectrogram.resolution.duration_s
    time_title = translate("fft.time_s", lang)
    data = pd.DataFrame({"time": env.times_s, "low": env.low, "high": env.high})
    x = alt.X("time:Q", title=time_title, scale=alt.Scale(domain=[0, duration_s], nice=False))
    wave = (
        alt.Chart(data)
        .mark_area(opacity=0.85)
        .encode(
            x=x,
            y=alt.Y(
                "low:Q", title=translate("fft.amplitude", lang), axis=alt.Axis(**charts.Y_TITLE)
            ),
            y2=alt.Y2("high"),
            tooltip=[
                alt.Tooltip("time:Q", title=time_title, format=".4f"),
                alt.Tooltip("low:Q", format=".4f"),
                alt.Tooltip("high:Q", format=".4f"),
            ],
        )
    )
    shade = (
        alt.Chart(pd.DataFrame({"start": [frame.start_s], "end": [frame.end_s]}))
        .mark_rect(color=FRAME_COLOUR, opacity=0.35, stroke=FRAME_COLOUR, strokeWidth=2)
        .encode(
            x=alt.X("start:Q"),
            x2=alt.X2("end"),
            tooltip=[
                alt.Tooltip("start:Q", title=time_title, format=".4f"),
                alt.Tooltip("end:Q", title=time_title, format=".4f"),
            ],
        )
    )
    title = translate("fft.waveform_title", lang)  # fixed: a new frame updates data in place
    chart = alt.layer(wave, shade).properties(
        title=alt.TitleParams(title, anchor="start"),
        height=HEIGHT // 2,
        width="container",
        autosize=charts.AUTOSIZE,
    )
    return charts.ship(chart)


def frame_chart(frame: lab.FrameView, sr: int, lang: str) -> alt.LayerChart:
    """The frame's slice x[kH + m] and the windowed slice w[m] x[kH + m] against m in ms."""
    times_ms = 1000 * np.arange(frame.samples.shape[0]) / sr  # (L,)
    names = [translate("fft.raw", lang), translate("fft.windowed", lang)]
    data = pd.DataFrame(
        {
            "t": np.tile(times_ms, 2),
            "x": np.concatenate([frame.samples, frame.windowed]),
            "series": np.repeat(names, len(times_ms)),
        }
    )
    chart = charts.line_chart(
        data,
        "t",
        "x",
        "series",
        title=translate("fft.frame_title", lang),
        x_title=translate("fft.time_ms", lang),
        y_title=translate("fft.amplitude", lang),
        color_title=translate("fft.series", lang),
        x_domain=(0.0, float(times_ms[-1])),  # the frame's own span: no rounded-up empty tail
        color_domain=names,  # the slice light, the windowed slice dark, in either language
        color_range=FRAME_LINES,
        legend_orient="bottom",  # a half-width plot keeps its width
        height=HEIGHT,
        lang=lang,
    )
    return charts.ship(chart)


def spectrum_chart(
    series: Sequence[tuple[str, lab.FrameView, np.ndarray]],
    rows: FrequencyRows,
    lang: str,
    *,
    title: str,
    y_title: str,
    y_domain: tuple[float, float] | None = None,
) -> alt.LayerChart:
    """Values against frequency on the page's axis: one line per (label, frame, values).

    ``y_domain`` fixes the y axis (dB: the floor to 0 dB, so nothing is drawn above the peak).
    """
    data = pd.DataFrame(
        {
            "x": np.concatenate([view.positions for _, view, _ in series]),
            "hz": np.concatenate([view.freqs_hz for _, view, _ in series]),
            "value": np.concatenate([values for _, _, values in series]).astype(np.float32),
            "series": np.concatenate([[label] * len(values) for label, _, values in series]),
        }
    )
    axis = frequency_axis(rows, lang)
    x_scale, x_axis = raster.scale_and_axis(axis, vertical=False)
    legend = alt.Legend(orient="top-right") if len(series) > 1 else None  # one line: no legend
    base = alt.Chart(data).encode(
        x=alt.X("x:Q", title=axis.title, scale=x_scale, axis=x_axis),
        y=alt.Y(
            "value:Q",
            title=y_title,
            scale=alt.Scale(domain=list(y_domain)) if y_domain else alt.Undefined,
            axis=alt.Axis(**charts.Y_TITLE),
        ),
        color=alt.Color("series:N", title=None, legend=legend),
    )
    hover = alt.selection_point(
        name="spectrum_hover", nearest=True, on="pointerover", fields=["x"], empty=False
    )
    points = (
        base.mark_point(filled=True, size=50)
        .encode(
            opacity=alt.OpacityValue(0.0, condition=raster.highlight(hover)),
            tooltip=[
                alt.Tooltip("series:N", title=translate("fft.series", lang)),
                alt.Tooltip("hz:Q", title=translate("fft.frequency_hz", lang), format=",.1f"),
                alt.Tooltip("value:Q", title=y_title, format=".4g"),
            ],
        )
        .add_params(hover)
        .properties(name="spectrum_points")  # fixed names: the same spec on every rerun
    )
    chart = alt.layer(base.mark_line(), points).properties(
        title=alt.TitleParams(title, anchor="start"),
        height=HEIGHT,
        width="container",
        autosize=charts.AUTOSIZE,
    )
    return charts.ship(chart)


def frame_spectrum_chart(
    frame: lab.FrameView, spec: lab.Spectrogram, scale: str, lang: str
) -> alt.LayerChart:
    """The frame's spectrum, in the spectrogram's units (dB re the spectrogram's loudest cell)."""
    values = lab.scaled(frame.magnitude, scale, spec.ref)
    return spectrum_chart(
        [(translate("fft.magnitude", lang), frame, values)],
        spec.rows,
        lang,
        title=translate("fft.spectrum_title", lang),
        y_title=value_title(scale, lang),
        y_domain=colour_domain(scale),
    )


def comparison_spectra_chart(
    frames: Mapping[float, lab.FrameView],
    rows: FrequencyRows,
    scale: str,
    time_s: float,
    lang: str,
) -> alt.LayerChart:
    """One line per window (``frames`` keyed by window in ms), each against its own peak."""
    series = [
        (
            translate("fft.window_label", lang, window=f"{window_ms:g}"),
            frame,
            lab.relative_to_peak(frame.magnitude, scale),
        )
        for window_ms, frame in frames.items()
    ]
    return spectrum_chart(
        series,
        rows,
        lang,
        title=translate("fft.compare_spectra_title", lang, time=f"{time_s:.2f}"),
        y_title=translate("fft.relative_db" if scale == "db" else "fft.relative", lang),
        y_domain=colour_domain(scale),
    )
