"""The sound classifier page's words and tables, built from its runs: model, class and cell names,
the equations in the page's language, the accuracy table beside the textbook's, the statements
checked on both, the held-out clips' table, and the "what to notice" items with this run's numbers.

Pure functions of ``lstm_viz.labs.classifier.compute`` records and a language (strings from
``lstm_viz.labs.classifier.strings``), so every sentence the page shows is tested without Streamlit
(tests/test_classifier_text.py); the page only places them.

A *cell* is one trained (window, model) pair of the textbook's table: ``(100.0, "lstm_state")``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from lstm_viz.audio import SAMPLE_RATE, urban
from lstm_viz.audio import urbansound8k as us8k
from lstm_viz.labs.classifier import compute as sl
from lstm_viz.runs import changed_settings
from lstm_viz.ui.text import translate

Cell = tuple[float, str]  # (window in ms, model kind)
Runs = Mapping[Cell, sl.SoundRun]
Item = str | tuple[str, Mapping[str, object]]  # as shell.notice_and_try takes them

# The same symbols as lstm_viz/nn/rnn.py, lstm.py, gru.py and sound_lab.py; <...> are words put in
# by ``equations`` in the page's language.
EQUATIONS = r"""
\begin{aligned}
&\text{RNN:} & h_t &= \tanh(x_t W_x + h_{t-1} W_h + b) \\
&\text{LSTM:} & c_t &= f_t \odot c_{t-1} + i_t \odot g_t, \qquad h_t = o_t \odot \tanh(c_t) \\
&\text{GRU:} & h_t &= z_t \odot h_{t-1} + (1 - z_t) \odot n_t \\
&\text{<head>:} & p &= \mathrm{softmax}(s_T W + b), \qquad
  s_T = h_T \ \text{<or>} \ c_T \ (\text{<state>}) \\
&\text{<score>:} & \mathrm{acc} &= \tfrac{1}{N} \textstyle\sum_{i} [\arg\max_k p_{ik} = y_i],
  \qquad \mathrm{SE} = \sqrt{\mathrm{acc}\,(1 - \mathrm{acc}) / N}
\end{aligned}
"""
TRY_ITEMS = (
    "classifier.try_table",
    "classifier.try_lr",
    "classifier.try_record",
    "classifier.try_seed",
)


def equations(lang: str) -> str:
    """The page's LaTeX block with its words (head, or, LSTM + state, score) in ``lang``."""
    words = {
        "<head>": translate("classifier.eq_head", lang),
        "<or>": translate("classifier.eq_or", lang),
        "<state>": translate("classifier.model_lstm_state", lang),
        "<score>": translate("classifier.eq_score", lang),
    }
    text = EQUATIONS
    for placeholder, word in words.items():
        text = text.replace(placeholder, word)
    return text


# ---------------------------------------------------------------- names and numbers


def model_name(kind: str, lang: str) -> str:
    """'LSTM + state' / 'LSTM + 상태'."""
    return translate(f"classifier.model_{kind}", lang)


def class_name(k: int, lang: str) -> str:
    """Class ``k`` of ``urban.CLASSES`` by name: 'Siren' / '사이렌'."""
    return translate(f"classifier.class_{urban.CLASSES[int(k)]}", lang)


def class_names(lang: str) -> list[str]:
    """Every class's name, in ``urban.CLASSES`` order (the order of the probability vector)."""
    return [class_name(k, lang) for k in range(sl.N_CLASSES)]


def cell_id(cell: Cell) -> str:
    """The cell's id in a URL and in catalogue keys: (100.0, "lstm_state") -> 'lstm_state_100'."""
    return f"{cell[1]}_{cell[0]:g}"


def cell_key(cell: Cell) -> str:
    """The catalogue key of the cell's name: 'classifier.cell_lstm_state_100'."""
    return f"classifier.cell_{cell_id(cell)}"


def cell_name(cell: Cell, lang: str) -> str:
    """'LSTM + state, 100 ms'."""
    return translate(cell_key(cell), lang)


