"""Benchmark the whole library on synthetic cascades, from a city to a province.

Run ``python benchmarks/run.py`` (default: about 10k, 50k, 100k and 1M indicators),
``--sizes 10000 100000`` for other sizes, ``--size N`` for one, or ``--quick`` for 10k and 50k.
Each cascade is :func:`cascade.datasets.synthetic` (about three indicators per employee, so
``employees = N / 3``; the table shows the actual count). Per size, in two fresh processes:

1. *build*: build the cascade; write it as a CSV folder and read it back (asserting equality);
   at the smallest size also an xlsx workbook; then the two references on the same indicator
   tree: the *floor*, a bare numpy bottom-up mean of the realisations (one ``np.bincount`` per
   level, levels precomputed, as ``floor()`` in ``bench_propagate.py``), and the *naive*
   approach, a ``networkx.DiGraph`` of the indicators and a Python loop over them in reverse
   topological order taking the mean of the children (up to 100k indicators only);
   and, as diagnostics, the time to build the id index and trees (what a first check builds)
   on the cascade read back and on the one built in memory;
2. *use*: what a user's run costs, from nothing: read the CSV folder, ``cascade.check`` twice
   (cold: the fresh read result, so the id index and the trees are built inside it; then
   warm), ``cascade.propagate(c, as_of="2024")`` three times (the first, after the check,
   and the median of the other two), and the peak resident memory of that process.

It prints progress, one table (rows = sizes), the ratios, and which aims are met, and writes
every figure to ``benchmarks/results/run.json`` with the core count and the versions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import cascade
from cascade import Cascade
from cascade.datasets import synthetic

DEFAULT_SIZES = [10_000, 50_000, 100_000, 1_000_000]
QUICK_SIZES = [10_000, 50_000]
NAIVE_LIMIT = 100_000
INDICATORS_PER_EMPLOYEE = 3.0
AS_OF = "2024"
RESULTS = Path(__file__).parent / "results" / "run.json"

#: Columns of the table: (key in the results, header, format).
COLUMNS = [
    ("indicators", "indicators", "{:,.0f}"),
    ("build_s", "build", "{:.2f}"),
    ("write_csv_s", "write csv", "{:.2f}"),
    ("read_csv_s", "read csv", "{:.2f}"),
    ("write_xlsx_s", "write xlsx", "{:.2f}"),
    ("read_xlsx_s", "read xlsx", "{:.2f}"),
    ("check_cold_s", "check", "{:.2f}"),
    ("check_warm_s", "check warm", "{:.2f}"),
    ("propagate_s", "propagate", "{:.3f}"),
    ("propagate_warm_s", "prop. warm", "{:.3f}"),
    ("floor_s", "floor", "{:.4f}"),
    ("propagate_per_floor", "prop/floor", "{:.0f}x"),
    ("naive_graph_s", "naive graph", "{:.2f}"),
    ("naive_loop_s", "naive loop", "{:.2f}"),
    ("naive_per_propagate", "naive/prop", "{:.0f}x"),
    ("peak_rss_mb", "peak MB", "{:,.0f}"),
]


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    out = call()
    return out, time.perf_counter() - start


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ------------------------------------------------------------------------- references


def realisations(c: Cascade) -> np.ndarray:
    """Each indicator's reported realisation for ``AS_OF`` (NaN for none)."""
    rows = c._index.rows("realisations", "indicator_id")
    mine = (c.realisations["period"] == AS_OF).to_numpy() & (rows >= 0)
    value = np.full(len(c), np.nan)
    value[rows[mine]] = c.realisations["value"].to_numpy(dtype=np.float64)[mine]
    return value


def floor(c: Cascade) -> float:
    """Seconds for a bare numpy bottom-up mean over the indicator tree (levels precomputed)."""
    tree = c._trees["indicator"]
    parent, depth = tree.parent, tree.depth
    reported = realisations(c)
    order = np.argsort(depth, kind="stable")
    levels = np.split(order, np.flatnonzero(np.diff(depth[order])) + 1)
    start = time.perf_counter()
    value = reported.copy()
    derived = np.full(len(parent), np.nan)
    for level in reversed(levels[1:]):
        p = parent[level]
        total = np.bincount(p, weights=value[level], minlength=len(parent))
        count = np.bincount(p, minlength=len(parent))
        has = count > 0
        derived[has] = total[has] / count[has]
        value[has] = np.where(np.isnan(reported[has]), derived[has], reported[has])
    return time.perf_counter() - start


