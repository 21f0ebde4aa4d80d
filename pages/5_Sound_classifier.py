"""Sound classifier: the textbook's experiment, RNN vs LSTM vs LSTM + state (and GRU), 10 ms vs
100 ms windows, on synthetic urban sounds (PRODUCT.md, page 6).

Numbers come from lstm_viz.labs.classifier.compute (tests/test_sound_lab.py), sentences and
tables from lstm_viz.labs.classifier.text, charts from lstm_viz.labs.classifier.charts; this file
lays them out. Each (settings, window, model) training is one run (``compute.train_spec``) found
or computed by ``ui.training``, so the textbook table reuses a run already trained, the default
and preset runs are computed before the server starts, and a view change never retrains. The
view-only controls (model to inspect, clip, table) rerun only their section (``st.fragment``).
"""

import streamlit as st

from lstm_viz.audio import SAMPLE_RATE
from lstm_viz.audio import urbansound8k as us8k
from lstm_viz.audio.io import AudioError, encode_wav
from lstm_viz.labs.classifier import charts as CC
from lstm_viz.labs.classifier import compute as sl
from lstm_viz.labs.classifier import text as CT
from lstm_viz.ui import controls, export, pinning, shell, training, uploads
from lstm_viz.ui.i18n import t

MODEL_KEYS = {
    "rnn": "classifier_rnn",
    "lstm": "classifier_lstm",
    "lstm_state": "classifier_state",
    "gru": "classifier_gru",
}
WINDOW_KEYS = {10.0: "classifier_w10", 100.0: "classifier_w100"}
TABLE, QUICK = sl.TABLE, sl.QUICK  # the textbook table's settings, the default run
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
VIEW_KEYS = ("classifier_inspect", "classifier_clip", "classifier_table", "classifier_source")
DATA = {"synthetic": "classifier.data_synthetic", "urbansound8k": "classifier.data_urbansound8k"}


def _widgets(config: sl.SoundLabConfig, cells) -> dict:
    """The controls' values that show ``cells`` trained at ``config`` (a preset)."""
    return {
        **{key: any(c[1] == kind for c in cells) for kind, key in MODEL_KEYS.items()},
        **{key: any(c[0] == w for c in cells) for w, key in WINDOW_KEYS.items()},
        "classifier_steps": config.steps,
        "classifier_hidden": str(config.hidden_size),
        "classifier_lr": str(config.lr),
        "classifier_clips": str(config.n_per_class),
    }


PRESETS = {f"classifier.preset_{name}": _widgets(*sl.PRESETS[name]) for name in sl.PRESETS}


def select(key: str) -> str:
    label_key, options, default = SELECTS[key]
    return controls.select(key, label_key, options, default, help_key=HELP.get(key))


def settings() -> tuple[sl.SoundLabConfig, list[CT.Cell], bool, bool]:
    """The controls and the Train button beside the models (so that it lies on the first screen
    of a 1280 x 720 projector); returns the config, the selected (window, model) cells in table
    order, whether Train was clicked, and whether the real recordings were chosen."""
    models, windows, button = st.columns([5, 3, 2], vertical_alignment="bottom")
    models.markdown(f"**{t('classifier.models')}**")
    # Toggles in a wrapping row take the width of their labels: narrow columns cut them off.
    with models, st.container(horizontal=True, wrap=True):
        on = {
            k: controls.toggle(key, f"classifier.model_{k}", k == "lstm")
            for k, key in MODEL_KEYS.items()
        }
    windows.markdown(f"**{t('classifier.windows')}**")
    with windows, st.container(horizontal=True, wrap=True):
        shown = {
            w: controls.toggle(key, f"classifier.window_{w:g}", w == 100.0)
            for w, key in WINDOW_KEYS.items()
        }
    with button:
        clicked = shell.train_button()
    left, middle, right = shell.settings().columns([4, 4, 3])
    kinds, chosen = [k for k in on if on[k]], [w for w in shown if shown[w]]
    with left:
        steps = controls.slider("classifier_steps", *STEPS, help_key=HELP["classifier_steps"])
        lr = select("classifier_lr")
    with middle:
        hidden_column, clips_column = st.columns(2)
        with hidden_column:
            hidden = select("classifier_hidden")
        with clips_column:
            clips = select("classifier_clips")
        seed = controls.number("classifier_seed", *SEED, help_key=HELP["classifier_seed"])
    with right:
        source = controls.select(
            "classifier_data", "classifier.data", DATA, "synthetic", help_key="classifier.data_help"
        )
        root = ""
        if source == "urbansound8k":
            root = controls.server_path(
                "classifier_data_root",
                "classifier.data_root",
                str(us8k.urbansound8k_root() or ""),
                help_key="classifier.data_root_help",
            )
    config = sl.SoundLabConfig(
        n_per_class=int(clips),
        hidden_size=int(hidden),
        steps=int(steps),
        lr=float(lr),
        seed=int(seed),
        data_root=root,
    )
    return config, [(w, k) for w in chosen for k in kinds], clicked, source == "urbansound8k"


