"""Page controls that live in the URL, presets that set them, and the share link that reopens them.

Every control a page shows goes through a helper here, so that opening the share link
reproduces the page. Rules (checked at run time, so a page test catches a slip):
- ``key`` is short and starts with the page's prefix and "_" (``"g_hidden"`` on the gates page,
  see ``shell.PAGES``); it becomes the URL parameter. ``lang`` is reserved.
- ``label_key`` / ``help_key`` are catalogue keys; option labels too.
- Never call ``st.slider`` & co. directly on a page: that control would be missing from the
  share link (tests/test_controls.py checks the page files). Buttons, uploads and recordings
  are not controls: they do not belong in a link.
- Controls work inside ``st.columns``, ``st.sidebar``, ``st.expander`` and ``st.form`` blocks.
- A ``format_func`` must not call ``t`` lazily: AppTest calls it outside the script run, where
  the language is unknown; translate the labels first (as ``select`` does).

How each control reaches the URL (Streamlit 1.67, measured in a browser):
- ``slider``, ``number``, ``toggle``, ``text`` are ``bind="query-params"`` widgets: Streamlit
  writes them to the URL, leaves defaults out, seeds them from the URL on first load, ignores
  and removes invalid values (``?g_hidden=banana``, out-of-range numbers) and keeps their values
  when the user switches pages and comes back.
- Before a control reads the URL, ``_sanitize_url`` drops a value it cannot hold: numbers that
  are not finite (``?gates_seed=inf``, ``-inf``, ``1e400``, ``nan``: Streamlit 1.67's integer
  number box raises OverflowError on them while seeding) or out of range, repeated values, a
  toggle that is not true/false, text over ``max_chars``. Streamlit seeds widgets from the
  query string the session *opened* with, so the value goes from both that copy and the live
  URL (``drop_url_params``; it reaches into Streamlit's ``QueryParams``, pinned by the tests).
- ``select`` keeps a language-independent option id (``"valid"``) in the URL itself. A bound
  selectbox or radio would put its *displayed* label there (``?g_task=유효한 수식``), so a link
  would change with the language and break when the language is switched.
- A preset writes ``st.session_state[key]`` in a button callback, i.e. before the widgets exist
  on the rerun; for bound widgets the URL follows (session state wins over the URL after the
  first run).

``share_link()`` shows ``st.context.url`` (the page's address, without a query string) plus
``lang``, ``present=1`` in presenter mode, and only the controls that differ from their default,
as recorded by the helpers on this run (the short form: a page at its defaults is
``.../LSTM_gates?lang=en``). ``st.code`` gives it a copy button; under it, a QR code of the same
link for students to scan, drawn here by ``segno`` (no outside service).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.session_state_proxy import get_session_state

from lstm_viz.ui import presenter
from lstm_viz.ui.i18n import LANG_PARAM, current_lang, t

_CONTROLS = "_shell_controls"  # session state: {key: URL value, or None at the default}
_PREFIX = "_shell_prefix"  # session state: the current page's key prefix
_SHARE_SLOT = "_shell_share_slot"  # session state: the sidebar slot share_link fills


_LAST = "_shell_last_settings"  # session state: {page: {key: URL value}} at each page's last run


def _page_token(prefix: str) -> str:
    # The page script as well as its prefix: a test page may borrow a page's prefix.
    ctx = get_script_run_ctx()
    return f"{prefix}:{ctx.page_script_hash if ctx is not None else ''}"


def start_page(prefix: str) -> None:
    """Forget the previous run's controls and bring back the page's last settings when the URL
    arrives without them (``shell.page_setup`` calls this, before any control)."""
    st.session_state[_CONTROLS] = {}
    st.session_state[_PREFIX] = prefix
    _restore_last_settings(prefix)


def _restore_last_settings(prefix: str) -> None:
    """Put the page's last non-default settings back in the URL if it holds none of them.

    The browser's Back button needs this. Measured in Streamlit 1.67: after a bound control
    changes, Streamlit replaces the page's history entry with the new URL (``?x_rate=0.5``);
    leaving the page then pushes a stale copy of that entry (the query string without the bound
    controls) before the new page's entry, and Back lands on that copy. On such a history
    navigation the URL decides every bound control, a missing parameter meaning the default, so
    the page came back at its defaults. Restored here into the opening query string that
    widgets seed from and into the live URL (which replaces the stale entry in the history).
    A link that names any of the page's settings is left as it is.
    """
    last = st.session_state.get(_LAST, {}).get(_page_token(prefix))
    if not last or any(key.startswith(prefix + "_") for key in st.query_params):
        return
    with get_session_state().query_params() as params:
        for key, value in last.items():
            params._initial_query_params[key] = [value]
            params._set_item_internal(key, value)  # also for keys still bound to a widget
        params._send_query_param_msg()


def forget_last_settings(prefix: str) -> None:
    """Drop the page's remembered settings (after ``shell.guard`` resets a failing page)."""
    st.session_state.get(_LAST, {}).pop(_page_token(prefix), None)


