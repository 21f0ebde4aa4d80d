"""Runs computed once and shared: a run's name and settings, a disk cache, a bounded job pool.

A *run* is a deterministic computation a page shows (a training, usually): ``RunSpec(name,
settings, compute, steps)``. ``settings`` is a small frozen dataclass, so the same settings give the
same key in every session and every server process; ``compute(progress)`` calls
``progress(step, loss, accuracy)`` after each of its ``steps`` and returns a picklable record.

- ``RunCache``: finished runs on disk, shared by every session, server process and restart. An
  entry's key is a digest of the run's name, its settings and ``code_fingerprint()`` (every
  compute module's source), so a code change misses. Entries are written to a temporary file and
  renamed (a half-written entry is never read); a corrupt entry is deleted and computed again;
  the folder is kept under ``max_bytes`` by evicting the least recently used entries.
- ``JobPool``: at most ``workers`` runs compute at once, in arrival order. Identical requests in
  flight share one job (single flight); each waiter holds the job, and a job nobody holds any
  more is cancelled: dropped from the queue, or stopped at its next step if it was running.

Threads, not processes: the compiled kernels release the interpreter lock, a job's progress and
result need no pickling, and a cancelled job stops at its next step.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import os
import pickle
import tempfile
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

_LOG = logging.getLogger("lstm_viz")
PACKAGE = Path(__file__).resolve().parent
DEFAULT_CACHE_DIR = PACKAGE.parent / ".cache" / "runs"
DEFAULT_CACHE_BYTES = 512 * 2**20  # the disk cache's bound: 512 MiB


class Progress(Protocol):
    def __call__(self, step: int, loss: float, accuracy: float | None = None) -> None: ...


@dataclass(frozen=True)
class RunSpec:
    """One deterministic run: the key ``(name, settings)`` and how to compute it."""

    name: str  # "<lab>.<what>", e.g. "gates.train"
    settings: Hashable  # a frozen dataclass (its repr is part of the disk key)
    compute: Callable[[Progress], Any] = field(compare=False, hash=False, repr=False)
    steps: int = 1  # the progress bar's total

    @property
    def key(self) -> tuple[str, Hashable]:
        return (self.name, self.settings)


def changed_settings(pinned: Any, current: Any) -> list[tuple[str, Any, Any]]:
    """The fields in which two runs' settings (dataclasses of one type) differ, as (field name,
    pinned value, current value) in the dataclass's field order: what "pin and compare" names."""
    if type(pinned) is not type(current):
        raise TypeError(f"cannot compare {type(pinned).__name__} with {type(current).__name__}")
    changed = []
    for f in dataclasses.fields(pinned):
        a, b = getattr(pinned, f.name), getattr(current, f.name)
        if a != b:
            changed.append((f.name, a, b))
    return changed


def code_fingerprint(root: Path = PACKAGE) -> str:
    """A digest of every compute module's source: ``lstm_viz`` less the Streamlit layer, charts,
    sentences and strings (they do not change what a run computes)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("ui/") or path.name in {"charts.py", "text.py", "strings.py"}:
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def package_fingerprint() -> str:
    """This process's code: read once (a server runs one version of the code)."""
    return code_fingerprint(PACKAGE)


class RunCache:
    """Finished runs on disk, one pickle per entry, bounded by ``max_bytes`` (LRU eviction)."""

    SUFFIX = ".pkl"

    def __init__(
        self, folder: Path | str, max_bytes: int = DEFAULT_CACHE_BYTES, code: str | None = None
    ) -> None:
        self.folder = Path(folder)
        self.max_bytes = int(max_bytes)
        self.code = package_fingerprint() if code is None else code
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls) -> RunCache:
        """The app's cache: folder ``LSTM_LAB_CACHE`` (default ``.cache/runs`` beside the package),
        bound ``LSTM_LAB_CACHE_MB`` megabytes (default 512)."""
        folder = os.environ.get("LSTM_LAB_CACHE") or DEFAULT_CACHE_DIR
        megabytes = os.environ.get("LSTM_LAB_CACHE_MB")
        return cls(folder, int(float(megabytes) * 2**20) if megabytes else DEFAULT_CACHE_BYTES)

    def path(self, spec: RunSpec) -> Path:
        text = f"{spec.name}\0{spec.settings!r}\0{self.code}"
        return self.folder / (hashlib.sha256(text.encode()).hexdigest()[:32] + self.SUFFIX)

    def get(self, spec: RunSpec) -> Any | None:
        """The stored result, or None: missing, or unreadable (then it is deleted)."""
        path = self.path(spec)
        try:
            with path.open("rb") as file:
                name, settings, value = pickle.load(file)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except Exception:  # truncated, corrupt, or from an incompatible version
            _LOG.warning("run cache: dropping unreadable entry %s", path.name)
            path.unlink(missing_ok=True)
            return None
        if name != spec.name or settings != spec.settings:
            return None  # a digest collision: treat as a miss
        try:
            os.utime(path)  # the mtime is the last use: eviction drops the oldest
        except OSError:
            pass
        return value

    def put(self, spec: RunSpec, value: Any) -> None:
        """Store atomically (temporary file, then rename), then evict down to the bound."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as file:
                pickle.dump((spec.name, spec.settings, value), file, pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path(spec))
        except OSError as error:  # a full or read-only disk: the run is still shown
            _LOG.warning("run cache: could not store %s: %s", spec.name, error)
            return
        self.evict()

    def evict(self) -> None:
        """Delete least recently used entries until the folder holds at most ``max_bytes``."""
        with self._lock:
            entries = []
            for path in self.folder.glob("*" + self.SUFFIX):
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue
                entries.append((stat.st_mtime, stat.st_size, path))
            total = sum(size for _, size, _ in entries)
            for _, size, path in sorted(entries):
                if total <= self.max_bytes:
                    break
                path.unlink(missing_ok=True)
                total -= size

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.folder.glob("*" + self.SUFFIX))


class Cancelled(Exception):
    """Raised inside a job's progress callback when nobody waits for the job any more."""


