"""Helpers the tables share: gathers with missing rows, target text, owners and periods."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cascade.errors import UsageError
from cascade.tables._headers import Language

if TYPE_CHECKING:
    from cascade.model import Cascade

__all__ = [
    "cascade_of",
    "goal_kind_rank",
    "number_text",
    "owner_row",
    "padded",
    "take",
    "take_category",
    "take_float",
    "target_cells",
]


def padded(values: object, blank: object, dtype: Any = object) -> np.ndarray:
    """``values`` as an array with ``blank`` appended, so that row -1 reads ``blank``."""
    array = np.asarray(values, dtype=dtype)
    out = np.empty(len(array) + 1, dtype=array.dtype)
    out[:-1] = array
    out[-1] = blank
    return out


def take(values: np.ndarray | pd.Series, rows: np.ndarray) -> pd.Series:
    """``values[rows]`` as text (pandas ``str``), blank where a row is -1 or the value is."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.StringDtype):
        text = values.array
    else:
        text = pd.array(np.asarray(values, dtype=object), dtype="str")
    return pd.Series(text.take(np.asarray(rows, dtype=np.int64), allow_fill=True))


def take_float(values: np.ndarray | pd.Series, rows: np.ndarray) -> np.ndarray:
    """``values[rows]`` as floats, NaN where a row is -1."""
    out: np.ndarray = padded(values, np.nan, np.float64)[rows]
    return out


def take_category(values: pd.Series, rows: np.ndarray) -> pd.Categorical:
    """``values[rows]`` of a categorical column, keeping its categories; missing where -1."""
    categorical = pd.Categorical(values)
    picked = padded(categorical.codes, -1, np.int64)[rows]
    return pd.Categorical.from_codes(
        picked, categories=categorical.categories, ordered=categorical.ordered
    )


def number_text(value: float, language: Language) -> str:
    """A number as a planner types it: no exponent, no trailing zeros, decimal comma in id.

    >>> number_text(2.5, "id"), number_text(2.5, "en"), number_text(80.0, "id")
    ('2,5', '2.5', '80')
    """
    text = np.format_float_positional(value, trim="-")
    return text.replace(".", ",") if language == "id" else text


def target_cells(lower: np.ndarray, upper: np.ndarray, language: Language) -> np.ndarray:
    """Targets for a table: a point target as its number, a range as text ``80–90``.

    A target without a lower bound is missing whatever its upper bound says (NaN).

    >>> target_cells(np.array([80.0, 2.5, np.nan]), np.array([90.0, 4.5, 3.0]), "id").tolist()
    ['80–90', '2,5–4,5', nan]
    """
    lower = np.asarray(lower, dtype=np.float64)
    upper = np.asarray(upper, dtype=np.float64)
    out = lower.astype(object)
    ranged = np.flatnonzero(~np.isnan(lower) & ~np.isnan(upper) & (upper != lower))
    for i in ranged.tolist():  # range targets are few
        out[i] = f"{number_text(lower[i], language)}–{number_text(upper[i], language)}"
    return out


def cascade_of(source: object) -> Cascade:
    """The cascade of a :class:`~cascade.Results`, or the cascade itself."""
    from cascade.engine import Results
    from cascade.model import Cascade

    if isinstance(source, Results):
        return source.cascade
    if isinstance(source, Cascade):
        return source
    msg = f"expected a Cascade or Results, got {type(source).__name__}"
    raise UsageError(msg)


def owner_row(cascade: Cascade, owner_id: str) -> int:
    """The row of unit ``owner_id``.

    Raises
    ------
    cascade.errors.UnknownIdError
        If no unit has that id.
    """
    return cascade._locate(owner_id, "unit")[1]


def goal_kind_rank(cascade: Cascade) -> np.ndarray:
    """Each goal's kind as its rank, ``tujuan`` 0 … ``rencana_hasil_kerja`` 5; -1 if blank."""
    from cascade.enums import GoalKind

    kinds = pd.Categorical(
        cascade._tables["goals"]["kind"].astype(object), categories=[k.value for k in GoalKind]
    )
    return np.asarray(kinds.codes, dtype=np.int64)
