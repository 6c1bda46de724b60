"""workbooks(): the bytes cascade.write gives, which read back as the cascade."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

import cascade
from cascade.schema import TABLE_NAMES
from cascade.strategies import Workbook, workbooks


@settings(max_examples=6, deadline=None)
@given(workbooks(formats=["csv", "json"], max_periods=2))
def test_csv_and_json_read_back_as_the_cascade(
    tmp_path_factory: pytest.TempPathFactory, book: Workbook
) -> None:
    path = book.write_to(tmp_path_factory.mktemp("book"))
    assert cascade.read(path) == book.cascade
    if book.format == "csv":
        assert path.is_dir()
        assert sorted(book.files) == sorted(f"{book.path}/{t}.csv" for t in TABLE_NAMES)
    else:
        assert list(book.files) == [book.path]
        assert path.suffix == ".json"


@settings(max_examples=2, deadline=None)
@given(workbooks(formats=["xlsx"], max_agencies=1, max_depth=2))
def test_xlsx_reads_back_as_the_cascade(
    tmp_path_factory: pytest.TempPathFactory, book: Workbook
) -> None:
    path = book.write_to(tmp_path_factory.mktemp("book"))
    assert path.suffix == ".xlsx"
    assert book.files[book.path].startswith(b"PK")  # a zip archive
    assert cascade.read(path) == book.cascade
    assert cascade.check(book.cascade).ok


def test_write_to_makes_the_folders_it_needs(tmp_path: Path) -> None:
    book = Workbook.of(cascade.load_example(), "csv")
    path = book.write_to(tmp_path / "a" / "b")
    assert path == tmp_path / "a" / "b" / book.path
    assert cascade.read(path) == book.cascade
