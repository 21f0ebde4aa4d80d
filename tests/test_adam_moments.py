"""Adam on one scalar parameter (lstm_viz/labs/adam/moments.py): moments, factors and steps against
their closed forms, and the moment section's "what to notice" sentences on the Adam page."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from lstm_viz.labs.adam import moments
from lstm_viz.labs.adam.moments import MomentConfig

LR = 1e-3


def constant_trace(beta2: float, scale: float = 1.0, steps: int = 50, beta1: float = 0.9):
    return moments.adam_trace(MomentConfig("constant", steps, LR, beta1, beta2, scale=scale))


# ----------------------------------------------------------------------------- moments


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1000.0])
@pytest.mark.parametrize("beta2", [0.99, 0.999])
def test_corrected_moments_equal_a_constant_gradient_from_step_one(scale, beta2):
    tr = constant_trace(beta2, scale)
    np.testing.assert_allclose(tr.m_hat, scale, rtol=1e-12)
    np.testing.assert_allclose(tr.v_hat, scale * scale, rtol=1e-12)
    # ... so the corrected step is lr at every step, for any gradient scale (eps shifts it by
    # eps / |g| = 1e-5 relative at the smallest scale).
    np.testing.assert_allclose(tr.step, LR, rtol=2e-5)


@pytest.mark.parametrize("beta2", [0.99, 0.999])
def test_raw_moments_creep_up_from_zero_as_one_minus_beta_to_the_t(beta2):
    g = 0.7
    tr = constant_trace(beta2, g)
    t = np.arange(1, 51)
    np.testing.assert_allclose(tr.m, (1 - 0.9**t) * g, rtol=1e-12)
    np.testing.assert_allclose(tr.v, (1 - beta2**t) * g * g, rtol=1e-12)
    assert tr.m[0] == pytest.approx(0.1 * g) and tr.v[0] == pytest.approx((1 - beta2) * g * g)


@pytest.mark.parametrize(("beta", "factor"), [(0.9, 10.0), (0.99, 100.0), (0.999, 1000.0)])
def test_correction_factor_at_step_one_is_one_over_one_minus_beta(beta, factor):
    assert moments.correction_factor(beta, 1) == pytest.approx(factor, rel=1e-12)
    tr = constant_trace(beta2=beta, beta1=beta)
    assert tr.factor1[0] == pytest.approx(factor) and tr.factor2[0] == pytest.approx(factor)
    assert np.all(np.diff(tr.factor2) < 0) and tr.factor2[-1] > 1  # falls towards 1


def test_uncorrected_first_step_with_0_9_0_999_is_about_3_16_lr():
    tr = constant_trace(0.999)
    assert tr.step_uncorrected[0] / LR == pytest.approx(0.1 / np.sqrt(0.001), rel=1e-6)
    assert tr.step_uncorrected[0] / LR == pytest.approx(3.162, abs=1e-3)
    assert moments.step_ratio(0.9, 0.999, 1) == pytest.approx(3.16227766, rel=1e-8)


@pytest.mark.parametrize(
    ("beta2", "ratio"), [(0.9, 0.316), (0.99, 1.0), (0.999, 3.162), (0.9999, 10.0)]
)
def test_uncorrected_first_step_is_one_minus_beta1_over_root_one_minus_beta2(beta2, ratio):
    tr = constant_trace(beta2)
    assert tr.step_uncorrected[0] / LR == pytest.approx(ratio, abs=1e-3)  # "try": 0.9999 gives 10


@pytest.mark.parametrize("scale", [1e-2, 1.0, 1e3])
def test_uncorrected_first_step_with_beta2_0_99_equals_lr(scale):
    # 0.1 / sqrt(0.01) = 1: the textbook's beta2 makes the first uncorrected step exactly lr.
    tr = constant_trace(0.99, scale)
    assert tr.step_uncorrected[0] == pytest.approx(LR, rel=2e-5)  # eps / |g| at scale 1e-2
    assert tr.step_uncorrected[0] == pytest.approx(tr.step[0], rel=2e-5)
    # ... and the gap opens afterwards: r(2) = 0.19 / sqrt(1 - 0.99^2) = 1.347.
    ratio = tr.step_uncorrected[1] / tr.step[1]
    assert ratio == pytest.approx(0.19 / np.sqrt(1 - 0.99**2), rel=2e-5)


@pytest.mark.parametrize("stream", moments.STREAMS)
@pytest.mark.parametrize("beta2", [0.99, 0.999])
def test_step_ratio_is_the_same_curve_for_every_stream(stream, beta2):
    tr = moments.adam_trace(MomentConfig(stream, 300, LR, 0.9, beta2, p=0.2, seed=3))
    moved = np.abs(tr.m) > 1e-3  # the ratio is 0/0 before the first non-zero gradient
    assert moved.sum() > 200
    ratio = tr.step_uncorrected[moved] / tr.step[moved]
    np.testing.assert_allclose(ratio, moments.step_ratio(0.9, beta2, tr.t[moved]), rtol=1e-5)


@pytest.mark.parametrize("beta2", [0.99, 0.999, 0.9999])
def test_steps_to_close_gap_solves_one_over_sqrt_one_minus_beta2_to_the_t_equals_1_01(beta2):
    # Independent truth: once beta1^t is negligible, r = 1 / sqrt(1 - beta2^t) <= 1.01 solves to
    # t >= log(1 - 1 / 1.01^2) / log(beta2).
    expected = int(np.ceil(np.log(1 - 1 / 1.01**2) / np.log(beta2)))
    assert moments.steps_to_close_gap(0.9, beta2) == expected


@pytest.mark.parametrize("beta2", [0.99, 0.999])
def test_adam_itself_enters_one_percent_at_the_step_computed(beta2):
    n = moments.steps_to_close_gap(0.9, beta2)
    tr = constant_trace(beta2, steps=n)  # Adam itself, run to step n
    ratio = tr.step_uncorrected / tr.step
    assert abs(ratio[-1] - 1) <= 0.01 < abs(ratio[-2] - 1)


@pytest.mark.parametrize(("beta2", "n"), [(0.99, 391), (0.999, 3925)])
def test_gap_closes_after_the_steps_the_page_states(beta2, n):
    assert moments.steps_to_close_gap(0.9, beta2) == n


def test_ratio_peaks_near_step_twelve_then_decays_for_0_999():
    t_peak, r_peak = moments.ratio_peak(0.9, 0.999)
    assert (t_peak, round(r_peak, 2)) == (12, 6.57)
    r = moments.step_ratio(0.9, 0.999, np.arange(t_peak, 5000))
    assert np.all(np.diff(r) < 0)  # the gap only closes after the peak
    assert moments.step_ratio(0.9, 0.999, 500) == pytest.approx(1 / np.sqrt(1 - 0.999**500))


@pytest.mark.parametrize("p", [0.02, 0.1, 0.3])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sparse_gradients_keep_corrected_steps_near_lr_and_uncorrected_ones_above_3_lr(p, seed):
    cfg = MomentConfig("sparse", 500, LR, 0.9, 0.999, p=p, seed=seed)
    tr = moments.adam_trace(cfg)
    facts = moments.trace_facts(tr, cfg)
    assert facts.max_step == pytest.approx(tr.step.max() / LR)
    assert facts.max_step_uncorrected == pytest.approx(tr.step_uncorrected.max() / LR)
    assert 0.5 < facts.max_step < 1.5
    # The first non-zero gradient, after any number of zeros, meets m = 0.1 g and v = 0.001 g^2.
    first = np.flatnonzero(tr.g)[0]
    assert tr.step_uncorrected[first] / LR == pytest.approx(0.1 / np.sqrt(0.001), rel=1e-6)
    assert facts.max_step_uncorrected > 2 * facts.max_step


@pytest.mark.parametrize("stream", moments.STREAMS)
def test_gradient_stream_repeats_for_a_seed_and_has_its_statistics(stream):
    cfg = MomentConfig(stream, 4000, scale=2.0, noise=0.5, p=0.1, seed=7)
    g = moments.gradient_stream(cfg)
    np.testing.assert_array_equal(g, moments.gradient_stream(cfg))
    if stream == "constant":
        np.testing.assert_array_equal(g, 2.0)
    elif stream == "noisy":
        assert g.mean() == pytest.approx(2.0, abs=0.05) and g.std() == pytest.approx(0.5, rel=0.05)
    else:
        assert set(np.unique(g)) == {0.0, 2.0} and np.mean(g != 0) == pytest.approx(0.1, abs=0.015)


def test_trace_facts_report_the_numbers_the_page_prints():
    cfg = MomentConfig(steps=200)
    facts = moments.trace_facts(moments.adam_trace(cfg), cfg)
    assert (facts.factor1_at_1, facts.factor2_at_1) == (pytest.approx(10), pytest.approx(1000))
    assert facts.first_ratio == pytest.approx(3.162, abs=1e-3)
    assert (facts.peak_step, facts.close_step) == (12, 3925)
    assert not facts.closes_within_steps


def test_moments_module_does_not_import_streamlit():
    code = "import sys, lstm_viz.labs.adam.moments; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
