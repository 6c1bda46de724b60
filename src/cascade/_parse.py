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
- in a target cell only, ``80-90``, ``80–90``, ``80 — 90``, ``80 s.d. 90`` and ``80 s/d 90`` are
  range targets with a lower and an upper bound.

>>> parse_number_text("1.200,5")
1200.5
>>> parse_number_text("80–90", allow_range=True)
(80.0, 90.0)
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from dataclasses import dataclass
from numbers import Real

import numpy as np
import pandas as pd

from cascade.period import Period

__all__ = [
    "BadCells",
    "format_number",
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
    rf"(?P<lo>{_NUM})\s*(?:-|–|—|s\.?\s*d\.?|s/d|sampai(?:\s+dengan)?)\s*(?P<hi>{_NUM})",
    re.IGNORECASE,
)
_INFINITY = re.compile(r"[+-]?(?:inf|infinity)", re.IGNORECASE)
_AFFIX = re.compile(r"^\s*(?:rp\.?\s*)?(.*?)\s*%?\s*$", re.IGNORECASE | re.DOTALL)

_TRUE = {"true", "1", "ya", "y", "yes", "iya", "benar", "x", "v", "✓"}
_FALSE = {"false", "0", "tidak", "t", "no", "n", "bukan", "salah", "-"}

#: What a number cell must look like, for messages.
NUMBER_EXPECTED = "expected a number (such as 12,5 or 1.200.000 or 85%)"


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
    return str(value)


def is_blank(values: pd.Series) -> np.ndarray:
    """Boolean mask of blank cells: missing, or text that is empty after stripping."""
    missing = values.isna().to_numpy()
    if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
        as_text = values.astype(object)
        text_mask = np.fromiter(
            (isinstance(v, str) and v.strip() == "" for v in as_text),
            dtype=bool,
            count=len(values),
        )
        mask: np.ndarray = missing | text_mask
        return mask
    return np.asarray(missing, dtype=bool)


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
    if pd.api.types.is_string_dtype(values.dtype) and values.dtype != object:
        out = values.str.strip()
    else:
        out = pd.Series(
            [
                None if b else _to_text(v)
                for v, b in zip(values.astype(object), blank, strict=True)
            ],
            index=values.index,
            dtype=object,
        )
    out = out.astype("str").mask(blank)
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
    body = body.strip()
    if _ID_THOUSANDS.fullmatch(body):
        return float(body.replace(".", "").replace(",", "."))
    if _PLAIN.fullmatch(body):
        return float(body)
    if _ID_DECIMAL.fullmatch(body):
        return float(body.replace(",", "."))
    if _EN_THOUSANDS.fullmatch(body):
        return float(body.replace(",", ""))
    if _INFINITY.fullmatch(body):
        return float(body.lower().replace("infinity", "inf"))
    return None


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

    raw = values.astype(object).to_numpy()
    blank = np.zeros(n, dtype=bool)
    if pd.api.types.is_string_dtype(values.dtype) and values.dtype != object:
        # Text columns (CSV): plain numbers in one vectorised pass, the rest cell by cell.
        text = values.str.strip()
        blank = (text.isna() | text.isin(["", "-", "–"])).to_numpy()
        plain = text.str.fullmatch(_PLAIN.pattern).fillna(False).to_numpy(dtype=bool, copy=True)
        plain &= ~text.str.fullmatch(_ID_THOUSANDS.pattern).fillna(False).to_numpy(dtype=bool)
        result[plain] = text[plain].astype("float64").to_numpy()
        slow = np.flatnonzero(~blank & ~plain)
    else:
        slow = np.arange(n)
    for i in slow:
        parsed = _parse_number_cell(raw[i], allow_range=allow_range)
        if parsed is None:
            blank[i] = True
        elif isinstance(parsed, str):
            bad.add(int(i), raw[i], parsed)
        elif isinstance(parsed, tuple):
            result[i], uppers[i] = parsed  # type: ignore[index]
        else:
            result[i] = parsed
    return pd.Series(result, index=values.index), _up(uppers, values), blank, bad


