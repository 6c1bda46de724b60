"""A tiny, fully consistent cascade for rule tests, as plain DataFrames to mutate.

``base()`` returns fresh tables of a minimal city: a pemda with one tujuan and one sasaran,
one agency with a sasaran program, an administrator unit (kegiatan), a pengawas unit (sub
kegiatan) and one employee (RHK). Every goal has one indicator cascading from the one above
it (carrier, ``sum`` down to the employee so targets split exactly), a 2024 target and
realisation, and a budget for the program, kegiatan and sub kegiatan. ``check`` finds nothing
in it; each rule case changes the least needed to trigger one finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from cascade import Cascade

Tables = dict[str, pd.DataFrame]


def base() -> Tables:
    units = pd.DataFrame(
        {
            "unit_id": ["PEMKO", "DINKES", "BID", "SEKSI", "ASN"],
            "name": ["Pemko", "Dinas Kesehatan", "Bidang P2P", "Seksi Surveilans", "Budi"],
            "parent_id": [None, "PEMKO", "DINKES", "BID", "SEKSI"],
            "level": ["pemda", "perangkat_daerah", "administrator", "pengawas", "pelaksana"],
        }
    )
    goals = pd.DataFrame(
        {
            "goal_id": ["T1", "S1", "P1", "K1", "SK1", "R1"],
            "unit_id": ["PEMKO", "PEMKO", "DINKES", "BID", "SEKSI", "ASN"],
            "parent_goal_id": [None, "T1", "S1", "P1", "K1", "SK1"],
            "statement": [
                "Meningkatnya derajat kesehatan",
                "Menurunnya angka kesakitan",
                "Meningkatnya layanan pencegahan",
                "Terlaksananya surveilans",
                "Tersedianya data surveilans",
                "Terlaporkannya kasus",
            ],
            "kind": [
                "tujuan",
                "sasaran_strategis",
                "sasaran_program",
                "sasaran_kegiatan",
                "sasaran_subkegiatan",
                "rencana_hasil_kerja",
            ],
            "crosscutting": [False] * 6,
        }
    )
    indicators = pd.DataFrame(
        {
            "indicator_id": ["I-T1", "I-S1", "I-P1", "I-K1", "I-SK1", "I-R1"],
            "goal_id": ["T1", "S1", "P1", "K1", "SK1", "R1"],
            "parent_indicator_id": [None, "I-T1", "I-S1", "I-P1", "I-K1", "I-SK1"],
            "name": ["Kasus ditangani"] * 6,
            "measure_unit": ["kasus"] * 6,
            "polarity": ["maximize"] * 6,
            "aggregation": ["sum"] * 5 + ["none"],
            "period_aggregation": ["sum"] * 6,
            "role": ["carrier"] * 6,
            "weight": [1.0] * 6,
            "key": [True, True, False, False, False, False],
        }
    )
    ids = indicators["indicator_id"].tolist()
    targets = pd.DataFrame({"indicator_id": ids, "period": "2024", "target": 120.0})
    realisations = pd.DataFrame({"indicator_id": ids, "period": "2024", "value": 110.0})
    budgets = pd.DataFrame(
        {
            "goal_id": ["P1", "K1", "SK1"],
            "period": "2024",
            "allocated": [3e9, 1e9, 5e8],
            "spent": [2.7e9, 9e8, 4.5e8],
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


def build(tables: Tables) -> Cascade:
    return Cascade(**tables)


def add_row(frame: pd.DataFrame, **values: object) -> pd.DataFrame:
    """``frame`` with one more row (missing columns blank)."""
    return pd.concat([frame, pd.DataFrame([values])], ignore_index=True)


@dataclass
class Case:
    """One rule test case.

    ``tables`` is the input; ``expected`` the (rule name, subject id) pairs that must be found
    (for a failing case) — the case passes only if the rule's findings are exactly these.
    A passing case has ``expected`` empty: the rule must find nothing.
    """

    rule: str
    tables: Tables
    expected: set[tuple[str, str]] = field(default_factory=set)
    policy: dict[str, object] = field(default_factory=dict)
    period: str | None = None
    note: str = ""
    as_of: str | None = None


def add_target(t: Tables, indicator: str, period: str, target: float, **extra: object) -> None:
    """One more target row (``extra`` columns such as ``document`` beside it)."""
    t["targets"] = add_row(
        t["targets"], indicator_id=indicator, period=period, target=target, **extra
    )


def add_realisation(t: Tables, indicator: str, period: str, value: float) -> None:
    """One more realisation row."""
    t["realisations"] = add_row(
        t["realisations"], indicator_id=indicator, period=period, value=value
    )


def add_budget(t: Tables, goal: str, period: str, allocated: float) -> None:
    """One more budget line, nothing spent."""
    t["budgets"] = add_row(t["budgets"], goal_id=goal, period=period, allocated=allocated)


def plan(start: int, end: int, **evaluation: object) -> dict[str, object]:
    """A policy with the plan period and, if given, ``evaluation`` settings."""
    policy: dict[str, object] = {"plan_start": start, "plan_end": end}
    if evaluation:
        policy["evaluation"] = evaluation
    return policy


def add_iku(t: Tables, goal: str, indicator: str) -> None:
    """A key indicator (IKU) of ``goal``, minimize, with no target."""
    t["indicators"] = add_row(
        t["indicators"],
        indicator_id=indicator,
        goal_id=goal,
        name="Angka kesakitan",
        measure_unit="persen",
        polarity="minimize",
        role="own",
        key=True,
    )


#: The base city's indicators, from the pemda's tujuan down to the employee's RHK.
ALL_INDICATORS = ("I-T1", "I-S1", "I-P1", "I-K1", "I-SK1", "I-R1")


def add_rows(t: Tables, table: str, rows: list[dict[str, object]]) -> None:
    """Several more rows of ``table`` (missing columns blank)."""
    t[table] = pd.concat([t[table], pd.DataFrame(rows)], ignore_index=True)


def set_cell(t: Tables, table: str, indicator: str, period: str, column: str, new: object) -> None:
    """Set ``column`` on the row of ``table`` for ``indicator`` and ``period`` (it must exist)."""
    frame = t[table]
    mask = (frame["indicator_id"].to_numpy() == indicator) & (
        frame["period"].astype("str").to_numpy() == period
    )
    assert mask.any(), (table, indicator, period)
    frame.loc[mask, column] = new


def two_years(before: float = 100.0) -> Tables:
    """The base with 2023 targets of 120 and realisations of ``before`` beside 2024's."""
    t = base()
    targets = [{"indicator_id": i, "period": "2023", "target": 120.0} for i in ALL_INDICATORS]
    add_rows(t, "targets", targets)
    values = [{"indicator_id": i, "period": "2023", "value": before} for i in ALL_INDICATORS]
    add_rows(t, "realisations", values)
    return t


