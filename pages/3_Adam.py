"""The Adam page: the moments with and without bias correction, four optimizers on a 2-D loss
surface, and an LSTM trained with each. Every number comes from lstm_viz.labs.adam (tested in
tests/test_adam_moments.py, test_adam_surfaces.py, test_adam_race.py) and every chart from
lstm_viz.labs.adam.charts; this file only lays things out."""

import pandas as pd
import streamlit as st

from lstm_viz.labs.adam import Notice, moments, race, surfaces
from lstm_viz.labs.adam import charts as adam_charts
from lstm_viz.ui import controls, shell
from lstm_viz.ui.i18n import t

# The same symbols as lstm_viz/nn/optim.py and lstm_viz/labs/adam/moments.py.
STANDARD = r"""
\begin{aligned}
m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t & \hat m_t &= \frac{m_t}{1-\beta_1^{\,t}} \\
v_t &= \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2 & \hat v_t &= \frac{v_t}{1-\beta_2^{\,t}} \\
\theta_t &= \theta_{t-1} - \mathrm{lr}\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}
\end{aligned}
"""
TEXTBOOK = r"""
\begin{aligned}
n &\leftarrow n + 1 \\
s &\leftarrow \rho_1 s + (1-\rho_1)\, g & \hat s &= \frac{s}{1-\rho_1^{\,n}} \\
t &\leftarrow \rho_2 t + (1-\rho_2)\, g \odot g & \hat t &= \frac{t}{1-\rho_2^{\,n}} \\
\theta &\leftarrow \theta - \mathrm{lr}\, \frac{\hat s}{\sqrt{\hat t} + \epsilon}
\end{aligned}
"""
STREAMS = {s: f"adam.stream_{s}" for s in moments.STREAMS}
SURFACES = {s: f"adam.surface_{s}" for s in surfaces.SURFACES}
BETA1 = ("0", "0.5", "0.8", "0.9", "0.95", "0.99")
BETA2 = ("0.9", "0.99", "0.999", "0.9999")
EPS = ("1e-12", "1e-08", "1e-06", "1e-04", "0.01")
SCALES = ("0.001", "0.01", "0.1", "1", "10", "100", "1000")
LRS = ("0.0001", "0.0003", "0.001", "0.002", "0.003", "0.005", "0.01", "0.02", "0.03", "0.05")
LRS += ("0.08", "0.1", "0.2", "0.3", "0.5", "1", "3", "10")
RACE = race.RaceConfig()
LAST_RACE = "_adam_last_race"  # session state: the settings of the race on screen
MOMENTS = {"adam_stream": "constant", "adam_beta1": "0.9", "adam_lr": "0.001", "adam_steps": 200}
VALLEY = {
    "adam_rx": -1.5,
    "adam_ry": 2.5,
    "adam_rsgd": "0.01",
    "adam_rmom": "0.002",
    "adam_radam": "0.05",
}
PRESETS = {
    "adam.preset_textbook": {**MOMENTS, "adam_beta2": "0.99"},
    "adam.preset_paper": {**MOMENTS, "adam_beta2": "0.999"},
    "adam.preset_sparse": {**MOMENTS, "adam_stream": "sparse", "adam_p": 0.05, "adam_steps": 500,
                           "adam_beta2": "0.999"},
    "adam.preset_valley": {"adam_surface": "rosenbrock", "adam_beta1": "0.9", "adam_beta2": "0.999",
                           "adam_psteps": 150, **VALLEY},
}  # fmt: skip
TRIES = ["adam.try_textbook", "adam.try_scale", "adam.try_sparse", "adam.try_lr_10"]
# The headings of race.race_table_text's columns.
TABLE = {"lr": "adam.race_table_lr", "first": "adam.race_table_first",
         "loss": "adam.race_table_loss", "accuracy": "adam.race_table_accuracy"}  # fmt: skip


# The sections' results and charts, cached by settings and language: a view change rebuilds
# only the section it touches (building the page's 8 charts took about 0.2 s CPU per rerun;
# a cached chart comes back in about 1 ms).
@st.cache_data(max_entries=64, show_spinner=False)
def moment_view(config: moments.MomentConfig, lang: str):
    trace = moments.adam_trace(config)
    notices = moments.moment_notices(config, moments.trace_facts(trace, config))
    return adam_charts.moment_charts(trace, config.lr, lang), notices


@st.cache_data(max_entries=64, show_spinner=False)
def path_view(config: surfaces.PathConfig, lang: str):
    found = surfaces.compare_paths(config)
    drawn = [adam_charts.surface_chart(config.surface, found, lang)]
    drawn.append(adam_charts.path_loss_chart(found, lang))
    return found, drawn, surfaces.path_notices(config, found)


