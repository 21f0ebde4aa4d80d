"""Adam on one scalar parameter, step by step, with and without bias correction.

The equations are in the package docstring (``lstm_viz.labs.adam``). Facts this module computes and
tests/test_adam_moments.py pins:

- With a constant gradient g, m_hat_t = g and v_hat_t = g^2 from t = 1 (m_t = (1 - beta1^t) g
  exactly), so the corrected step is lr for any scale of g (ignoring eps).
- The correction factors at t = 1 are 1 / (1 - beta): 10 for 0.9, 100 for 0.99, 1000 for 0.999.
- Ignoring eps, uncorrected step / corrected step = r(t) = (1 - beta1^t) / sqrt(1 - beta2^t) at
  every step, for any gradient stream (the same m and v sit in both, only the factors differ).
  r(1) = (1 - beta1) / sqrt(1 - beta2): 3.162 for (0.9, 0.999) and exactly 1 for (0.9, 0.99),
  because 0.1 / sqrt(0.01) = 1. For (0.9, 0.999) r rises to about 6.57 at t = 12 and then
  decays like 1 / sqrt(1 - 0.999^t): it stays outside 1 % of 1 until t = 3,925 (for beta2 = 0.99:
  t = 391), far beyond the first few hundred steps; at t = 500 it is still 1.59.
- Sparse gradients need beta2 near 1 for a steady v, exactly where the uncorrected steps are
  largest (the paper's section 3): the first non-zero gradient, after any run of zeros, meets
  m = (1 - beta1) g and v = (1 - beta2) g^2, an uncorrected step of 3.16 lr for (0.9, 0.999),
  while the corrected steps stay near lr.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.nn import optim

STREAMS = ("constant", "noisy", "sparse")


@dataclass(frozen=True)
class MomentConfig:
    stream: str = "constant"  # "constant" | "noisy" | "sparse"
    steps: int = 200
    lr: float = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    scale: float = 1.0  # g for "constant"; the mean for "noisy"; the non-zero value for "sparse"
    noise: float = 1.0  # "noisy": standard deviation of the Gaussian added to ``scale``
    p: float = 0.1  # "sparse": chance that a step's gradient is non-zero
    seed: int = 0

    def __post_init__(self) -> None:
        if self.stream not in STREAMS:
            raise ValueError(f"stream must be one of {STREAMS}, got {self.stream!r}")
        if self.steps < 1:
            raise ValueError(f"steps must be at least 1, got {self.steps}")


@dataclass(frozen=True)
class AdamTrace:
    """Adam on one scalar parameter, step by step; every array is (steps,), index k is t = k + 1."""

    t: np.ndarray  # 1, 2, ..., steps
    g: np.ndarray  # the gradient stream
    m: np.ndarray  # first moment (biased towards 0 early on)
    v: np.ndarray  # second moment
    m_hat: np.ndarray  # m / (1 - beta1^t)
    v_hat: np.ndarray  # v / (1 - beta2^t)
    factor1: np.ndarray  # 1 / (1 - beta1^t)
    factor2: np.ndarray  # 1 / (1 - beta2^t)
    step: np.ndarray  # lr m_hat / (sqrt(v_hat) + eps), the amount subtracted from theta
    step_uncorrected: np.ndarray  # lr m / (sqrt(v) + eps)


def gradient_stream(config: MomentConfig) -> np.ndarray:
    """The gradients g_1 .. g_T (T,) of the chosen stream; seeded, so the same config repeats."""
    rng = np.random.default_rng(config.seed)
    if config.stream == "constant":
        return np.full(config.steps, float(config.scale))
    if config.stream == "noisy":
        return config.scale + config.noise * rng.standard_normal(config.steps)
    return np.where(rng.random(config.steps) < config.p, float(config.scale), 0.0)


def correction_factor(beta: float, t: np.ndarray | int) -> np.ndarray:
    """1 / (1 - beta^t): how much the correction scales a moment up at step t."""
    return 1.0 / (1.0 - np.power(float(beta), np.asarray(t, dtype=float)))


def adam_trace(config: MomentConfig) -> AdamTrace:
    """Run ``optim.adam_step`` over the stream twice, with and without correction."""
    g = gradient_stream(config)  # (T,)
    rows = {True: [], False: []}
    for corrected in (True, False):
        theta, m, v = np.zeros(1), np.zeros(1), np.zeros(1)
        for t in range(1, config.steps + 1):
            rec = optim.adam_step(
                theta,
                g[t - 1 : t],
                m,
                v,
                t,
                config.lr,
                config.beta1,
                config.beta2,
                config.eps,
                corrected,
            )
            theta, m, v = rec.param, rec.m, rec.v
            rows[corrected].append((rec.m[0], rec.v[0], rec.m_hat[0], rec.v_hat[0], -rec.update[0]))
    on = np.array(rows[True])  # (T, 5): m, v, m_hat, v_hat, step
    off = np.array(rows[False])
    t = np.arange(1, config.steps + 1)
    return AdamTrace(
        t,
        g,
        on[:, 0],
        on[:, 1],
        on[:, 2],
        on[:, 3],
        correction_factor(config.beta1, t),
        correction_factor(config.beta2, t),
        on[:, 4],
        off[:, 4],
    )


def step_ratio(beta1: float, beta2: float, t: np.ndarray | int) -> np.ndarray:
    """r(t) = (1 - beta1^t) / sqrt(1 - beta2^t): uncorrected over corrected step (eps ignored)."""
    t = np.asarray(t, dtype=float)
    return (1.0 - np.power(beta1, t)) / np.sqrt(1.0 - np.power(beta2, t))


def _ratio_curve(beta1: float, beta2: float) -> np.ndarray:
    # Far enough that both powers are below 1e-12, so r is 1 to 12 digits beyond the end.
    slowest = max(beta1, beta2)
    end = 2 if slowest <= 0 else int(np.ceil(np.log(1e-12) / np.log(slowest))) + 1
    return step_ratio(beta1, beta2, np.arange(1, end + 1))


def steps_to_close_gap(beta1: float, beta2: float, tol: float = 0.01) -> int:
    """The first step N from which |r(t) - 1| <= tol for every t >= N."""
    outside = np.flatnonzero(np.abs(_ratio_curve(beta1, beta2) - 1.0) > tol)
    return 1 if outside.size == 0 else int(outside[-1]) + 2


def ratio_peak(beta1: float, beta2: float) -> tuple[int, float]:
    """The step t where r(t) is largest, and r there."""
    r = _ratio_curve(beta1, beta2)
    k = int(np.argmax(r))
    return k + 1, float(r[k])


def factor_close_step(beta: float, tol: float = 0.01) -> int:
    """The first step t from which 1 / (1 - beta^t) <= 1 + tol (it falls with t)."""
    beta = float(beta)
    if beta <= 0:
        return 1
    t = max(1, int(np.ceil(np.log(1.0 - 1.0 / (1.0 + tol)) / np.log(beta))))
    while correction_factor(beta, t) > 1.0 + tol:  # guard the rounding of the logarithms
        t += 1
    while t > 1 and correction_factor(beta, t - 1) <= 1.0 + tol:
        t -= 1
    return t


def ratio_low(beta1: float, beta2: float) -> tuple[int, float]:
    """The step t where r(t) is smallest, and r there."""
    r = _ratio_curve(beta1, beta2)
    k = int(np.argmin(r))
    return k + 1, float(r[k])


@dataclass(frozen=True)
class TraceFacts:
    """The numbers the sentences under the moments charts quote (``lstm_viz.labs.adam.text``)."""

    g1: float  # the first gradient
    m1: float  # m and v after step 1: (1 - beta1) g1 and (1 - beta2) g1^2
    v1: float
    first_step: float  # the corrected first step lr g1 / (|g1| + eps)
    first_step_uncorrected: float
    factor1_at_1: float  # 1 / (1 - beta1)
    factor2_at_1: float  # 1 / (1 - beta2)
    factor1_close: int  # from this step on 1 / (1 - beta1^t) is within 1 % of 1
    factor2_close: int
    first_ratio: float  # r(1): the uncorrected first step over the corrected one, eps ignored
    peak_step: int  # where r(t) is largest
    peak_ratio: float
    low_step: int  # where r(t) is smallest
    low_ratio: float
    close_step: int  # from here on r(t) stays within 1 % of 1
    closes_within_steps: bool  # whether that happens inside the steps shown
    end_ratio: float  # r at the last step shown
    nonzero: int  # how many gradients of the stream are not 0
    max_step: float  # the largest corrected step, in units of lr
    max_step_uncorrected: float  # the largest uncorrected step, in units of lr


def trace_facts(trace: AdamTrace, config: MomentConfig) -> TraceFacts:
    b1, b2 = config.beta1, config.beta2
    peak_step, peak_ratio = ratio_peak(b1, b2)
    low_step, low_ratio = ratio_low(b1, b2)
    close = steps_to_close_gap(b1, b2)
    return TraceFacts(
        g1=float(trace.g[0]),
        m1=float(trace.m[0]),
        v1=float(trace.v[0]),
        first_step=float(trace.step[0]),
        first_step_uncorrected=float(trace.step_uncorrected[0]),
        factor1_at_1=float(correction_factor(b1, 1)),
        factor2_at_1=float(correction_factor(b2, 1)),
        factor1_close=factor_close_step(b1),
        factor2_close=factor_close_step(b2),
        first_ratio=float(step_ratio(b1, b2, 1)),
        peak_step=peak_step,
        peak_ratio=peak_ratio,
        low_step=low_step,
        low_ratio=low_ratio,
        close_step=close,
        closes_within_steps=close <= config.steps,
        end_ratio=float(step_ratio(b1, b2, config.steps)),
        nonzero=int(np.count_nonzero(trace.g)),
        max_step=float(np.max(np.abs(trace.step)) / config.lr),
        max_step_uncorrected=float(np.max(np.abs(trace.step_uncorrected)) / config.lr),
    )
