"""The Adam lab's entry point for runs shared by every student, and its demos.

The lab computes in three modules (``moments``, ``surfaces``, ``race``); only the race trains, so
only the race is a shared run (``race.race_spec``, "adam.race"). ``shared_runs()`` lists the
race at the page's default settings and the race of every demo in ``PRESETS``;
``python -m lstm_viz.warm`` computes them before the server starts. ``race_config`` turns the
page's control values into the race's settings, so the page and ``shared_runs`` agree.
"""

from __future__ import annotations

from collections.abc import Mapping

from lstm_viz.labs.adam.race import RaceConfig, race_spec
from lstm_viz.runs import RunSpec

# Section 1's demos set every control their sentence depends on (stream, betas, eps, size).
MOMENTS = {"adam_stream": "constant", "adam_beta1": "0.9", "adam_lr": "0.001", "adam_steps": 200,
           "adam_eps": "1e-08", "adam_scale": "1"}  # fmt: skip
VALLEY = {
    "adam_rx": -1.5,
    "adam_ry": 2.5,
    "adam_rsgd": "0.01",
    "adam_rmom": "0.002",
    "adam_radam": "0.05",
}
# {catalogue key of the demo's name: {control key: value}}: values as the controls return them.
PRESETS = {
    "adam.preset_textbook": {**MOMENTS, "adam_beta2": "0.99"},
    "adam.preset_paper": {**MOMENTS, "adam_beta2": "0.999"},
    "adam.preset_sparse": {**MOMENTS, "adam_stream": "sparse", "adam_p": 0.05, "adam_steps": 500,
                           "adam_beta2": "0.999"},
    "adam.preset_valley": {"adam_surface": "rosenbrock", "adam_beta1": "0.9", "adam_beta2": "0.999",
                           "adam_psteps": 150, **VALLEY},
}  # fmt: skip

RACE = RaceConfig()
# The race's control keys and the RaceConfig field each sets (a missing key: the default).
RACE_CONTROLS = {
    "adam_lag": ("lag", int),
    "adam_rsteps": ("steps", int),
    "adam_lsgd": ("sgd_lr", float),
    "adam_lmom": ("momentum_lr", float),
    "adam_ladam": ("adam_lr", float),
    "adam_beta1": ("beta1", float),
    "adam_beta2": ("beta2", float),
    "adam_eps": ("eps", float),
    "adam_seed": ("seed", int),
}


def race_config(controls: Mapping[str, object]) -> RaceConfig:
    """The race the page trains for these control values (keys of ``RACE_CONTROLS``)."""
    given = {
        field: kind(controls[key])
        for key, (field, kind) in RACE_CONTROLS.items()
        if key in controls
    }
    return RaceConfig(**given)


def shared_runs() -> list[RunSpec]:
    """The default race and every demo's race, each once."""
    configs = [RACE] + [race_config(values) for values in PRESETS.values()]
    return [race_spec(config) for config in dict.fromkeys(configs)]
