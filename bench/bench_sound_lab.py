"""Wall time of the sound classifier page's computations, single-threaded (float32 models):

    sound_quick_load     reading the default run's data set from the disk cache (``sl.QUICK``:
                         80 clips per class, 100 ms window), what a first visit does before training
    sound_quick_train    the default run itself: an LSTM on that data set, ``sl.QUICK.steps``
                         steps of batch 20, then scoring its held-out clips (the largest part of
                         the page's first visit, whose target is 5 s to idle in the browser)
    sound_table          the textbook table (``SoundLabConfig()``: 80 clips per class, 400 steps,
                         4 models x 2 windows) with its data sets already on disk (target < 60 s)
    sound_dataset_build  synthesising and featurising both windows' table data sets from nothing
                         (the first visit ever, once per machine: the disk cache keeps them)

Lines starting with "#" give the accuracies that come with the times, and with ``--seeds N`` the
default run's LSTM against cheaper defaults (half the clips, 120 steps) over seeds 0 .. N-1: the
evidence for ``sl.QUICK`` (new seeds' data sets are built first, which takes a while).
Run ``.venv/bin/python bench/bench_sound_lab.py [--repeats R] [--seeds N] [--no-table]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from lstm_viz.audio.dataset import build_sound_dataset  # noqa: E402
from lstm_viz.labs.classifier import compute as sl  # noqa: E402


def run_table(config: sl.SoundLabConfig) -> dict[tuple[float, str], sl.SoundRun]:
    """Every model on every window, as the "Run the textbook table" button trains them."""
    return {(w, k): sl.run_sound_model(config, k, w) for w in sl.WINDOWS_MS for k in sl.MODEL_KINDS}


def timed(fn, repeats: int) -> tuple[float, object]:
    """Median wall time (ms) of ``repeats`` calls, and the last call's result."""
    times, result = [], None
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        result = fn()
        times.append(1000 * (time.perf_counter() - t0))
    return float(np.median(times)), result


def quick(repeats: int) -> None:
    config, window = sl.QUICK, 100.0
    sl.load_dataset(config, window)  # build it once if this machine never did
    load_ms, data = timed(lambda: sl.load_dataset(config, window), repeats)
    train_ms, run = timed(lambda: sl.run_sound_model(config, "lstm", window, data), repeats)
    print(
        f"# default run: LSTM, 100 ms, {config.n_per_class} clips per class, {config.steps} "
        f"steps: {100 * run.accuracy:.1f} % of {len(run.y_true)} held-out clips"
    )
    print(f"bench workload=sound_quick_load dtype=float32 median_ms={load_ms:.0f}")
    print(f"bench workload=sound_quick_train dtype=float32 median_ms={train_ms:.0f}")


def seeds(n: int) -> None:
    """The default run's LSTM against cheaper defaults, held-out accuracy over ``n`` seeds."""
    variants = {
        "default": sl.QUICK,
        "half the clips": dataclasses.replace(sl.QUICK, n_per_class=sl.QUICK.n_per_class // 2),
        "120 steps": dataclasses.replace(sl.QUICK, steps=120),
    }
    for label, base in variants.items():
        accuracies = []
        for seed in range(n):
            config = dataclasses.replace(base, seed=seed)
            accuracies.append(sl.run_sound_model(config, "lstm", 100.0).accuracy)
        cells = " ".join(f"{100 * a:.1f}" for a in accuracies)
        mean = 100 * np.mean(accuracies)
        print(
            f"# {label} ({base.n_per_class} clips per class, {base.steps} steps): "
            f"mean {mean:.1f} %  [{cells}]"
        )


def table() -> None:
    config = sl.SoundLabConfig()
    t0 = time.perf_counter()
    for window in sl.WINDOWS_MS:
        build_sound_dataset(config.dataset_config(window), use_cache=False)
    build_ms = 1000 * (time.perf_counter() - t0)
    for window in sl.WINDOWS_MS:
        sl.load_dataset(config, window)  # make sure the disk cache holds both
    table_ms, result = timed(lambda: run_table(config), 1)  # one table is ~40 s
    for window in sl.WINDOWS_MS:
        cells = "  ".join(
            f"{kind}={100 * result[(window, kind)].accuracy:.1f}% "
            f"({result[(window, kind)].seconds:.1f} s)"
            for kind in sl.MODEL_KINDS
        )
        print(f"# {window:g} ms: {cells}")
    for claim in sl.compare_with_textbook({c: r.accuracy for c, r in result.items()}):
        print(
            f"# {claim.key}: textbook {claim.textbook}, ours {claim.ours} "
            f"({claim.ours_cases} of {claim.cases})"
        )
    print(f"bench workload=sound_table dtype=float32 median_ms={table_ms:.0f}")
    print(f"bench workload=sound_dataset_build dtype=float32 median_ms={build_ms:.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs of the default run's parts")
    parser.add_argument("--seeds", type=int, default=0, help="compare QUICK's data over N seeds")
    parser.add_argument("--no-table", action="store_true", help="skip the ~1 min table")
    args = parser.parse_args(argv)
    quick(args.repeats)
    if args.seeds:
        seeds(args.seeds)
    if not args.no_table:
        table()


if __name__ == "__main__":
    main()