@st.cache_data(max_entries=8, show_spinner=False)
def _count_clips(config: sl.SoundLabConfig, digest: str) -> int:
    return sl.count_clips(config)[0]  # ``digest`` keys the cache: a changed folder counts again


def urbansound8k_folder(config: sl.SoundLabConfig) -> tuple[str, int] | None:
    """The chosen folder's digest and how many of its clips the runs read; or None, after one
    sentence saying what is wrong (no folder typed, no metadata file, a header without a
    needed column)."""
    if not config.data_root:
        st.info(t("classifier.us8k_no_folder"), icon=":material/folder_open:")
        return None
    try:
        digest = us8k.folder_digest(config.data_root)
        return digest, _count_clips(config, digest)
    except (us8k.MetadataNotFound, us8k.MetadataMalformed) as error:
        shell.show_error(CT.urbansound8k_error(error, lang))
        return None


def features(config: sl.SoundLabConfig, windows, folder, compute: bool):
    """Each window's UrbanSound8K features (the ``FeatureSummary`` of the folder): found, or
    computed now with a bar counting clips; None if one is missing (not ``compute``), failed or
    left a split empty (its sentence shown)."""
    summaries = {}
    for window in windows:
        spec = sl.features_spec(config, window, *folder)
        summary = training.find(spec)
        if summary is None and compute:
            summary = training.run(spec, counting="classifier.us8k_features_progress")
        if summary is None:
            return None
        if not summary.usable:
            shell.show_error(CT.no_usable_clips(summary.n_train, summary.n_validation, lang))
            return None
        summaries[window] = summary
    return summaries


def current_runs(
    config, cells, clicked: bool, lang: str, folder=None
) -> dict[CT.Cell, sl.SoundRun]:
    """The runs of these settings: found, or trained now if Train was clicked, if they are the
    default or a preset's (computed once for every student), or if they cost no more than the
    default run; else nothing, and a sentence saying what Train would start. On an UrbanSound8K
    ``folder`` (digest, clips) only Train starts anything: first each window's features."""
    if not cells:
        st.info(t("classifier.pick_something"), icon=":material/info:")
        return {}
    digest = folder[0] if folder else ""
    specs = {c: sl.train_spec(config, c, digest) for c in cells}
    runs = {c: training.find(spec) for c, spec in specs.items()}
    missing = [c for c in cells if runs[c] is None]
    if not missing:
        return runs
    if folder is not None:
        if not clicked:
            st.info(
                t("classifier.us8k_press_train", n=folder[1]),
                icon=":material/info:",
            )
            return {}
        if features(config, sorted({c[0] for c in missing}), folder, compute=True) is None:
            return {}
    shared = sl.shared_runs()
    cost = sl.cost(config, missing)
    auto = folder is None and (all(specs[c] in shared for c in missing) or cost <= sl.AUTO_BUDGET)
    if not (clicked or auto):
        st.info(
            t("classifier.press_train", n=len(missing), cost=f"{cost:.0f}"), icon=":material/info:"
        )
        return {}
    note = st.empty()
    for n, cell in enumerate(missing):
        note.caption(CT.training_text(cell, n + 1, len(missing), lang))
        runs[cell] = training.run(specs[cell])
        if runs[cell] is None:  # failed (one sentence shown) or cancelled by a rerun
            note.empty()
            return {}
    note.empty()
    return runs


def data_sentences(config: sl.SoundLabConfig, runs, folder) -> None:
    """Which recordings the runs read, and the metadata rows skipped (one sentence each)."""
    summaries = features(config, sorted({c[0] for c in runs}), folder, compute=False)
    if not summaries:
        return
    summary = next(iter(summaries.values()))
    st.caption(CT.urbansound8k_data(config, summary, lang))
    skipped = CT.skipped_sentence(summary.skipped, lang)
    if skipped is not None:
        st.info(skipped, icon=":material/rule:")


def download(key: str, label_key: str, chart, file_name: str) -> None:
    """A button that downloads the numbers ``chart`` draws as CSV."""
    pinning.csv_button(
        key, export.chart_table(chart), file_name, label_key, help_key="common.download_csv_help"
    )


