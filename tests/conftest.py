"""Shared test fixtures: a clean Streamlit cache per test, and AppTest for any app script.

Page tests use the ``app_test`` fixture::

    def test_gates_default_run(app_test):
        at = app_test("pages/1_LSTM_gates.py", timeout=20, query={"lang": "ko"})
        at.run()
        assert not at.exception

Paths are relative to the repository root. ``timeout`` is AppTest's ``default_timeout`` in
seconds (Streamlit's own default of 3 s is too short for a page that trains on load).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]

# .streamlit/config.toml hides error details from users ("none"); tests want the real message in
# ``at.exception``.
st.set_option("client.showErrorDetails", "full")


@pytest.fixture(autouse=True)
def _own_run_cache(tmp_path, monkeypatch):
    # The disk cache of finished runs (lstm_viz.runs) is shared by processes: each test gets an
    # empty one, so a test sees its own computations.
    monkeypatch.setenv("LSTM_LAB_CACHE", str(tmp_path / "runs"))


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    # st.cache_data outlives an AppTest in the same process: one test's results must not
    # leak into the next.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def make_app_test(
    path: str, timeout: float = 10.0, query: Mapping[str, str] | None = None
) -> AppTest:
    """An AppTest for ``path`` (relative to the repository root), with URL parameters ``query``."""
    at = AppTest.from_file(str(ROOT / path), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


@pytest.fixture
def app_test() -> Callable[..., AppTest]:
    """``app_test(path, timeout=10.0, query=None)`` -> a not-yet-run AppTest."""
    return make_app_test


# One Chromium and one app server for every browser test module (Playwright's sync API allows one
# instance per process: a second module-level browser failed when the modules ran together).


@pytest.fixture(scope="session")
def browser():
    from tests.browser_util import launch_browser

    yield from launch_browser()


@pytest.fixture(scope="session")
def server(browser):
    """The app exactly as `make run` serves it."""
    from tests.browser_util import serve_app

    yield from serve_app(browser, ROOT, ROOT / "build" / "browser" / "streamlit.log")
