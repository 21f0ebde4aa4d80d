"""The Adam page: the moments with and without bias correction, four optimizers on a 2-D loss
surface, and an LSTM trained with each. Every number comes from lstm_viz.labs.adam (tested in
tests/test_adam_moments.py, test_adam_surfaces.py, test_adam_race.py, test_adam_claims.py),
every sentence from lstm_viz.labs.adam.text and every chart from lstm_viz.labs.adam.charts;
this file only lays things out.

Adam's own settings (beta1, beta2, eps, seed) feed all three sections and rerun the page; each
section's other controls rerun only that section (``st.fragment``). On a 1280 x 720 projector the
first screen holds the title, the demos and the first section's controls beside its main chart
(the step sizes): Adam's settings sit at the top of that column, so they are drawn inside the
first section's fragment, which reruns the whole page when one of them changes."""

import pandas as pd
import streamlit as st

from lstm_viz.labs.adam import charts as adam_charts
from lstm_viz.labs.adam import compute, moments, race, surfaces, text
from lstm_viz.ui import controls, export, pinning, shell, training
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
RACE = compute.RACE
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
    notices = text.moment_notices(config, moments.trace_facts(trace, config))
    return adam_charts.moment_charts(trace, config.lr, lang), notices


@st.cache_data(max_entries=64, show_spinner=False)
def path_view(config: surfaces.PathConfig, lang: str):
    found = surfaces.compare_paths(config)
    drawn = [adam_charts.surface_chart(config.surface, found, lang)]
    drawn.append(adam_charts.path_loss_chart(found, lang))
    return found, drawn, text.path_notices(config, found, surfaces.path_facts(found))


@st.cache_data(max_entries=16, show_spinner=False)
def race_view(config: race.RaceConfig, lang: str, _found: race.Race):
    # Keyed by the race's settings: the same settings and seed give the same record.
    drawn = adam_charts.race_charts(_found.runs, config.steps, lang)
    return drawn, text.race_notices(_found, race.race_facts(_found))


def run_label(name: str) -> str:
    return adam_charts.run_label(name, lang)


def notices_box(items) -> None:
    """A section's "What to notice" sentences, under its charts."""
    shell.notice_and_try(items, [])


def notation() -> None:
    with st.expander(t("adam.notation_heading"), icon=":material/function:"):
        st.markdown(f"**{t('adam.standard_heading')}**")  # one under the other: side by side,
        st.latex(STANDARD)  # half of a 1280 px screen cut each block's right column
        st.markdown(f"**{t('adam.textbook_heading')}**")
        st.latex(TEXTBOOK)
        st.markdown(t("adam.notation_table"))
        st.caption(t("adam.notation_caption"))


Settings = tuple[float, float, float, int]  # beta1, beta2, eps, seed
PAGE_SETTINGS = "_adam_page_settings"  # session state: the settings as last drawn


def adam_settings() -> Settings:
    """beta1, beta2, eps and the seed, two by two: every section uses them."""
    box = shell.settings()
    c1, c2 = box.columns(2)
    with c1:
        beta1 = controls.select("adam_beta1", "adam.beta1", BETA1, "0.9")
    with c2:
        beta2 = controls.select(
            "adam_beta2", "adam.beta2", BETA2, "0.999", help_key="adam.beta2_help"
        )
    c3, c4 = box.columns(2)
    with c3:
        eps = controls.select("adam_eps", "adam.eps", EPS, "1e-08")
    with c4:
        seed = controls.number("adam_seed", "adam.seed", 0, 9999, 0, 1, help_key="adam.seed_help")
    return float(beta1), float(beta2), float(eps), int(seed)


# Each fragment's own controls: a fragment rerun draws them again (``controls.redraw``).
SETTING_KEYS = ("adam_beta1", "adam_beta2", "adam_eps", "adam_seed")  # in moment_section
MOMENT_KEYS = ("adam_stream", "adam_lr", "adam_scale", "adam_steps", "adam_noise", "adam_p")
PATH_KEYS = ("adam_surface", "adam_psteps") + tuple(
    f"adam_{k}{part}" for k in "br" for part in ("x", "y", "sgd", "mom", "adam")
)
RACE_KEYS = ("adam_lag", "adam_rsteps", "adam_lsgd", "adam_lmom", "adam_ladam")


