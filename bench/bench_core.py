"""Median time of one training step (forward, loss, BPTT, Adam update), single-threaded, on the
textbook's two workloads, with each engine (the NumPy layers and the compiled kernels), plus the
textbook-style per-step LSTM as a same-run baseline:

    sound:        B=10, T=391 (4 s clip, 100 ms window, 10 ms hop), D=100, H=20, 10 classes
    expressions:  B=10, T=35, D=43 one-hot symbols, H=64, one sigmoid output

and the two-thread line: the wall time of two trainings run at once in two threads of one
process against one training alone (the kernels release the GIL, so on two free cores the ratio
approaches 1.0; the Python between kernels still takes turns).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import threading  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from bench.textbook_lstm import textbook_step  # noqa: E402
from bench.timing import median_ms  # noqa: E402
from lstm_viz.nn import compiled, model, optim  # noqa: E402

WORKLOADS = {
    "sound": dict(B=10, T=391, D=100, H=20, K=10, loss="softmax"),
    "expressions": dict(B=10, T=35, D=43, H=64, K=1, loss="sigmoid"),
}
ENGINES = ("numpy", "compiled")
REPEATS = 7  # medians of REPEATS rounds, each the mean of a few steps
THREAD_STEPS = 40  # training steps per thread in the two-thread line


def training_step_fn(w: dict, dtype: str, engine: str = "auto"):
    rng = np.random.default_rng(0)
    cfg = model.ModelConfig(
        w["D"], w["H"], w["K"], cell="lstm", loss=w["loss"], dtype=dtype, engine=engine
    )
    params = model.init_model(cfg, seed=0)
    x = rng.standard_normal((w["B"], w["T"], w["D"])).astype(dtype)
    y = rng.integers(0, max(w["K"], 2), w["B"])
    opt = optim.OptimizerConfig("adam", lr=1e-3)
    state = optim.init_state(opt, params)

    def step():
        nonlocal params, state
        _, grads, _, _ = model.loss_and_grads(cfg, params, x, None, y)
        params, state, _ = optim.step(opt, params, grads, state)

    return step


def baseline_fn(w: dict, dtype: str):
    rng = np.random.default_rng(0)
    W = (0.1 * rng.standard_normal((w["D"] + w["H"], 4 * w["H"]))).astype(dtype)
    b = np.zeros(4 * w["H"], dtype)
    x = rng.standard_normal((w["B"], w["T"], w["D"])).astype(dtype)
    d_out = np.ones((w["B"], w["H"]), dtype)
    return lambda: textbook_step(W, b, x, d_out)


def threads_wall_ms(w: dict, engine: str, threads: int) -> float:
    """Wall time of ``threads`` trainings of THREAD_STEPS steps each, run at once."""
    steps = [training_step_fn(w, "float32", engine) for _ in range(threads)]
    for step in steps:
        step()  # compiled, allocated

    def run(step) -> None:
        for _ in range(THREAD_STEPS):
            step()

    workers = [threading.Thread(target=run, args=(step,)) for step in steps]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return 1000.0 * (time.perf_counter() - start)


def main() -> None:
    engines = ENGINES if compiled.AVAILABLE else ("numpy",)
    for name, w in WORKLOADS.items():
        for engine in engines:
            for dtype in ("float32", "float64"):
                ms = median_ms(training_step_fn(w, dtype, engine), REPEATS, inner=5, warmup=True)
                print(
                    f"bench workload={name} engine={engine} dtype={dtype} median_ms={ms:.2f}",
                    flush=True,
                )
        ms = median_ms(baseline_fn(w, "float32"), REPEATS, inner=5, warmup=True)
        print(
            f"bench workload={name}_textbook_baseline dtype=float32 median_ms={ms:.2f}", flush=True
        )
    w = WORKLOADS["sound"]
    for engine in engines:
        one = threads_wall_ms(w, engine, 1)
        two = threads_wall_ms(w, engine, 2)
        print(
            f"bench workload=sound_two_threads engine={engine} dtype=float32 "
            f"one_ms={one:.0f} two_ms={two:.0f} ratio={two / one:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
