"""The LSTM gates page in AppTest: the default run, a demo and the Train button, the Korean switch,
what the heatmap specs contain, a bad expression's sentence, and settings that do not retrain."""

from __future__ import annotations

import json

import altair as alt
import pytest

from lstm_viz.labs.gates import compute as gates

PAGE = "pages/1_LSTM_gates.py"
TIMEOUT = 60  # s: the default run trains for a few seconds, more on a loaded CI machine
SMALL = {"gates_steps": "100"}  # a quick run where the trained numbers do not matter


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def heatmaps(at) -> list[dict]:
    """Every heatmap, in page order; the page puts two in one chart (``vconcat``/``hconcat``)."""
    parts = [
        part for spec in specs(at) for part in spec.get("vconcat", spec.get("hconcat", [spec]))
    ]
    return [part for part in parts if part.get("mark", {}).get("type") == "rect"]


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_default_run_trains_and_draws_every_state_before_and_after(app_test):
    at = app_test(PAGE, timeout=TIMEOUT)
    at.run()
    assert not at.exception
    assert at.title[0].value == "LSTM gates"
    accuracy, chance = (float(m.value.rstrip(" %")) for m in at.metric[:2])
    assert accuracy >= 80 and 45 <= chance <= 55  # the textbook task, well above chance
    maps = heatmaps(at)
    assert len(maps) == 3 * len(gates.STATES)  # before, after, and the student's expression
    titles = [m["title"]["text"] for m in maps]
    assert titles[:2] == ["Forget gate f, before training", "Forget gate f, after training"]


def test_every_chart_is_valid_vega_lite(app_test):
    # The page skips Altair's schema check at run time (speed); the schema check happens here.
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    root = alt.vegalite.v6.schema.core.VegaLiteSchema._rootschema
    drawn = specs(at)
    assert len(drawn) == 1 + len(gates.STATES) + len(gates.STATES) // 2
    for spec in drawn:
        assert alt.utils.schemapi.validate_jsonschema(spec, root, raise_error=False) is None


def test_gates_heatmap_has_one_column_per_input_symbol_with_fixed_domains(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    caption = next(m.value for m in at.markdown if m.value.startswith("Sequence: `"))
    text = caption.split("`")[1]  # the example, its end marker included
    maps = heatmaps(at)
    by_title = {m["title"]["text"]: m for m in maps}
    forget = by_title["Forget gate f, before training"]
    assert forget["encoding"]["x"]["scale"]["domain"] == list(range(len(text)))
    assert json.dumps(list(text)) in forget["encoding"]["x"]["axis"]["labelExpr"]
    assert forget["encoding"]["color"]["scale"]["domain"] == [0.0, 1.0]
    assert by_title["Hidden state h, after training"]["encoding"]["color"]["scale"]["domain"] == [
        -1.0,
        1.0,
    ]
    tips = {tip["title"] for tip in forget["encoding"]["tooltip"]}
    assert tips == {"unit", "time step (input symbol)", "input symbol", "f"}
    # The student's expression: (a+12)*b3 and the end marker, one column each ('1' and '2' too).
    yours = [m for m in maps if m["encoding"]["x"]["scale"]["domain"] == list(range(10))]
    assert len(yours) == len(gates.STATES)


def test_korean_switch_changes_the_title_and_labels(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, "lang": "ko"})
    at.run()
    assert not at.exception
    assert at.title[0].value == "LSTM 게이트"
    assert heatmaps(at)[0]["title"]["text"] == "망각 게이트 f, 학습 전"


def test_memory_demo_then_train_shows_the_unit_that_keeps_the_first_symbol(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    button(at, "First symbol, lag 20").click().run()
    assert at.info  # the settings changed, nothing retrained yet
    button(at, "Train").click().run()
    assert not at.exception and not at.info
    accuracy = float(at.metric[0].value.rstrip(" %"))
    assert accuracy >= 95  # pinned in tests/test_gates.py for this demo
    notice = "\n".join(m.value for m in at.markdown)
    assert "forget gate stays near 1 across the noise steps" in notice
    assert at.metric[3].value == "B"  # the default sequence B0312... gets its first symbol


def test_moving_a_slider_does_not_retrain(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query=SMALL)
    at.run()
    loss = at.metric[2].value
    at.slider(key="gates_hidden").set_value(32).run()
    assert at.info and "press Train" in at.info[0].value
    assert at.metric[2].value == loss  # still the run on screen
    at.slider(key="gates_example").set_value(3).run()  # a view change: same run
    assert at.metric[2].value == loss


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        ("en", "(a+%b)", ["'%'", "position 4"]),
        ("ko", "(a+%b)", ["4번째", "'%'"]),
        ("en", "", ["empty"]),
        ("ko", "a b", ["2번째", "공백"]),
    ],
)
def test_a_bad_expression_gets_one_sentence(app_test, lang, text, words):
    at = app_test(PAGE, timeout=TIMEOUT, query={**SMALL, "lang": lang})
    at.run()
    at.text_input(key="gates_expr").set_value(text).run()
    assert not at.exception
    assert len(at.error) == 1
    assert all(word in at.error[0].value for word in words)


def test_a_shared_link_with_a_bad_sequence_opens_with_its_sentence(app_test):
    query = {**SMALL, "lang": "ko", "gates_task": "first_symbol", "gates_seq": "0123"}
    at = app_test(PAGE, timeout=TIMEOUT, query=query)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "첫 기호는 문자 A, B, C, D 중 하나여야 합니다. '0'는 안 됩니다."
    ]


def test_learning_rate_10_for_500_steps_never_crashes(app_test):
    at = app_test(PAGE, timeout=TIMEOUT, query={"gates_lr": "10", "gates_steps": "500"})
    at.run()
    assert not at.exception and not at.error
    assert float(at.metric[0].value.rstrip(" %")) < 61  # near chance, as the page says
