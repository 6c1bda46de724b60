"""Reading cell values as spreadsheets hold them: column-at-a-time parsers.

Each parser takes one column of raw cells (a :class:`pandas.Series` of whatever a reader
produced: text, numbers Excel stored as numbers, booleans, dates, blanks) and returns the
parsed column plus the positions it could not read, with a message for each. Parsers work on
whole columns (regular expressions and ``map`` over the distinct values), so a
million-row table parses in one pass; they never drop or zero a value they cannot read.

Number text (``parse_number_text``) follows Indonesian spreadsheets:

- ``12,5`` → 12.5 (decimal comma); ``1.200.000`` and ``1.200`` → 1200000 and 1200 (dots group
  thousands); ``1.200,5`` → 1200.5;
- ``12.5`` and ``0.25`` → 12.5 and 0.25 (a dot followed by anything but groups of exactly three
  digits is a decimal point, as in text written by other programs); ``1e-05`` is accepted;
- ``85%`` and ``85 %`` → 85 (achievement and targets are kept in percent);
  a leading ``Rp`` is dropped (``Rp 1.500.000``);
- in a target cell only, ``80-90``, ``80–90``, ``80 — 90``, ``80%-90%``, ``80 s.d. 90`` and
  ``80 s/d 90`` are range targets with a lower and an upper bound.

>>> parse_number_text("1.200,5")
1200.5
>>> parse_number_text("80–90", allow_range=True)
(80.0, 90.0)

Infinity is written ``inf`` or ``-inf``; number text beyond the range of a float (``1e400``)
is an error, "a number too large to hold", never infinity.

Before any of that, :func:`check_cells` refuses what no spreadsheet cell can hold: lists,
dicts, bytes and other objects handed over in a DataFrame, and text with a lone surrogate
(which no file format can store).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import math
import re
from dataclasses import dataclass
from numbers import Real

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cascade.period import Period

__all__ = [
    "BadCells",
    "check_cells",
    "format_number",
    "format_number_column",
    "header_text",
    "is_blank",
    "parse_bool_column",
    "parse_enum_column",
    "parse_id_column",
    "parse_number_column",
    "parse_number_text",
    "parse_period_column",
    "parse_text_column",
]

_NUM = r"[+-]?(?:\d[\d.,]*)"
_PLAIN = re.compile(r"[+-]?(?:\d+|\d*\.\d+)(?:[eE][+-]?\d+)?")
_ID_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_ID_DECIMAL = re.compile(r"[+-]?\d+,\d+")
_EN_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|[+-]?\d{1,3}(?:,\d{3})+\.\d+")
_RANGE = re.compile(
    rf"(?P<lo>{_NUM})\s*%?\s*(?:-|–|—|s\.?\s*d\.?|s/d|sampai(?:\s+dengan)?)\s*(?P<hi>{_NUM})",
    re.IGNORECASE,
)
_INFINITY = re.compile(r"[+-]?(?:inf|infinity)", re.IGNORECASE)
_AFFIX = re.compile(r"^\s*(?:rp\.?\s*)?(.*?)\s*%?\s*$", re.IGNORECASE | re.DOTALL)

_TRUE = {"true", "1", "ya", "y", "yes", "iya", "benar", "x", "v", "✓"}
_FALSE = {"false", "0", "tidak", "t", "no", "n", "bukan", "salah", "-"}

#: What a number cell must look like, for messages.
NUMBER_EXPECTED = "expected a number (such as 12,5 or 1.200.000 or 85%)"
#: The message for number text beyond the range of a float.
TOO_LARGE = "a number too large to hold (beyond ±1.8e308)"
#: The longest cell text quoted in full in a message; longer text is cut.
SHOWN_TEXT = 80


@dataclass
class BadCells:
    """Cells a parser could not read: their positions (0-based), raw text and a message each."""

    positions: list[int]
    values: list[str | None]
    messages: list[str]

    @classmethod
    def none(cls) -> BadCells:
        """No bad cells."""
        return cls([], [], [])

    def add(self, position: int, value: object, message: str) -> None:
        """Record one bad cell."""
        self.positions.append(position)
        self.values.append(None if value is None else _show(value))
        self.messages.append(message)

    def __len__(self) -> int:
        return len(self.positions)


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= SHOWN_TEXT else text[: SHOWN_TEXT - 1] + "…"


# The types of cell a reader hands over; other objects (lists, dicts, bytes, …) only reach
# the parsers from a DataFrame, and are refused by check_cells.
_SCALAR_TYPES = (
    str,
    bool,
    int,
    float,
    decimal.Decimal,
    np.bool_,
    np.integer,
    np.floating,
    dt.date,
    dt.time,
    dt.timedelta,
    np.datetime64,
    np.timedelta64,
    enum.Enum,
)
_PLAIN_CELL_TYPES = {str, float, int, bool, type(None)}
# What pandas.api.types.infer_dtype says of a column of scalars that are not text.
_SCALARS_ONLY = {
    "floating",
    "integer",
    "mixed-integer-float",
    "decimal",
    "boolean",
    "datetime",
    "datetime64",
    "date",
    "time",
    "timedelta",
    "timedelta64",
}


def _is_cell(value: object) -> bool:
    """Whether a value can be a cell: a scalar of :data:`_SCALAR_TYPES`, or missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, _SCALAR_TYPES)


