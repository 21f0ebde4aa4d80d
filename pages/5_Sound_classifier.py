"""Sound classifier: the textbook's experiment, RNN vs LSTM vs LSTM + state (and GRU), 10 ms vs
100 ms windows, on synthetic urban sounds (PRODUCT.md, page 6).

Numbers come from lstm_viz.labs.classifier.compute (tests/test_sound_lab.py), sentences and
tables from lstm_viz.labs.classifier.text, charts from lstm_viz.labs.classifier.charts; this file
lays them out.
Each (settings, window, model) training is stored in the shell's result cache on its own, so the
textbook table reuses a run already trained, and a view change or a language switch never retrains.
"""

import time
from functools import partial

import streamlit as st

from lstm_viz.audio import SAMPLE_RATE
from lstm_viz.audio.dataset import SoundDataset, SoundDatasetConfig, build_sound_dataset
from lstm_viz.audio.io import encode_wav
from lstm_viz.labs.classifier import charts as CC
from lstm_viz.labs.classifier import compute as sl
from lstm_viz.labs.classifier import text as CT
from lstm_viz.nn.train import StepReport
from lstm_viz.ui import controls, shell, uploads
from lstm_viz.ui.i18n import t

CACHE = "classifier/run"  # result-cache name of one trained (settings, window, model)
LAST = "_c_last"  # session state: the (config, cells) shown last
MODEL_KEYS = {
    "rnn": "classifier_rnn",
    "lstm": "classifier_lstm",
    "lstm_state": "classifier_state",
    "gru": "classifier_gru",
}
WINDOW_KEYS = {10.0: "classifier_w10", 100.0: "classifier_w100"}
TABLE, QUICK = sl.SoundLabConfig(), sl.QUICK  # the textbook table's settings, the default run
STEPS = ("classifier.steps", 20, 1000, QUICK.steps, 10)  # (label, min, max, default, step)
SEED = ("classifier.seed", 0, 9999, 0, 1)
SELECTS = {  # key (URL parameter) -> (label, options, default)
    "classifier_lr": (
        "classifier.lr",
        ("0.001", "0.003", "0.01", "0.03", "0.1", "1", "10"),
        str(TABLE.lr),
    ),
    "classifier_hidden": ("classifier.hidden", ("10", "20", "40"), str(TABLE.hidden_size)),
    "classifier_clips": ("classifier.clips", ("20", "40", "80"), str(QUICK.n_per_class)),
}
HELP = {
    key: f"classifier.{key.removeprefix('classifier_')}_help"
    for key in ("classifier_steps", "classifier_hidden", "classifier_clips", "classifier_seed")
}


def _selection(kinds: tuple[str, ...], windows: tuple[float, ...]) -> dict:
    return {
        **{key: kind in kinds for kind, key in MODEL_KEYS.items()},
        **{key: w in windows for w, key in WINDOW_KEYS.items()},
    }


TABLE_SETTINGS = {
    **_selection(sl.MODEL_KINDS, sl.WINDOWS_MS),
    "classifier_steps": TABLE.steps,
    "classifier_hidden": str(TABLE.hidden_size),
    "classifier_lr": str(TABLE.lr),
    "classifier_clips": str(TABLE.n_per_class),
}
PRESETS = {
    "classifier.preset_table": TABLE_SETTINGS,
    "classifier.preset_quick": {
        **TABLE_SETTINGS,
        **_selection(("lstm",), (100.0,)),
        "classifier_steps": QUICK.steps,
        "classifier_clips": str(QUICK.n_per_class),
    },
    "classifier.preset_rnn_lstm": {**TABLE_SETTINGS, **_selection(("rnn", "lstm"), (10.0,))},
    "classifier.preset_state": {**TABLE_SETTINGS, **_selection(("lstm", "lstm_state"), (100.0,))},
}


def _run_table_clicked() -> None:
    # A callback runs before the script, so the controls below already show the table's settings.
    for key, value in TABLE_SETTINGS.items():
        st.session_state[key] = value


