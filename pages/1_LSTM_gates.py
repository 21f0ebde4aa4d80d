"""The LSTM gates page: train a small LSTM, then watch its gates and states on one sequence before
and after training, and on a sequence the student types. Every number comes from
lstm_viz.labs.gates.compute and every sentence from lstm_viz.labs.gates.text (both tested without
Streamlit); this file only lays things out. The example, the state shown and the student's text
are view-only: they rerun only their fragment, never the training."""

import streamlit as st

from lstm_viz.data import expressions
from lstm_viz.labs.gates import charts as gates_charts
from lstm_viz.labs.gates import closeup
from lstm_viz.labs.gates import compute as gates
from lstm_viz.labs.gates import text as gates_text
from lstm_viz.ui import controls, export, pinning, shell, training
from lstm_viz.ui.i18n import t

# The same equations, symbols and gate order as lstm_viz/nn/lstm.py and the home page.
EQUATIONS = r"""
\begin{aligned}
f_t &= \sigma(x_t W_{x,f} + h_{t-1} W_{h,f} + b_f) &
g_t &= \tanh(x_t W_{x,g} + h_{t-1} W_{h,g} + b_g) \\
i_t &= \sigma(x_t W_{x,i} + h_{t-1} W_{h,i} + b_i) &
c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
o_t &= \sigma(x_t W_{x,o} + h_{t-1} W_{h,o} + b_o) &
h_t &= o_t \odot \tanh(c_t)
\end{aligned}
"""
TASKS = {"expressions": "gates.task_expressions", "first_symbol": "gates.task_first_symbol"}
STATES = {name: f"gates.state_{name}" for name in gates.STATES}
LEARNING_RATES = ("0.001", "0.003", "0.01", "0.02", "0.03", "0.1", "0.3", "1", "3", "10")
DEFAULT = gates.GatesConfig()
TEXT_LIMIT = {"expressions": expressions.MAX_LEN, "first_symbol": gates.MAX_TEXT}
TEXT_KEY = {"expressions": ("gates_expr", "gates.your_expression"),
            "first_symbol": ("gates_seq", "gates.your_sequence")}  # fmt: skip
VIEW_KEYS = ("gates_at", "gates_state", "gates_sort", "gates_example", "gates_t", "gates_unit",
             "gates_expr", "gates_seq")  # fmt: skip
ROW_PX = 35  # st.dataframe's row height
SMOOTHING = 50  # training steps in the loss curve's moving average


def preset_values(config: gates.GatesConfig) -> dict[str, object]:
    """A demo's settings as the controls hold them."""
    values = {
        "gates_task": config.task,
        "gates_hidden": config.hidden_size,
        "gates_bias": config.forget_bias,
        "gates_lr": f"{config.lr:g}",
        "gates_steps": config.steps,
        "gates_seed": config.seed,
    }
    if config.task == "first_symbol":
        values["gates_lag"] = config.lag
    return values


def settings() -> gates.GatesConfig:
    """The training controls, in a bordered box; returns their frozen config (the run's key)."""
    left, middle, right = shell.settings().columns(3)
    with left:
        task = controls.select("gates_task", "gates.task", TASKS, help_key="gates.task_help")
        hidden = controls.slider(
            "gates_hidden",
            "gates.hidden",
            4,
            64,
            DEFAULT.hidden_size,
            4,
            help_key="gates.hidden_help",
        )
    with middle:
        bias = controls.slider(
            "gates_bias",
            "gates.forget_bias",
            -2.0,
            3.0,
            DEFAULT.forget_bias,
            0.5,
            help_key="gates.forget_bias_help",
        )
        lr = controls.select("gates_lr", "gates.lr", LEARNING_RATES, "0.02")
    with right:
        steps = controls.slider("gates_steps", "gates.steps", 50, 2000, DEFAULT.steps, 50)
        seed = controls.number(
            "gates_seed", "gates.seed", 0, 9999, 0, 1, help_key="gates.seed_help"
        )
        lag = DEFAULT.lag
        if task == "first_symbol":
            lag = controls.slider(
                "gates_lag", "gates.lag", 5, 60, DEFAULT.lag, 5, help_key="gates.lag_help"
            )
    return gates.GatesConfig(task, int(hidden), float(bias), float(lr), int(steps), int(seed), lag)


