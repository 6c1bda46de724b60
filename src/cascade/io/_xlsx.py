"""A workbook as an xlsx file, one sheet per table.

Reading: a sheet is a table when its name is a table name or an alias (``Indikator``,
``Realisasi``, any case); other sheets are left alone, and two sheets for one table are an
error. The first row is the header; columns after the last one with a header or a value are
ignored. Data rows keep their sheet row numbers for messages, and wholly blank rows (a sheet
often has thousands of formatted but empty ones) are not data. Cells keep the types Excel
stored: numbers stay numbers, text stays text, dates are dates (and are refused where a
number belongs). Formulas are never evaluated: a formula cell reads as the value Excel cached
when it last saved the file, or blank if there is none. Text escaped the way Excel escapes
control characters (``_x000D_``) is unescaped.

Writing: one sheet per table in workbook order, all six even when empty, with a bold, frozen
header row. Numbers are number cells, exact to the last bit; yes/no are boolean cells; ids,
enum values and periods are text cells, so ``001`` and ``2024`` read back as written. Text
that Excel would take for a formula (``=A1``) or an error (``#N/A``) is stored as text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cascade._normalise import TableSource
from cascade.errors import CascadeError, FileFormatError, InputProblem, UsageError
from cascade.io._atomic import atomic_path
from cascade.schema import TABLE_NAMES, TABLES, resolve_table_name

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from cascade.model import Cascade

__all__ = ["read_xlsx", "write_xlsx"]

#: The most characters an xlsx cell holds.
MAX_CELL_TEXT = 32767

# Excel escapes characters XML cannot carry as _xHHHH_, and a literal _xHHHH_ as _x005F_xHHHH_.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _escape(text: str) -> str:
    def sub(match: re.Match[str]) -> str:
        found = match.group(0)
        return "_x005F_" + found[1:] if len(found) > 1 else f"_x{ord(found):04X}_"

    return _NEEDS_ESCAPE.sub(sub, text)


@contextmanager
def _quiet_openpyxl() -> Iterator[None]:
    """Silence openpyxl's warnings (unsupported extensions, missing default style, …)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")
        yield


def _not_xlsx(path: Path, exc: BaseException) -> FileFormatError:
    if isinstance(exc, zipfile.BadZipFile | KeyError):
        why = "it is not an xlsx file (not a zip archive of spreadsheet parts)"
    elif isinstance(exc, IsADirectoryError):
        why = "it is a folder"
    elif isinstance(exc, OSError):
        why = f"it cannot be opened ({exc.strerror or exc})"
    else:
        why = f"it is not a valid xlsx file ({type(exc).__name__}: {exc})"
    return FileFormatError(
        [InputProblem(file=str(path), message=f"cannot read the workbook: {why}")]
    )


# ------------------------------------------------------------------------------------ reading


def _filled_width(row: Sequence[object]) -> int:
    """One past the last non-blank cell of a row (0 for a blank row)."""
    for i in range(len(row) - 1, -1, -1):
        value = row[i]
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return i + 1
    return 0