def redraw(*keys: str) -> None:
    """Call at the top of an ``st.fragment`` before it draws the controls ``keys`` again: a
    fragment rerun draws only its own controls, and the share link keeps the others' values."""
    recorded = st.session_state.get(_CONTROLS, {})
    for key in keys:
        recorded.pop(key, None)


def reserve_share_slot() -> None:
    """Keep a place (in the current container, the sidebar) for the share link."""
    st.session_state[_SHARE_SLOT] = st.empty()


def _check_key(key: str) -> None:
    prefix = st.session_state.get(_PREFIX, "")
    if key == LANG_PARAM or not key.startswith(prefix + "_"):
        raise ValueError(f"Control key {key!r} must start with {prefix + '_'!r} (not 'lang').")
    if key in st.session_state.get(_CONTROLS, {}):
        raise ValueError(f"Control key {key!r} is used twice on this page.")


def drop_url_params(keys: Sequence[str]) -> None:
    """Remove ``keys`` from the URL and from the opening query string that widgets seed from."""
    with get_session_state().query_params() as params:
        for key in keys:
            params._initial_query_params.pop(key, None)
            params.remove_param(key)  # sends the new URL to the browser when it changed


def _number_ok(raw: str, low: float, high: float) -> bool:
    try:
        number = float(raw)
    except (TypeError, ValueError):
        return False
    return math.isfinite(number) and low <= number <= high


def _sanitize_url(key: str, holds: Callable[[str], bool]) -> None:
    """Drop the URL value of ``key`` unless it is one value the control can hold.

    Checked in the live URL and in the opening query string separately: after the user changes
    the control, the two differ and both are fine.
    """

    def bad(values: Sequence[str]) -> bool:
        return bool(values) and (len(values) > 1 or not holds(values[0]))

    with get_session_state().query_params() as params:
        if bad(params._initial_query_params.get(key) or []):
            del params._initial_query_params[key]
        if bad(params.get_all(key)):
            params.remove_param(key)


def _url_value(value: Any) -> str:
    # The text Streamlit parses back: booleans as true/false, floats round-trip through repr.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _record(key: str, value: Any, default: Any) -> None:
    url_value = None if value == default else _url_value(value)
    st.session_state.setdefault(_CONTROLS, {})[key] = url_value
    # The page's last settings as well (see _restore_last_settings), at once: a page left right
    # after a change may never reach share_link, which stores the exact set.
    last = st.session_state.setdefault(_LAST, {}).setdefault(_page_token(_prefix()), {})
    if url_value is None:
        last.pop(key, None)
    else:
        last[key] = url_value


def _prefix() -> str:
    return st.session_state.get(_PREFIX, "")


