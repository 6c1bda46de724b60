"""Exceptions raised by :mod:`cascade`.

Every exception the library raises on purpose derives from :class:`CascadeError`, so a tool
that imports ``cascade`` can catch one class. The hierarchy follows who is at fault:

``CascadeError``
    The root.
``InputError``
    The data handed in (a workbook file, a CSV folder, a JSON document or DataFrames) cannot
    be read as a cascade: a number that cannot be read, a blank id where one is required, an
    unknown enum value, a missing required column or table. It carries every
    :class:`InputProblem` found, not just the first, each naming the file, table, row (as the
    user sees it in Excel or the CSV) and column.
``FileFormatError``
    A subclass of :class:`InputError` for a file that cannot be opened as a workbook at all
    (unknown suffix, a corrupt xlsx, JSON that does not parse, a path that does not exist).
``InvalidPeriodError``
    A period string that is not ``2024``, ``2024Q1`` or ``2024-03``.
``UnknownIdError``
    A lookup of a unit, goal or indicator id that is not in the cascade.
``UsageError``
    Arguments that make no sense (an unknown table name, an ambiguous id without ``kind``).

Consistency problems *inside* a well-formed cascade (a duplicate id, a dangling parent, an
orphan indicator) are not exceptions: they are findings of the checker.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = [
    "CascadeError",
    "FileFormatError",
    "InputError",
    "InputProblem",
    "InvalidPeriodError",
    "UnknownIdError",
    "UsageError",
]

#: How many problems ``str(InputError)`` lists before it summarises the rest.
MAX_LISTED_PROBLEMS = 50


class CascadeError(Exception):
    """Root of every exception raised on purpose by :mod:`cascade`."""


class UsageError(CascadeError, ValueError):
    """The caller passed arguments that cannot be used (a programming error, not bad data)."""


class InvalidPeriodError(CascadeError, ValueError):
    """A period is not a year (``2024``), a quarter (``2024Q1``) or a month (``2024-03``)."""


class UnknownIdError(CascadeError, KeyError):
    """An id looked up in a :class:`~cascade.Cascade` is not in the table asked about."""

    def __str__(self) -> str:
        # KeyError quotes its argument; a message reads better unquoted.
        return str(self.args[0]) if self.args else ""


class InputProblem(BaseModel):
    """One thing wrong with the input, located as precisely as it can be.

    Parameters
    ----------
    message
        What is wrong and what was expected, in plain words.
    file
        The file the value came from, or ``None`` for in-memory DataFrames.
    table
        The table (``units``, ``goals``, …), or ``None`` when the problem is with the file.
    row
        The row as the user sees it: the spreadsheet row number in an xlsx sheet or a CSV
        file opened in Excel (the header is row 1), the 1-based record number in JSON, or the
        0-based index label of an in-memory DataFrame.
    column
        The column as the user typed it (``satuan``, not ``measure_unit``).
    value
        The offending value as text, if there is one.

    Examples
    --------
    >>> p = InputProblem(
    ...     file="kota.xlsx",
    ...     table="targets",
    ...     row=7,
    ...     column="target",
    ...     value="12,5,1",
    ...     message="expected a number",
    ... )
    >>> str(p)
    "kota.xlsx, table targets, row 7, column target: expected a number (found '12,5,1')"
    """

    model_config = ConfigDict(frozen=True)

    message: str
    file: str | None = None
    table: str | None = None
    row: int | str | None = None
    column: str | None = None
    value: str | None = None

    def location(self) -> str:
        """Where the problem is, as ``file, table t, row r, column c`` (the parts known)."""
        parts: list[str] = []
        if self.file is not None:
            parts.append(self.file)
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        found = f" (found {self.value!r})" if self.value is not None else ""
        return f"{where}: {self.message}{found}" if where else f"{self.message}{found}"


class InputError(CascadeError, ValueError):
    """The input cannot be read as a cascade; :attr:`problems` lists every reason.

    Parameters
    ----------
    problems
        Every problem found, in the order of the input (table, then row, then column).
    source
        The file or folder that was read, if any; used in the summary line.
    """

    def __init__(self, problems: list[InputProblem], *, source: str | None = None) -> None:
        if not problems:
            msg = "InputError needs at least one problem"
            raise ValueError(msg)
        self.problems: tuple[InputProblem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        n = len(self.problems)
        what = f"{n} problem" + ("s" if n != 1 else "")
        head = f"cannot read {self.source}: {what}" if self.source else f"invalid input: {what}"
        lines = [head]
        lines += [f"  - {p}" for p in self.problems[:MAX_LISTED_PROBLEMS]]
        if n > MAX_LISTED_PROBLEMS:
            lines.append(f"  … and {n - MAX_LISTED_PROBLEMS} more (see .problems)")
        return "\n".join(lines)


class FileFormatError(InputError):
    """A file cannot be opened as a workbook at all (missing, corrupt or of unknown kind)."""