def naive(c: Cascade) -> tuple[float, float]:
    """Seconds to build a networkx graph of the indicators, and to roll up over it in Python."""
    import networkx as nx

    ind = c.indicators
    reported = dict(zip(ind["indicator_id"], realisations(c), strict=True))
    start = time.perf_counter()
    graph = nx.DiGraph()
    graph.add_nodes_from(ind["indicator_id"])
    linked = ind[ind["parent_indicator_id"].notna()]
    graph.add_edges_from(zip(linked["parent_indicator_id"], linked["indicator_id"], strict=True))
    built = time.perf_counter() - start
    start = time.perf_counter()
    value: dict[str, float] = {}
    derived: dict[str, float] = {}
    for node in reversed(list(nx.topological_sort(graph))):
        children = graph.succ[node]
        mine = reported[node]
        if children:  # as the floor: every parent's mean of its children, reported wins
            derived[node] = sum(value[child] for child in children) / len(children)
            if math.isnan(mine):
                mine = derived[node]
        value[node] = mine
    return built, time.perf_counter() - start


# ---------------------------------------------------------------------------- phases


def build_phase(indicators: int, folder: Path, seed: int, xlsx: bool) -> dict[str, Any]:
    """Build, write and read back; the references. Runs in its own process."""
    employees = max(1, round(indicators / INDICATORS_PER_EMPLOYEE))
    s, build_s = timed(lambda: synthetic(employees=employees, seed=seed))
    if abs(len(s.cascade) - indicators) > 0.02 * indicators:  # small cascades: one correction
        employees = max(1, round(employees * indicators / len(s.cascade)))
        s, build_s = timed(lambda: synthetic(employees=employees, seed=seed))
    c = s.cascade
    out: dict[str, Any] = {
        "target": indicators,
        "employees": employees,
        "indicators": len(c),
        "units": len(c.units),
        "goals": len(c.goals),
        "targets": len(c.targets),
        "budgets": len(c.budgets),
        "build_s": build_s,
    }
    _, out["write_csv_s"] = timed(lambda: cascade.write(c, folder))
    again, out["read_csv_back_s"] = timed(lambda: cascade.read(folder))
    assert again == c, "the CSV folder does not read back as the cascade written"
    # Diagnostics: the id index and trees that a first check builds, on the cascade read
    # from the files and on the one built in memory (same tables, other Arrow chunking).
    _, out["trees_after_read_s"] = timed(lambda: again._trees)
    _, out["trees_after_build_s"] = timed(lambda: c._trees)
    del again
    if xlsx:
        workbook = folder.with_suffix(".xlsx")
        _, out["write_xlsx_s"] = timed(lambda: cascade.write(c, workbook))
        again, out["read_xlsx_s"] = timed(lambda: cascade.read(workbook))
        assert again == c, "the xlsx workbook does not read back as the cascade written"
        del again
    out["floor_s"] = min(floor(c) for _ in range(3))
    if len(c) <= NAIVE_LIMIT:
        out["naive_graph_s"], out["naive_loop_s"] = naive(c)
    out["build_peak_rss_mb"] = peak_mb()
    return out


def use_phase(folder: Path) -> dict[str, Any]:
    """Read, check and propagate from a fresh process: what a user's run costs."""
    c, read_s = timed(lambda: cascade.read(folder))
    report, check_cold = timed(lambda: cascade.check(c))
    _, check_warm = timed(lambda: cascade.check(c))
    results, propagate_s = timed(lambda: cascade.propagate(c, as_of=AS_OF))
    warm = [timed(lambda: cascade.propagate(c, as_of=AS_OF))[1] for _ in range(2)]
    achieved = results.indicators["achievement"].notna().mean()
    return {
        "read_csv_s": read_s,
        "check_cold_s": check_cold,
        "check_warm_s": check_warm,
        "findings": len(report),
        "propagate_s": propagate_s,
        "propagate_warm_s": statistics.median(warm),
        "share_achieved": float(achieved),
        "peak_rss_mb": peak_mb(),
    }


# ----------------------------------------------------------------------------- driver


