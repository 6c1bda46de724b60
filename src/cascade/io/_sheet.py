"""One worksheet of an xlsx file, streamed: its cells as a raw frame.

Vocabulary
----------
sheet XML (lembar kerja)
    The part ``xl/worksheets/sheetN.xml``: ``<sheetData>`` holds ``<row r="7">`` elements,
    each holding ``<c r="B7">`` cells with a value ``<v>``, a formula ``<f>`` or an inline
    string ``<is>``; ``<mergeCells>`` after it lists the merged ranges.
cached value (nilai tersimpan)
    The value Excel stored for a formula cell when it last calculated the workbook. Formulas
    are never evaluated here: a formula cell reads as its cached value. A formula cell with
    no cached value (a workbook written by a program and never opened in Excel) is listed in
    :attr:`Sheet.uncached`, because reading it as blank would drop a value silently.
blank row (baris kosong)
    A row with no value in any cell. Sheets often have a million of them (a whole column
    formatted); they are not data. Before the XML is parsed, rows that are plainly blank
    (``<row r="9" s="1"/>`` or a row of empty ``<c r="A9" s="1"/>`` cells) are cut out of
    the byte stream, so such a sheet reads in about a second.

The parser is expat, driven directly: a ``<!DOCTYPE`` (the only way to declare an entity) is
refused the moment it appears, whatever the environment says about ``defusedxml``. Rows and
columns beyond Excel's limits (:data:`MAX_ROWS`, :data:`MAX_COLUMNS`) and sheets whose table
would exceed :data:`MAX_CELLS` cells are refused rather than filled in, so a hostile file
cannot make the reader loop or allocate without bound.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, NamedTuple, NoReturn
from xml.parsers import expat

import numpy as np
import pandas as pd
from openpyxl.utils.datetime import from_excel, from_ISO8601

from cascade._parse import header_text

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "Formula",
    "Sheet",
    "SheetContext",
    "SheetError",
    "read_shared_strings",
    "read_sheet",
    "unescape",
]

#: The last row an Excel sheet has.
MAX_ROWS = 1_048_576
#: The last column an Excel sheet has (XFD).
MAX_COLUMNS = 16_384
#: The most cells (rows × columns) of one sheet's table.
MAX_CELLS = 50_000_000

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET_DATA, _ROW, _CELL = f"{_MAIN} sheetData", f"{_MAIN} row", f"{_MAIN} c"
_VALUE, _FORMULA, _INLINE = f"{_MAIN} v", f"{_MAIN} f", f"{_MAIN} is"
_TEXT, _PHONETIC, _MERGE = f"{_MAIN} t", f"{_MAIN} rPh", f"{_MAIN} mergeCell"
_STRING_ITEM = f"{_MAIN} si"
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_CHUNK = 1 << 22
_DOCTYPE = "it has a DOCTYPE (XML entity declarations), which no spreadsheet writes"
_DIGITS = "0123456789"

# A row with nothing in it: <row r="9" .../> or <row r="9" ...><c r="A9" s="1"/>...</row>.
# Possessive quantifiers: the pattern never backtracks, so 100 MB of rows take about a second.
_ATTRIBUTES = rb'(?:\s++[\w:.-]++="[^"<]*+")*+\s*+'
_BLANK_ROW = re.compile(
    rb'<row r="\d++"' + _ATTRIBUTES + rb"(?:/>|>(?:\s*+<c" + _ATTRIBUTES + rb"(?:/>|>\s*+</c>))*+"
    rb"\s*+</row>)"
)
# A row whose number is not written: it takes the number after the row before it.
_UNNUMBERED_ROW = re.compile(rb'<row(?! r="|Breaks)')


# Excel escapes characters XML cannot carry as _xHHHH_, and a literal _xHHHH_ as _x005F_xHHHH_.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    r"""Text as Excel meant it: ``_x000D_`` is a carriage return.

    >>> unescape("a_x000D_b"), unescape("_x005F_x000D_")
    ('a\rb', '_x000D_')
    """
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


class Formula(NamedTuple):
    """A formula cell without a cached value: its sheet row, column (1-based) and formula."""

    row: int
    column: int
    text: str


@dataclass(frozen=True)
class SheetContext:
    """What the cells of every sheet of a workbook are read with.

    Parameters
    ----------
    strings
        The shared string table.
    epoch
        Day zero of the workbook's date numbers (1900 or 1904).
    date_styles, timedelta_styles
        The style numbers whose number format shows a date or a duration.
    """

    strings: Sequence[object]
    epoch: dt.datetime
    date_styles: Collection[int] = frozenset()
    timedelta_styles: Collection[int] = frozenset()


@dataclass
class Sheet:
    """The cells of a sheet: a raw frame (header from row 1), and what else was found.

    Parameters
    ----------
    frame
        Every row with a value, below the header row, as object cells; columns up to the
        last one with a header or a value.
    rows
        The sheet row number of each row of ``frame``.
    uncached
        Formula cells without a cached value, in sheet order.
    merged
        The merged ranges (``A3:A5``).
    """

    frame: pd.DataFrame
    rows: list[int]
    uncached: list[Formula] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)


class SheetError(Exception):
    """The sheet cannot be read; the message says where (a cell, a row or an XML line)."""


class _StopError(Exception):
    """Raised from an expat handler to end parsing with a :class:`SheetError`."""


@dataclass(slots=True)
class _Cell:
    column: int = 0
    kind: str = "n"
    style: int = 0
    value: str | None = None
    formula: str | None = None
    inline: list[str] | None = None


class _Reader:
    """Expat handlers that collect the non-blank cells of each row, sparsely."""

    def __init__(self, context: SheetContext) -> None:
        self.context = context
        self.rows: list[tuple[int, list[object]]] = []
        self.held = 0  # cells held by the rows so far (their widths)
        self.uncached: list[Formula] = []
        self.merged: list[str] = []
        self.error: str | None = None
        self.in_data = False
        self.row = 0
        self.cells: list[object] | None = None  # this row's values, by column - 1
        self.cell: _Cell | None = None
        self.text: list[str] | None = None
        self.phonetic = False
        self.column = 0
        self.columns: dict[str, int] = {}

    def fail(self, message: str) -> NoReturn:
        self.error = message
        raise _StopError

    # -- expat handlers

    def doctype(self, *_: object) -> None:
        self.fail(_DOCTYPE)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.cell is not None:
            self._start_in_cell(name)
        elif name == _CELL and self.cells is not None:
            self.cell = self._new_cell(attrs)
        elif name == _ROW and self.in_data:
            number = attrs.get("r")
            self.row = self._row_number(number) if number is not None else self.row + 1
            self.cells = []
            self.column = 0
        elif name == _SHEET_DATA:
            self.in_data = True
        elif name == _MERGE and "ref" in attrs:
            self.merged.append(attrs["ref"])

    def _start_in_cell(self, name: str) -> None:
        cell = self.cell
        assert cell is not None
        if name in (_VALUE, _FORMULA):
            self.text = []
        elif name == _INLINE:
            cell.inline = []
        elif name == _PHONETIC:
            self.phonetic = True
        elif name == _TEXT and cell.inline is not None and not self.phonetic:
            self.text = []

    def end(self, name: str) -> None:
        cell = self.cell
        if cell is not None:
            if name == _CELL:
                self._end_cell(cell)
            elif name == _VALUE:
                cell.value = "".join(self.text or ())
                self.text = None
            elif name == _FORMULA:
                cell.formula = "".join(self.text or ())
                self.text = None
            elif name == _TEXT and self.text is not None and cell.inline is not None:
                cell.inline.append("".join(self.text))
                self.text = None
            elif name == _PHONETIC:
                self.phonetic = False
        elif name == _ROW and self.cells is not None:
            cells = self.cells
            while cells and cells[-1] is None:
                cells.pop()
            if cells:
                self.rows.append((self.row, cells))
                self.held += len(cells)
                if self.held > MAX_CELLS:
                    self.fail(_too_large(len(self.rows), len(cells)))
            self.cells = None
        elif name == _SHEET_DATA:
            self.in_data = False

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    # -- cells

    def _row_number(self, text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            self.fail(f"row number {text!r} is not a whole number")
        if not 1 <= number <= MAX_ROWS:
            self.fail(f"row {number} is beyond the rows a sheet has (1 to {MAX_ROWS:,})")
        return number

    def _new_cell(self, attrs: dict[str, str]) -> _Cell:
        reference = attrs.get("r")
        column = self.column + 1 if reference is None else self._column(reference)
        if column > MAX_COLUMNS:
            self.fail(f"a cell of row {self.row} is beyond the last column a sheet has (XFD)")
        self.column = column
        style = attrs.get("s")
        return _Cell(
            column=column,
            kind=attrs.get("t", "n"),
            style=int(style) if style is not None and style.isdigit() else 0,
        )

    def _column(self, reference: str) -> int:
        column = self.columns.get(reference.rstrip(_DIGITS))  # "B7" -> "B", seen before
        if column is not None:
            return column
        match = _REFERENCE.fullmatch(reference)
        if match is None:
            self.fail(f"cell reference {reference!r} is not a cell such as B7")
        letters = match.group(1).upper()
        column = self.columns.get(letters)
        if column is None:
            column = 0
            for letter in letters:
                column = column * 26 + ord(letter) - 64
            if column > MAX_COLUMNS:
                self.fail(f"cell {reference} is beyond the last column a sheet has (XFD)")
            self.columns[letters] = column
        if "$" not in reference:
            self.columns[reference.rstrip(_DIGITS)] = column  # as written: "b" too
        return column

    def _end_cell(self, cell: _Cell) -> None:
        value = self._value(cell)
        if value is not None:
            cells = self.cells
            assert cells is not None
            gap = cell.column - len(cells)
            if gap > 0:
                cells.extend([None] * gap)
            cells[cell.column - 1] = value
        if cell.formula is not None and cell.value is None:
            self.uncached.append(Formula(self.row, cell.column, cell.formula))
        self.cell = None

    def _value(self, cell: _Cell) -> object:
        """The cell's value as openpyxl reads it in data-only mode; never raises on content."""
        if cell.kind == "inlineStr":
            return unescape("".join(cell.inline)) if cell.inline is not None else None
        text = cell.value
        if not text:
            return None
        kind = cell.kind
        if kind == "n":
            return self._number(text, cell.style)
        if kind == "s":
            return self._shared(text, cell)
        if kind == "b":
            return text == "1" if text in ("0", "1") else text
        if kind == "d":
            try:
                return from_ISO8601(text)  # type: ignore[no-untyped-call]
            except (ValueError, OverflowError):
                return text
        if kind == "e":
            return text
        return unescape(text)  # "str" (a formula's text result) and anything else

    def _number(self, text: str, style: int) -> object:
        try:
            number: int | float = (
                float(text)
                if "." in text or "e" in text or "E" in text or "n" in text or "N" in text
                else int(text)
            )
        except ValueError:
            return text  # not a number: the column's parser says so, with the cell
        if isinstance(number, float) and not math.isfinite(number):
            return text  # "NaN", "1e400": read as text, refused as a number with the cell
        context = self.context
        if style in context.date_styles:
            try:
                return from_excel(
                    number, context.epoch, timedelta=style in context.timedelta_styles
                )
            except (ValueError, OverflowError):
                return number  # no date has that number: keep the number
        return number

    def _shared(self, text: str, cell: _Cell) -> object:
        strings = self.context.strings
        try:
            index = int(text)
            value = strings[index] if index >= 0 else None
        except (ValueError, IndexError):
            value = None
        if value is None:
            self.fail(
                f"cell {_letters(cell.column)}{self.row} refers to shared string {text!r}, "
                f"which does not exist ({len(strings)} strings)"
            )
        return value if isinstance(value, str) else str(value)  # unescaped when read


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The bytes of the sheet XML with plainly blank rows cut out (see the module docstring).

    Cutting stops for good at a CDATA section (whose text could look like a row) or at a row
    without a number (which takes its number from the row before it, perhaps a cut one); a
    chunk is looked at together with the next one before it is cut.
    """
    filtering = True
    previous = b""
    current = stream.read(_CHUNK)
    while current:
        following = stream.read(_CHUNK)
        if filtering:
            seams = previous[-16:] + current[:16] + current[-16:] + following[:16]
            if (
                b"<![CDATA[" in current
                or b"<![CDATA[" in seams
                or _UNNUMBERED_ROW.search(current)
                or _UNNUMBERED_ROW.search(seams)
                or _UNNUMBERED_ROW.search(following)
            ):
                filtering = False
        yield _BLANK_ROW.sub(b"", current) if filtering else current
        previous, current = current, following


def read_sheet(stream: IO[bytes], context: SheetContext) -> Sheet:
    """Read the cells of one sheet XML.

    Raises
    ------
    SheetError
        If the XML is not well-formed or has a DOCTYPE, a row or column is beyond Excel's
        limits, a cell refers to a shared string that does not exist, or the table would be
        larger than :data:`MAX_CELLS` cells.
    """
    reader = _Reader(context)
    _parse_xml(reader, _chunks(stream), what="the sheet is ")
    return _sheet(reader)


def _parse_xml(handlers: _Reader | _Strings, chunks: Iterable[bytes], *, what: str) -> None:
    """Feed ``chunks`` to a namespace-aware expat parser driving ``handlers``.

    A DOCTYPE or entity declaration, and whatever else a handler stops at, ends the parse
    with the handler's ``error``; XML that is not well-formed names the line and column.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = handlers.doctype
    parser.EntityDeclHandler = handlers.doctype
    parser.StartElementHandler = handlers.start
    parser.EndElementHandler = handlers.end
    parser.CharacterDataHandler = handlers.characters
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _StopError:
        raise SheetError(handlers.error or _DOCTYPE) from None
    except expat.ExpatError as exc:
        where = f"line {exc.lineno}, column {exc.offset + 1}"
        message = f"{what}not well-formed XML ({expat.ErrorString(exc.code)}, {where})"
        raise SheetError(message) from None


