"""The vanishing and exploding gradients page: the gradient norm at every time step of untrained
RNN, LSTM and GRU; a memory task only the LSTM learns; an exploding run that clipping rescues.
Numbers come from lstm_viz.labs.gradients.compute (tests/test_gradients.py), charts from
lstm_viz.labs.gradients.charts (tests/test_gradients_charts.py); this file lays them out."""

import time
from dataclasses import asdict

import numpy as np
import pandas as pd
import streamlit as st

from lstm_viz.labs.gradients import charts as GC
from lstm_viz.labs.gradients import compute as G
from lstm_viz.ui import controls, shell
from lstm_viz.ui.i18n import t

# The same symbols as lstm_viz/nn/rnn.py, lstm_viz/nn/lstm.py and lstm_viz/nn/optim.py.
EQUATIONS = r"""
\begin{aligned}
\frac{\partial L}{\partial h_{t-1}} &=
  \Big(\frac{\partial L}{\partial h_t} \odot \phi'(a_t)\Big) W_h^{\top}
& \Big\lVert \frac{\partial L}{\partial h_{t-k}} \Big\rVert
  &\le \rho^{k}\, \Big\lVert \frac{\partial L}{\partial h_{t}} \Big\rVert \\
\frac{\partial L}{\partial c_{t-1}} &= \frac{\partial L}{\partial c_t} \odot f_t
  + \frac{\partial L}{\partial h_{t-1}} \odot o_{t-1} \odot \big(1 - \tanh^2 c_{t-1}\big)
& f_t &\approx \sigma(b_f) \\
g &\leftarrow g \cdot \min\!\big(1,\ \tau / \lVert g \rVert\big)
\end{aligned}
"""
PROFILE, MEMORY, EXPLODING = G.ProfileConfig(), G.MemoryConfig(), G.ExplodingConfig()
# Every slider and number box: key (URL parameter) -> (label, min, max, default, step).
RANGES = {
    "gradients_len": ("gradients.length", 10, 500, PROFILE.length, 10),
    "gradients_scale": ("gradients.scale", 0.1, 6.0, PROFILE.recurrent_scale, 0.05),
    "gradients_bias": ("gradients.forget_bias", -3.0, 6.0, PROFILE.forget_bias, 0.5),
    "gradients_hidden": ("gradients.hidden", 4, 64, PROFILE.hidden_size, 4),
    "gradients_clip": ("gradients.clip", 0.1, 1000.0, EXPLODING.clip_norm, 0.5),
    "gradients_seed": ("gradients.seed", 0, 9999, PROFILE.seed, 1),
    "gradients_lag": ("gradients.lag", 5, 100, MEMORY.lag, 5),
    "gradients_steps": ("gradients.steps", 50, 1000, MEMORY.steps, 50),
    "gradients_mbias": ("gradients.memory_bias", -2.0, 6.0, MEMORY.forget_bias, 0.5),
    "gradients_escale": ("gradients.exploding_scale", 0.5, 4.0, EXPLODING.recurrent_scale, 0.25),
    "gradients_esteps": ("gradients.steps", 20, 500, EXPLODING.steps, 20),
}
HELP = {
    "gradients_scale": "gradients.scale_help",
    "gradients_bias": "gradients.forget_bias_help",
    "gradients_clip": "gradients.clip_help",
    "gradients_seed": "gradients.seed_help",
}
ACTIVATIONS = {
    "tanh": "gradients.act_tanh",
    "relu": "gradients.act_relu",
    "linear": "gradients.act_linear",
}
ADAM_RATES = ("0.001", "0.003", "0.01", "0.02", "0.03", "0.1", "0.3", "1", "3", "10")
SGD_RATES = ("0.001", "0.01", "0.03", "0.1", "0.3", "1", "3", "10")
MODELS = GC.MODEL_NAMES
WHAT = {"loss": "gradients.what_loss", "gradient norm": "gradients.what_gradient_norm"}
RUNS = {"unclipped": "gradients.run_unclipped", "clipped": "gradients.run_clipped"}
NOTICE = {  # the exploding run's story -> its sentence (none when the clipped run diverged)
    "exploded": "gradients.notice_exploding",
    "no_explosion": "gradients.notice_no_explosion",
    "both_diverged": "gradients.notice_both_diverged",
}
PRESETS = {
    "gradients.preset_vanishing": {
        "gradients_len": 100,
        "gradients_scale": 0.9,
        "gradients_act": "tanh",
        "gradients_bias": 1.0,
    },
    "gradients.preset_exploding": {
        "gradients_len": 200,
        "gradients_scale": 1.5,
        "gradients_act": "relu",
        "gradients_bias": 1.0,
    },
    "gradients.preset_lstm": {
        "gradients_len": 100,
        "gradients_scale": 1.0,
        "gradients_act": "tanh",
        "gradients_bias": 3.0,
    },
    "gradients.preset_clipping": {
        "gradients_clip": 1.0,
        "gradients_escale": 2.0,
        "gradients_elr": "0.1",
        "gradients_esteps": 100,
    },
}
LIVE_AFTER_S = 1.0  # s of one model's training before its live loss chart appears
MEMORY_CACHE, EXPLODING_CACHE = "gradients/memory", "gradients/exploding"  # result-cache names


