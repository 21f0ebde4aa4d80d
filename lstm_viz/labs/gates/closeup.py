"""One LSTM time step up close, as the gates page shows it: the home page's cell diagram with this
step's numbers on it (``cell_diagram``, Graphviz DOT), and every number in one table with the
untrained and the trained model side by side (``step_table``).

Pure functions of ``lstm_viz.labs.gates.step.StepUpClose`` records, no Streamlit. The table keeps
the records' own floats (the page formats them), so a test compares it with the trace exactly.
The diagram reads top to bottom as on the home page (app.py): the inputs, the four gates with
their three terms, then the cell-state line c_{t-1} -> x f -> + i*g -> c_t and h_t = o*tanh(c_t)::

    a = x_t W_x + h_{t-1} W_h + b      f = sigma(a_f)  i = sigma(a_i)  o = sigma(a_o)  g = tanh(a_g)
    c_t = f * c_{t-1} + i * g          h_t = o * tanh(c_t)
"""

from __future__ import annotations

import pandas as pd

from lstm_viz.labs.gates.step import GateTerms, StepUpClose
from lstm_viz.ui.text import translate

GATE_ORDER = ("f", "i", "g", "o")  # the diagram's and the table's order, as on the home page
COLORS = {"f": "#fde0dd", "i": "#e0ecf4", "g": "#fff7bc", "o": "#e5f5e0"}  # app.py's colours
SQUASH = {"f": "σ", "i": "σ", "o": "σ", "g": "tanh"}
CELL_LINE = "#7a0177"  # the cell-state line, drawn heavier (app.py)


# The diagram's numbers have two decimals (the table beside it has three): shorter labels keep the
# diagram, scaled to the page's width, at 14 px or more on a 1280 px projector.
DIAGRAM_DIGITS = 2
DIAGRAM_PX = 620  # each diagram's height on the page: its 11 pt labels then draw at 14 px or more


def number(value: float, digits: int = 3) -> str:
    """A value as the diagram prints it: ``digits`` decimals, a true minus sign."""
    return f"{value:.{digits}f}".replace("-", "−")


def signed(value: float, digits: int = 3) -> str:
    """``number``, in brackets when negative: a term of a sum (``0.1 + (−0.3)``)."""
    return f"({number(value, digits)})" if value < 0 else number(value, digits)


def gate_label(name: str, terms: GateTerms, lang: str) -> str:
    """The gate's name, its three terms (input + recurrent + bias, one a line, so the four gates
    side by side stay narrow enough to keep 14 px labels at 1280 px) and ``σ(sum) = value``."""
    terms_in_order = (terms.input, terms.recurrent, terms.bias)
    parts = "\\n+ ".join(signed(v, DIAGRAM_DIGITS) for v in terms_in_order)
    pre, value = (number(v, DIAGRAM_DIGITS) for v in (terms.pre_activation, terms.value))
    squash = f"{SQUASH[name]}({pre}) = {value}"
    return f"{translate(f'gates.state_{name}', lang)}\\n{parts}\\n{squash}"


