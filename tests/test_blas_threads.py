"""The same settings give the same numbers however the app is started: ``make run`` sets one BLAS
thread in the environment, ``streamlit run app.py`` does not, and the package sets it itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TRAIN = """
import hashlib, numpy as np
import lstm_viz
from threadpoolctl import threadpool_info
from lstm_viz.data.memory import make_first_symbol_dataset
from lstm_viz.nn import model, optim
from lstm_viz.nn.train import TrainConfig, train
data = make_first_symbol_dataset(n=200, lag=10, n_symbols=4, seed=0)
cfg = model.ModelConfig(data.x.shape[2], 64, 4, cell="lstm", dtype="float32")
tc = TrainConfig(steps=20, batch_size=64, optimizer=optim.OptimizerConfig("adam", lr=0.02))
out = train(cfg, tc, data)
digest = hashlib.sha256(b"".join(out.params[k].tobytes() for k in sorted(out.params)))
blas = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
print(max(blas), digest.hexdigest())
"""


def run_training(threads: str | None) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    if threads is not None:
        env["OPENBLAS_NUM_THREADS"] = env["OMP_NUM_THREADS"] = threads
    out = subprocess.run(
        [sys.executable, "-c", TRAIN], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    blas_threads, digest = out.stdout.split()
    return blas_threads, digest


@pytest.mark.parametrize("threads", [None, "2"], ids=["streamlit-run", "two-threads"])
def test_one_blas_thread_and_the_same_numbers_as_make_run(threads):
    assert run_training(threads) == run_training("1")
    assert run_training(threads)[0] == "1"
