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

import codecs
import contextlib
import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from cascade._normalise import TableSource
from cascade._parse import format_number, format_number_column
from cascade.errors import FileFormatError, InputProblem
from cascade.io._atomic import atomic_paths
from cascade.io._sheet import MAX_COLUMNS
from cascade.schema import TABLE_NAMES, TABLES, resolve_table_name

if TYPE_CHECKING:
    from cascade.model import Cascade
    from cascade.progress import Progress

__all__ = ["frame_to_text", "read_csv_folder", "read_csv_table", "write_csv_folder"]


def _decode(path: Path) -> str:
    """The text of a CSV file, in the first encoding that reads it.

    UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark (Excel's
    "Unicode text"), else Windows-1252.

    Raises
    ------
    FileFormatError
        If the file cannot be read, is not text in any of these encodings, or mixes UTF-8
        with another encoding (which would turn letters into mojibake silently).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return _undecodable(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"\x00" in data:  # not UTF-8 and holding NUL bytes: binary, not mixed text
            return _undecodable(path)
        if _UTF8_MULTIBYTE.search(data):
            line = data[: exc.start].count(b"\n") + 1
            message = (
                f"mixes UTF-8 with another encoding: line {line} is not UTF-8 "
                "(save the file as CSV UTF-8)"
            )
            raise FileFormatError([InputProblem(file=str(path), message=message)]) from None
        return data.decode("cp1252", errors="strict") if _is_cp1252(data) else _undecodable(path)


# A letter beyond ASCII as UTF-8 encodes it; Windows-1252 text practically never has one.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _unreadable(path: Path, exc: OSError) -> FileFormatError:
    reason = exc.strerror or type(exc).__name__
    return FileFormatError([InputProblem(file=str(path), message=f"cannot be read: {reason}")])


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
    """The delimiter of a header line.

    A comma if there is one outside quotes, else a semicolon (Excel with Indonesian regional
    settings), else a tab, else a comma.
    """
    bare = re.sub(r'"[^"]*"', "", header_line)
    return next((d for d in (",", ";", "\t") if d in bare), ",")


def read_csv_table(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """Read one CSV file as text cells; return the frame and each row's Excel row number.

    Raises
    ------
    FileFormatError
        If the file is not text or is not well-formed CSV.
    """
    text = _decode(path)
    header_line = text.split("\n", 1)[0]
    if "\x00" in header_line:  # binary, or UTF-16 without a byte-order mark
        raise FileFormatError([InputProblem(file=str(path), message="not a text file")])
    if not text.strip():
        return pd.DataFrame(), np.empty(0, dtype=np.int64)
    sep = _delimiter(header_line)
    if header_line.count(sep) >= MAX_COLUMNS:
        message = f"the header has more than {MAX_COLUMNS:,} columns (as many as Excel allows)"
        raise FileFormatError([InputProblem(file=str(path), message=message)])
    fast = _read_with_arrow(text, sep)
    if fast is not None:
        return fast
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype="str",
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        message = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise FileFormatError(
            [InputProblem(file=str(path), message=f"not well-formed CSV: {message}")]
        ) from None
    header = [str(h) if isinstance(h, str) else "" for h in cells.iloc[0].tolist()]
    body = cells.iloc[1:].reset_index(drop=True)
    body.columns = pd.Index(header, dtype=object)
    filled = body.fillna("")
    blank_rows = (filled.apply(lambda col: col.str.strip() == "")).all(axis=1).to_numpy()
    rows = np.flatnonzero(~blank_rows) + 2  # the header is row 1
    return filled[~blank_rows].reset_index(drop=True), rows


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def _read_with_arrow(text: str, sep: str) -> tuple[pd.DataFrame, np.ndarray] | None:
    """Parse with Arrow's CSV reader when the file is regular; ``None`` to use the slow path.

    Arrow drops empty lines (which would shift the row numbers) and refuses short rows, so
    files with either go through pandas instead; the results are the same.
    """
    body = text.rstrip("\r\n") + "\n"
    if _BLANK_LINE.search(body):
        return None
    try:
        table = pacsv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values='"' in body),
            convert_options=pacsv.ConvertOptions(
                column_types={},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                auto_dict_encode=False,
                null_values=[],
                check_utf8=False,
                include_columns=None,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    if not all(pa.types.is_string(t) or pa.types.is_large_string(t) for t in table.schema.types):
        return None  # Arrow typed a column (a header like 2024 over numbers): 001 would be 1
    columns = [pc.cast(table.column(i), pa.string()) for i in range(table.num_columns)]
    header = [c[0].as_py() if len(c) else "" for c in columns]
    frame = pd.DataFrame(
        {
            i: pd.Series(c.slice(1).to_pandas(types_mapper=pd.ArrowDtype)).astype("str")
            for i, c in enumerate(columns)
        }
    )
    frame.columns = pd.Index(header, dtype=object)
    # A row is blank only if every cell is; only rows whose first cell is blank can be.
    first = pc.utf8_trim_whitespace(columns[0].slice(1)) if columns else pa.array([])
    candidates = np.flatnonzero(pc.equal(first, "").to_numpy(zero_copy_only=False))
    nonblank = np.ones(table.num_rows - 1, dtype=bool)
    if candidates.size:
        nonblank[candidates] = ~frame.iloc[candidates].apply(
            lambda col: col.str.strip() == ""
        ).all(axis=1).to_numpy(dtype=bool)
    rows = np.flatnonzero(nonblank) + 2
    if nonblank.all():
        return frame, rows
    return frame[nonblank].reset_index(drop=True), rows


def _table_files(folder: Path) -> dict[str, Path]:
    """The file of each table in ``folder``: ``<table>.csv`` or an alias, in any case.

    Raises
    ------
    FileFormatError
        If ``folder`` is not a folder or cannot be listed, holds no table at all, or holds
        two files for one table.
    """
    if not folder.is_dir():
        message = "a workbook in CSV is a folder of <table>.csv files, and this is not a folder"
        raise FileFormatError([InputProblem(file=str(folder), message=message)])
    try:
        files = sorted(f for f in folder.iterdir() if f.suffix.lower() == ".csv" and f.is_file())
    except OSError as exc:
        raise _unreadable(folder, exc) from None
    found: dict[str, Path] = {}
    problems: list[InputProblem] = []
    for file in files:
        table = resolve_table_name(file.stem)
        if table is None:
            continue
        if table in found:
            message = f"both {found[table].name} and {file.name} hold table {table}"
            problems.append(InputProblem(file=str(file), table=table, message=message))
            continue
        found[table] = file
    if problems:
        raise FileFormatError(problems, source=str(folder))
    if not found:
        message = (
            "the folder holds no table: a workbook in CSV is a folder of <table>.csv files, "
            "at least units.csv, goals.csv and indicators.csv"
        )
        raise FileFormatError([InputProblem(file=str(folder), message=message)])
    return found


def read_csv_folder(folder: Path, progress: Progress | None = None) -> Cascade:
    """Read every table of a workbook from ``folder``.

    ``progress``, if given, hears ``("read", k, n + 1)`` after each of the n files and
    ``("read", n + 1, n + 1)`` once the tables are normalised.
    """
    from cascade.model import Cascade

    found = _table_files(folder)
    raw: dict[str, pd.DataFrame | None] = {}
    sources: dict[str, TableSource] = {}
    steps = len(found) + 1
    if progress is not None:
        progress("read", 0, steps)
    for done, (table, file) in enumerate(found.items(), start=1):
        frame, rows = read_csv_table(file)
        raw[table] = frame
        sources[table] = TableSource(file=str(file), rows=rows)
        if progress is not None:
            progress("read", done, steps)
    for table in TABLE_NAMES:
        sources.setdefault(table, TableSource(file=str(folder / f"{table}.csv")))
    city = Cascade._from_tables(raw, sources=sources, source=str(folder))
    if progress is not None:
        progress("read", steps, steps)
    return city


def frame_to_text(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """A canonical table as text cells, in the form the readers read back exactly."""
    spec = TABLES[table]
    kinds = {c.name: c.kind for c in spec.columns}
    out: dict[str, pd.Series] = {}
    for name in frame.columns:
        column = frame[name]
        kind = kinds.get(name)
        if kind == "number" or (kind is None and pd.api.types.is_float_dtype(column.dtype)):
            out[name] = format_number_column(column.astype("float64"))
        elif kind == "bool" or (kind is None and pd.api.types.is_bool_dtype(column.dtype)):
            out[name] = pd.Series(np.where(column.to_numpy(dtype=bool), "true", "false"))
        elif column.dtype == object:
            out[name] = pd.Series([_cell_text(v) for v in column], dtype="str")
        else:
            out[name] = column.astype("str").fillna("")
    result = pd.concat(list(out.values()), axis=1, ignore_index=True)
    result.columns = pd.Index(list(frame.columns), dtype=object)
    return result


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


def _has_special(array: pa.Array | pa.ChunkedArray) -> bool:
    """Whether any cell may need CSV quoting: a byte scan (memchr), not a per-cell test.

    It looks at whole data buffers, so it can say yes for bytes outside a slice; that only
    costs the slower, quoting writer.
    """
    chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    for chunk in chunks:
        data = chunk.buffers()[2]
        if data is not None:
            raw = data.to_pybytes()
            if any(raw.find(ch) >= 0 for ch in (b",", b'"', b"\n", b"\r")):
                return True
    return False


def _field(text: str) -> str:
    """One CSV field, quoted when it holds a comma, a quote or a line break."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _write_text_table(text: pd.DataFrame, path: Path) -> None:
    """Write a frame of text cells as CSV with Arrow's writer, quoting only where needed."""
    names = [str(c) for c in text.columns]
    arrays = [
        pc.fill_null(pa.array(text.iloc[:, i].astype("str").array), "")
        for i in range(text.shape[1])
    ]
    needs_quotes = any(_has_special(a) for a in arrays) or any(
        re.search(r'[",\r\n]', n) for n in names
    )
    if needs_quotes or not arrays:
        with path.open("w", encoding="utf-8", newline="") as handle:
            # not csv.writer: with "\n" line ends it leaves a lone "\r" unquoted
            handle.write(",".join(map(_field, names)) + "\n")
            for row in zip(*(a.to_pylist() for a in arrays), strict=True):
                handle.write(",".join(map(_field, row)) + "\n")
    else:
        # Nothing needs quoting: Arrow's writer, told not to quote, is many times faster.
        header = ",".join(names) + "\n"
        path.write_text(header, encoding="utf-8")
        if len(text):
            with path.open("ab") as handle:
                pacsv.write_csv(
                    pa.table(arrays, names=[f"c{i}" for i in range(len(arrays))]),
                    handle,
                    pacsv.WriteOptions(include_header=False, quoting_style="none"),
                )


def write_csv_folder(cascade: Cascade, folder: Path) -> None:
    """Write each table to ``folder/<table>.csv``, all or nothing.

    Every table is written to a temporary file first; only when all six are complete are
    they renamed into place (see :func:`~cascade.io._atomic.atomic_paths`), so a failure
    leaves the folder as it was: never half old and half new, never a stray temporary file,
    and not even the folder itself if this write created it.
    """
    if folder.exists() and not folder.is_dir():
        raise FileFormatError(
            [InputProblem(file=str(folder), message="exists and is not a folder")]
        )
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        targets = [folder / f"{table}.csv" for table in TABLE_NAMES]
        with atomic_paths(targets) as temporaries:
            for table, tmp in zip(TABLE_NAMES, temporaries, strict=True):
                _write_text_table(frame_to_text(cascade.table(table), table), tmp)
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: nothing of anyone else's is removed
        raise