def fmt(x: float | None, spec: str = ".3g") -> str:
    return "—" if x is None or not np.isfinite(x) else format(x, spec)


def slider(key: str, where):
    with where:
        return controls.slider(key, *RANGES[key], help_key=HELP.get(key))


def number(key: str, where):
    with where:
        return controls.number(key, *RANGES[key], help_key=HELP.get(key))


def settings_box(title_key: str, n: int) -> list:
    """A bordered box with a bold title and ``n`` columns for controls."""
    box = st.container(border=True)
    box.markdown(f"**{t(title_key)}**")
    return box.columns(n)


@st.cache_data(max_entries=32, show_spinner=False)
def cached_profile(config: G.ProfileConfig) -> G.GradientProfile:
    return G.gradient_profile(config)


def drive(run, steps: int, names: dict[str, str]):
    """Run a labelled training generator under a progress bar that names the model in training.
    Once a model has trained for LIVE_AFTER_S, the shell's bar with the live loss curve takes
    over (earlier steps replayed): for shorter runs its redraws would cost more than training."""
    slot, bar, label, waiting, drawn = st.empty(), None, None, [], 0.0
    try:
        while True:
            try:
                name, report = next(run)
            except StopIteration as stop:
                return stop.value
            now = time.monotonic()
            if name != label:
                if bar is not None:
                    bar.close()
                label, bar, waiting, started, drawn = name, None, [], now, 0.0
                n, total = list(names).index(name) + 1, len(names)
                text = t("gradients.training_model", model=names[name], n=n, total=total)
            waiting.append(report)
            if bar is None and now - started >= LIVE_AFTER_S:
                slot.caption(text)
                bar = shell.TrainingProgress(steps)
            if bar is not None:
                for r in waiting:
                    bar.update(r.step, r.loss, r.accuracy)
                waiting = []
            elif now - drawn >= shell.PROGRESS_REDRAW_S:
                slot.progress(min(1.0, report.step / steps), text=text)
                drawn = now
    finally:
        if bar is not None:
            bar.close()
        slot.empty()


def current_run(name: str, config, runs, names: dict[str, str]):
    """(settings shown, result) under a Train button: ``runs(config)`` driven on a click or on
    the first visit; else the last run shown, with a note that the settings changed."""
    part = name.split("/")[1]  # "memory" | "exploding"
    clicked = shell.train_button(key=f"gradients_train_{part}")
    last_key = f"_gradients_last_{part}"  # session state: the settings shown last

    def train():  # outside any cached function, so the progress bar can draw
        return drive(runs(config), config.steps, names)

    run = shell.lookup(name, config)
    if run is None and (clicked or last_key not in st.session_state):
        run = shell.remember(name, config, train)
    shown = config
    if run is None:
        shown = st.session_state[last_key]
        run = shell.lookup(name, shown)
        if run is None:  # evicted from the cache: train what is on screen
            shown, run = config, shell.remember(name, config, train)
        else:
            settings = t(f"gradients.{part}_settings_line", **asdict(shown))
            st.info(t("gradients.press_train", settings=settings), icon=":material/info:")
    st.session_state[last_key] = shown
    return shown, run