def _too_large(rows: int, columns: int) -> str:
    return (
        f"the sheet has {rows:,} rows and {columns:,} columns, more than {MAX_CELLS:,} cells: "
        "save it as CSV, or delete what is not the table"
    )


def _sheet(reader: _Reader) -> Sheet:
    """The raw frame: the header from row 1, then every row with a value."""
    header: list[object] = []
    data = reader.rows
    if data and data[0][0] == 1:
        header = data[0][1]
        data = data[1:]
    filled = [_filled(cells) for _, cells in data]
    data = [row for row, width in zip(data, filled, strict=True) if width]
    width = max(max(filled, default=0), _filled(header))
    if len(data) * width > MAX_CELLS:
        raise SheetError(_too_large(len(data), width))
    cells = np.empty((len(data), width), dtype=object)
    for i, (_, row) in enumerate(data):
        part = row[:width]
        cells[i, : len(part)] = part
    headers = [header_text(v) for v in header[:width]]
    headers += [""] * (width - len(headers))
    frame = pd.DataFrame(cells, columns=pd.Index(headers, dtype=object), dtype=object)
    return Sheet(frame, [number for number, _ in data], reader.uncached, reader.merged)


def _filled(cells: list[object]) -> int:
    """One past the last column with a value that is not blank (0 for none)."""
    for i in range(len(cells) - 1, -1, -1):
        value = cells[i]
        if value is not None and not (isinstance(value, str) and not value.strip()):
            return i + 1
    return 0


