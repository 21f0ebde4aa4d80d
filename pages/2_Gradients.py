"""The vanishing and exploding gradients page: the gradient norm at every time step of untrained
RNN, LSTM and GRU; a memory task that the gated networks learn and the RNN mostly does not; an
exploding run that clipping rescues. Sentences come from lstm_viz.labs.gradients.text
(tests/test_gradients_claims.py checks each one at seeds 0-9).
Numbers come from lstm_viz.labs.gradients.compute (tests/test_gradients.py), charts from
lstm_viz.labs.gradients.charts (tests/test_gradients_charts.py); this file lays them out."""

from dataclasses import asdict

import pandas as pd
import streamlit as st

from lstm_viz.labs.gradients import charts as GC
from lstm_viz.labs.gradients import compute as G
from lstm_viz.labs.gradients import text
from lstm_viz.ui import controls, export, pinning, shell, training
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
MODELS = text.MODEL_NAMES
SHARED = set(G.shared_runs())  # computed before the server starts: shown without a click
RUNS = {"unclipped": "gradients.run_unclipped", "clipped": "gradients.run_clipped"}
PROFILE_KEYS = {  # ProfileConfig field -> its control
    "length": "gradients_len",
    "recurrent_scale": "gradients_scale",
    "activation": "gradients_act",
    "forget_bias": "gradients_bias",
}
PRESETS = {
    f"gradients.preset_{name}": {key: getattr(demo, field) for field, key in PROFILE_KEYS.items()}
    for name, demo in G.PROFILE_DEMOS.items()
}
PRESETS["gradients.preset_clipping"] = {
    "gradients_clip": G.CLIPPING_DEMO.clip_norm,
    "gradients_escale": G.CLIPPING_DEMO.recurrent_scale,
    "gradients_elr": str(G.CLIPPING_DEMO.lr),
    "gradients_esteps": G.CLIPPING_DEMO.steps,
}


def slider(key: str, where):
    with where:
        return controls.slider(key, *RANGES[key], help_key=HELP.get(key))


def number(key: str, where):
    with where:
        return controls.number(key, *RANGES[key], help_key=HELP.get(key))


def settings_box(title_key: str, n: int) -> list:
    """A bordered box with a bold title and ``n`` columns for controls."""
    box = shell.settings(border=True)
    box.markdown(f"**{t(title_key)}**")
    return box.columns(n)


@st.cache_data(max_entries=32, show_spinner=False)
def cached_profile(config: G.ProfileConfig) -> G.GradientProfile:
    return G.gradient_profile(config)


def trained(spec) -> object | None:
    """The run for ``spec`` under its Train button: found (memory or disk), or computed on a
    click or when it is a shared run (the defaults and every demo); None until Train is pressed."""
    clicked = shell.train_button(key=spec.name.replace(".", "_train_"))
    run = training.find(spec)
    if run is None and (clicked or spec in SHARED):
        run = training.run(spec)
    if run is None and not clicked:
        st.info(t("gradients.press_train"), icon=":material/info:")
    return run


PART_1_KEYS = ("gradients_len", "gradients_scale", "gradients_bias", "gradients_act")
PART_1_KEYS += ("gradients_hidden",)  # the controls that change part 1 only


