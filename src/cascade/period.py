"""Reporting periods: a year, a quarter (triwulan) or a month.

Vocabulary
----------
period (periode)
    ``2024`` (a year), ``2024Q1`` … ``2024Q4`` (a quarter, *triwulan* I–IV) or ``2024-01`` …
    ``2024-12`` (a month). These three spellings are the whole grammar: anything else is
    rejected with :class:`~cascade.errors.InvalidPeriodError`, because a guessed period
    silently moves a number into the wrong report.
granularity
    ``year``, ``quarter`` or ``month``.

Periods are totally ordered by year, then by the first month they cover, then longest first,
so a year sorts before its first quarter, which sorts before that quarter's first month:

>>> sorted(Period.parse(p) for p in ["2024-02", "2024Q2", "2024", "2024Q1", "2023"])
[Period('2023'), Period('2024'), Period('2024Q1'), Period('2024-02'), Period('2024Q2')]
>>> Period.parse("2024Q1").contains(Period.parse("2024-03"))
True
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from cascade.errors import InvalidPeriodError

__all__ = ["Granularity", "Period", "period_sort_key"]

Granularity = Literal["year", "quarter", "month"]

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:(?:Q(?P<q>[1-4]))|(?:-(?P<m>0[1-9]|1[0-2])))?$")
_SPAN = {"year": 12, "quarter": 3, "month": 1}


@functools.total_ordering
class Period:
    """A year, quarter or month; immutable, hashable and ordered.

    Build one with :meth:`parse` (from ``"2024"``, ``"2024Q1"``, ``"2024-03"`` or an int
    year) or with :meth:`year_of`, :meth:`quarter_of` and :meth:`month_of`.

    Examples
    --------
    >>> p = Period.parse("2024Q3")
    >>> p.granularity, p.year, p.quarter, p.first_month, p.last_month
    ('quarter', 2024, 3, 7, 9)
    >>> str(p)
    '2024Q3'
    >>> [str(m) for m in p.months()]
    ['2024-07', '2024-08', '2024-09']
    >>> Period.parse("2024q3") == p  # the q may be lower case
    True
    >>> Period.parse("Q3 2024")
    Traceback (most recent call last):
    ...
    cascade.errors.InvalidPeriodError: 'Q3 2024' is not a period: expected a year (2024), \