def check_cells(values: pd.Series) -> BadCells:
    r"""The cells of a column that no workbook can hold, with a message each.

    A cell is text, a number, yes/no, a date or time, or blank. Lists, dicts, sets, bytes,
    complex numbers and other objects (which a DataFrame can hold) are refused, and so is
    text with a lone surrogate (``"\ud800"``, which a JSON escape can produce): no file
    format stores it, so such a cascade could not be written.

    >>> bad = check_cells(pd.Series(["a", 1.5, None, [1, 2], b"x"], dtype=object))
    >>> bad.positions, bad.messages[0]
    ([3, 4], 'expected text, a number, yes/no, a date or a blank, found a list')
    """
    bad = BadCells.none()
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind not in "Oc":
        return bad  # numpy numbers, booleans, datetimes: scalars by construction
    if isinstance(dtype, pd.StringDtype):
        return bad  # text held by Arrow is valid UTF-8
    cells = values.to_numpy(dtype=object)
    inferred = pd.api.types.infer_dtype(cells, skipna=True)  # one pass in C
    if inferred in _SCALARS_ONLY:
        return bad
    if inferred in ("string", "empty"):  # text and blanks: look for lone surrogates only
        objects = False
        present = cells[pd.notna(cells)] if inferred == "string" else cells[:0]
        surrogates = not _encodes("\n".join(present.tolist()))
    else:
        types = set(map(type, cells))
        objects = not types <= _PLAIN_CELL_TYPES
        text = any(issubclass(t, str) for t in types)
        surrogates = text and not _encodes("\n".join(v for v in cells if isinstance(v, str)))
    if not (objects or surrogates):
        return bad
    for i, value in enumerate(cells):
        if not _is_cell(value):
            message = "expected text, a number, yes/no, a date or a blank, found "
            bad.add(i, None, message + _object_kind(value))
        elif isinstance(value, str) and not _encodes(value):
            message = "text that is not valid Unicode (a lone surrogate such as \\ud800)"
            bad.add(i, None, message)
    return bad


