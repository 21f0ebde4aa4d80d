"""SGD, momentum and Adam with and without bias correction on two 2-D loss surfaces.

The surfaces: an ill-conditioned bowl f = (x^2 + KAPPA y^2) / 2 and a Rosenbrock-like valley
f = (1 - x)^2 + B (y - x^2)^2 with B = 10 (the classic uses 100), minimum at (1, 1). Paths use
``lstm_viz.nn.optim.step``; one that leaves |x|, |y| <= BLOWUP or turns non-finite is stopped there
and reported. Facts tests/test_adam_surfaces.py pins:

- Adam's first step moves each coordinate by lr (the corrected m_hat / sqrt(v_hat) is sign(g)),
  whatever the gradient's size; without correction by r(1) lr = 3.16 lr for (0.9, 0.999).
- On the bowl SGD with lr 0.08 > 1 / KAPPA overshoots along the steep y: y changes sign at every
  one of the first 8 steps, while Adam heads diagonally and y keeps its sign.
- In the valley SGD crawls: the steep walls cap its lr (about 0.012 at the default start), so it
  stays far from the minimum while Adam, whose steps are about lr in each coordinate whatever
  the gradient's size, follows the floor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.nn import optim

SURFACES = ("bowl", "rosenbrock")
KAPPA = 20.0  # the bowl's condition number (curvature along y over along x)
B = 10.0  # the valley's steepness across its floor
BLOWUP = 1e6  # a path coordinate beyond this counts as blown up; the path stops there


@dataclass(frozen=True)
class SurfaceInfo:
    extent: tuple[tuple[float, float], tuple[float, float]]  # ((x_min, x_max), (y_min, y_max))
    minimum: tuple[float, float]
    start: tuple[float, float]  # the default start point
    lrs: tuple[tuple[str, float], ...]  # sensible default learning rate per optimizer


SURFACE_INFO = {
    # SGD is stable on the bowl for lr < 2 / KAPPA = 0.1; Adam's steps are about lr per coordinate.
    "bowl": SurfaceInfo(
        ((-5.0, 5.0), (-3.0, 3.0)),
        (0.0, 0.0),
        (-4.5, 2.0),
        (("sgd", 0.08), ("momentum", 0.01), ("adam", 0.1)),
    ),
    # The valley's curvature near the start is about 170, so SGD needs lr below about 0.012.
    "rosenbrock": SurfaceInfo(
        ((-2.0, 2.0), (-1.0, 3.0)),
        (1.0, 1.0),
        (-1.5, 2.5),
        (("sgd", 0.01), ("momentum", 0.002), ("adam", 0.05)),
    ),
}


def surface_loss(surface: str, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    x, y = np.asarray(x, float), np.asarray(y, float)
    if surface == "bowl":
        return 0.5 * (x * x + KAPPA * y * y)
    if surface == "rosenbrock":
        return (1.0 - x) ** 2 + B * (y - x * x) ** 2
    raise ValueError(f"surface must be one of {SURFACES}, got {surface!r}")


def surface_grad(surface: str, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(df/dx, df/dy)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    if surface == "bowl":
        return x, KAPPA * y
    if surface == "rosenbrock":
        valley = y - x * x  # how far above the floor y = x^2
        return -2.0 * (1.0 - x) - 4.0 * B * x * valley, 2.0 * B * valley
    raise ValueError(f"surface must be one of {SURFACES}, got {surface!r}")


@dataclass(frozen=True)
class LossGrid:
    x: np.ndarray  # (n,) cell centres
    y: np.ndarray  # (n,)
    loss: np.ndarray  # (n, n), loss[j, i] at (x[i], y[j])
    dx: float  # cell width
    dy: float


def loss_grid(surface: str, n: int = 60) -> LossGrid:
    (x0, x1), (y0, y1) = SURFACE_INFO[surface].extent
    dx, dy = (x1 - x0) / n, (y1 - y0) / n
    x = x0 + dx * (np.arange(n) + 0.5)  # (n,)
    y = y0 + dy * (np.arange(n) + 0.5)
    return LossGrid(x, y, surface_loss(surface, x[None, :], y[:, None]), dx, dy)


@dataclass(frozen=True)
class PathConfig:
    surface: str = "bowl"
    start: tuple[float, float] | None = None  # None: the surface's default start
    steps: int = 150
    sgd_lr: float | None = None  # None: the surface's default for that optimizer
    momentum_lr: float | None = None
    adam_lr: float | None = None
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def __post_init__(self) -> None:
        if self.surface not in SURFACES:
            raise ValueError(f"surface must be one of {SURFACES}, got {self.surface!r}")


@dataclass(frozen=True)
class OptimizerPath:
    name: str  # one of lstm_viz.labs.adam.RUNS
    lr: float
    xy: np.ndarray  # (S + 1, 2) the start, then every step's point (fewer if stopped)
    loss: np.ndarray  # (S + 1,)
    left_at: int | None  # first step outside the surface's extent (None: stayed inside)
    stopped_at: int | None  # step where it blew up and was stopped (None: it did not)


def run_configs(
    lrs: dict[str, float], momentum: float, beta1: float, beta2: float, eps: float
) -> dict[str, optim.OptimizerConfig]:
    """The four optimizers of ``lstm_viz.labs.adam.RUNS``; ``lrs`` maps "sgd", "momentum",
    "adam" to a learning rate (both Adam runs share one)."""
    adam = dict(lr=lrs["adam"], beta1=beta1, beta2=beta2, eps=eps)
    return {
        "sgd": optim.OptimizerConfig("sgd", lrs["sgd"]),
        "momentum": optim.OptimizerConfig("momentum", lrs["momentum"], momentum=momentum),
        "adam": optim.OptimizerConfig("adam", **adam),
        "adam_uncorrected": optim.OptimizerConfig("adam", bias_correction=False, **adam),
    }


def path_lrs(config: PathConfig) -> dict[str, float]:
    given = {"sgd": config.sgd_lr, "momentum": config.momentum_lr, "adam": config.adam_lr}
    defaults = dict(SURFACE_INFO[config.surface].lrs)
    return {k: defaults[k] if v is None else float(v) for k, v in given.items()}


def optimize_path(
    surface: str, opt: optim.OptimizerConfig, start: tuple[float, float], steps: int, name: str = ""
) -> OptimizerPath:
    """Follow ``opt`` from ``start`` for ``steps`` updates (fewer if the path blows up)."""
    (x0, x1), (y0, y1) = SURFACE_INFO[surface].extent
    params = {"xy": np.asarray(start, dtype=float)}  # (2,)
    state = optim.init_state(opt, params)
    points, left_at, stopped_at = [params["xy"]], None, None
    with np.errstate(over="ignore", invalid="ignore"):  # blow-ups are detected, not warned
        for k in range(1, steps + 1):
            gx, gy = surface_grad(surface, *params["xy"])
            params, state, _ = optim.step(opt, params, {"xy": np.array([gx, gy])}, state)
            x, y = params["xy"]
            if not (np.isfinite(x) and np.isfinite(y)) or max(abs(x), abs(y)) > BLOWUP:
                stopped_at = k  # this point is not kept: it cannot be drawn or its loss is inf
                break
            points.append(params["xy"])
            if left_at is None and not (x0 <= x <= x1 and y0 <= y <= y1):
                left_at = k
        xy = np.array(points)  # (S + 1, 2)
        loss = surface_loss(surface, xy[:, 0], xy[:, 1])
    return OptimizerPath(name or opt.name, opt.lr, xy, loss, left_at, stopped_at)


def sign_flips(path: OptimizerPath, axis: int = 1, k: int = 8) -> int:
    """How often coordinate ``axis`` changes sign over the first ``k`` steps: the zig-zags."""
    signs = np.sign(path.xy[: k + 1, axis])  # (k + 1,)
    return int(np.sum(signs[1:] * signs[:-1] < 0))


def compare_paths(config: PathConfig) -> dict[str, OptimizerPath]:
    """The four optimizers' paths from one start, in ``RUNS`` order."""
    info = SURFACE_INFO[config.surface]
    start = info.start if config.start is None else tuple(map(float, config.start))
    configs = run_configs(path_lrs(config), config.momentum, config.beta1, config.beta2, config.eps)
    return {
        name: optimize_path(config.surface, opt, start, config.steps, name)
        for name, opt in configs.items()
    }


