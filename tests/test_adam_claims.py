"""Every sentence the Adam page can show, checked against numbers computed here independently:
every demo, every beta1 / beta2 / eps option of the page, the gradient sizes, and seeds 0-9 of
the race. A sentence must hold for every option, or quote the run's own numbers correctly."""

from __future__ import annotations

import functools
import itertools
from dataclasses import replace

import numpy as np
import pytest

from lstm_viz.labs.adam import compute, moments, race, surfaces, text
from lstm_viz.labs.adam.moments import MomentConfig
from lstm_viz.labs.adam.surfaces import PathConfig

BETA1 = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99)  # the page's options (pages/3_Adam.py)
BETA2 = (0.9, 0.99, 0.999, 0.9999)
EPS = (1e-12, 1e-8, 1e-6, 1e-4, 0.01)
SCALES = (0.001, 1.0, 1000.0)
BETAS = list(itertools.product(BETA1, BETA2))
LONG = 400_000  # steps: every r(t) and 1/(1 - beta^t) of these betas is 1 to 1e-9 by then


@functools.cache
def r_curve(b1: float, b2: float) -> np.ndarray:
    t = np.arange(1, LONG + 1, dtype=float)
    return (1 - b1**t) / np.sqrt(1 - b2**t)


@functools.cache
def factor_curve(beta: float) -> np.ndarray:
    return 1 / (1 - beta ** np.arange(1, LONG + 1, dtype=float))


def sentences(items) -> dict[str, dict[str, str]]:
    found = dict(items)
    assert len(found) == len(items)  # one sentence per key
    return {key.removeprefix("adam.notice_"): numbers for key, numbers in found.items()}


def check_moment_sentences(cfg: MomentConfig) -> None:
    trace = moments.adam_trace(cfg)
    said = sentences(text.moment_notices(cfg, moments.trace_facts(trace, cfg)))
    b1, b2, lr, g = cfg.beta1, cfg.beta2, cfg.lr, trace.g
    t = trace.t.astype(float)
    r = r_curve(b1, b2)
    if "constant" in said:
        np.testing.assert_allclose(trace.m_hat, g, rtol=1e-9)
        np.testing.assert_allclose(trace.v_hat, g**2, rtol=1e-9)
        np.testing.assert_allclose(trace.m, (1 - b1**t) * g, rtol=1e-9)
        assert said["constant"]["m1"] == f"{(1 - b1) * g[0]:.4g}"
        assert said["constant"]["v1"] == f"{(1 - b2) * g[0] ** 2:.4g}"
    else:  # "stream": m / (1 - b1^t) is the average whose weights add up to 1
        k = np.arange(len(g))
        weights = (1 - b1) * b1 ** (k[-1] - k)  # the weight of g_k in m at the last step
        assert trace.m_hat[-1] == pytest.approx(weights @ g / weights.sum(), rel=1e-9, abs=1e-15)
    f = said["factors"]
    n1, n2 = int(f["n1"].replace(",", "")), int(f["n2"].replace(",", ""))
    for beta, n in ((b1, n1), (b2, n2)):
        factor = factor_curve(beta)
        assert np.all(factor[n - 1 :] <= 1.01) and (n == 1 or factor[n - 2] > 1.01)
    assert (f["f1"], f["f2"]) == (f"{1 / (1 - b1):.4g}", f"{1 / (1 - b2):.4g}")
    assert (n1 <= n2) if b1 <= b2 else (n1 >= n2)  # "the closer beta is to 1, the longer"
    if g[0] == 0:
        assert "first_zero" in said and trace.step[0] == 0 == trace.step_uncorrected[0]
    else:
        s = said["first_step"]
        assert s["s1"] == f"{lr * abs(g[0]) / (abs(g[0]) + cfg.eps):.4g}"
        assert s["u1"] == f"{abs(trace.step_uncorrected[0]):.4g}"
        assert s["r1"] == f"{(1 - b1) / np.sqrt(1 - b2):.3g}"
    if "first_equal" in said:
        assert (1 - b1) / np.sqrt(1 - b2) == pytest.approx(1, abs=1e-12)
        assert said["first_equal"]["peak"] == f"{r.max():.3g}" and r.max() > 1.01
    else:
        assert (1 - b1) / np.sqrt(1 - b2) != pytest.approx(1, abs=1e-9)
    if "ratio_above" in said:
        above = said["ratio_above"]
        assert above["peak"] == f"{r.max():.3g}" and r.max() > 1.01
        assert int(above["tpeak"].replace(",", "")) == int(np.argmax(r)) + 1
    else:  # "rises towards 1 without passing it"
        assert r.max() <= 1 + 1e-9 and np.all(np.diff(r) >= -1e-15)
    gap = said.get("gap_within") or said["gap_beyond"]
    n = int(gap["n"].replace(",", ""))
    assert np.all(np.abs(r[n - 1 :] - 1) <= 0.01) and (n == 1 or abs(r[n - 2] - 1) > 0.01)
    assert ("gap_within" in said) == (n <= cfg.steps)
    if "gap_beyond" in said:
        assert gap["end"] == f"{r[cfg.steps - 1]:.3g}"
    if cfg.eps <= 1e-12 and np.all(g != 0):  # "the same curve for every stream, ignoring eps"
        np.testing.assert_allclose(trace.step_uncorrected / trace.step, r[: len(g)], rtol=1e-6)
    if cfg.stream == "sparse":
        if "sparse_none" in said:
            assert not np.any(g) and not np.any(trace.step)
        else:
            sparse = said["sparse"]
            assert sparse["cor"] == f"{np.max(np.abs(trace.step)) / lr:.2f}"
            assert sparse["unc"] == f"{np.max(np.abs(trace.step_uncorrected)) / lr:.2f}"
            first = int(np.flatnonzero(g)[0])
            assert trace.m[first] == pytest.approx((1 - b1) * g[first], rel=1e-12)
            assert trace.v[first] == pytest.approx((1 - b2) * g[first] ** 2, rel=1e-12)


