"""The frame every page shares: setup, sidebar, header, notices, errors.

A page is short and always has the same skeleton (house style, guideline 2)::

    import streamlit as st

    from lstm_viz.ui import charts, controls, shell
    from lstm_viz.ui.i18n import t

    lang = shell.page_setup("gates")              # first st call: config, sidebar, language
    with shell.guard():                            # any unexpected error -> one sentence
        shell.header("gates.intro")                # title + two sentences
        st.latex(r"f_t = \\sigma(W_f x_t + U_f h_{t-1} + b_f)")
        controls.preset_picker(PRESETS)            # before the controls it sets
        hidden = controls.slider("g_hidden", "gates.hidden", 4, 64, 16, step=4)
        spec = compute.train_spec(GatesConfig(hidden=hidden, ...))  # a RunSpec: its key
        run = training.find(spec)                  # memory or disk; None until computed
        if run is None and (spec in compute.shared_runs() or shell.train_button()):
            run = training.run(spec)               # the shared pool, with a progress bar
        ...charts.heatmap(...) -> st.altair_chart...
        shell.notice_and_try(                      # keys, or (key, {numbers}) for this run's
            [("gates.notice_accuracy", {"accuracy": "93.5"}), "gates.notice_last_step"],
            ["gates.try_1"],
        )
    controls.share_link()                          # last: the URL of everything above

Caching convention (guideline 7). Results are cached by their settings, so switching a view or the
language never retrains:
- Compute that draws nothing: a thin ``@st.cache_data(max_entries=..., show_spinner=False)``
  wrapper in the page, keyed by small arguments only: a frozen config dataclass, a seed, a digest
  of uploaded bytes (``hashlib.sha256(data).hexdigest()``; never raw audio as a key).
- Runs (trainings): ``lstm_viz.ui.training``: found in memory or on disk by their settings,
  computed once in the shared pool however many sessions ask (see its docstring).
- The cache is shared by every session; anything one user changes (a model they fine-tune,
  their upload) lives in ``st.session_state`` instead.

Errors (guideline 8): expected bad input gets ``show_error(t("..."))``, one sentence; ``guard()``
catches anything unexpected, logs the traceback to the server log and shows one sentence, and the
page keeps working. Streamlit's own stop/rerun signals are ``BaseException``s and pass through.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from lstm_viz.ui import presenter
from lstm_viz.ui.i18n import language_switch, sync_language, t

_LOG = logging.getLogger("lstm_viz.ui")
T = TypeVar("T")


@dataclass(frozen=True)
class PageInfo:
    page_id: str  # the lab's one name: lstm_viz/labs/<page_id>/, its strings' namespace, the
    # prefix of every widget key (and URL parameter) on the page ("gates_hidden")
    file: str  # relative to app.py
    icon: str  # shown in the sidebar navigation and on the home card


HOME = PageInfo("home", "app.py", ":material/home:")
PAGES: tuple[PageInfo, ...] = (
    PageInfo("gates", "pages/1_LSTM_gates.py", ":material/tune:"),
    PageInfo("gradients", "pages/2_Gradients.py", ":material/trending_down:"),
    PageInfo("adam", "pages/3_Adam.py", ":material/speed:"),
    PageInfo("fft", "pages/4_FFT_spectrogram.py", ":material/graphic_eq:"),
    PageInfo("classifier", "pages/5_Sound_classifier.py", ":material/hearing:"),
)
_BY_ID = {page.page_id: page for page in (HOME, *PAGES)}
_PAGE_STATE = "_shell_page"  # session state: the PageInfo of the page being run
# px: the longest page name in the navigation, bold when it is the current page, fits on one
# line (at Streamlit's default, 319 px with baseFontSize 17, "Vanishing and exploding gradients"
# lost its last letter). The user can still drag the sidebar's edge.
SIDEBAR_PX = 340
# The browser tab's icon. An emoji is drawn by the browser itself; a ":material/…:" favicon is
# fetched from an outside font server, which an offline classroom cannot reach (the icons in the
# page are drawn from the font Streamlit ships, so those stay).
FAVICON = "🧠"
NAV_KEY = "shell_nav"  # the sidebar navigation's container: CSS class "st-key-shell_nav"
# Graphviz diagrams (the home page's cell, the gates close-up) draw black text and edges on a
# transparent background: on the dark theme they vanish. A white card under them reads on both
# themes (on the light one it is the page's own white). Streamlit's theme does not reach them.
DIAGRAM_STYLE = """<style>
[data-testid="stGraphVizChart"] svg { background: #ffffff; border-radius: 0.5rem; }
</style>"""


def page_title_key(page_id: str) -> str:
    """The catalogue key of a page's name (``common.page_gates``): tab, title, home card."""
    return f"common.page_{page_id}"


def current_page() -> PageInfo:
    """The page ``page_setup`` was last called for in this session."""
    return st.session_state.get(_PAGE_STATE, HOME)


def page_setup(page_id: str) -> str:
    """Configure the page and draw the sidebar; call it first. Returns the language ("en"/"ko").

    Sets ``layout="wide"`` (projectors), the tab title and icon; adopts the language and
    presenter mode from the URL or the session; draws the page navigation, the language and
    presenter switches, the "about" line and a slot for ``share_link``. In presenter mode the
    sidebar starts collapsed and the projector CSS is added (``presenter``).
    """
    page = _BY_ID[page_id]
    st.session_state[_PAGE_STATE] = page
    lang = sync_language()
    presenting = presenter.sync_presenting()
    st.set_page_config(
        page_title=f"{t(page_title_key(page_id))} · LSTM Lab",
        page_icon=FAVICON,
        layout="wide",
        initial_sidebar_state="collapsed" if presenting else SIDEBAR_PX,
    )
    st.html(DIAGRAM_STYLE)
    presenter.add_style()
    from lstm_viz.ui import controls  # controls imports this module; import late to avoid a cycle

    controls.start_page(page.page_id)
    with st.sidebar:
        navigation(lang)
        language_switch()
        presenter.presenter_switch()
        st.caption(t("common.about"))
        controls.reserve_share_slot()
    return lang


def navigation(lang: str) -> bool:
    """The sidebar's list of pages, in the current language; returns whether it was drawn.

    It replaces Streamlit's automatic navigation (``client.showSidebarNavigation = false`` in
    .streamlit/config.toml), which names the home page "app" and every page after its file, in
    English whatever the language. Each link is an ``st.page_link``: Streamlit highlights the link
    of the page being shown, as its own navigation does. Each link also carries ``?lang=``, so the
    new page's URL names the language at once (the session would restore it anyway).
    """
    nav = st.container(key=NAV_KEY, gap="small")
    for page in (HOME, *PAGES):
        label = t("common.nav_home") if page is HOME else t(page_title_key(page.page_id))
        try:
            nav.page_link(
                page.file, label=label, icon=page.icon, query_params={"lang": lang}, width="stretch"
            )
        except StreamlitPageNotFoundError:
            # Streamlit resolves a link against the script it was started with and only knows
            # that script and the pages/ folder beside it. AppTest.from_file("pages/2_Gradients.py")
            # runs a page alone, so app.py is unknown and no link could work: draw no navigation.
            # A page whose file is missing (a partial install) is left out on its own.
            if page is HOME:
                return False
    st.divider()
    return True


def header(intro_key: str) -> None:
    """The page's title (its name in the registry) and its two sentences of what you will see."""
    st.title(t(page_title_key(current_page().page_id)))
    st.markdown(t(intro_key))


# A "what to notice" / "try this" item: a catalogue key, or a key and the numbers it formats with.
Item = str | tuple[str, Mapping[str, object]]


def item_text(item: Item) -> str:
    """The translated sentence of one item: ``"gates.try_1"`` or ``("gates.notice_acc", {...})``."""
    if isinstance(item, str):
        return t(item)
    if (
        isinstance(item, tuple)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], Mapping)
    ):
        key, fmt = item
        return t(key, **fmt)
    raise TypeError(f"A notice item is a catalogue key or (key, {{placeholders}}), got {item!r}.")


