"""Benchmark the foundation at province scale: build, navigate, write and read a cascade.

Run ``python benchmarks/bench_foundation.py --indicators 1000000`` (default: 10k, 100k and 1M).
It builds a cascade shaped like a province (a pemda, agencies, administrator and pengawas units,
employees with RHK and indicators, a 2024 target and realisation per indicator) directly as
DataFrames with numpy, then times:

- ``Cascade(...)``: normalising the six tables from plain DataFrames (text ids, enum words);
- the navigation index (parent arrays, CSR children, depths) on first use;
- ``descendants`` of one agency, ``path`` of 1,000 indicators, ``subcascade`` of one agency;
- a full ``cascade.check`` with every rule (the province is consistent, so findings are few);
- writing and reading the workbook as a CSV folder.

Each size runs in its own process so the peak resident memory (``ru_maxrss``) is per size.
Results are printed as a table and written to ``benchmarks/results/foundation.json`` with the
core count and the library version.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

import cascade
from cascade import Cascade


def province(n_indicators: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Tables of a synthetic province with about ``n_indicators`` indicators."""
    rng = np.random.default_rng(seed)
    employees = max(n_indicators // 3, 10)
    agencies = min(45, max(2, employees // 175))
    admins = agencies * 5
    supers = admins * 3
    unit_ids = (
        ["PEMDA"]
        + [f"OPD-{i}" for i in range(agencies)]
        + [f"ADM-{i}" for i in range(admins)]
        + [f"PGW-{i}" for i in range(supers)]
        + [f"ASN-{i}" for i in range(employees)]
    )
    parents = (
        [None]
        + ["PEMDA"] * agencies
        + [f"OPD-{i % agencies}" for i in range(admins)]
        + [f"ADM-{i % admins}" for i in range(supers)]
        + [f"PGW-{i}" for i in rng.integers(0, supers, employees)]
    )
    levels = (
        ["pemda"]
        + ["perangkat_daerah"] * agencies
        + ["administrator"] * admins
        + ["pengawas"] * supers
        + ["pelaksana"] * employees
    )
    units = pd.DataFrame(
        {"unit_id": unit_ids, "name": unit_ids, "parent_id": parents, "level": levels}
    )
    # One goal per owner (two per employee), chained along the owner tree.
    goal_owner = np.array(unit_ids[: 1 + agencies + admins + supers] + unit_ids[-employees:] * 2)
    goal_ids = np.array([f"G-{i}" for i in range(len(goal_owner))])
    owner_goal = dict(zip(goal_owner[::-1], goal_ids[::-1], strict=True))
    parent_goal = [
        owner_goal.get(p) if p else None
        for p in units.set_index("unit_id").loc[goal_owner, "parent_id"]
    ]
    kinds = {
        "pemda": "sasaran_strategis",
        "perangkat_daerah": "sasaran_program",
        "administrator": "sasaran_kegiatan",
        "pengawas": "sasaran_subkegiatan",
        "pelaksana": "rencana_hasil_kerja",
    }
    level_of = dict(zip(unit_ids, levels, strict=True))
    goals = pd.DataFrame(
        {
            "goal_id": goal_ids,
            "unit_id": goal_owner,
            "parent_goal_id": parent_goal,
            "statement": "Meningkatnya kinerja",
            "kind": [kinds[level_of[u]] for u in goal_owner],
        }
    )
    # Indicators: one per goal, then the rest spread over employee goals.
    n_goals = len(goals)
    extra = max(n_indicators - n_goals, 0)
    ind_goal_pos = np.concatenate([np.arange(n_goals), rng.integers(n_goals // 2, n_goals, extra)])
    ind_ids = np.array([f"I-{i}" for i in range(len(ind_goal_pos))])
    first_ind_of_goal = np.full(n_goals, -1)
    first_ind_of_goal[ind_goal_pos[::-1]] = np.arange(len(ind_goal_pos))[::-1]
    goal_index = pd.Index(goal_ids)
    parent_goal_pos = goal_index.get_indexer(goals["parent_goal_id"].to_numpy(dtype=object))
    pg = parent_goal_pos[ind_goal_pos]
    parent_ind = np.where(pg >= 0, first_ind_of_goal[np.maximum(pg, 0)], -1)
    indicators = pd.DataFrame(
        {
            "indicator_id": ind_ids,
            "goal_id": goal_ids[ind_goal_pos],
            "parent_indicator_id": np.where(
                parent_ind >= 0, ind_ids[np.maximum(parent_ind, 0)], None
            ),
            "name": "Persentase layanan",
            "measure_unit": "persen",
            "polarity": "naik",
            "aggregation": "none",
            "role": "carrier",
        }
    )
    targets = pd.DataFrame(
        {
            "indicator_id": ind_ids,
            "period": "2024",
            "target": rng.uniform(50, 100, len(ind_ids)).round(2),
        }
    )
    realisations = pd.DataFrame(
        {
            "indicator_id": ind_ids,
            "period": "2024",
            "value": rng.uniform(40, 110, len(ind_ids)).round(2),
        }
    )
    budget_goals = goal_ids[1 : 1 + agencies + admins + supers]
    budgets = pd.DataFrame(
        {
            "goal_id": budget_goals,
            "period": "2024",
            "allocated": rng.uniform(1e8, 5e9, len(budget_goals)).round(0),
            "spent": rng.uniform(5e7, 4e9, len(budget_goals)).round(0),
        }
    )
    return {
        "units": units,
        "goals": goals,
        "indicators": indicators,
        "targets": targets,
        "realisations": realisations,
        "budgets": budgets,
    }


def _timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def run_one(n: int) -> dict[str, float | int]:
    """Measure one size in this process."""
    tables = province(n)
    start = time.perf_counter()
    c = Cascade(**tables)
    t_build = time.perf_counter() - start
    del tables
    _, t_index = _timed(lambda: c._trees)
    _, t_desc = _timed(lambda: c.descendants("OPD-0"))
    sample = c.indicators["indicator_id"].sample(1000, random_state=0, replace=True).tolist()
    _, t_paths = _timed(lambda: [c.path(i, kind="indicator") for i in sample])
    _, t_sub = _timed(lambda: c.subcascade("OPD-0"))
    report, t_check = _timed(lambda: cascade.check(c))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "wb"
        _, t_write = _timed(lambda: c.write(folder))
        back, t_read = _timed(lambda: cascade.read(folder))
        assert back == c
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "indicators": len(c),
        "units": len(c.units),
        "goals": len(c.goals),
        "build_s": t_build,
        "index_s": t_index,
        "descendants_s": t_desc,
        "path_x1000_s": t_paths,
        "subcascade_s": t_sub,
        "check_s": t_check,
        "findings": len(report),
        "write_csv_s": t_write,
        "read_csv_s": t_read,
        "peak_rss_mb": peak_mb,
    }


def drive(
    script: str,
    doc: str,
    run: Callable[[int], dict[str, float | int]],
    output: str,
    default: tuple[int, ...] = (10_000, 100_000, 1_000_000),
) -> None:
    """The command line of a size benchmark: one subprocess per size, a table, a JSON file.

    Each size runs in its own process (``--one N``) so its peak memory is its own.
    """
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    parser.add_argument("--indicators", type=int, nargs="*", default=list(default))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.one)))
        return
    rows = []
    for n in args.indicators:
        out = subprocess.run(
            [sys.executable, script, "--one", str(n)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    frame = pd.DataFrame(rows).set_index("indicators")
    with pd.option_context(
        "display.width", 250, "display.max_columns", None, "display.float_format", "{:.3f}".format
    ):
        print(frame)
    print(f"cores: {os.cpu_count()}, cascade {cascade.__version__}")
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / output).write_text(
        json.dumps(
            {"cores": os.cpu_count(), "version": cascade.__version__, "rows": rows}, indent=1
        )
    )


def main() -> None:
    drive(__file__, __doc__ or "", run_one, "foundation.json")


if __name__ == "__main__":
    main()
