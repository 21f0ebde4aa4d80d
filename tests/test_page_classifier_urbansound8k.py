"""The sound classifier page on an UrbanSound8K folder generated in the data set's exact layout
(tests/test_urbansound8k.py writes it): trained through the page against the same training run
directly, its skipped rows, a missing or malformed metadata file, and a folder that stays out of
the share link. The app never needs the real data set."""

from __future__ import annotations

import pytest

from lstm_viz.audio import urbansound8k as us8k
from lstm_viz.labs.classifier import compute as sl
from lstm_viz.labs.classifier import text as CT
from tests.test_urbansound8k import bad_rows, write_dataset

PAGE = "pages/5_Sound_classifier.py"
TIMEOUT = 180.0  # s: the first training in a process compiles its kernels
QUERY = {"classifier_clips": "20", "classifier_steps": "20", "classifier_data": "urbansound8k"}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """18 good clips (3 classes in folds 1, 2 and 10) and one row of each kind the loader skips;
    the environment variable points the page at it."""
    root = tmp_path / "UrbanSound8K"
    write_dataset(root)
    write_dataset(root, extra_rows=[row for row, _ in bad_rows(root)])
    monkeypatch.setenv(us8k.ENV_VAR, str(root))
    return root


def open_page(app_test, **query):
    at = app_test(PAGE, timeout=TIMEOUT, query={**QUERY, **query})
    at.run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_the_page_trains_on_the_folder_and_names_the_rows_it_skipped(app_test, folder):
    at = open_page(app_test)
    assert at.text_input(key="classifier_data_root").value == str(folder)
    assert not at.table  # nothing trains on real recordings without a click
    assert (
        "Press Train: the features of 19 UrbanSound8K clips are computed once for each window "
        "(then kept in the cache), and the models train on them." in texts(at.info)
    )  # 18 good clips and one the metadata lists but that cannot be decoded
    next(b for b in at.button if b.label == "Train").click().run()
    assert not at.exception and not at.error

    config = sl.SoundLabConfig(n_per_class=20, steps=20, data_root=str(folder))
    reference = sl.run_sound_model(config, "lstm", 100.0, digest=us8k.folder_digest(folder))
    assert len(reference.y_true) == 6 and reference.clip_files[0] == "fold10/101-1-0-0.wav"
    table = at.table[0].value.set_index("Model")
    se = 100 * sl.standard_error(reference.accuracy, 6)
    assert table.loc["LSTM", "100 ms: ours"] == f"{100 * reference.accuracy:.1f} ± {se:.1f} %"
    captions = texts(at.caption)
    assert (
        f"Data: UrbanSound8K from {folder}, 12 clips of folds 1-9 to train, 6 clips of fold 10 "
        "to score (at most 20 of each class in each)." in captions
    )
    assert (
        "8 rows of the metadata were skipped: 3 malformed (a field missing or not a number), "
        "1 with a fold outside 1-10, 2 with an unknown class, 1 whose file is missing, 1 whose "
        "file could not be read as audio." in texts(at.info)
    )
    predicted = CT.class_name(int(reference.predictions[0]), "en")
    p = f"{100 * reference.probs[0].max():.1f}"
    assert (
        f"Clip 0: fold10/101-1-0-0.wav, a Car horn recording of 0.40 s; the model says "
        f"{predicted} ({p} %)." in captions
    )

    at.sidebar.radio(key="_lang_switch").set_value("ko").run()  # found again, not retrained
    assert not at.exception
    assert "메타데이터의 8개 행을 건너뛰었습니다: 형식이 잘못된 행 3개" in "\n".join(texts(at.info))
    assert (
        at.table[0]
        .value.set_index("모델")
        .loc["LSTM", "100 ms: 우리"]
        .startswith(f"{100 * reference.accuracy:.1f} ±")
    )


def test_the_folder_stays_out_of_the_url_and_the_share_link(app_test, folder):
    at = open_page(app_test, classifier_data_root="/somewhere/else")
    assert at.text_input(key="classifier_data_root").value == str(folder)  # the link is ignored
    assert "classifier_data_root" not in at.query_params
    link = at.sidebar.code[0].value
    assert "classifier_data=urbansound8k" in link and "data_root" not in link


def test_a_missing_metadata_file_is_one_sentence_in_either_language(app_test, folder, tmp_path):
    (folder / "metadata" / "UrbanSound8K.csv").unlink()
    at = open_page(app_test)
    path = folder / "metadata" / "UrbanSound8K.csv"
    sentence = (
        f"There is no metadata file at {path}: the folder must hold metadata/UrbanSound8K.csv "
        "beside audio/."
    )
    assert texts(at.error) == [sentence]
    assert not at.table
    at.sidebar.radio(key="_lang_switch").set_value("ko").run()
    assert texts(at.error) == [
        f"{path}에 메타데이터 파일이 없습니다. 폴더에는 audio/ 옆에 "
        "metadata/UrbanSound8K.csv가 있어야 합니다."
    ]


def test_a_metadata_header_without_its_columns_is_one_sentence(app_test, folder):
    path = folder / "metadata" / "UrbanSound8K.csv"
    path.write_text("name,fold\na.wav,1\n")
    at = open_page(app_test)
    assert texts(at.error) == [
        f"The metadata file {path} has no column slice_file_name, classID, class, so its rows "
        "cannot be read."
    ]


def test_no_folder_typed_asks_for_one(app_test, monkeypatch):
    monkeypatch.delenv(us8k.ENV_VAR, raising=False)
    at = open_page(app_test)
    assert at.text_input(key="classifier_data_root").value == ""
    assert (
        "Type the folder that holds UrbanSound8K (its metadata and audio folders) to train on "
        "the real recordings." in texts(at.info)
    )
    assert not at.error and not at.table


def test_a_fold_split_left_empty_is_one_sentence(app_test, folder):
    for wav in (folder / "audio" / "fold10").iterdir():
        wav.write_bytes(b"RIFF not audio")  # every validation clip unreadable
    at = open_page(app_test)
    next(b for b in at.button if b.label == "Train").click().run()
    assert not at.exception
    assert texts(at.error) == [
        "After skipping the rows that cannot be used, 12 clips are left to train on (folds 1-9) "
        "and 0 to score on (fold 10); each needs at least one."
    ]
