"""Benchmark ``cascade.assess`` and the evaluation rules (CAS501–CAS518) up to a province.

Run ``python benchmarks/bench_lke.py`` (default: about 10k, 100k and 1M indicators),
``--sizes 10000 100000`` for others, ``--plain`` for synthetic as it is, ``--steps`` (with
no value) to skip the optional steps, ``--merge`` to keep the other rows already in the
JSON file, or ``--profile N`` to print a cProfile of ``cascade.assess`` at N indicators.
Each size runs in a fresh process, so its timings and peak memory are its own; a size that
runs past ``--timeout`` seconds keeps the figures it had.

The cascade is :func:`cascade.datasets.synthetic` (about three indicators per employee, so
``employees = N / 3``) for three years, 2022 to 2024, with quarter targets and realisations
(the renaksi) and budgets. By default (the *enriched* data) it is then given what synthetic
does not offer and the evaluation rules need (:func:`enrich`), so that every rule runs
rather than reports itself not applicable:

- the plan period 2022–2024 in the policy (``plan_start``, ``plan_end``), for
  ``target-path-break``, ``iku-churn`` and the end target of ``report-comparison-gap``;
- the indicators columns ``definisi_operasional``, ``formula`` and ``sumber_data`` (about
  2 % blank each), ``benchmark`` (about 80 % filled) and ``target_akhir`` (the 2024 target,
  about 1 % off it);
- a ``document`` column on targets (annual rows ``pk``, quarter rows ``renaksi``) and a
  ``renstra`` copy of the annual targets of the Renstra goals (tujuan to sasaran kegiatan),
  about 3 % of them different from the PK.

With ``--plain`` none of this is added and the policy is the default one.

Per size, in this order, in one process:

1. ``assess``: ``cascade.assess(c, as_of=2024, policy=...)`` on the fresh cascade (so it
   builds the id index and the trees), and its peak resident memory: the process's peak is
   reset just before (``/proc/self/clear_refs``) and read after (``VmHWM``), next to the
   resident memory before it;
2. ``check all``: ``cascade.check(c, select=["ALL"], policy=...)``, every rule including the
   CAS5xx, with each rule's seconds read from its progress callback (its time inside the
   whole run, sharing what earlier rules cached); a check that raises is recorded with the
   seconds of the rules that ran before;
3. ``check``: the default ``cascade.check(c, policy=...)`` (consistency rules only), for
   comparison;
4. (step ``alone``) each CAS5xx rule alone: ``cascade.check(c, select=[code], policy=...)``,
   so the rule pays for whatever it needs that a full run would share;
5. (step ``warm``) ``check all`` and ``assess`` again.

It prints a table of sizes, a table of rules by size per data variant, and which rules were
not applicable (wholly or in part), and writes every figure to
``benchmarks/results/lke.json`` with the core count, the versions, and per row the commit
(``+dirty src`` when ``src/`` had uncommitted changes), the date and the load average.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import json
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from run import peak_mb, timed  # this folder is on sys.path as a script

import cascade
from cascade import Cascade
from cascade.checks.evaluation import RULES
from cascade.datasets import synthetic

DEFAULT_SIZES = [10_000, 100_000, 1_000_000]
INDICATORS_PER_EMPLOYEE = 3.0
YEARS = ("2022", "2023", "2024")
AS_OF = 2024
POLICY: dict[str, Any] = {"plan_start": 2022, "plan_end": 2024}
CODES = [r.code for r in RULES]
NAMES = {r.code: r.name for r in RULES}
RENSTRA_KINDS = ("tujuan", "sasaran_strategis", "sasaran_program", "sasaran_kegiatan")
OPTIONAL_STEPS = ("alone", "warm")
RESULTS = Path(__file__).parent / "results" / "lke.json"

#: Columns of the size table: (key in the results, header, format).
COLUMNS = [
    ("variant", "data", "{}"),
    ("indicators", "indicators", "{:,.0f}"),
    ("targets", "targets", "{:,.0f}"),
    ("build_s", "build", "{:.2f}"),
    ("assess_s", "assess", "{:.2f}"),
    ("assess_warm_s", "assess warm", "{:.2f}"),
    ("check_all_s", "check all", "{:.2f}"),
    ("check_all_warm_s", "check all warm", "{:.2f}"),
    ("cas5_in_run_s", "CAS5xx in run", "{:.2f}"),
    ("check_default_s", "check default", "{:.2f}"),
    ("rss_before_assess_mb", "MB before", "{:,.0f}"),
    ("assess_peak_mb", "assess peak MB", "{:,.0f}"),
    ("peak_rss_mb", "process peak MB", "{:,.0f}"),
]


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:  # not Linux
        return None
    return None


def reset_peak() -> bool:
    """Reset the process's peak resident memory (Linux ``clear_refs``); whether it worked."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


