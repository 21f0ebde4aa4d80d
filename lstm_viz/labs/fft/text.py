"""The FFT spectrogram page's sentences, built from its records: the resolution arithmetic worked
out, how the drawing differs from the matrix, source names, captions and the two-tone verdict.

Pure functions of a record and a language (strings from ``lstm_viz.labs.fft.strings``), so each
sentence the page shows is tested without Streamlit; the page only places them.
"""

from __future__ import annotations

import re

from lstm_viz.audio import signals
from lstm_viz.audio.io import MAX_SECONDS, DecodedAudio
from lstm_viz.audio.spectral import Resolution
from lstm_viz.labs.fft.compute import (
    DB_FLOOR,
    RESOLVING_FACTOR,
    FrameView,
    LabRecord,
    Source,
    Spectrogram,
    ToneSplit,
)
from lstm_viz.ui.text import translate


def resolution_lines(res: Resolution, window: str, lang: str) -> list[str]:
    """The resolution arithmetic beside the spectrogram, one line per number, worked out.

    The resolving gap is the ``window`` function's: RESOLVING_FACTOR[window] x sr / L.
    """
    factor = RESOLVING_FACTOR[window]
    return [
        translate("fft.res_dt", lang, hop=res.hop_samples, sr=res.sr, dt=f"{1000 * res.dt_s:g}"),
        translate("fft.res_df", lang, sr=res.sr, n_fft=res.n_fft, df=f"{res.df_hz:g}"),
        translate(
            "fft.res_window",
            lang,
            sr=res.sr,
            length=res.window_samples,
            wdf=f"{res.window_df_hz:g}",
            wfn=translate(f"fft.window_{window}", lang),
            factor=f"{factor:g}",
            gap=f"{factor * res.window_df_hz:g}",
        ),
        translate(
            "fft.res_frames",
            lang,
            n=res.n_samples,
            length=res.window_samples,
            hop=res.hop_samples,
            frames=res.n_frames,
        ),
        translate("fft.res_bins", lang, bins=res.n_bins, nyquist=f"{res.nyquist_hz:g}"),
    ]


def display_notes(spec: Spectrogram, lang: str) -> list[str]:
    """How the drawing differs from the full matrix: a raised n_fft, pooling, regridded rows."""
    config, rows = spec.config, spec.rows
    notes = []
    if spec.silent:
        notes.append(translate("fft.silent", lang, floor=f"{DB_FLOOR:g}"))
    if spec.n_fft_raised:
        notes.append(
            translate(
                "fft.n_fft_raised",
                lang,
                requested=config.n_fft,
                length=spec.resolution.window_samples,
                n_fft=spec.n_fft,
            )
        )
    how = []
    if spec.frames_per_column > 1:
        how.append(translate("fft.pooled_frames", lang, g=spec.frames_per_column))
    if rows.bins_per_row > 1:
        how.append(translate("fft.pooled_bins", lang, g=rows.bins_per_row))
    if how:
        n_rows, n_cols = spec.values.shape
        notes.append(translate("fft.pooled", lang, columns=n_cols, rows=n_rows, how=", ".join(how)))
    high, n_rows = f"{spec.fmax_shown_hz:g}", len(rows.centers_hz)
    if config.axis == "log":
        notes.append(
            translate("fft.rows_log", lang, rows=n_rows, low=f"{rows.edges[0]:g}", high=high)
        )
    if config.axis == "mel":
        notes.append(translate("fft.rows_mel", lang, rows=n_rows, high=high))
    return notes


def source_name(source: Source, lang: str, file_name: str = "") -> str:
    """'Siren (seed 0)', 'Two tones, 440 + 470 Hz', 'White noise (seed 3)', or the file's name."""
    seed = f" ({translate('fft.seed_suffix', lang, seed=source.seed)})"
    if source.kind == "urban":
        return translate(f"fft.class_{source.name}", lang) + seed
    if source.kind == "signal":
        noise = signals.TEACHING_SIGNALS[source.name].kind == "white_noise"  # seeded
        return translate(f"fft.signal_{source.name}", lang) + (seed if noise else "")
    return file_name


def plain(user_text: str) -> str:
    """User text (a file's name) for a Markdown line, shown as typed: a code span, so no link,
    image, emphasis or HTML in it is rendered. The fence is one backtick longer than the longest
    run of backticks inside (CommonMark), padded with spaces so an edge backtick stays text."""
    user_text = " ".join(user_text.splitlines())  # a code span cannot hold a paragraph break
    longest = max((len(run) for run in re.findall("`+", user_text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {user_text} {fence}"


def upload_notices(clip: DecodedAudio, lang: str) -> list[str]:
    """What happened to an upload on its way in: trimmed to MAX_SECONDS, resampled."""
    notices = []
    if clip.notice and clip.duration_s >= MAX_SECONDS - 1 / clip.sr:  # within a sample of it
        notices.append(translate("fft.notice_trimmed", lang, max_seconds=f"{MAX_SECONDS:g}"))
    if clip.original_sr != clip.sr:
        original, sr = f"{clip.original_sr:,}", f"{clip.sr:,}"
        notices.append(translate("fft.notice_resampled", lang, original_sr=original, sr=sr))
    return notices


def frame_caption(frame: FrameView, n_frames: int, lang: str) -> str:
    """'Frame 98 of 196: samples 15680 … 16079, from 0.980 s to 1.005 s; its spectrum peaks …'"""
    return translate(
        "fft.frame_caption_silent" if frame.silent else "fft.frame_caption",
        lang,
        k=frame.index,
        n=n_frames,
        first=frame.first_sample,
        last=frame.last_sample,
        start=f"{frame.start_s:.3f}",
        end=f"{frame.end_s:.3f}",
        peak=f"{frame.peak_hz:,.1f}",
    )


def compare_caption(window_ms: float, res: Resolution, lang: str) -> str:
    """'10 ms: sr / L = 100 Hz, Δt = 10 ms, 197 frames × 129 bins'"""
    return translate(
        "fft.compare_caption",
        lang,
        window=f"{window_ms:g}",
        wdf=f"{res.window_df_hz:g}",
        dt=f"{1000 * res.dt_s:g}",
        frames=res.n_frames,
        bins=res.n_bins,
    )


def features_notes(record: LabRecord, lang: str) -> list[str]:
    """What the LSTM's matrix is (window, hop, FFT size, bands, shape) and how it is drawn."""
    view, config = record.features, record.spectrogram.config
    frames, bands = view.shape
    notes = [
        translate(
            "fft.features_caption",
            lang,
            window=f"{config.window_ms:g}",
            hop=f"{config.hop_ms:g}",
            n_fft=view.n_fft,
            bands=bands,
            band_hz=f"{view.band_edges_hz[1] - view.band_edges_hz[0]:g}",
            frames=frames,
        )
    ]
    if view.frames_per_row > 1:
        notes.append(translate("fft.pooled_features", lang, g_t=view.frames_per_row))
    return notes


def tone_split_sentence(window_ms: float, split: ToneSplit, lang: str) -> str:
    """'100 ms: the spectrum dips 23.4 dB between 440 Hz and 470 Hz: two peaks, …' or blurred."""
    return translate(
        "fft.dip_resolved" if split.resolved else "fft.dip_blurred",
        lang,
        window=f"{window_ms:g}",
        dip=f"{split.dip_db:.1f}",
        f1=f"{split.f1_hz:g}",
        f2=f"{split.f2_hz:g}",
    )