def add_unit(t: Tables, unit_id: str, parent: str | None, level: str) -> None:
    """One more unit, named after its id."""
    t["units"] = add_row(
        t["units"], unit_id=unit_id, name=unit_id.title(), parent_id=parent, level=level
    )


def add_goal(
    t: Tables,
    goal_id: str,
    unit: str,
    parent: str | None,
    kind: str | None,
    *,
    statement: str = "",
    crosscutting: bool = False,
) -> None:
    """One more goal; its statement a result ("Meningkatnya ...") unless given."""
    t["goals"] = add_row(
        t["goals"],
        goal_id=goal_id,
        unit_id=unit,
        parent_goal_id=parent,
        statement=statement or f"Meningkatnya {goal_id}",
        kind=kind,
        crosscutting=crosscutting,
    )


def add_indicator(
    t: Tables, indicator_id: str, goal: str, *periods: str, parent: str | None = None
) -> None:
    """An own indicator of ``goal`` with a target of 10 for each of ``periods``."""
    t["indicators"] = add_row(
        t["indicators"],
        indicator_id=indicator_id,
        goal_id=goal,
        parent_indicator_id=parent,
        name="Cakupan",
        measure_unit="persen",
        role="own",
        key=False,
    )
    for p in periods:
        add_target(t, indicator_id, p, 10.0)