def notice_and_try(notice_items: Sequence[Item], try_items: Sequence[Item]) -> None:
    """The "What to notice" and "Try this" boxes, side by side, one bullet per item.

    Each item is a catalogue key (``"fft.try_1"``) or a key with the numbers its placeholders take
    (``("gates.notice_accuracy", {"accuracy": "93.5", "chance": "50.0"})``), so a sentence can
    quote this run's results. Every item is translated before anything is drawn, so a wrong item
    raises before half a box appears. A box with no items is left out (its column stays empty, so
    the other box keeps its place and width).

    In presenter mode "What to notice" shows one point at a time, numbered ("2 / 4"), with a
    Next button that moves on (after the last, back to the first). Which point is shown is kept
    in ``st.session_state`` per page and per box (a page may have several): the box is named by
    its items' catalogue keys, so new numbers in the same sentences keep the place, and other
    sentences (another run's story) start again at the first.
    """
    notices = [item_text(item) for item in notice_items]
    tries = [item_text(item) for item in try_items]
    left, right = st.columns(2)
    for column, heading, sentences in (
        (left, "common.what_to_notice", notices),
        (right, "common.try_this", tries),
    ):
        if not sentences:
            continue
        with column.container(border=True):
            st.subheader(t(heading))
            if sentences is notices and presenter.presenting() and len(notices) > 1:
                _one_notice_at_a_time(notice_items, notices)
            else:
                st.markdown("\n".join(f"- {sentence}" for sentence in sentences))