def diverged_sentence(name: str, outcome: G.RunOutcome) -> str:
    what = t(WHAT[outcome.diverged_what])
    return t("gradients.diverged", model=name, step=outcome.diverged_step, what=what)


def profile_section() -> tuple[G.GradientProfile, float]:
    """Part 1: untrained networks, recomputed (cached) as soon as a control moves."""
    st.header(t("gradients.through_heading"))
    left, middle, right = settings_box("gradients.settings", 3)
    length, scale, bias = (
        slider("gradients_len", left),
        slider("gradients_scale", left),
        slider("gradients_bias", middle),
    )
    with middle:
        act = controls.select("gradients_act", "gradients.activation", ACTIVATIONS, horizontal=True)
    hidden = slider("gradients_hidden", right)
    clip_column, seed_column = right.columns(2)
    clip, seed = (
        float(number("gradients_clip", clip_column)),
        int(number("gradients_seed", seed_column)),
    )
    config = G.ProfileConfig(length, hidden, scale, bias, act, PROFILE.batch, seed)
    st.caption(t("gradients.through_caption", batch=config.batch))
    profile = cached_profile(config)
    for o in G.overflows(profile):
        fields = dict(model=MODELS[o.cell], step=o.step, k=o.lag)
        if o.kind == "forward":
            st.error(t("gradients.forward_overflow", **fields), icon=":material/error:")
        else:
            st.warning(t("gradients.gradient_overflow", **fields), icon=":material/warning:")
    for column, chart in zip(st.columns(2), GC.profile_charts(profile, lang), strict=True):
        column.altair_chart(chart)
    columns, factors = st.columns(4), G.step_factors(profile)
    columns[0].metric(t("gradients.rho"), fmt(profile.rho, ".3f"), help=t("gradients.rho_help"))
    for column, (cell, f) in zip(columns[1:], factors.items(), strict=True):
        column.metric(t(f"gradients.factor_{cell}"), f"×{fmt(f)}", help=t("gradients.factor_help"))
    st.markdown(f"**{t('gradients.clip_heading', clip=fmt(clip))}**")
    headings = [t(f"gradients.col_{c}") for c in ("norm", "factor", "after")]
    rows = {MODELS[c]: [fmt(v) for v in row] for c, row in G.clip_table(profile, clip).items()}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=headings)
    st.table(table.rename_axis(t("gradients.col_model")))
    numbers = {f"{cell}_reach": fmt(r, ".2g") for cell, r in G.path_reach(profile).items()}
    numbers.update({cell: fmt(f) for cell, f in factors.items()}, k=config.length - 1)
    shell.notice_and_try(
        [
            ("gradients.notice_bound", {"rho": fmt(profile.rho)}),
            ("gradients.notice_factors", numbers),
            "gradients.notice_forget",
            "gradients.notice_clip",
        ],
        ["gradients.try_linear", "gradients.try_forget", "gradients.try_overflow"],
    )
    return profile, clip


