"""LSTM Lab's compute core: a small NumPy LSTM, vanilla RNN and GRU, trained live.

Layout convention (stated once, asserted at public entry points):
    batch-major. A batch of sequences is ``x`` of shape (B, T, D): B samples, T time steps,
    D features per step. Per-step records (gates, states, gradients) are (B, T, H).
    Samples shorter than T are zero-padded at the end and carry ``lengths`` (B,) ints; a
    sample's output is taken at its own last step ``lengths[b] - 1``, as in the textbook.

Nothing in this package imports Streamlit except ``lstm_viz.ui`` (the pages' helpers).
Randomness always comes from ``np.random.default_rng(seed)``; never the global RNG.
"""

import os as _os

# One BLAS thread: the small matrix products here run fastest on one, and the same settings then
# give the same numbers however the app is started (a threaded BLAS may sum in another order).
# The variables reach every BLAS loaded from now on (whatever the environment asked for);
# threadpoolctl limits NumPy's, which Streamlit may have loaded before any page imports this.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ[_name] = "1"

import numpy as _np  # noqa: E402, F401  (loaded here, so the limit below reaches its BLAS)
from threadpoolctl import threadpool_limits as _threadpool_limits  # noqa: E402

_threadpool_limits(1)