def current_run(config: gates.GatesConfig) -> gates.GatesResult | None:
    """The run for these settings: found, or trained on a click (a shared run trains at once)."""
    spec = gates.train_spec(config)
    clicked = shell.train_button()
    run = training.find(spec)
    if run is None and (clicked or spec in gates.shared_runs()):
        run = training.run(spec)
    if run is None:
        st.info(t("gates.press_train", steps=config.steps), icon=":material/info:")
    return run


def label_name(task: str, labels: tuple[str, ...], k: int) -> str:
    return t(f"gates.label_{labels[k]}") if task == "expressions" else labels[k]


def results(run: gates.GatesResult, step: int | None) -> None:
    """Accuracy against chance beside the finished run's loss curve (its marker at the step the
    view shows); the curve's numbers and the run's record to download; the pin."""
    if run.diverged is not None:
        st.warning(training.diverged_sentence(run.diverged), icon=":material/warning:")
    history = run.history
    numbers, curve = st.columns([1, 3])
    accuracy = "—" if run.val_accuracy is None else f"{100 * run.val_accuracy:.1f} %"
    numbers.metric(t("gates.accuracy"), accuracy, help=t("gates.accuracy_help", n=run.config.n_val))
    numbers.metric(t("gates.chance"), f"{100 * run.chance:.1f} %", help=t("gates.chance_help"))
    numbers.metric(t("gates.final_loss"), f"{history.loss[-1]:.4g}" if history.loss else "—")
    with curve:
        if history.loss:
            smoothed = gates.moving_average(history.loss, SMOOTHING)
            chart = gates_charts.loss_chart(
                history.step,
                history.loss,
                smoothed,
                window=SMOOTHING,
                total_steps=run.config.steps,
                lang=lang,
                marker=step,
            )
            st.altair_chart(chart, width="stretch")
        with st.container(horizontal=True):
            if history.loss:
                download("gates_loss_csv", "gates.download_loss", chart, "loss")
            pinning.json_button(
                "gates_record_json",
                run,
                f"gates-run-{run_name(run.config)}.json",
                help_key="gates.download_record_help",
            )
            pinning.pin_button("gates", run)


def run_name(config: gates.GatesConfig) -> str:
    """A file name's part that says which run it was."""
    return f"{config.task}-H{config.hidden_size}-seed{config.seed}-{config.steps}steps"


def download(key: str, label_key: str, chart, what: str) -> None:
    """A button that downloads the numbers ``chart`` draws as CSV."""
    pinning.csv_button(key, export.chart_table(chart), f"gates-{what}.csv", label_key)


def scrub(run: gates.GatesResult) -> int | None:
    """The training step whose snapshot the view shows: a slider through the run's snapshots
    (none for a run that stopped early: it has no trained model to walk towards)."""
    steps = sorted(run.snapshots)
    if run.params_after is None or len(steps) < 2:
        return None
    kept = st.session_state.get("gates_at")
    if kept is not None and kept not in run.snapshots:  # another run's step: the nearest kept
        st.session_state["gates_at"] = min(steps, key=lambda s: abs(s - kept))
    at = controls.slider(
        "gates_at",
        "gates.scrub",
        0,
        steps[-1],
        steps[-1],
        steps[1] - steps[0],
        help_key="gates.scrub_help",
    )
    return int(at)


def unit_rows(run: gates.GatesResult) -> tuple[list[int] | None, int | None]:
    """The heatmaps' row order (sorted by decay time when the student asks) and the starred
    unit that carries the first symbol; each says why in a caption."""
    mark = gates.memory_carrier_unit(run)
    order = None
    if run.memory is not None:
        if controls.toggle("gates_sort", "gates.sort_units", help_key="gates.sort_help"):
            order = [int(u) for u in run.memory.order]
            st.caption(shell.item_text(gates_text.sort_item(run)))
    if mark is not None:
        st.caption(shell.item_text(gates_text.carrier_item(run)))
    return order, mark


