"""The bundled examples: Kota Contoh, clean and with deliberate defects.

The consistency checker is not part of these tests. Instead, ``findings`` below is a small,
independent implementation of the main rules of ``domain.md`` section 6 with pandas, so the
data can be held to them: the clean city must have no finding but its documented level skip,
and the defective city exactly the documented defects.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pydantic
import pytest

import cascade.datasets
from cascade import Cascade, UsageError
from cascade.datasets import (
    DEFECTS,
    example_defects,
    example_names,
    load_example,
)
from cascade.enums import GoalKind, Level
from cascade.io import read, write
from cascade.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "cascade" / "datasets" / "kota_contoh"
SCRIPT = ROOT / "scripts" / "build_kota_contoh.py"
YEAR = "2024"
QUARTERS = [f"{YEAR}Q{q}" for q in range(1, 5)]
CHECKS = [
    "duplicate-id",
    "dangling-reference",
    "cycle",
    "orphan-goal",
    "orphan-indicator",
    "missing-indicator",
    "missing-target",
    "invalid-value",
    "missing-metadata",
    "level-order",
    "owner-misaligned",
    "indicator-goal-mismatch",
    "unit-mismatch",
    "level-skip",
    "polarity-mismatch",
    "not-cascaded",
    "target-split-mismatch",
    "realisation-mismatch",
    "zero-target",
    "budget-orphan",
]
#: Findings a defect causes besides its own, stated in its description.
SIDE_FINDINGS = {
    ("indicator-goal-mismatch", "BPBD-RHK1.1.2.1-I2"),  # the cycle is a self-loop
    ("orphan-goal", "BPBD-SK-TAKTIS"),  # the budget-orphan goal has no parent
}

Finding = tuple[str, str]


@pytest.fixture(scope="module")
def city() -> Cascade:
    return load_example()


@pytest.fixture(scope="module")
def broken() -> Cascade:
    return load_example("with-defects")


# --------------------------------------------------------------------------- the rules


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _first(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """One row per id (the first, as the model's lookups do), indexed by it."""
    return frame.drop_duplicates(key).set_index(key)


def _blank(series: pd.Series) -> pd.Series:
    return series.isna() | (series.astype(object).astype(str).str.strip() == "")


def _parents(frame: pd.DataFrame, key: str, parent: str) -> dict[str, str | None]:
    rows = _first(frame, key)[parent]
    return {str(k): (None if pd.isna(v) else str(v)) for k, v in rows.items()}


def _ancestors(parents: dict[str, str | None], node: str) -> list[str]:
    """Ids above ``node``, nearest first; stops at a missing parent or a cycle."""
    seen = {node}
    out: list[str] = []
    current = parents.get(node)
    while current is not None and current in parents and current not in seen:
        out.append(current)
        seen.add(current)
        current = parents[current]
    return out


class Rules:
    """The tables of a cascade, with the lookups the rules share."""

    def __init__(self, c: Cascade) -> None:
        self.units, self.goals, self.ind = c.units, c.goals, c.indicators
        self.targets, self.real, self.budgets = c.targets, c.realisations, c.budgets
        self.unit_parent = _parents(self.units, "unit_id", "parent_id")
        self.goal_parent = _parents(self.goals, "goal_id", "parent_goal_id")
        self.ind_parent = _parents(self.ind, "indicator_id", "parent_indicator_id")
        self.level = {
            str(k): Level(v).rank for k, v in _first(self.units, "unit_id")["level"].items()
        }
        self.goal = _first(self.goals, "goal_id")
        self.indicator = _first(self.ind, "indicator_id")
        self.has_units_below = set(self.units["parent_id"].dropna())
        is_carrier = self.ind["role"] == "carrier"
        self._carriers = (
            self.ind[is_carrier].groupby("parent_indicator_id")["indicator_id"].agg(list).to_dict()
        )

    def findings(self) -> set[Finding]:
        rules: list[Callable[[], set[Finding]]] = [
            self.duplicate_id,
            self.dangling_reference,
            self.cycle,
            self.orphans,
            self.missing,
            self.invalid_value,
            self.goal_links,
            self.indicator_links,
            self.not_cascaded,
            self.target_split_mismatch,
            self.realisation_mismatch,
            self.zero_target,
            self.budget_orphan,
        ]
        return set().union(*(rule() for rule in rules))

    def duplicate_id(self) -> set[Finding]:
        out: set[Finding] = set()
        for frame, key in ((self.units, "unit_id"), (self.goals, "goal_id")):
            out |= {("duplicate-id", i) for i in frame.loc[frame[key].duplicated(), key]}
        ids = self.ind["indicator_id"]
        return out | {("duplicate-id", i) for i in ids[ids.duplicated()]}

    def dangling_reference(self) -> set[Finding]:
        unit_ids, goal_ids = set(self.unit_parent), set(self.goal_parent)
        ind_ids = set(self.ind_parent)
        references = [
            (self.units["parent_id"], unit_ids),
            (self.goals["unit_id"], unit_ids),
            (self.goals["parent_goal_id"], goal_ids),
            (self.ind["goal_id"], goal_ids),
            (self.ind["parent_indicator_id"], ind_ids),
            (self.targets["indicator_id"], ind_ids),
            (self.real["indicator_id"], ind_ids),
            (self.budgets["goal_id"], goal_ids),
        ]
        return {
            ("dangling-reference", str(ref))
            for column, known in references
            for ref in set(column.dropna()) - known
        }

    def cycle(self) -> set[Finding]:
        out: set[Finding] = set()
        for parents in (self.unit_parent, self.goal_parent, self.ind_parent):
            done: set[str] = set()
            for start in parents:
                path: list[str] = []
                node: str | None = start
                while node is not None and node in parents and node not in done:
                    if node in path:
                        out |= {("cycle", n) for n in path[path.index(node) :]}
                        break
                    path.append(node)
                    node = parents[node]
                done.update(path)
        return out

    def orphans(self) -> set[Finding]:
        owner_level = self.goals["unit_id"].map(self.level)
        orphan_goals = self.goals["parent_goal_id"].isna() & owner_level.gt(Level.PEMDA.rank)
        goal_has_parent = self.ind["goal_id"].map(self.goal_parent).notna()
        orphan_ind = self.ind["parent_indicator_id"].isna() & (self.ind["role"] != "own")
        return {("orphan-goal", g) for g in self.goals.loc[orphan_goals, "goal_id"]} | {
            ("orphan-indicator", i)
            for i in self.ind.loc[orphan_ind & goal_has_parent, "indicator_id"]
        }

    def missing(self) -> set[Finding]:
        measured = set(self.ind["goal_id"])
        targeted = set(self.targets.loc[self.targets["period"] == YEAR, "indicator_id"])
        no_metadata = _blank(self.ind["name"]) | _blank(self.ind["measure_unit"])
        return (
            {("missing-indicator", g) for g in self.goals["goal_id"] if g not in measured}
            | {("missing-target", i) for i in self.ind["indicator_id"] if i not in targeted}
            | {("missing-metadata", i) for i in self.ind.loc[no_metadata, "indicator_id"]}
            | {
                ("missing-metadata", g)
                for g in self.goals.loc[_blank(self.goals["statement"]), "goal_id"]
            }
        )

    def invalid_value(self) -> set[Finding]:
        def infinite(frame: pd.DataFrame, columns: list[str], key: str) -> set[Finding]:
            values = frame[columns].to_numpy(dtype=float)
            bad = np.isinf(values).any(axis=1)
            return {("invalid-value", str(i)) for i in frame.loc[bad, key]}

        return (
            infinite(self.targets, ["target", "target_upper"], "indicator_id")
            | infinite(self.real, ["value"], "indicator_id")
            | infinite(self.ind, ["weight"], "indicator_id")
            | infinite(self.budgets, ["allocated", "spent"], "goal_id")
        )

    def goal_links(self) -> set[Finding]:
        """level-order, owner-misaligned and level-skip."""
        out: set[Finding] = set()
        for goal_id, row in self.goal.iterrows():
            parent = self.goal_parent[str(goal_id)]
            if parent is None or parent not in self.goal.index:
                continue
            up = self.goal.loc[parent]
            owner, parent_owner = row["unit_id"], up["unit_id"]
            if owner not in self.level or parent_owner not in self.level:
                continue
            rank, parent_rank = self.level[owner], self.level[parent_owner]
            declared = bool(row["crosscutting"])
            if owner == parent_owner:
                if (
                    pd.notna(row["kind"])
                    and pd.notna(up["kind"])
                    and GoalKind(row["kind"]).rank <= GoalKind(up["kind"]).rank
                ):
                    out.add(("level-order", str(goal_id)))
                continue
            if rank < parent_rank or (rank == parent_rank and not declared):
                out.add(("level-order", str(goal_id)))
            if parent_owner not in _ancestors(self.unit_parent, owner) and not declared:
                out.add(("owner-misaligned", str(goal_id)))
            if rank - parent_rank > 1:
                out.add(("level-skip", str(goal_id)))
        return out

    def indicator_links(self) -> set[Finding]:
        """indicator-goal-mismatch, unit-mismatch and polarity-mismatch."""
        out: set[Finding] = set()
        linked = self.ind[self.ind["parent_indicator_id"].isin(self.indicator.index)]
        for row in linked.itertuples(index=False):
            parent = self.indicator.loc[row.parent_indicator_id]
            if parent["goal_id"] != self.goal_parent.get(row.goal_id):
                out.add(("indicator-goal-mismatch", row.indicator_id))
            if row.role != "carrier":
                continue
            if row.polarity != parent["polarity"]:
                out.add(("polarity-mismatch", row.indicator_id))
            if (
                parent["aggregation"] != "none"
                and pd.notna(row.measure_unit)
                and pd.notna(parent["measure_unit"])
                and row.measure_unit != parent["measure_unit"]
            ):
                out.add(("unit-mismatch", row.indicator_id))
        return out

    def not_cascaded(self) -> set[Finding]:
        owner = self.ind["goal_id"].map(self.goal["unit_id"])
        childless = ~self.ind["indicator_id"].isin(set(self.ind["parent_indicator_id"].dropna()))
        flagged = childless & (self.ind["role"] != "own") & owner.isin(self.has_units_below)
        return {("not-cascaded", i) for i in self.ind.loc[flagged, "indicator_id"]}

    def carriers(self, indicator_id: str) -> list[str]:
        return list(self._carriers.get(indicator_id, []))

    def target_split_mismatch(self) -> set[Finding]:
        out: set[Finding] = set()
        target = {
            (str(r.indicator_id), str(r.period)): float(r.target)
            for r in self.targets.itertuples(index=False)
        }
        for parent in self.ind.loc[self.ind["aggregation"] == "sum", "indicator_id"]:
            children = self.carriers(parent)
            if not children:
                continue
            periods = {p for (i, p) in target if i in {parent, *children}}
            for period in periods:
                values = [target.get((c, period)) for c in children]
                mine = target.get((parent, period))
                if mine is None or None in values or not _close(math.fsum(values), mine):
                    out.add(("target-split-mismatch", parent))
        return out

    def realisation_mismatch(self) -> set[Finding]:
        reported = {
            (str(r.indicator_id), str(r.period)): float(r.value)
            for r in self.real.drop_duplicates(["indicator_id", "period"]).itertuples(index=False)
        }
        spec = self.indicator
        memo: dict[tuple[str, str], float | None] = {}

        def derived(ind: str, period: str, seen: frozenset[str]) -> float | None:
            if (ind, period) in memo:
                return memo[(ind, period)]
            children = self.carriers(ind)
            how = spec.loc[ind, "aggregation"]
            if how == "none" or not children or ind in seen:
                return None
            values = [value(c, period, seen | {ind}) for c in children]
            if any(v is None or not math.isfinite(v) for v in values):
                result = None
            else:
                weights = [float(spec.loc[c, "weight"]) for c in children]
                result = _aggregate(str(how), [float(v) for v in values if v is not None], weights)
            memo[(ind, period)] = result
            return result

        def value(ind: str, period: str, seen: frozenset[str]) -> float | None:
            if (ind, period) in reported:
                return reported[(ind, period)]
            return derived(ind, period, seen)

        out: set[Finding] = set()
        for (ind, period), got in reported.items():
            if ind not in spec.index:
                continue
            expected = derived(ind, period, frozenset())
            if expected is not None and math.isfinite(got) and not _close(got, expected):
                out.add(("realisation-mismatch", ind))
        return out

    def zero_target(self) -> set[Finding]:
        zero = self.targets["target"].eq(0) | self.targets["target_upper"].eq(0)
        return {("zero-target", i) for i in self.targets.loc[zero, "indicator_id"]}

    def budget_orphan(self) -> set[Finding]:
        pemda_owned = set(self.goal.index[self.goal["unit_id"].map(self.level).eq(0)])
        out: set[Finding] = set()
        for goal_id in self.budgets["goal_id"].dropna().unique():
            if goal_id not in self.goal_parent:
                continue
            chain = {goal_id, *_ancestors(self.goal_parent, goal_id)}
            if not chain & pemda_owned:
                out.add(("budget-orphan", goal_id))
        return out


def _aggregate(how: str, values: list[float], weights: list[float]) -> float:
    if how == "sum":
        return math.fsum(values)
    if how == "mean":
        return math.fsum(values) / len(values)
    if how == "weighted_mean":
        return math.fsum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights)
    return min(values) if how == "min" else max(values)


