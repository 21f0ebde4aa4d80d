"""Strings of the sound classifier page (pages/5_Sound_classifier.py)."""

_CLASSES = {
    "air_conditioner": ("Air conditioner", "에어컨"),
    "car_horn": ("Car horn", "자동차 경적"),
    "children_playing": ("Children playing", "아이들 노는 소리"),
    "dog_bark": ("Dog bark", "개 짖는 소리"),
    "drilling": ("Drilling", "드릴"),
    "engine_idling": ("Engine idling", "엔진 공회전"),
    "gun_shot": ("Gun shot", "총소리"),
    "jackhammer": ("Jackhammer", "착암기"),
    "siren": ("Siren", "사이렌"),
    "street_music": ("Street music", "거리 음악"),
}
_MODELS = {
    "rnn": ("RNN", "RNN"),
    "lstm": ("LSTM", "LSTM"),
    "lstm_state": ("LSTM + state", "LSTM + 상태"),
    "gru": ("GRU", "GRU"),
}

STRINGS = {
    "classifier.intro": {
        "en": "The textbook's experiment: an RNN, an LSTM, an LSTM that outputs its cell state, "
        "and a GRU learn to tell ten urban sounds apart from their FFT frames, with a 10 ms or a "
        "100 ms window. You will see our accuracy table beside the textbook's, where the models "
        "go wrong, each test clip with its prediction, and what the model hears in your own "
        "recording.",
        "ko": "교재의 실험입니다. RNN, LSTM, 셀 상태를 출력하는 LSTM, GRU가 10 ms 또는 100 ms "
        "윈도우의 FFT 프레임을 읽고 열 가지 도시 소음을 구별하도록 학습합니다. 우리 정확도 표를 "
        "교재의 표와 나란히 보고, 모델이 어디서 틀리는지, 시험 클립마다 무엇으로 예측했는지, "
        "직접 녹음한 소리를 모델이 무엇으로 듣는지 확인합니다.",
    },
    "classifier.equations_caption": {
        "en": "x_t: frame t's 100 FFT bands (log, scaled with the training clips' mean and "
        "standard deviation). The layer reads x_1 … x_T; the head reads its last output: h_T, "
        "or c_T for the LSTM with state output. Accuracy is counted on held-out clips that "
        "training never saw.",
        "ko": "x_t: 프레임 t의 FFT 대역 100개 (로그를 취하고 학습 클립의 평균과 표준편차로 "
        "정규화). 계층은 x_1 … x_T를 읽고, 출력층은 마지막 출력 h_T를 읽습니다. 상태 출력 "
        "LSTM은 c_T를 읽습니다. 정확도는 학습에 쓰지 않은 검증 클립에서 셉니다.",
    },
    "classifier.equations_heading": {
        "en": "The equations: what each model computes",
        "ko": "수식: 각 모델이 계산하는 것",
    },
    "classifier.eq_head": {"en": "head", "ko": "출력층"},
    "classifier.eq_or": {"en": "or", "ko": "또는"},
    "classifier.eq_score": {"en": "score", "ko": "점수"},
    # Presets
    "classifier.preset_table": {
        "en": "Textbook table (all models, both windows)",
        "ko": "교재의 표 (모든 모델, 두 윈도우)",
    },
    "classifier.preset_quick": {"en": "Quick: LSTM 100 ms", "ko": "빠르게: LSTM 100 ms"},
    "classifier.preset_rnn_lstm": {"en": "RNN vs LSTM, 10 ms", "ko": "RNN 대 LSTM, 10 ms"},
    "classifier.preset_state": {
        "en": "LSTM vs LSTM + state, 100 ms",
        "ko": "LSTM 대 LSTM + 상태, 100 ms",
    },
    # Controls
    "classifier.models": {"en": "Models", "ko": "모델"},
    "classifier.windows": {"en": "Windows (hop 10 ms)", "ko": "윈도우 (간격 10 ms)"},
    "classifier.window_10": {"en": "10 ms window", "ko": "10 ms 윈도우"},
    "classifier.window_100": {"en": "100 ms window", "ko": "100 ms 윈도우"},
    "classifier.hidden": {"en": "Hidden size H", "ko": "은닉 크기 H"},
    "classifier.hidden_help": {
        "en": "Units in the recurrent layer; the textbook used 20.",
        "ko": "순환 계층의 유닛 수입니다. 교재는 20을 썼습니다.",
    },
    "classifier.steps": {"en": "Training steps per model", "ko": "모델당 학습 단계"},
    "classifier.steps_help": {
        "en": "Adam updates on batches of 20 clips. The textbook table preset uses 400.",
        "ko": "클립 20개 배치에 대한 Adam 업데이트 횟수입니다. 교재의 표 데모는 400을 씁니다.",
    },
    "classifier.lr": {"en": "Learning rate", "ko": "학습률"},
    "classifier.clips": {"en": "Clips per class", "ko": "클래스당 클립 수"},
    "classifier.clips_help": {
        "en": "Synthetic clips of 1-4 s; 20 % of each class is held out to measure accuracy.",
        "ko": "1-4초 길이의 합성 클립입니다. 클래스마다 20 %는 정확도 측정용으로 떼어 둡니다.",
    },
    "classifier.seed": {"en": "Seed", "ko": "시드"},
    "classifier.seed_help": {
        "en": "The training clips, the initial weights and the batch order follow from it; the "
        "held-out clips are the same for every seed, so two seeds' scores are comparable.",
        "ko": "학습 클립, 초기 가중치, 배치 순서가 이 값으로 정해집니다. 검증 클립은 모든 시드에서 "
        "같으므로 두 시드의 점수를 비교할 수 있습니다.",
    },
    "classifier.pick_something": {
        "en": "Pick at least one model and one window, then press Train.",
        "ko": "모델과 윈도우를 하나 이상 고른 다음 학습을 누르세요.",
    },
    "classifier.training_cell": {
        "en": "Training {model} on the {window} ms window ({n} of {total})",
        "ko": "{window} ms 윈도우로 {model} 학습 중 ({total}개 중 {n}번째)",
    },
    "classifier.press_train": {
        "en": "These settings need {n} new trainings, about {cost} times the default run: press "
        "Train to start them.",
        "ko": "이 설정에는 새 학습이 {n}번 필요하고, 기본 실행의 약 {cost}배가 걸립니다. 학습을 "
        "눌러 시작하세요.",
    },
    # Results: the table
    "classifier.results_heading": {
        "en": "Accuracy: ours and the textbook's",
        "ko": "정확도: 우리와 교재",
    },
    "classifier.col_model": {"en": "Model", "ko": "모델"},
    "classifier.col_ours": {"en": "{window} ms: ours", "ko": "{window} ms: 우리"},
    "classifier.col_textbook": {"en": "{window} ms: textbook", "ko": "{window} ms: 교재"},
    "classifier.not_trained": {"en": "not trained", "ko": "학습 안 함"},
    "classifier.not_in_textbook": {"en": "—", "ko": "—"},
    "classifier.cell_value": {"en": "{acc} ± {se} %", "ko": "{acc} ± {se} %"},
    "classifier.table_caption": {
        "en": "± is one standard error over {n} held-out clips; chance (always guessing) is 10 %. "
        "The textbook trained on real UrbanSound8K recordings for 100 epochs, 387-1569 s per "
        "model; ours are synthetic clips and {steps} Adam steps, {seconds} s for the models "
        "here. Expect different numbers; compare the orderings.",
        "ko": "±는 검증 클립 {n}개에 대한 표준 오차이고, 무작위로 찍으면 10 %입니다. 교재는 "
        "실제 UrbanSound8K 녹음으로 100 에포크, 모델당 387-1569초 동안 학습했습니다. 우리는 "
        "합성 클립으로 Adam {steps} 단계, 여기 모델 전체에 {seconds}초를 썼습니다. 숫자는 다를 "
        "수 있으니 순서를 비교하세요.",
    },
    "classifier.chart_title": {"en": "{window} ms window", "ko": "{window} ms 윈도우"},
    "classifier.accuracy_axis": {"en": "accuracy (%)", "ko": "정확도 (%)"},
    "classifier.source": {"en": "source", "ko": "출처"},
    "classifier.ours": {"en": "ours", "ko": "우리"},
    "classifier.textbook": {"en": "textbook", "ko": "교재"},
    "classifier.standard_error": {"en": "± standard error (%)", "ko": "± 표준 오차 (%)"},
    "classifier.chance": {"en": "chance 10 %", "ko": "무작위 10 %"},
    # Results: the comparison
    "classifier.claims_heading": {
        "en": "Where we agree with the textbook, and where we differ",
        "ko": "교재와 같은 점, 다른 점",
    },
    "classifier.claim_window_helps": {
        "en": "A 100 ms window beats a 10 ms one for every model",
        "ko": "모든 모델에서 100 ms 윈도우가 10 ms 윈도우보다 정확하다",
    },
    "classifier.claim_lstm_beats_rnn": {
        "en": "The LSTM beats the plain RNN at every window",
        "ko": "모든 윈도우에서 LSTM이 기본 RNN보다 정확하다",
    },
    "classifier.claim_state_beats_lstm": {
        "en": "The LSTM with state output (c_T) beats the LSTM that outputs h_T at every window",
        "ko": "모든 윈도우에서 상태 출력 LSTM(c_T)이 h_T를 출력하는 LSTM보다 정확하다",
    },
    "classifier.claim_above_chance": {
        "en": "Every model beats chance (10 %)",
        "ko": "모든 모델이 무작위(10 %)보다 정확하다",
    },
    "classifier.claim_line": {
        "en": "**{claim}**: textbook {textbook}; ours {ours} ({ours_cases} of {cases}) → "
        "**{verdict}**",
        "ko": "**{claim}**: 교재 {textbook}, 우리 {ours} ({cases}개 중 {ours_cases}개) → "
        "**{verdict}**",
    },
    "classifier.yes": {"en": "yes", "ko": "예"},
    "classifier.no": {"en": "no", "ko": "아니요"},
    "classifier.agree": {"en": "we agree", "ko": "같음"},
    "classifier.differ": {"en": "we differ", "ko": "다름"},
    "classifier.claims_summary": {
        "en": "Of the textbook's statements that these models can test, we agree on {agree} "
        "of {n}.",
        "ko": "이 모델들로 확인할 수 있는 교재의 주장 {n}개 중 {agree}개에서 같습니다.",
    },
    "classifier.claims_none": {
        "en": "Train the RNN, the LSTM or the LSTM + state to compare with the textbook (it "
        "trained no GRU).",
        "ko": "교재와 비교하려면 RNN, LSTM, LSTM + 상태 가운데 하나 이상을 학습하세요 (교재는 "
        "GRU를 학습하지 않았습니다).",
    },
    "classifier.diverged": {
        "en": "{model}, {window} ms: training stopped at step {step}, where the {what} became "
        "infinite or NaN (not a number); lower the learning rate.",
        "ko": "{model}, {window} ms: {step} 단계에서 {what}이(가) 무한대 또는 NaN(숫자가 아님)이 "
        "되어 학습이 멈췄습니다. 학습률을 낮추세요.",
    },
    "classifier.worse_than_guessing": {
        "en": "{model}, {window} ms: the training loss ended at {loss}, above ln 10 = 2.30 "
        "(what guessing 1/10 for every class scores): the learning rate is too large for the "
        "updates to settle.",
        "ko": "{model}, {window} ms: 학습 손실이 {loss}로 끝나 ln 10 = 2.30(모든 클래스에 1/10을 "
        "주는 추측의 손실)보다 큽니다. 학습률이 너무 커서 업데이트가 자리를 잡지 못했습니다.",
    },
    # Inspecting one model
    "classifier.inspect_heading": {"en": "One model up close", "ko": "한 모델 자세히 보기"},
    "classifier.inspect": {"en": "Model to inspect", "ko": "살펴볼 모델"},
    "classifier.confusion_title": {
        "en": "Confusion matrix: {model} ({acc} % right)",
        "ko": "혼동 행렬: {model} (정답률 {acc} %)",
    },
    "classifier.true_class": {"en": "true class", "ko": "실제 클래스"},
    "classifier.predicted_class": {"en": "predicted class", "ko": "예측 클래스"},
    "classifier.count": {"en": "clips", "ko": "클립 수"},
    "classifier.row_rate": {"en": "share of the true class (%)", "ko": "실제 클래스 중 비율 (%)"},
    "classifier.loss_title": {"en": "Training loss of each model", "ko": "모델별 학습 손실"},
    "classifier.loss_axis": {"en": "cross-entropy loss", "ko": "교차 엔트로피 손실"},
    "classifier.model_axis": {"en": "model", "ko": "모델"},
    # Per-clip predictions
    "classifier.clips_heading": {
        "en": "Held-out clips and what the model heard",
        "ko": "검증 클립과 모델이 들은 것",
    },
    "classifier.col_clip": {"en": "clip", "ko": "클립"},
    "classifier.col_true": {"en": "true class", "ko": "실제 클래스"},
    "classifier.col_predicted": {"en": "predicted", "ko": "예측"},
    "classifier.col_confidence": {"en": "p(predicted) %", "ko": "p(예측) %"},
    "classifier.col_p_true": {"en": "p(true) %", "ko": "p(실제) %"},
    "classifier.col_right": {"en": "right?", "ko": "정답?"},
    "classifier.clip_number": {"en": "Clip to play", "ko": "재생할 클립"},
    "classifier.all_clips": {
        "en": "Table of every held-out clip",
        "ko": "검증 클립 전체를 표로 보기",
    },
    "classifier.clip_caption": {
        "en": "Clip {i}: a {true} clip of {seconds} s, re-synthesised from its seed {seed}; "
        "the model says {predicted} ({p} %).",
        "ko": "클립 {i}: 시드 {seed}로 다시 합성한 {seconds}초 길이의 {true} 클립입니다. 모델의 "
        "답은 {predicted} ({p} %)입니다.",
    },
    "classifier.probs_title": {"en": "Class probabilities: {name}", "ko": "클래스별 확률: {name}"},
    "classifier.probability": {"en": "probability (%)", "ko": "확률 (%)"},
    "classifier.class_axis": {"en": "class", "ko": "클래스"},
    "classifier.is_true": {"en": "true class", "ko": "실제 클래스"},
    "classifier.is_other": {"en": "other classes", "ko": "다른 클래스"},
    "classifier.bar_kind": {"en": "bar", "ko": "막대"},
    # Your own sound
    "classifier.upload_heading": {"en": "Your own sound", "ko": "내 소리"},
    "classifier.source_upload": {"en": "Upload a file", "ko": "파일 올리기"},
    "classifier.source_record": {"en": "Record", "ko": "녹음"},
    "classifier.your_source": {"en": "Sound to classify", "ko": "분류할 소리"},
    "classifier.upload": {
        "en": "An audio file (wav, flac, ogg, mp3)",
        "ko": "오디오 파일 (wav, flac, ogg, mp3)",
    },
    "classifier.record": {"en": "Record a sound", "ko": "소리 녹음"},
    "classifier.waiting": {
        "en": "Upload or record a sound, and {model} will say which of the ten classes it hears.",
        "ko": "소리를 올리거나 녹음하면 {model}이(가) 열 가지 클래스 가운데 무엇으로 듣는지 "
        "알려 줍니다.",
    },
    "classifier.no_model": {
        "en": "No trained model yet: press Train first, then classify your sound.",
        "ko": "아직 학습한 모델이 없습니다. 먼저 학습을 누른 다음 소리를 분류하세요.",
    },
    "classifier.model_diverged": {
        "en": "This model's training broke down, so it cannot classify; train it again with a "
        "lower learning rate.",
        "ko": "이 모델은 학습이 망가져서 분류할 수 없습니다. 학습률을 낮춰 다시 학습하세요.",
    },
    "classifier.your_result": {
        "en": "{model} hears **{name}** ({p} %). The first {max_seconds} s of your {seconds} s "
        "clip were read, as in training.",
        "ko": "{model}은(는) **{name}**(으)로 듣습니다 ({p} %). {seconds}초 클립 중 처음 "
        "{max_seconds}초를 학습 때처럼 읽었습니다.",
    },
    "classifier.your_sound": {"en": "your sound", "ko": "내 소리"},
    "classifier.resampled": {
        "en": "Your clip was resampled from {original_sr} Hz to {sr} Hz, the rate of the "
        "training clips.",
        "ko": "클립을 {original_sr} Hz에서 학습 클립과 같은 {sr} Hz로 바꿨습니다.",
    },
    # What to notice, try this (filled with the numbers on screen)
    "classifier.notice_range": {
        "en": "Every trained model scores between {low} % and {high} % on held-out clips, "
        "against 10 % for guessing.",
        "ko": "학습한 모든 모델이 검증 클립에서 {low} %에서 {high} % 사이를 맞힙니다. 무작위로 "
        "찍으면 10 %입니다.",
    },
    "classifier.notice_single": {
        "en": "{model} scores {acc} % on held-out clips, against 10 % for guessing.",
        "ko": "{model}은(는) 검증 클립에서 {acc} %를 맞힙니다. 무작위로 찍으면 10 %입니다.",
    },
    "classifier.notice_confusion": {
        "en": "Right answers sit on the diagonal of the confusion matrix: {model} recognises "
        "{best} best ({best_rate} %) and {worst} worst ({worst_rate} %); its most frequent "
        "mistake is {mistaken} heard as {mistaken_for} ({mistakes} clips).",
        "ko": "혼동 행렬의 대각선이 정답입니다. {model}은(는) {best}을(를) 가장 잘 맞히고 "
        "({best_rate} %), {worst}을(를) 가장 못 맞힙니다 ({worst_rate} %). 가장 잦은 실수는 "
        "{mistaken}을(를) {mistaken_for}(으)로 들은 것입니다 (클립 {mistakes}개).",
    },
    "classifier.notice_noise": {
        "en": "With {n} held-out clips one clip is worth {one} points, and a score near {acc} % "
        "has a standard error of about {se} points: gaps smaller than about twice that may be "
        "luck of the split.",
        "ko": "검증 클립이 {n}개라 클립 하나가 {one} %p이고, {acc} % 근처 점수의 표준 오차는 "
        "약 {se} %p입니다. 그 두 배보다 작은 차이는 분할의 운일 수 있습니다.",
    },
    "classifier.notice_claims": {
        "en": "Of the textbook's statements these models can test, {agree} of {n} hold here "
        "too; the list above says which.",
        "ko": "이 모델들로 확인할 수 있는 교재의 주장 {n}개 중 {agree}개가 여기서도 성립합니다. "
        "어느 것인지는 위 목록에 있습니다.",
    },
    "classifier.try_table": {
        "en": "Pick the demo “Textbook table” and read each column beside the textbook's.",
        "ko": "‘교재의 표’ 데모를 골라 각 열을 교재의 열과 나란히 읽어 보세요.",
    },
    "classifier.try_lr": {
        "en": "Set the learning rate to 10: the loss stays above ln 10 ≈ 2.30, worse than "
        "guessing, and the page says why.",
        "ko": "학습률을 10으로 바꿔 보세요. 손실이 ln 10 ≈ 2.30 위에 머물러 무작위로 고르는 "
        "것보다 나쁘며, 페이지가 그 이유를 알려 줍니다.",
    },
    "classifier.try_record": {
        "en": "Record a whistle that rises and falls (a siren?) or a sharp clap (a gun shot?) "
        "and see what the model hears.",
        "ko": "오르내리는 휘파람(사이렌?)이나 날카로운 박수(총소리?)를 녹음해서 모델이 무엇으로 "
        "듣는지 보세요.",
    },
    "classifier.try_seed": {
        "en": "Change the seed (new training clips, initial weights and batch order; the same "
        "held-out clips) and see how far each accuracy moves: that is the noise in any one table.",
        "ko": "시드를 바꿔 보세요 (새 학습 클립, 초기 가중치, 배치 순서; 검증 클립은 그대로). "
        "정확도가 얼마나 움직이는지가 표 하나에 든 잡음입니다.",
    },
    # The real recordings (UrbanSound8K), where an instructor has them
    "classifier.data": {"en": "Sounds", "ko": "소리"},
    "classifier.data_synthetic": {"en": "Synthetic", "ko": "합성"},
    "classifier.data_urbansound8k": {"en": "UrbanSound8K folder", "ko": "UrbanSound8K 폴더"},
    "classifier.data_help": {
        "en": "Synthetic clips need nothing. UrbanSound8K, the textbook's recordings, trains on a "
        "copy on this server: folds 1-9 train, fold 10 scores.",
        "ko": "합성 클립은 따로 필요한 것이 없습니다. UrbanSound8K는 교재의 녹음으로, 이 서버에 "
        "있는 사본으로 학습합니다. 폴드 1-9로 학습하고 폴드 10으로 점수를 냅니다.",
    },
    "classifier.data_root": {"en": "UrbanSound8K folder", "ko": "UrbanSound8K 폴더"},
    "classifier.data_root_help": {
        "en": "The folder on this server that holds metadata/UrbanSound8K.csv and "
        "audio/fold1 … fold10. The environment variable LSTM_LAB_URBANSOUND8K fills it in. It "
        "stays out of the share link.",
        "ko": "이 서버에서 metadata/UrbanSound8K.csv와 audio/fold1 … fold10을 담은 폴더입니다. "
        "환경 변수 LSTM_LAB_URBANSOUND8K가 있으면 미리 채워집니다. 공유 링크에는 들어가지 "
        "않습니다.",
    },
    "classifier.us8k_no_folder": {
        "en": "Type the folder that holds UrbanSound8K (its metadata and audio folders) to train "
        "on the real recordings.",
        "ko": "실제 녹음으로 학습하려면 UrbanSound8K (metadata와 audio 폴더)가 있는 폴더를 "
        "입력하세요.",
    },
    "classifier.us8k_metadata_not_found": {
        "en": "There is no metadata file at {path}: the folder must hold "
        "metadata/UrbanSound8K.csv beside audio/.",
        "ko": "{path}에 메타데이터 파일이 없습니다. 폴더에는 audio/ 옆에 "
        "metadata/UrbanSound8K.csv가 있어야 합니다.",
    },
    "classifier.us8k_metadata_malformed": {
        "en": "The metadata file {path} has no column {columns}, so its rows cannot be read.",
        "ko": "메타데이터 파일 {path}에 {columns} 열이 없어 행을 읽을 수 없습니다.",
    },
    "classifier.us8k_no_usable": {
        "en": "After skipping the rows that cannot be used, {n_train} clips are left to train on "
        "(folds 1-9) and {n_validation} to score on (fold 10); each needs at least one.",
        "ko": "쓸 수 없는 행을 건너뛰고 나니 학습용 클립 (폴드 1-9)이 {n_train}개, 점수용 클립 "
        "(폴드 10)이 {n_validation}개 남았습니다. 둘 다 하나 이상 있어야 합니다.",
    },
    "classifier.us8k_skipped": {
        "en": "{n} rows of the metadata were skipped: {reasons}.",
        "ko": "메타데이터의 {n}개 행을 건너뛰었습니다: {reasons}.",
    },
    "classifier.skip_malformed": {
        "en": "{n} malformed (a field missing or not a number)",
        "ko": "형식이 잘못된 행 {n}개 (빠진 값이나 숫자가 아닌 값)",
    },
    "classifier.skip_bad_fold": {
        "en": "{n} with a fold outside 1-10",
        "ko": "폴드가 1-10 밖인 행 {n}개",
    },
    "classifier.skip_unknown_class": {
        "en": "{n} with an unknown class",
        "ko": "알 수 없는 클래스의 행 {n}개",
    },
    "classifier.skip_missing_file": {
        "en": "{n} whose file is missing",
        "ko": "파일이 없는 행 {n}개",
    },
    "classifier.skip_unreadable": {
        "en": "{n} whose file could not be read as audio",
        "ko": "파일을 오디오로 읽을 수 없는 행 {n}개",
    },
    "classifier.us8k_press_train": {
        "en": "Press Train: the features of {n} UrbanSound8K clips are computed once for each "
        "window (then kept in the cache), and the models train on them.",
        "ko": "학습을 누르세요. UrbanSound8K 클립 {n}개의 특징을 윈도우마다 한 번 계산하고 "
        "(그다음은 캐시에 보관), 그 위에서 모델을 학습합니다.",
    },
    "classifier.us8k_features_progress": {
        "en": "Computing features: clip {done} of {total}",
        "ko": "특징 계산 중: 클립 {total}개 중 {done}번째",
    },
    "classifier.us8k_data": {
        "en": "Data: UrbanSound8K from {root}, {n_train} clips of folds 1-9 to train, "
        "{n_validation} clips of fold 10 to score (at most {cap} of each class in each).",
        "ko": "데이터: {root}의 UrbanSound8K. 학습용 폴드 1-9 클립 {n_train}개, 점수용 폴드 10 "
        "클립 {n_validation}개 (각각 클래스마다 최대 {cap}개).",
    },
    "classifier.table_caption_us8k": {
        "en": "± is one standard error over {n} held-out clips of fold 10; chance (always "
        "guessing) is 10 %. The textbook trained on every UrbanSound8K clip for 100 epochs; "
        "ours train on the clips above for {steps} Adam steps, {seconds} s for the models here.",
        "ko": "±는 폴드 10의 검증 클립 {n}개에 대한 표준 오차이고, 무작위로 찍으면 10 %입니다. "
        "교재는 UrbanSound8K 클립 전체로 100 에포크 학습했고, 우리는 위의 클립으로 Adam {steps} "
        "단계, 여기 모델 전체에 {seconds}초를 썼습니다.",
    },
    "classifier.clip_caption_us8k": {
        "en": "Clip {i}: {file}, a {true} recording of {seconds} s; the model says {predicted} "
        "({p} %).",
        "ko": "클립 {i}: {file}, {seconds}초 길이의 {true} 녹음입니다. 모델의 답은 {predicted} "
        "({p} %)입니다.",
    },
    "classifier.clip_gone": {
        "en": "The file {file} can no longer be read, so this clip cannot be played.",
        "ko": "{file} 파일을 더 이상 읽을 수 없어 이 클립을 재생할 수 없습니다.",
    },
    # Pin and compare, downloads
    "classifier.compare_none": {
        "en": "The pinned run and this one share no model and window: turn on one the pinned run "
        "trained ({cells}) to compare them.",
        "ko": "고정한 학습과 이번 학습에 같은 모델과 윈도우가 없습니다. 고정한 학습의 조합 "
        "({cells}) 중 하나를 켜서 비교하세요.",
    },
    "classifier.compare_accuracy": {
        "en": "{model}: this run {current} %, the pinned run {pinned} %.",
        "ko": "{model}: 이번 학습 {current} %, 고정한 학습 {pinned} %.",
    },
    "classifier.compare_bars_title": {
        "en": "Held-out accuracy, this run and the pinned one",
        "ko": "검증 정확도, 이번 학습과 고정한 학습",
    },
    "classifier.run_axis": {"en": "run", "ko": "학습"},
    "classifier.confusion_title_whose": {
        "en": "{whose}, {model}: {acc} % right",
        "ko": "{whose}, {model}: 정답률 {acc} %",
    },
    "classifier.download_bars": {"en": "Bars (CSV)", "ko": "막대 (CSV)"},
    "classifier.download_confusion": {"en": "Confusion matrix (CSV)", "ko": "혼동 행렬 (CSV)"},
    "classifier.download_loss": {"en": "Loss curves (CSV)", "ko": "손실 곡선 (CSV)"},
    "classifier.download_probs": {"en": "Probabilities (CSV)", "ko": "확률 (CSV)"},
    "classifier.download_record_help": {
        "en": "The settings, every model's loss at each step, its weights, and each held-out "
        "clip's label and class probabilities.",
        "ko": "설정, 모델마다 단계별 손실과 가중치, 검증 클립마다 정답과 클래스별 확률입니다.",
    },
    **{f"classifier.class_{name}": {"en": en, "ko": ko} for name, (en, ko) in _CLASSES.items()},
    **{f"classifier.model_{name}": {"en": en, "ko": ko} for name, (en, ko) in _MODELS.items()},
    **{  # one trained model: "LSTM + state, 100 ms"
        f"classifier.cell_{name}_{window}": {"en": f"{en}, {window} ms", "ko": f"{ko}, {window} ms"}
        for name, (en, ko) in _MODELS.items()
        for window in (10, 100)
    },
}
