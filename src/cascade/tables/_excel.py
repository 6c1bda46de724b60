"""Tables as an xlsx workbook: formatted headers, number formats, category colours."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cascade.errors import UsageError
from cascade.io._atomic import atomic_path
from cascade.io._xlsx import _extra_value, _number_cell, _text_cell, write_only_workbook
from cascade.tables._headers import FORMATS, Format

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from cascade._html import category_colours
from cascade.scales import LKJIP, SAKIP_GRADE

__all__ = ["CATEGORY_COLOURS", "NUMBER_FORMATS", "to_excel"]

#: The Excel number format of each column format.
NUMBER_FORMATS: dict[Format, str] = {
    "percent": "0.00",
    "rupiah": "#,##0",
    "count": "0",
}

#: Fill colour (RGB) and whether the text is white, per category label: the LKjIP bands
#: (Sangat Baik dark green … Sangat Kurang red) and the SAKIP grades (AA … D), taken from
#: the one palette the notebook views and pictures use (:func:`cascade._html.category_colours`).
CATEGORY_COLOURS: dict[str, tuple[str, bool]] = {
    label: (background.lstrip("#").upper(), text.lower() == "#ffffff")
    for scale in (LKJIP, SAKIP_GRADE)
    for label, (background, text) in category_colours(scale).items()
}

_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
_HEADER_FONT = Font(bold=True)
_HEADER_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_FILLS = {
    label: (
        PatternFill(fill_type="solid", start_color=rgb, end_color=rgb),
        Font(color="FFFFFF" if white else "000000"),
    )
    for label, (rgb, white) in CATEGORY_COLOURS.items()
}
#: What Excel refuses in a sheet name.
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
_MAX_SHEET = 31
_MAX_WIDTH = 60


def _column_format(name: str, column: pd.Series) -> Format:
    """How a column is formatted: by its header, else by its suffix or dtype."""
    if name in FORMATS:
        return FORMATS[name]
    if name.endswith("(%)"):
        return "percent"
    if name.endswith("(Rp)"):
        return "rupiah"
    if isinstance(column.dtype, pd.CategoricalDtype) and any(
        str(c) in CATEGORY_COLOURS for c in column.cat.categories
    ):
        return "category"
    if pd.api.types.is_float_dtype(column.dtype):
        return "number"
    return "text"


def _styled(ws: WriteOnlyWorksheet, value: object) -> Cell:
    """``value`` as a cell that can take a style (a cell stays the cell it is)."""
    if isinstance(value, Cell):
        return value
    cell: Cell = WriteOnlyCell(ws, value=cast("Any", value))
    return cell


def _values(ws: WriteOnlyWorksheet, sheet: str, name: str, column: pd.Series) -> list[Any]:
    """A column's cells: numbers as numbers, text as text (never a formula), styled."""
    fmt = _column_format(name, column)
    text = _text_cell(ws, f"sheet {sheet}, column {name}")
    number = _number_cell(ws)
    values = [_extra_value(v, text, number) for v in column.astype(object).tolist()]
    if fmt in NUMBER_FORMATS:
        code = NUMBER_FORMATS[fmt]
        for i, value in enumerate(values):
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell = _styled(ws, value)
                cell.number_format = code
                values[i] = cell
            elif isinstance(value, Cell) and value.data_type == "n":
                value.number_format = code
    elif fmt == "category":
        for i, value in enumerate(values):
            label = value.value if isinstance(value, Cell) else value
            if isinstance(label, str) and label in _FILLS:
                cell = _styled(ws, value)
                cell.fill, cell.font = _FILLS[label]
                values[i] = cell
    for i, value in enumerate(values):  # text of several lines wraps
        if isinstance(value, str) and "\n" in value:
            cell = _styled(ws, value)
            cell.alignment = _WRAP
            values[i] = cell
    return values


def _shown(value: object, code: str | None) -> int:
    """About how many characters wide a cell shows (its longest line)."""
    if isinstance(value, Cell):
        code = value.number_format if value.number_format != "General" else code
        inner = value.value
        # a float written as its exact text is still a number to show
        value = float(inner) if value.data_type == "n" and isinstance(inner, str) else inner
    if value is None:
        return 0
    if isinstance(value, float) and math.isfinite(value):
        if code == "#,##0":
            return len(f"{value:,.0f}")
        if code == "0.00":
            return len(f"{value:.2f}")
        return len(f"{value:.10g}")
    return max((len(line) for line in str(value).split("\n")), default=0)


