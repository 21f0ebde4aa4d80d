"""The LSTM gates page: train a small LSTM live, then watch its gates and states on one sequence
before and after training, and on a sequence the student types. Every number comes from
lstm_viz.labs.gates.compute (tested in tests/test_gates.py); this file only lays things out."""

import streamlit as st

from lstm_viz.data import expressions
from lstm_viz.labs.gates import charts as gates_charts
from lstm_viz.labs.gates import compute as gates
from lstm_viz.ui import controls, shell
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
LEARNING_RATES = ("0.001", "0.003", "0.01", "0.02", "0.03", "0.1", "0.3", "1", "3", "10")
DEFAULT = gates.GatesConfig()
MEMORY = {
    "gates_task": "first_symbol",
    "gates_hidden": 16,
    "gates_lr": "0.01",
    "gates_steps": 600,
    "gates_seed": 0,
}
PRESETS = {
    "gates.preset_textbook": {
        "gates_task": "expressions",
        "gates_hidden": DEFAULT.hidden_size,
        "gates_bias": DEFAULT.forget_bias,
        "gates_lr": "0.02",
        "gates_steps": DEFAULT.steps,
        "gates_seed": DEFAULT.seed,
    },
    "gates.preset_first_symbol": {**MEMORY, "gates_bias": 1.0, "gates_lag": 20},
    "gates.preset_forget_bias_0": {**MEMORY, "gates_bias": 0.0, "gates_lag": 20},
    "gates.preset_lr_10": {
        **MEMORY,
        "gates_task": "expressions",
        "gates_bias": 1.0,
        "gates_lr": "10",
        "gates_steps": 500,
    },
}
EXAMPLE_TEXT = {"expressions": "(a+12)*b3", "first_symbol": "B03120312031203120312"}
SMOOTHING = 50  # training steps in the loss curve's moving average
LAST_RUN = "_gates_last_config"  # session state: the settings of the run on screen


def settings() -> gates.GatesConfig:
    """The training controls, in a bordered box; returns their frozen config (the cache key)."""
    with st.container(border=True):
        st.markdown(f"**{t('gates.settings')}**")
        left, middle, right = st.columns(3)
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


def train(config: gates.GatesConfig) -> gates.GatesResult:
    with shell.progress(config.steps) as bar:
        return gates.run_training(config, lambda r: bar.update(r.step, r.loss, r.accuracy))


def current_run(config: gates.GatesConfig, clicked: bool) -> gates.GatesResult | None:
    """The run for these settings (trained on a click, or on the first visit); else the last run
    shown, with a note that the settings changed."""
    run = shell.lookup("gates.train", config)
    if run is None and (clicked or LAST_RUN not in st.session_state):
        run = shell.remember("gates.train", config, lambda: train(config))
    if run is None:
        run = shell.lookup("gates.train", st.session_state[LAST_RUN])
        if run is None:  # evicted from the cache: train the settings on screen
            run = shell.remember("gates.train", config, lambda: train(config))
        else:
            c = run.config
            st.info(
                t(
                    "gates.press_train",
                    task=t(TASKS[c.task]),
                    hidden=c.hidden_size,
                    bias=c.forget_bias,
                    lr=c.lr,
                    steps=c.steps,
                    seed=c.seed,
                ),
                icon=":material/info:",
            )
    st.session_state[LAST_RUN] = run.config
    return run


def label_name(task: str, labels: tuple[str, ...], k: int) -> str:
    return t(f"gates.label_{labels[k]}") if task == "expressions" else labels[k]


