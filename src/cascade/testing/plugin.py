"""The pytest plugin of :mod:`cascade`: fixtures with the bundled example city.

Installing ``cascade-sakip`` registers this module with pytest through the ``pytest11`` entry
point named ``cascade``, so the fixtures are there in any project's tests without a
``conftest.py`` line. ``pytest -p no:cascade`` turns the plugin off.

Fixtures
--------
``cascade_example`` (session)
    Kota Contoh, the clean example city (:func:`cascade.load_example`): 164 units, 223 goals,
    291 indicators, with 2024 targets, realisations and budgets. :func:`cascade.check` finds
    nothing in it.
``cascade_example_with_defects`` (session)
    The same city with one deliberate defect per consistency check
    (``load_example("with-defects")``; :func:`cascade.datasets.example_defects` lists them).
``cascade_example_results`` (function)
    Kota Contoh propagated for 2024 (:func:`cascade.propagate`), with the default policy.
``cascade_workbook`` (function)
    A factory: ``cascade_workbook(format="xlsx", cascade=None)`` writes ``cascade`` (by
    default Kota Contoh) as ``xlsx``, ``csv`` (a folder of CSV files) or ``json`` into a new
    folder under pytest's temporary directory and returns the path, for tests of code that
    reads workbooks. Each call writes a fresh copy, which the test may change.

Scopes: a :class:`~cascade.Cascade` is immutable (its tables come back as copies), so the two
cascades are built once per session. A :class:`~cascade.Results` holds its tables as plain
DataFrames a test could change, so each test gets its own (a propagation of Kota Contoh
takes a few hundredths of a second).

Cost: at pytest startup the plugin imports only the ``cascade`` package (pytest must, to
find it) and pytest; it reads the example only when a test asks for one of its fixtures, once
per session (a tenth of a second). It adds no command line option and no marker.

Example, in a downstream project's tests::

    from cascade.testing import assert_achievement, assert_consistent


    def test_the_example_city_is_clean(cascade_example):
        assert_consistent(cascade_example)


    def test_the_city_score(cascade_example_results):
        assert_achievement(cascade_example_results, "PEMKO", 96.6, tolerance=0.05)


    def test_my_reader(cascade_workbook):
        path = cascade_workbook("xlsx")
        assert my_reader(path).agencies == 9
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pytest

if TYPE_CHECKING:
    from cascade.engine import Results
    from cascade.io import Format
    from cascade.model import Cascade

__all__ = [
    "WorkbookFactory",
    "cascade_example",
    "cascade_example_results",
    "cascade_example_with_defects",
    "cascade_workbook",
]

_SUFFIX = {"xlsx": ".xlsx", "json": ".json", "csv": ""}


class WorkbookFactory(Protocol):
    """The type of the ``cascade_workbook`` fixture, for annotating a test's argument."""

    def __call__(self, format: Format = "xlsx", cascade: Cascade | None = None) -> Path:
        """Write ``cascade`` (Kota Contoh by default) in ``format``; the path written."""
        ...


@pytest.fixture(scope="session")
def cascade_example() -> Cascade:
    """Kota Contoh, the clean example city: ``cascade.load_example()``."""
    from cascade.datasets import load_example

    return load_example()


@pytest.fixture(scope="session")
def cascade_example_with_defects() -> Cascade:
    """Kota Contoh with one deliberate defect per check: ``load_example("with-defects")``."""
    from cascade.datasets import load_example

    return load_example("with-defects")


@pytest.fixture
def cascade_example_results(cascade_example: Cascade) -> Results:
    """Kota Contoh propagated for 2024 with the default policy; a new one for each test."""
    from cascade.engine import propagate

    return propagate(cascade_example, as_of="2024")


@pytest.fixture
def cascade_workbook(
    tmp_path_factory: pytest.TempPathFactory, cascade_example: Cascade
) -> WorkbookFactory:
    """A factory writing a cascade as a workbook under the temporary directory.

    ``cascade_workbook(format="xlsx", cascade=None)``: ``format`` is ``xlsx``, ``csv`` (a
    folder of ``<table>.csv``) or ``json``; ``cascade`` is Kota Contoh when ``None``. Each
    call writes into a new folder and returns the path of the file (or CSV folder), named
    ``workbook.xlsx``, ``workbook`` or ``workbook.json``. An unknown format raises
    :class:`~cascade.errors.UsageError`.
    """

    def write_workbook(format: Format = "xlsx", cascade: Cascade | None = None) -> Path:
        from cascade.errors import UsageError
        from cascade.io import write

        if format not in _SUFFIX:
            msg = f"cascade_workbook: unknown format {format!r}: expected xlsx, csv or json"
            raise UsageError(msg)
        folder = tmp_path_factory.mktemp("cascade-workbook")
        target = folder / f"workbook{_SUFFIX[format]}"
        return write(cascade_example if cascade is None else cascade, target, format=format)

    return write_workbook
