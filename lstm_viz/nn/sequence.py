"""Padded batches: each sample's own length, and reading or writing its last step.

A batch is (B, T, ...) with samples shorter than T zero-padded at the end. A layer still runs
every step for every sample; what a sample emits is taken at its own last step
``lengths[b] - 1`` (as in the textbook), so padded steps never reach the loss and their
gradients are exactly zero.
"""

from __future__ import annotations

import numpy as np


def as_lengths(lengths: np.ndarray | None, batch: int, steps: int) -> np.ndarray:
    """Validate per-sample lengths; ``None`` means every sample uses all ``steps``."""
    if lengths is None:
        return np.full(batch, steps, dtype=np.int64)
    lengths = np.asarray(lengths)
    if lengths.shape != (batch,) or not np.issubdtype(lengths.dtype, np.integer):
        raise ValueError(
            f"lengths must be ({batch},) integers, got {lengths.shape} {lengths.dtype}"
        )
    if batch and (lengths.min() < 1 or lengths.max() > steps):
        raise ValueError(f"every length must lie in [1, {steps}]")
    return lengths.astype(np.int64)


def gather_last(seq: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """(B, T, H) -> (B, H): each sample's value at its own last step."""
    return seq[np.arange(seq.shape[0]), lengths - 1]


def output_gradient(
    d_out: np.ndarray | None,
    d_seq: np.ndarray | None,
    lengths: np.ndarray,
    steps: int,
    hidden: int,
    dtype,
) -> np.ndarray:
    """(T, B, H), time-major: what the loss sends into each step's output. ``d_out`` (B, H)
    lands on each sample's last step (the adjoint of ``gather_last``), ``d_seq`` (B, T, H) on
    every step; either may be None."""
    batch = lengths.shape[0]
    inject = np.zeros((steps, batch, hidden), dtype)
    if d_seq is not None:
        inject += np.asarray(d_seq, dtype).transpose(1, 0, 2)
    if d_out is not None:
        inject[lengths - 1, np.arange(batch)] += np.asarray(d_out, dtype)
    return inject


def input_gradients(
    x: np.ndarray, dA: np.ndarray, Wx: np.ndarray, need_dx: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradients of the input projection a_t = x_t Wx + ... + b, for all steps at once:
    dWx = sum_t x_t^T da_t, db = sum_t da_t, dx_t = da_t Wx^T (empty unless ``need_dx``).
    ``x`` is (B, T, D) and ``dA`` the time-major (T, B, K) gradient of the pre-activations."""
    T, B, K = dA.shape
    D = x.shape[2]
    dA2 = dA.reshape(T * B, K)
    xs = np.ascontiguousarray(x.transpose(1, 0, 2), dtype=dA.dtype).reshape(T * B, D)
    dx = (dA2 @ Wx.T).reshape(T, B, D) if need_dx else np.empty((T, B, 0), dA.dtype)
    return xs.T @ dA2, dA2.sum(axis=0), dx.transpose(1, 0, 2)


def previous_states(h0: np.ndarray, h: np.ndarray) -> np.ndarray:
    """(T, B, H) time-major h_{t-1} for every step, from h0 (B, H) and batch-major h (B, T, H)."""
    return np.concatenate([h0[None], h.transpose(1, 0, 2)[:-1]])