def _header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return _unescape(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _read_sheet(rows: Iterator[tuple[object, ...]]) -> tuple[pd.DataFrame, list[int]]:
    """A sheet's rows as a raw frame (header from row 1) and the sheet row number of each."""
    header_row = next(rows, ())
    width = _filled_width(header_row)
    kept: list[tuple[object, ...]] = []
    numbers: list[int] = []
    for number, row in enumerate(rows, start=2):
        filled = _filled_width(row)
        if not filled:
            continue  # a blank row is not data
        width = max(width, filled)
        if any(isinstance(v, str) and "_x" in v for v in row):
            row = tuple(_unescape(v) if isinstance(v, str) else v for v in row)  # noqa: PLW2901
        kept.append(row)
        numbers.append(number)
    headers = [_header_text(v) for v in header_row[:width]]
    headers += [""] * (width - len(headers))
    cells = np.empty((len(kept), width), dtype=object)
    for i, row in enumerate(kept):
        part = row[:width]
        cells[i, : len(part)] = part
    frame = pd.DataFrame(cells, columns=pd.Index(headers, dtype=object), dtype=object)
    return frame, numbers


def read_xlsx(path: Path) -> Cascade:
    """Read every table of a workbook from the sheets of an xlsx file.

    Raises
    ------
    FileFormatError
        If the file is not an xlsx workbook, or two sheets hold the same table.
    InputError
        Listing every cell that cannot be read (see :func:`cascade.io.read`).
    """
    from cascade.model import Cascade

    raw: dict[str, pd.DataFrame | None] = {}
    sources: dict[str, TableSource] = {}
    try:
        with _quiet_openpyxl(), path.open("rb") as handle:
            book = load_workbook(handle, read_only=True, data_only=True)
            try:
                found: dict[str, str] = {}
                problems: list[InputProblem] = []
                for sheet in book.worksheets:
                    table = resolve_table_name(sheet.title)
                    if table is None:
                        continue
                    if table in found:
                        problems.append(
                            InputProblem(
                                file=str(path),
                                table=table,
                                message=f"both sheets {found[table]!r} and {sheet.title!r} "
                                f"hold table {table}",
                            )
                        )
                        continue
                    found[table] = sheet.title
                    reset = getattr(sheet, "reset_dimensions", None)
                    if reset is not None:
                        reset()  # trust the rows, not the stored (often huge) dimensions
                    frame, numbers = _read_sheet(sheet.iter_rows(values_only=True))
                    raw[table] = frame
                    sources[table] = TableSource(file=str(path), rows=numbers)
                if problems:
                    raise FileFormatError(problems, source=str(path))
            finally:
                book.close()
    except CascadeError:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        raise _not_xlsx(path, exc) from None
    return Cascade._from_tables(raw, sources=sources, source=str(path))


# ------------------------------------------------------------------------------------ writing

Converter = Callable[[object], object]


def _text_cell(ws: WriteOnlyWorksheet, where: str) -> Callable[[str], object]:
    """Text as a value openpyxl writes as text, exactly (no formula, no error, no truncation)."""

    def convert(text: str) -> object:
        if _NEEDS_ESCAPE.search(text):
            text = _escape(text)
        if len(text) > MAX_CELL_TEXT:
            msg = (
                f"{where}: text of {len(text)} characters does not fit in an xlsx cell "
                f"(at most {MAX_CELL_TEXT}); write JSON or CSV instead"
            )
            raise UsageError(msg)
        if text.startswith("=") or text in ERROR_CODES:
            cell = WriteOnlyCell(ws, value=text)
            cell.data_type = "s"
            return cell
        return text

    return convert


def _number_cell(ws: WriteOnlyWorksheet) -> Callable[[float], object]:
    """A float as a number cell that reads back to the same float (NaN blank, ±inf as text)."""

    def convert(number: float) -> object:
        if math.isnan(number):
            return None
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        if float(f"{number:.16g}") == number:
            return number  # openpyxl writes 16 significant digits
        cell = WriteOnlyCell(ws, value=repr(number))
        cell.data_type = "n"  # the exact shortest text, written as it is
        return cell

    return convert


def _column_values(ws: WriteOnlyWorksheet, table: str, name: str, column: pd.Series) -> list[Any]:
    spec = TABLES[table]
    kind = next((c.kind for c in spec.columns if c.name == name), None)
    where = f"table {table}, column {name}"
    text = _text_cell(ws, where)
    number = _number_cell(ws)
    if kind == "number" or (kind is None and pd.api.types.is_float_dtype(column.dtype)):
        return [number(v) for v in column.to_numpy(dtype=float).tolist()]
    if kind == "bool" or (kind is None and pd.api.types.is_bool_dtype(column.dtype)):
        return [bool(v) for v in column.tolist()]
    if kind is not None or (column.dtype != object and pd.api.types.is_string_dtype(column.dtype)):
        return [
            None
            if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
            else text(str(v))
            for v in column.astype(object).tolist()
        ]
    return [_extra_value(v, text, number) for v in column.astype(object).tolist()]


def _extra_value(
    value: object, text: Callable[[str], object], number: Callable[[float], object]
) -> object:
    """A value of a user's column as the closest cell Excel has."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return number(value)
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime | dt.time) and value.tzinfo is not None:
        return text(value.isoformat())  # Excel has no time zones
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return value
    if isinstance(value, enum.Enum):
        value = value.value
    return text(str(value))


def _width(header: str, values: list[Any]) -> float:
    sample = [len(str(v)) for v in values[:200] if isinstance(v, str | int | float)]
    return float(min(max([len(header), *sample, 6]) + 2, 60))


def _write_sheet(book: Workbook, table: str, frame: pd.DataFrame) -> None:
    ws = book.create_sheet(table)
    headers = [str(h) for h in frame.columns]
    # openpyxl writes a <dimension> when a sheet can tell it; without one, a reader in
    # read-only mode parses the whole sheet once more just to find its size.
    size = f"A1:{get_column_letter(max(len(headers), 1))}{len(frame) + 1}"
    ws.calculate_dimension = lambda: size
    columns = [
        _column_values(ws, table, str(name), frame.iloc[:, i])
        for i, name in enumerate(frame.columns)
    ]
    ws.freeze_panes = "A2"
    for i, (header, values) in enumerate(zip(headers, columns, strict=True), start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(header, values)
    header_text = _text_cell(ws, f"table {table}, header")
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        converted = header_text(header)
        cell = (
            converted if isinstance(converted, Cell) else WriteOnlyCell(ws, cast("str", converted))
        )
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for row in zip(*columns, strict=True):
        ws.append(row)


def write_xlsx(cascade: Cascade, path: Path) -> None:
    """Write each table to its own sheet of an xlsx file, replacing ``path`` atomically."""
    with _quiet_openpyxl():
        book = Workbook(write_only=True)
        try:
            for table in TABLE_NAMES:
                _write_sheet(book, table, cascade.table(table))
            with atomic_path(path) as tmp:
                book.save(tmp)
        except BaseException:
            # finish the sheets' streams, so nothing is left writing to a closed file
            for ws in book.worksheets:
                if not getattr(ws, "closed", True):
                    with contextlib.suppress(Exception):
                        ws.close()
            raise
