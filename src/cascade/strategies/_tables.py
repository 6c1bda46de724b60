"""Single workbook tables whose every cell reads: :func:`tables`.

The cells are drawn per column kind of :mod:`cascade.schema`:

- ids and references: text that is not blank and has no surrounding spaces, from plain codes
  (``DINKES-3.1``) to any Unicode and numeric-looking text (``001``, ``2024``, ``1.0``);
  the table's own key is unique; an optional reference may be blank (``None``);
- descriptions (``name``, ``statement``, ``measure_unit``): such text, or blank;
- enums (``level``, ``polarity`` …): the canonical value or, unless ``canonical``, any
  spelling the readers accept (``Turun``, ``OPD``, ``rata-rata``), in any case; blank where
  the column has a default;
- numbers: any finite float, very large and very small included, or, unless
  ``canonical``, number text as Indonesian spreadsheets hold it (``1.200.000``, ``12,5``,
  ``85%``); a target's upper bound is never below the target; blank where optional;
- yes/no: ``True``/``False`` or, unless ``canonical``, ``ya``/``tidak``/``1``/``0``;
- periods: a year, a quarter or a month (``2024``, ``2024Q3``, ``2024-07``); unless
  ``canonical``, a year may also be a number, as Excel stores it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from hypothesis import strategies as st

from cascade.enums import ALIASES
from cascade.schema import TABLE_NAMES, TABLES, Column
from cascade.strategies._validate import (
    InvalidArgument,
    check_bool,
    check_integer,
    check_order,
    lazily,
)

__all__ = ["MAX_ROWS", "tables"]

#: Most rows a drawn table may have.
MAX_ROWS = 1000

_CHARACTERS = st.characters(exclude_categories=["Cs", "Cc"])
_NUMERIC_LOOKING = st.sampled_from(["001", "2024", "1.0", "1e5", "12,5", "-0", "TRUE", "nan"])
_IDS = st.one_of(
    st.from_regex(r"[A-Z]{1,6}(-[0-9]{1,3})?(\.[0-9]{1,2}){0,3}", fullmatch=True),
    st.text(_CHARACTERS, min_size=1, max_size=12).filter(lambda s: s.strip() == s != ""),
    _NUMERIC_LOOKING,
)
_FLOATS = st.floats(allow_nan=False, allow_infinity=False)


def _indonesian(value: int, decimals: int) -> str:
    """``1234567`` and 2 decimals ``5`` as ``1.234.567,05``; no decimals as ``1.234.567``."""
    whole = f"{abs(value):,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    return f"{sign}{whole},{decimals:02d}" if decimals else f"{sign}{whole}"


_NUMBER_TEXT = st.one_of(
    st.builds(_indonesian, st.integers(-(10**12), 10**12), st.just(0)),
    st.builds(_indonesian, st.integers(-(10**6), 10**6), st.integers(1, 99)),
    st.builds("{}%".format, st.integers(0, 200)),
)


def _spellings(column: Column, canonical: bool) -> st.SearchStrategy[str]:
    assert column.enum is not None
    values = [m.value for m in column.enum]
    if canonical:
        return st.sampled_from(values)
    words = values + [a for v in values for a in ALIASES[column.enum.__name__][v]]
    return st.sampled_from(words).flatmap(
        lambda w: st.sampled_from([w, w.upper(), w.title(), f" {w} "])
    )


def _period(canonical: bool) -> st.SearchStrategy[Any]:
    year = st.integers(1990, 2100)
    texts = st.one_of(
        year.map(str),
        st.builds("{}Q{}".format, year, st.integers(1, 4)),
        st.builds("{}-{:02d}".format, year, st.integers(1, 12)),
    )
    return texts if canonical else texts | year


def _cells(column: Column, canonical: bool) -> st.SearchStrategy[Any]:
    if column.kind in ("id", "ref"):
        return _IDS if column.cell_required else st.none() | _IDS
    if column.kind == "text":
        return st.none() | _IDS
    if column.kind == "enum":
        words = _spellings(column, canonical)
        return words if column.cell_required else st.none() | words
    if column.kind == "bool":
        flags: st.SearchStrategy[Any] = st.booleans()
        if not canonical:
            flags = flags | st.sampled_from(["ya", "tidak", "Ya", "TIDAK", "1", "0"])
        return flags
    if column.kind == "period":
        return _period(canonical)
    numbers: st.SearchStrategy[Any] = _FLOATS if canonical else _FLOATS | _NUMBER_TEXT
    return numbers if column.cell_required else st.none() | numbers


@st.composite
def _bounded(draw: st.DrawFn) -> dict[str, Any]:
    """A target and its optional upper bound, never below it."""
    low = draw(_FLOATS, label="target")
    high = draw(st.none() | _FLOATS, label="target_upper")
    if high is not None and high < low:
        low, high = high, low
    return {"target": low, "target_upper": high}


def _frame(draw: st.DrawFn, name: str, low: int, high: int, canonical: bool) -> pd.DataFrame:
    spec = TABLES[name]
    row = {c.name: _cells(c, canonical) for c in spec.columns}
    if name == "targets":
        row = {k: v for k, v in row.items() if k not in ("target", "target_upper")}
        rows = st.tuples(st.fixed_dictionaries(row), _bounded()).map(lambda p: {**p[0], **p[1]})
    else:
        rows = st.fixed_dictionaries(row)
    key = spec.key
    drawn = draw(
        st.lists(
            rows,
            min_size=low,
            max_size=high,
            unique_by=(lambda r: r[key]) if key else None,
        ),
        label="rows",
    )
    return pd.DataFrame(drawn, columns=spec.column_names, dtype=object)


def tables(
    name: str, *, min_rows: int = 0, max_rows: int = 10, canonical: bool = False
) -> st.SearchStrategy[pd.DataFrame]:
    """One workbook table as a DataFrame whose every cell the readers accept.

    For tests of code that reads, cleans or converts workbook tables (a normaliser, an
    importer from another e-SAKIP system): every draw builds a :class:`~cascade.Cascade`
    without an :class:`~cascade.errors.InputError`. References need not resolve (reading
    does not check them; the checker does).

    Parameters
    ----------
    name
        The table: ``units``, ``goals``, ``indicators``, ``targets``, ``realisations`` or
        ``budgets``.
    min_rows, max_rows
        How many rows (0 to 1000).
    canonical
        Only the canonical spellings a writer produces (``True``), or also what people type
        (``False``, the default): Indonesian enum words in any case, ``ya``/``tidak``, number
        text with decimal commas, thousands dots and percent signs, years as numbers. See the
        module docstring of :mod:`cascade.strategies` for every kind of cell.

    Returns
    -------
    SearchStrategy[pandas.DataFrame]
        The table's core columns, in canonical order, holding Python objects as typed.

    Examples
    --------
    >>> import cascade
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, deadline=None)
    ... @given(tables("indicators", min_rows=1, max_rows=3))
    ... def test_indicators_read(frame):
    ...     city = cascade.Cascade(units=[], goals=[], indicators=frame)
    ...     assert len(city.indicators) == len(frame)
    >>> test_indicators_read()
    """
    arguments: dict[str, Any] = {"name": name}
    if min_rows != 0:
        arguments["min_rows"] = min_rows
    if max_rows != 10:
        arguments["max_rows"] = max_rows
    if canonical:
        arguments["canonical"] = canonical

    def build() -> st.SearchStrategy[pd.DataFrame]:
        if not isinstance(name, str) or name not in TABLE_NAMES:
            msg = f"name={name!r} is not a table; expected one of {', '.join(TABLE_NAMES)}"
            raise InvalidArgument(msg)
        low = check_integer("min_rows", min_rows, low=0, high=MAX_ROWS)
        high = check_integer("max_rows", max_rows, low=0, high=MAX_ROWS)
        check_order("min_rows", low, "max_rows", high)
        plain = check_bool("canonical", canonical)
        return st.composite(lambda draw: _frame(draw, name, low, high, plain))()

    return lazily("tables", arguments, build)