def cell_diagram(record: StepUpClose, symbol: str, lang: str) -> str:
    """The cell at one step and one unit in DOT, with every number of ``record`` on it."""
    gate = 'shape=box, style="rounded,filled", fillcolor="{color}", label="{label}"'
    op = 'shape=circle, width=0.3, fixedsize=true, fontsize=11, label="{label}"'
    var = 'shape=plaintext, fontsize=11, label="{label}"'
    h_prev = record.h_prev[record.unit]
    nodes = {
        "inputs": var.format(label=f"xₜ = '{symbol}'    hₜ₋₁ = {number(h_prev, DIAGRAM_DIGITS)}"),
        "c_prev": var.format(label=f"cₜ₋₁ = {number(record.c_prev, DIAGRAM_DIGITS)}"),
        **{
            n: gate.format(color=COLORS[n], label=gate_label(n, getattr(record, n), lang))
            for n in GATE_ORDER
        },  # fmt: skip
        "forget": op.format(label="×"),
        "write": op.format(label="×"),
        "add": op.format(label="+"),
        "squash": "shape=box, style=rounded, fontsize=11, "
        f'label="tanh(cₜ) = {number(record.tanh_c, DIAGRAM_DIGITS)}"',
        "show": op.format(label="×"),
        "c": var.format(label=f"cₜ = {number(record.c, DIAGRAM_DIGITS)}"),
        "h": var.format(label=f"hₜ = {number(record.h, DIAGRAM_DIGITS)}"),
    }
    kept = translate("gates.closeup_kept", lang)
    written = translate("gates.closeup_written", lang)
    edges = [
        ("inputs", "f", ""), ("inputs", "i", ""), ("inputs", "g", ""), ("inputs", "o", ""),
        ("f", "forget", ""), ("i", "write", ""), ("g", "write", ""),
        ("write", "add", f"{written} i·g = {number(record.written, DIAGRAM_DIGITS)}"),
        ("add", "squash", ""), ("squash", "show", ""), ("o", "show", ""), ("show", "h", ""),
    ]  # fmt: skip
    lines = [
        "digraph LSTMStep {",
        '  rankdir=TB; bgcolor="transparent"; nodesep=0.12; ranksep=0.25;',
        '  node [fontsize=11, margin="0.06,0.03"];',
        "  edge [arrowsize=0.5, penwidth=0.8, fontsize=11];",
        *(f"  {name} [{attrs}];" for name, attrs in nodes.items()),
        *(
            f'  {a} -> {b} [label="{label}"];' if label else f"  {a} -> {b};"
            for a, b, label in edges
        ),
        f'  c_prev -> forget [penwidth=2.2, color="{CELL_LINE}"];',
        f'  forget -> add [penwidth=2.2, color="{CELL_LINE}", '
        f'label="{kept} f·cₜ₋₁ = {number(record.kept, DIAGRAM_DIGITS)}"];',
        f'  add -> c [penwidth=2.2, color="{CELL_LINE}"];',
        "  {rank=same; c_prev; inputs}",
        "  {rank=same; f; i; g; o}",
        "}",
    ]
    return "\n".join(lines)


def step_table(columns: dict[str, StepUpClose], symbol: str, lang: str) -> pd.DataFrame:
    """Every number of one step and unit, one column per model (``{"before training": ...,
    "after training": ...}``), one row per quantity: h_{t-1} and c_{t-1} of this unit, each
    gate's input, recurrent and bias terms, their sum and the gate, then f·c_{t-1}, i·g, c_t,
    tanh(c_t), h_t. The values are the records' own floats (x_t is named in the index)."""
    term_keys = ("input", "recurrent", "bias", "pre_activation")
    index: list[str] = [f"hₜ₋₁ (xₜ = '{symbol}')", "cₜ₋₁"]
    for name in GATE_ORDER:
        index += [f"{name}: {translate(f'gates.term_{k}', lang)}" for k in term_keys]
        index.append(f"{name} = {SQUASH[name]}(…)")
    index += [
        translate("gates.term_kept", lang),
        translate("gates.term_written", lang),
        "cₜ = f·cₜ₋₁ + i·g",
        "tanh(cₜ)",
        "hₜ = o·tanh(cₜ)",
    ]
    data = {}
    for title, rec in columns.items():
        values = [float(rec.h_prev[rec.unit]), rec.c_prev]
        for name in GATE_ORDER:
            terms: GateTerms = getattr(rec, name)
            values += [terms.input, terms.recurrent, terms.bias, terms.pre_activation, terms.value]
        values += [rec.kept, rec.written, rec.c, rec.tanh_c, rec.h]
        data[title] = values
    frame = pd.DataFrame(data, index=index)
    frame.index.name = translate("gates.closeup_quantity", lang)
    return frame