MOMENT_DEMOS = [
    {k: v for k, v in values.items() if k in ("adam_stream", "adam_p", "adam_steps")}
    | {"adam_beta2": values["adam_beta2"]}
    for values in compute.PRESETS.values()
]


def demo_moments(values) -> MomentConfig:
    return MomentConfig(
        stream=values.get("adam_stream", "constant"),
        steps=int(values.get("adam_steps", 200)),
        beta2=float(values["adam_beta2"]),
        p=float(values.get("adam_p", 0.1)),
    )


@pytest.mark.parametrize("values", MOMENT_DEMOS)
@pytest.mark.parametrize("seed", range(10))
def test_every_moment_sentence_holds_for_every_demo_and_seed(values, seed):
    check_moment_sentences(replace(demo_moments(values), seed=seed))


@pytest.mark.parametrize("stream", moments.STREAMS)
@pytest.mark.parametrize("eps", EPS)
def test_every_moment_sentence_holds_for_every_beta_and_eps_option(stream, eps):
    for (b1, b2), scale in itertools.product(BETAS, SCALES):
        check_moment_sentences(MomentConfig(stream, 100, 0.001, b1, b2, eps, scale, p=0.05))


def check_path_sentences(cfg: PathConfig) -> None:
    paths = surfaces.compare_paths(cfg)
    said = sentences(text.path_notices(cfg, paths, surfaces.path_facts(paths)))
    start = paths["adam"].xy[0]
    grad = np.array(surfaces.surface_grad(cfg.surface, *start))
    lr = paths["adam"].lr
    move = np.abs(lr * grad / (np.abs(grad) + cfg.eps))  # Adam's first step, m_hat = g
    if not np.any(grad):
        assert "paths_still" in said
        assert np.all(paths["adam"].xy[1] == start) and np.all(paths["sgd"].xy[1] == start)
    else:
        first = said["paths_first"]
        assert (first["dx"], first["dy"]) == (f"{move[0]:.3g}", f"{move[1]:.3g}")
        for d, gk in zip(move, grad, strict=True):  # "about lr unless g is 0 or tiny beside eps"
            assert d == 0 if gk == 0 else (abs(gk) < 1e3 * cfg.eps or d == pytest.approx(lr, 1e-3))
        raw = np.hypot(*(paths["adam_uncorrected"].xy[1] - start))
        assert first["ratio"] == f"{raw / np.hypot(*move):.3g}"
    y = {n: np.sign(paths[n].xy[:9, 1]) for n in ("sgd", "adam")}
    flips = {n: int(np.sum(s[1:] * s[:-1] < 0)) for n, s in y.items()}
    if "bowl_zigzag" in said or "bowl" in said:
        bowl = said.get("bowl_zigzag") or said["bowl"]
        assert surfaces.KAPPA == 20  # "y curves 20 times more steeply than x"
        assert (bowl["sgd"], bowl["adam"], bowl["k"]) == (
            str(flips["sgd"]),
            str(flips["adam"]),
            "8",
        )
        assert ("bowl_zigzag" in said) == (flips["sgd"] >= 4)
    for key in ("valley", "valley_crawl"):
        if key in said:
            sgd, adam = paths["sgd"].loss[-1], paths["adam"].loss[-1]
            assert (said[key]["sgd"], said[key]["adam"]) == (f"{sgd:.3g}", f"{adam:.3g}")
            assert (key == "valley_crawl") == (sgd >= 2 * adam)


@pytest.mark.parametrize("surface", surfaces.SURFACES)
@pytest.mark.parametrize("eps", EPS)
def test_every_path_sentence_holds_for_every_beta_and_eps_option(surface, eps):
    for b1, b2 in BETAS:
        check_path_sentences(PathConfig(surface, steps=20, beta1=b1, beta2=b2, eps=eps))