def _parse_number_cell(
    value: object, *, allow_range: bool
) -> float | tuple[float, float] | str | None:
    """One cell: a number, a (lower, upper) range, ``None`` if blank, or an error message."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return f"{NUMBER_EXPECTED}, found {_kind_of(value)}"
    if isinstance(value, Real):
        number = float(value)
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
    raw = values.astype(object)
    bad = BadCells.none()
    parse = getattr(enum_cls, "parse")  # noqa: B009 - every cascade enum has parse()
    cache: dict[str, str | ValueError] = {}
    out: list[str | None] = []
    for i, (v, b) in enumerate(zip(raw, blank, strict=True)):
        if b:
            out.append(None if default is None else str(default))
            continue
        key = _to_text(v) if not isinstance(v, str) else v
        if key not in cache:
            try:
                cache[key] = str(parse(key).value)
            except ValueError as exc:
                cache[key] = exc
        got = cache[key]
        if isinstance(got, ValueError):
            bad.add(i, v, str(got))
            out.append(None)
        else:
            out.append(got)
    return pd.Series(out, index=values.index, dtype=object), blank, bad


def parse_bool_column(values: pd.Series, default: bool) -> tuple[pd.Series, BadCells]:
    """Parse a yes/no column (``true``/``false``, ``ya``/``tidak``, ``1``/``0``, …)."""
    bad = BadCells.none()
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.astype(bool), bad
    blank = is_blank(values)
    out = np.full(len(values), default, dtype=bool)
    for i, (v, b) in enumerate(zip(values.astype(object), blank, strict=True)):
        if b:
            continue
        if isinstance(v, bool | np.bool_):
            out[i] = bool(v)
            continue
        text = _to_text(v).lower()
        if text in _TRUE:
            out[i] = True
        elif text in _FALSE:
            out[i] = False
        else:
            bad.add(i, v, "expected yes or no (true/false, ya/tidak, 1/0)")
    return pd.Series(out, index=values.index), bad


def parse_period_column(values: pd.Series) -> tuple[pd.Series, np.ndarray, BadCells]:
    """Parse a column of periods into canonical text (``2024``, ``2024Q1``, ``2024-03``).

    A date whose day is the 1st reads as its month, because spreadsheets turn a typed
    ``2024-03`` into 1 March 2024; any other date is an error.
    """
    blank = is_blank(values)
    bad = BadCells.none()
    cache: dict[object, str | None] = {}
    out: list[str | None] = []
    for i, (v, b) in enumerate(zip(values.astype(object), blank, strict=True)):
        if b:
            out.append(None)
            continue
        key: object = v
        if isinstance(v, float) and v.is_integer():
            key = int(v)
        if isinstance(key, dt.date | pd.Timestamp):
            if key.day != 1:
                bad.add(i, v, "expected a period (2024, 2024Q1 or 2024-03), found a date")
                out.append(None)
                continue
            out.append(str(Period.from_date(key)))
            continue
        if key not in cache:
            try:
                cache[key] = str(Period.parse(key))
            except ValueError:
                cache[key] = None
        got = cache[key]
        if got is None:
            bad.add(
                i, v, "expected a period: a year (2024), a quarter (2024Q1) or a month (2024-03)"
            )
        out.append(got)
    return pd.Series(out, index=values.index, dtype=object), blank, bad


_AMBIGUOUS = re.compile(r"-?\d{1,3}\.\d{3}")


def format_number(value: float) -> str:
    """Text for a number that :func:`parse_number_text` reads back exactly.

    Whole numbers have no decimal part; others use the shortest text that round-trips, with a
    trailing zero added where a reader of Indonesian text would take the dot for a thousands
    separator (``1.234`` → ``1.2340``). Blank for NaN.

    >>> [format_number(x) for x in (1200000.0, 12.5, 1.234, float("nan"))]
    ['1200000', '12.5', '1.2340', '']
    """
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if _AMBIGUOUS.fullmatch(text):
        text += "0"
    return text
