"""A workbook as a JSON document.

The document is an object::

    {
      "format": "cascade-workbook",
      "version": 1,
      "columns": {"units": ["unit_id", "name", "parent_id", "level", "keterangan"], ...},
      "tables": {
        "units": [
          {"unit_id": "PEMKO", "name": "Pemerintah Kota", "parent_id": null, ...},
          ...
        ],
        ...
      }
    }

Each table is a list of rows, each row an object from column to value, in row order, the
canonical columns first and then the extra ones. Numbers are JSON numbers, blanks are
``null``, yes/no are ``true``/``false``, and ids, enum values and periods are strings. The
optional ``columns`` object gives each table's columns in order, so an empty table keeps its
extra columns; without it the columns are those of the rows, in the order they first appear.
JSON has no infinity: ``"inf"`` and ``"-inf"`` stand for it, as in a spreadsheet cell. A
number beyond the float range (``1e400``) is not read as infinity: it is kept as its text,
which is an error where a number belongs.

Reading also accepts a bare object of tables (``{"units": [...], "goals": [...], ...}``),
table names in Indonesian (``indikator``, ``realisasi``) and the same headers, enum words and
number text as a spreadsheet. Rows are numbered from 1 in messages.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cascade._normalise import PROBLEMS_PER_COLUMN, TableSource
from cascade.errors import FileFormatError, InputProblem
from cascade.io._atomic import atomic_text
from cascade.io._sheet import MAX_COLUMNS
from cascade.schema import TABLE_NAMES, TABLES, TableSpec, resolve_table_name

if TYPE_CHECKING:
    from cascade.model import Cascade

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "read_json", "write_json"]

#: The ``format`` of a cascade JSON document.
FORMAT_NAME = "cascade-workbook"
#: The ``version`` written; reading refuses a newer one.
FORMAT_VERSION = 1

_PLAIN_TYPES = {str, int, float, bool, type(None)}


def _fail(path: Path, message: str, *, table: str | None = None) -> FileFormatError:
    return FileFormatError([InputProblem(file=str(path), table=table, message=message)])


# ------------------------------------------------------------------------------------ reading


class _DuplicateKeys(list[str]):
    """Keys that appeared twice in one JSON object (the parser would keep only the last)."""

    def hook(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    self.append(key)
                seen.add(key)
        return obj


def _float(text: str) -> float | str:
    """A JSON number with a fraction or exponent; one beyond the float range stays text.

    ``1e400`` is not infinity: kept as text, it is refused where a number belongs ("a number
    too large to hold") and kept as written anywhere else.
    """
    number = float(text)
    return number if math.isfinite(number) else text


def _load(path: Path) -> object:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise _fail(path, "cannot read the JSON file: it is a folder") from None
    except OSError as exc:
        raise _fail(path, f"cannot read the JSON file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"not valid JSON: the file is not UTF-8 text (byte {exc.start + 1})"
        raise _fail(path, msg) from None
    duplicates = _DuplicateKeys()
    try:
        document = json.loads(text, object_pairs_hook=duplicates.hook, parse_float=_float)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise _fail(path, msg) from None
    except RecursionError:
        raise _fail(path, "not valid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise _fail(path, f"not valid JSON: {exc}") from None
    if duplicates:
        keys = ", ".join(repr(k) for k in dict.fromkeys(duplicates))
        raise _fail(path, f"a key appears twice in one JSON object: {keys}")
    return document


def _tables_of(path: Path, document: object) -> Mapping[str, object]:
    """The object of tables, from a cascade document or a bare object of tables."""
    if not isinstance(document, dict):
        kind = "a list" if isinstance(document, list) else f"{type(document).__name__}"
        msg = f"expected a JSON object of tables at the top level, found {kind}"
        raise _fail(path, msg)
    if "tables" not in document:
        return document
    fmt = document.get("format", FORMAT_NAME)
    if fmt != FORMAT_NAME:
        raise _fail(path, f"not a cascade workbook: format is {fmt!r}, expected {FORMAT_NAME!r}")
    version = document.get("version", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        msg = f"unsupported version {version!r}: this cascade reads version {FORMAT_VERSION}"
        raise _fail(path, msg)
    tables = document["tables"]
    if not isinstance(tables, dict):
        raise _fail(path, '"tables" must be an object of tables')
    columns = document.get("columns", {})
    if not isinstance(columns, dict):
        raise _fail(path, '"columns" must be an object of column lists')
    return {name: (rows, columns.get(name)) for name, rows in tables.items()}


def _frame(
    path: Path, table: str, rows: object, declared: object
) -> tuple[pd.DataFrame, list[InputProblem]]:
    """One table's rows as a raw frame, built a column at a time."""
    if not isinstance(rows, list):
        raise _fail(path, f"table {table} must be a list of row objects", table=table)
    if declared is not None and not (
        isinstance(declared, list) and all(isinstance(c, str) for c in declared)
    ):
        raise _fail(path, f"the columns of table {table} must be a list of names", table=table)
    headers: dict[str, None] = dict.fromkeys(declared or ())
    not_rows: list[int] = []
    previous: object = None
    for number, row in enumerate(rows, start=1):
        if type(row) is not dict:
            not_rows.append(number)
            continue
        keys = row.keys()
        if keys != previous:  # most rows have the same keys as the one before
            headers.update(dict.fromkeys(keys))
            previous = keys
            if len(headers) > MAX_COLUMNS:
                msg = f"table {table} has more than {MAX_COLUMNS:,} columns"
                raise _fail(path, msg, table=table)
    if rows and len(not_rows) == len(rows):
        msg = (
            f"table {table} must be a list of row objects (column: value), "
            f"found a list of {_plural_kind(rows[0])}"
        )
        raise _fail(path, msg, table=table)
    problems = _row_problems(path, table, rows, not_rows)
    if not rows and not headers:
        headers = dict.fromkeys(TABLES[table].column_names)
    for name in headers:
        if not _encodes(name):
            message = "a column name that is not valid Unicode (a lone surrogate)"
            problems.append(
                (
                    0,
                    -1,
                    InputProblem(file=str(path), table=table, message=message, column=ascii(name)),
                )
            )
    data: dict[int, pd.Series] = {}
    for position, name in enumerate(headers):
        values = [row.get(name) if type(row) is dict else None for row in rows]
        data[position] = _series(TABLES[table], name, values)
        if set(map(type, values)) - _PLAIN_TYPES:
            problems += _cell_problems(path, table, name, position, values)
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(rows)))
    frame.columns = pd.Index(list(headers), dtype=object)
    return frame, [p for _, _, p in sorted(problems, key=lambda t: (t[0], t[1]))]


