"""Tests for lstm_viz.runs: the disk cache, the job pool (single flight, order, cancellation) and
the redraw throttle."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from lstm_viz.runs import Cancelled, JobPool, RunCache, RunSpec, Throttle, code_fingerprint

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    n: int
    label: str = "x"


def square(settings: Settings):
    return lambda progress: {"n": settings.n, "square": settings.n**2}


def spec(n: int, name: str = "test.square") -> RunSpec:
    s = Settings(n)
    return RunSpec(name, s, square(s), steps=1)


def test_a_stored_run_is_found_and_other_settings_miss(tmp_path):
    cache = RunCache(tmp_path, code="v1")
    assert cache.get(spec(3)) is None
    cache.put(spec(3), {"n": 3, "square": 9})
    assert cache.get(spec(3)) == {"n": 3, "square": 9}
    assert cache.get(spec(4)) is None
    assert cache.get(spec(3, name="test.other")) is None


def test_a_second_process_finds_the_first_ones_result(tmp_path):
    code = (
        "import sys; sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r});"
        "from test_runs import spec; from lstm_viz.runs import RunCache;"
        "cache = RunCache({folder!r}, code='v1');"
        "{action}"
    )
    fmt = dict(root=str(ROOT), tests=str(ROOT / "tests"), folder=str(tmp_path))
    put = code.format(**fmt, action="cache.put(spec(5), {'n': 5, 'square': 25})")
    get = code.format(**fmt, action="print(cache.get(spec(5)))")
    subprocess.run([sys.executable, "-c", put], check=True)
    out = subprocess.run([sys.executable, "-c", get], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "{'n': 5, 'square': 25}"


def test_a_code_change_misses(tmp_path):
    RunCache(tmp_path, code="v1").put(spec(3), {"n": 3})
    assert RunCache(tmp_path, code="v2").get(spec(3)) is None
    assert RunCache(tmp_path, code="v1").get(spec(3)) == {"n": 3}


def test_the_code_fingerprint_follows_compute_sources_only(tmp_path):
    package = tmp_path / "pkg"
    (package / "ui").mkdir(parents=True)
    (package / "labs" / "x").mkdir(parents=True)
    (package / "core.py").write_text("A = 1\n")
    (package / "labs" / "x" / "charts.py").write_text("C = 1\n")
    (package / "ui" / "page.py").write_text("P = 1\n")
    before = code_fingerprint(package)
    (package / "labs" / "x" / "charts.py").write_text("C = 2\n")
    (package / "ui" / "page.py").write_text("P = 2\n")
    assert code_fingerprint(package) == before  # drawing code does not change a run
    (package / "core.py").write_text("A = 2\n")
    assert code_fingerprint(package) != before


def test_the_bound_evicts_the_least_recently_used(tmp_path):
    cache = RunCache(tmp_path, max_bytes=10**9, code="v1")
    payload = b"\0" * 50_000
    for n in range(4):
        cache.put(spec(n), payload)
    size_one = cache.path(spec(0)).stat().st_size
    for n, mtime in zip(range(4), (100, 300, 200, 400), strict=True):
        os.utime(cache.path(spec(n)), (mtime, mtime))
    cache.max_bytes = 3 * size_one
    cache.evict()
    assert cache.get(spec(0)) is None  # the oldest use went first
    assert [cache.get(spec(n)) == payload for n in (1, 2, 3)] == [True, True, True]
    assert cache.size() <= cache.max_bytes


@pytest.mark.parametrize("content", [b"", b"garbage, not a pickle", b"\x80\x05\x95"])
def test_a_corrupt_or_half_written_entry_is_a_miss_and_is_deleted(tmp_path, content):
    cache = RunCache(tmp_path, code="v1")
    cache.put(spec(3), {"n": 3})
    cache.path(spec(3)).write_bytes(content)
    assert cache.get(spec(3)) is None
    assert not cache.path(spec(3)).exists()
    cache.put(spec(3), {"n": 3})  # computed again, stored again
    assert cache.get(spec(3)) == {"n": 3}


def test_writes_leave_no_temporary_files(tmp_path):
    cache = RunCache(tmp_path, code="v1")
    for n in range(3):
        cache.put(spec(n), n)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".pkl"] * 3


def test_an_unwritable_folder_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = RunCache(blocker / "runs", code="v1")
    cache.put(spec(1), 1)  # logged, not raised: the page still shows the run
    assert cache.get(spec(1)) is None


# ----------------------------------------------------------------------------- the job pool


class Gate:
    """A compute function that waits until released, counting its calls and steps."""

    def __init__(self, steps: int = 3) -> None:
        self.release, self.started = threading.Event(), threading.Event()
        self.calls, self.steps = 0, steps

    def __call__(self, progress):
        self.calls += 1
        self.started.set()
        assert self.release.wait(10)
        for step in range(1, self.steps + 1):
            progress(step, 1.0 / step)
        return self.calls


def gated_spec(n: int, gate: Gate) -> RunSpec:
    return RunSpec("test.gate", Settings(n), gate, steps=gate.steps)


def test_identical_requests_in_flight_share_one_computation():
    pool, gate = JobPool(1), Gate()
    first = pool.submit(gated_spec(1, gate))
    second = pool.submit(gated_spec(1, gate))
    assert first is second and first.holders == 2
    gate.release.set()
    assert first.wait(10) and first.state == "done" and first.result == 1
    assert gate.calls == 1


def test_jobs_run_in_arrival_order_and_show_their_place_in_the_queue():
    pool = JobPool(1)
    gates = [Gate() for _ in range(3)]
    jobs = [pool.submit(gated_spec(n, g)) for n, g in enumerate(gates)]
    assert gates[0].started.wait(10)
    assert [job.position() for job in jobs] == [0, 1, 2]
    order = []
    for n, (gate, job) in enumerate(zip(gates, jobs, strict=True)):
        gate.release.set()
        assert job.wait(10)
        order.append(n)
        if n + 1 < len(jobs):
            assert gates[n + 1].started.wait(10)
    assert order == [0, 1, 2] and [job.state for job in jobs] == ["done"] * 3


def test_a_released_queued_job_is_cancelled_and_never_computed():
    pool = JobPool(1)
    busy, queued = Gate(), Gate()
    running = pool.submit(gated_spec(1, busy))
    waiting = pool.submit(gated_spec(2, queued))
    assert busy.started.wait(10)
    waiting.release()
    assert waiting.done and waiting.state == "cancelled" and pool.queued() == 0
    busy.release.set()
    assert running.wait(10) and running.state == "done"
    assert queued.calls == 0


def test_a_job_one_waiter_still_holds_is_not_cancelled():
    pool = JobPool(1)
    busy, shared = Gate(), Gate()
    pool.submit(gated_spec(1, busy))
    a, b = pool.submit(gated_spec(2, shared)), pool.submit(gated_spec(2, shared))
    a.release()
    assert b.state == "queued"
    busy.release.set()
    shared.release.set()
    assert b.wait(10) and b.state == "done"


def test_a_running_job_nobody_waits_for_stops_at_its_next_step():
    pool, gate = JobPool(1), Gate(steps=1000)
    job = pool.submit(gated_spec(1, gate))
    assert gate.started.wait(10)
    job.release()
    gate.release.set()
    assert job.wait(10) and job.state == "cancelled" and job.step == 0


def test_a_failing_job_hands_its_error_to_the_waiters_and_the_pool_goes_on():
    def boom(progress):
        raise ValueError("bad settings")

    pool = JobPool(1)
    job = pool.submit(RunSpec("test.boom", Settings(0), boom))
    assert job.wait(10) and job.state == "failed" and isinstance(job.error, ValueError)
    after = pool.submit(spec(7))
    assert after.wait(10) and after.result == {"n": 7, "square": 49}


def test_the_pool_runs_at_most_its_workers_at_once():
    pool = JobPool(2)
    gates = [Gate() for _ in range(3)]
    jobs = [pool.submit(gated_spec(n, g)) for n, g in enumerate(gates)]
    assert gates[0].started.wait(10) and gates[1].started.wait(10)
    assert not gates[2].started.wait(0.2) and jobs[2].position() == 1
    for gate in gates:
        gate.release.set()
    assert all(job.wait(10) for job in jobs)


def test_progress_after_release_raises_cancelled_inside_the_job():
    pool = JobPool(1)
    job = pool.submit(spec(1))
    job.wait(10)
    job.holders = 0
    with pytest.raises(Cancelled):
        job._progress(1, 0.5)


# ----------------------------------------------------------------------------- the throttle


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_throttle_allows_one_redraw_per_interval_counted_from_the_end_of_the_last():
    clock = FakeClock()
    throttle = Throttle(0.25, clock)
    draws = []
    for tick in range(200):  # 2 s in steps of 10 ms; each redraw takes 40 ms
        clock.now = tick * 0.01
        if throttle.due():
            draws.append(clock.now)
            clock.now += 0.04
            throttle.drawn()
    gaps = [b - a for a, b in zip(draws, draws[1:], strict=False)]
    assert draws[0] == 0.0 and min(gaps) >= 0.25 + 0.04 - 1e-9
    assert len(draws) == 7  # 2 s / 0.29 s, rounded up


def test_a_slow_redraw_never_queues_another_behind_it():
    clock = FakeClock()
    throttle = Throttle(0.25, clock)
    assert throttle.due()
    clock.now = 1.0  # the redraw took a whole second
    throttle.drawn()
    clock.now = 1.2
    assert not throttle.due()
    clock.now = 1.25
    assert throttle.due()


@dataclass(frozen=True)
class _Settings:
    lr: float = 0.01
    seed: int = 0
    lag: int = 20


def test_changed_settings_names_each_field_that_differs_in_field_order():
    from lstm_viz.runs import changed_settings

    assert changed_settings(_Settings(), _Settings()) == []
    assert changed_settings(_Settings(seed=3), _Settings(lr=0.1)) == [
        ("lr", 0.01, 0.1),
        ("seed", 3, 0),
    ]
    with pytest.raises(TypeError):
        changed_settings(_Settings(), object())
