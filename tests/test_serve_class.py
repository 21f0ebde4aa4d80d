"""deploy/serve_class.sh: two Streamlit replicas behind Debian's nginx on this machine. Two browser
sessions that land on two different replicas each upload a clip to the FFT page; the upload only
works if nginx keeps each session (websocket and upload request) on its own replica."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.browser_util import EXCEPTION, free_port, wait_idle
from tests.test_browser import PAGE_TIMEOUT_S, VIEWPORT, browser  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def class_server(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing (apt-get install -y nginx; .ci/run installs it)")
    state = tmp_path_factory.mktemp("serve_class")
    base = free_port()
    while any(_port_taken(base + i) for i in range(3)):
        base = free_port()
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "NGINX_BIN": NGINX,
        "BASE_PORT": str(base),
        "LISTEN": f"127.0.0.1:{base}",
        "STATE": str(state),
        "LSTM_LAB_CACHE": str(state / "runs"),
    }
    log = (state / "serve_class.log").open("w")
    process = subprocess.Popen(
        ["bash", str(ROOT / "deploy" / "serve_class.sh"), "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{base}"
    deadline = time.monotonic() + 120
    while "serve-class:" not in (state / "serve_class.log").read_text():
        assert process.poll() is None, (state / "serve_class.log").read_text()
        assert time.monotonic() < deadline, "serve_class.sh did not come up within 120 s"
        time.sleep(0.2)
    yield url
    process.send_signal(signal.SIGTERM)  # the script stops its replicas and nginx
    process.wait(timeout=30)


def _port_taken(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=0.5)
    except OSError:
        return False
    return True


def _tone_wav(freq: float) -> bytes:
    t = np.arange(16_000) / 16_000
    buffer = io.BytesIO()
    soundfile.write(buffer, 0.5 * np.sin(2 * np.pi * freq * t), 16_000, format="WAV")
    return buffer.getvalue()


def _session_replica(context, url: str) -> str:
    """The replica nginx sends this browser to: its cookie decides, for every request."""
    reply = context.request.get(f"{url}/_stcore/health")
    assert reply.ok
    return reply.headers["x-lstm-lab-replica"]


def test_two_sessions_on_two_replicas_each_upload_a_clip(browser, class_server):  # noqa: F811
    sessions: dict[str, object] = {}
    for _ in range(12):  # each new browser draws a route cookie; 2 replicas: 12 tries suffice
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(f"{class_server}/FFT_spectrogram?lang=en&fft_source=upload")
        wait_idle(page, PAGE_TIMEOUT_S)
        replica = _session_replica(context, class_server)
        if replica in sessions:
            context.close()
            continue
        sessions[replica] = page
        if len(sessions) == 2:
            break
    assert len(sessions) == 2, f"every session landed on {list(sessions)}"

    for freq, (replica, page) in zip((1000.0, 2000.0), sessions.items(), strict=True):
        name = f"tone_{freq:g}.wav"
        page.set_input_files(
            '[data-testid="stFileUploaderDropzoneInput"]',
            files=[{"name": name, "mimeType": "audio/wav", "buffer": _tone_wav(freq)}],
        )
        page.get_by_text(f"{name}, 1.00 s", exact=False).first.wait_for(
            timeout=PAGE_TIMEOUT_S * 1000
        )
        wait_idle(page, PAGE_TIMEOUT_S)
        assert page.query_selector_all(EXCEPTION) == []
        assert page.query_selector_all('[data-testid="stAlertContentError"]') == []
        # this session's own clip: 1000 and 2000 Hz are bins 32 and 64 of 512 at 16 kHz
        assert page.get_by_text(f"peaks at {freq:,.1f} Hz.", exact=False).count() == 1, replica
        assert _session_replica(page.context, class_server) == replica  # still the same one
    for page in sessions.values():
        page.context.close()
