"""Every sentence of the Adam page, as ``Notice`` items: (catalogue key, {name: number}).

The compute modules (``moments``, ``surfaces``, ``race``) hold the numbers; this module picks
the sentences that hold for them and formats their numbers; the page translates them with
``shell.notice_and_try``. A sentence either holds for every option the page offers or quotes
this run's own numbers (tests/test_adam_claims.py checks both, over every preset, every
beta1/beta2/eps option and seeds 0-9 of the race).
"""

from __future__ import annotations

import math

from lstm_viz.labs.adam import Notice
from lstm_viz.labs.adam.moments import MomentConfig, TraceFacts, ratio_peak, step_ratio
from lstm_viz.labs.adam.race import Race, RaceConfig, RaceFacts
from lstm_viz.labs.adam.surfaces import OptimizerPath, PathConfig, PathFacts
from lstm_viz.runs import changed_settings

ABOVE = 1.01  # a ratio is "above 1" beyond this (the sentences' 1 %)
SAME = 0.02  # a measured ratio counts as section 1's r(1) within this relative distance
SOONER_OR_EQUAL = 1e-12  # r(1) this close to 1 counts as exactly 1 (0.1 / sqrt(0.01))
ZIGZAG = 0.5  # SGD "zig-zags" when y changes sign at least this share of the steps counted
CRAWL = 2.0  # SGD "crawls" when its loss is at least this many times Adam's


def _keys(notices: list[Notice]) -> list[Notice]:
    """(sentence name, numbers) -> (catalogue key, numbers)."""
    return [(f"adam.notice_{name}", numbers) for name, numbers in notices]


def _num(x: float, digits: int = 3) -> str:
    return f"{x:.{digits}g}"


def moment_notices(config: MomentConfig, facts: TraceFacts) -> list[Notice]:
    """Section 1's sentences, from the trace's numbers."""
    if config.stream == "constant":
        notices = [("constant", {"g": f"{config.scale:g}", "m1": _num(facts.m1, 4),
                                 "v1": _num(facts.v1, 4)})]  # fmt: skip
    else:
        notices = [("stream", {})]
    notices.append(
        ("factors", {"f1": _num(facts.factor1_at_1, 4), "f2": _num(facts.factor2_at_1, 4),
                     "n1": f"{facts.factor1_close:,}", "n2": f"{facts.factor2_close:,}"})
    )  # fmt: skip
    r1 = _num(facts.first_ratio)
    if facts.g1 == 0:
        notices.append(("first_zero", {}))
    else:
        notices.append(
            ("first_step", {"s1": _num(abs(facts.first_step), 4), "lr": f"{config.lr:g}",
                            "u1": _num(abs(facts.first_step_uncorrected), 4), "r1": r1})
        )  # fmt: skip
    if abs(facts.first_ratio - 1.0) <= SOONER_OR_EQUAL and facts.peak_ratio > ABOVE:
        b = {"b1": f"{config.beta1:g}", "b2": f"{config.beta2:g}"}
        notices.append(("first_equal", {**b, "peak": _num(facts.peak_ratio),
                                        "tpeak": f"{facts.peak_step:,}"}))  # fmt: skip
    if facts.peak_ratio > ABOVE:
        notices.append(("ratio_above", {"r1": r1, "peak": _num(facts.peak_ratio),
                                        "tpeak": f"{facts.peak_step:,}"}))  # fmt: skip
    else:
        notices.append(("ratio_below", {"r1": r1}))
    gap = {"n": f"{facts.close_step:,}", "steps": f"{config.steps:,}"}
    if facts.closes_within_steps:
        notices.append(("gap_within", gap))
    else:
        notices.append(("gap_beyond", {**gap, "end": _num(facts.end_ratio)}))
    if config.stream == "sparse":
        if facts.nonzero == 0:
            notices.append(("sparse_none", {"steps": f"{config.steps:,}"}))
        else:
            steps = {"cor": f"{facts.max_step:.2f}", "unc": f"{facts.max_step_uncorrected:.2f}"}
            notices.append(("sparse", {**steps, "r1": r1}))
    return _keys(notices)