def pct(x: float, digits: int = 1) -> str:
    """A fraction as a percentage without the sign ('48.1'); NaN stays 'NaN'."""
    return "NaN" if not np.isfinite(x) else f"{100 * x:.{digits}f}"


def training_text(cell: Cell, n: int, total: int, lang: str) -> str:
    """The progress bar's words: 'Training LSTM on the 100 ms window (1 of 2)'."""
    return translate(
        "classifier.training_cell",
        lang,
        model=model_name(cell[1], lang),
        window=f"{cell[0]:g}",
        n=n,
        total=total,
    )


# ---------------------------------------------------------------- the results


def run_problems(runs: Runs, lang: str) -> list[tuple[str, str]]:
    """One ``(level, sentence)`` per broken run, in ``runs`` order: ("error", ...) when training
    diverged, ("warning", ...) when its loss ended above ln 10 (worse than guessing)."""
    problems = []
    for (window, kind), run in runs.items():
        name = {"model": model_name(kind, lang), "window": f"{window:g}"}
        if run.diverged is not None:
            what = translate(f"common.diverged_{run.diverged.what}", lang)
            sentence = translate(
                "classifier.diverged", lang, step=run.diverged.step, what=what, **name
            )
            problems.append(("error", sentence))
        elif run.worse_than_guessing:
            loss = f"{run.final_loss:.3g}"
            sentence = translate("classifier.worse_than_guessing", lang, loss=loss, **name)
            problems.append(("warning", sentence))
    return problems


def accuracy_table(runs: Runs, lang: str) -> pd.DataFrame:
    """One row per model: ours (± one standard error) and the textbook's, per window."""
    rows = []
    for kind in sl.MODEL_KINDS:
        row = {translate("classifier.col_model", lang): model_name(kind, lang)}
        for window in sl.WINDOWS_MS:
            run = runs.get((window, kind))
            ours = translate("classifier.not_trained", lang)
            if run is not None:
                ours = translate(
                    "classifier.cell_value", lang, acc=pct(run.accuracy), se=pct(run.standard_error)
                )
            book = sl.TEXTBOOK_ACCURACY.get((window, kind))
            row[translate("classifier.col_ours", lang, window=f"{window:g}")] = ours
            row[translate("classifier.col_textbook", lang, window=f"{window:g}")] = (
                f"{pct(book)} %"
                if book is not None
                else translate("classifier.not_in_textbook", lang)
            )
        rows.append(row)
    return pd.DataFrame(rows)


def table_caption(runs: Runs, lang: str) -> str:
    """What ± means, how many clips, steps and seconds the table took, and why ours differ."""
    first = next(iter(runs.values()))
    return translate(
        "classifier.table_caption_us8k" if first.data_root else "classifier.table_caption",
        lang,
        n=len(first.y_true),
        steps=max(run.loss.size for run in runs.values()),
        seconds=f"{sum(run.seconds for run in runs.values()):.1f}",
    )


def claim_lines(claims: Sequence[sl.Claim], lang: str) -> list[str]:
    """One line per statement: the textbook's verdict, ours (how many cases hold), agree or not."""
    yes_no = {True: translate("classifier.yes", lang), False: translate("classifier.no", lang)}
    return [
        translate(
            "classifier.claim_line",
            lang,
            claim=translate(f"classifier.claim_{c.key}", lang),
            textbook=yes_no[c.textbook],
            ours=yes_no[c.ours],
            ours_cases=c.ours_cases,
            cases=c.cases,
            verdict=translate("classifier.agree" if c.agrees else "classifier.differ", lang),
        )
        for c in claims
    ]


def claims_summary(claims: Sequence[sl.Claim], lang: str) -> str:
    """'Of the textbook's statements that these models can test, we agree on 3 of 4.'"""
    agree = sum(c.agrees for c in claims)
    return translate("classifier.claims_summary", lang, agree=agree, n=len(claims))


# ---------------------------------------------------------------- one model's clips


