"""Median time of one training step (forward, loss, BPTT, Adam update), single-threaded, on the
textbook's two workloads, plus the textbook-style per-step LSTM as a same-run baseline.

    sound:        B=10, T=391 (4 s clip, 100 ms window, 10 ms hop), D=100, H=20, 10 classes
    expressions:  B=10, T=35, D=43 one-hot symbols, H=64, one sigmoid output
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from bench.textbook_lstm import textbook_step  # noqa: E402
from bench.timing import median_ms  # noqa: E402
from lstm_viz.nn import (
    model,  # noqa: E402
    optim,  # noqa: E402
)

WORKLOADS = {
    "sound": dict(B=10, T=391, D=100, H=20, K=10, loss="softmax"),
    "expressions": dict(B=10, T=35, D=43, H=64, K=1, loss="sigmoid"),
}
REPEATS = 7  # medians of REPEATS rounds, each the mean of a few steps


def training_step_fn(w: dict, dtype: str):
    rng = np.random.default_rng(0)
    cfg = model.ModelConfig(w["D"], w["H"], w["K"], cell="lstm", loss=w["loss"], dtype=dtype)
    params = model.init_model(cfg, seed=0)
    x = rng.standard_normal((w["B"], w["T"], w["D"])).astype(dtype)
    y = rng.integers(0, max(w["K"], 2), w["B"])
    opt = optim.OptimizerConfig("adam", lr=1e-3)
    state = optim.init_state(opt, params)

    def step():
        _, grads, _, _ = model.loss_and_grads(cfg, params, x, None, y)
        optim.step(opt, params, grads, state)

    return step


def baseline_fn(w: dict, dtype: str):
    rng = np.random.default_rng(0)
    W = (0.1 * rng.standard_normal((w["D"] + w["H"], 4 * w["H"]))).astype(dtype)
    b = np.zeros(4 * w["H"], dtype)
    x = rng.standard_normal((w["B"], w["T"], w["D"])).astype(dtype)
    d_out = np.ones((w["B"], w["H"]), dtype)
    return lambda: textbook_step(W, b, x, d_out)


def main() -> None:
    for name, w in WORKLOADS.items():
        for dtype in ("float32", "float64"):
            ms = median_ms(training_step_fn(w, dtype), REPEATS, inner=5, warmup=True)
            print(f"bench workload={name} dtype={dtype} median_ms={ms:.2f}", flush=True)
        ms = median_ms(baseline_fn(w, "float32"), REPEATS, inner=5, warmup=True)
        print(
            f"bench workload={name}_textbook_baseline dtype=float32 median_ms={ms:.2f}", flush=True
        )


if __name__ == "__main__":
    main()