@st.cache_data(max_entries=16, show_spinner=False)
def race_view(shown: race.RaceConfig, lang: str, _runs: dict):
    # Keyed by the race's settings: the same settings and seed give the same runs.
    return adam_charts.race_charts(_runs, shown.steps, lang)


def run_label(name: str) -> str:
    return adam_charts.run_label(name, lang)


def notation() -> None:
    left, right = st.columns(2)
    left.markdown(f"**{t('adam.standard_heading')}**")
    left.latex(STANDARD)
    right.markdown(f"**{t('adam.textbook_heading')}**")
    right.latex(TEXTBOOK)
    with st.expander(t("adam.notation_table_heading")):
        st.markdown(t("adam.notation_table"))
    st.caption(t("adam.notation_caption"))


def moment_controls() -> moments.MomentConfig:
    with st.container(border=True):
        c1, c2, c3, c4 = st.columns(4)
        with c1:
            stream = controls.select(
                "adam_stream", "adam.stream", STREAMS, help_key="adam.stream_help"
            )
            steps = controls.slider("adam_steps", "adam.steps", 100, 500, 200, 50)
        with c2:
            beta1 = controls.select("adam_beta1", "adam.beta1", BETA1, "0.9")
            beta2 = controls.select(
                "adam_beta2", "adam.beta2", BETA2, "0.999", help_key="adam.beta2_help"
            )
        with c3:
            lr = controls.select("adam_lr", "adam.lr", LRS, "0.001")
            eps = controls.select("adam_eps", "adam.eps", EPS, "1e-08")
        with c4:
            scale = controls.select("adam_scale", "adam.scale", SCALES, "1")
            noise, p = 1.0, 0.1
            if stream == "noisy":
                noise = controls.slider("adam_noise", "adam.noise", 0.0, 5.0, 1.0, 0.25)
            if stream == "sparse":
                p = controls.slider("adam_p", "adam.p", 0.01, 0.5, 0.1, 0.01)
            seed = controls.number(
                "adam_seed", "adam.seed", 0, 9999, 0, 1, help_key="adam.seed_help"
            )
    numbers = map(float, (lr, beta1, beta2, eps, scale, noise, p))
    return moments.MomentConfig(stream, int(steps), *numbers, int(seed))


def moment_section(config: moments.MomentConfig) -> list[Notice]:
    st.subheader(t("adam.moments_heading"))
    st.caption(t("adam.moments_caption"))
    drawn, notices = moment_view(config, lang)
    for column, chart in zip(st.columns(2) + st.columns(2), drawn, strict=True):
        column.altair_chart(chart)
    return notices


def path_controls(moment: moments.MomentConfig) -> surfaces.PathConfig:
    with st.container(border=True):
        c1, c2, c3 = st.columns(3)
        with c1:
            surface = controls.select("adam_surface", "adam.surface", SURFACES)
            steps = controls.slider("adam_psteps", "adam.path_steps", 10, 500, 150, 10)
        info = surfaces.SURFACE_INFO[surface]
        k = surface[0]  # each surface keeps its own start and rates: a_bx ..., a_rx ...
        (x0, x1), (y0, y1) = info.extent
        with c2:
            x = controls.number(
                f"adam_{k}x", "adam.start_x", x0, x1, info.start[0], 0.1, format="%.2f"
            )
            y = controls.number(
                f"adam_{k}y", "adam.start_y", y0, y1, info.start[1], 0.1, format="%.2f"
            )
        defaults = dict(info.lrs)
        with c3:
            lrs = {
                name: float(
                    controls.select(
                        f"adam_{k}{short}", f"adam.lr_{name}", LRS, f"{defaults[name]:g}"
                    )
                )
                for name, short in (("sgd", "sgd"), ("momentum", "mom"), ("adam", "adam"))
            }
    adam = (moment.beta1, moment.beta2, moment.eps)
    rates = (lrs["sgd"], lrs["momentum"], lrs["adam"], 0.9)  # 0.9: the momentum mu
    return surfaces.PathConfig(surface, (float(x), float(y)), int(steps), *rates, *adam)


