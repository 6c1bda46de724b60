"""Benchmark ``cascade.propagate`` at province scale, against a bare numpy floor.

Run ``python benchmarks/bench_propagate.py`` (default sizes: 10k, 100k and 1M indicators;
``--indicators 1000000`` for one size). The cascade is the province of
``bench_foundation.province``, made to exercise every path of the engine: indicators above
the employees aggregate their carrier children by ``mean`` and report nothing of their own (so
their realisation is derived), and the pemda's indicator has neither realisation nor
aggregation (so its achievement is rolled up). It times, per size and in its own process:

- ``propagate (cold)``: the first call on a cascade whose trees and id index are built (as
  after ``cascade.check`` or any navigation), including the derived realisations;
- ``propagate (warm)``: the median of three more calls;
- the *floor*: a bare numpy bottom-up mean of the realisations over the same indicator tree,
  one ``bincount`` per level, with the levels precomputed: what any columnar engine must at
  least do;

and reports the ratio and the peak resident memory. Results are printed and written to
``benchmarks/results/propagate.json`` with the core count and the library version.
"""

from __future__ import annotations

import resource
import statistics
import time

import numpy as np
import pandas as pd
from bench_foundation import drive, province  # this folder is on sys.path as a script

import cascade
from cascade import Cascade


def tables(n: int) -> dict[str, pd.DataFrame]:
    t = province(n)
    ind = t["indicators"]
    has_children = ind["indicator_id"].isin(ind["parent_indicator_id"].dropna())
    ind["aggregation"] = np.where(has_children, "mean", "none")
    ind.loc[0, "aggregation"] = "none"  # the pemda's: rolled up from its children
    keep = ~t["realisations"]["indicator_id"].isin(ind.loc[has_children, "indicator_id"])
    t["realisations"] = t["realisations"][keep].reset_index(drop=True)
    return t


def floor(c: Cascade) -> float:
    """Seconds for a bare numpy bottom-up mean over the indicator tree (levels precomputed)."""
    tree = c._trees["indicator"]
    parent, depth = tree.parent, tree.depth
    rows = c._index.rows("realisations", "indicator_id")
    value = np.full(len(parent), np.nan)
    value[rows] = c.realisations["value"].to_numpy(dtype=np.float64)
    order = np.argsort(depth, kind="stable")
    levels = np.split(order, np.flatnonzero(np.diff(depth[order])) + 1)
    start = time.perf_counter()
    for level in reversed(levels[1:]):
        p = parent[level]
        total = np.bincount(p, weights=value[level], minlength=len(parent))
        count = np.bincount(p, minlength=len(parent))
        has = count > 0
        value[has] = np.where(np.isnan(value[has]), total[has] / count[has], value[has])
    return time.perf_counter() - start


def run_one(n: int) -> dict[str, float | int]:
    c = Cascade(**tables(n))
    _ = c._trees, c._index.rows("targets", "indicator_id")
    start = time.perf_counter()
    results = cascade.propagate(c, as_of="2024")
    cold = time.perf_counter() - start
    warm = []
    for _ in range(3):
        start = time.perf_counter()
        cascade.propagate(c, as_of="2024")
        warm.append(time.perf_counter() - start)
    floor_s = min(floor(c) for _ in range(3))
    sources = results.indicators["achievement_source"].value_counts()
    return {
        "indicators": len(c),
        "goals": len(c.goals),
        "units": len(c.units),
        "propagate_cold_s": cold,
        "propagate_warm_s": statistics.median(warm),
        "floor_s": floor_s,
        "ratio_warm_to_floor": statistics.median(warm) / floor_s,
        "rolled_up": int(sources.get("rolled_up", 0)),
        "derived": int((results.indicators["realisation_source"] == "derived").sum()),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    drive(__file__, __doc__ or "", run_one, "propagate.json")


if __name__ == "__main__":
    main()
