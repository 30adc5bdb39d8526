"""Shared test helpers: seeded random classification data with 2-5 groups."""

import numpy as np
import pandas as pd
import pytest


def make_random_data(seed: int, n: int = 600, n_groups: int = 3, weights: bool = False):
    """Labels, predictions, groups (and weights) in which every group has every cell."""
    rng = np.random.default_rng(seed)
    groups = rng.choice([f"g{i}" for i in range(n_groups)], size=n)
    # Each group gets its own base rate and selection rate, so groups really differ.
    base = dict(zip(np.unique(groups), rng.uniform(0.2, 0.8, n_groups), strict=True))
    y_true = (rng.random(n) < pd.Series(groups).map(base).to_numpy()).astype(int)
    score = 0.6 * y_true + 0.7 * rng.random(n)
    y_pred = (score > 0.6).astype(int)
    sample_weight = rng.integers(1, 5, size=n).astype(float) if weights else None
    return y_true, y_pred, groups, sample_weight


@pytest.fixture(params=[(0, 2), (1, 3), (2, 4), (3, 5)], ids=lambda p: f"seed{p[0]}-groups{p[1]}")
def random_data(request):
    seed, n_groups = request.param
    return make_random_data(seed, n_groups=n_groups)


@pytest.fixture(params=[(10, 2), (11, 3), (12, 5)], ids=lambda p: f"seed{p[0]}-groups{p[1]}")
def weighted_data(request):
    seed, n_groups = request.param
    return make_random_data(seed, n_groups=n_groups, weights=True)
