"""The gradients page's claims: rho^k through time, tanh below the rho^k line, the LSTM's cell
path surviving with a large forget bias, the Jacobian norm, overflow reporting, clipping, and the
two training stories (the LSTM learns the memory task where the RNN stays near chance; clipping
keeps an exploding run finite)."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from lstm_viz.labs.gradients import compute as G
from lstm_viz.nn import gru, lstm, model, optim, rnn
from lstm_viz.nn.train import Divergence, TrainHistory, TrainOutcome

CHANCE = 1 / G.N_SYMBOLS


def profile(**kw) -> G.GradientProfile:
    return G.gradient_profile(G.ProfileConfig(**kw))


@pytest.mark.parametrize("cell", model.CELLS)
@pytest.mark.parametrize("scale", [0.5, 1.5, 3.0])
def test_spectral_radius_of_every_recurrent_block_is_the_scale(cell, scale):
    cfg = G.profile_model_config(G.ProfileConfig(hidden_size=12, recurrent_scale=scale), cell)
    params = model.init_model(cfg, seed=3)
    blocks = G.recurrent_blocks(cfg, params)
    assert len(blocks) == {"rnn": 1, "lstm": 4, "gru": 3}[cell]
    for W in blocks:
        assert np.abs(np.linalg.eigvals(W)).max() == pytest.approx(scale, rel=1e-9)


@pytest.mark.parametrize("scale", [0.9, 1.5])
def test_linear_rnn_gradient_is_exactly_rho_to_the_k(scale):
    p = profile(length=60, recurrent_scale=scale, activation="linear")
    rnn = p.cells["rnn"]
    k = np.arange(60)[::-1]
    np.testing.assert_allclose(rnn.dh, rnn.dh[-1] * scale**k, rtol=1e-9)
    np.testing.assert_allclose(p.rho_line, rnn.dh, rtol=1e-9)
    assert G.per_step_factor(rnn.dh) == pytest.approx(scale, rel=1e-9)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("scale", [0.9, 1.0, 1.5])
def test_tanh_and_relu_rnn_stay_on_or_below_the_rho_k_line(activation, scale):
    p = profile(length=80, recurrent_scale=scale, activation=activation)
    dh = p.cells["rnn"].dh
    assert np.all(dh <= p.rho_line * (1 + 1e-9))
    assert dh[0] < 0.5 * p.rho_line[0]  # strictly faster: phi' < 1 on most units


def test_tanh_rnn_with_scale_below_one_vanishes_geometrically_faster_than_rho():
    dh = profile(length=100, recurrent_scale=0.9).cells["rnn"].dh
    factor = G.per_step_factor(dh)
    assert 0.7 < factor < 0.9  # measured 0.80 per step for the default seed
    # geometric: log ||dL/dh_t|| lies close to the fitted line
    k = np.arange(100)[::-1]
    residual = np.log(dh) - (np.log(dh[-1]) + k * np.log(factor))
    assert np.abs(residual[:-1]).max() < 2.0  # within a factor e^2 over 99 steps (~ 1e-10 span)
    assert dh[0] / dh[-1] < 1e-8


@pytest.mark.parametrize("scale", [0.9, 1.0])
def test_lstm_cell_gradient_decays_far_slower_with_a_large_forget_bias(scale):
    p = profile(length=100, recurrent_scale=scale, forget_bias=3.0)
    r, m = p.cells["rnn"], p.cells["lstm"]
    assert m.dc[0] / m.dc[-1] > 1e6 * (r.dh[0] / r.dh[-1])
    assert G.per_step_factor(m.dc) > 0.97 > 0.9 > G.per_step_factor(r.dh)


def test_larger_forget_bias_keeps_more_of_the_cell_gradient():
    factors = [
        G.per_step_factor(profile(length=100, forget_bias=b).cells["lstm"].dc)
        for b in (-1.0, 0.0, 1.0, 3.0)
    ]
    assert factors == sorted(factors)
    assert factors[0] < 0.6 and factors[-1] > 0.97  # measured 0.51, 0.73, 0.94, 1.05


def finite_difference_jacobian_norm(cell: str, t: int, eps: float = 1e-6) -> float:
    """||dh_{T-1}/dh_t||_F by restarting the layer at step t + 1 from a perturbed h_t (the
    LSTM's c_t held fixed), independently of any backward pass."""
    cfg = G.profile_model_config(G.ProfileConfig(hidden_size=3, recurrent_scale=1.2), cell)
    params = model.init_model(cfg, seed=5)
    x = np.random.default_rng(1).standard_normal((1, 7, cfg.input_size))
    trace = model.layer_forward(cfg, params, x)
    cell_params = {k[5:]: v for k, v in params.items() if k.startswith("cell.")}
    h_t = trace.h[:, t]
    rows = []
    for j in range(3):
        ends = []
        for sign in (1, -1):
            h0 = h_t + sign * eps * np.eye(3)[j]
            if cell == "lstm":
                tr = lstm.lstm_forward(cell_params, x[:, t + 1 :], h0=h0, c0=trace.c[:, t])
            elif cell == "gru":
                tr = gru.gru_forward(cell_params, x[:, t + 1 :], h0=h0)
            else:
                tr = rnn.rnn_forward(cell_params, x[:, t + 1 :], h0=h0)
            ends.append(tr.h[0, -1])
        rows.append((ends[0] - ends[1]) / (2 * eps))  # column j of dh_{T-1}/dh_t
    ours = G.jacobian_norms(cfg, params, x)[t]
    return float(np.linalg.norm(np.array(rows))), float(ours)


@pytest.mark.parametrize("cell", model.CELLS)
@pytest.mark.parametrize("t", [0, 3, 5])
def test_jacobian_norm_matches_finite_differences(cell, t):
    numeric, ours = finite_difference_jacobian_norm(cell, t)
    assert ours == pytest.approx(numeric, rel=1e-6)


@pytest.mark.parametrize("cell", model.CELLS)
def test_jacobian_of_the_last_state_with_itself_is_the_identity(cell):
    p = profile(length=10, hidden_size=5)
    assert p.cells[cell].jacobian[-1] == pytest.approx(math.sqrt(5), rel=1e-12)


def test_linear_rnn_jacobian_norm_is_sqrt_h_times_rho_to_the_k():
    p = profile(length=30, hidden_size=6, recurrent_scale=1.3, activation="linear")
    k = np.arange(30)[::-1]
    np.testing.assert_allclose(p.cells["rnn"].jacobian, math.sqrt(6) * 1.3**k, rtol=1e-9)


def test_norms_do_not_overflow_before_the_gradient_does():
    """3^499 * 0.12 = 1e237 fits in float64, though its square does not."""
    p = profile(length=500, recurrent_scale=3.0, activation="linear")
    dh = p.cells["rnn"].dh
    assert np.isfinite(dh).all()
    np.testing.assert_allclose(dh, p.rho_line, rtol=1e-9)
    big = np.array([[3e200, 4e200], [0.0, 0.0]])
    np.testing.assert_allclose(G.vector_norms(big), [5e200, 0.0], rtol=1e-15)


def test_gradient_overflows_to_infinity_with_a_finite_loss():
    p = profile(length=500, recurrent_scale=6.0, activation="relu")
    r = p.cells["rnn"]
    assert np.isfinite(r.loss) and r.forward_overflow is None
    t, kind = G.first_nonfinite(r.dh)
    assert kind == "inf" and 0 < t < 499
    assert not np.isfinite(r.dh[: t + 1]).any()  # inf, then NaN (inf * 0) further back
    assert np.isfinite(r.dh[t + 1 :]).all()
    assert np.isinf(p.rho_line[t])  # consistent with the bound ||dL/dh_t|| <= rho^k line


def test_forward_overflow_makes_the_loss_and_every_gradient_nan():
    r = profile(length=500, recurrent_scale=5.0, activation="linear").cells["rnn"]
    assert math.isnan(r.loss)
    assert G.first_nonfinite(r.dh) == (499, "nan")
    # h_t grows as 5^t: it passes the float64 maximum (e^709.78) near t = 709.78 / ln 5 = 441
    assert abs(r.forward_overflow - 441) <= 3


def test_first_nonfinite_is_none_for_finite_norms_and_finds_the_latest_bad_step():
    assert G.first_nonfinite(np.array([1e-300, 0.0, 5.0])) is None
    assert G.first_nonfinite(np.array([np.nan, np.inf, 2.0, 1.0])) == (1, "inf")


def test_log_scale_values_floor_zeros_and_drop_nonfinite():
    shown = G.for_log_scale(np.array([0.0, 1e-40, 2e-3, np.inf, np.nan]))
    np.testing.assert_array_equal(shown[:3], [G.FLOOR, G.FLOOR, 2e-3])
    assert np.isnan(shown[3:]).all()


@pytest.mark.parametrize("ratio", [0.8, 1.25])
def test_per_step_factor_recovers_a_geometric_ratio_and_ignores_zeros(ratio):
    norms = 3.0 * ratio ** np.arange(40)[::-1]
    assert G.per_step_factor(norms) == pytest.approx(ratio, rel=1e-12)
    norms[:5] = 0.0  # underflowed steps carry no slope
    assert G.per_step_factor(norms) == pytest.approx(ratio, rel=1e-12)
    assert math.isnan(G.per_step_factor(np.zeros(10)))


@pytest.mark.parametrize("cell", model.CELLS)
def test_clipping_scales_every_step_gradient_by_one_factor(cell):
    """Gradients are linear in the loss gradient, so scaling the parameter gradient by the clip
    factor is the same as scaling every dL/dh_t: the curve's shape does not change."""
    cfg = G.profile_model_config(G.ProfileConfig(hidden_size=6, recurrent_scale=1.5), cell)
    params = model.init_model(cfg, seed=0)
    x = np.random.default_rng(0).standard_normal((2, 20, cfg.input_size))
    trace = model.layer_forward(cfg, params, x)
    d_out = np.random.default_rng(1).standard_normal((2, 6))
    full = model.layer_backward(cfg, params, trace, d_out=d_out)
    norm = optim.global_norm(full.params)
    s = G.clip_factor(norm, 0.1 * norm)
    assert s == pytest.approx(0.1)
    scaled = model.layer_backward(cfg, params, trace, d_out=s * d_out)
    np.testing.assert_allclose(scaled.dh, s * full.dh, rtol=1e-12, atol=1e-300)
    clipped, _ = optim.clip_by_global_norm(full.params, 0.1 * norm)
    for k in clipped:
        np.testing.assert_allclose(scaled.params[k], clipped[k], rtol=1e-10)


def test_clip_factor_is_one_below_the_threshold_and_for_nonfinite_norms():
    assert G.clip_factor(0.5, 1.0) == 1.0
    assert G.clip_factor(np.inf, 1.0) == 1.0
    assert G.clip_factor(4.0, None) == 1.0
    assert G.clip_factor(4.0, 1.0) == 0.25


def test_profile_is_deterministic_for_a_seed_and_changes_with_it():
    a, b, c = profile(seed=4), profile(seed=4), profile(seed=5)
    for cell in model.CELLS:
        np.testing.assert_array_equal(a.cells[cell].dh, b.cells[cell].dh)
        assert not np.allclose(a.cells[cell].dh, c.cells[cell].dh)


def test_bad_profile_settings_raise_one_clear_sentence():
    with pytest.raises(ValueError, match="length"):
        G.ProfileConfig(length=1)
    with pytest.raises(ValueError, match="activation"):
        G.ProfileConfig(activation="sigmoid")


@pytest.fixture(scope="module")
def memory_default():
    return G.memory_runs(G.MemoryConfig())


def test_both_gated_networks_learn_the_default_memory_task_and_the_rnn_stays_near_chance(
    memory_default,
):
    """Seed 0 (the other seeds: tests/test_gradients_claims.py). The GRU's update-gate bias gets
    the same value as the LSTM's forget-gate bias: with b_z = 0 it stayed at chance."""
    final = {cell: out.history.val_accuracy[-1] for cell, out in memory_default.items()}
    # measured for seed 0: LSTM 1.00, GRU 1.00, RNN 0.24 (chance 0.25)
    assert final["lstm"] >= 0.95
    assert final["gru"] >= 0.95
    assert final["rnn"] <= CHANCE + 0.1
    assert not any(out.diverged for out in memory_default.values())


def test_the_memory_task_gives_the_gru_the_same_keep_bias_as_the_lstm():
    cfg = G.MemoryConfig(forget_bias=4.0)
    params = {c: model.init_model(G.memory_model_config(cfg, c), 0) for c in ("lstm", "gru")}
    H = cfg.hidden_size
    np.testing.assert_array_equal(params["lstm"]["cell.b"][H : 2 * H], 4.0)  # b_f (i, f, ...)
    np.testing.assert_array_equal(params["gru"]["cell.b"][:H], 4.0)  # b_z (z, r, n)
    np.testing.assert_array_equal(params["gru"]["cell.b"][H:], 0.0)


def test_memory_run_records_one_gradient_profile_per_training_step(memory_default):
    cfg = G.MemoryConfig()
    for out in memory_default.values():
        assert np.array(out.history.dh_norms).shape == (cfg.steps, cfg.lag + 1)
        assert out.history.val_step == list(range(cfg.eval_every, cfg.steps + 1, cfg.eval_every))


def test_rnn_gradient_never_reaches_the_first_symbol_while_the_lstm_gradient_does(memory_default):
    r = G.reach(np.array(memory_default["rnn"].history.dh_norms))  # (steps,)
    m = G.reach(np.array(memory_default["lstm"].history.dh_norms))
    assert r.max() < 1e-3  # at every training step; measured max 7.7e-4, median 3.7e-6
    assert np.median(m[:10]) > 0.1  # from the start of training; measured 1.2
    assert np.median(m) > 1e3 * np.median(r)  # measured 0.015 against 3.7e-6


def test_memory_runs_report_progress_across_the_three_trainings():
    cfg = G.MemoryConfig(lag=5, steps=6, n_train=64, n_val=16, eval_every=3)
    seen = []
    runs = G.memory_runs(cfg, lambda step, loss, accuracy: seen.append(step))
    assert seen == list(range(1, 3 * cfg.steps + 1))  # one bar over RNN, LSTM, GRU
    assert list(runs) == list(model.CELLS)


def test_a_diverged_run_keeps_its_history_in_the_outcome_record():
    out = G.exploding_runs(G.ExplodingConfig(recurrent_scale=3.0, steps=10))
    unclipped, clipped = out["unclipped"], out["clipped"]
    assert unclipped.diverged == Divergence(2, "loss")  # measured at seeds 0-9
    assert len(unclipped.history.loss) == unclipped.diverged.step - 1  # the steps before it
    assert clipped.diverged is None and len(clipped.history.loss) == 10


def test_specs_name_their_lab_and_count_every_step():
    memory, exploding = G.memory_spec(G.MemoryConfig()), G.exploding_spec(G.ExplodingConfig())
    assert (memory.name, memory.steps) == ("gradients.memory", 3 * G.MemoryConfig().steps)
    assert (exploding.name, exploding.steps) == ("gradients.exploding", 2 * 100)
    assert memory == G.memory_spec(G.MemoryConfig())  # same settings, same key
    assert memory in G.shared_runs() and exploding in G.shared_runs()
    assert G.exploding_spec(G.CLIPPING_DEMO) in G.shared_runs()


def test_training_heatmap_keeps_the_first_and_last_steps_and_at_most_max_rows():
    norms = [np.full(7, float(s)) for s in range(1, 301)]  # row s holds the value s
    grid, steps = G.training_heatmap(norms, max_rows=60)
    assert grid.shape == (60, 7) and steps[0] == 1 and steps[-1] == 300
    np.testing.assert_array_equal(grid[:, 0], steps)  # each row is the recorded step's
    assert np.all(np.diff(steps) > 0)
    grid, steps = G.training_heatmap(norms[:20], max_rows=60)
    np.testing.assert_array_equal(steps, np.arange(1, 21))
    assert G.training_heatmap([], max_rows=60)[0].shape == (0, 0)


def test_heatmap_row_is_the_shown_row_nearest_to_the_training_step():
    norms = [np.full(7, float(s)) for s in range(1, 301)]
    grid, steps = G.training_heatmap(norms, max_rows=60)
    for step in (1, 150, 152, 300):
        row = G.heatmap_row(norms, step)
        assert abs(steps[row] - step) == np.abs(steps - step).min()
    assert grid[G.heatmap_row(norms, 300), 0] == 300.0
    assert G.heatmap_row([], 5) is None


def test_step_view_is_the_history_of_that_step_and_none_past_a_divergence():
    out = G.exploding_runs(G.ExplodingConfig(recurrent_scale=3.0, steps=10))["unclipped"]
    assert G.step_view(out, 1) is None  # the exploding run records no dL/dh_t
    history = TrainHistory(loss=[0.9, 0.5], dh_norms=[np.array([1e-3, 0.5, 2.0]), np.ones(3)])
    recorded = TrainOutcome({}, history, Divergence(3, "loss"))
    view = G.step_view(recorded, 1)
    assert (view.step, view.loss) == (1, 0.9)
    np.testing.assert_array_equal(view.dh, [1e-3, 0.5, 2.0])
    assert view.reach == 1e-3 / 2.0
    assert G.step_view(recorded, 3) is None and G.step_view(recorded, 0) is None
    assert G.recorded_steps({"rnn": recorded, "lstm": out}) == 2
    steps, reached = G.reach_curves({"rnn": recorded, "lstm": out})["rnn"]
    np.testing.assert_array_equal(steps, [1, 2])
    np.testing.assert_array_equal(reached, [5e-4, 1.0])


def test_reach_is_the_first_step_over_the_last():
    np.testing.assert_allclose(G.reach(np.array([[1e-6, 0.5, 2.0], [3.0, 1.0, 1.5]])), [5e-7, 2.0])


def test_compute_module_does_not_import_streamlit():
    code = "import sys, lstm_viz.labs.gradients.compute; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------ what the page reads


def outcome(
    val_accuracy=(), dh_norms=(), grad_norm=(), clipped=(), diverged_step=None, what=None
) -> TrainOutcome:
    """A hand-made run: the page's summaries read nothing but these lists."""
    history = TrainHistory(
        step=list(range(1, len(grad_norm) + 1)),
        loss=[1.0] * len(grad_norm),
        grad_norm=list(grad_norm),
        clipped=list(clipped),
        val_step=[10 * (k + 1) for k in range(len(val_accuracy))],
        val_accuracy=list(val_accuracy),
        dh_norms=[np.asarray(row, float) for row in dh_norms],
    )
    diverged = None if diverged_step is None else Divergence(diverged_step, what or "loss")
    return TrainOutcome({}, history, diverged)


@pytest.mark.parametrize("scale", [0.8, 1.3])
def test_linear_rnn_metrics_are_rho_per_step_and_rho_to_the_t_minus_1_overall(scale):
    factors = G.step_factors(profile(length=40, recurrent_scale=scale, activation="linear"))
    reach = G.path_reach(profile(length=40, recurrent_scale=scale, activation="linear"))
    assert factors["rnn"] == pytest.approx(scale, rel=1e-9)
    assert reach["rnn"] == pytest.approx(scale**39, rel=1e-9)


def test_lstm_metrics_follow_the_cell_path_not_h():
    """The page's LSTM numbers are of dL/dc_t (the path the forget gate guards): with forget
    bias 3 its gradient at t = 0 is larger than at the loss, where the RNN keeps < 1e-6."""
    p = profile(length=100, forget_bias=3.0)
    lstm_cell = p.cells["lstm"]
    assert G.step_factors(p)["lstm"] == pytest.approx(G.per_step_factor(lstm_cell.dc))
    assert G.path_reach(p)["lstm"] == pytest.approx(lstm_cell.dc[0] / lstm_cell.dc[-1])
    assert G.path_reach(p)["lstm"] > 1 > 1e-6 > G.path_reach(p)["rnn"]  # measured 61, 5.8e-7


def test_no_overflow_is_reported_for_the_default_profile():
    assert G.overflows(profile()) == []


@pytest.mark.parametrize(
    ("kw", "kind"),
    [
        ({"recurrent_scale": 5.0, "activation": "linear"}, "forward"),
        ({"recurrent_scale": 6.0, "activation": "relu"}, "gradient"),
    ],
)
def test_overflow_names_the_rnn_its_kind_and_its_step(kw, kind):
    p = profile(length=500, **kw)
    (found,) = G.overflows(p)
    r = p.cells["rnn"]
    step = r.forward_overflow if kind == "forward" else G.first_nonfinite(r.dh)[0]
    assert (found.cell, found.kind, found.step, found.lag) == ("rnn", kind, step, 499 - step)
    assert np.isfinite(p.cells["lstm"].dc).all() and np.isfinite(p.cells["gru"].dh).all()


def test_clip_table_caps_every_norm_at_the_threshold_and_leaves_smaller_ones():
    table = G.clip_table(profile(), 1.0)
    assert list(table) == ["rnn", "lstm", "gru"]
    norm, factor, after = table["rnn"]
    assert norm > 1.0 and after == pytest.approx(1.0) and factor == pytest.approx(1 / norm)
    for cell in ("lstm", "gru"):  # measured 0.32 and 0.32
        norm, factor, after = table[cell]
        assert norm < 1.0 and factor == 1.0 and after == norm


def test_final_accuracy_is_the_last_evaluation_in_percent_or_nan():
    assert G.final_accuracy(outcome(val_accuracy=[0.25, 0.5, 0.975])) == pytest.approx(97.5)
    assert math.isnan(G.final_accuracy(outcome()))


def test_median_reach_is_the_median_over_training_steps_of_first_over_last():
    rows = [[1e-6, 1.0, 1.0], [3.0, 2.0, 1.0], [2e-2, 5.0, 2.0]]  # reach 1e-6, 3, 1e-2
    assert G.median_reach(outcome(dh_norms=rows)) == pytest.approx(1e-2)
    assert math.isnan(G.median_reach(outcome()))


def test_log_domain_spans_the_finite_positive_values_of_every_grid():
    grids = [np.array([[0.0, 1e-3], [np.nan, 4.0]]), np.array([[np.inf, 2e-5, -1.0]])]
    assert G.log_domain(grids) == (2e-5, 4.0)
    assert G.log_domain([np.array([1e-40, 1e-35])]) == (G.FLOOR, G.FLOOR)
    assert G.log_domain([np.zeros((2, 2))]) is None
    assert G.log_domain([]) is None


def test_accuracy_and_run_curves_pair_each_value_with_its_step():
    runs = {"rnn": outcome(val_accuracy=[0.25, 0.5]), "lstm": outcome(val_accuracy=[1.0])}
    curves = G.accuracy_curves(runs)
    np.testing.assert_array_equal(curves["rnn"][0], [10, 20])
    np.testing.assert_allclose(curves["rnn"][1], [25.0, 50.0])
    np.testing.assert_allclose(curves["lstm"][1], [100.0])
    norms = G.run_curves({"clipped": outcome(grad_norm=[3.0, 0.5, 7.0])}, "grad_norm")
    np.testing.assert_array_equal(norms["clipped"][0], [1, 2, 3])
    np.testing.assert_array_equal(norms["clipped"][1], [3.0, 0.5, 7.0])


@pytest.mark.parametrize(
    ("unclipped_diverged", "clipped_diverged", "story", "max_norm"),
    [
        (True, False, "exploded", 40.0),  # the diverged run's 1e30 does not count
        (False, False, "no_explosion", 1e30),
        (True, True, "both_diverged", None),
        (False, True, "clipped_diverged", 1e30),
    ],
)
def test_exploding_summary_tells_which_run_diverged_and_the_largest_finished_norm(
    unclipped_diverged, clipped_diverged, story, max_norm
):
    runs = {
        "unclipped": outcome(grad_norm=[2.0, 1e30], diverged_step=3 if unclipped_diverged else None,
                             what="loss" if unclipped_diverged else None),
        "clipped": outcome(grad_norm=[2.0, 40.0, 0.5, 9.0], clipped=[True, True, False, True],
                           diverged_step=5 if clipped_diverged else None),
    }  # fmt: skip
    s = G.summarize_exploding(runs)
    assert s.story == story
    assert s.clipped_percent == pytest.approx(75.0)
    if max_norm is None:
        assert math.isnan(s.max_norm)
    else:
        assert s.max_norm == max_norm
    assert s.diverged == (Divergence(3, "loss") if unclipped_diverged else None)
