"""The optimizers follow their recurrences, and Adam's bias correction does what the Adam
page says it does."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.nn import optim

LR = 1e-3


@pytest.mark.parametrize("scale", [1e-2, 1e3])
@pytest.mark.parametrize("beta2", [0.99, 0.999])
def test_adam_first_step_equals_lr_with_bias_correction(scale, beta2):
    g = scale * np.array([1.0, -2.0, 0.5])
    rec = optim.adam_step(np.zeros(3), g, np.zeros(3), np.zeros(3), 1, LR, 0.9, beta2, 1e-8, True)
    np.testing.assert_allclose(np.abs(rec.update), LR, rtol=1e-5)
    np.testing.assert_array_equal(np.sign(rec.update), -np.sign(g))


@pytest.mark.parametrize("scale", [1e-2, 1e3])
def test_adam_first_step_without_correction_is_about_3_16_lr(scale):
    g = np.full(2, scale)
    rec = optim.adam_step(np.zeros(2), g, np.zeros(2), np.zeros(2), 1, LR, 0.9, 0.999, 1e-8, False)
    expected = (1 - 0.9) / np.sqrt(1 - 0.999) * LR  # 3.1623 lr
    np.testing.assert_allclose(-rec.update, expected, rtol=1e-4)  # eps shifts it by 3e-5 at 1e-2
    assert -rec.update[0] / LR == pytest.approx(3.162, abs=1e-3)


def test_adam_corrected_moments_equal_a_constant_gradient_from_step_one():
    g, m, v, p = np.array([0.3, -4.0]), np.zeros(2), np.zeros(2), np.zeros(2)
    for t in range(1, 6):
        rec = optim.adam_step(p, g, m, v, t, LR)
        p, m, v = rec.param, rec.m, rec.v
        np.testing.assert_allclose(rec.m_hat, g, rtol=1e-12)
        np.testing.assert_allclose(rec.v_hat, g * g, rtol=1e-12)


def test_adam_uncorrected_step_approaches_the_corrected_one_as_t_grows():
    g = np.ones(1)
    state = {True: (np.zeros(1), np.zeros(1)), False: (np.zeros(1), np.zeros(1))}
    gaps = []
    for t in range(1, 20001):
        steps = {}
        for corr in (True, False):
            rec = optim.adam_step(np.zeros(1), g, *state[corr], t, LR, 0.9, 0.999, 1e-8, corr)
            state[corr] = (rec.m, rec.v)
            steps[corr] = rec.update[0]
        gaps.append(abs(steps[False] / steps[True] - 1))
    assert gaps[0] == pytest.approx(3.162 - 1, abs=1e-3)
    assert gaps[9] > gaps[99] > gaps[999] > gaps[19999]
    assert gaps[19999] < 1e-8


def test_adam_rejects_step_zero():
    with pytest.raises(ValueError, match="starts at 1"):
        optim.adam_step(np.zeros(1), np.ones(1), np.zeros(1), np.zeros(1), 0, LR)


def test_sgd_and_momentum_follow_their_recurrences_exactly():
    rng = np.random.default_rng(0)
    grads = rng.standard_normal((6, 3))
    p_sgd = p_mom = p0 = rng.standard_normal(3)
    v = np.zeros(3)
    for k, g in enumerate(grads):
        p_sgd = optim.sgd_step(p_sgd, g, 0.1)
        p_mom, v = optim.momentum_step(p_mom, g, v, 0.1, 0.9)
        # closed forms: theta_k = theta_0 - lr sum g;  v_k = sum_j 0.9^(k-j) g_j
        np.testing.assert_allclose(p_sgd, p0 - 0.1 * grads[: k + 1].sum(axis=0), rtol=1e-12)
        weights = 0.9 ** np.arange(k, -1, -1)
        np.testing.assert_allclose(v, weights @ grads[: k + 1], rtol=1e-12)


@pytest.mark.parametrize("name", optim.OPTIMIZERS)
def test_step_updates_every_parameter_without_touching_its_input(name):
    cfg = optim.OptimizerConfig(name=name, lr=0.1)
    params = {"a": np.ones(2), "b": np.ones((2, 2))}
    grads = {"a": np.ones(2), "b": -np.ones((2, 2))}
    state = optim.init_state(cfg, params)
    new, state, records = optim.step(cfg, params, grads, state)
    assert state.t == 1
    np.testing.assert_array_equal(params["a"], 1.0)  # inputs unchanged
    assert np.all(new["a"] < 1) and np.all(new["b"] > 1)
    assert set(records) == ({"a", "b"} if name == "adam" else set())


def test_clip_by_global_norm_rescales_to_the_threshold_and_reports_the_norm_before():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    clipped, norm = optim.clip_by_global_norm(grads, 1.0)
    assert norm == pytest.approx(5.0)
    assert optim.global_norm(clipped) == pytest.approx(1.0)
    np.testing.assert_allclose(clipped["a"], [0.6, 0.0])
    same, norm2 = optim.clip_by_global_norm(grads, 10.0)
    assert same is grads and norm2 == pytest.approx(5.0)


def test_global_norm_of_float32_gradients_does_not_overflow_while_they_are_finite():
    grads = {"a": np.full(4, 1e30, np.float32), "b": np.array([3e30, 4e30], np.float32)}
    assert optim.global_norm(grads) == pytest.approx(np.sqrt(4 * 1e60 + 25e60), rel=1e-6)
