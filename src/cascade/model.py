"""The :class:`Cascade`: the six tables of a performance cascade, held columnar.

Vocabulary
----------
cascade (penjenjangan kinerja)
    Goals, indicators and targets broken down from the pemda through its agencies and units to
    individual employees, with realisations and budgets. Here: six tables (``units``,
    ``goals``, ``indicators``, ``targets``, ``realisations``, ``budgets``; see
    :mod:`cascade.schema`).
hierarchy
    Three trees live in a cascade: owners (``units``, by ``parent_id``), goals (by
    ``parent_goal_id``) and indicators (by ``parent_indicator_id``). Navigation methods take
    an id and a ``kind`` (``unit``, ``goal`` or ``indicator``); the kind can be left out when
    the id is in only one table.
path
    The ids from the root of a hierarchy down to a node, inclusive.
sub-cascade
    One owner with every owner below it, their goals and indicators, and those indicators'
    targets and realisations and those goals' budgets.

A cascade is immutable: its tables come back as copies (cheap, copy-on-write), and
navigation indexes are built once, on first use, with numpy over whole columns, so a
million-indicator province loads and answers quickly.

Consistency problems (duplicate ids, dangling references, cycles, orphans) are *not* refused
here: they are the checker's findings. Navigation stays defined on such data: a duplicated id
resolves to its first row, a dangling parent ends a path, a cycle ends a walk.

Examples
--------
>>> import pandas as pd
>>> c = Cascade(
...     units=pd.DataFrame(
...         {
...             "unit_id": ["PEMKO", "DINKES"],
...             "name": ["Pemerintah Kota", "Dinas Kesehatan"],
...             "parent_id": [None, "PEMKO"],
...             "level": ["pemda", "OPD"],
...         }
...     ),
...     goals=pd.DataFrame(
...         {
...             "goal_id": ["S1", "S1.1"],
...             "unit_id": ["PEMKO", "DINKES"],
...             "parent_goal_id": [None, "S1"],
...             "statement": ["Meningkatnya derajat kesehatan", "Meningkatnya layanan kesehatan"],
...         }
...     ),
...     indicators=pd.DataFrame(
...         {
...             "indicator_id": ["I1", "I1.1"],
...             "goal_id": ["S1", "S1.1"],
...             "parent_indicator_id": [None, "I1"],
...             "name": ["AHH", "Cakupan layanan"],
...             "satuan": ["tahun", "persen"],
...         }
...     ),
... )
>>> c
<Cascade: 2 units, 2 goals, 2 indicators, 0 targets, 0 realisations, 0 budgets>
>>> c.path("I1.1")
['I1', 'I1.1']
>>> c.unit("DINKES").level
<Level.PERANGKAT_DAERAH: 'perangkat_daerah'>
>>> c.indicators["measure_unit"].tolist()
['tahun', 'persen']
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload

import numpy as np
import pandas as pd
from pydantic import ValidationError

from cascade._index import IdIndex
from cascade._normalise import TableSource, normalise_tables, period_categorical
from cascade._tree import Tree
from cascade.errors import InputError, InputProblem, UnknownIdError, UsageError
from cascade.period import Period, period_sort_key
from cascade.records import RECORD_TYPES, Goal, Indicator, Record, Unit
from cascade.schema import TABLE_NAMES, TABLES

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Cascade", "Kind"]

Kind = Literal["unit", "goal", "indicator"]
_KIND_TABLE: dict[str, tuple[str, str, str]] = {
    # kind: (table, id column, parent column)
    "unit": ("units", "unit_id", "parent_id"),
    "goal": ("goals", "goal_id", "parent_goal_id"),
    "indicator": ("indicators", "indicator_id", "parent_indicator_id"),
}
_GRAPH_KIND = {"units": "unit", "goals": "goal", "indicators": "indicator"}
R = TypeVar("R", bound=Record)

FrameLike = pd.DataFrame | Iterable[Mapping[str, Any]]


class Cascade:
    """A performance cascade: six tables held as pandas DataFrames.

    Build one from DataFrames (or anything :class:`pandas.DataFrame` accepts, such as a list
    of dicts) with the columns of :mod:`cascade.schema`, from records with
    :meth:`from_records`, or from a file with :meth:`read`. Indonesian headers, enum words
    and number text are accepted, as in a workbook.

    Parameters
    ----------
    units, goals, indicators
        The required tables.
    targets, realisations, budgets
        The optional tables; ``None`` is an empty table.

    Raises
    ------
    InputError
        If a table cannot be read; it lists every bad cell with its row (the frame's index
        label) and column.
    UsageError
        If a table is neither a DataFrame nor an iterable of row mappings (a path, a
        number, a list holding something that is not a mapping).
    """

    def __init__(
        self,
        units: FrameLike,
        goals: FrameLike,
        indicators: FrameLike,
        targets: FrameLike | None = None,
        realisations: FrameLike | None = None,
        budgets: FrameLike | None = None,
    ) -> None:
        given = {
            "units": units,
            "goals": goals,
            "indicators": indicators,
            "targets": targets,
            "realisations": realisations,
            "budgets": budgets,
        }
        raw = {name: _as_frame(value, name) for name, value in given.items()}
        self._tables = normalise_tables(raw)

    @classmethod
    def _from_tables(
        cls,
        tables: Mapping[str, pd.DataFrame | None],
        *,
        sources: Mapping[str, TableSource] | None = None,
        source: str | None = None,
    ) -> Cascade:
        """Build from raw tables read from a file (used by the readers)."""
        self = cls.__new__(cls)
        self._tables = normalise_tables(tables, sources=sources, source=source)
        return self

    @classmethod
    def _from_canonical(cls, tables: Mapping[str, pd.DataFrame]) -> Cascade:
        """Wrap tables already in canonical form, without parsing them again."""
        self = cls.__new__(cls)
        self._tables = {name: tables[name].reset_index(drop=True) for name in TABLE_NAMES}
        for name in ("targets", "realisations", "budgets"):
            frame = self._tables[name]
            if len(frame) or frame["period"].cat.categories.size:
                frame["period"] = period_categorical(frame["period"].astype(object))
        return self

    @classmethod
    def from_records(
        cls,
        units: Iterable[Unit | Mapping[str, Any]],
        goals: Iterable[Goal | Mapping[str, Any]],
        indicators: Iterable[Indicator | Mapping[str, Any]],
        targets: Iterable[Record | Mapping[str, Any]] = (),
        realisations: Iterable[Record | Mapping[str, Any]] = (),
        budgets: Iterable[Record | Mapping[str, Any]] = (),
    ) -> Cascade:
        """Build a cascade from records (:mod:`cascade.records`) or plain dicts.

        Each record is validated by its pydantic model first; every invalid field of every
        record is reported in one :class:`~cascade.errors.InputError`, with the table, the
        record's position (0-based) and the field.

        Examples
        --------
        >>> from cascade.records import Goal, Indicator, Unit
        >>> c = Cascade.from_records(
        ...     units=[Unit(unit_id="P", name="Pemko", level="pemda")],
        ...     goals=[Goal(goal_id="G", unit_id="P", statement="Tujuan", kind="tujuan")],
        ...     indicators=[
        ...         {
        ...             "indicator_id": "I",
        ...             "goal_id": "G",
        ...             "name": "IPM",
        ...             "measure_unit": "indeks",
        ...             "key": True,
        ...         }
        ...     ],
        ...     targets=[{"indicator_id": "I", "period": "2024", "target": 75.5}],
        ... )
        >>> c.targets.to_dict("records")
        [{'indicator_id': 'I', 'period': '2024', 'target': 75.5, 'target_upper': nan}]
        """
        given = {
            "units": units,
            "goals": goals,
            "indicators": indicators,
            "targets": targets,
            "realisations": realisations,
            "budgets": budgets,
        }
        raw: dict[str, pd.DataFrame] = {}
        problems: list[InputProblem] = []
        for name, rows in given.items():
            dumped = _validated(RECORD_TYPES[name], rows, name, problems)
            frame = pd.DataFrame(dumped, columns=None if dumped else TABLES[name].column_names)
            raw[name] = frame
        if problems:
            raise InputError(problems)
        return cls._from_tables(raw)

    @classmethod
    def read(cls, path: str | os.PathLike[str], **options: Any) -> Cascade:
        """Read a workbook; see :func:`cascade.io.read`."""
        from cascade.io import read

        return read(path, **options)

    def write(self, path: str | os.PathLike[str], **options: Any) -> Path:
        """Write this cascade as a workbook; see :func:`cascade.io.write`.

        Returns the path written.
        """
        from cascade.io import write

        return write(self, path, **options)

    # ------------------------------------------------------------------ tables

    @property
    def units(self) -> pd.DataFrame:
        """Owners: ``unit_id``, ``name``, ``parent_id``, ``level`` and extra columns."""
        return self.table("units")

    @property
    def goals(self) -> pd.DataFrame:
        """Goals: ``goal_id``, ``unit_id``, ``parent_goal_id``, ``statement``, ``kind``, …."""
        return self.table("goals")

    @property
    def indicators(self) -> pd.DataFrame:
        """Indicators: ``indicator_id``, ``goal_id``, ``parent_indicator_id``, ``name``, …."""
        return self.table("indicators")

    @property
    def targets(self) -> pd.DataFrame:
        """Targets: ``indicator_id``, ``period``, ``target``, ``target_upper``."""
        return self.table("targets")

    @property
    def realisations(self) -> pd.DataFrame:
        """Realisations: ``indicator_id``, ``period``, ``value``."""
        return self.table("realisations")

    @property
    def budgets(self) -> pd.DataFrame:
        """Budgets: ``goal_id``, ``period``, ``allocated``, ``spent``."""
        return self.table("budgets")

    def table(self, name: str) -> pd.DataFrame:
        """One table by name, as a DataFrame you may change freely (a copy)."""
        if name not in self._tables:
            msg = f"unknown table {name!r}: expected one of {', '.join(TABLE_NAMES)}"
            raise UsageError(msg)
        return self._tables[name].copy(deep=False)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """All six tables by name, in workbook order."""
        return {name: self.table(name) for name in TABLE_NAMES}

    def extra_columns(self, table: str) -> list[str]:
        """The columns of ``table`` that the format does not define, in their order."""
        core = set(TABLES[table].column_names) if table in TABLES else set()
        return [c for c in self.table(table).columns if c not in core]

    @property
    def periods(self) -> list[Period]:
        """Every period with a target, a realisation or a budget, in order."""
        found: set[str] = set()
        for name in ("targets", "realisations", "budgets"):
            found.update(str(p) for p in self._tables[name]["period"].dropna().unique())
        return [Period.parse(p) for p in sorted(found, key=period_sort_key)]

    def __len__(self) -> int:
        """Number of indicators."""
        return len(self._tables["indicators"])

    def __repr__(self) -> str:
        sizes = ", ".join(f"{len(self._tables[n])} {n}" for n in TABLE_NAMES)
        return f"<Cascade: {sizes}>"

    def _repr_html_(self) -> str:
        """A notebook summary: sizes, owners by level, goals by kind, periods."""
        from cascade._html import render_cascade

        return render_cascade(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cascade):
            return NotImplemented
        return self.equals(other)

    __hash__ = None  # type: ignore[assignment]

    def equals(self, other: Cascade) -> bool:
        """Whether both cascades hold identical tables: columns, dtypes, values and row order."""
        for name in TABLE_NAMES:
            mine, theirs = self._tables[name], other._tables[name]
            if list(mine.columns) != list(theirs.columns) or not mine.dtypes.equals(theirs.dtypes):
                return False
            if not mine.equals(theirs):
                return False
        return True

    def counts(self) -> dict[str, Any]:
        """Sizes for a summary: rows per table, owners per level, goals per kind, periods.

        Examples
        --------
        >>> from cascade.datasets import load_example
        >>> load_example().counts()["tables"]["units"] > 0
        True
        """
        units, goals = self._tables["units"], self._tables["goals"]
        return {
            "tables": {name: len(self._tables[name]) for name in TABLE_NAMES},
            "units_by_level": {
                str(k): int(v) for k, v in units["level"].value_counts(sort=False).items()
            },
            "goals_by_kind": {
                **{str(k): int(v) for k, v in goals["kind"].value_counts(sort=False).items()},
                "unspecified": int(goals["kind"].isna().sum()),
            },
            "key_indicators": int(self._tables["indicators"]["key"].sum()),
            "periods": [str(p) for p in self.periods],
        }

    # -------------------------------------------------------------- navigation

    @functools.cached_property
    def _index(self) -> IdIndex:
        """Row references of every id column, from one encoding per hierarchy."""
        return IdIndex(self._tables)

    @functools.cached_property
    def _memo(self) -> dict[str, Any]:
        """Derived data every check run of this cascade shares, by name.

        The targets' documents and their order: filled by the first run that needs them.
        """
        return {}

    @functools.cached_property
    def _copies(self) -> dict[str, np.ndarray]:
        """Per hierarchy, the rows that repeat an id of an earlier row (``duplicate-id``)."""
        out: dict[str, np.ndarray] = {}
        for kind, (table, id_col, _) in _KIND_TABLE.items():
            first = self._index.rows(table, id_col)
            out[kind] = (first >= 0) & (first != np.arange(len(first)))
        return out

    @functools.cached_property
    def _trees(self) -> dict[str, Tree]:
        """The three hierarchies.

        A row that repeats an earlier row's id stays out of its tree (no parent, nobody's
        child): every reference to the id means the first row, and the repeat is reported
        once, as ``duplicate-id``, not again as an orphan or as a second child in a roll-up.
        """
        trees: dict[str, Tree] = {}
        for kind, (table, id_col, parent_col) in _KIND_TABLE.items():
            parent = self._index.rows(table, parent_col).copy()
            parent[self._copies[kind]] = -1
            trees[kind] = Tree(self._tables[table][id_col], parent)
        return trees

    def _tree(self, kind: str) -> Tree:
        return self._trees[kind]

    def _locate(self, node_id: str, kind: Kind | None) -> tuple[str, int]:
        """The kind and row of ``node_id``; infers the kind when it is unambiguous."""
        if kind is not None:
            if kind not in _KIND_TABLE:
                msg = f"unknown kind {kind!r}: expected unit, goal or indicator"
                raise UsageError(msg)
            row = self._tree(kind).row(node_id)
            if row is None:
                msg = f"no {kind} with id {node_id!r}"
                raise UnknownIdError(msg)
            return kind, row
        hits = [(k, r) for k in _KIND_TABLE if (r := self._tree(k).row(node_id)) is not None]
        if not hits:
            msg = f"no unit, goal or indicator with id {node_id!r}"
            raise UnknownIdError(msg)
        if len(hits) > 1:
            kinds = " and ".join(k for k, _ in hits)
            msg = f"id {node_id!r} is both a {kinds}: pass kind= to say which"
            raise UsageError(msg)
        return hits[0]

    def _ids(self, kind: str, rows: Iterable[int] | np.ndarray) -> list[str]:
        return self._tree(kind).id_of(list(rows))

    def kind_of(self, node_id: str) -> Kind:
        """Which table holds ``node_id``: ``unit``, ``goal`` or ``indicator``."""
        return cast("Kind", self._locate(node_id, None)[0])

    def parent(self, node_id: str, *, kind: Kind | None = None) -> str | None:
        """The parent's id, or ``None`` for a root or a parent id that does not exist."""
        k, row = self._locate(node_id, kind)
        parent = int(self._tree(k).parent[row])
        return None if parent < 0 else self._tree(k).id_of([parent])[0]

    def children(self, node_id: str, *, kind: Kind | None = None) -> list[str]:
        """Ids of the direct children, in table order."""
        k, row = self._locate(node_id, kind)
        return self._ids(k, self._tree(k).children_rows(np.array([row])))

    def ancestors(self, node_id: str, *, kind: Kind | None = None) -> list[str]:
        """Ids above ``node_id``, nearest first, up to its root."""
        k, row = self._locate(node_id, kind)
        return self._ids(k, self._tree(k).ancestor_rows(row))

    def path(self, node_id: str, *, kind: Kind | None = None) -> list[str]:
        """Ids from the root down to ``node_id``, inclusive."""
        k, row = self._locate(node_id, kind)
        rows = [row, *self._tree(k).ancestor_rows(row)]
        return self._ids(k, reversed(rows))

    def descendants(self, node_id: str, *, kind: Kind | None = None) -> list[str]:
        """Ids below ``node_id``, breadth first."""
        k, row = self._locate(node_id, kind)
        return self._ids(k, self._tree(k).descendant_rows(row))

    def depth(self, kind: Kind) -> pd.Series:
        """Depth of every row of a hierarchy (roots 0; -1 on or below a cycle)."""
        table = _KIND_TABLE[kind][0]
        return pd.Series(self._tree(kind).depth, index=self._tables[table].index, name="depth")

    # ----------------------------------------------------------------- records

    def _record(self, model: type[R], kind: Kind, node_id: str) -> R:
        _, row = self._locate(node_id, kind)
        table = self._tables[_KIND_TABLE[kind][0]]
        values = {k: _plain(v) for k, v in table.iloc[row].to_dict().items()}
        return model.model_validate(values)

    def unit(self, unit_id: str) -> Unit:
        """The owner ``unit_id`` as a record."""
        return self._record(Unit, "unit", unit_id)

    def goal(self, goal_id: str) -> Goal:
        """The goal ``goal_id`` as a record."""
        return self._record(Goal, "goal", goal_id)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator ``indicator_id`` as a record."""
        return self._record(Indicator, "indicator", indicator_id)

    def goals_of(self, unit_id: str) -> list[str]:
        """Ids of the goals owned by ``unit_id``, in table order."""
        self._locate(unit_id, "unit")
        goals = self._tables["goals"]
        return goals.loc[goals["unit_id"] == unit_id, "goal_id"].tolist()

    def indicators_of(self, goal_id: str) -> list[str]:
        """Ids of the indicators of ``goal_id``, in table order."""
        self._locate(goal_id, "goal")
        ind = self._tables["indicators"]
        return ind.loc[ind["goal_id"] == goal_id, "indicator_id"].tolist()

    def owner_of(self, node_id: str, *, kind: Kind | None = None) -> str:
        """The unit that owns a goal or an indicator (through its goal); a unit owns itself."""
        k, row = self._locate(node_id, kind)
        if k == "unit":
            return node_id
        if k == "indicator":
            node_id = str(self._tables["indicators"]["goal_id"].iat[row])
        return str(self._tables["goals"].loc[self._goal_row(node_id), "unit_id"])

    def _goal_row(self, goal_id: str) -> int:
        row = self._tree("goal").row(goal_id)
        if row is None:
            msg = f"no goal with id {goal_id!r}"
            raise UnknownIdError(msg)
        return row

    # ------------------------------------------------------------ sub-cascade

    def subcascade(self, unit_id: str) -> Cascade:
        """The owner ``unit_id`` with everything below it.

        Keeps the owner and its descendants, their goals and indicators, the targets and
        realisations of those indicators and the budgets of those goals, in table order.
        References that point outside (the agency's own ``parent_id``, the pemda goal its
        sasaran cascade from) are kept as written, so nothing about a row changes.

        Examples
        --------
        >>> from cascade.datasets import load_example
        >>> city = load_example()
        >>> dinkes = city.subcascade("DINKES")
        >>> set(dinkes.units["level"]) <= {
        ...     "perangkat_daerah",
        ...     "administrator",
        ...     "pengawas",
        ...     "pelaksana",
        ... }
        True
        """
        _, row = self._locate(unit_id, "unit")
        tree = self._tree("unit")
        keep_units = np.zeros(len(tree), dtype=bool)
        keep_units[row] = True
        keep_units[tree.descendant_rows(row)] = True
        t = self._tables
        unit_ids = t["units"]["unit_id"][keep_units]
        goals_mask = t["goals"]["unit_id"].isin(unit_ids).to_numpy()
        goal_ids = t["goals"]["goal_id"][goals_mask]
        ind_mask = t["indicators"]["goal_id"].isin(goal_ids).to_numpy()
        ind_ids = t["indicators"]["indicator_id"][ind_mask]
        return Cascade._from_canonical(
            {
                "units": t["units"][keep_units],
                "goals": t["goals"][goals_mask],
                "indicators": t["indicators"][ind_mask],
                "targets": t["targets"][t["targets"]["indicator_id"].isin(ind_ids)],
                "realisations": t["realisations"][t["realisations"]["indicator_id"].isin(ind_ids)],
                "budgets": t["budgets"][t["budgets"]["goal_id"].isin(goal_ids)],
            }
        )

    # ------------------------------------------------------------------ graph

    @overload
    def graph(self, which: Literal["units", "goals", "indicators"] = "goals") -> nx.DiGraph: ...
    @overload
    def graph(self, which: str) -> nx.DiGraph: ...

    def graph(self, which: str = "goals") -> nx.DiGraph:
        """One hierarchy as a :class:`networkx.DiGraph`, edges from parent to child.

        Each node carries its row's columns as attributes. A parent id that is not in the
        table still gets its edge, to a node with ``missing=True``, so the graph shows every
        link the data makes. This builds Python objects per node: use it for graph questions
        on a city or an agency, not as the way to process a province.

        Examples
        --------
        >>> from cascade.datasets import load_example
        >>> g = load_example().graph("units")
        >>> g.nodes["DINKES"]["level"]
        'perangkat_daerah'
        """
        import networkx as nx

        if which not in _GRAPH_KIND:
            msg = f"unknown hierarchy {which!r}: expected units, goals or indicators"
            raise UsageError(msg)
        _, id_col, parent_col = _KIND_TABLE[_GRAPH_KIND[which]]
        table = self._tables[which]
        graph = nx.DiGraph(kind=_GRAPH_KIND[which])
        records = table.astype(object).where(table.notna(), None).to_dict("records")
        seen: set[object] = set()
        for record in records:  # a duplicated id keeps its first row, as lookups do
            if record[id_col] not in seen:
                seen.add(record[id_col])
                graph.add_node(record[id_col], **{str(k): v for k, v in record.items()})
        linked = table[table[parent_col].notna()]
        for parent in set(linked[parent_col]) - set(table[id_col]):
            graph.add_node(parent, missing=True)
        graph.add_edges_from(zip(linked[parent_col], linked[id_col], strict=True))
        return graph


def _as_frame(value: FrameLike | None, table: str) -> pd.DataFrame | None:
    """A DataFrame from what the user passed; an empty list is an empty table.

    Anything but a DataFrame, ``None`` or an iterable of row mappings (a number, a path, a
    string, a list holding something that is not a mapping) is a :class:`UsageError` that
    names the table and, for a bad row, its position.
    """
    if value is None or isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, str | bytes | os.PathLike) or not isinstance(value, Iterable):
        path_like = isinstance(value, str | os.PathLike)
        hint = " (to read a file, use cascade.read)" if path_like else ""
        msg = (
            f"table {table}: expected a DataFrame or an iterable of rows (mappings of column "
            f"to value), got {type(value).__name__}{hint}"
        )
        raise UsageError(msg)
    rows: list[object] = list(value)  # typed loosely: callers pass anything
    for position, row in enumerate(rows):
        if not isinstance(row, Mapping):
            msg = (
                f"table {table}, row {position}: expected a mapping of column to value, "
                f"got {type(row).__name__}"
            )
            raise UsageError(msg)
    if not rows:
        return pd.DataFrame(columns=TABLES[table].column_names)
    return pd.DataFrame(rows)


def _validated(
    model: type[Record], rows: Iterable[Any], table: str, problems: list[InputProblem]
) -> list[dict[str, Any]]:
    """Each valid record as a JSON-mode dict; each invalid field added to ``problems``.

    A record that is already an instance of ``model`` is taken as it is; anything else is
    validated by the model, and each pydantic error becomes an :class:`InputProblem` with
    the table, the record's position (0-based) and the field.
    """
    if isinstance(rows, str | bytes | os.PathLike) or not isinstance(rows, Iterable):
        msg = f"table {table}: expected an iterable of records, got {type(rows).__name__}"
        raise UsageError(msg)
    dumped: list[dict[str, Any]] = []
    for position, row in enumerate(rows):
        if isinstance(row, model):
            dumped.append(row.model_dump(mode="json"))
            continue
        try:
            dumped.append(model.model_validate(row).model_dump(mode="json"))
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(part) for part in error["loc"]) or None
                given = error.get("input")
                problems.append(
                    InputProblem(
                        table=table,
                        row=position,
                        column=field,
                        value=None if isinstance(given, Mapping) else repr(given)[:80],
                        message=error["msg"],
                    )
                )
    return dumped


def _plain(value: object) -> object:
    """A table cell as a plain Python value for a record (NaN → None, numpy → Python)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value