def select(key: str) -> str:
    label_key, options, default = SELECTS[key]
    return controls.select(key, label_key, options, default, help_key=HELP.get(key))


def settings() -> tuple[sl.SoundLabConfig, list[CT.Cell]]:
    """The controls; returns the config and the selected (window, model) cells in table order."""
    st.subheader(t("classifier.settings_heading"))
    models, windows, left, right = st.columns([1, 1, 2, 2])
    models.markdown(f"**{t('classifier.models')}**")
    with models:
        on = {
            k: controls.toggle(key, f"classifier.model_{k}", k == "lstm")
            for k, key in MODEL_KEYS.items()
        }
    windows.markdown(f"**{t('classifier.windows')}**")
    with windows:
        shown = {
            w: controls.toggle(key, f"classifier.window_{w:g}", w == 100.0)
            for w, key in WINDOW_KEYS.items()
        }
    kinds, chosen = [k for k in on if on[k]], [w for w in shown if shown[w]]
    with left:
        steps = controls.slider("classifier_steps", *STEPS, help_key=HELP["classifier_steps"])
        lr = select("classifier_lr")
    with right:
        hidden_column, clips_column = st.columns(2)
        with hidden_column:
            hidden = select("classifier_hidden")
        with clips_column:
            clips = select("classifier_clips")
        seed = controls.number("classifier_seed", *SEED, help_key=HELP["classifier_seed"])
    config = sl.SoundLabConfig(
        n_per_class=int(clips),
        hidden_size=int(hidden),
        steps=int(steps),
        lr=float(lr),
        seed=int(seed),
    )
    return config, [(w, k) for w in chosen for k in kinds]


@st.cache_resource(max_entries=2, show_spinner=False)
def dataset(config: SoundDatasetConfig) -> SoundDataset:
    """A window's clips stay in memory (about 125 MB at 80 per class), read-only and shared by
    every session: a retrain with other steps, rate or size skips the 0.4-0.6 s disk read."""
    return build_sound_dataset(config)


class LiveProgress:
    """One progress bar for every training and a live loss curve per model.

    A chart costs far more than a training step (0.1-0.3 s to build and send, and the browser's
    time to draw it, against 15-20 ms a step). So the bar moves every ``BAR_S`` seconds (cheap),
    and the curve appears only once training has run ``LIVE_AFTER_S`` seconds (the default run,
    about 2.5 s, finishes with the bar alone) and is then redrawn every ``CHART_S`` seconds, or ten
    times its last drawing time if that is longer. (The shell's ``progress`` redraws its chart
    every 0.15 s, which here would spend most of the time drawing.)
    """

    BAR_S, CHART_S, LIVE_AFTER_S = 0.25, 2.0, 3.0

    def __init__(self, total_steps: int, lang: str) -> None:
        self.total_steps, self.lang = total_steps, lang
        self.bar = st.progress(0.0, text=t("common.training_started"))
        self.chart = st.empty()
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.cells: list[CT.Cell] = []
        self.next_bar, self.next_chart = 0.0, time.monotonic() + self.LIVE_AFTER_S

    def update(self, done: int, cell: CT.Cell, text: str, report: StepReport) -> None:
        """Record step ``report`` of ``cell`` (after ``done`` steps of earlier cells)."""
        step, steps, loss = report.step, report.steps, report.loss
        self.steps.append(step)
        self.losses.append(loss)
        self.cells.append(cell)
        now = time.monotonic()
        if now >= self.next_bar:
            progress = t("common.progress", step=step, total=steps, loss=f"{loss:.4g}")
            fraction = min(1.0, (done + step) / self.total_steps)
            self.bar.progress(fraction, text=f"{text} · {progress}")
            self.next_bar = now + self.BAR_S
        if now >= self.next_chart:
            chart = CC.live_loss_chart(self.steps, self.losses, self.cells, steps, self.lang)
            self.chart.altair_chart(chart)
            self.next_chart = time.monotonic() + max(self.CHART_S, 10 * (time.monotonic() - now))

    def close(self) -> None:
        self.bar.empty()
        self.chart.empty()


