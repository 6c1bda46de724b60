"""Testing tools for code that uses :mod:`cascade`: assertions and a pytest plugin.

A tool built on ``cascade`` (an e-SAKIP or e-Kinerja application, a planning office's
import script) has cascade rules of its own to guard in its unit tests: this workbook must
stay clean, that defect must be reported, this agency must score that achievement. These
helpers state such facts in one line and, when one breaks, say what was found instead.

Install with the ``testing`` extra, which brings pytest and Hypothesis::

    pip install cascade-sakip[testing]

Vocabulary
----------
finding (temuan)
    One problem :func:`cascade.check` found: a rule (``orphan-goal``, ``CAS104``) about one
    subject (a unit, goal or indicator id).
selector
    How ``ignore`` names rules, as :func:`cascade.check` does: a rule name or code, a code
    prefix (``CAS3``), a category (``completeness``) or a family (``budget``).
achievement (capaian)
    The figure :func:`cascade.propagate` computes for an indicator, goal or owner, in percent.
near miss
    What a failed :func:`assert_finding` shows instead: the findings on that subject and the
    findings of that rule.

The assertions
--------------
:func:`assert_consistent`
    ``check`` finds nothing (except what ``ignore`` names, or below ``min_severity``);
    returns the :class:`~cascade.Report`. A failure lists the findings as a table.
:func:`assert_finding`, :func:`assert_no_finding`
    ``check`` reports (does not report) one rule on one subject. A failure shows the near
    misses, or says that the rule did not run.
:func:`assert_achievement`
    An indicator's, goal's or owner's achievement in a :class:`~cascade.Results` is a number
    (within an absolute ``tolerance`` in percentage points) or missing (``None``); returns
    the :class:`~cascade.Explanation`. A failure prints the explanation: the method, the
    formula and the inputs with their values, weights and shares.

They raise a plain :class:`AssertionError` with the whole story in its message, so they work
in pytest, unittest or a script, and importing :mod:`cascade.testing` needs neither pytest
nor Hypothesis. Mistakes in the test itself (an unknown rule or id, a negative tolerance)
raise :class:`~cascade.errors.UsageError` or :class:`~cascade.errors.UnknownIdError`
instead, so they error rather than fail.

>>> import cascade
>>> from cascade.testing import assert_achievement, assert_consistent, assert_finding
>>> city = cascade.load_example()
>>> report = assert_consistent(city)
>>> broken = cascade.load_example("with-defects")
>>> finding = assert_finding(broken, "orphan-goal", "DISNAKER-RHK-MAGANG")[0]
>>> finding.severity, finding.owner_id
(<Severity.ERROR: 'error'>, 'DISNAKER-PENTA-PELATIHAN-1')
>>> results = cascade.propagate(city, as_of="2024")
>>> assert_achievement(results, "DINASPU", 72.9, tolerance=0.05).source
'mean'

The pytest plugin
-----------------
Installing ``cascade-sakip`` registers :mod:`cascade.testing.plugin` with pytest (entry point
``pytest11``, name ``cascade``). It gives fixtures with the bundled example city:
``cascade_example`` (Kota Contoh), ``cascade_example_with_defects``,
``cascade_example_results`` (propagated for 2024) and ``cascade_workbook`` (a factory that
writes a cascade as xlsx, a CSV folder or JSON under the test's temporary directory). See
that module for each. Turn the plugin off with ``pytest -p no:cascade``.

Property-based tests
--------------------
:mod:`cascade.strategies` generates cascades for Hypothesis: ``cascades()`` draws consistent
cascades (no finding at all) and ``defective_cascades(name=...)`` draws cascades with one
known defect and the findings it must give. With these helpers::

    from hypothesis import given
    from cascade.strategies import cascades, defective_cascades
    from cascade.testing import assert_consistent, assert_finding


    @given(cascades(max_agencies=3))
    def test_my_import_keeps_a_clean_cascade_clean(city):
        assert_consistent(my_import(my_export(city)))


    @given(defective_cascades(name="orphan-indicator"))
    def test_my_import_keeps_the_orphans(case):
        for rule, subject in case.expected:
            assert_finding(my_import(my_export(case.cascade)), rule, subject, policy=case.policy)

``docs/testing.md`` walks through a downstream project's test suite.
"""

from __future__ import annotations

from cascade.testing._asserts import (
    MAX_LISTED,
    assert_achievement,
    assert_consistent,
    assert_finding,
    assert_no_finding,
)

__all__ = [
    "MAX_LISTED",
    "assert_achievement",
    "assert_consistent",
    "assert_finding",
    "assert_no_finding",
]