class _Strings:
    """Expat handlers that collect the text of each ``<si>`` of the shared string table."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self.error: str | None = None
        self.item: list[str] | None = None
        self.text: list[str] | None = None
        self.phonetic = False

    def doctype(self, *_: object) -> None:
        self.error = _DOCTYPE
        raise _StopError

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == _STRING_ITEM:
            self.item = []
        elif name == _PHONETIC:
            self.phonetic = True
        elif name == _TEXT and self.item is not None and not self.phonetic:
            self.text = []

    def end(self, name: str) -> None:
        if name == _TEXT and self.text is not None and self.item is not None:
            self.item.append("".join(self.text))
            self.text = None
        elif name == _PHONETIC:
            self.phonetic = False
        elif name == _STRING_ITEM and self.item is not None:
            self.strings.append(unescape("".join(self.item)))
            self.item = None

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def read_shared_strings(stream: IO[bytes]) -> list[str]:
    """The shared string table (``xl/sharedStrings.xml``): the text of each item, in order.

    Rich text runs are joined; phonetic guides (``rPh``) are left out; Excel's escapes are
    undone (``_x000D_`` is a carriage return, ``_x005F_x000D_`` the text ``_x000D_``).

    Raises
    ------
    SheetError
        If the XML is not well-formed or has a DOCTYPE.
    """
    reader = _Strings()
    _parse_xml(reader, iter(lambda: stream.read(_CHUNK), b""), what="")
    return reader.strings
