"""Strings of the vanishing and exploding gradients page (pages/2_Gradients.py), in English and
Korean. Every claim in a "notice" string is pinned in tests/test_gradients.py."""

STRINGS = {
    "gradients.intro": {
        "en": "Backpropagation through time multiplies one factor per time step, so the gradient "
        "that reaches an early step can vanish or explode. You will see the gradient at every "
        "step of an untrained RNN, LSTM and GRU, a memory task, and a run that explodes unless "
        "the gradient is clipped.",
        "ko": "시간 역전파는 시간 단계마다 인수를 하나씩 곱하므로, 앞쪽 단계에 닿는 기울기가 "
        "사라지거나 (기울기 소실) 터질 수 있습니다 (기울기 폭주). 학습 전 RNN, LSTM, GRU의 모든 "
        "시간 단계의 기울기, 기억 과제, 그리고 기울기 클리핑 없이는 폭주하는 학습을 봅니다.",
    },
    "gradients.equations_heading": {"en": "The equations", "ko": "수식"},
    "gradients.equations_caption": {
        "en": "The RNN (top), the LSTM's cell path (middle) and clipping (bottom). φ is tanh, "
        "ReLU or the identity; ⊙ the element-wise product; W_h = scale × an orthogonal matrix, "
        "so its spectral radius and its largest stretch are both ρ = scale. The bound holds "
        "because |φ′| ≤ 1.",
        "ko": "RNN (위), LSTM의 셀 상태 경로 (가운데), 기울기 클리핑 (아래). φ는 tanh, ReLU 또는 "
        "항등 함수, ⊙는 원소별 곱입니다. W_h = 크기 × 직교 행렬이라 스펙트럼 반경과 가장 큰 "
        "늘림이 모두 ρ = 크기입니다. |φ′| ≤ 1 이므로 부등식이 성립합니다.",
    },
    # Presets: short names (the buttons), the detail in the caption under them
    "gradients.preset_vanishing": {"en": "Vanishing", "ko": "기울기 소실"},
    "gradients.preset_exploding": {"en": "Exploding", "ko": "기울기 폭주"},
    "gradients.preset_lstm": {"en": "LSTM remembers", "ko": "LSTM의 기억"},
    "gradients.preset_clipping": {"en": "Clipping rescues", "ko": "클리핑으로 구하기"},
    "gradients.presets_caption": {
        "en": "Vanishing: a tanh RNN, ρ = 0.9, T = 100. Exploding: a ReLU RNN, ρ = 2, T = 100. "
        "LSTM remembers: keep-gate bias 3, ρ = 1. Clipping rescues: part 3 with ρ = 2, "
        "learning rate 0.1, τ = 1.",
        "ko": "기울기 소실: tanh RNN, ρ = 0.9, T = 100. 기울기 폭주: ReLU RNN, ρ = 2, T = 100. "
        "LSTM의 기억: 유지 게이트 편향 3, ρ = 1. 클리핑으로 구하기: 3부에서 ρ = 2, 학습률 0.1, "
        "τ = 1.",
    },
    # Section 1: through time
    "gradients.through_heading": {
        "en": "1 · The gradient at each step, untrained",
        "ko": "1 · 학습 전, 시간 단계마다의 기울기",
    },
    "gradients.through_caption": {
        "en": "Untrained networks with these settings read the same {batch} sequences of the "
        "memory task; the loss sits at the last step t = T − 1. Each line is the mean norm over "
        "the sequences (float64). Moving a control recomputes at once.",
        "ko": "이 설정의 학습 전 망들이 기억 과제의 같은 시퀀스 {batch}개를 읽고, 손실은 마지막 "
        "단계 t = T − 1에 있습니다. 각 선은 시퀀스들에 대한 평균 크기입니다 (float64). 설정을 "
        "바꾸면 바로 다시 계산합니다.",
    },
    "gradients.settings": {"en": "Network settings", "ko": "망 설정"},
    "gradients.length": {"en": "Sequence length T (time steps)", "ko": "시퀀스 길이 T (시간 단계)"},
    "gradients.scale": {"en": "Recurrent weight scale ρ", "ko": "순환 가중치 크기 ρ"},
    "gradients.scale_help": {
        "en": "Every recurrent block W_h is an orthogonal matrix times this number, so its "
        "spectral radius is exactly this number.",
        "ko": "순환 가중치 블록 W_h는 직교 행렬에 이 수를 곱한 것이라, 스펙트럼 반경이 정확히 "
        "이 수입니다.",
    },
    "gradients.forget_bias": {
        "en": "Keep-gate bias (LSTM b_f, GRU b_z)",
        "ko": "유지 게이트 편향 (LSTM b_f, GRU b_z)",
    },
    "gradients.forget_bias_help": {
        "en": "The bias of the gate that keeps the memory, the same for both gated networks: the "
        "LSTM's forget gate f_t and the GRU's update gate z_t start near σ(bias) while the "
        "inputs are small: 0.73 for 1, 0.95 for 3. The vanilla RNN has no gate.",
        "ko": "기억을 유지하는 게이트의 편향으로, 두 게이트 망에 같은 값을 줍니다. LSTM의 망각 "
        "게이트 f_t와 GRU의 업데이트 게이트 z_t는 입력이 작을 때 σ(편향) 근처에서 시작합니다: "
        "1이면 0.73, 3이면 0.95. 기본 RNN에는 게이트가 없습니다.",
    },
    "gradients.activation": {"en": "RNN activation φ", "ko": "RNN 활성화 함수 φ"},
    "gradients.act_tanh": {"en": "tanh", "ko": "tanh"},
    "gradients.act_relu": {"en": "ReLU", "ko": "ReLU"},
    "gradients.act_linear": {"en": "identity (linear)", "ko": "항등 (선형)"},
    "gradients.hidden": {"en": "Hidden size H (units)", "ko": "은닉 크기 H (유닛 수)"},
    "gradients.clip": {
        "en": "Clipping threshold τ (used in part 3 too)",
        "ko": "기울기 클리핑 문턱값 τ (3부에서도 씀)",
    },
    "gradients.clip_help": {
        "en": "Gradient clipping rescales the whole gradient g to length τ when ‖g‖ > τ.",
        "ko": "기울기 클리핑는 ‖g‖ > τ 일 때 기울기 g 전체를 길이 τ로 줄입니다.",
    },
    "gradients.seed": {"en": "Seed", "ko": "시드"},
    "gradients.seed_help": {
        "en": "Sets the initial weights and the input sequences.",
        "ko": "초기 가중치와 입력 시퀀스를 정합니다.",
    },
    "gradients.dh_title": {
        "en": "Gradient norm per time step",
        "ko": "시간 단계별 기울기 크기",
    },
    "gradients.jacobian_title": {
        "en": "Jacobian norm ‖∂h_(T−1)/∂h_t‖_F",
        "ko": "야코비 행렬 크기 ‖∂h_(T−1)/∂h_t‖_F",
    },
    "gradients.x_time": {"en": "time step t", "ko": "시간 단계 t"},
    "gradients.y_norm": {"en": "norm", "ko": "크기 (노름)"},
    "gradients.series_rnn_h": {"en": "RNN ‖∂L/∂h_t‖", "ko": "RNN ‖∂L/∂h_t‖"},
    "gradients.series_lstm_h": {"en": "LSTM ‖∂L/∂h_t‖", "ko": "LSTM ‖∂L/∂h_t‖"},
    "gradients.series_lstm_c": {"en": "LSTM ‖∂L/∂c_t‖", "ko": "LSTM ‖∂L/∂c_t‖"},
    "gradients.series_gru_h": {"en": "GRU ‖∂L/∂h_t‖", "ko": "GRU ‖∂L/∂h_t‖"},
    "gradients.series_rho": {"en": "ρ^k line (RNN bound)", "ko": "ρ^k 선 (RNN 상한)"},
    "gradients.rho": {"en": "RNN ρ(W_h)", "ko": "RNN ρ(W_h)"},
    "gradients.rho_help": {
        "en": "The spectral radius of the RNN's W_h, computed from the weights: the largest "
        "|eigenvalue| (lstm_viz.nn.init.spectral_radius).",
        "ko": "RNN W_h의 스펙트럼 반경으로, 가중치에서 계산한 가장 큰 |고유값|입니다 "
        "(lstm_viz.nn.init.spectral_radius).",
    },
    "gradients.factor_rnn": {"en": "RNN ‖∂L/∂h‖ per step", "ko": "RNN ‖∂L/∂h‖ 단계당"},
    "gradients.factor_lstm": {"en": "LSTM ‖∂L/∂c‖ per step", "ko": "LSTM ‖∂L/∂c‖ 단계당"},
    "gradients.factor_gru": {"en": "GRU ‖∂L/∂h‖ per step", "ko": "GRU ‖∂L/∂h‖ 단계당"},
    "gradients.factor_help": {
        "en": "The average factor per step back in time: exp of the slope of a straight line "
        "fitted to log ‖·‖ against the number of steps k to the loss.",
        "ko": "한 단계 거슬러 갈 때의 평균 배율: log ‖·‖를 손실까지의 단계 수 k에 대해 직선으로 "
        "맞춘 기울기의 exp입니다.",
    },
    "gradients.clip_heading": {
        "en": "What clipping at τ = {clip} does to these gradients",
        "ko": "τ = {clip}에서 클리핑하면 이 기울기들이 어떻게 되는가",
    },
    "gradients.col_model": {"en": "network", "ko": "망"},
    "gradients.col_norm": {"en": "‖g‖ before clipping", "ko": "클리핑 전 ‖g‖"},
    "gradients.col_factor": {"en": "factor min(1, τ/‖g‖)", "ko": "배율 min(1, τ/‖g‖)"},
    "gradients.col_after": {"en": "‖g‖ after clipping", "ko": "클리핑 후 ‖g‖"},
    "gradients.forward_overflow": {
        "en": "{model}: the hidden state overflowed past the largest float64 number (about "
        "1.8e308) at step {step}, so the loss and every gradient are NaN (not a number) and not "
        "drawn; lower the weight scale or use tanh.",
        "ko": "{model}: 은닉 상태가 {step} 단계에서 float64의 최댓값 (약 1.8e308)을 넘었습니다. "
        "그래서 손실과 모든 기울기가 NaN(숫자가 아님)이 되어 그리지 않았습니다. 가중치 크기를 "
        "낮추거나 tanh를 쓰세요.",
    },
    "gradients.gradient_overflow": {
        "en": "{model}: the gradient overflowed to infinity at step {step}, {k} steps before the "
        "loss; every earlier step inherits inf or NaN (not a number) and is not drawn.",
        "ko": "{model}: 기울기가 손실보다 {k} 단계 앞인 {step} 단계에서 무한대로 넘쳤습니다. "
        "그보다 앞선 단계는 모두 inf나 NaN(숫자가 아님)을 물려받아 그리지 않았습니다.",
    },
    # Section 1: notice / try
    "gradients.notice_bound": {
        "en": "The RNN's curve stays on or below the ρ^k line (ρ = {rho}): each step back "
        "multiplies by W_h, which stretches by at most ρ, and by φ′ ≤ 1. With tanh or ReLU it "
        "therefore falls at least as fast as ρ^k when ρ < 1, and grows at most as fast (or even "
        "falls) when ρ > 1; with the identity it lies exactly on the line.",
        "ko": "RNN 곡선은 ρ^k 선 (ρ = {rho}) 위나 그 아래에 있습니다. 한 단계 거슬러 갈 때마다 "
        "최대 ρ배 늘리는 W_h와 φ′ ≤ 1 을 곱하기 때문입니다. 그래서 tanh나 ReLU에서는 ρ < 1 이면 "
        "적어도 ρ^k만큼 빨리 줄고, ρ > 1 이면 기껏해야 ρ^k만큼 커지거나 오히려 줄며, 항등 "
        "함수에서는 선 위에 정확히 놓입니다.",
    },
    "gradients.notice_factors": {
        "en": "Here the RNN's gradient changes by ×{rnn} per step back and the LSTM's cell "
        "gradient by ×{lstm}: over {k} steps that leaves {rnn_reach} and {lstm_reach} of the "
        "gradient at the loss.",
        "ko": "여기서 RNN의 기울기는 한 단계 거슬러 갈 때마다 ×{rnn}, LSTM의 셀 상태 기울기는 "
        "×{lstm}씩 변합니다. {k} 단계 뒤에는 손실 쪽 기울기의 {rnn_reach}와 {lstm_reach}가 "
        "남습니다.",
    },
    "gradients.notice_forget": {
        "en": "The LSTM's cell path multiplies by the forget gate f_t, not by W_h: its "
        "gradient's factor per step (×{lstm} here) rises with the forget bias b_f "
        "(σ(b_f) = {sigma}).",
        "ko": "LSTM의 셀 상태 경로는 W_h가 아니라 망각 게이트 f_t를 곱합니다. 그래서 그 기울기의 "
        "단계당 배율 (여기서는 ×{lstm})은 망각 게이트 편향 b_f (σ(b_f) = {sigma})가 클수록 "
        "커집니다.",
    },
    "gradients.notice_clip": {
        "en": "Clipping multiplies every gradient by the same factor min(1, τ/‖g‖): it caps an "
        "explosion, but the shape of each curve, and a vanished gradient, stay as they are.",
        "ko": "기울기 클리핑는 모든 기울기에 같은 배율 min(1, τ/‖g‖)을 곱합니다. 폭주는 막지만 "
        "곡선의 모양과 이미 사라진 기울기는 그대로입니다.",
    },
    "gradients.try_linear": {
        "en": "Choose the identity activation: the RNN's curve lands exactly on the ρ^k line.",
        "ko": "활성화 함수로 항등 함수를 고르면 RNN 곡선이 ρ^k 선 위에 정확히 놓입니다.",
    },
    "gradients.try_overflow": {
        "en": "Set T = 500, scale 5 and the identity: ρ^499 is far beyond the largest float64 "
        "number, and the forward pass overflows. With ReLU at scale 6, whether the forward pass, "
        "the gradient or neither overflows depends on the seed.",
        "ko": "T = 500, 크기 5, 항등 함수로 두면 ρ^499가 float64의 최댓값을 훨씬 넘어 순전파가 "
        "넘칩니다. 크기 6의 ReLU에서는 순전파가 넘칠지, 기울기가 넘칠지, 둘 다 아닐지가 시드에 "
        "따라 다릅니다.",
    },
    "gradients.try_forget": {
        "en": "Lower the keep-gate bias to −1, then raise it to 3: the LSTM's ‖∂L/∂c_t‖ goes from "
        "falling steeply to hardly falling at all.",
        "ko": "유지 게이트 편향을 −1로 내렸다가 3으로 올려 보세요. LSTM의 ‖∂L/∂c_t‖가 가파르게 "
        "떨어지다가 거의 떨어지지 않게 됩니다.",
    },
    # Section 2: memory task
    "gradients.memory_heading": {
        "en": "2 · Remember the first symbol: who learns it?",
        "ko": "2 · 첫 기호 기억하기: 누가 배우는가?",
    },
    "gradients.memory_caption": {
        "en": "Each sequence is a letter A-D followed by {lag} noise digits; the network must "
        "name the letter at the end, so the only useful gradient is the one that travels back "
        "{lag} steps. RNN, LSTM and GRU (H = {hidden_size}, Adam, gradient clipped at 1, "
        "mini-batches of {batch_size}, float32) train on the same {n_train} sequences; "
        "accuracy is measured on {n_val} others. The gated networks start alike: the LSTM's "
        "forget-gate bias b_f and the GRU's update-gate bias b_z both start at {forget_bias} "
        "(the vanilla RNN has no gate).",
        "ko": "각 시퀀스는 문자 A-D 하나 뒤에 잡음 숫자 {lag}개가 이어집니다. 망은 끝에서 그 "
        "문자를 맞혀야 하므로, 쓸모 있는 기울기는 {lag} 단계를 거슬러 가는 것뿐입니다. RNN, "
        "LSTM, GRU (H = {hidden_size}, Adam, 기울기 클리핑 1, 미니배치 {batch_size}, float32)가 "
        "같은 시퀀스 {n_train}개로 학습하고, 다른 {n_val}개로 정확도를 잽니다. 두 게이트 망은 "
        "같은 조건에서 시작합니다: LSTM의 망각 게이트 편향 b_f와 GRU의 업데이트 게이트 편향 "
        "b_z가 모두 {forget_bias}입니다 (기본 RNN에는 게이트가 없습니다).",
    },
    "gradients.memory_settings": {"en": "Training settings", "ko": "학습 설정"},
    "gradients.lag": {"en": "Lag (noise steps)", "ko": "지연 (잡음 단계 수)"},
    "gradients.steps": {"en": "Training steps", "ko": "학습 단계 수"},
    "gradients.lr": {"en": "Learning rate (Adam)", "ko": "학습률 (Adam)"},
    "gradients.memory_bias": {
        "en": "Keep-gate bias (LSTM b_f, GRU b_z)",
        "ko": "유지 게이트 편향 (LSTM b_f, GRU b_z)",
    },
    "gradients.press_train": {
        "en": "The settings changed: press Train to train with them.",
        "ko": "설정이 바뀌었습니다. 이 설정으로 학습하려면 '학습'을 누르세요.",
    },
    "gradients.final_accuracy": {"en": "{model}: held-out accuracy", "ko": "{model}: 검증 정확도"},
    "gradients.chance": {"en": "chance level", "ko": "우연 수준"},
    "gradients.accuracy_title": {
        "en": "Held-out accuracy during training",
        "ko": "학습 중 검증 정확도",
    },
    "gradients.y_accuracy": {"en": "accuracy (%)", "ko": "정확도 (%)"},
    "gradients.heatmap_title": {"en": "{model}: ‖∂L/∂h_t‖", "ko": "{model}: ‖∂L/∂h_t‖"},
    "gradients.heatmap_caption": {
        "en": "Gradient norm (colour, log scale, one scale for all three) at every time step "
        "(x; the symbol to remember is at t = 0, the loss at the right) during training (y, "
        "from the first step at the top).",
        "ko": "학습하는 동안 (y, 맨 위가 첫 단계) 시간 단계마다 (x; 기억할 기호는 t = 0, 손실은 "
        "오른쪽 끝) 본 기울기 크기 (색, 로그 축, 세 그림이 같은 색 범위).",
    },
    "gradients.y_training_step": {"en": "training step", "ko": "학습 단계"},
    "gradients.notice_accuracy": {
        "en": "In this run: LSTM {lstm} %, GRU {gru} %, RNN {rnn} % (chance {chance} %).",
        "ko": "이번 학습: LSTM {lstm} %, GRU {gru} %, RNN {rnn} % (우연 수준 {chance} %).",
    },
    "gradients.verdict_learned": {
        "en": "The {model} learned to carry the letter (90 % or more).",
        "ko": "{model}은(는) 문자를 나르는 법을 배웠습니다 (90 % 이상).",
    },
    "gradients.verdict_chance": {
        "en": "The {model} stayed within 10 points of chance: it did not learn the letter.",
        "ko": "{model}은(는) 우연 수준에서 10 %p 안에 머물러 문자를 배우지 못했습니다.",
    },
    "gradients.verdict_partly": {
        "en": "The {model} learned part of the task: above chance, below 90 %.",
        "ko": "{model}은(는) 과제를 일부만 배웠습니다: 우연 수준보다 높고 90 %보다 낮습니다.",
    },
    "gradients.verdict_none": {
        "en": "The {model} stopped before its first evaluation.",
        "ko": "{model}은(는) 첫 평가 전에 멈췄습니다.",
    },
    "gradients.notice_seeds": {
        "en": "One run is one sample. With the default settings, over seeds 0-9, the GRU scored "
        "at least 95 % at every seed and the LSTM at least 70 %, both with the same keep-gate "
        "bias 5; the RNN learned the task at only 2 of the 10 seeds and scored at most 55 % at "
        "the others.",
        "ko": "학습 한 번은 표본 하나입니다. 기본 설정에서 시드 0-9 동안, 같은 유지 게이트 편향 "
        "5를 받은 GRU는 모든 시드에서 95 % 이상, LSTM은 70 % 이상이었습니다. RNN은 10개 시드 "
        "가운데 2개에서만 과제를 배웠고, 나머지에서는 55 % 이하였습니다.",
    },
    "gradients.notice_reach": {
        "en": "What reaches the letter at t = 0, as a fraction of the gradient at the loss (the "
        "median over training steps): RNN {rnn}, LSTM {lstm}, GRU {gru}. Where this is tiny the "
        "weights that read the letter hardly learn (the dark left edge of the heatmap).",
        "ko": "손실 쪽 기울기 가운데 t = 0의 문자에 닿는 비율 (학습 단계 전체의 중앙값): "
        "RNN {rnn}, LSTM {lstm}, GRU {gru}. 이 값이 아주 작으면 문자를 읽는 가중치가 거의 "
        "배우지 못합니다 (히트맵 왼쪽 끝의 어두운 부분).",
    },
    "gradients.try_lag": {
        "en": "Halve the lag to 25 and train again: does the RNN catch up?",
        "ko": "지연을 25로 반으로 줄여 다시 학습해 보세요. RNN이 따라잡나요?",
    },
    "gradients.try_memory_bias": {
        "en": "Set the keep-gate bias to 0 and train again: which gated network still learns?",
        "ko": "유지 게이트 편향을 0으로 두고 다시 학습해 보세요. 어느 게이트 망이 여전히 배우나요?",
    },
    # Section 3: exploding run
    "gradients.exploding_heading": {
        "en": "3 · An exploding run, with and without clipping",
        "ko": "3 · 폭주하는 학습, 기울기를 클리핑할 때와 하지 않을 때",
    },
    "gradients.exploding_caption": {
        "en": "A ReLU RNN (H = {hidden_size}, recurrent scale ρ = {recurrent_scale}) learns the "
        "memory task (lag {lag}) by plain SGD, whose step is the learning rate times the "
        "gradient, so an exploded gradient becomes an exploded update. The same run twice, from "
        "the same weights: without clipping, and with clipping at τ.",
        "ko": "ReLU RNN (H = {hidden_size}, 순환 가중치 크기 ρ = {recurrent_scale})이 기억 과제 "
        "(지연 {lag})를 평범한 SGD로 배웁니다. SGD의 한 걸음은 학습률 × 기울기라서, 폭주한 "
        "기울기는 폭주한 갱신이 됩니다. 같은 가중치에서 같은 학습을 두 번 합니다: 클리핑 없이 "
        "한 번, τ에서 클리핑하며 한 번.",
    },
    "gradients.exploding_settings": {"en": "Run settings", "ko": "학습 설정"},
    "gradients.exploding_scale": {
        "en": "Recurrent weight scale ρ",
        "ko": "순환 가중치 크기 ρ",
    },
    "gradients.exploding_lr": {"en": "Learning rate (SGD)", "ko": "학습률 (SGD)"},
    "gradients.series_unclipped": {"en": "without clipping", "ko": "클리핑 없음"},
    "gradients.series_clipped": {"en": "clipped at τ = {clip}", "ko": "τ = {clip}에서 클리핑"},
    "gradients.series_threshold": {"en": "threshold τ", "ko": "문턱값 τ"},
    "gradients.exploding_loss_title": {
        "en": "Training loss (log scale)",
        "ko": "학습 손실 (로그 축)",
    },
    "gradients.exploding_norm_title": {
        "en": "Gradient norm ‖g‖ before clipping",
        "ko": "클리핑 전 기울기 크기 ‖g‖",
    },
    "gradients.run_unclipped": {"en": "Without clipping", "ko": "클리핑하지 않으면"},
    "gradients.run_clipped": {"en": "With clipping", "ko": "클리핑하면"},
    "gradients.finished": {
        "en": "The loss stayed finite for all {steps} steps.",
        "ko": "{steps} 단계 내내 손실이 유한했습니다.",
    },
    "gradients.notice_no_explosion": {
        "en": "Neither run diverged with these settings: the largest ‖g‖ was {max_norm}, and "
        "clipping at τ = {clip} acted on {clipped} % of the steps.",
        "ko": "이 설정에서는 두 학습 모두 발산하지 않았습니다. 가장 큰 ‖g‖는 {max_norm}였고, "
        "τ = {clip}에서의 클리핑은 단계의 {clipped} %에서 작동했습니다.",
    },
    "gradients.notice_exploding_loss": {
        "en": "Without clipping the loss became infinite or NaN at step {step}. Clipped at "
        "τ = {clip}, the run finished all {steps} steps with a finite loss, although ‖g‖ "
        "reached {max_norm} and was clipped on {clipped} % of the steps.",
        "ko": "클리핑하지 않으면 {step} 단계에서 손실이 무한대나 NaN이 되었습니다. τ = {clip}"
        "에서 클리핑하면 ‖g‖가 {max_norm}까지 커지고 단계의 {clipped} %에서 클리핑되었는데도, "
        "{steps} 단계를 모두 유한한 손실로 마쳤습니다.",
    },
    "gradients.notice_exploding_grad_norm": {
        "en": "Without clipping the gradient norm became infinite or NaN at step {step}. Clipped "
        "at τ = {clip}, the run finished all {steps} steps with a finite loss, although ‖g‖ "
        "reached {max_norm} and was clipped on {clipped} % of the steps.",
        "ko": "클리핑하지 않으면 {step} 단계에서 기울기 크기가 무한대나 NaN이 되었습니다. "
        "τ = {clip}에서 클리핑하면 ‖g‖가 {max_norm}까지 커지고 단계의 {clipped} %에서 "
        "클리핑되었는데도, {steps} 단계를 모두 유한한 손실로 마쳤습니다.",
    },
    "gradients.notice_both_diverged": {
        "en": "Both runs diverged: with this learning rate even steps of length lr × τ are too "
        "large. Lower the learning rate or τ.",
        "ko": "두 학습 모두 발산했습니다. 이 학습률에서는 길이 lr × τ인 걸음도 너무 큽니다. "
        "학습률이나 τ를 낮추세요.",
    },
    "gradients.try_scale_3": {
        "en": "From the defaults, raise the scale to 3: the unclipped run blows up at step 2, "
        "while the clipped run is clipped on most of its steps and still finishes.",
        "ko": "기본값에서 크기를 3으로 올려 보세요. 클리핑하지 않은 학습은 2 단계에서 터지고, "
        "클리핑한 학습은 대부분의 단계에서 클리핑되면서도 끝까지 갑니다.",
    },
    "gradients.try_scale_half": {
        "en": "From the defaults, lower the scale to 0.5: nothing explodes, ‖g‖ stays below 1 on "
        "every step, and clipping at τ = 1 never acts.",
        "ko": "기본값에서 크기를 0.5로 낮춰 보세요. 아무것도 폭주하지 않고 ‖g‖가 모든 단계에서 "
        "1 아래에 머물러, τ = 1에서의 클리핑은 한 번도 작동하지 않습니다.",
    },
    # Training you can scrub (part 2)
    "gradients.scrub": {"en": "Training step shown", "ko": "보여 줄 학습 단계"},
    "gradients.scrub_help": {
        "en": "Every training step recorded ‖∂L/∂h_t‖ at each time step. The marker on the loss "
        "curve, the framed row of each heatmap and the curves below show this step; nothing is "
        "trained again.",
        "ko": "학습 단계마다 시간 단계별 ‖∂L/∂h_t‖를 기록해 두었습니다. 손실 곡선의 표시선, "
        "히트맵의 테두리 친 행, 아래 곡선이 이 단계를 보여 줍니다. 다시 학습하지 않습니다.",
    },
    "gradients.shown_step": {"en": "training step shown", "ko": "보고 있는 학습 단계"},
    "gradients.loss_title": {"en": "Training loss", "ko": "학습 손실"},
    "gradients.step_profile_title": {
        "en": "‖∂L/∂h_t‖ at training step {step}",
        "ko": "학습 단계 {step}의 ‖∂L/∂h_t‖",
    },
    "gradients.step_numbers": {
        "en": "Training step {step} of {total}. Mini-batch loss: RNN {rnn_loss}, LSTM {lstm_loss}, "
        "GRU {gru_loss}. Share of the gradient at the loss that reaches the letter at t = 0: "
        "RNN {rnn_reach}, LSTM {lstm_reach}, GRU {gru_reach}.",
        "ko": "{total} 단계 중 학습 단계 {step}. 미니배치 손실: RNN {rnn_loss}, LSTM {lstm_loss}, "
        "GRU {gru_loss}. 손실 지점의 기울기 가운데 t = 0의 문자까지 닿는 비율: "
        "RNN {rnn_reach}, LSTM {lstm_reach}, GRU {gru_reach}.",
    },
    # Pin and compare (part 2)
    "gradients.series_run": {"en": "{model}, {run}", "ko": "{model}, {run}"},
    "gradients.compare_accuracy_title": {
        "en": "Held-out accuracy (pinned: dashed)",
        "ko": "검증 정확도 (고정한 학습: 점선)",
    },
    "gradients.compare_reach_title": {
        "en": "Share of the gradient reaching t = 0",
        "ko": "t = 0까지 닿는 기울기의 비율",
    },
    "gradients.y_reach": {
        "en": "‖∂L/∂h_0‖ / ‖∂L/∂h_(T−1)‖",
        "ko": "‖∂L/∂h_0‖ / ‖∂L/∂h_(T−1)‖",
    },
    "gradients.compare_accuracy": {
        "en": "Final held-out accuracy, this run / pinned run: RNN {rnn}, LSTM {lstm}, GRU {gru}.",
        "ko": "마지막 검증 정확도, 이번 학습 / 고정한 학습: RNN {rnn}, LSTM {lstm}, GRU {gru}.",
    },
    # Export
    "gradients.download_record_help": {
        "en": "The settings and, for each network, the weights after training and everything "
        "measured at every step (loss, gradient norms, ‖∂L/∂h_t‖ per time step, accuracy).",
        "ko": "설정과, 네트워크마다 학습 후 가중치와 단계마다 잰 모든 값 (손실, 기울기 크기, 시간 "
        "단계별 ‖∂L/∂h_t‖, 정확도)입니다.",
    },
}
