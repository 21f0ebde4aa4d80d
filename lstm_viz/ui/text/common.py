"""Strings of the shared frame: sidebar, page names, notices, training progress, errors, charts."""

STRINGS = {
    # Sidebar
    "common.nav_home": {"en": "Home", "ko": "홈"},
    "common.language": {"en": "Language", "ko": "언어"},
    "common.about": {
        "en": "LSTM Lab: a small NumPy LSTM, trained live, shows how it works from the inside.",
        "ko": "LSTM Lab: NumPy로 만든 작은 LSTM을 실시간으로 학습시키며 그 안에서 일어나는 일을 "
        "보여 줍니다.",
    },
    "common.share_link": {
        "en": "Share link (reopens this page with these settings):",
        "ko": "공유 링크 (이 설정 그대로 이 페이지를 엽니다):",
    },
    # Page names: browser tab, page title, home card
    "common.page_home": {"en": "LSTM Lab", "ko": "LSTM Lab"},
    "common.page_gates": {"en": "LSTM gates", "ko": "LSTM 게이트"},
    "common.page_gradients": {
        "en": "Vanishing and exploding gradients",
        "ko": "기울기 소실과 기울기 폭주",
    },
    "common.page_adam": {"en": "Adam's bias correction", "ko": "Adam의 편향 보정"},
    "common.page_fft": {"en": "FFT spectrogram", "ko": "FFT 스펙트로그램"},
    "common.page_classifier": {"en": "Sound classifier", "ko": "소리 분류기"},
    # Page skeleton
    "common.what_to_notice": {"en": "What to notice", "ko": "눈여겨볼 점"},
    "common.try_this": {"en": "Try this", "ko": "해 보기"},
    "common.presets": {"en": "Demos", "ko": "데모"},
    # Training
    "common.train": {"en": "Train", "ko": "학습"},
    "common.training_started": {"en": "Training…", "ko": "학습 중…"},
    "common.progress": {
        "en": "Step {step} of {total} · loss {loss}",
        "ko": "{total} 단계 중 {step} 단계 · 손실 {loss}",
    },
    "common.progress_accuracy": {"en": "accuracy {accuracy} %", "ko": "정확도 {accuracy} %"},
    "common.live_loss": {"en": "Training loss, live", "ko": "학습 손실 (실시간)"},
    "common.queued": {
        "en": "Waiting for the server: {ahead} run(s) ahead of yours.",
        "ko": "서버를 기다리는 중: 앞에 {ahead}개의 학습이 있습니다.",
    },
    "common.queued_next": {
        "en": "Waiting for the server: yours is next.",
        "ko": "서버를 기다리는 중: 다음 차례입니다.",
    },
    "common.run_failed": {
        "en": "This run could not be computed; try other settings.",
        "ko": "이 실행을 계산하지 못했습니다. 다른 설정으로 해 보세요.",
    },
    "common.diverged": {
        "en": "Training stopped at step {step}: the {what} became infinite or NaN (not a number), "
        "because the updates grew too large; lower the learning rate or turn on gradient clipping.",
        "ko": "{step} 단계에서 학습이 멈췄습니다. 업데이트가 너무 커져 {what}이(가) 무한대 또는 "
        "NaN(숫자가 아님)이 되었습니다. 학습률을 낮추거나 기울기 클리핑을 켜 보세요.",
    },
    "common.diverged_model": {
        "en": "{model}: training stopped at step {step}, where the {what} became infinite or NaN "
        "(not a number).",
        "ko": "{model}: {step} 단계에서 {what}이(가) 무한대 또는 NaN(숫자가 아님)이 되어 학습이 "
        "멈췄습니다.",
    },
    "common.diverged_loss": {"en": "loss", "ko": "손실"},
    "common.diverged_grad_norm": {"en": "gradient norm", "ko": "기울기 노름"},
    "common.loss": {"en": "loss", "ko": "손실"},
    "common.step": {"en": "training step", "ko": "학습 단계"},
    # Errors
    "common.unexpected_error": {
        "en": "Something went wrong on this page; change a setting or pick a demo to continue.",
        "ko": "이 페이지에서 문제가 생겼습니다. 설정을 바꾸거나 데모를 골라 계속하세요.",
    },
    "common.link_reset": {
        "en": "This page could not run with its settings (from its link or just changed), so "
        "they were reset to the defaults; change a setting or pick a demo to continue.",
        "ko": "이 페이지가 현재 설정(링크에 담겼거나 방금 바꾼 설정)으로 실행되지 못해 "
        "기본 설정으로 되돌렸습니다. 설정을 바꾸거나 데모를 골라 계속하세요.",
    },
    # Notes that charts add themselves
    "common.chart_log_floor": {
        "en": "{n} values below {floor} are drawn at {floor}: a log scale cannot show 0.",
        "ko": "{floor}보다 작은 값 {n}개는 {floor}에 그렸습니다. 로그 축은 0을 나타낼 수 없습니다.",
    },
    "common.chart_not_finite": {
        "en": "{n} values are NaN or infinite and are not drawn.",
        "ko": "NaN이거나 무한대인 값 {n}개는 그리지 않았습니다.",
    },
}
