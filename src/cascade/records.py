"""Typed records: one row of each table of the cascade, as a pydantic model.

A :class:`~cascade.Cascade` holds its tables columnar; these records are the row-at-a-time view
for code that builds a cascade by hand (:meth:`Cascade.from_records`), looks one thing up
(:meth:`Cascade.goal`) or exchanges single rows with another tool. Field names are the
workbook's column names (``domain.md`` section 3); extra fields are allowed and kept, like the
extra columns of a workbook.

Vocabulary
----------
unit (unit kerja, pemilik)
    An owner of goals: the pemda, a perangkat daerah, an administrator or pengawas unit, or
    one employee (pelaksana).
goal (sasaran)
    A tujuan, sasaran or rencana hasil kerja, owned by one unit, cascading from a parent goal.
indicator (indikator kinerja)
    A measure of one goal, cascading from a parent indicator.
target, realisation (target, realisasi)
    Numbers per indicator and period; a range target has ``target_upper``.
budget (anggaran)
    Allocated (pagu) and spent (realisasi anggaran) rupiah per goal and period.

>>> Indicator(
...     indicator_id="I-1",
...     goal_id="S-1",
...     name="Angka kemiskinan",
...     measure_unit="persen",
...     polarity="turun",
... ).polarity
<Polarity.MINIMIZE: 'minimize'>
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, model_validator

from cascade.enums import Aggregation, GoalKind, Level, PeriodAggregation, Polarity, Role
from cascade.period import Period

__all__ = ["Budget", "Goal", "Indicator", "Realisation", "Record", "Target", "Unit"]

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _enum_alias(enum_cls: Any) -> BeforeValidator:
    def parse(value: object) -> object:
        return enum_cls.parse(value) if isinstance(value, str) else value

    return BeforeValidator(parse)


LevelField = Annotated[Level, _enum_alias(Level)]
GoalKindField = Annotated[GoalKind, _enum_alias(GoalKind)]
PolarityField = Annotated[Polarity, _enum_alias(Polarity)]
AggregationField = Annotated[Aggregation, _enum_alias(Aggregation)]
PeriodAggregationField = Annotated[PeriodAggregation, _enum_alias(PeriodAggregation)]
RoleField = Annotated[Role, _enum_alias(Role)]


class Record(BaseModel):
    """Base of the row records: frozen, extra fields kept."""

    model_config = ConfigDict(frozen=True, extra="allow", use_enum_values=False)


class Unit(Record):
    """An owner: the pemda, an agency, a unit or an employee (one row of ``units``)."""

    unit_id: Id
    name: str | None
    parent_id: Id | None = None
    level: LevelField


class Goal(Record):
    """A goal (sasaran): one row of ``goals``."""

    goal_id: Id
    unit_id: Id
    parent_goal_id: Id | None = None
    statement: str | None
    kind: GoalKindField | None = None
    crosscutting: bool = False


class Indicator(Record):
    """A performance indicator (indikator kinerja): one row of ``indicators``."""

    indicator_id: Id
    goal_id: Id
    parent_indicator_id: Id | None = None
    name: str | None
    measure_unit: str | None
    polarity: PolarityField = Polarity.MAXIMIZE
    aggregation: AggregationField = Aggregation.NONE
    period_aggregation: PeriodAggregationField = PeriodAggregation.LAST
    role: RoleField = Role.CARRIER
    weight: float = 1.0
    key: bool = False


class Target(Record):
    """A target for one indicator and period; a range target also has ``target_upper``."""

    indicator_id: Id
    period: Period
    target: float
    target_upper: float | None = None

    @model_validator(mode="after")
    def _upper_not_below(self) -> Self:
        if self.target_upper is not None and self.target_upper < self.target:
            msg = f"target_upper {self.target_upper} is below the target {self.target}"
            raise ValueError(msg)
        return self


class Realisation(Record):
    """A measured realisation (realisasi) for one indicator and period."""

    indicator_id: Id
    period: Period
    value: float


class Budget(Record):
    """Allocated (pagu) and spent (realisasi anggaran) rupiah for one goal and period."""

    goal_id: Id
    period: Period
    allocated: float
    spent: float | None = None


#: The record type of each table.
RECORD_TYPES: dict[str, type[Record]] = {
    "units": Unit,
    "goals": Goal,
    "indicators": Indicator,
    "targets": Target,
    "realisations": Realisation,
    "budgets": Budget,
}