def changed_controls() -> list[str]:
    """The keys of this run's controls (so far) whose value differs from their default."""
    return [key for key, value in st.session_state.get(_CONTROLS, {}).items() if value is not None]


def _help(help_key: str | None) -> str | None:
    return t(help_key) if help_key else None


def slider(
    key: str,
    label_key: str,
    min_value: float,
    max_value: float,
    value: float,
    step: float | None = None,
    *,
    help_key: str | None = None,
    format: str | None = None,
) -> Any:
    """``st.slider`` bound to the URL parameter ``key``. Ints in, ints out; floats likewise."""
    _check_key(key)
    _sanitize_url(key, lambda raw: _number_ok(raw, min_value, max_value))
    result = st.slider(
        t(label_key),
        min_value,
        max_value,
        value,
        step,
        key=key,
        bind="query-params",
        help=_help(help_key),
        format=format,
    )
    _record(key, result, value)
    return result


def number(
    key: str,
    label_key: str,
    min_value: float,
    max_value: float,
    value: float,
    step: float | None = None,
    *,
    help_key: str | None = None,
    format: str | None = None,
) -> Any:
    """``st.number_input`` bound to the URL parameter ``key``."""
    _check_key(key)
    _sanitize_url(key, lambda raw: _number_ok(raw, min_value, max_value))
    result = st.number_input(
        t(label_key),
        min_value,
        max_value,
        value,
        step,
        key=key,
        bind="query-params",
        help=_help(help_key),
        format=format,
    )
    _record(key, result, value)
    return result


def toggle(key: str, label_key: str, value: bool = False, *, help_key: str | None = None) -> bool:
    """``st.toggle`` bound to the URL parameter ``key``."""
    _check_key(key)
    _sanitize_url(key, lambda raw: raw in ("true", "false"))
    result = st.toggle(t(label_key), value, key=key, bind="query-params", help=_help(help_key))
    _record(key, result, value)
    return result


def text(
    key: str,
    label_key: str,
    value: str = "",
    *,
    max_chars: int | None = None,
    help_key: str | None = None,
) -> str:
    """``st.text_input`` bound to the URL parameter ``key``."""
    _check_key(key)
    _sanitize_url(key, lambda raw: max_chars is None or len(raw) <= max_chars)
    result = st.text_input(
        t(label_key),
        value,
        max_chars=max_chars,
        key=key,
        bind="query-params",
        help=_help(help_key),
    )
    _record(key, result, value)
    return result


def server_path(key: str, label_key: str, value: str = "", *, help_key: str | None = None) -> str:
    """A text field for a folder on the server, kept in the session but never in the URL or the
    share link: a link must not make the server read a folder its author chose (and an
    instructor's path means nothing on another machine). ``value`` is the first default (from
    an environment variable, say)."""
    _check_key(key)
    drop_url_params([key])  # a hand-made link that names it is ignored
    return st.text_input(
        t(label_key), value, key=key, persist_state="session", help=_help(help_key)
    ).strip()


def select(
    key: str,
    label_key: str,
    options: Mapping[str, str | None] | Sequence[str],
    value: str | None = None,
    *,
    horizontal: bool = False,
    help_key: str | None = None,
) -> str:
    """Choose one option id; the URL holds the id, the page shows its translated label.

    ``options`` maps id -> catalogue key of its label (``{"valid": "gates.task_valid"}``), or is
    a sequence of ids shown as they are ("hann", "10 ms"). ``value`` is the default id (first if
    None). ``horizontal=True`` draws radio buttons instead of a drop-down.
    """
    _check_key(key)
    labels = dict(options) if isinstance(options, Mapping) else {str(o): None for o in options}
    _sanitize_url(key, labels.__contains__)
    ids = list(labels)
    default = ids[0] if value is None else value
    if default not in labels:
        raise ValueError(f"Default {default!r} of {key!r} is not one of its options {ids}.")
    if key not in st.session_state:  # first time this session: a shared link may choose
        from_url = st.query_params.get(key)
        if from_url in labels:
            st.session_state[key] = from_url
    elif st.session_state[key] not in labels:  # options changed under a kept value
        del st.session_state[key]

    # Translated now, not when called: AppTest calls format_func outside the script run, where
    # the session's language is unknown.
    shown = {option: t(key) if key else option for option, key in labels.items()}

    widget = st.radio if horizontal else st.selectbox
    extra = {"horizontal": True} if horizontal else {}
    result = widget(
        t(label_key),
        ids,
        index=ids.index(default),
        format_func=shown.__getitem__,
        key=key,
        persist_state="session",  # like the bound widgets: back on the page, the choice is kept
        help=_help(help_key),
        **extra,
    )
    _sync_url(key, None if result == default else result)
    _record(key, result, default)
    return result