def findings(c: Cascade) -> set[Finding]:
    """Every (check, subject id) the rules above find in ``c``."""
    return Rules(c).findings()


# --------------------------------------------------------------------------- loading


def test_example_names() -> None:
    assert example_names() == ["kota-contoh", "with-defects"]


def test_unknown_example_lists_the_names() -> None:
    with pytest.raises(UsageError, match="kota-contoh, with-defects"):
        load_example("kota-lain")


def test_loading_is_cached(city: Cascade) -> None:
    assert load_example() is city
    assert load_example("kota-contoh") is city
    assert load_example("with-defects") is load_example("with-defects")


def test_loading_the_defects_leaves_the_clean_city_alone(city: Cascade, broken: Cascade) -> None:
    assert broken != city
    assert read(DATA) == city


@pytest.mark.parametrize("name", example_names())
def test_round_trip_through_a_csv_folder(name: str, tmp_path: Path) -> None:
    c = load_example(name)
    written = write(c, tmp_path / "kota")
    assert read(written) == c


# --------------------------------------------------------------------------- the files


def test_the_script_reproduces_the_files_byte_for_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("build_kota_contoh", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_kota_contoh", module)
    spec.loader.exec_module(module)
    files = _render(module)
    assert sorted(files) == sorted(f"{t}.csv" for t in TABLES)
    for name, text in files.items():
        assert (DATA / name).read_bytes() == text.encode("utf-8"), name


def _render(module: ModuleType) -> dict[str, str]:
    render: Callable[[], dict[str, str]] = module.render
    return render()


@pytest.mark.parametrize("table", list(TABLES))
def test_files_use_the_canonical_headers(table: str) -> None:
    text = (DATA / f"{table}.csv").read_text(encoding="utf-8")
    header = text.split("\n", 1)[0].split(",")
    core = TABLES[table].column_names
    assert header[: len(core)] == core
    assert text.endswith("\n")
    assert "\r" not in text
    assert ";" not in text.split("\n", 1)[0]


# --------------------------------------------------------------------------- the city


def test_sizes_stated_in_the_docstring(city: Cascade) -> None:
    counts = city.counts()
    assert counts["tables"] == {
        "units": 164,
        "goals": 223,
        "indicators": 291,
        "targets": 1115,
        "realisations": 1023,
        "budgets": 107,
    }
    assert counts["units_by_level"] == {
        "pemda": 1,
        "perangkat_daerah": 9,
        "administrator": 27,
        "pengawas": 54,
        "pelaksana": 73,
    }
    assert counts["goals_by_kind"] == {
        "tujuan": 14,
        "sasaran_strategis": 29,
        "sasaran_program": 26,
        "sasaran_kegiatan": 27,
        "sasaran_subkegiatan": 54,
        "rencana_hasil_kerja": 73,
        "unspecified": 0,
    }
    assert counts["key_indicators"] == 42
    assert counts["periods"] == [YEAR, *QUARTERS]


def test_the_docstring_states_the_sizes(city: Cascade) -> None:
    doc = " ".join((cascade.datasets.__doc__ or "").split())
    tables = city.counts()["tables"]
    assert f"Owners ({tables['units']})" in doc
    assert f"Goals ({tables['goals']})" in doc
    assert f"Indicators ({tables['indicators']})" in doc
    assert (
        f"Targets ({tables['targets']}), realisations ({tables['realisations']}), "
        f"budgets ({tables['budgets']})"
    ) in doc
    assert repr(city) in doc


def test_no_blank_descriptions(city: Cascade) -> None:
    assert not _blank(city.units["name"]).any()
    assert not _blank(city.goals["statement"]).any()
    assert not _blank(city.indicators["name"]).any()
    assert not _blank(city.indicators["measure_unit"]).any()


def test_sizes_are_in_the_intended_ranges(city: Cascade) -> None:
    levels = city.units["level"].value_counts()
    assert levels["perangkat_daerah"] >= 9
    assert 40 <= levels["pelaksana"] <= 80
    assert 150 <= len(city.goals) <= 400
    assert 250 <= len(city.indicators) <= 700


def test_the_agencies(city: Cascade) -> None:
    units = city.units.set_index("unit_id")
    agencies = units[units["level"] == "perangkat_daerah"]
    assert {
        "DINKES",
        "DISDIK",
        "DINSOS",
        "BAPPELITBANGDA",
        "DINASPU",
        "BPBD",
        "KEC-CONTOH",
        "DISNAKER",
        "DISPERINDAG",
    } <= set(agencies.index)
    assert units.loc["DINKES", "name"] == "Dinas Kesehatan"
    assert units.loc["DISDIK", "name"] == "Dinas Pendidikan"
    assert units.loc["DINSOS", "name"] == "Dinas Sosial"
    assert units.loc["DINASPU", "name"] == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert (agencies["parent_id"] == "PEMKO").all()
    for agency in agencies.index:
        below = set(units.loc[city.descendants(agency, kind="unit"), "level"])
        assert below == {"administrator", "pengawas", "pelaksana"}, agency


def test_every_employee_sits_under_a_pengawas(city: Cascade) -> None:
    """The clean city has no level skip; the with-defects city has the one it documents."""
    units = city.units.set_index("unit_id")
    pelaksana = units[units["level"] == "pelaksana"]
    parent_level = pelaksana["parent_id"].map(units["level"])
    assert set(parent_level) == {"pengawas"}


def test_employees_have_a_nip(city: Cascade) -> None:
    units = city.units
    staff = units[units["level"] == "pelaksana"]
    assert staff["nip"].str.fullmatch(r"\d{18}").all()
    assert staff["nip"].is_unique
    assert units.loc[units["level"] != "pelaksana", "nip"].isna().all()


def test_the_pemda_ikus(city: Cascade) -> None:
    ind = city.indicators
    owner = ind["goal_id"].map(city.goals.set_index("goal_id")["unit_id"])
    iku = ind[ind["key"] & (owner == "PEMKO")].set_index("name")["polarity"]
    expected = {
        "Indeks Pembangunan Manusia (IPM)": "maximize",
        "Angka kemiskinan (persentase penduduk miskin)": "minimize",
        "Tingkat Pengangguran Terbuka (TPT)": "minimize",
        "Laju inflasi (year on year)": "stabilize",
        "Angka Harapan Hidup (AHH)": "maximize",
        "Rata-rata Lama Sekolah (RLS)": "maximize",
        "Indeks Risiko Bencana (IRB)": "minimize",
        "Prevalensi balita stunting": "minimize",
    }
    assert len(iku) == 14
    assert {name: iku[name] for name in expected} == expected


def test_range_targets(city: Cascade) -> None:
    targets = city.targets
    ranged = targets[targets["target_upper"].notna() & (targets["period"] == YEAR)]
    names = ranged["indicator_id"].map(city.indicators.set_index("indicator_id")["name"])
    bounds = dict(
        zip(names, zip(ranged["target"], ranged["target_upper"], strict=True), strict=True)
    )
    assert bounds["Laju inflasi (year on year)"] == (2, 4)
    assert len(bounds) >= 3
    polarities = set(
        ranged["indicator_id"].map(city.indicators.set_index("indicator_id")["polarity"])
    )
    assert {"stabilize", "minimize"} <= polarities


def test_one_declared_crosscutting_goal(city: Cascade) -> None:
    goals = city.goals.set_index("goal_id")
    cross = goals[goals["crosscutting"]]
    assert len(cross) == 1
    (goal_id,) = cross.index
    assert cross.loc[goal_id, "unit_id"] == "DINSOS"
    assert goals.loc[cross.loc[goal_id, "parent_goal_id"], "unit_id"] == "DINKES"


def test_a_mix_of_roles_and_aggregations(city: Cascade) -> None:
    ind = city.indicators
    assert set(ind["aggregation"]) == {"sum", "mean", "weighted_mean", "min", "max", "none"}
    assert set(ind["period_aggregation"]) == {"sum", "last", "mean"}
    roles = ind["role"].value_counts()
    assert roles["own"] >= 3
    assert roles["supporting"] >= 50
    assert roles["carrier"] >= 50


def test_extra_columns_are_partly_filled(city: Cascade) -> None:
    assert city.extra_columns("units") == ["jabatan", "nip"]
    assert city.extra_columns("goals") == ["keterangan"]
    assert city.extra_columns("indicators") == ["sumber_data"]
    for table, column in (("goals", "keterangan"), ("indicators", "sumber_data")):
        values = city.table(table)[column]
        assert values.notna().sum() >= 5, column
        assert values.isna().sum() >= 5, column


def test_every_indicator_has_an_annual_target_and_most_quarterly(city: Cascade) -> None:
    targets = city.targets
    per_period = targets.groupby("period", observed=True)["indicator_id"].nunique()
    assert per_period[YEAR] == len(city.indicators)
    assert all(per_period[q] >= 0.6 * len(city.indicators) for q in QUARTERS)
    assert not targets.duplicated(["indicator_id", "period"]).any()


def _annual_matches_quarters(frame: pd.DataFrame, column: str, how: pd.Series) -> list[str]:
    """Indicators whose annual value does not follow from its four quarters."""
    wide = frame.pivot_table(index="indicator_id", columns="period", values=column, observed=True)
    complete = wide[[YEAR, *QUARTERS]].dropna()
    wrong = []
    for indicator_id, row in complete.iterrows():
        quarters = [row[q] for q in QUARTERS]
        expected = {
            "sum": math.fsum(quarters),
            "last": quarters[-1],
            "mean": math.fsum(quarters) / 4,
        }[str(how[indicator_id])]
        if not _close(row[YEAR], expected):
            wrong.append(str(indicator_id))
    return wrong


def test_quarters_add_up_to_the_year(city: Cascade) -> None:
    how = city.indicators.set_index("indicator_id")["period_aggregation"]
    assert _annual_matches_quarters(city.targets, "target", how) == []
    assert _annual_matches_quarters(city.realisations, "value", how) == []


def test_two_indicators_have_no_data_on_purpose(city: Cascade) -> None:
    """The IKLH and the IKD are not published yet; every other indicator has a figure."""
    reported = set(city.realisations["indicator_id"])
    ind = city.indicators
    measured_alone = ind["aggregation"] == "none"
    silent = ind.loc[measured_alone & ~ind["indicator_id"].isin(reported), "indicator_id"]
    assert sorted(silent) == ["BPBD-T1-I1", "PEMKO-T3-I1"]
    assert len(city.realisations["indicator_id"].unique()) >= 0.8 * len(ind)


def test_budgets(city: Cascade) -> None:
    budgets = city.budgets.set_index("goal_id")
    goals = city.goals.set_index("goal_id")
    funded_kinds = {"sasaran_program", "sasaran_kegiatan", "sasaran_subkegiatan"}
    assert set(budgets.index) == set(goals.index[goals["kind"].isin(funded_kinds)])
    assert budgets.index.is_unique
    assert (budgets["period"] == YEAR).all()
    assert (budgets["spent"] <= budgets["allocated"]).all()
    programs = budgets.loc[goals.loc[budgets.index, "kind"] == "sasaran_program", "allocated"]
    assert programs.between(1e9, 20e9).all()
    for goal_id in budgets.index:
        children = [c for c in city.children(goal_id, kind="goal") if c in budgets.index]
        if children and goals.loc[goal_id, "kind"] != "sasaran_subkegiatan":
            for column in ("allocated", "spent"):
                total = budgets.loc[children, column].sum()
                assert _close(budgets.loc[goal_id, column], total), (goal_id, column)


def _achievement(city: Cascade) -> pd.Series:
    """Mean annual achievement (as a fraction) of each agency's point-target indicators."""
    ind = city.indicators.set_index("indicator_id")
    targets = city.targets[(city.targets["period"] == YEAR) & city.targets["target_upper"].isna()]
    real = city.realisations[city.realisations["period"] == YEAR]
    both = targets.merge(real, on=["indicator_id", "period"])
    ratio = both["value"] / both["target"]
    minimize = both["indicator_id"].map(ind["polarity"]).eq("minimize").to_numpy()
    achievement = pd.Series(np.where(minimize, 2 - ratio, ratio), index=both.index)
    owner = (
        both["indicator_id"].map(ind["goal_id"]).map(city.goals.set_index("goal_id")["unit_id"])
    )
    agency = owner.str.split("-").str[0].replace({"KEC": "KEC-CONTOH"})
    return achievement.groupby(agency).mean()


def test_the_story_one_agency_is_well_behind(city: Cascade) -> None:
    achievement = _achievement(city)
    assert 0.6 <= achievement["DINASPU"] <= 0.8
    others = achievement.drop(["DINASPU", "PEMKO"])
    assert others.between(0.8, 1.1).all(), others


# --------------------------------------------------------------------------- the rules


def test_the_clean_city_passes_every_rule(city: Cascade) -> None:
    assert findings(city) == set()


def test_the_checker_agrees_the_clean_city_is_clean(city: Cascade) -> None:
    from cascade.checks import check

    assert check(city).findings == []


@pytest.fixture(scope="module")
def found(broken: Cascade) -> set[Finding]:
    return findings(broken)


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.check)
def test_each_defect_is_found(defect: cascade.datasets.Defect, found: set[Finding]) -> None:
    assert (defect.check, defect.subject_id) in found