def _object_kind(value: object) -> str:
    """What an object that cannot be a cell is, for a message."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, tuple):
        return "a tuple"
    if isinstance(value, dict):
        return "a dict"
    if isinstance(value, set | frozenset):
        return "a set"
    if isinstance(value, bytes | bytearray | memoryview | np.bytes_):
        return "bytes"
    if isinstance(value, complex | np.complexfloating):
        return "a complex number"
    return f"a {type(value).__name__} object"


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def header_text(label: object) -> str:
    """A column label as the header text it stands for; ``""`` for no header.

    DataFrames may have labels that are not text: a number is its text (``2024``, not
    ``2024.0``), and ``None`` or NaN is no header at all.

    >>> [header_text(x) for x in ("satuan", 2024, 2024.0, None, float("nan"))]
    ['satuan', '2024', '2024', '', '']
    """
    if isinstance(label, str):
        return label
    if label is None or (isinstance(label, float) and math.isnan(label)):
        return ""
    if isinstance(label, float) and label.is_integer():
        return str(int(label))
    if isinstance(label, dt.datetime | dt.date | dt.time):
        return label.isoformat()
    return str(label)


def _stripped(values: pd.Series) -> pd.Series:
    """``values.str.strip()``: NaN where a cell is not text, even when no cell is text."""
    try:
        return values.str.strip()
    except AttributeError:  # pandas refuses .str on a column of only numbers or booleans
        return pd.Series(np.nan, index=values.index, dtype=object)


def _arrow_text(values: pd.Series) -> pa.ChunkedArray | None:
    """The Arrow array behind an Arrow-backed text column (a CSV read), else ``None``."""
    array = getattr(values.array, "_pa_array", None)
    if isinstance(array, pa.ChunkedArray) and (
        pa.types.is_string(array.type) or pa.types.is_large_string(array.type)
    ):
        return array
    return None


def _numpy_mask(mask: pa.ChunkedArray | pa.Array) -> np.ndarray:
    out: np.ndarray = np.array(mask.to_numpy(zero_copy_only=False), dtype=bool)  # writable
    return out


def is_blank(values: pd.Series) -> np.ndarray:
    """Boolean mask of blank cells: missing, or text that is empty after stripping."""
    text = _arrow_text(values)
    if text is not None:  # one Arrow pass, no Python strings
        trimmed = pc.utf8_trim_whitespace(text)
        return _numpy_mask(pc.fill_null(pc.equal(trimmed, ""), True))
    missing = values.isna().to_numpy(dtype=bool)
    if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
        # On object columns ``.str`` gives NaN for cells that are not text.
        empty = (_stripped(values) == "").fillna(False).to_numpy(dtype=bool)
        mask: np.ndarray = missing | empty
        return mask
    return missing


def _distinct(values: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Codes and distinct values of a column (-1 for missing), for parsing each value once."""
    if values.dtype != object and pd.api.types.is_string_dtype(values.dtype):
        codes, uniques = pd.factorize(values, use_na_sentinel=True)  # Arrow dictionary encode
    else:
        codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    return np.asarray(codes), list(uniques)


def _to_text(value: object) -> str:
    """Text of an id or description cell; numbers Excel stored as numbers lose their ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value).strip()


def parse_id_column(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Ids and references as stripped text; returns the column and the blank mask."""
    blank = is_blank(values)
    if values.dtype == object:
        text = _stripped(values)
        others = text.isna().to_numpy(dtype=bool) & ~blank
        if others.any():  # numbers Excel stored as numbers, and other non-text cells
            text = text.astype(object)
            text[others] = [_to_text(v) for v in values[others]]
        values = text
    elif pd.api.types.is_string_dtype(values.dtype):
        values = values.str.strip()
    else:
        values = pd.Series([_to_text(v) for v in values], index=values.index, dtype=object)
    out = values.astype("str").mask(blank)
    return out, blank


def parse_text_column(values: pd.Series) -> pd.Series:
    """Descriptions as stripped text, blank cells missing."""
    out, _ = parse_id_column(values)
    return out


def parse_number_text(text: str, *, allow_range: bool = False) -> float | tuple[float, float]:
    """Read one number (or, with ``allow_range``, a range) from spreadsheet text.

    Parameters
    ----------
    text
        The cell's text.
    allow_range
        Accept ``80-90`` and the like, returning ``(lower, upper)``.

    Raises
    ------
    ValueError
        If the text is not a number in a form listed in the module docstring.

    Examples
    --------
    >>> parse_number_text("12,5")
    12.5
    >>> parse_number_text("1.200.000")
    1200000.0
    >>> parse_number_text("Rp 1.500.000,50")
    1500000.5
    >>> parse_number_text("85%")
    85.0
    >>> parse_number_text("7 s.d. 8", allow_range=True)
    (7.0, 8.0)
    >>> parse_number_text("12,5,1")
    Traceback (most recent call last):
    ...
    ValueError: expected a number (such as 12,5 or 1.200.000 or 85%)
    >>> parse_number_text("1e400")
    Traceback (most recent call last):
    ...
    ValueError: a number too large to hold (beyond ±1.8e308)
    """
    match = _AFFIX.match(text.replace("\u00a0", " "))
    body = match.group(1) if match else text
    single = _number_or_none(body)
    if single is not None:
        return single
    if allow_range:
        rng = _RANGE.fullmatch(body)
        if rng:
            lo = _number_or_none(_AFFIX.match(rng["lo"]).group(1))  # type: ignore[union-attr]
            hi = _number_or_none(_AFFIX.match(rng["hi"]).group(1))  # type: ignore[union-attr]
            if lo is not None and hi is not None:
                return (lo, hi)
        raise ValueError(NUMBER_EXPECTED[:-1] + " or a range such as 80-90)")
    raise ValueError(NUMBER_EXPECTED)