@st.fragment
def profile_section(main, clip: float, seed: int) -> None:
    """Part 1: untrained networks, recomputed (cached) as soon as a control moves. A fragment:
    its controls change nothing else, so moving one reruns only this part (and the share link).
    Its main chart goes to ``main``, a slot in the page's first screen."""
    controls.redraw(*PART_1_KEYS)  # on a rerun of this fragment alone they are drawn again
    left, middle, right = settings_box("gradients.settings", 3)
    length, scale, bias = (
        slider("gradients_len", left),
        slider("gradients_scale", left),
        slider("gradients_bias", middle),
    )
    with middle:
        act = controls.select("gradients_act", "gradients.activation", ACTIVATIONS, horizontal=True)
    hidden = slider("gradients_hidden", right)
    config = G.ProfileConfig(length, hidden, scale, bias, act, PROFILE.batch, seed)
    profile = cached_profile(config)
    norms, jacobian = GC.profile_charts(profile, lang)
    with main.container():
        for kind, item in text.overflow_items(profile):
            if kind == "forward":
                st.error(shell.item_text(item), icon=":material/error:")
            else:
                st.warning(shell.item_text(item), icon=":material/warning:")
        st.altair_chart(norms)
        st.caption(t("gradients.through_caption", batch=config.batch))
    columns, factors = st.columns(4), G.step_factors(profile)
    rho = text.fmt(profile.rho, ".3f")
    columns[0].metric(t("gradients.rho"), rho, help=t("gradients.rho_help"))
    for column, (cell, f) in zip(columns[1:], factors.items(), strict=True):
        column.metric(
            t(f"gradients.factor_{cell}"), f"×{text.fmt(f)}", help=t("gradients.factor_help")
        )
    chart_column, table_column = st.columns([3, 2])
    chart_column.altair_chart(jacobian)
    with table_column:
        st.markdown(f"**{t('gradients.clip_heading', clip=text.fmt(clip))}**")
        headings = [t(f"gradients.col_{c}") for c in ("norm", "factor", "after")]
        table = G.clip_table(profile, clip)
        rows = {MODELS[c]: [text.fmt(v) for v in row] for c, row in table.items()}
        frame = pd.DataFrame.from_dict(rows, orient="index", columns=headings)
        st.table(frame.rename_axis(t("gradients.col_model")))
        name = f"T{config.length}-scale{config.recurrent_scale:g}-{config.activation}"
        pinning.csv_button("gradients_profile_csv", export.chart_table(norms, jacobian),
                           f"gradients-profile-{name}.csv")  # fmt: skip
    shell.notice_and_try(text.profile_notices(profile), text.profile_tries())
    controls.share_link()


def memory_section(seed: int) -> None:
    """Part 2: the memory task, trained on Train (the defaults and demos are precomputed)."""
    st.header(t("gradients.memory_heading"))
    columns = settings_box("gradients.memory_settings", 4)
    lag, steps = slider("gradients_lag", columns[0]), slider("gradients_steps", columns[1])
    bias = slider("gradients_mbias", columns[3])
    with columns[2]:
        lr = float(controls.select("gradients_lr", "gradients.lr", ADAM_RATES, str(MEMORY.lr)))
    config = G.MemoryConfig(lag=lag, steps=steps, lr=lr, forget_bias=bias, seed=seed)
    st.caption(t("gradients.memory_caption", **asdict(config)))
    runs = trained(G.memory_spec(config))
    if runs is None:
        return
    for cell, outcome in runs.items():
        if outcome.diverged:
            sentence = training.diverged_sentence(outcome.diverged, MODELS[cell])
            st.warning(sentence, icon=":material/warning:")
    columns = st.columns(4)
    for column, (cell, outcome) in zip(columns, runs.items(), strict=False):
        accuracy = text.fmt(G.final_accuracy(outcome), ".1f")
        column.metric(t("gradients.final_accuracy", model=MODELS[cell]), f"{accuracy} %")
    columns[3].metric(t("gradients.chance"), f"{G.CHANCE_PERCENT:.1f} %")
    memory_view(config, runs)
    shell.notice_and_try(text.memory_notices(runs), text.memory_tries())


def scrub(runs: dict) -> int | None:
    """The training step the view shows: a slider through every recorded step (the last one
    until the student moves it); None when no network recorded a step."""
    last = G.recorded_steps(runs)
    if last < 1:
        return None
    if st.session_state.get("gradients_at", 0) > last:  # a shorter run than before
        st.session_state["gradients_at"] = last
    if last == 1:
        return 1
    return int(controls.slider("gradients_at", "gradients.scrub", 1, last, last, 1,
                               help_key="gradients.scrub_help"))  # fmt: skip


