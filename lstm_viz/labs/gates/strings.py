"""Strings of the LSTM gates page (pages/1_LSTM_gates.py), in English and Korean."""

STRINGS = {
    "gates.intro": {
        "en": "A small LSTM learns a sequence task live, in your browser. You will see its forget, "
        "input and output gates, its candidate, cell state and hidden state at every time step of "
        "one sequence, before and after training, and how they react to a sequence you type.",
        "ko": "작은 LSTM이 브라우저에서 실시간으로 시퀀스 과제를 학습합니다. 한 시퀀스의 모든 시간 "
        "단계에서 망각 게이트, 입력 게이트, 출력 게이트와 후보 값, 셀 상태, 은닉 상태를 학습 "
        "전후로 비교하고, 직접 입력한 시퀀스에 어떻게 반응하는지 봅니다.",
    },
    "gates.equations_heading": {"en": "The equations of one time step", "ko": "한 시간 단계의 식"},
    "gates.state": {"en": "Gate or state to show", "ko": "보여 줄 게이트 또는 상태"},
    "gates.equations_caption": {
        "en": "One time step. σ is the logistic function, ⊙ the element-wise product; the code "
        "uses the same letters (lstm_viz.nn.lstm). The verdict is read from h at the last step.",
        "ko": "한 시간 단계의 계산입니다. σ는 시그모이드 함수, ⊙는 원소별 곱이며 코드도 같은 "
        "기호를 씁니다 (lstm_viz.nn.lstm). 판정은 마지막 단계의 h에서 읽습니다.",
    },
    # Controls
    "gates.settings": {"en": "Training settings", "ko": "학습 설정"},
    "gates.task": {"en": "Task", "ko": "과제"},
    "gates.task_expressions": {
        "en": "Valid expressions (textbook)",
        "ko": "올바른 수식 판별 (교재)",
    },
    "gates.task_first_symbol": {
        "en": "Remember the first symbol",
        "ko": "첫 기호 기억하기",
    },
    "gates.task_help": {
        "en": "Valid expressions: is a string like (a+12)*b3 a valid arithmetic expression? "
        "Remember the first symbol: a letter A-D, then noise digits; name the letter at the end.",
        "ko": "올바른 수식 판별: (a+12)*b3 같은 문자열이 올바른 산술식인가? 첫 기호 기억하기: "
        "문자 A-D 하나 뒤에 잡음 숫자가 이어지고, 끝에서 그 문자를 맞힙니다.",
    },
    "gates.hidden": {"en": "Hidden size H (units)", "ko": "은닉 크기 H (유닛 수)"},
    "gates.hidden_help": {
        "en": "The textbook uses 64; 16 trains in a second or two.",
        "ko": "교재는 64를 씁니다. 16이면 1–2초 만에 학습됩니다.",
    },
    "gates.forget_bias": {
        "en": "Initial forget-gate bias b_f",
        "ko": "망각 게이트 편향 초기값 b_f",
    },
    "gates.forget_bias_help": {
        "en": "Before training the forget gate is about σ(b_f): 0.5 for 0, 0.73 for 1.",
        "ko": "학습 전 망각 게이트는 약 σ(b_f)입니다: 0이면 0.5, 1이면 0.73.",
    },
    "gates.lr": {"en": "Learning rate (Adam)", "ko": "학습률 (Adam)"},
    "gates.steps": {"en": "Training steps", "ko": "학습 단계 수"},
    "gates.seed": {"en": "Seed", "ko": "시드"},
    "gates.seed_help": {
        "en": "Sets the initial weights and the order of mini-batches; the data stay the same.",
        "ko": "초기 가중치와 미니배치 순서를 정합니다. 데이터는 그대로입니다.",
    },
    "gates.lag": {"en": "Lag (noise steps)", "ko": "지연 (잡음 단계 수)"},
    "gates.lag_help": {
        "en": "How many noise digits follow the first symbol.",
        "ko": "첫 기호 뒤에 이어지는 잡음 숫자의 개수입니다.",
    },
    # Presets
    "gates.preset_textbook": {"en": "Textbook: valid expressions", "ko": "교재: 올바른 수식"},
    "gates.preset_first_symbol": {
        "en": "First symbol, lag 20",
        "ko": "첫 기호, 지연 20",
    },
    "gates.preset_forget_bias_0": {"en": "Forget bias 0, lag 20", "ko": "망각 편향 0, 지연 20"},
    "gates.preset_lr_10": {"en": "Learning rate 10", "ko": "학습률 10"},
    # Training state
    "gates.press_train": {
        "en": "No run with these settings yet: press Train to train it ({steps} steps).",
        "ko": "이 설정으로 학습한 결과가 아직 없습니다. '학습'을 눌러 학습하세요 ({steps} 단계).",
    },
    "gates.no_trained_model": {
        "en": "There is no trained model to show, because training stopped early.",
        "ko": "학습이 일찍 멈춰서 보여 줄 학습된 모델이 없습니다.",
    },
    # Results
    "gates.accuracy": {"en": "Held-out accuracy", "ko": "검증 정확도"},
    "gates.accuracy_help": {
        "en": "On {n} sequences the model never trained on.",
        "ko": "학습에 쓰지 않은 시퀀스 {n}개에서 잰 정확도입니다.",
    },
    "gates.chance": {"en": "Chance level", "ko": "우연 수준"},
    "gates.chance_help": {
        "en": "Always answering the most common class of the held-out set.",
        "ko": "검증 집합에서 가장 흔한 클래스를 늘 답할 때의 정확도입니다.",
    },
    "gates.final_loss": {"en": "Final training loss", "ko": "마지막 학습 손실"},
    "gates.loss_title": {"en": "Training loss", "ko": "학습 손실"},
    "gates.loss_series": {"en": "mini-batch loss", "ko": "미니배치 손실"},
    "gates.loss_smoothed": {
        "en": "mean of the last {n} steps",
        "ko": "최근 {n} 단계 평균",
    },
    # The example and the heatmaps
    "gates.example_heading": {
        "en": "Gates on one held-out sequence",
        "ko": "검증 시퀀스 하나에서 본 게이트",
    },
    "gates.example": {"en": "Example", "ko": "예시"},
    "gates.example_caption": {
        "en": "Sequence: `{text}` · truth: **{truth}** · trained model: **{predicted}** "
        "(probability {probability} %)",
        "ko": "시퀀스: `{text}` · 정답: **{truth}** · 학습된 모델: **{predicted}** "
        "(확률 {probability} %)",
    },
    "gates.example_caption_untrained": {
        "en": "Sequence: `{text}` · truth: **{truth}**",
        "ko": "시퀀스: `{text}` · 정답: **{truth}**",
    },
    "gates.before": {"en": "before training", "ko": "학습 전"},
    "gates.after": {"en": "after training", "ko": "학습 후"},
    "gates.state_f": {"en": "Forget gate f", "ko": "망각 게이트 f"},
    "gates.state_i": {"en": "Input gate i", "ko": "입력 게이트 i"},
    "gates.state_o": {"en": "Output gate o", "ko": "출력 게이트 o"},
    "gates.state_g": {"en": "Candidate g", "ko": "후보 값 g"},
    "gates.state_c": {"en": "Cell state c", "ko": "셀 상태 c"},
    "gates.state_h": {"en": "Hidden state h", "ko": "은닉 상태 h"},
    "gates.chart_title": {"en": "{state}, {when}", "ko": "{state}, {when}"},
    "gates.x_title": {"en": "time step (input symbol)", "ko": "시간 단계 (입력 기호)"},
    "gates.y_title": {"en": "unit", "ko": "유닛"},
    "gates.symbol": {"en": "input symbol", "ko": "입력 기호"},
    "gates.value": {"en": "value", "ko": "값"},
    "gates.scale_note": {
        "en": "Fixed colour scales, the same before and after: gates 0 to 1, g and h −1 to 1, "
        "c symmetric around 0.",
        "ko": "색 범위는 학습 전후가 같습니다: 게이트 0에서 1, g와 h −1에서 1, "
        "c는 0을 중심으로 대칭.",
    },
    # The student's own input
    "gates.yours_heading": {"en": "Your own sequence", "ko": "직접 입력한 시퀀스"},
    "gates.your_expression": {
        "en": "Type an expression (letters a-z, digits, + - * / ( ))",
        "ko": "수식을 입력하세요 (문자 a-z, 숫자, + - * / ( ))",
    },
    "gates.your_sequence": {
        "en": "Type a sequence: one letter A-D, then digits 0-3",
        "ko": "시퀀스를 입력하세요: 문자 A-D 하나, 그다음 숫자 0-3",
    },
    "gates.your_help": {
        "en": "At most {max} symbols. The trained model reads it symbol by symbol; the heatmaps "
        "show its gates.",
        "ko": "최대 {max}개 기호까지 됩니다. 학습된 모델이 기호를 하나씩 읽고, 히트맵이 그때의 "
        "게이트를 보여 줍니다.",
    },
    "gates.model_verdict": {"en": "Model says", "ko": "모델의 판정"},
    "gates.probability": {"en": "probability {probability} %", "ko": "확률 {probability} %"},
    "gates.parser_truth": {"en": "Parser says", "ko": "파서의 판정"},
    "gates.first_truth": {"en": "First symbol", "ko": "첫 기호"},
    "gates.label_valid": {"en": "valid", "ko": "올바름"},
    "gates.label_invalid": {"en": "invalid", "ko": "올바르지 않음"},
    "gates.agree": {"en": "The model is right.", "ko": "모델이 맞혔습니다."},
    "gates.disagree": {"en": "The model is wrong here.", "ko": "여기서는 모델이 틀렸습니다."},
    # Bad input (English comes from the error itself; these mirror it)
    "gates.error_empty": {
        "en": "The sequence is empty: type one, for example {example}.",
        "ko": "입력이 비어 있습니다. 예를 들어 {example} 처럼 입력하세요.",
    },
    "gates.error_too_long": {
        "en": "The sequence has {n} symbols; the longest allowed is {max}.",
        "ko": "입력이 {n}개 기호로 너무 깁니다. 최대 {max}개까지 됩니다.",
    },
    "gates.error_space": {
        "en": "The space at position {position} is not allowed; type without spaces.",
        "ko": "{position}번째 자리의 공백은 쓸 수 없습니다. 공백 없이 입력하세요.",
    },
    "gates.error_end_marker": {
        "en": "The end marker '$' at position {position} cannot appear inside an expression; it "
        "is added after the last character for you.",
        "ko": "{position}번째 자리의 끝 표시 '$'는 수식 안에 쓸 수 없습니다. 마지막 문자 뒤에 "
        "자동으로 붙습니다.",
    },
    "gates.error_character": {
        "en": "The character '{character}' at position {position} is not in the alphabet.",
        "ko": "{position}번째 자리의 문자 '{character}'는 쓸 수 있는 기호가 아닙니다.",
    },
    "gates.error_first_not_signal": {
        "en": "The first symbol must be one of the letters A, B, C, D, not '{character}'.",
        "ko": "첫 기호는 문자 A, B, C, D 중 하나여야 합니다. '{character}'는 안 됩니다.",
    },
    # What to notice / try this
    "gates.notice_forget_before": {
        "en": "Before training every forget gate sits near σ(b_f) = {sigma}: here it averages "
        "{mean}, one flat colour. Through the forget gate alone the cell state keeps only about "
        "{sigma}^{n} = {kept} % of what it held {n} steps earlier.",
        "ko": "학습 전 망각 게이트는 모두 σ(b_f) = {sigma} 근처입니다: 여기서는 평균 {mean}으로 한 "
        "가지 색입니다. 망각 게이트만 거치면 셀 상태는 {n} 단계 전 값의 약 {sigma}^{n} = "
        "{kept} %만 남습니다.",
    },
    "gates.notice_spread": {
        "en": "Before training the input and output gates hover at 0.5 (mean distance from 0.5: "
        "{i_before} and {o_before}); after training they decide, towards 0 or 1 ({i_after} and "
        "{o_after}).",
        "ko": "학습 전 입력 게이트와 출력 게이트는 0.5 근처입니다 (0.5에서의 평균 거리: "
        "{i_before}, {o_before}). 학습 후에는 0이나 1 쪽으로 분명해집니다 ({i_after}, "
        "{o_after}).",
    },
    "gates.notice_memory_unit": {
        "en": "After training, unit {unit}'s forget gate stays near 1 across the noise steps "
        "(mean {mean}): it keeps {kept} % of its cell state from the first step to the end, "
        "against {kept_before} % for the best unit before training. The cell state carries the "
        "first symbol.",
        "ko": "학습 후 유닛 {unit}의 망각 게이트는 잡음 단계 내내 1 근처에 머뭅니다 (평균 {mean}). "
        "첫 단계의 셀 상태를 끝까지 {kept} % 간직합니다 (학습 전 가장 좋은 유닛은 "
        "{kept_before} %). 셀 상태가 첫 기호를 나릅니다.",
    },
    "gates.notice_memory_weak": {
        "en": "In this run, unit {unit} keeps most of its cell state from the first step to the "
        "end: {kept} % (mean forget gate {mean} across the noise steps), against {kept_before} % "
        "for the best unit before training.",
        "ko": "이번 학습에서는 유닛 {unit}이 첫 단계의 셀 상태를 끝까지 가장 많이 간직합니다: "
        "{kept} % (잡음 단계의 평균 망각 게이트 {mean}). 학습 전 가장 좋은 유닛은 "
        "{kept_before} %였습니다.",
    },
    "gates.notice_spread_run": {
        "en": "In this run the input and output gates' mean distance from 0.5 goes from "
        "{i_before} and {o_before} before training to {i_after} and {o_after} after.",
        "ko": "이번 학습에서 입력 게이트와 출력 게이트의 0.5에서의 평균 거리는 학습 전 "
        "{i_before}, {o_before}에서 학습 후 {i_after}, {o_after}가 됩니다.",
    },
    "gates.notice_at_chance": {
        "en": "Held-out accuracy {accuracy} % against a chance level of {chance} %: in this run "
        "the model has learned little it can use on sequences it has not seen.",
        "ko": "검증 정확도 {accuracy} %, 우연 수준 {chance} %: 이번 학습에서 모델은 처음 보는 "
        "시퀀스에 쓸 만한 것을 거의 배우지 못했습니다.",
    },
    "gates.verdict_at_chance": {
        "en": "In this run the model is close to chance level ({accuracy} % held-out accuracy "
        "against {chance} %): its answers barely depend on what it reads, so this verdict says "
        "little about your sequence.",
        "ko": "이번 학습의 모델은 우연 수준에 가깝습니다 (검증 정확도 {accuracy} %, 우연 수준 "
        "{chance} %). 무엇을 읽든 답이 거의 같으므로 이 판정은 입력한 시퀀스에 대해 말해 주는 "
        "것이 거의 없습니다.",
    },
    "gates.notice_accuracy": {
        "en": "Held-out accuracy {accuracy} % against a chance level of {chance} %.",
        "ko": "검증 정확도는 {accuracy} %, 우연 수준은 {chance} %입니다.",
    },
    "gates.notice_last_step": {
        "en": "The verdict is read from h at the last column ($ for an expression): everything "
        "the model knows about the sequence must be in c and h there.",
        "ko": "판정은 마지막 열의 h에서 읽습니다 (수식이면 $). 모델이 시퀀스에 대해 아는 것은 모두 "
        "그 시점의 c와 h에 들어 있어야 합니다.",
    },
    "gates.try_textbook_example": {
        "en": "Type (a+12)*b3 and compare the model's verdict with the parser's. Then delete the "
        "')' and see which verdicts and which columns change.",
        "ko": "(a+12)*b3 을 입력하고 모델의 판정을 파서의 판정과 비교해 보세요. 그다음 ')'를 "
        "지우고 어떤 판정과 어떤 열이 바뀌는지 보세요.",
    },
    "gates.try_lr_10": {
        "en": "Pick the demo 'Learning rate 10' and train: the loss jumps above where it started "
        "(ln 2 ≈ 0.69) and stays above it, and the accuracy drops to chance.",
        "ko": "데모 '학습률 10'을 골라 학습하면 손실이 시작값(ln 2 ≈ 0.69)보다 높이 튀어 오른 "
        "뒤 그 위에 머물고, 정확도는 우연 수준으로 떨어집니다.",
    },
    "gates.try_first_symbol": {
        "en": "Pick the demo 'First symbol, lag 20', train, and find the unit whose forget gate "
        "stays bright (near 1) along the whole row after training.",
        "ko": "데모 '첫 기호, 지연 20'을 골라 학습한 뒤, 망각 게이트가 줄 전체에서 밝게(1 근처) "
        "유지되는 유닛을 찾아보세요.",
    },
    "gates.try_forget_bias_0": {
        "en": "Pick the demo 'Forget bias 0, lag 20' and train. Before training the cell state "
        "then keeps only 0.5^20 ≈ 0.0001 % of the first symbol, against 0.73^20 ≈ 0.2 % with "
        "b_f = 1. With b_f = 1 this demo reaches 100 % at every seed from 0 to 9; with b_f = 0 "
        "it depends on the seed: try a few.",
        "ko": "데모 '망각 편향 0, 지연 20'을 골라 학습해 보세요. 학습 전 셀 상태는 첫 기호를 "
        "0.5^20 ≈ 0.0001 %만 간직합니다 (b_f = 1이면 0.73^20 ≈ 0.2 %). 이 데모는 b_f = 1이면 "
        "시드 0부터 9까지 모두 100 %에 이르지만, b_f = 0이면 시드에 따라 다릅니다. 시드를 "
        "몇 개 바꿔 보세요.",
    },
    "gates.try_twice_the_lag": {
        "en": "Type a sequence twice as long as the lag (a letter, then {n} digits). In this "
        "run the model trained at lag {lag} names the letter of {accuracy} % of {count} such "
        "sequences (chance 25 %).",
        "ko": "지연의 두 배 길이 시퀀스를 입력해 보세요 (문자 하나, 숫자 {n}개). 이번 학습에서 "
        "지연 {lag}으로 학습한 모델은 그런 시퀀스 {count}개 중 {accuracy} %의 문자를 "
        "맞힙니다 (우연 수준 25 %).",
    },
    # Training you can scrub
    "gates.after_step": {
        "en": "after {step} of {total} steps",
        "ko": "{total}단계 중 {step}단계 학습 후",
    },
    "gates.scrub": {"en": "Training step shown", "ko": "보여 줄 학습 단계"},
    "gates.scrub_help": {
        "en": "The run kept its weights at about 30 evenly spaced steps. The heatmaps, the "
        "marker on the loss curve and the model's verdicts show the model after this step; "
        "nothing is trained again.",
        "ko": "학습하면서 고르게 떨어진 약 30개 단계의 가중치를 저장해 두었습니다. 히트맵, 손실 "
        "곡선의 표시선, 모델의 판정이 이 단계까지 학습한 모델을 보여 줍니다. 다시 학습하지 "
        "않습니다.",
    },
    "gates.shown_step": {"en": "step shown", "ko": "보고 있는 단계"},
    "gates.example_caption_step": {
        "en": "Sequence: `{text}` · truth: **{truth}** · model after {step} of {total} steps: "
        "**{predicted}** (probability {probability} %)",
        "ko": "시퀀스: `{text}` · 정답: **{truth}** · {total}단계 중 {step}단계 학습한 모델: "
        "**{predicted}** (확률 {probability} %)",
    },
    # Sorting units, the unit that carries the memory
    "gates.sort_units": {
        "en": "Sort units by how long they hold their cell state",
        "ko": "셀 상태를 오래 간직하는 순서로 유닛 정렬",
    },
    "gates.sort_help": {
        "en": "Decay time τ = −1 / ln(mean f) of the trained model on the held-out set: through "
        "the forget gate alone, the cell state shrinks by a factor e every τ steps.",
        "ko": "학습된 모델의 검증 집합에서 잰 감쇠 시간 τ = −1 / ln(평균 f)입니다. 망각 "
        "게이트만 거치면 셀 상태는 τ 단계마다 e분의 1로 줄어듭니다.",
    },
    "gates.sort_note": {
        "en": "Rows sorted by decay time τ, longest first: unit {unit} (τ = {tau} steps) at the "
        "top, unit {last} (τ = {tau_last} steps) at the bottom.",
        "ko": "행은 감쇠 시간 τ가 긴 순서입니다: 맨 위는 유닛 {unit} (τ = {tau} 단계), 맨 "
        "아래는 유닛 {last} (τ = {tau_last} 단계).",
    },
    "gates.carrier_note": {
        "en": "★ Unit {unit} carries the first symbol: of the units whose last cell state tells "
        "the four letters apart (η² ≥ {eta}), it holds its cell state longest (τ = {tau} steps).",
        "ko": "★ 유닛 {unit}이 첫 기호를 나릅니다: 마지막 셀 상태로 네 문자를 구별하는 유닛들 "
        "(η² ≥ {eta}) 가운데 셀 상태를 가장 오래 간직합니다 (τ = {tau} 단계).",
    },
    # One time step up close
    "gates.closeup_heading": {"en": "One time step up close", "ko": "한 시간 단계 자세히 보기"},
    "gates.closeup_intro": {
        "en": "Pick a time step t of the sequence above and a unit: these are the numbers the "
        "cell computed there, before training and {when}. Each gate adds three terms (from the "
        "input xₜ, from the previous hidden state hₜ₋₁, and its bias) and squashes the sum.",
        "ko": "위 시퀀스의 시간 단계 t와 유닛을 고르면, 셀이 그 자리에서 계산한 값이 학습 전과 "
        "{when}로 나옵니다. 각 게이트는 세 항(입력 xₜ에서 온 항, 이전 은닉 상태 hₜ₋₁에서 "
        "온 항, 편향)을 더한 뒤 그 합을 활성화 함수에 넣습니다.",
    },
    "gates.closeup_t": {"en": "Time step t", "ko": "시간 단계 t"},
    "gates.closeup_unit": {"en": "Unit", "ko": "유닛"},
    "gates.closeup_symbol": {
        "en": "Step t = {t} reads xₜ = '{symbol}'.",
        "ko": "단계 t = {t}에서 xₜ = '{symbol}'을 읽습니다.",
    },
    "gates.closeup_table": {"en": "Every number of this step", "ko": "이 단계의 모든 수치"},
    "gates.closeup_quantity": {"en": "quantity", "ko": "값"},
    "gates.closeup_kept": {"en": "kept", "ko": "남긴 값"},
    "gates.closeup_written": {"en": "written", "ko": "쓴 값"},
    "gates.closeup_alt": {
        "en": "The LSTM cell at one time step, with the numbers of unit {unit} at step {t}.",
        "ko": "한 시간 단계의 LSTM 셀과, 단계 {t}에서 유닛 {unit}의 값.",
    },
    "gates.closeup_check": {
        "en": "Check: cₜ = f·cₜ₋₁ + i·g = {kept} + {written} = {c}, and hₜ = o·tanh(cₜ) "
        "= {o} × {tanh_c} = {h}.",
        "ko": "확인: cₜ = f·cₜ₋₁ + i·g = {kept} + {written} = {c}, hₜ = o·tanh(cₜ) "
        "= {o} × {tanh_c} = {h}.",
    },
    "gates.term_input": {"en": "input term x·W_x", "ko": "입력 항 x·W_x"},
    "gates.term_recurrent": {"en": "recurrent term hₜ₋₁·W_h", "ko": "순환 항 hₜ₋₁·W_h"},
    "gates.term_bias": {"en": "bias b", "ko": "편향 b"},
    "gates.term_pre_activation": {"en": "pre-activation (sum)", "ko": "활성화 전 값 (합)"},
    "gates.term_c_prev": {"en": "previous cell state cₜ₋₁", "ko": "이전 셀 상태 cₜ₋₁"},
    "gates.term_kept": {"en": "kept f·cₜ₋₁", "ko": "남긴 값 f·cₜ₋₁"},
    "gates.term_written": {"en": "written i·g", "ko": "쓴 값 i·g"},
    "gates.term_o": {"en": "output gate o", "ko": "출력 게이트 o"},
    "gates.term_tanh_c": {"en": "tanh(c)", "ko": "tanh(c)"},
    # Pin and compare
    "gates.compare_accuracy": {
        "en": "Held-out accuracy: this run {current} %, the pinned run {pinned} %.",
        "ko": "검증 정확도: 이번 학습 {current} %, 고정한 학습 {pinned} %.",
    },
    "gates.compare_tasks": {
        "en": "The tasks differ, so the two heatmaps show different sequences (example {n} of "
        "each task).",
        "ko": "과제가 달라서 두 히트맵은 서로 다른 시퀀스를 보여 줍니다 (각 과제의 예시 {n}).",
    },
    "gates.compare_loss_title": {
        "en": "Training loss, mean of the last {n} steps",
        "ko": "학습 손실, 최근 {n} 단계 평균",
    },
    "gates.diverged_run": {"en": "stopped early", "ko": "일찍 멈춤"},
    # Export
    "gates.download_heatmap": {"en": "Heatmap numbers (CSV)", "ko": "히트맵 수치 (CSV)"},
    "gates.download_loss": {"en": "Loss curve (CSV)", "ko": "손실 곡선 (CSV)"},
    "gates.download_record_help": {
        "en": "The settings, the loss at every step, the accuracy, and the weights before "
        "training, after it and at every snapshot.",
        "ko": "설정, 단계마다의 손실, 정확도, 그리고 학습 전, 학습 후, 저장한 모든 단계의 "
        "가중치입니다.",
    },
}