@st.fragment
def moment_section() -> Settings:
    """Adam's settings, the moments' controls and charts; returns the settings (on a full run)."""
    controls.redraw(*SETTING_KEYS, *MOMENT_KEYS)
    st.subheader(t("adam.moments_heading"))
    left, right = st.columns([1, 2.4])
    with left:
        settings = adam_settings()
        if st.session_state.get(PAGE_SETTINGS, settings) != settings:
            st.rerun()  # changed in this section's own rerun: the other sections use them too
        st.session_state[PAGE_SETTINGS] = settings
        beta1, beta2, eps, seed = settings
        stream = controls.select("adam_stream", "adam.stream", STREAMS, help_key="adam.stream_help")
        c1, c2 = st.columns(2)
        with c1:
            lr = controls.select("adam_lr", "adam.lr", LRS, "0.001")
        with c2:
            scale = controls.select("adam_scale", "adam.scale", SCALES, "1")
        steps = controls.slider("adam_steps", "adam.steps", 100, 500, 200, 50)
        noise, p = 1.0, 0.1
        if stream == "noisy":
            noise = controls.slider("adam_noise", "adam.noise", 0.0, 5.0, 1.0, 0.25)
        if stream == "sparse":
            p = controls.slider("adam_p", "adam.p", 0.01, 0.5, 0.1, 0.01)
        st.caption(t("adam.moments_caption"))
    numbers = map(float, (lr, beta1, beta2, eps, scale, noise, p))
    config = moments.MomentConfig(stream, int(steps), *numbers, seed)
    drawn, notices = moment_view(config, lang)
    step_chart, others = drawn[-1], drawn[:-1]  # the step sizes: the section's main chart
    right.container(key="adam_main_chart").altair_chart(step_chart)
    for column, chart in zip(st.columns(3), others, strict=True):
        column.altair_chart(chart)
    name = f"{config.stream}-b1_{config.beta1:g}-b2_{config.beta2:g}-{config.steps}steps"
    pinning.csv_button("adam_moments_csv", export.chart_table(*drawn), f"adam-moments-{name}.csv")
    notices_box(notices)
    controls.share_link()
    return settings


def path_table(found, drawn) -> pd.DataFrame:
    """The paths section's numbers: every point of every path (the surface chart's paths; its
    loss picture is the surface's formula), then the loss chart's curves."""
    walk = adam_charts.path_frame(found, lang)
    paths = walk.assign(chart=drawn[0].title)[["chart", *walk.columns]]
    return pd.concat([paths, export.chart_table(drawn[1])], ignore_index=True)


def path_compare(config: surfaces.PathConfig, found) -> None:
    """The pinned paths beside these: the settings that differ, both surfaces' paths."""
    pinned = pinning.pinned("adam_paths")
    if pinned is None:
        return
    pinned_config, pinned_found = pinned
    if not pinning.compare_heading(text.compare_parts(pinned_config, config), subheader=False):
        return
    both = (("common.this_run", config, found), ("common.pinned_run", pinned_config, pinned_found))
    for column, (key, c, f) in zip(st.columns(2), both, strict=True):
        title = t("adam.chart_surface_run", run=t(key))
        column.altair_chart(adam_charts.surface_chart(c.surface, f, lang, title=title))


@st.fragment
def path_section(beta1: float, beta2: float, eps: float) -> None:
    controls.redraw(*PATH_KEYS)
    st.subheader(t("adam.paths_heading"))
    st.caption(t("adam.paths_caption"))
    with st.container(border=True):
        c1, c2, c3 = st.columns(3)
        with c1:
            surface = controls.select("adam_surface", "adam.surface", SURFACES)
            steps = controls.slider("adam_psteps", "adam.path_steps", 10, 500, 150, 10)
        info = surfaces.SURFACE_INFO[surface]
        k = surface[0]  # each surface keeps its own start and rates: adam_bx ..., adam_rx ...
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
    rates = (lrs["sgd"], lrs["momentum"], lrs["adam"], 0.9)  # 0.9: the momentum mu
    config = surfaces.PathConfig(
        surface, (float(x), float(y)), int(steps), *rates, beta1, beta2, eps
    )
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
    with st.container(horizontal=True):
        pinning.csv_button("adam_paths_csv", path_table(found, drawn),
                           f"adam-paths-{config.surface}-{config.steps}steps.csv")  # fmt: skip
        pinning.pin_button("adam_paths", (config, found))
    path_compare(config, found)
    notices_box(notices)
    controls.share_link()


