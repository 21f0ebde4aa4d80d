"""The gradients page's sentences, as ``(catalogue key, {numbers})`` items built from a record.

Pure functions of ``lstm_viz.labs.gradients.compute`` records, no Streamlit: the page hands the
items to ``shell.notice_and_try``, which translates them. Every sentence either holds for every
seed and every option the page offers (tests/test_gradients_claims.py checks each one at seeds
0-9, for the default settings and every demo), or it quotes this run's own numbers.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.labs.gradients import compute as G
from lstm_viz.runs import changed_settings

Item = tuple[str, dict[str, object]]
MODEL_NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}  # the same in both languages
LEARNED_PERCENT = 90.0  # held-out accuracy at or above this: the network "learned" the task
NEAR_CHANCE_POINTS = 10.0  # within this many points of chance: it "stayed at chance"


def fmt(x: float | None, spec: str = ".3g") -> str:
    """A number as the page prints it; an em dash for None, NaN and infinity."""
    return "—" if x is None or not np.isfinite(x) else format(x, spec)


# ------------------------------------------------------------------ part 1: before training


def overflow_items(profile: G.GradientProfile) -> list[tuple[str, Item]]:
    """(kind, item) per network whose forward pass ("forward") or gradient ("gradient")
    overflowed, with its step and its distance to the loss."""
    items = []
    for o in G.overflows(profile):
        numbers = {"model": MODEL_NAMES[o.cell], "step": o.step, "k": o.lag}
        items.append((o.kind, (f"gradients.{o.kind}_overflow", numbers)))
    return items


def profile_notices(profile: G.GradientProfile) -> list[Item]:
    factors, reach = G.step_factors(profile), G.path_reach(profile)
    numbers = {f"{cell}_reach": fmt(r, ".2g") for cell, r in reach.items()}
    numbers.update({cell: fmt(f) for cell, f in factors.items()}, k=profile.config.length - 1)
    sigma = 1 / (1 + np.exp(-profile.config.forget_bias))
    return [
        ("gradients.notice_bound", {"rho": fmt(profile.rho)}),
        ("gradients.notice_factors", numbers),
        ("gradients.notice_forget", {"lstm": fmt(factors["lstm"]), "sigma": fmt(sigma, ".2f")}),
        ("gradients.notice_clip", {}),
    ]


def profile_tries() -> list[Item]:
    return [
        ("gradients.try_linear", {}),
        ("gradients.try_forget", {}),
        ("gradients.try_overflow", {}),
    ]


# ------------------------------------------------------------------ part 2: the memory task


def verdict(accuracy: float) -> str:
    """How a held-out accuracy (in %) reads: "learned", "chance", "partly" or "none" (no
    evaluation: the run stopped first)."""
    if not np.isfinite(accuracy):
        return "none"
    if accuracy >= LEARNED_PERCENT:
        return "learned"
    if abs(accuracy - G.CHANCE_PERCENT) <= NEAR_CHANCE_POINTS:
        return "chance"
    return "partly"


def memory_notices(runs: dict[str, G.TrainOutcome]) -> list[Item]:
    """This run's accuracies and verdicts, what reaches the letter, and the measured spread
    over seeds at the default settings (``MEMORY_SEEDS``)."""
    accuracy = {cell: G.final_accuracy(out) for cell, out in runs.items()}
    numbers: dict[str, object] = {cell: fmt(a, ".1f") for cell, a in accuracy.items()}
    numbers["chance"] = f"{G.CHANCE_PERCENT:.0f}"
    items: list[Item] = [("gradients.notice_accuracy", numbers)]
    for cell, a in accuracy.items():
        items.append((f"gradients.verdict_{verdict(a)}", {"model": MODEL_NAMES[cell]}))
    reach = {cell: fmt(G.median_reach(out), ".2g") for cell, out in runs.items()}
    items.append(("gradients.notice_reach", reach))
    items.append(("gradients.notice_seeds", {}))
    return items


def memory_tries() -> list[Item]:
    return [("gradients.try_lag", {}), ("gradients.try_memory_bias", {})]


# ------------------------------------------------------------------ part 3: the exploding run


def exploding_notices(config: G.ExplodingConfig, runs: dict[str, G.TrainOutcome]) -> list[Item]:
    """The run's story from its two outcomes, then the clipping rule. None for a diverged
    clipped run: the page's divergence sentence already says it."""
    s = G.summarize_exploding(runs)
    clipped = {"clipped": fmt(s.clipped_percent, ".0f"), "max_norm": fmt(s.max_norm)}
    story: list[Item] = []
    if s.story == "exploded":
        key = f"gradients.notice_exploding_{s.diverged.what}"  # what became NaN or infinite
        numbers = {"step": s.diverged.step, "clip": fmt(config.clip_norm), "steps": config.steps}
        story = [(key, {**numbers, **clipped})]
    elif s.story == "no_explosion":
        story = [("gradients.notice_no_explosion", {"clip": fmt(config.clip_norm), **clipped})]
    elif s.story == "both_diverged":
        story = [("gradients.notice_both_diverged", {})]
    return [*story, ("gradients.notice_clip", {})]


def exploding_tries() -> list[Item]:
    return [("gradients.try_scale_3", {}), ("gradients.try_scale_half", {})]


# ------------------------------------------------------- part 2: scrub, pin and compare


def step_numbers(runs: dict[str, G.TrainOutcome], step: int, total: int) -> Item:
    """Each network's mini-batch loss and ``reach`` at training ``step`` (what the heatmaps'
    framed row and the curve below show); an em dash for a network that stopped earlier."""
    numbers: dict[str, object] = {"step": step, "total": total}
    for cell, outcome in runs.items():
        view = G.step_view(outcome, step)
        numbers[f"{cell}_loss"] = fmt(None if view is None else view.loss, ".4g")
        numbers[f"{cell}_reach"] = fmt(None if view is None else view.reach, ".2g")
    return ("gradients.step_numbers", numbers)


SETTING_KEYS = {  # a MemoryConfig field's name on the page (its control's label)
    "lag": "gradients.lag",
    "steps": "gradients.steps",
    "lr": "gradients.lr",
    "forget_bias": "gradients.memory_bias",
    "seed": "gradients.seed",
}


def compare_parts(
    pinned: G.MemoryConfig, current: G.MemoryConfig
) -> list[tuple[str, object, object]]:
    """Each memory-task setting that differs, as (its control's catalogue key, pinned value,
    current value)."""
    return [
        (SETTING_KEYS.get(name, name), a, b) for name, a, b in changed_settings(pinned, current)
    ]


def compare_accuracy(current: dict[str, G.TrainOutcome], pinned: dict[str, G.TrainOutcome]) -> Item:
    """Each network's final held-out accuracy, "this run % / pinned run %"."""
    pairs = {
        cell: f"{fmt(G.final_accuracy(current[cell]), '.1f')} % / "
        f"{fmt(G.final_accuracy(pinned[cell]), '.1f')} %"
        for cell in MODEL_NAMES
    }
    return ("gradients.compare_accuracy", pairs)