def results(config, runs: dict[CT.Cell, sl.SoundRun], lang: str, folder) -> tuple[sl.Claim, ...]:
    """Warnings for broken runs, the table, the bars, and the statements checked on both; the
    run's record to download and the pin."""
    st.subheader(t("classifier.results_heading"))
    if folder is not None:
        data_sentences(config, runs, folder)
    for level, sentence in CT.run_problems(runs, lang):
        if level == "error":
            shell.show_error(sentence)
        else:
            st.warning(sentence, icon=":material/warning:")
    st.table(CT.accuracy_table(runs, lang))
    st.caption(CT.table_caption(runs, lang))
    with st.container(horizontal=True):
        pinning.json_button(
            "classifier_record_json",
            CT.run_record(config, runs),  # serialised only when clicked
            f"classifier-{config.source}-seed{config.seed}-{config.steps}steps.json",
            help_key="classifier.download_record_help",
        )
        pinning.pin_button("classifier", sl.SoundTable(config, dict(runs)))
    windows = [w for w in sl.WINDOWS_MS if any(c[0] == w for c in runs)]
    for column, window in zip(st.columns(len(windows)), windows, strict=True):
        with column:
            chart = CC.accuracy_chart(runs, window, lang)
            st.altair_chart(chart)
            download(
                f"classifier_bars_csv_{window:g}",
                "classifier.download_bars",
                chart,
                f"classifier-accuracy-{window:g}ms.csv",
            )
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
    with left:
        if runs[cell].diverged is None:
            chart = CC.confusion_chart(runs[cell], cell, lang)
            st.altair_chart(chart)
            download(
                "classifier_confusion_csv",
                "classifier.download_confusion",
                chart,
                f"classifier-confusion-{CT.cell_id(cell)}.csv",
            )
        else:
            st.warning(t("classifier.model_diverged"), icon=":material/warning:")
    with right:
        chart = CC.loss_chart(runs, lang)
        st.altair_chart(chart)
        download("classifier_loss_csv", "classifier.download_loss", chart, "classifier-loss.csv")
    return cell


def compare_section(config: sl.SoundLabConfig, runs, cell: CT.Cell, lang: str) -> None:
    """The pinned run's models beside these: the settings that differ, each shared model's
    accuracy (bars), and the inspected model's confusion matrix in both runs."""
    pinned: sl.SoundTable | None = pinning.pinned("classifier")
    if pinned is None or not pinning.compare_heading(CT.compare_parts(pinned.config, config)):
        return
    shared = [c for c in runs if c in pinned.runs]
    if not shared:
        names = ", ".join(CT.cell_name(c, lang) for c in pinned.runs)
        st.info(t("classifier.compare_none", cells=names), icon=":material/info:")
        return
    st.markdown("\n".join(f"- {line}" for line in CT.compare_lines(runs, pinned.runs, lang)))
    chart = CC.compare_accuracy_chart(runs, pinned.runs, lang)
    st.altair_chart(chart)
    download(
        "classifier_compare_csv",
        "classifier.download_bars",
        chart,
        "classifier-accuracy-compare.csv",
    )
    shown = cell if cell in shared else shared[0]
    for column, table, whose in zip(
        st.columns(2), (runs, pinned.runs), ("common.this_run", "common.pinned_run"), strict=True
    ):
        run = table[shown]
        if run.diverged is None:
            column.altair_chart(CC.confusion_chart(run, shown, lang, whose=t(whose)))
        else:
            column.warning(t("classifier.model_diverged"), icon=":material/warning:")


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
        try:
            audio = sl.replay_clip(run, i)
        except (OSError, AudioError):  # an UrbanSound8K file gone since training
            st.info(t("classifier.clip_gone", file=run.clip_files[i]), icon=":material/info:")
        else:
            st.audio(encode_wav(audio), format="audio/wav")
            st.caption(CT.clip_caption(run, i, audio.size, lang))
        table = controls.toggle("classifier_table", "classifier.all_clips")  # off: no grid to draw
    name = f"{t('classifier.col_clip')} {i}"
    with right:
        chart = CC.probability_chart(run.probs[i], name, lang, true=int(run.y_true[i]))
        st.altair_chart(chart)
        download(
            "classifier_probs_csv",
            "classifier.download_probs",
            chart,
            f"classifier-probabilities-clip{i}.csv",
        )
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


@st.fragment
def model_section(config, runs: dict[CT.Cell, sl.SoundRun], claims, lang: str) -> None:
    """Everything below the table: one model up close, its clips, your own sound, what to
    notice. Its controls only change the view, so they rerun this section alone."""
    controls.redraw(*VIEW_KEYS)  # a rerun of this section records them again
    cell, run = None, None
    if runs:
        cell = inspect(runs, lang)
        run = runs[cell]
        compare_section(config, runs, cell, lang)
        if run.diverged is None:
            clip_predictions(run, lang)
    your_sound(run, cell, lang)
    shell.notice_and_try(CT.notice_items(runs, claims, cell, lang), CT.TRY_ITEMS)
    controls.share_link()  # a rerun of this section alone must update the link too


# ---------------------------------------------------------------- the page

lang = shell.page_setup("classifier")
with shell.guard():
    shell.header("classifier.intro")
    with st.expander(t("classifier.equations_heading"), icon=":material/function:"):
        st.latex(CT.equations(lang))
        st.caption(t("classifier.equations_caption"))
    controls.preset_picker(PRESETS)
    config, cells, clicked, real = settings()
    folder = urbansound8k_folder(config) if real else None
    runs = {} if real and folder is None else current_runs(config, cells, clicked, lang, folder)
    claims = results(config, runs, lang, folder) if runs else ()
    model_section(config, runs, claims, lang)
controls.share_link()
