"""LSTM Lab's home page: what the app teaches, the LSTM cell as a diagram with its equations, and
a card per teaching page. The pages themselves live in pages/ (Streamlit finds them there)."""

from pathlib import Path

import streamlit as st

from lstm_viz.ui import controls, shell
from lstm_viz.ui.i18n import t

# The same equations, symbols and gate order as lstm_viz/nn/lstm.py (row vectors, batch-major).
EQUATIONS = r"""
\begin{aligned}
f_t &= \sigma(x_t W_{x,f} + h_{t-1} W_{h,f} + b_f) \\
i_t &= \sigma(x_t W_{x,i} + h_{t-1} W_{h,i} + b_i) \\
o_t &= \sigma(x_t W_{x,o} + h_{t-1} W_{h,o} + b_o) \\
g_t &= \tanh(x_t W_{x,g} + h_{t-1} W_{h,g} + b_g) \\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
h_t &= o_t \odot \tanh(c_t)
\end{aligned}
"""


def cell_diagram() -> str:
    """The LSTM cell in DOT, read top to bottom: inputs, the four gates, the cell state, h_t."""
    gate = 'shape=box, style="rounded,filled", fillcolor="{color}", label="{label}"'
    op = 'shape=circle, width=0.3, fixedsize=true, fontsize=14, label="{label}"'
    var = 'shape=plaintext, fontsize=14, label="{label}"'
    nodes = {
        "inputs": var.format(label="hₜ₋₁ , xₜ"),
        "c_prev": var.format(label="cₜ₋₁"),
        "f": gate.format(color="#fde0dd", label=f"fₜ = σ(…)\\n{t('home.diagram_forget')}"),
        "i": gate.format(color="#e0ecf4", label=f"iₜ = σ(…)\\n{t('home.diagram_input')}"),
        "g": gate.format(color="#fff7bc", label=f"gₜ = tanh(…)\\n{t('home.diagram_candidate')}"),
        "o": gate.format(color="#e5f5e0", label=f"oₜ = σ(…)\\n{t('home.diagram_output')}"),
        "forget": op.format(label="×"),
        "write": op.format(label="×"),
        "add": op.format(label="+"),
        "squash": 'shape=box, style=rounded, width=0.4, height=0.25, label="tanh"',
        "show": op.format(label="×"),
        "c": var.format(label=f"cₜ\\n{t('home.diagram_cell')}"),
        "h": var.format(label=f"hₜ\\n{t('home.diagram_hidden')}"),
    }
    edges = [
        ("inputs", "f"), ("inputs", "i"), ("inputs", "g"), ("inputs", "o"),
        ("f", "forget"), ("i", "write"), ("g", "write"), ("write", "add"),
        ("add", "squash"), ("squash", "show"), ("o", "show"), ("show", "h"),
    ]  # fmt: skip
    lines = [
        "digraph LSTM {",
        '  rankdir=TB; bgcolor="transparent"; nodesep=0.15; ranksep=0.2;',
        '  node [fontsize=14, margin="0.08,0.04"]; edge [arrowsize=0.5, penwidth=0.8];',
        *(f"  {name} [{attrs}];" for name, attrs in nodes.items()),
        *(f"  {a} -> {b};" for a, b in edges),
        # The cell-state line, drawn heavier: c_{t-1} -> x f -> + i*g -> c_t.
        '  c_prev -> forget -> add -> c [penwidth=2.2, color="#7a0177"];',
        "  {rank=same; c_prev; inputs}",
        "  {rank=same; f; i; g; o}",
        "}",
    ]
    return "\n".join(lines)


# px: the diagram is drawn to fit this height; at its content height (about 400 px) its labels
# came out at 13.6 px whatever the DOT font size, at 440 px they are 15 px.
DIAGRAM_PX = 440
CARD_PX = 320  # a home card's width: the longest page name plus its icon fits on one line


def page_cards(lang: str) -> None:
    """A bordered card per page file that exists: a link (carrying the language) and one line."""
    here = Path(__file__).parent  # Streamlit finds pages/ beside the script it runs
    present = [page for page in shell.PAGES if (here / page.file).is_file()]
    if not present:
        st.info(t("home.no_pages"))
        return
    # A wrapping row of fixed-width cards, as many per line as the screen holds: in three equal
    # columns a 1280 px projector cut "Vanishing and exploding gradients" (a link never wraps).
    with st.container(horizontal=True, wrap=True, gap="medium"):
        for page in present:
            with st.container(border=True, width=CARD_PX, height="stretch"):
                st.page_link(
                    Path(page.file).as_posix(),
                    label=t(shell.page_title_key(page.page_id)),
                    icon=page.icon,
                    query_params={"lang": lang},
                )
                st.markdown(t(f"home.blurb_{page.page_id}"))


lang = shell.page_setup("home")
with shell.guard():
    st.title(t(shell.page_title_key("home")))
    st.markdown(t("home.intro"))
    st.header(t("home.cell_heading"))
    # The diagram at its own size (its labels 14 px on screen), the equations under it: side by
    # side on a 1280 px projector the diagram shrank to 10 px labels and the equations were cut.
    st.graphviz_chart(cell_diagram(), height=DIAGRAM_PX, alt=t("home.diagram_alt"))
    st.latex(EQUATIONS)
    st.caption(t("home.cell_caption"))
    st.header(t("home.pages_heading"))
    st.markdown(t("home.how_to"))
    page_cards(lang)
controls.share_link()
