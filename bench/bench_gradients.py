"""Median time of the vanishing and exploding gradients page's three default computations,
single-threaded. The page's budget is 5 s to idle in the browser for the default run, training
included (all three parts), and 1 s for a change that needs no retraining.

    gradients_profile:    part 1, untrained RNN, LSTM and GRU (T = 100, H = 32, float64), with
                          the Jacobian norms; recomputed whenever a part-1 control moves
    gradients_memory:     part 2, RNN, LSTM and GRU trained on the memory task (lag 50, 200 steps)
    gradients_exploding:  part 3, the ReLU RNN trained by SGD without and with clipping
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from bench.timing import median_ms  # noqa: E402
from lstm_viz.labs.gradients import compute as G  # noqa: E402

WORKLOADS = {
    # name: (computation, rounds, dtype of its arithmetic)
    "gradients_profile": (lambda: G.gradient_profile(G.ProfileConfig()), 10, "float64"),
    "gradients_memory": (lambda: G.memory_runs(G.MemoryConfig()), 3, "float32"),
    "gradients_exploding": (lambda: G.exploding_runs(G.ExplodingConfig()), 10, "float32"),
}


def main() -> None:
    for name, (fn, rounds, dtype) in WORKLOADS.items():
        ms = median_ms(fn, rounds)
        print(f"bench workload={name} dtype={dtype} median_ms={ms:.1f}", flush=True)


if __name__ == "__main__":
    main()
