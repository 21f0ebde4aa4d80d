"""A sequence classifier: one recurrent layer (RNN, LSTM or GRU), a dense head on what the
layer emits at each sample's last step, and a loss. This is the textbook's model:

    out_b = layer(x_b)[lengths_b - 1]      (B, H)   h_T, or c_T for the LSTM with state output
    y_b   = out_b W + b                    (B, K)
    L     = loss(y, targets)

Parameters live in one flat dict, ``"cell.Wx"``, ``"cell.Wh"``, ``"cell.b"``, ``"head.W"``,
``"head.b"``, so optimizers and gradient checks treat every model alike.

Two engines run the layer: the NumPy layers (``lstm.py``, ``gru.py``, ``rnn.py``, the readable
reference and the float64 path) and the same equations compiled with numba (``compiled.py``, for
float32 training, several times faster on the sound workload). ``ModelConfig.engine`` picks
one; both return the same records (the compiled one leaves padded steps at 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_viz.nn import compiled, gru, heads, lstm, rnn

CELLS = ("rnn", "lstm", "gru")
ENGINES = ("auto", "compiled", "numpy")


@dataclass(frozen=True)
class ModelConfig:
    input_size: int
    hidden_size: int
    output_size: int
    cell: str = "lstm"  # "rnn" | "lstm" | "gru"
    loss: str = "softmax"  # "softmax" (classes) | "sigmoid" (one binary output) | "mse"
    activation: str = "tanh"  # rnn only: "tanh" | "relu" | "linear"
    use_state: bool = False  # lstm only: emit c_t instead of h_t (the textbook's state output)
    forget_bias: float = 1.0  # lstm only: initial forget-gate bias (the textbook's 1.0)
    update_bias: float = 0.0  # gru only: initial update-gate bias b_z (z = 1 keeps h_{t-1})
    recurrent_scale: float = 1.0  # spectral radius of each recurrent weight block at init
    dtype: str = "float64"
    # "auto": the numba kernels for float32 (when numba works), the NumPy layers for float64,
    # where the compiled ones gained little or lost (expressions); "compiled": the kernels in
    # float32 and float64; "numpy": the NumPy layers. The two agree to rounding.
    engine: str = "auto"

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, got {self.engine!r}")
        if self.cell not in CELLS:
            raise ValueError(f"cell must be one of {CELLS}, got {self.cell!r}")
        if self.loss not in heads.LOSSES:
            raise ValueError(f"loss must be one of {heads.LOSSES}, got {self.loss!r}")
        if min(self.input_size, self.hidden_size, self.output_size) < 1:
            raise ValueError("sizes must be positive")


@dataclass(frozen=True)
class ModelOutput:
    trace: object  # the layer's LSTMTrace / RNNTrace / GRUTrace
    logits: np.ndarray  # (B, K) the head's output


def init_model(config: ModelConfig, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    dt = np.dtype(config.dtype)
    D, H = config.input_size, config.hidden_size
    if config.cell == "lstm":
        cell = lstm.init_lstm_params(D, H, rng, dt, config.forget_bias, config.recurrent_scale)
    elif config.cell == "gru":
        cell = gru.init_gru_params(D, H, rng, dt, config.recurrent_scale, config.update_bias)
    else:
        cell = rnn.init_rnn_params(D, H, rng, dt, config.recurrent_scale)
    head = heads.init_dense_params(H, config.output_size, rng, dt)
    return {
        **{f"cell.{k}": v for k, v in cell.items()},
        **{f"head.{k}": v for k, v in head.items()},
    }


def _split(params: dict[str, np.ndarray], prefix: str) -> dict[str, np.ndarray]:
    return {k[len(prefix) + 1 :]: v for k, v in params.items() if k.startswith(prefix + ".")}


def uses_compiled(config: ModelConfig) -> bool:
    """Whether the numba kernels run this model's layer (they fall back to the NumPy layers on
    their own if a kernel fails to compile)."""
    dtype = np.dtype(config.dtype)
    if config.engine == "auto":
        return compiled.AVAILABLE and dtype == np.float32
    return config.engine == "compiled" and compiled.AVAILABLE and dtype in (np.float32, np.float64)


def _engine(config: ModelConfig):
    """The module whose ``<cell>_forward`` and ``<cell>_backward`` run the layer: the compiled
    one, or the NumPy layer itself (same signatures, same records)."""
    return (
        compiled if uses_compiled(config) else {"lstm": lstm, "gru": gru, "rnn": rnn}[config.cell]
    )


def layer_forward(config: ModelConfig, params: dict[str, np.ndarray], x, lengths=None):
    """The recurrent layer alone: its trace with every time step."""
    cell = _split(params, "cell")
    x = np.asarray(x, config.dtype)
    run = _engine(config)
    if config.cell == "lstm":
        return run.lstm_forward(cell, x, lengths, use_state=config.use_state)
    if config.cell == "gru":
        return run.gru_forward(cell, x, lengths)
    return run.rnn_forward(cell, x, lengths, activation=config.activation)


def layer_backward(config: ModelConfig, params, trace, d_out=None, d_seq=None, need_dx=True):
    cell = _split(params, "cell")
    backward = getattr(_engine(config), f"{config.cell}_backward")
    return backward(cell, trace, d_out, d_seq, need_dx)


def forward(config: ModelConfig, params: dict[str, np.ndarray], x, lengths=None) -> ModelOutput:
    trace = layer_forward(config, params, x, lengths)
    return ModelOutput(trace, heads.dense_forward(_split(params, "head"), trace.outputs))


def loss_and_grads(
    config: ModelConfig, params: dict[str, np.ndarray], x, lengths, targets, need_dx=False
) -> tuple[float, dict[str, np.ndarray], ModelOutput, object]:
    """The loss, dL/d(every parameter), the forward output, and the layer's gradients (with
    dL/dh_t at every step)."""
    out = forward(config, params, x, lengths)
    loss, dlogits = heads.loss_and_grad(config.loss, out.logits, targets)
    head = _split(params, "head")
    d_out, head_grads = heads.dense_backward(head, out.trace.outputs, dlogits)
    layer_grads = layer_backward(config, params, out.trace, d_out=d_out, need_dx=need_dx)
    grads = {
        **{f"cell.{k}": v for k, v in layer_grads.params.items()},
        **{f"head.{k}": v for k, v in head_grads.items()},
    }
    return loss, grads, out, layer_grads


def predict(config: ModelConfig, params: dict[str, np.ndarray], x, lengths=None) -> np.ndarray:
    """Class probabilities (softmax (B, K), sigmoid (B,)) or values (mse)."""
    return heads.predictions(config.loss, forward(config, params, x, lengths).logits)
