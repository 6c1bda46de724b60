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
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast
from xml.etree.ElementTree import ParseError

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Font
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._writer import ALL_TEMP_FILES
from openpyxl.xml.constants import SHARED_STRINGS

from cascade._normalise import TableSource
from cascade.errors import CascadeError, FileFormatError, InputError, InputProblem, UsageError
from cascade.io._atomic import atomic_path
from cascade.io._package import PackageError, check_package
from cascade.io._sheet import (
    Sheet,
    SheetContext,
    SheetError,
    read_shared_strings,
    read_sheet,
)
from cascade.schema import TABLE_NAMES, TABLES, resolve_table_name

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from cascade.model import Cascade

__all__ = ["read_xlsx", "write_only_workbook", "write_xlsx"]

#: The most characters an xlsx cell holds.
MAX_CELL_TEXT = 32767

# Excel escapes characters XML cannot carry as _xHHHH_, and a literal _xHHHH_ as _x005F_xHHHH_.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


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
    if isinstance(exc, PackageError):
        why = str(exc)
    elif isinstance(exc, KeyError):
        why = f"it is not an xlsx file: a part is missing ({str(exc).strip(chr(34) + chr(39))})"
    elif isinstance(exc, zipfile.BadZipFile):
        why = "it is not an xlsx file (not a zip archive of spreadsheet parts)"
        if _starts_with(path, _OLE_MAGIC):
            why = (
                "it is an old .xls workbook or a password-protected one, not an xlsx file: "
                "save it from Excel as .xlsx without a password"
            )
    elif isinstance(exc, ParseError):
        why = f"a part of it is not well-formed XML ({exc})"
    elif isinstance(exc, IsADirectoryError):
        why = "it is a folder"
    elif isinstance(exc, OSError):
        why = f"it cannot be opened ({exc.strerror or exc})"
    else:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        why = f"it is not a valid xlsx file ({type(exc).__name__}{': ' if detail else ''}{detail})"
    return FileFormatError(
        [InputProblem(file=str(path), message=f"cannot read the workbook: {why}")]
    )


# What a compound document starts with: .xls workbooks, and encrypted .xlsx ones.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


# ------------------------------------------------------------------------------------ reading


def read_xlsx(path: Path) -> Cascade:
    """Read every table of a workbook from the sheets of an xlsx file.

    Raises
    ------
    FileFormatError
        If the file is not an xlsx workbook, is refused as unsafe (see
        :mod:`cascade.io._package`), a sheet cannot be parsed (see :mod:`cascade.io._sheet`),
        or two sheets hold the same table.
    InputError
        Listing every cell that cannot be read (see :func:`cascade.io.read`), and every
        formula cell without a saved value.
    """
    from cascade.model import Cascade

    try:
        with _quiet_openpyxl(), path.open("rb") as handle:
            with zipfile.ZipFile(handle) as archive:
                check_package(archive)
            handle.seek(0)
            sheets = _read_sheets(path, handle)
    except CascadeError:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        raise _not_xlsx(path, exc) from None
    raw: dict[str, pd.DataFrame | None] = {t: sheet.frame for t, sheet in sheets.items()}
    sources = {t: TableSource(file=str(path), rows=sheet.rows) for t, sheet in sheets.items()}
    formulas = _uncached_problems(path, sheets)
    try:
        city = Cascade._from_tables(raw, sources=sources, source=str(path))
    except InputError as exc:
        # a formula cell without a value also reads as blank: say why once, not twice
        cells = {(p.table, p.row, p.column) for p in formulas}
        found = [p for p in exc.problems if (p.table, p.row, p.column) not in cells]
        problems = _merge(formulas, _with_merge_hints(found, sheets))
        raise InputError(problems, source=str(path)) from None
    if formulas:
        raise InputError(formulas, source=str(path))
    return city


def _read_sheets(path: Path, handle: BinaryIO) -> dict[str, Sheet]:
    """The sheet of each table, parsed; sheets of other names are left alone.

    openpyxl reads the package's manifest, the workbook (sheet names and where each sheet
    is) and the styles (which number formats are dates); the shared strings and the sheets
    are streamed here (:mod:`cascade.io._sheet`), never building a worksheet object.
    """
    reader = ExcelReader(handle, read_only=True, data_only=True)
    try:
        _read_workbook_parts(path, reader)
        context = SheetContext(
            strings=_shared_strings(path, reader),
            epoch=reader.wb.epoch,
            date_styles=frozenset(getattr(reader.wb, "_date_formats", ())),
            timedelta_styles=frozenset(getattr(reader.wb, "_timedelta_formats", ())),
        )
        found: dict[str, str] = {}
        problems: list[InputProblem] = []
        sheets: dict[str, Sheet] = {}
        for sheet, rel in reader.parser.find_sheets():
            table = resolve_table_name(sheet.name)
            if table is None or "chartsheet" in rel.Type:
                continue
            if rel.target not in reader.valid_files:  # its rows would be lost without a word
                message = (
                    f"cannot read the workbook: sheet {sheet.name!r} is listed, but its part "
                    f"{rel.target} is not in the file"
                )
                problem = InputProblem(file=str(path), table=table, message=message)
                raise FileFormatError([problem], source=str(path))
            if table in found:
                message = f"both sheets {found[table]!r} and {sheet.name!r} hold table {table}"
                problems.append(InputProblem(file=str(path), table=table, message=message))
                continue
            found[table] = sheet.name
            with reader.archive.open(rel.target) as stream:
                try:
                    sheets[table] = read_sheet(stream, context)
                except SheetError as exc:
                    message = f"cannot read the workbook: sheet {sheet.name!r}: {exc}"
                    problem = InputProblem(file=str(path), table=table, message=message)
                    raise FileFormatError([problem], source=str(path)) from None
        if problems:
            raise FileFormatError(problems, source=str(path))
        return sheets
    finally:
        reader.archive.close()


