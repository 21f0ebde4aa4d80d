"""The LSTM gates page's compute: train a small LSTM live on a sequence task, and record its gates
and states step by step, before and after training, on an example or on a student's own string.

Equations (one time step, as in ``lstm_viz.nn.lstm``; sigma is the logistic function)::

    f_t = sigma(x_t W_{x,f} + h_{t-1} W_{h,f} + b_f)   forget gate  (망각 게이트), in (0, 1)
    i_t = sigma(x_t W_{x,i} + h_{t-1} W_{h,i} + b_i)   input gate   (입력 게이트), in (0, 1)
    o_t = sigma(x_t W_{x,o} + h_{t-1} W_{h,o} + b_o)   output gate  (출력 게이트), in (0, 1)
    g_t = tanh(x_t W_{x,g} + h_{t-1} W_{h,g} + b_g)    candidate,   in (-1, 1)
    c_t = f_t * c_{t-1} + i_t * g_t                    cell state   (셀 상태), unbounded
    h_t = o_t * tanh(c_t)                              hidden state (은닉 상태), in (-1, 1)

Tasks:
- ``"expressions"``: the textbook's valid-expression task (``lstm_viz.data.expressions``): one
  sigmoid output, P(valid), read at the end marker ``$``. Chance is the majority class, 1/2.
- ``"first_symbol"``: remember the first symbol through ``lag`` noise steps
  (``lstm_viz.data.memory``): softmax over the 4 signal letters; chance 1/4.

Facts the page states, each pinned in ``tests/test_gates.py``:
- Before training, every forget gate sits near sigma(b_f): all other pre-activations start small,
  so f_t averages about sigma(1) = 0.73 with the textbook's bias 1, and 0.5 with bias 0.
- Through the forget gate alone, the cell state keeps the fraction prod_t f_t of what it held
  (``retention``): before training with b_f = 1 that is about 0.73^20 = 0.2 % after 20 steps.
  After training on the first-symbol task, some unit's forget gate stays near 1 across the
  noise steps, so that unit keeps far more: the cell state carries the first symbol.
- With b_f = 0 and the same run (lag 20), training stays far below what b_f = 1 reaches: the
  first symbol has faded from c before the loss can reach it (Jozefowicz et al. 2015 recommend
  initialising b_f to 1 for this reason). The model trained at lag 20 still names the first
  symbol of sequences twice as long.
- The input and output gates start near 0.5 everywhere and move towards 0 or 1 with training
  (``gate_spread``); both tasks train well above chance; a learning rate of 10 leaves the
  expression task at chance with the loss stuck above its starting value ln 2.

The training and validation data come from a fixed data seed, so changing ``seed`` changes the
initial weights and the order of mini-batches but never the example being drawn.

References: Hochreiter & Schmidhuber (1997); Gers, Schmidhuber & Cummins (2000), "Learning to
forget"; Jozefowicz, Zaremba & Sutskever (2015), "An empirical exploration of recurrent
network architectures"; the textbook's chapter 10 (``AutomataDataset``, LSTM with hidden 64).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from lstm_viz.data import expressions, memory
from lstm_viz.data.base import SequenceData
from lstm_viz.labs.gates import step as up_close
from lstm_viz.nn import heads, optim
from lstm_viz.nn.lstm import LSTMTrace
from lstm_viz.nn.model import ModelConfig, init_model, layer_forward, predict
from lstm_viz.nn.train import Divergence, StepReport, TrainConfig, TrainHistory, evaluate, train
from lstm_viz.runs import Progress, RunSpec
from lstm_viz.runs import changed_settings as changed

TASKS = ("expressions", "first_symbol")
STATES = ("f", "i", "o", "g", "c", "h")  # the page's heatmaps, in this order
GATE_NAMES = ("f", "i", "o")  # the three sigmoid gates
DATA_SEED = 0  # the data never changes with the seed control: the same example stays on screen
N_SYMBOLS = 4  # signal letters of the first-symbol task (A-D), so chance is 1/4
N_NOISE = 4  # noise digits of the first-symbol task (0-3)
MAX_TEXT = 200  # longest sequence a student may type on the first-symbol task
N_EXAMPLES = 12  # held-out examples the page offers
N_TWICE_LAG = 200  # first-symbol sequences at twice the training lag (``twice_lag_accuracy``)
LEARNED_MARGIN = 0.10  # a run "learned" if its held-out accuracy beats chance by this much
N_SNAPSHOTS = 30  # parameter snapshots kept during training, evenly spaced (``snapshot_steps``)


@dataclass(frozen=True)
class GatesConfig:
    """Everything that decides a training run (the page's cache key)."""

    task: str = "expressions"  # "expressions" | "first_symbol"
    hidden_size: int = 16  # H; the textbook uses 64; 16 reaches ~85 % in 800 steps (~1.5 s)
    forget_bias: float = 1.0  # initial b_f (the textbook's 1.0)
    lr: float = 0.02  # Adam's learning rate
    steps: int = 800  # parameter updates
    seed: int = 0  # initial weights and mini-batch order
    lag: int = 20  # first_symbol only: noise steps after the first symbol
    batch_size: int = 32
    n_train: int = 3200  # training sequences
    n_val: int = 800  # held-out sequences (accuracy, examples)

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {TASKS}, got {self.task!r}")
        if self.hidden_size < 1 or self.steps < 0 or self.lag < 1:
            raise ValueError("need hidden_size >= 1, steps >= 0 and lag >= 1")
        if self.n_train < 1 or self.n_val < 1 or self.batch_size < 1:
            raise ValueError("need n_train, n_val and batch_size >= 1")
        if not self.lr > 0:
            raise ValueError(f"the learning rate must be positive, got {self.lr}")


# The page's demos (catalogue key of the button -> its settings). Every sentence the page shows is
# checked on each of them at seeds 0-9 (tests/test_gates_claims.py).
MEMORY = dict(task="first_symbol", lr=0.01, steps=600, lag=20)
PRESETS = {
    "gates.preset_textbook": GatesConfig(),
    "gates.preset_first_symbol": GatesConfig(**MEMORY),
    "gates.preset_forget_bias_0": GatesConfig(**MEMORY, forget_bias=0.0),
    "gates.preset_lr_10": GatesConfig(lr=10.0, steps=500),
}


@dataclass(frozen=True)
class TaskData:
    train: SequenceData
    val: SequenceData
    alphabet: tuple[str, ...]  # the name of each input column
    labels: tuple[str, ...]  # the name of each class
    loss: str  # "sigmoid" | "softmax"


@dataclass
class GatesResult:
    """One training run: the weights before and after, and what the loop measured."""

    config: GatesConfig
    model: ModelConfig
    params_before: dict[str, np.ndarray]
    params_after: dict[str, np.ndarray] | None  # None when training diverged
    history: TrainHistory
    val_accuracy: float | None  # on the held-out set, after training (None when diverged)
    chance: float  # accuracy of always guessing the most common held-out class
    examples: SequenceData  # the held-out examples the page offers (``example_indices``)
    diverged: Divergence | None = None  # the step and what became NaN or infinite
    twice_lag_accuracy: float | None = None  # first_symbol, trained: at twice the lag
    # Training step -> the parameters after it, at ``snapshot_steps(config.steps)`` (0 is the
    # start); a diverged run keeps the snapshots it reached. float32, a few kB each at H = 16.
    snapshots: dict[int, dict[str, np.ndarray]] = field(default_factory=dict, repr=False)
    memory: up_close.UnitMemory | None = None  # trained, on the held-out set: decay per unit
    carrier: up_close.MemoryCarrier | None = None  # first_symbol, trained: c_T vs the letter

    @property
    def learned(self) -> bool:
        """Whether the trained model beats chance by ``LEARNED_MARGIN`` on held-out data (a model
        at chance gives the same answer whatever it reads: its verdict says nothing)."""
        return self.val_accuracy is not None and self.val_accuracy >= self.chance + LEARNED_MARGIN


@dataclass(frozen=True)
class GateRecord:
    """One sequence through the layer: each state as (H, T), units along rows, steps along
    columns (the heatmap's layout), and the model's class probabilities at the last step."""

    symbols: tuple[str, ...]  # (T,) the symbol read at each step
    states: dict[str, np.ndarray]  # "f", "i", "o", "g", "c", "h" -> (H, T) float64
    probs: np.ndarray  # (K,) class probabilities (sigmoid: [P(invalid), P(valid)])
    labels: tuple[str, ...]
    # What each state is made of, (H, T) float64 each (``state_terms``): the heatmap's tooltips.
    terms: dict[str, dict[str, np.ndarray]] = field(default_factory=dict, repr=False)
    trace: LSTMTrace | None = field(default=None, repr=False)  # for ``step_up_close``
    params: dict[str, np.ndarray] | None = field(default=None, repr=False)  # the model read


@dataclass(frozen=True)
class Verdict:
    """The model's answer beside the truth (the parser's, or the first symbol)."""

    predicted: int  # class index
    probability: float  # the model's probability of its predicted class
    truth: int  # class index

    @property
    def correct(self) -> bool:
        return self.predicted == self.truth


class SymbolError(ValueError):
    """A first-symbol sequence that cannot be encoded; ``str(error)`` is one sentence.

    ``kind`` is "empty", "too_long", "character" or "first_not_signal"; ``character`` and
    ``index`` (0-based) locate the offending character when there is one.
    """

    def __init__(self, message: str, kind: str, character: str | None = None, index=None):
        super().__init__(message)
        self.kind, self.character, self.index = kind, character, index


# ---------------------------------------------------------------------------------------------
# Data and model


def make_task_data(config: GatesConfig) -> TaskData:
    """The training and held-out sets of ``config.task`` (float32, fixed data seed)."""
    n = config.n_train + config.n_val
    val_fraction = config.n_val / n
    if config.task == "expressions":
        data = expressions.make_expression_dataset(n, DATA_SEED)
        train, val = data.split(val_fraction, DATA_SEED)
        return TaskData(train, val, expressions.ALPHABET, expressions.LABELS, "sigmoid")
    data = memory.make_first_symbol_dataset(
        n, config.lag, N_SYMBOLS, DATA_SEED, N_NOISE, dtype=np.float32
    )
    train, val = data.split(val_fraction, DATA_SEED)
    alphabet = memory.first_symbol_alphabet(N_SYMBOLS, N_NOISE)
    return TaskData(train, val, alphabet, data.labels, "softmax")


def model_config(config: GatesConfig, task: TaskData) -> ModelConfig:
    output_size = 1 if task.loss == "sigmoid" else len(task.labels)
    return ModelConfig(
        input_size=len(task.alphabet),
        hidden_size=config.hidden_size,
        output_size=output_size,
        cell="lstm",
        loss=task.loss,
        forget_bias=config.forget_bias,
        dtype="float32",  # about 2x faster than float64 here; the page needs no more precision
    )


def chance_accuracy(data: SequenceData) -> float:
    """The accuracy of always answering the most common class."""
    counts = np.bincount(np.asarray(data.y, dtype=np.int64))
    return float(counts.max() / counts.sum())


# ---------------------------------------------------------------------------------------------
# Training


def run_training(
    config: GatesConfig, on_step: Callable[[StepReport], None] | None = None
) -> GatesResult:
    """Train ``config`` to the end (``on_step`` sees every report: the page's progress) and
    record the run. Divergence (a NaN or infinite loss or gradient) ends the run early with
    ``diverged`` set and the history so far; it never raises."""
    task = make_task_data(config)
    model = model_config(config, task)
    before = init_model(model, config.seed)
    train_config = TrainConfig(
        steps=config.steps,
        batch_size=config.batch_size,
        optimizer=optim.OptimizerConfig("adam", lr=config.lr),
        eval_every=10**9,  # accuracy is measured once, at the end
        seed=config.seed,
    )
    chance = chance_accuracy(task.val)
    examples = task.val.subset(np.array(example_indices(task.val)))
    keep = set(snapshot_steps(config.steps))
    snapshots = {0: before}

    def on_report(report: StepReport) -> None:
        if report.step in keep:
            snapshots[report.step] = report.params  # each update makes new arrays: no copy
        if on_step is not None:
            on_step(report)

    outcome = train(model, train_config, task.train, params=before, callback=on_report)
    if outcome.diverged is not None:
        return GatesResult(
            config,
            model,
            before,
            None,
            outcome.history,
            None,
            chance,
            examples,
            outcome.diverged,
            snapshots=snapshots,
        )
    with np.errstate(over="ignore", invalid="ignore"):
        accuracy = evaluate(model, outcome.params, task.val)[1]
        twice = None
        if config.task == "first_symbol":
            longer = memory.make_first_symbol_dataset(
                N_TWICE_LAG, 2 * config.lag, N_SYMBOLS, DATA_SEED + 1, N_NOISE, dtype=np.float32
            )
            twice = evaluate(model, outcome.params, longer)[1]
        trace = layer_forward(model, outcome.params, task.val.x, task.val.lengths)
    carrier = None
    if config.task == "first_symbol":
        carrier = up_close.memory_carrier(trace, task.val.y)
    return GatesResult(
        config,
        model,
        before,
        outcome.params,
        outcome.history,
        accuracy,
        chance,
        examples,
        twice_lag_accuracy=twice,
        snapshots=snapshots,
        memory=up_close.unit_memory(trace),
        carrier=carrier,
    )


def snapshot_steps(steps: int, n: int = N_SNAPSHOTS) -> tuple[int, ...]:
    """The training steps whose parameters a run keeps: 0, d, 2d, ..., ``steps``, with d the
    divisor of ``steps`` that gives the count closest to ``n`` (so the last snapshot is the
    trained model and a slider with step d reaches every one: 800 steps -> every 25th)."""
    if steps <= 0:
        return (0,)
    divisors = [d for d in range(1, steps + 1) if steps % d == 0]
    spacing = min(divisors, key=lambda d: (abs(steps // d - n), d))
    return tuple(range(0, steps + 1, spacing))


def params_at(result: GatesResult, step: int) -> dict[str, np.ndarray]:
    """The parameters after training step ``step`` (a snapshot step; 0 is the start)."""
    if step not in result.snapshots:
        raise ValueError(f"no snapshot at step {step}; kept: {sorted(result.snapshots)}")
    return result.snapshots[step]


def train_spec(config: GatesConfig) -> RunSpec:
    """The page's run for ``config``, as the shared training path takes it ("gates.train")."""

    def compute(progress: Progress) -> GatesResult:
        return run_training(config, lambda r: progress(r.step, r.loss, r.accuracy))

    return RunSpec("gates.train", config, compute, config.steps)


def shared_runs() -> list[RunSpec]:
    """The runs every student sees first: the default settings' and every demo's (computed once,
    before the server starts, by ``lstm_viz.warm``)."""
    configs = dict.fromkeys([GatesConfig(), *PRESETS.values()])  # unique, in order
    return [train_spec(config) for config in configs]


# ---------------------------------------------------------------------------------------------
# Recording the gates


def record_gates(
    model: ModelConfig,
    params: dict[str, np.ndarray],
    x: np.ndarray,
    symbols: tuple[str, ...],
    labels: tuple[str, ...],
) -> GateRecord:
    """Run one sequence ``x`` (T, D) through the layer and keep every gate and state."""
    T = x.shape[0]
    if len(symbols) != T:
        raise ValueError(f"{len(symbols)} symbols for {T} steps")
    x = x[None]  # (1, T, D)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverged model shows NaN as NaN
        trace = layer_forward(model, params, x)
        out = np.asarray(predict(model, params, x), dtype=np.float64)
        terms = state_terms(model, params, trace)
    states = {
        name: np.ascontiguousarray(getattr(trace, name)[0].T, dtype=np.float64)  # (H, T)
        for name in STATES
    }
    probs = np.array([1 - out[0], out[0]]) if model.loss == "sigmoid" else out[0]  # (K,)
    return GateRecord(tuple(symbols), states, probs, labels, terms, trace, params)


TERMS = {  # what each state is made of, in the order a tooltip lists them
    "f": ("input", "recurrent", "bias", "pre_activation"),
    "i": ("input", "recurrent", "bias", "pre_activation"),
    "o": ("input", "recurrent", "bias", "pre_activation"),
    "g": ("input", "recurrent", "bias", "pre_activation"),
    "c": ("c_prev", "kept", "written"),  # c_t = f * c_{t-1} + i * g: kept + written
    "h": ("o", "tanh_c"),  # h_t = o * tanh(c_t)
}


def state_terms(
    model: ModelConfig, params: dict[str, np.ndarray], trace: LSTMTrace
) -> dict[str, dict[str, np.ndarray]]:
    """The terms of every state of sample 0 of ``trace``, (H, T) float64 each (``TERMS``): a
    gate's input x_t W_x, recurrent h_{t-1} W_h and bias b terms and their sum; c's c_{t-1},
    kept f * c_{t-1} and written i * g (in the trace's dtype, as the cell added them); h's o
    and tanh(c)."""
    terms = up_close.step_terms(model, params, trace, 0)  # (T, H) each

    def rows(a: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray(np.asarray(a).T, dtype=np.float64)  # (T, H) -> (H, T)

    out = {
        gate: {
            "input": rows(terms.input[gate]),
            "recurrent": rows(terms.recurrent[gate]),
            "bias": rows(terms.bias[gate]),
            "pre_activation": rows(terms.pre_activation(gate)),
        }
        for gate in ("f", "i", "o", "g")
    }
    f, i, g, o, c = (getattr(trace, name)[0] for name in ("f", "i", "g", "o", "c"))  # (T, H)
    out["c"] = {
        "c_prev": rows(terms.c_prev),
        "kept": rows(f * terms.c_prev),
        "written": rows(i * g),
    }
    out["h"] = {"o": rows(o), "tanh_c": rows(np.tanh(c))}
    return out


def example_indices(val: SequenceData, n: int = N_EXAMPLES) -> list[int]:
    """Held-out examples for the page: alternating classes (the first of class 1, "valid" or
    "B", ... ) so the default example is a valid expression, then in held-out order."""
    y = np.asarray(val.y)
    classes = np.unique(y)[::-1] if len(np.unique(y)) == 2 else np.unique(y)
    queues = [list(np.flatnonzero(y == k)) for k in classes]
    order: list[int] = []
    while len(order) < min(n, len(y)):
        for queue in queues:
            if queue and len(order) < n:
                order.append(int(queue.pop(0)))
    return order


def example_symbols(task: str, data: SequenceData, index: int) -> tuple[str, ...]:
    """The symbol each step of example ``index`` of ``data`` reads."""
    if task == "expressions":
        return expressions.expression_steps(data.texts[index])
    return tuple(data.texts[index])


def record_example(
    result: GatesResult, index: int, after: bool, step: int | None = None
) -> GateRecord | None:
    """The page's example ``index`` (of ``result.examples``) through the model before (or
    after) training, or after training step ``step`` (a snapshot step) when given; None when
    the run diverged and there is no trained model."""
    params = result.params_after if after else result.params_before
    if after and step is not None and params is not None:
        params = params_at(result, step)
    if params is None:
        return None
    data = result.examples
    length = int(data.lengths[index])
    symbols = example_symbols(result.config.task, data, index)
    return record_gates(result.model, params, data.x[index, :length], symbols, data.labels)


# ---------------------------------------------------------------------------------------------
# A student's own sequence


def encode_symbols(text: str, max_len: int = MAX_TEXT) -> SequenceData:
    """A first-symbol sequence typed by a student (``B0123...``; lower case accepted).

    y is the first symbol's class. Raises ``SymbolError`` with one sentence for an empty or
    too long string, a character outside the alphabet, or a first symbol that is not a letter.
    """
    alphabet = memory.first_symbol_alphabet(N_SYMBOLS, N_NOISE)
    signal = alphabet[:N_SYMBOLS]
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    if not stripped:
        raise SymbolError("The sequence is empty: type one, for example B0312.", "empty")
    if len(stripped) > max_len:
        raise SymbolError(
            f"The sequence has {len(stripped)} symbols; the longest allowed is {max_len}.",
            "too_long",
        )
    upper = stripped.upper()
    for k, ch in enumerate(upper):
        if ch not in alphabet:
            index = offset + k
            raise SymbolError(
                f"The character {text[index]!r} at position {index + 1} is not in the alphabet "
                f"({', '.join(alphabet)}).",
                "character",
                text[index],
                index,
            )
    if upper[0] not in signal:
        raise SymbolError(
            f"The first symbol must be one of the letters {', '.join(signal)}, "
            f"not {stripped[0]!r}.",
            "first_not_signal",
            text[offset],
            offset,
        )
    columns = np.array([alphabet.index(ch) for ch in upper])  # (T,)
    x = np.eye(len(alphabet), dtype=np.float32)[columns][None]  # (1, T, D)
    y = np.array([signal.index(upper[0])], dtype=np.int64)
    return SequenceData(x, np.array([len(upper)]), y, signal, (upper,))


def record_text(
    result: GatesResult, text: str, step: int | None = None
) -> tuple[GateRecord, Verdict]:
    """A student's string through the trained model (or the one after training step ``step``):
    its gates, and its verdict beside the truth (the parser's for an expression, the first
    symbol for a memory sequence).

    Raises ``expressions.ExpressionError`` or ``SymbolError`` (one sentence) for bad input, and
    ValueError when the run has no trained model (it diverged).
    """
    if result.params_after is None:
        raise ValueError("this run diverged, so there is no trained model to ask")
    if result.config.task == "expressions":
        data = expressions.encode_expression(text)
        symbols = expressions.expression_steps(data.texts[0])
        labels = expressions.LABELS
    else:
        data = encode_symbols(text)
        symbols = tuple(data.texts[0])
        labels = data.labels
    params = result.params_after if step is None else params_at(result, step)
    record = record_gates(result.model, params, data.x[0], symbols, labels)
    predicted = int(np.argmax(record.probs))
    verdict = Verdict(predicted, float(record.probs[predicted]), int(data.y[0]))
    return record, verdict


def input_error_parts(error: Exception, text: str) -> tuple[str, dict[str, object]]:
    """What is wrong with a student's string, as a catalogue key suffix and its fields, so the
    page can say it in any language: ("empty", {}), ("too_long", {"n", "max"}),
    ("end_marker" | "space" | "character" | "first_not_signal", {"character", "position"})."""
    character = getattr(error, "character", None)
    index = getattr(error, "index", None)
    if isinstance(error, SymbolError):
        kind = error.kind
    elif character is None:
        kind = "empty" if not text.strip() else "too_long"
    elif character == expressions.END_SYMBOL:
        kind = "end_marker"
    elif character.isspace():
        kind = "space"
    else:
        kind = "character"
    if kind == "empty":
        return kind, {}
    if kind == "too_long":
        limit = expressions.MAX_LEN if not isinstance(error, SymbolError) else MAX_TEXT
        return kind, {"n": len(text.strip()), "max": limit}
    return kind, {"character": character, "position": int(index) + 1}


# ---------------------------------------------------------------------------------------------
# What the page says about the pictures


def color_domain(name: str, records: list[GateRecord | None]) -> tuple[float, float]:
    """The fixed colour scale of state ``name``, shared by before and after: [0, 1] for the
    gates, [-1, 1] for g and h (their ranges), and for c (unbounded) a symmetric [-m, m] with
    m the largest finite |c| of the given records rounded up to a half, at least 1."""
    if name in GATE_NAMES:
        return (0.0, 1.0)
    if name in ("g", "h"):
        return (-1.0, 1.0)
    values = [np.abs(r.states["c"]) for r in records if r is not None]
    finite = [v[np.isfinite(v)] for v in values]
    m = max((float(v.max()) for v in finite if v.size), default=1.0)
    m = max(1.0, np.ceil(m * 2) / 2)
    return (-m, m)


def forget_mean(record: GateRecord, start: int = 0) -> float:
    """The mean forget gate over all units and the steps from ``start`` on."""
    return float(record.states["f"][:, start:].mean())


def gate_spread(record: GateRecord, gate: str) -> float:
    """How decisive a gate is: the mean of |gate - 0.5| over units and steps (0 for a gate
    stuck at 0.5, 0.5 for one that is always fully open or shut)."""
    return float(np.abs(record.states[gate] - 0.5).mean())


def retention(record: GateRecord, start: int = 1) -> np.ndarray:
    """(H,) the fraction of c_{start-1} each unit keeps to the last step through its forget
    gates alone: prod_{t >= start} f_t (the part of c_t that i_t * g_t does not rewrite)."""
    return np.prod(record.states["f"][:, start:], axis=1)


def memory_unit(record: GateRecord, start: int = 1) -> tuple[int, float, float]:
    """The unit that keeps most: (its index, its mean forget gate from ``start`` on, its
    retention)."""
    kept = retention(record, start)
    unit = int(np.argmax(kept))
    return unit, float(record.states["f"][unit, start:].mean()), float(kept[unit])


def moving_average(values: list[float] | np.ndarray, window: int) -> np.ndarray:
    """(N,) the mean of the last ``window`` values at each step (fewer at the start), so a noisy
    mini-batch loss curve shows its trend."""
    values = np.asarray(values, dtype=np.float64)  # (N,)
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    sums = np.cumsum(np.concatenate([[0.0], values]))  # (N + 1,)
    ends = np.arange(1, len(values) + 1)
    starts = np.maximum(0, ends - window)
    return (sums[ends] - sums[starts]) / (ends - starts)


def sigmoid(a: float) -> float:
    return float(heads.sigmoid(np.float64(a)))


def untrained_retention(forget_bias: float, steps: int) -> float:
    """sigma(b_f)^steps: what the cell state keeps through ``steps`` forget gates that all sit
    at their initial value, as they do before training."""
    return sigmoid(forget_bias) ** steps


def step_up_close(
    result: GatesResult, record: GateRecord, t: int, unit: int
) -> up_close.StepUpClose:
    """Every number of the cell diagram at step ``t`` and ``unit`` of ``record`` (one of this
    run's records): the trace's own gates and states, each gate's three terms."""
    if record.trace is None or record.params is None:
        raise ValueError("this record keeps no trace")
    return up_close.step_up_close(result.model, record.params, record.trace, 0, t, unit)


def changed_settings(pinned: GatesConfig, current: GatesConfig) -> list[tuple[str, object, object]]:
    """The settings in which two runs differ, as (field name, pinned value, current value), in
    the config's field order (``lag`` only when a run is on the first-symbol task)."""
    first_symbol = "first_symbol" in (pinned.task, current.task)
    return [c for c in changed(pinned, current) if c[0] != "lag" or first_symbol]


CARRIER_TOLERANCE = 0.05  # eta^2 within this of the best unit's counts as telling classes apart


def memory_carrier_unit(result: GatesResult) -> int | None:
    """The unit that carries the first symbol in a trained first-symbol run: among the units
    whose last cell state separates the letters (eta^2 within ``CARRIER_TOLERANCE`` of the best;
    after training that is often most units), the one with the longest decay time. None for the
    expression task or a diverged run."""
    if result.carrier is None or result.memory is None:
        return None
    eta2 = result.carrier.separation  # (H,)
    candidates = np.flatnonzero(eta2 >= eta2.max() - CARRIER_TOLERANCE)
    return int(candidates[np.argmax(result.memory.decay_steps[candidates])])