def notice_step_key(notice_items: Sequence[Item]) -> str:
    """The session-state key of a notice box's shown point (see ``notice_and_try``)."""
    keys = "|".join(item if isinstance(item, str) else item[0] for item in notice_items)
    digest = hashlib.sha1(keys.encode()).hexdigest()[:10]
    return f"_notice_{current_page().page_id}_{digest}"


def _next_notice(state_key: str, n: int) -> None:
    st.session_state[state_key] = (st.session_state.get(state_key, 0) + 1) % n


def _one_notice_at_a_time(notice_items: Sequence[Item], notices: list[str]) -> None:
    state_key = notice_step_key(notice_items)
    shown = st.session_state.get(state_key, 0) % len(notices)
    st.markdown(f"**{shown + 1} / {len(notices)}** · {notices[shown]}")
    st.button(
        t("common.next_notice"),
        key=f"{state_key}_next",
        icon=":material/arrow_forward:",
        on_click=_next_notice,
        args=(state_key, len(notices)),
    )


def show_error(sentence: str) -> None:
    """One sentence a person can act on (already translated), never a traceback."""
    st.error(sentence, icon=":material/error:")


_RESET_NOTICE = "_shell_reset_notice"  # session state: the page whose link settings were reset


def _page_params(prefix: str) -> list[str]:
    """The page's settings away from their defaults: its URL parameters (``prefix_...``) and
    the controls drawn on this run that differ from their defaults (as ``controls`` recorded)."""
    from lstm_viz.ui import controls  # controls imports this module

    in_url = {key for key in st.query_params if key.startswith(prefix + "_")}
    return sorted(in_url | set(controls.changed_controls()))


@contextmanager
def guard() -> Iterator[None]:
    """Run a page body; an unexpected exception becomes one sentence and a server-log traceback.

    Recovery: a page that fails while any of its settings is away from its default (a shared
    link, ``?gates_seed=...``, or a setting just changed) drops those URL parameters and their
    session values and runs again at its defaults, saying so in one sentence; otherwise the URL
    would keep breaking the page on every reload. A page that fails at its defaults (or again right
    after a reset) shows ``common.unexpected_error``.
    """
    page_id = current_page().page_id
    reset_before = st.session_state.pop(_RESET_NOTICE, None) == page_id
    if reset_before:
        st.warning(t("common.link_reset"), icon=":material/restart_alt:")
    try:
        yield
    except Exception:  # st.stop / st.rerun / widget interrupts are BaseExceptions: not caught
        _LOG.exception("Unexpected error on page %r", page_id)
        params = _page_params(page_id)
        if params and not reset_before:
            from lstm_viz.ui import controls

            controls.drop_url_params(params)
            controls.forget_last_settings(page_id)
            for key in params:
                st.session_state.pop(key, None)
            st.session_state[_RESET_NOTICE] = page_id
            st.rerun()
        show_error(t("common.unexpected_error"))


TRAIN_SHORTCUT = "T"  # Streamlit ignores it while the focus is in a text or number box


def settings(*, border: bool = False):
    """The container a page draws its settings in: ``with shell.settings(): ...``.

    Normally a plain container (a bordered one with ``border=True``); in presenter mode a closed
    expander named "Settings", so that the projected page shows the demo buttons, Train and the
    results. Call it once per group of settings; keep the demo buttons and Train outside it.
    Widgets keep their values when the container changes (every control has a key).
    """
    if presenter.presenting():
        return st.expander(t("common.settings"), expanded=False, icon=":material/tune:")
    return st.container(border=border)


def train_button(label_key: str = "common.train", *, key: str | None = None) -> bool:
    """The primary Train button: True on the run after a click.

    The page's one default button (no ``key``) also answers the keyboard shortcut
    ``TRAIN_SHORTCUT``, which Streamlit shows on the button and its help names. A page with
    several Train buttons (each with its ``key``) gets none: one key would press them all.
    """
    shortcut = TRAIN_SHORTCUT if key is None else None
    return st.button(
        t(label_key),
        type="primary",
        icon=":material/play_arrow:",
        key=key,
        shortcut=shortcut,
        help=t("common.train_shortcut_help", shortcut=shortcut) if shortcut else None,
    )
