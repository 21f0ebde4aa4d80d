"""The string catalogue: complete in both languages, consistent placeholders, the textbook's
Korean terms, and every key the app's source names exists."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_viz.ui.shell import PAGES, page_title_key
from lstm_viz.ui.text import CATALOGUE, GLOSSARY, LANGUAGES, merge_catalogues, translate

ROOT = Path(__file__).resolve().parents[1]
KEYS = sorted(CATALOGUE)
NAMESPACES = {key.split(".", 1)[0] for key in KEYS}
SOURCES = sorted(
    [
        ROOT / "app.py",
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "lstm_viz" / "ui").glob("*.py"),
        *(ROOT / "lstm_viz" / "labs").glob("*/*.py"),
    ]
)


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields of a str.format template (``{{`` and ``}}`` are literal braces)."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


RESULT_CACHE = {"lookup", "remember", "RunSpec"}  # calls whose first argument names a run
KEY_SHAPE = re.compile(r"([a-z_]+)\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*")


def called(node: ast.AST) -> str:
    """The name of the function a call node calls ("" for anything else)."""
    if not isinstance(node, ast.Call):
        return ""
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def used_keys(path: Path) -> set[str]:
    """Catalogue keys written literally in a source file: ``t("...")`` arguments and any string
    constant of the form ``<known namespace>.<name>`` (label keys, preset names, ...), except
    result-cache names (``shell.lookup("gates.train", ...)``, also through a constant) and the
    pieces of f-strings."""
    tree = ast.parse(path.read_text(), filename=str(path))
    nodes = list(ast.walk(tree))
    keys = {
        n.args[0].value
        for n in nodes
        if called(n) in {"t", "translate"} and n.args and isinstance(n.args[0], ast.Constant)
    }
    skip = {id(part) for n in nodes if isinstance(n, ast.JoinedStr) for part in n.values}
    cache_args = [n.args[0] for n in nodes if called(n) in RESULT_CACHE and n.args]
    skip |= {id(arg) for arg in cache_args}
    cache_names = {arg.id for arg in cache_args if isinstance(arg, ast.Name)}
    skip |= {
        id(n.value)
        for n in nodes
        if isinstance(n, ast.Assign) and any(getattr(t, "id", "") in cache_names for t in n.targets)
    }
    for node in nodes:
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            match = KEY_SHAPE.fullmatch(node.value)
            if match and match.group(1) in NAMESPACES:
                keys.add(node.value)
    return keys


USED = sorted(
    {(path.relative_to(ROOT).as_posix(), key) for path in SOURCES for key in used_keys(path)}
)


# Each check below lists every offending key at once (one test, not one test per key).


def test_every_key_has_nonempty_english_and_korean():
    bad = [
        key
        for key, entry in CATALOGUE.items()
        if set(entry) != set(LANGUAGES)
        or not all(isinstance(entry[lang], str) and entry[lang].strip() for lang in LANGUAGES)
    ]
    assert bad == []


def test_placeholders_match_between_english_and_korean():
    bad = [
        key
        for key, entry in CATALOGUE.items()
        if placeholders(entry["en"]) != placeholders(entry["ko"])
    ]
    assert bad == []


def test_korean_uses_the_textbook_terms():
    bad = {}
    for key, entry in CATALOGUE.items():
        english, korean = entry["en"].lower(), entry["ko"]
        missing = [ko for en, ko in GLOSSARY.items() if en in english and ko not in korean]
        if missing:
            bad[key] = missing
    assert bad == {}, "the Korean should use the textbook's word"


def test_no_string_has_a_tilde_that_markdown_would_strike_through():
    # Markdown reads "0~1 ... 1~2" as strikethrough: a range is written "0–1" (or "0\\~1").
    bad = [
        f"{key} ({lang})"
        for key, entry in CATALOGUE.items()
        for lang, text in entry.items()
        if re.search(r"(?<!\\)~", text)
    ]
    assert bad == []


def test_every_key_named_in_the_source_exists():
    missing = [f"{path}: {key}" for path, key in USED if key not in CATALOGUE]
    assert USED and missing == []


def test_the_scan_finds_keys_and_skips_result_names_and_fstring_pieces(tmp_path):
    source = tmp_path / "page.py"
    source.write_text(
        "CACHE = 'home.cached'\n"
        "t('home.intro')\n"
        "controls.slider('h_x', 'common.step', 1, 2, 1)\n"
        "shell.lookup('home.run', settings)\n"
        "shell.remember(CACHE, settings, compute)\n"
        "t(f'home.blurb_{page_id}')\n"
    )
    assert used_keys(source) == {"home.intro", "common.step"}


def test_every_page_has_a_name_and_a_home_card_line():
    keys = [k for p in PAGES for k in (page_title_key(p.page_id), f"home.blurb_{p.page_id}")]
    assert [key for key in keys if key not in CATALOGUE] == []


def test_translate_formats_placeholders_in_each_language():
    assert translate("common.progress", "en", step=3, total=10, loss="0.5") == (
        "Step 3 of 10 · loss 0.5"
    )
    assert translate("common.progress", "ko", step=3, total=10, loss="0.5") == (
        "10 단계 중 3 단계 · 손실 0.5"
    )


def test_translate_falls_back_to_english_for_an_unknown_language():
    assert translate("common.try_this", "fr") == "Try this"


def test_translate_names_the_missing_key():
    with pytest.raises(KeyError, match="gates.nope"):
        translate("gates.nope", "en")


def test_merging_rejects_a_key_defined_twice():
    strings = {"demo.title": {"en": "A", "ko": "가"}}
    with pytest.raises(ValueError, match="defined twice"):
        merge_catalogues([("demo", strings), ("demo", strings)])


def test_merging_rejects_a_key_outside_its_module_namespace():
    with pytest.raises(ValueError, match="must start with 'gates'"):
        merge_catalogues([("gates", {"home.title": {"en": "A", "ko": "가"}})])


def test_the_catalogue_loads_without_streamlit():
    code = "import sys, lstm_viz.ui.text, lstm_viz.ui.charts; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "False", result.stderr
