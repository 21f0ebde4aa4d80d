"""Presenter mode: the page as an instructor projects it.

``?present=1`` in the URL (or the sidebar switch) turns it on; ``?present=0`` or the switch turns
it off. Like the language (``i18n``), it has two homes kept equal on every run by
``sync_presenting`` (``shell.page_setup`` calls it first): the URL, so a share link carries it and
an instructor prepares a lecture as a list of links, and ``st.session_state``, so it follows the
presenter from page to page whatever the URL holds. A valid value in the URL wins.

What it changes, each in one place:
- ``shell.page_setup``: the sidebar starts collapsed, and ``STYLE`` (below) is added.
- ``shell.settings``: the pages' settings fold into a closed expander; the demo buttons
  (``controls.preset_picker``) stay outside it, so a lecture runs on demos and Train.
- ``shell.notice_and_try``: "What to notice" shows one point at a time, with a Next button.
- ``controls.share_url``: the link carries ``present=1``.
"""

from __future__ import annotations

import streamlit as st

from lstm_viz.ui.i18n import t

PRESENT_PARAM = "present"  # the URL parameter; reserved, like "lang"
_ON, _OFF = "1", "0"
_STATE = "_present"  # session state: whether this session presents
_SWITCH = "_present_switch"  # the sidebar switch's widget key

# Scoped to presenter mode (only added while presenting) and to the main area: the sidebar keeps
# its size. Text grows from Streamlit's rem sizes (baseFontSize 17 in .streamlit/config.toml); a
# chart is zoomed as a whole, so its text, marks and height grow together; its box is narrowed by
# the same factor first, so a chart that fills its column lays itself out at that narrower width
# and, zoomed, fills the column again instead of running past it.
CHART_ZOOM = 1.25
STYLE = f"""<style>
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(p, li) {{ font-size: 1.3rem; }}
[data-testid="stMain"] [data-testid="stMetricValue"] {{ font-size: 2.6rem; }}
[data-testid="stMain"] [data-testid="stVegaLiteChart"] {{
  zoom: {CHART_ZOOM}; width: calc(100% / {CHART_ZOOM}) !important; }}
[data-testid="stMain"] h1 {{ font-size: 3rem; }}
</style>"""


def presenting() -> bool:
    """Whether this session is in presenter mode (False outside a Streamlit run)."""
    try:
        return bool(st.session_state.get(_STATE, False))
    except Exception:  # no script run context (plain Python, unit tests)
        return False


def sync_presenting() -> bool:
    """Adopt ``?present=1`` / ``?present=0`` from the URL, else keep the session's; write it back:
    ``present=1`` while presenting, no parameter otherwise (the default stays out of the URL)."""
    from_url = st.query_params.get_all(PRESENT_PARAM)
    if from_url in ([_ON], [_OFF]):
        st.session_state[_STATE] = from_url == [_ON]
    on = presenting()
    st.session_state[_STATE] = on
    if on and from_url != [_ON]:
        st.query_params[PRESENT_PARAM] = _ON
    elif not on and from_url:
        del st.query_params[PRESENT_PARAM]
    return on


def _on_switch() -> None:
    # A callback runs before the script: the page is drawn in the new mode at once.
    on = bool(st.session_state[_SWITCH])
    st.session_state[_STATE] = on
    if on:
        st.query_params[PRESENT_PARAM] = _ON
    elif PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


def presenter_switch() -> None:
    """The sidebar's presenter-mode switch (draw it after ``sync_presenting``)."""
    st.session_state[_SWITCH] = presenting()  # the widget shows what the session holds
    st.toggle(t("common.present"), key=_SWITCH, on_change=_on_switch, help=t("common.present_help"))


def add_style() -> None:
    """Add the projector CSS (only while presenting)."""
    if presenting():
        st.html(STYLE)