def clip_table(run: sl.SoundRun, lang: str) -> pd.DataFrame:
    """Every held-out clip: its number, true and predicted class, both probabilities (%), right?"""
    names = np.asarray(class_names(lang))
    return pd.DataFrame(
        {
            translate("classifier.col_clip", lang): np.arange(len(run.y_true)),
            translate("classifier.col_true", lang): names[run.y_true],
            translate("classifier.col_predicted", lang): names[run.predictions],
            translate("classifier.col_confidence", lang): np.round(100 * run.p_predicted, 1),
            translate("classifier.col_p_true", lang): np.round(100 * run.p_true, 1),
            translate("classifier.col_right", lang): run.predictions == run.y_true,
        }
    )


def clip_caption(run: sl.SoundRun, i: int, n_samples: int, lang: str) -> str:
    """'Clip 3: a Siren clip of 2.50 s, re-synthesised from its seed 1234; the model says …'"""
    predicted = int(run.predictions[i])
    where = {"file": run.clip_files[i]} if run.data_root else {"seed": int(run.clip_seeds[i])}
    return translate(
        "classifier.clip_caption_us8k" if run.data_root else "classifier.clip_caption",
        lang,
        i=i,
        true=class_name(run.y_true[i], lang),
        seconds=f"{n_samples / SAMPLE_RATE:.2f}",
        predicted=class_name(predicted, lang),
        p=pct(run.probs[i, predicted]),
        **where,
    )


def your_result(
    probs: np.ndarray, run: sl.SoundRun, cell: Cell, duration_s: float, lang: str
) -> str:
    """'LSTM, 100 ms hears **Siren** (87.3 %). The first 4.00 s of your 6.20 s clip were read …'"""
    best = int(np.argmax(probs))
    return translate(
        "classifier.your_result",
        lang,
        model=cell_name(cell, lang),
        name=class_name(best, lang),
        p=pct(probs[best]),
        seconds=f"{duration_s:.2f}",
        max_seconds=f"{min(duration_s, run.data_config.max_seconds):.2f}",
    )


def resampled(original_sr: int, lang: str) -> str:
    """'Your clip was resampled from 44,100 Hz to 16,000 Hz, the rate of the training clips.'"""
    return translate(
        "classifier.resampled", lang, original_sr=f"{original_sr:,}", sr=f"{SAMPLE_RATE:,}"
    )


# ---------------------------------------------------------------- what to notice


def notice_items(
    runs: Runs, claims: Sequence[sl.Claim], cell: Cell | None, lang: str
) -> list[Item]:
    """The "what to notice" items, each a catalogue key with this run's numbers: the accuracy
    (range), the inspected model's confusion matrix and noise, and the textbook statements."""
    items: list[Item] = []
    finite = {c: r.accuracy for c, r in runs.items() if np.isfinite(r.accuracy)}
    if len(finite) == 1:
        ((only, acc),) = finite.items()
        items.append(
            ("classifier.notice_single", {"model": cell_name(only, lang), "acc": pct(acc)})
        )
    elif finite:
        low, high = pct(min(finite.values())), pct(max(finite.values()))
        items.append(("classifier.notice_range", {"low": low, "high": high}))
    run = runs.get(cell) if cell is not None else None
    if run is not None and run.diverged is None:
        h = sl.confusion_highlights(run.confusion)
        confusion = {
            "model": cell_name(cell, lang),
            "best": class_name(h.best, lang),
            "best_rate": pct(h.best_rate, 0),
            "worst": class_name(h.worst, lang),
            "worst_rate": pct(h.worst_rate, 0),
            "mistaken": class_name(h.mistaken, lang),
            "mistaken_for": class_name(h.mistaken_for, lang),
            "mistakes": h.mistakes,
        }
        items.append(("classifier.notice_confusion", confusion))
        n = len(run.y_true)
        noise = {
            "n": n,
            "one": f"{100 / n:.2g}",
            "acc": pct(run.accuracy, 0),
            "se": pct(run.standard_error),
        }
        items.append(("classifier.notice_noise", noise))
    if claims:
        agree = sum(c.agrees for c in claims)
        items.append(("classifier.notice_claims", {"agree": agree, "n": len(claims)}))
    return items


