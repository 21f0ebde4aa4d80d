"""A stand-in page that exercises every shell helper, for tests/test_shell.py and the browser tests.

It borrows the home page's registry entry (widget keys start with "h_") and existing catalogue
strings as labels, so that it adds nothing to what users see. Never copy it into pages/.
"""

import os
import tempfile
from functools import partial
from pathlib import Path

import numpy as np
import streamlit as st

from lstm_viz.runs import RunSpec
from lstm_viz.ui import charts, controls, shell, training
from lstm_viz.ui.i18n import t

PRESETS = {
    "home.diagram_forget": {"home_steps": 10, "home_gate": "forget", "home_log": True},
    "home.diagram_output": {"home_steps": 30, "home_gate": "output", "home_log": False},
}
GATES = {
    "forget": "home.diagram_forget",
    "input": "home.diagram_input",
    "output": "home.diagram_output",
}


def fake_training(steps: int, rate: float, progress) -> dict:
    # Runs in the pool's worker thread: it counts itself in a file beside the run cache.
    folder = Path(os.environ.get("LSTM_LAB_CACHE", tempfile.gettempdir()))
    with (folder.parent / "computations").open("a") as log:
        log.write(f"{steps} {rate}\n")
    losses = np.exp(-rate * np.arange(1, steps + 1))  # (steps,)
    for step, loss in enumerate(losses, start=1):
        progress(step, float(loss))
    return {"steps": steps, "final_loss": float(losses[-1])}


lang = shell.page_setup("home")
with shell.guard():
    shell.header("home.intro")
    controls.preset_picker(PRESETS)
    with shell.settings():
        steps = controls.slider("home_steps", "common.step", 5, 50, 20, step=5)
        rate = controls.number("home_rate", "common.loss", 0.01, 1.0, 0.1, step=0.01)
        log = controls.toggle("home_log", "common.presets")
        word = controls.text("home_word", "common.language", "abc")
        gate = controls.select("home_gate", "common.try_this", GATES)
        window = controls.select("home_window", "common.step", ["10 ms", "100 ms"], horizontal=True)
    if controls.toggle("home_crash", "common.train"):
        raise RuntimeError("the demo page was asked to fail")
    if not word:
        shell.show_error(t("common.unexpected_error"))
    spec = RunSpec("home.demo", (steps, rate), partial(fake_training, steps, rate), steps)
    run = training.find(spec)
    if run is None and shell.train_button():
        run = training.run(spec)
    if run is not None:
        st.markdown(f"trained: {run['steps']} steps, final loss {run['final_loss']:.6f}")
    st.markdown(f"values: {steps} {rate} {log} {word} {gate} {window}")
    values = np.linspace(0.0, 1.0, 4 * len(word or "x")).reshape(4, -1)  # (4, len(word))
    st.altair_chart(
        charts.heatmap(
            values,
            list(word or "x"),
            title=t("home.diagram_forget"),
            x_title=t("common.step"),
            y_title="unit",
            value_title="f",
            domain=(0.0, 1.0),
            lang=lang,
        )
    )
    shell.notice_and_try(["home.how_to", "home.blurb_adam", "home.blurb_fft"], ["home.blurb_gates"])
controls.share_link()