def results(run: gates.GatesResult) -> None:
    """Accuracy against chance, and the finished run's loss curve."""
    if run.diverged:
        st.warning(t("gates.diverged", step=run.diverged_step), icon=":material/warning:")
    history = run.history
    columns = st.columns(3)
    accuracy = "—" if run.val_accuracy is None else f"{100 * run.val_accuracy:.1f} %"
    columns[0].metric(
        t("gates.accuracy"), accuracy, help=t("gates.accuracy_help", n=run.config.n_val)
    )
    columns[1].metric(t("gates.chance"), f"{100 * run.chance:.1f} %", help=t("gates.chance_help"))
    columns[2].metric(t("gates.final_loss"), f"{history.loss[-1]:.4g}" if history.loss else "—")
    if history.loss:
        smoothed = gates.moving_average(history.loss, SMOOTHING)
        st.altair_chart(
            gates_charts.loss_chart(
                history.step,
                history.loss,
                smoothed,
                window=SMOOTHING,
                total_steps=run.config.steps,
                lang=lang,
            )
        )


def example_section(run: gates.GatesResult) -> tuple[gates.GateRecord, gates.GateRecord | None]:
    """One held-out sequence, before and after training, every state side by side."""
    st.subheader(t("gates.example_heading"))
    task = run.config.task
    index = controls.slider("gates_example", "gates.example", 1, len(run.examples), 1) - 1
    before = gates.record_example(run, index, after=False)
    after = gates.record_example(run, index, after=True)
    text = "".join(before.symbols)
    truth = label_name(task, run.examples.labels, int(run.examples.y[index]))
    if after is None:
        st.markdown(t("gates.example_caption_untrained", text=text, truth=truth))
    else:
        k = int(after.probs.argmax())
        st.markdown(
            t(
                "gates.example_caption",
                text=text,
                truth=truth,
                predicted=label_name(task, after.labels, k),
                probability=f"{100 * after.probs[k]:.1f}",
            )
        )
    st.caption(t("gates.scale_note"))
    if after is None:
        st.info(t("gates.no_trained_model"))
    for name in gates.STATES:  # before above after: same columns, same units, same colours
        st.altair_chart(gates_charts.before_after(before, after, name, lang), width="content")
    return before, after


def input_error(error: Exception, text: str) -> str:
    """The error's own sentence in English; in Korean, built from what it names."""
    if lang == "en":
        return str(error)
    kind, fields = gates.input_error_parts(error, text)
    return t(f"gates.error_{kind}", **fields)


def your_section(run: gates.GatesResult) -> None:
    """The student's own sequence through the trained model: verdict beside truth, then gates."""
    st.subheader(t("gates.yours_heading"))
    task = run.config.task
    if task == "expressions":
        text = controls.text(
            "gates_expr",
            "gates.your_expression",
            EXAMPLE_TEXT[task],
            max_chars=60,
            help_key="gates.your_help",
        )
    else:
        text = controls.text(
            "gates_seq",
            "gates.your_sequence",
            EXAMPLE_TEXT[task],
            max_chars=gates.MAX_TEXT + 10,
            help_key="gates.your_help",
        )
    if run.params_after is None:
        st.info(t("gates.no_trained_model"))
        return
    try:
        record, verdict = gates.record_text(run, text)
    except (expressions.ExpressionError, gates.SymbolError) as error:
        shell.show_error(input_error(error, text))
        return
    left, right = st.columns(2)
    left.metric(
        t("gates.model_verdict"),
        label_name(task, record.labels, verdict.predicted),
        t("gates.probability", probability=f"{100 * verdict.probability:.1f}"),
        delta_color="off",
        delta_arrow="off",
    )
    truth_key = "gates.parser_truth" if task == "expressions" else "gates.first_truth"
    right.metric(t(truth_key), label_name(task, record.labels, verdict.truth))
    (st.success if verdict.correct else st.warning)(
        t("gates.agree" if verdict.correct else "gates.disagree")
    )
    for pair in gates_charts.trained_pairs(record, lang):
        st.altair_chart(pair, width="content")


lang = shell.page_setup("gates")
with shell.guard():
    shell.header("gates.intro")
    st.latex(EQUATIONS)
    st.caption(t("gates.equations_caption"))
    controls.preset_picker(PRESETS)
    config = settings()
    clicked = shell.train_button()
    run = current_run(config, clicked)
    results(run)
    before, after = example_section(run)
    your_section(run)
    shell.notice_and_try(gates.notice_items(run, before, after), gates.try_items(run.config))
controls.share_link()