def _sync_url(key: str, wanted: str | None) -> None:
    have = st.query_params.get_all(key)
    if wanted is None and have:
        del st.query_params[key]
    elif wanted is not None and have != [wanted]:
        st.query_params[key] = wanted


def _apply_preset(values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        st.session_state[key] = value


def preset_picker(
    presets: Mapping[str, Mapping[str, Any]], label_key: str = "common.presets"
) -> None:
    """One button per named demo; a click sets those controls (call it before the controls).

    ``presets`` maps the catalogue key of a demo's name to ``{control key: value}``; values are
    what the control returns (numbers, booleans, option ids). The button of the demo whose values
    all match the current controls shows a check mark.
    """
    st.markdown(f"**{t(label_key)}**")
    prefix = st.session_state.get(_PREFIX, "")
    # A wrapping row of buttons as wide as their names: equal columns cut long names off.
    with st.container(horizontal=True, wrap=True):
        for index, (name_key, values) in enumerate(presets.items()):
            active = all(st.session_state.get(k, _MISSING) == v for k, v in values.items())
            st.button(
                t(name_key),
                key=f"_preset_{prefix}_{index}",
                on_click=_apply_preset,
                args=(dict(values),),
                icon=":material/check:" if active else None,
            )


_MISSING = object()


def share_url() -> str:
    """The URL that reopens this page as it is: language, presenter mode, non-default controls."""
    params = {LANG_PARAM: current_lang()}
    if presenter.presenting():
        params[presenter.PRESENT_PARAM] = "1"
    params.update(
        (key, value) for key, value in st.session_state.get(_CONTROLS, {}).items() if value
    )
    base = st.context.url or ""
    if base and not urlsplit(base).path:
        base += "/"
    return f"{base}?{urlencode(params)}"


QR_SCALE = 5  # px per module: a 150-character link (version 8, 49 modules + border) is 265 px


def share_qr(url: str) -> segno.QRCode:
    """The QR code of ``url``: error correction M at least (segno raises it when that still fits
    the same size), so a code projected on a screen or half-covered still scans."""
    return segno.make_qr(url, error="m", boost_error=True)


@st.cache_data(max_entries=64, show_spinner=False)
def _qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    share_qr(url).save(buffer, kind="png", scale=QR_SCALE, border=4)
    return buffer.getvalue()


def share_link() -> str:
    """Show the share link and its QR code in the sidebar slot (call it last, after every
    control). Returns the link."""
    url = share_url()
    recorded = st.session_state.get(_CONTROLS, {}).items()
    last = {key: value for key, value in recorded if value is not None}
    st.session_state.setdefault(_LAST, {})[_page_token(_prefix())] = last  # drops hidden ones
    slot = st.session_state.get(_SHARE_SLOT)
    with slot.container() if slot is not None else st.sidebar:
        st.caption(t("common.share_link"))
        st.code(url, language=None, wrap_lines=True)  # its copy button copies the link
        with st.expander(t("common.share_qr"), icon=":material/qr_code_2:"):
            st.image(_qr_png(url), caption=t("common.share_qr_caption"), output_format="PNG")
    return url
