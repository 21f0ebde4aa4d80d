"""Strings of the home page (app.py): what the app teaches, the LSTM cell, the page cards."""

STRINGS = {
    "home.intro": {
        "en": "See how a long short-term memory network (LSTM) decides, at every time step, what "
        "to forget, what to write into its cell state and what to show as its hidden state. Every "
        "number on these pages comes from a small NumPy LSTM trained live while you watch.",
        "ko": "LSTM(장단기 메모리)이 매 시점마다 무엇을 잊고, 무엇을 셀 상태에 쓰고, 무엇을 은닉 "
        "상태로 내보내는지 직접 봅니다. 이 페이지들의 모든 숫자는 눈앞에서 실시간으로 학습되는 "
        "작은 NumPy LSTM이 계산합니다.",
    },
    "home.cell_heading": {"en": "The LSTM cell", "ko": "LSTM 셀"},
    "home.cell_caption": {
        "en": "σ is the logistic sigmoid (values in 0 to 1: a gate), tanh squashes to -1 to 1, ⊙ "
        "multiplies element by element. Inputs are row vectors, as in the code: a batch is "
        "(B, T, D), and W_x, W_h, b hold one block per gate.",
        "ko": "σ는 로지스틱 시그모이드(0과 1 사이의 값: 게이트), tanh는 -1과 1 사이로 눌러 주는 "
        "함수, ⊙는 원소별 곱입니다. 코드와 같이 입력은 행 벡터입니다. 배치는 (B, T, D)이고, "
        "W_x, W_h, b에는 게이트마다 한 블록씩 들어 있습니다.",
    },
    "home.diagram_concat": {"en": "concatenate", "ko": "이어 붙이기"},
    "home.diagram_forget": {"en": "forget gate", "ko": "망각 게이트"},
    "home.diagram_input": {"en": "input gate", "ko": "입력 게이트"},
    "home.diagram_candidate": {"en": "candidate", "ko": "후보 값"},
    "home.diagram_output": {"en": "output gate", "ko": "출력 게이트"},
    "home.diagram_cell": {"en": "cell state", "ko": "셀 상태"},
    "home.diagram_hidden": {"en": "hidden state", "ko": "은닉 상태"},
    "home.diagram_alt": {
        "en": "Diagram of an LSTM cell: x_t and h_(t-1) feed the forget, input and output gates "
        "and the candidate g; c_(t-1) is multiplied by f, i times g is added, giving c_t; "
        "tanh of c_t times o gives h_t.",
        "ko": "LSTM 셀 그림: x_t와 h_(t-1)이 망각 게이트, 입력 게이트, 출력 게이트와 후보 g로 "
        "들어가고, c_(t-1)에 f를 곱한 뒤 i와 g의 곱을 더해 c_t가 되며, c_t의 tanh에 o를 곱해 "
        "h_t가 됩니다.",
    },
    "home.pages_heading": {"en": "What each page shows", "ko": "페이지별 내용"},
    "home.no_pages": {
        "en": "The teaching pages are not installed yet.",
        "ko": "아직 설치된 학습 페이지가 없습니다.",
    },
    "home.how_to": {
        "en": "Every page works the same way: pick a demo or set the controls, press Train, read "
        "the charts (hover for exact values), and copy the share link from the sidebar to reopen "
        "the same settings.",
        "ko": "모든 페이지는 같은 방식으로 씁니다. 데모를 고르거나 설정을 바꾸고, 학습을 누르고, "
        "차트를 읽은 뒤(마우스를 올리면 정확한 값이 보입니다), 사이드바의 공유 링크를 복사하면 "
        "같은 설정으로 다시 열 수 있습니다.",
    },
    "home.blurb_gates": {
        "en": "Train a small LSTM on a sequence task and watch its forget, input and output gates "
        "react to each input symbol, before and after training.",
        "ko": "작은 LSTM을 시퀀스 과제로 학습시키고, 망각 게이트, 입력 게이트, 출력 게이트가 입력 "
        "기호 하나하나에 어떻게 반응하는지 학습 전과 후를 비교합니다.",
    },
    "home.blurb_gradients": {
        "en": "Follow the gradient back through time in a vanilla RNN, an LSTM and a GRU: see it "
        "vanish or explode, and see what the cell state and clipping change.",
        "ko": "기본 RNN, LSTM, GRU에서 기울기를 시간을 거슬러 따라가며 기울기 소실과 기울기 폭주를 "
        "보고, 셀 상태와 기울기 클리핑이 무엇을 바꾸는지 봅니다.",
    },
    "home.blurb_adam": {
        "en": "Watch Adam's moments over the first steps and what its bias correction fixes, on a "
        "gradient stream, on a 2-D loss surface and on a real LSTM.",
        "ko": "처음 몇 단계 동안 Adam의 모멘트가 어떻게 쌓이는지, 편향 보정이 무엇을 바로잡는지를 "
        "기울기 흐름, 2차원 손실 곡면, 실제 LSTM에서 봅니다.",
    },
    "home.blurb_fft": {
        "en": "Turn a sound into the sequence an LSTM reads: window, hop and FFT size, and the "
        "spectrogram they make.",
        "ko": "소리를 LSTM이 읽는 시퀀스로 바꿉니다. 윈도우, 홉, FFT 크기와 그것들이 만드는 "
        "스펙트로그램을 봅니다.",
    },
    "home.blurb_classifier": {
        "en": "Repeat the textbook's experiment: RNN, LSTM and LSTM with state output on urban "
        "sounds, with 10 ms and 100 ms windows.",
        "ko": "교재의 실험을 다시 해 봅니다. 도시 소리를 10 ms와 100 ms 윈도우로 나누어 RNN, "
        "LSTM, 상태 출력 LSTM을 비교합니다.",
    },
}
