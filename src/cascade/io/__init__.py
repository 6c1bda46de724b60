"""Reading and writing workbooks: xlsx, a folder of CSV files, or JSON.

Vocabulary
----------
workbook
    The interchange format of ``domain.md`` section 3: six tables with fixed columns. The same
    tables and columns are held by an xlsx file (one sheet per table), a folder of
    ``<table>.csv`` files, or a JSON document.
format
    ``xlsx``, ``csv`` (a folder) or ``json``; chosen from the path: a ``.xlsx`` suffix, a
    ``.json`` suffix, or a directory (or a path without a suffix, when writing) for CSV.

Reading accepts what people type: Indonesian headers and sheet names, enum words in
Indonesian, and number text as Indonesian spreadsheets hold it (see :mod:`cascade._parse`).
Every unreadable cell is reported in one :class:`~cascade.errors.InputError` with its file,
table, row (as the user sees it) and column. Writing is lossless: reading what was written
gives identical tables, extra columns and row order included. A write goes to a temporary
file first and is renamed into place, so a failed write never leaves half a file (a CSV
folder is written all or nothing).

Whatever it is given, :func:`read` returns a cascade or raises a
:class:`~cascade.errors.CascadeError` that says where: random bytes, a truncated or
password-protected workbook, an xlsx part with a DOCTYPE or a zip bomb, a million blank
rows, JSON nested a hundred thousand deep, a device or a pipe. It never runs a formula or
any other code from its input. docs/input-safety.md lists what is accepted and refused.

>>> import tempfile, pathlib
>>> from cascade.datasets import load_example
>>> city = load_example()
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = write(city, pathlib.Path(tmp) / "kota.json")
...     read(path) == city
True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cascade.errors import FileFormatError, InputProblem, UsageError

if TYPE_CHECKING:
    from cascade.model import Cascade
    from cascade.progress import Progress

__all__ = ["Format", "detect_format", "read", "write"]

Format = Literal["xlsx", "csv", "json"]
_SUFFIXES: dict[str, Format] = {".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json", ".csv": "csv"}


def detect_format(path: str | os.PathLike[str], *, for_writing: bool = False) -> Format:
    """The workbook format a path stands for.

    A ``.xlsx`` (or ``.xlsm``) file is xlsx, a ``.json`` file is JSON, and a directory is a
    folder of CSV files; when writing, a path without a suffix is a CSV folder too.

    Raises
    ------
    FileFormatError
        For any other path.

    Examples
    --------
    >>> detect_format("kota.xlsx"), detect_format("kota.json")
    ('xlsx', 'json')
    >>> detect_format("out/kota", for_writing=True)
    'csv'
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if p.is_dir():
        return "csv"
    if suffix == ".csv":
        # A lone CSV file holds one table; a workbook is a folder of them.
        raise FileFormatError(
            [
                InputProblem(
                    file=str(p),
                    message="a workbook in CSV is a folder of <table>.csv files: "
                    "give the folder, not one file",
                )
            ]
        )
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if for_writing and suffix == "":
        return "csv"
    raise FileFormatError(
        [
            InputProblem(
                file=str(p),
                message=f"cannot tell the workbook format from {p.name!r}: expected a .xlsx "
                "file, a .json file or a folder of CSV files",
            )
        ]
    )


def _check_format(fmt: str | None) -> Format | None:
    if fmt is None or fmt in ("xlsx", "csv", "json"):
        return fmt  # type: ignore[return-value]
    msg = f"unknown format {fmt!r}: expected xlsx, csv or json"
    raise UsageError(msg)


def read(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    progress: Progress | None = None,
) -> Cascade:
    """Read a workbook from an xlsx file, a folder of CSV files or a JSON file.

    Parameters
    ----------
    path
        The file or folder.
    format
        ``xlsx``, ``csv`` or ``json``; by default taken from the path (:func:`detect_format`).
    progress
        A callback told how the reading goes, as ``progress("read", done, total)`` (see
        :mod:`cascade.progress`): for a CSV folder one step per file and one for checking
        the cells, else one step; ``None``, the default, reports nothing.

    Returns
    -------
    Cascade

    Raises
    ------
    FileFormatError
        If the path does not exist, is not a file or a folder (a device, a pipe), or is not
        a workbook at all; or the workbook is refused as unsafe (an XML part with a DOCTYPE,
        a zip bomb, a sheet beyond Excel's limits).
    InputError
        Listing every cell that cannot be read, every missing required column and every
        missing required table, each with file, table, row and column; and every formula
        cell without a saved value (formulas are never calculated).
    UsageError
        For an unknown ``format``, or a path given as bytes.
    """
    _check_path(path)
    fmt = _check_format(format) or detect_format(path)
    if fmt == "csv":  # reports per file: the slow case at scale
        from cascade.io._csv import read_csv_folder

        return read_csv_folder(Path(path), progress)
    if progress is not None:
        progress("read", 0, 1)
    if fmt == "xlsx":
        from cascade.io._xlsx import read_xlsx

        city = read_xlsx(Path(path))
    else:
        from cascade.io._json import read_json

        city = read_json(Path(path))
    if progress is not None:
        progress("read", 1, 1)
    return city


def _check_path(path: str | os.PathLike[str]) -> None:
    """Refuse a path that names no file or folder to read (before anything opens it).

    A device, a pipe or a socket is refused too: reading one could block for ever.
    """
    given: object = os.fspath(path)  # bytes, despite the annotation, from some callers
    if not isinstance(given, str):
        msg = f"a path is text or a pathlib.Path, not {type(given).__name__}"
        raise UsageError(msg)
    text = given
    if text == "":
        message = "no path given"
    elif "\x00" in text:
        message = "a path cannot hold a NUL character"
        text = text.replace("\x00", "\\x00")
    elif not Path(path).exists():
        message = "no such file or folder"
    elif not (Path(path).is_file() or Path(path).is_dir()):
        message = "not a file or a folder (a device, a pipe or a socket)"
    else:
        return
    raise FileFormatError([InputProblem(file=str(text), message=message)])


def write(
    cascade: Cascade,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write a cascade as an xlsx file, a folder of CSV files or a JSON file.

    Every table is written, empty ones included, with the canonical headers, then the extra
    columns. Existing files of the same name are replaced; other files in a CSV folder are
    left alone.

    Parameters
    ----------
    cascade
        What to write.
    path
        The file or folder.
    format
        ``xlsx``, ``csv`` or ``json``; by default taken from the path.
    progress
        A callback told how the writing goes, as ``progress("write", done, total)`` (see
        :mod:`cascade.progress`); ``None``, the default, reports nothing.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    fmt = _check_format(format) or detect_format(path, for_writing=True)
    target = Path(path)
    if progress is not None:
        progress("write", 0, 1)
    if fmt == "csv":
        from cascade.io._csv import write_csv_folder

        write_csv_folder(cascade, target)
    elif fmt == "xlsx":
        from cascade.io._xlsx import write_xlsx

        write_xlsx(cascade, target)
    else:
        from cascade.io._json import write_json

        write_json(cascade, target)
    if progress is not None:
        progress("write", 1, 1)
    return target