@pytest.mark.parametrize(
    "start", [(-4.5, 0.0), (0.0, 2.0), (0.0, 0.0), (1e-9, 1e-9), (-4.5, 2.0), (3.0, -2.5)]
)
def test_path_sentences_hold_where_a_gradient_component_is_zero_or_tiny(start):
    for eps in EPS:
        check_path_sentences(PathConfig("bowl", start, steps=20, eps=eps))
    check_path_sentences(PathConfig("rosenbrock", (1.0, 1.0), steps=20))  # the valley's minimum


def check_race_sentences(found: race.Race) -> None:
    said = sentences(text.race_notices(found, race.race_facts(found)))
    runs, cfg = found.runs, found.config
    firsts = {run.loss[0] for run in runs.values()}
    assert said["race_start"]["loss"] == f"{firsts.pop():.4f}" and not firsts
    ratio = runs["adam_uncorrected"].first_update / runs["adam"].first_update
    r1 = (1 - cfg.beta1) / np.sqrt(1 - cfg.beta2)
    first = said.get("race_first") or said["race_first_eps"]
    assert first["ratio"] == f"{ratio:.2f}" and first["r1"] == f"{r1:.3g}"
    assert ("race_first" in said) == (abs(ratio / r1 - 1) <= 0.02)
    if "race_later" in said:
        assert r1 == pytest.approx(1, abs=1e-12) and r_curve(cfg.beta1, cfg.beta2).max() > 1.01
    early = {n: np.mean(runs[n].loss[1:20]) for n in ("adam", "adam_uncorrected")}
    for key in ("race_sooner", "race_not_sooner"):
        if key in said:
            assert ratio > 1.01
            assert (said[key]["unc"], said[key]["cor"]) == tuple(
                f"{early[n]:.3f}" for n in ("adam_uncorrected", "adam")
            )
            assert (key == "race_sooner") == (early["adam_uncorrected"] < early["adam"])


def test_the_race_sentences_depend_only_on_the_first_zoom_steps():
    # So the harness below trains ZOOM_STEPS steps where the page trains 150.
    full = race.run_race(replace(compute.RACE, steps=60))
    short = race.run_race(replace(compute.RACE, steps=race.ZOOM_STEPS))
    for name in full.runs:
        assert full.runs[name].loss[: race.ZOOM_STEPS] == short.runs[name].loss
    facts = race.race_facts
    assert text.race_notices(full, facts(full)) == text.race_notices(short, facts(short))


@pytest.mark.parametrize(
    "spec", race_specs := compute.shared_runs(), ids=lambda s: repr(s.settings.beta2)
)
@pytest.mark.parametrize("seed", range(10))
def test_every_race_sentence_holds_for_every_demo_at_seeds_0_to_9(spec, seed):
    check_race_sentences(race.run_race(replace(spec.settings, steps=race.ZOOM_STEPS, seed=seed)))


@pytest.mark.parametrize("eps", EPS)
def test_every_race_sentence_holds_for_every_beta_and_eps_option(eps):
    small = replace(compute.RACE, steps=race.ZOOM_STEPS, n_train=64, n_val=32, eps=eps)
    for b1, b2 in BETAS:
        check_race_sentences(race.run_race(replace(small, beta1=b1, beta2=b2)))


def first_steps(cfg: MomentConfig) -> tuple[np.ndarray, np.ndarray]:
    trace = moments.adam_trace(cfg)
    return trace.step / cfg.lr, trace.step_uncorrected / cfg.lr


def test_try_textbook_demo_then_beta2_0_9999():
    demo = demo_moments(compute.PRESETS["adam.preset_textbook"])
    assert first_steps(demo)[1][0] == pytest.approx(1.0, rel=1e-4)
    assert first_steps(replace(demo, beta2=0.9999))[1][0] == pytest.approx(10.0, rel=1e-4)


def test_try_scale_steps_do_not_change_then_eps_takes_over():
    base = MomentConfig("constant", 200)
    np.testing.assert_allclose(
        first_steps(replace(base, scale=1000.0))[0], first_steps(base)[0], rtol=1e-6
    )
    small = first_steps(replace(base, scale=0.001, eps=0.01))[0]
    assert np.all((0.08 < small) & (small < 0.11))  # "about a tenth of the learning rate"


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("steps", [200, 500])
def test_try_sparse_first_gradient_jumps_to_3_16_lr(seed, steps):
    cfg = MomentConfig("sparse", steps, p=0.02, seed=seed)
    g = moments.gradient_stream(cfg)
    if np.any(g):  # "when the first gradient arrives"
        assert first_steps(cfg)[1][np.flatnonzero(g)[0]] == pytest.approx(3.162, abs=1e-3)


@pytest.mark.parametrize("surface", surfaces.SURFACES)
def test_try_lr_10_sgd_blows_up_within_a_few_steps_adam_stays_bounded(surface):
    for b1, b2 in BETAS:
        cfg = PathConfig(surface, steps=500, sgd_lr=10.0, adam_lr=10.0, beta1=b1, beta2=b2)
        paths = surfaces.compare_paths(cfg)
        assert paths["sgd"].stopped_at is not None and paths["sgd"].stopped_at <= 5
        assert paths["adam"].stopped_at is None and paths["adam_uncorrected"].stopped_at is None
