r"""A workbook as a folder of CSV files, one ``<table>.csv`` per table.

Reading: a file is a table when its name (without ``.csv``, any case) is a table name or an
alias (``indikator.csv``, ``Realisasi.csv``); other files in the folder are left alone. The
text is UTF-8 (a byte-order mark is allowed); a file that is not valid UTF-8 is read as
Windows-1252, which is what Excel on Windows writes as "CSV". The delimiter is a comma, a
semicolon (Excel with Indonesian regional settings) or a tab, told from the header line. Every
cell is read as text and parsed by the rules of :mod:`cascade._parse`. Rows are numbered as
Excel shows them, the header being row 1; wholly blank rows are not data and are skipped.

Writing: one UTF-8 file per table, comma-delimited, ``\n`` line endings, numbers in a form
that reads back exactly (``12.5``, ``1200000``), yes/no as ``true``/``false``, blanks empty.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cascade._normalise import TableSource
from cascade._parse import format_number
from cascade.errors import FileFormatError, InputProblem
from cascade.io._atomic import atomic_text
from cascade.schema import TABLE_NAMES, TABLES, resolve_table_name

if TYPE_CHECKING:
    from cascade.model import Cascade

__all__ = ["frame_to_text", "read_csv_folder", "read_csv_table", "write_csv_folder"]


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict") if _is_cp1252(data) else _undecodable(path)


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


def _undecodable(path: Path) -> str:
    raise FileFormatError(
        [InputProblem(file=str(path), message="not a text file (neither UTF-8 nor Windows-1252)")]
    )


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_table(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """Read one CSV file as text cells; return the frame and each row's Excel row number.

    Raises
    ------
    FileFormatError
        If the file is not text or is not well-formed CSV.
    """
    text = _decode(path)
    if "\x00" in text:
        raise FileFormatError([InputProblem(file=str(path), message="not a text file")])
    first_line = text.split("\n", 1)[0]
    sep = _delimiter(first_line)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error as exc:
        raise FileFormatError(
            [InputProblem(file=str(path), message=f"not well-formed CSV: {exc}")]
        ) from None
    if not rows:
        return pd.DataFrame(), []
    header, body = rows[0], rows[1:]
    width = len(header)
    problems: list[InputProblem] = []
    cells: list[list[str]] = []
    numbers: list[int] = []
    for offset, row in enumerate(body):
        if not any(cell.strip() for cell in row):
            continue  # a blank row is not data
        if len(row) > width:
            extra = row[width:]
            if any(cell.strip() for cell in extra):
                problems.append(
                    InputProblem(
                        file=str(path),
                        row=offset + 2,
                        message=f"the row has {len(row)} cells but the header has {width}",
                    )
                )
                continue
        cells.append(row[:width] + [""] * (width - len(row)))
        numbers.append(offset + 2)
    if problems:
        raise FileFormatError(problems, source=str(path))
    array = np.array(cells, dtype=object).reshape(len(cells), width)
    frame = pd.DataFrame(array, columns=pd.Index(header, dtype=object), dtype="str")
    return frame, numbers


def read_csv_folder(folder: Path) -> Cascade:
    """Read every table of a workbook from ``folder``."""
    from cascade.model import Cascade

    found: dict[str, Path] = {}
    problems: list[InputProblem] = []
    for file in sorted(folder.iterdir()):
        if not file.is_file() or file.suffix.lower() != ".csv":
            continue
        table = resolve_table_name(file.stem)
        if table is None:
            continue
        if table in found:
            problems.append(
                InputProblem(
                    file=str(file),
                    table=table,
                    message=f"both {found[table].name} and {file.name} hold table {table}",
                )
            )
            continue
        found[table] = file
    if problems:
        raise FileFormatError(problems, source=str(folder))
    raw: dict[str, pd.DataFrame | None] = {}
    sources: dict[str, TableSource] = {}
    for table, file in found.items():
        frame, rows = read_csv_table(file)
        raw[table] = frame
        sources[table] = TableSource(file=str(file), rows=rows)
    for table in TABLE_NAMES:
        sources.setdefault(table, TableSource(file=str(folder / f"{table}.csv")))
    return Cascade._from_tables(raw, sources=sources, source=str(folder))


def frame_to_text(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """A canonical table as text cells, in the form the readers read back exactly."""
    spec = TABLES[table]
    kinds = {c.name: c.kind for c in spec.columns}
    out: dict[str, list[str]] = {}
    for name in frame.columns:
        column = frame[name]
        kind = kinds.get(name)
        if kind == "number" or (kind is None and pd.api.types.is_float_dtype(column.dtype)):
            out[name] = [format_number(float(v)) for v in column.to_numpy(dtype=float)]
        elif kind == "bool" or (kind is None and pd.api.types.is_bool_dtype(column.dtype)):
            out[name] = ["true" if bool(v) else "false" for v in column]
        else:
            out[name] = [_cell_text(v) for v in column.astype(object)]
    return pd.DataFrame(out, columns=frame.columns)


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def write_csv_folder(cascade: Cascade, folder: Path) -> None:
    """Write each table to ``folder/<table>.csv``."""
    if folder.exists() and not folder.is_dir():
        raise FileFormatError(
            [InputProblem(file=str(folder), message="exists and is not a folder")]
        )
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLE_NAMES:
        text = frame_to_text(cascade.table(table), table)
        with atomic_text(folder / f"{table}.csv", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([str(c) for c in text.columns])
            writer.writerows(text.itertuples(index=False, name=None))
