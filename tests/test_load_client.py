"""The load test's client (bench/load.py) against a real `streamlit run`: two students with their
own seeds at small settings (the gates page waits for a Train click), and a bystander on the home
page. It asserts only that the protocol works (no errors, every page reached the run that shows
its result, the clicks trained the students' own seeds); timings are benchmark figures."""

from __future__ import annotations

import asyncio
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.load import run_class
from tests.browser_util import start_server, stop_server

ROOT = Path(__file__).resolve().parents[1]
SMALL = "gates_steps=50&classifier_steps=20&classifier_clips=20"


@pytest.fixture
def server(tmp_path):
    # conftest points LSTM_LAB_CACHE at tmp_path/runs; the server inherits it
    server = start_server(ROOT, tmp_path / "server.log")
    yield server
    stop_server(server)


def test_two_students_with_their_own_seeds(server, tmp_path):
    # In its own thread: the browser tests' Playwright keeps an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        results, bystander = pool.submit(
            asyncio.run,
            run_class(server.base_url, 2, "distinct", SMALL, timeout_s=400, bystander_after=1.0),
        ).result()
    for visits in results:
        assert [v.page for v in visits] == ["gates", "classifier"], visits
        for visit in visits:
            assert visit.errors == [], (visit, server.log_tail())
            assert visit.finished, visit
        assert visits[0].clicked  # gates trains a seed of its own on a click (the classifier
        # trains on a session's first visit)
    assert bystander is not None and bystander.finished and bystander.errors == []
    # the Train click kept the link's settings: the gates runs on disk are seeds 1 and 2 at 50 steps
    stored = [pickle.load(path.open("rb")) for path in (tmp_path / "runs").glob("*.pkl")]
    gates = sorted(settings.seed for name, settings, _ in stored if name == "gates.train")
    assert gates == [1, 2]
    assert all(s.steps == 50 for name, s, _ in stored if name == "gates.train")
