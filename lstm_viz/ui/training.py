"""The one way a page gets a run: find it (memory, then disk), or compute it in the shared pool
with a progress bar; and the one sentence of a diverged training.

A page's training section::

    spec = compute.train_spec(config)              # lstm_viz.runs.RunSpec: name, settings, compute
    run = training.find(spec)                      # a finished run, or None (never computes)
    if run is None and (spec in compute.shared_runs() or shell.train_button()):
        run = training.run(spec)                   # queued, progress shown; None if not finished
    if run is not None and run.diverged:
        st.warning(training.diverged_sentence(run.diverged))

- Memory: a bounded ``st.cache_data`` store keyed by ``(name, settings)``, shared by the sessions
  of this server process (``RESULT_CACHE_ENTRIES``).
- Disk: ``lstm_viz.runs.RunCache`` under ``LSTM_LAB_CACHE`` (default ``.cache/runs`` beside the
  package), bounded by ``LSTM_LAB_CACHE_MB``; shared by every process and restart, and warmed by
  ``python -m lstm_viz.warm`` (``make run`` does it before it starts the server).
- Compute: ``POOL``, one ``JobPool`` per server process with a worker per core. Identical requests
  share one job; a session that waits shows its place in the queue; a session that moves on (a
  rerun interrupts the wait) releases its job, which is cancelled when nobody else waits for it.
- Progress: the bar redraws at most every ``BAR_EVERY_S`` after the end of the previous redraw; a
  live loss chart appears only once a job has run for ``LIVE_CHART_AFTER_S``, its spec built once,
  each redraw sending the same spec with new rows (the browser updates the chart in place).
"""

from __future__ import annotations

import os
import time
from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from lstm_viz.nn.train import Divergence
from lstm_viz.runs import (
    JobPool,
    RunCache,
    RunSpec,
    Throttle,
)
from lstm_viz.ui import charts
from lstm_viz.ui.i18n import current_lang, t

RESULT_CACHE_ENTRIES = 48  # finished runs kept in memory per server process
BAR_EVERY_S = 0.25
LIVE_CHART_AFTER_S = 3.0
CHART_EVERY_S = 1.0
LIVE_POINTS = 400  # the live chart's curve is thinned to at most this many points

POOL = JobPool(os.cpu_count() or 1)


_MISSING = object()


class _NotCached(Exception):
    pass


@st.cache_data(max_entries=RESULT_CACHE_ENTRIES, show_spinner=False)
def _memory(name: str, settings: Hashable, _value: Any = _MISSING) -> Any:
    # Arguments starting with "_" are not part of the key: a lookup (no _value) and a store (with
    # _value) hit the same entry. A lookup raises, and exceptions are never cached.
    if _value is _MISSING:
        raise _NotCached
    return _value


def find(spec: RunSpec) -> Any | None:
    """The finished run for ``spec`` from memory or disk, or None; never computes."""
    try:
        return _memory(spec.name, spec.settings)
    except _NotCached:
        pass
    value = RunCache.from_env().get(spec)
    if value is not None:
        _memory(spec.name, spec.settings, _value=value)
    return value


def store(spec: RunSpec, value: Any) -> None:
    _memory(spec.name, spec.settings, _value=value)
    RunCache.from_env().put(spec, value)


def run(spec: RunSpec, counting: str | None = None) -> Any | None:
    """The run for ``spec``: found, or computed in the pool while a progress bar shows. Returns
    None if the job failed (one sentence is shown) or was cancelled.

    ``counting``: for a run whose steps are not training steps (clips featurised, say), the
    catalogue key of the bar's words, given ``done`` and ``total``; no loss and no live chart."""
    found = find(spec)
    if found is not None:
        return found
    job = POOL.submit(spec)
    bar, chart_slot = st.progress(0.0, text=t("common.training_started")), st.empty()
    live = _LiveChart(spec.steps, chart_slot)
    throttle = Throttle(BAR_EVERY_S)
    try:
        while not job.wait(BAR_EVERY_S if throttle.due() else 0.05):
            if not throttle.due():
                continue
            bar.progress(
                min(1.0, job.step / max(1, spec.steps)), text=_progress_text(job, spec, counting)
            )
            running = job.state == "running" and counting is None
            if running and time.monotonic() - job.started >= LIVE_CHART_AFTER_S:
                live.draw(job.losses)
            throttle.drawn()
    finally:
        job.release()  # a rerun interrupts the wait here: the job goes if nobody else waits
    bar.empty()
    chart_slot.empty()
    if job.state == "done":
        store(spec, job.result)
        return job.result
    if job.state == "failed":
        st.error(t("common.run_failed"), icon=":material/error:")
    return None


def _progress_text(job, spec: RunSpec, counting: str | None = None) -> str:
    if job.state == "queued":
        ahead = job.position() - 1
        return t("common.queued", ahead=ahead) if ahead else t("common.queued_next")
    if counting is not None:
        return t(counting, done=job.step, total=spec.steps)
    text = t("common.progress", step=job.step, total=spec.steps, loss=f"{job.loss:.4g}")
    if job.accuracy is not None:
        text += " · " + t("common.progress_accuracy", accuracy=f"{100 * job.accuracy:.1f}")
    return text


class _LiveChart:
    """The live loss curve: one Vega-Lite spec, built on its first draw, fed new rows."""

    def __init__(self, total_steps: int, slot) -> None:
        self.total_steps, self.slot = max(1, total_steps), slot
        self.spec: dict | None = None
        self.throttle = Throttle(CHART_EVERY_S)

    def draw(self, losses: list[float]) -> None:
        if not losses or not self.throttle.due():
            return
        if self.spec is None:
            self.spec = charts.live_loss_spec(
                title=t("common.live_loss"),
                x_title=t("common.step"),
                y_title=t("common.loss"),
                total_steps=self.total_steps,
                lang=current_lang(),
            )
        n = len(losses)
        idx = np.unique(np.linspace(0, n - 1, min(n, LIVE_POINTS)).astype(int))
        rows = pd.DataFrame({"step": idx + 1, "loss": np.asarray(losses, float)[idx]})
        self.slot.vega_lite_chart(rows, self.spec, width="stretch")
        self.throttle.drawn()


def diverged_sentence(diverged: Divergence, model: str | None = None) -> str:
    """One sentence, in the page's language, from the record's numbers."""
    what = t(f"common.diverged_{diverged.what}")
    if model is None:
        return t("common.diverged", step=diverged.step, what=what)
    return t("common.diverged_model", model=model, step=diverged.step, what=what)