def child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if out.returncode:
        sys.stderr.write(out.stderr)
        msg = f"benchmark step {args} failed (exit {out.returncode})"
        raise SystemExit(msg)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def run_size(indicators: int, seed: int, xlsx: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="cascade-bench-") as tmp:
        folder = Path(tmp) / "kota"
        flags = ["--xlsx"] if xlsx else []
        row = child(["--build-phase", str(indicators), str(folder), "--seed", str(seed), *flags])
        row.update(child(["--use-phase", str(folder)]))
    row["propagate_per_floor"] = row["propagate_s"] / row["floor_s"]
    if "naive_loop_s" in row:
        naive_s = row["naive_graph_s"] + row["naive_loop_s"]
        row["naive_per_propagate"] = naive_s / row["propagate_s"]
    return row


def table(rows: list[dict[str, Any]]) -> str:
    cells = [[header for _, header, _ in COLUMNS]]
    cells.extend(
        [fmt.format(row[key]) if key in row else "-" for key, _, fmt in COLUMNS] for row in rows
    )
    widths = [max(len(r[k]) for r in cells) for k in range(len(COLUMNS))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def aims(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The performance aims, judged at the size nearest 1M and nearest 50k indicators."""

    def nearest(n: int) -> dict[str, Any] | None:
        close = [r for r in rows if 0.5 * n <= r["indicators"] <= 2 * n]
        return min(close, key=lambda r: abs(r["indicators"] - n)) if close else None

    out = []
    big, small = nearest(1_000_000), nearest(50_000)
    for row, what, value, limit in (
        (big, "propagate < 1.5 s", "propagate_s", 1.5),
        (big, "propagate within 30x floor", "propagate_per_floor", 30.0),
        (big, "check < 5 s", "check_cold_s", 5.0),
        (big, "read CSV < 10 s", "read_csv_s", 10.0),
        (big, "peak memory read+check+propagate < 3 GB", "peak_rss_mb", 3072.0),
        (small, "check + propagate < 0.5 s", None, 0.5),
    ):
        if row is None:
            out.append({"aim": what, "indicators": None, "value": None, "met": None})
            continue
        got = row["check_cold_s"] + row["propagate_s"] if value is None else row[value]
        out.append(
            {"aim": what, "indicators": row["indicators"], "value": got, "met": got < limit}
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--sizes", type=int, nargs="+", help="indicator counts to run")
    group.add_argument("--size", type=int, help="one indicator count")
    group.add_argument("--quick", action="store_true", help=f"only {QUICK_SIZES}")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results")
    parser.add_argument("--build-phase", nargs=2, metavar=("N", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--xlsx", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--use-phase", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_phase:
        n, folder = args.build_phase
        print(json.dumps(build_phase(int(n), Path(folder), args.seed, args.xlsx)))
        return
    if args.use_phase:
        print(json.dumps(use_phase(Path(args.use_phase))))
        return

    sizes = args.sizes or (
        [args.size] if args.size else QUICK_SIZES if args.quick else DEFAULT_SIZES
    )
    sizes = sorted(sizes)
    print(f"cascade {cascade.__version__}, {os.cpu_count()} cores; sizes {sizes}", flush=True)
    rows = []
    for k, n in enumerate(sizes):
        row = run_size(n, args.seed, xlsx=k == 0)
        rows.append(row)
        naive_text = (
            f", naive/propagate {row['naive_per_propagate']:.0f}x"
            if "naive_per_propagate" in row
            else ""
        )
        print(
            f"{row['indicators']:>9,} indicators: build {row['build_s']:.2f} s, "
            f"check {row['check_cold_s']:.2f} s, propagate {row['propagate_s']:.3f} s "
            f"({row['propagate_per_floor']:.0f}x floor{naive_text}), "
            f"peak {row['peak_rss_mb']:,.0f} MB; id index and trees "
            f"{row['trees_after_read_s']:.2f} s after read, "
            f"{row['trees_after_build_s']:.2f} s after build",
            flush=True,
        )
    print()
    print(table(rows))
    print()
    judged = aims(rows)
    for aim in judged:
        if aim["met"] is None:
            print(f"  [ n/a ] {aim['aim']} (no such size run)")
        else:
            mark = "met" if aim["met"] else "MISSED"
            print(
                f"  [{mark:^6}] {aim['aim']}: {aim['value']:.3f} "
                f"at {aim['indicators']:,} indicators"
            )
    document = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "version": cascade.__version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "platform": platform.platform(),
        "seed": args.seed,
        "rows": rows,
        "aims": judged,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=1) + "\n")
    print(f"\nwritten {args.json}")


if __name__ == "__main__":
    main()
