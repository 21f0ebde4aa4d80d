"""Optimizers as pure step functions, and gradient clipping by global norm.

SGD:       theta_t = theta_{t-1} - lr g_t
Momentum:  v_t = mu v_{t-1} + g_t;   theta_t = theta_{t-1} - lr v_t        (PyTorch's form)
Adam (Kingma & Ba, 2015), textbook notation in brackets (rho1, rho2, moments s and t):
    m_t = beta1 m_{t-1} + (1 - beta1) g_t          [s = rho1 s + (1 - rho1) g]
    v_t = beta2 v_{t-1} + (1 - beta2) g_t^2        [t = rho2 t + (1 - rho2) g*g]
    m_hat = m_t / (1 - beta1^t),  v_hat = v_t / (1 - beta2^t)     bias (moment) correction
    theta_t = theta_{t-1} - lr m_hat / (sqrt(v_hat) + eps)

m and v start at 0, so early on they are biased towards 0; the correction divides that bias
out. Without it, the first step is lr (1 - beta1) / sqrt(1 - beta2) * g / |g| (ignoring eps):
about 3.16 lr for (0.9, 0.999), 1 lr for (0.9, 0.99). With it, the first step is lr * g/|g| for
any gradient scale.

``step`` returns new arrays (it never updates in place) and, for Adam, an ``AdamStep`` record of
everything a page plots.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

OPTIMIZERS = ("sgd", "momentum", "adam")


@dataclass(frozen=True)
class OptimizerConfig:
    name: str = "adam"  # "sgd" | "momentum" | "adam"
    lr: float = 0.01
    momentum: float = 0.9  # mu, for "momentum"
    beta1: float = 0.9  # the textbook's rho1
    beta2: float = 0.999  # the textbook's rho2 (0.99 in its text, 0.999 in its code)
    eps: float = 1e-8
    bias_correction: bool = True

    def __post_init__(self) -> None:
        if self.name not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {OPTIMIZERS}, got {self.name!r}")


@dataclass(frozen=True)
class AdamStep:
    """One Adam step on one array."""

    param: np.ndarray  # theta_t
    m: np.ndarray  # first moment
    v: np.ndarray  # second moment
    m_hat: np.ndarray  # m / (1 - beta1^t), or m itself without correction
    v_hat: np.ndarray  # v / (1 - beta2^t), or v itself without correction
    update: np.ndarray  # theta_t - theta_{t-1}


def sgd_step(param: np.ndarray, grad: np.ndarray, lr: float) -> np.ndarray:
    return param - lr * grad


def momentum_step(
    param: np.ndarray, grad: np.ndarray, velocity: np.ndarray, lr: float, mu: float
) -> tuple[np.ndarray, np.ndarray]:
    velocity = mu * velocity + grad
    return param - lr * velocity, velocity


def adam_step(
    param: np.ndarray,
    grad: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
    bias_correction: bool = True,
) -> AdamStep:
    """Adam's step number ``t`` (counted from 1)."""
    if t < 1:
        raise ValueError("Adam's step counter starts at 1")
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad * grad
    if bias_correction:
        m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    else:
        m_hat, v_hat = m, v
    update = -lr * m_hat / (np.sqrt(v_hat) + eps)
    return AdamStep(param + update, m, v, m_hat, v_hat, update)


@dataclass
class OptimizerState:
    """Per-parameter buffers and the step counter (plain data, picklable)."""

    t: int = 0
    buffers: dict[str, tuple[np.ndarray, ...]] = field(default_factory=dict)


def init_state(config: OptimizerConfig, params: dict[str, np.ndarray]) -> OptimizerState:
    n = {"sgd": 0, "momentum": 1, "adam": 2}[config.name]
    return OptimizerState(
        0, {k: tuple(np.zeros_like(p) for _ in range(n)) for k, p in params.items()}
    )


def step(
    config: OptimizerConfig,
    params: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    state: OptimizerState,
) -> tuple[dict[str, np.ndarray], OptimizerState, dict[str, AdamStep]]:
    """One update of every parameter; returns new params, new state and Adam's records."""
    t = state.t + 1
    new_params, buffers, records = {}, {}, {}
    for k, p in params.items():
        g = grads[k]
        if config.name == "sgd":
            new_params[k], buffers[k] = sgd_step(p, g, config.lr), ()
        elif config.name == "momentum":
            new_params[k], vel = momentum_step(
                p, g, state.buffers[k][0], config.lr, config.momentum
            )
            buffers[k] = (vel,)
        else:
            m, v = state.buffers[k]
            rec = adam_step(p, g, m, v, t, config.lr, config.beta1, config.beta2, config.eps,
                            config.bias_correction)  # fmt: skip
            new_params[k], buffers[k], records[k] = rec.param, (rec.m, rec.v), rec
    return new_params, OptimizerState(t, buffers), records


def global_norm(grads: dict[str, np.ndarray]) -> float:
    """sqrt(sum of every squared entry), in float64: squaring float32 entries would overflow
    for norms above about 1.8e19, long before the gradients themselves are infinite."""
    return float(
        np.sqrt(sum(float(np.vdot(g, g)) for g in (a.astype(np.float64) for a in grads.values())))
    )


def clip_by_global_norm(
    grads: dict[str, np.ndarray], max_norm: float | None
) -> tuple[dict[str, np.ndarray], float]:
    """Scale all gradients by min(1, max_norm / norm); returns them and the norm before clipping.
    A non-finite norm is returned as it is (the caller reports it), the gradients unchanged."""
    norm = global_norm(grads)
    if max_norm is None or not np.isfinite(norm) or norm <= max_norm:
        return grads, norm
    scale = max_norm / norm
    return {k: g * scale for k, g in grads.items()}, norm