class Job:
    """One run in the pool: its state, latest progress, result or error, and who waits for it."""

    def __init__(self, spec: RunSpec, pool: JobPool) -> None:
        self.spec, self._pool = spec, pool
        self.state = "queued"  # queued -> running -> done | failed | cancelled
        self.step, self.loss, self.accuracy = 0, float("nan"), None
        self.losses: list[float] = []  # every step's loss (the live chart)
        self.started = self.finished = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.holders = 0
        self._done = threading.Event()

    def position(self) -> int:
        """0 while running or finished; n >= 1: n - 1 jobs are queued ahead of this one."""
        return self._pool.position(self)

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def release(self) -> None:
        """This waiter no longer wants the result (its page moved on)."""
        self._pool.release(self)

    def _progress(self, step: int, loss: float, accuracy: float | None = None) -> None:
        if self.holders <= 0:
            raise Cancelled
        self.step, self.loss, self.accuracy = int(step), float(loss), accuracy
        self.losses.append(float(loss))


class JobPool:
    """At most ``workers`` jobs run at once, the others wait in arrival order."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, int(workers))
        self._lock = threading.Condition()
        self._queue: list[Job] = []
        self._jobs: dict[tuple, Job] = {}  # queued or running jobs by their spec's key
        self._threads: list[threading.Thread] = []

    def submit(self, spec: RunSpec) -> Job:
        """The job computing ``spec``: an identical one in flight, or a new one at the queue's end.
        The caller holds the job until it calls ``release``."""
        with self._lock:
            job = self._jobs.get(spec.key)
            if job is None or job.done:
                job = Job(spec, self)
                self._jobs[spec.key] = job
                self._queue.append(job)
                self._start_workers()
                self._lock.notify()
            job.holders += 1
            return job

    def position(self, job: Job) -> int:
        with self._lock:
            return self._queue.index(job) + 1 if job in self._queue else 0

    def release(self, job: Job) -> None:
        with self._lock:
            job.holders -= 1
            if job.holders <= 0 and job in self._queue:
                self._queue.remove(job)
                self._finish(job, "cancelled")

    def queued(self) -> int:
        with self._lock:
            return len(self._queue)

    def _start_workers(self) -> None:
        self._threads = [t for t in self._threads if t.is_alive()]
        while len(self._threads) < self.workers:
            thread = threading.Thread(target=self._work, name="lstm-lab-run", daemon=True)
            thread.start()
            self._threads.append(thread)

    def _finish(self, job: Job, state: str) -> None:
        job.state, job.finished = state, time.monotonic()
        if self._jobs.get(job.spec.key) is job:
            del self._jobs[job.spec.key]
        job._done.set()

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._queue:
                    self._lock.wait()
                job = self._queue.pop(0)
                job.state, job.started = "running", time.monotonic()
            try:
                result, state = job.spec.compute(job._progress), "done"
            except Cancelled:
                result, state = None, "cancelled"
            except Exception as error:  # handed to the waiters, who show one sentence
                _LOG.exception("run %s failed", job.spec.name)
                result, state, job.error = None, "failed", error
            with self._lock:
                job.result = result
                self._finish(job, state)


class Throttle:
    """When a progress display may redraw: at most once per ``every_s``, counted from the *end*
    of the previous redraw (a redraw slower than ``every_s`` never queues another behind it)."""

    def __init__(self, every_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.every_s, self.clock = float(every_s), clock
        self._next = float("-inf")

    def due(self) -> bool:
        return self.clock() >= self._next

    def drawn(self) -> None:
        """Call when a redraw has ended."""
        self._next = self.clock() + self.every_s
