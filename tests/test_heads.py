"""The dense head and the losses against finite differences, and their values against
direct formulas."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.nn import heads
from tests.gradcheck import numerical_grad, relative_error

RNG = np.random.default_rng(0)
N, I, K = 4, 3, 5


@pytest.mark.parametrize(
    ("kind", "targets", "k"),
    [
        ("softmax", RNG.integers(0, K, N), K),
        ("sigmoid", RNG.integers(0, 2, N).astype(float), 1),
        ("mse", RNG.standard_normal((N, 2)), 2),
    ],
)
def test_loss_gradient_matches_finite_differences(kind, targets, k):
    logits = 3 * np.random.default_rng(1).standard_normal((N, k))
    _, grad = heads.loss_and_grad(kind, logits, targets)
    numeric = numerical_grad(lambda: heads.loss_and_grad(kind, logits, targets)[0], logits)
    assert relative_error(grad, numeric) < 1e-6


def test_dense_backward_matches_finite_differences():
    rng = np.random.default_rng(2)
    params = heads.init_dense_params(I, K, rng)
    x, R = rng.standard_normal((N, I)), rng.standard_normal((N, K))

    def loss() -> float:
        return float(np.sum(R * heads.dense_forward(params, x)))

    dx, grads = heads.dense_backward(params, x, R)
    assert relative_error(dx, numerical_grad(loss, x)) < 1e-6
    for name, p in params.items():
        assert relative_error(grads[name], numerical_grad(loss, p)) < 1e-6


def test_softmax_cross_entropy_equals_minus_log_probability_of_the_label():
    logits = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    loss, _ = heads.softmax_cross_entropy(logits, np.array([2, 0]))
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert loss == pytest.approx(-(np.log(p[0, 2]) + np.log(p[1, 0])) / 2, rel=1e-12)


def test_sigmoid_cross_entropy_is_stable_for_huge_logits():
    loss, grad = heads.sigmoid_cross_entropy(np.array([[1000.0], [-1000.0]]), np.array([0.0, 1.0]))
    assert loss == pytest.approx(1000.0, rel=1e-12)  # log(1 + e^1000) - 0 = 1000 (and the same)
    np.testing.assert_allclose(grad.ravel(), [0.5, -0.5])


def test_mse_is_the_mean_of_squared_differences():
    loss, _ = heads.mean_squared_error(np.array([[1.0], [3.0]]), np.array([0.0, 1.0]))
    assert loss == pytest.approx((1 + 4) / 2)


@pytest.mark.parametrize(
    ("kind", "out", "targets", "expected"),
    [
        ("softmax", np.array([[2.0, 1.0], [0.0, 5.0], [3.0, 1.0]]), np.array([0, 1, 1]), 2 / 3),
        ("sigmoid", np.array([[2.0], [-1.0], [0.5], [-3.0]]), np.array([1, 0, 0, 0]), 3 / 4),
        ("mse", np.array([[1.0], [2.0]]), np.array([1.03, 2.5]), 1 / 2),
    ],
)
def test_accuracy_counts_correct_predictions(kind, out, targets, expected):
    assert heads.accuracy(kind, out, targets) == pytest.approx(expected)
