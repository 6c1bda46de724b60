"""Hypothesis strategies for cascades: valid ones, broken ones, single tables and files.

A tool built on :mod:`cascade` (an e-SAKIP or e-Kinerja application, an import script, a
dashboard) can test its own code against every shape of cascade rather than the one
workbook it was written for. These strategies draw them for `Hypothesis
<https://hypothesis.readthedocs.io>`_; install it with the ``testing`` extra::

    pip install cascade-sakip[testing]

``import cascade`` never imports Hypothesis; ``import cascade.strategies`` without it raises
an :class:`ImportError` that says what to install.

Vocabulary
----------
valid cascade
    One in which :func:`cascade.check` finds nothing at all, not even a warning, and for
    which :func:`cascade.propagate` gives figures for every year drawn.
defect
    One thing wrong with a cascade that exactly one rule of the checker reports (an orphan
    indicator, a target split that does not add up, …), with the few side findings the
    domain makes unavoidable.
depth (kedalaman)
    How many owner levels a cascade has below the pemda: 1 (perangkat daerah, the agencies),
    2 (administrator units: bidang, sekretariat), 3 (pengawas units: seksi) or 4 (pelaksana:
    individual employees, whose goals are RHK).
period
    A year with targets (and, if drawn, realisations and budget lines); several periods
    are consecutive years. With ``quarters``, each year also has its four quarters
    (triwulan), ``2024Q1`` to ``2024Q4``, whose figures add up to the year's.

The strategies
--------------
:func:`cascades`
    Valid :class:`~cascade.Cascade` objects of a small city.
:func:`cascade_tables`
    The same, as the dict of six DataFrames before :class:`~cascade.Cascade` reads them, for
    a test that changes them first.
:func:`defective_cascades`
    A valid cascade with one defect of a named rule (or any of :data:`INJECTABLE`), as a
    :class:`DefectiveCascade` that says exactly which findings the check must give.
:func:`tables`
    One workbook table whose cells are all readable: Indonesian spellings, number text,
    very large and very small numbers, blanks where the format allows them.
:func:`workbooks`
    A valid cascade written as an xlsx file, a folder of CSV files or a JSON document, held
    in memory as a :class:`Workbook` to write anywhere.

They follow Hypothesis' own conventions: arguments are keyword-only (``min_*`` and
``max_*`` for sizes), every draw is valid by construction (nothing is filtered, so
examples are fast and shrink toward the smallest city: one agency with nobody below it,
one indicator per goal, one year), and arguments are checked when the strategy is first
used, raising :class:`InvalidArgument` (both a :class:`cascade.errors.UsageError` and a
:class:`hypothesis.errors.InvalidArgument`) that names the argument and its value.

Construction
------------
A valid cascade is built, not filtered. The pemda has a ``tujuan`` and a ``sasaran
strategis`` below it; each agency, administrator, pengawas unit and employee has one goal
of its level's kind (sasaran program, kegiatan, sub kegiatan, RHK) under its parent owner's
goal. A goal has at least as many indicators as its parent goal, and each cascades as a
``carrier`` from one of the parent goal's, inheriting measure unit and polarity, so every
indicator that should be cascaded is. Leaf targets are whole numbers of at least 1 and
every other target is exactly the sum of its children's (``aggregation`` ``sum``); an
indicator with children reports exactly its children's sum or nothing. Budgets sit only on
program, kegiatan and sub kegiatan goals, with spending within the pagu; IKUs only on the
pemda's and the agencies' goals. Ids come from the structure (``DINKES.1.2``,
``G-DINKES.1``, ``G-DINKES.1~I1``), some of them not ASCII (``ДИНСОС``, ``衛生局``), never
with spaces.

Examples
--------
In a test module (pytest, or any runner Hypothesis supports):

.. code-block:: python

    import cascade
    from hypothesis import given, settings
    from cascade.strategies import cascades, defective_cascades


    @settings(max_examples=25, deadline=None)
    @given(cascades(max_depth=3, max_periods=2))
    def test_my_export_keeps_every_indicator(city):
        assert len(my_export(city)) == len(city.indicators)


    @settings(max_examples=25, deadline=None)
    @given(defective_cascades(["orphan-goal", "orphan-indicator"]))
    def test_my_dashboard_lists_each_orphan(d):
        report = cascade.check(d.cascade, policy=d.policy)
        assert d.subject_id in my_dashboard(report)

A check costs 0.15 to 0.3 s on these small cities, so a modest ``max_examples`` keeps a
suite quick. Run with a fixed seed or Hypothesis' ``derandomize`` setting in CI to keep a
green run green.

>>> import cascade
>>> from hypothesis import given, settings
>>> @settings(max_examples=3, deadline=None)
... @given(cascades(max_agencies=2, max_depth=2))
... def test_a_valid_city_has_no_finding(city):
...     assert cascade.check(city).findings == []
>>> test_a_valid_city_has_no_finding()
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - the testing extra is installed in CI
    _msg = (
        "cascade.strategies needs Hypothesis, which is not installed: "
        "pip install cascade-sakip[testing]"
    )
    raise ImportError(_msg, name=exc.name) from exc

from cascade.strategies._cascades import cascade_tables, cascades
from cascade.strategies._defects import INJECTABLE, DefectiveCascade, defective_cascades
from cascade.strategies._files import Workbook, workbooks
from cascade.strategies._tables import tables
from cascade.strategies._validate import InvalidArgument

__all__ = [
    "INJECTABLE",
    "DefectiveCascade",
    "InvalidArgument",
    "Workbook",
    "cascade_tables",
    "cascades",
    "defective_cascades",
    "tables",
    "workbooks",
]