def race_compare(config: race.RaceConfig, found: race.Race) -> None:
    """The pinned race beside this one: the settings that differ, both races' loss curves."""
    pinned: race.Race | None = pinning.pinned("adam_race")
    if pinned is None:
        return
    if not pinning.compare_heading(text.compare_parts(pinned.config, config), subheader=False):
        return
    drawn = []
    both = (("common.this_run", found), ("common.pinned_run", pinned))
    y_domain = adam_charts.loss_domain(found.runs, pinned.runs)  # one loss axis for the two
    for column, (key, r) in zip(st.columns(2), both, strict=True):
        title = t("adam.chart_race_run", run=t(key))
        chart = adam_charts.race_charts(r.runs, r.config.steps, lang, title, y_domain)[0]
        drawn.append(chart)
        column.altair_chart(drawn[-1])
    pinning.csv_button("adam_race_compare_csv", export.chart_table(*drawn),
                       "adam-race-compare.csv")  # fmt: skip


def race_controls(beta1: float, beta2: float, eps: float, seed: int) -> race.RaceConfig:
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
    values = {"adam_lag": lag, "adam_rsteps": steps, "adam_lsgd": sgd, "adam_lmom": mom,
              "adam_ladam": adam, "adam_beta1": beta1, "adam_beta2": beta2, "adam_eps": eps,
              "adam_seed": seed}  # fmt: skip
    return compute.race_config(values)


@st.fragment
def race_section(beta1: float, beta2: float, eps: float, seed: int) -> None:
    controls.redraw(*RACE_KEYS)
    st.subheader(t("adam.race_heading"))
    config = race_controls(beta1, beta2, eps, seed)
    st.caption(t("adam.race_caption", lag=config.lag))
    spec = race.race_spec(config)
    clicked = shell.train_button()
    found = training.find(spec)
    if found is None and (clicked or spec in compute.shared_runs()):
        found = training.run(spec)
    if found is None:
        st.info(t("adam.press_train"), icon=":material/info:")
        controls.share_link()
        return
    for name, run in found.runs.items():
        if run.diverged is not None:
            sentence = training.diverged_sentence(run.diverged, model=run_label(name))
            st.warning(sentence, icon=":material/warning:")
    drawn, notices = race_view(config, lang, found)
    for column, chart in zip(st.columns(2), drawn, strict=True):
        column.altair_chart(chart)
    rows = race.race_table(found)
    table = {t(TABLE[k]): v for k, v in race.race_table_text(rows).items()}
    st.dataframe(pd.DataFrame(table, index=[run_label(n) for n in rows]))
    name = f"lag{config.lag}-seed{config.seed}-{config.steps}steps"
    with st.container(horizontal=True):
        pinning.csv_button("adam_race_csv", export.chart_table(*drawn), f"adam-race-{name}.csv")
        pinning.json_button("adam_race_json", found, f"adam-race-{name}.json",
                            help_key="adam.download_race_help")  # fmt: skip
        pinning.pin_button("adam_race", found)
    race_compare(config, found)
    notices_box(notices)
    controls.share_link()


lang = shell.page_setup("adam")
with shell.guard():
    shell.header("adam.intro")
    controls.preset_picker(compute.PRESETS)
    st.session_state.pop(PAGE_SETTINGS, None)  # a full run: the section takes them as drawn
    settings = moment_section()
    notation()
    path_section(*settings[:3])
    race_section(*settings)
    shell.notice_and_try([], TRIES)
controls.share_link()
