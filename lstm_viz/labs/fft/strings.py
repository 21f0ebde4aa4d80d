"""Strings of the FFT spectrogram page (pages/4_FFT_spectrogram.py); the wording of audio errors,
(the sentences built from the page's records are in ``lstm_viz.labs.fft.text``).

Korean follows the textbook: 윈도우 크기 (window size), 간격 (the textbook's "interval", our hop),
고속 푸리에 변환 (FFT), 스펙트로그램, 프레임, 주파수.
"""

from __future__ import annotations

STRINGS = {
    "fft.intro": {
        "en": "A sound is cut into short frames, and each frame's FFT shows which frequencies it "
        "holds; stacked side by side they make a spectrogram, the sequence an LSTM reads. Pick a "
        "sound and a window length, and watch the trade-off the textbook met: a 10 ms window "
        "sees quick changes but blurs close pitches, a 100 ms window does the opposite.",
        "ko": "소리를 짧은 프레임으로 자르고 프레임마다 고속 푸리에 변환(FFT)을 하면 어떤 주파수가 "
        "들어 있는지 보입니다. 이것을 옆으로 늘어놓은 것이 스펙트로그램이고, LSTM이 읽는 "
        "시퀀스입니다. 소리와 윈도우 크기를 골라 교재의 실험에서 만난 맞바꿈을 보세요: 10 ms "
        "윈도우는 빠른 변화를 보지만 가까운 음높이를 뭉개고, 100 ms 윈도우는 그 반대입니다.",
    },
    "fft.equations_heading": {"en": "The equations", "ko": "수식"},
    "fft.equations_caption": {
        "en": "x: the clip (N samples at sr Hz); L: window length; H: hop; w: the window "
        "function; n_fft: FFT size (zero padding when n_fft > L); K frames, k = 0 … K − 1.",
        "ko": "x: 클립 (sr Hz로 N개 샘플); L: 윈도우 길이; H: 간격(hop); w: 윈도우 함수; "
        "n_fft: FFT 크기 (n_fft > L이면 0으로 채움); 프레임 K개, k = 0 … K − 1.",
    },
    # Presets
    "fft.preset_10ms": {"en": "Textbook 10 ms window", "ko": "교재의 10 ms 윈도우"},
    "fft.preset_100ms": {"en": "Textbook 100 ms window", "ko": "교재의 100 ms 윈도우"},
    "fft.preset_compare": {"en": "10 ms vs 100 ms side by side", "ko": "10 ms와 100 ms 나란히"},
    "fft.preset_mel": {"en": "Chirp on a mel axis", "ko": "멜 축 위의 처프"},
    # Sources
    "fft.source_heading": {"en": "Sound", "ko": "소리"},
    "fft.source": {"en": "Source", "ko": "소리 출처"},
    "fft.source_urban": {"en": "Urban sound", "ko": "도시 소음"},
    "fft.source_signal": {"en": "Teaching signal", "ko": "교육용 신호"},
    "fft.source_upload": {"en": "Upload a file", "ko": "파일 올리기"},
    "fft.source_record": {"en": "Record", "ko": "녹음"},
    "fft.class": {"en": "Sound class (synthetic)", "ko": "소리 종류 (합성)"},
    "fft.seed": {"en": "Seed (which clip)", "ko": "시드 (어느 클립)"},
    "fft.signal": {"en": "Signal", "ko": "신호"},
    "fft.upload": {"en": "WAV, FLAC, OGG or MP3 file", "ko": "WAV, FLAC, OGG, MP3 파일"},
    "fft.record": {"en": "Record from your microphone", "ko": "마이크로 녹음하기"},
    "fft.waiting": {
        "en": "Nothing uploaded or recorded yet, so {name} is shown.",
        "ko": "아직 올리거나 녹음한 소리가 없어 {name}을(를) 보여 줍니다.",
    },
    "fft.fallback": {"en": "Showing {name} instead.", "ko": "대신 {name}을(를) 보여 줍니다."},
    "fft.playing": {
        "en": "Analysed and played: {name}, {seconds} s at {sr} Hz (played at its own level).",
        "ko": "분석하고 재생하는 소리: {name}, {seconds}초, {sr} Hz (원래 크기 그대로 재생).",
    },
    "fft.seed_suffix": {"en": "seed {seed}", "ko": "시드 {seed}"},
    "fft.notice_trimmed": {
        "en": "The clip is longer than {max_seconds} s, so only its first {max_seconds} s are "
        "used.",
        "ko": "클립이 {max_seconds}초보다 길어 앞의 {max_seconds}초만 사용합니다.",
    },
    "fft.notice_resampled": {
        "en": "The clip was resampled from {original_sr} Hz to {sr} Hz.",
        "ko": "클립을 {original_sr} Hz에서 {sr} Hz로 리샘플링했습니다.",
    },
    # Urban classes (urban.CLASSES)
    "fft.class_air_conditioner": {"en": "Air conditioner", "ko": "에어컨"},
    "fft.class_car_horn": {"en": "Car horn", "ko": "자동차 경적"},
    "fft.class_children_playing": {"en": "Children playing", "ko": "아이들 노는 소리"},
    "fft.class_dog_bark": {"en": "Dog bark", "ko": "개 짖는 소리"},
    "fft.class_drilling": {"en": "Drilling", "ko": "드릴"},
    "fft.class_engine_idling": {"en": "Engine idling", "ko": "엔진 공회전"},
    "fft.class_gun_shot": {"en": "Gun shot", "ko": "총소리"},
    "fft.class_jackhammer": {"en": "Jackhammer", "ko": "착암기"},
    "fft.class_siren": {"en": "Siren", "ko": "사이렌"},
    "fft.class_street_music": {"en": "Street music", "ko": "거리 음악"},
    # Teaching signals (signals.TEACHING_SIGNALS; the English names are the module's own)
    "fft.signal_tone_440": {"en": "Pure tone, 440 Hz", "ko": "순음, 440 Hz"},
    "fft.signal_two_tones": {"en": "Two tones, 440 + 470 Hz", "ko": "두 음, 440 + 470 Hz"},
    "fft.signal_chirp_linear": {
        "en": "Linear chirp, 100 Hz to 4 kHz",
        "ko": "선형 처프, 100 Hz에서 4 kHz까지",
    },
    "fft.signal_chirp_log": {
        "en": "Logarithmic chirp, 100 Hz to 4 kHz",
        "ko": "로그 처프, 100 Hz에서 4 kHz까지",
    },
    "fft.signal_white_noise": {"en": "White noise", "ko": "백색 잡음"},
    "fft.signal_click_train": {
        "en": "Click train, 100 per second",
        "ko": "클릭 열, 초당 100번",
    },
    # Analysis controls
    "fft.settings_heading": {"en": "Analysis", "ko": "분석 설정"},
    "fft.window_ms": {"en": "Window length L (ms)", "ko": "윈도우 크기 L (ms)"},
    "fft.hop_ms": {"en": "Hop H (ms)", "ko": "간격 H (ms)"},
    "fft.n_fft": {"en": "FFT size n_fft", "ko": "FFT 크기 n_fft"},
    "fft.n_fft_help": {
        "en": "Auto: the smallest power of two that holds the window. A larger size adds zero "
        "padding: more bins, but no finer resolution.",
        "ko": "자동: 윈도우가 들어가는 가장 작은 2의 거듭제곱. 더 크게 하면 0으로 채워 빈이 "
        "많아지지만 분해능이 좋아지지는 않습니다.",
    },
    "fft.n_fft_auto": {"en": "auto", "ko": "자동"},
    "fft.window_fn": {"en": "Window function w", "ko": "윈도우 함수 w"},
    "fft.window_rectangular": {"en": "Rectangular (textbook)", "ko": "사각 (교재)"},
    "fft.window_hann": {"en": "Hann", "ko": "Hann"},
    "fft.window_hamming": {"en": "Hamming", "ko": "Hamming"},
    "fft.db": {"en": "Magnitude in dB", "ko": "크기를 dB로"},
    "fft.axis": {"en": "Frequency axis", "ko": "주파수 축"},
    "fft.axis_linear": {"en": "linear", "ko": "선형"},
    "fft.axis_log": {"en": "log", "ko": "로그"},
    "fft.axis_mel": {"en": "mel", "ko": "멜"},
    "fft.fmax": {"en": "Highest frequency shown (Hz)", "ko": "표시할 최고 주파수 (Hz)"},
    "fft.compare": {"en": "Compare 10 and 100 ms", "ko": "10 ms와 100 ms 비교"},
    "fft.frame": {"en": "Frame k", "ko": "프레임 k"},
    "fft.frame_caption_silent": {
        "en": "Frame {k} of {n}: samples {first} … {last}, from {start} s to {end} s; after the "
        "window every sample is zero, so its spectrum is zero: no peak.",
        "ko": "프레임 {k} / {n}: 샘플 {first} … {last}, {start}초부터 {end}초까지; 윈도우를 곱하면 "
        "모든 샘플이 0이라 스펙트럼도 0입니다. 최고점이 없습니다.",
    },
    "fft.silent": {
        "en": "Every frame is zero after the window, so there is nothing to draw: in dB every "
        "cell sits at the floor ({floor} dB).",
        "ko": "윈도우를 곱한 모든 프레임이 0이라 그릴 것이 없습니다. dB에서는 모든 칸이 바닥 "
        "({floor} dB)에 있습니다.",
    },
    "fft.frame_caption": {
        "en": "Frame {k} of {n}: samples {first} … {last}, from {start} s to {end} s; its "
        "spectrum peaks at {peak} Hz.",
        "ko": "프레임 {k} / {n}: 샘플 {first} … {last}, {start}초부터 {end}초까지; 스펙트럼의 "
        "최고점은 {peak} Hz.",
    },
    # Charts
    "fft.time_s": {"en": "time (s)", "ko": "시간 (초)"},
    "fft.time_ms": {"en": "time within the frame (ms)", "ko": "프레임 안의 시간 (ms)"},
    "fft.amplitude": {"en": "amplitude", "ko": "진폭"},
    "fft.frequency_hz": {"en": "frequency (Hz)", "ko": "주파수 (Hz)"},
    "fft.frequency_log": {"en": "frequency (Hz, log scale)", "ko": "주파수 (Hz, 로그 눈금)"},
    "fft.frequency_mel": {"en": "frequency (Hz, mel-spaced)", "ko": "주파수 (Hz, 멜 간격)"},
    "fft.magnitude": {"en": "|X|", "ko": "|X|"},
    "fft.magnitude_db": {"en": "|X| (dB re the loudest cell)", "ko": "|X| (가장 큰 칸 기준 dB)"},
    "fft.waveform_title": {
        "en": "Waveform; the shaded band is the chosen frame",
        "ko": "파형; 색칠한 띠가 고른 프레임",
    },
    "fft.frame_title": {
        "en": "The chosen frame: slice and windowed slice",
        "ko": "고른 프레임: 잘라 낸 조각과 윈도우를 곱한 조각",
    },
    "fft.series": {"en": "signal", "ko": "신호"},
    "fft.raw": {"en": "x[kH + m]", "ko": "x[kH + m]"},
    "fft.windowed": {"en": "w[m] · x[kH + m]", "ko": "w[m] · x[kH + m]"},
    "fft.spectrum_title": {
        "en": "Spectrum of the chosen frame",
        "ko": "고른 프레임의 스펙트럼",
    },
    "fft.spectrogram_title": {
        "en": "Spectrogram: {window} ms {wfn} window, hop {hop} ms",
        "ko": "스펙트로그램: {window} ms {wfn} 윈도우, 간격 {hop} ms",
    },
    "fft.features_title": {
        "en": "What the LSTM reads: {frames} frames × {bands} bands",
        "ko": "LSTM이 읽는 것: 프레임 {frames}개 × 대역 {bands}개",
    },
    "fft.features_caption": {
        "en": "textbook_features: a rectangular {window} ms frame every {hop} ms, |FFT| "
        "(n_fft = {n_fft}) averaged in {bands} bands of {band_hz} Hz, then log(1 + ·). "
        "Shape ({frames}, {bands}): one time step of {bands} numbers per frame.",
        "ko": "textbook_features: {hop} ms마다 {window} ms 사각 프레임, |FFT| (n_fft = "
        "{n_fft})를 {band_hz} Hz 폭의 대역 {bands}개로 평균한 뒤 log(1 + ·). 모양 "
        "({frames}, {bands}): 프레임마다 숫자 {bands}개짜리 시간 단계 하나.",
    },
    "fft.feature_value": {"en": "log(1 + band mean |X|)", "ko": "log(1 + 대역 평균 |X|)"},
    "fft.band_hz": {"en": "band (Hz)", "ko": "대역 (Hz)"},
    "fft.block_max": {"en": "largest {title} in the block", "ko": "블록 안의 가장 큰 {title}"},
    "fft.hover_blocks": {
        "en": "Hover: blocks of {g_t} columns × {g_f} rows, with their largest value.",
        "ko": "마우스를 올리면: 열 {g_t}개 × 행 {g_f}개 블록과 그 안의 가장 큰 값.",
    },
    "fft.pooled": {
        "en": "Drawn at reduced size ({columns} × {rows} cells): {how}; each cell shows the "
        "largest value it covers.",
        "ko": "줄여서 그렸습니다 ({columns} × {rows}칸): {how}; 칸마다 그 안의 가장 큰 값을 "
        "보입니다.",
    },
    "fft.pooled_frames": {"en": "{g} frames per column", "ko": "열마다 프레임 {g}개"},
    "fft.pooled_bins": {"en": "{g} bins per row", "ko": "행마다 빈 {g}개"},
    "fft.pooled_features": {
        "en": "Drawn at reduced size: {g_t} frames per column (the largest value of each).",
        "ko": "줄여서 그렸습니다: 열마다 프레임 {g_t}개 (그중 가장 큰 값).",
    },
    "fft.rows_log": {
        "en": "Log axis: {rows} rows from {low} Hz to {high} Hz; a row narrower than one bin "
        "repeats the nearest bin, so the low end looks blocky: that is the real resolution.",
        "ko": "로그 축: {low} Hz부터 {high} Hz까지 {rows}행; 빈 하나보다 좁은 행은 가장 가까운 "
        "빈을 되풀이하므로 낮은 쪽이 계단처럼 보입니다. 그것이 실제 분해능입니다.",
    },
    "fft.rows_mel": {
        "en": "Mel axis: {rows} triangular bands, equally spaced in mel up to {high} Hz: narrow "
        "at low frequencies, wide at high ones, as the ear hears pitch.",
        "ko": "멜 축: {high} Hz까지 멜 간격이 같은 삼각 대역 {rows}개. 귀가 음높이를 듣는 "
        "방식처럼 낮은 주파수에서는 좁고 높은 주파수에서는 넓습니다.",
    },
    "fft.n_fft_raised": {
        "en": "n_fft = {requested} cannot hold the {length}-sample window, so {n_fft} is used.",
        "ko": "n_fft = {requested}에는 {length}개 샘플의 윈도우가 들어가지 않아 {n_fft}를 씁니다.",
    },
    # Resolution arithmetic
    "fft.res_heading": {"en": "Resolution arithmetic", "ko": "분해능 계산"},
    "fft.res_dt": {
        "en": "**Δt** = H / sr = {hop} / {sr} = **{dt} ms** between frames",
        "ko": "**Δt** = H / sr = {hop} / {sr} = 프레임 사이 **{dt} ms**",
    },
    "fft.res_df": {
        "en": "**Δf** = sr / n_fft = {sr} / {n_fft} = **{df} Hz** between bins",
        "ko": "**Δf** = sr / n_fft = {sr} / {n_fft} = 빈 사이 **{df} Hz**",
    },
    "fft.res_window": {
        "en": "sr / L = {sr} / {length} = **{wdf} Hz**; with the {wfn} window two tones at "
        "least {factor} × sr / L = **{gap} Hz** apart always show two peaks, closer ones may "
        "blur into one (zero padding cannot improve it)",
        "ko": "sr / L = {sr} / {length} = **{wdf} Hz**; {wfn} 윈도우에서는 {factor} × sr / L = "
        "**{gap} Hz** 이상 떨어진 두 음은 언제나 봉우리 두 개로 보이고, 더 가까우면 하나로 "
        "뭉개질 수 있습니다 (0으로 채워도 나아지지 않음)",
    },
    "fft.res_frames": {
        "en": "**K** = 1 + (N − L) // H = 1 + ({n} − {length}) // {hop} = **{frames} frames**",
        "ko": "**K** = 1 + (N − L) // H = 1 + ({n} − {length}) // {hop} = **프레임 {frames}개**",
    },
    "fft.res_bins": {
        "en": "**bins** = n_fft / 2 + 1 = **{bins}**, from 0 to {nyquist} Hz (Nyquist)",
        "ko": "**빈** = n_fft / 2 + 1 = **{bins}개**, 0부터 {nyquist} Hz (나이퀴스트)까지",
    },
    # Comparison
    "fft.compare_heading": {
        "en": "10 ms and 100 ms windows on the same sound",
        "ko": "같은 소리에 10 ms와 100 ms 윈도우",
    },
    "fft.compare_caption": {
        "en": "{window} ms: sr / L = {wdf} Hz, Δt = {dt} ms, {frames} frames × {bins} bins",
        "ko": "{window} ms: sr / L = {wdf} Hz, Δt = {dt} ms, 프레임 {frames}개 × 빈 {bins}개",
    },
    "fft.compare_spectra_title": {
        "en": "Spectra at {time} s, each relative to its own peak",
        "ko": "{time}초의 스펙트럼 (각자 자기 최고점 기준)",
    },
    "fft.window_label": {"en": "{window} ms window", "ko": "{window} ms 윈도우"},
    "fft.relative": {"en": "relative |X|", "ko": "상대 |X|"},
    "fft.relative_db": {"en": "relative |X| (dB)", "ko": "상대 |X| (dB)"},
    "fft.dip_resolved": {
        "en": "{window} ms: the spectrum dips {dip} dB between {f1} Hz and {f2} Hz: two peaks, "
        "the tones are resolved.",
        "ko": "{window} ms: {f1} Hz와 {f2} Hz 사이에서 스펙트럼이 {dip} dB 내려갑니다: 봉우리 "
        "두 개, 두 음이 구별됩니다.",
    },
    "fft.dip_blurred": {
        "en": "{window} ms: only {dip} dB of dip between {f1} Hz and {f2} Hz: one blurred peak, "
        "the tones are not resolved.",
        "ko": "{window} ms: {f1} Hz와 {f2} Hz 사이의 골이 {dip} dB뿐입니다: 뭉개진 봉우리 "
        "하나, 두 음이 구별되지 않습니다.",
    },
    # What to notice / try this
    "fft.notice_1": {
        "en": "The gap two tones need to show two peaks is a multiple of sr / L (100 Hz for a "
        "10 ms window, 10 Hz for 100 ms): 2.25 × sr / L with the rectangular window, "
        "2.5 × sr / L with Hamming, 2.75 × sr / L with Hann. A ten times longer window is ten "
        "times finer in frequency and ten times coarser in time.",
        "ko": "두 음이 봉우리 두 개로 보이려면 sr / L (10 ms 윈도우는 100 Hz, 100 ms는 10 Hz)의 "
        "몇 배만큼 떨어져야 합니다. 사각 윈도우는 2.25 × sr / L, Hamming은 2.5 × sr / L, Hann은 "
        "2.75 × sr / L. "
        "윈도우가 열 배 길면 주파수로는 열 배 세밀하고, 시간으로는 열 배 거칩니다.",
    },
    "fft.notice_2": {
        "en": "The two tones 30 Hz apart make two peaks with a 100 ms window (any window "
        "function) and one blurred peak with 10 ms, even with n_fft = 4096: zero padding adds "
        "bins, not resolution.",
        "ko": "30 Hz 떨어진 두 음은 100 ms 윈도우에서 (어느 윈도우 함수든) 봉우리 두 개, 10 ms"
        "에서는 n_fft = 4096이어도 뭉개진 봉우리 하나입니다. 0으로 채우면 빈이 늘 뿐 분해능은 "
        "그대로입니다.",
    },
    "fft.notice_3": {
        "en": "The chirp's peak frequency climbs over the clip (from one frame to the next it may "
        "wobble by a bin): the linear chirp climbs the same number of Hz every second, the "
        "logarithmic chirp the same number of octaves, a straight line on the log axis.",
        "ko": "처프의 최고점 주파수는 클립을 따라 올라갑니다 (프레임 사이에서는 빈 하나쯤 "
        "흔들릴 수 있습니다). 선형 처프는 1초마다 같은 Hz만큼, 로그 처프는 같은 옥타브만큼 "
        "올라가 로그 축에서 직선이 됩니다.",
    },
    "fft.notice_4": {
        "en": "The LSTM reads K = 1 + (N − L) // H time steps of 100 numbers each: the hop sets "
        "how many steps it must remember, the window what each step can tell apart.",
        "ko": "LSTM은 숫자 100개짜리 시간 단계 K = 1 + (N − L) // H개를 읽습니다. 간격은 "
        "기억해야 할 단계 수를, 윈도우는 각 단계가 구별할 수 있는 것을 정합니다.",
    },
    "fft.try_1": {
        "en": "Pick “Two tones” and switch the window between 10 and 100 ms on the linear axis: "
        "watch one peak split into two in the frame's spectrum.",
        "ko": "“두 음”을 고르고 선형 축에서 윈도우를 10 ms와 100 ms 사이로 바꿔 보세요. 프레임 "
        "스펙트럼에서 봉우리 하나가 둘로 갈라집니다.",
    },
    "fft.try_2": {
        "en": "Switch the window function from rectangular to Hann on the pure tone (dB): the "
        "leakage far from the peak drops by tens of dB.",
        "ko": "순음에서 윈도우 함수를 사각에서 Hann으로 바꿔 보세요 (dB): 최고점에서 먼 곳의 "
        "누설이 수십 dB 줄어듭니다.",
    },
    "fft.try_3": {
        "en": "Click train (a click every 10 ms): a 5 ms window never holds two clicks, so each "
        "frame's spectrum is flat (one click) or zero (none); a 100 ms window sees a comb of "
        "lines every 100 Hz.",
        "ko": "클릭 열 (10 ms마다 클릭): 5 ms 윈도우에는 클릭이 둘 들어가지 않아 프레임 "
        "스펙트럼은 평평하거나 (클릭 하나) 0입니다 (클릭 없음). 100 ms 윈도우는 100 Hz마다 "
        "선이 선 빗살을 봅니다.",
    },
    "fft.try_4": {
        "en": "Record your voice and look at it on the mel axis: the harmonics of your pitch "
        "are the parallel lines.",
        "ko": "목소리를 녹음해 멜 축에서 보세요. 음높이의 배음이 나란한 선으로 보입니다.",
    },
    # Errors (English mirrors lstm_viz.audio.io's sentences; params come from the error)
    "fft.error_FileTooLarge": {
        "en": "The file is {mb} MB, over the {max_mb} MB limit; please upload a shorter clip or "
        "a compressed one (MP3 or OGG).",
        "ko": "파일이 {mb} MB로 {max_mb} MB 제한을 넘습니다. 더 짧은 클립이나 압축된 파일(MP3, "
        "OGG)을 올려 주세요.",
    },
    "fft.error_ClipTooLong": {
        "en": "The clip is {seconds} s long, over the {max_seconds} s limit; please cut it to at "
        "most {max_seconds} s and upload it again.",
        "ko": "클립 길이가 {seconds}초로 {max_seconds}초 제한을 넘습니다. {max_seconds}초 이하로 "
        "잘라 다시 올려 주세요.",
    },
    "fft.error_EmptyAudio": {
        "en": "The file contains no audio samples; please record again or choose another file.",
        "ko": "파일에 오디오 샘플이 없습니다. 다시 녹음하거나 다른 파일을 골라 주세요.",
    },
    "fft.error_SilentAudio": {
        "en": "The clip is silent (its loudest sample is below {threshold_dbfs} dBFS), so there "
        "is nothing to analyse; please record closer to the microphone or choose another file.",
        "ko": "클립이 무음입니다 (가장 큰 샘플도 {threshold_dbfs} dBFS 미만). 분석할 것이 없으니 "
        "마이크에 더 가까이 녹음하거나 다른 파일을 골라 주세요.",
    },
    "fft.error_NonFiniteAudio": {
        "en": "The clip contains {n_bad} samples that are not numbers (NaN or infinity), so it "
        "cannot be analysed; please export it again from your audio editor.",
        "ko": "클립에 숫자가 아닌 샘플 (NaN 또는 무한대)이 {n_bad}개 있어 분석할 수 없습니다. "
        "오디오 편집기에서 다시 내보내 주세요.",
    },
    "fft.error_UndecodableAudio": {
        "en": "This file could not be read as audio; please upload a WAV, FLAC, OGG or MP3 file.",
        "ko": "이 파일을 오디오로 읽을 수 없습니다. WAV, FLAC, OGG, MP3 파일을 올려 주세요.",
    },
    "fft.error_TooManyChannels": {
        "en": "The file has {channels} channels, but only mono or stereo clips are supported; "
        "please export it as mono or stereo and upload it again.",
        "ko": "파일의 채널이 {channels}개입니다. 모노와 스테레오 클립만 지원하니 모노나 "
        "스테레오로 내보내 다시 올려 주세요.",
    },
    "fft.error_ClipShorterThanWindow": {
        "en": "The clip lasts {ms} ms, shorter than one {window_ms} ms window; choose a shorter "
        "window or a longer clip.",
        "ko": "클립 길이 ({ms} ms)가 윈도우 하나 ({window_ms} ms)보다 짧습니다. 더 짧은 윈도우나 "
        "더 긴 클립을 고르세요.",
    },
    "fft.error_SettingOverBudget": {
        "en": "This setting needs {frames} frames × {bins} bins = {cells} values, over the "
        "page's budget of {budget}; choose a longer hop, a shorter window or a shorter clip.",
        "ko": "이 설정은 프레임 {frames}개 × 빈 {bins}개 = 값 {cells}개가 필요해 이 페이지의 "
        "한도 {budget}개를 넘습니다. 간격을 늘리거나, 윈도우를 줄이거나, 더 짧은 클립을 "
        "고르세요.",
    },
    "fft.error_other": {
        "en": "This sound could not be analysed; please choose another file.",
        "ko": "이 소리는 분석할 수 없습니다. 다른 파일을 골라 주세요.",
    },
    # Downloads
    "fft.download_wav": {"en": "Clip (WAV)", "ko": "클립 (WAV)"},
    "fft.download_wav_help": {
        "en": "The analysed clip as 16-bit WAV at {sr} Hz, at its own level (not normalised).",
        "ko": "분석한 클립을 {sr} Hz 16비트 WAV로, 원래 크기 그대로 (정규화 없이) 받습니다.",
    },
    "fft.download_spectrum": {"en": "Spectrum (CSV)", "ko": "스펙트럼 (CSV)"},
    "fft.download_spectrogram": {"en": "Spectrogram (CSV)", "ko": "스펙트로그램 (CSV)"},
    "fft.download_features": {"en": "Feature matrix (CSV)", "ko": "특징 행렬 (CSV)"},
}