def path_section(config: surfaces.PathConfig) -> list[Notice]:
    st.subheader(t("adam.paths_heading"))
    st.caption(t("adam.paths_caption"))
    found, drawn, notices = path_view(config, lang)
    for name, p in found.items():
        label, lr = run_label(name), f"{p.lr:g}"
        if p.stopped_at is not None:
            blew_up = t("adam.path_blew_up", name=label, lr=lr, left=p.left_at, stop=p.stopped_at)
            st.warning(blew_up, icon=":material/warning:")
        elif p.left_at is not None:
            st.info(t("adam.path_left", name=label, lr=lr, left=p.left_at), icon=":material/info:")
    for column, chart in zip(st.columns(2), drawn, strict=True):
        column.altair_chart(chart)
    return notices


def race_controls(moment: moments.MomentConfig) -> race.RaceConfig:
    with st.container(border=True):
        c1, c2 = st.columns(2)
        with c1:
            lag = controls.slider("adam_lag", "adam.lag", 5, 40, RACE.lag, 5)
            steps = controls.slider("adam_rsteps", "adam.race_steps", 50, 500, RACE.steps, 50)
        with c2:
            sgd = controls.select("adam_lsgd", "adam.lr_race_sgd", LRS, f"{RACE.sgd_lr:g}")
            mom = controls.select(
                "adam_lmom", "adam.lr_race_momentum", LRS, f"{RACE.momentum_lr:g}"
            )
            adam = controls.select("adam_ladam", "adam.lr_race_adam", LRS, f"{RACE.adam_lr:g}")
    return race.RaceConfig(
        lag=int(lag),
        steps=int(steps),
        sgd_lr=float(sgd),
        momentum_lr=float(mom),
        adam_lr=float(adam),
        beta1=moment.beta1,
        beta2=moment.beta2,
        eps=moment.eps,
        seed=moment.seed,
    )


def train_race(config: race.RaceConfig):
    bar = st.progress(0.0, text=t("common.training_started"))

    def on_step(name: str, report) -> None:
        if report.step % 10 and report.step != config.steps:
            return  # redraw every 10 steps: the bar, not the training, would set the pace
        text = t("adam.progress", name=run_label(name), step=report.step, total=config.steps)
        bar.progress(race.race_progress(config, name, report.step), text=text)

    runs = race.run_race(config, on_step)
    norms = race.first_update_norms(config)
    bar.empty()
    return config, runs, norms


def current_race(config: race.RaceConfig, clicked: bool):
    """The race for these settings (trained on a click or on the first visit); else the last
    race shown, with a note that the settings changed."""
    found = shell.lookup("adam.race", config)
    if found is None and (clicked or LAST_RACE not in st.session_state):
        found = shell.remember("adam.race", config, lambda: train_race(config))
    if found is None:
        found = shell.lookup("adam.race", st.session_state[LAST_RACE])
        if found is None:  # evicted from the cache: train the settings on screen
            found = shell.remember("adam.race", config, lambda: train_race(config))
        else:
            c = found[0]
            note = t("adam.press_train", lag=c.lag, steps=c.steps, beta2=f"{c.beta2:g}")
            st.info(note, icon=":material/info:")
    st.session_state[LAST_RACE] = found[0]
    return found


def race_section(config: race.RaceConfig) -> list[Notice]:
    st.subheader(t("adam.race_heading"))
    st.caption(t("adam.race_caption", lag=config.lag))
    shown, runs, norms = current_race(config, shell.train_button())
    for name, run in runs.items():
        if run.diverged:
            what = t(f"adam.what_{run.diverged_what.replace(' ', '_')}")
            # English: TrainingDiverged's own sentence; other languages: the catalogue's.
            translated = t("adam.diverged_sentence", step=run.diverged_at, what=what)
            sentence = run.diverged if lang == "en" else translated
            st.warning(
                t("adam.race_diverged", name=run_label(name), sentence=sentence),
                icon=":material/warning:",
            )
    drawn = race_view(shown, lang, runs)
    for column, chart in zip(st.columns(2), drawn, strict=True):
        column.altair_chart(chart)
    rows = race.race_table(shown, runs, norms)
    table = {t(TABLE[k]): v for k, v in race.race_table_text(rows).items()}
    st.dataframe(pd.DataFrame(table, index=[run_label(n) for n in rows]))
    return race.race_notices(shown, runs, norms)


lang = shell.page_setup("adam")
with shell.guard():
    shell.header("adam.intro")
    notation()
    controls.preset_picker(PRESETS)
    moment_config = moment_controls()
    notices = moment_section(moment_config)
    path_config = path_controls(moment_config)
    notices += path_section(path_config)
    race_config = race_controls(moment_config)
    notices += race_section(race_config)
    shell.notice_and_try([(f"adam.notice_{name}", numbers) for name, numbers in notices], TRIES)
controls.share_link()