def train_missing(config: sl.SoundLabConfig, cells: list[CT.Cell], lang: str) -> None:
    """Train every cell not in the result cache yet, under one progress bar."""
    missing = [c for c in cells if shell.lookup(CACHE, (config, *c)) is None]
    if not missing:
        return
    live = LiveProgress(len(missing) * config.steps, lang)
    try:
        for n, cell in enumerate(missing):
            with st.spinner(t("classifier.building_data")):
                data = dataset(config.dataset_config(cell[0]))
            text = CT.training_text(cell, n + 1, len(missing), lang)
            report = partial(live.update, n * config.steps, cell, text)
            train_one = partial(sl.run_sound_model, config, cell[1], cell[0], data, report)
            shell.remember(CACHE, (config, *cell), train_one)
    finally:
        live.close()


def current_runs(config, cells, clicked: bool, lang: str) -> dict[CT.Cell, sl.SoundRun]:
    """The runs of these settings (trained on a click or on the first visit), else the runs shown
    last, with a note that the settings changed."""
    runs = {c: shell.lookup(CACHE, (config, *c)) for c in cells}
    if cells and None in runs.values() and (clicked or LAST not in st.session_state):
        train_missing(config, cells, lang)
        runs = {c: shell.lookup(CACHE, (config, *c)) for c in cells}
    if cells and None not in runs.values():
        st.session_state[LAST] = (config, cells)
        return runs
    if not cells:
        st.info(t("classifier.pick_something"), icon=":material/info:")
    if LAST in st.session_state:
        last_config, last_cells = st.session_state[LAST]
        last = {c: shell.lookup(CACHE, (last_config, *c)) for c in last_cells}
        if None not in last.values():
            if cells:
                st.info(t("classifier.press_train"), icon=":material/info:")
            return last
    return {}


def results(runs: dict[CT.Cell, sl.SoundRun], lang: str) -> tuple[sl.Claim, ...]:
    """Warnings for broken runs, the table, the bars, and the statements checked on both."""
    st.subheader(t("classifier.results_heading"))
    for level, sentence in CT.run_problems(runs, lang):
        if level == "error":
            shell.show_error(sentence)
        else:
            st.warning(sentence, icon=":material/warning:")
    st.table(CT.accuracy_table(runs, lang))
    st.caption(CT.table_caption(runs, lang))
    windows = [w for w in sl.WINDOWS_MS if any(c[0] == w for c in runs)]
    for column, window in zip(st.columns(len(windows)), windows, strict=True):
        column.altair_chart(CC.accuracy_chart(runs, window, lang))
    claims = sl.compare_with_textbook({c: r.accuracy for c, r in runs.items()})
    st.markdown(f"**{t('classifier.claims_heading')}**")
    if not claims:
        st.markdown(t("classifier.claims_none"))
        return claims
    st.markdown("\n".join(f"- {line}" for line in CT.claim_lines(claims, lang)))
    st.markdown(CT.claims_summary(claims, lang))
    return claims


def inspect(runs, lang: str) -> CT.Cell:
    """Pick one trained model; its confusion matrix beside every model's loss curve."""
    st.subheader(t("classifier.inspect_heading"))
    cells = {CT.cell_id(c): c for c in runs}
    default = CT.cell_id((100.0, "lstm")) if (100.0, "lstm") in runs else next(iter(cells))
    options = {i: CT.cell_key(c) for i, c in cells.items()}
    cell = cells[controls.select("classifier_inspect", "classifier.inspect", options, default)]
    left, right = st.columns([3, 2])
    if runs[cell].diverged is None:
        left.altair_chart(CC.confusion_chart(runs[cell], cell, lang))
    else:
        left.warning(t("classifier.model_diverged"), icon=":material/warning:")
    right.altair_chart(CC.loss_chart(runs, lang))
    return cell