def _fields(error: Exception) -> dict[str, object]:
    """The error's numbers formatted as ``lstm_viz.audio.io`` words them."""
    params = dict(getattr(error, "params", {}))
    name = type(error).__name__
    if name == "FileTooLarge":
        return {"mb": f"{params['n_bytes'] / 1e6:.1f}", "max_mb": f"{params['max_bytes'] / 1e6:g}"}
    if name == "ClipTooLong":
        return {"seconds": f"{params['seconds']:.1f}", "max_seconds": f"{params['max_seconds']:g}"}
    if name == "SilentAudio":
        return {"threshold_dbfs": f"{params['threshold_dbfs']:g}"}
    if name == "SettingOverBudget":
        frames, bins = params["frames"], params["bins"]
        cells, budget = f"{frames * bins:,}", f"{params['budget']:,}"
        return {"frames": f"{frames:,}", "bins": f"{bins:,}", "cells": cells, "budget": budget}
    if name == "ClipShorterThanWindow":
        return {"ms": params["ms"], "window_ms": f"{params['window_ms']:g}"}
    return params


def error_message(error: Exception, lang: str) -> str:
    """One sentence for an ``AudioError`` (or ``ClipShorterThanWindow``) in ``lang``."""
    from lstm_viz.ui.text import translate  # late: this package imports this module at load

    key = f"fft.error_{type(error).__name__}"
    if key not in STRINGS:
        return translate("fft.error_other", lang)
    return translate(key, lang, **_fields(error))
