"""The LSTM gates page's sentences: every "what to notice" and "try this" item, as a catalogue key
of ``lstm_viz/labs/gates/strings.py`` and the numbers it quotes, built from a run's record.

Pure functions of ``lstm_viz.labs.gates.compute`` records, no Streamlit: the claims harness
(tests/test_gates_claims.py) builds every item the page would show for each demo at seeds 0-9 and
checks it against the run's numbers. A sentence either holds at every seed and every option the
page offers, or it says only what this run measured ("in this run ...") and is chosen by the
run's numbers (``MEMORY_MEAN_F``, ``DECISIVE_RATIO``, ``GatesResult.learned``).
"""

from __future__ import annotations

from collections.abc import Mapping

from lstm_viz.labs.gates import compute as gates

Item = str | tuple[str, Mapping[str, object]]  # as shell.notice_and_try takes them

MEMORY_MEAN_F = 0.85  # "stays near 1": the memory unit's mean forget gate over the noise steps
MEMORY_GAIN = 10.0  # ... and it keeps at least this many times what the best unit kept before
CARRIES_ACCURACY = 0.9  # ... and the model names the first symbol of this share of held-out data
HOVER = 0.05  # "hover at 0.5" before training: mean distance from 0.5 below this (not so at
# H = 4 or b_f = 3 for some seeds: up to 0.094 measured, tests/test_gates_claims.py)
DECISIVE_RATIO = 2.0  # "after training they decide": the spread grew by this factor for i and o


def forget_numbers(config: gates.GatesConfig, before: gates.GateRecord) -> dict[str, object]:
    """sigma(b_f), the mean forget gate before training, and what the cell state keeps through
    the example's n forget gates at sigma(b_f) (in %)."""
    n = len(before.symbols) - 1  # forget gates between the first step and the last
    kept = 100 * gates.untrained_retention(config.forget_bias, n)
    sigma = gates.sigmoid(config.forget_bias)
    return {
        "sigma": f"{sigma:.2f}",
        "mean": f"{gates.forget_mean(before):.2f}",
        "n": n,
        "kept": f"{kept:.2g}",
    }


def memory_item(run: gates.GatesResult, before: gates.GateRecord, after: gates.GateRecord) -> Item:
    """The unit that keeps most of its cell state from the first step to the end: "stays near
    1 ... the cell state carries the first symbol" only when this run's numbers say so (and
    the model names the first symbol of at least ``CARRIES_ACCURACY`` of held-out sequences)."""
    unit, mean_f, kept = gates.memory_unit(after)
    kept_before = gates.memory_unit(before)[2]
    numbers = {
        "unit": unit,
        "mean": f"{mean_f:.2f}",
        "kept": f"{100 * kept:.2g}",
        "kept_before": f"{100 * kept_before:.2g}",
    }
    carries = (
        mean_f >= MEMORY_MEAN_F
        and kept >= MEMORY_GAIN * kept_before
        and run.val_accuracy >= CARRIES_ACCURACY
    )
    return ("gates.notice_memory_unit" if carries else "gates.notice_memory_weak", numbers)


def spread_item(before: gates.GateRecord, after: gates.GateRecord) -> Item:
    """The input and output gates' mean distance from 0.5, before and after training."""
    spread = {
        f"{g}_{w}": gates.gate_spread(r, g)
        for g in "io"
        for w, r in (("before", before), ("after", after))
    }
    decisive = all(
        spread[f"{g}_before"] < HOVER
        and spread[f"{g}_after"] >= DECISIVE_RATIO * spread[f"{g}_before"]
        for g in "io"
    )
    numbers = {name: f"{value:.2f}" for name, value in spread.items()}
    return ("gates.notice_spread" if decisive else "gates.notice_spread_run", numbers)


