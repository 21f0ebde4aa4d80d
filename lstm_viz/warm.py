"""Compute every page's shared runs once, before the server starts: ``python -m lstm_viz.warm``.

First the compiled training kernels are compiled (or loaded from numba's cache), so no student
waits for a compile. Then each lab's ``compute.shared_runs()`` lists its default run and every
demo's (``RunSpec``s); a run already in the disk cache (same settings, same code) is skipped, so a
second start costs a few seconds. One line per page, so whoever runs ``make run`` sees progress.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import lstm_viz.labs as labs
from lstm_viz.runs import RunCache


def lab_runs() -> dict[str, list]:
    """{lab name: its shared RunSpecs}, for every lab whose compute module lists some."""
    found = {}
    for info in sorted(pkgutil.iter_modules(labs.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{labs.__name__}.{info.name}.compute")
        if hasattr(module, "shared_runs"):
            found[info.name] = list(module.shared_runs())
    return found


def warm(cache: RunCache, out=sys.stdout) -> int:
    """Compute and store every shared run that the cache lacks; returns how many were computed."""
    computed = 0
    for lab, specs in lab_runs().items():
        start, fresh = time.perf_counter(), 0
        for spec in specs:
            if cache.get(spec) is None:
                cache.put(spec, spec.compute(lambda step, loss, accuracy=None: None))
                fresh += 1
        seconds = time.perf_counter() - start
        print(
            f"warm page={lab} runs={len(specs)} computed={fresh} s={seconds:.1f}",
            file=out,
            flush=True,
        )
        computed += fresh
    return computed


def main() -> None:
    from lstm_viz.nn import compiled

    start = time.perf_counter()
    ready = compiled.warm_up()  # compiled once per machine, then loaded from numba's cache
    engine = "compiled" if ready else "numpy"
    print(f"warm engine={engine} s={time.perf_counter() - start:.1f}", flush=True)
    warm(RunCache.from_env())


if __name__ == "__main__":
    main()