# ---------------------------------------------------------------- the real recordings


def urbansound8k_error(error: Exception, lang: str) -> str:
    """One sentence for a folder the loader refuses: no metadata file, a header without a
    needed column, or no usable clip left in a split (``us8k.NoUsableClips`` or a
    ``FeatureSummary`` that is not ``usable``)."""
    if isinstance(error, us8k.MetadataNotFound):
        return translate("classifier.us8k_metadata_not_found", lang, path=error.path)
    if isinstance(error, us8k.MetadataMalformed):
        columns = ", ".join(error.missing)
        return translate(
            "classifier.us8k_metadata_malformed", lang, path=error.path, columns=columns
        )
    if isinstance(error, us8k.NoUsableClips):
        return no_usable_clips(error.n_train, error.n_validation, lang)
    raise TypeError(f"no sentence for {type(error).__name__}")


def no_usable_clips(n_train: int, n_validation: int, lang: str) -> str:
    return translate("classifier.us8k_no_usable", lang, n_train=n_train, n_validation=n_validation)


def skipped_sentence(skipped: Mapping[str, int], lang: str) -> str | None:
    """'3 rows of the metadata were skipped: 1 malformed (…), 2 whose file is missing.' in the
    loader's reason order, or None when nothing was skipped."""
    counts = [(r, int(skipped[r])) for r in us8k.SKIP_REASONS if skipped.get(r)]
    if not counts:
        return None
    reasons = ", ".join(translate(f"classifier.skip_{r}", lang, n=n) for r, n in counts)
    n = sum(n for _, n in counts)
    return translate("classifier.us8k_skipped", lang, n=n, reasons=reasons)


def urbansound8k_data(config: sl.SoundLabConfig, summary: sl.FeatureSummary, lang: str) -> str:
    """'Data: UrbanSound8K from /data/us8k, 800 clips of folds 1-9 to train, …'"""
    return translate(
        "classifier.us8k_data",
        lang,
        root=config.data_root,
        n_train=summary.n_train,
        n_validation=summary.n_validation,
        cap=config.n_per_class,
    )


# ---------------------------------------------------------------- pin and compare

SETTING_KEYS = {  # a setting's control on the page (its label's catalogue key)
    "n_per_class": "classifier.clips",
    "hidden_size": "classifier.hidden",
    "steps": "classifier.steps",
    "lr": "classifier.lr",
    "seed": "classifier.seed",
    "data_root": "classifier.data",
}


def _setting(name: str, value: object) -> object:
    if name == "data_root":  # "Synthetic" (the page translates it), or the folder itself
        return value or "classifier.data_synthetic"
    return value


def compare_parts(
    pinned: sl.SoundLabConfig, current: sl.SoundLabConfig
) -> list[tuple[str, object, object]]:
    """Each setting in which two runs differ, as (its control's catalogue key, pinned value,
    current value), in the config's field order (``runs.changed_settings``); a setting the page
    has no control for keeps its field name."""
    return [
        (SETTING_KEYS.get(name, name), _setting(name, a), _setting(name, b))
        for name, a, b in changed_settings(pinned, current)
    ]


def compare_lines(current: Runs, pinned: Runs, lang: str) -> list[str]:
    """One line per model and window both runs trained: this run's accuracy beside the pinned
    one's, in table order."""
    shared = [c for c in _table_order(current) if c in pinned]
    return [
        translate(
            "classifier.compare_accuracy",
            lang,
            model=cell_name(c, lang),
            current=pct(current[c].accuracy),
            pinned=pct(pinned[c].accuracy),
        )
        for c in shared
    ]


def _table_order(runs: Runs) -> list[Cell]:
    return sorted(runs, key=lambda c: (sl.WINDOWS_MS.index(c[0]), sl.MODEL_KINDS.index(c[1])))


def run_record(config: sl.SoundLabConfig, runs: Runs) -> dict:
    """What the page's JSON download holds: the settings and every model shown, by cell id."""
    return {"settings": config, "runs": {cell_id(c): runs[c] for c in _table_order(runs)}}
