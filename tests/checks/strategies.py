"""The valid cascades the checker and engine properties run on, from :mod:`cascade.strategies`.

:func:`valid_cascades` is :func:`cascade.strategies.cascade_tables` for one year
(:data:`PERIOD`): the six tables of a small city that the checker finds nothing in, built by
construction (the module docstring of :mod:`cascade.strategies._cascades` says how and why
it is valid). The defect injectors live in :mod:`cascade.strategies._injectors`.
"""

from __future__ import annotations

from hypothesis import strategies as st

from cascade.strategies import cascade_tables
from cascade.strategies._cascades import AGENCY_TAGS, LEVELS, Tables
from cascade.strategies._edit import copy_tables

__all__ = [
    "AGENCY_TAGS",
    "LEVELS",
    "PERIOD",
    "Tables",
    "copy_tables",
    "valid_cascades",
]

#: The year every valid cascade has its targets, realisations and budgets for.
PERIOD = "2024"


def valid_cascades(
    *, max_agencies: int = 3, max_children: int = 2, max_indicators: int = 2
) -> st.SearchStrategy[Tables]:
    """The six tables of a valid cascade for :data:`PERIOD`, down to individual employees.

    Parameters
    ----------
    max_agencies
        Most agencies (``perangkat_daerah``) under the pemda; at least one is drawn.
    max_children
        Most units directly below an agency, a bidang or a seksi.
    max_indicators
        Most indicators of a goal; at least one.
    """
    return cascade_tables(
        max_agencies=max_agencies,
        max_children=max_children,
        max_indicators=max_indicators,
        first_year=int(PERIOD),
    )