@st.fragment
def memory_view(config: G.MemoryConfig, runs: dict) -> None:
    """Part 2's charts, the training step they show, the pinned run beside this one, and the
    downloads. A fragment: the slider and the pin rerun only this part."""
    controls.redraw("gradients_at")
    top = st.container()
    step = scrub(runs)
    drawn = []
    with top:
        accuracy_column, loss_column = st.columns(2)
        if any(out.history.val_accuracy for out in runs.values()):
            drawn.append(GC.accuracy_chart(runs, config.steps, lang))
            accuracy_column.altair_chart(drawn[-1])
        if step is not None:
            drawn.append(GC.memory_loss_chart(runs, config.steps, step, lang))
            loss_column.altair_chart(drawn[-1])
    st.caption(t("gradients.heatmap_caption"))
    heatmaps = GC.training_heatmaps(runs, lang, step).values()  # a run that recorded nothing: none
    for column, chart in zip(st.columns(3), heatmaps, strict=False):
        column.altair_chart(chart)
    drawn.extend(heatmaps)
    if step is not None:
        views = {cell: G.step_view(out, step) for cell, out in runs.items()}
        views = {cell: view for cell, view in views.items() if view is not None}
        st.markdown(shell.item_text(text.step_numbers(runs, step, config.steps)))
        drawn.append(GC.step_profile_chart(views, lang))
        st.altair_chart(drawn[-1])
    with st.container(horizontal=True):
        pinning.csv_button("gradients_memory_csv", export.chart_table(*drawn),
                           f"gradients-memory-{run_name(config)}.csv")  # fmt: skip
        record = {"config": config, "runs": runs}
        pinning.json_button("gradients_memory_json", record,
                            f"gradients-memory-{run_name(config)}.json",
                            help_key="gradients.download_record_help")  # fmt: skip
        pinning.pin_button("gradients", (config, runs))
    compare_section(config, runs)


def run_name(config) -> str:
    """A file name's part that says which run it was."""
    return f"lag{config.lag}-seed{config.seed}-{config.steps}steps"


def compare_section(config: G.MemoryConfig, runs: dict) -> None:
    """The pinned memory run beside this one: the settings that differ, the final accuracies,
    then accuracy and the gradient that reaches t = 0 during training, both runs on one chart."""
    pinned = pinning.pinned("gradients")
    if pinned is None:
        return
    pinned_config, pinned_runs = pinned
    if not pinning.compare_heading(text.compare_parts(pinned_config, config)):
        return
    st.markdown(shell.item_text(text.compare_accuracy(runs, pinned_runs)))
    total = max(config.steps, pinned_config.steps)
    drawn = GC.compare_charts(runs, pinned_runs, total, lang)
    for column, chart in zip(st.columns(2), drawn, strict=True):
        column.altair_chart(chart)
    pinning.csv_button("gradients_compare_csv", export.chart_table(*drawn),
                       "gradients-memory-compare.csv")  # fmt: skip


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
    runs = trained(G.exploding_spec(config))
    if runs is None:
        return
    names = {k: t(v) for k, v in RUNS.items()}
    for column, (name, outcome) in zip(st.columns(2), runs.items(), strict=True):
        if outcome.diverged:
            sentence = training.diverged_sentence(outcome.diverged, names[name])
            column.error(sentence, icon=":material/error:")
        else:
            column.success(f"{names[name]}: {t('gradients.finished', steps=config.steps)}")
    if any(out.history.step for out in runs.values()):
        drawn = GC.exploding_charts(runs, config.clip_norm, config.steps, lang)
        for column, chart in zip(st.columns(2), drawn, strict=True):
            column.altair_chart(chart)
        name = f"scale{config.recurrent_scale:g}-lr{config.lr:g}-seed{config.seed}"
        with st.container(horizontal=True):
            pinning.csv_button("gradients_exploding_csv", export.chart_table(*drawn),
                               f"gradients-exploding-{name}.csv")  # fmt: skip
            pinning.json_button("gradients_exploding_json", {"config": config, "runs": runs},
                                f"gradients-exploding-{name}.json",
                                help_key="gradients.download_record_help")  # fmt: skip
    shell.notice_and_try(text.exploding_notices(config, runs), text.exploding_tries())


lang = shell.page_setup("gradients")
with shell.guard():
    shell.header("gradients.intro")
    st.header(t("gradients.through_heading"))
    # The first screen of a 1280 x 720 projector: part 1's main chart beside the demos.
    main, side = st.columns([3, 2])
    with side:
        controls.preset_picker(PRESETS)
        st.caption(t("gradients.presets_caption"))
        # Part 1 and parts 2 and 3 use these two, so they stay outside part 1's fragment.
        clip = float(number("gradients_clip", st.container()))
        seed = int(number("gradients_seed", st.container()))
    with st.expander(t("gradients.equations_heading")):  # folded: the chart comes first
        st.latex(EQUATIONS)
        st.caption(t("gradients.equations_caption"))
    profile_section(main.empty(), clip, seed)
    memory_section(seed)
    exploding_section(clip, seed)
controls.share_link()
