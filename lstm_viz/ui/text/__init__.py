"""The one catalogue of every string the app shows, in English and Korean.

Each module in this folder (``common.py``, ``home.py``) and each lab's ``strings.py``
(``lstm_viz/labs/gates/strings.py``, ...) defines

    STRINGS = {"<module>.<name>": {"en": "...", "ko": "..."}, ...}

and every key starts with its namespace and a dot (``"gates.title"`` lives in the gates lab).
``CATALOGUE`` merges them all; the modules are found with ``pkgutil``, so a page author only adds a
file. A key outside its module's namespace, or the same key twice, fails loudly at import.

Korean follows the textbook's terms (see ``GLOSSARY``; ``tests/test_i18n.py`` checks that every
Korean string whose English mentions a term uses the textbook's word for it).

Placeholders use ``str.format`` syntax (``"{steps} steps"``) and must be the same in both languages.
A string that takes placeholders must write a literal brace as ``{{`` or ``}}``.

This module imports no Streamlit: ``translate`` is pure, so charts and tests can use it.
``lstm_viz.ui.i18n.t`` is the Streamlit-side shortcut that knows the current language.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping

LANGUAGES: tuple[str, ...] = ("en", "ko")

# English term -> the textbook's Korean term (checked against every catalogue entry).
GLOSSARY: dict[str, str] = {
    "forget gate": "망각 게이트",
    "input gate": "입력 게이트",
    "output gate": "출력 게이트",
    "cell state": "셀 상태",
    "hidden state": "은닉 상태",
    "vanishing gradient": "기울기 소실",
    "exploding gradient": "기울기 폭주",
    "recurrent neural network": "순환 신경망",
    "backpropagation": "역전파",
    "bias correction": "편향 보정",
    "spectrogram": "스펙트로그램",
    "learning rate": "학습률",
}

Entry = Mapping[str, str]


def merge_catalogues(modules: Iterable[tuple[str, Mapping[str, Entry]]]) -> dict[str, Entry]:
    """Merge ``(module name, STRINGS)`` pairs into one dict; namespace or duplicate errors raise."""
    merged: dict[str, Entry] = {}
    for name, strings in modules:
        for key, entry in strings.items():
            if not key.startswith(name + "."):
                raise ValueError(
                    f"The strings of {name!r} define {key!r}: its keys must start with {name!r}."
                )
            if key in merged:
                raise ValueError(f"The string key {key!r} is defined twice.")
            merged[key] = entry
    return merged


def _load_modules() -> list[tuple[str, Mapping[str, Entry]]]:
    """The shared modules here (``common``, ``home``) and every lab's ``strings`` module, each
    under its namespace: the module's name here, the lab's name for a lab."""
    import lstm_viz.labs as labs

    named = [(info.name, f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    named += [
        (info.name, f"{labs.__name__}.{info.name}.strings")
        for info in pkgutil.iter_modules(labs.__path__)
        if info.ispkg
    ]
    found = []
    for name, module_name in sorted(named):
        strings = getattr(importlib.import_module(module_name), "STRINGS", None)
        if not isinstance(strings, Mapping):
            raise TypeError(f"{module_name} must define a STRINGS dict.")
        found.append((name, strings))
    return found


CATALOGUE: dict[str, Entry] = merge_catalogues(_load_modules())


def translate(key: str, lang: str, **fmt: object) -> str:
    """The string ``key`` in ``lang`` (English if ``lang`` is unknown), formatted with ``fmt``."""
    try:
        entry = CATALOGUE[key]
    except KeyError:
        raise KeyError(
            f"No string {key!r} in the catalogue (add it to the lab's strings.py)."
        ) from None
    template = entry.get(lang) or entry["en"]
    return template.format(**fmt) if fmt else template
