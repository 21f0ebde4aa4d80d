"""Wall time of the FFT spectrogram page's work, single-threaded (median of several runs).

    spectrogram_analyse_default  the page's one cached call on its default: ``builtin_clip`` of
                                 the siren (seed 0, 1.98 s) and ``analyse`` with a 25 ms Hann
                                 window, hop 10 ms, linear axis (a first visit, or a new setting)
    spectrogram_analyse_worst    the heaviest setting the controls allow on the longest clip an
                                 upload may be: 30 s of noise, 200 ms window, 1 ms hop, n_fft 4096,
                                 mel axis (29,801 frames of 4,096 points, pooled to 400 columns)
    spectrogram_charts_default   every chart of the default run built and serialised as Streamlit
                                 does (what a rerun costs on top of the cached call: moving the
                                 frame slider or switching dB)

Run ``.venv/bin/python bench/bench_spectrogram.py [repeats]`` (default 5; the worst case runs
min(repeats, 3) times).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from bench.timing import median_ms  # noqa: E402
from lstm_viz.audio import SAMPLE_RATE  # noqa: E402
from lstm_viz.audio.io import MAX_SECONDS  # noqa: E402
from lstm_viz.labs.fft import compute as lab  # noqa: E402

SR = SAMPLE_RATE
DEFAULT_SOURCE = lab.Source("urban", "siren", 0)  # the page's default sound
WORST = lab.SpectrogramConfig(window_ms=200, hop_ms=1, n_fft=4096, window="hann", axis="mel")


def charts_of_default_run(record: lab.LabRecord) -> None:
    """Build the default run's five charts and serialise them as ``st.altair_chart`` does."""
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    from lstm_viz.labs.fft import charts as sc

    spec = record.spectrogram
    frame = lab.frame_view(record.samples, SR, spec.config, spec.resolution.n_frames // 2)
    for chart in (
        sc.waveform_chart(record, frame, "en"),
        sc.frame_chart(frame, SR, "en"),
        sc.frame_spectrum_chart(frame, spec, "db", "en"),
        sc.spectrogram_chart(spec, "db", "en", marker_s=frame.centre_s),
        sc.features_chart(record, "en"),
    ):
        _convert_altair_to_vega_lite_spec(chart)


def main(repeats: int = 5) -> None:
    samples = lab.builtin_clip(DEFAULT_SOURCE)
    config = lab.SpectrogramConfig()
    record = lab.analyse(samples, SR, config)  # warm-up: imports, first FFT plans
    charts_of_default_run(record)
    default = median_ms(lambda: lab.analyse(lab.builtin_clip(DEFAULT_SOURCE), SR, config), repeats)
    charts = median_ms(lambda: charts_of_default_run(record), repeats)
    noise = np.random.default_rng(0).standard_normal(int(MAX_SECONDS * SR)).astype(np.float32)
    noise *= 0.1
    worst = median_ms(lambda: lab.analyse(noise, SR, WORST), min(repeats, 3))
    print(f"bench workload=spectrogram_analyse_default dtype=float32 median_ms={default:.1f}")
    print(f"bench workload=spectrogram_analyse_worst dtype=float32 median_ms={worst:.0f}")
    print(f"bench workload=spectrogram_charts_default dtype=float32 median_ms={charts:.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
