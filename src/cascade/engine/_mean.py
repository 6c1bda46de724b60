"""Group means under the missing-value policy: the one roll-up every level uses.

A *group* is the set of inputs of one result: the indicators of a goal, the goals of an
owner, the children of an indicator whose achievement is rolled up. Each input has a value
(NaN when missing) and a weight. The policy (``domain.md`` section 5) decides what a missing
input does: ``skip_if_any_missing`` makes the result missing, ``skip_if_all_missing`` averages
the values present, ``zero`` counts it as 0. A result also says how many inputs it used (had
a value) and how many were missing, whatever the policy.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from cascade.derive import Missing

__all__ = ["GroupMean", "group_mean"]


class GroupMean(NamedTuple):
    """Per group: the mean, how many inputs had a value, how many did not."""

    mean: np.ndarray
    counted: np.ndarray
    missing: np.ndarray


def group_mean(
    values: np.ndarray,
    weights: np.ndarray,
    group: np.ndarray,
    groups: int,
    missing: Missing,
) -> GroupMean:
    """Weighted mean of ``values`` per group, under the missing-value policy.

    Parameters
    ----------
    values, weights
        One per input; a NaN value is missing. Inputs with ``group`` -1 are ignored.
    group
        Each input's group, in ``[0, groups)``, or -1.
    groups
        The number of groups.
    missing
        The missing-value policy.

    Returns
    -------
    GroupMean
        ``mean`` is NaN for a group with no inputs, for one whose weights add up to 0, and
        (under ``skip_if_any_missing``) for one with a missing input.

    Examples
    --------
    >>> import numpy as np
    >>> v = np.array([80.0, np.nan, 100.0, 60.0])
    >>> g = np.array([0, 0, 1, 1])
    >>> w = np.ones(4)
    >>> group_mean(v, w, g, 3, "skip_if_any_missing").mean
    array([nan, 80., nan])
    >>> group_mean(v, w, g, 3, "skip_if_all_missing").mean
    array([80., 80., nan])
    >>> group_mean(v, w, g, 3, "zero").mean
    array([40., 80., nan])
    """
    keep = group >= 0
    group, values, weights = group[keep], values[keep], weights[keep]
    present = ~np.isnan(values)
    size = np.bincount(group, minlength=groups)
    counted = np.bincount(group, weights=present, minlength=groups).astype(np.int64)
    absent = size - counted
    use = np.ones_like(present) if missing == "zero" else present
    v = np.where(present, values, 0.0)
    w = np.where(use, weights, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        total = np.bincount(group, weights=w * v, minlength=groups)
        weight = np.bincount(group, weights=w, minlength=groups)
        mean = total / weight
    ok = (size > 0) & (weight != 0) & np.isfinite(mean)
    if missing == "skip_if_any_missing":
        ok &= absent == 0
    elif missing == "skip_if_all_missing":
        ok &= counted > 0
    return GroupMean(np.where(ok, mean, np.nan), counted, absent)
