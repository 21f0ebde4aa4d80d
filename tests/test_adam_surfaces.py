"""The optimizers' paths on the 2-D loss surfaces (lstm_viz/labs/adam/surfaces.py), and the surface
section's "what to notice" sentences on the Adam page."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from lstm_viz.labs.adam import RUNS, surfaces
from lstm_viz.labs.adam.surfaces import PathConfig


@pytest.mark.parametrize("surface", surfaces.SURFACES)
@pytest.mark.parametrize("point", [(-1.3, 0.7), (0.4, 2.2), (1.5, -0.8)])
def test_surface_gradient_matches_finite_differences(surface, point):
    x, y, h = *point, 1e-6
    f = lambda x, y: surfaces.surface_loss(surface, x, y)  # noqa: E731
    gx, gy = surfaces.surface_grad(surface, x, y)
    fx, fy = (f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)
    np.testing.assert_allclose([gx, gy], [fx, fy], rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("surface", surfaces.SURFACES)
def test_surface_minimum_has_zero_loss_and_lies_in_the_drawing(surface):
    info = surfaces.SURFACE_INFO[surface]
    assert surfaces.surface_loss(surface, *info.minimum) == 0.0
    grid = surfaces.loss_grid(surface, 40)
    assert grid.loss.shape == (40, 40) and grid.loss.min() >= 0
    (x0, x1), (y0, y1) = info.extent
    assert x0 < grid.x[0] < grid.x[-1] < x1 and y0 < grid.y[0] < grid.y[-1] < y1
    assert grid.loss[3, 5] == surfaces.surface_loss(surface, grid.x[5], grid.y[3])


@pytest.mark.parametrize("surface", surfaces.SURFACES)
def test_default_paths_stay_in_the_drawing_and_adam_and_momentum_reach_the_minimum(surface):
    paths = surfaces.compare_paths(PathConfig(surface))
    assert list(paths) == list(RUNS)
    for path in paths.values():
        np.testing.assert_array_equal(path.xy[0], surfaces.SURFACE_INFO[surface].start)
        assert path.stopped_at is None and path.left_at is None and len(path.xy) == 151
    for name in ("momentum", "adam", "adam_uncorrected"):
        assert paths[name].loss[-1] < 0.01 * paths[name].loss[0]


def test_sgd_crawls_along_the_valley_floor_because_its_lr_is_capped_by_the_walls():
    paths = surfaces.compare_paths(PathConfig("rosenbrock"))
    assert paths["sgd"].loss[-1] > 10 * paths["adam"].loss[-1]
    assert paths["sgd"].loss[-1] > 0.1  # still far from the minimum after 150 steps
    # Doubling its lr does not help: the steep walls make it blow up.
    assert surfaces.compare_paths(PathConfig("rosenbrock", sgd_lr=0.02))["sgd"].stopped_at


@pytest.mark.parametrize("surface", surfaces.SURFACES)
def test_adams_first_step_moves_each_coordinate_by_lr_and_uncorrected_by_3_16_lr(surface):
    paths = surfaces.compare_paths(PathConfig(surface, adam_lr=0.05))
    np.testing.assert_allclose(np.abs(np.diff(paths["adam"].xy[:2], axis=0)), 0.05, rtol=1e-6)
    uncorrected = np.abs(np.diff(paths["adam_uncorrected"].xy[:2], axis=0))
    np.testing.assert_allclose(uncorrected, 0.05 * 0.1 / np.sqrt(0.001), rtol=1e-6)


def test_sgd_zigzags_across_the_bowl_while_adam_heads_diagonally():
    paths = surfaces.compare_paths(PathConfig("bowl"))
    y = paths["sgd"].xy[:9, 1]
    assert np.all(np.sign(y[1:]) == -np.sign(y[:-1]))  # lr 0.08 > 1 / KAPPA: y flips each step
    assert surfaces.sign_flips(paths["sgd"], axis=1, k=8) == 8
    assert surfaces.surface_grad("bowl", 1.0, 1.0) == (1.0, 20.0)  # y is 20 times steeper
    assert surfaces.sign_flips(paths["adam"], axis=1, k=8) == 0
    step = np.diff(paths["adam"].xy[:2], axis=0)[0]
    assert abs(step[0]) == pytest.approx(abs(step[1]))  # a 45 degree first step
    sgd = np.diff(paths["sgd"].xy[:2], axis=0)[0]
    assert abs(sgd[1]) > 5 * abs(sgd[0])  # SGD's first step is mostly along steep y


@pytest.mark.parametrize("surface", surfaces.SURFACES)
def test_a_blown_up_path_stops_with_finite_points(surface):
    paths = surfaces.compare_paths(PathConfig(surface, steps=300, sgd_lr=10.0, adam_lr=10.0))
    sgd = paths["sgd"]
    assert sgd.stopped_at is not None and sgd.stopped_at <= 10 and sgd.left_at == 1
    assert np.isfinite(sgd.xy).all() and np.isfinite(sgd.loss).all()
    assert len(sgd.xy) == sgd.stopped_at  # the start and every kept step before the blow-up
    adam = paths["adam"]  # Adam's steps stay near lr: it wanders but never blows up
    assert adam.stopped_at is None and len(adam.xy) == 301


def test_surfaces_module_does_not_import_streamlit():
    code = "import sys, lstm_viz.labs.adam.surfaces; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