def _row_problems(
    path: Path, table: str, rows: list[object], numbers: list[int]
) -> list[tuple[int, int, InputProblem]]:
    """A problem for each entry of a table that is not a row object (the first so many)."""
    problems = []
    for number in numbers[:PROBLEMS_PER_COLUMN]:
        message = f"a row must be an object of column: value, found {_kind(rows[number - 1])}"
        problem = InputProblem(file=str(path), table=table, row=number, message=message)
        problems.append((number, -1, problem))
    if len(numbers) > PROBLEMS_PER_COLUMN:
        rest = len(numbers) - PROBLEMS_PER_COLUMN
        message = f"{rest} more entries of table {table} are not row objects"
        problems.append(
            (numbers[-1], -1, InputProblem(file=str(path), table=table, message=message))
        )
    return problems


def _cell_problems(
    path: Path, table: str, name: str, position: int, values: list[object]
) -> list[tuple[int, int, InputProblem]]:
    """A problem for each cell that is an object or a list (the first so many)."""
    bad = [(n, v) for n, v in enumerate(values, start=1) if type(v) not in _PLAIN_TYPES]
    problems = []
    for number, value in bad[:PROBLEMS_PER_COLUMN]:
        message = f"a cell must be a string, number, true/false or null, found {_kind(value)}"
        problem = InputProblem(
            file=str(path), table=table, row=number, column=name, message=message
        )
        problems.append((number, position, problem))
    if len(bad) > PROBLEMS_PER_COLUMN:
        message = (
            f"{len(bad) - PROBLEMS_PER_COLUMN} more cells in this column are not plain values"
        )
        problem = InputProblem(file=str(path), table=table, column=name, message=message)
        problems.append((bad[-1][0], position, problem))
    return problems


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _series(spec: TableSpec, name: str, values: list[object]) -> pd.Series:
    """A column of JSON values: text as text (as CSV is read), numbers as read."""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        try:
            return pd.Series(values, dtype="str")
        except UnicodeEncodeError:  # a lone surrogate (a "\\ud800" escape): reported later
            return pd.Series(values, dtype=object)
    canonical = spec.resolve_header(name)
    if canonical and spec.column(canonical).kind == "number" and kinds <= {float, type(None)}:
        return pd.Series(values, dtype="float64")
    return pd.Series(values, dtype=object)


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "null" if value is None else f"a {type(value).__name__}"