def memory_section(seed: int) -> None:
    """Part 2: the memory task, trained on Train (or on the first visit)."""
    st.header(t("gradients.memory_heading"))
    columns = settings_box("gradients.memory_settings", 4)
    lag, steps = slider("gradients_lag", columns[0]), slider("gradients_steps", columns[1])
    bias = slider("gradients_mbias", columns[3])
    with columns[2]:
        lr = float(controls.select("gradients_lr", "gradients.lr", ADAM_RATES, str(MEMORY.lr)))
    config = G.MemoryConfig(lag=lag, steps=steps, lr=lr, forget_bias=bias, seed=seed)
    st.caption(t("gradients.memory_caption", **asdict(config)))
    config, runs = current_run(MEMORY_CACHE, config, G.memory_runs, MODELS)
    for cell, outcome in runs.items():
        if outcome.diverged:
            st.warning(diverged_sentence(MODELS[cell], outcome), icon=":material/warning:")
    final = {cell: fmt(G.final_accuracy(out), ".1f") for cell, out in runs.items()}
    columns = st.columns(4)
    for column, (cell, accuracy) in zip(columns, final.items(), strict=False):
        column.metric(t("gradients.final_accuracy", model=MODELS[cell]), f"{accuracy} %")
    columns[3].metric(t("gradients.chance"), f"{G.CHANCE_PERCENT:.1f} %")
    if any(out.history.val_accuracy for out in runs.values()):
        st.altair_chart(GC.accuracy_chart(runs, config.steps, lang))
    st.caption(t("gradients.heatmap_caption"))
    heatmaps = GC.training_heatmaps(runs, lang).values()  # a run that recorded nothing has none
    for column, chart in zip(st.columns(3), heatmaps, strict=False):
        column.altair_chart(chart)
    reach = {cell: fmt(G.median_reach(out), ".2g") for cell, out in runs.items()}
    shell.notice_and_try(
        [
            ("gradients.notice_accuracy", {"chance": f"{G.CHANCE_PERCENT:.0f}", **final}),
            ("gradients.notice_reach", reach),
        ],
        ["gradients.try_lag", "gradients.try_memory_bias"],
    )


def exploding_section(clip: float, seed: int) -> None:
    """Part 3: the same ReLU RNN trained by SGD without and with clipping at tau."""
    st.header(t("gradients.exploding_heading"))
    columns = settings_box("gradients.exploding_settings", 3)
    scale, steps = slider("gradients_escale", columns[0]), slider("gradients_esteps", columns[2])
    with columns[1]:
        lr = float(
            controls.select("gradients_elr", "gradients.exploding_lr", SGD_RATES, str(EXPLODING.lr))
        )
    config = G.ExplodingConfig(recurrent_scale=scale, lr=lr, clip_norm=clip, steps=steps, seed=seed)
    st.caption(t("gradients.exploding_caption", **asdict(config)))
    names = {k: t(v) for k, v in RUNS.items()}
    config, runs = current_run(EXPLODING_CACHE, config, G.exploding_runs, names)
    for column, (name, outcome) in zip(st.columns(2), runs.items(), strict=True):
        if outcome.diverged:
            column.error(diverged_sentence(names[name], outcome), icon=":material/error:")
        else:
            column.success(f"{names[name]}: {t('gradients.finished', steps=config.steps)}")
    if any(out.history.step for out in runs.values()):
        drawn = GC.exploding_charts(runs, config.clip_norm, config.steps, lang)
        for column, chart in zip(st.columns(2), drawn, strict=True):
            column.altair_chart(chart)
    s, notices = G.summarize_exploding(runs), ["gradients.notice_clip"]
    if s.story in NOTICE:  # none when the clipped run diverged: its sentence above says it
        what = t(WHAT[s.diverged_what]) if s.diverged_what else ""
        run = dict(what=what, step=s.diverged_step, clip=fmt(config.clip_norm), steps=config.steps)
        numbers = dict(max_norm=fmt(s.max_norm), clipped=fmt(s.clipped_percent, ".0f"))
        notices.insert(0, (NOTICE[s.story], {**run, **numbers}))
    shell.notice_and_try(notices, ["gradients.try_scale_3", "gradients.try_scale_1"])


lang = shell.page_setup("gradients")
with shell.guard():
    shell.header("gradients.intro")
    st.latex(EQUATIONS)
    st.caption(t("gradients.equations_caption"))
    controls.preset_picker(PRESETS)
    st.caption(t("gradients.presets_caption"))
    profile, clip = profile_section()
    memory_section(profile.config.seed)
    exploding_section(clip, profile.config.seed)
controls.share_link()