def example_section(run: gates.GatesResult, state: str, step: int | None, order, mark):
    """One held-out sequence, before training and after it (or after the scrubbed ``step``),
    side by side on one colour scale; returns (index, before, after)."""
    task = run.config.task
    index = controls.slider("gates_example", "gates.example", 1, len(run.examples), 1) - 1
    before = gates.record_example(run, index, after=False)
    after = gates.record_example(run, index, after=True, step=step)
    text = "".join(before.symbols)
    truth = label_name(task, run.examples.labels, int(run.examples.y[index]))
    if after is None:
        st.markdown(t("gates.example_caption_untrained", text=text, truth=truth))
        st.info(t("gates.no_trained_model"))
    else:
        k = int(after.probs.argmax())
        fields = {
            "text": text,
            "truth": truth,
            "predicted": label_name(task, after.labels, k),
            "probability": f"{100 * after.probs[k]:.1f}",
        }
        if step is None or step == run.config.steps:
            st.markdown(t("gates.example_caption", **fields))
        else:
            st.markdown(
                t("gates.example_caption_step", step=step, total=run.config.steps, **fields)
            )
    when = gates_charts.after_title(step, run.config.steps, lang)
    chart = gates_charts.before_after(
        before, after, state, lang, when_after=when, order=order, mark=mark
    )
    st.altair_chart(chart, width="content")
    st.caption(t("gates.scale_note"))
    download("gates_heatmap_csv", "gates.download_heatmap", chart, f"{state}-example{index + 1}")
    return index, before, after


def closeup_section(run: gates.GatesResult, before, after, step: int | None, order) -> None:
    """One time step and unit of the example: the cell diagram with its numbers, untrained
    beside trained, and every number in one table."""
    st.subheader(t("gates.closeup_heading"))
    when = gates_charts.after_title(step, run.config.steps, lang)
    st.markdown(t("gates.closeup_intro", when=when))
    steps = len(before.symbols)
    if st.session_state.get("gates_t", 0) > steps - 1:  # a shorter example than before
        st.session_state["gates_t"] = steps - 1
    units = order or list(range(run.config.hidden_size))
    mark = gates.memory_carrier_unit(run)
    left, right = st.columns(2)
    with left:
        t_step = controls.slider("gates_t", "gates.closeup_t", 0, steps - 1, steps - 1)
    with right:
        default = str(mark if mark is not None else units[0])
        unit = int(controls.select("gates_unit", "gates.closeup_unit", [str(u) for u in units],
                                   default))  # fmt: skip
    symbol = before.symbols[t_step]
    st.markdown(t("gates.closeup_symbol", t=t_step, symbol=symbol))
    records = {t("gates.before"): gates.step_up_close(run, before, t_step, unit)}
    if after is not None:
        records[when] = gates.step_up_close(run, after, t_step, unit)
    # One diagram under the other, each DIAGRAM_PX tall (its labels 14 px or more on screen):
    # side by side, or stretched to the column, they were scaled down to 11-13 px at 1280 px.
    for title, record in records.items():
        with st.container():
            st.markdown(f"**{title}**")
            st.graphviz_chart(
                closeup.cell_diagram(record, symbol, lang),
                width="content",
                height=closeup.DIAGRAM_PX,
                alt=t("gates.closeup_alt", unit=unit, t=t_step),
            )
            st.caption(
                t(
                    "gates.closeup_check",
                    kept=closeup.number(record.kept, 4),
                    written=closeup.signed(record.written, 4),
                    c=closeup.number(record.c, 4),
                    o=closeup.number(record.o.value, 4),
                    tanh_c=closeup.signed(record.tanh_c, 4),
                    h=closeup.number(record.h, 4),
                )
            )
    with st.expander(t("gates.closeup_table"), icon=":material/table:"):
        table = closeup.step_table(records, symbol, lang)
        st.dataframe(
            table,
            height=ROW_PX * (len(table) + 1) + 3,  # every row at once: no scrolling inside
            column_config={c: st.column_config.NumberColumn(format="%.6f") for c in table.columns},
        )


