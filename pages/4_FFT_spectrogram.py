"""FFT spectrogram: from a waveform to the matrix an LSTM reads (PRODUCT.md, page 5).

Every number comes from ``lstm_viz.labs.fft.compute`` (one cached call per clip and setting),
every chart from ``lstm_viz.labs.fft.charts``, every sentence from ``lstm_viz.labs.fft.text``.
The frame slider and the dB switch do not change the STFT: they live in ``view``, an
``st.fragment``, so moving them reruns only that section (and refreshes the share link).
"""

from dataclasses import replace

import numpy as np
import streamlit as st

from lstm_viz.audio import SAMPLE_RATE, signals, urban
from lstm_viz.labs.fft import charts as sc
from lstm_viz.labs.fft import compute as lab
from lstm_viz.labs.fft import strings as fft_text
from lstm_viz.labs.fft import text
from lstm_viz.ui import controls, export, pinning, shell, uploads
from lstm_viz.ui.i18n import t

SR = SAMPLE_RATE
WINDOW_MS = ("5", "10", "20", "25", "50", "100", "200")
HOP_MS = ("1", "2.5", "5", "10", "20", "50")
N_FFT = {"auto": "fft.n_fft_auto", **{n: None for n in ("256", "512", "1024", "2048", "4096")}}
FMAX_HZ = ("8000", "4000", "2000", "1000")
SOURCES = {
    "urban": "fft.source_urban",
    "signal": "fft.source_signal",
    "upload": "fft.source_upload",
    "record": "fft.source_record",
}
DEFAULT_SOURCE = lab.Source("urban", "siren", 0)
TEXTBOOK = {
    "fft_source": "urban",
    "fft_hop": "10",
    "fft_wfn": "rectangular",
    "fft_nfft": "auto",
    "fft_fmax": "8000",
    "fft_axis": "linear",
    "fft_compare": False,
}
PRESETS = {
    "fft.preset_10ms": {**TEXTBOOK, "fft_window": "10"},
    "fft.preset_100ms": {**TEXTBOOK, "fft_window": "100"},
    "fft.preset_compare": {
        "fft_source": "signal",
        "fft_signal": "two_tones",
        "fft_hop": "10",
        "fft_wfn": "hann",
        "fft_axis": "linear",
        "fft_fmax": "1000",
        "fft_compare": True,
    },
    "fft.preset_mel": {
        "fft_source": "signal",
        "fft_signal": "chirp_log",
        "fft_window": "25",
        "fft_wfn": "hann",
        "fft_axis": "mel",
        "fft_fmax": "8000",
        "fft_compare": False,
    },
}
EQUATIONS = r"""
\begin{aligned}
X[f, k] &= \sum_{m=0}^{L-1} w[m]\, x[kH + m]\, e^{-2\pi i f m / n_{\mathrm{fft}}} \\
K &= 1 + \left\lfloor \frac{N - L}{H} \right\rfloor, \qquad
  \Delta t = \frac{H}{sr}, \qquad \Delta f = \frac{sr}{n_{\mathrm{fft}}} \\
\mathrm{bins} &= \frac{n_{\mathrm{fft}}}{2} + 1, \qquad
  \mathrm{dB} = 20 \log_{10} \frac{|X[f, k]|}{\max |X|} \\
w_{\mathrm{Hann}}[m] &= 0.5 - 0.5 \cos \frac{2\pi m}{L} \\
w_{\mathrm{Hamming}}[m] &= 0.54 - 0.46 \cos \frac{2\pi m}{L} \\
\mathrm{mel}(f) &= 2595 \log_{10}\left(1 + \frac{f}{700}\right)
\end{aligned}
"""


@st.cache_data(max_entries=32, show_spinner=False)
def analysed(source: lab.Source, config: lab.SpectrogramConfig, _samples=None) -> lab.LabRecord:
    """The page's one call into lstm_viz; ``_samples`` (not hashed) only for uploads."""
    samples = lab.builtin_clip(source) if _samples is None else _samples
    return lab.analyse(samples, SR, config)


@st.cache_data(max_entries=16, show_spinner=False)
def matrix_csv(source, config: lab.SpectrogramConfig, what: str, scale: str, _samples=None):
    """The CSV of the spectrogram (in ``scale``) or of the feature matrix drawn for this clip and
    setting (tens of thousands of cells: built once, not on every move of the frame slider)."""
    record = analysed(source, config, _samples=_samples)
    if what == "spectrogram":
        return export.frame_csv(sc.spectrogram_table(record.spectrogram, scale))
    return export.frame_csv(sc.features_table(record))


def file_stem(source: lab.Source) -> str:
    """'fft-urban-siren-seed0', 'fft-upload-1a2b3c4d': which clip a download came from."""
    if source.kind in ("urban", "signal"):
        return f"fft-{source.kind}-{source.name}-seed{source.seed}"
    return f"fft-{source.kind}-{source.name[:8]}"


