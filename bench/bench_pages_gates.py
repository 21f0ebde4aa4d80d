"""Median time of the LSTM gates page's compute, single-threaded: each preset's training run
(data, training, held-out accuracy) and the per-view work that needs no retraining (recording
one example before and after, and a student's expression). The page's budget is 5 s to idle in
the browser for the default run, training included, and 1 s for a view change.

    gates_default:        the default and "Textbook: valid expressions" (H=16, 800 steps)
    gates_first_symbol:   "Remember the first symbol (lag 20)" (600 steps)
    gates_view:           record_example before + after, record_text("(a+12)*b3")
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from bench.timing import median_ms  # noqa: E402
from lstm_viz.labs.gates import compute as gates  # noqa: E402

RUNS = {
    "gates_default": gates.GatesConfig(),
    "gates_first_symbol": gates.GatesConfig(task="first_symbol", lr=0.01, steps=600, lag=20),
}
ROUNDS = 3  # a training run takes seconds: a few rounds give a stable median


def main() -> None:
    for name, config in RUNS.items():
        ms = median_ms(lambda config=config: gates.run_training(config), ROUNDS)
        print(f"bench workload={name} dtype=float32 median_ms={ms:.1f}", flush=True)
    result = gates.run_training(RUNS["gates_default"])

    def view() -> None:
        gates.record_example(result, 0, after=False)
        gates.record_example(result, 0, after=True)
        gates.record_text(result, "(a+12)*b3")

    ms = median_ms(view, rounds=20)
    print(f"bench workload=gates_view dtype=float32 median_ms={ms:.2f}", flush=True)


if __name__ == "__main__":
    main()