def _width(header: str, values: list[Any], code: str | None) -> float:
    sample = [_shown(v, code) for v in values[:1000]]
    longest_word = max((len(w) for w in header.split()), default=0)
    wanted = max([min(len(header), 24), longest_word, *sample, 6])
    return float(min(wanted + 2, _MAX_WIDTH))


def _write_sheet(book: Workbook, sheet: str, frame: pd.DataFrame) -> None:
    ws = book.create_sheet(sheet)
    headers = [str(h) for h in frame.columns]
    size = f"A1:{get_column_letter(max(len(headers), 1))}{len(frame) + 1}"
    ws.calculate_dimension = lambda: size
    columns = [_values(ws, sheet, headers[i], frame.iloc[:, i]) for i in range(len(headers))]
    ws.freeze_panes = "A2"
    for i, (name, values) in enumerate(zip(headers, columns, strict=True), start=1):
        code = NUMBER_FORMATS.get(_column_format(name, frame.iloc[:, i - 1]))
        ws.column_dimensions[get_column_letter(i)].width = _width(name, values, code)
    if headers:
        ws.auto_filter.ref = size
    header_text = _text_cell(ws, f"sheet {sheet}, header")
    header_cells = []
    for name in headers:
        cell = _styled(ws, header_text(name))
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT
        header_cells.append(cell)
    ws.append(header_cells)
    for row in zip(*columns, strict=True):
        ws.append(row)


def _check_names(names: list[str]) -> None:
    if not names:
        msg = "no tables to write: an xlsx workbook needs at least one sheet"
        raise UsageError(msg)
    seen: set[str] = set()
    for name in names:
        if not name or len(name) > _MAX_SHEET or _BAD_SHEET.search(name) or name[0] == "'":
            msg = (
                f"sheet name {name!r} cannot be used in Excel: 1 to {_MAX_SHEET} characters, "
                "none of [ ] : * ? / \\, not starting with an apostrophe"
            )
            raise UsageError(msg)
        if name.casefold() in seen:
            msg = f"sheet name {name!r} is used twice (Excel ignores case)"
            raise UsageError(msg)
        seen.add(name.casefold())


def to_excel(tables: Mapping[str, pd.DataFrame], path: str | os.PathLike[str]) -> Path:
    r"""Write tables to an xlsx workbook, one sheet each, formatted for reading and printing.

    Each sheet has a bold header row on a blue-grey fill, frozen, with a filter; columns
    fitted to their content; percentages (``Capaian (%)``, ``Serapan (%)`` …) shown with two
    decimals (``0.00``) and rupiah (``Pagu (Rp)``, ``Anggaran (Rp)`` …) with thousands
    separators (``#,##0``), while the cells keep every digit; category cells filled by
    their band (*Sangat Baik* dark green, *Baik* green, *Cukup* yellow, *Kurang* orange,
    *Sangat Kurang* red; the SAKIP grades AA … D likewise); text of several lines wrapped.
    A column's format follows its header in either language (see
    :mod:`cascade.tables._headers`), else a header ending in ``(%)`` or ``(Rp)``, else its
    dtype. Text is always written as text: a statement beginning with ``=`` is never a
    formula. The frame's index is not written (the tables keep ids in columns).

    The file is replaced atomically: on any error the old file, if any, is untouched.

    Parameters
    ----------
    tables
        Sheet name to frame, in sheet order. Names follow Excel's rules (at most 31
        characters, none of ``[ ] : * ? / \``).
    path
        The ``.xlsx`` file to write.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    cascade.errors.UsageError
        For no tables, a sheet name Excel refuses, or text longer than a cell holds.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import cascade
    >>> from cascade.tables import lkjip_table, to_excel
    >>> results = cascade.propagate(cascade.load_example(), as_of="2024")
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> to_excel({"LKjIP": lkjip_table(results, "PEMKO")}, folder / "lkjip.xlsx").name
    'lkjip.xlsx'
    """
    target = Path(path)
    names = [str(name) for name in tables]
    _check_names(names)
    with write_only_workbook() as book:  # no temporary file left behind on a failure
        for name, frame in zip(names, tables.values(), strict=True):
            _write_sheet(book, name, frame)
        with atomic_path(target) as tmp:
            book.save(tmp)
    return target