# ------------------------------------------------------------------------------ data


def enrich(c: Cascade, seed: int) -> Cascade:
    """The synthetic cascade with the columns and documents the evaluation rules read."""
    rng = np.random.default_rng(seed + 1)
    ind = c.indicators.copy()
    n = len(ind)
    name = ind["name"].astype("str")
    for column, text in (
        ("definisi_operasional", "Jumlah yang dihitung untuk: " + name),
        ("formula", pd.Series("realisasi / target x 100", index=ind.index)),
        ("sumber_data", "Laporan " + ind["goal_id"].astype("str")),
    ):
        ind[column] = text.where(rng.random(n) >= 0.02, None)

    targets = c.targets.copy()
    period = targets["period"].astype("str")
    annual = period.str.len() == 4
    targets["document"] = np.where(annual, "pk", "renaksi")

    rows = targets[annual & (period == YEARS[-1])].drop_duplicates("indicator_id")
    last = pd.Series(rows["target"].to_numpy(), index=rows["indicator_id"].to_numpy())
    end = ind["indicator_id"].map(last).to_numpy(dtype=np.float64, copy=True)
    off = rng.random(n) < 0.01
    end[off] *= 1.1
    ind["target_akhir"] = end
    ind["benchmark"] = np.where(rng.random(n) < 0.8, np.round(end * 1.05, 2), np.nan)

    kind = c.goals.set_index("goal_id")["kind"].astype("str")
    renstra_goal = ind["goal_id"].map(kind).isin(RENSTRA_KINDS)
    renstra_ids = set(ind.loc[renstra_goal, "indicator_id"])
    renstra = targets[annual & targets["indicator_id"].isin(renstra_ids)].copy()
    renstra["document"] = "renstra"
    drift = rng.random(len(renstra)) < 0.03
    renstra.loc[drift, "target"] = renstra.loc[drift, "target"] * 1.05
    renstra.loc[drift, "target_upper"] = renstra.loc[drift, "target_upper"] * 1.05
    targets = pd.concat([targets, renstra], ignore_index=True)
    return Cascade(
        units=c.units,
        goals=c.goals,
        indicators=ind,
        targets=targets,
        realisations=c.realisations,
        budgets=c.budgets,
    )


def build(indicators: int, seed: int, plain: bool = False) -> tuple[Cascade, dict[str, Any]]:
    employees = max(1, round(indicators / INDICATORS_PER_EMPLOYEE))

    def make(employees: int) -> Any:
        return synthetic(employees=employees, seed=seed, periods=YEARS, quarters=True)

    s, synthetic_s = timed(lambda: make(employees))
    if abs(len(s.cascade) - indicators) > 0.02 * indicators:  # small cascades: one correction
        employees = max(1, round(employees * indicators / len(s.cascade)))
        s, synthetic_s = timed(lambda: make(employees))
    c, enrich_s = (s.cascade, 0.0) if plain else timed(lambda: enrich(s.cascade, seed))
    return c, {
        "target": indicators,
        "employees": employees,
        "indicators": len(c),
        "units": len(c.units),
        "goals": len(c.goals),
        "targets": len(c.targets),
        "realisations": len(c.realisations),
        "budgets": len(c.budgets),
        "synthetic_s": synthetic_s,
        "enrich_s": enrich_s,
        "build_s": synthetic_s + enrich_s,
    }