a quarter (2024Q1) or a month (2024-03)
    """

    __slots__ = ("_first_month", "_granularity", "_year")

    _year: int
    _granularity: Granularity
    _first_month: int

    def __init__(self, year: int, granularity: Granularity, first_month: int = 1) -> None:
        if not 1000 <= year <= 9999:
            msg = f"year {year} is out of range 1000-9999"
            raise InvalidPeriodError(msg)
        if granularity not in _SPAN:
            msg = f"granularity must be year, quarter or month, not {granularity!r}"
            raise InvalidPeriodError(msg)
        span = _SPAN[granularity]
        if not 1 <= first_month <= 12 or (first_month - 1) % span:
            msg = f"a {granularity} cannot start in month {first_month}"
            raise InvalidPeriodError(msg)
        object.__setattr__(self, "_year", year)
        object.__setattr__(self, "_granularity", granularity)
        object.__setattr__(self, "_first_month", first_month)

    def __setattr__(self, name: str, value: object) -> None:
        msg = "Period is immutable"
        raise AttributeError(msg)

    @classmethod
    def parse(cls, value: object) -> Period:
        """Read a period from its text (``2024``, ``2024Q1``, ``2024-03``) or an int year.

        Surrounding whitespace is ignored and the ``Q`` may be lower case; a ``Period`` is
        returned as it is.

        Raises
        ------
        InvalidPeriodError
            For anything else, naming what was found and what is accepted.
        """
        if isinstance(value, Period):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value, "year") if 1000 <= value <= 9999 else cls._reject(value)
        if not isinstance(value, str):
            return cls._reject(value)
        match = _PATTERN.match(value.strip().upper())
        if match is None:
            return cls._reject(value)
        year = int(match["year"])
        if match["q"]:
            return cls(year, "quarter", 3 * (int(match["q"]) - 1) + 1)
        if match["m"]:
            return cls(year, "month", int(match["m"]))
        return cls(year, "year")

    @staticmethod
    def _reject(value: object) -> Period:
        msg = (
            f"{value!r} is not a period: expected a year (2024), a quarter (2024Q1) "
            "or a month (2024-03)"
        )
        raise InvalidPeriodError(msg)

    @classmethod
    def year_of(cls, year: int) -> Period:
        """The calendar year ``year``.

        >>> Period.year_of(2024)
        Period('2024')
        """
        return cls(year, "year")

    @classmethod
    def quarter_of(cls, year: int, quarter: int) -> Period:
        """Quarter ``quarter`` (1-4) of ``year``.

        >>> Period.quarter_of(2024, 2)
        Period('2024Q2')
        """
        if not 1 <= quarter <= 4:
            msg = f"quarter must be 1-4, not {quarter}"
            raise InvalidPeriodError(msg)
        return cls(year, "quarter", 3 * (quarter - 1) + 1)

    @classmethod
    def month_of(cls, year: int, month: int) -> Period:
        """Month ``month`` (1-12) of ``year``.

        >>> Period.month_of(2024, 3)
        Period('2024-03')
        """
        return cls(year, "month", month)

    @classmethod
    def from_date(cls, date: dt.date) -> Period:
        """The month that holds ``date``.

        Spreadsheets turn a typed ``2024-03`` into the date 1 March 2024; readers use this to
        give the month back.

        >>> Period.from_date(dt.date(2024, 3, 1))
        Period('2024-03')
        """
        return cls(date.year, "month", date.month)

    @property
    def year(self) -> int:
        """The calendar year."""
        return self._year

    @property
    def granularity(self) -> Granularity:
        """``year``, ``quarter`` or ``month``."""
        return self._granularity

    @property
    def first_month(self) -> int:
        """The first month covered, 1-12."""
        return self._first_month

    @property
    def last_month(self) -> int:
        """The last month covered, 1-12."""
        return self._first_month + _SPAN[self._granularity] - 1

    @property
    def quarter(self) -> int | None:
        """The quarter (1-4) for a quarter or month, ``None`` for a year."""
        if self._granularity == "year":
            return None
        return (self._first_month - 1) // 3 + 1

    @property
    def month(self) -> int | None:
        """The month (1-12) for a month period, else ``None``."""
        return self._first_month if self._granularity == "month" else None

    def year_period(self) -> Period:
        """The year this period falls in.

        >>> Period.parse("2024-11").year_period()
        Period('2024')
        """
        return Period(self._year, "year")

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies within this period (a period contains itself)."""
        return (
            self._year == other._year
            and self._first_month <= other._first_month
            and other.last_month <= self.last_month
        )

    def months(self) -> list[Period]:
        """The months this period covers, in order."""
        return [
            Period(self._year, "month", m) for m in range(self._first_month, self.last_month + 1)
        ]

    def quarters(self) -> list[Period]:
        """The quarters this period covers (none for a month)."""
        if self._granularity == "month":
            return []
        start = self._first_month
        return [Period(self._year, "quarter", m) for m in range(start, self.last_month + 1, 3)]

    def sort_key(self) -> tuple[int, int, int]:
        """``(year, first month, -months spanned)``: the total order of periods."""
        return (self._year, self._first_month, -_SPAN[self._granularity])

    def __str__(self) -> str:
        if self._granularity == "year":
            return f"{self._year}"
        if self._granularity == "quarter":
            return f"{self._year}Q{self.quarter}"
        return f"{self._year}-{self._first_month:02d}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Period):
            return self.sort_key() == other.sort_key()
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if isinstance(other, Period):
            return self.sort_key() < other.sort_key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.sort_key())

    def __reduce__(self) -> tuple[Any, ...]:
        return (Period.parse, (str(self),))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Validate from text or int with :meth:`parse`; serialise to the canonical text."""

        def validate(value: object) -> Period:
            try:
                return cls.parse(value)
            except InvalidPeriodError as exc:
                raise ValueError(str(exc)) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
            json_schema_input_schema=core_schema.str_schema(pattern=_PATTERN.pattern),
        )


def period_sort_key(text: str) -> tuple[int, int, int]:
    """Sort key of a period's canonical text, for sorting columns of periods.

    >>> sorted(["2024Q2", "2024", "2024-01"], key=period_sort_key)
    ['2024', '2024-01', '2024Q2']
    """
    return Period.parse(text).sort_key()