def notice_items(
    run: gates.GatesResult, before: gates.GateRecord, after: gates.GateRecord | None
) -> list[Item]:
    """The "what to notice" items for the example on screen (``before`` and ``after`` training;
    ``after`` is None when the run diverged)."""
    items: list[Item] = [("gates.notice_forget_before", forget_numbers(run.config, before))]
    if after is not None:
        if run.config.task == "first_symbol":
            items.append(memory_item(run, before, after))
        items.append(spread_item(before, after))
        numbers = {"accuracy": f"{100 * run.val_accuracy:.1f}", "chance": f"{100 * run.chance:.1f}"}
        key = "gates.notice_accuracy" if run.learned else "gates.notice_at_chance"
        items.append((key, numbers))
    items.append("gates.notice_last_step")
    return items


def try_items(run: gates.GatesResult) -> list[Item]:
    """The "try this" items for the task on screen; the twice-the-lag one quotes this run's
    accuracy on sequences twice as long as its lag."""
    if run.config.task == "expressions":
        return ["gates.try_textbook_example", "gates.try_lr_10", "gates.try_first_symbol"]
    items: list[Item] = ["gates.try_forget_bias_0"]
    if run.twice_lag_accuracy is not None:
        numbers = {
            "lag": run.config.lag,
            "n": 2 * run.config.lag,
            "accuracy": f"{100 * run.twice_lag_accuracy:.1f}",
            "count": gates.N_TWICE_LAG,
        }
        items.append(("gates.try_twice_the_lag", numbers))
    return items


def verdict_item(run: gates.GatesResult, verdict: gates.Verdict) -> tuple[str, Item]:
    """How the page frames the model's verdict on the student's sequence: ("success", ...) when
    a model that learned is right, ("warning", ...) when it is wrong, and ("info", ...) when the
    model sits at chance: then its answer says nothing about this sequence, right or not."""
    if not run.learned:
        numbers = {"accuracy": f"{100 * run.val_accuracy:.1f}", "chance": f"{100 * run.chance:.1f}"}
        return "info", ("gates.verdict_at_chance", numbers)
    return ("success", "gates.agree") if verdict.correct else ("warning", "gates.disagree")


def input_error_item(error: Exception, text: str, task: str) -> Item:
    """What is wrong with the student's string, as a catalogue key and its fields."""
    kind, fields = gates.input_error_parts(error, text)
    if kind == "empty":
        fields = {"example": EXAMPLE_TEXT[task]}
    return (f"gates.error_{kind}", fields)


EXAMPLE_TEXT = {"expressions": "(a+12)*b3", "first_symbol": "B03120312031203120312"}


def sort_item(run: gates.GatesResult) -> Item:
    """Which unit the sorted heatmap puts first and last, with their decay times."""
    memory = run.memory
    first, last = int(memory.order[0]), int(memory.order[-1])
    return (
        "gates.sort_note",
        {
            "unit": first,
            "tau": _steps(memory.decay_steps[first]),
            "last": last,
            "tau_last": _steps(memory.decay_steps[last]),
        },
    )


def carrier_item(run: gates.GatesResult) -> Item | None:
    """The starred unit and why (first-symbol runs with a trained model only)."""
    unit = gates.memory_carrier_unit(run)
    if unit is None:
        return None
    best = float(run.carrier.separation.max())
    numbers = {
        "unit": unit,
        "eta": f"{best - gates.CARRIER_TOLERANCE:.2f}",
        "tau": _steps(run.memory.decay_steps[unit]),
    }
    return ("gates.carrier_note", numbers)


def _steps(tau: float) -> str:
    return "∞" if tau == float("inf") else f"{tau:.1f}"


SETTING_KEYS = {  # a setting's name on the page (the controls' labels)
    "task": "gates.task",
    "hidden_size": "gates.hidden",
    "forget_bias": "gates.forget_bias",
    "lr": "gates.lr",
    "steps": "gates.steps",
    "seed": "gates.seed",
    "lag": "gates.lag",
}


def changed_parts(
    pinned: gates.GatesConfig, current: gates.GatesConfig
) -> list[tuple[str, object, object]]:
    """Each setting that differs, as (the control's catalogue key, pinned value, current value);
    a task is named by its catalogue key (the page translates both)."""
    parts = []
    for name, a, b in gates.changed_settings(pinned, current):
        if name == "task":
            a, b = f"gates.task_{a}", f"gates.task_{b}"
        parts.append((SETTING_KEYS.get(name, name), a, b))
    return parts
