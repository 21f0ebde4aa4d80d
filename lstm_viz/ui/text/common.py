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
    "common.present": {"en": "Presenter mode", "ko": "발표 모드"},
    "common.present_help": {
        "en": "For a projector: larger text and charts, the settings folded away, the sidebar "
        "closed, one point to notice at a time. The share link carries it.",
        "ko": "프로젝터용: 글자와 차트를 키우고, 설정을 접고, 사이드바를 닫고, 눈여겨볼 점을 "
        "하나씩 보여 줍니다. 공유 링크에도 담깁니다.",
    },
    "common.share_qr": {
        "en": "QR code of this link",
        "ko": "이 링크의 QR 코드",
    },
    "common.share_qr_caption": {
        "en": "Scan it with a phone camera to open this page with these settings.",
        "ko": "휴대폰 카메라로 찍으면 이 설정 그대로 이 페이지가 열립니다.",
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
    "common.settings": {"en": "Settings", "ko": "설정"},
    "common.next_notice": {"en": "Next", "ko": "다음"},
    # Training
    "common.train": {"en": "Train", "ko": "학습"},
    "common.train_shortcut_help": {
        "en": "Starts training. Keyboard shortcut: {shortcut}.",
        "ko": "학습을 시작합니다. 단축키: {shortcut}.",
    },
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
    # Audio uploads and recordings (lstm_viz.ui.uploads; English mirrors lstm_viz.audio.io)
    "common.audio_limits": {
        "en": "One clip of {min_ms} ms to {max_s} s, sampled at {min_khz} to {max_khz} kHz, "
        "at most {max_mb} MB; a larger file is refused at once and shows a red icon.",
        "ko": "{min_ms} ms에서 {max_s}초 길이, {min_khz}에서 {max_khz} kHz 샘플링, "
        "최대 {max_mb} MB인 클립 하나; 더 큰 파일은 바로 거부되고 빨간 아이콘이 표시됩니다.",
    },
    "common.audio_FileTooLarge": {
        "en": "The file is {mb} MB, over the {max_mb} MB limit; please upload a shorter clip or "
        "a compressed one (MP3 or OGG).",
        "ko": "파일이 {mb} MB로 {max_mb} MB 제한을 넘습니다. 더 짧은 클립이나 압축된 파일(MP3, "
        "OGG)을 올려 주세요.",
    },
    "common.audio_ClipTooLong": {
        "en": "The clip is {seconds} s long, over the {max_seconds} s limit; please cut it to at "
        "most {max_seconds} s and upload it again.",
        "ko": "클립 길이가 {seconds}초로 {max_seconds}초 제한을 넘습니다. {max_seconds}초 이하로 "
        "잘라 다시 올려 주세요.",
    },
    "common.audio_ClipTooShort": {
        "en": "The clip is {ms} ms long, shorter than the {min_ms} ms minimum; please record or "
        "upload a longer clip.",
        "ko": "클립 길이가 {ms} ms로 최소 {min_ms} ms보다 짧습니다. 더 길게 녹음하거나 더 긴 "
        "클립을 올려 주세요.",
    },
    "common.audio_SampleRateOutOfRange": {
        "en": "The file says it was sampled at {sr} Hz, outside the {min_sr} to {max_sr} Hz that "
        "recordings use; please export it again at a usual rate such as 44,100 Hz.",
        "ko": "파일의 샘플링 레이트가 {sr} Hz로, 녹음에 쓰이는 {min_sr}에서 {max_sr} Hz "
        "사이의 범위를 벗어납니다. 44,100 Hz 같은 보통의 레이트로 다시 내보내 주세요.",
    },
    "common.audio_EmptyAudio": {
        "en": "The file contains no audio samples; please record again or choose another file.",
        "ko": "파일에 오디오 샘플이 없습니다. 다시 녹음하거나 다른 파일을 골라 주세요.",
    },
    "common.audio_SilentAudio": {
        "en": "The clip is silent (its loudest sample is below {threshold_dbfs} dBFS), so there "
        "is nothing to analyse; please record closer to the microphone or choose another file.",
        "ko": "클립이 무음입니다 (가장 큰 샘플도 {threshold_dbfs} dBFS 미만). 분석할 것이 없으니 "
        "마이크에 더 가까이 녹음하거나 다른 파일을 골라 주세요.",
    },
    "common.audio_NonFiniteAudio": {
        "en": "The clip contains {n_bad} samples that are not numbers (NaN or infinity), so it "
        "cannot be analysed; please export it again from your audio editor.",
        "ko": "클립에 숫자가 아닌 샘플 (NaN 또는 무한대)이 {n_bad}개 있어 분석할 수 없습니다. "
        "오디오 편집기에서 다시 내보내 주세요.",
    },
    "common.audio_UndecodableAudio": {
        "en": "This file could not be read as audio; please upload a WAV, FLAC, OGG or MP3 file.",
        "ko": "이 파일을 오디오로 읽을 수 없습니다. WAV, FLAC, OGG, MP3 파일을 올려 주세요.",
    },
    "common.audio_TooManyChannels": {
        "en": "The file has {channels} channels, but only mono or stereo clips are supported; "
        "please export it as mono or stereo and upload it again.",
        "ko": "파일의 채널이 {channels}개입니다. 모노와 스테레오 클립만 지원하니 모노나 "
        "스테레오로 내보내 다시 올려 주세요.",
    },
    "common.audio_other": {
        "en": "This sound could not be used; please choose another file.",
        "ko": "이 소리는 사용할 수 없습니다. 다른 파일을 골라 주세요.",
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
    # Pin and compare (lstm_viz.ui.pinning), on every page that trains
    "common.pin": {"en": "Pin this run", "ko": "이 학습 고정"},
    "common.pin_help": {
        "en": "Keep this run: change a setting and train, and the two are drawn side by side.",
        "ko": "이 학습을 붙잡아 둡니다. 설정을 바꿔 학습하면 두 학습을 나란히 그립니다.",
    },
    "common.unpin": {"en": "Clear the pinned run", "ko": "고정 해제"},
    "common.pinned_same": {
        "en": "This run is pinned. Change a setting and train to compare another run with it.",
        "ko": "이 학습이 고정되어 있습니다. 설정을 바꿔 학습하면 다른 학습과 비교할 수 있습니다.",
    },
    "common.compare_heading": {
        "en": "This run beside the pinned run",
        "ko": "이번 학습과 고정한 학습",
    },
    "common.compare_changed": {
        "en": "Settings that differ: {changes}.",
        "ko": "다른 설정: {changes}.",
    },
    "common.compare_change": {
        "en": "{name}: {pinned} → {current}",
        "ko": "{name}: {pinned} → {current}",
    },
    "common.this_run": {"en": "this run", "ko": "이번 학습"},
    "common.pinned_run": {"en": "pinned run", "ko": "고정한 학습"},
    # Downloads (lstm_viz.ui.pinning)
    "common.download_csv": {"en": "Numbers of these charts (CSV)", "ko": "이 차트들의 수치 (CSV)"},
    "common.download_record": {"en": "Run record (JSON)", "ko": "학습 기록 (JSON)"},
    "common.download_csv_help": {
        "en": "The numbers this chart draws, one row per mark, as a CSV file.",
        "ko": "이 차트가 그리는 수치를 표시 하나당 한 행씩 CSV 파일로 받습니다.",
    },
}