def path_notices(
    config: PathConfig, paths: dict[str, OptimizerPath], facts: PathFacts
) -> list[Notice]:
    """Section 2's sentences: Adam's first step, then the bowl's zig-zags or the valley's crawl."""
    notices = []
    if facts.first_dx is not None:
        if facts.first_ratio is None:
            notices.append(("paths_still", {}))
        else:
            notices.append(
                ("paths_first", {"dx": _num(facts.first_dx), "dy": _num(facts.first_dy),
                                 "lr": f"{paths['adam'].lr:g}", "ratio": _num(facts.first_ratio)})
            )  # fmt: skip
    flips = {"k": str(facts.flip_steps), "sgd": str(facts.sgd_flips), "adam": str(facts.adam_flips)}
    if config.surface == "bowl" and facts.flip_steps > 0:
        zigzag = facts.sgd_flips >= ZIGZAG * facts.flip_steps
        notices.append(("bowl_zigzag" if zigzag else "bowl", flips))
    elif config.surface == "rosenbrock":
        if paths["sgd"].stopped_at is None and paths["adam"].stopped_at is None:
            losses = {"steps": str(facts.steps), "sgd": _num(facts.sgd_loss),
                      "adam": _num(facts.adam_loss)}  # fmt: skip
            crawl = facts.sgd_loss >= CRAWL * facts.adam_loss
            notices.append(("valley_crawl" if crawl else "valley", losses))
    return _keys(notices)


def race_notices(race: Race, facts: RaceFacts) -> list[Notice]:
    """Section 3's sentences: one start for all four, how the first updates compare with
    section 1's r(1) = (1 - beta1) / sqrt(1 - beta2), and what the zoomed chart shows."""
    r1 = float(step_ratio(race.config.beta1, race.config.beta2, 1))
    peak = ratio_peak(race.config.beta1, race.config.beta2)
    notices = []
    if facts.first_loss is not None:
        notices.append(("race_start", {"loss": f"{facts.first_loss:.4f}"}))
    if facts.update_ratio is None:
        return _keys(notices)
    ratio = facts.update_ratio
    if abs(ratio / r1 - 1.0) <= SAME:
        notices.append(("race_first", {"ratio": f"{ratio:.2f}", "r1": _num(r1)}))
    else:
        eps = {"ratio": f"{ratio:.2f}", "r1": _num(r1), "eps": f"{race.config.eps:g}"}
        notices.append(("race_first_eps", eps))
    t_peak, r_peak = peak
    if math.isclose(r1, 1.0, abs_tol=SOONER_OR_EQUAL) and r_peak > ABOVE:
        notices.append(("race_later", {"peak": _num(r_peak), "tpeak": f"{t_peak:,}"}))
    if facts.early_adam is not None and ratio > ABOVE:
        early = {"k": str(facts.zoom), "unc": f"{facts.early_uncorrected:.3f}",
                 "cor": f"{facts.early_adam:.3f}"}  # fmt: skip
        sooner = facts.early_uncorrected < facts.early_adam
        notices.append(("race_sooner" if sooner else "race_not_sooner", early))
    return _keys(notices)


# Pin and compare: a setting's name on the page (its control's label) and how its value reads.
PATH_SETTINGS = {"surface": "adam.surface", "start": "adam.path_start",
                 "steps": "adam.path_steps", "sgd_lr": "adam.lr_sgd",
                 "momentum_lr": "adam.lr_momentum", "adam_lr": "adam.lr_adam",
                 "beta1": "adam.beta1", "beta2": "adam.beta2", "eps": "adam.eps"}  # fmt: skip
RACE_SETTINGS = {"lag": "adam.lag", "steps": "adam.race_steps", "sgd_lr": "adam.lr_race_sgd",
                 "momentum_lr": "adam.lr_race_momentum", "adam_lr": "adam.lr_race_adam",
                 "beta1": "adam.beta1", "beta2": "adam.beta2", "eps": "adam.eps",
                 "seed": "adam.seed"}  # fmt: skip


def _setting(name: str, value: object) -> object:
    if name == "surface":
        return f"adam.surface_{value}"  # the page translates it
    if name == "start" and value is not None:
        return f"({value[0]:g}, {value[1]:g})"
    return value


def compare_parts(
    pinned: PathConfig | RaceConfig, current: PathConfig | RaceConfig
) -> list[tuple[str, object, object]]:
    """Each setting in which two path sets or two races differ, as (its control's catalogue
    key, pinned value, current value)."""
    names = PATH_SETTINGS if isinstance(current, PathConfig) else RACE_SETTINGS
    return [
        (names.get(name, name), _setting(name, a), _setting(name, b))
        for name, a, b in changed_settings(pinned, current)
    ]
