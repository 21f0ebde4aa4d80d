"""Weight initialisers, each from an explicit ``np.random.Generator``.

glorot_uniform: U(-r, r) with r = sqrt(6 / (fan_in + fan_out)) (Glorot & Bengio, 2010).
orthogonal: Q from the QR decomposition of a Gaussian matrix, signs fixed by diag(R)
(Saxe et al., 2014); every singular value is 1, so ``scale * orthogonal`` has spectral radius
exactly ``scale``, the number the gradients page shows.
"""

from __future__ import annotations

import numpy as np


def glorot_uniform(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    r = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-r, r, size=(fan_in, fan_out))


def orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def spectral_radius(W: np.ndarray) -> float:
    """max |eigenvalue| of a square matrix: the per-step growth factor of a linear recurrence."""
    return float(np.max(np.abs(np.linalg.eigvals(W))))
