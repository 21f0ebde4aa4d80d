"""Strings of the Adam page (pages/3_Adam.py): the moments, the 2-D paths and the LSTM race.

The textbook's notation: rho1, rho2 for beta1, beta2; s and t for the moments m and v; n counts
the steps. Korean terms: 편향 보정 (bias correction), 학습률 (learning rate), 모멘트 (moment).
"""

STRINGS = {
    "adam.intro": {
        "en": "Adam keeps running averages of the gradient (m) and of its square (v), both "
        "starting at 0; the bias correction divides out that start. You will see the step size "
        "with and without it, four optimizers on a 2-D surface, and an LSTM trained with each.",
        "ko": "Adam은 기울기의 이동 평균(m)과 기울기 제곱의 이동 평균(v)을 유지하며, 둘 다 0에서 "
        "시작합니다. 편향 보정은 이 출발을 나누어 바로잡습니다. 보정이 있을 때와 없을 때의 스텝 "
        "크기, 2차원 곡면 위의 네 최적화 방법, 각 방법으로 학습한 LSTM을 봅니다.",
    },
    # Equations and notation
    "adam.standard_heading": {
        "en": "Standard notation (Kingma & Ba, 2015)",
        "ko": "표준 표기 (Kingma & Ba, 2015)",
    },
    "adam.textbook_heading": {
        "en": "The textbook's notation (its code: ro_1, ro_2, s, t, n)",
        "ko": "교재의 표기 (코드: ro_1, ro_2, s, t, n)",
    },
    "adam.notation_heading": {
        "en": "The equations, in the paper's and in the textbook's notation",
        "ko": "수식: 논문의 표기와 교재의 표기",
    },
    "adam.notation_table": {
        "en": "| | standard | textbook |\n|---|---|---|\n"
        "| decay rate of the first moment | β₁ = 0.9 | ρ₁ = 0.9 |\n"
        "| decay rate of the second moment | β₂ = 0.999 (the paper) | ρ₂ = 0.99 in the text, "
        "0.999 in the code |\n"
        "| first moment (running mean of g) | m | s |\n"
        "| second moment (running mean of g ⊙ g) | v | t |\n"
        "| step counter | t | n |\n"
        "| bias correction | m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ) | "
        "s / (1 − ρ₁ⁿ), t / (1 − ρ₂ⁿ) |",
        "ko": "| | 표준 | 교재 |\n|---|---|---|\n"
        "| 1차 모멘트의 감쇠율 | β₁ = 0.9 | ρ₁ = 0.9 |\n"
        "| 2차 모멘트의 감쇠율 | β₂ = 0.999 (논문) | ρ₂ = 본문 0.99, 코드 0.999 |\n"
        "| 1차 모멘트 (g의 이동 평균) | m | s |\n"
        "| 2차 모멘트 (g ⊙ g의 이동 평균) | v | t |\n"
        "| 단계 카운터 | t | n |\n"
        "| 편향 보정 | m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ) | "
        "s / (1 − ρ₁ⁿ), t / (1 − ρ₂ⁿ) |",
    },
    "adam.notation_caption": {
        "en": "Careful with the letters: in the textbook t is the second moment and n counts the "
        "steps. The second moment is a running mean of the squared gradient g ⊙ g, not a second "
        "derivative. The course notes write V_dw and S_dw for m and v, with ε inside the square "
        "root; that changes nothing visible here.",
        "ko": "글자에 주의하세요. 교재에서 t는 2차 모멘트이고 n이 단계를 셉니다. 2차 모멘트는 "
        "기울기 "
        "제곱 g ⊙ g의 이동 평균이지, 두 번 미분한 값이 아닙니다. 강의 노트는 m과 v를 V_dw, S_dw로 "
        "쓰고 ε을 제곱근 안에 넣는데, 여기서 보이는 결과는 달라지지 않습니다.",
    },
    # Presets
    "adam.preset_textbook": {"en": "Textbook: β₂ = 0.99", "ko": "교재: β₂ = 0.99"},
    "adam.preset_paper": {"en": "Paper: β₂ = 0.999", "ko": "논문: β₂ = 0.999"},
    "adam.preset_sparse": {"en": "Sparse gradients", "ko": "희소한 기울기"},
    "adam.preset_valley": {"en": "Rosenbrock valley", "ko": "로젠브록 골짜기"},
    # Section 1: moments
    "adam.moments_heading": {
        "en": "1. The moments over the first steps",
        "ko": "1. 처음 단계들의 모멘트",
    },
    "adam.moments_caption": {
        "en": "One parameter θ receives the gradients g_t below; Adam "
        "(lstm_viz.nn.optim.adam_step) runs twice on them, with and without the bias correction.",
        "ko": "파라미터 하나(θ)가 아래의 기울기 g_t를 받습니다. "
        "Adam(lstm_viz.nn.optim.adam_step)을 편향 보정을 켜고 한 번, 끄고 한 번 실행합니다.",
    },
    "adam.stream": {"en": "Gradient stream", "ko": "기울기 흐름"},
    "adam.stream_constant": {"en": "constant", "ko": "일정함"},
    "adam.stream_noisy": {"en": "noisy", "ko": "잡음 섞임"},
    "adam.stream_sparse": {"en": "sparse", "ko": "희소함"},
    "adam.stream_help": {
        "en": "constant: g every step; noisy: g plus Gaussian noise (seeded); sparse: g with "
        "probability p, else 0.",
        "ko": "일정함: 매 단계 g, 잡음 섞임: g에 가우스 잡음을 더함(시드 고정), 희소함: 확률 p로 "
        "g, "
        "아니면 0.",
    },
    "adam.beta1": {"en": "β₁ (ρ₁)", "ko": "β₁ (ρ₁)"},
    "adam.beta2": {"en": "β₂ (ρ₂)", "ko": "β₂ (ρ₂)"},
    "adam.beta2_help": {
        "en": "0.99 is the textbook's text, 0.999 its code and the paper's default.",
        "ko": "0.99는 교재 본문의 값, 0.999는 교재 코드와 논문의 기본값입니다.",
    },
    "adam.lr": {"en": "Learning rate", "ko": "학습률"},
    "adam.eps": {"en": "ε", "ko": "ε"},
    "adam.steps": {"en": "Steps shown", "ko": "보여 줄 단계 수"},
    "adam.scale": {"en": "Gradient size g", "ko": "기울기 크기 g"},
    "adam.noise": {"en": "Noise (standard deviation)", "ko": "잡음 (표준편차)"},
    "adam.p": {"en": "Chance p of a non-zero gradient", "ko": "0이 아닌 기울기의 확률 p"},
    "adam.seed": {"en": "Seed", "ko": "시드"},
    "adam.seed_help": {
        "en": "The noise, the sparse stream, the LSTM's initial weights and its batches.",
        "ko": "잡음, 희소한 흐름, LSTM의 초기 가중치와 배치 순서를 정합니다.",
    },
    "adam.chart_m": {"en": "First moment: m against m̂", "ko": "1차 모멘트: m과 m̂"},
    "adam.chart_v": {"en": "Second moment: v against v̂", "ko": "2차 모멘트: v와 v̂"},
    "adam.chart_factors": {"en": "Correction factors", "ko": "보정 계수"},
    "adam.chart_step": {
        "en": "Step size lr · m̂ / (√v̂ + ε), with and without correction",
        "ko": "스텝 크기 lr · m̂ / (√v̂ + ε), 보정 있음과 없음",
    },
    "adam.t": {"en": "step t", "ko": "단계 t"},
    "adam.value": {"en": "value", "ko": "값"},
    "adam.factor": {"en": "1/(1 − βᵗ), log scale", "ko": "1/(1 − βᵗ), 로그 축"},
    "adam.step_size": {
        "en": "step size (amount subtracted from θ)",
        "ko": "스텝 크기 (θ에서 빼는 양)",
    },
    "adam.series": {"en": "series", "ko": "계열"},
    "adam.series_g": {"en": "g (gradient)", "ko": "g (기울기)"},
    "adam.series_m": {"en": "m (raw)", "ko": "m (보정 전)"},
    "adam.series_m_hat": {"en": "m̂ (corrected)", "ko": "m̂ (보정 후)"},
    "adam.series_v": {"en": "v (raw)", "ko": "v (보정 전)"},
    "adam.series_v_hat": {"en": "v̂ (corrected)", "ko": "v̂ (보정 후)"},
    "adam.series_g2": {"en": "g² (squared gradient)", "ko": "g² (기울기 제곱)"},
    "adam.series_factor1": {"en": "1/(1 − β₁ᵗ)", "ko": "1/(1 − β₁ᵗ)"},
    "adam.series_factor2": {"en": "1/(1 − β₂ᵗ)", "ko": "1/(1 − β₂ᵗ)"},
    "adam.series_step": {"en": "with correction", "ko": "보정 있음"},
    "adam.series_step_raw": {"en": "without correction", "ko": "보정 없음"},
    "adam.series_lr": {"en": "lr", "ko": "lr"},
    # Section 2: paths
    "adam.paths_heading": {
        "en": "2. Four optimizers on a 2-D loss surface",
        "ko": "2. 2차원 손실 곡면 위의 네 가지 최적화 방법",
    },
    "adam.paths_caption": {
        "en": "The colour is log₁₀ of the loss (white low, black high); each path starts at the "
        "white ring. Momentum uses μ = 0.9; both Adams share the learning rate and β₁, β₂, ε "
        "from section 1.",
        "ko": "색은 손실의 log₁₀입니다(흰색이 낮고 검은색이 높음). 모든 경로는 흰 고리에서 "
        "출발합니다. 모멘텀은 μ = 0.9를 쓰고, 두 Adam은 학습률과 1절의 β₁, β₂, ε를 함께 씁니다.",
    },
    "adam.surface": {"en": "Loss surface", "ko": "손실 곡면"},
    "adam.surface_bowl": {
        "en": "ill-conditioned bowl (x² + 20y²)/2",
        "ko": "조건수가 나쁜 그릇 (x² + 20y²)/2",
    },
    "adam.surface_rosenbrock": {
        "en": "Rosenbrock-like valley (1 − x)² + 10(y − x²)²",
        "ko": "로젠브록형 골짜기 (1 − x)² + 10(y − x²)²",
    },
    "adam.start_x": {"en": "Start x", "ko": "출발점 x"},
    "adam.start_y": {"en": "Start y", "ko": "출발점 y"},
    "adam.path_steps": {"en": "Steps", "ko": "단계 수"},
    "adam.lr_sgd": {"en": "Learning rate: SGD", "ko": "학습률: SGD"},
    "adam.lr_momentum": {"en": "Learning rate: momentum", "ko": "학습률: 모멘텀"},
    "adam.lr_adam": {"en": "Learning rate: Adam", "ko": "학습률: Adam"},
    "adam.run_sgd": {"en": "SGD", "ko": "SGD"},
    "adam.run_momentum": {"en": "momentum", "ko": "모멘텀"},
    "adam.run_adam": {"en": "Adam, corrected", "ko": "Adam, 보정 있음"},
    "adam.run_adam_uncorrected": {"en": "Adam, no correction", "ko": "Adam, 보정 없음"},
    "adam.optimizer": {"en": "optimizer", "ko": "최적화 방법"},
    "adam.chart_surface": {"en": "Paths over the loss surface", "ko": "손실 곡면 위의 경로"},
    "adam.chart_path_loss": {
        "en": "Loss along each path (log scale)",
        "ko": "경로별 손실 (로그 축)",
    },
    "adam.log_loss": {"en": "log₁₀ loss", "ko": "log₁₀ 손실"},
    "adam.loss": {"en": "loss", "ko": "손실"},
    "adam.block_loss": {"en": "largest loss in this square", "ko": "이 칸에서 가장 큰 손실"},
    "adam.path_step": {"en": "step", "ko": "단계"},
    "adam.path_left": {
        "en": "{name} (learning rate {lr}) leaves the drawing at step {left}; the part outside is "
        "clipped.",
        "ko": "{name}(학습률 {lr})은 {left} 단계에서 그림 밖으로 나갑니다. 바깥 부분은 잘라서 "
        "그렸습니다.",
    },
    "adam.path_blew_up": {
        "en": "{name} (learning rate {lr}) blew up: it leaves the drawing at step {left} and at "
        "step {stop} a coordinate passed 10⁶ (or became inf/NaN), so it was stopped there; the "
        "drawing is clipped.",
        "ko": "{name}(학습률 {lr})은 발산했습니다. {left} 단계에서 그림 밖으로 나가고 {stop} "
        "단계에서 좌표가 10⁶을 넘거나 inf/NaN이 되어 거기서 멈췄습니다. 그림은 잘라서 그렸습니다.",
    },
    # Section 3: the LSTM race
    "adam.race_heading": {
        "en": "3. An LSTM trained with each optimizer",
        "ko": "3. 각 최적화 방법으로 학습한 LSTM",
    },
    "adam.race_caption": {
        "en": "Task: remember the first of {lag} + 1 symbols (4 classes, chance 25 %). One LSTM "
        "(hidden size 16, float32), the same initial weights and the same batches for all four; "
        "β₁, β₂ and ε come from section 1.",
        "ko": "과제: {lag} + 1개 기호 중 첫 기호 기억하기 (4개 클래스, 우연 수준 25 %). 네 방법 "
        "모두 "
        "같은 LSTM(은닉 크기 16, float32), 같은 초기 가중치, 같은 배치를 씁니다. β₁, β₂, ε는 1절의 "
        "값입니다.",
    },
    "adam.lag": {
        "en": "Lag (noise steps after the first symbol)",
        "ko": "지연 (첫 기호 뒤 잡음 단계 수)",
    },
    "adam.race_steps": {"en": "Training steps", "ko": "학습 단계 수"},
    "adam.lr_race_sgd": {"en": "LSTM learning rate: SGD", "ko": "LSTM 학습률: SGD"},
    "adam.lr_race_momentum": {"en": "LSTM learning rate: momentum", "ko": "LSTM 학습률: 모멘텀"},
    "adam.lr_race_adam": {"en": "LSTM learning rate: Adam", "ko": "LSTM 학습률: Adam"},
    "adam.press_train": {
        "en": "The four LSTMs have not been trained with these settings yet: press Train.",
        "ko": "이 설정으로는 아직 네 LSTM을 학습하지 않았습니다. 학습 버튼을 누르세요.",
    },
    "adam.chart_race": {"en": "Training loss, all steps", "ko": "학습 손실, 전체 단계"},
    "adam.chart_race_zoom": {
        "en": "The first {k} steps, zoomed in",
        "ko": "처음 {k} 단계 확대",
    },
    "adam.race_table_lr": {"en": "learning rate", "ko": "학습률"},
    "adam.race_table_first": {"en": "size of the first update ‖Δθ‖", "ko": "첫 업데이트 크기 ‖Δθ‖"},
    "adam.race_table_loss": {"en": "mean loss, last 10 steps", "ko": "마지막 10 단계 평균 손실"},
    "adam.race_table_accuracy": {"en": "validation accuracy (%)", "ko": "검증 정확도 (%)"},
    # What to notice
    "adam.notice_constant": {
        "en": "With a constant gradient g = {g}, m̂ equals g and v̂ equals g² from step 1, while m "
        "and v are only (1 − β₁ᵗ)·g and (1 − β₂ᵗ)·g²: {m1} and {v1} at step 1.",
        "ko": "기울기가 g = {g}로 일정하면 m̂은 1단계부터 g, v̂은 g²과 같습니다. 반면 m과 v는 "
        "(1 − β₁ᵗ)·g, (1 − β₂ᵗ)·g²에 그칩니다. 1단계에서 {m1}, {v1}입니다.",
    },
    "adam.notice_stream": {
        "en": "m and v start at 0: they are weighted averages of the gradients whose weights add "
        "up to 1 − βᵗ, not 1. m̂ and v̂ divide by 1 − βᵗ, so their weights add up to 1 from "
        "step 1.",
        "ko": "m과 v는 0에서 시작합니다. 둘은 기울기의 가중 평균인데 가중치의 합이 1이 아니라 "
        "1 − βᵗ입니다. m̂과 v̂은 1 − βᵗ로 나누므로 1단계부터 가중치의 합이 1입니다.",
    },
    "adam.notice_factors": {
        "en": "At t = 1 the factors are 1/(1 − β₁) = {f1} and 1/(1 − β₂) = {f2}. The first is "
        "within 1 % of 1 from step {n1} on, the second from step {n2} on: the closer β is to 1, "
        "the longer its correction lasts.",
        "ko": "t = 1에서 보정 계수는 1/(1 − β₁) = {f1}, 1/(1 − β₂) = {f2}입니다. 첫 번째는 "
        "{n1} 단계부터, 두 번째는 {n2} 단계부터 1과 1 % 이내로 같습니다. β가 1에 가까울수록 "
        "보정이 오래 갑니다.",
    },
    "adam.notice_first_step": {
        "en": "At t = 1, m̂ = g₁ and v̂ = g₁², so the corrected first step is lr·|g₁|/(|g₁| + ε) "
        "= {s1} (learning rate {lr}); the uncorrected one is {u1}. Ignoring ε their ratio is "
        "(1 − β₁)/√(1 − β₂) = {r1}.",
        "ko": "t = 1에서 m̂ = g₁, v̂ = g₁²이므로 보정한 첫 스텝은 lr·|g₁|/(|g₁| + ε) = {s1}"
        "입니다(학습률 {lr}). 보정 없는 첫 스텝은 {u1}입니다. ε을 무시하면 둘의 비는 "
        "(1 − β₁)/√(1 − β₂) = {r1}입니다.",
    },
    "adam.notice_first_zero": {
        "en": "The first gradient is 0, so neither Adam moves at t = 1.",
        "ko": "첫 기울기가 0이어서 t = 1에서는 두 Adam 모두 움직이지 않습니다.",
    },
    "adam.notice_first_equal": {
        "en": "With β₁ = {b1} and β₂ = {b2} that ratio is exactly 1 (the textbook's 0.1/√0.01 = "
        "1): at t = 1 the correction changes nothing but ε's share, and the gap opens afterwards, "
        "up to {peak} at step {tpeak}.",
        "ko": "β₁ = {b1}, β₂ = {b2}이면 그 비가 정확히 1입니다(교재의 0.1/√0.01 = 1). t = 1에서 "
        "보정은 ε의 몫 말고는 아무것도 바꾸지 않고, 차이는 그 뒤에 벌어져 {tpeak} 단계에서 "
        "{peak}까지 커집니다.",
    },
    "adam.notice_ratio_above": {
        "en": "The uncorrected step over the corrected one is, ignoring ε, the same curve for "
        "every gradient stream, (1 − β₁ᵗ)/√(1 − β₂ᵗ): {r1} at t = 1, largest at step {tpeak} "
        "({peak}).",
        "ko": "보정 없는 스텝과 보정한 스텝의 비는 ε을 무시하면 어떤 기울기 흐름에서도 같은 곡선 "
        "(1 − β₁ᵗ)/√(1 − β₂ᵗ)입니다. t = 1에서 {r1}, {tpeak} 단계에서 최대({peak})입니다.",
    },
    "adam.notice_ratio_below": {
        "en": "The uncorrected step over the corrected one is, ignoring ε, the same curve for "
        "every gradient stream, (1 − β₁ᵗ)/√(1 − β₂ᵗ): {r1} at t = 1, then it rises towards 1 "
        "without passing it. With β₁ this close to β₂ the uncorrected steps are the smaller "
        "ones.",
        "ko": "보정 없는 스텝과 보정한 스텝의 비는 ε을 무시하면 어떤 기울기 흐름에서도 같은 곡선 "
        "(1 − β₁ᵗ)/√(1 − β₂ᵗ)입니다. t = 1에서 {r1}이고, 1을 넘지 않으면서 1로 올라갑니다. β₁이 "
        "β₂에 이만큼 가까우면 보정 없는 스텝이 더 작은 쪽입니다.",
    },
    "adam.notice_gap_within": {
        "en": "The ratio is within 1 % of 1 from step {n} on, inside the {steps} steps shown.",
        "ko": "이 비는 {n} 단계부터 1과 1 % 이내로 같습니다. 보여 준 {steps} 단계 안입니다.",
    },
    "adam.notice_gap_beyond": {
        "en": "The ratio is within 1 % of 1 only from step {n} on, beyond the {steps} steps shown "
        "(at step {steps} it is {end}).",
        "ko": "이 비는 {n} 단계부터에야 1과 1 % 이내로 같아집니다. 보여 준 {steps} 단계보다 "
        "뒤입니다({steps} 단계에서는 {end}).",
    },
    "adam.notice_sparse": {
        "en": "With sparse gradients the corrected steps reach at most {cor} × lr, the "
        "uncorrected ones {unc} × lr. The first non-zero gradient, after any number of zeros, "
        "meets m = (1 − β₁)g and v = (1 − β₂)g², so its uncorrected step is (1 − β₁)/√(1 − β₂) "
        "= {r1} × lr, ignoring ε.",
        "ko": "기울기가 희소하면 보정한 스텝은 최대 {cor} × lr, 보정 없는 스텝은 {unc} × lr"
        "까지 갑니다. 처음 들어온 0이 아닌 기울기는 앞에 0이 몇 개였든 m = (1 − β₁)g, "
        "v = (1 − β₂)g²를 만나므로, ε을 무시하면 보정 없는 스텝은 (1 − β₁)/√(1 − β₂) = {r1} "
        "× lr입니다.",
    },
    "adam.notice_sparse_none": {
        "en": "No gradient arrived in these {steps} steps, so neither Adam moved: raise p or "
        "the steps shown.",
        "ko": "이 {steps} 단계 동안 기울기가 한 번도 들어오지 않아 두 Adam 모두 움직이지 "
        "않았습니다. p나 보여 줄 단계 수를 늘려 보세요.",
    },
    "adam.notice_paths_first": {
        "en": "Corrected Adam's first step moves x by {dx} and y by {dy} (learning rate {lr}): "
        "each coordinate moves lr·|g|/(|g| + ε), about the learning rate whatever the size of "
        "its gradient, unless that gradient is 0 or tiny beside ε. Without correction the first "
        "move is {ratio} times as long.",
        "ko": "보정한 Adam의 첫 스텝은 x를 {dx}, y를 {dy}만큼 움직입니다(학습률 {lr}). 각 좌표는 "
        "lr·|g|/(|g| + ε)만큼 움직이므로, 그 좌표의 기울기가 0이거나 ε에 비해 아주 작지 않으면 "
        "기울기 크기와 상관없이 거의 학습률만큼입니다. 보정이 없으면 첫 이동이 {ratio}배 "
        "깁니다.",
    },
    "adam.notice_paths_still": {
        "en": "Both gradient components are 0 at the start: no optimizer moves from there.",
        "ko": "출발점에서 기울기의 두 성분이 모두 0입니다. 어떤 최적화 방법도 움직이지 않습니다.",
    },
    "adam.notice_bowl_zigzag": {
        "en": "On the bowl y curves 20 times more steeply than x: in the first {k} steps SGD's y "
        "changes sign {sgd} times (it zig-zags across the narrow direction), corrected Adam's "
        "{adam} times.",
        "ko": "그릇에서는 y 방향이 x보다 20배 가파르게 휩니다. 처음 {k} 단계에서 SGD의 y는 부호가 "
        "{sgd}번 바뀌고(좁은 방향으로 지그재그), 보정한 Adam의 y는 {adam}번 바뀝니다.",
    },
    "adam.notice_bowl": {
        "en": "On the bowl y curves 20 times more steeply than x: in the first {k} steps SGD's y "
        "changes sign {sgd} times, corrected Adam's {adam} times.",
        "ko": "그릇에서는 y 방향이 x보다 20배 가파르게 휩니다. 처음 {k} 단계에서 SGD의 y는 부호가 "
        "{sgd}번, 보정한 Adam의 y는 {adam}번 바뀝니다.",
    },
    "adam.notice_valley_crawl": {
        "en": "In the valley SGD crawls along the floor: the steep walls cap its learning rate, "
        "so after {steps} steps its loss is {sgd} against corrected Adam's {adam}.",
        "ko": "골짜기에서 SGD는 바닥을 따라 기어갑니다. 가파른 벽 때문에 학습률을 키울 수 없어서 "
        "{steps} 단계 뒤 손실이 {sgd}로, 보정한 Adam의 {adam}보다 큽니다.",
    },
    "adam.notice_valley": {
        "en": "In the valley, after {steps} steps SGD's loss is {sgd} and corrected Adam's {adam}.",
        "ko": "골짜기에서 {steps} 단계 뒤 SGD의 손실은 {sgd}, 보정한 Adam의 손실은 {adam}입니다.",
    },
    "adam.notice_race_start": {
        "en": "All four LSTMs start from the same weights and see the same batches: their first "
        "losses are equal ({loss}).",
        "ko": "네 LSTM 모두 같은 가중치에서 출발해 같은 배치를 봅니다. 그래서 첫 손실이 모두 "
        "같습니다({loss}).",
    },
    "adam.notice_race_first": {
        "en": "Uncorrected Adam's first update is {ratio} times corrected Adam's: section 1's "
        "(1 − β₁)/√(1 − β₂) = {r1}.",
        "ko": "보정 없는 Adam의 첫 업데이트는 보정한 Adam의 {ratio}배입니다. 1절의 "
        "(1 − β₁)/√(1 − β₂) = {r1}과 같습니다.",
    },
    "adam.notice_race_first_eps": {
        "en": "Uncorrected Adam's first update is {ratio} times corrected Adam's, not section 1's "
        "(1 − β₁)/√(1 − β₂) = {r1}: ε = {eps} is not small beside these gradients.",
        "ko": "보정 없는 Adam의 첫 업데이트는 보정한 Adam의 {ratio}배로, 1절의 "
        "(1 − β₁)/√(1 − β₂) = {r1}과 다릅니다. ε = {eps}이 이 기울기들에 비해 작지 않기 "
        "때문입니다.",
    },
    "adam.notice_race_later": {
        "en": "The first updates are equal in size, but the uncorrected steps grow larger "
        "afterwards (up to {peak}× at step {tpeak}).",
        "ko": "첫 업데이트의 크기는 같지만, 보정 없는 스텝은 그 뒤에 커집니다({tpeak} 단계에서 "
        "최대 {peak}배).",
    },
    "adam.notice_race_sooner": {
        "en": "In the zoomed chart uncorrected Adam's loss drops sooner: its mean over steps "
        "2–{k} is {unc} against corrected Adam's {cor}.",
        "ko": "확대한 그래프에서 보정 없는 Adam의 손실이 더 일찍 떨어집니다. 2–{k} 단계의 평균이 "
        "{unc}로, 보정한 Adam의 {cor}보다 작습니다.",
    },
    "adam.notice_race_not_sooner": {
        "en": "In this run the larger first steps do not pay off in the zoomed chart: "
        "uncorrected Adam's mean loss over steps 2–{k} is {unc} against corrected Adam's {cor}.",
        "ko": "이번 실행에서는 더 큰 첫 스텝이 확대한 그래프에서 이득이 되지 않습니다. 2–{k} "
        "단계의 평균 손실이 보정 없는 Adam은 {unc}, 보정한 Adam은 {cor}입니다.",
    },
    # Try this
    "adam.try_textbook": {
        "en": "Pick the demo “Textbook: β₂ = 0.99”: the uncorrected first step equals the "
        "learning rate. Then choose β₂ = 0.9999: it is 10 times the learning rate.",
        "ko": "“교재: β₂ = 0.99” 데모를 고르세요. 보정 없는 첫 스텝이 학습률과 같습니다. 이어서 "
        "β₂ = 0.9999를 고르면 학습률의 10배가 됩니다.",
    },
    "adam.try_scale": {
        "en": "With the constant stream and ε = 1e-08, change the gradient size g from 1 to 1000: "
        "the corrected steps do not change. Then set g = 0.001 and ε = 0.01: now ε outweighs "
        "√v̂ and every corrected step shrinks to about a tenth of the learning rate.",
        "ko": "일정한 흐름과 ε = 1e-08에서 기울기 크기 g를 1에서 1000으로 바꿔 보세요. 보정한 "
        "스텝은 그대로입니다. 이어서 g = 0.001, ε = 0.01로 하면 ε이 √v̂보다 커져서 보정한 스텝이 "
        "모두 학습률의 10분의 1 정도로 줄어듭니다.",
    },
    "adam.try_sparse": {
        "en": "Choose sparse gradients with p = 0.02 (β₁ = 0.9, β₂ = 0.999, ε = 1e-08): when the "
        "first gradient arrives, the uncorrected step jumps to 3.16 × lr.",
        "ko": "p = 0.02로 희소한 기울기를 고르세요(β₁ = 0.9, β₂ = 0.999, ε = 1e-08). 첫 기울기가 "
        "들어오면 보정 없는 스텝이 3.16 × lr로 뜁니다.",
    },
    "adam.try_lr_10": {
        "en": "Set SGD's learning rate to 10 on either surface: its path blows up within a few "
        "steps and is stopped; Adam at learning rate 10 wanders but stays bounded.",
        "ko": "어느 곡면에서든 SGD의 학습률을 10으로 하세요. 경로가 몇 단계 만에 발산해 멈춥니다. "
        "학습률 10의 Adam은 헤매지만 발산하지 않습니다.",
    },
    # Pin and compare, export
    "adam.path_start": {"en": "Start (x, y)", "ko": "출발점 (x, y)"},
    "adam.chart_surface_run": {"en": "Paths, {run}", "ko": "경로, {run}"},
    "adam.chart_race_run": {"en": "Training loss, {run}", "ko": "학습 손실, {run}"},
    "adam.download_race_help": {
        "en": "The race's settings and, for each optimizer, its learning rate, the loss and "
        "accuracy at every step, the held-out loss and accuracy, and the size of its first update.",
        "ko": "경주의 설정과, 옵티마이저마다 학습률, 단계마다의 손실과 정확도, 검증 손실과 정확도, "
        "첫 갱신의 크기입니다.",
    },
}