def _number_or_none(body: str) -> float | None:
    """The number ``body`` reads as, ``None`` if it is not one.

    Raises ``ValueError`` for a number beyond the range of a float: ``1e400`` is not infinity.
    """
    body = body.strip()
    if _INFINITY.fullmatch(body):
        return float(body.lower().replace("infinity", "inf"))
    if _ID_THOUSANDS.fullmatch(body):
        number = float(body.replace(".", "").replace(",", "."))
    elif _PLAIN.fullmatch(body):
        number = float(body)
    elif _ID_DECIMAL.fullmatch(body):
        number = float(body.replace(",", "."))
    elif _EN_THOUSANDS.fullmatch(body):
        number = float(body.replace(",", ""))
    else:
        return None
    if math.isinf(number):
        raise ValueError(TOO_LARGE)
    return number


def _kind_of(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return "a true/false value"
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return "a date"
    if isinstance(value, dt.time | dt.timedelta):
        return "a time"
    return f"a {type(value).__name__}"


def parse_number_column(
    values: pd.Series, *, allow_range: bool = False
) -> tuple[pd.Series, pd.Series | None, np.ndarray, BadCells]:
    """Parse a column of numbers.

    Blank cells (empty, or a lone ``-`` as Indonesian tables write "none") are reported in the
    ``blank`` mask; whether a blank is allowed is the caller's decision.

    Returns
    -------
    numbers
        float64, NaN where the cell is blank or bad.
    uppers
        With ``allow_range``, float64 upper bounds of range cells (NaN elsewhere), else None.
    blank
        Mask of blank cells.
    bad
        The cells that are neither blank nor a number.
    """
    n = len(values)
    bad = BadCells.none()
    uppers = np.full(n, np.nan) if allow_range else None
    result = np.full(n, np.nan)
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(
        values.dtype
    ):
        out = values.astype("float64")
        return out, _up(uppers, values), out.isna().to_numpy(), bad

    blank = np.zeros(n, dtype=bool)
    arrow = _arrow_text(values)
    fast = _plain_numbers(arrow) if arrow is not None else None
    if fast is not None:
        # Text columns (CSV): plain numbers in one Arrow pass, the rest cell by cell.
        result, plain, blank = fast
        slow = np.flatnonzero(~blank & ~plain)
    elif pd.api.types.is_string_dtype(values.dtype) and values.dtype != object:
        text = values.str.strip()
        blank = (text.isna() | text.isin(["", "-", "–"])).to_numpy()
        plain = text.str.fullmatch(_PLAIN.pattern).fillna(False).to_numpy(dtype=bool, copy=True)
        plain &= ~text.str.fullmatch(_ID_THOUSANDS.pattern).fillna(False).to_numpy(dtype=bool)
        result[plain] = text[plain].astype("float64").to_numpy()
        overflow = plain & np.isinf(result)  # 1e400: the slow path reports it
        plain &= ~overflow
        result[overflow] = np.nan
        slow = np.flatnonzero(~blank & ~plain)
    else:
        slow = np.arange(n)
    # Only the cells the vectorised pass could not read become Python objects.
    raw = values.iloc[slow].astype(object).to_numpy() if len(slow) else np.empty(0, object)
    for i, cell in zip(slow, raw, strict=True):
        parsed = _parse_number_cell(cell, allow_range=allow_range)
        if parsed is None:
            blank[i] = True
        elif isinstance(parsed, str):
            bad.add(int(i), cell, parsed)
        elif isinstance(parsed, tuple):
            result[i], uppers[i] = parsed  # type: ignore[index]
        else:
            result[i] = parsed
    return pd.Series(result, index=values.index), _up(uppers, values), blank, bad


def _plain_numbers(
    text: pa.ChunkedArray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Plain numbers of an Arrow text column: (values, plain mask, blank mask), or ``None``.

    ``None`` when Arrow cannot convert every plain cell, so the caller takes the slower path.
    """
    trimmed = pc.utf8_trim_whitespace(text)
    blank = pc.fill_null(pc.is_in(trimmed, value_set=pa.array(["", "-", "\u2013"])), True)
    plain = pc.fill_null(
        pc.and_(
            pc.match_substring_regex(trimmed, f"^(?:{_PLAIN.pattern})$"),
            pc.invert(pc.match_substring_regex(trimmed, f"^(?:{_ID_THOUSANDS.pattern})$")),
        ),
        False,
    )
    try:
        numbers = pc.cast(pc.if_else(plain, trimmed, pa.scalar(None, trimmed.type)), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    values = np.array(numbers.to_numpy(zero_copy_only=False), dtype=np.float64)  # writable
    plain_mask = _numpy_mask(plain)
    overflow = plain_mask & np.isinf(values)  # 1e400: the slow path reports it
    plain_mask &= ~overflow
    values[overflow] = np.nan
    return values, plain_mask, _numpy_mask(blank)


def _parse_number_cell(
    value: object, *, allow_range: bool
) -> float | tuple[float, float] | str | None:
    """One cell: a number, a (lower, upper) range, ``None`` if blank, or an error message."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return f"{NUMBER_EXPECTED}, found {_kind_of(value)}"
    if isinstance(value, decimal.Decimal):
        if value.is_nan():
            return None
        number = float(value)
        if math.isinf(number) and value.is_finite():
            return f"{NUMBER_EXPECTED}, found {TOO_LARGE}"
        return number
    if isinstance(value, Real):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond the float range (JSON allows any)
            return f"{NUMBER_EXPECTED}, found {TOO_LARGE}"
        return None if math.isnan(number) else number
    if not isinstance(value, str):
        return f"{NUMBER_EXPECTED}, found {_kind_of(value)}"
    if value.strip() in {"", "-", "\u2013"}:
        return None
    try:
        parsed = parse_number_text(value, allow_range=allow_range)
    except ValueError as exc:
        return str(exc)
    if isinstance(parsed, tuple) and parsed[0] > parsed[1]:
        return "range lower bound is above its upper bound"
    return parsed


def _up(uppers: np.ndarray | None, values: pd.Series) -> pd.Series | None:
    return None if uppers is None else pd.Series(uppers, index=values.index)


def parse_enum_column(
    values: pd.Series, enum_cls: type[enum.StrEnum], default: object
) -> tuple[pd.Series, np.ndarray, BadCells]:
    """Parse a column of enum words (values or aliases); blank takes ``default``.

    Returns the canonical values as text (missing where blank and no default), the blank
    mask and the bad cells.
    """
    blank = is_blank(values)
    bad = BadCells.none()
    parse = getattr(enum_cls, "parse")  # noqa: B009 - every cascade enum has parse()
    codes, uniques = _distinct(values)
    parsed: list[str | None] = []
    for u in uniques:
        try:
            parsed.append(str(parse(u if isinstance(u, str) else _to_text(u)).value))
        except ValueError:
            parsed.append(None)
    lookup = np.array([*parsed, None], dtype=object)
    known = np.array([p is not None for p in parsed] + [False])
    out = lookup[codes]  # code -1 (missing) picks the trailing None
    out[blank] = None if default is None else str(default)
    for i in np.flatnonzero(~blank & ~known[codes]):
        word = values.iloc[i]
        try:
            parse(word if isinstance(word, str) else _to_text(word))
        except ValueError as exc:
            bad.add(int(i), word, str(exc))
    return pd.Series(out, index=values.index, dtype=object), blank, bad


def parse_bool_column(values: pd.Series, default: bool) -> tuple[pd.Series, BadCells]:
    """Parse a yes/no column (``true``/``false``, ``ya``/``tidak``, ``1``/``0``, …)."""
    bad = BadCells.none()
    if pd.api.types.is_bool_dtype(values.dtype):  # a nullable boolean column may hold NA
        return values.astype(object).where(values.notna(), default).astype(bool), bad
    blank = is_blank(values)
    codes, uniques = _distinct(values)
    parsed = np.array([*(_bool_or_none(u) for u in uniques), None], dtype=object)
    out = parsed[codes]
    out[blank] = default
    for i in np.flatnonzero(pd.isna(out)):
        bad.add(int(i), values.iloc[i], "expected yes or no (true/false, ya/tidak, 1/0)")
    return pd.Series(out, index=values.index).fillna(default).astype(bool), bad


def _bool_or_none(value: object) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    text = _to_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def parse_period_column(values: pd.Series) -> tuple[pd.Series, np.ndarray, BadCells]:
    """Parse a column of periods into canonical text (``2024``, ``2024Q1``, ``2024-03``).

    A date whose day is the 1st reads as its month, because spreadsheets turn a typed
    ``2024-03`` into 1 March 2024; any other date is an error.
    """
    blank = is_blank(values)
    bad = BadCells.none()
    codes, uniques = _distinct(values)
    parsed: list[str | None] = []
    messages: list[str] = []
    for u in uniques:
        text, message = _period_or_message(u)
        parsed.append(text)
        messages.append(message)
    lookup = np.array([*parsed, None], dtype=object)
    out = lookup[codes]
    out[blank] = None
    for i in np.flatnonzero(~blank & pd.isna(out)):
        bad.add(int(i), values.iloc[i], messages[codes[i]])
    return pd.Series(out, index=values.index, dtype=object), blank, bad


def _period_or_message(value: object) -> tuple[str | None, str]:
    key = int(value) if isinstance(value, float) and value.is_integer() else value
    if isinstance(key, dt.date | pd.Timestamp):
        if key.day != 1:
            return None, "expected a period (2024, 2024Q1 or 2024-03), found a date"
        try:
            return str(Period.from_date(key)), ""
        except ValueError as exc:  # a year outside 1000-9999
            return None, f"expected a period (2024, 2024Q1 or 2024-03), found a date: {exc}"
    try:
        return str(Period.parse(key)), ""
    except ValueError:
        return None, "expected a period: a year (2024), a quarter (2024Q1) or a month (2024-03)"


def format_number(value: float) -> str:
    """Text for a number that :func:`parse_number_text` reads back exactly.

    Whole numbers have no decimal part; others use the shortest text that round-trips, with a
    trailing zero added where a reader of Indonesian text would take the dot for a thousands
    separator (``1.234`` → ``1.2340``). Blank for NaN.

    >>> [format_number(x) for x in (1200000.0, 12.5, 1.234, float("nan"))]
    ['1200000', '12.5', '1.2340', '']
    """
    return str(format_number_column(pd.Series([value], dtype="float64")).iloc[0])


def format_number_column(values: pd.Series) -> pd.Series:
    """:func:`format_number` over a float column, vectorised (Arrow compute kernels).

    >>> format_number_column(pd.Series([1200000.0, 12.5, 1.234, None, -0.5])).tolist()
    ['1200000', '12.5', '1.2340', '', '-0.5']
    """
    numbers = values.to_numpy(dtype="float64", na_value=np.nan)
    whole = np.isfinite(numbers) & (np.abs(numbers) < 1e15) & (np.floor(numbers) == numbers)
    as_int = pc.cast(pa.array(np.where(whole, numbers, 0).astype(np.int64)), pa.string())
    as_float = pc.cast(pa.array(numbers, from_pandas=True), pa.string())
    text = pc.if_else(pa.array(whole), as_int, as_float)
    # "1.234" would read as 1234 (a thousands dot): write "1.2340" instead.
    ambiguous = pc.match_substring_regex(text, r"^-?\d{1,3}\.\d{3}$")
    text = pc.if_else(ambiguous, pc.binary_join_element_wise(text, "0", ""), text)
    text = pc.fill_null(text, "")
    return pd.Series(text.to_pandas(types_mapper=pd.ArrowDtype), index=values.index).astype("str")