def clip_predictions(run: sl.SoundRun, lang: str) -> None:
    """One held-out clip re-synthesised, played and charted; every clip's table on request (its
    grid took 0.5 s of the browser's time on the first view, even folded in an expander)."""
    st.subheader(t("classifier.clips_heading"))
    n = len(run.y_true)
    if st.session_state.get("classifier_clip", 0) > n - 1:  # fewer held-out clips than before
        st.session_state["classifier_clip"] = n - 1
    left, right = st.columns([2, 3])
    with left:
        i = int(controls.number("classifier_clip", "classifier.clip_number", 0, n - 1, 0, 1))
        audio = sl.replay_clip(run, i)
        st.audio(encode_wav(audio), format="audio/wav")
        st.caption(CT.clip_caption(run, i, audio.size, lang))
        table = controls.toggle("classifier_table", "classifier.all_clips")  # off: no grid to draw
    name = f"{t('classifier.col_clip')} {i}"
    right.altair_chart(CC.probability_chart(run.probs[i], name, lang, true=int(run.y_true[i])))
    if table:  # the page's width: every column readable
        st.dataframe(CT.clip_table(run, lang), hide_index=True, height=420)


def your_sound(run: sl.SoundRun | None, cell, lang: str) -> None:
    """Classify a clip the student uploads or records with the inspected model."""
    st.subheader(t("classifier.upload_heading"))
    sources = {"upload": "classifier.source_upload", "record": "classifier.source_record"}
    source = controls.select(
        "classifier_source", "classifier.your_source", sources, "upload", horizontal=True
    )
    if source == "upload":
        file = uploads.audio_uploader(t("classifier.upload"), key="classifier_upload")
    else:
        file = st.audio_input(
            t("classifier.record"), key="classifier_record", sample_rate=SAMPLE_RATE
        )
    if run is None:
        st.info(t("classifier.no_model"), icon=":material/info:")
        return
    if run.diverged is not None:
        st.warning(t("classifier.model_diverged"), icon=":material/warning:")
        return
    if file is None:
        st.info(t("classifier.waiting", model=CT.cell_name(cell, lang)), icon=":material/info:")
        return
    upload = uploads.read_clip(file)  # the one validation; a refusal shows its sentence
    if upload is None:
        return
    clip = upload.clip
    if clip.original_sr != SAMPLE_RATE:
        st.info(CT.resampled(clip.original_sr, lang))
    probs = sl.classify_clip(run, clip.samples)
    st.markdown(CT.your_result(probs, run, cell, clip.duration_s, lang))
    st.altair_chart(CC.probability_chart(probs, t("classifier.your_sound"), lang))


# ---------------------------------------------------------------- the page

lang = shell.page_setup("classifier")
with shell.guard():
    shell.header("classifier.intro")
    st.latex(CT.equations(lang))
    st.caption(t("classifier.equations_caption"))
    controls.preset_picker(PRESETS)
    config, cells = settings()
    train_column, table_column, _ = st.columns([1, 2, 2])
    with train_column:
        clicked = shell.train_button()
    with table_column:
        table_clicked = st.button(
            t("classifier.run_table"),
            help=t("classifier.run_table_help"),
            icon=":material/table_chart:",
            on_click=_run_table_clicked,
            key="_c_run_table",
        )
    runs = current_runs(config, cells, clicked or table_clicked, lang)
    claims, cell, run = (), None, None
    if runs:
        claims = results(runs, lang)
        cell = inspect(runs, lang)
        run = runs[cell]
        if run.diverged is None:
            clip_predictions(run, lang)
    your_sound(run, cell, lang)
    shell.notice_and_try(CT.notice_items(runs, claims, cell, lang), CT.TRY_ITEMS)
controls.share_link()
