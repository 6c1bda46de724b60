"""Turn raw tables (as a reader or a user hands them over) into the canonical columnar form.

The canonical form of a table, which :class:`~cascade.Cascade` holds:

- the core columns of :data:`cascade.schema.TABLES` in canonical order and under their
  canonical names, then the extra columns in the order they came;
- a ``RangeIndex``; the rows in input order; nothing dropped;
- ids, references and descriptions as pandas text (``str``), blank as missing;
- enum columns as categoricals whose categories are all the enum's values, in declared order
  (ordered for ``level`` and ``kind``); periods as categoricals of their canonical text,
  sorted in period order; numbers as float64 (NaN = blank); yes/no as bool;
- an extra column is text when every value in it is text, else it keeps the values as they
  were read (numbers Excel stored as numbers stay numbers).

Every problem in every table is collected before anything is raised, so one
:class:`~cascade.errors.InputError` lists all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cascade import _parse
from cascade.enums import GoalKind, Level
from cascade.errors import InputError, InputProblem
from cascade.period import period_sort_key
from cascade.schema import REQUIRED_TABLES, TABLES, Column, TableSpec

__all__ = [
    "PROBLEMS_PER_COLUMN",
    "TableSource",
    "canonical_empty",
    "enum_dtype",
    "normalise_tables",
    "period_categorical",
]

#: At most this many bad cells are listed per column; the rest are counted in one more problem.
PROBLEMS_PER_COLUMN = 200
_MORE_CELLS = "more cells in this column cannot be read"


@dataclass(frozen=True)
class TableSource:
    """Where a raw table came from, for locating problems.

    Parameters
    ----------
    file
        The file (a workbook, or the table's own CSV file); ``None`` for a DataFrame.
    rows
        The row label the user sees for each row, in order (spreadsheet row numbers); ``None``
        to use the frame's index labels.
    """

    file: str | None = None
    rows: Sequence[int] | np.ndarray | None = None


def enum_dtype(column: Column) -> pd.CategoricalDtype:
    """The categorical dtype of an enum column: every value, in declared order."""
    assert column.enum is not None
    ordered = column.enum in (Level, GoalKind)
    return pd.CategoricalDtype([m.value for m in column.enum], ordered=ordered)


def period_categorical(values: pd.Series) -> pd.Series:
    """Canonical period text as a categorical sorted in period order."""
    present = sorted(set(values.dropna().unique()), key=period_sort_key)
    return pd.Series(pd.Categorical(values, categories=present), index=values.index)


def canonical_empty(spec: TableSpec) -> pd.DataFrame:
    """An empty canonical table."""
    return pd.DataFrame({c.name: _empty_column(c) for c in spec.columns})


def _empty_column(column: Column) -> pd.Series:
    if column.kind in ("id", "ref", "text"):
        return pd.Series([], dtype="str")
    if column.kind == "number":
        return pd.Series([], dtype="float64")
    if column.kind == "bool":
        return pd.Series([], dtype=bool)
    if column.kind == "enum":
        return pd.Series([], dtype=enum_dtype(column))
    return pd.Series(pd.Categorical([], categories=[]))


@dataclass
class _Collector:
    source: str | None
    problems: list[InputProblem] = field(default_factory=list)

    def add(self, **fields: object) -> None:
        self.problems.append(InputProblem.model_validate(fields))


def normalise_tables(
    raw: Mapping[str, pd.DataFrame | None],
    *,
    sources: Mapping[str, TableSource] | None = None,
    source: str | None = None,
) -> dict[str, pd.DataFrame]:
    """Normalise every table, collecting every problem, and raise once if there are any.

    Parameters
    ----------
    raw
        Tables by canonical name; a missing or ``None`` entry is an absent table.
    sources
        Where each table came from.
    source
        The file or folder read, for the error's summary line.

    Raises
    ------
    InputError
        Listing every problem found in every table.
    """
    sources = sources or {}
    out: dict[str, pd.DataFrame] = {}
    collector = _Collector(source)
    for name, spec in TABLES.items():
        frame = raw.get(name)
        where = sources.get(name, TableSource(file=source))
        if frame is None:
            if name in REQUIRED_TABLES:
                collector.add(
                    file=where.file,
                    table=name,
                    message=f"the required table {name} is missing "
                    f"(a sheet or file named {name}, or one of: {', '.join(spec.aliases)})",
                )
            out[name] = canonical_empty(spec)
            continue
        out[name] = _normalise_table(spec, frame, where, collector)
    if collector.problems:
        raise InputError(collector.problems, source=source)
    return out


def _row_label(frame: pd.DataFrame, where: TableSource, position: int) -> int | str:
    """The row the user sees for a 0-based position: a sheet row number or an index label."""
    if where.rows is not None:
        return int(where.rows[position])
    label = frame.index[position]
    if isinstance(label, np.integer):
        return int(label)
    return label if isinstance(label, int | str) else str(label)


def _normalise_table(
    spec: TableSpec, frame: pd.DataFrame, where: TableSource, collector: _Collector
) -> pd.DataFrame:
    n_before = len(collector.problems)

    def problem(row: int | None, column: str | None, value: str | None, message: str) -> None:
        collector.add(
            file=where.file,
            table=spec.name,
            row=None if row is None else _row_label(frame, where, row),
            column=column,
            value=value,
            message=message,
        )

    core, extras = _resolve_columns(spec, frame, problem)
    headers = {name: text for name, (_, text) in core.items()}
    data: dict[str, pd.Series] = {}
    for column in spec.columns:
        found = core.get(column.name)
        if found is None:
            if column.required:
                problem(None, column.name, None, f"the required column {column.name} is missing")
            data[column.name] = _absent_column(column, len(frame))
            continue
        position, header = found
        values = frame.iloc[:, position].reset_index(drop=True)
        if _report_cells(values, header, problem):
            data[column.name] = _absent_column(column, len(frame))
            continue
        data.update(_parse_column(spec, column, header, values, problem))
    kept: list[tuple[str, pd.Series]] = []
    for position, header in extras:
        values = frame.iloc[:, position].reset_index(drop=True)
        if not _report_cells(values, header, problem):
            kept.append((header, values))
    if len(collector.problems) == n_before:
        result = pd.DataFrame(data)
        if spec.name == "targets":
            _check_ranges(result, headers, problem)
    if len(collector.problems) > n_before:
        _sort_problems(
            collector.problems, n_before, [_parse.header_text(h) for h in frame.columns]
        )
        return canonical_empty(spec)
    for header, values in kept:
        result[header] = _extra_column(values)
    return result


def _report_cells(
    values: pd.Series,
    header: str,
    problem: Callable[[int | None, str | None, str | None, str], None],
) -> bool:
    """Report the cells no workbook can hold (see :func:`cascade._parse.check_cells`)."""
    bad = _parse.check_cells(values)
    _report(bad, header, problem)
    return len(bad) > 0


def _sort_problems(problems: list[InputProblem], start: int, headers: list[object]) -> None:
    """Order one table's problems by row label, then by column position (stable).

    Problems of a whole column (a missing column) come first; the count of a column's
    problems beyond :data:`PROBLEMS_PER_COLUMN` comes last, after the rows it follows.
    """
    position = {str(h): i for i, h in enumerate(headers)}

    def key(p: InputProblem) -> tuple[int, int, str, int]:
        row = p.row
        if row is None:
            group = 3 if p.message.endswith(_MORE_CELLS) else 0
            return (group, 0, "", position.get(p.column or "", -1))
        if isinstance(row, int):
            return (1, row, "", position.get(p.column or "", -1))
        return (2, 0, row, position.get(p.column or "", -1))

    problems[start:] = sorted(problems[start:], key=key)


def _resolve_columns(
    spec: TableSpec,
    frame: pd.DataFrame,
    problem: Callable[[int | None, str | None, str | None, str], None],
) -> tuple[dict[str, tuple[int, str]], list[tuple[int, str]]]:
    """Where each column is: ``{canonical name: (position, header)}`` and the extra columns.

    The extra columns are a list of ``(position, header)``. Columns are taken by position,
    so labels that are not text (a DataFrame's ``0`` or ``None``) or appear twice are
    reported rather than looked up.
    """
    core: dict[str, tuple[int, str]] = {}
    extras: list[tuple[int, str]] = []
    seen_extra: set[str] = set()
    for position, label in enumerate(frame.columns):
        header = _parse.header_text(label)
        text = header.replace("\ufeff", "").strip()  # a byte-order mark read as text
        if text == "" or text.startswith("Unnamed: "):
            if not _parse.is_blank(frame.iloc[:, position].astype(object)).all():
                problem(None, f"#{position + 1}", None, "a column has values but no header")
            continue
        canonical = spec.resolve_header(text)
        if canonical is None:
            if text in seen_extra:
                problem(None, header, None, "the header appears twice")
            else:
                extras.append((position, header))
            seen_extra.add(text)
        elif canonical in core:
            problem(
                None,
                text,
                None,
                f"{core[canonical][1]!r} and {text!r} both stand for column {canonical}",
            )
        else:
            core[canonical] = (position, header)
    return core, extras


def _absent_column(column: Column, n: int) -> pd.Series:
    if column.kind == "number":
        default = np.nan if column.default is None else float(column.default)  # type: ignore[arg-type]
        return pd.Series(np.full(n, default))
    if column.kind == "bool":
        return pd.Series(np.full(n, bool(column.default)))
    if column.kind == "enum":
        value = None if column.default is None else str(column.default)
        return pd.Series(pd.Categorical([value] * n, dtype=enum_dtype(column)))
    return pd.Series(np.full(n, np.nan), dtype="str")


def _report(
    bad: _parse.BadCells,
    header: str,
    problem: Callable[[int | None, str | None, str | None, str], None],
) -> None:
    for position, value, message in list(
        zip(bad.positions, bad.values, bad.messages, strict=True)
    )[:PROBLEMS_PER_COLUMN]:
        problem(position, header, value, message)
    if len(bad) > PROBLEMS_PER_COLUMN:
        problem(
            None,
            header,
            None,
            f"{len(bad) - PROBLEMS_PER_COLUMN} {_MORE_CELLS}",
        )


def _report_blank(
    blank: np.ndarray,
    header: str,
    what: str,
    problem: Callable[[int | None, str | None, str | None, str], None],
) -> None:
    positions = np.flatnonzero(blank)
    bad = _parse.BadCells([int(p) for p in positions], [None] * len(positions), [])
    bad.messages = [f"blank, but every row needs {what}"] * len(positions)
    _report(bad, header, problem)


_WHAT = {
    "id": "an id",
    "ref": "a reference to an existing id",
    "number": "a number",
    "period": "a period",
    "enum": "a value",
}


def _parse_column(
    spec: TableSpec,
    column: Column,
    header: str,
    values: pd.Series,
    problem: Callable[[int | None, str | None, str | None, str], None],
) -> dict[str, pd.Series]:
    what = _WHAT.get(column.kind, "a value")
    if column.kind in ("id", "ref"):
        out, blank = _parse.parse_id_column(values)
        if column.cell_required:
            _report_blank(blank, header, what, problem)
        return {column.name: out}
    if column.kind == "text":
        return {column.name: _parse.parse_text_column(values)}
    if column.kind == "number":
        allow_range = spec.name == "targets" and column.name == "target"
        numbers, uppers, blank, bad = _parse.parse_number_column(values, allow_range=allow_range)
        _report(bad, header, problem)
        if column.cell_required:
            _report_blank(blank, header, what, problem)
        if column.default is not None:
            numbers = numbers.where(~blank, float(column.default))  # type: ignore[arg-type]
        parsed = {column.name: numbers}
        if uppers is not None:
            parsed["__range_upper__"] = uppers
        return parsed
    if column.kind == "bool":
        flags, bad = _parse.parse_bool_column(values, bool(column.default))
        _report(bad, header, problem)
        return {column.name: flags}
    if column.kind == "enum":
        assert column.enum is not None
        words, blank, bad = _parse.parse_enum_column(values, column.enum, column.default)
        _report(bad, header, problem)
        if column.cell_required:
            _report_blank(blank, header, what, problem)
        return {column.name: pd.Series(pd.Categorical(words, dtype=enum_dtype(column)))}
    periods, blank, bad = _parse.parse_period_column(values)
    _report(bad, header, problem)
    if column.cell_required:
        _report_blank(blank, header, what, problem)
    return {column.name: period_categorical(periods)}


def _check_ranges(
    result: pd.DataFrame,
    headers: Mapping[str, str],
    problem: Callable[[int | None, str | None, str | None, str], None],
) -> None:
    """Fold range targets (80-90) into target_upper; flag an upper bound below the target."""
    upper_from_range = result.pop("__range_upper__")
    is_range = upper_from_range.notna().to_numpy()
    has_upper = result["target_upper"].notna().to_numpy()
    target_header = headers.get("target", "target")
    for position in np.flatnonzero(is_range & has_upper):
        problem(
            int(position),
            target_header,
            None,
            "a range target and a target_upper in the same row: give the range one way",
        )
    result.loc[is_range, "target_upper"] = upper_from_range[is_range]
    below = (result["target_upper"] < result["target"]).to_numpy()
    for position in np.flatnonzero(below):
        problem(
            int(position),
            headers.get("target_upper", "target_upper"),
            _parse.format_number(float(result["target_upper"].to_numpy()[position])),
            "target_upper is below the target",
        )


def _extra_column(values: pd.Series) -> pd.Series:
    """Keep a user's column: text when it is all text, else the values as they were read."""
    if pd.api.types.is_string_dtype(values.dtype) and values.dtype != object:
        return values.where(values.str.strip() != "", np.nan).astype("str")
    if values.dtype != object:
        return values
    blank = _parse.is_blank(values)
    kept = values.astype(object).where(~blank, None)
    present = kept[~blank]
    if all(isinstance(v, str) for v in present):
        return kept.astype("str")
    return kept