def test_the_defects_are_all_that_is_found(city: Cascade, found: set[Finding]) -> None:
    clean = findings(city)
    assert clean <= found
    assert found - clean == {(d.check, d.subject_id) for d in DEFECTS} | SIDE_FINDINGS


def test_side_findings_are_documented() -> None:
    described = " ".join(d.description for d in DEFECTS)
    for check, subject in SIDE_FINDINGS:
        assert check in described
        assert subject in described


# --------------------------------------------------------------------------- the defects


def test_one_defect_per_check() -> None:
    checks = [d.check for d in DEFECTS]
    assert len(checks) == len(set(checks))
    assert set(checks) <= set(CHECKS)
    assert set(CHECKS) - set(checks) == set()


def test_defect_subjects_exist(broken: Cascade) -> None:
    for defect in DEFECTS:
        table, key = {
            "unit": ("units", "unit_id"),
            "goal": ("goals", "goal_id"),
            "indicator": ("indicators", "indicator_id"),
        }[defect.subject_kind]
        ids = set(broken.table(table)[key])
        if defect.check == "dangling-reference":
            assert defect.subject_id not in ids
            referenced = set(broken.realisations["indicator_id"]) | set(
                broken.indicators["parent_indicator_id"].dropna()
            )
            assert defect.subject_id in referenced
        else:
            assert defect.subject_id in ids, defect


def test_defects_table() -> None:
    frame = example_defects()
    assert list(frame.columns) == ["check", "subject_kind", "subject_id", "description"]
    assert frame.to_dict("records") == [d.model_dump() for d in DEFECTS]


def test_defects_are_frozen() -> None:
    with pytest.raises(pydantic.ValidationError):
        DEFECTS[0].check = "cycle"  # type: ignore[misc]


def test_the_module_docstring_lists_every_defect() -> None:
    doc = cascade.datasets.__doc__ or ""
    for defect in DEFECTS:
        assert defect.check in doc
        assert defect.subject_id in doc