def _read_workbook_parts(path: Path, reader: ExcelReader) -> None:
    """Let openpyxl read the manifest, the workbook part and the styles.

    A part that is not well-formed XML is named in the error.
    """
    part = "[Content_Types].xml"
    try:
        reader.read_manifest()
        part = "the workbook part (xl/workbook.xml) or its relationships"
        reader.read_workbook()
        part = "xl/styles.xml"
        apply_stylesheet(reader.archive, reader.wb)
    except ParseError as exc:
        message = f"cannot read the workbook: {part} is not well-formed XML ({exc})"
        raise FileFormatError([InputProblem(file=str(path), message=message)]) from None


def _shared_strings(path: Path, reader: ExcelReader) -> list[str]:
    """The workbook's shared string table; empty if it has none."""
    part = reader.package.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]
    if part is None:
        return []
    with reader.archive.open(part.PartName[1:]) as stream:
        try:
            return read_shared_strings(stream)
        except SheetError as exc:
            message = f"cannot read the workbook: the shared strings: {exc}"
            raise FileFormatError([InputProblem(file=str(path), message=message)]) from None


def _uncached_problems(path: Path, sheets: dict[str, Sheet]) -> list[InputProblem]:
    """A problem for every formula cell without a saved value: it would read as blank."""
    problems: list[InputProblem] = []
    for table, sheet in sheets.items():
        headers = [str(h) for h in sheet.frame.columns]
        for formula in sheet.uncached:
            cell = f"{get_column_letter(formula.column)}{formula.row}"
            header = headers[formula.column - 1] if formula.column <= len(headers) else ""
            problems.append(
                InputProblem(
                    file=str(path),
                    table=table,
                    row=formula.row,
                    column=header or get_column_letter(formula.column),
                    value=f"={formula.text}" if formula.text else None,
                    message=f"formula without a saved value in cell {cell}: open and save the "
                    "file in Excel (formulas are never calculated here)",
                )
            )
    return problems


def _with_merge_hints(
    problems: Sequence[InputProblem], sheets: dict[str, Sheet]
) -> list[InputProblem]:
    """Say so when a problem cell lies inside merged cells (all but the first read blank)."""
    out = list(problems)
    for i, problem in enumerate(out):
        sheet = sheets.get(problem.table or "")
        if sheet is None or not sheet.merged or not isinstance(problem.row, int):
            continue
        headers = [str(h) for h in sheet.frame.columns]
        if problem.column not in headers:
            continue
        column = headers.index(problem.column) + 1
        for ref in sheet.merged:
            if _inside(ref, problem.row, column):
                hint = f" (the cell is inside the merged cells {ref}: unmerge them and fill in"
                hint += " every cell)"
                out[i] = problem.model_copy(update={"message": problem.message + hint})
                break
    return out


def _inside(ref: str, row: int, column: int) -> bool:
    """Whether a cell is inside the merged range ``ref`` but not its first (top-left) cell."""
    try:
        first_col, first_row, last_col, last_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return False
    if first_col is None or first_row is None or last_col is None or last_row is None:
        return False
    inside = first_row <= row <= last_row and first_col <= column <= last_col
    return inside and (row, column) != (first_row, first_col)


def _merge(first: list[InputProblem], second: list[InputProblem]) -> list[InputProblem]:
    """Two lists of problems as one, in table order, then row order (stable)."""
    order = {table: i for i, table in enumerate(TABLE_NAMES)}

    def key(problem: InputProblem) -> tuple[int, int]:
        row = problem.row if isinstance(problem.row, int) else 0
        return (order.get(problem.table or "", -1), row)

    return sorted([*second, *first], key=key)


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
    with write_only_workbook() as book:
        for table in TABLE_NAMES:
            _write_sheet(book, table, cascade.table(table))
        with atomic_path(path) as tmp:
            book.save(tmp)


@contextmanager
def write_only_workbook() -> Iterator[Workbook]:
    """A write-only openpyxl workbook that leaves no temporary file behind, whatever happens.

    openpyxl streams each sheet of a write-only workbook to a file in the system's temporary
    folder and removes it when the workbook is saved; a failure before or during the save
    would leave those files until the process ends. Here they are closed and removed on any
    exception, and the workbook's warnings are silenced (see :func:`_quiet_openpyxl`).
    Save the workbook inside the block, through :func:`~cascade.io._atomic.atomic_path`.
    """
    with _quiet_openpyxl():
        book = Workbook(write_only=True)
        try:
            yield book
        except BaseException:
            _discard(book)
            raise


def _discard(book: Workbook) -> None:
    """Close every sheet's stream and remove its temporary file."""
    for ws in book.worksheets:
        if not getattr(ws, "closed", True):
            with contextlib.suppress(Exception):
                ws.close()
        out = getattr(getattr(ws, "_writer", None), "out", None)
        if isinstance(out, str) and os.path.exists(out):
            with contextlib.suppress(OSError):
                os.remove(out)
            with contextlib.suppress(ValueError):
                ALL_TEMP_FILES.remove(out)