def your_section(run: gates.GatesResult, state: str, step: int | None, order, mark) -> None:
    """The student's own sequence through the trained model (or the one at the scrubbed step):
    verdict beside truth, then gates."""
    st.subheader(t("gates.yours_heading"))
    task = run.config.task
    key, label_key = TEXT_KEY[task]
    text = controls.text(key, label_key, gates_text.EXAMPLE_TEXT[task])
    st.caption(t("gates.your_help", max=TEXT_LIMIT[task]))
    if run.params_after is None:
        st.info(t("gates.no_trained_model"))
        return
    try:
        record, verdict = gates.record_text(run, text, step)
    except (expressions.ExpressionError, gates.SymbolError) as error:
        shell.show_error(shell.item_text(gates_text.input_error_item(error, text, task)))
        return
    left, middle, right = st.columns([1, 1, 2])
    left.metric(
        t("gates.model_verdict"),
        label_name(task, record.labels, verdict.predicted),
        t("gates.probability", probability=f"{100 * verdict.probability:.1f}"),
        delta_color="off",
        delta_arrow="off",
    )
    truth_key = "gates.parser_truth" if task == "expressions" else "gates.first_truth"
    middle.metric(t(truth_key), label_name(task, record.labels, verdict.truth))
    kind, item = gates_text.verdict_item(run, verdict)
    getattr(right, kind)(shell.item_text(item))
    when = gates_charts.after_title(step, run.config.steps, lang)
    chart = gates_charts.trained_state(record, state, lang, when=when, order=order, mark=mark)
    st.altair_chart(chart, width="content")


def compare_section(run: gates.GatesResult, state: str, index: int) -> None:
    """The pinned run beside this one: the settings that differ, both loss curves, and the
    state on screen after training, each on its own example ``index``."""
    pinned: gates.GatesResult | None = pinning.pinned("gates")
    if pinned is None or not pinning.compare_heading(
        gates_text.changed_parts(pinned.config, run.config)
    ):
        return

    def percent(r: gates.GatesResult) -> str:
        return "—" if r.val_accuracy is None else f"{100 * r.val_accuracy:.1f}"

    st.markdown(t("gates.compare_accuracy", current=percent(run), pinned=percent(pinned)))
    if run.history.loss and pinned.history.loss:
        loss = gates_charts.compare_loss(run, pinned, window=SMOOTHING, lang=lang)
        st.altair_chart(loss, width="stretch")
        download("gates_compare_loss_csv", "gates.download_loss", loss, "loss-compare")
    mine = gates.record_example(run, index, after=True)
    theirs = gates.record_example(pinned, min(index, len(pinned.examples) - 1), after=True)
    if mine is None or theirs is None:
        st.info(t("gates.no_trained_model"))
        return
    if pinned.config.task != run.config.task:
        st.caption(t("gates.compare_tasks", n=index + 1))
    chart = gates_charts.compare_states(mine, theirs, state, lang)
    st.altair_chart(chart, width="content")
    download("gates_compare_csv", "gates.download_heatmap", chart, f"{state}-compare")


@st.fragment
def view(run: gates.GatesResult) -> None:
    """Everything that only shows the run: a change here reruns this section alone."""
    controls.redraw(*VIEW_KEYS)
    top = st.container()
    step = scrub(run)
    with top:
        results(run, step)
    st.subheader(t("gates.example_heading"))
    state = controls.select("gates_state", "gates.state", STATES, "f", horizontal=True)
    order, mark = unit_rows(run)
    index, before, after = example_section(run, state, step, order, mark)
    closeup_section(run, before, after, step, order)
    your_section(run, state, step, order, mark)
    compare_section(run, state, index)
    trained = after if step is None else gates.record_example(run, index, after=True)
    notices = gates_text.notice_items(run, before, trained)
    shell.notice_and_try(notices, gates_text.try_items(run))
    controls.share_link()


lang = shell.page_setup("gates")
with shell.guard():
    shell.header("gates.intro")
    with st.expander(t("gates.equations_heading"), icon=":material/function:"):
        st.latex(EQUATIONS)
        st.caption(t("gates.equations_caption"))
    controls.preset_picker({key: preset_values(c) for key, c in gates.PRESETS.items()})
    config = settings()
    run = current_run(config)
    if run is not None:
        view(run)
controls.share_link()
