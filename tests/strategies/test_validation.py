"""Every bad argument raises InvalidArgument, naming it, when the strategy is first used."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import hypothesis.errors
import pytest
from hypothesis import strategies as st

from cascade.errors import UsageError
from cascade.strategies import (
    InvalidArgument,
    cascade_tables,
    cascades,
    defective_cascades,
    tables,
    workbooks,
)

Strategy = Callable[..., st.SearchStrategy[Any]]

BAD: list[tuple[dict[str, Any], str]] = [
    ({"min_agencies": 0}, r"min_agencies=0 must be between 1 and 50"),
    ({"max_agencies": 51}, r"max_agencies=51 must be between 1 and 50"),
    ({"min_agencies": 3, "max_agencies": 2}, r"min_agencies=3 must not be above max_agencies=2"),
    ({"max_agencies": 2.0}, r"max_agencies=2.0 must be an integer, not float"),
    ({"max_agencies": True}, r"max_agencies=True must be an integer, not bool"),
    ({"min_depth": 0}, r"min_depth=0 must be between 1 and 4"),
    ({"max_depth": 5}, r"max_depth=5 must be between 1 and 4"),
    ({"min_depth": 3, "max_depth": 2}, r"min_depth=3 must not be above max_depth=2"),
    ({"max_children": -1}, r"max_children=-1 must be between 0 and 10"),
    ({"max_children": 0, "min_depth": 2}, r"max_children=0 .* min_depth=2 cannot be reached"),
    ({"min_indicators": 0}, r"min_indicators=0 must be between 1 and 10"),
    ({"min_indicators": 2, "max_indicators": 1}, r"min_indicators=2 must not be above"),
    ({"max_periods": 0}, r"max_periods=0 must be between 1 and 10"),
    ({"min_periods": 2, "max_periods": 1}, r"min_periods=2 must not be above max_periods=1"),
    ({"first_year": 24}, r"first_year=24 must be between 1900 and 2100"),
    ({"first_year": "2024"}, r"first_year='2024' must be an integer, not str"),
    ({"realisations": 1}, r"realisations=1 must be True or False, not int"),
    ({"budgets": None}, r"budgets=None must be True or False, not NoneType"),
    ({"polarities": []}, r"polarities=\[\] must not be empty"),
    ({"polarities": "maximize"}, r"polarities='maximize' must be a non-empty sequence"),
    ({"polarities": ["naik"]}, r"'naik' is not a polarity; expected maximize, minimize"),
    ({"polarities": ["minimize", "minimize"]}, r"names a polarity twice"),
]


@pytest.mark.parametrize("strategy", [cascades, cascade_tables, defective_cascades, workbooks])
@pytest.mark.parametrize(("kwargs", "message"), BAD)
def test_a_bad_cascade_argument_is_named(
    strategy: Strategy, kwargs: dict[str, Any], message: str
) -> None:
    s = strategy(**kwargs)  # as Hypothesis does, nothing is checked before first use
    with pytest.raises(InvalidArgument, match=message):
        s.validate()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: defective_cascades(max_agency=2), r"unknown keyword argument 'max_agency'"),
        (lambda: workbooks(max_agency=2), r"unknown keyword argument 'max_agency'"),
        (lambda: defective_cascades(42), r"name=42 must be None, a rule name or code"),
        (lambda: defective_cascades([]), r"name=\[\] must be None, a rule name or code"),
        (lambda: defective_cascades(["cycle", 7]), r"7 is not a rule name or code"),
        (lambda: workbooks(formats=["xls"]), r"'xls' is not a format; expected xlsx, csv"),
        (lambda: workbooks(formats="csv"), r"formats='csv' must be a non-empty sequence"),
        (lambda: workbooks(formats=()), r"formats=\(\) must not be empty"),
        (lambda: tables("indikator"), r"name='indikator' is not a table; expected one of units"),
        (lambda: tables(3), r"name=3 is not a table"),
        (lambda: tables("units", min_rows=-1), r"min_rows=-1 must be between 0 and 1000"),
        (lambda: tables("units", max_rows=1001), r"max_rows=1001 must be between 0 and 1000"),
        (lambda: tables("units", min_rows=5, max_rows=2), r"min_rows=5 must not be above"),
        (lambda: tables("units", canonical="yes"), r"canonical='yes' must be True or False"),
    ],
)
def test_other_bad_arguments_are_named(
    call: Callable[[], st.SearchStrategy[Any]], message: str
) -> None:
    strategy = call()
    with pytest.raises(InvalidArgument, match=message):
        strategy.validate()


def test_the_error_is_a_usage_error_and_hypothesis_invalid_argument() -> None:
    assert issubclass(InvalidArgument, UsageError)
    assert issubclass(InvalidArgument, hypothesis.errors.InvalidArgument)
    with pytest.raises(UsageError):
        cascades(max_depth=9).validate()
    with pytest.raises(hypothesis.errors.InvalidArgument):
        cascades(max_depth=9).validate()


def test_a_strategy_shows_the_call_that_made_it() -> None:
    assert repr(cascades()) == "deferred(cascades())"
    assert repr(cascades(max_depth=2)) == "deferred(cascades(max_depth=2))"
    assert repr(defective_cascades("cycle")) == "deferred(defective_cascades(name='cycle'))"
    assert repr(tables("units", max_rows=3)) == "deferred(tables(name='units', max_rows=3))"


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


def test_import_cascade_does_not_import_hypothesis() -> None:
    done = _run("import sys, cascade; print('hypothesis' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_without_hypothesis_the_import_says_what_to_install() -> None:
    # None in sys.modules makes `import hypothesis` fail as if it were not installed.
    done = _run("import sys; sys.modules['hypothesis'] = None; import cascade.strategies")
    assert done.returncode != 0
    assert "ImportError" in done.stderr
    assert "pip install cascade-sakip[testing]" in done.stderr