@dataclass(frozen=True)
class PathFacts:
    """The numbers the sentences under the paths quote (``lstm_viz.labs.adam.text``)."""

    first_dx: float | None  # |x_1 - x_0| of corrected Adam (None: it stopped at step 1)
    first_dy: float | None
    first_ratio: float | None  # uncorrected over corrected first move (None: not measurable)
    flip_steps: int  # the first steps counted for the zig-zags (up to 8)
    sgd_flips: int  # sign changes of y over those steps
    adam_flips: int
    steps: int  # the updates SGD and corrected Adam both made
    sgd_loss: float  # the loss after them
    adam_loss: float


def path_facts(paths: dict[str, OptimizerPath]) -> PathFacts:
    adam, raw, sgd = paths["adam"], paths["adam_uncorrected"], paths["sgd"]
    dx = dy = ratio = None
    if len(adam.xy) > 1:
        dx, dy = map(float, np.abs(adam.xy[1] - adam.xy[0]))
        moved = float(np.hypot(dx, dy))
        if moved > 0 and len(raw.xy) > 1:
            ratio = float(np.hypot(*(raw.xy[1] - raw.xy[0]))) / moved
    k = min(8, len(sgd.xy) - 1, len(adam.xy) - 1)
    steps = min(len(sgd.xy), len(adam.xy)) - 1
    return PathFacts(
        dx,
        dy,
        ratio,
        k,
        sign_flips(sgd, axis=1, k=k),
        sign_flips(adam, axis=1, k=k),
        steps,
        float(sgd.loss[steps]),
        float(adam.loss[steps]),
    )