def choose_source(lang: str) -> tuple[lab.Source, np.ndarray | None, str]:
    """The source controls; returns (cache key, samples for uploads or None, display name)."""
    kind = controls.select("fft_source", "fft.source", SOURCES, "urban", horizontal=True)
    last = st.session_state.get("_s_builtin", DEFAULT_SOURCE)  # the fallback for bad uploads
    if kind in ("urban", "signal"):
        if kind == "urban":
            names = {c: f"fft.class_{c}" for c in urban.CLASSES}
            name = controls.select("fft_class", "fft.class", names, "siren")
        else:
            names = {s: f"fft.signal_{s}" for s in signals.TEACHING_SIGNALS}
            name = controls.select("fft_signal", "fft.signal", names, "two_tones")
        seed = 0  # only the urban clips and the noise depend on a seed
        if kind == "urban" or signals.TEACHING_SIGNALS[name].kind == "white_noise":
            seed = int(controls.number("fft_seed", "fft.seed", 0, 9999, 0, step=1))
        source = lab.Source(kind, name, seed)
        st.session_state["_s_builtin"] = source
        return source, None, text.source_name(source, lang)
    if kind == "upload":
        file = uploads.audio_uploader(t("fft.upload"), key="fft_upload")
    else:
        file = st.audio_input(t("fft.record"), key="fft_record", sample_rate=SR)
    last_name = text.source_name(last, lang)
    if file is None:
        st.info(t("fft.waiting", name=last_name))
        return last, None, last_name
    upload = uploads.read_clip(file)  # the one validation; a refusal shows its sentence
    if upload is None:
        st.info(t("fft.fallback", name=last_name))
        return last, None, last_name
    for notice in text.upload_notices(upload.clip, lang):
        st.info(notice)
    return lab.Source(kind, upload.digest), upload.clip.samples, text.plain(upload.file_name)


def analysis_config() -> tuple[lab.SpectrogramConfig, bool]:
    """The analysis controls, one under the other in the controls column; returns
    (config, compare)."""
    window_ms = controls.select("fft_window", "fft.window_ms", WINDOW_MS, "25")
    hop_ms = controls.select("fft_hop", "fft.hop_ms", HOP_MS, "10")
    n_fft = controls.select("fft_nfft", "fft.n_fft", N_FFT, "auto", help_key="fft.n_fft_help")
    windows = {w: f"fft.window_{w}" for w in lab.WINDOWS}
    window = controls.select("fft_wfn", "fft.window_fn", windows, "hann")
    axes = {a: f"fft.axis_{a}" for a in lab.AXES}
    axis = controls.select("fft_axis", "fft.axis", axes, "linear", horizontal=True)
    fmax = controls.select("fft_fmax", "fft.fmax", FMAX_HZ, "8000")
    compare = controls.toggle("fft_compare", "fft.compare", False)
    config = lab.SpectrogramConfig(
        window_ms=float(window_ms),
        hop_ms=float(hop_ms),
        n_fft=0 if n_fft == "auto" else int(n_fft),
        window=window,
        axis=axis,
        fmax_hz=float(fmax),
    )
    return config, compare


# ---------------------------------------------------------------- sections


def comparison(source, samples, config: lab.SpectrogramConfig, scale: str, time_s: float, lang):
    """10 ms and 100 ms on the same clip: two spectrograms, their numbers, one time's spectra."""
    st.subheader(t("fft.compare_heading"))
    records = {
        w: analysed(source, replace(config, window_ms=w), _samples=samples)
        for w in lab.COMPARE_WINDOWS_MS
    }  # each refused over the budget, as the main analysis
    for column, (window_ms, record) in zip(st.columns(2), records.items(), strict=True):
        with column:
            st.altair_chart(sc.spectrogram_chart(record.spectrogram, scale, lang, marker_s=time_s))
            st.caption(text.compare_caption(window_ms, record.spectrogram.resolution, lang))
    frames = {w: lab.frame_near(record, time_s) for w, record in records.items()}
    rows = records[max(records)].spectrogram.rows
    st.altair_chart(sc.comparison_spectra_chart(frames, rows, scale, time_s, lang))
    for window_ms, frame in frames.items():
        split = lab.tone_split(source, frame)
        if split is not None:  # the two-tones signal: is each window's pair resolved?
            st.markdown(text.tone_split_sentence(window_ms, split, lang))


