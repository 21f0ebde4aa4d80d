"""The LSTM gates page: train a small LSTM, then watch its gates and states on one sequence before
and after training, and on a sequence the student types. Every number comes from
lstm_viz.labs.gates.compute and every sentence from lstm_viz.labs.gates.text (both tested without
Streamlit); this file only lays things out. The example, the state shown and the student's text
are view-only: they rerun only their fragment, never the training."""

import streamlit as st

from lstm_viz.data import expressions
from lstm_viz.labs.gates import charts as gates_charts
from lstm_viz.labs.gates import compute as gates
from lstm_viz.labs.gates import text as gates_text
from lstm_viz.ui import controls, shell, training
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
VIEW_KEYS = ("gates_state", "gates_example", "gates_expr", "gates_seq")
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


def results(run: gates.GatesResult) -> None:
    """Accuracy against chance beside the finished run's loss curve."""
    if run.diverged is not None:
        st.warning(training.diverged_sentence(run.diverged), icon=":material/warning:")
    history = run.history
    numbers, curve = st.columns([1, 3])
    accuracy = "—" if run.val_accuracy is None else f"{100 * run.val_accuracy:.1f} %"
    numbers.metric(t("gates.accuracy"), accuracy, help=t("gates.accuracy_help", n=run.config.n_val))
    numbers.metric(t("gates.chance"), f"{100 * run.chance:.1f} %", help=t("gates.chance_help"))
    numbers.metric(t("gates.final_loss"), f"{history.loss[-1]:.4g}" if history.loss else "—")
    if history.loss:
        smoothed = gates.moving_average(history.loss, SMOOTHING)
        chart = gates_charts.loss_chart(
            history.step,
            history.loss,
            smoothed,
            window=SMOOTHING,
            total_steps=run.config.steps,
            lang=lang,
        )
        curve.altair_chart(chart, width="stretch")


def example_section(run: gates.GatesResult, state: str):
    """One held-out sequence, before and after training, side by side on one colour scale."""
    task = run.config.task
    index = controls.slider("gates_example", "gates.example", 1, len(run.examples), 1) - 1
    before = gates.record_example(run, index, after=False)
    after = gates.record_example(run, index, after=True)
    text = "".join(before.symbols)
    truth = label_name(task, run.examples.labels, int(run.examples.y[index]))
    if after is None:
        st.markdown(t("gates.example_caption_untrained", text=text, truth=truth))
        st.info(t("gates.no_trained_model"))
    else:
        k = int(after.probs.argmax())
        predicted = label_name(task, after.labels, k)
        probability = f"{100 * after.probs[k]:.1f}"
        st.markdown(
            t(
                "gates.example_caption",
                text=text,
                truth=truth,
                predicted=predicted,
                probability=probability,
            )  # fmt: skip
        )
    st.altair_chart(gates_charts.before_after(before, after, state, lang), width="content")
    st.caption(t("gates.scale_note"))
    return before, after


def your_section(run: gates.GatesResult, state: str) -> None:
    """The student's own sequence through the trained model: verdict beside truth, then gates."""
    st.subheader(t("gates.yours_heading"))
    task = run.config.task
    key, label_key = TEXT_KEY[task]
    text = controls.text(key, label_key, gates_text.EXAMPLE_TEXT[task])
    st.caption(t("gates.your_help", max=TEXT_LIMIT[task]))
    if run.params_after is None:
        st.info(t("gates.no_trained_model"))
        return
    try:
        record, verdict = gates.record_text(run, text)
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
    st.altair_chart(gates_charts.trained_state(record, state, lang), width="content")


@st.fragment
def view(run: gates.GatesResult) -> None:
    """Everything that only shows the run: a change here reruns this section alone."""
    controls.redraw(*VIEW_KEYS)
    st.subheader(t("gates.example_heading"))
    state = controls.select("gates_state", "gates.state", STATES, "f", horizontal=True)
    before, after = example_section(run, state)
    your_section(run, state)
    notices = gates_text.notice_items(run, before, after)
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
        results(run)
        view(run)
controls.share_link()
