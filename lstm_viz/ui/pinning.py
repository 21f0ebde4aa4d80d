"""Pin and compare, and the download buttons beside a page's charts: one way for every page.

- Pin: ``pin_button(page, run)`` keeps ``run`` in the session (``st.session_state``, so it
  survives reruns, a language switch and a visit to another page, and goes with the session);
  once a run is pinned the same place offers "Clear the pinned run". ``pinned(page)`` returns it.
- Compare: ``compare_heading(changes)`` draws the section's heading and one sentence naming
  each setting that differs (``lstm_viz.runs.changed_settings`` finds them; a lab's text module
  names them by their controls' catalogue keys); it returns False, after saying so, when the
  pinned run is this run.
- Downloads: ``csv_button`` (a table's numbers, ``export.chart_table`` of the charts on screen,
  or CSV bytes a page built and cached itself: a raster's cells are not in its chart's spec),
  ``json_button`` (a record through ``export.record_json``, built only when clicked) and
  ``wav_button`` (a clip's WAV bytes, ``export.clip_wav``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from lstm_viz.ui import export
from lstm_viz.ui.i18n import t
from lstm_viz.ui.text import CATALOGUE

Change = tuple[str, Any, Any]  # (a setting's catalogue key, pinned value, current value)


def _state_key(page: str) -> str:
    return f"_{page}_pinned"


def pinned(page: str) -> Any | None:
    """The run pinned on ``page`` in this session, or None."""
    return st.session_state.get(_state_key(page))


def _pin(page: str, run: Any | None) -> None:
    if run is None:
        st.session_state.pop(_state_key(page), None)
    else:
        st.session_state[_state_key(page)] = run


def pin_button(page: str, run: Any, *, key: str | None = None) -> None:
    """ "Pin this run", or "Clear the pinned run" once one is pinned. ``key`` names the button
    pair when a page has several runs to pin (default: the page's)."""
    key = key or page
    if pinned(page) is None:
        st.button(t("common.pin"), key=f"{key}_pin", help=t("common.pin_help"),
                  icon=":material/keep:", on_click=_pin, args=(page, run))  # fmt: skip
    else:
        st.button(t("common.unpin"), key=f"{key}_unpin", icon=":material/close:", on_click=_pin,
                  args=(page, None))  # fmt: skip


def _shown(value: Any) -> str:
    """A setting's value as the page names it: a catalogue key translated, a number as is."""
    if isinstance(value, str) and value in CATALOGUE:
        return t(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def change_text(name_key: str, pinned_value: Any, current_value: Any) -> str:
    """ "Seed: 0 → 1" in the page's language."""
    name = t(name_key) if name_key in CATALOGUE else name_key
    return t(
        "common.compare_change",
        name=name,
        pinned=_shown(pinned_value),
        current=_shown(current_value),
    )


def compare_heading(changes: Sequence[Change], *, subheader: bool = True) -> bool:
    """The compare section's heading and the settings that differ; with no difference, a note
    that this run is the pinned one and False (nothing to draw beside it)."""
    if not changes:
        st.info(t("common.pinned_same"), icon=":material/keep:")
        return False
    heading = t("common.compare_heading")
    if subheader:
        st.subheader(heading)
    else:  # inside a section that has its own subheader
        st.markdown(f"**{heading}**")
    parts = "; ".join(change_text(*change) for change in changes)
    st.markdown(t("common.compare_changed", changes=parts))
    return True


def csv_button(
    key: str,
    table: pd.DataFrame | bytes,
    file_name: str,
    label_key: str = "",
    help_key: str | None = None,
) -> None:
    """A button that downloads ``table`` as CSV (``export.frame_csv``; bytes are served as
    they are)."""
    data = table if isinstance(table, bytes) else export.frame_csv(table)
    st.download_button(
        t(label_key or "common.download_csv"),
        data,
        file_name=file_name,
        mime="text/csv",
        key=key,
        help=t(help_key) if help_key else None,
        icon=":material/download:",
        on_click="ignore",
    )


def json_button(
    key: str, record: Any, file_name: str, label_key: str = "", help_key: str | None = None
) -> None:
    """A button that downloads ``record`` as JSON (``export.record_json``, built on the click)."""
    st.download_button(
        t(label_key or "common.download_record"),
        lambda: export.record_json(record, indent=None),
        file_name=file_name,
        mime="application/json",
        key=key,
        help=t(help_key) if help_key else None,
        icon=":material/download:",
        on_click="ignore",
    )


def wav_button(
    key: str,
    wav: bytes,
    file_name: str,
    label_key: str,
    help_key: str | None = None,
    help_args: Mapping[str, Any] | None = None,
) -> None:
    """A button that downloads a clip's WAV bytes (``export.clip_wav``: 16-bit PCM, at the
    clip's own level); ``help_args`` fill the help text's placeholders."""
    st.download_button(
        t(label_key),
        wav,
        file_name=file_name,
        mime="audio/wav",
        key=key,
        help=t(help_key, **(help_args or {})) if help_key else None,
        icon=":material/download:",
        on_click="ignore",
    )
