"""Audio uploads and recordings, the same on every page: the uploader with its limits stated,
the one validation (``lstm_viz.audio.io.validate_upload``), its errors in one translated sentence,
and user-supplied names as plain text.

A page does::

    file = uploads.audio_uploader(t("fft.upload"), key="fft_upload")   # or st.audio_input
    upload = uploads.read_clip(file)   # None: nothing yet, or refused (sentence shown)
    if upload is not None:
        ...upload.clip.samples, upload.digest (cache key), upload.name (escaped for Markdown;
        upload.file_name is the name as sent)

A file over ``server.maxUploadSize`` (.streamlit/config.toml, the same MAX_MB as the check) is
refused by the browser before it reaches the server, which then never hears of it: the uploader's
caption states the limits and what the red icon on such a file means.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import streamlit as st

from lstm_viz.audio import io as audio_io
from lstm_viz.audio.io import AudioError, DecodedAudio
from lstm_viz.ui.i18n import t

AUDIO_TYPES = ["wav", "flac", "ogg", "mp3"]
MAX_NAME_CHARS = 80  # a longer file name is shortened with "…"
# What Markdown would act on in a name: links and images ([]()!), emphasis (*_~), code (`),
# HTML (<>), tables (|), headings (#), Streamlit's :emoji: / :material/...: shortcodes (:), LaTeX
# ($) and colour directives ({}); "." and "-" stay, so "tone.wav" reads (and compares) as typed.
_MARKDOWN_SPECIAL = re.compile(r"([!\"#$&'()*+:<=>@\[\\\]^_`{|}~])")


@dataclass(frozen=True)
class Upload:
    clip: DecodedAudio
    digest: str  # sha256 of the bytes: the cache key of anything computed from the clip
    file_name: str  # as the user's browser sent it: never put it into Markdown as it is

    @property
    def name(self) -> str:
        """The file's name escaped for Markdown: shows as typed inside any Markdown text."""
        return plain(self.file_name)


def plain(text: str, max_chars: int = MAX_NAME_CHARS) -> str:
    """``text`` escaped so that Markdown shows it as typed: no links, images, bold or icons."""
    text = " ".join(str(text).split())  # no line breaks or tabs
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def limits_caption() -> str:
    """The one sentence that states the upload limits (shown under every audio uploader)."""
    return t(
        "common.audio_limits",
        max_mb=f"{audio_io.MAX_MB:g}",
        min_ms=f"{audio_io.MIN_SECONDS * 1000:g}",
        max_s=f"{audio_io.MAX_SECONDS:g}",
        min_khz=f"{audio_io.MIN_SR / 1000:g}",
        max_khz=f"{audio_io.MAX_SR / 1000:g}",
    )


def audio_uploader(label: str, key: str):
    """``st.file_uploader`` for one audio file, with the limits stated beneath it."""
    file = st.file_uploader(label, type=AUDIO_TYPES, key=key, help=limits_caption())
    st.caption(limits_caption())
    return file


def error_sentence(error: AudioError) -> str:
    """The translated sentence of an ``AudioError`` (the catalogue words each kind)."""
    p = error.params
    name = type(error).__name__
    fields: dict[str, object] = {}
    if name == "FileTooLarge":
        fields = {"mb": f"{p['n_bytes'] / 1e6:.1f}", "max_mb": f"{p['max_bytes'] / 1e6:g}"}
    elif name == "ClipTooLong":
        fields = {"seconds": f"{p['seconds']:.1f}", "max_seconds": f"{p['max_seconds']:g}"}
    elif name == "ClipTooShort":
        fields = {"ms": f"{p['seconds'] * 1000:.0f}", "min_ms": f"{p['min_seconds'] * 1000:g}"}
    elif name == "SampleRateOutOfRange":
        fields = {
            "sr": f"{p['sample_rate']:,}",
            "min_sr": f"{p['min_sr']:,}",
            "max_sr": f"{p['max_sr']:,}",
        }
    elif name == "SilentAudio":
        fields = {"threshold_dbfs": f"{p['threshold_dbfs']:g}"}
    elif name == "NonFiniteAudio":
        fields = {"n_bad": p["n_bad"]}
    elif name == "TooManyChannels":
        fields = {"channels": p["channels"]}
    key = f"common.audio_{name}"
    try:
        return t(key, **fields)
    except KeyError:
        return t("common.audio_other")


@st.cache_data(max_entries=8, show_spinner=False)
def _validated(digest: str, _data: bytes) -> DecodedAudio:
    # Keyed by the digest, never by the audio itself; errors are not cached (they re-raise).
    return audio_io.validate_upload(_data)


def read_clip(file) -> Upload | None:
    """The validated clip of an upload or recording, or None: nothing yet, or refused (then its
    one sentence is shown as an error)."""
    if file is None:
        return None
    data = file.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    try:
        clip = _validated(digest, data)
    except AudioError as error:
        st.error(error_sentence(error), icon=":material/error:")
        return None
    return Upload(clip, digest, str(getattr(file, "name", "") or ""))