def _plural_kind(value: object) -> str:
    kind = _kind(value)
    plurals = {"a list": "lists", "a number": "numbers", "true/false": "true/false values"}
    return plurals.get(kind, kind)


def read_json(path: Path) -> Cascade:
    """Read every table of a workbook from a JSON document.

    Raises
    ------
    FileFormatError
        If the file is not JSON, or is not an object of tables, each a list of row objects
        whose cells are strings, numbers, true/false or null.
    InputError
        Listing every cell that cannot be read (see :func:`cascade.io.read`).
    """
    from cascade.model import Cascade

    tables = _tables_of(path, _load(path))
    raw: dict[str, pd.DataFrame | None] = {}
    sources: dict[str, TableSource] = {}
    seen: dict[str, str] = {}
    problems: list[InputProblem] = []
    for key, entry in tables.items():
        table = resolve_table_name(str(key))
        if table is None:
            continue
        if table in seen:
            problems.append(
                InputProblem(
                    file=str(path),
                    table=table,
                    message=f"both {seen[table]!r} and {key!r} hold table {table}",
                )
            )
            continue
        seen[table] = key
        rows, declared = entry if isinstance(entry, tuple) else (entry, None)
        frame, found = _frame(path, table, rows, declared)
        problems += found
        raw[table] = frame
        sources[table] = TableSource(file=str(path), rows=range(1, len(frame) + 1))
    if problems:
        raise FileFormatError(problems, source=str(path))
    return Cascade._from_tables(raw, sources=sources, source=str(path))


# ------------------------------------------------------------------------------------ writing


def _number(value: float) -> float | str | None:
    if math.isnan(value):
        return None
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def _plain(value: object) -> object:
    """A cell of a user's column as a JSON value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return _number(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _column(table: str, name: str, column: pd.Series) -> list[object]:
    kind = next((c.kind for c in TABLES[table].columns if c.name == name), None)
    if kind == "number" or (kind is None and pd.api.types.is_float_dtype(column.dtype)):
        return [_number(v) for v in column.to_numpy(dtype=float).tolist()]
    if kind == "bool" or (kind is None and pd.api.types.is_bool_dtype(column.dtype)):
        return [bool(v) for v in column.tolist()]
    if kind is not None or (column.dtype != object and pd.api.types.is_string_dtype(column.dtype)):
        return [
            None if isinstance(v, float) or v is None else str(v)
            for v in column.astype(object).tolist()
        ]
    return [_plain(v) for v in column.astype(object).tolist()]


def _lines(cascade: Cascade) -> Iterator[str]:
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    yield "{\n"
    yield f' "format": {dump(FORMAT_NAME)},\n "version": {FORMAT_VERSION},\n "columns": {{\n'
    frames = cascade.tables
    for i, table in enumerate(TABLE_NAMES):
        comma = "," if i < len(TABLE_NAMES) - 1 else ""
        names = [str(c) for c in frames[table].columns]
        yield f"  {dump(table)}: {dump(names)}{comma}\n"
    yield ' },\n "tables": {\n'
    for i, table in enumerate(TABLE_NAMES):
        frame = frames[table]
        names = [str(c) for c in frame.columns]
        columns = [_column(table, name, frame.iloc[:, j]) for j, name in enumerate(names)]
        yield f"  {dump(table)}: ["
        for j, values in enumerate(zip(*columns, strict=True)):
            yield ("\n   " if j == 0 else ",\n   ") + dump(dict(zip(names, values, strict=True)))
        yield ("\n  ]" if len(frame) else "]") + ("," if i < len(TABLE_NAMES) - 1 else "") + "\n"
    yield " }\n}\n"


def write_json(cascade: Cascade, path: Path) -> None:
    """Write the tables as a JSON document (UTF-8, one row per line), replacing ``path``."""
    with atomic_text(path) as handle:
        handle.writelines(_lines(cascade))
