"""The output head and the losses: a dense layer, softmax cross-entropy, sigmoid binary
cross-entropy and mean squared error. Every loss is the mean over the batch and returns its
gradient with respect to the head's output.

    y = x W + b                                              dense, (N, K)
    softmax CE:  L = -mean_n log softmax(y_n)[label_n]       dL/dy = (softmax(y) - onehot) / N
    sigmoid BCE: L = mean_n log(1 + e^{y_n}) - t_n y_n       dL/dy = (sigma(y) - t) / N
    MSE:         L = mean_n sum_k (y_nk - t_nk)^2 / K        dL/dy = 2 (y - t) / (N K)
"""

from __future__ import annotations

import numpy as np

from lstm_viz.nn.init import glorot_uniform

LOSSES = ("softmax", "sigmoid", "mse")


def init_dense_params(
    input_size: int, output_size: int, rng: np.random.Generator, dtype=np.float64
) -> dict[str, np.ndarray]:
    W = glorot_uniform(rng, input_size, output_size)
    return {"W": W.astype(dtype), "b": np.zeros(output_size, dtype)}


def dense_forward(params: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    return x @ params["W"] + params["b"]  # (N, I) x (I, K) -> (N, K)


def dense_backward(
    params: dict[str, np.ndarray], x: np.ndarray, dy: np.ndarray
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Returns dL/dx and the parameter gradients."""
    return dy @ params["W"].T, {"W": x.T @ dy, "b": dy.sum(axis=0)}


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * a))  # never overflows, unlike 1 / (1 + exp(-a))


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """logits (N, K), integer labels (N,)."""
    N = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(N), labels].mean()
    dlogits = np.exp(log_p)
    dlogits[np.arange(N), labels] -= 1
    return float(loss), dlogits / N


def sigmoid_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
    """logits (N, 1) or (N,), targets in {0, 1} (or probabilities) of the same length."""
    t = np.asarray(targets, logits.dtype).reshape(logits.shape)
    loss = np.mean(np.logaddexp(0, logits) - t * logits)  # stable log(1 + e^y) - t y
    return float(loss), (sigmoid(logits) - t) / logits.shape[0]


def mean_squared_error(pred: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
    diff = pred - np.asarray(targets, pred.dtype).reshape(pred.shape)
    return float(np.mean(diff * diff)), 2 * diff / diff.size


def loss_and_grad(kind: str, out: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
    if kind == "softmax":
        return softmax_cross_entropy(out, targets)
    if kind == "sigmoid":
        return sigmoid_cross_entropy(out, targets)
    if kind == "mse":
        return mean_squared_error(out, targets)
    raise ValueError(f"loss must be one of {LOSSES}, got {kind!r}")


def predictions(kind: str, out: np.ndarray) -> np.ndarray:
    """Class probabilities (softmax: (N, K); sigmoid: (N,) for class 1) or the values (mse)."""
    if kind == "softmax":
        return softmax(out)
    if kind == "sigmoid":
        return sigmoid(out).reshape(-1)
    return out


def accuracy(kind: str, out: np.ndarray, targets: np.ndarray) -> float:
    """Fraction of correct classes; for mse, the fraction within 0.04 of the target (the
    adding problem's usual criterion)."""
    if kind == "softmax":
        return float(np.mean(out.argmax(axis=1) == targets))
    if kind == "sigmoid":
        return float(np.mean((out.reshape(-1) > 0) == (np.asarray(targets).reshape(-1) > 0.5)))
    return float(np.mean(np.abs(out.reshape(-1) - np.asarray(targets).reshape(-1)) < 0.04))
