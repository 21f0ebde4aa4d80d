"""A stand-in page with one control of each kind under a real lab's keys, for
tests/test_hostile_links.py: the lab is chosen by the environment variable HOSTILE_LAB (default
"gates"), so each lab's integer number boxes (``gates_seed``, ``classifier_clip``, ...) are read
from the URL exactly as the lab's page reads them, without training anything. Never copy it into
pages/.
"""

import os

import streamlit as st

from lstm_viz.ui import controls, shell

LAB = os.environ.get("HOSTILE_LAB", "gates")
# The integer number boxes of each lab's page (key, min, max, default), as the pages declare them.
NUMBERS = {
    "gates": [("gates_seed", 0, 9999, 0)],
    "gradients": [("gradients_seed", 0, 9999, 0)],
    "adam": [("adam_seed", 0, 9999, 0)],
    "fft": [("fft_seed", 0, 9999, 0)],
    "classifier": [("classifier_seed", 0, 9999, 0), ("classifier_clip", 0, 199, 0)],
}

shell.page_setup(LAB)
with shell.guard():
    values = [
        controls.number(key, "common.step", low, high, value, step=1)
        for key, low, high, value in NUMBERS[LAB]
    ]
    values.append(controls.number(f"{LAB}_rate", "common.loss", 0.001, 1.0, 0.1, step=0.001))
    values.append(controls.slider(f"{LAB}_steps", "common.step", 50, 2000, 200, step=50))
    values.append(controls.slider(f"{LAB}_bias", "common.loss", -3.0, 3.0, 0.0, step=0.5))
    values.append(controls.toggle(f"{LAB}_log", "common.presets"))
    values.append(controls.text(f"{LAB}_word", "common.language", "abc", max_chars=12))
    values.append(controls.select(f"{LAB}_gate", "common.try_this", ["forget", "input"]))
    if controls.toggle(f"{LAB}_crash", "common.train"):
        raise RuntimeError("the hostile-links page was asked to fail")
    st.markdown("values: " + " ".join(map(str, values)))
controls.share_link()
