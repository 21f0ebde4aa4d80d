"""Median time of the Adam page's compute, single-threaded, at the page's default settings.

    adam_trace:          moments.adam_trace, 200 steps with and without correction (float64)
    adam_compare_paths:  surfaces.compare_paths on the bowl, 4 optimizers x 150 steps (float64)
    adam_run_race:       race.run_race, 4 LSTMs x 150 steps and each first update (float32):
                         the default race, computed once and shared (lstm_viz.warm)
    adam_charts:         building the page's 8 charts (lstm_viz.labs.adam.charts), which every
                         rerun does (Streamlit's serialisation comes on top)

The page's budget is 5 s to idle in the browser for the default run, training included.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from bench.timing import median_ms  # noqa: E402
from lstm_viz.labs.adam import charts as adam_charts  # noqa: E402
from lstm_viz.labs.adam import moments, race, surfaces  # noqa: E402

MOMENTS = moments.MomentConfig()
PATHS = surfaces.PathConfig()
RACE = race.RaceConfig()


def main() -> None:
    trace = moments.adam_trace(MOMENTS)
    paths = surfaces.compare_paths(PATHS)
    runs = race.run_race(RACE).runs

    def build_charts() -> None:
        adam_charts.moment_charts(trace, MOMENTS.lr, "en")
        adam_charts.surface_chart(PATHS.surface, paths, "en")
        adam_charts.path_loss_chart(paths, "en")
        adam_charts.race_charts(runs, RACE.steps, "en")

    workloads = (
        ("adam_trace", "float64", lambda: moments.adam_trace(MOMENTS), 20),
        ("adam_compare_paths", "float64", lambda: surfaces.compare_paths(PATHS), 20),
        ("adam_run_race", "float32", lambda: race.run_race(RACE), 3),
        ("adam_charts", "float32", build_charts, 10),
    )
    for name, dtype, fn, rounds in workloads:
        ms = median_ms(fn, rounds)
        print(f"bench workload={name} dtype={dtype} median_ms={ms:.2f}", flush=True)


if __name__ == "__main__":
    main()