def frame_section(record: lab.LabRecord, stem: str, lang: str) -> tuple[lab.FrameView, str]:
    """The frame slider and the dB switch, the waveform with the frame shaded, the frame and its
    spectrum; returns (the frame, the scale)."""
    spec, res = record.spectrogram, record.spectrogram.resolution
    n_frames = res.n_frames
    if st.session_state.get("fft_frame", 0) > n_frames - 1:  # a shorter clip or a longer hop
        st.session_state["fft_frame"] = n_frames - 1
    slider, switch = st.columns([2, 1], vertical_alignment="bottom")
    with slider:
        k = controls.slider("fft_frame", "fft.frame", 0, max(1, n_frames - 1), n_frames // 2)
    with switch:
        scale = "db" if controls.toggle("fft_db", "fft.db", True) else "linear"
    frame = lab.frame_view(record.samples, SR, spec.config, min(int(k), n_frames - 1))
    st.caption(text.frame_caption(frame, n_frames, lang))
    st.altair_chart(sc.waveform_chart(record, frame, lang))
    st.altair_chart(sc.frame_chart(frame, SR, lang))  # one under the other: side by side in
    chart = sc.frame_spectrum_chart(frame, spec, scale, lang)  # this column cut titles
    st.altair_chart(chart)
    pinning.csv_button(
        "fft_spectrum_csv",
        export.chart_table(chart),
        f"{stem}-spectrum-frame{frame.index}-{scale}.csv",
        "fft.download_spectrum",
        help_key="common.download_csv_help",
    )
    return frame, scale


VIEW_KEYS = ("fft_db", "fft_frame")  # the controls that only redraw


@st.fragment
def view(record: lab.LabRecord, source, samples, compare: bool, lang: str):
    """Everything drawn from the record and the chosen frame: a dB or frame change reruns only
    this. The spectrogram (the page's main chart) comes first, its frame marker drawn once the
    frame slider below it has been read."""
    controls.redraw(*VIEW_KEYS)  # on a rerun of this fragment alone they are drawn again
    spec = record.spectrogram
    main = st.container(key="fft_main_chart")
    notes = st.container()
    stem = file_stem(source)
    frame, scale = frame_section(record, stem, lang)
    main.altair_chart(sc.spectrogram_chart(spec, scale, lang, marker_s=frame.centre_s))
    with notes:
        for note in text.display_notes(spec, lang):
            st.caption(note)
        pinning.csv_button(
            "fft_spectrogram_csv",
            matrix_csv(source, spec.config, "spectrogram", scale, _samples=samples),
            f"{stem}-spectrogram-{scale}.csv",
            "fft.download_spectrogram",
            help_key="common.download_csv_help",
        )
    if compare:
        try:
            comparison(source, samples, spec.config, scale, frame.centre_s, lang)
        except (lab.ClipShorterThanWindow, lab.SettingOverBudget) as error:
            shell.show_error(fft_text.error_message(error, lang))
    controls.share_link()


def sound_and_numbers(record: lab.LabRecord, source: lab.Source, name: str, lang: str) -> None:
    """The clip as analysed, to play and to download, and the resolution arithmetic of the
    settings."""
    spec = record.spectrogram
    seconds = f"{spec.resolution.duration_s:.2f}"
    st.caption(t("fft.playing", name=name, seconds=seconds, sr=f"{SR:,}"))
    st.audio(record.wav, format="audio/wav")
    # record.wav is export.clip_wav of the samples: 16-bit, at their own level
    pinning.wav_button(
        "fft_wav",
        record.wav,
        f"{file_stem(source)}.wav",
        "fft.download_wav",
        help_key="fft.download_wav_help",
        help_args={"sr": f"{SR:,}"},
    )
    with st.container(border=True):
        st.markdown(f"**{t('fft.res_heading')}**")
        lines = text.resolution_lines(spec.resolution, spec.config.window, lang)
        st.markdown("\n".join(f"- {line}" for line in lines))


# ---------------------------------------------------------------- the page

# On a 1280 x 720 projector the first screen shows the title, the demos, and the controls in a
# narrow column beside the spectrogram; the equations fold away below the demos.
lang = shell.page_setup("fft")
with shell.guard():
    shell.header("fft.intro")
    controls.preset_picker(PRESETS)
    with st.expander(t("fft.equations_heading"), icon=":material/function:"):
        st.latex(EQUATIONS)
        st.caption(t("fft.equations_caption"))
    settings, plots = st.columns([1, 2.2])
    with settings:
        st.subheader(t("fft.source_heading"))
        source, samples, name = choose_source(lang)
        with shell.settings():
            st.subheader(t("fft.settings_heading"))
            config, compare = analysis_config()
        try:
            record = analysed(source, config, _samples=samples)
        except (lab.ClipShorterThanWindow, lab.SettingOverBudget) as error:
            shell.show_error(fft_text.error_message(error, lang))
            record = None
        if record is not None:
            sound_and_numbers(record, source, name, lang)
    if record is not None:
        with plots:  # one column: the spectrogram's and the features' time axes line up
            view(record, source, samples, compare, lang)
            st.altair_chart(sc.features_chart(record, lang))
            for note in text.features_notes(record, lang):
                st.caption(note)
            pinning.csv_button(
                "fft_features_csv",
                matrix_csv(
                    source, record.spectrogram.config, "features", "linear", _samples=samples
                ),
                f"{file_stem(source)}-features.csv",
                "fft.download_features",
                help_key="common.download_csv_help",
            )
    shell.notice_and_try(
        ["fft.notice_1", "fft.notice_2", "fft.notice_3", "fft.notice_4"],
        ["fft.try_1", "fft.try_2", "fft.try_3", "fft.try_4"],
    )
controls.share_link()