# ----------------------------------------------------------------------------- sizes


def log(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def per_rule(c: Cascade, policy: dict[str, Any]) -> dict[str, Any]:
    """One check of every rule: its seconds, each rule's seconds inside it, the report.

    A check that raises is recorded (``check_all_error``, the seconds until it raised);
    each rule that ran before still has its seconds.
    """
    from cascade.checks.catalogue import CATALOGUE

    active = [r for r in CATALOGUE if r.status != "removed"]
    marks: list[float] = []

    def progress(stage: str, done: int, total: int) -> None:
        marks.append(time.perf_counter())

    out: dict[str, Any] = {}
    start = time.perf_counter()
    try:
        out["report"] = cascade.check(c, select=["ALL"], policy=policy, progress=progress)
    except Exception as exc:  # a library failure is a result here
        out["check_all_error"] = f"{type(exc).__name__}: {exc}"
        out["check_all_failed_after_s"] = time.perf_counter() - start
    else:
        out["check_all_s"] = time.perf_counter() - start
    seconds = {r.code: marks[k + 1] - marks[k] for k, r in enumerate(active[: len(marks) - 1])}
    last = active[-1].code  # skipped in the loop: its slot is locate, suppress and sort
    if last in seconds:
        seconds["finish"] = seconds.pop(last)
    out["in_run_s"] = seconds
    return out


def run_size(
    indicators: int, seed: int, plain: bool, partial: Path | None, steps: list[str]
) -> dict[str, Any]:
    """The ``steps`` at one size; after each, the figures so far go to ``partial``."""
    policy = {} if plain else POLICY

    def save(what: str) -> None:
        log(what)
        if partial is not None:
            partial.write_text(json.dumps(row))

    log(f"{indicators:,}: building")
    c, row = build(indicators, seed, plain)
    save(
        f"{row['indicators']:,} indicators, {row['targets']:,} targets: built in "
        f"{row['build_s']:.1f} s"
    )
    row["steps"] = steps
    row["variant"] = "plain" if plain else "enriched"
    gc.collect()
    row["rss_before_assess_mb"] = _status_mb("VmRSS")
    reset = reset_peak()
    a, row["assess_s"] = timed(lambda: cascade.assess(c, as_of=AS_OF, policy=policy))
    row["assess_peak_mb"] = _status_mb("VmHWM") if reset else None
    row["assess_findings"] = len(a.report)
    total = a.total("mean")
    row["assess_mean_range"] = [total.lo, total.hi]
    row["assess_predikat_mean"] = list(a.predikat("mean"))
    row["assess_not_applicable"] = dict(a.report.not_applicable)
    row["assess_partly_not_applicable"] = dict(a.report.partly_not_applicable)
    del a
    save(f"assess {row['assess_s']:.2f} s, peak {row['assess_peak_mb'] or 0:,.0f} MB")

    check_all(c, policy, row, save)
    default, row["check_default_s"] = timed(lambda: cascade.check(c, policy=policy))
    row["check_default_findings"] = len(default)
    del default
    save(f"check default {row['check_default_s']:.2f} s")

    if "alone" in steps:
        alone(c, policy, row, save)
    if "warm" in steps:
        _, row["check_all_warm_s"] = timed(lambda: cascade.check(c, select=["ALL"], policy=policy))
        save(f"check all warm {row['check_all_warm_s']:.2f} s")
        _, row["assess_warm_s"] = timed(lambda: cascade.assess(c, as_of=AS_OF, policy=policy))
        save(f"assess warm {row['assess_warm_s']:.2f} s")
    row["peak_rss_mb"] = peak_mb()
    return row


def check_all(
    c: Cascade, policy: dict[str, Any], row: dict[str, Any], save: Callable[[str], None]
) -> None:
    """Every rule in one check, each rule's seconds inside it, what it found."""
    result = per_rule(c, policy)
    report = result.pop("report", None)
    row.update(result)
    row["cas5_in_run_s"] = sum(row["in_run_s"].get(code, 0.0) for code in CODES)
    if report is not None:
        row["check_all_findings"] = len(report)
        codes = report.to_frame()["code"].value_counts().sort_index()
        row["findings_by_code"] = {str(k): int(v) for k, v in codes.items()}
        row["not_applicable"] = dict(report.not_applicable)
        row["partly_not_applicable"] = dict(report.partly_not_applicable)
        row["rules_ran"] = [code for code in report.to_dict()["rules"] if code in CODES]
        del report
        save(f"check all {row['check_all_s']:.2f} s (CAS5xx {row['cas5_in_run_s']:.2f} s)")
    else:
        save(
            f"check all failed after {row['check_all_failed_after_s']:.2f} s "
            f"(CAS5xx {row['cas5_in_run_s']:.2f} s): {row['check_all_error']}"
        )


def alone(
    c: Cascade, policy: dict[str, Any], row: dict[str, Any], save: Callable[[str], None]
) -> None:
    """Each CAS5xx rule in a check of its own."""
    row["alone_s"] = {}
    row["alone_errors"] = {}
    for code in CODES:
        start = time.perf_counter()
        try:
            cascade.check(c, select=[code], policy=policy)
        except Exception as exc:  # a library failure is a result here
            row["alone_errors"][code] = f"{type(exc).__name__}: {exc}"
        row["alone_s"][code] = time.perf_counter() - start
        failed = " (failed)" if code in row["alone_errors"] else ""
        save(f"{code} alone {row['alone_s'][code]:.2f} s{failed}")


def profile(indicators: int, seed: int, top: int, plain: bool) -> None:
    """Print a cProfile of ``assess`` on a fresh cascade of this size."""
    c, row = build(indicators, seed, plain)
    print(f"{row['indicators']:,} indicators, {row['targets']:,} targets", flush=True)
    profiler = cProfile.Profile()
    profiler.enable()
    cascade.assess(c, as_of=AS_OF, policy={} if plain else POLICY)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


# ----------------------------------------------------------------------------- driver


def child(n: int, seed: int, plain: bool, timeout: float, steps: list[str]) -> dict[str, Any]:
    """Run one size in a fresh process; past ``timeout`` seconds, the figures it had."""
    started = {"commit": _commit(), "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory(prefix="cascade-bench-lke-") as tmp:
        partial = Path(tmp) / "partial.json"
        flags = ["--plain"] if plain else []
        command = [sys.executable, __file__, "--one", str(n), "--seed", str(seed), *flags]
        command += ["--steps", *steps]
        try:
            out = subprocess.run(
                [*command, "--partial", str(partial)],
                stdout=subprocess.PIPE,
                text=True,
                check=False,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            row: dict[str, Any] = json.loads(partial.read_text()) if partial.exists() else {}
            row.update(target=n, timed_out_after_s=timeout)
            row.setdefault("variant", "plain" if plain else "enriched")
            return row | started
    if out.returncode:
        msg = f"benchmark at {n:,} indicators failed (exit {out.returncode})"
        raise SystemExit(msg)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result | started


def _commit() -> str | None:
    out = subprocess.run(
        ["git", "rev-parse", "HEAD"],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        check=False,
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "../src"],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        check=False,
    )
    head = out.stdout.strip() or None
    return f"{head}+dirty src" if head and dirty.stdout.strip() else head


def _grid(header: list[str], body: list[list[str]]) -> str:
    cells = [header, *body]
    widths = [max(len(r[k]) for r in cells) for k in range(len(header))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def size_table(rows: list[dict[str, Any]]) -> str:
    body = [
        [fmt.format(row[key]) if row.get(key) is not None else "-" for key, _, fmt in COLUMNS]
        for row in rows
    ]
    return _grid([header for _, header, _ in COLUMNS], body)


def rule_table(rows: list[dict[str, Any]]) -> str:
    header = ["rule", "name"]
    for row in rows:
        size = f"{row.get('indicators', row['target']):,}"
        header += [f"{size} {row['variant']}, in run", "alone", "findings"]
    body = []
    for code in [*CODES, "finish"]:
        line = [code, NAMES.get(code, "(locate, suppress, sort)")]
        for row in rows:
            if "in_run_s" not in row:  # timed out before the full check
                line += ["-", "-", "-"]
                continue
            ran = row.get("rules_ran", CODES)
            mark = "" if code in ran or code == "finish" else " n/a"
            alone = row.get("alone_s", {})
            failed = "!" if code in row.get("alone_errors", {}) else ""
            found = row.get("findings_by_code")
            line += [
                f"{row['in_run_s'][code]:.3f}{mark}" if code in row["in_run_s"] else "-",
                f"{alone[code]:.3f}{failed}" if code in alone else "-",
                f"{found.get(code, 0):,}" if found is not None and code != "finish" else "-",
            ]
        body.append(line)
    return _grid(header, body)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write results")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile assess at N")
    parser.add_argument("--top", type=int, default=40, help="functions the profile lists")
    parser.add_argument(
        "--plain", action="store_true", help="synthetic as it is: no enrichment, no plan period"
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds per size before giving up on it"
    )
    parser.add_argument(
        "--merge", action="store_true", help="keep the other sizes already in the JSON file"
    )
    parser.add_argument(
        "--steps",
        nargs="*",
        choices=OPTIONAL_STEPS,
        default=list(OPTIONAL_STEPS),
        help="steps after assess and the checks: each rule alone, warm repeats (none: --steps)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--partial", type=Path, help=argparse.SUPPRESS)
    return parser


def main() -> None:
    args = _parser().parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.seed, args.plain, args.partial, args.steps)))
        return
    if args.profile:
        profile(args.profile, args.seed, args.top, args.plain)
        return

    sizes = sorted(args.sizes)
    print(f"cascade {cascade.__version__}, {os.cpu_count()} cores; sizes {sizes}", flush=True)
    rows = []
    for n in sizes:
        row = child(n, args.seed, args.plain, args.timeout, args.steps)
        row["load_average"] = list(os.getloadavg())
        rows.append(row)
        if "timed_out_after_s" in row:
            print(f"{n:>9,} indicators: stopped after {args.timeout:.0f} s", flush=True)
            continue
        check = (
            f"check all {row['check_all_s']:.2f} s"
            if "check_all_s" in row
            else f"check all FAILED after {row['check_all_failed_after_s']:.2f} s"
        )
        print(
            f"{row['indicators']:>9,} indicators: assess {row['assess_s']:.2f} s "
            f"(peak {row['assess_peak_mb'] or 0:,.0f} MB), {check},"
            f" CAS5xx {row['cas5_in_run_s']:.2f} s of it",
            flush=True,
        )
        for what in ("check_all_error", "alone_errors"):
            if row.get(what):
                print(f"  {what}: {row[what]}", flush=True)
    if args.merge and args.json.exists():  # keep the other sizes of an earlier run
        kept = json.loads(args.json.read_text())["rows"]
        done = {(r["target"], r["variant"]) for r in rows}
        rows += [r for r in kept if (r["target"], r["variant"]) not in done]
        rows.sort(key=lambda r: (r["variant"], r["target"]))
    print()
    print(size_table(rows))
    print()
    for variant in sorted({r["variant"] for r in rows}):
        print(rule_table([r for r in rows if r["variant"] == variant]))
        print()
    for variant in sorted({r["variant"] for r in rows}):
        first = next((r for r in rows if r["variant"] == variant and "rules_ran" in r), None)
        if first is None:
            continue
        print(f"{variant} data, {first['target']:,}: rules not applicable (wholly or partly)")
        for key in ("not_applicable", "partly_not_applicable"):
            for code, why in sorted(first[key].items()):
                label = "partly" if key.startswith("partly") else "wholly"
                print(f"  {label}: {code} {NAMES.get(code, '')}: {why}")
    document = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "version": cascade.__version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "platform": platform.platform(),
        "seed": args.seed,
        "years": list(YEARS),
        "as_of": AS_OF,
        "policy": {"enriched": POLICY, "plain": {}},
        "commit": _commit(),
        "rows": rows,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=1) + "\n")
    print(f"\nwritten {args.json}")


if __name__ == "__main__":
    main()
