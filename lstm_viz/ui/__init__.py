"""The pages' Streamlit helpers: the only part of ``lstm_viz`` that imports Streamlit.

- ``shell``: ``page_setup`` (config, sidebar, language), ``header``, ``guard``, ``show_error``,
  ``notice_and_try``, ``train_button`` and the ``PAGES`` registry.
- ``training``: the one way a page finds or computes a run (``find``, ``run``), with progress.
- ``uploads``: the audio uploader and the one validation of an uploaded or recorded clip.
- ``export``: a chart's numbers as CSV, a run as JSON, a clip as WAV (no Streamlit).
- ``pinning``: "Pin this run" and the compare heading, the CSV and JSON download buttons.
- ``controls``: URL-bound controls (``slider``, ``number``, ``toggle``, ``text``, ``select``),
  ``preset_picker`` and ``share_link``.
- ``i18n``: the current language and ``t(key)``; ``text/``: the string catalogue.
- ``charts``: Altair builders (no Streamlit import: unit-testable with ``chart.to_dict()``).

This ``__init__`` imports nothing, so ``lstm_viz.ui.charts`` and ``lstm_viz.ui.text`` load
without Streamlit.
"""
