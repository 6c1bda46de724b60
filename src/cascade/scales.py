"""Category scales: the words an achievement figure is reported with.

Vocabulary
----------
scale (skala)
    An ordered list of bands that turns a number into a word, best band first.
band (rentang)
    A label and the lowest value that earns it; ``inclusive`` says whether that value itself
    does (``>= 91`` is inclusive, ``> 90`` is not).
category (kategori, predikat)
    The label a value falls in; a missing value has no category.

Two scales ship:

- :data:`LKJIP`, the default, as LKjIPs print it (91–100, 76–90, 66–75, 51–65, ≤ 50): ``>= 91``
  *Sangat Baik*, ``>= 76`` *Baik*, ``>= 66`` *Cukup*, ``>= 51`` *Kurang*, else *Sangat
  Kurang*;
- :data:`SAKIP_GRADE`, the SAKIP evaluation grades (predikat): ``> 90`` AA, ``> 80`` A,
  ``> 70`` BB, ``> 60`` B, ``> 50`` CC, ``> 30`` C, else D.

A custom scale is a :class:`Scale`; in a policy file it is a table:

.. code-block:: toml

    [scale]
    name = "tiga-warna"
    below = "Merah"
    bands = [{ label = "Hijau", minimum = 100 }, { label = "Kuning", minimum = 80 }]

>>> LKJIP.categorise([95.0, 90.5, 50.0, float("nan")]).tolist()
['Sangat Baik', 'Baik', 'Sangat Kurang', nan]
>>> SAKIP_GRADE.categorise([90.0, 90.01]).tolist()
['A', 'AA']
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["LKJIP", "SAKIP_GRADE", "SCALES", "Band", "Scale", "scale_named"]


class Band(BaseModel):
    """One band of a :class:`Scale`: a label and the lowest value that earns it.

    Parameters
    ----------
    label
        The category's word (``Sangat Baik``, ``AA``).
    minimum
        The band's lower bound.
    inclusive
        Whether ``minimum`` itself is in the band (``>=``, the default) or not (``>``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str = Field(min_length=1)
    minimum: float
    inclusive: bool = True

    def __str__(self) -> str:
        return f"{'>=' if self.inclusive else '>'} {self.minimum:g} {self.label}"


class Scale(BaseModel):
    """An ordered scale of categories, best band first.

    Parameters
    ----------
    name
        A short name for reports (``lkjip``, ``sakip``).
    bands
        The bands, best first, with strictly decreasing minimums.
    below
        The label for a value below every band.

    Examples
    --------
    >>> traffic = Scale(
    ...     name="traffic",
    ...     bands=[Band(label="green", minimum=100), Band(label="amber", minimum=80)],
    ...     below="red",
    ... )
    >>> traffic.categorise([120, 80, 79.9]).tolist()
    ['green', 'amber', 'red']
    >>> traffic.labels
    ('red', 'amber', 'green')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    bands: tuple[Band, ...] = Field(min_length=1)
    below: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        minimums = [b.minimum for b in self.bands]
        if any(a <= b for a, b in itertools.pairwise(minimums)):
            msg = f"bands must be best first with strictly decreasing minimums, got {minimums}"
            raise ValueError(msg)
        labels = [*(b.label for b in self.bands), self.below]
        if len(set(labels)) != len(labels):
            msg = f"labels must be distinct, got {labels}"
            raise ValueError(msg)
        return self

    @property
    def labels(self) -> tuple[str, ...]:
        """The categories, worst first: the order of :meth:`categorise`'s categorical."""
        return (self.below, *(b.label for b in reversed(self.bands)))

    def categorise(self, values: Sequence[float] | np.ndarray | pd.Series) -> pd.Categorical:
        """The category of each value; missing (NaN) stays missing.

        Returns an ordered :class:`pandas.Categorical` whose categories are :attr:`labels`
        (worst first), so categories sort and compare from worst to best.
        """
        x = np.asarray(values, dtype=np.float64)
        minimums = np.array([b.minimum for b in reversed(self.bands)])  # increasing
        inclusive = {b.inclusive for b in self.bands}
        if len(inclusive) == 1:  # one binary search per value
            side: Literal["left", "right"] = "right" if inclusive.pop() else "left"
            codes = np.searchsorted(minimums, x, side=side).astype(np.int64)
        else:
            codes = np.zeros(len(x), dtype=np.int64)
            for rank, band in enumerate(reversed(self.bands), start=1):
                earns = (x >= band.minimum) if band.inclusive else (x > band.minimum)
                codes[earns] = rank
        codes[np.isnan(x)] = -1
        return pd.Categorical.from_codes(
            codes, categories=pd.Index(self.labels, dtype="str"), ordered=True
        )

    def describe(self) -> str:
        """The scale in one line: ``>= 91 Sangat Baik, >= 76 Baik, …, else Sangat Kurang``."""
        return ", ".join(str(b) for b in self.bands) + f", else {self.below}"


#: The LKjIP five-band scale (the default).
LKJIP = Scale(
    name="lkjip",
    bands=(
        Band(label="Sangat Baik", minimum=91),
        Band(label="Baik", minimum=76),
        Band(label="Cukup", minimum=66),
        Band(label="Kurang", minimum=51),
    ),
    below="Sangat Kurang",
)

#: The SAKIP evaluation grade scale (predikat AA … D).
SAKIP_GRADE = Scale(
    name="sakip",
    bands=tuple(
        Band(label=label, minimum=minimum, inclusive=False)
        for label, minimum in (("AA", 90), ("A", 80), ("BB", 70), ("B", 60), ("CC", 50), ("C", 30))
    ),
    below="D",
)

#: The scales that ship, by name.
SCALES: dict[str, Scale] = {LKJIP.name: LKJIP, SAKIP_GRADE.name: SAKIP_GRADE}


def scale_named(name: str) -> Scale:
    """A shipped scale by name (``lkjip`` or ``sakip``).

    Raises
    ------
    ValueError
        For any other name; the message lists the names.
    """
    try:
        return SCALES[name.strip().lower()]
    except KeyError:
        msg = f"unknown scale {name!r}: expected one of {', '.join(SCALES)} or a custom scale"
        raise ValueError(msg) from None
