"""The claims harness of the sound classifier page: for every preset and seeds 0-9, every sentence
the page would show is checked against numbers computed here, independently of ``text.py``.

The presets' cells are trained at small settings (10 clips per class, 20 steps, H = 10): the
sentences are worded from each run's numbers, so what is checked is that the wording follows the
numbers whatever they are, not how well a model learns. The one general claim about learning
("a learning rate of 10 ends worse than guessing, and the page says why") is checked at seeds 0-9
on its own.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from lstm_viz.labs.classifier import compute as sl
from lstm_viz.labs.classifier import text as CT
from lstm_viz.ui.text import translate

SEEDS = range(10)
SMALL = sl.SoundLabConfig(n_per_class=10, steps=20, hidden_size=10)
CELLS = sorted({cell for _, cells in sl.PRESETS.values() for cell in cells})


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("sounds")


@pytest.fixture(scope="module")
def runs_by_seed(cache_dir):
    """{seed: {cell: SoundRun}} for every cell any preset trains."""
    return {
        seed: {
            cell: sl.run_sound_model(
                dataclasses.replace(SMALL, seed=seed), cell[1], cell[0], cache_dir=cache_dir
            )
            for cell in CELLS
        }
        for seed in SEEDS
    }


def shown(items, lang="en") -> dict[str, str]:
    """{catalogue key: the sentence} as the page renders each item."""
    return {key: translate(key, lang, **params) for key, params in items}


def check_sentences(runs, cell, lang):
    claims = sl.compare_with_textbook({c: r.accuracy for c, r in runs.items()})
    sentences = shown(CT.notice_items(runs, claims, cell, lang), lang)
    accuracies = [np.mean(r.probs.argmax(1) == r.y_true) for r in runs.values() if not r.diverged]
    if len(accuracies) == 1:
        assert f"{100 * accuracies[0]:.1f} %" in sentences["classifier.notice_single"]
    else:
        sentence = sentences["classifier.notice_range"]
        assert f"{100 * min(accuracies):.1f} %" in sentence
        assert f"{100 * max(accuracies):.1f} %" in sentence
    run = runs[cell]
    # the confusion matrix, counted here clip by clip
    counts = np.zeros((10, 10), int)
    for true, predicted in zip(run.y_true, run.probs.argmax(1), strict=True):
        counts[true, predicted] += 1
    recall = counts.diagonal() / counts.sum(1)
    off = counts - np.diag(counts.diagonal())
    sentence = sentences["classifier.notice_confusion"]
    assert (
        f"({100 * recall.max():.0f} %)" in sentence and f"({100 * recall.min():.0f} %)" in sentence
    )
    best = CT.class_name(int(np.argmax(recall)), lang)
    assert best in sentence
    assert f"({off.max()} " in sentence or f"{off.max()}개" in sentence
    n = len(run.y_true)
    se = 100 * np.sqrt(recall.mean() * (1 - recall.mean()) / n)  # balanced: accuracy = mean recall
    assert f"{se:.1f}" in sentences["classifier.notice_noise"]
    if claims:
        agree = sum(c.textbook == c.ours for c in claims)
        assert f"{agree}" in sentences["classifier.notice_claims"]
    # a warning only where the numbers call for one
    problems = CT.run_problems(runs, lang)
    guessing = [r for r in runs.values() if r.final_loss > sl.GUESS_LOSS and not r.diverged]
    assert len(problems) == len(guessing) + sum(r.diverged is not None for r in runs.values())


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("preset", list(sl.PRESETS))
def test_every_sentence_follows_this_runs_numbers(runs_by_seed, preset, seed):
    _, cells = sl.PRESETS[preset]
    runs = {cell: runs_by_seed[seed][cell] for cell in cells}
    for cell in cells:  # every model the page lets one inspect
        for lang in ("en", "ko"):
            check_sentences(runs, cell, lang)


@pytest.mark.parametrize("seed", SEEDS)
def test_held_out_clips_are_the_same_at_every_seed(runs_by_seed, seed):
    cell = (100.0, "lstm")
    np.testing.assert_array_equal(
        runs_by_seed[seed][cell].clip_seeds, runs_by_seed[0][cell].clip_seeds
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_a_learning_rate_of_10_ends_worse_than_guessing_and_the_page_says_why(cache_dir, seed):
    # "Set the learning rate to 10: the loss stays above ln 10, worse than guessing, and the page
    # says why" (classifier.try_lr), from the default run's settings. (Its accuracy is not
    # claimed: at seed 5 it reached 35 %, while its loss stayed above ln 10.)
    config = dataclasses.replace(SMALL, lr=10.0, seed=seed, steps=60)
    run = sl.run_sound_model(config, "lstm", 100.0, cache_dir=cache_dir)
    assert run.diverged is not None or run.final_loss > sl.GUESS_LOSS
    assert CT.run_problems({(100.0, "lstm"): run}, "en")
